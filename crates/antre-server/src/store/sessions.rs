//! Sessions: opaque bearer tokens, kept as SHA-256 hashes. A session lasts as long as a booking
//! needs: it ends after `IDLE` without use, each use moves that end (sliding), and it never
//! outlives `ABSOLUTE` from sign-in. An account sees its signed-in devices and can end any or all.

use super::accounts::{from_row, Account};
use super::{instant, Db};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use uuid::Uuid;

/// A session unused this long ends.
pub const IDLE: Duration = Duration::days(30);
/// No session outlives this from sign-in (an elderly user's booking three weeks ahead is far
/// inside it).
pub const ABSOLUTE: Duration = Duration::days(90);
/// A session's end moves at most this often (a write per request would be waste).
const SLIDE_EVERY: Duration = Duration::hours(1);

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub device: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
    pub token_hash: String,
}

/// Starts a session; returns its public id.
pub async fn start(
    db: &Db,
    token_hash: &str,
    account: Uuid,
    device: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Session, sqlx::Error> {
    let session = Session {
        id: Uuid::now_v7().simple().to_string(),
        device: device.map(str::to_string),
        created_at: now,
        last_used_at: now,
        expires_at: now + IDLE,
        absolute_expires_at: now + ABSOLUTE,
        token_hash: token_hash.to_string(),
    };
    db.execute(
        sqlx::query(
            "INSERT INTO auth_tokens (token_hash, id, account_id, device, created_at, last_used_at, expires_at, absolute_expires_at)
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
        )
        .bind(session.token_hash.clone())
        .bind(session.id.clone())
        .bind(account.to_string())
        .bind(session.device.clone())
        .bind(now.timestamp())
        .bind(session.expires_at.timestamp())
        .bind(session.absolute_expires_at.timestamp()),
    )
    .await?;
    Ok(session)
}

/// The account a live token belongs to, moving the session's end forward when it is used
/// (at most once an hour).
pub async fn account_of(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Account>, sqlx::Error> {
    let query = sqlx::query(
        "SELECT a.*, t.last_used_at AS session_used, t.absolute_expires_at AS session_absolute
         FROM auth_tokens t JOIN accounts a ON a.id = t.account_id
         WHERE t.token_hash = $1 AND t.expires_at > $2 AND t.absolute_expires_at > $2 AND a.deleted_at IS NULL",
    )
    .bind(token_hash)
    .bind(now.timestamp());
    let Some(row) = db.fetch_point(query).await? else {
        return Ok(None);
    };
    let account = from_row(&row)?;
    let used = instant(row.try_get::<Option<i64>, _>("session_used")?.unwrap_or(0));
    if now - used >= SLIDE_EVERY {
        let absolute = instant(
            row.try_get::<Option<i64>, _>("session_absolute")?
                .unwrap_or(0),
        );
        let until = (now + IDLE).min(absolute);
        db.execute(
            sqlx::query(
                "UPDATE auth_tokens SET last_used_at = $2, expires_at = $3 WHERE token_hash = $1",
            )
            .bind(token_hash.to_string())
            .bind(now.timestamp())
            .bind(until.timestamp()),
        )
        .await?;
    }
    Ok(Some(account))
}

/// The account's live sessions, most recently used first.
pub async fn of_account(
    db: &Db,
    account: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Session>, sqlx::Error> {
    sqlx::query(
        "SELECT * FROM auth_tokens WHERE account_id = $1 AND expires_at > $2 AND absolute_expires_at > $2
         ORDER BY last_used_at DESC",
    )
    .bind(account.to_string())
    .bind(now.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(Session {
            id: r.try_get("id")?,
            device: r.try_get("device")?,
            created_at: instant(r.try_get("created_at")?),
            last_used_at: instant(r.try_get("last_used_at")?),
            expires_at: instant(r.try_get("expires_at")?),
            absolute_expires_at: instant(r.try_get("absolute_expires_at")?),
            token_hash: r.try_get("token_hash")?,
        })
    })
    .collect()
}

/// Ends one session of the account (by its public id). Returns whether one ended.
pub async fn end(db: &Db, account: Uuid, id: &str) -> Result<bool, sqlx::Error> {
    Ok(db
        .execute(
            sqlx::query("DELETE FROM auth_tokens WHERE account_id = $1 AND id = $2")
                .bind(account.to_string())
                .bind(id.to_string()),
        )
        .await?
        == 1)
}

/// Ends the session of a token.
pub async fn end_token(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query("DELETE FROM auth_tokens WHERE token_hash = $1").bind(token_hash.to_string()),
    )
    .await?;
    Ok(())
}

/// Signs the account out everywhere.
pub async fn end_all(db: &Db, account: Uuid) -> Result<u64, sqlx::Error> {
    db.execute(
        sqlx::query("DELETE FROM auth_tokens WHERE account_id = $1").bind(account.to_string()),
    )
    .await
}
