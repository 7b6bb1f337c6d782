//! Booking transactions. The rule peers got wrong (check availability, then insert) cannot
//! happen here: a place is taken by one conditional UPDATE (`booked < capacity`) in the same
//! transaction that inserts the booking, and the one-active-booking-per-NIK rule is a unique
//! index. Unpaid bookings hold their place; an expired one is lapsed, and its place freed, by
//! the next transaction that needs it (and by the sweeper).

use super::applicants::Applicant;
use super::slots::{Slot, SLOT_COLUMNS};
use super::PointRead;
use super::{instant, parse_day, violates, Db};
use crate::personal_data::NikKey;
use antre_domain::booking::{BookingStatus, MAX_RESCHEDULES};
use antre_domain::fees::{ApplicationKind, PassportKind, Validity};
use antre_domain::lane::Lane;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

/// The statuses holding a place, as an SQL list (`BookingStatus::ACTIVE`; the partial unique
/// index in the migrations lists the same two, which a test checks).
pub const ACTIVE: &str = "('pending_payment', 'confirmed')";

/// The capacity rule, as the condition of every UPDATE that takes a place: a place is left (not
/// booked, not held for a waitlist offer, not protected for the special reschedule) and the
/// office-day is open.
pub const PLACE_IS_FREE: &str = "booked + offered + protected < capacity AND closed = 0";

/// The special reschedule's rule (after a closure or disruption): a place is left, protected
/// ones included, and the day is open. Its UPDATE takes a protected place first
/// ([`TAKE_SPECIAL_PLACE`]), so the public keeps the ordinary ones.
pub const SPECIAL_PLACE_IS_FREE: &str = "booked + offered < capacity AND closed = 0";
const TAKE_SPECIAL_PLACE: &str =
    "booked = booked + 1, protected = CASE WHEN protected > 0 THEN protected - 1 ELSE 0 END";

/// A booking with what a view needs from its applicant and slot.
#[derive(Debug, Clone)]
pub struct Booking {
    pub id: Uuid,
    pub account_id: Uuid,
    pub applicant_id: Uuid,
    pub applicant_name: String,
    pub applicant_birth_date: NaiveDate,
    /// The person's NIK as the database compares it (a keyed hash), and as people see it.
    pub nik_key: NikKey,
    pub nik_masked: String,
    pub slot_id: i64,
    pub office_id: String,
    pub day: NaiveDate,
    pub session: String,
    pub lane: Lane,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The office closed the booking's day: it may take the special reschedule.
    pub slot_closed: bool,
    pub status: BookingStatus,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub fee_total: i64,
    pub billing_code: String,
    pub payment_deadline: DateTime<Utc>,
    pub reschedules: u32,
    pub created_at: DateTime<Utc>,
    /// Filled by the reads below (not by `from_row`).
    pub payments: Vec<super::payments::PaymentRow>,
    /// Office policy: attendance must be reconfirmed by this local time the day before.
    pub reconfirm_until: Option<chrono::NaiveTime>,
    pub attendance_confirmed_at: Option<DateTime<Utc>>,
    /// Why the booking ended, when the system ended it (`not_reconfirmed`).
    pub end_reason: Option<String>,
    pub source: String,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// The number the person is called by, given at check-in (per office, day and lane).
    pub queue_number: Option<u32>,
    /// The closure or disruption declared for the booking's office and time, if any (the
    /// newest; `store::disruptions`).
    pub disruption: Option<antre_api::disruptions::BookingDisruption>,
    /// After the visit: rated, and an integrity report filed (`store::feedback`).
    pub rated: bool,
    pub reported: bool,
    /// The booking's slot is an event site of the office: where it is.
    pub event_site: Option<antre_api::desk::EventSitePlace>,
}

impl Booking {
    /// Money received that is owed back.
    pub fn refund_due(&self) -> i64 {
        self.payments
            .iter()
            .filter(|p| p.outcome == super::payments::Outcome::RefundDue)
            .map(|p| p.amount)
            .sum()
    }
}

const SELECT: &str = "SELECT b.id, b.account_id, b.applicant_id, a.name AS applicant_name, a.birth_date AS applicant_birth_date,
    b.nik, a.nik_masked, b.slot_id, s.office_id, s.day, s.session, s.lane, s.starts_at, s.ends_at, s.closed AS slot_closed, b.status, b.passport_kind,
    b.validity, b.application_kind, b.fee_total, b.billing_code, b.payment_deadline, b.reschedules, b.created_at,
    b.attendance_confirmed_at, b.end_reason, b.source, b.checked_in_at, b.queue_number, o.reconfirm_until
    , (SELECT COUNT(*) FROM visit_ratings vr WHERE vr.booking_id = b.id) AS rated,
    (SELECT COUNT(*) FROM integrity_claims ic WHERE ic.booking_id = b.id) AS reported
    , dd.id AS dis_id, dd.kind AS dis_kind, dd.reason AS dis_reason, dd.note AS dis_note, dd.expected_end AS dis_expected_end
    , es.id AS site_id, es.name AS site_name, es.lat AS site_lat, es.lon AS site_lon
    FROM bookings b JOIN applicants a ON a.id = b.applicant_id JOIN slots s ON s.id = b.slot_id
    JOIN offices o ON o.id = s.office_id LEFT JOIN event_sites es ON es.id = s.event_site_id
    LEFT JOIN disruptions dd ON dd.id = (SELECT d.id FROM disruption_offices x JOIN disruptions d ON d.id = x.disruption_id
          WHERE x.office_id = s.office_id AND d.restored_at IS NULL AND s.ends_at > d.starts_at AND (d.expected_end IS NULL OR s.starts_at < d.expected_end) ORDER BY d.declared_at DESC, d.id LIMIT 1)";

