//! Priority walk-ins registered at an office's desk: one transaction claims the officer's
//! idempotency key, records the person under the office's own account (see [`office_account`]), inserts the booking (the
//! one-active-booking-per-NIK index applies), takes a place of the day's priority lane by the
//! capacity rule (or, when the office chose to serve beyond the quota, adds that place to the
//! slot), gives the queue number of the lane and writes the audit row.

use super::audit::{self, Actor};
use super::bookings::{
    self, claim_idempotency_key, BookingConflict, Claim, NewBooking, Source, PLACE_IS_FREE,
};
use super::{violates, Db};
use antre_domain::desk::WalkInReason;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;
use uuid::Uuid;

/// The person as the officer entered them (the NIK already keyed, sealed and masked).
#[derive(Clone)]
pub struct WalkInPerson {
    pub nik_sealed: String,
    pub nik_masked: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub reason: WalkInReason,
}

#[derive(Clone)]
pub struct NewWalkIn {
    pub office_id: String,
    pub day: NaiveDate,
    pub person: WalkInPerson,
    /// `booking.account_id` is the officer's (whose idempotency key it is, who registered the
    /// walk-in); the booking itself is filed under the office's account. `applicant_id` is
    /// ignored.
    pub booking: NewBooking,
    pub beyond_quota: bool,
}

#[derive(Debug)]
pub enum WalkInConflict {
    Booking(BookingConflict),
    /// No place is left in the slot and the office did not choose to serve beyond the quota.
    QuotaFull,
    /// The slot's day was closed meanwhile.
    DayClosed,
    /// The person was registered as a walk-in at this office today already.
    Exists,
}

impl From<sqlx::Error> for WalkInConflict {
    fn from(e: sqlx::Error) -> Self {
        WalkInConflict::Booking(e.into())
    }
}

impl From<BookingConflict> for WalkInConflict {
    fn from(e: BookingConflict) -> Self {
        WalkInConflict::Booking(e)
    }
}

pub enum Registered {
    New(Uuid),
    Replayed(Uuid),
}

