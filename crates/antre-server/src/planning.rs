//! Slot planning: which office-days exist for booking, with which places per lane and session,
//! released when. Opens every missing day of the booking horizon, closes days that became
//! holidays, and applies staff changes to one office-day.
//!
//! All of it runs inside database transactions that first lock the office's row, so a closure
//! made through one instance and the opening of the same day by another are never interleaved:
//! whichever commits second sees the first.

use crate::catalog::{Catalog, OfficeEntry};
use crate::store::audit::{self, Actor};
use crate::store::{offices as office_store, parse_day, slots, waitlist, Db};
use antre_domain::calendar::{is_service_day, HolidayCalendar, OfficeExceptions};
use antre_domain::lane::Lane;
use antre_domain::quota::{protected_places, split_across_sessions, PROTECTED_RELEASE_HOUR};
use antre_domain::release::local_to_utc;
use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// The days of the horizon that are not planned yet, per office, given the days planned.
fn missing_days(
    catalog: &Catalog,
    planned: &HashSet<(String, NaiveDate)>,
    now: DateTime<Utc>,
    horizon_days: u32,
) -> Vec<(usize, Vec<NaiveDate>)> {
    let data_end = catalog.holiday_data_end();
    catalog
        .all()
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let today = catalog.today_at(entry, now);
            let mut last = today + Days::new(u64::from(horizon_days));
            if let Some(end) = data_end {
                last = last.min(end);
            }
            let days: Vec<NaiveDate> = today
                .iter_days()
                .take_while(|d| *d <= last)
                .filter(|d| !planned.contains(&(entry.office.id.clone(), *d)))
                .collect();
            (!days.is_empty()).then_some((i, days))
        })
        .collect()
}

/// Opens every service day from `today` (each office's local date) to the end of the horizon
/// that is not planned yet: gaps (say, before an extra Saturday announced months ahead) are
/// filled, not only days after the last one. Never beyond the holiday data. Idempotent.
/// Returns the number of slots created.
pub async fn open_horizon(
    db: &Db,
    catalog: &Arc<Catalog>,
    now: DateTime<Utc>,
    horizon_days: u32,
) -> anyhow::Result<u64> {
    let earliest = catalog
        .all()
        .iter()
        .map(|e| catalog.today_at(e, now))
        .min()
        .unwrap_or_else(|| now.date_naive());
    let planned: HashSet<(String, NaiveDate)> =
        sqlx::query("SELECT office_id, day FROM planned_days WHERE day >= $1")
            .bind(earliest.to_string())
            .fetch_all(&db.read)
            .await?
            .iter()
            .map(|r| {
                Ok((
                    r.try_get("office_id")?,
                    parse_day(&r.try_get::<String, _>("day")?)?,
                ))
            })
            .collect::<anyhow::Result<_>>()?;
    let missing = missing_days(catalog, &planned, now, horizon_days);
    if missing.is_empty() {
        return Ok(0);
    }
    let catalog = catalog.clone();
    db.write(move |c| {
        Box::pin(async move {
            let mut opened = 0;
            // Offices locked in id order (the catalog's order), as every other writer does.
            for (i, _) in &missing {
                lock_office(c, &catalog.all()[*i].office.id).await?;
            }
            let exceptions = office_store::exceptions_from(c, earliest).await?;
            let percents = office_store::protected_percents(c).await?;
            let none = OfficeExceptions::default();
            for (i, days) in &missing {
                let entry = &catalog.all()[*i];
                let exceptions = exceptions.get(&entry.office.id).unwrap_or(&none);
                let percent = percents
                    .get(&entry.office.id)
                    .copied()
                    .unwrap_or(office_store::DEFAULT_PROTECTED_PERCENT);
                let rows: Vec<slots::NewSlot> = days
                    .iter()
                    .flat_map(|d| slots_of_day(entry, &catalog.holidays, exceptions, *d, percent))
                    .collect();
                opened += rows.len() as u64;
                slots::insert_new(c, &rows).await?;
                slots::mark_planned(c, &entry.office.id, days).await?;
                // Days opened inside a declared closure or disruption open closed.
                crate::store::disruptions::close_covered(c, &entry.office.id).await?;
            }
            Ok::<_, anyhow::Error>(opened)
        })
    })
    .await
}

/// Takes the office's row lock for the rest of the transaction (see the module comment).
pub(crate) async fn lock_office(c: &mut AnyConnection, office_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE offices SET calendar_version = calendar_version + 1 WHERE id = $1")
        .bind(office_id)
        .execute(c)
        .await?;
    Ok(())
}

