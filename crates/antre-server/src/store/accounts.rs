//! Accounts: who signs in, with which role, and which of their channels are verified. A
//! deleted account keeps its row (bookings refer to it) without any personal data.

use super::Db;
use super::PointRead;
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
    /// The email is verified: the account may sign in.
    pub verified: bool,
    pub phone_verified: bool,
    /// The language its messages are written in (SMS replies and notices): `id` or `en`.
    pub language: String,
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Applicant => "applicant",
        Role::Staff => "staff",
        Role::Head => "head",
        Role::Outreach => "outreach",
        Role::Admin => "admin",
    }
}

fn parse_role(text: &str) -> Role {
    match text {
        "staff" => Role::Staff,
        "head" => Role::Head,
        "outreach" => Role::Outreach,
        "admin" => Role::Admin,
        _ => Role::Applicant,
    }
}

pub(super) fn from_row(r: &sqlx::any::AnyRow) -> Result<Account, sqlx::Error> {
    let id: String = r.try_get("id")?;
    Ok(Account {
        id: id.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        password_hash: r.try_get("password_hash")?,
        role: parse_role(&r.try_get::<String, _>("role")?),
        office_id: r.try_get("office_id")?,
        verified: r.try_get::<Option<i64>, _>("verified_at")?.is_some(),
        phone_verified: r.try_get::<Option<i64>, _>("phone_verified_at")?.is_some(),
        language: r.try_get("language")?,
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

#[derive(Debug, PartialEq, Eq)]
pub enum Created {
    New(Uuid),
    /// An earlier sign-up with this email was never verified: it is replaced (new phone and
    /// password, its codes and sessions gone), so nobody can squat an address.
    ReplacedUnverified(Uuid),
    /// A verified account has this email.
    Taken,
}

/// Creates the account, or replaces an unverified one with the same email.
pub async fn create(
    db: &Db,
    new: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<Created, sqlx::Error> {
    let id = Uuid::now_v7();
    let (email, phone, hash) = (
        new.email.to_string(),
        new.phone.to_string(),
        new.password_hash.to_string(),
    );
    let (role, office, verified_at) = (
        role_name(new.role),
        new.office_id.map(str::to_string),
        new.verified_at.map(|t| t.timestamp()),
    );
    db.write(move |c| {
        Box::pin(async move {
            let inserted = sqlx::query(
                "INSERT INTO accounts (id, email, phone, password_hash, role, office_id, verified_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING",
            )
            .bind(id.to_string())
            .bind(&email)
            .bind(&phone)
            .bind(&hash)
            .bind(role)
            .bind(office.clone())
            .bind(verified_at)
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?
            .rows_affected();
            if inserted == 1 {
                return Ok(Created::New(id));
            }
            let stale = sqlx::query(
                "UPDATE accounts SET phone = $2, password_hash = $3, created_at = $4, phone_verified_at = NULL
                 WHERE email = $1 AND verified_at IS NULL RETURNING id",
            )
            .bind(&email)
            .bind(&phone)
            .bind(&hash)
            .bind(now.timestamp())
            .fetch_optional(&mut *c)
            .await?;
            let Some(row) = stale else {
                return Ok(Created::Taken);
            };
            let old: String = row.try_get("id")?;
            for table in ["verification_codes", "auth_tokens"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
                    .bind(&old)
                    .execute(&mut *c)
                    .await?;
            }
            Ok(Created::ReplacedUnverified(
                old.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            ))
        })
    })
    .await
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query("SELECT * FROM accounts WHERE email = $1 AND deleted_at IS NULL")
        .bind(email)
        .fetch_point(db)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query("SELECT * FROM accounts WHERE id = $1 AND deleted_at IS NULL")
        .bind(id.to_string())
        .fetch_point(db)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Records that a channel of the account is proven.
pub async fn mark_verified(
    db: &Db,
    account: Uuid,
    phone: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let column = if phone {
        "phone_verified_at"
    } else {
        "verified_at"
    };
    db.write(move |c| {
        Box::pin(async move {
            sqlx::query(&format!(
                "UPDATE accounts SET {column} = $2 WHERE id = $1 AND {column} IS NULL"
            ))
            .bind(account.to_string())
            .bind(now.timestamp())
            .execute(c)
            .await?;
            Ok(())
        })
    })
    .await
}

/// Replaces the password and ends every session of the account, in one transaction.
pub async fn set_password(db: &Db, account: Uuid, hash: &str) -> Result<(), sqlx::Error> {
    let hash = hash.to_string();
    db.write(move |c| {
        Box::pin(async move {
            sqlx::query("UPDATE accounts SET password_hash = $2 WHERE id = $1")
                .bind(account.to_string())
                .bind(&hash)
                .execute(&mut *c)
                .await?;
            sqlx::query("DELETE FROM auth_tokens WHERE account_id = $1")
                .bind(account.to_string())
                .execute(&mut *c)
                .await?;
            Ok(())
        })
    })
    .await
}

pub async fn push_outbox(
    db: &Db,
    account: Uuid,
    channel: &str,
    purpose: &str,
    recipient: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query(
            "INSERT INTO outbox (account_id, channel, purpose, recipient, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(account.to_string())
        .bind(channel.to_string())
        .bind(purpose.to_string())
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

/// One message of the local outbox, as the `outbox` command prints it.
pub struct OutboxMessage {
    pub created_at: DateTime<Utc>,
    pub channel: String,
    pub purpose: String,
    pub recipient: String,
    pub body: String,
}

/// The newest `limit` messages of the local outbox, to one recipient or to anyone.
pub async fn recent_outbox(
    db: &Db,
    recipient: Option<&str>,
    limit: i64,
) -> Result<Vec<OutboxMessage>, sqlx::Error> {
    sqlx::query(
        "SELECT created_at, channel, COALESCE(purpose, '') AS purpose, recipient, body FROM outbox \
         WHERE $1 IS NULL OR recipient = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(recipient)
    .bind(limit)
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(OutboxMessage {
            created_at: DateTime::from_timestamp(r.try_get("created_at")?, 0).unwrap_or_default(),
            channel: r.try_get("channel")?,
            purpose: r.try_get("purpose")?,
            recipient: r.try_get("recipient")?,
            body: r.try_get("body")?,
        })
    })
    .collect()
}

#[derive(Debug, PartialEq, Eq)]
pub enum Deleted {
    Done,
    /// The person holds an active booking: it must end (cancel, or the visit) first.
    HasActiveBooking,
}

/// Deletes the account's personal data (UU PDP): email, phone, password, names, birth dates,
/// sealed NIKs, messages, sessions; pending draw entries are withdrawn and waiting ends. What is
/// left is anonymous: bookings keep their slot, status and fee (counts, not people). Cool-downs
/// stay until they end: they are the published rule, keyed by a hash only the server can make.
pub async fn delete(db: &Db, account: Uuid, now: DateTime<Utc>) -> Result<Deleted, sqlx::Error> {
    db.write(move |c| {
        Box::pin(async move {
            let id = account.to_string();
            let active = sqlx::query(&format!(
                "SELECT 1 AS one FROM bookings WHERE account_id = $1 AND status IN {}",
                super::bookings::ACTIVE
            ))
            .bind(&id)
            .fetch_optional(&mut *c)
            .await?
            .is_some();
            if active {
                return Ok(Deleted::HasActiveBooking);
            }
            let statements = [
                "DELETE FROM auth_tokens WHERE account_id = $1",
                "DELETE FROM verification_codes WHERE account_id = $1",
                "DELETE FROM outbox WHERE account_id = $1",
                "DELETE FROM draw_entries WHERE account_id = $1
                 AND NOT EXISTS (SELECT 1 FROM draw_outcomes o WHERE o.entry_id = draw_entries.id)",
                "UPDATE draw_entries SET nik = 'deleted:' || id, client_key = NULL WHERE account_id = $1",
                "UPDATE offers SET status = 'withdrawn', ended_at = $2 WHERE status = 'open' AND waitlist_id IN
                   (SELECT id FROM waitlist WHERE account_id = $1)",
                "UPDATE waitlist SET status = 'left', end_reason = 'account_deleted', ended_at = $2, nik = 'deleted:' || id
                 WHERE account_id = $1",
                "UPDATE bookings SET nik = 'deleted:' || id, client_key = NULL WHERE account_id = $1",
                "UPDATE applicants SET name = '', nik = 'deleted:' || id, nik_sealed = NULL, nik_masked = NULL,
                        birth_date = '1900-01-01', pregnant = 0, disability = 0, married = 0, removed_at = $2
                 WHERE account_id = $1",
                "UPDATE accounts SET email = 'deleted:' || id, phone = '', password_hash = '', deleted_at = $2
                 WHERE id = $1",
            ];
            for sql in statements {
                // PostgreSQL wants exactly the parameters a statement names.
                let mut q = sqlx::query(sql).bind(&id);
                if sql.contains("$2") {
                    q = q.bind(now.timestamp());
                }
                q.execute(&mut *c).await?;
            }
            // Withdrawn offers release their held places (and those pass on).
            let held: Vec<i64> = sqlx::query(
                "SELECT o.slot_id FROM offers o JOIN waitlist w ON w.id = o.waitlist_id
                 WHERE w.account_id = $1 AND o.status = 'withdrawn' AND o.ended_at = $2",
            )
            .bind(&id)
            .bind(now.timestamp())
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| r.try_get("slot_id"))
            .collect::<Result<_, _>>()?;
            for slot in held {
                sqlx::query("UPDATE slots SET offered = offered - 1 WHERE id = $1 AND offered > 0")
                    .bind(slot)
                    .execute(&mut *c)
                    .await?;
                super::waitlist::offer_freed(c, slot, now).await?;
            }
            Ok(Deleted::Done)
        })
    })
    .await
}

/// Sets the language the account's messages are written in (`id` or `en`, checked by the
/// caller).
pub async fn set_language(db: &Db, id: Uuid, language: &'static str) -> Result<(), sqlx::Error> {
    db.execute(
        sqlx::query("UPDATE accounts SET language = $2 WHERE id = $1")
            .bind(id.to_string())
            .bind(language),
    )
    .await?;
    Ok(())
}
