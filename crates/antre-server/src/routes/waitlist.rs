//! The waitlist: wait for a freed place at some offices over some days; accept (one tap, a
//! booking) or decline an offered place before it passes on.

use super::booking_view::booking_view;
use super::bookings::refuse_if_cooling_down;
use super::offices::{office, slot_view};
use super::{ApiJson, ApiPath};
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::bookings::{self, BookingConflict, NewBooking};
use crate::store::waitlist::{self, AcceptError, JoinError, NewWaiting, Waiting};
use crate::store::{applicants, slots};
use antre_api::bookings::{BookingApplicant, BookingView};
use antre_api::draws::{OfferView, WaitlistRequest, WaitlistStatus, WaitlistView};
use antre_api::error::ErrorBody;
use antre_domain::booking::payment_deadline;
use antre_domain::fees::{check_validity, official_fee, PassportKind};
use antre_domain::lane::Lane;
use antre_domain::person::{age_on, priority_eligible};
use antre_domain::DomainError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::Days;
use uuid::Uuid;

/// Offices one person may wait for at once.
const MAX_OFFICES: usize = 5;
/// Longest span of days one may wait for.
const MAX_DAYS: u64 = 62;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/waitlist", get(list).post(join))
        .route("/v1/waitlist/{id}", delete(leave))
        .route("/v1/offers/{id}/accept", post(accept))
        .route("/v1/offers/{id}/decline", post(decline))
}

async fn waitlist_view(state: &AppState, w: &Waiting) -> Result<WaitlistView, ApiError> {
    let applicant = applicants::get_any(&state.db, w.applicant_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::Internal)?;
    let offer = match &w.offer {
        Some(o) => {
            let slot = slots::get(&state.db, o.slot_id)
                .await
                .map_err(ApiError::internal)?
                .ok_or(ErrorCode::Internal)?;
            let entry = office(state, &slot.office_id)?;
            Some(OfferView {
                id: o.id,
                expires_at: o.expires_at,
                slot: slot_view(
                    entry,
                    &slot,
                    super::offices::sites_of(state, std::slice::from_ref(&slot))
                        .await?
                        .into_values()
                        .next(),
                ),
            })
        }
        None => None,
    };
    let waiting = matches!(w.status.as_str(), "waiting" | "offered");
    Ok(WaitlistView {
        id: w.id,
        applicant: BookingApplicant {
            id: applicant.id,
            name: applicant.name.clone(),
            nik_masked: applicant.nik_masked.clone(),
        },
        lane: w.lane,
        passport_kind: w.passport_kind,
        validity: w.validity,
        application_kind: w.application_kind,
        office_ids: w.office_ids.clone(),
        from: w.from,
        to: w.to,
        status: match w.status.as_str() {
            "waiting" => WaitlistStatus::Waiting,
            "offered" => WaitlistStatus::Offered,
            "booked" => WaitlistStatus::Booked,
            _ => WaitlistStatus::Left,
        },
        end_reason: w.end_reason.clone(),
        ahead: if waiting {
            waitlist::ahead_of(&state.db, w.id)
                .await
                .map_err(ApiError::internal)?
        } else {
            0
        },
        offer,
        created_at: w.created_at,
    })
}

#[utoipa::path(get, path = "/v1/waitlist", tag = "waitlist", security(("bearer" = [])),
    responses((status = 200, body = [WaitlistView])))]
/// The account's places in line, with any place on offer.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<WaitlistView>>, ApiError> {
    let rows = waitlist::of_account(&state.db, caller.account.id, state.clock.now())
        .await
        .map_err(ApiError::internal)?;
    let mut views = Vec::with_capacity(rows.len());
    for w in &rows {
        views.push(waitlist_view(&state, w).await?);
    }
    Ok(Json(views))
}

