//! Event sites: a place outside the office (a stadium, a mall) where the office serves the
//! public on one day, with places of its own. Its places are one slot of the office marked with
//! the site (`slots.event_site_id`), open to everyone like any slot: released at the site's own
//! instant (a release in the future gets its draw like every release), taken by the capacity
//! rule, closed by the office's closures and declared disruptions like its other slots.

use super::audit::{self, Actor};
use super::{instant, parse_day, violates, Db, OfficeDayRows};
use antre_api::desk::EventSitePlace;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct NewEventSite {
    pub office_id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub day: NaiveDate,
    /// Local `HH:MM-HH:MM`, the start of the session label.
    pub hours: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: u32,
    pub released_at: DateTime<Utc>,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct EventSite {
    pub id: Uuid,
    pub code: String,
    pub office_id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub day: NaiveDate,
    pub slot_id: i64,
    pub session: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: u32,
    pub released_at: DateTime<Utc>,
}

impl EventSite {
    pub fn place(&self) -> EventSitePlace {
        EventSitePlace {
            id: self.id,
            name: self.name.clone(),
            lat: self.lat,
            lon: self.lon,
        }
    }
}

#[derive(Debug)]
pub enum EventSiteConflict {
    /// The office released a site of that name for that day already.
    Exists,
    Db(anyhow::Error),
}

impl From<sqlx::Error> for EventSiteConflict {
    fn from(e: sqlx::Error) -> Self {
        EventSiteConflict::Db(e.into())
    }
}

impl From<anyhow::Error> for EventSiteConflict {
    fn from(e: anyhow::Error) -> Self {
        EventSiteConflict::Db(e)
    }
}

/// The site's short code: `EV-` and 8 characters of an unambiguous alphabet from its id.
fn site_code(id: Uuid) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = id.as_bytes();
    let mut n = u64::from_be_bytes(bytes[8..16].try_into().expect("8 bytes"));
    let code: String = (0..8)
        .map(|_| {
            let c = ALPHABET[(n % 32) as usize] as char;
            n /= 32;
            c
        })
        .collect();
    format!("EV-{code}")
}

const SELECT: &str = "SELECT e.id, e.code, e.office_id, e.name, e.lat, e.lon, e.day, e.slot_id, s.session,
    e.starts_at, e.ends_at, s.capacity, s.released_at FROM event_sites e JOIN slots s ON s.id = e.slot_id";

fn from_row(r: &AnyRow) -> anyhow::Result<EventSite> {
    Ok(EventSite {
        id: r.try_get::<String, _>("id")?.parse()?,
        code: r.try_get("code")?,
        office_id: r.try_get("office_id")?,
        name: r.try_get("name")?,
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
        day: parse_day(&r.try_get::<String, _>("day")?)?,
        slot_id: r.try_get("slot_id")?,
        session: r.try_get("session")?,
        starts_at: instant(r.try_get("starts_at")?),
        ends_at: instant(r.try_get("ends_at")?),
        capacity: u32::try_from(r.try_get::<i64, _>("capacity")?)?,
        released_at: instant(r.try_get("released_at")?),
    })
}

/// Creates the site and its slot, audited, in one transaction under the office's row lock
/// (like every change to the office's days). The slot starts closed when the office closed
/// the day or a declared closure covers it.
pub async fn create(
    db: &Db,
    new: NewEventSite,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Uuid, EventSiteConflict> {
    let id = Uuid::now_v7();
    let code = site_code(id);
    db.write(move |c| {
        Box::pin(async move {
            // The office's row lock, as `planning::lock_office` takes it (the store does not
            // import the planner).
            sqlx::query("UPDATE offices SET calendar_version = calendar_version + 1 WHERE id = $1")
                .bind(&new.office_id)
                .execute(&mut *c)
                .await?;
            let session = format!("{} {code}", new.hours);
            let slot: i64 = sqlx::query(
                "INSERT INTO slots (office_id, day, session, lane, starts_at, ends_at, released_at, capacity, booked, closed, event_site_id)
                 VALUES ($1, $2, $3, 'regular', $4, $5, $6, $7, 0,
                         CASE WHEN EXISTS (SELECT 1 FROM office_days o WHERE o.office_id = $1 AND o.day = $2 AND o.kind = 'closed')
                              THEN 1 ELSE 0 END, $8)
                 RETURNING id",
            )
            .bind(&new.office_id)
            .bind(new.day.to_string())
            .bind(&session)
            .bind(new.starts_at.timestamp())
            .bind(new.ends_at.timestamp())
            .bind(new.released_at.timestamp())
            .bind(i64::from(new.capacity))
            .bind(id.to_string())
            .fetch_one(&mut *c)
            .await?
            .try_get("id")?;
            let inserted = sqlx::query(
                "INSERT INTO event_sites (id, code, office_id, name, lat, lon, day, starts_at, ends_at, slot_id, note,
                                          created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(id.to_string())
            .bind(&code)
            .bind(&new.office_id)
            .bind(&new.name)
            .bind(new.lat)
            .bind(new.lon)
            .bind(new.day.to_string())
            .bind(new.starts_at.timestamp())
            .bind(new.ends_at.timestamp())
            .bind(slot)
            .bind(&new.note)
            .bind(actor.account_id.map(|a| a.to_string()))
            .bind(now.timestamp())
            .execute(&mut *c)
            .await;
            match inserted {
                Err(e)
                    if violates(
                        &e,
                        "event_sites_office_id_day_name_key",
                        "event_sites.office_id",
                    ) =>
                {
                    return Err(EventSiteConflict::Exists)
                }
                other => other?,
            };
            // A declared closure or disruption covering the day closes the site too.
            super::disruptions::close_covered(c, &new.office_id).await?;
            audit::record(
                c,
                audit::Entry {
                    actor: &actor,
                    office_id: Some(&new.office_id),
                    action: "event_site.create",
                    target: Some(id.to_string()),
                    detail: serde_json::json!({
                        "code": code,
                        "name": new.name,
                        "day": new.day.to_string(),
                        "capacity": new.capacity,
                        "released_at": new.released_at.timestamp(),
                        "slot_id": slot,
                        "note": new.note,
                    }),
                },
                now,
            )
            .await?;
            Ok(id)
        })
    })
    .await
}

/// Sites are read by id and by office and days through the store's one helper.
const SITES: OfficeDayRows<EventSite> = OfficeDayRows {
    select: SELECT,
    alias: "e",
    order: "e.starts_at, e.id",
    from_row,
};

pub async fn get(db: &Db, id: Uuid) -> anyhow::Result<Option<EventSite>> {
    SITES.get(db, id).await
}

/// An office's event sites between two days, by start.
pub async fn of_office_between(
    db: &Db,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<EventSite>> {
    SITES.of_office_between(db, office_id, from, to).await
}

/// Where the given sites are (by id), for slots, search hits and bookings.
pub async fn places(
    db: &Db,
    ids: impl IntoIterator<Item = Uuid>,
) -> anyhow::Result<HashMap<Uuid, EventSitePlace>> {
    let ids: Vec<String> = ids
        .into_iter()
        .map(|i| i.to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(200) {
        let params = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT id, name, lat, lon FROM event_sites WHERE id IN ({params})");
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(id.clone());
        }
        for r in q.fetch_all(&db.read).await? {
            let id: Uuid = r.try_get::<String, _>("id")?.parse()?;
            out.insert(
                id,
                EventSitePlace {
                    id,
                    name: r.try_get("name")?,
                    lat: r.try_get("lat")?,
                    lon: r.try_get("lon")?,
                },
            );
        }
    }
    Ok(out)
}
