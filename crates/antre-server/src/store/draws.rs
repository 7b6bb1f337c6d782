//! Draws and their entries. A draw exists for every release instant ahead (created with a
//! commitment to its seed before entries open); entries are one per NIK; the draw itself runs
//! in one transaction that books the winners, records everyone's place in the order, puts the
//! others on the waitlist and publishes the seed.

use super::bookings::{enum_from, enum_name, ACTIVE};
use super::rows::{Cell, Insert};
use super::PointRead;
use super::Statements;
use super::{instant, parse_day, Db};
use crate::personal_data::NikKey;
use antre_domain::draw::{self, Choice, Places, Seed};
use antre_domain::fees::{ApplicationKind, PassportKind, Validity};
use antre_domain::lane::Lane;
use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Drawing,
    Drawn,
}

impl Status {
    fn parse(text: &str) -> anyhow::Result<Status> {
        Ok(match text {
            "open" => Status::Open,
            "drawing" => Status::Drawing,
            "drawn" => Status::Drawn,
            other => anyhow::bail!("stored draw status {other:?}"),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Draw {
    pub id: Uuid,
    pub release_at: DateTime<Utc>,
    pub opens_at: DateTime<Utc>,
    pub status: Status,
    pub commitment: String,
    pub seed: Option<String>,
    pub entries: u64,
    pub places: u64,
    pub placed: u64,
    pub drawn_at: Option<DateTime<Utc>>,
}

fn draw_from(r: &sqlx::any::AnyRow) -> anyhow::Result<Draw> {
    Ok(Draw {
        id: r.try_get::<String, _>("id")?.parse()?,
        release_at: instant(r.try_get("release_at")?),
        opens_at: instant(r.try_get("opens_at")?),
        status: Status::parse(&r.try_get::<String, _>("status")?)?,
        commitment: r.try_get("commitment")?,
        seed: r.try_get("seed")?,
        entries: u64::try_from(r.try_get::<i64, _>("entries")?)?,
        places: u64::try_from(r.try_get::<i64, _>("places")?)?,
        placed: u64::try_from(r.try_get::<i64, _>("placed")?)?,
        drawn_at: r.try_get::<Option<i64>, _>("drawn_at")?.map(instant),
    })
}

/// Creates the draws of release instants ahead that have none, each with the commitment to
/// its seed (`seed_for` derives it; every instance derives the same). Returns how many.
pub async fn ensure_upcoming(
    db: &Db,
    now: DateTime<Utc>,
    entry_window: Duration,
    seed_for: impl Fn(DateTime<Utc>) -> Seed,
) -> anyhow::Result<u64> {
    let missing: Vec<i64> = sqlx::query(
        "SELECT DISTINCT released_at FROM slots s WHERE released_at > $1
         AND NOT EXISTS (SELECT 1 FROM draws d WHERE d.release_at = s.released_at)",
    )
    .bind(now.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| r.try_get("released_at"))
    .collect::<Result<_, _>>()?;
    if missing.is_empty() {
        return Ok(0);
    }
    let rows: Vec<(String, i64, i64, String)> = missing
        .iter()
        .map(|at| {
            let release = instant(*at);
            (
                Uuid::now_v7().to_string(),
                *at,
                (release - entry_window).timestamp(),
                seed_for(release).commitment(),
            )
        })
        .collect();
    db.write(move |c| {
        Box::pin(async move {
            let mut made = 0;
            for (id, release_at, opens_at, commitment) in &rows {
                made += sqlx::query(
                    "INSERT INTO draws (id, release_at, opens_at, status, commitment) VALUES ($1, $2, $3, 'open', $4)
                     ON CONFLICT (release_at) DO NOTHING",
                )
                .bind(id)
                .bind(release_at)
                .bind(opens_at)
                .bind(commitment)
                .execute(&mut *c)
                .await?
                .rows_affected();
            }
            Ok(made)
        })
    })
    .await
}

pub async fn get(db: &Db, id: Uuid) -> anyhow::Result<Option<Draw>> {
    sqlx::query("SELECT * FROM draws WHERE id = $1")
        .bind(id.to_string())
        .fetch_point(db)
        .await?
        .as_ref()
        .map(draw_from)
        .transpose()
}

/// What an entry request reads before it writes: the draw, the caller's applicant and the
/// cool-down in force for that applicant's NIK, in one query (each read is a round trip; an
/// entry window opening is a crowd).
pub struct EntryRequestReads {
    pub draw: Option<Draw>,
    pub applicant: Option<super::applicants::Applicant>,
    pub cooldown: Option<super::hoarding::Cooldown>,
}

pub async fn read_entry_request(
    db: &Db,
    draw_id: Uuid,
    account: Uuid,
    applicant_id: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<EntryRequestReads> {
    // One row whatever exists: the draw, the applicant and a cool-down each joined or NULL.
    let row = sqlx::query(
        "SELECT d.id, d.release_at, d.opens_at, d.status, d.commitment, d.seed, d.entries, d.places,
                d.placed, d.drawn_at,
                a.id AS applicant_id, a.account_id AS applicant_account_id, a.nik AS applicant_nik,
                a.nik_masked AS applicant_nik_masked,
                a.name AS applicant_name, a.birth_date AS applicant_birth_date,
                a.pregnant AS applicant_pregnant, a.disability AS applicant_disability,
                a.married AS applicant_married,
                k.until AS cooldown_until, k.reason AS cooldown_reason
         FROM (SELECT 1 AS request) r
         LEFT JOIN draws d ON d.id = $1
         LEFT JOIN applicants a ON a.account_id = $2 AND a.id = $3 AND a.removed_at IS NULL
         LEFT JOIN cooldowns k ON k.nik = a.nik AND k.until > $4",
    )
    .bind(draw_id.to_string())
    .bind(account.to_string())
    .bind(applicant_id.to_string())
    .bind(now.timestamp())
    .fetch_point(db)
    .await?
    .ok_or(sqlx::Error::RowNotFound)?;
    let draw = match row.try_get::<Option<String>, _>("id")? {
        Some(_) => Some(draw_from(&row)?),
        None => None,
    };
    let applicant = match row.try_get::<Option<String>, _>("applicant_id")? {
        Some(_) => Some(super::applicants::from_prefixed_row(&row, "applicant_")?),
        None => None,
    };
    let cooldown = match row.try_get::<Option<i64>, _>("cooldown_until")? {
        Some(until) => Some(super::hoarding::Cooldown {
            until: instant(until),
            reason: enum_from(row.try_get("cooldown_reason")?)?,
        }),
        None => None,
    };
    Ok(EntryRequestReads {
        draw,
        applicant,
        cooldown,
    })
}

/// Draws releasing between two instants, soonest first.
pub async fn between(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> anyhow::Result<Vec<Draw>> {
    sqlx::query(
        "SELECT * FROM draws WHERE release_at >= $1 AND release_at <= $2 ORDER BY release_at",
    )
    .bind(from.timestamp())
    .bind(to.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(draw_from)
    .collect()
}

/// The draw of a release instant, if there is one.
pub async fn of_release(db: &Db, release_at: DateTime<Utc>) -> anyhow::Result<Option<Draw>> {
    sqlx::query("SELECT * FROM draws WHERE release_at = $1")
        .bind(release_at.timestamp())
        .fetch_point(db)
        .await?
        .as_ref()
        .map(draw_from)
        .transpose()
}

/// Draws whose release instant is at or before `by` and that are not drawn, oldest first.
pub async fn due(db: &Db, by: DateTime<Utc>) -> anyhow::Result<Vec<Draw>> {
    sqlx::query(
        "SELECT * FROM draws WHERE status <> 'drawn' AND release_at <= $1 ORDER BY release_at",
    )
    .bind(by.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(draw_from)
    .collect()
}

/// The next release instant still to be drawn.
pub async fn next_due(db: &Db) -> anyhow::Result<Option<DateTime<Utc>>> {
    Ok(
        sqlx::query("SELECT MIN(release_at) AS at FROM draws WHERE status <> 'drawn'")
            .fetch_one(&db.read)
            .await?
            .try_get::<Option<i64>, _>("at")?
            .map(instant),
    )
}

/// The places of a release: (office, day, lane) with free places, and per office their total.
pub async fn release_places(db: &Db, release_at: DateTime<Utc>) -> anyhow::Result<Vec<Places>> {
    sqlx::query(
        "SELECT id, office_id, day, lane, starts_at, capacity - booked - offered - protected AS free FROM slots
         WHERE released_at = $1 AND closed = 0",
    )
    .bind(release_at.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(places_from)
    .collect()
}

/// The (office, day, lane) triples with open slots in a release: what entries may choose.
pub async fn release_office_days(
    db: &Db,
    release_at: DateTime<Utc>,
) -> anyhow::Result<Vec<(String, NaiveDate, Lane)>> {
    sqlx::query(
        "SELECT DISTINCT office_id, day, lane FROM slots WHERE released_at = $1 AND closed = 0",
    )
    .bind(release_at.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok((
            r.try_get("office_id")?,
            parse_day(&r.try_get::<String, _>("day")?)?,
            enum_from(r.try_get("lane")?)?,
        ))
    })
    .collect()
}

fn places_from(r: &sqlx::any::AnyRow) -> anyhow::Result<Places> {
    Ok(Places {
        slot_id: r.try_get("id")?,
        office_id: r.try_get("office_id")?,
        day: parse_day(&r.try_get::<String, _>("day")?)?,
        lane: enum_from(r.try_get("lane")?)?,
        starts_at: instant(r.try_get("starts_at")?),
        free: u32::try_from(r.try_get::<i64, _>("free")?.max(0))?,
    })
}

/// An entry to write: one applicant of the caller, in one draw.
pub struct NewEntry {
    pub draw_id: Uuid,
    pub account_id: Uuid,
    pub applicant_id: Uuid,
    pub nik: NikKey,
    pub lane: Lane,
    pub priority: bool,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub choices: Vec<Choice>,
    pub client_key: Option<String>,
}

#[derive(Debug)]
pub enum EntryConflict {
    /// Entries are not taken now (the draw is not open or its release instant passed).
    NotOpen,
    /// Another account entered this NIK in this draw.
    EnteredElsewhere,
    Db(anyhow::Error),
}

impl From<sqlx::Error> for EntryConflict {
    fn from(e: sqlx::Error) -> Self {
        EntryConflict::Db(e.into())
    }
}

/// What the database kept of an entry just written: its id (the first one it was given), its
/// salt and digest (likewise), when it was made and last changed, and whether it is new.
#[derive(Debug, Clone)]
pub struct StoredEntry {
    pub id: Uuid,
    pub created: bool,
    pub salt: String,
    pub digest: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Enters, or changes the entry of, one person: one entry per NIK per draw, whoever sends it
/// and however often. Returns what the row holds now (no read after the write is needed to
/// answer).
pub async fn upsert_entry(
    db: &Db,
    new: NewEntry,
    now: DateTime<Utc>,
) -> Result<StoredEntry, EntryConflict> {
    let id = Uuid::now_v7();
    let salt_bytes: [u8; 16] = rand::random();
    let salt = crate::auth::hex(&salt_bytes);
    let digest = draw::entry_digest(&salt_bytes, &id.to_string());
    let choices = serde_json::to_string(&new.choices).map_err(|e| EntryConflict::Db(e.into()))?;
    // Whole statements: a crowd's write, on SQLite a call on the writer's own thread.
    db.write_statements(move |mut c| {
        Box::pin(async move {
            let row = c.fetch_optional(sqlx::query(
                "INSERT INTO draw_entries (id, draw_id, account_id, applicant_id, nik, lane, priority, passport_kind,
                                           validity, application_kind, choices, salt, digest, client_key, created_at, updated_at)
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15
                 WHERE EXISTS (SELECT 1 FROM draws WHERE id = $2 AND status = 'open' AND opens_at <= $15 AND release_at > $15)
                 ON CONFLICT (draw_id, nik) DO UPDATE SET applicant_id = excluded.applicant_id, lane = excluded.lane,
                    priority = excluded.priority, passport_kind = excluded.passport_kind, validity = excluded.validity,
                    application_kind = excluded.application_kind, choices = excluded.choices,
                    client_key = excluded.client_key, updated_at = excluded.updated_at
                 WHERE draw_entries.account_id = excluded.account_id
                 RETURNING id, salt, digest, created_at, updated_at",
            )
            .bind(id.to_string())
            .bind(new.draw_id.to_string())
            .bind(new.account_id.to_string())
            .bind(new.applicant_id.to_string())
            .bind(new.nik.as_str())
            .bind(new.lane.as_str())
            .bind(i64::from(new.priority))
            .bind(enum_name(&new.passport_kind))
            .bind(enum_name(&new.validity))
            .bind(enum_name(&new.application_kind))
            .bind(&choices)
            .bind(&salt)
            .bind(&digest)
            .bind(new.client_key.clone())
            .bind(now.timestamp()))
            .await?;
            match row {
                Some(r) => {
                    // The row keeps its first id: another id back means an existing entry changed.
                    let kept: String = r.try_get("id")?;
                    let created = kept == id.to_string();
                    Ok(StoredEntry {
                        id: kept.parse().map_err(|e: uuid::Error| EntryConflict::Db(e.into()))?,
                        created,
                        salt: r.try_get("salt")?,
                        digest: r.try_get("digest")?,
                        created_at: instant(r.try_get("created_at")?),
                        updated_at: instant(r.try_get("updated_at")?),
                    })
                }
                None => {
                    // Nothing written: the draw is not taking entries, or the NIK is entered
                    // by another account.
                    let open = c
                        .fetch_optional(
                            sqlx::query(
                                "SELECT 1 AS one FROM draws WHERE id = $1 AND status = 'open' AND opens_at <= $2 AND release_at > $2",
                            )
                            .bind(new.draw_id.to_string())
                            .bind(now.timestamp()),
                        )
                        .await?
                        .is_some();
                    Err(if open {
                        EntryConflict::EnteredElsewhere
                    } else {
                        EntryConflict::NotOpen
                    })
                }
            }
        })
    })
    .await
}

/// Writes many new entries at once, as [`upsert_entry`] writes each (a fresh id, salt and
/// digest; one entry per NIK per draw: a NIK already entered is left as it is), many rows per
/// statement in one transaction. For imports, tests and benchmarks of a release at full size;
/// the entry window is not checked. Returns how many were written.
pub async fn insert_entries(
    db: &Db,
    entries: Vec<NewEntry>,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let mut rows: Vec<[String; 13]> = Vec::with_capacity(entries.len());
    let mut priority: Vec<i64> = Vec::with_capacity(entries.len());
    for new in entries {
        let id = Uuid::now_v7().to_string();
        let salt_bytes: [u8; 16] = rand::random();
        let digest = draw::entry_digest(&salt_bytes, &id);
        priority.push(i64::from(new.priority));
        rows.push([
            id,
            new.draw_id.to_string(),
            new.account_id.to_string(),
            new.applicant_id.to_string(),
            new.nik.as_str().to_string(),
            new.lane.as_str().to_string(),
            enum_name(&new.passport_kind),
            enum_name(&new.validity),
            enum_name(&new.application_kind),
            serde_json::to_string(&new.choices)?,
            crate::auth::hex(&salt_bytes),
            digest,
            new.client_key.unwrap_or_default(),
        ]);
    }
    db.write(move |c| {
        Box::pin(async move {
            let mut written = 0;
            for (chunk, flags) in rows
                .chunks(rows_per_statement(14))
                .zip(priority.chunks(rows_per_statement(14)))
            {
                // $1: the instant; then 14 a row (the last two: the priority flag, and the
                // client key or NULL).
                let values: Vec<String> = (0..chunk.len())
                    .map(|i| {
                        let p = |k: usize| format!("${}", 1 + i * 14 + k);
                        format!(
                            "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, NULLIF({}, ''), $1, $1)",
                            p(1), p(2), p(3), p(4), p(5), p(6), p(14), p(7), p(8), p(9), p(10), p(11), p(12), p(13)
                        )
                    })
                    .collect();
                let sql = format!(
                    "INSERT INTO draw_entries (id, draw_id, account_id, applicant_id, nik, lane, priority, passport_kind,
                                               validity, application_kind, choices, salt, digest, client_key, created_at, updated_at)
                     VALUES {} ON CONFLICT (draw_id, nik) DO NOTHING",
                    values.join(", ")
                );
                let mut q = sqlx::query(&sql).bind(now.timestamp());
                for (row, flag) in chunk.iter().zip(flags) {
                    for v in row {
                        q = q.bind(v.clone());
                    }
                    q = q.bind(*flag);
                }
                written += q.execute(&mut *c).await?.rows_affected();
            }
            Ok(written)
        })
    })
    .await
}

/// Withdraws the caller's entry for an applicant while entries are taken.
pub async fn withdraw_entry(
    db: &Db,
    draw_id: Uuid,
    account: Uuid,
    applicant: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, EntryConflict> {
    db.write(move |c| {
        Box::pin(async move {
            let open = sqlx::query(
                "SELECT 1 AS one FROM draws WHERE id = $1 AND status = 'open' AND release_at > $2",
            )
            .bind(draw_id.to_string())
            .bind(now.timestamp())
            .fetch_optional(&mut *c)
            .await?
            .is_some();
            if !open {
                return Err(EntryConflict::NotOpen);
            }
            Ok(sqlx::query(
                "DELETE FROM draw_entries WHERE draw_id = $1 AND account_id = $2 AND applicant_id = $3",
            )
            .bind(draw_id.to_string())
            .bind(account.to_string())
            .bind(applicant.to_string())
            .execute(&mut *c)
            .await?
            .rows_affected()
                == 1)
        })
    })
    .await
}

/// An entry as its entrant sees it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: Uuid,
    pub draw_id: Uuid,
    pub release_at: DateTime<Utc>,
    pub applicant_id: Uuid,
    pub applicant_name: String,
    pub nik_masked: String,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub choices: Vec<Choice>,
    pub salt: String,
    pub digest: String,
    pub outcome: Option<String>,
    pub position: Option<u64>,
    pub booking_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn entry_from(r: &sqlx::any::AnyRow) -> anyhow::Result<Entry> {
    Ok(Entry {
        id: r.try_get::<String, _>("id")?.parse()?,
        draw_id: r.try_get::<String, _>("draw_id")?.parse()?,
        release_at: instant(r.try_get("release_at")?),
        applicant_id: r.try_get::<String, _>("applicant_id")?.parse()?,
        applicant_name: r.try_get("applicant_name")?,
        nik_masked: r
            .try_get::<Option<String>, _>("nik_masked")?
            .unwrap_or_default(),
        lane: enum_from(r.try_get("lane")?)?,
        passport_kind: enum_from(r.try_get("passport_kind")?)?,
        validity: enum_from(r.try_get("validity")?)?,
        application_kind: enum_from(r.try_get("application_kind")?)?,
        choices: serde_json::from_str(&r.try_get::<String, _>("choices")?)?,
        salt: r.try_get("salt")?,
        digest: r.try_get("digest")?,
        outcome: r.try_get("outcome")?,
        position: r
            .try_get::<Option<i64>, _>("position")?
            .map(u64::try_from)
            .transpose()?,
        booking_id: r
            .try_get::<Option<String>, _>("booking_id")?
            .map(|s| s.parse())
            .transpose()?,
        created_at: instant(r.try_get("created_at")?),
        updated_at: instant(r.try_get("updated_at")?),
    })
}

const ENTRY_SELECT: &str =
    "SELECT e.id, e.draw_id, e.applicant_id, e.lane, e.passport_kind, e.validity, e.application_kind,
            e.choices, e.salt, e.digest, e.created_at, e.updated_at,
            o.outcome, o.position, o.booking_id,
            d.release_at, a.name AS applicant_name, a.nik_masked
     FROM draw_entries e
     JOIN draws d ON d.id = e.draw_id JOIN applicants a ON a.id = e.applicant_id
     LEFT JOIN draw_outcomes o ON o.entry_id = e.id";

/// The account's entries in draws releasing after `since`, newest release first.
pub async fn entries_of_account(
    db: &Db,
    account: Uuid,
    since: DateTime<Utc>,
) -> anyhow::Result<Vec<Entry>> {
    sqlx::query(&format!(
        "{ENTRY_SELECT} WHERE e.account_id = $1 AND d.release_at >= $2 ORDER BY d.release_at DESC, a.name"
    ))
    .bind(account.to_string())
    .bind(since.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(entry_from)
    .collect()
}

pub async fn entry(db: &Db, id: Uuid) -> anyhow::Result<Option<Entry>> {
    sqlx::query(&format!("{ENTRY_SELECT} WHERE e.id = $1"))
        .bind(id.to_string())
        .fetch_point(db)
        .await?
        .as_ref()
        .map(entry_from)
        .transpose()
}

/// Entries naming an office, and the office's places, in one draw.
pub async fn office_standing(db: &Db, draw: &Draw, office_id: &str) -> anyhow::Result<(u64, u64)> {
    let places: i64 = sqlx::query(
        "SELECT CAST(COALESCE(SUM(capacity - protected), 0) AS BIGINT) AS n FROM slots WHERE released_at = $1 AND office_id = $2 AND closed = 0",
    )
    .bind(draw.release_at.timestamp())
    .bind(office_id)
    .fetch_one(&db.read)
    .await?
    .try_get("n")?;
    // Choices are JSON; office ids are quoted in them, so this finds exactly the entries that
    // name the office (ids are `kanim-...`, never a prefix of one another's quoted form).
    let entries: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM draw_entries WHERE draw_id = $1 AND choices LIKE $2",
    )
    .bind(draw.id.to_string())
    .bind(format!("%\"{office_id}\"%"))
    .fetch_one(&db.read)
    .await?
    .try_get("n")?;
    Ok((u64::try_from(entries)?, u64::try_from(places)?))
}

/// The published order of a drawn draw: digests by position.
pub async fn order(db: &Db, draw_id: Uuid) -> anyhow::Result<Vec<String>> {
    sqlx::query(
        "SELECT e.digest FROM draw_outcomes o JOIN draw_entries e ON e.id = o.entry_id
         WHERE o.draw_id = $1 ORDER BY o.position",
    )
    .bind(draw_id.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| Ok(r.try_get("digest")?))
    .collect()
}

/// What one run of a draw did.
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    pub entries: u64,
    pub placed: u64,
    pub waitlisted: u64,
    pub skipped: u64,
    pub places: u64,
    pub phases: DrawPhases,
}

/// How long each part of a draw's transaction took, in milliseconds (logged at debug level and
/// reported by the benchmark). The commit comes after and is not in them.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct DrawPhases {
    /// The claim, every entry, who is left out, the free places.
    pub read_ms: u64,
    /// Of `read_ms`, the entries alone.
    pub entries_ms: u64,
    /// The order, the places given, the rows made.
    pub compute_ms: u64,
    pub bookings_ms: u64,
    /// The slots' `booked` counters.
    pub counters_ms: u64,
    pub outcomes_ms: u64,
    pub waitlist_ms: u64,
}

/// Everything a winner's booking needs beyond the entry (the fee, a billing code, the payment
/// deadline): the caller computes it, so this module knows no fee rules.
pub type Terms = dyn Fn(&DrawnEntry, Lane) -> (i64, String) + Send + Sync;

/// An entry as the draw reads it.
#[derive(Debug, Clone)]
pub struct DrawnEntry {
    pub id: String,
    pub account_id: String,
    pub applicant_id: String,
    pub nik: String,
    pub lane: Lane,
    pub priority: bool,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub choices: Vec<Choice>,
    pub digest: String,
}

/// Runs a due draw: in one transaction, if it is not drawn yet (another instance may have done
/// it: then nothing happens and `None` is returned), orders the entries with `seed`, gives
/// places in that order, books the winners (awaiting payment until `payment_deadline`), puts
/// the others on the waitlist for their offices and the release's days, and publishes the seed.
pub async fn run(
    db: &Db,
    draw_id: Uuid,
    seed: Seed,
    terms: std::sync::Arc<Terms>,
    payment_deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Drawn>> {
    // Whole statements: on SQLite in a file they run on the writer's own connection, a
    // prepared statement stepped once per row (`rows`).
    db.write_statements(move |mut s| {
        Box::pin(async move {
            // SQLite: a page cache large enough for the indexes the draw's bookings go into
            // (the default 2 MB makes every insert into a random-keyed index evict and spill
            // pages to the WAL), for this transaction only.
            let sqlite = s.is_sqlite();
            if sqlite {
                s.execute(sqlx::query(&format!(
                    "PRAGMA cache_size = -{DRAW_CACHE_KIB}"
                )))
                .await?;
            }
            let drawn = run_in(&mut s, draw_id, &seed, &*terms, payment_deadline, now).await;
            if sqlite {
                s.execute(sqlx::query(&format!(
                    "PRAGMA cache_size = -{}",
                    super::SQLITE_CACHE_KIB
                )))
                .await?;
            }
            drawn
        })
    })
    .await
}

/// The SQLite page cache while a draw runs, KiB.
const DRAW_CACHE_KIB: u32 = 65_536;

async fn run_in(
    s: &mut Statements<'_>,
    draw_id: Uuid,
    seed: &Seed,
    terms: &Terms,
    payment_deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Drawn>> {
    let id = draw_id.to_string();
    let t0 = std::time::Instant::now();
    // The claim: on PostgreSQL a second instance waits here for the first to commit, then
    // finds the draw drawn.
    let Some(claimed) = s
        .fetch_optional(
            sqlx::query(
                "UPDATE draws SET status = 'drawing' WHERE id = $1 AND status <> 'drawn' AND release_at <= $2 RETURNING release_at",
            )
            .bind(&id)
            .bind(now.timestamp()),
        )
        .await?
    else {
        return Ok(None);
    };
    let release_at: i64 = claimed.try_get("release_at")?;
    let mut entries = read_entries(s, &id).await?;
    let t_entries = t0.elapsed();
    // People who already hold a booking, or cool down, take part in the order (it is published
    // whole) but get no place.
    let left_out: std::collections::HashSet<String> = s
        .fetch_all(
            sqlx::query(&format!(
                "SELECT e.id FROM draw_entries e WHERE e.draw_id = $1 AND (
                    EXISTS (SELECT 1 FROM bookings b WHERE b.nik = e.nik AND b.status IN {ACTIVE})
                    OR EXISTS (SELECT 1 FROM cooldowns k WHERE k.nik = e.nik AND k.until > $2))"
            ))
            .bind(&id)
            .bind(now.timestamp()),
        )
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
    let places: Vec<Places> = s
        .fetch_all(
            sqlx::query(
                "SELECT id, office_id, day, lane, starts_at, capacity - booked - offered - protected AS free FROM slots
                 WHERE released_at = $1 AND closed = 0 AND booked + offered + protected < capacity",
            )
            .bind(release_at),
        )
        .await?
        .iter()
        .map(places_from)
        .collect::<anyhow::Result<_>>()?;
    let total_places: u64 = places.iter().map(|p| u64::from(p.free)).sum();
    let lane_of: HashMap<i64, Lane> = places.iter().map(|p| (p.slot_id, p.lane)).collect();
    let (first_day, last_day) = (
        places.iter().map(|p| p.day).min(),
        places.iter().map(|p| p.day).max(),
    );

    let t_read = t0.elapsed();
    let digests: Vec<String> = entries.iter().map(|e| e.digest.clone()).collect();
    let drawn_order = draw::order(seed, &digests);
    // The choices move to the draw and back: no copy of every entry's choices.
    let competing: Vec<draw::Entry> = entries
        .iter_mut()
        .map(|e| draw::Entry {
            lane: e.lane,
            priority: e.priority,
            // Left-out entries choose nothing, so they take no place but keep their position.
            choices: if left_out.contains(&e.id) {
                Vec::new()
            } else {
                std::mem::take(&mut e.choices)
            },
        })
        .collect();
    let got = draw::assign(&competing, &drawn_order, places);
    for (e, drawn) in entries.iter_mut().zip(competing) {
        if !drawn.choices.is_empty() {
            e.choices = drawn.choices;
        }
    }

    let mut summary = Drawn {
        entries: entries.len() as u64,
        places: total_places,
        ..Drawn::default()
    };
    // Winners in NIK order: the two indexes by NIK then take their rows in order rather than
    // at random (measured on SQLite: the 100,000 bookings of a national draw in 15% less
    // time). Their ids are made in that order too, so the primary key only appends.
    let mut winners: Vec<usize> = (0..entries.len()).filter(|&i| got[i].is_some()).collect();
    winners.sort_unstable_by(|&a, &b| entries[a].nik.cmp(&entries[b].nik));
    let mut booking_of: Vec<Option<String>> = vec![None; entries.len()];
    let mut bookings = Vec::with_capacity(winners.len());
    let mut per_slot: BTreeMap<i64, i64> = BTreeMap::new();
    for i in winners {
        let (e, slot) = (&entries[i], got[i].expect("a winner"));
        let (fee, billing_code) = terms(e, lane_of[&slot]);
        let booking_id = Uuid::now_v7().to_string();
        booking_of[i] = Some(booking_id.clone());
        bookings.push((booking_id, e, slot, fee, billing_code));
        *per_slot.entry(slot).or_default() += 1;
    }
    let mut outcomes: Vec<(&str, i64, &'static str, Option<&str>)> =
        Vec::with_capacity(entries.len());
    let mut waiting: Vec<&DrawnEntry> = Vec::new();
    for (position, &i) in drawn_order.iter().enumerate() {
        let e = &entries[i];
        let outcome = if booking_of[i].is_some() {
            summary.placed += 1;
            "placed"
        } else if left_out.contains(&e.id) {
            summary.skipped += 1;
            "skipped"
        } else {
            waiting.push(e);
            summary.waitlisted += 1;
            "waitlisted"
        };
        outcomes.push((
            &e.id,
            position as i64 + 1,
            outcome,
            booking_of[i].as_deref(),
        ));
    }
    let t_compute = t0.elapsed();
    insert_bookings(s, &bookings, payment_deadline, now).await?;
    let t_bookings = t0.elapsed();
    add_to_slots(s, &per_slot).await?;
    let t_slots = t0.elapsed();
    record_outcomes(s, &id, &outcomes).await?;
    let t_outcomes = t0.elapsed();
    if let (Some(from), Some(to)) = (first_day, last_day) {
        put_on_waitlist(s, &waiting, from, to, now).await?;
    }
    let ms = |d: std::time::Duration| d.as_millis() as u64;
    summary.phases = DrawPhases {
        read_ms: ms(t_read),
        entries_ms: ms(t_entries),
        compute_ms: ms(t_compute - t_read),
        bookings_ms: ms(t_bookings - t_compute),
        counters_ms: ms(t_slots - t_bookings),
        outcomes_ms: ms(t_outcomes - t_slots),
        waitlist_ms: ms(t0.elapsed() - t_outcomes),
    };
    tracing::debug!(phases = ?summary.phases, "draw phases");
    s.execute(
        sqlx::query(
            "UPDATE draws SET status = 'drawn', seed = $2, drawn_at = $3, entries = $4, places = $5, placed = $6 WHERE id = $1",
        )
        .bind(&id)
        .bind(seed.to_hex())
        .bind(now.timestamp())
        .bind(summary.entries as i64)
        .bind(summary.places as i64)
        .bind(summary.placed as i64),
    )
    .await?;
    Ok(Some(summary))
}

/// Every entry of a draw. On the writer's direct connection row by row, each value read as
/// stored. Through sqlx as one JSON array built by the database: one row instead of one per
/// entry (100,000 rows cost seconds in sqlx's row-by-row decoding; the array parses in a
/// fraction of that).
async fn read_entries(s: &mut Statements<'_>, draw_id: &str) -> anyhow::Result<Vec<DrawnEntry>> {
    if let Statements::Direct(d) = s {
        fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> anyhow::Result<&'r str> {
            Ok(r.get_ref(i)?.as_str()?)
        }
        fn named<T: serde::de::DeserializeOwned>(name: &str) -> anyhow::Result<T> {
            use serde::de::IntoDeserializer;
            let name: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
                name.into_deserializer();
            Ok(T::deserialize(name)?)
        }
        return d.fetch_all_as(
            sqlx::query(
                "SELECT id, account_id, applicant_id, nik, lane, priority, passport_kind, validity,
                        application_kind, choices, digest
                 FROM draw_entries WHERE draw_id = $1",
            )
            .bind(draw_id),
            |r| {
                Ok(DrawnEntry {
                    id: text(r, 0)?.to_string(),
                    account_id: text(r, 1)?.to_string(),
                    applicant_id: text(r, 2)?.to_string(),
                    nik: text(r, 3)?.to_string(),
                    lane: named(text(r, 4)?)?,
                    priority: r.get::<_, i64>(5)? != 0,
                    passport_kind: named(text(r, 6)?)?,
                    validity: named(text(r, 7)?)?,
                    application_kind: named(text(r, 8)?)?,
                    choices: serde_json::from_str(text(r, 9)?)?,
                    digest: text(r, 10)?.to_string(),
                })
            },
        );
    }
    #[derive(serde::Deserialize)]
    struct Row(
        String,
        String,
        String,
        String,
        Lane,
        i64,
        PassportKind,
        Validity,
        ApplicationKind,
        Vec<Choice>,
        String,
    );
    let sql = if s.is_sqlite() {
        "SELECT json_group_array(json_array(id, account_id, applicant_id, nik, lane, priority,
                    passport_kind, validity, application_kind, json(choices), digest)) AS entries
         FROM draw_entries WHERE draw_id = $1"
    } else {
        "SELECT COALESCE(json_agg(json_build_array(id, account_id, applicant_id, nik, lane, priority,
                    passport_kind, validity, application_kind, choices::json, digest)), '[]')::text AS entries
         FROM draw_entries WHERE draw_id = $1"
    };
    let text: String = s
        .fetch_optional(sqlx::query(sql).bind(draw_id))
        .await?
        .context("an aggregate answers a row")?
        .try_get("entries")?;
    let rows: Vec<Row> = serde_json::from_str(&text)?;
    Ok(rows
        .into_iter()
        .map(|r| DrawnEntry {
            id: r.0,
            account_id: r.1,
            applicant_id: r.2,
            nik: r.3,
            lane: r.4,
            priority: r.5 != 0,
            passport_kind: r.6,
            validity: r.7,
            application_kind: r.8,
            choices: r.9,
            digest: r.10,
        })
        .collect())
}

/// Rows per multi-row statement of `columns` parameters each: about 400 parameters. SQLite
/// treats `$N` as a named parameter and finds each name by a linear search of those before it,
/// so a statement's cost grows with the square of its parameters (measured: 12,000 per
/// statement made the draw of 20,000 entries four times slower than 400); PostgreSQL measured
/// the same at 400 as at 12,000.
fn rows_per_statement(columns: usize) -> usize {
    (400 / columns.max(1)).max(1)
}

/// `($1, $2, ..), ($k, ..)`: `rows` tuples of `columns` parameters, numbered after `offset`.
fn placeholders(offset: usize, rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let p: Vec<String> = (1..=columns)
                .map(|c| format!("${}", offset + r * columns + c))
                .collect();
            format!("({})", p.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const BOOKINGS: Insert<'static> = Insert {
    table: "bookings",
    columns: &[
        ("id", false),
        ("account_id", false),
        ("applicant_id", false),
        ("nik", false),
        ("slot_id", true),
        ("passport_kind", false),
        ("validity", false),
        ("application_kind", false),
        ("fee_total", true),
        ("billing_code", false),
        ("payment_deadline", true),
        ("created_at", true),
        ("status", false),
        ("reschedules", true),
        ("source", false),
    ],
    skip_conflicts: false,
};

async fn insert_bookings(
    s: &mut Statements<'_>,
    bookings: &[(String, &DrawnEntry, i64, i64, String)],
    payment_deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let rows: Vec<Vec<Cell<'_>>> = bookings
        .iter()
        .map(|(id, e, slot, fee, code)| {
            vec![
                Cell::from(id.as_str()),
                Cell::from(e.account_id.as_str()),
                Cell::from(e.applicant_id.as_str()),
                Cell::from(e.nik.as_str()),
                Cell::from(*slot),
                Cell::from(e.passport_kind.as_str()),
                Cell::from(e.validity.as_str()),
                Cell::from(e.application_kind.as_str()),
                Cell::from(*fee),
                Cell::from(code.as_str()),
                Cell::from(payment_deadline.timestamp()),
                Cell::from(now.timestamp()),
                Cell::from("pending_payment"),
                Cell::from(0),
                Cell::from("draw"),
            ]
        })
        .collect();
    s.insert_rows(&BOOKINGS, &rows).await?;
    Ok(())
}

/// Adds the places taken to their slots, many slots per statement.
async fn add_to_slots(
    s: &mut Statements<'_>,
    per_slot: &BTreeMap<i64, i64>,
) -> Result<(), sqlx::Error> {
    let rows: Vec<(&i64, &i64)> = per_slot.iter().collect();
    for chunk in rows.chunks(rows_per_statement(2)) {
        let sql = format!(
            "WITH v(id, n) AS (VALUES {}) UPDATE slots SET booked = booked + v.n FROM v WHERE slots.id = v.id",
            placeholders(0, chunk.len(), 2)
        );
        let mut q = sqlx::query(&sql);
        for (slot, n) in chunk {
            q = q.bind(**slot).bind(**n);
        }
        s.execute(q).await?;
    }
    Ok(())
}

const OUTCOMES: Insert<'static> = Insert {
    table: "draw_outcomes",
    columns: &[
        ("draw_id", false),
        ("position", true),
        ("entry_id", false),
        ("outcome", false),
        ("booking_id", false),
    ],
    skip_conflicts: false,
};

/// Every entry's position, outcome and booking, in position order, into `draw_outcomes`.
async fn record_outcomes(
    s: &mut Statements<'_>,
    draw_id: &str,
    outcomes: &[(&str, i64, &'static str, Option<&str>)],
) -> anyhow::Result<()> {
    let rows: Vec<Vec<Cell<'_>>> = outcomes
        .iter()
        .map(|&(entry, position, outcome, booking)| {
            vec![
                Cell::from(draw_id),
                Cell::from(position),
                Cell::from(entry),
                Cell::from(outcome),
                Cell::from(booking),
            ]
        })
        .collect();
    s.insert_rows(&OUTCOMES, &rows).await?;
    Ok(())
}

/// The offices an entry named.
fn offices_of(choices: &[Choice]) -> Vec<String> {
    let mut offices: Vec<String> = choices
        .iter()
        .flat_map(|c| match c {
            Choice::OfficeDay { office_id, .. } => vec![office_id.clone()],
            Choice::EarliestAt { office_ids } => office_ids.clone(),
        })
        .collect();
    offices.sort();
    offices.dedup();
    offices
}

const WAITLIST: Insert<'static> = Insert {
    table: "waitlist",
    columns: &[
        ("id", false),
        ("account_id", false),
        ("applicant_id", false),
        ("nik", false),
        ("lane", false),
        ("passport_kind", false),
        ("validity", false),
        ("application_kind", false),
        ("created_at", true),
        ("from_day", false),
        ("to_day", false),
        ("status", false),
    ],
    skip_conflicts: false,
};

const WAITLIST_OFFICES: Insert<'static> = Insert {
    table: "waitlist_offices",
    columns: &[("waitlist_id", false), ("office_id", false)],
    skip_conflicts: true,
};

/// Those without a place wait for one at the offices they named, over the release's days. Ids
/// are made in the drawn order (UUIDv7 grows), so the first drawn are first in line. People
/// already waiting keep their place in line.
async fn put_on_waitlist(
    s: &mut Statements<'_>,
    waiting: &[&DrawnEntry],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let already: std::collections::HashSet<String> = s
        .fetch_all(sqlx::query(
            "SELECT nik FROM waitlist WHERE status IN ('waiting', 'offered')",
        ))
        .await?
        .iter()
        .map(|r| r.try_get("nik"))
        .collect::<Result<_, _>>()?;
    let fresh: Vec<(String, &DrawnEntry, Vec<String>)> = waiting
        .iter()
        .filter(|e| !already.contains(&e.nik))
        .map(|e| (Uuid::now_v7().to_string(), *e, offices_of(&e.choices)))
        .collect();
    let (from, to) = (from.to_string(), to.to_string());
    let rows: Vec<Vec<Cell<'_>>> = fresh
        .iter()
        .map(|(id, e, _)| {
            vec![
                Cell::from(id.as_str()),
                Cell::from(e.account_id.as_str()),
                Cell::from(e.applicant_id.as_str()),
                Cell::from(e.nik.as_str()),
                Cell::from(e.lane.as_str()),
                Cell::from(e.passport_kind.as_str()),
                Cell::from(e.validity.as_str()),
                Cell::from(e.application_kind.as_str()),
                Cell::from(now.timestamp()),
                Cell::from(from.as_str()),
                Cell::from(to.as_str()),
                Cell::from("waiting"),
            ]
        })
        .collect();
    s.insert_rows(&WAITLIST, &rows).await?;
    let pairs: Vec<Vec<Cell<'_>>> = fresh
        .iter()
        .flat_map(|(id, _, offices)| {
            offices
                .iter()
                .map(move |o| vec![Cell::from(id.as_str()), Cell::from(o.as_str())])
        })
        .collect();
    s.insert_rows(&WAITLIST_OFFICES, &pairs).await?;
    Ok(())
}

/// Whether a new booking could come from this booking request's release without waiting for
/// its draw: the release has no draw, or it is drawn.
pub async fn release_is_open(db: &Db, release_at: DateTime<Utc>) -> anyhow::Result<bool> {
    Ok(of_release(db, release_at)
        .await?
        .is_none_or(|d| d.status == Status::Drawn))
}
