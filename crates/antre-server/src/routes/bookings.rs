//! Bookings: create (idempotent), read, reschedule, cancel, calendar file.

use super::offices::office;
use super::{ApiJson, ApiPath, ClientLocale};
use crate::auth::{hex, Caller};
use crate::catalog::summary;
use crate::error::{ApiError, ErrorCode};
use crate::ics;
use crate::state::AppState;
use crate::store::bookings::{self, Booking, BookingConflict, Created, NewBooking};
use crate::store::{applicants, payments, slots};
use antre_api::bookings::{
    BookingApplicant, BookingView, CreateBookingRequest, FeeLineView, PaymentOutcome, PaymentView,
    RefundReason, RescheduleRequest,
};
use antre_api::error::ErrorBody;
use antre_api::IDEMPOTENCY_KEY_HEADER;
use antre_domain::booking::{
    check_cancel, check_reschedule, payment_deadline, BookingStatus, Reschedule, MAX_RESCHEDULES,
};
use antre_domain::documents::documents_to_bring;
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

pub fn booking_view(state: &AppState, b: &Booking) -> Result<BookingView, ApiError> {
    let entry = office(state, &b.office_id)?;
    let fee = official_fee(
        b.passport_kind,
        b.validity,
        b.application_kind,
        b.lane == Lane::SameDay,
    );
    let age = age_on(b.applicant_birth_date, b.day);
    let proof = matches!(
        b.status,
        BookingStatus::Confirmed | BookingStatus::CheckedIn
    )
    .then(|| state.proof_keys.sign(b));
    Ok(BookingView {
        id: b.id,
        status: b.status,
        applicant: BookingApplicant {
            id: b.applicant_id,
            name: b.applicant_name.clone(),
            nik_masked: b.nik.masked(),
        },
        office: summary(entry, None),
        slot_id: b.slot_id,
        date: b.day,
        session: b.session.clone(),
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        lane: b.lane,
        passport_kind: b.passport_kind,
        validity: b.validity,
        application_kind: b.application_kind,
        fee_total: fee.total(),
        fee_lines: fee
            .lines
            .iter()
            .map(|l| FeeLineView {
                item: l.item.to_string(),
                rupiah: l.rupiah,
            })
            .collect(),
        billing_code: b.billing_code.clone(),
        payment_deadline: b.payment_deadline,
        documents: documents_to_bring(b.application_kind, age)
            .into_iter()
            .map(str::to_string)
            .collect(),
        reschedules_left: MAX_RESCHEDULES.saturating_sub(b.reschedules),
        proof,
        created_at: b.created_at,
        payments: b.payments.iter().map(payment_view).collect(),
        refund_due: b.refund_due(),
    })
}

pub fn payment_view(p: &crate::store::payments::PaymentRow) -> PaymentView {
    PaymentView {
        amount: p.amount,
        received_at: p.received_at,
        outcome: outcome_view(p.outcome),
        refund_reason: p.reason.map(reason_view),
    }
}

pub fn outcome_view(o: payments::Outcome) -> PaymentOutcome {
    match o {
        payments::Outcome::Applied => PaymentOutcome::Applied,
        payments::Outcome::Reinstated => PaymentOutcome::Reinstated,
        payments::Outcome::RefundDue => PaymentOutcome::RefundDue,
    }
}

pub fn reason_view(r: payments::RefundReason) -> RefundReason {
    use payments::RefundReason as R;
    match r {
        R::UnknownBillingCode => RefundReason::UnknownBillingCode,
        R::WrongAmount => RefundReason::WrongAmount,
        R::AlreadyPaid => RefundReason::AlreadyPaid,
        R::Cancelled => RefundReason::Cancelled,
        R::PlaceTaken => RefundReason::PlaceTaken,
        R::PersonRebooked => RefundReason::PersonRebooked,
    }
}

