//! The NIK as it is typed: the domain crate decides, this only adds "not finished yet".

use crate::types::{NikCheck, NikState};
use antre_domain::nik::{Nik, Sex};
use antre_domain::person::{age_on, priority_eligible, DeclaredNeeds};
use chrono::NaiveDate;

/// Checks a NIK in progress. Fewer than 16 digits is `Incomplete` unless something is already
/// wrong (a letter, an unknown province once two digits are in); with 16 the full rules apply,
/// and the entered birth date, when given, must agree with the NIK.
pub fn check_nik(input: &str, birth_date: Option<NaiveDate>, today: NaiveDate) -> NikCheck {
    let compact: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let digits = compact.chars().count() as u32;
    let invalid = |code: &str| NikCheck {
        state: NikState::Invalid,
        code: Some(code.to_owned()),
        digits,
        birth_date: None,
        age: None,
        priority_by_age: false,
        female: None,
    };
    if !compact.chars().all(|c| c.is_ascii_digit()) {
        return invalid("invalid_nik_digits");
    }
    if digits < 16 {
        // An unknown province can be told from the first two digits already.
        if digits >= 2 {
            let probe = format!("{}{}", &compact[..2], "0101010100001");
            let probe = format!("{probe:0<16}");
            if let Err(e) = Nik::parse(&probe[..16]) {
                if e.code() == "invalid_nik_province" {
                    return invalid(e.code());
                }
            }
        }
        return NikCheck {
            state: NikState::Incomplete,
            code: None,
            digits,
            birth_date: None,
            age: None,
            priority_by_age: false,
            female: None,
        };
    }
    let parsed = match birth_date {
        Some(b) => Nik::parse_with_birth_date(&compact, b),
        None => Nik::parse(&compact),
    };
    match parsed {
        Err(e) => invalid(e.code()),
        Ok(nik) => {
            let birth = birth_date.or_else(|| nik.birth_date_guess(today));
            let age = birth.map(|b| age_on(b, today));
            NikCheck {
                state: NikState::Valid,
                code: None,
                digits,
                birth_date: birth,
                age,
                priority_by_age: birth
                    .is_some_and(|b| priority_eligible(b, DeclaredNeeds::default(), today)),
                female: Some(nik.encoded_birth().sex == Sex::Female),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    const TODAY: fn() -> NaiveDate = || d(2026, 11, 24);

    #[test]
    fn each_fault_has_its_code_as_typed() {
        assert_eq!(check_nik("3275", None, TODAY()).state, NikState::Incomplete);
        assert_eq!(check_nik("3275", None, TODAY()).digits, 4);
        assert_eq!(
            check_nik("32a", None, TODAY()).code.as_deref(),
            Some("invalid_nik_digits")
        );
        assert_eq!(
            check_nik("99", None, TODAY()).code.as_deref(),
            Some("invalid_nik_province")
        );
        assert_eq!(
            check_nik("3275013202650001", None, TODAY()).code.as_deref(),
            Some("invalid_nik_birth_date")
        );
        assert_eq!(
            check_nik("3275011503650001", Some(d(1965, 3, 16)), TODAY())
                .code
                .as_deref(),
            Some("nik_birth_date_mismatch")
        );
    }

    #[test]
    fn age_and_priority_follow_from_the_nik() {
        let elder = check_nik("3275 0115 0361 0001", Some(d(1961, 3, 15)), TODAY());
        assert_eq!(elder.state, NikState::Valid);
        assert_eq!(elder.age, Some(65));
        assert!(elder.priority_by_age);
        assert_eq!(elder.female, Some(false));
        let adult = check_nik("3275015503900002", None, TODAY());
        assert_eq!(adult.birth_date, Some(d(1990, 3, 15)));
        assert!(!adult.priority_by_age);
        assert_eq!(adult.female, Some(true));
        let toddler = check_nik("3275011503240001", None, TODAY());
        assert_eq!(toddler.age, Some(2));
        assert!(toddler.priority_by_age);
    }
}
