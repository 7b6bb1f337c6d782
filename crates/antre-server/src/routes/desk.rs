//! The office desk: the day by lane and hour with arrivals as they happen, and check-in by the
//! QR proof (scanned by a camera, typed by a USB scanner or by hand) with a clear refusal for a
//! proof of another office, day or person, and a queue number per lane.

use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::bookings::{self, Booking, BookingConflict};
use crate::store::slots;
use antre_api::bookings::BookingSource;
use antre_api::desk::{
    Arrival, DeskCheckInRequest, DeskDay, DeskEntry, DeskHour, DeskLane, DeskQuery,
};
use antre_api::error::ErrorBody;
use antre_api::{BookingStatus, Lane};
use antre_domain::nik::Nik;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono_tz::Tz;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/staff/offices/{id}/desk", get(desk_day))
        .route("/v1/staff/offices/{id}/desk/check-in", post(desk_check_in))
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
    match text {
        "draw" => BookingSource::Draw,
        "waitlist" => BookingSource::Waitlist,
        _ => BookingSource::Direct,
    }
}

pub fn desk_entry(b: &Booking) -> DeskEntry {
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
        walk_in_reason: None,
        beyond_quota: false,
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
        Ok(_) => {}
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
    Ok(Json(desk_entry(&booking)))
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
    Ok(Json(DeskDay {
        office_id: id,
        date,
        time_zone: entry.office.tz.name().to_string(),
        lanes: day_lanes(entry.office.tz, &day_slots, &people),
    }))
}

/// Lanes in their fixed order, each with its slots' places and its people by local hour.
fn day_lanes(tz: Tz, day_slots: &[slots::Slot], people: &[Booking]) -> Vec<DeskLane> {
    Lane::ALL
        .into_iter()
        .filter_map(|lane| {
            let lane_slots: Vec<_> = day_slots.iter().filter(|s| s.lane == lane).collect();
            let entries: Vec<DeskEntry> = people
                .iter()
                .filter(|b| b.lane == lane)
                .map(desk_entry)
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
