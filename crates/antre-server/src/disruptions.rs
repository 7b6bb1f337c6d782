//! Closures and disruptions declared for one office, a province or the whole country.
//!
//! A declaration, in one transaction under the covered offices' row locks (as office-day
//! changes take them, so it never interleaves with the opening of days on another instance):
//! records it and its first history row, closes the covered offices' slots in its span (no new
//! place there: booking, reschedule, search and calendars all read `slots.closed`), withdraws
//! waitlist offers there, tells every active booking in the span (a notification row the app
//! polls and, to a verified mobile number, an SMS in the account's language through the
//! outbox) and writes the audit row. An update (new expected end, a note, service restored)
//! is another history row: the days the old span covered are re-planned from the calendar
//! (other closures and declarations still apply), places given back go to the waitlist first.

use crate::catalog::{Catalog, OfficeEntry};
use crate::planning;
use crate::store::audit::{self, Actor};
use crate::store::disruptions::{self as store, Affected, NewDisruption};
use crate::store::{offices as office_store, slots, waitlist, Db};
use antre_api::disruptions::{
    DisruptionKind, DisruptionReason, DisruptionScope, DisruptionUpdateKind, NotificationKind,
};
use antre_domain::calendar::OfficeExceptions;
use antre_domain::disruption::Scope;
use antre_i18n::{Arg, Locale, Localizer};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use uuid::Uuid;

/// Why a change to a declaration was refused.
#[derive(Debug)]
pub enum Refused {
    NotFound,
    /// Not a declaration this caller may change (an office head: another office's, or wider).
    WrongOffice,
    Restored,
    Failed(anyhow::Error),
}

impl From<sqlx::Error> for Refused {
    fn from(e: sqlx::Error) -> Self {
        Refused::Failed(e.into())
    }
}

impl From<anyhow::Error> for Refused {
    fn from(e: anyhow::Error) -> Self {
        Refused::Failed(e)
    }
}

pub struct Declaration {
    pub scope: Scope,
    pub kind: DisruptionKind,
    pub reason: DisruptionReason,
    pub note: String,
    pub starts_at: DateTime<Utc>,
    pub expected_end: Option<DateTime<Utc>>,
}

/// The offices a scope covers, in id order (the order office rows are locked in).
pub fn offices_in(catalog: &Catalog, scope: &Scope) -> Vec<String> {
    let mut ids: Vec<String> = catalog
        .all()
        .iter()
        .filter(|e| scope.covers(&e.office.id, &e.office.province))
        .map(|e| e.office.id.clone())
        .collect();
    ids.sort();
    ids
}

/// An instant in the office's local time: `Selasa, 1 Desember 2026, 14.00 WIB`.
pub fn local_time(
    localizer: &Localizer,
    locale: Locale,
    entry: &OfficeEntry,
    at: DateTime<Utc>,
) -> String {
    let local = at.with_timezone(&entry.office.tz);
    format!(
        "{}, {}",
        localizer.format_date_long(locale, local.date_naive()),
        localizer.format_time(locale, local.time(), entry.office.zone().label())
    )
}

/// The expected end as people read it, or "not known yet".
pub fn until_text(
    localizer: &Localizer,
    locale: Locale,
    entry: &OfficeEntry,
    end: Option<DateTime<Utc>>,
) -> String {
    match end {
        Some(end) => local_time(localizer, locale, entry, end),
        None => localizer.message(locale, "disruption-until-unknown", &[]),
    }
}

/// What the SMS seam is given: rendered in the account's language, only to a verified number.
async fn text_holder(
    c: &mut sqlx::AnyConnection,
    ctx: &Ctx,
    who: &Affected,
    message: &str,
    purpose: &str,
    end: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let (Some(phone), Some(entry)) = (&who.phone, ctx.catalog.get(&who.office_id)) else {
        return Ok(());
    };
    let locale = Locale::from_tag(&who.language).unwrap_or_default();
    let body = ctx.localizer.message(
        locale,
        message,
        &[
            ("office", Arg::from(entry.office.name.as_str())),
            (
                "until",
                until_text(&ctx.localizer, locale, entry, end).into(),
            ),
        ],
    );
    store::queue_sms(c, who.account_id, purpose, phone, &body, now).await?;
    tracing::info!(target: "antre::outbox", channel = "sms", purpose, "disruption notice sent to the local outbox");
    Ok(())
}

#[derive(Clone)]
pub struct Ctx {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub localizer: Arc<Localizer>,
}

