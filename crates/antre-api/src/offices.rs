use crate::{Lane, Zone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ServicesView {
    pub regular: bool,
    pub same_day: bool,
    pub electronic: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OfficeSummary {
    pub id: String,
    pub name: String,
    pub class: String,
    pub city: String,
    pub province: String,
    /// IANA zone, e.g. `Asia/Makassar`.
    pub time_zone: String,
    pub zone: Zone,
    pub lat: f64,
    pub lon: f64,
    /// `city`: coordinates are the city centre, not the building.
    pub coord_precision: String,
    pub services: ServicesView,
    /// Set when the request gave a point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub distance_km: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LaneQuota {
    pub lane: Lane,
    pub daily: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OfficeDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub office: OfficeSummary,
    /// Daily sessions in local time, e.g. `08:00-10:00`.
    pub sessions: Vec<String>,
    /// e.g. `weekly:fri:14:00` or `monthly:09:00` (local time).
    pub release_policy: String,
    pub quotas: Vec<LaneQuota>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NearbyQuery {
    /// Degrees, -90 to 90.
    #[param(minimum = -90.0, maximum = 90.0, example = -6.2383)]
    pub lat: f64,
    /// Degrees, -180 to 180.
    #[param(minimum = -180.0, maximum = 180.0, example = 106.9756)]
    pub lon: f64,
    /// How many offices, nearest first: 1 to 50, default 10 (the server takes a value outside
    /// as the nearest bound).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<usize>,
}
