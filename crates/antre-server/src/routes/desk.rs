//! The office desk: the day by lane and hour with arrivals as they happen, and check-in by the
//! QR proof (scanned by a camera, typed by a USB scanner or by hand) with a clear refusal for a
//! proof of another office, day or person, and a queue number per lane; priority walk-ins into
//! the day's priority quota (or beyond it, when the office chooses, recorded).

use super::bookings::refuse_if_cooling_down;
use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::{hex, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::bookings::{self, Booking, BookingConflict, NewBooking};
use crate::store::desk::{self as walk_ins, NewWalkIn, Registered, WalkInConflict, WalkInPerson};
use crate::store::slots;
use antre_api::bookings::BookingSource;
use antre_api::desk::{
    Arrival, DeskCheckInRequest, DeskDay, DeskEntry, DeskHour, DeskLane, DeskQuery,
    QuotaReleaseRequest, QuotaReleaseView, SessionPlaces, WalkInRequest,
};
use antre_api::error::ErrorBody;
use antre_api::{BookingStatus, Lane, PassportKind, WalkInReason, IDEMPOTENCY_KEY_HEADER};
use antre_domain::booking::payment_deadline;
use antre_domain::desk::check_walk_in;
use antre_domain::fees::{check_validity, official_fee};
use antre_domain::nik::Nik;
use antre_domain::outreach::check_birth_date;
use antre_domain::person::{age_on, PersonName};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/staff/offices/{id}/desk", get(desk_day))
        .route("/v1/staff/offices/{id}/desk/check-in", post(desk_check_in))
        .route("/v1/staff/offices/{id}/desk/walk-ins", post(walk_in))
        .route(
            "/v1/staff/offices/{id}/days/{date}/places",
            post(release_places),
        )
}

fn arrival(status: BookingStatus) -> Arrival {
    match status {
        BookingStatus::Confirmed => Arrival::Expected,
        BookingStatus::CheckedIn => Arrival::Arrived,
        BookingStatus::PendingPayment => Arrival::Unpaid,
        BookingStatus::NoShow => Arrival::NoShow,
        _ => Arrival::Ended,
    }
}

fn source(text: &str) -> BookingSource {
    BookingSource::from_stored(text)
}

/// A walk-in's priority group, and whether it was served beyond the quota.
type WalkIn = Option<(WalkInReason, bool)>;

pub fn desk_entry(b: &Booking, walk_in: WalkIn) -> DeskEntry {
    DeskEntry {
        booking_id: b.id,
        name: b.applicant_name.clone(),
        nik_masked: b.nik_masked.clone(),
        lane: b.lane,
        session: b.session.clone(),
        starts_at: b.starts_at,
        status: b.status,
        arrival: arrival(b.status),
        queue_number: b.queue_number,
        checked_in_at: b.checked_in_at,
        source: source(&b.source),
        walk_in_reason: walk_in.map(|(reason, _)| reason),
        beyond_quota: walk_in.is_some_and(|(_, beyond)| beyond),
        refund_due: b.refund_due() > 0,
    }
}

