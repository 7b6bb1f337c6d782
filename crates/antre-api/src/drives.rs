//! Outreach drives: a group served on site, with its own capacity; members registered one by
//! one (safe to resend from a device that was offline) or from the leader's CSV list.

use crate::{ApplicationKind, BookingStatus};
use antre_domain::outreach::DriveKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DrivePlace {
    /// "Balai Desa Sukamaju", "SMA Negeri 1 Bekasi".
    #[schema(min_length = 1, max_length = 100, example = "Balai Desa Sukamaju")]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub address: String,
    #[schema(minimum = -90.0, maximum = 90.0, example = -6.3)]
    pub lat: f64,
    #[schema(minimum = -180.0, maximum = 180.0, example = 107.1)]
    pub lon: f64,
}

/// The group leader, the drive's contact person.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DriveLeader {
    #[schema(example = "Ahmad Saputra")]
    pub name: String,
    /// An Indonesian mobile number.
    #[schema(example = "081234567890")]
    pub phone: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DriveRequest {
    pub kind: DriveKind,
    /// What the group is: "Warga Desa Sukamaju", "Jemaah haji KBIH Al-Ikhlas 2027".
    #[schema(min_length = 1, max_length = 100, example = "Warga Desa Sukamaju")]
    pub name: String,
    pub place: DrivePlace,
    /// From today (at the office) to a year ahead.
    #[schema(example = "2026-12-12")]
    pub date: NaiveDate,
    /// Local time, `HH:MM`.
    #[schema(example = "08:00", pattern = "^[0-2][0-9]:[0-5][0-9]$")]
    pub starts: String,
    #[schema(example = "12:00", pattern = "^[0-2][0-9]:[0-5][0-9]$")]
    pub ends: String,
    /// The drive's own places (not the office's daily quota).
    #[schema(minimum = 1, maximum = 500, example = 50)]
    pub capacity: u32,
    pub leader: DriveLeader,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DriveView {
    pub id: Uuid,
    /// Short code printed on the roster and slips (also in the proofs' session).
    pub code: String,
    pub office_id: String,
    pub kind: DriveKind,
    pub name: String,
    pub place: DrivePlace,
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA zone of the serving office.
    pub time_zone: String,
    pub capacity: u32,
    /// Members holding a place.
    pub registered: u32,
    pub leader: DriveLeader,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DrivesQuery {
    /// First day (default: today at the office).
    pub from: Option<NaiveDate>,
    /// Last day, inclusive (default: a year after `from`).
    pub to: Option<NaiveDate>,
}

/// A member as captured on the device: `member_id` is chosen there once, so that sending the
/// same member again (after a lost connection) registers nobody twice.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct MemberInput {
    pub member_id: Uuid,
    /// As on the e-KTP (hajj drives: at least three words).
    #[schema(example = "Siti Aminah binti Ali")]
    pub name: String,
    pub birth_date: NaiveDate,
    #[schema(example = "3275014201600001")]
    pub nik: String,
    /// New, or replacement (`renewal`) of a passport.
    pub application_kind: ApplicationKind,
    #[serde(default)]
    #[ts(optional)]
    #[schema(example = "081234567890")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AddMembersRequest {
    #[schema(min_items = 1, max_items = 100)]
    pub members: Vec<MemberInput>,
}

/// What became of one member sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberOutcome {
    /// Registered (now, or by an earlier send of the same member): `member` holds the booking.
    Registered,
    /// The NIK holds an active booking (this drive, elsewhere, or earlier in this batch).
    DuplicateNik,
    /// A field is not valid: see `errors`.
    Invalid,
    /// No place is left in the drive.
    DriveFull,
    /// The officer reached the daily limit of registrations.
    LimitReached,
}

/// A fault of one field, with its message in the request's language.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct MemberResult {
    pub member_id: String,
    pub outcome: MemberOutcome,
    #[ts(optional)]
    pub member: Option<MemberView>,
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AddMembersResult {
    pub results: Vec<MemberResult>,
    pub registered: u32,
    /// Places left in the drive after this batch.
    pub remaining: u32,
}

/// A registered member: their booking at the drive, and its QR proof (bound to the person)
/// for the slip of someone without a phone.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct MemberView {
    pub id: Uuid,
    /// The id the device gave (or `import:<file digest>:<row>` for an imported row).
    pub member_id: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub nik_masked: String,
    pub application_kind: ApplicationKind,
    #[ts(optional)]
    pub phone: Option<String>,
    pub booking_id: Uuid,
    pub status: BookingStatus,
    /// The code the fee is paid with (on the roster and the slip).
    #[schema(example = "8801234567890123")]
    pub billing_code: String,
    /// The official fee, in rupiah.
    #[ts(type = "number")]
    pub fee_total: i64,
    /// Pay before this instant (the drive's start, or two hours after registering if later).
    pub payment_deadline: DateTime<Utc>,
    #[ts(optional)]
    pub queue_number: Option<u32>,
    /// `antre1.<payload>.<signature>` while the booking is valid.
    #[ts(optional)]
    pub proof: Option<String>,
    pub registered_at: DateTime<Utc>,
}

/// The drive with its members and their proofs: what the app prints (a roster and one slip
/// per member).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DriveRoster {
    pub drive: DriveView,
    pub members: Vec<MemberView>,
}

/// One row of a list that cannot be taken, with every field at fault.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RowError {
    /// The row as the spreadsheet numbers it (the header is row 1).
    #[ts(type = "number")]
    pub row: u64,
    pub errors: Vec<FieldError>,
}

/// A list refused as a whole (nothing of it was registered): the reason, and each row to fix.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ListRejected {
    pub code: String,
    pub message: String,
    pub rows: Vec<RowError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ImportResult {
    /// Members registered by this file (all of its rows).
    pub registered: u32,
    pub members: Vec<MemberView>,
    /// Places left in the drive.
    pub remaining: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CsvDelimiter {
    /// `;`, what Excel writes and reads in an Indonesian locale (the default).
    Semicolon,
    Comma,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    pub delimiter: Option<CsvDelimiter>,
}

/// How a hajj member and the religious-affairs office's list disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HajjMismatchKind {
    /// The same person spelled differently (after ignoring case, spaces, accents, punctuation).
    NameDiffers,
    BirthDateDiffers,
    /// A member the religious-affairs office does not list.
    NotOnPilgrimList,
    /// A pilgrim on the office's list who is not a member of the drive.
    NotInDrive,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct HajjMismatch {
    pub kind: HajjMismatchKind,
    #[ts(optional)]
    pub member: Option<HajjPerson>,
    #[ts(optional)]
    pub pilgrim: Option<HajjPilgrim>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct HajjPerson {
    pub id: Uuid,
    pub name: String,
    pub birth_date: NaiveDate,
    pub nik_masked: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct HajjPilgrim {
    #[ts(type = "number")]
    pub row: u64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub portion_number: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct HajjCheck {
    /// Members found on the list as they are.
    pub matched: u32,
    pub members: u32,
    pub pilgrims: u32,
    pub mismatches: Vec<HajjMismatch>,
}
