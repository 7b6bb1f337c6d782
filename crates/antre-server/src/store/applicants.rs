//! The people an account books for.

use super::bookings::ACTIVE;
use super::PointRead;
use super::{flag, parse_day, Db};
use crate::personal_data::NikKey;
use antre_domain::person::{DeclaredNeeds, PersonName};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Applicant {
    pub id: Uuid,
    pub account_id: Uuid,
    /// The NIK's keyed hash (how the database compares people) and its masked form (what
    /// people see); the number itself is sealed and read nowhere on the request path.
    pub nik_key: NikKey,
    pub nik_masked: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub needs: DeclaredNeeds,
    pub married: bool,
}

fn from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<Applicant> {
    from_prefixed_row(r, "")
}

/// An applicant whose columns are named `{prefix}id`, `{prefix}nik`, ... (read beside another
/// table's columns in one query).
pub fn from_prefixed_row(r: &sqlx::any::AnyRow, prefix: &str) -> anyhow::Result<Applicant> {
    let c = |name: &str| format!("{prefix}{name}");
    Ok(Applicant {
        id: r.try_get::<String, _>(c("id").as_str())?.parse()?,
        account_id: r.try_get::<String, _>(c("account_id").as_str())?.parse()?,
        nik_key: NikKey::from_stored(r.try_get(c("nik").as_str())?),
        nik_masked: r
            .try_get::<Option<String>, _>(c("nik_masked").as_str())?
            .unwrap_or_default(),
        name: r.try_get(c("name").as_str())?,
        birth_date: parse_day(&r.try_get::<String, _>(c("birth_date").as_str())?)?,
        needs: DeclaredNeeds {
            pregnant: flag(r, &c("pregnant"))?,
            disability: flag(r, &c("disability"))?,
        },
        married: flag(r, &c("married"))?,
    })
}

/// A person as the account lists them: written on adding, and on changing (with the same
/// checks, done by the caller).
pub struct NewApplicant {
    pub nik_key: NikKey,
    /// The NIK sealed (`PersonalData::seal`) and masked.
    pub nik_sealed: String,
    pub nik_masked: String,
    pub name: PersonName,
    pub birth_date: NaiveDate,
    pub needs: DeclaredNeeds,
    pub married: bool,
}

pub enum AddOutcome {
    Added(Applicant),
    LimitReached,
    Duplicate,
    /// The account changed its applicants too often lately (recycling NIKs).
    TooManyChanges,
}

/// Adds an applicant unless the account already has `max` of them or this NIK. The account's
/// row is locked first, so two parallel requests cannot both see four and make a sixth (on
/// PostgreSQL a count in the insert alone would not stop that). A NIK removed earlier from this
/// account comes back with its history.
pub async fn add(
    db: &Db,
    account: Uuid,
    new: NewApplicant,
    max: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<AddOutcome> {
    let id = Uuid::now_v7();
    let nik = new.nik_key.as_str().to_string();
    let (sealed, masked) = (new.nik_sealed.clone(), new.nik_masked.clone());
    let name = new.name.as_str().to_string();
    let (birth, needs, married) = (new.birth_date, new.needs, new.married);
    let outcome = db
        .write(move |c| {
            Box::pin(async move {
                sqlx::query("UPDATE accounts SET id = id WHERE id = $1")
                    .bind(account.to_string())
                    .execute(&mut *c)
                    .await?;
                let row = sqlx::query(
                    "SELECT (SELECT COUNT(*) FROM applicants WHERE account_id = $1 AND removed_at IS NULL) AS present,
                            (SELECT id FROM applicants WHERE account_id = $1 AND nik = $2) AS existing,
                            (SELECT removed_at FROM applicants WHERE account_id = $1 AND nik = $2) AS removed_at",
                )
                .bind(account.to_string())
                .bind(&nik)
                .fetch_one(&mut *c)
                .await?;
                let present: i64 = row.try_get("present")?;
                let existing: Option<String> = row.try_get("existing")?;
                let removed: Option<i64> = row.try_get("removed_at")?;
                if existing.is_some() && removed.is_none() {
                    return Ok::<_, sqlx::Error>(None);
                }
                if present >= max as i64 {
                    return Ok(Some(None));
                }
                if !super::hoarding::record_change(c, account, super::hoarding::Change::Add, now)
                    .await?
                {
                    return Ok(Some(Some(None)));
                }
                let id = match existing {
                    Some(old) => {
                        sqlx::query(
                            "UPDATE applicants SET name = $2, birth_date = $3, pregnant = $4, disability = $5,
                                    married = $6, removed_at = NULL, nik_sealed = $7, nik_masked = $8 WHERE id = $1",
                        )
                        .bind(&old)
                        .bind(&name)
                        .bind(birth.to_string())
                        .bind(i64::from(needs.pregnant))
                        .bind(i64::from(needs.disability))
                        .bind(i64::from(married))
                        .bind(&sealed)
                        .bind(&masked)
                        .execute(&mut *c)
                        .await?;
                        old
                    }
                    None => {
                        sqlx::query(
                            "INSERT INTO applicants (id, account_id, nik, name, birth_date, pregnant, disability, married, created_at,
                                                     nik_sealed, nik_masked)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                        )
                        .bind(id.to_string())
                        .bind(account.to_string())
                        .bind(&nik)
                        .bind(&name)
                        .bind(birth.to_string())
                        .bind(i64::from(needs.pregnant))
                        .bind(i64::from(needs.disability))
                        .bind(i64::from(married))
                        .bind(now.timestamp())
                        .bind(&sealed)
                        .bind(&masked)
                        .execute(&mut *c)
                        .await?;
                        id.to_string()
                    }
                };
                Ok(Some(Some(Some(id))))
            })
        })
        .await?;
    Ok(match outcome {
        None => AddOutcome::Duplicate,
        Some(None) => AddOutcome::LimitReached,
        Some(Some(None)) => AddOutcome::TooManyChanges,
        Some(Some(Some(id))) => AddOutcome::Added(
            get(db, account, id.parse()?)
                .await?
                .ok_or_else(|| anyhow::anyhow!("applicant {id} vanished"))?,
        ),
    })
}

