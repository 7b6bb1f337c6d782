//! Release draws: see what is drawn when, enter (or change, or withdraw) an applicant's entry
//! before the release instant, see the outcome, and fetch what anyone needs to verify a draw.

use super::bookings::refuse_cooldown;
use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::ratelimit::ClientIp;
use crate::state::AppState;
use crate::store::draws::{self, Draw, Entry, EntryConflict, NewEntry, Status};
use antre_api::bookings::BookingApplicant;
use antre_api::draws::{
    Choice, DrawOfficeView, DrawResult, DrawStatus, DrawView, DrawsQuery, EntryOutcome,
    EntryRequest, EntryView,
};
use antre_api::error::ErrorBody;
use antre_domain::draw::{ReleaseShape, MAX_CHOICES};
use antre_domain::fees::{check_validity, PassportKind};
use antre_domain::lane::Lane;
use antre_domain::person::{age_on, priority_eligible};
use antre_domain::DomainError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Extension, Json, Router};
use chrono::{DateTime, Days, Duration, Utc};
use uuid::Uuid;

/// Offices one "earliest at" choice may name.
const MAX_OFFICES_PER_CHOICE: usize = 5;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/draws", get(list))
        .route("/v1/draws/{id}", get(read))
        .route("/v1/draws/{id}/offices/{office_id}", get(office_standing))
        .route("/v1/draws/{id}/result", get(result))
        .route(
            "/v1/draws/{id}/entries/{applicant_id}",
            put(enter).delete(withdraw),
        )
        .route("/v1/draw-entries", get(my_entries))
}

pub fn draw_view(d: &Draw, now: DateTime<Utc>) -> DrawView {
    DrawView {
        id: d.id,
        release_at: d.release_at,
        opens_at: d.opens_at,
        status: match d.status {
            Status::Open if now >= d.release_at => DrawStatus::Drawing,
            Status::Open => DrawStatus::Open,
            Status::Drawing => DrawStatus::Drawing,
            Status::Drawn => DrawStatus::Drawn,
        },
        accepting_entries: d.status == Status::Open && d.opens_at <= now && now < d.release_at,
        commitment: d.commitment.clone(),
        seed: d.seed.clone(),
        entries: d.entries,
        places: d.places,
        placed: d.placed,
        drawn_at: d.drawn_at,
    }
}

fn entry_view(e: &Entry) -> EntryView {
    EntryView {
        id: e.id,
        draw_id: e.draw_id,
        release_at: e.release_at,
        applicant: BookingApplicant {
            id: e.applicant_id,
            name: e.applicant_name.clone(),
            nik_masked: e.nik_masked.clone(),
        },
        lane: e.lane,
        passport_kind: e.passport_kind,
        validity: e.validity,
        application_kind: e.application_kind,
        choices: e.choices.clone(),
        digest: e.digest.clone(),
        salt: e.salt.clone(),
        outcome: match e.outcome.as_deref() {
            Some("placed") => EntryOutcome::Placed,
            Some("waitlisted") => EntryOutcome::Waitlisted,
            Some("skipped") => EntryOutcome::Skipped,
            _ => EntryOutcome::Pending,
        },
        position: e.position,
        booking_id: e.booking_id,
        created_at: e.created_at,
        updated_at: e.updated_at,
    }
}

async fn the_draw(state: &AppState, id: Uuid) -> Result<Draw, ApiError> {
    draws::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ErrorCode::NotFound.into())
}

#[utoipa::path(get, path = "/v1/draws", tag = "draws", params(DrawsQuery),
    responses((status = 200, body = [DrawView]), (status = 400, body = ErrorBody)))]
/// Draws by release instant: by default from a week ago to four weeks ahead.
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<DrawsQuery>,
) -> Result<Json<Vec<DrawView>>, ApiError> {
    let now = state.clock.now();
    let from = q.from.unwrap_or(now.date_naive() - Days::new(7));
    let to = q.to.unwrap_or(now.date_naive() + Days::new(28));
    if to < from || (to - from).num_days() > 62 {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("to"));
    }
    let start = from.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
    let end = (to + Days::new(1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc();
    let list = draws::between(&state.db, start, end)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(list.iter().map(|d| draw_view(d, now)).collect()))
}

