//! Disruptions and closures (declared by admins for any scope, by an office's head for their
//! office), the public status of every office, and the notices sent to the people affected.

use crate::Zone;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use antre_domain::disruption::{DisruptionKind, DisruptionReason, OfficeState};

/// Where a declaration applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DisruptionScope {
    /// One office (`office_id`).
    Office,
    /// Every office of a province (`province`, as the offices list names it).
    Province,
    /// Every office in Indonesia.
    National,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeclareDisruptionRequest {
    pub scope: DisruptionScope,
    /// Required for the `office` scope.
    #[serde(default)]
    #[ts(optional)]
    #[schema(max_length = 100, example = "kanim-bekasi")]
    pub office_id: Option<String>,
    /// Required for the `province` scope.
    #[serde(default)]
    #[ts(optional)]
    #[schema(max_length = 100, example = "Jawa Barat")]
    pub province: Option<String>,
    pub kind: DisruptionKind,
    pub reason: DisruptionReason,
    /// What applicants read, in the office's words (1 to 500 characters).
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Server pusat SIMKIM tidak dapat diakses."
    )]
    pub note: String,
    /// From when; now if absent.
    #[serde(default)]
    #[ts(optional)]
    pub starts_at: Option<DateTime<Utc>>,
    /// When service is expected back; absent when nobody knows yet.
    #[serde(default)]
    #[ts(optional)]
    pub expected_end: Option<DateTime<Utc>>,
}

/// An update of a declaration: a new expected end (or none: unknown again), a note, or
/// service restored. Every update is kept.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DisruptionUpdateRequest {
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Perbaikan diperkirakan selesai Kamis."
    )]
    pub note: String,
    /// The new expected end; absent: unknown.
    #[serde(default)]
    #[ts(optional)]
    pub expected_end: Option<DateTime<Utc>>,
    /// Service is back: the office takes bookings again.
    #[serde(default)]
    pub restored: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DisruptionUpdateKind {
    Declared,
    Updated,
    Restored,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DisruptionUpdateView {
    pub at: DateTime<Utc>,
    pub kind: DisruptionUpdateKind,
    #[serde(default)]
    #[ts(optional)]
    pub expected_end: Option<DateTime<Utc>>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DisruptionView {
    pub id: Uuid,
    pub scope: DisruptionScope,
    #[serde(default)]
    #[ts(optional)]
    pub office_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub province: Option<String>,
    pub kind: DisruptionKind,
    pub reason: DisruptionReason,
    /// The reason in the reader's language.
    pub reason_text: String,
    /// The latest note.
    pub note: String,
    pub starts_at: DateTime<Utc>,
    #[serde(default)]
    #[ts(optional)]
    pub expected_end: Option<DateTime<Utc>>,
    #[serde(default)]
    #[ts(optional)]
    pub restored_at: Option<DateTime<Utc>>,
    /// In force now (begun, not restored, expected end not passed).
    pub in_force: bool,
    /// The offices it covers.
    pub offices: u32,
    /// The bookings it stranded when declared or last extended.
    pub affected_bookings: u32,
    /// Every update, oldest first (the declaration is the first).
    pub history: Vec<DisruptionUpdateView>,
}

/// What a booking's holder reads on the booking itself while a declaration covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct BookingDisruption {
    pub id: Uuid,
    pub kind: DisruptionKind,
    pub reason: DisruptionReason,
    pub note: String,
    /// Absent: not known yet.
    #[serde(default)]
    #[ts(optional)]
    pub expected_end: Option<DateTime<Utc>>,
}

/// One office on the public status page.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OfficeStatusView {
    pub office_id: String,
    pub name: String,
    pub province: String,
    pub time_zone: String,
    pub zone: Zone,
    pub state: OfficeState,
    /// The declarations in force or announced (not restored, not past their expected end).
    pub current: Vec<DisruptionView>,
    /// Earlier declarations (restored or ended), newest first, at most 10.
    pub history: Vec<DisruptionView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ServiceStatus {
    pub generated_at: DateTime<Utc>,
    pub offices: Vec<OfficeStatusView>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    /// Only this office.
    #[param(max_length = 100)]
    pub office: Option<String>,
    /// The page's language (`id` or `en`); else `Accept-Language`.
    #[param(max_length = 10)]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NotificationKind {
    /// A declaration now covers the booking.
    Disrupted,
    /// The declaration covering the booking changed (new expected end, note).
    DisruptionUpdated,
    /// Service is back at the booking's office.
    ServiceRestored,
    /// After check-in: how was the visit, and was anything asked beyond the official fee?
    VisitFeedback,
}

/// A notice for the signed-in account, rendered in the request's language.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct NotificationView {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: NotificationKind,
    #[serde(default)]
    #[ts(optional)]
    pub booking_id: Option<Uuid>,
    #[serde(default)]
    #[ts(optional)]
    pub disruption: Option<BookingDisruption>,
    pub title: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationsQuery {
    /// Only notices after this id (what the app saw last).
    #[param(minimum = 0)]
    pub after: Option<i64>,
}
