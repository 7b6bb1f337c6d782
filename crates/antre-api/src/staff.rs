use crate::{BookingStatus, Lane};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CheckInRequest {
    /// The QR proof as scanned: `antre1.<payload>.<signature>`, both base64url without padding
    /// (surrounding spaces are ignored).
    #[schema(pattern = r"^\s*antre1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}\s*$")]
    pub proof: String,
}

/// What the officer compares with the e-KTP in front of them.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RosterEntry {
    pub booking_id: Uuid,
    pub name: String,
    pub nik_masked: String,
    pub lane: Lane,
    pub session: String,
    pub status: BookingStatus,
    /// Money was received for this booking that must be paid back.
    #[serde(default)]
    pub refund_due: bool,
    /// The number the person is called by, once checked in (per lane and day).
    #[serde(default)]
    #[ts(optional)]
    pub queue_number: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RosterQuery {
    pub date: NaiveDate,
    pub lane: Option<Lane>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct NoShowSweepRequest {
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct NoShowSweepResult {
    #[ts(type = "number")]
    pub marked_no_show: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OfficeDayKind {
    /// The office does not serve this day (outage, renovation): no new bookings, and bookings
    /// already made may take the special reschedule.
    Closed,
    /// An announced extra service day (Saturday service, an event site).
    Extra,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OfficeDayRequest {
    pub kind: OfficeDayKind,
    /// Why, for the record (shown to staff and applicants): not blank, at most 500 characters
    /// (surrounding spaces are dropped), no U+0000.
    #[schema(min_length = 1, max_length = 500, example = "Gangguan sistem SIMKIM")]
    pub note: String,
}

/// Patterns worth an officer's look at one office, with the evidence. Nothing here punishes
/// anyone: the published rules (cool-downs, limits) apply by themselves; this is for people.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SuspiciousView {
    pub office_id: String,
    /// Over how many days the patterns were looked for.
    pub days: u32,
    pub accounts: Vec<BusyAccount>,
    pub lapsing: Vec<RepeatedLapses>,
    pub addresses: Vec<BusyAddress>,
}

/// An account that changed many applicants and books or enters here.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct BusyAccount {
    pub account_id: Uuid,
    pub added: u32,
    pub removed: u32,
    /// Distinct NIKs it booked or entered in draws at this office.
    pub people_here: u32,
}

/// A person whose unpaid holds here lapsed repeatedly.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RepeatedLapses {
    pub nik_masked: String,
    pub lapses: u32,
    #[ts(optional)]
    pub cooling_down_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// One client address (a keyed hash of it, never the address) behind many people's entries
/// or bookings here.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct BusyAddress {
    pub client_key: String,
    pub people: u32,
    pub entries: u32,
    pub bookings: u32,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Entries older than this id (the `next_before` of the previous page).
    pub before: Option<i64>,
    /// Entries per page (default 50, at most 200).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

/// One staff action, as recorded in the same transaction as the action.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AuditEntryView {
    #[ts(type = "number")]
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The staff member or admin (none for the server's own operator commands and jobs).
    #[ts(optional)]
    pub actor_account_id: Option<Uuid>,
    /// `staff`, `head`, `admin`, `operator` or `system`.
    pub actor_role: String,
    /// e.g. `booking.check_in`, `office_day.close`, `payment.counter`, `no_show.mark`.
    pub action: String,
    #[ts(optional)]
    pub target: Option<String>,
    #[ts(type = "Record<string, unknown>")]
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    /// Pass as `before` for the next (older) page; absent on the last.
    #[ts(optional, type = "number")]
    pub next_before: Option<i64>,
}
