//! Failed attempts at secrets (sign-in, codes, resets) per email and per client address (both
//! as keyed hashes), in the database: every instance counts together, and an unknown email is
//! counted like a known one, so the answer never tells whether an account exists. After a
//! key's limit of failures within `WINDOW` the next attempts are refused until the window ends,
//! not for good.

use super::{instant, Db, PointRead};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

/// Mistakes one email may have made in a window.
pub const EMAIL_LIMIT: i64 = 10;
/// Mistakes from one address: many people may share it (an office, a village drive behind one
/// mobile NAT), so it is ten times one person's; it stops one machine trying many emails.
pub const ADDRESS_LIMIT: i64 = 100;
pub const WINDOW: Duration = Duration::minutes(15);

/// `None` when attempts may go on; else when they may again.
pub async fn blocked_until(
    db: &Db,
    key: &str,
    limit: i64,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let Some(row) = sqlx::query("SELECT failures, window_start FROM auth_failures WHERE key = $1")
        .bind(key)
        .fetch_point(db)
        .await?
    else {
        return Ok(None);
    };
    let start = instant(row.try_get("window_start")?);
    let failures: i64 = row.try_get("failures")?;
    Ok((failures >= limit && now < start + WINDOW).then_some(start + WINDOW))
}

/// Counts a failure (a new window when the last one is over).
pub async fn failed(db: &Db, key: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query(
            "INSERT INTO auth_failures (key, failures, window_start) VALUES ($1, 1, $2)
             ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN auth_failures.window_start + $3 <= $2 THEN 1 ELSE auth_failures.failures + 1 END,
                window_start = CASE WHEN auth_failures.window_start + $3 <= $2 THEN $2 ELSE auth_failures.window_start END",
        )
        .bind(key.to_string())
        .bind(now.timestamp())
        .bind(WINDOW.num_seconds()),
    )
    .await?;
    Ok(())
}

/// Clears the count after a success.
pub async fn succeeded(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    db.execute(sqlx::query("DELETE FROM auth_failures WHERE key = $1").bind(key.to_string()))
        .await?;
    Ok(())
}