/// Enum columns are stored as their serde names.
pub fn enum_from<T: DeserializeOwned>(text: String) -> anyhow::Result<T> {
    Ok(serde_json::from_value(serde_json::Value::String(text))?)
}

pub fn enum_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("unit enums serialize to strings"),
    }
}

fn from_row(r: &AnyRow) -> anyhow::Result<Booking> {
    Ok(Booking {
        id: r.try_get::<String, _>("id")?.parse()?,
        account_id: r.try_get::<String, _>("account_id")?.parse()?,
        applicant_id: r.try_get::<String, _>("applicant_id")?.parse()?,
        applicant_name: r.try_get("applicant_name")?,
        applicant_birth_date: parse_day(&r.try_get::<String, _>("applicant_birth_date")?)?,
        nik_key: NikKey::from_stored(r.try_get("nik")?),
        nik_masked: r
            .try_get::<Option<String>, _>("nik_masked")?
            .unwrap_or_default(),
        slot_id: r.try_get("slot_id")?,
        office_id: r.try_get("office_id")?,
        day: parse_day(&r.try_get::<String, _>("day")?)?,
        session: r.try_get("session")?,
        lane: enum_from(r.try_get("lane")?)?,
        starts_at: instant(r.try_get("starts_at")?),
        ends_at: instant(r.try_get("ends_at")?),
        slot_closed: r.try_get::<i64, _>("slot_closed")? != 0,
        status: enum_from(r.try_get("status")?)?,
        passport_kind: enum_from(r.try_get("passport_kind")?)?,
        validity: enum_from(r.try_get("validity")?)?,
        application_kind: enum_from(r.try_get("application_kind")?)?,
        fee_total: r.try_get("fee_total")?,
        billing_code: r.try_get("billing_code")?,
        payment_deadline: instant(r.try_get("payment_deadline")?),
        reschedules: u32::try_from(r.try_get::<i64, _>("reschedules")?)?,
        created_at: instant(r.try_get("created_at")?),
        payments: Vec::new(),
        reconfirm_until: r
            .try_get::<Option<String>, _>("reconfirm_until")?
            .map(|t| chrono::NaiveTime::parse_from_str(&t, "%H:%M"))
            .transpose()?,
        attendance_confirmed_at: r
            .try_get::<Option<i64>, _>("attendance_confirmed_at")?
            .map(instant),
        end_reason: r.try_get("end_reason")?,
        source: r.try_get("source")?,
        checked_in_at: r.try_get::<Option<i64>, _>("checked_in_at")?.map(instant),
        queue_number: r
            .try_get::<Option<i64>, _>("queue_number")?
            .map(u32::try_from)
            .transpose()?,
        disruption: super::disruptions::notice_from(r)?,
        rated: r.try_get::<i64, _>("rated")? > 0,
        reported: r.try_get::<i64, _>("reported")? > 0,
        event_site: match r.try_get::<Option<String>, _>("site_id")? {
            Some(id) => Some(antre_api::desk::EventSitePlace {
                id: id.parse()?,
                name: r.try_get("site_name")?,
                lat: r.try_get("site_lat")?,
                lon: r.try_get("site_lon")?,
            }),
            None => None,
        },
    })
}

#[derive(Debug)]
pub enum BookingConflict {
    IdempotencyKeyReused,
    NikHasActiveBooking,
    SlotFull,
    NotActive,
    /// Two bookings drew the same billing code; the caller draws another.
    BillingCodeTaken,
    Db(anyhow::Error),
}

impl From<sqlx::Error> for BookingConflict {
    fn from(e: sqlx::Error) -> Self {
        BookingConflict::Db(e.into())
    }
}

#[derive(Clone)]
pub struct NewBooking {
    pub account_id: Uuid,
    pub applicant_id: Uuid,
    pub nik: NikKey,
    pub slot_id: i64,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub fee_total: i64,
    pub billing_code: String,
    pub payment_deadline: DateTime<Utc>,
    /// A keyed hash of the client's address (`ClientIp::key`), when known.
    pub client_key: Option<String>,
}

