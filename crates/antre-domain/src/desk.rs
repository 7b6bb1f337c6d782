//! The office desk: who may walk in without a booking (the priority groups), checked against
//! what the NIK and the birth date say.

use crate::error::DomainError;
use crate::nik::{Nik, Sex};
use crate::person::age_on;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a person may walk in without a booking and be served in the day's priority quota.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalkInReason {
    /// 60 or older (from the birth date, which the NIK must agree with).
    Elderly,
    /// Under 5.
    #[serde(rename = "child_under_5")]
    ChildUnder5,
    /// Declared, seen by the officer; the NIK must be a woman's.
    Pregnant,
    /// Declared, seen by the officer.
    Disabled,
}

impl WalkInReason {
    pub const ALL: [WalkInReason; 4] = [
        WalkInReason::Elderly,
        WalkInReason::ChildUnder5,
        WalkInReason::Pregnant,
        WalkInReason::Disabled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WalkInReason::Elderly => "elderly",
            WalkInReason::ChildUnder5 => "child_under_5",
            WalkInReason::Pregnant => "pregnant",
            WalkInReason::Disabled => "disabled",
        }
    }

    pub fn parse(text: &str) -> Option<WalkInReason> {
        WalkInReason::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// Whether the person fits the priority group given, on `today` (the office's date).
pub fn check_walk_in(
    reason: WalkInReason,
    nik: &Nik,
    birth: NaiveDate,
    today: NaiveDate,
) -> Result<(), DomainError> {
    let age = age_on(birth, today);
    let fits = match reason {
        WalkInReason::Elderly => age >= 60,
        WalkInReason::ChildUnder5 => age < 5,
        WalkInReason::Pregnant => nik.encoded_birth().sex == Sex::Female && age >= 10,
        WalkInReason::Disabled => true,
    };
    if fits {
        Ok(())
    } else {
        Err(DomainError::WalkInNotEligible)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_group_is_checked_on_the_day() {
        let today = d(2026, 12, 4);
        let elderly = Nik::parse_with_birth_date("3275010412660001", d(1966, 12, 4)).unwrap();
        assert!(check_walk_in(WalkInReason::Elderly, &elderly, d(1966, 12, 4), today).is_ok());
        let almost = Nik::parse_with_birth_date("3275010512660001", d(1966, 12, 5)).unwrap();
        assert_eq!(
            check_walk_in(WalkInReason::Elderly, &almost, d(1966, 12, 5), today),
            Err(DomainError::WalkInNotEligible)
        );
        let child = Nik::parse_with_birth_date("3275010512210001", d(2021, 12, 5)).unwrap();
        assert!(check_walk_in(WalkInReason::ChildUnder5, &child, d(2021, 12, 5), today).is_ok());
        let five = Nik::parse_with_birth_date("3275010412210001", d(2021, 12, 4)).unwrap();
        assert!(check_walk_in(WalkInReason::ChildUnder5, &five, d(2021, 12, 4), today).is_err());
        let woman = Nik::parse_with_birth_date("3275015705900001", d(1990, 5, 17)).unwrap();
        let man = Nik::parse_with_birth_date("3275011705900001", d(1990, 5, 17)).unwrap();
        assert!(check_walk_in(WalkInReason::Pregnant, &woman, d(1990, 5, 17), today).is_ok());
        assert!(check_walk_in(WalkInReason::Pregnant, &man, d(1990, 5, 17), today).is_err());
        assert!(check_walk_in(WalkInReason::Disabled, &man, d(1990, 5, 17), today).is_ok());
    }

    #[test]
    fn reasons_have_one_name_each() {
        for r in WalkInReason::ALL {
            let json = serde_json::to_value(r).unwrap();
            assert_eq!(json, serde_json::Value::String(r.as_str().into()));
            assert_eq!(WalkInReason::parse(r.as_str()), Some(r));
        }
    }
}
