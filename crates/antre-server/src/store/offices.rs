//! Offices, holidays and per-office exception days.

use super::Db;
use crate::catalog::{Catalog, OfficeEntry};
use crate::seed::{HolidayRecord, OfficeRow};
use antre_domain::calendar::{HolidayCalendar, OfficeExceptions, Session};
use antre_domain::lane::ServicesOffered;
use antre_domain::office::Office;
use antre_domain::quota::DailyQuota;
use antre_domain::release::ReleasePolicy;
use anyhow::{anyhow, Context};
use chrono::NaiveDate;
use sqlx::Row;
use std::collections::HashMap;

pub async fn upsert_holidays(db: &Db, rows: &[HolidayRecord]) -> Result<(), sqlx::Error> {
    let mut tx = db.write.begin().await?;
    for h in rows {
        sqlx::query(
            "INSERT INTO holidays (day, kind, name_id, name_en) VALUES ($1, $2, $3, $4)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name_id = excluded.name_id, name_en = excluded.name_en",
        )
        .bind(h.date.to_string())
        .bind(&h.kind)
        .bind(&h.name_id)
        .bind(&h.name_en)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub async fn upsert_offices(db: &Db, rows: &[OfficeRow]) -> Result<(), sqlx::Error> {
    let mut tx = db.write.begin().await?;
    for r in rows {
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
                                  sessions, release_policy, quota_regular, quota_same_day, quota_priority, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, class = excluded.class, city = excluded.city,
                province = excluded.province, time_zone = excluded.time_zone, lat = excluded.lat, lon = excluded.lon,
                coord_precision = excluded.coord_precision, services = excluded.services, sessions = excluded.sessions,
                release_policy = excluded.release_policy, quota_regular = excluded.quota_regular,
                quota_same_day = excluded.quota_same_day, quota_priority = excluded.quota_priority, source = excluded.source",
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
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub async fn clear_office_day(db: &Db, office_id: &str, day: NaiveDate) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM office_days WHERE office_id = $1 AND day = $2")
        .bind(office_id)
        .bind(day.to_string())
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Records a closure or an extra service day for an office.
pub async fn set_office_day(
    db: &Db,
    office_id: &str,
    day: NaiveDate,
    kind: &str,
    note: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO office_days (office_id, day, kind, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (office_id, day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
    )
    .bind(office_id)
    .bind(day.to_string())
    .bind(kind)
    .bind(note)
    .execute(&db.write)
    .await?;
    Ok(())
}

pub async fn load_catalog(db: &Db) -> anyhow::Result<Catalog> {
    let holidays = sqlx::query("SELECT day FROM holidays")
        .fetch_all(&db.read)
        .await?
        .iter()
        .map(|r| parse_day(&r.try_get::<String, _>("day")?))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut exceptions: HashMap<String, OfficeExceptions> = HashMap::new();
    for r in sqlx::query("SELECT office_id, day, kind FROM office_days")
        .fetch_all(&db.read)
        .await?
    {
        let entry = exceptions.entry(r.try_get("office_id")?).or_default();
        let day = parse_day(&r.try_get::<String, _>("day")?)?;
        if r.try_get::<String, _>("kind")? == "closed" {
            entry.closures.insert(day);
        } else {
            entry.extra_days.insert(day);
        }
    }
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
    Ok(Catalog::new(
        offices,
        HolidayCalendar::new(holidays),
        exceptions,
    ))
}

pub fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("stored day {text:?}"))
}