pub enum Created {
    New(Uuid),
    /// The same Idempotency-Key was used before with the same request: that booking.
    Replayed(Uuid),
}

/// The booking an idempotency key of an account made, if it made one.
pub async fn booked_with_key(db: &Db, account: Uuid, key: &str) -> anyhow::Result<Option<Uuid>> {
    let row = sqlx::query(
        "SELECT booking_id FROM idempotency_keys WHERE account_id = $1 AND idem_key = $2",
    )
    .bind(account.to_string())
    .bind(key.to_string())
    .fetch_optional(&db.read)
    .await?;
    match row {
        Some(r) => Ok(r
            .try_get::<Option<String>, _>("booking_id")?
            .map(|id| id.parse())
            .transpose()?),
        None => Ok(None),
    }
}

/// PostgreSQL may abort one of two transactions that lock the same rows in opposite orders
/// (a lapse freeing one slot while a booking takes another); such a transaction did nothing
/// and is simply run again.
fn is_retryable(e: &BookingConflict) -> bool {
    match e {
        BookingConflict::Db(err) => err
            .downcast_ref::<sqlx::Error>()
            .and_then(|e| e.as_database_error())
            .and_then(|d| d.code())
            .is_some_and(|code| code == "40P01" || code == "40001"),
        _ => false,
    }
}

pub async fn create(
    db: &Db,
    new: NewBooking,
    idem_key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<Created, BookingConflict> {
    Ok(create_returning(db, new, idem_key, request_hash, now)
        .await?
        .0)
}

/// [`create`], also returning the booking as written (its billing code may have been drawn
/// again after a clash), so that the caller can answer without reading it back.
pub async fn create_returning(
    db: &Db,
    new: NewBooking,
    idem_key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<(Created, NewBooking), BookingConflict> {
    let mut attempt = 0;
    let mut lapsed_in_the_way = false;
    let mut new = new;
    loop {
        let result = {
            let (new, key, hash) = (new.clone(), idem_key.to_string(), request_hash.to_string());
            db.write(move |c| Box::pin(async move { try_create(c, &new, &key, &hash, now).await }))
                .await
        };
        match result {
            Err(e) if attempt < 3 && is_retryable(&e) => attempt += 1,
            // Two 16-digit codes met: draw another and try again.
            Err(BookingConflict::BillingCodeTaken) if attempt < 3 => {
                attempt += 1;
                new.billing_code = crate::billing::new_code();
            }
            // An expired hold still counts until lapsed: free it, then try once more. Done
            // only on conflict, so the common path stays three statements.
            Err(e @ (BookingConflict::NikHasActiveBooking | BookingConflict::SlotFull))
                if !lapsed_in_the_way =>
            {
                lapsed_in_the_way = true;
                if lapse_holds_in_the_way(db, &new.nik, new.slot_id, now).await? == 0 {
                    return Err(e);
                }
            }
            other => return other.map(|created| (created, new)),
        }
    }
}

/// An idempotency key claimed for a booking about to be made, or the booking an earlier
/// request with the same key and body made.
pub(crate) enum Claim {
    Claimed,
    Replayed(Uuid),
}

/// Claims the key first, naming the booking `id` this transaction creates (both vanish together
/// if it rolls back): the first statement is a write, so SQLite takes its write lock now, and on
/// PostgreSQL a concurrent request with the same key waits here for this one. The same key with
/// another body is `IdempotencyKeyReused`.
pub(crate) async fn claim_idempotency_key(
    c: &mut AnyConnection,
    account: Uuid,
    idem_key: &str,
    request_hash: &str,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Claim, BookingConflict> {
    let account = account.to_string();
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (account_id, idem_key, request_hash, booking_id, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, idem_key) DO NOTHING",
    )
    .bind(&account)
    .bind(idem_key)
    .bind(request_hash)
    .bind(id.to_string())
    .bind(now.timestamp())
    .execute(&mut *c)
    .await?
    .rows_affected()
        == 1;
    if claimed {
        return Ok(Claim::Claimed);
    }
    let row = sqlx::query(
        "SELECT request_hash, booking_id FROM idempotency_keys WHERE account_id = $1 AND idem_key = $2",
    )
    .bind(&account)
    .bind(idem_key)
    .fetch_one(&mut *c)
    .await?;
    let stored_hash: String = row.try_get("request_hash")?;
    let booking: Option<String> = row.try_get("booking_id")?;
    match booking {
        Some(earlier) if stored_hash == request_hash => Ok(Claim::Replayed(
            earlier
                .parse()
                .map_err(|e: uuid::Error| BookingConflict::Db(e.into()))?,
        )),
        _ => Err(BookingConflict::IdempotencyKeyReused),
    }
}

async fn try_create(
    c: &mut AnyConnection,
    new: &NewBooking,
    idem_key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<Created, BookingConflict> {
    let id = Uuid::now_v7();
    if let Claim::Replayed(earlier) =
        claim_idempotency_key(c, new.account_id, idem_key, request_hash, id, now).await?
    {
        return Ok(Created::Replayed(earlier));
    }
    insert(c, id, new, Source::Direct, now).await?;
    if !take_place(c, new.slot_id).await? {
        return Err(BookingConflict::SlotFull);
    }
    Ok(Created::New(id))
}

/// Where a booking came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Booked first come, first served.
    Direct,
    /// Won in a release draw.
    Draw,
    /// Accepted from a waitlist offer.
    Waitlist,
    /// A priority walk-in registered at an office's desk.
    WalkIn,
    /// A member of an outreach drive.
    Drive,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Direct => "direct",
            Source::Draw => "draw",
            Source::Waitlist => "waitlist",
            Source::WalkIn => "walk_in",
            Source::Drive => "drive",
        }
    }
}

