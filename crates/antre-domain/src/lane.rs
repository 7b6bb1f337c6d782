//! Lanes: the separate daily quotas an office serves. Services: what is applied for.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A queue with its own daily capacity at an office.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    Regular,
    /// "Percepatan": passport issued the same day, for an extra fee.
    SameDay,
    /// Elderly 60+, children under 5, disabled, pregnant.
    Priority,
}

impl Lane {
    pub const ALL: [Lane; 3] = [Lane::Regular, Lane::SameDay, Lane::Priority];

    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Regular => "regular",
            Lane::SameDay => "same_day",
            Lane::Priority => "priority",
        }
    }
}

impl fmt::Display for Lane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lane {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Lane::ALL.into_iter().find(|l| l.as_str() == s).ok_or(())
    }
}

/// What an office can do, as listed in `data/offices.csv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesOffered {
    pub regular: bool,
    pub same_day: bool,
    pub electronic: bool,
}

impl ServicesOffered {
    /// Parses `regular;same_day;electronic` (any subset).
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut s = ServicesOffered::default();
        for item in list.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            match item {
                "regular" => s.regular = true,
                "same_day" => s.same_day = true,
                "electronic" => s.electronic = true,
                other => return Err(format!("unknown service {other:?}")),
            }
        }
        Ok(s)
    }

    pub fn offers_lane(&self, lane: Lane) -> bool {
        match lane {
            Lane::Regular | Lane::Priority => self.regular,
            Lane::SameDay => self.same_day,
        }
    }
}
