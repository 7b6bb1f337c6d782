//! Closures and disruptions: declared and updated by admins (any scope) and office heads
//! (their office), the public status of every office (JSON and a plain HTML page, no account
//! needed), and the notices an account polls.

use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery, ClientLocale};
use crate::auth::Caller;
use crate::disruptions::{self, Change, Ctx, Declaration, Refused};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::disruptions::{self as store, Disruption, Update};
use antre_api::accounts::Role;
use antre_api::disruptions::{
    BookingDisruption, DeclareDisruptionRequest, DisruptionScope, DisruptionUpdateRequest,
    DisruptionUpdateView, DisruptionView, NotificationKind, NotificationView, NotificationsQuery,
    OfficeStatusView, ServiceStatus, StatusQuery,
};
use antre_api::error::ErrorBody;
use antre_domain::disruption::{check_span, state_of, OfficeState, Scope};
use antre_i18n::{Arg, Locale};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/staff/disruptions", post(declare))
        .route("/v1/staff/disruptions/{id}/updates", post(update))
        .route("/v1/status", get(status))
        .route("/status", get(status_page))
        .route("/v1/notifications", get(notifications))
        .route("/v1/notifications/{id}/read", post(mark_read))
}

/// What applicants read is a sentence, not a document.
const MAX_NOTE_CHARS: usize = 500;

fn clean_note(note: &str) -> Result<String, ApiError> {
    let note = note.trim().to_string();
    // PostgreSQL text cannot hold U+0000, and no note needs it.
    if note.is_empty() || note.chars().count() > MAX_NOTE_CHARS || note.contains('\0') {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("note"));
    }
    Ok(note)
}

fn ctx(state: &AppState) -> Ctx {
    Ctx {
        db: state.db.clone(),
        catalog: state.catalog.clone(),
        localizer: state.localizer.clone(),
    }
}

/// How far from now a declaration may begin.
const MAX_DAYS_BACK: i64 = 30;
const MAX_DAYS_AHEAD: i64 = 365;

#[utoipa::path(post, path = "/v1/staff/disruptions", tag = "staff", security(("bearer" = [])),
    request_body = DeclareDisruptionRequest,
    responses((status = 201, body = DisruptionView, description = "declared: new bookings stop at once on every instance; the bookings in its span were told"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: `note` blank or too long, `office_id` missing for the office scope, \
            `province` missing or unknown; `date_out_of_range`: `starts_at` more than 30 days back or a year ahead"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not an admin or office head (a head declares for their office only); `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`"),
        (status = 422, body = ErrorBody, description = "`disruption_end_before_start`")))]
/// Declares a closure or disruption for one office (its head or an admin), a province or the
/// whole country (an admin), from `starts_at` (default now) to `expected_end` (may be unknown).
pub async fn declare(
    State(state): State<AppState>,
    caller: Caller,
    ClientLocale(locale): ClientLocale,
    ApiJson(req): ApiJson<DeclareDisruptionRequest>,
) -> Result<(StatusCode, Json<DisruptionView>), ApiError> {
    let scope = match req.scope {
        DisruptionScope::Office => {
            let id = req
                .office_id
                .as_deref()
                .ok_or_else(|| ApiError::new(ErrorCode::InvalidRequest).field("office_id"))?;
            caller.require_head_of(id)?;
            office(&state, id)?;
            Scope::Office(id.to_string())
        }
        DisruptionScope::Province => {
            caller.require_admin()?;
            let name = req.province.as_deref().unwrap_or("").trim();
            let known = state
                .catalog
                .all()
                .iter()
                .find(|e| e.office.province.eq_ignore_ascii_case(name))
                .ok_or_else(|| ApiError::new(ErrorCode::InvalidRequest).field("province"))?;
            Scope::Province(known.office.province.clone())
        }
        DisruptionScope::National => {
            caller.require_admin()?;
            Scope::National
        }
    };
    let note = clean_note(&req.note)?;
    let now = state.clock.now();
    let starts_at = req.starts_at.unwrap_or(now);
    if starts_at < now - chrono::Duration::days(MAX_DAYS_BACK)
        || starts_at > now + chrono::Duration::days(MAX_DAYS_AHEAD)
    {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("starts_at"));
    }
    check_span(starts_at, req.expected_end).map_err(|e| ApiError::invalid("expected_end", e))?;
    let (id, _) = disruptions::declare(
        &ctx(&state),
        Declaration {
            scope,
            kind: req.kind,
            reason: req.reason,
            note,
            starts_at,
            expected_end: req.expected_end,
        },
        caller.actor(),
        now,
    )
    .await
    .map_err(ApiError::internal)?;
    // Draw entries are checked against the release's office-days: this changed them.
    state.release_shapes.forget_all();
    Ok((
        StatusCode::CREATED,
        Json(view_of(&state, locale, id).await?),
    ))
}

