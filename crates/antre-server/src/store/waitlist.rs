//! The waitlist: every place freed after its release (a cancel, a lapse, a reschedule away,
//! extra quota) is offered to the next eligible person waiting for that office, day and lane,
//! for a limited time (office policy), then passes on. While offered, the place is held:
//! `slots.offered` counts it, so `booked + offered + free = capacity` at every moment, and no
//! place is offered twice or lost.
//!
//! Offers are made in the same transaction that frees the place, so first come, first served
//! never gets a freed place before the people waiting for it.

use super::bookings::{enum_name, ACTIVE, PLACE_IS_FREE};
use super::PointRead;
use super::{instant, parse_day, Db};
use crate::personal_data::NikKey;
use antre_domain::fees::{ApplicationKind, PassportKind, Validity};
use antre_domain::lane::Lane;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

/// Offers go only for sessions at least this far away, so there is time to accept and come.
pub const OFFER_LEAD: Duration = Duration::hours(2);
/// After this many offers left to expire, a person leaves the waitlist (they are not there).
pub const LAPSED_OFFERS_BEFORE_LEAVING: i64 = 2;

pub struct NewWaiting {
    pub account_id: Uuid,
    pub applicant_id: Uuid,
    pub nik: NikKey,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub office_ids: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug)]
pub enum JoinError {
    AlreadyWaiting,
    Db(anyhow::Error),
}

impl From<sqlx::Error> for JoinError {
    fn from(e: sqlx::Error) -> Self {
        JoinError::Db(e.into())
    }
}

/// Puts a person on the waitlist (one place in line per NIK, wherever it waits).
pub async fn join(db: &Db, new: NewWaiting, now: DateTime<Utc>) -> Result<Uuid, JoinError> {
    db.write(move |c| Box::pin(async move { join_in(c, &new, now).await }))
        .await
}

pub async fn join_in(
    c: &mut AnyConnection,
    new: &NewWaiting,
    now: DateTime<Utc>,
) -> Result<Uuid, JoinError> {
    let id = Uuid::now_v7();
    let inserted = sqlx::query(
        "INSERT INTO waitlist (id, account_id, applicant_id, nik, lane, passport_kind, validity, application_kind,
                               from_day, to_day, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'waiting', $11)",
    )
    .bind(id.to_string())
    .bind(new.account_id.to_string())
    .bind(new.applicant_id.to_string())
    .bind(new.nik.as_str())
    .bind(new.lane.as_str())
    .bind(enum_name(&new.passport_kind))
    .bind(enum_name(&new.validity))
    .bind(enum_name(&new.application_kind))
    .bind(new.from.to_string())
    .bind(new.to.to_string())
    .bind(now.timestamp())
    .execute(&mut *c)
    .await;
    match inserted {
        Err(e) if super::violates(&e, "waitlist_one_per_nik", "waitlist.nik") => {
            return Err(JoinError::AlreadyWaiting)
        }
        other => other?,
    };
    for office in &new.office_ids {
        sqlx::query("INSERT INTO waitlist_offices (waitlist_id, office_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(id.to_string())
            .bind(office)
            .execute(&mut *c)
            .await?;
    }
    Ok(id)
}

/// Offers the free places of a slot to the people waiting for it, one each, in the order they
/// joined (priority places only to those waiting in the priority lane). Called wherever a
/// place may have become free; does nothing for a slot that is closed, not released, too soon,
/// or still to be drawn. Returns the number of offers made.
pub async fn offer_freed(
    c: &mut AnyConnection,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<u32, sqlx::Error> {
    let mut made = 0;
    loop {
        let Some(slot) = sqlx::query(&format!(
            "SELECT s.office_id, s.day, s.lane, o.offer_minutes FROM slots s JOIN offices o ON o.id = s.office_id
             WHERE s.id = $1 AND {PLACE_IS_FREE} AND s.released_at <= $2 AND s.starts_at > $3
               AND NOT EXISTS (SELECT 1 FROM draws d WHERE d.release_at = s.released_at AND d.status <> 'drawn')"
        ))
        .bind(slot_id)
        .bind(now.timestamp())
        .bind((now + OFFER_LEAD).timestamp())
        .fetch_optional(&mut *c)
        .await?
        else {
            return Ok(made);
        };
        let office: String = slot.try_get("office_id")?;
        let day: String = slot.try_get("day")?;
        let lane: String = slot.try_get("lane")?;
        let minutes: i64 = slot.try_get("offer_minutes")?;
        let Some(next) = sqlx::query(&format!(
            "SELECT w.id FROM waitlist w JOIN waitlist_offices wo ON wo.waitlist_id = w.id AND wo.office_id = $1
             WHERE w.status = 'waiting' AND w.lane = $2 AND w.from_day <= $3 AND w.to_day >= $3
               AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.nik = w.nik AND b.status IN {ACTIVE})
               AND NOT EXISTS (SELECT 1 FROM cooldowns k WHERE k.nik = w.nik AND k.until > $4)
               AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.waitlist_id = w.id AND o.slot_id = $5)
             ORDER BY w.created_at, w.id LIMIT 1"
        ))
        .bind(&office)
        .bind(&lane)
        .bind(&day)
        .bind(now.timestamp())
        .bind(slot_id)
        .fetch_optional(&mut *c)
        .await?
        else {
            return Ok(made);
        };
        let waiting: String = next.try_get("id")?;
        let held = sqlx::query(&format!(
            "UPDATE slots SET offered = offered + 1 WHERE id = $1 AND {PLACE_IS_FREE}"
        ))
        .bind(slot_id)
        .execute(&mut *c)
        .await?
        .rows_affected()
            == 1;
        if !held {
            return Ok(made);
        }
        sqlx::query(
            "INSERT INTO offers (id, waitlist_id, slot_id, status, offered_at, expires_at) VALUES ($1, $2, $3, 'open', $4, $5)",
        )
        .bind(Uuid::now_v7().to_string())
        .bind(&waiting)
        .bind(slot_id)
        .bind(now.timestamp())
        .bind((now + Duration::minutes(minutes)).timestamp())
        .execute(&mut *c)
        .await?;
        sqlx::query("UPDATE waitlist SET status = 'offered' WHERE id = $1 AND status = 'waiting'")
            .bind(&waiting)
            .execute(&mut *c)
            .await?;
        made += 1;
    }
}

