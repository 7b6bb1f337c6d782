use crate::offices::OfficeSummary;
use crate::Lane;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LaneRemaining {
    pub lane: Lane,
    pub capacity: u32,
    pub remaining: u32,
}

/// Why a day that would be a working day has no service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClosureKind {
    /// The office closed the day (system outage, renovation, a withdrawn extra day).
    Office,
    /// A national holiday or cuti bersama.
    Holiday,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DayClosure {
    pub kind: ClosureKind,
    /// The office's note or the holiday's name (in the request's language).
    pub reason: String,
}

/// One calendar day at an office: open or not, released or not, places left per lane.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DayAvailability {
    pub date: NaiveDate,
    /// The office serves applicants that day (false on weekends, holidays and closures).
    pub service_day: bool,
    /// Set when the day is closed for a reason worth telling (not for a plain weekend).
    #[ts(optional)]
    pub closure: Option<DayClosure>,
    #[ts(optional)]
    pub released_at: Option<DateTime<Utc>>,
    /// The draw of this day's release, while it is still to be drawn: its places go to the
    /// people who enter it, not to the fastest (`/v1/draws/{id}`).
    #[serde(default)]
    #[ts(optional)]
    pub draw_id: Option<uuid::Uuid>,
    /// Places per lane; none are left on a closed day or in sessions that have begun.
    pub lanes: Vec<LaneRemaining>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OfficeCalendar {
    pub office_id: String,
    pub time_zone: String,
    pub days: Vec<DayAvailability>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    pub from: NaiveDate,
    /// Inclusive; at most 62 days after `from`.
    pub to: NaiveDate,
}

/// One lane of one session of one day: the unit a booking takes a place in.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SlotView {
    #[ts(type = "number")]
    pub slot_id: i64,
    pub office_id: String,
    pub date: NaiveDate,
    pub lane: Lane,
    /// Local time, e.g. `08:00-10:00`.
    pub session: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub capacity: u32,
    pub remaining: u32,
    pub released_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotsQuery {
    pub lane: Option<Lane>,
}

#[derive(Debug, Clone, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    pub lat: f64,
    pub lon: f64,
    pub from: NaiveDate,
    /// Inclusive; at most 62 days after `from`.
    pub to: NaiveDate,
    pub lane: Lane,
    /// Only offices issuing electronic passports.
    pub electronic: Option<bool>,
    /// Only offices within this many km (default: all of Indonesia).
    pub radius_km: Option<f64>,
    /// Default 20, max 100.
    pub limit: Option<usize>,
}

/// An office's earliest bookable day in the range; results are ranked by date, then distance.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SearchHit {
    pub office: OfficeSummary,
    pub date: NaiveDate,
    pub remaining: u32,
    pub first_slot: SlotView,
}
