use crate::offices::OfficeSummary;
use crate::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

/// Send with an `Idempotency-Key` header: a retry with the same key returns the same booking.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CreateBookingRequest {
    pub applicant_id: Uuid,
    #[ts(type = "number")]
    pub slot_id: i64,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RescheduleRequest {
    #[ts(type = "number")]
    pub slot_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct FeeLineView {
    /// Fluent message id of the label, e.g. `fee-ordinary-5y`.
    pub item: String,
    #[ts(type = "number")]
    pub rupiah: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct BookingApplicant {
    pub id: Uuid,
    pub name: String,
    pub nik_masked: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct BookingView {
    pub id: Uuid,
    pub status: BookingStatus,
    pub applicant: BookingApplicant,
    pub office: OfficeSummary,
    #[ts(type = "number")]
    pub slot_id: i64,
    pub date: NaiveDate,
    pub session: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub lane: Lane,
    pub passport_kind: PassportKind,
    pub validity: Validity,
    pub application_kind: ApplicationKind,
    pub fee_lines: Vec<FeeLineView>,
    #[ts(type = "number")]
    pub fee_total: i64,
    /// Pay this code at a bank or e-wallet before `payment_deadline`.
    pub billing_code: String,
    pub payment_deadline: DateTime<Utc>,
    /// Fluent ids of the documents to bring (`doc-*`).
    pub documents: Vec<String>,
    pub reschedules_left: u32,
    /// Signed QR proof (present once paid); verifiable offline with the key of `/v1/proof/keys`
    /// its `kid` names.
    #[ts(optional)]
    pub proof: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Every payment received for this booking, including ones owed back.
    #[serde(default)]
    pub payments: Vec<PaymentView>,
    /// Money received that could not be applied and is owed back (rupiah; 0 if none).
    #[serde(default)]
    #[ts(type = "number")]
    pub refund_due: i64,
    /// How the booking was made.
    #[serde(default)]
    pub source: BookingSource,
    /// Set when the office asks applicants to reconfirm their attendance the day before.
    #[serde(default)]
    #[ts(optional)]
    pub attendance: Option<AttendanceView>,
    /// Why the booking ended, when the system ended it.
    #[serde(default)]
    #[ts(optional)]
    pub end_reason: Option<EndReason>,
    /// What the holder may do now, by the server's rules (the app shows these, never re-derives
    /// them).
    #[serde(default)]
    pub actions: BookingActions,
    /// A closure or disruption declared for the booking's office and time: why, and when
    /// service is expected back. The booking may then take the one-tap special reschedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub disruption: Option<crate::disruptions::BookingDisruption>,
    /// The booking is at an event site of the office (a stadium): go there, not to the office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub event_site: Option<crate::desk::EventSitePlace>,
}

/// The actions on a booking, each allowed now or refused with the error code its request
/// would get.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct BookingActions {
    pub cancel: ActionRule,
    pub reschedule: ActionRule,
    /// A reschedule now is the special one after a closure: it does not use up the ordinary
    /// one and may go to another office or lane.
    pub reschedule_special: bool,
    pub confirm_attendance: ActionRule,
    /// After check-in: rate the visit (once).
    #[serde(default)]
    pub rate_visit: ActionRule,
    /// After check-in: report being asked to pay beyond the official fee (once; may be
    /// anonymous).
    #[serde(default)]
    pub report_integrity: ActionRule,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ActionRule {
    pub allowed: bool,
    /// The error code the action would be refused with (`error-<code>` in Fluent).
    #[serde(default)]
    #[ts(optional)]
    pub refused: Option<String>,
}

impl ActionRule {
    pub fn from_check<T>(check: Result<T, &'static str>) -> ActionRule {
        match check {
            Ok(_) => ActionRule {
                allowed: true,
                refused: None,
            },
            Err(code) => ActionRule {
                allowed: false,
                refused: Some(code.to_string()),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BookingSource {
    /// Booked first come, first served.
    #[default]
    Direct,
    /// Won in a release draw.
    Draw,
    /// Accepted from a waitlist offer.
    Waitlist,
    /// A priority walk-in registered at an office's desk (filed under the office, not the
    /// officer).
    WalkIn,
    /// A member of an outreach drive (filed under the office, not the officer).
    Drive,
}

impl BookingSource {
    /// From the stored `bookings.source`.
    pub fn from_stored(text: &str) -> BookingSource {
        match text {
            "draw" => BookingSource::Draw,
            "waitlist" => BookingSource::Waitlist,
            "walk_in" => BookingSource::WalkIn,
            "drive" => BookingSource::Drive,
            _ => BookingSource::Direct,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EndReason {
    /// Attendance was not reconfirmed by the office's deadline; the place went to the waitlist.
    NotReconfirmed,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AttendanceView {
    /// Confirm by this instant (the office's local time the day before), or the booking is
    /// released to the people waiting.
    pub confirm_by: DateTime<Utc>,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaymentOutcome {
    /// Paid in time: the booking is confirmed.
    Applied,
    /// Paid after the deadline while the place was still free: confirmed after all.
    Reinstated,
    /// Could not be applied; the money is owed back.
    RefundDue,
}

/// Why a payment is owed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RefundReason {
    UnknownBillingCode,
    WrongAmount,
    AlreadyPaid,
    Cancelled,
    PlaceTaken,
    PersonRebooked,
    NotReconfirmed,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PaymentView {
    #[ts(type = "number")]
    pub amount: i64,
    pub received_at: DateTime<Utc>,
    pub outcome: PaymentOutcome,
    #[ts(optional)]
    pub refund_reason: Option<RefundReason>,
}

/// The answer to a payment provider's callback: the payment is recorded whatever its outcome.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PaymentReceipt {
    pub outcome: PaymentOutcome,
    #[ts(optional)]
    pub refund_reason: Option<RefundReason>,
    #[ts(optional)]
    pub booking_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ProofKeyView {
    /// The key's id, which every proof it signs names (`kid` in the payload): the first 8 bytes
    /// of SHA-256 over the raw public key, lowercase hex.
    pub kid: String,
    pub algorithm: String,
    /// Raw 32-byte Ed25519 public key, base64url without padding.
    pub public_key: String,
}

/// A key that has signed booking proofs. Keys stay listed after rotation: proofs they signed
/// still verify.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RegisteredProofKey {
    /// The id that proofs signed with this key name (`kid` in the payload).
    pub kid: String,
    pub algorithm: String,
    /// Raw 32-byte Ed25519 public key, base64url without padding.
    pub public_key: String,
    /// When a server first signed with this key.
    pub first_used_at: DateTime<Utc>,
    /// Whether the server that answered signs new proofs with this key.
    pub current: bool,
}

/// What a payment provider posts when a billing code is paid. Signed with HMAC-SHA256 over the
/// raw body in the `X-Antre-Signature` header (hex).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PaymentCallback {
    pub billing_code: String,
    #[ts(type = "number")]
    pub amount: i64,
    /// The provider's id of the payment: not blank, at most 128 bytes. A retry with the same
    /// reference returns the first answer.
    #[schema(min_length = 1, max_length = 128)]
    pub provider_reference: String,
}