/// Ends an open offer (`declined`, `expired` or `withdrawn`): the place is no longer held, the
/// person waits again (or leaves, after too many lapsed offers), and the place passes on.
async fn end_offer(
    c: &mut AnyConnection,
    offer_id: &str,
    how: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let Some(row) = sqlx::query(
        "UPDATE offers SET status = $2, ended_at = $3 WHERE id = $1 AND status = 'open' RETURNING slot_id, waitlist_id",
    )
    .bind(offer_id)
    .bind(how)
    .bind(now.timestamp())
    .fetch_optional(&mut *c)
    .await?
    else {
        return Ok(false);
    };
    let slot: i64 = row.try_get("slot_id")?;
    let waiting: String = row.try_get("waitlist_id")?;
    sqlx::query("UPDATE slots SET offered = offered - 1 WHERE id = $1 AND offered > 0")
        .bind(slot)
        .execute(&mut *c)
        .await?;
    let lapsed = i64::from(how == "expired");
    sqlx::query(
        "UPDATE waitlist SET lapsed_offers = lapsed_offers + $2,
                status = CASE WHEN lapsed_offers + $2 >= $3 THEN 'left' ELSE 'waiting' END,
                ended_at = CASE WHEN lapsed_offers + $2 >= $3 THEN $4 ELSE ended_at END,
                end_reason = CASE WHEN lapsed_offers + $2 >= $3 THEN 'unresponsive' ELSE end_reason END
         WHERE id = $1 AND status = 'offered'",
    )
    .bind(&waiting)
    .bind(lapsed)
    .bind(LAPSED_OFFERS_BEFORE_LEAVING)
    .bind(now.timestamp())
    .execute(&mut *c)
    .await?;
    offer_freed(c, slot, now).await?;
    Ok(true)
}

/// The sweep's step: offers past their time end, and their places pass on.
pub async fn expire_offers(db: &Db, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    db.write(move |c| {
        Box::pin(async move {
            let due: Vec<String> = sqlx::query(
                "SELECT id FROM offers WHERE status = 'open' AND expires_at <= $1 ORDER BY expires_at, id",
            )
            .bind(now.timestamp())
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<Result<_, _>>()?;
            let mut ended = 0;
            for id in &due {
                ended += u64::from(end_offer(c, id, "expired", now).await?);
            }
            Ok(ended)
        })
    })
    .await
}

/// Withdraws the open offers of a closed office-day (not counted against the people).
pub async fn withdraw_offers_of_day(
    c: &mut AnyConnection,
    office_id: &str,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let open: Vec<String> = sqlx::query(
        "SELECT o.id FROM offers o JOIN slots s ON s.id = o.slot_id
         WHERE o.status = 'open' AND s.office_id = $1 AND s.day = $2",
    )
    .bind(office_id)
    .bind(day.to_string())
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<Result<_, _>>()?;
    for id in &open {
        end_offer(c, id, "withdrawn", now).await?;
    }
    Ok(())
}

/// A waiting person's entry with its open offer, as the applicant sees it.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub id: Uuid,
    pub applicant_id: Uuid,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub office_ids: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub status: String,
    pub end_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub offer: Option<Offer>,
}

#[derive(Debug, Clone)]
pub struct Offer {
    pub id: Uuid,
    pub slot_id: i64,
    pub expires_at: DateTime<Utc>,
}