#[utoipa::path(post, path = "/v1/staff/offices/{id}/desk/check-in", tag = "desk", security(("bearer" = [])),
    params(("id" = String, Path, description = "the desk's office", example = "kanim-bekasi")),
    request_body = DeskCheckInRequest,
    responses((status = 200, body = DeskEntry, description = "checked in, with the queue number of the booking's lane"),
        (status = 400, body = ErrorBody, description = "`invalid_proof`: not a proof signed by this service; `invalid_request`"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`: staff of another office"),
        (status = 404, body = ErrorBody, description = "`office_not_found`; `not_found`: the proof's booking is gone"),
        (status = 409, body = ErrorBody, description = "`already_checked_in`; `booking_unpaid`: not paid yet; \
            `proof_revoked`: cancelled, lapsed or a no-show"),
        (status = 422, body = ErrorBody, description = "`proof_other_office` (`$office`); `proof_other_day` (`$date`); \
            `proof_other_person`: the NIK of the e-KTP given is not the proof's; `invalid_nik`, `nik_*`: the NIK given is not a NIK")))]
/// Checks in the person of a QR proof at this office's desk. Refuses, each with its own reason,
/// a proof of another office, of another day, of another person (when the officer gives the
/// NIK of the e-KTP presented; it is compared by its keyed hash and never stored), one not paid
/// yet or no longer valid, and a second check-in. Audited with the queue number given.
pub async fn desk_check_in(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<DeskCheckInRequest>,
) -> Result<Json<DeskEntry>, ApiError> {
    caller.require_staff_of(&id)?;
    let entry = office(&state, &id)?;
    let nik = req
        .nik
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| Nik::parse(n).map_err(|e| ApiError::invalid("nik", e)))
        .transpose()?;
    let payload = state
        .proof_keys
        .verify(&state.db, req.proof.trim())
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidProof).field("proof"))?;
    let booking_id = payload
        .booking_id
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::InvalidProof).field("proof"))?;
    let booking = bookings::get(&state.db, booking_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    if booking.office_id != id {
        let name = state
            .catalog
            .get(&booking.office_id)
            .map_or_else(|| booking.office_id.clone(), |e| e.office.name.clone());
        return Err(ApiError::new(ErrorCode::ProofOtherOffice).arg("office", name));
    }
    if let Some(nik) = &nik {
        if state.personal_data.key(nik) != booking.nik_key {
            return Err(ApiError::new(ErrorCode::ProofOtherPerson).field("nik"));
        }
    }
    let now = state.clock.now();
    if state.catalog.today_at(entry, now) != booking.day {
        return Err(ApiError::new(ErrorCode::ProofOtherDay)
            .arg("date", booking.day.format("%Y-%m-%d").to_string()));
    }
    match booking.status {
        BookingStatus::Confirmed => {}
        BookingStatus::CheckedIn => return Err(ErrorCode::AlreadyCheckedIn.into()),
        BookingStatus::PendingPayment => return Err(ErrorCode::BookingUnpaid.into()),
        _ => return Err(ErrorCode::ProofRevoked.into()),
    }
    match bookings::check_in(
        &state.db,
        booking.id,
        &id,
        booking.day,
        booking.lane.as_str(),
        caller.actor(),
        now,
    )
    .await
    {
        Ok(_) => super::sms::prompt_rating_after_check_in(&state, booking.id, now).await,
        // Another desk was quicker, or the booking ended meanwhile: say which.
        Err(BookingConflict::NotActive) => {
            let now_status = bookings::get(&state.db, booking.id)
                .await
                .map_err(ApiError::internal)?
                .map(|b| b.status);
            return Err(match now_status {
                Some(BookingStatus::CheckedIn) => ErrorCode::AlreadyCheckedIn,
                _ => ErrorCode::ProofRevoked,
            }
            .into());
        }
        Err(e) => return Err(e.into()),
    }
    let booking = bookings::get(&state.db, booking.id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    let walk_in = walk_in_of(&state, &booking).await?;
    Ok(Json(desk_entry(&booking, walk_in)))
}

async fn walk_in_of(state: &AppState, b: &Booking) -> Result<WalkIn, ApiError> {
    Ok(walk_ins::walk_ins_of_day(&state.db, &b.office_id, b.day)
        .await
        .map_err(ApiError::internal)?
        .remove(&b.id))
}

#[utoipa::path(get, path = "/v1/staff/offices/{id}/desk", tag = "desk", security(("bearer" = [])),
    params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"), DeskQuery),
    responses((status = 200, body = DeskDay, description = "the day by lane and hour"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: `date` is not a date"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
/// An office's day at the desk: per lane, its places and how many are taken, arrived and
/// expected, and the people by the local hour their session starts, with their queue numbers.
pub async fn desk_day(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<DeskQuery>,
) -> Result<Json<DeskDay>, ApiError> {
    caller.require_staff_of(&id)?;
    let entry = office(&state, &id)?;
    let date = q
        .date
        .unwrap_or_else(|| state.catalog.today_at(entry, state.clock.now()));
    let day_slots = slots::of_office_between(&state.db, &id, date, date)
        .await
        .map_err(ApiError::internal)?;
    let people = bookings::roster(&state.db, &id, date, None)
        .await
        .map_err(ApiError::internal)?;
    let walked_in = walk_ins::walk_ins_of_day(&state.db, &id, date)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(DeskDay {
        office_id: id,
        date,
        time_zone: entry.office.tz.name().to_string(),
        lanes: day_lanes(entry.office.tz, &day_slots, &people, &walked_in),
    }))
}

/// Lanes in their fixed order, each with its slots' places and its people by local hour.
fn day_lanes(
    tz: Tz,
    day_slots: &[slots::Slot],
    people: &[Booking],
    walked_in: &HashMap<Uuid, (WalkInReason, bool)>,
) -> Vec<DeskLane> {
    Lane::ALL
        .into_iter()
        .filter_map(|lane| {
            let lane_slots: Vec<_> = day_slots.iter().filter(|s| s.lane == lane).collect();
            let entries: Vec<DeskEntry> = people
                .iter()
                .filter(|b| b.lane == lane)
                .map(|b| desk_entry(b, walked_in.get(&b.id).copied()))
                .collect();
            if lane_slots.is_empty() && entries.is_empty() {
                return None;
            }
            let count = |a: Arrival| entries.iter().filter(|e| e.arrival == a).count() as u32;
            let mut hours: Vec<DeskHour> = Vec::new();
            for e in entries.iter().cloned() {
                let hour = e.starts_at.with_timezone(&tz).format("%H:00").to_string();
                match hours.last_mut() {
                    Some(h) if h.hour == hour => h.entries.push(e),
                    _ => hours.push(DeskHour {
                        hour,
                        entries: vec![e],
                    }),
                }
            }
            Some(DeskLane {
                lane,
                capacity: lane_slots.iter().map(|s| s.capacity).sum(),
                taken: lane_slots.iter().map(|s| s.booked).sum(),
                arrived: count(Arrival::Arrived),
                expected: count(Arrival::Expected),
                hours,
            })
        })
        .collect()
}

#[utoipa::path(post, path = "/v1/staff/offices/{id}/desk/walk-ins", tag = "desk", security(("bearer" = [])),
    params(("id" = String, Path, description = "the desk's office", example = "kanim-bekasi"),
        ("Idempotency-Key" = String, Header, min_length = 8, max_length = 128, pattern = "^[!-~][ -~]*[!-~]$",
        description = "Desk-chosen key, 8 to 128 printable ASCII characters; a retry with the same key and body returns the same walk-in")),
    request_body = WalkInRequest,
    responses((status = 201, body = DeskEntry, description = "registered in today's priority lane with its queue number; pays by the billing code, then checks in by its proof, keeping the number"),
        (status = 200, body = DeskEntry, description = "replay of an earlier request with this key"),
        (status = 400, body = ErrorBody, description = "`idempotency_key_missing`; `invalid_request`"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`"),
        (status = 409, body = ErrorBody, description = "`priority_quota_full`: send again with `beyond_quota` to serve anyway; \
            `walk_in_exists`: registered here today already; `nik_has_active_booking`; `nik_cooling_down`; \
            `day_not_open`: no priority session left today; `day_closed`; `idempotency_key_reused`"),
        (status = 422, body = ErrorBody, description = "`walk_in_not_eligible`; `invalid_name`; `invalid_birth_date`; `invalid_nik`, `nik_*`; \
            `ten_year_not_allowed`; `service_not_offered`")))]
