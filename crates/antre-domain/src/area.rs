//! Where "near me" looks: a radius around the applicant's point, widened one step at a time
//! (50, 100, 250 km), then the applicant's province, their island group, all of Indonesia.
//!
//! Each step contains the one before it: the province step is "within 250 km, or anywhere in
//! my province", the island step "within 250 km, or anywhere on my island group". So widening
//! never drops an office that was already offered (a Bekasi applicant widening to "the
//! province" keeps the Jakarta offices next door, which are in another province).
//!
//! The applicant's province is the province of the office nearest to their point: offices are
//! spread over every province that has one, and no province boundaries are needed.

use serde::{Deserialize, Serialize};

/// The seven island groups Indonesia is usually divided into (as in BPS statistics). Small
/// islands belong to the group of their province: Riau Islands and Bangka Belitung to Sumatra,
/// Bali with Nusa Tenggara.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IslandGroup {
    Sumatra,
    Java,
    /// Bali, West and East Nusa Tenggara.
    BaliNusaTenggara,
    Kalimantan,
    Sulawesi,
    Maluku,
    Papua,
}

impl IslandGroup {
    /// The island group of a province, by its Indonesian name as in `data/offices.csv`
    /// (38 provinces since the 2022 split of Papua). `None` for any other name.
    pub fn of_province(province: &str) -> Option<IslandGroup> {
        use IslandGroup::*;
        Some(match province {
            "Aceh"
            | "Sumatera Utara"
            | "Sumatera Barat"
            | "Riau"
            | "Kepulauan Riau"
            | "Jambi"
            | "Sumatera Selatan"
            | "Bengkulu"
            | "Kepulauan Bangka Belitung"
            | "Lampung" => Sumatra,
            "Banten" | "DKI Jakarta" | "Jawa Barat" | "Jawa Tengah" | "DI Yogyakarta"
            | "Jawa Timur" => Java,
            "Bali" | "Nusa Tenggara Barat" | "Nusa Tenggara Timur" => BaliNusaTenggara,
            "Kalimantan Barat" | "Kalimantan Tengah" | "Kalimantan Selatan"
            | "Kalimantan Timur" | "Kalimantan Utara" => Kalimantan,
            "Sulawesi Utara" | "Gorontalo" | "Sulawesi Tengah" | "Sulawesi Barat"
            | "Sulawesi Selatan" | "Sulawesi Tenggara" => Sulawesi,
            "Maluku" | "Maluku Utara" => Maluku,
            "Papua" | "Papua Barat" | "Papua Barat Daya" | "Papua Tengah" | "Papua Selatan"
            | "Papua Pegunungan" => Papua,
            _ => return None,
        })
    }
}

/// How far a search looks.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SearchScope {
    /// Within a radius of the point (`radius_km`, default 50).
    #[default]
    Radius,
    /// Within 250 km, or anywhere in the province of the office nearest the point.
    Province,
    /// Within 250 km, or anywhere on the island group of that province.
    Island,
    /// Every office in Indonesia.
    Nationwide,
}

/// The radius a search uses when none is given.
pub const DEFAULT_RADIUS_KM: f64 = 50.0;
/// The radius steps a search widens through before it turns to the province.
pub const RADIUS_STEPS_KM: [f64; 3] = [50.0, 100.0, 250.0];
/// Radii a request may ask for: beyond the widest step, the province, island and nationwide
/// scopes take over (each of them contains the widest radius, so widening never drops an
/// office).
pub const MIN_RADIUS_KM: f64 = 1.0;
pub const MAX_RADIUS_KM: f64 = RADIUS_STEPS_KM[RADIUS_STEPS_KM.len() - 1];

/// A search area: a scope, with its radius when the scope is a radius.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SearchArea {
    Radius(f64),
    Province,
    Island,
    Nationwide,
}

/// Why a requested area was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaError {
    /// Not a number from 1 to 250 km.
    RadiusOutOfRange,
    /// A radius given with a scope that is not a radius.
    RadiusWithoutRadiusScope,
}

/// Where an office is, as far as search areas are concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OfficePlace<'a> {
    pub distance_km: f64,
    pub province: &'a str,
}

