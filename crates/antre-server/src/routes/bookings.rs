//! Bookings: create (idempotent), read, reschedule, cancel, reconfirm attendance, calendar file.
//! How a booking is shown is `booking_view`; proofs are `proofs`; billing codes `billing`.

use super::booking_view::booking_view;
use super::offices::office;
use super::{ApiJson, ApiPath, ClientLocale};
use crate::auth::{hex, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::ics;
use crate::state::AppState;
use crate::store::bookings::{self, Booking, BookingConflict, Created, NewBooking};
use crate::store::{applicants, slots};
use antre_api::bookings::{BookingView, CreateBookingRequest, RescheduleRequest};
use antre_api::error::ErrorBody;
use antre_api::IDEMPOTENCY_KEY_HEADER;
use antre_domain::booking::{
    check_cancel, check_confirm_attendance, check_reschedule, payment_deadline, BookingStatus,
    Reschedule,
};
use antre_domain::fees::{check_validity, official_fee, PassportKind};
use antre_domain::lane::Lane;
use antre_domain::person::{age_on, priority_eligible};
use antre_domain::DomainError;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/bookings", get(list).post(create))
        .route("/v1/bookings/{id}", get(read))
        .route("/v1/bookings/{id}/reschedule", post(reschedule))
        .route("/v1/bookings/{id}/cancel", post(cancel))
        .route(
            "/v1/bookings/{id}/special-reschedule",
            post(special_reschedule),
        )
        .route(
            "/v1/bookings/{id}/confirm-attendance",
            post(confirm_attendance),
        )
        .route("/v1/bookings/{id}/calendar.ics", get(calendar_file))
}

impl From<BookingConflict> for ApiError {
    fn from(c: BookingConflict) -> Self {
        match c {
            BookingConflict::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused.into(),
            BookingConflict::NikHasActiveBooking => ErrorCode::NikHasActiveBooking.into(),
            BookingConflict::SlotFull => ErrorCode::SlotFull.into(),
            BookingConflict::NotActive => DomainError::BookingNotActive.into(),
            BookingConflict::BillingCodeTaken => {
                ApiError::internal("billing codes clashed on every attempt")
            }
            BookingConflict::Db(e) => ApiError::internal(e),
        }
    }
}

/// The published rules against hoarding: a NIK cooling down cannot book, enter a draw, wait
/// or accept an offer; it is told why and until when.
pub async fn refuse_if_cooling_down(
    state: &AppState,
    nik: &crate::personal_data::NikKey,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    let cooldown = crate::store::hoarding::cooldown_of(&state.db, nik.as_str(), now)
        .await
        .map_err(ApiError::internal)?;
    refuse_cooldown(cooldown)
}

/// The refusal of a NIK cooling down, if `cooldown` is one in force.
pub fn refuse_cooldown(cooldown: Option<crate::store::hoarding::Cooldown>) -> Result<(), ApiError> {
    match cooldown {
        None => Ok(()),
        Some(c) => Err(ApiError::new(ErrorCode::NikCoolingDown)
            .arg(
                "until",
                c.until
                    .with_timezone(&chrono_tz::Asia::Jakarta)
                    .format("%Y-%m-%d")
                    .to_string(),
            )
            .arg("reason", bookings::enum_name(&c.reason))),
    }
}

async fn owned_booking(state: &AppState, caller: &Caller, id: Uuid) -> Result<Booking, ApiError> {
    bookings::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .filter(|b| b.account_id == caller.account.id)
        .ok_or_else(|| ErrorCode::NotFound.into())
}

/// What the booking path needs besides the request: the database, the offices and which
/// releases are drawn. The HTTP API and the SMS channel (`PESAN`) both book through
/// [`book_direct`] with it.
#[derive(Clone, Copy)]
pub struct BookingPath<'a> {
    pub db: &'a crate::store::Db,
    pub catalog: &'a crate::catalog::Catalog,
    pub drawn_releases: &'a crate::draws::DrawnReleases,
}

impl<'a> BookingPath<'a> {
    pub fn of(state: &'a AppState) -> Self {
        BookingPath {
            db: &state.db,
            catalog: &state.catalog,
            drawn_releases: &state.drawn_releases,
        }
    }
}