#[utoipa::path(post, path = "/v1/waitlist", tag = "waitlist", security(("bearer" = [])), request_body = WaitlistRequest,
    responses((status = 201, body = WaitlistView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Waits for a freed place at up to five offices, over up to 62 days, in one lane. Each freed
/// place is offered to the next person in line for a limited time.
pub async fn join(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<WaitlistRequest>,
) -> Result<(StatusCode, Json<WaitlistView>), ApiError> {
    let now = state.clock.now();
    let applicant = applicants::get(&state.db, caller.account.id, req.applicant_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound).field("applicant_id"))?;
    if req.office_ids.is_empty() || req.office_ids.len() > MAX_OFFICES {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("office_ids"));
    }
    for id in &req.office_ids {
        let entry = office(&state, id).map_err(|e| e.field("office_ids"))?;
        if !entry.office.services.offers_lane(req.lane) {
            return Err(ApiError::new(ErrorCode::ServiceNotOffered).field("lane"));
        }
        if req.passport_kind == PassportKind::Electronic && !entry.office.services.electronic {
            return Err(ApiError::new(ErrorCode::ServiceNotOffered).field("passport_kind"));
        }
    }
    let today = now.with_timezone(&chrono_tz::Asia::Jakarta).date_naive();
    if req.from < today || req.to < req.from || req.to > req.from + Days::new(MAX_DAYS) {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("to"));
    }
    if req.lane == Lane::Priority
        && !priority_eligible(applicant.birth_date, applicant.needs, req.from)
    {
        return Err(ApiError::invalid("lane", DomainError::LaneNotEligible));
    }
    check_validity(
        req.validity,
        age_on(applicant.birth_date, req.from),
        applicant.married,
    )
    .map_err(|e| ApiError::invalid("validity", e))?;
    refuse_if_cooling_down(&state, &applicant.nik_key, now).await?;
    if bookings::has_active(&state.db, &applicant.nik_key)
        .await
        .map_err(ApiError::internal)?
    {
        return Err(ErrorCode::NikHasActiveBooking.into());
    }
    let mut offices = req.office_ids.clone();
    offices.sort();
    offices.dedup();
    let new = NewWaiting {
        account_id: caller.account.id,
        applicant_id: applicant.id,
        nik: applicant.nik_key.clone(),
        lane: req.lane,
        passport_kind: req.passport_kind,
        validity: req.validity,
        application_kind: req.application_kind,
        office_ids: offices,
        from: req.from,
        to: req.to,
    };
    let id = waitlist::join(&state.db, new, now)
        .await
        .map_err(|e| match e {
            JoinError::AlreadyWaiting => ApiError::new(ErrorCode::AlreadyWaitlisted),
            JoinError::Db(e) => ApiError::internal(e),
        })?;
    let mine = waitlist::of_account(&state.db, caller.account.id, now)
        .await
        .map_err(ApiError::internal)?;
    let w = mine
        .iter()
        .find(|w| w.id == id)
        .ok_or(ErrorCode::Internal)?;
    Ok((StatusCode::CREATED, Json(waitlist_view(&state, w).await?)))
}

#[utoipa::path(delete, path = "/v1/waitlist/{id}", tag = "waitlist", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 204), (status = 404, body = ErrorBody)))]
/// Leaves the waitlist; a place on offer passes on.
pub async fn leave(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    if waitlist::leave(&state.db, caller.account.id, id, state.clock.now())
        .await
        .map_err(ApiError::internal)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ErrorCode::NotFound.into())
    }
}

#[utoipa::path(post, path = "/v1/offers/{id}/accept", tag = "waitlist", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 201, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
/// Takes the offered place: a booking awaiting payment, like any other.
pub async fn accept(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<(StatusCode, Json<BookingView>), ApiError> {
    let now = state.clock.now();
    let offer = waitlist::open_offer(&state.db, caller.account.id, id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::OfferNotOpen)?;
    refuse_if_cooling_down(&state, &offer.nik, now).await?;
    let fee = official_fee(
        offer.passport_kind,
        offer.validity,
        offer.application_kind,
        offer.lane == Lane::SameDay,
    );
    let mut attempts = 0;
    let booking_id = loop {
        let new = NewBooking {
            account_id: offer.account_id,
            applicant_id: offer.applicant_id,
            nik: offer.nik.clone(),
            slot_id: offer.slot_id,
            passport_kind: offer.passport_kind,
            validity: offer.validity,
            application_kind: offer.application_kind,
            fee_total: fee.total(),
            billing_code: crate::billing::new_code(),
            payment_deadline: payment_deadline(now),
            client_key: None,
        };
        match waitlist::accept(&state.db, &offer, new, now).await {
            Ok(id) => break id,
            Err(AcceptError::Booking(BookingConflict::BillingCodeTaken)) if attempts < 3 => {
                attempts += 1
            }
            Err(AcceptError::NotOpen) => return Err(ErrorCode::OfferNotOpen.into()),
            Err(AcceptError::Booking(conflict)) => return Err(conflict.into()),
        }
    };
    let b = bookings::get(&state.db, booking_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::Internal)?;
    Ok((StatusCode::CREATED, Json(booking_view(&state, &b)?)))
}

#[utoipa::path(post, path = "/v1/offers/{id}/decline", tag = "waitlist", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 204), (status = 404, body = ErrorBody)))]
/// Lets the offered place pass on; the person stays in line.
pub async fn decline(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    if waitlist::decline(&state.db, caller.account.id, id, state.clock.now())
        .await
        .map_err(ApiError::internal)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ErrorCode::NotFound.into())
    }
}
