//! The people an account books for.

use super::{flag, Db};
use crate::store::offices::parse_day;
use antre_domain::nik::Nik;
use antre_domain::person::{DeclaredNeeds, PersonName};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Applicant {
    pub id: Uuid,
    pub account_id: Uuid,
    pub nik: Nik,
    pub name: String,
    pub birth_date: NaiveDate,
    pub needs: DeclaredNeeds,
    pub married: bool,
}

fn from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<Applicant> {
    Ok(Applicant {
        id: r.try_get::<String, _>("id")?.parse()?,
        account_id: r.try_get::<String, _>("account_id")?.parse()?,
        nik: Nik::parse(&r.try_get::<String, _>("nik")?)
            .map_err(|e| anyhow::anyhow!("stored NIK: {e}"))?,
        name: r.try_get("name")?,
        birth_date: parse_day(&r.try_get::<String, _>("birth_date")?)?,
        needs: DeclaredNeeds {
            pregnant: flag(r, "pregnant")?,
            disability: flag(r, "disability")?,
        },
        married: flag(r, "married")?,
    })
}

pub struct NewApplicant<'a> {
    pub nik: &'a Nik,
    pub name: &'a PersonName,
    pub birth_date: NaiveDate,
    pub needs: DeclaredNeeds,
    pub married: bool,
}

pub enum AddOutcome {
    Added(Applicant),
    LimitReached,
    Duplicate,
}

/// Adds an applicant unless the account already has `max` of them or this NIK. The count and
/// the insert are one statement, so two parallel requests cannot make a sixth.
pub async fn add(
    db: &Db,
    account: Uuid,
    new: NewApplicant<'_>,
    max: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<AddOutcome> {
    let id = Uuid::now_v7();
    let result = sqlx::query(
        "INSERT INTO applicants (id, account_id, nik, name, birth_date, pregnant, disability, married, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
         WHERE (SELECT COUNT(*) FROM applicants WHERE account_id = $2) < $10
         ON CONFLICT (account_id, nik) DO NOTHING",
    )
    .bind(id.to_string())
    .bind(account.to_string())
    .bind(new.nik.expose())
    .bind(new.name.as_str())
    .bind(new.birth_date.to_string())
    .bind(i64::from(new.needs.pregnant))
    .bind(i64::from(new.needs.disability))
    .bind(i64::from(new.married))
    .bind(now.timestamp())
    .bind(max as i64)
    .execute(&db.write)
    .await?;
    if result.rows_affected() == 1 {
        return Ok(AddOutcome::Added(
            get(db, account, id).await?.expect("just inserted"),
        ));
    }
    let exists = sqlx::query("SELECT 1 AS one FROM applicants WHERE account_id = $1 AND nik = $2")
        .bind(account.to_string())
        .bind(new.nik.expose())
        .fetch_optional(&db.write)
        .await?
        .is_some();
    Ok(if exists {
        AddOutcome::Duplicate
    } else {
        AddOutcome::LimitReached
    })
}

pub async fn list(db: &Db, account: Uuid) -> anyhow::Result<Vec<Applicant>> {
    sqlx::query("SELECT * FROM applicants WHERE account_id = $1 ORDER BY created_at, id")
        .bind(account.to_string())
        .fetch_all(&db.read)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn get(db: &Db, account: Uuid, id: Uuid) -> anyhow::Result<Option<Applicant>> {
    sqlx::query("SELECT * FROM applicants WHERE account_id = $1 AND id = $2")
        .bind(account.to_string())
        .bind(id.to_string())
        .fetch_optional(&db.read)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Removes an applicant who holds no active booking. Returns whether one was removed.
pub async fn remove(db: &Db, account: Uuid, id: Uuid) -> anyhow::Result<bool> {
    let result = sqlx::query(
        "DELETE FROM applicants WHERE account_id = $1 AND id = $2
         AND NOT EXISTS (SELECT 1 FROM bookings WHERE applicant_id = $2)",
    )
    .bind(account.to_string())
    .bind(id.to_string())
    .execute(&db.write)
    .await?;
    Ok(result.rows_affected() == 1)
}