/// Registers a priority walk-in (60 or older, under 5, pregnant, with a disability; checked
/// against the NIK and birth date) into the priority lane's current or next session today,
/// filed under the office (source `walk_in`), never under the officer's own account. When the lane is full the office may choose to serve the person
/// anyway (`beyond_quota`): the place is added to the session and the walk-in recorded as
/// beyond the quota. The booking is billed like any other; the queue number is given now.
/// Audited.
pub async fn walk_in(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<WalkInRequest>,
) -> Result<(StatusCode, Json<DeskEntry>), ApiError> {
    caller.require_staff_of(&id)?;
    let entry = office(&state, &id)?;
    let key = headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| (8..=128).contains(&k.len()))
        .ok_or_else(|| {
            ApiError::new(ErrorCode::IdempotencyKeyMissing).field(IDEMPOTENCY_KEY_HEADER)
        })?
        .to_string();
    if !entry.office.services.offers_lane(Lane::Priority) {
        return Err(ApiError::new(ErrorCode::ServiceNotOffered).field("reason"));
    }
    if req.passport_kind == PassportKind::Electronic && !entry.office.services.electronic {
        return Err(ApiError::new(ErrorCode::ServiceNotOffered).field("passport_kind"));
    }
    let now = state.clock.now();
    let today = state.catalog.today_at(entry, now);
    let name = PersonName::parse(&req.name).map_err(|e| ApiError::invalid("name", e))?;
    let birth =
        check_birth_date(req.birth_date, today).map_err(|e| ApiError::invalid("birth_date", e))?;
    let nik = Nik::parse_with_birth_date(req.nik.trim(), birth)
        .map_err(|e| ApiError::invalid("nik", e))?;
    check_walk_in(req.reason, &nik, birth, today).map_err(|e| ApiError::invalid("reason", e))?;
    check_validity(req.validity, age_on(birth, today), false)
        .map_err(|e| ApiError::invalid("validity", e))?;
    let nik_key = state.personal_data.key(&nik);
    refuse_if_cooling_down(&state, &nik_key, now).await?;
    // The priority session under way or next today, with the day open.
    let slot = slots::of_office_between(&state.db, &id, today, today)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .filter(|s| {
            s.lane == Lane::Priority && s.ends_at > now && !s.closed && s.event_site_id.is_none()
        })
        .min_by_key(|s| s.starts_at)
        .ok_or(ErrorCode::DayNotOpen)?;
    let fee = official_fee(req.passport_kind, req.validity, req.application_kind, false);
    let request_hash = hex(&Sha256::digest(
        serde_json::to_vec(&req).map_err(ApiError::internal)?,
    ));
    let new = NewWalkIn {
        office_id: id.clone(),
        day: today,
        person: WalkInPerson {
            nik_sealed: state.personal_data.seal(&nik),
            nik_masked: nik.masked(),
            name: name.as_str().to_string(),
            birth_date: birth,
            reason: req.reason,
        },
        booking: NewBooking {
            account_id: caller.account.id,
            applicant_id: Uuid::nil(),
            nik: nik_key,
            slot_id: slot.id,
            passport_kind: req.passport_kind,
            validity: req.validity,
            application_kind: req.application_kind,
            fee_total: fee.total(),
            billing_code: crate::billing::new_code(),
            payment_deadline: payment_deadline(now),
            client_key: None,
        },
        beyond_quota: req.beyond_quota,
    };
    let (status, booking_id) =
        match walk_ins::register(&state.db, new, &key, &request_hash, caller.actor(), now).await {
            Ok(Registered::New(b)) => (StatusCode::CREATED, b),
            Ok(Registered::Replayed(b)) => (StatusCode::OK, b),
            Err(WalkInConflict::QuotaFull) => return Err(ErrorCode::PriorityQuotaFull.into()),
            Err(WalkInConflict::DayClosed) => return Err(ErrorCode::DayClosed.into()),
            Err(WalkInConflict::Exists) => return Err(ErrorCode::WalkInExists.into()),
            Err(WalkInConflict::Booking(e)) => return Err(e.into()),
        };
    let booking = bookings::get(&state.db, booking_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::Internal)?;
    let walk_in = walk_in_of(&state, &booking).await?;
    Ok((status, Json(desk_entry(&booking, walk_in))))
}

