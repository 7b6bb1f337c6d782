//! Office staff: check-in by QR proof, the day's roster, the end-of-day no-show sweep, and
//! payment confirmation for the local setup without a payment provider.

use super::booking_view::booking_view;
use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::planning::{self, DayChange};
use crate::state::AppState;
use crate::store::bookings::{self, Booking};
use crate::store::payments::{self, Channel, Received};
use antre_api::bookings::BookingView;
use antre_api::error::ErrorBody;
use antre_api::staff::{
    AuditEntryView, AuditPage, AuditQuery, BusyAccount, BusyAddress, CheckInRequest,
    NoShowSweepRequest, NoShowSweepResult, OfficeDayKind, OfficeDayRequest, RepeatedLapses,
    RosterEntry, RosterQuery, SuspiciousView,
};
use antre_api::BookingStatus;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::NaiveDate;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/staff/check-in", post(check_in))
        .route("/v1/staff/offices/{id}/roster", get(roster))
        .route("/v1/staff/offices/{id}/suspicious", get(suspicious))
        .route("/v1/staff/offices/{id}/audit", get(audit))
        .route("/v1/staff/offices/{id}/no-show-sweep", post(no_show_sweep))
        .route(
            "/v1/staff/payments/{billing_code}/confirm",
            post(confirm_payment),
        )
        .route(
            "/v1/staff/offices/{id}/days/{date}",
            put(set_office_day).delete(clear_office_day),
        )
}

fn roster_entry(b: &Booking) -> Result<RosterEntry, ApiError> {
    Ok(RosterEntry {
        booking_id: b.id,
        name: b.applicant_name.clone(),
        nik_masked: b.nik_masked.clone(),
        lane: b.lane,
        session: b.session.clone(),
        status: b.status,
        refund_due: b.refund_due() > 0,
        queue_number: b.queue_number,
    })
}

#[utoipa::path(post, path = "/v1/staff/check-in", tag = "staff", security(("bearer" = [])), request_body = CheckInRequest,
    responses((status = 200, body = RosterEntry, description = "checked in, with the queue number of its lane (as at the desk)"),
        (status = 400, body = ErrorBody, description = "`invalid_proof`, `invalid_request`"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`not_found`: the proof's booking is gone"),
        (status = 409, body = ErrorBody, description = "`booking_not_active`: not confirmed (unpaid, cancelled, checked in already)"),
        (status = 422, body = ErrorBody, description = "`not_today`: the appointment is another day")))]
pub async fn check_in(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<CheckInRequest>,
) -> Result<Json<RosterEntry>, ApiError> {
    caller.require_staff()?;
    let payload = state
        .proof_keys
        .verify(&state.db, &req.proof)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidProof).field("proof"))?;
    let id = payload
        .booking_id
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::InvalidProof).field("proof"))?;
    let booking = bookings::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    caller.require_staff_of(&booking.office_id)?;
    let entry = office(&state, &booking.office_id)?;
    let now = state.clock.now();
    if state.catalog.today_at(entry, now) != booking.day {
        return Err(ErrorCode::NotToday.into());
    }
    bookings::check_in(
        &state.db,
        id,
        &booking.office_id,
        booking.day,
        booking.lane.as_str(),
        caller.actor(),
        now,
    )
    .await?;
    super::sms::prompt_rating_after_check_in(&state, id, now).await;
    let booking = bookings::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(roster_entry(&booking)?))
}

#[utoipa::path(get, path = "/v1/staff/offices/{id}/roster", tag = "staff", security(("bearer" = [])), params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"), RosterQuery),
    responses((status = 200, body = [RosterEntry]),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
pub async fn roster(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<RosterQuery>,
) -> Result<Json<Vec<RosterEntry>>, ApiError> {
    caller.require_staff_of(&id)?;
    office(&state, &id)?;
    let rows = bookings::roster(&state.db, &id, q.date, q.lane)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(
        rows.iter().map(roster_entry).collect::<Result<_, _>>()?,
    ))
}