const WAITING_SELECT: &str =
    "SELECT w.id, w.applicant_id, w.lane, w.passport_kind, w.validity, w.application_kind,
        w.from_day, w.to_day, w.status, w.end_reason, w.created_at,
        o.id AS offer_id, o.slot_id AS offer_slot_id, o.expires_at AS offer_expires_at
     FROM waitlist w LEFT JOIN offers o ON o.waitlist_id = w.id AND o.status = 'open'";

/// The account's places in line (current and ended within the last 30 days), newest first.
pub async fn of_account(
    db: &Db,
    account: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Waiting>> {
    let rows = sqlx::query(&format!(
        "{WAITING_SELECT} WHERE w.account_id = $1 AND (w.ended_at IS NULL OR w.ended_at > $2) ORDER BY w.created_at DESC"
    ))
    .bind(account.to_string())
    .bind((now - Duration::days(30)).timestamp())
    .fetch_all(&db.read)
    .await?;
    let mut list = Vec::new();
    for r in &rows {
        let mut w = waiting_from(r)?;
        w.office_ids = offices_of(db, w.id).await?;
        list.push(w);
    }
    Ok(list)
}

fn waiting_from(r: &sqlx::any::AnyRow) -> anyhow::Result<Waiting> {
    let offer_id: Option<String> = r.try_get("offer_id")?;
    Ok(Waiting {
        id: r.try_get::<String, _>("id")?.parse()?,
        applicant_id: r.try_get::<String, _>("applicant_id")?.parse()?,
        lane: super::bookings::enum_from(r.try_get("lane")?)?,
        passport_kind: super::bookings::enum_from(r.try_get("passport_kind")?)?,
        validity: super::bookings::enum_from(r.try_get("validity")?)?,
        application_kind: super::bookings::enum_from(r.try_get("application_kind")?)?,
        office_ids: Vec::new(),
        from: parse_day(&r.try_get::<String, _>("from_day")?)?,
        to: parse_day(&r.try_get::<String, _>("to_day")?)?,
        status: r.try_get("status")?,
        end_reason: r.try_get("end_reason")?,
        created_at: instant(r.try_get("created_at")?),
        offer: match offer_id {
            Some(id) => Some(Offer {
                id: id.parse()?,
                slot_id: r.try_get("offer_slot_id")?,
                expires_at: instant(r.try_get("offer_expires_at")?),
            }),
            None => None,
        },
    })
}

async fn offices_of(db: &Db, waiting: Uuid) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query(
        "SELECT office_id FROM waitlist_offices WHERE waitlist_id = $1 ORDER BY office_id",
    )
    .bind(waiting.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| r.try_get("office_id"))
    .collect::<Result<_, _>>()?)
}

/// Leaves the waitlist; an open offer is withdrawn and its place passes on.
pub async fn leave(db: &Db, account: Uuid, id: Uuid, now: DateTime<Utc>) -> anyhow::Result<bool> {
    db.write(move |c| {
        Box::pin(async move {
            let open: Option<String> = sqlx::query(
                "SELECT o.id FROM offers o JOIN waitlist w ON w.id = o.waitlist_id
                 WHERE w.id = $1 AND w.account_id = $2 AND o.status = 'open'",
            )
            .bind(id.to_string())
            .bind(account.to_string())
            .fetch_optional(&mut *c)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?;
            if let Some(offer) = open {
                end_offer(c, &offer, "withdrawn", now).await?;
            }
            let left = sqlx::query(
                "UPDATE waitlist SET status = 'left', ended_at = $3, end_reason = 'left'
                 WHERE id = $1 AND account_id = $2 AND status IN ('waiting', 'offered')",
            )
            .bind(id.to_string())
            .bind(account.to_string())
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?
            .rows_affected()
                == 1;
            Ok::<_, anyhow::Error>(left)
        })
    })
    .await
}

/// An open offer with what accepting it needs.
#[derive(Debug, Clone)]
pub struct OpenOffer {
    pub offer_id: Uuid,
    pub waitlist_id: Uuid,
    pub account_id: Uuid,
    pub applicant_id: Uuid,
    pub nik: NikKey,
    pub slot_id: i64,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub expires_at: DateTime<Utc>,
}

