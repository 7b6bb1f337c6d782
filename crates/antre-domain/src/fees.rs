//! Official fees (PP 45/2024, in force December 2024). Shown on every confirmation so that
//! applicants know the exact amount and never pay anyone else.

use crate::error::DomainError;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassportKind {
    Ordinary,
    Electronic,
}

#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    FiveYears,
    TenYears,
}

/// Why the passport is applied for; decides surcharges and documents.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    New,
    Renewal,
    Lost,
    Damaged,
}

impl PassportKind {
    /// The stored name (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            PassportKind::Ordinary => "ordinary",
            PassportKind::Electronic => "electronic",
        }
    }
}

impl Validity {
    /// The stored name (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::FiveYears => "five_years",
            Validity::TenYears => "ten_years",
        }
    }
}

impl ApplicationKind {
    /// The stored name (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationKind::New => "new",
            ApplicationKind::Renewal => "renewal",
            ApplicationKind::Lost => "lost",
            ApplicationKind::Damaged => "damaged",
        }
    }
}

/// One line of the bill; `item` is the Fluent message id of its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLine {
    pub item: &'static str,
    pub rupiah: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeBreakdown {
    pub lines: Vec<FeeLine>,
}

impl FeeBreakdown {
    pub fn total(&self) -> i64 {
        self.lines.iter().map(|l| l.rupiah).sum()
    }
}

/// 10-year validity is only for applicants of 17 or older, or married.
pub fn check_validity(validity: Validity, age: u32, married: bool) -> Result<(), DomainError> {
    match validity {
        Validity::TenYears if age < crate::documents::ADULT_AGE && !married => {
            Err(DomainError::TenYearNotAllowed)
        }
        _ => Ok(()),
    }
}

/// The validities an applicant may choose, so that a form never offers one the server refuses.
pub fn validities_for(age: u32, married: bool) -> Vec<Validity> {
    [Validity::FiveYears, Validity::TenYears]
        .into_iter()
        .filter(|v| check_validity(*v, age, married).is_ok())
        .collect()
}

pub fn official_fee(
    kind: PassportKind,
    validity: Validity,
    application: ApplicationKind,
    same_day: bool,
) -> FeeBreakdown {
    let base = match (kind, validity) {
        (PassportKind::Ordinary, Validity::FiveYears) => FeeLine {
            item: "fee-ordinary-5y",
            rupiah: 350_000,
        },
        (PassportKind::Ordinary, Validity::TenYears) => FeeLine {
            item: "fee-ordinary-10y",
            rupiah: 650_000,
        },
        (PassportKind::Electronic, Validity::FiveYears) => FeeLine {
            item: "fee-electronic-5y",
            rupiah: 650_000,
        },
        (PassportKind::Electronic, Validity::TenYears) => FeeLine {
            item: "fee-electronic-10y",
            rupiah: 950_000,
        },
    };
    let mut lines = vec![base];
    if same_day {
        lines.push(FeeLine {
            item: "fee-same-day",
            rupiah: 1_000_000,
        });
    }
    match application {
        ApplicationKind::Lost => lines.push(FeeLine {
            item: "fee-lost",
            rupiah: 1_000_000,
        }),
        ApplicationKind::Damaged => lines.push(FeeLine {
            item: "fee-damaged",
            rupiah: 500_000,
        }),
        ApplicationKind::New | ApplicationKind::Renewal => {}
    }
    FeeBreakdown { lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_serdes_names() {
        fn serde_name<T: Serialize>(value: T) -> String {
            serde_json::to_value(value)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        }
        for kind in [PassportKind::Ordinary, PassportKind::Electronic] {
            assert_eq!(kind.as_str(), serde_name(kind));
        }
        for validity in [Validity::FiveYears, Validity::TenYears] {
            assert_eq!(validity.as_str(), serde_name(validity));
        }
        for kind in [
            ApplicationKind::New,
            ApplicationKind::Renewal,
            ApplicationKind::Lost,
            ApplicationKind::Damaged,
        ] {
            assert_eq!(kind.as_str(), serde_name(kind));
        }
    }

    #[test]
    fn matches_pp_45_2024() {
        use ApplicationKind::*;
        use PassportKind::*;
        use Validity::*;
        assert_eq!(
            official_fee(Ordinary, FiveYears, New, false).total(),
            350_000
        );
        assert_eq!(
            official_fee(Ordinary, TenYears, Renewal, false).total(),
            650_000
        );
        assert_eq!(
            official_fee(Electronic, FiveYears, New, false).total(),
            650_000
        );
        assert_eq!(
            official_fee(Electronic, TenYears, New, true).total(),
            1_950_000
        );
        assert_eq!(
            official_fee(Ordinary, FiveYears, Lost, false).total(),
            1_350_000
        );
        assert_eq!(
            official_fee(Electronic, TenYears, Damaged, true).total(),
            2_450_000
        );
    }

    #[test]
    fn ten_years_needs_adulthood_or_marriage() {
        assert!(check_validity(Validity::TenYears, 16, false).is_err());
        assert!(check_validity(Validity::TenYears, 16, true).is_ok());
        assert!(check_validity(Validity::TenYears, 17, false).is_ok());
        assert!(check_validity(Validity::FiveYears, 3, false).is_ok());
    }

    #[test]
    fn ten_years_is_offered_from_17_or_when_married() {
        use Validity::*;
        assert_eq!(validities_for(16, false), vec![FiveYears]);
        assert_eq!(validities_for(16, true), vec![FiveYears, TenYears]);
        assert_eq!(validities_for(17, false), vec![FiveYears, TenYears]);
    }
}
