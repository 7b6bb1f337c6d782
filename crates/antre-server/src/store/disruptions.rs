//! Disruptions and closures: the declarations, their history, the offices they cover, which
//! slots they close, and the notices to the people affected. A declaration closes the slots of
//! its offices that overlap its span (`slots.closed = 1`, as an office-day closure does): the
//! capacity rule, search, calendars and reschedule all read that flag, so it holds on every
//! instance the moment the transaction commits.

use super::bookings::{enum_name, ACTIVE};
use super::instant;
use antre_api::disruptions::{
    BookingDisruption, DisruptionKind, DisruptionReason, DisruptionScope, DisruptionUpdateKind,
    NotificationKind,
};
use antre_domain::disruption::Span;
use chrono::{DateTime, Utc};
use sqlx::{any::AnyRow, AnyConnection, AnyPool, Row};
use uuid::Uuid;

/// The condition "slot `s` lies in the span of declaration `d`, which is not restored".
pub const SLOT_IN_SPAN: &str = "d.restored_at IS NULL AND s.ends_at > d.starts_at \
     AND (d.expected_end IS NULL OR s.starts_at < d.expected_end)";

/// The declaration (newest first) covering the slot `s` of a booking query, for its notice.
pub fn covering_subquery() -> String {
    format!(
        "(SELECT d.id FROM disruption_offices x JOIN disruptions d ON d.id = x.disruption_id
          WHERE x.office_id = s.office_id AND {SLOT_IN_SPAN} ORDER BY d.declared_at DESC, d.id LIMIT 1)"
    )
}

#[derive(Debug, Clone)]
pub struct Disruption {
    pub id: Uuid,
    pub scope: DisruptionScope,
    pub office_id: Option<String>,
    pub province: Option<String>,
    pub kind: DisruptionKind,
    pub reason: DisruptionReason,
    pub note: String,
    pub span: Span,
    pub declared_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Update {
    pub at: DateTime<Utc>,
    pub kind: DisruptionUpdateKind,
    pub expected_end: Option<DateTime<Utc>>,
    pub note: String,
}

const COLUMNS: &str =
    "id, scope, office_id, province, kind, reason, note, starts_at, expected_end, restored_at, declared_at";

fn from_row(r: &AnyRow) -> anyhow::Result<Disruption> {
    Ok(Disruption {
        id: r.try_get::<String, _>("id")?.parse()?,
        scope: super::bookings::enum_from(r.try_get("scope")?)?,
        office_id: r.try_get("office_id")?,
        province: r.try_get("province")?,
        kind: super::bookings::enum_from(r.try_get("kind")?)?,
        reason: super::bookings::enum_from(r.try_get("reason")?)?,
        note: r.try_get("note")?,
        span: Span {
            starts_at: instant(r.try_get("starts_at")?),
            expected_end: r.try_get::<Option<i64>, _>("expected_end")?.map(instant),
            restored_at: r.try_get::<Option<i64>, _>("restored_at")?.map(instant),
        },
        declared_at: instant(r.try_get("declared_at")?),
    })
}

pub struct NewDisruption<'a> {
    pub id: Uuid,
    pub scope: DisruptionScope,
    pub office_id: Option<&'a str>,
    pub province: Option<&'a str>,
    pub kind: DisruptionKind,
    pub reason: DisruptionReason,
    pub note: &'a str,
    pub starts_at: DateTime<Utc>,
    pub expected_end: Option<DateTime<Utc>>,
    pub declared_by: Option<Uuid>,
}