#[utoipa::path(post, path = "/v1/staff/offices/{id}/days/{date}/places", tag = "desk", security(("bearer" = [])),
    params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"),
        ("date" = NaiveDate, Path, description = "from today (at the office) to a year ahead", example = "2026-12-08")),
    request_body = QuotaReleaseRequest,
    responses((status = 201, body = QuotaReleaseView, description = "the places added to each session not yet ended, offered at once to the people waiting"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: places not 1 to 2000, the note blank or over 500 characters; \
            `date_out_of_range`: before today or more than a year ahead"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`; `not_found`: `date` is not a date"),
        (status = 409, body = ErrorBody, description = "`day_not_open`: no session of the lane left that day (open the day first); `day_closed`")))]
/// Releases extra places for one lane of an office-day (a long queue, an event): shared over
/// the lane's sessions not yet ended, offered at once to the people waiting, recorded with the
/// note and audited. A Saturday service day is opened first with `PUT .../days/{date}` (kind
/// `extra`).
pub async fn release_places(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, date)): ApiPath<(String, chrono::NaiveDate)>,
    ApiJson(req): ApiJson<QuotaReleaseRequest>,
) -> Result<(StatusCode, Json<QuotaReleaseView>), ApiError> {
    caller.require_staff_of(&id)?;
    let entry = office(&state, &id)?;
    let now = state.clock.now();
    super::local_hours::check_day(&state, entry, date)?;
    if req.places == 0 || req.places > 2000 {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("places"));
    }
    let note = req.note.trim().to_string();
    if note.is_empty() || note.chars().count() > 500 || note.contains('\0') {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("note"));
    }
    let open: Vec<slots::Slot> = slots::of_office_between(&state.db, &id, date, date)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        // Extra places are the office's own: an event site keeps the capacity it was given.
        .filter(|s| s.lane == req.lane && !s.closed && s.ends_at > now && s.event_site_id.is_none())
        .collect();
    if open.is_empty() {
        return Err(ErrorCode::DayNotOpen.into());
    }
    let parts = antre_domain::quota::split_across_sessions(req.places, open.len());
    let added: Vec<(i64, u32)> = open
        .iter()
        .zip(&parts)
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| (s.id, *n))
        .collect();
    let release = walk_ins::release_places(
        &state.db,
        &id,
        date,
        req.lane.as_str(),
        added.clone(),
        note,
        caller.actor(),
        now,
    )
    .await
    .map_err(|e| match e {
        walk_ins::ReleaseConflict::DayClosed => ApiError::new(ErrorCode::DayClosed),
        walk_ins::ReleaseConflict::Db(e) => ApiError::internal(e),
    })?;
    let sessions = open
        .iter()
        .zip(&parts)
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| SessionPlaces {
            session: s.session.clone(),
            slot_id: s.id,
            added: *n,
            capacity: s.capacity + n,
        })
        .collect();
    Ok((
        StatusCode::CREATED,
        Json(QuotaReleaseView {
            id: release,
            office_id: id,
            date,
            lane: req.lane,
            places: req.places,
            sessions,
        }),
    ))
}
