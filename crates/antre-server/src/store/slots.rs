//! Slots: the capacity rows bookings consume. Reads for calendars and search never touch the
//! bookings table; `booked` is kept exact by the booking transactions.

use super::{instant, parse_day, Db, PointRead};
use antre_domain::lane::Lane;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

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
    /// Of `capacity`, the places kept for the special reschedule until `protected_until`.
    pub protected: u32,
    pub protected_until: DateTime<Utc>,
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
    /// Places held for waitlist offers.
    pub offered: u32,
    /// Places only a special reschedule may take (until released the day before).
    pub protected: u32,
    /// The office-day is closed: no place of this slot can be taken.
    pub closed: bool,
    /// The slot is the places of an event site of the office (`store::event_sites`).
    pub event_site_id: Option<uuid::Uuid>,
}

impl Slot {
    /// Places that the public can still take (none on a closed day; protected ones are not).
    pub fn remaining(&self) -> u32 {
        if self.closed {
            0
        } else {
            self.capacity
                .saturating_sub(self.booked + self.offered + self.protected)
        }
    }
}

pub const SLOT_COLUMNS: &str =
    "id, office_id, day, session, lane, starts_at, ends_at, released_at, capacity, booked, offered, closed, event_site_id, protected";

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
        offered: u32::try_from(r.try_get::<i64, _>("offered")?)?,
        closed: r.try_get::<i64, _>("closed")? != 0,
        event_site_id: r
            .try_get::<Option<String>, _>("event_site_id")?
            .map(|id| id.parse())
            .transpose()?,
        protected: u32::try_from(r.try_get::<i64, _>("protected")?)?,
    })
}

