//! Outreach drives: a group served on site by officers of an office, with places of its own.
//! A drive's places are one slot of its office marked with the drive and closed to everyone
//! else; a member takes a place by [`DRIVE_PLACE_IS_FREE`] in the transaction that inserts the
//! member's booking (filed under the office's own account, source `drive`, so it never counts
//! against the officer), records the member once per `(drive, member_id)` and writes the audit
//! row. The officer's daily limit is counted under a lock of the officer's account row, so it
//! holds across instances.

use super::audit::{self, Actor};
use super::bookings::{self, BookingConflict, NewBooking, Source};
use super::desk::{office_account, upsert_office_applicant, OfficePerson};
use super::{instant, parse_day, Db, OfficeDayRows};
use antre_domain::outreach::DriveKind;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

/// A drive's own capacity rule: its slot is closed to the public, so `closed` is not part of it.
pub const DRIVE_PLACE_IS_FREE: &str = "booked + offered < capacity AND drive_id IS NOT NULL";

/// Members one officer may register in 24 hours, over all drives: a drive must not become a
/// back door for scalpers (a group is 30 to 50 people; this is six full groups).
pub const MAX_MEMBERS_PER_OFFICER_PER_DAY: i64 = 300;

/// The most places one drive may have.
pub const MAX_DRIVE_CAPACITY: u32 = 500;

#[derive(Debug, Clone)]
pub struct NewDrive {
    pub office_id: String,
    pub kind: DriveKind,
    pub name: String,
    pub place_name: String,
    pub place_address: String,
    pub lat: f64,
    pub lon: f64,
    pub day: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: u32,
    pub leader_name: String,
    pub leader_phone: String,
}

#[derive(Debug, Clone)]
pub struct Drive {
    pub id: Uuid,
    pub code: String,
    pub office_id: String,
    pub kind: DriveKind,
    pub name: String,
    pub place_name: String,
    pub place_address: String,
    pub lat: f64,
    pub lon: f64,
    pub day: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub slot_id: i64,
    pub capacity: u32,
    pub registered: u32,
    pub leader_name: String,
    pub leader_phone: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

const DRIVE_SELECT: &str = "SELECT d.id, d.code, d.office_id, d.kind, d.name, d.place_name, d.place_address, d.lat, d.lon,
    d.day, d.starts_at, d.ends_at, d.slot_id, s.capacity, s.booked, d.leader_name, d.leader_phone, d.created_by, d.created_at
    FROM drives d JOIN slots s ON s.id = d.slot_id";

fn drive_from(r: &AnyRow) -> anyhow::Result<Drive> {
    let kind: String = r.try_get("kind")?;
    Ok(Drive {
        id: r.try_get::<String, _>("id")?.parse()?,
        code: r.try_get("code")?,
        office_id: r.try_get("office_id")?,
        kind: DriveKind::parse(&kind).ok_or_else(|| anyhow::anyhow!("stored kind {kind:?}"))?,
        name: r.try_get("name")?,
        place_name: r.try_get("place_name")?,
        place_address: r.try_get("place_address")?,
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
        day: parse_day(&r.try_get::<String, _>("day")?)?,
        starts_at: instant(r.try_get("starts_at")?),
        ends_at: instant(r.try_get("ends_at")?),
        slot_id: r.try_get("slot_id")?,
        capacity: u32::try_from(r.try_get::<i64, _>("capacity")?)?,
        registered: u32::try_from(r.try_get::<i64, _>("booked")?)?,
        leader_name: r.try_get("leader_name")?,
        leader_phone: r.try_get("leader_phone")?,
        created_by: r.try_get::<String, _>("created_by")?.parse()?,
        created_at: instant(r.try_get("created_at")?),
    })
}

/// The short code of a drive: 8 letters and digits without look-alikes, from its id.
fn drive_code(id: Uuid) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = id.as_bytes();
    let mut n = u64::from_be_bytes(bytes[8..16].try_into().expect("8 bytes"));
    (0..8)
        .map(|_| {
            let c = ALPHABET[(n % 32) as usize] as char;
            n /= 32;
            c
        })
        .collect()
}