/// The caller's open offer `id`, if it is still open.
pub async fn open_offer(db: &Db, account: Uuid, id: Uuid) -> anyhow::Result<Option<OpenOffer>> {
    let row = sqlx::query(
        "SELECT o.id, o.waitlist_id, o.slot_id, o.expires_at, w.account_id, w.applicant_id, w.nik, w.lane,
                w.passport_kind, w.validity, w.application_kind
         FROM offers o JOIN waitlist w ON w.id = o.waitlist_id
         WHERE o.id = $1 AND w.account_id = $2 AND o.status = 'open'",
    )
    .bind(id.to_string())
    .bind(account.to_string())
    .fetch_point(db)
    .await?;
    row.map(|r| {
        Ok(OpenOffer {
            offer_id: r.try_get::<String, _>("id")?.parse()?,
            waitlist_id: r.try_get::<String, _>("waitlist_id")?.parse()?,
            account_id: r.try_get::<String, _>("account_id")?.parse()?,
            applicant_id: r.try_get::<String, _>("applicant_id")?.parse()?,
            nik: NikKey::from_stored(r.try_get("nik")?),
            slot_id: r.try_get("slot_id")?,
            lane: super::bookings::enum_from(r.try_get("lane")?)?,
            passport_kind: super::bookings::enum_from(r.try_get("passport_kind")?)?,
            validity: super::bookings::enum_from(r.try_get("validity")?)?,
            application_kind: super::bookings::enum_from(r.try_get("application_kind")?)?,
            expires_at: instant(r.try_get("expires_at")?),
        })
    })
    .transpose()
}

#[derive(Debug)]
pub enum AcceptError {
    /// Declined, expired, withdrawn or accepted already.
    NotOpen,
    Booking(super::bookings::BookingConflict),
}

impl From<sqlx::Error> for AcceptError {
    fn from(e: sqlx::Error) -> Self {
        AcceptError::Booking(e.into())
    }
}

/// Accepts an offer: the held place becomes a booking awaiting payment, in one transaction.
pub async fn accept(
    db: &Db,
    offer: &OpenOffer,
    booking: super::bookings::NewBooking,
    now: DateTime<Utc>,
) -> Result<Uuid, AcceptError> {
    let (offer_id, waitlist_id, slot) = (offer.offer_id, offer.waitlist_id, offer.slot_id);
    db.write(move |c| {
        Box::pin(async move {
            let booking_id = Uuid::now_v7();
            let taken = sqlx::query(
                "UPDATE offers SET status = 'accepted', ended_at = $2, booking_id = $3
                 WHERE id = $1 AND status = 'open' AND expires_at > $2",
            )
            .bind(offer_id.to_string())
            .bind(now.timestamp())
            .bind(booking_id.to_string())
            .execute(&mut *c)
            .await?
            .rows_affected()
                == 1;
            if !taken {
                return Err(AcceptError::NotOpen);
            }
            super::bookings::insert(c, booking_id, &booking, super::bookings::Source::Waitlist, now)
                .await
                .map_err(AcceptError::Booking)?;
            // The held place becomes a booked one: the total held + booked is unchanged.
            sqlx::query(
                "UPDATE slots SET offered = offered - 1, booked = booked + 1 WHERE id = $1 AND offered > 0",
            )
            .bind(slot)
            .execute(&mut *c)
            .await?;
            sqlx::query(
                "UPDATE waitlist SET status = 'booked', ended_at = $2, end_reason = 'booked' WHERE id = $1",
            )
            .bind(waitlist_id.to_string())
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?;
            Ok(booking_id)
        })
    })
    .await
}

/// Declines the caller's open offer: the place passes on, the person keeps waiting.
pub async fn decline(db: &Db, account: Uuid, id: Uuid, now: DateTime<Utc>) -> anyhow::Result<bool> {
    db.write(move |c| {
        Box::pin(async move {
            let mine = sqlx::query(
                "SELECT 1 AS one FROM offers o JOIN waitlist w ON w.id = o.waitlist_id
                 WHERE o.id = $1 AND w.account_id = $2",
            )
            .bind(id.to_string())
            .bind(account.to_string())
            .fetch_optional(&mut *c)
            .await?
            .is_some();
            if !mine {
                return Ok(false);
            }
            Ok::<_, anyhow::Error>(end_offer(c, &id.to_string(), "declined", now).await?)
        })
    })
    .await
}

/// People waiting ahead of `id` for at least one of its offices, its lane and its days.
pub async fn ahead_of(db: &Db, id: Uuid) -> anyhow::Result<u64> {
    let n: i64 = sqlx::query(
        "SELECT COUNT(DISTINCT w2.id) AS n FROM waitlist w
         JOIN waitlist_offices o ON o.waitlist_id = w.id
         JOIN waitlist_offices o2 ON o2.office_id = o.office_id
         JOIN waitlist w2 ON w2.id = o2.waitlist_id
         WHERE w.id = $1 AND w2.status IN ('waiting', 'offered') AND w2.lane = w.lane
           AND w2.from_day <= w.to_day AND w2.to_day >= w.from_day
           AND (w2.created_at < w.created_at OR (w2.created_at = w.created_at AND w2.id < w.id))",
    )
    .bind(id.to_string())
    .fetch_one(&db.read)
    .await?
    .try_get("n")?;
    Ok(u64::try_from(n)?)
}
