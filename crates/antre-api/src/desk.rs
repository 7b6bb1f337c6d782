//! The office desk: the day by lane and hour with arrivals, check-in by the QR proof, priority
//! walk-ins, extra places for a day and event sites.

use crate::bookings::BookingSource;
use crate::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_domain::desk::WalkInReason;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeskQuery {
    /// The office's local date (default: today at the office).
    #[param(example = "2026-12-08")]
    pub date: Option<NaiveDate>,
}

/// Where a person on the day's list stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Arrival {
    /// Paid, not here yet.
    Expected,
    /// Checked in, with a queue number.
    Arrived,
    /// Not paid yet (holds the place until the payment deadline).
    Unpaid,
    /// The session ended without them.
    NoShow,
    /// Cancelled or lapsed, kept on the list for money owed back.
    Ended,
}

/// One person on the desk's list: what the officer compares with the e-KTP, and how far they got.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeskEntry {
    pub booking_id: Uuid,
    pub name: String,
    pub nik_masked: String,
    pub lane: Lane,
    /// The session as on the proof (`08:00-12:00`; an event site or drive adds its name or code).
    pub session: String,
    pub starts_at: DateTime<Utc>,
    pub status: BookingStatus,
    pub arrival: Arrival,
    /// The number the person is called by (per lane, or per drive, and day), once here.
    #[ts(optional)]
    pub queue_number: Option<u32>,
    #[ts(optional)]
    pub checked_in_at: Option<DateTime<Utc>>,
    pub source: BookingSource,
    /// For a walk-in: the priority group they came in under.
    #[ts(optional)]
    pub walk_in_reason: Option<WalkInReason>,
    /// A walk-in the office served beyond the day's priority quota (recorded).
    #[serde(default)]
    pub beyond_quota: bool,
    /// Money was received for this booking that must be paid back.
    #[serde(default)]
    pub refund_due: bool,
}

/// The people of one hour (the local hour their session starts).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeskHour {
    /// Local time, `08:00`.
    pub hour: String,
    pub entries: Vec<DeskEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeskLane {
    pub lane: Lane,
    /// Places of the day in this lane (extra places and beyond-quota walk-ins included).
    pub capacity: u32,
    /// Places taken (booked, arrived or walked in).
    pub taken: u32,
    pub arrived: u32,
    pub expected: u32,
    pub hours: Vec<DeskHour>,
}

/// An office's day at the desk, by lane and hour.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeskDay {
    pub office_id: String,
    pub date: NaiveDate,
    /// IANA zone of the office; hours are local to it.
    pub time_zone: String,
    pub lanes: Vec<DeskLane>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeskCheckInRequest {
    /// The QR proof as scanned by the camera, typed by a USB scanner, or typed by hand
    /// (surrounding spaces are ignored).
    #[schema(pattern = r"^\s*antre1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}\s*$")]
    pub proof: String,
    /// The NIK on the e-KTP presented, when the officer enters or scans it: a proof of another
    /// person is then refused (`proof_other_person`). Never stored.
    #[serde(default)]
    #[ts(optional)]
    #[schema(example = "3275014101900001")]
    pub nik: Option<String>,
}

/// A priority walk-in: registered at the desk into today's priority quota. Send with an
/// `Idempotency-Key` header; a retry returns the same registration.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct WalkInRequest {
    #[schema(example = "3275010412660001")]
    pub nik: String,
    /// As on the e-KTP.
    #[schema(example = "Siti Aminah")]
    pub name: String,
    pub birth_date: NaiveDate,
    pub reason: WalkInReason,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    /// When the priority quota is used up, serve the person anyway (the office's choice; the
    /// walk-in is recorded as beyond the quota). Without it a full quota is refused.
    #[serde(default)]
    pub beyond_quota: bool,
}

/// Extra places for one lane of an office-day, shared over the sessions that have not ended.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct QuotaReleaseRequest {
    pub lane: Lane,
    #[schema(minimum = 1, maximum = 2000)]
    pub places: u32,
    /// Why, for the record: not blank, at most 500 characters.
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Antrean panjang: layanan diperpanjang"
    )]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SessionPlaces {
    pub session: String,
    #[ts(type = "number")]
    pub slot_id: i64,
    pub added: u32,
    pub capacity: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct QuotaReleaseView {
    pub id: Uuid,
    pub office_id: String,
    pub date: NaiveDate,
    pub lane: Lane,
    pub places: u32,
    pub sessions: Vec<SessionPlaces>,
}

/// A place outside the office where it serves the public on one day with a capacity of its
/// own (a stadium, a mall): booked like any place, found by search and calendars.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct EventSiteRequest {
    #[schema(
        min_length = 1,
        max_length = 100,
        example = "Stadion Patriot Candrabhaga"
    )]
    pub name: String,
    #[schema(minimum = -90.0, maximum = 90.0)]
    pub lat: f64,
    #[schema(minimum = -180.0, maximum = 180.0)]
    pub lon: f64,
    pub date: NaiveDate,
    /// Local time, `HH:MM`.
    #[schema(example = "08:00", pattern = "^[0-2][0-9]:[0-5][0-9]$")]
    pub starts: String,
    #[schema(example = "16:00", pattern = "^[0-2][0-9]:[0-5][0-9]$")]
    pub ends: String,
    #[schema(minimum = 1, maximum = 10000, example = 1075)]
    pub capacity: u32,
    /// When its places are released (then drawn, like every release): default now.
    #[serde(default)]
    #[ts(optional)]
    pub release_at: Option<DateTime<Utc>>,
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Layanan paspor akhir pekan"
    )]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct EventSiteView {
    pub id: Uuid,
    pub office_id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub date: NaiveDate,
    /// Short code, part of the session label (`08:00-16:00 EV-7K2MQ4PA`).
    pub code: String,
    #[ts(type = "number")]
    pub slot_id: i64,
    pub session: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: u32,
    /// When its places were (or will be) released; a release in the future is drawn at that
    /// instant, like every release.
    pub released_at: DateTime<Utc>,
    /// The draw of that release, while it is still to be drawn.
    #[ts(optional)]
    pub draw_id: Option<Uuid>,
}

/// Where a place of an event site is: shown on its slot, the search hit and the booking
/// (and so on the slip) instead of the office's own address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct EventSitePlace {
    pub id: Uuid,
    #[schema(example = "Stadion Patriot Candrabhaga")]
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}
