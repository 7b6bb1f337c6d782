//! Offices, holidays and per-office exception days.

use super::{parse_day, Db};
use crate::catalog::{Catalog, OfficeEntry};
use crate::reference::{HolidayRecord, OfficeRow};
use antre_domain::calendar::{OfficeExceptions, Session};
use antre_domain::lane::ServicesOffered;
use antre_domain::office::Office;
use antre_domain::quota::DailyQuota;
use antre_domain::release::ReleasePolicy;
use anyhow::anyhow;
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

pub async fn upsert_holidays(db: &Db, rows: Vec<HolidayRecord>) -> Result<(), sqlx::Error> {
    db.write(move |c| Box::pin(async move {
    for h in &rows {
        sqlx::query(
            "INSERT INTO holidays (day, kind, name_id, name_en) VALUES ($1, $2, $3, $4)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name_id = excluded.name_id, name_en = excluded.name_en",
        )
        .bind(h.date.to_string())
        .bind(&h.kind)
        .bind(&h.name_id)
        .bind(&h.name_en)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
    })).await
}

/// The protected share of an office's places when the database has none to say (the
/// migration's default).
pub const DEFAULT_PROTECTED_PERCENT: u32 = 5;

/// Every office's protected share (`offices.protected_percent`), for planning its days.
pub async fn protected_percents(
    c: &mut AnyConnection,
) -> Result<std::collections::HashMap<String, u32>, sqlx::Error> {
    sqlx::query("SELECT id, protected_percent FROM offices")
        .fetch_all(c)
        .await?
        .iter()
        .map(|r| {
            let p: i64 = r.try_get("protected_percent")?;
            Ok((
                r.try_get("id")?,
                u32::try_from(p.clamp(0, 100)).unwrap_or(0),
            ))
        })
        .collect()
}

/// One office's protected share.
pub async fn protected_percent(c: &mut AnyConnection, office_id: &str) -> Result<u32, sqlx::Error> {
    let p: Option<i64> = sqlx::query_scalar("SELECT protected_percent FROM offices WHERE id = $1")
        .bind(office_id)
        .fetch_optional(c)
        .await?;
    Ok(p.map_or(DEFAULT_PROTECTED_PERCENT, |p| {
        u32::try_from(p.clamp(0, 100)).unwrap_or(0)
    }))
}

pub async fn upsert_offices(db: &Db, mut rows: Vec<OfficeRow>) -> Result<(), sqlx::Error> {
    // Office rows are locked in id order by every writer (see planning): instances starting
    // together upsert while others plan slots, and any other order can deadlock with them.
    rows.sort_by(|a, b| a.office.id.cmp(&b.office.id));
    db.write(move |c| Box::pin(async move {
    for r in &rows {
        let o = &r.office;
        let services = [
            ("regular", o.services.regular),
            ("same_day", o.services.same_day),
            ("electronic", o.services.electronic),
        ]
        .iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(";");
        sqlx::query(
            "INSERT INTO offices (id, name, class, city, province, time_zone, lat, lon, coord_precision, services,
                                  sessions, release_policy, quota_regular, quota_same_day, quota_priority, source, counter_payment,
                                  offer_minutes, lapses_before_cooldown, cooldown_days, reconfirm_until,
                                  address, opening_hours, phone, details_source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                     $22, $23, $24, $25)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, class = excluded.class, city = excluded.city,
                province = excluded.province, time_zone = excluded.time_zone, lat = excluded.lat, lon = excluded.lon,
                coord_precision = excluded.coord_precision, services = excluded.services, sessions = excluded.sessions,
                release_policy = excluded.release_policy, quota_regular = excluded.quota_regular,
                quota_same_day = excluded.quota_same_day, quota_priority = excluded.quota_priority, source = excluded.source,
                counter_payment = excluded.counter_payment, offer_minutes = excluded.offer_minutes,
                lapses_before_cooldown = excluded.lapses_before_cooldown, cooldown_days = excluded.cooldown_days,
                reconfirm_until = excluded.reconfirm_until, address = excluded.address,
                opening_hours = excluded.opening_hours, phone = excluded.phone,
                details_source = excluded.details_source",
        )
        .bind(&o.id)
        .bind(&o.name)
        .bind(&o.class)
        .bind(&o.city)
        .bind(&o.province)
        .bind(o.tz.name())
        .bind(o.lat)
        .bind(o.lon)
        .bind(&o.coord_precision)
        .bind(services)
        .bind(&r.sessions)
        .bind(&r.release_policy)
        .bind(i64::from(r.quota.regular))
        .bind(i64::from(r.quota.same_day))
        .bind(i64::from(r.quota.priority))
        .bind(&o.source)
        .bind(i64::from(r.counter_payment))
        .bind(i64::from(r.fair_release.offer_minutes))
        .bind(i64::from(r.fair_release.lapses_before_cooldown))
        .bind(i64::from(r.fair_release.cooldown_days))
        .bind(r.fair_release.reconfirm_until.map(|t| t.format("%H:%M").to_string()))
        .bind(o.address.as_deref())
        .bind(o.opening_hours.as_deref())
        .bind(o.phone.as_deref())
        .bind(&o.details_source)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
    })).await
}

/// A day an office changed: closed (outage, renovation) or opened extra (Saturday service,
/// an event), with the reason staff gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeDay {
    pub day: NaiveDate,
    pub closed: bool,
    pub note: String,
}