/// Inserts slots in batches, skipping any that already exist.
pub async fn insert_new(c: &mut AnyConnection, rows: &[NewSlot]) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 10;
    const BATCH: usize = 500;
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
            "INSERT INTO slots (office_id, day, session, lane, starts_at, ends_at, released_at, capacity, protected, protected_until, booked)
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
                .bind(i64::from(s.capacity))
                .bind(i64::from(s.protected))
                .bind(s.protected_until.timestamp());
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// Records office-days as planned (their slots exist, or they have none by the calendar).
pub async fn mark_planned(
    c: &mut AnyConnection,
    office_id: &str,
    days: &[NaiveDate],
) -> Result<(), sqlx::Error> {
    const BATCH: usize = 400;
    for chunk in days.chunks(BATCH) {
        let values = (0..chunk.len())
            .map(|i| format!("($1, ${})", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO planned_days (office_id, day) VALUES {values} ON CONFLICT (office_id, day) DO NOTHING"
        );
        let mut q = sqlx::query(&sql).bind(office_id.to_string());
        for d in chunk {
            q = q.bind(d.to_string());
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// The slots of an office-day.
pub async fn ids_of_day(
    c: &mut AnyConnection,
    office_id: &str,
    day: NaiveDate,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query("SELECT id FROM slots WHERE office_id = $1 AND day = $2 ORDER BY id")
        .bind(office_id)
        .bind(day.to_string())
        .fetch_all(c)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect()
}

/// Closes every slot of an office-day: capacity and bookings stay, no place can be taken.
pub async fn close_day(
    c: &mut AnyConnection,
    office_id: &str,
    day: NaiveDate,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE slots SET closed = 1 WHERE office_id = $1 AND day = $2")
        .bind(office_id)
        .bind(day.to_string())
        .execute(c)
        .await?;
    Ok(())
}

/// Sets one office-day to exactly `planned`: planned slots are created or reopened with their
/// capacity (never below what is booked); slots not planned (the day closed, or a session
/// dropped) are closed, keeping their bookings. An event site's slot is open unless the office
/// closed the day (callers close what a declared disruption covers afterwards). A slot that
/// exists keeps its protected places (some may have been taken by special reschedules, or
/// released), fewer if its capacity shrank; a new one gets the planned ones.
pub async fn replan(
    c: &mut AnyConnection,
    office_id: &str,
    day: NaiveDate,
    planned: &[NewSlot],
) -> Result<(), sqlx::Error> {
    // Event sites are not part of the calendar's plan: they stay as they are unless the office
    // closed the day (then they close with it, and reopen when it reopens).
    sqlx::query(
        "UPDATE slots SET closed = 1 WHERE office_id = $1 AND day = $2 AND event_site_id IS NULL",
    )
    .bind(office_id)
    .bind(day.to_string())
    .execute(&mut *c)
    .await?;
    sqlx::query(
        "UPDATE slots SET closed = CASE WHEN EXISTS (SELECT 1 FROM office_days o WHERE o.office_id = $1 AND o.day = $2 AND o.kind = 'closed')
                                        THEN 1 ELSE 0 END
         WHERE office_id = $1 AND day = $2 AND event_site_id IS NOT NULL",
    )
    .bind(office_id)
    .bind(day.to_string())
    .execute(&mut *c)
    .await?;
    for s in planned {
        sqlx::query(
            "INSERT INTO slots (office_id, day, session, lane, starts_at, ends_at, released_at, capacity, booked, closed,
                                protected, protected_until)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, $9, $10)
             ON CONFLICT (office_id, day, session, lane) DO UPDATE
             SET closed = 0, released_at = excluded.released_at,
                 capacity = CASE WHEN slots.booked + slots.offered > excluded.capacity
                                 THEN slots.booked + slots.offered ELSE excluded.capacity END,
                 protected = CASE WHEN slots.booked + slots.offered + slots.protected > excluded.capacity
                                  THEN CASE WHEN slots.booked + slots.offered > excluded.capacity THEN 0
                                            ELSE excluded.capacity - slots.booked - slots.offered END
                                  ELSE slots.protected END",
        )
        .bind(&s.office_id)
        .bind(s.day.to_string())
        .bind(&s.session)
        .bind(s.lane.as_str())
        .bind(s.starts_at.timestamp())
        .bind(s.ends_at.timestamp())
        .bind(s.released_at.timestamp())
        .bind(i64::from(s.capacity))
        .bind(i64::from(s.protected))
        .bind(s.protected_until.timestamp())
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Slot>> {
    let row = sqlx::query(&format!("SELECT {SLOT_COLUMNS} FROM slots WHERE id = $1"))
        .bind(id)
        .fetch_point(db)
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
        "SELECT {SLOT_COLUMNS} FROM slots WHERE office_id = $1 AND day >= $2 AND day <= $3 AND drive_id IS NULL
         ORDER BY day, starts_at, lane"
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
    /// For an event site's slot: where the site is.
    pub site: Option<antre_api::desk::EventSitePlace>,
}

/// The input of the nationwide search: each office's earliest open day
/// ([`earliest_open_per_office`]) and each event site's open slot ([`open_event_sites`]).
pub async fn open_for_search(
    db: &Db,
    lane: Lane,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<OpenDay>> {
    let mut days = earliest_open_per_office(db, lane, from, to, now).await?;
    days.extend(open_event_sites(db, lane, from, to, now).await?);
    Ok(days)
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
    // An office's own days only: event sites are hits of their own (`open_event_sites`), at
    // their own coordinates.
    let open = "lane = $1 AND day >= $2 AND day <= $3 AND booked + offered + protected < capacity AND closed = 0 AND released_at <= $4 AND starts_at > $4 AND event_site_id IS NULL";
    // The aggregate (at most one row per office) drives the join into the (office_id, day)
    // index; written as a CROSS JOIN so SQLite keeps that order.
    sqlx::query(&format!(
        "SELECT {SLOT_COLUMNS}, day_remaining FROM (
           SELECT s.id, s.office_id, s.day, s.session, s.lane, s.starts_at, s.ends_at, s.released_at, s.capacity, s.booked, s.offered, s.closed, s.event_site_id, s.protected,
                  CAST(SUM(s.capacity - s.booked - s.offered - s.protected) OVER (PARTITION BY s.office_id) AS BIGINT) AS day_remaining,
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
    .map(|r| Ok(OpenDay { first: from_row(r)?, remaining: u32::try_from(r.try_get::<i64, _>("day_remaining")?)?, site: None }))
    .collect()
}

/// The event sites' open slots (released, places left, not begun, not closed) in one lane and
/// date range: each is a search hit of its own, at the site.
pub async fn open_event_sites(
    db: &Db,
    lane: Lane,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<OpenDay>> {
    let open = sqlx::query(&format!(
        "SELECT {SLOT_COLUMNS} FROM slots WHERE event_site_id IS NOT NULL AND lane = $1 AND day >= $2 AND day <= $3
           AND booked + offered < capacity AND closed = 0 AND released_at <= $4 AND starts_at > $4
         ORDER BY day, starts_at, id"
    ))
    .bind(lane.as_str())
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(now.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(from_row)
    .collect::<anyhow::Result<Vec<_>>>()?;
    if open.is_empty() {
        return Ok(Vec::new());
    }
    let mut places =
        super::event_sites::places(db, open.iter().filter_map(|s| s.event_site_id)).await?;
    Ok(open
        .into_iter()
        .map(|first| OpenDay {
            remaining: first.remaining(),
            site: first.event_site_id.and_then(|id| places.remove(&id)),
            first,
        })
        .collect())
}

/// Which places a search for an office's first slots counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceRule {
    /// What the public may book: protected places left out (the SMS channel's `PESAN`).
    Public,
    /// Protected places counted: where the one-tap special reschedule looks.
    Special,
}

impl PlaceRule {
    fn sql(self) -> &'static str {
        match self {
            PlaceRule::Public => super::bookings::PLACE_IS_FREE,
            PlaceRule::Special => super::bookings::SPECIAL_PLACE_IS_FREE,
        }
    }
}

/// An office's first slots with a place by `rule` in one lane, released, not begun, not at an
/// event site, on `day` if given, earliest first.
pub async fn first_of_office(
    db: &Db,
    office_id: &str,
    lane: Lane,
    rule: PlaceRule,
    day: Option<NaiveDate>,
    now: DateTime<Utc>,
    limit: i64,
) -> anyhow::Result<Vec<Slot>> {
    sqlx::query(&format!(
        "SELECT {SLOT_COLUMNS} FROM slots WHERE office_id = $1 AND lane = $2 AND {free}
           AND released_at <= $3 AND starts_at > $3 AND event_site_id IS NULL AND ($5 = '' OR day = $5)
         ORDER BY starts_at, id LIMIT $4",
        free = rule.sql()
    ))
    .bind(office_id)
    .bind(lane.as_str())
    .bind(now.timestamp())
    .bind(limit)
    .bind(day.map(|d| d.to_string()).unwrap_or_default())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Whether an office closed `day` (its slots in `lane` exist and all are closed).
pub async fn day_closed(
    db: &Db,
    office_id: &str,
    lane: Lane,
    day: NaiveDate,
) -> anyhow::Result<bool> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(closed), 0) AS BIGINT) AS closed FROM slots
         WHERE office_id = $1 AND lane = $2 AND day = $3 AND drive_id IS NULL",
    )
    .bind(office_id)
    .bind(lane.as_str())
    .bind(day.to_string())
    .fetch_one(&db.read)
    .await?;
    let n: i64 = row.try_get("n")?;
    let closed: i64 = row.try_get("closed")?;
    Ok(n > 0 && closed == n)
}

/// Gives every slot's unused protected places to everyone once their time has come (12:00 in
/// the office's zone the day before, `protected_until`): `protected = 0`, and each place
/// offered at once to the people waiting for it, in one transaction. Idempotent. Returns the
/// number of places released.
pub async fn release_protected(db: &Db, now: DateTime<Utc>) -> anyhow::Result<u64> {
    db.write(move |c| {
        Box::pin(async move {
            let due: Vec<(i64, i64)> = sqlx::query(
                "SELECT id, protected FROM slots WHERE protected > 0 AND protected_until <= $1 ORDER BY id",
            )
            .bind(now.timestamp())
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("protected")?)))
            .collect::<Result<_, sqlx::Error>>()?;
            let mut released = 0u64;
            for (id, n) in due {
                sqlx::query("UPDATE slots SET protected = 0 WHERE id = $1")
                    .bind(id)
                    .execute(&mut *c)
                    .await?;
                super::waitlist::offer_freed(c, id, now).await?;
                released += u64::try_from(n).unwrap_or(0);
            }
            Ok::<_, anyhow::Error>(released)
        })
    })
    .await
}
