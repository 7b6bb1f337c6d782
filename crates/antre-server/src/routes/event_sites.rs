//! Event sites: the head of an office releases a place outside the office (a stadium with
//! 1,075 places, a mall) for one day, with its own name, coordinates, hours, capacity and
//! release instant. Its places are booked like any (search and calendars show them at the
//! site), drawn like every release when released in the future, and the booking and its slip
//! name the site.

use super::local_hours::{local_hours, MAX_DAYS_AHEAD};
use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::event_sites::{self, EventSite, EventSiteConflict, NewEventSite};
use antre_api::desk::{EventSiteRequest, EventSiteView};
use antre_api::drives::DrivesQuery;
use antre_api::error::ErrorBody;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/v1/staff/offices/{id}/event-sites",
        post(create_event_site).get(list_event_sites),
    )
}

/// The most places one site may have.
const MAX_CAPACITY: u32 = 10_000;

/// A short text of the request: trimmed, not blank, at most `max` characters, no U+0000.
fn text(value: &str, field: &str, max: usize) -> Result<String, ApiError> {
    let t = value.trim();
    if t.is_empty() || t.chars().count() > max || t.contains('\0') {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field(field));
    }
    Ok(t.to_string())
}

async fn view(state: &AppState, site: &EventSite) -> Result<EventSiteView, ApiError> {
    let draw = crate::store::draws::of_release(&state.db, site.released_at)
        .await
        .map_err(ApiError::internal)?
        .filter(|d| d.status != crate::store::draws::Status::Drawn)
        .map(|d| d.id);
    Ok(EventSiteView {
        id: site.id,
        office_id: site.office_id.clone(),
        name: site.name.clone(),
        lat: site.lat,
        lon: site.lon,
        date: site.day,
        code: site.code.clone(),
        slot_id: site.slot_id,
        session: site.session.clone(),
        starts_at: site.starts_at,
        ends_at: site.ends_at,
        capacity: site.capacity,
        released_at: site.released_at,
        draw_id: draw,
    })
}

#[utoipa::path(post, path = "/v1/staff/offices/{id}/event-sites", tag = "desk", security(("bearer" = [])),
    params(("id" = String, Path, description = "the office serving at the site", example = "kanim-bekasi")),
    request_body = EventSiteRequest,
    responses((status = 201, body = EventSiteView, description = "released: its places are bookable from `released_at` (drawn then, when in the future)"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: name or note blank or too long, capacity not 1 to 10000; \
            `invalid_coordinates`; `date_out_of_range`: before today or more than a year ahead; `invalid_time_range`: \
            times not `HH:MM`, the end not after the start, the site already over, or the release after the start"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not the head of an office; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`"),
        (status = 409, body = ErrorBody, description = "`event_site_exists`: a site of this name that day already")))]
/// Releases an event site of the office for one day (the head of the office): its name and
/// coordinates, hours (local to the office), capacity and release instant (default now; a past
/// instant is now). Released now, its places are bookable at once; released in the future,
/// they are drawn at that instant like every release (entries open before it). Search and
/// calendars show it at its coordinates with its name; its bookings and slips name it.
/// Audited.
pub async fn create_event_site(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<EventSiteRequest>,
) -> Result<(StatusCode, Json<EventSiteView>), ApiError> {
    caller.require_head_of(&id)?;
    let entry = office(&state, &id)?;
    let name = text(&req.name, "name", 100)?;
    let note = text(&req.note, "note", 500)?;
    if !(req.lat.is_finite() && (-90.0..=90.0).contains(&req.lat)) {
        return Err(ApiError::new(ErrorCode::InvalidCoordinates).field("lat"));
    }
    if !(req.lon.is_finite() && (-180.0..=180.0).contains(&req.lon)) {
        return Err(ApiError::new(ErrorCode::InvalidCoordinates).field("lon"));
    }
    if req.capacity == 0 || req.capacity > MAX_CAPACITY {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("capacity"));
    }
    let now = state.clock.now();
    let (starts_at, ends_at) = local_hours(&state, entry, req.date, &req.starts, &req.ends)?;
    if ends_at <= now {
        return Err(ApiError::new(ErrorCode::InvalidTimeRange).field("ends"));
    }
    // Instants are kept in whole seconds; a release already past is a release now.
    let released_at = crate::store::instant(req.release_at.unwrap_or(now).max(now).timestamp());
    if released_at >= starts_at {
        return Err(ApiError::new(ErrorCode::InvalidTimeRange).field("release_at"));
    }
    let site = event_sites::create(
        &state.db,
        NewEventSite {
            office_id: id,
            name,
            lat: req.lat,
            lon: req.lon,
            day: req.date,
            hours: format!(
                "{}-{}",
                starts_at.with_timezone(&entry.office.tz).format("%H:%M"),
                ends_at.with_timezone(&entry.office.tz).format("%H:%M")
            ),
            starts_at,
            ends_at,
            capacity: req.capacity,
            released_at,
            note,
        },
        caller.actor(),
        now,
    )
    .await
    .map_err(|e| match e {
        EventSiteConflict::Exists => ApiError::new(ErrorCode::EventSiteExists).field("name"),
        EventSiteConflict::Db(e) => ApiError::internal(e),
    })?;
    // The office's days changed: release shapes are read anew, and a release in the future
    // gets its draw now rather than at the next sweep.
    state.release_shapes.forget_all();
    if released_at > now {
        crate::draws::ensure_upcoming(&state, now)
            .await
            .map_err(ApiError::internal)?;
    }
    let site = event_sites::get(&state.db, site)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::Internal)?;
    Ok((StatusCode::CREATED, Json(view(&state, &site).await?)))
}

#[utoipa::path(get, path = "/v1/staff/offices/{id}/event-sites", tag = "desk", security(("bearer" = [])),
    params(("id" = String, Path, description = "the office", example = "kanim-bekasi"), DrivesQuery),
    responses((status = 200, body = [EventSiteView], description = "the office's event sites between the days, by start"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: `from` or `to` is not a date"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
/// The office's event sites from `from` (default today at the office) to `to` (default a year
/// later), for its staff.
pub async fn list_event_sites(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<DrivesQuery>,
) -> Result<Json<Vec<EventSiteView>>, ApiError> {
    caller.require_staff_of(&id)?;
    let entry = office(&state, &id)?;
    let today = state.catalog.today_at(entry, state.clock.now());
    let from = q.from.unwrap_or(today);
    let to =
        q.to.unwrap_or_else(|| from + chrono::Days::new(MAX_DAYS_AHEAD));
    let sites = event_sites::of_office_between(&state.db, &id, from, to)
        .await
        .map_err(ApiError::internal)?;
    let mut out = Vec::with_capacity(sites.len());
    for s in &sites {
        out.push(view(&state, s).await?);
    }
    Ok(Json(out))
}