#[utoipa::path(post, path = "/v1/staff/disruptions/{id}/updates", tag = "staff", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = DisruptionUpdateRequest,
    responses((status = 200, body = DisruptionView, description = "updated (kept in its history); with `restored`, the offices take bookings again"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: `note` blank or too long"),
        (status = 403, body = ErrorBody, description = "`forbidden`: not an admin or office head; `wrong_office`: a head may update only their office's declarations"),
        (status = 404, body = ErrorBody, description = "`not_found`"),
        (status = 409, body = ErrorBody, description = "`disruption_restored`: service was declared restored; declare a new one"),
        (status = 422, body = ErrorBody, description = "`disruption_end_before_start`")))]
/// Posts an update: a new expected end (absent: unknown), a note, or service restored.
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ClientLocale(locale): ClientLocale,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<DisruptionUpdateRequest>,
) -> Result<Json<DisruptionView>, ApiError> {
    let role = caller.account.role;
    if !matches!(role, Role::Admin | Role::Head) {
        return Err(ErrorCode::Forbidden.into());
    }
    let note = clean_note(&req.note)?;
    let current = store::get(&state.db.read, id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::NotFound)?;
    if !req.restored {
        check_span(current.span.starts_at, req.expected_end)
            .map_err(|e| ApiError::invalid("expected_end", e))?;
    }
    let own_office = caller.account.office_id.clone();
    let allowed = move |d: &Disruption| {
        role == Role::Admin
            || (d.scope == DisruptionScope::Office
                && d.office_id.is_some()
                && d.office_id == own_office)
    };
    disruptions::update(
        &ctx(&state),
        id,
        Change {
            note,
            expected_end: req.expected_end,
            restored: req.restored,
        },
        allowed,
        caller.actor(),
        state.clock.now(),
    )
    .await
    .map_err(|e| match e {
        Refused::NotFound => ApiError::from(ErrorCode::NotFound),
        Refused::WrongOffice => ErrorCode::WrongOffice.into(),
        Refused::Restored => ErrorCode::DisruptionRestored.into(),
        Refused::Failed(e) => ApiError::internal(e),
    })?;
    state.release_shapes.forget_all();
    Ok(Json(view_of(&state, locale, id).await?))
}

/// Everything the status views need, read once.
struct Loaded {
    all: Vec<(Disruption, Vec<String>)>,
    updates: HashMap<Uuid, Vec<Update>>,
    told: HashMap<Uuid, u32>,
}

async fn load(state: &AppState) -> Result<Loaded, ApiError> {
    let pool = &state.db.read;
    Ok(Loaded {
        all: store::all(pool).await.map_err(ApiError::internal)?,
        updates: store::updates(pool).await.map_err(ApiError::internal)?,
        told: store::told_counts(pool).await.map_err(ApiError::internal)?,
    })
}

