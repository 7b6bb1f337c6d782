//! The people an account books for (itself and up to four relatives).

use super::{ApiJson, ApiPath};
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::applicants::{
    self, AddOutcome, Applicant, NewApplicant, RemoveOutcome, UpdateOutcome,
};
use antre_api::accounts::Role;
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::error::ErrorBody;
use antre_domain::nik::Nik;
use antre_domain::person::{
    age_on, priority_eligible, DeclaredNeeds, PersonName, MAX_APPLICANTS_PER_ACCOUNT,
};
use antre_domain::DomainError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::NaiveDate;
use uuid::Uuid;

/// The person a request names, with the checks adding and changing share: a birth date not in
/// the future, a NIK that agrees with it, a name an e-KTP can carry.
fn checked(
    state: &AppState,
    req: &ApplicantRequest,
    today: NaiveDate,
) -> Result<NewApplicant, ApiError> {
    if req.birth_date > today {
        return Err(ApiError::new(ErrorCode::InvalidDate).field("birth_date"));
    }
    let nik = Nik::parse_with_birth_date(&req.nik, req.birth_date)
        .map_err(|e| ApiError::invalid("nik", e))?;
    let name = PersonName::parse(&req.name).map_err(|e| ApiError::invalid("name", e))?;
    Ok(NewApplicant {
        nik_key: state.personal_data.key(&nik),
        nik_sealed: state.personal_data.seal(&nik),
        nik_masked: nik.masked(),
        name,
        birth_date: req.birth_date,
        needs: DeclaredNeeds {
            pregnant: req.pregnant,
            disability: req.disability,
        },
        married: req.married,
    })
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/applicants", get(list).post(add))
        .route("/v1/applicants/{id}", put(update).delete(remove))
}

pub fn applicant_view(a: &Applicant, today: NaiveDate) -> ApplicantView {
    ApplicantView {
        id: a.id,
        nik_masked: a.nik_masked.clone(),
        name: a.name.clone(),
        birth_date: a.birth_date,
        age: age_on(a.birth_date, today),
        pregnant: a.needs.pregnant,
        disability: a.needs.disability,
        married: a.married,
        priority_eligible: priority_eligible(a.birth_date, a.needs, today),
    }
}

/// Today in Western Indonesia: ages are whole days, and a few hours of zone do not matter for
/// a list; booking rules use the appointment day at the office instead.
fn today(state: &AppState) -> NaiveDate {
    state
        .clock
        .now()
        .with_timezone(&chrono_tz::Asia::Jakarta)
        .date_naive()
}

#[utoipa::path(get, path = "/v1/applicants", tag = "applicants", security(("bearer" = [])), responses((status = 200, body = [ApplicantView])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ApplicantView>>, ApiError> {
    let today = today(&state);
    let list = applicants::list(&state.db, caller.account.id)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(
        list.iter().map(|a| applicant_view(a, today)).collect(),
    ))
}

#[utoipa::path(post, path = "/v1/applicants", tag = "applicants", security(("bearer" = [])), request_body = ApplicantRequest,
    responses((status = 201, body = ApplicantView),
        (status = 400, body = ErrorBody, description = "`invalid_date`: `birth_date` is in the future; `invalid_request`"),
        (status = 409, body = ErrorBody, description = "`duplicate_applicant`: the account lists this NIK already"),
        (status = 422, body = ErrorBody, description = "`invalid_nik_length`, `invalid_nik_digits`, `invalid_nik_province`, \
            `invalid_nik_birth_date`, `nik_birth_date_mismatch`, `invalid_name`, `name_characters`, `applicant_limit_reached`")))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<ApplicantRequest>,
) -> Result<(StatusCode, Json<ApplicantView>), ApiError> {
    let today = today(&state);
    let new = checked(&state, &req, today)?;
    match applicants::add(
        &state.db,
        caller.account.id,
        new,
        MAX_APPLICANTS_PER_ACCOUNT,
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?
    {
        AddOutcome::Added(a) => Ok((StatusCode::CREATED, Json(applicant_view(&a, today)))),
        AddOutcome::Duplicate => Err(ApiError::new(ErrorCode::DuplicateApplicant).field("nik")),
        AddOutcome::LimitReached => Err(DomainError::ApplicantLimit {
            max: MAX_APPLICANTS_PER_ACCOUNT,
        }
        .into()),
        AddOutcome::TooManyChanges => Err(ErrorCode::ApplicantChangesLimit.into()),
    }
}

#[utoipa::path(delete, path = "/v1/applicants/{id}", tag = "applicants", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "removed"),
        (status = 404, body = ErrorBody, description = "`not_found`"),
        (status = 409, body = ErrorBody, description = "`applicant_has_active_booking`")))]
/// Removes a person from the account's list; their past bookings keep their history. Refused
/// while they hold an active booking.
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    match applicants::remove(&state.db, caller.account.id, id, state.clock.now())
        .await
        .map_err(ApiError::internal)?
    {
        RemoveOutcome::Removed => Ok(StatusCode::NO_CONTENT),
        RemoveOutcome::NotFound => Err(ErrorCode::NotFound.into()),
        RemoveOutcome::HasActiveBooking => Err(ErrorCode::ApplicantHasActiveBooking.into()),
        RemoveOutcome::TooManyChanges => Err(ErrorCode::ApplicantChangesLimit.into()),
    }
}

#[utoipa::path(put, path = "/v1/applicants/{id}", tag = "applicants", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ApplicantRequest,
    responses((status = 200, body = ApplicantView),
        (status = 400, body = ErrorBody, description = "`invalid_date`: `birth_date` is in the future; `invalid_request`"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such applicant on this account"),
        (status = 409, body = ErrorBody, description = "`duplicate_applicant`: another applicant of the account (or one removed \
            from it, whose history it keeps: add them again instead) has this NIK; `applicant_identity_locked`: the NIK or \
            birth date would change while the person has an active booking, a place on a waitlist or an entry in a draw \
            not yet run; `applicant_changes_limit`: a new NIK counts as adding a person, and the account changed too many lately"),
        (status = 422, body = ErrorBody, description = "`invalid_nik_length`, `invalid_nik_digits`, `invalid_nik_province`, \
            `invalid_nik_birth_date`, `nik_birth_date_mismatch`, `invalid_name`, `name_characters`")))]
/// Changes a person on the account's list, with the same checks as adding them. The name and
/// declared needs may always change; the NIK and birth date only while nothing is bound to the
/// NIK (an active booking, a place on a waitlist, an entry in a draw not yet run). Changes made
/// by a staff account (to its own list) are audited.
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<ApplicantRequest>,
) -> Result<Json<ApplicantView>, ApiError> {
    let today = today(&state);
    let changes = checked(&state, &req, today)?;
    let audit = (caller.account.role != Role::Applicant).then(|| caller.actor());
    match applicants::update(
        &state.db,
        caller.account.id,
        id,
        changes,
        audit,
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?
    {
        UpdateOutcome::Updated(a) => Ok(Json(applicant_view(&a, today))),
        UpdateOutcome::NotFound => Err(ErrorCode::NotFound.into()),
        UpdateOutcome::Duplicate => Err(ApiError::new(ErrorCode::DuplicateApplicant).field("nik")),
        UpdateOutcome::NikLocked => {
            Err(ApiError::new(ErrorCode::ApplicantIdentityLocked).field("nik"))
        }
        UpdateOutcome::TooManyChanges => Err(ErrorCode::ApplicantChangesLimit.into()),
    }
}