fn office_day(r: &sqlx::any::AnyRow) -> anyhow::Result<OfficeDay> {
    Ok(OfficeDay {
        day: parse_day(&r.try_get::<String, _>("day")?)?,
        closed: r.try_get::<String, _>("kind")? == "closed",
        note: r.try_get("note")?,
    })
}

/// An office's changed days between two dates (inclusive).
pub async fn office_days_between(
    db: &Db,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<OfficeDay>> {
    sqlx::query(
        "SELECT day, kind, note FROM office_days WHERE office_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
    )
    .bind(office_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(office_day)
    .collect()
}

/// Every office's exceptions from `from` on, read inside a write (after the office rows are
/// locked), so planning sees the closures committed before it.
pub async fn exceptions_from(
    c: &mut AnyConnection,
    from: NaiveDate,
) -> anyhow::Result<HashMap<String, OfficeExceptions>> {
    let mut all: HashMap<String, OfficeExceptions> = HashMap::new();
    for r in sqlx::query("SELECT office_id, day, kind, note FROM office_days WHERE day >= $1")
        .bind(from.to_string())
        .fetch_all(&mut *c)
        .await?
    {
        let day = office_day(&r)?;
        let e = all.entry(r.try_get("office_id")?).or_default();
        if day.closed {
            e.closures.insert(day.day);
        } else {
            e.extra_days.insert(day.day);
        }
    }
    Ok(all)
}

pub async fn load_catalog(db: &Db) -> anyhow::Result<Catalog> {
    let holidays = sqlx::query("SELECT day, name_id, name_en FROM holidays")
        .fetch_all(&db.read)
        .await?
        .iter()
        .map(|r| {
            Ok((
                parse_day(&r.try_get::<String, _>("day")?)?,
                (r.try_get("name_id")?, r.try_get("name_en")?),
            ))
        })
        .collect::<anyhow::Result<HashMap<_, _>>>()?;
    let mut offices = Vec::new();
    for r in sqlx::query("SELECT * FROM offices ORDER BY id")
        .fetch_all(&db.read)
        .await?
    {
        let id: String = r.try_get("id")?;
        let tz_name: String = r.try_get("time_zone")?;
        let release_text: String = r.try_get("release_policy")?;
        let sessions: String = r.try_get("sessions")?;
        let services: String = r.try_get("services")?;
        let quota =
            |c: &str| -> anyhow::Result<u32> { Ok(u32::try_from(r.try_get::<i64, _>(c)?)?) };
        offices.push(OfficeEntry {
            office: Office {
                id: id.clone(),
                name: r.try_get("name")?,
                class: r.try_get("class")?,
                city: r.try_get("city")?,
                province: r.try_get("province")?,
                tz: tz_name.parse().map_err(|e| anyhow!("{id}: {e}"))?,
                lat: r.try_get("lat")?,
                lon: r.try_get("lon")?,
                coord_precision: r.try_get("coord_precision")?,
                services: ServicesOffered::parse(&services).map_err(|e| anyhow!("{id}: {e}"))?,
                source: r.try_get("source")?,
                address: r.try_get("address")?,
                opening_hours: r.try_get("opening_hours")?,
                phone: r.try_get("phone")?,
                details_source: r.try_get("details_source")?,
            },
            sessions: Session::parse_list(&sessions).map_err(|e| anyhow!("{id}: {e}"))?,
            release: ReleasePolicy::parse(&release_text).map_err(|e| anyhow!("{id}: {e}"))?,
            release_text,
            quota: DailyQuota {
                regular: quota("quota_regular")?,
                same_day: quota("quota_same_day")?,
                priority: quota("quota_priority")?,
            },
        });
    }
    Ok(Catalog::new(offices, holidays))
}