/// A slot the booking may move into or be made in: exists, released, in the future, and its
/// lane and office fit the applicant and the service.
async fn bookable_slot(
    state: &AppState,
    slot_id: i64,
    birth: chrono::NaiveDate,
    needs: antre_domain::person::DeclaredNeeds,
    passport: PassportKind,
) -> Result<slots::Slot, ApiError> {
    let slot = slots::get(&state.db, slot_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::new(ErrorCode::SlotNotFound).field("slot_id"))?;
    check_bookable(
        BookingPath::of(state),
        slot,
        birth,
        needs,
        passport,
        state.clock.now(),
    )
    .await
}

/// `bookable_slot` for a slot already read.
async fn check_bookable(
    path: BookingPath<'_>,
    slot: slots::Slot,
    birth: chrono::NaiveDate,
    needs: antre_domain::person::DeclaredNeeds,
    passport: PassportKind,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<slots::Slot, ApiError> {
    let entry = path
        .catalog
        .get(&slot.office_id)
        .ok_or_else(|| ApiError::new(ErrorCode::OfficeNotFound))?;
    if slot.released_at > now {
        let local = slot.released_at.with_timezone(&entry.office.tz);
        let when = format!(
            "{} {}",
            local.format("%Y-%m-%d %H:%M"),
            entry.office.zone().label()
        );
        return Err(ApiError::new(ErrorCode::SlotNotReleased)
            .field("slot_id")
            .arg("released_at", when));
    }
    if slot.starts_at <= now {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("slot_id"));
    }
    if slot.closed {
        return Err(ApiError::new(ErrorCode::DayClosed).field("slot_id"));
    }
    // Until its release is drawn, nobody books its places first come, first served.
    if !path
        .drawn_releases
        .open_for_booking(path.db, slot.released_at)
        .await
        .map_err(ApiError::internal)?
    {
        return Err(ApiError::new(ErrorCode::DrawInProgress).field("slot_id"));
    }
    if slot.lane == Lane::Priority && !priority_eligible(birth, needs, slot.day) {
        return Err(ApiError::invalid("slot_id", DomainError::LaneNotEligible));
    }
    if passport == PassportKind::Electronic && !entry.office.services.electronic {
        return Err(ApiError::new(ErrorCode::ServiceNotOffered).field("passport_kind"));
    }
    Ok(slot)
}

#[utoipa::path(post, path = "/v1/bookings", tag = "bookings", security(("bearer" = [])), request_body = CreateBookingRequest,
    params(("Idempotency-Key" = String, Header, min_length = 8, max_length = 128, pattern = "^[!-~][ -~]*[!-~]$",
        description = "Client-chosen key, 8 to 128 printable ASCII characters; a retry with the same key and body returns the same booking")),
    responses((status = 201, body = BookingView, description = "booked: pending payment"),
        (status = 200, body = BookingView, description = "replay of an earlier request with this key"),
        (status = 400, body = ErrorBody, description = "`idempotency_key_missing`: the header is absent or not 8 to 128 characters; \
            `date_out_of_range`: the slot has begun; `invalid_request`"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such applicant on this account; `slot_not_found`"),
        (status = 409, body = ErrorBody, description = "`slot_full`, `nik_has_active_booking`, `day_closed`; \
            `idempotency_key_reused`: the key was used with another body"),
        (status = 422, body = ErrorBody, description = "`slot_not_released` (the message says when it will be), `lane_not_eligible`, \
            `service_not_offered`, `ten_year_not_allowed`")))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ip: Option<axum::Extension<crate::ratelimit::ClientIp>>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<CreateBookingRequest>,
) -> Result<(StatusCode, Json<BookingView>), ApiError> {
    let key = headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| (8..=128).contains(&k.len()))
        .ok_or_else(|| {
            ApiError::new(ErrorCode::IdempotencyKeyMissing).field(IDEMPOTENCY_KEY_HEADER)
        })?
        .to_string();
    let request_hash = hex(&Sha256::digest(
        serde_json::to_vec(&req).map_err(ApiError::internal)?,
    ));
    let client_key = ip.map(|axum::Extension(ip)| ip.key(&state.draw_secret));
    let (status, booking) = book_direct(
        BookingPath::of(&state),
        caller.account.id,
        &req,
        &key,
        &request_hash,
        client_key,
        state.clock.now(),
    )
    .await?;
    Ok((status, Json(booking_view(&state, &booking)?)))
}