pub async fn insert(
    c: &mut AnyConnection,
    d: &NewDisruption<'_>,
    offices: &[String],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO disruptions (id, scope, office_id, province, kind, reason, note, starts_at, expected_end, declared_by, declared_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(d.id.to_string())
    .bind(enum_name(&d.scope))
    .bind(d.office_id)
    .bind(d.province)
    .bind(enum_name(&d.kind))
    .bind(enum_name(&d.reason))
    .bind(d.note)
    .bind(d.starts_at.timestamp())
    .bind(d.expected_end.map(|t| t.timestamp()))
    .bind(d.declared_by.map(|a| a.to_string()))
    .bind(now.timestamp())
    .execute(&mut *c)
    .await?;
    for office in offices {
        sqlx::query("INSERT INTO disruption_offices (disruption_id, office_id) VALUES ($1, $2)")
            .bind(d.id.to_string())
            .bind(office)
            .execute(&mut *c)
            .await?;
    }
    add_update(
        c,
        d.id,
        DisruptionUpdateKind::Declared,
        d.expected_end,
        d.note,
        d.declared_by,
        now,
    )
    .await
}

pub async fn add_update(
    c: &mut AnyConnection,
    id: Uuid,
    kind: DisruptionUpdateKind,
    expected_end: Option<DateTime<Utc>>,
    note: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO disruption_updates (disruption_id, at, kind, expected_end, note, by_account) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.to_string())
    .bind(now.timestamp())
    .bind(enum_name(&kind))
    .bind(expected_end.map(|t| t.timestamp()))
    .bind(note)
    .bind(by.map(|a| a.to_string()))
    .execute(c)
    .await?;
    Ok(())
}

/// Sets the declaration's current expected end, note and (when restored) the restoration.
pub async fn set_current(
    c: &mut AnyConnection,
    id: Uuid,
    expected_end: Option<DateTime<Utc>>,
    note: &str,
    restored_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE disruptions SET expected_end = $2, note = $3, restored_at = $4 WHERE id = $1 AND restored_at IS NULL",
    )
    .bind(id.to_string())
    .bind(expected_end.map(|t| t.timestamp()))
    .bind(note)
    .bind(restored_at.map(|t| t.timestamp()))
    .execute(c)
    .await?;
    Ok(())
}

/// Closes every slot of the office lying in the span of a declaration in force or to come:
/// run after anything that (re)opens slots (a declaration, the opening of new days, a change
/// to an office-day, an update that shortens another declaration). Returns the slots closed.
pub async fn close_covered(c: &mut AnyConnection, office_id: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(&format!(
        "UPDATE slots SET closed = 1 WHERE office_id = $1 AND closed = 0 AND EXISTS (
           SELECT 1 FROM disruption_offices x JOIN disruptions d ON d.id = x.disruption_id
           WHERE x.office_id = slots.office_id AND {})",
        SLOT_IN_SPAN.replace("s.", "slots.")
    ))
    .bind(office_id)
    .execute(c)
    .await?
    .rows_affected())
}

/// The offices of a declaration, in id order (the order office rows are locked in).
pub async fn offices_of(c: &mut AnyConnection, id: Uuid) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query(
        "SELECT office_id FROM disruption_offices WHERE disruption_id = $1 ORDER BY office_id",
    )
    .bind(id.to_string())
    .fetch_all(c)
    .await?
    .iter()
    .map(|r| r.try_get("office_id"))
    .collect()
}

