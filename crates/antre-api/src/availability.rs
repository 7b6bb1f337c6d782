use crate::offices::OfficeSummary;
use crate::{IslandGroup, Lane, SearchScope};
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
    #[param(example = "2026-12-07")]
    pub from: NaiveDate,
    /// Inclusive; not before `from` and at most 62 days after it.
    #[param(example = "2026-12-31")]
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
    /// The slot is an event site of the office (a stadium, a mall): served there, not at the
    /// office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub event_site: Option<crate::desk::EventSitePlace>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotsQuery {
    pub lane: Option<Lane>,
}

#[derive(Debug, Clone, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Degrees, -90 to 90.
    #[param(minimum = -90.0, maximum = 90.0, example = -6.2383)]
    pub lat: f64,
    /// Degrees, -180 to 180.
    #[param(minimum = -180.0, maximum = 180.0, example = 106.9756)]
    pub lon: f64,
    #[param(example = "2026-12-07")]
    pub from: NaiveDate,
    /// Inclusive; not before `from` and at most 62 days after it.
    #[param(example = "2026-12-31")]
    pub to: NaiveDate,
    pub lane: Lane,
    /// Only offices issuing electronic passports.
    pub electronic: Option<bool>,
    /// How far to look (default `radius`). `province` and `island` cover the province or
    /// the island group of the office nearest the point, plus everything within 250 km;
    /// `nationwide` every office.
    pub scope: Option<SearchScope>,
    /// With the `radius` scope only: km around the point, 1 to 250 (default 50; the widening
    /// steps are 50, 100 and 250).
    #[param(minimum = 1.0, maximum = 250.0, example = 50.0)]
    pub radius_km: Option<f64>,
    /// How many offices: 1 to 100, default 20 (the server takes a value outside as the nearest
    /// bound).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<usize>,
}

/// An office's earliest bookable day in the range; results are ranked by date, then distance.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SearchHit {
    /// With `distance_km` from the point searched from.
    pub office: OfficeSummary,
    pub date: NaiveDate,
    pub remaining: u32,
    pub first_slot: SlotView,
    /// OpenStreetMap's route planner from the point searched from to the office (or to the
    /// event site, for a hit of one: `first_slot.event_site`; `office.distance_km` is then the
    /// distance to the site).
    pub directions_url: String,
}

/// The area a search covered, or the next wider one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SearchAreaView {
    pub scope: SearchScope,
    /// For the `radius` scope: the radius in km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub radius_km: Option<f64>,
    /// For the `province` scope: the province of the office nearest the point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub province: Option<String>,
    /// For the `island` scope: that province's island group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub island: Option<IslandGroup>,
}

/// What a search found, in which area, and the next wider area worth a tap.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SearchResult {
    pub area: SearchAreaView,
    /// The next step (`radius` 100 or 250, then `province`, `island`, `nationwide`) that
    /// covers an office this area does not; absent when none does. Ask again with its
    /// `scope` and `radius_km`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub wider: Option<SearchAreaView>,
    /// By earliest day with a place, then by distance.
    pub hits: Vec<SearchHit>,
}
