//! Reference data from `data/` (compiled into the binary, so a fresh server needs no files):
//! offices, national holidays and cuti bersama, and quotas per class with per-office overrides.
//! Loaded into the database at every start (upsert), then read back into the `Catalog`.

use crate::catalog::{Catalog, OfficeEntry};
use crate::store::{offices as office_store, slots, Db};
use antre_domain::calendar::{is_service_day, HolidayCalendar, OfficeExceptions, Session};
use antre_domain::lane::{Lane, ServicesOffered};
use antre_domain::office::{Office, Zone};
use antre_domain::quota::{split_across_sessions, DailyQuota};
use antre_domain::release::{local_to_utc, ReleasePolicy};
use anyhow::{anyhow, bail, Context};
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::HashMap;

const OFFICES_CSV: &str = include_str!("../../../data/offices.csv");
const HOLIDAYS_CSV: &str = include_str!("../../../data/holidays.csv");
const QUOTAS_CSV: &str = include_str!("../../../data/quotas.csv");

#[derive(Debug, Deserialize)]
struct OfficeRecord {
    id: String,
    name: String,
    class: String,
    city: String,
    province: String,
    timezone: String,
    lat: f64,
    lon: f64,
    coord_precision: String,
    source: String,
    services: String,
}

#[derive(Debug, Deserialize)]
struct QuotaRecord {
    scope: String,
    regular: u32,
    same_day: u32,
    priority: u32,
    release_policy: String,
    sessions: String,
}

#[derive(Debug, Deserialize)]
pub struct HolidayRecord {
    pub date: NaiveDate,
    pub kind: String,
    pub name_id: String,
    pub name_en: String,
}

/// An office row as stored: the parsed office plus its resolved quota, sessions and policy.
#[derive(Debug, Clone)]
pub struct OfficeRow {
    pub office: Office,
    pub sessions: String,
    pub release_policy: String,
    pub quota: DailyQuota,
}

pub fn holidays() -> anyhow::Result<Vec<HolidayRecord>> {
    csv::Reader::from_reader(HOLIDAYS_CSV.as_bytes())
        .deserialize()
        .collect::<Result<Vec<HolidayRecord>, _>>()
        .context("data/holidays.csv")
}

/// Offices with the quota of their class, overridden field by field by an `office:` row.
pub fn offices() -> anyhow::Result<Vec<OfficeRow>> {
    let quotas: HashMap<String, QuotaRecord> = csv::Reader::from_reader(QUOTAS_CSV.as_bytes())
        .deserialize::<QuotaRecord>()
        .map(|r| r.map(|q| (q.scope.clone(), q)))
        .collect::<Result<_, _>>()
        .context("data/quotas.csv")?;
    let mut rows = Vec::new();
    for record in csv::Reader::from_reader(OFFICES_CSV.as_bytes()).deserialize::<OfficeRecord>() {
        let r = record.context("data/offices.csv")?;
        let tz: Tz = r
            .timezone
            .parse()
            .map_err(|e| anyhow!("office {}: time zone: {e}", r.id))?;
        if Zone::of(tz).is_none() {
            bail!("office {}: {} is not an Indonesian zone", r.id, r.timezone);
        }
        let class = quotas
            .get(&format!("class:{}", r.class))
            .ok_or_else(|| anyhow!("office {}: no quota row for class {}", r.id, r.class))?;
        let own = quotas.get(&format!("office:{}", r.id));
        let pick = |f: fn(&QuotaRecord) -> &str| {
            own.map(f)
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(f(class))
                .trim()
                .to_string()
        };
        let release_policy = pick(|q| &q.release_policy);
        let sessions = pick(|q| &q.sessions);
        ReleasePolicy::parse(&release_policy).map_err(|e| anyhow!("office {}: {e}", r.id))?;
        Session::parse_list(&sessions).map_err(|e| anyhow!("office {}: {e}", r.id))?;
        let q = own.unwrap_or(class);
        let services =
            ServicesOffered::parse(&r.services).map_err(|e| anyhow!("office {}: {e}", r.id))?;
        rows.push(OfficeRow {
            office: Office {
                id: r.id,
                name: r.name,
                class: r.class,
                city: r.city,
                province: r.province,
                tz,
                lat: r.lat,
                lon: r.lon,
                coord_precision: r.coord_precision,
                services,
                source: r.source,
            },
            sessions,
            release_policy,
            quota: DailyQuota {
                regular: q.regular,
                same_day: q.same_day,
                priority: q.priority,
            },
        });
    }
    Ok(rows)
}