/// The one booking path, first come, first served: the applicant of `account`, the slot
/// bookable for them, the validity allowed, no cool-down, then the place taken by the capacity
/// rule in the transaction that claims `key` (the same key and `request_hash` again give the
/// same booking back, `200`). Used by `POST /v1/bookings` and by the SMS channel's `PESAN`.
pub async fn book_direct(
    path: BookingPath<'_>,
    account: Uuid,
    req: &CreateBookingRequest,
    key: &str,
    request_hash: &str,
    client_key: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(StatusCode, Booking), ApiError> {
    // The applicant, the slot and whether it is certainly full, in one read: most of a flash
    // crowd ends with it.
    let reads = bookings::read_request(path.db, account, req.applicant_id, req.slot_id, key, now)
        .await
        .map_err(ApiError::internal)?;
    let applicant = reads
        .applicant
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound).field("applicant_id"))?;
    let slot = reads
        .slot
        .ok_or_else(|| ApiError::new(ErrorCode::SlotNotFound).field("slot_id"))?;
    let slot = check_bookable(
        path,
        slot,
        applicant.birth_date,
        applicant.needs,
        req.passport_kind,
        now,
    )
    .await?;
    check_validity(
        req.validity,
        age_on(applicant.birth_date, slot.day),
        applicant.married,
    )
    .map_err(|e| ApiError::invalid("validity", e))?;
    refuse_cooldown(reads.cooldown)?;
    if reads.certainly_full {
        return Err(ErrorCode::SlotFull.into());
    }
    let fee = official_fee(
        req.passport_kind,
        req.validity,
        req.application_kind,
        slot.lane == Lane::SameDay,
    );
    let new = NewBooking {
        account_id: account,
        applicant_id: applicant.id,
        nik: applicant.nik_key.clone(),
        slot_id: slot.id,
        passport_kind: req.passport_kind,
        validity: req.validity,
        application_kind: req.application_kind,
        fee_total: fee.total(),
        billing_code: crate::billing::new_code(),
        payment_deadline: payment_deadline(now),
        client_key,
    };
    // Only a booking at an event site reads where it is (the common path reads nothing more).
    let event_site = match slot.event_site_id {
        Some(site) => crate::store::event_sites::places(path.db, [site])
            .await
            .map_err(ApiError::internal)?
            .remove(&site),
        None => None,
    };
    let (status, booking) =
        match bookings::create_returning(path.db, new, key, request_hash, now).await? {
            // Made now: the answer is what was written (no read after the write). Instants are
            // stored in whole seconds; the answer shows them as a read would.
            (Created::New(id), written) => (
                StatusCode::CREATED,
                Booking {
                    id,
                    account_id: written.account_id,
                    applicant_id: applicant.id,
                    applicant_name: applicant.name,
                    applicant_birth_date: applicant.birth_date,
                    nik_key: applicant.nik_key,
                    nik_masked: applicant.nik_masked,
                    slot_id: slot.id,
                    office_id: slot.office_id,
                    day: slot.day,
                    session: slot.session,
                    lane: slot.lane,
                    starts_at: slot.starts_at,
                    ends_at: slot.ends_at,
                    // A place was taken: the day is open.
                    slot_closed: false,
                    status: BookingStatus::PendingPayment,
                    passport_kind: written.passport_kind,
                    validity: written.validity,
                    application_kind: written.application_kind,
                    fee_total: written.fee_total,
                    billing_code: written.billing_code,
                    payment_deadline: crate::store::instant(written.payment_deadline.timestamp()),
                    reschedules: 0,
                    created_at: crate::store::instant(now.timestamp()),
                    payments: Vec::new(),
                    reconfirm_until: reads.reconfirm_until,
                    attendance_confirmed_at: None,
                    end_reason: None,
                    source: bookings::Source::Direct.as_str().to_string(),
                    checked_in_at: None,
                    queue_number: None,
                    // A place was taken, so no closure or disruption covers it; not visited yet.
                    disruption: None,
                    rated: false,
                    reported: false,
                    event_site,
                },
            ),
            (Created::Replayed(id), _) => (
                StatusCode::OK,
                bookings::get(path.db, id)
                    .await
                    .map_err(ApiError::internal)?
                    .ok_or(ErrorCode::Internal)?,
            ),
        };
    Ok((status, booking))
}

#[utoipa::path(get, path = "/v1/bookings", tag = "bookings", security(("bearer" = [])), responses((status = 200, body = [BookingView])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<BookingView>>, ApiError> {
    let rows = bookings::of_account(&state.db, caller.account.id)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(
        rows.iter()
            .map(|b| booking_view(&state, b))
            .collect::<Result<_, _>>()?,
    ))
}

