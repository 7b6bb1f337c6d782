//! The release draw and the waitlist, as the API shows them.

use crate::bookings::BookingApplicant;
use crate::{ApplicationKind, Lane, PassportKind, Validity};
pub use antre_domain::draw::Choice;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DrawStatus {
    /// Entries are taken between `opens_at` and `release_at`.
    Open,
    /// The release instant has passed and the draw is running.
    Drawing,
    /// Drawn: the seed and the order are published.
    Drawn,
}

/// The draw of one release instant (every office whose places are released then).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DrawView {
    pub id: Uuid,
    /// The release instant: entries close, the draw runs, leftover places open to everyone.
    pub release_at: DateTime<Utc>,
    /// Entries are taken from here until `release_at`.
    pub opens_at: DateTime<Utc>,
    pub status: DrawStatus,
    /// True while entries are taken (now between `opens_at` and `release_at`).
    pub accepting_entries: bool,
    /// SHA-256 of the seed (hex), published before entries open.
    pub commitment: String,
    /// The seed (hex), published once drawn.
    #[ts(optional)]
    pub seed: Option<String>,
    #[ts(type = "number")]
    pub entries: u64,
    /// Places in this release (all offices, all lanes).
    #[ts(type = "number")]
    pub places: u64,
    /// Entries that got a place.
    #[ts(type = "number")]
    pub placed: u64,
    #[ts(optional)]
    pub drawn_at: Option<DateTime<Utc>>,
}

/// How one office stands in a draw: what the app shows before it ("3,412 entries for 213
/// places").
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DrawOfficeView {
    pub draw_id: Uuid,
    pub office_id: String,
    /// Entries naming this office in any of their choices.
    #[ts(type = "number")]
    pub entries: u64,
    /// This office's places in the release (all lanes).
    #[ts(type = "number")]
    pub places: u64,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DrawsQuery {
    /// Draws releasing on or after this day (default: a week ago).
    pub from: Option<NaiveDate>,
    /// Draws releasing on or before this day (default: four weeks ahead; at most 62 days after
    /// `from`).
    pub to: Option<NaiveDate>,
}

/// An entry: for one applicant, one lane and service, up to three ranked choices.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct EntryRequest {
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    /// One to three, most wanted first.
    #[schema(min_items = 1, max_items = 3)]
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EntryOutcome {
    /// Not drawn yet.
    Pending,
    /// Got a place: `booking_id` is the booking, to be paid within the payment window.
    Placed,
    /// No place this time; the applicant is on the waitlist for the offices chosen.
    Waitlisted,
    /// Left out: the person already had an active booking or was cooling down.
    Skipped,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct EntryView {
    pub id: Uuid,
    pub draw_id: Uuid,
    pub release_at: DateTime<Utc>,
    pub applicant: BookingApplicant,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub choices: Vec<Choice>,
    /// SHA-256(salt ‖ id), hex: how this entry appears in the published order.
    pub digest: String,
    /// Hex; with `id`, lets the entrant check the digest is theirs (`scripts/verify_draw.py`).
    pub salt: String,
    pub outcome: EntryOutcome,
    /// Place in the drawn order (1 = first), once drawn.
    #[ts(optional, type = "number")]
    pub position: Option<u64>,
    #[ts(optional)]
    pub booking_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What anyone needs to check a draw (`scripts/verify_draw.py`).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DrawResult {
    pub draw_id: Uuid,
    pub release_at: DateTime<Utc>,
    pub commitment: String,
    pub seed: String,
    /// Entry digests, first drawn first.
    pub order: Vec<String>,
}

/// Join the waitlist: any freed place at these offices, on these days, in this lane.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct WaitlistRequest {
    pub applicant_id: Uuid,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    /// One to five offices.
    #[schema(min_items = 1, max_items = 5)]
    pub office_ids: Vec<String>,
    pub from: NaiveDate,
    /// At most 62 days after `from`.
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WaitlistStatus {
    Waiting,
    /// A place is offered: accept or decline before `offer.expires_at`.
    Offered,
    Booked,
    Left,
}

/// A freed place held for one person until `expires_at`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OfferView {
    pub id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub slot: crate::availability::SlotView,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct WaitlistView {
    pub id: Uuid,
    pub applicant: BookingApplicant,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub office_ids: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub status: WaitlistStatus,
    /// Why it ended (`booked`, `left`, `unresponsive`), if it did.
    #[ts(optional)]
    pub end_reason: Option<String>,
    /// People ahead in line for at least one of these offices (an indication; places free
    /// at any office pass down the line).
    #[ts(type = "number")]
    pub ahead: u64,
    #[ts(optional)]
    pub offer: Option<OfferView>,
    pub created_at: DateTime<Utc>,
}