impl SearchArea {
    /// The area a request asks for: the scope (default: a radius) and, for a radius scope
    /// only, the radius (default 50 km).
    pub fn parse(scope: Option<SearchScope>, radius_km: Option<f64>) -> Result<Self, AreaError> {
        match (scope.unwrap_or_default(), radius_km) {
            (SearchScope::Radius, None) => Ok(SearchArea::Radius(DEFAULT_RADIUS_KM)),
            (SearchScope::Radius, Some(r)) => {
                if r.is_finite() && (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(&r) {
                    Ok(SearchArea::Radius(r))
                } else {
                    Err(AreaError::RadiusOutOfRange)
                }
            }
            (_, Some(_)) => Err(AreaError::RadiusWithoutRadiusScope),
            (SearchScope::Province, None) => Ok(SearchArea::Province),
            (SearchScope::Island, None) => Ok(SearchArea::Island),
            (SearchScope::Nationwide, None) => Ok(SearchArea::Nationwide),
        }
    }

    pub fn scope(self) -> SearchScope {
        match self {
            SearchArea::Radius(_) => SearchScope::Radius,
            SearchArea::Province => SearchScope::Province,
            SearchArea::Island => SearchScope::Island,
            SearchArea::Nationwide => SearchScope::Nationwide,
        }
    }

    pub fn radius_km(self) -> Option<f64> {
        match self {
            SearchArea::Radius(r) => Some(r),
            _ => None,
        }
    }

    /// Whether an office lies in this area, for an applicant whose province (the province of
    /// the office nearest them) is `home`.
    pub fn contains(self, office: OfficePlace<'_>, home: &str) -> bool {
        let widest_radius = MAX_RADIUS_KM;
        match self {
            SearchArea::Radius(r) => office.distance_km <= r,
            SearchArea::Province => office.distance_km <= widest_radius || office.province == home,
            SearchArea::Island => {
                office.distance_km <= widest_radius
                    || (IslandGroup::of_province(office.province).is_some()
                        && IslandGroup::of_province(office.province)
                            == IslandGroup::of_province(home))
            }
            SearchArea::Nationwide => true,
        }
    }

    /// The steps wider than this one, nearest first: the radius steps above this radius, then
    /// the province, the island group, all of Indonesia.
    pub fn wider_steps(self) -> Vec<SearchArea> {
        let mut steps: Vec<SearchArea> = RADIUS_STEPS_KM
            .iter()
            .map(|r| SearchArea::Radius(*r))
            .collect();
        steps.extend([
            SearchArea::Province,
            SearchArea::Island,
            SearchArea::Nationwide,
        ]);
        let rank = |a: SearchArea| match a {
            SearchArea::Radius(r) => (0, r),
            SearchArea::Province => (1, 0.0),
            SearchArea::Island => (2, 0.0),
            SearchArea::Nationwide => (3, 0.0),
        };
        let here = rank(self);
        steps
            .into_iter()
            .filter(|s| {
                let there = rank(*s);
                there.0 > here.0 || (there.0 == here.0 && there.1 > here.1)
            })
            .collect()
    }

    /// The next step that reaches an office this area does not: the one a "widen the search"
    /// button moves to. `None` when no wider step adds an office.
    pub fn next_wider<'a>(self, offices: &[OfficePlace<'a>], home: &str) -> Option<SearchArea> {
        let here = offices.iter().filter(|o| self.contains(**o, home)).count();
        self.wider_steps()
            .into_iter()
            .find(|step| offices.iter().filter(|o| step.contains(**o, home)).count() > here)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_province_has_an_island_group() {
        let provinces = [
            ("Aceh", IslandGroup::Sumatra),
            ("Kepulauan Riau", IslandGroup::Sumatra),
            ("Kepulauan Bangka Belitung", IslandGroup::Sumatra),
            ("Lampung", IslandGroup::Sumatra),
            ("DKI Jakarta", IslandGroup::Java),
            ("Banten", IslandGroup::Java),
            ("DI Yogyakarta", IslandGroup::Java),
            ("Bali", IslandGroup::BaliNusaTenggara),
            ("Nusa Tenggara Timur", IslandGroup::BaliNusaTenggara),
            ("Kalimantan Utara", IslandGroup::Kalimantan),
            ("Gorontalo", IslandGroup::Sulawesi),
            ("Maluku Utara", IslandGroup::Maluku),
            ("Papua Pegunungan", IslandGroup::Papua),
            ("Papua Barat Daya", IslandGroup::Papua),
        ];
        for (province, group) in provinces {
            assert_eq!(
                IslandGroup::of_province(province),
                Some(group),
                "{province}"
            );
        }
        assert_eq!(IslandGroup::of_province("Johor"), None);
        assert_eq!(IslandGroup::of_province(""), None);
    }

    #[test]
    fn requests_parse_to_areas() {
        assert_eq!(SearchArea::parse(None, None), Ok(SearchArea::Radius(50.0)));
        assert_eq!(
            SearchArea::parse(Some(SearchScope::Radius), Some(100.0)),
            Ok(SearchArea::Radius(100.0))
        );
        assert_eq!(
            SearchArea::parse(Some(SearchScope::Island), None),
            Ok(SearchArea::Island)
        );
        for bad in [0.0, 0.5, -3.0, 250.5, f64::NAN, f64::INFINITY] {
            assert_eq!(
                SearchArea::parse(None, Some(bad)),
                Err(AreaError::RadiusOutOfRange),
                "{bad}"
            );
        }
        assert_eq!(
            SearchArea::parse(Some(SearchScope::Province), Some(50.0)),
            Err(AreaError::RadiusWithoutRadiusScope)
        );
    }

    #[test]
    fn steps_widen_in_order() {
        assert_eq!(
            SearchArea::Radius(50.0).wider_steps(),
            vec![
                SearchArea::Radius(100.0),
                SearchArea::Radius(250.0),
                SearchArea::Province,
                SearchArea::Island,
                SearchArea::Nationwide
            ]
        );
        assert_eq!(
            SearchArea::Radius(60.0).wider_steps()[0],
            SearchArea::Radius(100.0)
        );
        assert_eq!(
            SearchArea::Radius(250.0).wider_steps()[0],
            SearchArea::Province
        );
        assert!(SearchArea::Nationwide.wider_steps().is_empty());
    }

    #[test]
    fn wider_skips_steps_that_add_nothing() {
        let offices = [
            OfficePlace {
                distance_km: 10.0,
                province: "Jawa Barat",
            },
            OfficePlace {
                distance_km: 20.0,
                province: "DKI Jakarta",
            },
            OfficePlace {
                distance_km: 600.0,
                province: "Jawa Timur",
            },
            OfficePlace {
                distance_km: 3700.0,
                province: "Papua",
            },
        ];
        let home = "Jawa Barat";
        // Nothing lies between 50 and 250 km, nor further in the province: the next step
        // that adds an office is the island group (Java), then all of Indonesia.
        assert_eq!(
            SearchArea::Radius(50.0).next_wider(&offices, home),
            Some(SearchArea::Island)
        );
        assert_eq!(
            SearchArea::Island.next_wider(&offices, home),
            Some(SearchArea::Nationwide)
        );
        assert_eq!(SearchArea::Nationwide.next_wider(&offices, home), None);
        // The province keeps the neighbours of another province that are within 250 km.
        assert!(SearchArea::Province.contains(offices[1], home));
        assert!(!SearchArea::Province.contains(offices[2], home));
        assert!(SearchArea::Island.contains(offices[2], home));
        assert!(!SearchArea::Island.contains(offices[3], home));
    }

    proptest! {
        /// Every wider step contains every office of the steps before it.
        #[test]
        fn wider_steps_never_drop_an_office(
            distance in 0.0f64..5000.0,
            province in prop::sample::select(vec!["Jawa Barat", "DKI Jakarta", "Papua", "Bali", "Riau"]),
            home in prop::sample::select(vec!["Jawa Barat", "Papua", "Lampung"]),
            radius in 1.0f64..=250.0,
        ) {
            let office = OfficePlace { distance_km: distance, province };
            let start = SearchArea::Radius(radius);
            let mut inside = start.contains(office, home);
            for step in start.wider_steps() {
                let now = step.contains(office, home);
                prop_assert!(now || !inside, "{step:?} dropped an office");
                inside = now;
            }
            prop_assert!(inside, "all of Indonesia contains every office");
        }
    }
}