async fn owned_booking(state: &AppState, caller: &Caller, id: Uuid) -> Result<Booking, ApiError> {
    bookings::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .filter(|b| b.account_id == caller.account.id)
        .ok_or_else(|| ErrorCode::NotFound.into())
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
    check_bookable(state, slot, birth, needs, passport)
}

/// `bookable_slot` for a slot already read.
fn check_bookable(
    state: &AppState,
    slot: slots::Slot,
    birth: chrono::NaiveDate,
    needs: antre_domain::person::DeclaredNeeds,
    passport: PassportKind,
) -> Result<slots::Slot, ApiError> {
    let entry = office(state, &slot.office_id)?;
    let now = state.clock.now();
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
    if slot.lane == Lane::Priority && !priority_eligible(birth, needs, slot.day) {
        return Err(ApiError::invalid("slot_id", DomainError::LaneNotEligible));
    }
    if passport == PassportKind::Electronic && !entry.office.services.electronic {
        return Err(ApiError::new(ErrorCode::ServiceNotOffered).field("passport_kind"));
    }
    Ok(slot)
}

#[utoipa::path(post, path = "/v1/bookings", tag = "bookings", security(("bearer" = [])), request_body = CreateBookingRequest,
    params(("Idempotency-Key" = String, Header, description = "client-chosen key; a retry with the same key returns the same booking")),
    responses((status = 201, body = BookingView), (status = 200, body = BookingView, description = "replay of an earlier request"),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
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
    let now = state.clock.now();
    // The applicant, the slot and whether it is certainly full, in one read: most of a flash
    // crowd ends with it.
    let reads = bookings::read_request(
        &state.db,
        caller.account.id,
        req.applicant_id,
        req.slot_id,
        &key,
        now,
    )
    .await
    .map_err(ApiError::internal)?;
    let applicant = reads
        .applicant
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound).field("applicant_id"))?;
    let slot = reads
        .slot
        .ok_or_else(|| ApiError::new(ErrorCode::SlotNotFound).field("slot_id"))?;
    let slot = check_bookable(
        &state,
        slot,
        applicant.birth_date,
        applicant.needs,
        req.passport_kind,
    )?;
    check_validity(
        req.validity,
        age_on(applicant.birth_date, slot.day),
        applicant.married,
    )
    .map_err(|e| ApiError::invalid("validity", e))?;
    if reads.certainly_full {
        return Err(ErrorCode::SlotFull.into());
    }
    let fee = official_fee(
        req.passport_kind,
        req.validity,
        req.application_kind,
        slot.lane == Lane::SameDay,
    );
    let request_hash = hex(&Sha256::digest(
        serde_json::to_vec(&req).map_err(ApiError::internal)?,
    ));
    let new = NewBooking {
        account_id: caller.account.id,
        applicant_id: applicant.id,
        nik: applicant.nik,
        slot_id: slot.id,
        passport_kind: req.passport_kind,
        validity: req.validity,
        application_kind: req.application_kind,
        fee_total: fee.total(),
        billing_code: crate::billing::new_code(),
        payment_deadline: payment_deadline(now),
    };
    let (status, id) = match bookings::create(&state.db, new, &key, &request_hash, now).await? {
        Created::New(id) => (StatusCode::CREATED, id),
        Created::Replayed(id) => (StatusCode::OK, id),
    };
    let booking = bookings::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::Internal)?;
    Ok((status, Json(booking_view(&state, &booking)?)))
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
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<BookingView>, ApiError> {
    let b = owned_booking(&state, &caller, id).await?;
    Ok(Json(booking_view(&state, &b)?))
}

#[utoipa::path(post, path = "/v1/bookings/{id}/reschedule", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = RescheduleRequest, responses((status = 200, body = BookingView), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
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

#[utoipa::path(post, path = "/v1/bookings/{id}/cancel", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = BookingView), (status = 409, body = ErrorBody)))]
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

#[utoipa::path(get, path = "/v1/bookings/{id}/calendar.ics", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/calendar", body = String)))]
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
