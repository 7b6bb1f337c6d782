//! Accounts, one-time verification codes, bearer tokens and the local outbox.

use super::{instant, Db};
use antre_api::accounts::Role;
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub phone: String,
    pub password_hash: String,
    pub role: Role,
    pub office_id: Option<String>,
    pub verified: bool,
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Applicant => "applicant",
        Role::Staff => "staff",
        Role::Admin => "admin",
    }
}

fn parse_role(text: &str) -> Role {
    match text {
        "staff" => Role::Staff,
        "admin" => Role::Admin,
        _ => Role::Applicant,
    }
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Account, sqlx::Error> {
    let id: String = r.try_get("id")?;
    Ok(Account {
        id: id.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        password_hash: r.try_get("password_hash")?,
        role: parse_role(&r.try_get::<String, _>("role")?),
        office_id: r.try_get("office_id")?,
        verified: r.try_get::<Option<i64>, _>("verified_at")?.is_some(),
    })
}

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub office_id: Option<&'a str>,
    pub verified_at: Option<DateTime<Utc>>,
}

/// Creates the account; `Ok(None)` when the email is taken.
pub async fn create(
    db: &Db,
    new: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let id = Uuid::now_v7();
    let inserted = db
        .execute(
            sqlx::query(
                "INSERT INTO accounts (id, email, phone, password_hash, role, office_id, verified_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING",
            )
            .bind(id.to_string())
            .bind(new.email.to_string())
            .bind(new.phone.to_string())
            .bind(new.password_hash.to_string())
            .bind(role_name(new.role))
            .bind(new.office_id.map(str::to_string))
            .bind(new.verified_at.map(|t| t.timestamp()))
            .bind(now.timestamp()),
        )
        .await?;
    Ok((inserted == 1).then_some(id))
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query("SELECT * FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(&db.read)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query("SELECT * FROM accounts WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&db.read)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn store_code(
    db: &Db,
    account: Uuid,
    code_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query(
            "INSERT INTO verification_codes (account_id, code_hash, expires_at, attempts) VALUES ($1, $2, $3, 0)
             ON CONFLICT (account_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0",
        )
        .bind(account.to_string())
        .bind(code_hash.to_string())
        .bind(expires_at.timestamp()),
    )
    .await?;
    Ok(())
}

/// Spends one attempt on the account's code and returns (hash, expiry) if attempts remain.
pub async fn take_code_attempt(
    db: &Db,
    account: Uuid,
    max_attempts: i64,
) -> Result<Option<(String, DateTime<Utc>)>, sqlx::Error> {
    let row = db
        .fetch_optional(
            sqlx::query(
                "UPDATE verification_codes SET attempts = attempts + 1 WHERE account_id = $1 AND attempts < $2
                 RETURNING code_hash, expires_at",
            )
            .bind(account.to_string())
            .bind(max_attempts),
        )
        .await?;
    row.map(|r| Ok((r.try_get("code_hash")?, instant(r.try_get("expires_at")?))))
        .transpose()
}

pub async fn mark_verified(db: &Db, account: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db.write(move |c| {
        Box::pin(async move {
            sqlx::query(
                "UPDATE accounts SET verified_at = $2 WHERE id = $1 AND verified_at IS NULL",
            )
            .bind(account.to_string())
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?;
            sqlx::query("DELETE FROM verification_codes WHERE account_id = $1")
                .bind(account.to_string())
                .execute(&mut *c)
                .await?;
            Ok(())
        })
    })
    .await
}

pub async fn insert_token(
    db: &Db,
    token_hash: &str,
    account: Uuid,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query("INSERT INTO auth_tokens (token_hash, account_id, expires_at, created_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash.to_string())
            .bind(account.to_string())
            .bind(expires_at.timestamp())
            .bind(now.timestamp()),
    )
    .await?;
    Ok(())
}

pub async fn by_token(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query("SELECT a.* FROM auth_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = $1 AND t.expires_at > $2")
        .bind(token_hash)
        .bind(now.timestamp())
        .fetch_optional(&db.read)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn delete_token(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query("DELETE FROM auth_tokens WHERE token_hash = $1").bind(token_hash.to_string()),
    )
    .await?;
    Ok(())
}

pub async fn push_outbox(
    db: &Db,
    account: Uuid,
    channel: &str,
    recipient: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query("INSERT INTO outbox (account_id, channel, recipient, body, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(account.to_string())
            .bind(channel.to_string())
            .bind(recipient.to_string())
            .bind(body.to_string())
            .bind(now.timestamp()),
    )
    .await?;
    Ok(())
}

/// The latest outbox message for a recipient (local development and tests read codes here).
pub async fn latest_outbox(db: &Db, recipient: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT body FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1")
        .bind(recipient)
        .fetch_optional(&db.read)
        .await?
        .map(|r| r.try_get("body"))
        .transpose()
}
