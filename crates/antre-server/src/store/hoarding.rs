//! The published rules against hoarding, as database facts shared by every instance: a NIK
//! that let unpaid holds lapse repeatedly, or did not come, cools down for a while; an account
//! cannot churn through NIKs by adding and removing applicants. Nothing here punishes beyond
//! these rules; what looks suspicious is shown to staff (`suspicious`), who decide.

use super::{instant, Db, PointRead};
use chrono::{DateTime, Duration, Utc};
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

/// Lapses counted over this window.
pub const LAPSE_WINDOW: Duration = Duration::days(30);
/// Additions of applicants one account may make within 30 days (five at a time, plus a few
/// changes for a family's real life).
pub const MAX_ADDITIONS_PER_30_DAYS: i64 = 8;
/// Removals of applicants one account may make within 30 days.
pub const MAX_REMOVALS_PER_30_DAYS: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CooldownReason {
    /// Too many unpaid holds that lapsed.
    Lapses,
    NoShow,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cooldown {
    pub until: DateTime<Utc>,
    pub reason: CooldownReason,
}

/// The cool-down in force for a NIK, if any.
pub async fn cooldown_of(
    db: &Db,
    nik: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Cooldown>> {
    let row = sqlx::query("SELECT until, reason FROM cooldowns WHERE nik = $1 AND until > $2")
        .bind(nik)
        .bind(now.timestamp())
        .fetch_point(db)
        .await?;
    row.map(|r| {
        Ok(Cooldown {
            until: instant(r.try_get("until")?),
            reason: super::bookings::enum_from(r.try_get("reason")?)?,
        })
    })
    .transpose()
}

async fn start_cooldown(
    c: &mut AnyConnection,
    nik: &str,
    until: DateTime<Utc>,
    reason: CooldownReason,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO cooldowns (nik, until, reason, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (nik) DO UPDATE SET until = excluded.until, reason = excluded.reason, created_at = excluded.created_at
         WHERE cooldowns.until < excluded.until",
    )
    .bind(nik)
    .bind(until.timestamp())
    .bind(super::bookings::enum_name(&reason))
    .bind(now.timestamp())
    .execute(c)
    .await?;
    Ok(())
}

/// After a booking of `nik` at `office_id` lapsed unpaid: a cool-down once the office's
/// number of lapses within 30 days is reached.
pub async fn after_lapse(
    c: &mut AnyConnection,
    nik: &str,
    office_id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM bookings WHERE nik = $1 AND status = 'lapsed' AND closed_at > $2) AS lapses,
                o.lapses_before_cooldown, o.cooldown_days
         FROM offices o WHERE o.id = $3",
    )
    .bind(nik)
    .bind((now - LAPSE_WINDOW).timestamp())
    .bind(office_id)
    .fetch_one(&mut *c)
    .await?;
    let lapses: i64 = row.try_get("lapses")?;
    let allowed: i64 = row.try_get("lapses_before_cooldown")?;
    if allowed > 0 && lapses >= allowed {
        let days: i64 = row.try_get("cooldown_days")?;
        start_cooldown(
            c,
            nik,
            now + Duration::days(days),
            CooldownReason::Lapses,
            now,
        )
        .await?;
    }
    Ok(())
}

/// After a no-show of `nik` at `office_id`: the office's cool-down.
pub async fn after_no_show(
    c: &mut AnyConnection,
    nik: &str,
    office_id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let days: i64 = sqlx::query("SELECT cooldown_days FROM offices WHERE id = $1")
        .bind(office_id)
        .fetch_one(&mut *c)
        .await?
        .try_get("cooldown_days")?;
    if days > 0 {
        start_cooldown(
            c,
            nik,
            now + Duration::days(days),
            CooldownReason::NoShow,
            now,
        )
        .await?;
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Add,
    Remove,
}

impl Change {
    fn as_str(self) -> &'static str {
        match self {
            Change::Add => "add",
            Change::Remove => "remove",
        }
    }

    fn limit(self) -> i64 {
        match self {
            Change::Add => MAX_ADDITIONS_PER_30_DAYS,
            Change::Remove => MAX_REMOVALS_PER_30_DAYS,
        }
    }
}

/// Records a change of the account's applicants if the account still may make one (inside
/// the transaction that makes it, after the account's row is locked). Returns false when the
/// limit of 30 days is reached.
pub async fn record_change(
    c: &mut AnyConnection,
    account: Uuid,
    change: Change,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let made: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM applicant_changes WHERE account_id = $1 AND kind = $2 AND at > $3",
    )
    .bind(account.to_string())
    .bind(change.as_str())
    .bind((now - Duration::days(30)).timestamp())
    .fetch_one(&mut *c)
    .await?
    .try_get("n")?;
    if made >= change.limit() {
        return Ok(false);
    }
    sqlx::query("INSERT INTO applicant_changes (account_id, kind, at) VALUES ($1, $2, $3)")
        .bind(account.to_string())
        .bind(change.as_str())
        .bind(now.timestamp())
        .execute(c)
        .await?;
    Ok(true)
}
