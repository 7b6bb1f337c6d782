//! Offices and availability: list, nearby, detail, an office's calendar, the slots of a day,
//! and the search across offices near a point. All answered from the slot rows (indexed),
//! never by counting bookings.

use super::{ApiPath, ApiQuery, ClientLocale};
use crate::catalog::{summary, OfficeEntry};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::offices::{office_days_between, OfficeDay};
use crate::store::slots::{self, OpenDay, Slot};
use antre_api::availability::{
    CalendarQuery, ClosureKind, DayAvailability, DayClosure, LaneRemaining, OfficeCalendar,
    SearchAreaView, SearchHit, SearchQuery, SearchResult, SlotView, SlotsQuery,
};
use antre_api::desk::EventSitePlace;
use antre_api::error::ErrorBody;
use antre_api::offices::{LaneQuota, NearbyQuery, OfficeDetail, OfficeSummary};
use antre_domain::area::{IslandGroup, OfficePlace, SearchArea};
use antre_domain::lane::Lane;
use antre_domain::office::{directions_url, distance_km};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Longest date range one request may ask about.
const MAX_RANGE_DAYS: i64 = 62;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/offices", get(list))
        .route("/v1/offices/nearby", get(nearby))
        .route("/v1/offices/{id}", get(detail))
        .route("/v1/offices/{id}/calendar", get(calendar))
        .route("/v1/offices/{id}/days/{date}/slots", get(day_slots))
        .route("/v1/availability/search", get(search))
}

pub fn office<'a>(state: &'a AppState, id: &str) -> Result<&'a OfficeEntry, ApiError> {
    state
        .catalog
        .get(id)
        .ok_or_else(|| ApiError::new(ErrorCode::OfficeNotFound))
}

/// A slot as the API shows it; `site` is where it is when it is an event site's.
pub fn slot_view(entry: &OfficeEntry, s: &Slot, site: Option<EventSitePlace>) -> SlotView {
    SlotView {
        slot_id: s.id,
        office_id: s.office_id.clone(),
        date: s.day,
        lane: s.lane,
        session: s.session.clone(),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        time_zone: entry.office.tz.name().to_string(),
        capacity: s.capacity,
        remaining: s.remaining(),
        released_at: s.released_at,
        event_site: site,
    }
}

/// Where the event sites among `slots` are (none read when there are none).
pub async fn sites_of(
    state: &AppState,
    slots: &[Slot],
) -> Result<HashMap<uuid::Uuid, EventSitePlace>, ApiError> {
    let ids: Vec<uuid::Uuid> = slots.iter().filter_map(|s| s.event_site_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    crate::store::event_sites::places(&state.db, ids)
        .await
        .map_err(ApiError::internal)
}

/// A point on Earth: finite, latitude within ±90°, longitude within ±180°.
fn check_point(lat: f64, lon: f64) -> Result<(), ApiError> {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(ApiError::new(ErrorCode::InvalidCoordinates).field("lat"));
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(ApiError::new(ErrorCode::InvalidCoordinates).field("lon"));
    }
    Ok(())
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), ApiError> {
    if to < from || (to - from).num_days() > MAX_RANGE_DAYS {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("to"));
    }
    Ok(())
}

#[utoipa::path(get, path = "/v1/offices", tag = "offices", responses((status = 200, body = [OfficeSummary])))]
pub async fn list(State(state): State<AppState>) -> Json<Vec<OfficeSummary>> {
    Json(
        state
            .catalog
            .all()
            .iter()
            .map(|e| summary(e, None))
            .collect(),
    )
}

#[utoipa::path(get, path = "/v1/offices/nearby", tag = "offices", params(NearbyQuery),
    responses((status = 200, body = [OfficeSummary], description = "nearest first"),
        (status = 400, body = ErrorBody, description = "`invalid_coordinates`, `invalid_request`")))]
pub async fn nearby(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<NearbyQuery>,
) -> Result<Json<Vec<OfficeSummary>>, ApiError> {
    check_point(q.lat, q.lon)?;
    let limit = q.limit.unwrap_or(10).clamp(1, 50);
    Ok(Json(
        state
            .catalog
            .nearest(q.lat, q.lon)
            .into_iter()
            .take(limit)
            .map(|(e, d)| summary(e, Some(d)))
            .collect(),
    ))
}

#[utoipa::path(get, path = "/v1/offices/{id}", tag = "offices", params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi")),
    responses((status = 200, body = OfficeDetail), (status = 404, body = ErrorBody, description = "`office_not_found`")))]