#[utoipa::path(get, path = "/v1/draws/{id}", tag = "draws", params(("id" = Uuid, Path)),
    responses((status = 200, body = DrawView), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<DrawView>, ApiError> {
    let d = the_draw(&state, id).await?;
    Ok(Json(draw_view(&d, state.clock.now())))
}

#[utoipa::path(get, path = "/v1/draws/{id}/offices/{office_id}", tag = "draws",
    params(("id" = Uuid, Path), ("office_id" = String, Path)),
    responses((status = 200, body = DrawOfficeView), (status = 404, body = ErrorBody)))]
/// How many entries name an office, against its places in the release.
pub async fn office_standing(
    State(state): State<AppState>,
    ApiPath((id, office_id)): ApiPath<(Uuid, String)>,
) -> Result<Json<DrawOfficeView>, ApiError> {
    office(&state, &office_id)?;
    let d = the_draw(&state, id).await?;
    let (entries, places) = draws::office_standing(&state.db, &d, &office_id)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(DrawOfficeView {
        draw_id: d.id,
        office_id,
        entries,
        places,
    }))
}

#[utoipa::path(get, path = "/v1/draws/{id}/result", tag = "draws", params(("id" = Uuid, Path)),
    responses((status = 200, body = DrawResult), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
/// The seed and the drawn order of entry digests: all anyone needs to check the draw with
/// `scripts/verify_draw.py` (no personal data).
pub async fn result(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<DrawResult>, ApiError> {
    let d = the_draw(&state, id).await?;
    let Some(seed) = d.seed.clone().filter(|_| d.status == Status::Drawn) else {
        return Err(ErrorCode::DrawNotDrawn.into());
    };
    let order = draws::order(&state.db, d.id)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(DrawResult {
        draw_id: d.id,
        release_at: d.release_at,
        commitment: d.commitment,
        seed,
        order,
    }))
}

/// Each choice names places of this release in the entry's lane, at offices that issue the
/// passport asked for.
fn check_choices(
    state: &AppState,
    shape: &ReleaseShape,
    req: &EntryRequest,
) -> Result<(), ApiError> {
    if req.choices.is_empty() || req.choices.len() > MAX_CHOICES {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("choices"));
    }
    for (i, choice) in req.choices.iter().enumerate() {
        let field = format!("choices[{i}]");
        let offices: Vec<&String> = match choice {
            Choice::OfficeDay { office_id, date } => {
                if !shape.has_day(office_id, *date, req.lane) {
                    return Err(ApiError::new(ErrorCode::InvalidChoice).field(field));
                }
                vec![office_id]
            }
            Choice::EarliestAt { office_ids } => {
                if office_ids.is_empty() || office_ids.len() > MAX_OFFICES_PER_CHOICE {
                    return Err(ApiError::new(ErrorCode::InvalidChoice).field(field));
                }
                if !office_ids.iter().all(|o| shape.has_office(o, req.lane)) {
                    return Err(ApiError::new(ErrorCode::InvalidChoice).field(field));
                }
                office_ids.iter().collect()
            }
        };
        if req.passport_kind == PassportKind::Electronic {
            for o in offices {
                if !office(state, o)?.office.services.electronic {
                    return Err(ApiError::new(ErrorCode::ServiceNotOffered).field(field));
                }
            }
        }
    }
    Ok(())
}