#[utoipa::path(post, path = "/v1/staff/offices/{id}/no-show-sweep", tag = "staff", security(("bearer" = [])), params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi")),
    request_body = NoShowSweepRequest,
    responses((status = 200, body = NoShowSweepResult),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
pub async fn no_show_sweep(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<NoShowSweepRequest>,
) -> Result<Json<NoShowSweepResult>, ApiError> {
    caller.require_staff_of(&id)?;
    office(&state, &id)?;
    let marked =
        bookings::mark_no_shows(&state.db, &id, req.date, caller.actor(), state.clock.now())
            .await?;
    Ok(Json(NoShowSweepResult {
        marked_no_show: marked,
    }))
}

#[utoipa::path(post, path = "/v1/staff/payments/{billing_code}/confirm", tag = "staff", security(("bearer" = [])),
    params(("billing_code" = String, Path, pattern = "^[0-9]{16}$", description = "16 digits")),
    responses((status = 200, body = BookingView, description = "paid at the counter: confirmed"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`; `counter_payment_not_allowed`: the office takes no counter payments"),
        (status = 404, body = ErrorBody, description = "`not_found`: no booking has this billing code (or it is not 16 digits)"),
        (status = 409, body = ErrorBody, description = "`payment_not_pending`")))]
pub async fn confirm_payment(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<BookingView>, ApiError> {
    caller.require_staff()?;
    if !crate::billing::is_code(&code) {
        return Err(ErrorCode::NotFound.into());
    }
    let booking = bookings::by_billing_code(&state.db, &code)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    caller.require_staff_of(&booking.office_id)?;
    if !payments::counter_allowed(&state.db, &booking.office_id)
        .await
        .map_err(ApiError::internal)?
    {
        return Err(ErrorCode::CounterPaymentNotAllowed.into());
    }
    if booking.status != BookingStatus::PendingPayment {
        return Err(ErrorCode::PaymentNotPending.into());
    }
    payments::receive(
        &state.db,
        Received {
            channel: Channel::Counter,
            // One counter payment per booking: a double click records it once.
            reference: booking.id.to_string(),
            billing_code: code,
            amount: booking.fee_total,
        },
        Some((caller.actor(), "payment.counter".to_string())),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    let booking = bookings::get(&state.db, booking.id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(booking_view(&state, &booking)?))
}

#[utoipa::path(put, path = "/v1/staff/offices/{id}/days/{date}", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"), ("date" = NaiveDate, Path, description = "from today (at the office) to a year ahead", example = "2026-12-08")), request_body = OfficeDayRequest,
    responses((status = 204, description = "changed on every instance"),
        (status = 400, body = ErrorBody, description = "`date_out_of_range`: before today at the office or more than a year ahead; \
            `invalid_request`: `note` is blank or over 500 characters, or the body is malformed"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`; `not_found`: `date` is not a date")))]
/// Closes an office-day (outage, renovation) or opens an extra one (Saturday service, event).
/// Takes effect at once on every instance: a closed day takes no new bookings and its bookings
/// may take the special reschedule; an extra day's places open per the office's release policy.
pub async fn set_office_day(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, date)): ApiPath<(String, NaiveDate)>,
    ApiJson(req): ApiJson<OfficeDayRequest>,
) -> Result<StatusCode, ApiError> {
    caller.require_staff_of(&id)?;
    let entry = office(&state, &id)?;
    // From today at the office up to a year ahead.
    super::local_hours::check_day(&state, entry, date)?;
    let note = req.note.trim().to_string();
    // PostgreSQL text cannot hold U+0000, and no note needs it.
    if note.is_empty() || note.chars().count() > MAX_NOTE_CHARS || note.contains('\0') {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("note"));
    }
    let change = match req.kind {
        OfficeDayKind::Closed => DayChange::Close { note },
        OfficeDayKind::Extra => DayChange::Open { note },
    };
    planning::change_office_day(
        &state.db,
        &state.catalog,
        entry,
        date,
        change,
        caller.actor(),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    // Entries are checked against the release's office-days: this changed them.
    state.release_shapes.forget_all();
    Ok(StatusCode::NO_CONTENT)
}

/// The reason staff give for a changed day is shown to applicants; a sentence, not a document.
const MAX_NOTE_CHARS: usize = 500;

#[utoipa::path(delete, path = "/v1/staff/offices/{id}/days/{date}", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"), ("date" = NaiveDate, Path, description = "from today (at the office) to a year ahead", example = "2026-12-08")),
    responses((status = 204, description = "the day follows the national calendar again"),
        (status = 400, body = ErrorBody, description = "`date_out_of_range`: before today at the office or more than a year ahead"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`; `not_found`: `date` is not a date")))]
/// Returns an office-day to the national calendar. Bookings of a withdrawn extra day keep their
/// places and may take the special reschedule.
pub async fn clear_office_day(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, date)): ApiPath<(String, NaiveDate)>,
) -> Result<StatusCode, ApiError> {
    caller.require_staff_of(&id)?;
    let entry = office(&state, &id)?;
    // From today at the office up to a year ahead.
    super::local_hours::check_day(&state, entry, date)?;
    planning::change_office_day(
        &state.db,
        &state.catalog,
        entry,
        date,
        DayChange::Clear,
        caller.actor(),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    state.release_shapes.forget_all();
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/staff/offices/{id}/suspicious", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = SuspiciousView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Patterns at an office worth an officer's look, with the evidence: accounts changing many
/// applicants, people whose holds lapse again and again, one address behind many people. For
/// people to judge; no rule acts on it.
pub async fn suspicious(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<SuspiciousView>, ApiError> {
    use crate::store::suspicious as found;
    caller.require_staff_of(&id)?;
    office(&state, &id)?;
    let now = state.clock.now();
    let since = now - found::WINDOW;
    let internal = ApiError::internal;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(Json(SuspiciousView {
        office_id: id.clone(),
        days: found::WINDOW.num_days() as u32,
        accounts: found::accounts(&state.db, &id, since)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|a| BusyAccount {
                account_id: a.account_id,
                added: count(a.added),
                removed: count(a.removed),
                people_here: count(a.people_here),
            })
            .collect(),
        lapsing: found::lapsing(&state.db, &id, since, now)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|l| RepeatedLapses {
                nik_masked: l.nik_masked,
                lapses: count(l.lapses),
                cooling_down_until: l.cooling_down_until,
            })
            .collect(),
        addresses: found::addresses(&state.db, &id, since)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|a| BusyAddress {
                client_key: a.client_key,
                people: count(a.people),
                entries: count(a.entries),
                bookings: count(a.bookings),
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/v1/staff/offices/{id}/audit", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path), AuditQuery),
    responses((status = 200, body = AuditPage, description = "newest first"),
        (status = 403, body = ErrorBody, description = "`forbidden` (not the office's head or an admin), `wrong_office`")))]
/// The office's trail of staff actions (who, when, what), newest first, for its head and for
/// admins. Nothing in the API changes or deletes an entry.
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    caller.require_head_of(&id)?;
    office(&state, &id)?;
    let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 200));
    let entries = crate::store::audit::of_office(&state.db, &id, q.before, limit)
        .await
        .map_err(ApiError::internal)?;
    let next_before = (entries.len() as i64 == limit)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    Ok(Json(AuditPage {
        entries: entries
            .into_iter()
            .map(|e| AuditEntryView {
                id: e.id,
                at: e.at,
                actor_account_id: e.actor_account_id,
                actor_role: e.actor_role,
                action: e.action,
                target: e.target,
                detail: e.detail,
            })
            .collect(),
        next_before,
    }))
}