/// The days (of the office) with slots ahead of `now` in the span of the declaration: those a
/// shortened or restored declaration may give back.
pub async fn days_in_span(
    c: &mut AnyConnection,
    id: Uuid,
    office_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<chrono::NaiveDate>> {
    sqlx::query(&format!(
        "SELECT DISTINCT s.day FROM slots s JOIN disruptions d ON d.id = $1
         WHERE s.office_id = $2 AND s.starts_at > $3 AND {SLOT_IN_SPAN} ORDER BY s.day"
    ))
    .bind(id.to_string())
    .bind(office_id)
    .bind(now.timestamp())
    .fetch_all(c)
    .await?
    .iter()
    .map(|r| super::parse_day(&r.try_get::<String, _>("day")?))
    .collect()
}

/// A booking to tell about a declaration, with how to reach its holder.
#[derive(Debug, Clone)]
pub struct Affected {
    pub booking_id: Uuid,
    pub account_id: Uuid,
    pub office_id: String,
    /// Only a verified mobile number gets an SMS.
    pub phone: Option<String>,
    pub language: String,
}

fn affected_from(r: &AnyRow) -> anyhow::Result<Affected> {
    Ok(Affected {
        booking_id: r.try_get::<String, _>("booking_id")?.parse()?,
        account_id: r.try_get::<String, _>("account_id")?.parse()?,
        office_id: r.try_get("office_id")?,
        phone: r
            .try_get::<Option<i64>, _>("phone_verified_at")?
            .map(|_| r.try_get("phone"))
            .transpose()?,
        language: r.try_get("language")?,
    })
}

/// The active bookings ahead of `now` in the declaration's span (before it is restored).
pub async fn affected(
    c: &mut AnyConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Affected>> {
    sqlx::query(&format!(
        "SELECT b.id AS booking_id, b.account_id, s.office_id, acc.phone, acc.phone_verified_at, acc.language
         FROM disruptions d JOIN disruption_offices x ON x.disruption_id = d.id
         JOIN slots s ON s.office_id = x.office_id JOIN bookings b ON b.slot_id = s.id
         JOIN accounts acc ON acc.id = b.account_id
         WHERE d.id = $1 AND b.status IN {ACTIVE} AND s.starts_at > $2 AND {SLOT_IN_SPAN}
         ORDER BY b.id"
    ))
    .bind(id.to_string())
    .bind(now.timestamp())
    .fetch_all(c)
    .await?
    .iter()
    .map(affected_from)
    .collect()
}

/// The active bookings already told about the declaration.
pub async fn told(c: &mut AnyConnection, id: Uuid) -> anyhow::Result<Vec<Affected>> {
    sqlx::query(&format!(
        "SELECT DISTINCT b.id AS booking_id, b.account_id, s.office_id, acc.phone, acc.phone_verified_at, acc.language
         FROM notifications n JOIN bookings b ON b.id = n.booking_id JOIN slots s ON s.id = b.slot_id
         JOIN accounts acc ON acc.id = b.account_id
         WHERE n.disruption_id = $1 AND b.status IN {ACTIVE} ORDER BY b.id"
    ))
    .bind(id.to_string())
    .fetch_all(c)
    .await?
    .iter()
    .map(affected_from)
    .collect()
}

pub async fn notify(
    c: &mut AnyConnection,
    who: &Affected,
    id: Uuid,
    kind: NotificationKind,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (account_id, booking_id, disruption_id, kind, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(who.account_id.to_string())
    .bind(who.booking_id.to_string())
    .bind(id.to_string())
    .bind(enum_name(&kind))
    .bind(now.timestamp())
    .execute(c)
    .await?;
    Ok(())
}

/// An SMS into the outbox (the gateway seam's local default), in the same transaction.
pub async fn queue_sms(
    c: &mut AnyConnection,
    account: Uuid,
    purpose: &str,
    recipient: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (account_id, channel, purpose, recipient, body, created_at) VALUES ($1, 'sms', $2, $3, $4, $5)",
    )
    .bind(account.to_string())
    .bind(purpose)
    .bind(recipient)
    .bind(body)
    .bind(now.timestamp())
    .execute(c)
    .await?;
    Ok(())
}

pub async fn get(pool: &AnyPool, id: Uuid) -> anyhow::Result<Option<Disruption>> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM disruptions WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn get_in(c: &mut AnyConnection, id: Uuid) -> anyhow::Result<Option<Disruption>> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM disruptions WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(c)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Every declaration with the offices it covers, newest first.
pub async fn all(pool: &AnyPool) -> anyhow::Result<Vec<(Disruption, Vec<String>)>> {
    let list: Vec<Disruption> = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM disruptions ORDER BY declared_at DESC, id"
    ))
    .fetch_all(pool)
    .await?
    .iter()
    .map(from_row)
    .collect::<anyhow::Result<_>>()?;
    let mut offices: std::collections::HashMap<String, Vec<String>> = Default::default();
    for r in sqlx::query("SELECT disruption_id, office_id FROM disruption_offices")
        .fetch_all(pool)
        .await?
    {
        offices
            .entry(r.try_get("disruption_id")?)
            .or_default()
            .push(r.try_get("office_id")?);
    }
    Ok(list
        .into_iter()
        .map(|d| {
            let o = offices.remove(&d.id.to_string()).unwrap_or_default();
            (d, o)
        })
        .collect())
}