/// Declares a closure or disruption. Returns its id and the number of bookings told.
pub async fn declare(
    ctx: &Ctx,
    d: Declaration,
    actor: Actor,
    now: DateTime<Utc>,
) -> anyhow::Result<(Uuid, usize)> {
    let offices = offices_in(&ctx.catalog, &d.scope);
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |c| {
            Box::pin(async move {
                let id = Uuid::new_v4();
                for office in &offices {
                    planning::lock_office(c, office).await?;
                }
                let (scope, office_id, province) = match &d.scope {
                    Scope::Office(o) => (DisruptionScope::Office, Some(o.as_str()), None),
                    Scope::Province(p) => (DisruptionScope::Province, None, Some(p.as_str())),
                    Scope::National => (DisruptionScope::National, None, None),
                };
                store::insert(
                    c,
                    &NewDisruption {
                        id,
                        scope,
                        office_id,
                        province,
                        kind: d.kind,
                        reason: d.reason,
                        note: &d.note,
                        starts_at: d.starts_at,
                        expected_end: d.expected_end,
                        declared_by: actor.account_id,
                    },
                    &offices,
                    now,
                )
                .await?;
                for office in &offices {
                    store::close_covered(c, office).await?;
                    for day in store::days_in_span(c, id, office, now).await? {
                        waitlist::withdraw_offers_of_day(c, office, day, now).await?;
                    }
                }
                let affected = store::affected(c, id, now).await?;
                for who in &affected {
                    store::notify(c, who, id, NotificationKind::Disrupted, now).await?;
                    text_holder(
                        c,
                        &ctx2,
                        who,
                        "sms-disrupted",
                        "disruption",
                        d.expected_end,
                        now,
                    )
                    .await?;
                }
                audit::record(
                    c,
                    audit::Entry {
                        actor: &actor,
                        office_id,
                        action: "disruption.declare",
                        target: Some(id.to_string()),
                        detail: serde_json::json!({
                            "scope": crate::store::bookings::enum_name(&scope),
                            "province": province,
                            "kind": crate::store::bookings::enum_name(&d.kind),
                            "reason": crate::store::bookings::enum_name(&d.reason),
                            "note": d.note,
                            "starts_at": d.starts_at,
                            "expected_end": d.expected_end,
                            "offices": offices.len(),
                            "bookings_told": affected.len(),
                        }),
                    },
                    now,
                )
                .await?;
                Ok::<_, anyhow::Error>((id, affected.len()))
            })
        })
        .await
}

pub struct Change {
    pub note: String,
    pub expected_end: Option<DateTime<Utc>>,
    pub restored: bool,
}

/// Records an update of a declaration and applies it. `allowed` is asked, inside the
/// transaction, whether the caller may change this declaration (an office head: only their
/// office's).
pub async fn update(
    ctx: &Ctx,
    id: Uuid,
    change: Change,
    allowed: impl Fn(&store::Disruption) -> bool + Send + 'static,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |c| {
            Box::pin(async move {
                let Some(current) = store::get_in(c, id).await? else {
                    return Err(Refused::NotFound);
                };
                if !allowed(&current) {
                    return Err(Refused::WrongOffice);
                }
                if current.span.restored_at.is_some() {
                    return Err(Refused::Restored);
                }
                let offices = store::offices_of(c, id).await?;
                for office in &offices {
                    planning::lock_office(c, office).await?;
                }
                let told = store::told(c, id).await?;
                let mut old_days = Vec::new();
                for office in &offices {
                    old_days.push(store::days_in_span(c, id, office, now).await?);
                }
                let restored_at = change.restored.then_some(now);
                store::set_current(c, id, change.expected_end, &change.note, restored_at).await?;
                store::add_update(
                    c,
                    id,
                    if change.restored {
                        DisruptionUpdateKind::Restored
                    } else {
                        DisruptionUpdateKind::Updated
                    },
                    change.expected_end,
                    &change.note,
                    actor.account_id,
                    now,
                )
                .await?;
                let earliest = ctx2
                    .catalog
                    .all()
                    .iter()
                    .map(|e| ctx2.catalog.today_at(e, now))
                    .min()
                    .unwrap_or_else(|| now.date_naive());
                let exceptions = office_store::exceptions_from(c, earliest).await?;
                let none = OfficeExceptions::default();
                for (office, days) in offices.iter().zip(&old_days) {
                    let Some(entry) = ctx2.catalog.get(office) else {
                        continue;
                    };
                    let exceptions = exceptions.get(office).unwrap_or(&none);
                    let percent = office_store::protected_percent(c, office).await?;
                    for day in days {
                        let planned = planning::slots_of_day(
                            entry,
                            &ctx2.catalog.holidays,
                            exceptions,
                            *day,
                            percent,
                        );
                        slots::replan(c, office, *day, &planned).await?;
                    }
                    // Whatever another declaration (or this one, extended) still covers.
                    store::close_covered(c, office).await?;
                    for day in store::days_in_span(c, id, office, now).await? {
                        waitlist::withdraw_offers_of_day(c, office, day, now).await?;
                    }
                    for day in days {
                        for slot in slots::ids_of_day(c, office, *day).await? {
                            waitlist::offer_freed(c, slot, now).await?;
                        }
                    }
                }
                if change.restored {
                    for who in &told {
                        store::notify(c, who, id, NotificationKind::ServiceRestored, now).await?;
                        text_holder(
                            c,
                            &ctx2,
                            who,
                            "sms-service-restored",
                            "disruption",
                            None,
                            now,
                        )
                        .await?;
                    }
                } else {
                    let told_ids: std::collections::HashSet<Uuid> =
                        told.iter().map(|t| t.booking_id).collect();
                    for who in store::affected(c, id, now).await? {
                        if told_ids.contains(&who.booking_id) {
                            store::notify(c, &who, id, NotificationKind::DisruptionUpdated, now)
                                .await?;
                        } else {
                            store::notify(c, &who, id, NotificationKind::Disrupted, now).await?;
                            text_holder(
                                c,
                                &ctx2,
                                &who,
                                "sms-disrupted",
                                "disruption",
                                change.expected_end,
                                now,
                            )
                            .await?;
                        }
                    }
                }
                audit::record(
                    c,
                    audit::Entry {
                        actor: &actor,
                        office_id: current.office_id.as_deref(),
                        action: if change.restored {
                            "disruption.restore"
                        } else {
                            "disruption.update"
                        },
                        target: Some(id.to_string()),
                        detail: serde_json::json!({
                            "note": change.note,
                            "expected_end": change.expected_end,
                        }),
                    },
                    now,
                )
                .await?;
                Ok(())
            })
        })
        .await
}
