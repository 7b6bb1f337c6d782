//! Values exchanged with the UI that are the app's own (the API's types come from antre-api).
//! TypeScript twins are generated into `ui/src/generated/app/` by `cargo test -p antre-app-core`.

use antre_api::accounts::AccountView;
use antre_api::bookings::{BookingView, FeeLineView};
use antre_api::draws::{EntryView, WaitlistView};
use antre_api::{ApplicationKind, Lane, PassportKind, SearchScope, Validity};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The languages of the UI; `antre_i18n::Locale` on the Rust side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "app/")]
pub enum UiLocale {
    Id,
    En,
}

impl From<UiLocale> for antre_i18n::Locale {
    fn from(l: UiLocale) -> Self {
        match l {
            UiLocale::Id => antre_i18n::Locale::Id,
            UiLocale::En => antre_i18n::Locale::En,
        }
    }
}

impl From<antre_i18n::Locale> for UiLocale {
    fn from(l: antre_i18n::Locale) -> Self {
        match l {
            antre_i18n::Locale::Id => UiLocale::Id,
            antre_i18n::Locale::En => UiLocale::En,
        }
    }
}

/// How large the app's text is, over the system's size (WCAG 1.4.4 asks for 200% without
/// loss of content or function).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "app/")]
pub enum TextSize {
    /// 100%.
    #[default]
    Normal,
    /// 125%.
    Large,
    /// 150%.
    Larger,
    /// 200%.
    Largest,
}

impl TextSize {
    pub const ALL: [TextSize; 4] = [
        TextSize::Normal,
        TextSize::Large,
        TextSize::Larger,
        TextSize::Largest,
    ];

    pub fn percent(self) -> u16 {
        match self {
            TextSize::Normal => 100,
            TextSize::Large => 125,
            TextSize::Larger => 150,
            TextSize::Largest => 200,
        }
    }
}

/// What the user chose; persisted in the app's data folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct Settings {
    /// `null`: follow the system language.
    pub locale: Option<UiLocale>,
    #[serde(default)]
    pub text_size: TextSize,
    /// The on/off "large text" (125%) of earlier versions: read from an old settings file
    /// (see [`Settings::upgraded`]), never written.
    #[serde(default, rename = "large_text", skip_serializing)]
    #[ts(skip)]
    pub(crate) old_large_text: bool,
    /// Start Antre when the user logs in to the computer (desktop; off unless chosen), so
    /// reminders arrive without opening the app.
    #[serde(default)]
    pub start_at_login: bool,
    /// The app asked once (after the first booking) whether to start at login; it does not
    /// ask again.
    #[serde(default)]
    pub start_at_login_offered: bool,
}

