//! Priority walk-ins registered at an office's desk: one transaction claims the officer's
//! idempotency key, records the person under the officer's account, inserts the booking (the
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
    /// `booking.account_id` is the officer's, `booking.applicant_id` is ignored.
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
    // The person under the officer's account: one row per NIK, brought up to date.
    let p = &w.person;
    let nik = w.booking.nik.as_str();
    let applicant: String = sqlx::query(
        "INSERT INTO applicants (id, account_id, nik, name, birth_date, pregnant, disability, married, created_at,
                                 nik_sealed, nik_masked)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10)
         ON CONFLICT (account_id, nik) DO UPDATE SET name = $4, birth_date = $5, pregnant = $6, disability = $7,
             nik_sealed = $9, nik_masked = $10, removed_at = NULL
         RETURNING id",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(&officer)
    .bind(nik)
    .bind(&p.name)
    .bind(p.birth_date.to_string())
    .bind(i64::from(p.reason == WalkInReason::Pregnant))
    .bind(i64::from(p.reason == WalkInReason::Disabled))
    .bind(now.timestamp())
    .bind(&p.nik_sealed)
    .bind(&p.nik_masked)
    .fetch_one(&mut *c)
    .await?
    .try_get("id")?;
    let booking = NewBooking {
        applicant_id: applicant
            .parse()
            .map_err(|e: uuid::Error| BookingConflict::Db(e.into()))?,
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