/// Inserts a booking awaiting payment (without taking its place: the caller does, by the
/// capacity rule or from a held offer). Only the NIK index means the person has a booking.
pub async fn insert(
    c: &mut AnyConnection,
    id: Uuid,
    new: &NewBooking,
    source: Source,
    now: DateTime<Utc>,
) -> Result<(), BookingConflict> {
    let inserted = sqlx::query(
        "INSERT INTO bookings (id, account_id, applicant_id, nik, slot_id, status, passport_kind, validity,
                               application_kind, fee_total, billing_code, payment_deadline, reschedules, created_at, source, client_key)
         VALUES ($1, $2, $3, $4, $5, 'pending_payment', $6, $7, $8, $9, $10, $11, 0, $12, $13, $14)",
    )
    .bind(id.to_string())
    .bind(new.account_id.to_string())
    .bind(new.applicant_id.to_string())
    .bind(new.nik.as_str())
    .bind(new.slot_id)
    .bind(enum_name(&new.passport_kind))
    .bind(enum_name(&new.validity))
    .bind(enum_name(&new.application_kind))
    .bind(new.fee_total)
    .bind(&new.billing_code)
    .bind(new.payment_deadline.timestamp())
    .bind(now.timestamp())
    .bind(source.as_str())
    .bind(new.client_key.clone())
    .execute(&mut *c)
    .await;
    match inserted {
        Err(e) if violates(&e, "bookings_one_active_per_nik", "bookings.nik") => {
            Err(BookingConflict::NikHasActiveBooking)
        }
        Err(e) if violates(&e, "bookings_billing_code_key", "bookings.billing_code") => {
            Err(BookingConflict::BillingCodeTaken)
        }
        Err(e) => Err(e.into()),
        Ok(_) => Ok(()),
    }
}

/// Lapses the expired unpaid bookings standing in the way of a new one (holding its NIK or a
/// place in its slot), if a read shows any. Returns how many were lapsed.
async fn lapse_holds_in_the_way(
    db: &Db,
    nik: &NikKey,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let expired: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM bookings WHERE status = 'pending_payment' AND payment_deadline <= $1
         AND (nik = $2 OR slot_id = $3)",
    )
    .bind(now.timestamp())
    .bind(nik.as_str())
    .bind(slot_id)
    .fetch_one(&db.read)
    .await?
    .try_get("n")?;
    if expired == 0 {
        return Ok(0);
    }
    let nik = nik.as_str().to_string();
    db.write(move |c| Box::pin(async move { lapse_expired(c, Some((&nik, slot_id)), now).await }))
        .await
}

/// What a booking request reads before it may write: the applicant (if the account has it),
/// the slot (if it exists), and whether the request would certainly find that slot full.
pub struct RequestReads {
    pub applicant: Option<Applicant>,
    pub slot: Option<Slot>,
    /// No place is left, no expired hold is waiting to be lapsed, and the request is not a
    /// replay of an earlier one (which must get its booking back). A flash crowd is mostly such
    /// requests; they are answered from this read, leaving the single writer to the ones that
    /// can succeed. A stale "not full" costs nothing: the transaction decides.
    pub certainly_full: bool,
    /// The cool-down in force for the applicant's NIK, if any (read here rather than by a
    /// read of its own: one round trip fewer for every request of a crowd).
    pub cooldown: Option<super::hoarding::Cooldown>,
    /// The slot's office's policy: attendance reconfirmed by this local time the day before.
    pub reconfirm_until: Option<chrono::NaiveTime>,
}