impl Settings {
    /// A settings file of an earlier version in today's terms ("large text" on: 125%).
    pub fn upgraded(mut self) -> Self {
        if std::mem::take(&mut self.old_large_text) && self.text_size == TextSize::Normal {
            self.text_size = TextSize::Large;
        }
        self
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct AppInfo {
    pub version: String,
    pub server_url: String,
    /// The language in effect (the setting, else the system's, else Indonesian).
    pub locale: UiLocale,
    pub settings: Settings,
    /// False when the OS has no usable keyring: the session then lives in memory only.
    pub keyring_available: bool,
    /// `desktop` or `mobile`.
    pub platform: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct SessionInfo {
    pub account: AccountView,
    pub expires_at: DateTime<Utc>,
    /// True when the token is in the OS keyring and survives a restart.
    pub persisted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "app/")]
pub enum NikState {
    /// Fewer than 16 digits so far and nothing wrong yet.
    Incomplete,
    Valid,
    Invalid,
}

/// The NIK as typed, checked by `antre_domain::nik` on every keystroke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct NikCheck {
    pub state: NikState,
    /// API error code of the fault (`invalid_nik_length`, `nik_birth_date_mismatch`, ...).
    #[ts(optional)]
    pub code: Option<String>,
    pub digits: u32,
    /// The birth date the NIK encodes (with the entered date settling the century).
    #[ts(optional)]
    pub birth_date: Option<NaiveDate>,
    #[ts(optional)]
    pub age: Option<u32>,
    /// 60+ or under 5 today: the priority lane follows from the NIK alone.
    pub priority_by_age: bool,
    /// `true` for a woman (day + 40); shown to help spot a swapped NIK.
    #[ts(optional)]
    pub female: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct BookingsSnapshot {
    pub bookings: Vec<BookingView>,
    /// When the list last came from the server (`null`: never).
    #[ts(optional)]
    pub fetched_at: Option<DateTime<Utc>>,
    /// True when the server could not be reached and this is the saved copy.
    pub offline: bool,
    /// Bookings sent but not yet answered (kept with their idempotency key; resent safely).
    pub pending: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct FeePreviewRequest {
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub lane: Lane,
    /// The applicant's age, to list the documents that apply.
    pub age: u32,
    /// Married applicants under 17 may take 10-year validity.
    pub married: bool,
    /// Whether the office issues electronic passports.
    pub electronic_offered: bool,
}

/// The official fee (PP 45/2024) and the documents, before booking.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct FeePreview {
    pub lines: Vec<FeeLineView>,
    #[ts(type = "number")]
    pub total: i64,
    /// Fluent ids (`doc-*`).
    pub documents: Vec<String>,
    /// What this applicant may choose at this office (a form offers nothing else).
    pub passport_kinds: Vec<PassportKind>,
    pub validities: Vec<Validity>,
    /// Under 17: both parents come to the appointment.
    pub parents_attend: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct ProofQr {
    /// The QR code as an SVG document (dark modules on white).
    pub svg: String,
    /// Checked against the saved public key that the proof names: `null` when that key is not
    /// saved (yet).
    #[ts(optional)]
    pub verified: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct SearchParams {
    pub lat: f64,
    pub lon: f64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub lane: Lane,
    #[ts(optional)]
    pub electronic: Option<bool>,
    /// How far to look: a radius (default, 50 km), the province, the island group or all of
    /// Indonesia. "Widen the search" sends the `wider` area of the last result.
    #[ts(optional)]
    pub scope: Option<SearchScope>,
    /// With the `radius` scope only: 1 to 250 km.
    #[ts(optional)]
    pub radius_km: Option<f64>,
    #[ts(optional)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct ExportResult {
    pub path: String,
}

/// What the system's save dialog offers for a file the app writes (see
/// [`crate::App::slip_save_offer`]); stays in Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOffer {
    /// The proposed file: folder and name.
    pub path: std::path::PathBuf,
    /// The dialog's title.
    pub title: String,
    /// The name of the file filter ("Dokumen PDF").
    pub filter: String,
}

/// How far the server's clock is ahead of this device's (negative: behind). Release instants,
/// payment deadlines and "today" at an office are the server's; a phone with a wrong clock
/// still shows them right.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct ServerClock {
    #[ts(type = "number")]
    pub offset_ms: i64,
    /// False until the server has answered once (the offset is then 0).
    pub synced: bool,
}

/// The account's draw entries and places in line: from the server, or the saved copy offline.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct FairReleaseSnapshot {
    pub entries: Vec<EntryView>,
    pub waitlist: Vec<WaitlistView>,
    /// When the lists last came from the server (`null`: never).
    #[ts(optional)]
    pub fetched_at: Option<DateTime<Utc>>,
    /// True when the server could not be reached and this is the saved copy.
    pub offline: bool,
}

/// What this device checked of a published draw: the same checks as `scripts/verify_draw.py`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct DrawCheck {
    pub draw_id: Uuid,
    /// SHA-256 of the seed, published before entries opened (hex).
    pub commitment: String,
    /// The seed, published after the draw (hex).
    pub seed: String,
    /// SHA-256 of the published seed is the published commitment.
    pub seed_matches_commitment: bool,
    /// The published commitment is the one this device saw before the draw (`null`: it did
    /// not see the draw before it ran).
    #[ts(optional)]
    pub commitment_as_seen_before: Option<bool>,
    /// The published order is exactly the one the seed gives (nobody was moved).
    pub order_verified: bool,
    /// Entries in the published order.
    #[ts(type = "number")]
    pub entries: u64,
    /// This account's entries in the draw, found in the order by their digest.
    pub mine: Vec<CheckedEntry>,
    /// Where anyone can fetch the published result.
    pub result_url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct CheckedEntry {
    pub entry_id: Uuid,
    pub applicant_name: String,
    pub digest: String,
    pub salt: String,
    /// SHA-256(salt ‖ entry id) is the digest: the entry is this one.
    pub digest_matches: bool,
    /// Place of the digest in the published order (1 = first).
    #[ts(optional, type = "number")]
    pub position: Option<u64>,
}

/// Why a session ended without the user signing out on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "app/")]
pub enum SessionEndReason {
    /// The server no longer accepts it: signed out from another device, the password was
    /// reset, or unused for 30 days.
    Rejected,
    /// It reached its 90-day limit on this device.
    Expired,
}

/// A session that ended here without signing out: the sign-in page says so, and the saved
/// bookings with their QR codes stay readable until someone signs in.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct EndedSession {
    pub email: String,
    pub ended_at: DateTime<Utc>,
    pub reason: SessionEndReason,
    /// Saved bookings still ahead (active and not over).
    pub upcoming_saved: u32,
}

