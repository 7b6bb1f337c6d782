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