/// Closes the planned days that the national calendar now says are holidays (new holiday data
/// shipped while those days were already open), unless the office opened them as extra days.
/// Their bookings keep their places and may take the special reschedule. Returns the number
/// of office-days closed.
pub async fn close_new_holidays(db: &Db, now: DateTime<Utc>) -> anyhow::Result<u64> {
    db.write(move |c| {
        Box::pin(async move {
            let open: Vec<(String, NaiveDate)> = sqlx::query(
                "SELECT DISTINCT s.office_id, s.day FROM slots s JOIN holidays h ON h.day = s.day
                 WHERE s.closed = 0 AND NOT EXISTS
                   (SELECT 1 FROM office_days o WHERE o.office_id = s.office_id AND o.day = s.day AND o.kind = 'extra')
                 ORDER BY s.office_id, s.day",
            )
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("office_id")?, parse_day(&r.try_get::<String, _>("day")?)?)))
            .collect::<anyhow::Result<_>>()?;
            for (office, day) in &open {
                lock_office(c, office).await?;
                slots::close_day(c, office, *day).await?;
                waitlist::withdraw_offers_of_day(c, office, *day, now).await?;
            }
            Ok::<_, anyhow::Error>(open.len() as u64)
        })
    })
    .await
}

/// What staff do to one office-day.
#[derive(Debug, Clone)]
pub enum DayChange {
    /// No service that day (outage, renovation); bookings keep their places and may take the
    /// special reschedule.
    Close { note: String },
    /// An extra service day (Saturday service, an event site).
    Open { note: String },
    /// Back to the national calendar.
    Clear,
}

/// Records a change to one office-day and re-plans the day, in one transaction with its audit
/// row. Planned slots get their capacity back (never below what is booked); slots the day no
/// longer has are closed, never deleted, so their bookings keep their places.
pub async fn change_office_day(
    db: &Db,
    catalog: &Arc<Catalog>,
    entry: &OfficeEntry,
    day: NaiveDate,
    change: DayChange,
    actor: Actor,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let catalog = catalog.clone();
    let entry = entry.clone();
    db.write(move |c| {
        Box::pin(async move {
            let office = entry.office.id.as_str();
            lock_office(c, office).await?;
            let (kind, note) = match &change {
                DayChange::Close { note } => (Some("closed"), note.as_str()),
                DayChange::Open { note } => (Some("extra"), note.as_str()),
                DayChange::Clear => (None, ""),
            };
            match kind {
                Some(kind) => {
                    sqlx::query(
                        "INSERT INTO office_days (office_id, day, kind, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)
                         ON CONFLICT (office_id, day) DO UPDATE SET kind = excluded.kind, note = excluded.note,
                            changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                    )
                    .bind(office)
                    .bind(day.to_string())
                    .bind(kind)
                    .bind(note)
                    .bind(actor.account_id.map(|a| a.to_string()))
                    .bind(now.timestamp())
                    .execute(&mut *c)
                    .await?;
                }
                None => {
                    sqlx::query("DELETE FROM office_days WHERE office_id = $1 AND day = $2")
                        .bind(office)
                        .bind(day.to_string())
                        .execute(&mut *c)
                        .await?;
                }
            }
            let mut exceptions = OfficeExceptions::default();
            match kind {
                Some("closed") => exceptions.closures = BTreeSet::from([day]),
                Some(_) => exceptions.extra_days = BTreeSet::from([day]),
                None => {}
            }
            let percent = office_store::protected_percent(c, office).await?;
            let planned = slots_of_day(&entry, &catalog.holidays, &exceptions, day, percent);
            slots::replan(c, office, day, &planned).await?;
            slots::mark_planned(c, office, &[day]).await?;
            // A declared closure or disruption still covering the day keeps its slots closed.
            crate::store::disruptions::close_covered(c, office).await?;
            // Offers on a day that closed end; places a reopened or extra day adds go to the
            // people waiting first.
            waitlist::withdraw_offers_of_day(c, office, day, now).await?;
            for slot in slots::ids_of_day(c, office, day).await? {
                waitlist::offer_freed(c, slot, now).await?;
            }
            audit::record(
                c,
                audit::Entry {
                    actor: &actor,
                    office_id: Some(office),
                    action: match kind {
                        Some("closed") => "office_day.close",
                        Some(_) => "office_day.open_extra",
                        None => "office_day.clear",
                    },
                    target: Some(day.to_string()),
                    detail: serde_json::json!({ "note": note }),
                },
                now,
            )
            .await?;
            Ok::<_, anyhow::Error>(())
        })
    })
    .await
}

