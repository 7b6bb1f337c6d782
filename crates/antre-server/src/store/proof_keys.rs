//! The registry of public keys that sign booking proofs, by key id: every instance registers
//! the key it signs with when it starts, and verifies a proof with the key its kid names, so a
//! proof signed anywhere, by any key since rotated out, verifies everywhere. Never private keys.

use super::{instant, Db, PointRead};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct RegisteredKey {
    pub kid: String,
    /// The raw 32-byte Ed25519 public key, base64url without padding (as published).
    pub public_key: String,
    pub first_used_at: DateTime<Utc>,
}

/// Records that `kid` signs from `now` on: a new key gets a row, a known one its `last_used_at`
/// moved. Answers the public key stored under `kid`, which differs from `public_key` only if two
/// keys share a kid.
pub async fn register(
    db: &Db,
    kid: &str,
    public_key: &str,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let row = db
        .fetch_optional(
            sqlx::query(
                "INSERT INTO proof_keys (kid, public_key, first_used_at, last_used_at)
                 VALUES ($1, $2, $3, $3)
                 ON CONFLICT (kid) DO UPDATE SET last_used_at = excluded.last_used_at
                 RETURNING public_key",
            )
            .bind(kid.to_string())
            .bind(public_key.to_string())
            .bind(now.timestamp()),
        )
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    row.try_get("public_key")
}

/// The public key registered under `kid`, if any.
pub async fn public_key(db: &Db, kid: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT public_key FROM proof_keys WHERE kid = $1")
        .bind(kid)
        .fetch_point(db)
        .await?
        .map(|r| r.try_get("public_key"))
        .transpose()
}

/// Every registered key, the most recently introduced first.
pub async fn all(db: &Db) -> Result<Vec<RegisteredKey>, sqlx::Error> {
    sqlx::query(
        "SELECT kid, public_key, first_used_at FROM proof_keys ORDER BY first_used_at DESC, kid",
    )
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(RegisteredKey {
            kid: r.try_get("kid")?,
            public_key: r.try_get("public_key")?,
            first_used_at: instant(r.try_get("first_used_at")?),
        })
    })
    .collect()
}
