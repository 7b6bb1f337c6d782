//! Reference data from `data/`, compiled into the binary so a fresh server needs no files:
//! offices, national holidays and cuti bersama, and quotas per class with per-office overrides.
//! Parsing only; `seed` writes it to the database.

use antre_domain::area::IslandGroup;
use antre_domain::calendar::Session;
use antre_domain::lane::ServicesOffered;
use antre_domain::office::{Office, Zone};
use antre_domain::quota::DailyQuota;
use antre_domain::release::ReleasePolicy;
use anyhow::{anyhow, bail, Context};
use chrono::NaiveDate;
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
    address: String,
    opening_hours: String,
    phone: String,
    details_source: String,
}

/// An optional text field: empty means "not found in any source".
fn known(value: String) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[derive(Debug, Deserialize)]
struct QuotaRecord {
    scope: String,
    regular: u32,
    same_day: u32,
    priority: u32,
    release_policy: String,
    sessions: String,
    counter_payment: String,
    offer_minutes: String,
    lapses_before_cooldown: String,
    cooldown_days: String,
    reconfirm_until: String,
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
    /// Office policy: staff may take payment at the counter.
    pub counter_payment: bool,
    pub fair_release: FairReleasePolicy,
}

/// Office policy for the waitlist and against hoarding (`data/README.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FairReleasePolicy {
    pub offer_minutes: u32,
    pub lapses_before_cooldown: u32,
    pub cooldown_days: u32,
    /// Local time on the day before the appointment by which attendance must be reconfirmed.
    pub reconfirm_until: Option<chrono::NaiveTime>,
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
        if IslandGroup::of_province(&r.province).is_none() {
            bail!(
                "office {}: {:?} is not one of the 38 provinces",
                r.id,
                r.province
            );
        }
        if r.details_source.trim().is_empty() {
            bail!(
                "office {}: details_source must say where the address, hours, phone and coordinates come from, or that they were not found",
                r.id
            );
        }
        if !matches!(r.coord_precision.as_str(), "city" | "office") {
            bail!(
                "office {}: coord_precision {:?} is neither city nor office",
                r.id,
                r.coord_precision
            );
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
        let number = |name: &str, value: String| -> anyhow::Result<u32> {
            value
                .parse()
                .map_err(|_| anyhow!("office {}: {name} {value:?} is not a number", r.id))
        };
        let fair_release =
            FairReleasePolicy {
                offer_minutes: number("offer_minutes", pick(|q| &q.offer_minutes))?,
                lapses_before_cooldown: number(
                    "lapses_before_cooldown",
                    pick(|q| &q.lapses_before_cooldown),
                )?,
                cooldown_days: number("cooldown_days", pick(|q| &q.cooldown_days))?,
                reconfirm_until: match own
                    .map(|q| q.reconfirm_until.trim())
                    .filter(|s| !s.is_empty())
                    .unwrap_or(class.reconfirm_until.trim())
                {
                    "" => None,
                    t => Some(chrono::NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| {
                        anyhow!("office {}: reconfirm_until {t:?} is not HH:MM", r.id)
                    })?),
                },
            };
        let counter_payment = match pick(|q| &q.counter_payment).as_str() {
            "yes" => true,
            "no" => false,
            other => bail!(
                "office {}: counter_payment {other:?} is neither yes nor no",
                r.id
            ),
        };
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
                address: known(r.address),
                opening_hours: known(r.opening_hours),
                phone: known(r.phone),
                details_source: r.details_source,
            },
            sessions,
            release_policy,
            counter_payment,
            fair_release,
            quota: DailyQuota {
                regular: q.regular,
                same_day: q.same_day,
                priority: q.priority,
            },
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_data_parses_and_is_consistent() {
        let offices = offices().unwrap();
        assert_eq!(
            offices.len(),
            151,
            "the directorate's count since 26 Jan 2026"
        );
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