#[utoipa::path(get, path = "/v1/bookings/{id}", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody, description = "`not_found`: no booking of the caller's \
        (staff also read the bookings their office filed under its own account: walk-ins, drive members)")))]
/// A booking of the caller's; for staff of an office, also the walk-ins and drive members the
/// office registered.
pub async fn read(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingView>, ApiError> {
    let b = bookings::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .filter(|b| b.account_id == caller.account.id || office_may_read(&caller, b))
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(booking_view(&state, &b)?))
}

/// A booking the office filed under its own account (a walk-in, a drive member) is read by the
/// office's staff, outreach officers and head (to print its slip), and by admins.
fn office_may_read(caller: &Caller, b: &Booking) -> bool {
    use antre_api::accounts::Role;
    b.account_id == crate::store::desk::office_account_id(&b.office_id)
        && match caller.account.role {
            Role::Admin => true,
            Role::Staff | Role::Head | Role::Outreach => {
                caller.account.office_id.as_deref() == Some(b.office_id.as_str())
            }
            Role::Applicant => false,
        }
}

#[utoipa::path(post, path = "/v1/bookings/{id}/reschedule", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = RescheduleRequest,
    responses((status = 200, body = BookingView, description = "moved to the new slot"),
        (status = 400, body = ErrorBody, description = "`date_out_of_range`: the slot has begun; `invalid_request`"),
        (status = 404, body = ErrorBody, description = "`not_found`, `slot_not_found`"),
        (status = 409, body = ErrorBody, description = "`same_slot`, `slot_full`, `day_closed`, `reschedule_limit_reached`, `booking_not_active`"),
        (status = 422, body = ErrorBody, description = "`reschedule_too_late`, `reschedule_other_office`, `reschedule_other_lane`, \
            `slot_not_released`, `lane_not_eligible`, `service_not_offered`, `ten_year_not_allowed`")))]
pub async fn reschedule(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<RescheduleRequest>,
) -> Result<Json<BookingView>, ApiError> {
    let b = owned_booking(&state, &caller, id).await?;
    let entry = office(&state, &b.office_id)?;
    let today = state.catalog.today_at(entry, state.clock.now());
    let kind = check_reschedule(b.status, b.reschedules, b.day, today, b.slot_closed)?;
    let applicant = applicants::get(&state.db, caller.account.id, b.applicant_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    let slot = bookable_slot(
        &state,
        req.slot_id,
        applicant.birth_date,
        applicant.needs,
        b.passport_kind,
    )
    .await?;
    if slot.id == b.slot_id {
        return Err(ApiError::new(ErrorCode::SameSlot).field("slot_id"));
    }
    if slot.lane != b.lane {
        // The fee (same-day surcharge) and the quota differ per lane: moving lanes is a new booking.
        return Err(ApiError::new(ErrorCode::RescheduleOtherLane).field("slot_id"));
    }
    if slot.office_id != b.office_id && kind == Reschedule::Ordinary {
        // Only a closure may send people elsewhere; otherwise a reschedule would be a way to
        // hop between offices' quotas without giving up a place.
        return Err(ApiError::new(ErrorCode::RescheduleOtherOffice).field("slot_id"));
    }
    check_validity(
        b.validity,
        age_on(applicant.birth_date, slot.day),
        applicant.married,
    )
    .map_err(|e| ApiError::invalid("slot_id", e))?;
    bookings::reschedule(
        &state.db,
        id,
        caller.account.id,
        b.slot_id,
        slot.id,
        kind == Reschedule::Ordinary,
        state.clock.now(),
    )
    .await?;
    let b = owned_booking(&state, &caller, id).await?;
    Ok(Json(booking_view(&state, &b)?))
}

/// Other offices the one-tap special reschedule tries, nearest first, and how far away.
const NEARBY_OFFICES: usize = 5;
const NEARBY_KM: f64 = 250.0;
/// Open slots tried per office (a place may go between reading and taking it).
const TRIES_PER_OFFICE: i64 = 10;

#[utoipa::path(post, path = "/v1/bookings/{id}/special-reschedule", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = BookingView, description = "moved to the earliest open place of its lane at its office, else at the nearest office with one; \
            the ordinary reschedule is not used up"),
        (status = 404, body = ErrorBody, description = "`not_found`"),
        (status = 409, body = ErrorBody, description = "`not_stranded`: no closure or disruption covers the booking; `booking_not_active`; \
            `no_place_for_special_reschedule`: no open place at the office or nearby (the booking stays)"),
        (status = 422, body = ErrorBody, description = "`reschedule_too_late`: the closed day has passed")))]
