//! After the visit: the applicant rates it and, separately, may report being asked to pay
//! beyond the official fee (anonymously if they wish); staff and admins read an office's
//! results over time, and an office's own staff never see who filed a report.

use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::bookings::{self, Booking};
use crate::store::feedback::{self, Filed, NewReport};
use antre_api::accounts::Role;
use antre_api::error::ErrorBody;
use antre_api::feedback::{
    FeedbackQuery, IntegrityReportFiled, IntegrityReportRequest, IntegrityReportView,
    OfficeFeedback, RateVisitRequest, RatingPeriod,
};
use antre_domain::feedback::{
    check_after_visit, clean_text, Rating, MAX_COMMENT_CHARS, MAX_PLACE_CHARS,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use std::collections::BTreeMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/bookings/{id}/rating", post(rate))
        .route("/v1/integrity-reports", post(report))
        .route("/v1/staff/offices/{id}/feedback", get(office_feedback))
}

async fn visited_booking(state: &AppState, caller: &Caller, id: Uuid) -> Result<Booking, ApiError> {
    let b = bookings::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .filter(|b| b.account_id == caller.account.id)
        .ok_or(ErrorCode::NotFound)?;
    check_after_visit(b.status)?;
    Ok(b)
}

#[utoipa::path(post, path = "/v1/bookings/{id}/rating", tag = "bookings", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = RateVisitRequest,
    responses((status = 204, description = "rated"),
        (status = 404, body = ErrorBody, description = "`not_found`"),
        (status = 409, body = ErrorBody, description = "`not_visited`: not checked in; `already_rated`"),
        (status = 422, body = ErrorBody, description = "`rating_out_of_range`, `text_too_long`")))]
/// Rates a visit (checked-in booking), 1 to 5 with an optional comment, once.
pub async fn rate(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<RateVisitRequest>,
) -> Result<StatusCode, ApiError> {
    let b = visited_booking(&state, &caller, id).await?;
    let rating = Rating::parse(req.rating).map_err(|e| ApiError::invalid("rating", e))?;
    let comment =
        clean_text(&req.comment, MAX_COMMENT_CHARS).map_err(|e| ApiError::invalid("comment", e))?;
    match feedback::rate(
        &state.db,
        b.id,
        &b.office_id,
        b.day,
        rating.get(),
        &comment,
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?
    {
        Filed::Done => Ok(StatusCode::NO_CONTENT),
        Filed::AlreadyDone => Err(ErrorCode::AlreadyRated.into()),
    }
}

#[utoipa::path(post, path = "/v1/integrity-reports", tag = "bookings", security(("bearer" = [])),
    request_body = IntegrityReportRequest,
    responses((status = 201, body = IntegrityReportFiled, description = "filed; with `anonymous` it keeps no account and no booking"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: `amount` below 0"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such booking of the account"),
        (status = 409, body = ErrorBody, description = "`not_visited`: not checked in; `already_reported`"),
        (status = 422, body = ErrorBody, description = "`text_too_long`")))]
/// "Were you asked to pay anything beyond the official fee?": one report per visit, with where
/// and when, for the office's integrity unit and the ombudsman; may be anonymous.
pub async fn report(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<IntegrityReportRequest>,
) -> Result<(StatusCode, Json<IntegrityReportFiled>), ApiError> {
    let b = visited_booking(&state, &caller, req.booking_id).await?;
    if req.amount.is_some_and(|a| a < 0) {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("amount"));
    }
    let place =
        clean_text(&req.place, MAX_PLACE_CHARS).map_err(|e| ApiError::invalid("place", e))?;
    let description = clean_text(&req.description, MAX_COMMENT_CHARS)
        .map_err(|e| ApiError::invalid("description", e))?;
    let id = Uuid::new_v4();
    match feedback::report(
        &state.db,
        NewReport {
            id,
            booking: b.id,
            account: caller.account.id,
            office_id: b.office_id.clone(),
            day: b.day,
            asked_to_pay: req.asked_to_pay,
            amount: req.amount,
            place,
            occurred_at: req.occurred_at,
            description,
            anonymous: req.anonymous,
        },
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?
    {
        Filed::Done => Ok((StatusCode::CREATED, Json(IntegrityReportFiled { id }))),
        Filed::AlreadyDone => Err(ErrorCode::AlreadyReported.into()),
    }
}

/// The longest range one request reads.
const MAX_RANGE_DAYS: i64 = 366;

#[utoipa::path(get, path = "/v1/staff/offices/{id}/feedback", tag = "staff", security(("bearer" = [])),
    params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"), FeedbackQuery),
    responses((status = 200, body = OfficeFeedback, description = "ratings per week or per calendar month (`period`, by the visit's day in the \
            office's own time zone) and integrity reports of the office's visits in the range; who filed a report only for admins and only \
            when not anonymous"),
        (status = 400, body = ErrorBody, description = "`date_out_of_range`: `to` before `from` or more than 366 days after it; \
            `invalid_request`: `from` or `to` not a date, `period` neither `week` nor `month`"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
/// An office's results over time, for its staff and head and for admins: ratings grouped by
/// week or by calendar month (one path; only the grouping differs).
pub async fn office_feedback(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<FeedbackQuery>,
) -> Result<Json<OfficeFeedback>, ApiError> {
    caller.require_staff_of(&id)?;
    office(&state, &id)?;
    if q.to < q.from || (q.to - q.from).num_days() > MAX_RANGE_DAYS {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("to"));
    }
    let admin = caller.account.role == Role::Admin;
    let mut periods: BTreeMap<chrono::NaiveDate, RatingPeriod> = BTreeMap::new();
    for r in feedback::ratings(&state.db, &id, q.from, q.to)
        .await
        .map_err(ApiError::internal)?
    {
        // The visit's day is already the office's local date, so its week or month is too.
        let start = q.period.start(r.day);
        let p = periods.entry(start).or_insert_with(|| RatingPeriod {
            start,
            count: 0,
            average: 0.0,
            counts: vec![0; 5],
            comments: Vec::new(),
        });
        p.count += 1;
        p.counts[usize::from(r.rating - 1)] += 1;
        if !r.comment.is_empty() {
            p.comments.push(r.comment);
        }
    }
    for p in periods.values_mut() {
        let total: u32 = p
            .counts
            .iter()
            .enumerate()
            .map(|(i, n)| (i as u32 + 1) * n)
            .sum();
        p.average = (f64::from(total) / f64::from(p.count.max(1)) * 100.0).round() / 100.0;
    }
    let reports: Vec<IntegrityReportView> = feedback::reports(&state.db, &id, q.from, q.to)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|r| IntegrityReportView {
            id: r.id,
            day: r.day,
            asked_to_pay: r.asked_to_pay,
            amount: r.amount,
            place: r.place,
            occurred_at: r.occurred_at,
            description: r.description,
            anonymous: r.anonymous,
            // The office's own staff (its head too) never learn who reported them.
            reporter: if admin { r.account } else { None },
        })
        .collect();
    Ok(Json(OfficeFeedback {
        office_id: id,
        from: q.from,
        to: q.to,
        period: q.period,
        ratings: periods.into_values().collect(),
        asked_to_pay: reports.iter().filter(|r| r.asked_to_pay).count() as u32,
        reports,
    }))
}