/// Reads all of [`RequestReads`] in one query. Every read is a round trip (on SQLite to the
/// connection's thread, on PostgreSQL to the server), and in a flash crowd most requests end
/// with this one: three reads made refusals cost half as much again.
pub async fn read_request(
    db: &Db,
    account: Uuid,
    applicant_id: Uuid,
    slot_id: i64,
    idem_key: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<RequestReads> {
    // One row whatever exists: the slot and the applicant are each joined to it or NULL.
    let sql = format!(
        "SELECT {slot},
                a.id AS applicant_id, a.account_id AS applicant_account_id, a.nik AS applicant_nik,
                a.nik_masked AS applicant_nik_masked,
                a.name AS applicant_name, a.birth_date AS applicant_birth_date,
                a.pregnant AS applicant_pregnant, a.disability AS applicant_disability,
                a.married AS applicant_married,
                (SELECT COUNT(*) FROM bookings WHERE slot_id = $1 AND status = 'pending_payment' AND payment_deadline <= $2) AS expired,
                (SELECT COUNT(*) FROM idempotency_keys WHERE account_id = $3 AND idem_key = $4) AS replay,
                k.until AS cooldown_until, k.reason AS cooldown_reason,
                o.reconfirm_until AS office_reconfirm_until
         FROM (SELECT 1 AS request) r
         LEFT JOIN slots s ON s.id = $1
         LEFT JOIN offices o ON o.id = s.office_id
         LEFT JOIN applicants a ON a.account_id = $3 AND a.id = $5 AND a.removed_at IS NULL
         LEFT JOIN cooldowns k ON k.nik = a.nik AND k.until > $2",
        slot = SLOT_COLUMNS
            .split(", ")
            .map(|c| format!("s.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let query = sqlx::query(&sql)
        .bind(slot_id)
        .bind(now.timestamp())
        .bind(account.to_string())
        .bind(idem_key)
        .bind(applicant_id.to_string());
    let row = db
        .fetch_point(query)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let applicant = match row.try_get::<Option<String>, _>("applicant_id")? {
        Some(_) => Some(super::applicants::from_prefixed_row(&row, "applicant_")?),
        None => None,
    };
    let slot = match row.try_get::<Option<i64>, _>("id")? {
        Some(_) => Some(super::slots::from_row(&row)?),
        None => None,
    };
    // No place left: none free, or the day is closed (`remaining` is 0 then).
    let certainly_full = slot.as_ref().is_some_and(|s| s.remaining() == 0)
        && row.try_get::<i64, _>("expired")? == 0
        && row.try_get::<i64, _>("replay")? == 0;
    let cooldown = match row.try_get::<Option<i64>, _>("cooldown_until")? {
        Some(until) => Some(super::hoarding::Cooldown {
            until: instant(until),
            reason: enum_from(row.try_get("cooldown_reason")?)?,
        }),
        None => None,
    };
    let reconfirm_until = row
        .try_get::<Option<String>, _>("office_reconfirm_until")?
        .map(|t| chrono::NaiveTime::parse_from_str(&t, "%H:%M"))
        .transpose()?;
    Ok(RequestReads {
        applicant,
        slot,
        certainly_full,
        cooldown,
        reconfirm_until,
    })
}

/// Takes one place of a slot if one is left and its day is not closed. The whole capacity rule
/// is this WHERE clause.
async fn take_place(c: &mut AnyConnection, slot_id: i64) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(&format!(
        "UPDATE slots SET booked = booked + 1 WHERE id = $1 AND {PLACE_IS_FREE}"
    ))
    .bind(slot_id)
    .execute(c)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// As [`take_place`], or for a special reschedule (`special`): a protected place if one is
/// left, else an ordinary one.
async fn take_place_for(
    c: &mut AnyConnection,
    slot_id: i64,
    special: bool,
) -> Result<bool, sqlx::Error> {
    if !special {
        return take_place(c, slot_id).await;
    }
    let result = sqlx::query(&format!(
        "UPDATE slots SET {TAKE_SPECIAL_PLACE} WHERE id = $1 AND {SPECIAL_PLACE_IS_FREE}"
    ))
    .bind(slot_id)
    .execute(c)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Gives a place back and offers it at once to the next person waiting for it, if any.
async fn free_place(
    c: &mut AnyConnection,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
        .bind(slot_id)
        .execute(&mut *c)
        .await?;
    super::waitlist::offer_freed(c, slot_id, now).await?;
    Ok(())
}

/// Lapses unpaid bookings past their deadline and frees their places: all of them, or only
/// those of one NIK or one slot (the ones standing in the way of a new booking).
async fn lapse_expired(
    c: &mut AnyConnection,
    only: Option<(&str, i64)>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let base = "UPDATE bookings SET status = 'lapsed', closed_at = $1 WHERE status = 'pending_payment' AND payment_deadline <= $1";
    let rows = match only {
        Some((nik, slot)) => {
            sqlx::query(&format!(
                "{base} AND (nik = $2 OR slot_id = $3) RETURNING slot_id, nik"
            ))
            .bind(now.timestamp())
            .bind(nik)
            .bind(slot)
            .fetch_all(&mut *c)
            .await?
        }
        None => {
            sqlx::query(&format!("{base} RETURNING slot_id, nik"))
                .bind(now.timestamp())
                .fetch_all(&mut *c)
                .await?
        }
    };
    for row in &rows {
        let slot: i64 = row.try_get("slot_id")?;
        free_place(c, slot, now).await?;
        let office = office_of_slot(c, slot).await?;
        super::hoarding::after_lapse(c, &row.try_get::<String, _>("nik")?, &office, now).await?;
    }
    Ok(rows.len() as u64)
}

async fn office_of_slot(c: &mut AnyConnection, slot_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query("SELECT office_id FROM slots WHERE id = $1")
        .bind(slot_id)
        .fetch_one(c)
        .await?
        .try_get("office_id")
}

/// The sweeper's pass: lapse every expired unpaid booking.
pub async fn lapse_all_expired(db: &Db, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    db.write(move |c| Box::pin(async move { lapse_expired(c, None, now).await }))
        .await
}

/// Bookings read by `sql` (binds applied by `bind`), with their payments.
async fn read_bookings<'q>(
    db: &Db,
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> anyhow::Result<Vec<Booking>> {
    let mut list = query
        .fetch_all(&db.read)
        .await?
        .iter()
        .map(from_row)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let ids: Vec<Uuid> = list.iter().map(|b| b.id).collect();
    let mut paid = super::payments::of_bookings(db, &ids).await?;
    for b in &mut list {
        b.payments = paid.remove(&b.id).unwrap_or_default();
    }
    Ok(list)
}

/// Whether the person holds an active booking (one that holds a place).
pub async fn has_active(db: &Db, nik: &NikKey) -> anyhow::Result<bool> {
    Ok(sqlx::query(&format!(
        "SELECT 1 AS one FROM bookings WHERE nik = $1 AND status IN {ACTIVE}"
    ))
    .bind(nik.as_str())
    .fetch_point(db)
    .await?
    .is_some())
}

pub async fn get(db: &Db, id: Uuid) -> anyhow::Result<Option<Booking>> {
    let sql = format!("{SELECT} WHERE b.id = $1");
    Ok(read_bookings(db, sqlx::query(&sql).bind(id.to_string()))
        .await?
        .pop())
}

pub async fn of_account(db: &Db, account: Uuid) -> anyhow::Result<Vec<Booking>> {
    let sql = format!("{SELECT} WHERE b.account_id = $1 ORDER BY s.starts_at DESC");
    read_bookings(db, sqlx::query(&sql).bind(account.to_string())).await
}

pub async fn by_billing_code(db: &Db, code: &str) -> anyhow::Result<Option<Booking>> {
    let sql = format!("{SELECT} WHERE b.billing_code = $1");
    Ok(read_bookings(db, sqlx::query(&sql).bind(code)).await?.pop())
}

/// The bookings of one slot (a drive's members), oldest first.
pub async fn of_slot(db: &Db, slot_id: i64) -> anyhow::Result<Vec<Booking>> {
    let sql = format!("{SELECT} WHERE b.slot_id = $1 ORDER BY b.created_at, b.id");
    read_bookings(db, sqlx::query(&sql).bind(slot_id)).await
}

/// The day's bookings at an office that still concern the counter (not cancelled or lapsed,
/// or with money to pay back).
pub async fn roster(
    db: &Db,
    office_id: &str,
    day: NaiveDate,
    lane: Option<Lane>,
) -> anyhow::Result<Vec<Booking>> {
    let lane_filter = if lane.is_some() {
        " AND s.lane = $3"
    } else {
        ""
    };
    let sql = format!(
        "{SELECT} WHERE s.office_id = $1 AND s.day = $2 AND s.drive_id IS NULL AND (b.status IN ('pending_payment', 'confirmed', 'checked_in', 'no_show')
           OR EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = b.id AND p.outcome = 'refund_due')){lane_filter}
         ORDER BY s.starts_at, a.name"
    );
    let mut q = sqlx::query(&sql).bind(office_id).bind(day.to_string());
    if let Some(lane) = lane {
        q = q.bind(lane.as_str());
    }
    read_bookings(db, q).await
}

pub async fn cancel(
    db: &Db,
    id: Uuid,
    account: Uuid,
    now: DateTime<Utc>,
) -> Result<(), BookingConflict> {
    db.write(move |c| {
        Box::pin(async move {
            let row = sqlx::query(&format!(
                "UPDATE bookings SET status = 'cancelled', closed_at = $3 WHERE id = $1 AND account_id = $2 AND status IN {ACTIVE} RETURNING slot_id"
            ))
            .bind(id.to_string())
            .bind(account.to_string())
            .bind(now.timestamp())
            .fetch_optional(&mut *c)
            .await?
            .ok_or(BookingConflict::NotActive)?;
            free_place(c, row.try_get("slot_id")?, now).await?;
            Ok(())
        })
    })
    .await
}

/// Moves an active booking from `from_slot` to `to_slot`; `counted` uses up the ordinary
/// reschedule (the special one after an office closure does not, and may take a protected
/// place). The booking update is conditional on
/// its state, its reschedule count and its current slot, so a double submit moves it once.
/// Slot rows are touched in id order, so two opposite reschedules cannot deadlock.
pub async fn reschedule(
    db: &Db,
    id: Uuid,
    account: Uuid,
    from_slot: i64,
    to_slot: i64,
    counted: bool,
    now: DateTime<Utc>,
) -> Result<(), BookingConflict> {
    db.write(move |c| {
        Box::pin(async move {
            let moved = sqlx::query(&format!(
                "UPDATE bookings SET slot_id = $4, reschedules = reschedules + $6
                 WHERE id = $1 AND account_id = $2 AND slot_id = $3 AND status IN {ACTIVE} AND reschedules < $5 + 1 - $6"
            ))
            .bind(id.to_string())
            .bind(account.to_string())
            .bind(from_slot)
            .bind(to_slot)
            .bind(i64::from(MAX_RESCHEDULES))
            .bind(i64::from(counted))
            .execute(&mut *c)
            .await?
            .rows_affected()
                == 1;
            if !moved {
                return Err(BookingConflict::NotActive);
            }
            if to_slot < from_slot {
                if !take_place_for(c, to_slot, !counted).await? {
                    return Err(BookingConflict::SlotFull);
                }
                free_place(c, from_slot, now).await?;
            } else {
                free_place(c, from_slot, now).await?;
                if !take_place_for(c, to_slot, !counted).await? {
                    return Err(BookingConflict::SlotFull);
                }
            }
            Ok(())
        })
    })
    .await
}

/// Checks in a paid booking at the counter, with its audit row, and gives it the next number
/// of its office-day's queue (`queue`: the lane). The status change, the number and the audit
/// row are one transaction: a booking checks in once, and no number is given twice, whichever
/// desk or server instance asks.
pub async fn check_in(
    db: &Db,
    id: Uuid,
    office_id: &str,
    day: NaiveDate,
    queue: &str,
    actor: super::audit::Actor,
    now: DateTime<Utc>,
) -> Result<u32, BookingConflict> {
    let (office_id, queue) = (office_id.to_string(), queue.to_string());
    db.write(move |c| {
        Box::pin(async move {
            // A walk-in was given its number when registered: it keeps it.
            let given: Option<i64> = sqlx::query(
                "UPDATE bookings SET status = 'checked_in', checked_in_at = $2 WHERE id = $1 AND status = 'confirmed'
                 RETURNING queue_number",
            )
            .bind(id.to_string())
            .bind(now.timestamp())
            .fetch_optional(&mut *c)
            .await?
            .ok_or(BookingConflict::NotActive)?
            .try_get("queue_number")?;
            let number = match given {
                Some(n) => n,
                None => {
                    let n = next_queue_number(c, &office_id, day, &queue).await?;
                    sqlx::query("UPDATE bookings SET queue_number = $2 WHERE id = $1")
                        .bind(id.to_string())
                        .bind(n)
                        .execute(&mut *c)
                        .await?;
                    n
                }
            };
            // After the visit the app asks for a rating and the integrity question (not of a
            // walk-in, whose account is the officer's).
            sqlx::query(
                "INSERT INTO notifications (account_id, booking_id, kind, created_at)
                 SELECT account_id, id, 'visit_feedback', $2 FROM bookings b WHERE b.id = $1
                   AND NOT EXISTS (SELECT 1 FROM walk_ins w WHERE w.booking_id = b.id)",
            )
            .bind(id.to_string())
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?;
            super::audit::record(
                c,
                super::audit::Entry {
                    actor: &actor,
                    office_id: Some(&office_id),
                    action: "booking.check_in",
                    target: Some(id.to_string()),
                    detail: serde_json::json!({ "queue": queue, "queue_number": number }),
                },
                now,
            )
            .await?;
            u32::try_from(number).map_err(|e| BookingConflict::Db(e.into()))
        })
    })
    .await
}

/// The next number of an office-day's queue (a lane), by an upsert: in the caller's
/// transaction, so no number is given twice across desks and instances.
pub async fn next_queue_number(
    c: &mut AnyConnection,
    office_id: &str,
    day: NaiveDate,
    queue: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO queue_counters (office_id, day, queue, last) VALUES ($1, $2, $3, 1)
         ON CONFLICT (office_id, day, queue) DO UPDATE SET last = queue_counters.last + 1
         RETURNING last",
    )
    .bind(office_id)
    .bind(day.to_string())
    .bind(queue)
    .fetch_one(c)
    .await?
    .try_get("last")
}

/// Marks paid bookings of an office-day whose session has ended and who never checked in. A
/// closed day has no no-shows: its bookings are owed the special reschedule. Each no-show
/// starts its NIK's cool-down (office policy).
pub async fn mark_no_shows(
    db: &Db,
    office_id: &str,
    day: NaiveDate,
    actor: super::audit::Actor,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let (office_id, day) = (office_id.to_string(), day.to_string());
    db.write(move |c| {
        Box::pin(async move {
            let marked = sqlx::query(
                "UPDATE bookings SET status = 'no_show', closed_at = $3 WHERE status = 'confirmed' AND slot_id IN
                 (SELECT id FROM slots WHERE office_id = $1 AND day = $2 AND ends_at <= $3 AND closed = 0)
                 RETURNING id, nik",
            )
            .bind(&office_id)
            .bind(&day)
            .bind(now.timestamp())
            .fetch_all(&mut *c)
            .await?;
            for row in &marked {
                super::hoarding::after_no_show(c, &row.try_get::<String, _>("nik")?, &office_id, now)
                    .await?;
            }
            super::audit::record(
                c,
                super::audit::Entry {
                    actor: &actor,
                    office_id: Some(&office_id),
                    action: "no_show.mark",
                    target: Some(day.clone()),
                    // Which bookings, so the trail says who was marked (by booking, never by NIK).
                    detail: serde_json::json!({
                        "marked": marked.len(),
                        "bookings": marked
                            .iter()
                            .map(|r| r.try_get::<String, _>("id"))
                            .collect::<Result<Vec<_>, _>>()?,
                    }),
                },
                now,
            )
            .await?;
            Ok(marked.len() as u64)
        })
    })
    .await
}

/// All offices' no-shows for sessions that ended before `before` (the sweep).
pub async fn mark_all_no_shows(
    db: &Db,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    db.write(move |c| {
        Box::pin(async move {
            let marked = sqlx::query(
                "UPDATE bookings SET status = 'no_show', closed_at = $2 WHERE status = 'confirmed' AND slot_id IN
                 (SELECT id FROM slots WHERE ends_at <= $1 AND closed = 0)
                 RETURNING nik, slot_id",
            )
            .bind(before.timestamp())
            .bind(now.timestamp())
            .fetch_all(&mut *c)
            .await?;
            for row in &marked {
                let office = office_of_slot(c, row.try_get("slot_id")?).await?;
                super::hoarding::after_no_show(c, &row.try_get::<String, _>("nik")?, &office, now)
                    .await?;
            }
            Ok(marked.len() as u64)
        })
    })
    .await
}

/// Releases the bookings of an office-day whose attendance was not reconfirmed by the office's
/// deadline (office policy), booked before it. Their places go to the waitlist; a fee already
/// paid is owed back. Returns how many were released.
pub async fn release_unconfirmed(
    db: &Db,
    office_id: &str,
    day: NaiveDate,
    deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let (office_id, day) = (office_id.to_string(), day.to_string());
    db.write(move |c| {
        Box::pin(async move {
            let released = sqlx::query(&format!(
                "UPDATE bookings SET status = 'cancelled', closed_at = $4, end_reason = 'not_reconfirmed'
                 WHERE status IN {ACTIVE} AND attendance_confirmed_at IS NULL AND created_at < $3
                   AND slot_id IN (SELECT id FROM slots WHERE office_id = $1 AND day = $2 AND closed = 0)
                 RETURNING id, slot_id"
            ))
            .bind(&office_id)
            .bind(&day)
            .bind(deadline.timestamp())
            .bind(now.timestamp())
            .fetch_all(&mut *c)
            .await?;
            for row in &released {
                let id: String = row.try_get("id")?;
                sqlx::query(
                    "UPDATE payments SET outcome = 'refund_due', reason = 'not_reconfirmed'
                     WHERE booking_id = $1 AND outcome IN ('applied', 'reinstated')",
                )
                .bind(&id)
                .execute(&mut *c)
                .await?;
                free_place(c, row.try_get("slot_id")?, now).await?;
            }
            Ok(released.len() as u64)
        })
    })
    .await
}

/// Records that the applicant will come (reconfirmation). Only for an active booking of the
/// caller's account; repeating it changes nothing.
pub async fn confirm_attendance(
    db: &Db,
    id: Uuid,
    account: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db.write(move |c| {
        Box::pin(async move {
            let changed = sqlx::query(&format!(
                "UPDATE bookings SET attendance_confirmed_at = COALESCE(attendance_confirmed_at, $3)
                 WHERE id = $1 AND account_id = $2 AND status IN {ACTIVE}"
            ))
            .bind(id.to_string())
            .bind(account.to_string())
            .bind(now.timestamp())
            .execute(c)
            .await?
            .rows_affected();
            Ok(changed == 1)
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::ACTIVE;
    use antre_domain::booking::BookingStatus;

    /// The statuses that hold a place are one list: the domain's, the store's, and the partial
    /// unique index of the migrations.
    #[test]
    fn the_active_statuses_are_one_list() {
        let domain: Vec<String> = BookingStatus::ALL
            .iter()
            .filter(|s| s.is_active())
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        assert_eq!(ACTIVE, format!("({})", domain.join(", ")));
        for migration in [
            include_str!("../../migrations/sqlite/0001_init.sql"),
            include_str!("../../migrations/postgres/0001_init.sql"),
        ] {
            assert!(migration.contains(&format!(
                "bookings_one_active_per_nik ON bookings (nik) WHERE status IN {ACTIVE}"
            )));
        }
    }
}