fn view(
    state: &AppState,
    locale: Locale,
    d: &Disruption,
    offices: usize,
    loaded: &Loaded,
    now: DateTime<Utc>,
) -> DisruptionView {
    DisruptionView {
        id: d.id,
        scope: d.scope,
        office_id: d.office_id.clone(),
        province: d.province.clone(),
        kind: d.kind,
        reason: d.reason,
        reason_text: reason_text(state, locale, d.reason),
        note: d.note.clone(),
        starts_at: d.span.starts_at,
        expected_end: d.span.expected_end,
        restored_at: d.span.restored_at,
        in_force: d.span.in_force(now),
        offices: offices as u32,
        affected_bookings: loaded.told.get(&d.id).copied().unwrap_or(0),
        history: loaded
            .updates
            .get(&d.id)
            .map(|u| {
                u.iter()
                    .map(|u| DisruptionUpdateView {
                        at: u.at,
                        kind: u.kind,
                        expected_end: u.expected_end,
                        note: u.note.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

pub fn reason_text(
    state: &AppState,
    locale: Locale,
    reason: antre_api::disruptions::DisruptionReason,
) -> String {
    let name = crate::store::bookings::enum_name(&reason).replace('_', "-");
    state
        .localizer
        .message(locale, &format!("disruption-reason-{name}"), &[])
}

async fn view_of(state: &AppState, locale: Locale, id: Uuid) -> Result<DisruptionView, ApiError> {
    let loaded = load(state).await?;
    let (d, offices) = loaded
        .all
        .iter()
        .find(|(d, _)| d.id == id)
        .ok_or(ErrorCode::NotFound)?;
    Ok(view(
        state,
        locale,
        d,
        offices.len(),
        &loaded,
        state.clock.now(),
    ))
}

/// Earlier notices shown per office.
const HISTORY: usize = 10;

async fn service_status(
    state: &AppState,
    locale: Locale,
    only: Option<&str>,
) -> Result<ServiceStatus, ApiError> {
    let now = state.clock.now();
    let loaded = load(state).await?;
    let mut offices = Vec::new();
    for entry in state.catalog.all() {
        let o = &entry.office;
        if only.is_some_and(|id| id != o.id) {
            continue;
        }
        let mine: Vec<&(Disruption, Vec<String>)> = loaded
            .all
            .iter()
            .filter(|(_, offices)| offices.contains(&o.id))
            .collect();
        let (current, past): (Vec<_>, Vec<_>) =
            mine.into_iter().partition(|(d, _)| d.span.current(now));
        offices.push(OfficeStatusView {
            office_id: o.id.clone(),
            name: o.name.clone(),
            province: o.province.clone(),
            time_zone: o.tz.name().to_string(),
            zone: o.zone(),
            state: state_of(
                current
                    .iter()
                    .filter(|(d, _)| d.span.in_force(now))
                    .map(|(d, _)| d.kind),
            ),
            current: current
                .iter()
                .map(|(d, of)| view(state, locale, d, of.len(), &loaded, now))
                .collect(),
            history: past
                .iter()
                .take(HISTORY)
                .map(|(d, of)| view(state, locale, d, of.len(), &loaded, now))
                .collect(),
        });
    }
    if let Some(id) = only {
        if offices.is_empty() {
            return Err(ApiError::new(ErrorCode::OfficeNotFound));
        }
        let _ = id;
    }
    Ok(ServiceStatus {
        generated_at: now,
        offices,
    })
}

fn status_locale(query: &StatusQuery, headers: &HeaderMap) -> Locale {
    query
        .lang
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or_else(|| crate::error::request_locale(headers))
}

#[utoipa::path(get, path = "/v1/status", tag = "offices", params(StatusQuery),
    responses((status = 200, body = ServiceStatus, description = "every office (or the one asked for): open, disrupted or closed, with its current notices and history"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
/// The public service status, without an account.
pub async fn status(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<StatusQuery>,
) -> Result<Json<ServiceStatus>, ApiError> {
    let locale = status_locale(&query, &headers);
    Ok(Json(
        service_status(&state, locale, query.office.as_deref()).await?,
    ))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[utoipa::path(get, path = "/status", tag = "offices", params(StatusQuery),
    responses((status = 200, content_type = "text/html", body = String, description = "the public status as a plain page in the language asked (`lang`, else `Accept-Language`)"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
/// The public service status as a plain web page, readable without an account or the app.
pub async fn status_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<StatusQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let locale = status_locale(&query, &headers);
    let s = service_status(&state, locale, query.office.as_deref()).await?;
    let l = &state.localizer;
    let t = |id: &str| escape(&l.message(locale, id, &[]));
    let at = |entry: &crate::catalog::OfficeEntry, when: DateTime<Utc>| {
        disruptions::local_time(l, locale, entry, when)
    };
    let jakarta = state
        .catalog
        .all()
        .iter()
        .find(|e| e.office.zone() == antre_api::Zone::Wib);
    let mut html = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>body{{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.4}}\
         .closed{{color:#a00}}.disrupted{{color:#a60}}.open{{color:#060}}section{{border-top:1px solid #ccc;padding:.5rem 0}}</style></head><body>\
         <h1>{title}</h1><p>{intro}</p>",
        lang = locale.tag(),
        title = t("status-page-title"),
        intro = t("status-page-intro"),
    );
    if let Some(entry) = jakarta {
        html.push_str(&format!(
            "<p>{}</p>",
            escape(&l.message(
                locale,
                "status-page-generated",
                &[("time", Arg::from(at(entry, s.generated_at)))]
            ))
        ));
    }
    for o in &s.offices {
        let Some(entry) = state.catalog.get(&o.office_id) else {
            continue;
        };
        let state_id = match o.state {
            OfficeState::Open => "open",
            OfficeState::Disrupted => "disrupted",
            OfficeState::Closed => "closed",
        };
        html.push_str(&format!(
            "<section id=\"{id}\"><h2>{name} <span class=\"{state_id}\">({state})</span></h2><p>{province}</p>",
            id = escape(&o.office_id),
            name = escape(&o.name),
            state = t(&format!("office-state-{state_id}")),
            province = escape(&o.province),
        ));
        let notice = |d: &DisruptionView| {
            let mut p = format!(
                "<li><strong>{}: {}</strong>. {} <br>{}",
                t(&format!(
                    "disruption-kind-{}",
                    crate::store::bookings::enum_name(&d.kind)
                )),
                escape(&d.reason_text),
                escape(&d.note),
                escape(&l.message(
                    locale,
                    "status-page-since",
                    &[("time", Arg::from(at(entry, d.starts_at)))]
                )),
            );
            match d.restored_at {
                Some(r) => p.push_str(&format!(
                    " · {}",
                    escape(&l.message(
                        locale,
                        "status-page-restored",
                        &[("time", Arg::from(at(entry, r)))]
                    ))
                )),
                None => p.push_str(&format!(
                    " · {}",
                    escape(&l.message(
                        locale,
                        "status-page-expected-end",
                        &[(
                            "time",
                            Arg::from(disruptions::until_text(l, locale, entry, d.expected_end))
                        )]
                    ))
                )),
            }
            p.push_str("</li>");
            p
        };
        if !o.current.is_empty() {
            html.push_str(&format!("<h3>{}</h3><ul>", t("status-page-current")));
            for d in &o.current {
                html.push_str(&notice(d));
            }
            html.push_str("</ul>");
        }
        if !o.history.is_empty() {
            html.push_str(&format!("<h3>{}</h3><ul>", t("status-page-history")));
            for d in &o.history {
                html.push_str(&notice(d));
            }
            html.push_str("</ul>");
        }
        if o.current.is_empty() && o.history.is_empty() {
            html.push_str(&format!("<p>{}</p>", t("status-page-none")));
        }
        html.push_str("</section>");
    }
    html.push_str(&format!(
        "<p><a href=\"/v1/status?lang={}\">{}</a></p></body></html>\n",
        locale.tag(),
        t("status-page-json")
    ));
    Ok((
        [(header::CONTENT_LANGUAGE, locale.tag().to_string())],
        Html(html),
    ))
}

#[utoipa::path(get, path = "/v1/notifications", tag = "accounts", security(("bearer" = [])), params(NotificationsQuery),
    responses((status = 200, body = [NotificationView], description = "the account's notices after `after`, oldest first (at most 200), in the request's language")))]
/// The account's notices (closures and disruptions of its bookings, service restored), for
/// the app to poll: pass the last id seen as `after`.
pub async fn notifications(
    State(state): State<AppState>,
    caller: Caller,
    ClientLocale(locale): ClientLocale,
    ApiQuery(query): ApiQuery<NotificationsQuery>,
) -> Result<Json<Vec<NotificationView>>, ApiError> {
    let rows = store::notifications_of(&state.db.read, caller.account.id, query.after.unwrap_or(0))
        .await
        .map_err(ApiError::internal)?;
    let mut cache: HashMap<Uuid, Option<Disruption>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for n in rows {
        let d = match n.disruption_id {
            Some(id) => {
                if let std::collections::hash_map::Entry::Vacant(e) = cache.entry(id) {
                    e.insert(
                        store::get(&state.db.read, id)
                            .await
                            .map_err(ApiError::internal)?,
                    );
                }
                cache.get(&id).cloned().flatten()
            }
            None => None,
        };
        let entry = n.office_id.as_deref().and_then(|id| state.catalog.get(id));
        let office_name = entry.map(|e| e.office.name.clone()).unwrap_or_default();
        let (until, reason, note) = match (&d, entry) {
            (Some(d), Some(entry)) => (
                disruptions::until_text(&state.localizer, locale, entry, d.span.expected_end),
                reason_text(&state, locale, d.reason),
                d.note.clone(),
            ),
            _ => Default::default(),
        };
        let stem = match n.kind {
            NotificationKind::Disrupted => "notification-disrupted",
            NotificationKind::DisruptionUpdated => "notification-disruption-updated",
            NotificationKind::ServiceRestored => "notification-service-restored",
            NotificationKind::VisitFeedback => "notification-visit-feedback",
        };
        let args = [
            ("office", Arg::from(office_name)),
            ("reason", Arg::from(reason)),
            ("note", Arg::from(note)),
            ("until", Arg::from(until)),
        ];
        out.push(NotificationView {
            id: n.id,
            kind: n.kind,
            booking_id: n.booking_id,
            disruption: d.map(|d| BookingDisruption {
                id: d.id,
                kind: d.kind,
                reason: d.reason,
                note: d.note,
                expected_end: d.span.expected_end,
            }),
            title: state
                .localizer
                .message(locale, &format!("{stem}-title"), &args),
            body: state
                .localizer
                .message(locale, &format!("{stem}-body"), &args),
            created_at: n.created_at,
            read: n.read,
        });
    }
    Ok(Json(out))
}

#[utoipa::path(post, path = "/v1/notifications/{id}/read", tag = "accounts", security(("bearer" = [])),
    params(("id" = i64, Path, minimum = 1)),
    responses((status = 204, description = "marked read"), (status = 404, body = ErrorBody, description = "`not_found`")))]
/// Marks one of the account's notices read.
pub async fn mark_read(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    if store::mark_read(&state.db, caller.account.id, id, state.clock.now())
        .await
        .map_err(ApiError::internal)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ErrorCode::NotFound.into())
    }
}