pub async fn detail(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<OfficeDetail>, ApiError> {
    let e = office(&state, &id)?;
    Ok(Json(OfficeDetail {
        office: summary(e, None),
        sessions: e.sessions.iter().map(|s| s.label()).collect(),
        release_policy: e.release_text.clone(),
        quotas: Lane::ALL
            .into_iter()
            .map(|lane| LaneQuota {
                lane,
                daily: e.quota.for_lane(lane),
            })
            .collect(),
        source: e.office.source.clone(),
        details_source: e.office.details_source.clone(),
    }))
}

#[utoipa::path(get, path = "/v1/offices/{id}/calendar", tag = "availability", params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"), CalendarQuery),
    responses((status = 200, body = OfficeCalendar, description = "every day from `from` to `to`"),
        (status = 400, body = ErrorBody, description = "`date_out_of_range`: `to` is before `from` or more than 62 days after it; `invalid_request`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
pub async fn calendar(
    State(state): State<AppState>,
    ClientLocale(locale): ClientLocale,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<CalendarQuery>,
) -> Result<Json<OfficeCalendar>, ApiError> {
    let e = office(&state, &id)?;
    check_range(q.from, q.to)?;
    let rows = slots::of_office_between(&state.db, &id, q.from, q.to)
        .await
        .map_err(ApiError::internal)?;
    let changed: HashMap<NaiveDate, OfficeDay> = office_days_between(&state.db, &id, q.from, q.to)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|d| (d.day, d))
        .collect();
    let now = state.clock.now();
    let mut by_day: HashMap<NaiveDate, Vec<&Slot>> = HashMap::new();
    for s in &rows {
        by_day.entry(s.day).or_default().push(s);
    }
    let english = locale == antre_i18n::Locale::En;
    // The draws still to be drawn of the releases in view.
    let mut undrawn: HashMap<i64, Option<uuid::Uuid>> = HashMap::new();
    for s in &rows {
        if let std::collections::hash_map::Entry::Vacant(v) =
            undrawn.entry(s.released_at.timestamp())
        {
            let draw = crate::store::draws::of_release(&state.db, s.released_at)
                .await
                .map_err(ApiError::internal)?;
            v.insert(
                draw.filter(|d| d.status != crate::store::draws::Status::Drawn)
                    .map(|d| d.id),
            );
        }
    }
    let mut days = Vec::new();
    // The range may end on the last date there is: `day + 1` would panic there, and
    // `iter_days` never yields it.
    let range = std::iter::successors(Some(q.from), |d| d.succ_opt()).take_while(|d| *d <= q.to);
    for day in range {
        let slots = by_day.remove(&day).unwrap_or_default();
        let lanes = Lane::ALL
            .into_iter()
            .filter_map(|lane| {
                let of_lane: Vec<_> = slots.iter().filter(|s| s.lane == lane).collect();
                (!of_lane.is_empty()).then(|| LaneRemaining {
                    lane,
                    capacity: of_lane.iter().map(|s| s.capacity).sum(),
                    // A session that has begun cannot be booked: its places are not offered.
                    remaining: of_lane
                        .iter()
                        .filter(|s| s.starts_at > now)
                        .map(|s| s.remaining())
                        .sum(),
                })
            })
            .collect();
        let extra = changed.get(&day).filter(|d| !d.closed);
        let closure = match changed.get(&day) {
            Some(d) if d.closed => Some(DayClosure {
                kind: ClosureKind::Office,
                reason: d.note.clone(),
            }),
            // Slots that exist but are all closed, with no closure on record: a withdrawn extra
            // day, or a day that became a holiday.
            _ if extra.is_none() => state
                .catalog
                .holiday_name(day, english)
                .map(|name| DayClosure {
                    kind: ClosureKind::Holiday,
                    reason: name.to_string(),
                })
                .or_else(|| {
                    (!slots.is_empty() && slots.iter().all(|s| s.closed)).then(|| DayClosure {
                        kind: ClosureKind::Office,
                        reason: String::new(),
                    })
                }),
            _ => None,
        };
        let service_day = closure.is_none()
            && (extra.is_some() || !slots.is_empty() || state.catalog.holidays.is_working_day(day));
        days.push(DayAvailability {
            date: day,
            service_day,
            closure,
            released_at: slots.first().map(|s| s.released_at),
            draw_id: slots
                .first()
                .and_then(|s| undrawn.get(&s.released_at.timestamp()).copied().flatten()),
            lanes,
        });
    }
    Ok(Json(OfficeCalendar {
        office_id: id,
        time_zone: e.office.tz.name().to_string(),
        days,
    }))
}

#[utoipa::path(get, path = "/v1/offices/{id}/days/{date}/slots", tag = "availability",
    params(("id" = String, Path, description = "the office's id", example = "kanim-bekasi"), ("date" = NaiveDate, Path, example = "2026-12-08"), SlotsQuery),
    responses((status = 200, body = [SlotView], description = "the day's slots that have not begun"),
        (status = 404, body = ErrorBody, description = "`office_not_found`; `not_found`: `date` is not a date")))]
