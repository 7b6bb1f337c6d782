//! Immigration offices (Kantor Imigrasi) and their time zones.

use crate::lane::ServicesOffered;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Indonesia's three civil time zones. Appointments are always shown with this label.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Zone {
    #[serde(rename = "WIB")]
    Wib,
    #[serde(rename = "WITA")]
    Wita,
    #[serde(rename = "WIT")]
    Wit,
}

impl Zone {
    /// The zone of an IANA name used in Indonesia; `None` for any other.
    pub fn of(tz: Tz) -> Option<Zone> {
        match tz {
            Tz::Asia__Jakarta | Tz::Asia__Pontianak => Some(Zone::Wib),
            Tz::Asia__Makassar => Some(Zone::Wita),
            Tz::Asia__Jayapura => Some(Zone::Wit),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    pub id: String,
    pub name: String,
    pub class: String,
    pub city: String,
    pub province: String,
    pub tz: Tz,
    pub lat: f64,
    pub lon: f64,
    /// `city` when only the city centre is known, `office` for the building itself.
    pub coord_precision: String,
    pub services: ServicesOffered,
    pub source: String,
}

impl Office {
    pub fn zone(&self) -> Zone {
        Zone::of(self.tz).expect("offices are only built with Indonesian zones")
    }
}

/// Great-circle distance in kilometres (haversine; the error against the ellipsoid is far below
/// what "nearest office" needs).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jakarta_to_bekasi_is_about_20_km() {
        let km = distance_km(-6.2088, 106.8456, -6.2383, 106.9756);
        assert!((14.0..20.0).contains(&km), "{km}");
        assert_eq!(distance_km(1.0, 2.0, 1.0, 2.0), 0.0);
    }

    #[test]
    fn zones() {
        assert_eq!(Zone::of(Tz::Asia__Pontianak), Some(Zone::Wib));
        assert_eq!(Zone::of(Tz::Asia__Makassar).map(Zone::label), Some("WITA"));
        assert_eq!(Zone::of(Tz::Europe__London), None);
    }
}
