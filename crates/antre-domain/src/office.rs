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

/// The zone table, written once: every IANA name Indonesia's offices use and the civil zone it
/// belongs to. The app's reminders read it through [`Zone::of_name`]; the UI's
/// `ui/src/generated/zones.ts` is written from it (by `cargo test -p antre-api`).
pub const ZONE_NAMES: [(&str, Zone); 4] = [
    ("Asia/Jakarta", Zone::Wib),
    ("Asia/Pontianak", Zone::Wib),
    ("Asia/Makassar", Zone::Wita),
    ("Asia/Jayapura", Zone::Wit),
];

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Wib, Zone::Wita, Zone::Wit];

    /// The zone of an IANA name used in Indonesia; `None` for any other.
    pub fn of(tz: Tz) -> Option<Zone> {
        Self::of_name(tz.name())
    }

    /// The zone of an IANA name (`Asia/Makassar`) used in Indonesia; `None` for any other.
    pub fn of_name(name: &str) -> Option<Zone> {
        ZONE_NAMES.iter().find(|(n, _)| *n == name).map(|(_, z)| *z)
    }

    /// Hours ahead of UTC, the whole year (Indonesia keeps no daylight saving time).
    pub fn utc_offset_hours(self) -> i32 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
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
    /// Street address as the office or the directorate publishes it; `None` where no source
    /// gave one (`data/README.md`).
    pub address: Option<String>,
    /// Service hours in local time, as published; `None` where not found.
    pub opening_hours: Option<String>,
    /// The office's public phone number; `None` where not found.
    pub phone: Option<String>,
    /// Where the address, hours, phone and coordinates come from (URLs and dates), and what
    /// was not found.
    pub details_source: String,
}

impl Office {
    pub fn zone(&self) -> Zone {
        Zone::of(self.tz).expect("offices are only built with Indonesian zones")
    }

    /// The island group of the office's province.
    pub fn island(&self) -> Option<crate::area::IslandGroup> {
        crate::area::IslandGroup::of_province(&self.province)
    }

    /// Whether the coordinates are the building's own (else a city centre: good for "how
    /// far", not for finding the door).
    pub fn located_exactly(&self) -> bool {
        self.coord_precision == "office"
    }
}

/// A link to the point on OpenStreetMap, zoomed to a street where the point is the office
/// itself and to the town where it is only a city centre.
pub fn map_url(lat: f64, lon: f64, exact: bool) -> String {
    let zoom = if exact { 18 } else { 13 };
    format!(
        "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map={zoom}/{lat:.5}/{lon:.5}"
    )
}

/// A link to OpenStreetMap's route planner from one point to another.
pub fn directions_url(from_lat: f64, from_lon: f64, to_lat: f64, to_lon: f64) -> String {
    format!(
        "https://www.openstreetmap.org/directions?route={from_lat:.5}%2C{from_lon:.5}%3B{to_lat:.5}%2C{to_lon:.5}"
    )
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
    fn distances_are_symmetric_and_grow_with_separation() {
        let bekasi = (-6.2383, 106.9756);
        let jakarta = (-6.2088, 106.8456);
        let jayapura = (-2.5337, 140.7181);
        let there = distance_km(bekasi.0, bekasi.1, jayapura.0, jayapura.1);
        let back = distance_km(jayapura.0, jayapura.1, bekasi.0, bekasi.1);
        assert!((there - back).abs() < 1e-9);
        assert!((3700.0..3900.0).contains(&there), "{there}");
        assert!(distance_km(bekasi.0, bekasi.1, jakarta.0, jakarta.1) < there);
        // A degree of latitude is about 111 km anywhere.
        let degree = distance_km(0.0, 120.0, 1.0, 120.0);
        assert!((110.0..112.5).contains(&degree), "{degree}");
    }

    #[test]
    fn map_links_point_at_the_office() {
        assert_eq!(
            map_url(-6.2383, 106.9756, true),
            "https://www.openstreetmap.org/?mlat=-6.23830&mlon=106.97560#map=18/-6.23830/106.97560"
        );
        assert!(map_url(-6.2383, 106.9756, false).contains("#map=13/"));
        assert_eq!(
            directions_url(-6.2, 106.9, -6.3, 107.0),
            "https://www.openstreetmap.org/directions?route=-6.20000%2C106.90000%3B-6.30000%2C107.00000"
        );
    }

    #[test]
    fn zones() {
        assert_eq!(Zone::of(Tz::Asia__Pontianak), Some(Zone::Wib));
        assert_eq!(Zone::of(Tz::Asia__Makassar).map(Zone::label), Some("WITA"));
        assert_eq!(Zone::of(Tz::Europe__London), None);
        assert_eq!(Zone::of_name("Asia/Jayapura"), Some(Zone::Wit));
        assert_eq!(Zone::of_name("Asia/Singapore"), None);
    }

    /// The table agrees with the time-zone database: each name is a real zone whose offset is
    /// its zone's, in January and July of several years (no daylight saving), and every zone
    /// has a name.
    #[test]
    fn zone_table_matches_the_tz_database() {
        use chrono::{NaiveDate, Offset, TimeZone};
        for (name, zone) in ZONE_NAMES {
            let tz: Tz = name.parse().expect(name);
            assert_eq!(Zone::of(tz), Some(zone));
            for (y, m) in [(2020, 1), (2020, 7), (2026, 1), (2026, 7), (2030, 12)] {
                let day = NaiveDate::from_ymd_opt(y, m, 15).unwrap();
                let offset = tz.offset_from_utc_date(&day).fix().local_minus_utc();
                assert_eq!(offset, zone.utc_offset_hours() * 3600, "{name} {y}-{m}");
            }
        }
        for zone in Zone::ALL {
            assert!(ZONE_NAMES.iter().any(|(_, z)| *z == zone), "{zone:?}");
        }
    }
}