/// A password as typed, against the server's rules (`antre_domain::person`), for the checklist
/// shown before submitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct PasswordCheck {
    /// Characters typed.
    pub chars: u32,
    pub min_chars: u32,
    /// At least `min_chars` characters (and not over the byte limit).
    pub long_enough: bool,
    /// Kinds present among lower case, upper case, digits, others.
    pub kinds: u32,
    pub min_kinds: u32,
    pub enough_kinds: bool,
    /// The server will take it.
    pub acceptable: bool,
}

/// What became of a request to delete the account.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct AccountDeletion {
    /// Deleted; this device has forgotten the account too.
    pub deleted: bool,
    /// When refused: the active bookings that must end first (cancel, or after the visit).
    pub active_bookings: Vec<BookingView>,
}

/// What a queued write does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "app/")]
pub enum QueuedWriteKind {
    Booking,
    Cancel,
}

/// A write made offline, waiting to be sent (with its idempotency key) once the server answers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct QueuedWriteView {
    pub idempotency_key: String,
    pub kind: QueuedWriteKind,
    /// The booking a cancel is for.
    #[ts(optional)]
    pub booking_id: Option<Uuid>,
    /// Whose booking (from the saved copy), to name it.
    #[ts(optional)]
    pub applicant_name: Option<String>,
    pub made_at: DateTime<Utc>,
}

/// A queued write the server refused when it was sent: shown until the user dismisses it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct RefusedWrite {
    pub idempotency_key: String,
    pub kind: QueuedWriteKind,
    #[ts(optional)]
    pub booking_id: Option<Uuid>,
    #[ts(optional)]
    pub applicant_name: Option<String>,
    /// The server's answer (its code names the Fluent message).
    pub error: crate::AppError,
    pub made_at: DateTime<Utc>,
    pub refused_at: DateTime<Utc>,
}

/// The queue of offline writes, and whether the server answered the last request.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct WriteQueueStatus {
    /// `null`: nothing asked yet in this run.
    #[ts(optional)]
    pub online: Option<bool>,
    pub queued: Vec<QueuedWriteView>,
    pub refused: Vec<RefusedWrite>,
}

/// A leader's list sent to a drive: registered whole, or refused with each row to fix.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "app/")]
pub enum ImportAnswer {
    Imported(antre_api::drives::ImportResult),
    Rejected(antre_api::drives::ListRejected),
}

/// The religious-affairs office's list compared with a hajj drive, or refused with its rows.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "app/")]
pub enum HajjAnswer {
    Checked(antre_api::drives::HajjCheck),
    Rejected(antre_api::drives::ListRejected),
}

/// A member as the outreach officer types them on the device (offline or not). `member_id` is
/// chosen when the form opens and kept until the member is captured, so a double tap captures
/// once and a fix of a member found invalid replaces it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct CaptureRequest {
    pub member_id: Uuid,
    pub name: String,
    /// `YYYY-MM-DD` (empty: missing, said so).
    pub birth_date: String,
    pub nik: String,
    pub application_kind: ApplicationKind,
    #[serde(default)]
    #[ts(optional)]
    pub phone: Option<String>,
}

/// One captured member and what became of them: `outcome` is `None` while waiting to be sent;
/// `invalid` with `decided_on_device` when the device found faults (never sent).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct CapturedMemberView {
    pub member_id: Uuid,
    pub name: String,
    pub nik_masked: String,
    pub captured_at: DateTime<Utc>,
    pub outcome: Option<antre_api::drives::MemberOutcome>,
    pub decided_on_device: bool,
    pub errors: Vec<antre_api::drives::FieldError>,
    /// The registration (booking, proof) once registered.
    #[ts(optional)]
    pub member: Option<antre_api::drives::MemberView>,
}

/// The members captured on this device for one drive: how many, how many wait to be sent, how
/// many the server answered, each with its outcome.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct CaptureStatus {
    pub drive_id: Uuid,
    pub captured: u32,
    pub pending: u32,
    pub sent: u32,
    /// Whether the server answered the last request (`null`: nothing asked yet).
    pub online: Option<bool>,
    /// The server refused the last batch as a whole (the members stay waiting).
    #[ts(optional)]
    pub refused: Option<crate::error::AppError>,
    pub members: Vec<CapturedMemberView>,
}

/// What a capture gave: the member as kept on the device (with faults found there), and the
/// drive's captures after it was sent if the server answered.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct CaptureAnswer {
    pub member: CapturedMemberView,
    pub status: CaptureStatus,
}