/// Writes the reference data and returns the catalog built from what the database now holds.
pub async fn load(db: &Db) -> anyhow::Result<Catalog> {
    let holiday_rows = holidays()?;
    office_store::upsert_holidays(db, &holiday_rows).await?;
    office_store::upsert_offices(db, &offices()?).await?;
    office_store::load_catalog(db).await
}

/// Opens the slots of every service day from `today` (each office's local date) for
/// `horizon_days`, continuing after the last day already opened. Idempotent.
pub async fn materialize_slots(
    db: &Db,
    catalog: &Catalog,
    now: DateTime<Utc>,
    horizon_days: u32,
) -> anyhow::Result<u64> {
    let opened = slots::last_opened_day_per_office(db).await?;
    let mut rows = Vec::new();
    for entry in catalog.all() {
        let today = catalog.today_at(entry, now);
        let last = today + Days::new(u64::from(horizon_days));
        let mut day = match opened.get(&entry.office.id) {
            Some(d) if *d >= today => *d + Days::new(1),
            _ => today,
        };
        let exceptions = catalog.exceptions_of(&entry.office.id);
        while day <= last {
            rows.extend(slots_of_day(entry, &catalog.holidays, &exceptions, day));
            day = day + Days::new(1);
        }
    }
    slots::insert_new(db, &rows).await?;
    Ok(rows.len() as u64)
}

/// Plans one office-day again after a closure or extra day was set or cleared: planned slots
/// get their capacity back (never below what is booked), slots of a closed day keep only
/// their bookings.
pub async fn replan_day(
    db: &Db,
    catalog: &Catalog,
    entry: &OfficeEntry,
    day: NaiveDate,
) -> anyhow::Result<()> {
    let planned = slots_of_day(
        entry,
        &catalog.holidays,
        &catalog.exceptions_of(&entry.office.id),
        day,
    );
    slots::replan(db, &entry.office.id, day, &planned).await?;
    Ok(())
}

/// The slots of one office on one day: every session, every lane the office serves, with the
/// day's quota of the lane split across sessions.
pub fn slots_of_day(
    entry: &OfficeEntry,
    holidays: &HolidayCalendar,
    exceptions: &OfficeExceptions,
    day: NaiveDate,
) -> Vec<slots::NewSlot> {
    if !is_service_day(holidays, exceptions, day) {
        return Vec::new();
    }
    let released_at = entry
        .release
        .release_instant(day, entry.office.tz, holidays);
    let mut out = Vec::new();
    for lane in Lane::ALL {
        if !entry.office.services.offers_lane(lane) {
            continue;
        }
        let shares = split_across_sessions(entry.quota.for_lane(lane), entry.sessions.len());
        for (session, capacity) in entry.sessions.iter().zip(shares) {
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
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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
                    slots_of_day(&entry, &holidays, &none, *d)
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

    #[test]
    fn reference_data_parses_and_is_consistent() {
        let offices = offices().unwrap();
        assert!(offices.len() >= 140, "{}", offices.len());
        let ids: std::collections::HashSet<_> = offices.iter().map(|o| &o.office.id).collect();
        assert_eq!(ids.len(), offices.len(), "office ids are unique");
        let batam = offices
            .iter()
            .find(|o| o.office.id == "kanim-batam")
            .expect("Batam is listed");
        assert_eq!(
            batam.quota,
            DailyQuota {
                regular: 200,
                same_day: 35,
                priority: 50
            }
        );
        for o in &offices {
            assert!(
                (-11.5..6.5).contains(&o.office.lat) && (94.0..141.5).contains(&o.office.lon),
                "{}",
                o.office.id
            );
        }
        let holidays = holidays().unwrap();
        for year in [2025, 2026, 2027] {
            assert!(
                holidays
                    .iter()
                    .filter(|h| chrono::Datelike::year(&h.date) == year)
                    .count()
                    >= 15,
                "{year}"
            );
        }
    }
}