pub async fn day_slots(
    State(state): State<AppState>,
    ApiPath((id, date)): ApiPath<(String, NaiveDate)>,
    ApiQuery(q): ApiQuery<SlotsQuery>,
) -> Result<Json<Vec<SlotView>>, ApiError> {
    let e = office(&state, &id)?;
    let rows = slots::of_office_between(&state.db, &id, date, date)
        .await
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let sites = sites_of(&state, &rows).await?;
    Ok(Json(
        rows.iter()
            .filter(|s| q.lane.is_none_or(|l| l == s.lane) && s.starts_at > now)
            .map(|s| {
                let site = s.event_site_id.and_then(|id| sites.get(&id).cloned());
                slot_view(e, s, site)
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/v1/availability/search", tag = "availability", params(SearchQuery),
    responses((status = 200, body = SearchResult, description = "the offices in the area by earliest day with a place, then by distance; the area used and the next wider one"),
        (status = 400, body = ErrorBody, description = "`invalid_coordinates`; `invalid_search_area`: `radius_km` outside 1 to 250, or given with a scope other than `radius`; `date_out_of_range`: `to` is before `from` or more than 62 days after it; `invalid_request`")))]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchResult>, ApiError> {
    check_point(q.lat, q.lon)?;
    let area = SearchArea::parse(q.scope, q.radius_km)
        .map_err(|_| ApiError::new(ErrorCode::InvalidSearchArea).field("radius_km"))?;
    check_range(q.from, q.to)?;
    // The snapshot holds every office's earliest open day whatever the point and the area:
    // both only filter and rank it, per request, below.
    let key = (q.lane, q.from, q.to);
    let rows = state
        .search_snapshots
        .get_or_query(key, || {
            slots::open_for_search(&state.db, q.lane, q.from, q.to, state.clock.now())
        })
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(rank(&state, &q, area, &rows)))
}

/// The offices of the area by their earliest day with a place, then by distance from the
/// point; with the area described and the next wider step that reaches another office.
pub fn rank(state: &AppState, q: &SearchQuery, area: SearchArea, days: &[OpenDay]) -> SearchResult {
    let nearest = state.catalog.nearest(q.lat, q.lon);
    // The applicant's province: the province of the office nearest to them.
    let home = nearest
        .first()
        .map(|(e, _)| e.office.province.clone())
        .unwrap_or_default();
    let offered = |e: &OfficeEntry| q.electronic != Some(true) || e.office.services.electronic;
    let places: Vec<OfficePlace<'_>> = nearest
        .iter()
        .filter(|(e, _)| offered(e))
        .map(|(e, d)| OfficePlace {
            distance_km: *d,
            province: &e.office.province,
        })
        .collect();
    let mut hits: Vec<(SearchHit, f64)> = days
        .iter()
        .filter_map(|d| {
            let e = state.catalog.get(&d.first.office_id)?;
            if !offered(e) {
                return None;
            }
            // An event site is found where it is, not where its office is.
            let (lat, lon) = d
                .site
                .as_ref()
                .map_or((e.office.lat, e.office.lon), |p| (p.lat, p.lon));
            let distance = distance_km(q.lat, q.lon, lat, lon);
            let place = OfficePlace {
                distance_km: distance,
                province: &e.office.province,
            };
            if !area.contains(place, &home) {
                return None;
            }
            let hit = SearchHit {
                office: summary(e, Some(distance)),
                date: d.first.day,
                remaining: d.remaining,
                first_slot: slot_view(e, &d.first, d.site.clone()),
                directions_url: directions_url(q.lat, q.lon, lat, lon),
            };
            Some((hit, distance))
        })
        .collect();
    hits.sort_by(|a, b| a.0.date.cmp(&b.0.date).then(a.1.total_cmp(&b.1)));
    SearchResult {
        area: area_view(area, &home),
        wider: area.next_wider(&places, &home).map(|w| area_view(w, &home)),
        hits: hits
            .into_iter()
            .take(q.limit.unwrap_or(20).clamp(1, 100))
            .map(|(h, _)| h)
            .collect(),
    }
}

fn area_view(area: SearchArea, home: &str) -> SearchAreaView {
    SearchAreaView {
        scope: area.scope(),
        radius_km: area.radius_km(),
        province: (area == SearchArea::Province).then(|| home.to_string()),
        island: (area == SearchArea::Island)
            .then(|| IslandGroup::of_province(home))
            .flatten(),
    }
}