/// The slots of one office on one day: every session, every lane the office serves, with the
/// day's quota of the lane split across sessions, and of it the office's protected share
/// (`protected_percent`, rounded up, split alike) kept for the special reschedule until 12:00
/// local time the day before.
pub fn slots_of_day(
    entry: &OfficeEntry,
    holidays: &HolidayCalendar,
    exceptions: &OfficeExceptions,
    day: NaiveDate,
    protected_percent: u32,
) -> Vec<slots::NewSlot> {
    if !is_service_day(holidays, exceptions, day) {
        return Vec::new();
    }
    let released_at = entry
        .release
        .release_instant(day, entry.office.tz, holidays);
    let protected_until = local_to_utc(
        entry.office.tz,
        day.pred_opt().unwrap_or(day),
        chrono::NaiveTime::from_hms_opt(PROTECTED_RELEASE_HOUR, 0, 0).unwrap_or_default(),
    );
    let mut out = Vec::new();
    for lane in Lane::ALL {
        if !entry.office.services.offers_lane(lane) {
            continue;
        }
        let quota = entry.quota.for_lane(lane);
        let shares = split_across_sessions(quota, entry.sessions.len());
        let protected = split_across_sessions(
            protected_places(quota, protected_percent),
            entry.sessions.len(),
        );
        for ((session, capacity), protected) in entry.sessions.iter().zip(shares).zip(protected) {
            if capacity == 0 {
                continue;
            }
            out.push(slots::NewSlot {
                office_id: entry.office.id.clone(),
                day,
                session: session.label(),
                lane,
                starts_at: local_to_utc(entry.office.tz, day, session.start),
                ends_at: local_to_utc(entry.office.tz, day, session.end),
                released_at,
                capacity,
                protected: protected.min(capacity),
                protected_until,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{holidays, offices};
    use antre_domain::calendar::Session;
    use antre_domain::release::ReleasePolicy;
    use chrono::{Datelike, Weekday};

    fn bekasi() -> OfficeEntry {
        let row = offices()
            .unwrap()
            .into_iter()
            .find(|o| o.office.id == "kanim-bekasi")
            .unwrap();
        OfficeEntry {
            sessions: Session::parse_list(&row.sessions).unwrap(),
            release: ReleasePolicy::parse(&row.release_policy).unwrap(),
            release_text: row.release_policy,
            quota: row.quota,
            office: row.office,
        }
    }

    /// The days with bookable places three weeks ahead, seen at 10:00 and 15:00 local time on
    /// each day of one week (Bekasi releases next week on Fridays at 14:00). On Thursday only
    /// Friday is offered and on Friday morning nothing is: a test that needs two open days must
    /// not depend on the day it runs.
    #[test]
    fn what_the_calendar_offers_on_each_weekday() {
        let entry = bekasi();
        let holidays = HolidayCalendar::new(holidays().unwrap().into_iter().map(|h| h.date));
        let none = OfficeExceptions::default();
        let offered = |today: NaiveDate, hour: u32| -> Vec<u32> {
            let now = local_to_utc(
                entry.office.tz,
                today,
                chrono::NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
            );
            let mut days: Vec<u32> = (1..=21)
                .map(|n| today + Days::new(n))
                .filter(|d| {
                    slots_of_day(&entry, &holidays, &none, *d, 5)
                        .iter()
                        .any(|s| s.released_at <= now && s.starts_at > now)
                })
                .map(|d| d.day())
                .collect();
            days.dedup();
            days
        };
        // Monday 30 November to Sunday 6 December 2026: no holiday near.
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(monday.weekday(), Weekday::Mon);
        let week = |n: u64| monday + Days::new(n);
        // Released last Friday: 1-4 December; released this Friday 14:00: 7-11 December.
        assert_eq!(offered(week(0), 10), vec![1, 2, 3, 4]);
        assert_eq!(offered(week(1), 10), vec![2, 3, 4]);
        assert_eq!(offered(week(2), 10), vec![3, 4]);
        assert_eq!(offered(week(3), 10), vec![4], "Thursday: only Friday");
        assert_eq!(
            offered(week(4), 10),
            Vec::<u32>::new(),
            "Friday before the release"
        );
        assert_eq!(
            offered(week(4), 15),
            vec![7, 8, 9, 10, 11],
            "Friday after the release"
        );
        assert_eq!(offered(week(5), 10), vec![7, 8, 9, 10, 11]);
        assert_eq!(offered(week(6), 10), vec![7, 8, 9, 10, 11]);
    }
}