pub async fn register(
    db: &Db,
    new: NewWalkIn,
    idem_key: &str,
    request_hash: &str,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Registered, WalkInConflict> {
    let mut attempt = 0;
    let mut new = new;
    loop {
        let (w, key, hash, who) = (
            new.clone(),
            idem_key.to_string(),
            request_hash.to_string(),
            actor.clone(),
        );
        let result = db
            .write(move |c| {
                Box::pin(async move { try_register(c, &w, &key, &hash, &who, now).await })
            })
            .await;
        match result {
            // Two 16-digit codes met: draw another and try again.
            Err(WalkInConflict::Booking(BookingConflict::BillingCodeTaken)) if attempt < 3 => {
                attempt += 1;
                new.booking.billing_code = crate::billing::new_code();
            }
            other => return other,
        }
    }
}

async fn try_register(
    c: &mut AnyConnection,
    w: &NewWalkIn,
    idem_key: &str,
    request_hash: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Registered, WalkInConflict> {
    let officer = w.booking.account_id.to_string();
    let id = Uuid::now_v7();
    // The key first, as for a booking: a retry after a lost answer gets the same walk-in.
    if let Claim::Replayed(earlier) =
        claim_idempotency_key(c, w.booking.account_id, idem_key, request_hash, id, now).await?
    {
        return Ok(Registered::Replayed(earlier));
    }
    // The person under the office's own account (not the officer's: walk-ins must not count
    // against the officer's applicants, bookings or limits).
    let p = &w.person;
    let account = office_account(c, &w.office_id, now).await?;
    let applicant = upsert_office_applicant(
        c,
        account,
        &w.booking.nik,
        &OfficePerson {
            nik_sealed: p.nik_sealed.clone(),
            nik_masked: p.nik_masked.clone(),
            name: p.name.clone(),
            birth_date: p.birth_date,
            pregnant: p.reason == WalkInReason::Pregnant,
            disability: p.reason == WalkInReason::Disabled,
        },
        now,
    )
    .await?;
    let nik = w.booking.nik.as_str();
    let booking = NewBooking {
        account_id: account,
        applicant_id: applicant,
        ..w.booking.clone()
    };
    bookings::insert(c, id, &booking, Source::WalkIn, now).await?;
    // Once a day per person and office, before any place is taken.
    let inserted = sqlx::query(
        "INSERT INTO walk_ins (booking_id, office_id, day, nik, reason, beyond_quota, registered_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.to_string())
    .bind(&w.office_id)
    .bind(w.day.to_string())
    .bind(nik)
    .bind(p.reason.as_str())
    .bind(0_i64)
    .bind(&officer)
    .bind(now.timestamp())
    .execute(&mut *c)
    .await;
    match inserted {
        Err(e) if violates(&e, "walk_ins_office_id_day_nik_key", "walk_ins.office_id") => {
            return Err(WalkInConflict::Exists)
        }
        other => other?,
    };
    let slot = w.booking.slot_id;
    let within = sqlx::query(&format!(
        "UPDATE slots SET booked = booked + 1 WHERE id = $1 AND {PLACE_IS_FREE}"
    ))
    .bind(slot)
    .execute(&mut *c)
    .await?
    .rows_affected()
        == 1;
    let mut beyond = false;
    if !within {
        if !w.beyond_quota {
            return Err(WalkInConflict::QuotaFull);
        }
        // The office serves one more than the quota: the place is added to the slot, so the
        // capacity rule and the invariants still hold.
        let added = sqlx::query(
            "UPDATE slots SET capacity = capacity + 1, booked = booked + 1 WHERE id = $1 AND closed = 0",
        )
        .bind(slot)
        .execute(&mut *c)
        .await?
        .rows_affected()
            == 1;
        if !added {
            return Err(WalkInConflict::DayClosed);
        }
        sqlx::query("UPDATE walk_ins SET beyond_quota = 1 WHERE booking_id = $1")
            .bind(id.to_string())
            .execute(&mut *c)
            .await?;
        beyond = true;
    }
    let number = bookings::next_queue_number(c, &w.office_id, w.day, "priority").await?;
    sqlx::query("UPDATE bookings SET queue_number = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(number)
        .execute(&mut *c)
        .await?;
    audit::record(
        c,
        audit::Entry {
            actor,
            office_id: Some(&w.office_id),
            action: "desk.walk_in",
            target: Some(id.to_string()),
            detail: serde_json::json!({
                "reason": p.reason.as_str(),
                "beyond_quota": beyond,
                "slot_id": slot,
                "queue_number": number,
            }),
        },
        now,
    )
    .await?;
    Ok(Registered::New(id))
}

/// The walk-ins of an office-day: booking id to (reason, served beyond the quota).
pub async fn walk_ins_of_day(
    db: &Db,
    office_id: &str,
    day: NaiveDate,
) -> anyhow::Result<HashMap<Uuid, (WalkInReason, bool)>> {
    let rows = sqlx::query(
        "SELECT booking_id, reason, beyond_quota FROM walk_ins WHERE office_id = $1 AND day = $2",
    )
    .bind(office_id)
    .bind(day.to_string())
    .fetch_all(&db.read)
    .await?;
    rows.iter()
        .map(|r| {
            let reason: String = r.try_get("reason")?;
            Ok((
                r.try_get::<String, _>("booking_id")?.parse()?,
                (
                    WalkInReason::parse(&reason)
                        .ok_or_else(|| anyhow::anyhow!("stored reason {reason:?}"))?,
                    r.try_get::<i64, _>("beyond_quota")? != 0,
                ),
            ))
        })
        .collect()
}

/// The id of an office's own account, under which the people the office registers itself
/// (walk-ins, drive members) and their bookings are filed: the same on every instance.
pub fn office_account_id(office_id: &str) -> Uuid {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("antre office account {office_id}").as_bytes());
    let bytes: [u8; 16] = digest[..16].try_into().expect("16 bytes");
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The office's own account, created on first use. It cannot sign in: its email is not an
/// email (so nobody can sign up with it or reset it), its password hash is no hash, its role is
/// none of the API's.
pub async fn office_account(
    c: &mut AnyConnection,
    office_id: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, sqlx::Error> {
    let id = office_account_id(office_id);
    sqlx::query(
        "INSERT INTO accounts (id, email, phone, password_hash, role, office_id, verified_at, created_at)
         VALUES ($1, $2, '', '!', 'office', $3, NULL, $4) ON CONFLICT DO NOTHING",
    )
    .bind(id.to_string())
    .bind(format!("office:{office_id}"))
    .bind(office_id)
    .bind(now.timestamp())
    .execute(&mut *c)
    .await?;
    Ok(id)
}

/// A person the office registers itself (the NIK already keyed, sealed and masked).
#[derive(Debug, Clone)]
pub struct OfficePerson {
    pub nik_sealed: String,
    pub nik_masked: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub pregnant: bool,
    pub disability: bool,
}

/// The person under the office's account: one row per NIK, brought up to date.
pub async fn upsert_office_applicant(
    c: &mut AnyConnection,
    account: Uuid,
    nik: &crate::personal_data::NikKey,
    p: &OfficePerson,
    now: DateTime<Utc>,
) -> Result<Uuid, sqlx::Error> {
    let id: String = sqlx::query(
        "INSERT INTO applicants (id, account_id, nik, name, birth_date, pregnant, disability, married, created_at,
                                 nik_sealed, nik_masked)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10)
         ON CONFLICT (account_id, nik) DO UPDATE SET name = $4, birth_date = $5, pregnant = $6, disability = $7,
             nik_sealed = $9, nik_masked = $10, removed_at = NULL
         RETURNING id",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(account.to_string())
    .bind(nik.as_str())
    .bind(&p.name)
    .bind(p.birth_date.to_string())
    .bind(i64::from(p.pregnant))
    .bind(i64::from(p.disability))
    .bind(now.timestamp())
    .bind(&p.nik_sealed)
    .bind(&p.nik_masked)
    .fetch_one(&mut *c)
    .await?
    .try_get("id")?;
    id.parse()
        .map_err(|e: uuid::Error| sqlx::Error::Decode(Box::new(e)))
}

/// Why extra places could not be added.
#[derive(Debug)]
pub enum ReleaseConflict {
    /// The day was closed meanwhile.
    DayClosed,
    Db(anyhow::Error),
}

impl From<sqlx::Error> for ReleaseConflict {
    fn from(e: sqlx::Error) -> Self {
        ReleaseConflict::Db(e.into())
    }
}

/// Adds extra places to a lane's sessions of an office-day (`(slot, places)` each), offers
/// them at once to the people waiting, records the release and audits it, in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn release_places(
    db: &Db,
    office_id: &str,
    day: NaiveDate,
    lane: &'static str,
    added: Vec<(i64, u32)>,
    note: String,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Uuid, ReleaseConflict> {
    let id = Uuid::now_v7();
    let office_id = office_id.to_string();
    db.write(move |c| {
        Box::pin(async move {
            for (slot, places) in &added {
                let changed = sqlx::query(
                    "UPDATE slots SET capacity = capacity + $2 WHERE id = $1 AND closed = 0 AND drive_id IS NULL AND event_site_id IS NULL",
                )
                .bind(*slot)
                .bind(i64::from(*places))
                .execute(&mut *c)
                .await?
                .rows_affected();
                if changed != 1 {
                    return Err(ReleaseConflict::DayClosed);
                }
                super::waitlist::offer_freed(c, *slot, now).await?;
            }
            let total: u32 = added.iter().map(|(_, n)| n).sum();
            sqlx::query(
                "INSERT INTO quota_releases (id, office_id, day, lane, places, note, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id.to_string())
            .bind(&office_id)
            .bind(day.to_string())
            .bind(lane)
            .bind(i64::from(total))
            .bind(&note)
            .bind(actor.account_id.map(|a| a.to_string()))
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?;
            audit::record(
                c,
                audit::Entry {
                    actor: &actor,
                    office_id: Some(&office_id),
                    action: "office_day.release_places",
                    target: Some(day.to_string()),
                    detail: serde_json::json!({
                        "release": id,
                        "lane": lane,
                        "places": total,
                        "slots": added,
                    }),
                },
                now,
            )
            .await?;
            Ok(id)
        })
    })
    .await
}