pub async fn list(db: &Db, account: Uuid) -> anyhow::Result<Vec<Applicant>> {
    sqlx::query(
        "SELECT * FROM applicants WHERE account_id = $1 AND removed_at IS NULL ORDER BY created_at, id",
    )
    .bind(account.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// One of the account's current applicants.
pub async fn get(db: &Db, account: Uuid, id: Uuid) -> anyhow::Result<Option<Applicant>> {
    sqlx::query("SELECT * FROM applicants WHERE account_id = $1 AND id = $2 AND removed_at IS NULL")
        .bind(account.to_string())
        .bind(id.to_string())
        .fetch_point(db)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// An applicant by id, whatever account and even if removed (for views of past entries).
pub async fn get_any(db: &Db, id: Uuid) -> anyhow::Result<Option<Applicant>> {
    sqlx::query("SELECT * FROM applicants WHERE id = $1")
        .bind(id.to_string())
        .fetch_point(db)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub enum RemoveOutcome {
    Removed,
    NotFound,
    /// The applicant holds an active booking: cancel it first.
    HasActiveBooking,
    /// The account changed its applicants too often lately.
    TooManyChanges,
}

/// Removes an applicant from the account's list. Past bookings keep their history (the row
/// stays, marked removed); an active booking must be cancelled first.
pub async fn remove(
    db: &Db,
    account: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<RemoveOutcome> {
    Ok(match db
        .write(move |c| {
            Box::pin(async move {
                sqlx::query("UPDATE accounts SET id = id WHERE id = $1")
                    .bind(account.to_string())
                    .execute(&mut *c)
                    .await?;
                let removed = sqlx::query(&format!(
                    "UPDATE applicants SET removed_at = $3 WHERE account_id = $1 AND id = $2 AND removed_at IS NULL
                     AND NOT EXISTS (SELECT 1 FROM bookings WHERE applicant_id = $2 AND status IN {ACTIVE})"
                ))
                .bind(account.to_string())
                .bind(id.to_string())
                .bind(now.timestamp())
                .execute(&mut *c)
                .await?
                .rows_affected();
                if removed == 1 {
                    if !super::hoarding::record_change(
                        c,
                        account,
                        super::hoarding::Change::Remove,
                        now,
                    )
                    .await?
                    {
                        return Err(TooMany);
                    }
                    return Ok(RemoveOutcome::Removed);
                }
                let present = sqlx::query(
                    "SELECT 1 AS one FROM applicants WHERE account_id = $1 AND id = $2 AND removed_at IS NULL",
                )
                .bind(account.to_string())
                .bind(id.to_string())
                .fetch_optional(&mut *c)
                .await?
                .is_some();
                Ok(if present {
                    RemoveOutcome::HasActiveBooking
                } else {
                    RemoveOutcome::NotFound
                })
            })
        })
        .await
    {
        Ok(outcome) => outcome,
        // The removal is rolled back with the refusal.
        Err(TooMany) => RemoveOutcome::TooManyChanges,
        Err(Failed(e)) => return Err(e.into()),
    })
}

/// Why a removal's transaction ended without committing.
enum RemoveRefused {
    TooMany,
    Failed(sqlx::Error),
}
use RemoveRefused::{Failed, TooMany};

impl From<sqlx::Error> for RemoveRefused {
    fn from(e: sqlx::Error) -> Self {
        Failed(e)
    }
}

pub enum UpdateOutcome {
    Updated(Applicant),
    NotFound,
    /// Another applicant of the account (present or removed, whose history it keeps) has the
    /// new NIK.
    Duplicate,
    /// The NIK or the birth date would change while the person holds an active booking,
    /// a place in line or an entry in a draw not yet run: those are bound to the NIK.
    NikLocked,
    /// A change of NIK counts as adding a person, and the account changed too many lately.
    TooManyChanges,
}

/// Changes an applicant of `account`. The name, declared needs and marriage may always change
/// (a typo is corrected; the QR proof is signed with the name at each view); the NIK (with the
/// birth date it encodes) only while nothing is bound to it. When `audit` is given (a staff
/// member editing their own list) the change is recorded in the same transaction.
pub async fn update(
    db: &Db,
    account: Uuid,
    id: Uuid,
    changes: NewApplicant,
    audit: Option<super::audit::Actor>,
    now: DateTime<Utc>,
) -> anyhow::Result<UpdateOutcome> {
    let nik = changes.nik_key.as_str().to_string();
    let (sealed, masked) = (changes.nik_sealed, changes.nik_masked);
    let name = changes.name.as_str().to_string();
    let (birth, needs, married) = (changes.birth_date, changes.needs, changes.married);
    let outcome = db
        .write(move |c| {
            Box::pin(async move {
                // The account's row first: the same order as adding and removing.
                sqlx::query("UPDATE accounts SET id = id WHERE id = $1")
                    .bind(account.to_string())
                    .execute(&mut *c)
                    .await?;
                let Some(current) = sqlx::query(
                    "SELECT nik, birth_date FROM applicants WHERE account_id = $1 AND id = $2 AND removed_at IS NULL",
                )
                .bind(account.to_string())
                .bind(id.to_string())
                .fetch_optional(&mut *c)
                .await?
                else {
                    return Ok::<_, sqlx::Error>(UpdateOutcome::NotFound);
                };
                let old_nik: String = current.try_get("nik")?;
                let old_birth: String = current.try_get("birth_date")?;
                let nik_changes = old_nik != nik;
                // The birth date agrees with the NIK up to its century, so it moves with it.
                let identity_changes = nik_changes || old_birth != birth.to_string();
                if nik_changes {
                    let other = sqlx::query(
                        "SELECT 1 AS one FROM applicants WHERE account_id = $1 AND nik = $2 AND id <> $3",
                    )
                    .bind(account.to_string())
                    .bind(&nik)
                    .bind(id.to_string())
                    .fetch_optional(&mut *c)
                    .await?;
                    if other.is_some() {
                        return Ok(UpdateOutcome::Duplicate);
                    }
                }
                if identity_changes {
                    let bound = sqlx::query(&format!(
                        "SELECT (SELECT COUNT(*) FROM bookings WHERE applicant_id = $1 AND status IN {ACTIVE})
                              + (SELECT COUNT(*) FROM waitlist WHERE applicant_id = $1 AND status IN ('waiting', 'offered'))
                              + (SELECT COUNT(*) FROM draw_entries e JOIN draws d ON d.id = e.draw_id
                                 WHERE e.applicant_id = $1 AND d.status <> 'drawn') AS n"
                    ))
                    .bind(id.to_string())
                    .fetch_one(&mut *c)
                    .await?
                    .try_get::<i64, _>("n")?;
                    if bound > 0 {
                        return Ok(UpdateOutcome::NikLocked);
                    }
                }
                if nik_changes
                    && !super::hoarding::record_change(c, account, super::hoarding::Change::Add, now)
                        .await?
                {
                    return Ok(UpdateOutcome::TooManyChanges);
                }
                sqlx::query(
                    "UPDATE applicants SET nik = $3, nik_sealed = $4, nik_masked = $5, name = $6, birth_date = $7,
                            pregnant = $8, disability = $9, married = $10
                     WHERE account_id = $1 AND id = $2",
                )
                .bind(account.to_string())
                .bind(id.to_string())
                .bind(&nik)
                .bind(&sealed)
                .bind(&masked)
                .bind(&name)
                .bind(birth.to_string())
                .bind(i64::from(needs.pregnant))
                .bind(i64::from(needs.disability))
                .bind(i64::from(married))
                .execute(&mut *c)
                .await?;
                if let Some(actor) = &audit {
                    super::audit::record(
                        c,
                        super::audit::Entry {
                            actor,
                            office_id: None,
                            action: "applicant.update",
                            target: Some(id.to_string()),
                            // What changed, never the NIK itself.
                            detail: serde_json::json!({ "identity_changed": identity_changes }),
                        },
                        now,
                    )
                    .await?;
                }
                Ok(UpdateOutcome::Updated(Applicant {
                    id,
                    account_id: account,
                    nik_key: NikKey::from_stored(nik),
                    nik_masked: masked,
                    name,
                    birth_date: birth,
                    needs,
                    married,
                }))
            })
        })
        .await?;
    Ok(outcome)
}