/// The updates of each declaration, oldest first.
pub async fn updates(
    pool: &AnyPool,
) -> anyhow::Result<std::collections::HashMap<Uuid, Vec<Update>>> {
    let mut out: std::collections::HashMap<Uuid, Vec<Update>> = Default::default();
    for r in sqlx::query(
        "SELECT disruption_id, at, kind, expected_end, note FROM disruption_updates ORDER BY id",
    )
    .fetch_all(pool)
    .await?
    {
        out.entry(r.try_get::<String, _>("disruption_id")?.parse()?)
            .or_default()
            .push(Update {
                at: instant(r.try_get("at")?),
                kind: super::bookings::enum_from(r.try_get("kind")?)?,
                expected_end: r.try_get::<Option<i64>, _>("expected_end")?.map(instant),
                note: r.try_get("note")?,
            });
    }
    Ok(out)
}

/// The notice a booking row carries (from the columns `covering_subquery` names).
pub fn notice_from(r: &AnyRow) -> anyhow::Result<Option<BookingDisruption>> {
    let Some(id) = r.try_get::<Option<String>, _>("dis_id")? else {
        return Ok(None);
    };
    Ok(Some(BookingDisruption {
        id: id.parse()?,
        kind: super::bookings::enum_from(r.try_get("dis_kind")?)?,
        reason: super::bookings::enum_from(r.try_get("dis_reason")?)?,
        note: r.try_get("dis_note")?,
        expected_end: r
            .try_get::<Option<i64>, _>("dis_expected_end")?
            .map(instant),
    }))
}

/// One notification of an account.
#[derive(Debug, Clone)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub booking_id: Option<Uuid>,
    pub office_id: Option<String>,
    pub disruption_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

pub async fn notifications_of(
    pool: &AnyPool,
    account: Uuid,
    after: i64,
) -> anyhow::Result<Vec<Notification>> {
    sqlx::query(
        "SELECT n.id, n.kind, n.booking_id, n.disruption_id, n.created_at, n.read_at, s.office_id
         FROM notifications n LEFT JOIN bookings b ON b.id = n.booking_id LEFT JOIN slots s ON s.id = b.slot_id
         WHERE n.account_id = $1 AND n.id > $2 ORDER BY n.id LIMIT 200",
    )
    .bind(account.to_string())
    .bind(after)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(Notification {
            id: r.try_get("id")?,
            kind: super::bookings::enum_from(r.try_get("kind")?)?,
            booking_id: r
                .try_get::<Option<String>, _>("booking_id")?
                .map(|s| s.parse())
                .transpose()?,
            office_id: r.try_get("office_id")?,
            disruption_id: r
                .try_get::<Option<String>, _>("disruption_id")?
                .map(|s| s.parse())
                .transpose()?,
            created_at: instant(r.try_get("created_at")?),
            read: r.try_get::<Option<i64>, _>("read_at")?.is_some(),
        })
    })
    .collect()
}

/// Marks one of the account's notifications read; false if it has no such notification.
pub async fn mark_read(
    db: &super::Db,
    account: Uuid,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(db
        .execute(
            sqlx::query(
                "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND account_id = $2",
            )
            .bind(id)
            .bind(account.to_string())
            .bind(now.timestamp()),
        )
        .await?
        > 0)
}

/// How many bookings each declaration stranded (told when declared or extended).
pub async fn told_counts(pool: &AnyPool) -> anyhow::Result<std::collections::HashMap<Uuid, u32>> {
    let mut out = std::collections::HashMap::new();
    for r in sqlx::query(
        "SELECT disruption_id, COUNT(DISTINCT booking_id) AS n FROM notifications
         WHERE kind = 'disrupted' AND disruption_id IS NOT NULL GROUP BY disruption_id",
    )
    .fetch_all(pool)
    .await?
    {
        out.insert(
            r.try_get::<String, _>("disruption_id")?.parse()?,
            u32::try_from(r.try_get::<i64, _>("n")?)?,
        );
    }
    Ok(out)
}