/// The one tap after a closure or disruption: the server picks the place (same lane, the
/// earliest at the same office, else at the nearest office within 250 km that has one) and
/// moves the booking there without counting it against the one ordinary reschedule.
pub async fn special_reschedule(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingView>, ApiError> {
    let b = owned_booking(&state, &caller, id).await?;
    let entry = office(&state, &b.office_id)?;
    let now = state.clock.now();
    let today = state.catalog.today_at(entry, now);
    if check_reschedule(b.status, b.reschedules, b.day, today, b.slot_closed)?
        != Reschedule::AfterClosure
    {
        return Err(ErrorCode::NotStranded.into());
    }
    let applicant = applicants::get(&state.db, caller.account.id, b.applicant_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    let offices: Vec<String> = std::iter::once(b.office_id.clone())
        .chain(
            state
                .catalog
                .nearest(entry.office.lat, entry.office.lon)
                .into_iter()
                .filter(|(e, km)| e.office.id != b.office_id && *km <= NEARBY_KM)
                .take(NEARBY_OFFICES)
                .map(|(e, _)| e.office.id.clone()),
        )
        .collect();
    for office_id in offices {
        let open = slots::first_of_office(
            &state.db,
            &office_id,
            b.lane,
            slots::PlaceRule::Special,
            None,
            now,
            TRIES_PER_OFFICE,
        )
        .await
        .map_err(ApiError::internal)?;
        for slot in open {
            let Ok(slot) = check_bookable(
                BookingPath::of(&state),
                slot,
                applicant.birth_date,
                applicant.needs,
                b.passport_kind,
                now,
            )
            .await
            else {
                continue;
            };
            if check_validity(
                b.validity,
                age_on(applicant.birth_date, slot.day),
                applicant.married,
            )
            .is_err()
            {
                continue;
            }
            match bookings::reschedule(
                &state.db,
                id,
                caller.account.id,
                b.slot_id,
                slot.id,
                false,
                now,
            )
            .await
            {
                Ok(_) => {
                    let b = owned_booking(&state, &caller, id).await?;
                    return Ok(Json(booking_view(&state, &b)?));
                }
                Err(BookingConflict::SlotFull) => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
    Err(ErrorCode::NoPlaceForSpecialReschedule.into())
}

#[utoipa::path(post, path = "/v1/bookings/{id}/cancel", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = BookingView, description = "cancelled; the place is free again"),
        (status = 404, body = ErrorBody, description = "`not_found`"),
        (status = 409, body = ErrorBody, description = "`booking_not_active`"),
        (status = 422, body = ErrorBody, description = "`cancel_too_late`: the appointment has begun")))]
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingView>, ApiError> {
    let b = owned_booking(&state, &caller, id).await?;
    let now = state.clock.now();
    check_cancel(b.status, b.starts_at, now)?;
    bookings::cancel(&state.db, id, caller.account.id, now).await?;
    let b = owned_booking(&state, &caller, id).await?;
    Ok(Json(booking_view(&state, &b)?))
}

#[utoipa::path(post, path = "/v1/bookings/{id}/confirm-attendance", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
/// Reconfirms attendance, where the office asks for it (the booking view says by when).
pub async fn confirm_attendance(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingView>, ApiError> {
    let b = owned_booking(&state, &caller, id).await?;
    let entry = office(&state, &b.office_id)?;
    check_confirm_attendance(
        b.status,
        super::booking_view::confirm_by(entry, &b),
        state.clock.now(),
    )?;
    bookings::confirm_attendance(&state.db, id, caller.account.id, state.clock.now()).await?;
    let b = owned_booking(&state, &caller, id).await?;
    Ok(Json(booking_view(&state, &b)?))
}

#[utoipa::path(get, path = "/v1/bookings/{id}/calendar.ics", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/calendar", body = String, description = "an iCalendar event of the appointment"),
        (status = 404, body = ErrorBody, description = "`not_found`")))]
pub async fn calendar_file(
    State(state): State<AppState>,
    caller: Caller,
    ClientLocale(locale): ClientLocale,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<impl IntoResponse, ApiError> {
    let b = owned_booking(&state, &caller, id).await?;
    let entry = office(&state, &b.office_id)?;
    let view = booking_view(&state, &b)?;
    let body = ics::booking_event(&state.localizer, locale, entry, &view, state.clock.now());
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"antre-{}.ics\"", b.billing_code),
            ),
        ],
        body,
    ))
}
