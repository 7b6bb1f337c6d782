//! One-time codes, one per account and purpose (the email, the phone, a password reset), kept
//! as hashes. A new code replaces the old one; a code stops working after its time or five
//! wrong tries, and a new one can always be asked for (never locked for good), but not more
//! often than once a minute nor more than ten times a day.

use super::{instant, Db};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use uuid::Uuid;

/// How long a code works.
pub const VALIDITY: Duration = Duration::minutes(15);
/// Wrong tries before a code stops working.
pub const ATTEMPTS: i64 = 5;
/// The least time between two codes for one purpose.
pub const RESEND_AFTER: Duration = Duration::seconds(60);
/// Codes for one purpose within a day.
pub const SENDS_PER_DAY: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Email,
    Phone,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Email => "email",
            Purpose::Phone => "phone",
            Purpose::Reset => "reset",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issued {
    /// Store and send it.
    Now,
    /// Too soon, or too many today: no code now; the next may come at this instant.
    NotBefore(DateTime<Utc>),
}

/// Records a new code (its hash) for an account and purpose, if one may be sent now.
pub async fn issue(
    db: &Db,
    account: Uuid,
    purpose: Purpose,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<Issued, sqlx::Error> {
    let code_hash = code_hash.to_string();
    db.write(move |c| {
        Box::pin(async move {
            let previous = sqlx::query(
                "SELECT sent_at, sends, window_start FROM verification_codes WHERE account_id = $1 AND purpose = $2",
            )
            .bind(account.to_string())
            .bind(purpose.as_str())
            .fetch_optional(&mut *c)
            .await?;
            let (sends, window_start) = match &previous {
                Some(r) => {
                    let sent_at = instant(r.try_get("sent_at")?);
                    let window_start = instant(r.try_get("window_start")?);
                    if now < sent_at + RESEND_AFTER {
                        return Ok(Issued::NotBefore(sent_at + RESEND_AFTER));
                    }
                    if now < window_start + Duration::days(1) {
                        let sends: i64 = r.try_get("sends")?;
                        if sends >= SENDS_PER_DAY {
                            return Ok(Issued::NotBefore(window_start + Duration::days(1)));
                        }
                        (sends + 1, window_start)
                    } else {
                        (1, now)
                    }
                }
                None => (1, now),
            };
            sqlx::query(
                "INSERT INTO verification_codes (account_id, purpose, code_hash, expires_at, attempts, sent_at, sends, window_start)
                 VALUES ($1, $2, $3, $4, 0, $5, $6, $7)
                 ON CONFLICT (account_id, purpose) DO UPDATE SET code_hash = excluded.code_hash,
                    expires_at = excluded.expires_at, attempts = 0, sent_at = excluded.sent_at,
                    sends = excluded.sends, window_start = excluded.window_start",
            )
            .bind(account.to_string())
            .bind(purpose.as_str())
            .bind(&code_hash)
            .bind((now + VALIDITY).timestamp())
            .bind(now.timestamp())
            .bind(sends)
            .bind(window_start.timestamp())
            .execute(&mut *c)
            .await?;
            Ok(Issued::Now)
        })
    })
    .await
}

/// Spends one try on the account's code for `purpose`: whether `code_hash` is that code and it
/// is still good. A right code is used up.
pub async fn redeem(
    db: &Db,
    account: Uuid,
    purpose: Purpose,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let code_hash = code_hash.to_string();
    db.write(move |c| {
        Box::pin(async move {
            let Some(row) = sqlx::query(
                "UPDATE verification_codes SET attempts = attempts + 1
                 WHERE account_id = $1 AND purpose = $2 AND attempts < $3 AND expires_at > $4
                 RETURNING code_hash",
            )
            .bind(account.to_string())
            .bind(purpose.as_str())
            .bind(ATTEMPTS)
            .bind(now.timestamp())
            .fetch_optional(&mut *c)
            .await?
            else {
                return Ok(false);
            };
            let stored: String = row.try_get("code_hash")?;
            let right = stored.len() == code_hash.len()
                && stored
                    .bytes()
                    .zip(code_hash.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0;
            if right {
                // Used: it cannot be replayed. The send counters stay (they are per day).
                sqlx::query(
                    "UPDATE verification_codes SET expires_at = 0 WHERE account_id = $1 AND purpose = $2",
                )
                .bind(account.to_string())
                .bind(purpose.as_str())
                .execute(&mut *c)
                .await?;
            }
            Ok(right)
        })
    })
    .await
}