/// Creates a drive and its slot (closed to the public, the drive's capacity), audited.
pub async fn create(
    db: &Db,
    new: NewDrive,
    actor: Actor,
    now: DateTime<Utc>,
) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    let code = drive_code(id);
    db.write(move |c| {
        Box::pin(async move {
            let slot: i64 = sqlx::query(
                "INSERT INTO slots (office_id, day, session, lane, starts_at, ends_at, released_at, capacity, booked, closed, drive_id)
                 VALUES ($1, $2, $3, 'regular', $4, $5, $6, $7, 0, 1, $8) RETURNING id",
            )
            .bind(&new.office_id)
            .bind(new.day.to_string())
            .bind(format!("drive-{code}"))
            .bind(new.starts_at.timestamp())
            .bind(new.ends_at.timestamp())
            .bind(now.timestamp())
            .bind(i64::from(new.capacity))
            .bind(id.to_string())
            .fetch_one(&mut *c)
            .await?
            .try_get("id")?;
            sqlx::query(
                "INSERT INTO drives (id, code, office_id, kind, name, place_name, place_address, lat, lon, day, starts_at,
                                     ends_at, slot_id, leader_name, leader_phone, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
            )
            .bind(id.to_string())
            .bind(&code)
            .bind(&new.office_id)
            .bind(new.kind.as_str())
            .bind(&new.name)
            .bind(&new.place_name)
            .bind(&new.place_address)
            .bind(new.lat)
            .bind(new.lon)
            .bind(new.day.to_string())
            .bind(new.starts_at.timestamp())
            .bind(new.ends_at.timestamp())
            .bind(slot)
            .bind(&new.leader_name)
            .bind(&new.leader_phone)
            .bind(actor.account_id.map(|a| a.to_string()))
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?;
            audit::record(
                c,
                audit::Entry {
                    actor: &actor,
                    office_id: Some(&new.office_id),
                    action: "drive.create",
                    target: Some(id.to_string()),
                    detail: serde_json::json!({
                        "code": code,
                        "kind": new.kind.as_str(),
                        "day": new.day.to_string(),
                        "capacity": new.capacity,
                        "slot_id": slot,
                    }),
                },
                now,
            )
            .await?;
            Ok::<_, anyhow::Error>(id)
        })
    })
    .await
}

/// Drives are read by id and by office and days through the store's one helper.
const DRIVES: OfficeDayRows<Drive> = OfficeDayRows {
    select: DRIVE_SELECT,
    alias: "d",
    order: "d.starts_at, d.code",
    from_row: drive_from,
};

pub async fn get(db: &Db, id: Uuid) -> anyhow::Result<Option<Drive>> {
    DRIVES.get(db, id).await
}

/// The office's drives from `from` to `to` (local days, both included), by start.
pub async fn of_office(
    db: &Db,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<Drive>> {
    DRIVES.of_office_between(db, office_id, from, to).await
}

/// A member's record: the id the device gave, their phone, the booking and when.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub id: Uuid,
    pub member_id: String,
    pub booking_id: Uuid,
    pub phone: Option<String>,
    pub registered_by: Uuid,
    pub created_at: DateTime<Utc>,
}

pub async fn members(db: &Db, drive: Uuid) -> anyhow::Result<Vec<MemberRow>> {
    sqlx::query(
        "SELECT id, member_id, booking_id, phone, registered_by, created_at FROM drive_members
         WHERE drive_id = $1 ORDER BY created_at, id",
    )
    .bind(drive.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(MemberRow {
            id: r.try_get::<String, _>("id")?.parse()?,
            member_id: r.try_get("member_id")?,
            booking_id: r.try_get::<String, _>("booking_id")?.parse()?,
            phone: r.try_get("phone")?,
            registered_by: r.try_get::<String, _>("registered_by")?.parse()?,
            created_at: instant(r.try_get("created_at")?),
        })
    })
    .collect()
}