#[utoipa::path(put, path = "/v1/draws/{id}/entries/{applicant_id}", tag = "draws", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("applicant_id" = Uuid, Path)), request_body = EntryRequest,
    responses((status = 201, body = EntryView, description = "entered"), (status = 200, body = EntryView, description = "entry changed"),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Enters one of the account's applicants in a draw, or changes their entry, until the release
/// instant. One entry per NIK however often this is sent: speed and repetition gain nothing.
pub async fn enter(
    State(state): State<AppState>,
    caller: Caller,
    ip: Option<Extension<ClientIp>>,
    ApiPath((id, applicant_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(req): ApiJson<EntryRequest>,
) -> Result<(StatusCode, Json<EntryView>), ApiError> {
    let now = state.clock.now();
    // The draw, the applicant and their cool-down in one read.
    let reads = draws::read_entry_request(&state.db, id, caller.account.id, applicant_id, now)
        .await
        .map_err(ApiError::internal)?;
    let d = reads.draw.ok_or(ErrorCode::NotFound)?;
    if !(d.status == Status::Open && d.opens_at <= now && now < d.release_at) {
        return Err(ErrorCode::DrawNotOpen.into());
    }
    let applicant = reads
        .applicant
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound).field("applicant_id"))?;
    let shape = state
        .release_shape(d.release_at)
        .await
        .map_err(ApiError::internal)?;
    check_choices(&state, &shape, &req)?;
    let first_day = shape.first_day().unwrap_or(now.date_naive());
    if req.lane == Lane::Priority
        && !priority_eligible(applicant.birth_date, applicant.needs, first_day)
    {
        return Err(ApiError::invalid("lane", DomainError::LaneNotEligible));
    }
    check_validity(
        req.validity,
        age_on(applicant.birth_date, first_day),
        applicant.married,
    )
    .map_err(|e| ApiError::invalid("validity", e))?;
    refuse_cooldown(reads.cooldown)?;
    let new = NewEntry {
        draw_id: d.id,
        account_id: caller.account.id,
        applicant_id: applicant.id,
        nik: applicant.nik_key.clone(),
        lane: req.lane,
        priority: priority_eligible(applicant.birth_date, applicant.needs, first_day),
        passport_kind: req.passport_kind,
        validity: req.validity,
        application_kind: req.application_kind,
        choices: req.choices,
        client_key: ip.map(|Extension(ip)| ip.key(&state.draw_secret)),
    };
    let (lane, passport_kind, validity, application_kind, choices) = (
        new.lane,
        new.passport_kind,
        new.validity,
        new.application_kind,
        new.choices.clone(),
    );
    let stored = draws::upsert_entry(&state.db, new, now)
        .await
        .map_err(|e| match e {
            EntryConflict::NotOpen => ErrorCode::DrawNotOpen.into(),
            EntryConflict::EnteredElsewhere => ErrorCode::NikEnteredElsewhere.into(),
            EntryConflict::Db(e) => ApiError::internal(e),
        })?;
    // The entry as stored, from what was written and what the row kept (no read after the
    // write): an open draw has no outcome yet.
    let entry = Entry {
        id: stored.id,
        draw_id: d.id,
        release_at: d.release_at,
        applicant_id: applicant.id,
        applicant_name: applicant.name,
        nik_masked: applicant.nik_masked,
        lane,
        passport_kind,
        validity,
        application_kind,
        choices,
        salt: stored.salt,
        digest: stored.digest,
        outcome: None,
        position: None,
        booking_id: None,
        created_at: stored.created_at,
        updated_at: stored.updated_at,
    };
    let status = if stored.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(entry_view(&entry))))
}

#[utoipa::path(delete, path = "/v1/draws/{id}/entries/{applicant_id}", tag = "draws", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("applicant_id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
/// Withdraws an entry before the release instant.
pub async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, applicant_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    the_draw(&state, id).await?;
    match draws::withdraw_entry(
        &state.db,
        id,
        caller.account.id,
        applicant_id,
        state.clock.now(),
    )
    .await
    {
        Ok(true) => Ok(StatusCode::NO_CONTENT),
        Ok(false) => Err(ErrorCode::NotFound.into()),
        Err(EntryConflict::NotOpen) => Err(ErrorCode::DrawNotOpen.into()),
        Err(EntryConflict::EnteredElsewhere) => Err(ErrorCode::NikEnteredElsewhere.into()),
        Err(EntryConflict::Db(e)) => Err(ApiError::internal(e)),
    }
}

#[utoipa::path(get, path = "/v1/draw-entries", tag = "draws", security(("bearer" = [])),
    responses((status = 200, body = [EntryView])))]
/// The account's entries of the last 60 days and ahead, with their outcomes.
pub async fn my_entries(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<EntryView>>, ApiError> {
    let since = state.clock.now() - Duration::days(60);
    let list = draws::entries_of_account(&state.db, caller.account.id, since)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(list.iter().map(entry_view).collect()))
}
