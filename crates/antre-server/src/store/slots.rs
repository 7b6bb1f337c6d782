//! Slots: the capacity rows bookings consume. Reads for calendars and search never touch the
//! bookings table; `booked` is kept exact by the booking transactions.

use super::Db;
use crate::store::offices::parse_day;
use antre_domain::lane::Lane;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct NewSlot {
    pub office_id: String,
    pub day: NaiveDate,
    pub session: String,
    pub lane: Lane,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub released_at: DateTime<Utc>,
    pub capacity: u32,
}

#[derive(Debug, Clone)]
pub struct Slot {
    pub id: i64,
    pub office_id: String,
    pub day: NaiveDate,
    pub session: String,
    pub lane: Lane,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub released_at: DateTime<Utc>,
    pub capacity: u32,
    pub booked: u32,
}

impl Slot {
    pub fn remaining(&self) -> u32 {
        self.capacity.saturating_sub(self.booked)
    }
}

pub const SLOT_COLUMNS: &str =
    "id, office_id, day, session, lane, starts_at, ends_at, released_at, capacity, booked";

pub fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

pub fn from_row(r: &AnyRow) -> anyhow::Result<Slot> {
    let lane: String = r.try_get("lane")?;
    Ok(Slot {
        id: r.try_get("id")?,
        office_id: r.try_get("office_id")?,
        day: parse_day(&r.try_get::<String, _>("day")?)?,
        session: r.try_get("session")?,
        lane: lane
            .parse()
            .map_err(|_| anyhow::anyhow!("stored lane {lane:?}"))?,
        starts_at: instant(r.try_get("starts_at")?),
        ends_at: instant(r.try_get("ends_at")?),
        released_at: instant(r.try_get("released_at")?),
        capacity: u32::try_from(r.try_get::<i64, _>("capacity")?)?,
        booked: u32::try_from(r.try_get::<i64, _>("booked")?)?,
    })
}

pub async fn last_opened_day_per_office(db: &Db) -> anyhow::Result<HashMap<String, NaiveDate>> {
    sqlx::query("SELECT office_id, MAX(day) AS last_day FROM slots GROUP BY office_id")
        .fetch_all(&db.read)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("office_id")?,
                parse_day(&r.try_get::<String, _>("last_day")?)?,
            ))
        })
        .collect()
}

/// Inserts slots in batches, skipping any that already exist.
pub async fn insert_new(db: &Db, rows: &[NewSlot]) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 8;
    const BATCH: usize = 500;
    let mut tx = db.write.begin().await?;
    for chunk in rows.chunks(BATCH) {
        let values = (0..chunk.len())
            .map(|i| {
                let p: Vec<String> = (1..=COLUMNS)
                    .map(|c| format!("${}", i * COLUMNS + c))
                    .collect();
                format!("({}, 0)", p.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO slots (office_id, day, session, lane, starts_at, ends_at, released_at, capacity, booked)
             VALUES {values} ON CONFLICT (office_id, day, session, lane) DO NOTHING"
        );
        let mut q = sqlx::query(&sql);
        for s in chunk {
            q = q
                .bind(s.office_id.clone())
                .bind(s.day.to_string())
                .bind(s.session.clone())
                .bind(s.lane.as_str())
                .bind(s.starts_at.timestamp())
                .bind(s.ends_at.timestamp())
                .bind(s.released_at.timestamp())
                .bind(i64::from(s.capacity));
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// Sets one office-day to exactly `planned`: existing slots not planned keep only their booked
/// places (capacity = booked), planned ones are created or get their capacity, never below
/// what is already booked.
pub async fn replan(
    db: &Db,
    office_id: &str,
    day: NaiveDate,
    planned: &[NewSlot],
) -> Result<(), sqlx::Error> {
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE slots SET capacity = booked WHERE office_id = $1 AND day = $2")
        .bind(office_id)
        .bind(day.to_string())
        .execute(&mut *tx)
        .await?;
    for s in planned {
        sqlx::query(
            "INSERT INTO slots (office_id, day, session, lane, starts_at, ends_at, released_at, capacity, booked)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)
             ON CONFLICT (office_id, day, session, lane) DO UPDATE
             SET capacity = CASE WHEN slots.booked > excluded.capacity THEN slots.booked ELSE excluded.capacity END",
        )
        .bind(&s.office_id)
        .bind(s.day.to_string())
        .bind(&s.session)
        .bind(s.lane.as_str())
        .bind(s.starts_at.timestamp())
        .bind(s.ends_at.timestamp())
        .bind(s.released_at.timestamp())
        .bind(i64::from(s.capacity))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Slot>> {
    let row = sqlx::query(&format!("SELECT {SLOT_COLUMNS} FROM slots WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.read)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn of_office_between(
    db: &Db,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<Slot>> {
    sqlx::query(&format!(
        "SELECT {SLOT_COLUMNS} FROM slots WHERE office_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, starts_at, lane"
    ))
    .bind(office_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// An office's earliest day with open places: its first open slot and the places left that day.
#[derive(Debug, Clone)]
pub struct OpenDay {
    pub first: Slot,
    pub remaining: u32,
}

/// For each office, its earliest day in the range with open slots (released, places left, not
/// started) in one lane: the input of the nationwide search, one row per office. The database
/// aggregates over the partial index of open slots; the window functions pick the first slot
/// and total the day, so nothing per slot crosses into Rust.
pub async fn earliest_open_per_office(
    db: &Db,
    lane: Lane,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<OpenDay>> {
    let open = "lane = $1 AND day >= $2 AND day <= $3 AND booked < capacity AND released_at <= $4 AND starts_at > $4";
    // The aggregate (at most one row per office) drives the join into the (office_id, day)
    // index; written as a CROSS JOIN so SQLite keeps that order.
    sqlx::query(&format!(
        "SELECT {SLOT_COLUMNS}, day_remaining FROM (
           SELECT s.id, s.office_id, s.day, s.session, s.lane, s.starts_at, s.ends_at, s.released_at, s.capacity, s.booked,
                  CAST(SUM(s.capacity - s.booked) OVER (PARTITION BY s.office_id) AS BIGINT) AS day_remaining,
                  ROW_NUMBER() OVER (PARTITION BY s.office_id ORDER BY s.starts_at, s.id) AS nth
           FROM (SELECT office_id, MIN(day) AS day FROM slots WHERE {open} GROUP BY office_id) e CROSS JOIN slots s
           WHERE s.office_id = e.office_id AND s.day = e.day AND s.{open_s}
         ) first_slots WHERE nth = 1 ORDER BY day, starts_at",
        open_s = open.replace(" AND ", " AND s.")
    ))
    .bind(lane.as_str())
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(now.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| Ok(OpenDay { first: from_row(r)?, remaining: u32::try_from(r.try_get::<i64, _>("day_remaining")?)? }))
    .collect()
}