/// Members the officer registered in the last 24 hours (for the limit, read outside a write).
pub async fn registered_by_officer(
    db: &Db,
    officer: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    Ok(sqlx::query(
        "SELECT COUNT(*) AS n FROM drive_members WHERE registered_by = $1 AND created_at > $2",
    )
    .bind(officer.to_string())
    .bind(now.timestamp() - 86_400)
    .fetch_one(&db.read)
    .await?
    .try_get("n")?)
}

/// One member to register: the person (NIK keyed, sealed, masked), the booking to make.
#[derive(Clone)]
pub struct NewMember {
    pub member_id: String,
    pub request_hash: String,
    pub person: OfficePerson,
    pub phone: Option<String>,
    /// `account_id` and `applicant_id` are filled here (the office's account and person).
    pub booking: NewBooking,
}

#[derive(Debug)]
pub enum MemberConflict {
    /// The NIK holds an active booking.
    DuplicateNik,
    DriveFull,
    /// The officer reached the daily limit.
    LimitReached,
    /// The member id was used before for another person.
    MemberIdReused,
    /// Two bookings drew the same billing code; another is drawn.
    BillingCodeTaken,
    Db(anyhow::Error),
}

impl From<sqlx::Error> for MemberConflict {
    fn from(e: sqlx::Error) -> Self {
        MemberConflict::Db(e.into())
    }
}

impl From<BookingConflict> for MemberConflict {
    fn from(e: BookingConflict) -> Self {
        match e {
            BookingConflict::NikHasActiveBooking => MemberConflict::DuplicateNik,
            BookingConflict::BillingCodeTaken => MemberConflict::BillingCodeTaken,
            BookingConflict::Db(e) => MemberConflict::Db(e),
            other => MemberConflict::Db(anyhow::anyhow!("{other:?}")),
        }
    }
}

/// A member registered now, or by an earlier send of the same member (the booking's id).
pub enum MemberRegistered {
    New(Uuid),
    Replayed(Uuid),
}

/// What a transaction registering members needs of the drive.
#[derive(Clone)]
pub struct DriveTarget {
    pub drive_id: Uuid,
    pub office_id: String,
    pub slot_id: i64,
    pub officer: Uuid,
}

