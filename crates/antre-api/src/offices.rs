use crate::{IslandGroup, Lane, Zone};
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
    /// The island group of the province (what the `island` search scope covers). Always set
    /// by the server; optional so that copies saved by older app versions still load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub island: Option<IslandGroup>,
    /// IANA zone, e.g. `Asia/Makassar`.
    pub time_zone: String,
    pub zone: Zone,
    pub lat: f64,
    pub lon: f64,
    /// `office`: the coordinates are the building's; `city`: only the city centre (good for
    /// distances, not for finding the door).
    pub coord_precision: String,
    pub services: ServicesView,
    /// Street address as published by the office or the directorate; absent where no source
    /// gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub address: Option<String>,
    /// Service hours in the office's local time, as published; absent where not found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub opening_hours: Option<String>,
    /// The office's public phone number; absent where not found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    /// OpenStreetMap at the office's coordinates (zoomed to the town when they are only the
    /// city centre). Always set by the server; empty in copies saved by older app versions.
    #[serde(default)]
    pub map_url: String,
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
    /// Where the address, hours, phone and coordinates come from (URLs and dates) and which
    /// of them were not found.
    pub details_source: String,
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