/// Registers one member in its own transaction.
pub async fn register_member(
    db: &Db,
    target: DriveTarget,
    member: NewMember,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<MemberRegistered, MemberConflict> {
    let mut member = member;
    for attempt in 0.. {
        let (t, m, a) = (target.clone(), member.clone(), actor.clone());
        let result = db
            .write(move |c| Box::pin(async move { try_register(c, &t, &m, &a, now).await }))
            .await;
        match result {
            Err(MemberConflict::BillingCodeTaken) if attempt < 3 => {
                member.booking.billing_code = crate::billing::new_code();
            }
            other => return other,
        }
    }
    unreachable!("the loop returns")
}

/// The first conflict of a list registered as a whole, and the index of its member.
#[derive(Debug)]
pub struct ListConflict {
    pub index: usize,
    pub conflict: MemberConflict,
}

impl From<sqlx::Error> for ListConflict {
    fn from(e: sqlx::Error) -> Self {
        ListConflict {
            index: usize::MAX,
            conflict: e.into(),
        }
    }
}

/// Registers every member of a list in one transaction: all of them, or (on the first
/// conflict, with its index) none.
pub async fn register_all(
    db: &Db,
    target: DriveTarget,
    members: Vec<NewMember>,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Vec<MemberRegistered>, ListConflict> {
    let mut members = members;
    for attempt in 0.. {
        let (t, m, a) = (target.clone(), members.clone(), actor.clone());
        let result = db
            .write(move |c| {
                Box::pin(async move {
                    let mut out = Vec::with_capacity(m.len());
                    for (i, member) in m.iter().enumerate() {
                        out.push(
                            try_register(c, &t, member, &a, now)
                                .await
                                .map_err(|conflict| ListConflict { index: i, conflict })?,
                        );
                    }
                    Ok(out)
                })
            })
            .await;
        match result {
            Err(ListConflict {
                index,
                conflict: MemberConflict::BillingCodeTaken,
            }) if attempt < 3 && index < members.len() => {
                members[index].booking.billing_code = crate::billing::new_code();
            }
            other => return other,
        }
    }
    unreachable!("the loop returns")
}

async fn try_register(
    c: &mut AnyConnection,
    t: &DriveTarget,
    m: &NewMember,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<MemberRegistered, MemberConflict> {
    // A member sent before (a device resending after a lost answer, a file imported twice).
    if let Some(row) = sqlx::query(
        "SELECT request_hash, booking_id FROM drive_members WHERE drive_id = $1 AND member_id = $2",
    )
    .bind(t.drive_id.to_string())
    .bind(&m.member_id)
    .fetch_optional(&mut *c)
    .await?
    {
        let hash: String = row.try_get("request_hash")?;
        if hash != m.request_hash {
            return Err(MemberConflict::MemberIdReused);
        }
        let booking: String = row.try_get("booking_id")?;
        return Ok(MemberRegistered::Replayed(
            booking
                .parse()
                .map_err(|e: uuid::Error| MemberConflict::Db(e.into()))?,
        ));
    }
    // The officer's row is locked first, so two parallel sends cannot both pass the limit.
    sqlx::query("UPDATE accounts SET id = id WHERE id = $1")
        .bind(t.officer.to_string())
        .execute(&mut *c)
        .await?;
    let recent: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM drive_members WHERE registered_by = $1 AND created_at > $2",
    )
    .bind(t.officer.to_string())
    .bind(now.timestamp() - 86_400)
    .fetch_one(&mut *c)
    .await?
    .try_get("n")?;
    if recent >= MAX_MEMBERS_PER_OFFICER_PER_DAY {
        return Err(MemberConflict::LimitReached);
    }
    let account = office_account(c, &t.office_id, now).await?;
    let applicant = upsert_office_applicant(c, account, &m.booking.nik, &m.person, now).await?;
    let booking = NewBooking {
        account_id: account,
        applicant_id: applicant,
        ..m.booking.clone()
    };
    let id = Uuid::now_v7();
    bookings::insert(c, id, &booking, Source::Drive, now).await?;
    let placed = sqlx::query(&format!(
        "UPDATE slots SET booked = booked + 1 WHERE id = $1 AND {DRIVE_PLACE_IS_FREE}"
    ))
    .bind(t.slot_id)
    .execute(&mut *c)
    .await?
    .rows_affected()
        == 1;
    if !placed {
        return Err(MemberConflict::DriveFull);
    }
    let member_row = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO drive_members (id, drive_id, member_id, request_hash, booking_id, phone, registered_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(member_row.to_string())
    .bind(t.drive_id.to_string())
    .bind(&m.member_id)
    .bind(&m.request_hash)
    .bind(id.to_string())
    .bind(m.phone.clone())
    .bind(t.officer.to_string())
    .bind(now.timestamp())
    .execute(&mut *c)
    .await?;
    audit::record(
        c,
        audit::Entry {
            actor,
            office_id: Some(&t.office_id),
            action: "drive.member_add",
            target: Some(id.to_string()),
            detail: serde_json::json!({ "drive_id": t.drive_id, "member": member_row }),
        },
        now,
    )
    .await?;
    Ok(MemberRegistered::New(id))
}

/// Records an action on a drive that changes nothing else (an export, a hajj comparison).
pub async fn audit_read(
    db: &Db,
    office_id: &str,
    drive: Uuid,
    action: &'static str,
    detail: serde_json::Value,
    actor: Actor,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let office_id = office_id.to_string();
    db.write(move |c| {
        Box::pin(async move {
            audit::record(
                c,
                audit::Entry {
                    actor: &actor,
                    office_id: Some(&office_id),
                    action,
                    target: Some(drive.to_string()),
                    detail,
                },
                now,
            )
            .await?;
            Ok::<_, anyhow::Error>(())
        })
    })
    .await
}
