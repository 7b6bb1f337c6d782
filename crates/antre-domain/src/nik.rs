//! The NIK (Nomor Induk Kependudukan): 16 digits = province (2) + regency (2) + district (2)
//! + birth date DDMMYY (day + 40 for women) + serial (4).
//!
//! A `Nik` is personal data: its `Debug` and `Display` show only the masked form, so a stray
//! `tracing::info!(?nik)` cannot leak it. The full number is reachable only through `expose()`.

use crate::error::DomainError;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Province codes (Kemendagri). 91-96 are the Papua provinces after the 2022 split; NIKs issued
/// before it keep 91/92, which stay valid.
const PROVINCE_CODES: &[u8] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Nik([u8; 16]);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// The birth date as the NIK encodes it: day, month and a two-digit year (no century).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodedBirth {
    pub day: u32,
    pub month: u32,
    pub year_2: u32,
    pub sex: Sex,
}

impl Nik {
    /// Parses the 16 digits on their own: length, digits, province and a birth date that can
    /// exist in some century. Spaces and dots that people type between groups are ignored.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let compact: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        if compact.chars().count() != 16 {
            return Err(DomainError::NikLength);
        }
        let mut digits = [0u8; 16];
        for (slot, c) in digits.iter_mut().zip(compact.chars()) {
            *slot = c.to_digit(10).ok_or(DomainError::NikDigits)? as u8;
        }
        let nik = Nik(digits);
        if !PROVINCE_CODES.contains(&nik.province_code()) {
            return Err(DomainError::NikProvince);
        }
        let birth = nik.encoded_birth();
        // 29 February needs a leap year in one of the two candidate centuries.
        let exists = [1900, 2000].iter().any(|c| {
            NaiveDate::from_ymd_opt(c + birth.year_2 as i32, birth.month, birth.day).is_some()
        });
        if !exists {
            return Err(DomainError::NikBirthDate);
        }
        Ok(nik)
    }

    /// Parses and checks that the NIK agrees with the birth date the person entered, which also
    /// settles the century the NIK leaves open.
    pub fn parse_with_birth_date(input: &str, birth_date: NaiveDate) -> Result<Self, DomainError> {
        let nik = Self::parse(input)?;
        let b = nik.encoded_birth();
        let agrees = b.day == birth_date.day()
            && b.month == birth_date.month()
            && b.year_2 == (birth_date.year().rem_euclid(100)) as u32;
        if agrees {
            Ok(nik)
        } else {
            Err(DomainError::NikBirthDateMismatch)
        }
    }

    pub fn province_code(&self) -> u8 {
        self.0[0] * 10 + self.0[1]
    }

    pub fn encoded_birth(&self) -> EncodedBirth {
        let two = |i: usize| u32::from(self.0[i]) * 10 + u32::from(self.0[i + 1]);
        let raw_day = two(6);
        let (day, sex) = if raw_day > 40 {
            (raw_day - 40, Sex::Female)
        } else {
            (raw_day, Sex::Male)
        };
        EncodedBirth {
            day,
            month: two(8),
            year_2: two(10),
            sex,
        }
    }

    /// The birth date with the most recent century that is not after `today`. Only for when no
    /// birth date was entered; prefer `parse_with_birth_date`.
    pub fn birth_date_guess(&self, today: NaiveDate) -> Option<NaiveDate> {
        let b = self.encoded_birth();
        let recent = NaiveDate::from_ymd_opt(2000 + b.year_2 as i32, b.month, b.day);
        match recent {
            Some(d) if d <= today => Some(d),
            _ => NaiveDate::from_ymd_opt(1900 + b.year_2 as i32, b.month, b.day),
        }
    }

    /// The full 16 digits. Call only where the number must leave the process on purpose
    /// (storage, the applicant's own view); never in logs.
    pub fn expose(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// "3275••••••••••01": the region and the last two digits, enough for an officer to compare
    /// with an e-KTP and for a family to tell members apart, not enough to reuse.
    pub fn masked(&self) -> String {
        let full = self.expose();
        format!("{}{}{}", &full[..4], "•".repeat(10), &full[14..])
    }
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn decodes_a_man_and_a_woman() {
        let man = Nik::parse("3275011503650001").unwrap();
        assert_eq!(
            man.encoded_birth(),
            EncodedBirth {
                day: 15,
                month: 3,
                year_2: 65,
                sex: Sex::Male
            }
        );
        let woman = Nik::parse("3275015503650002").unwrap();
        assert_eq!(woman.encoded_birth().sex, Sex::Female);
        assert_eq!(woman.encoded_birth().day, 15);
        assert!(Nik::parse_with_birth_date("3275015503650002", d(1965, 3, 15)).is_ok());
    }

    #[test]
    fn each_fault_has_its_own_error() {
        assert_eq!(Nik::parse("327501150365000"), Err(DomainError::NikLength));
        assert_eq!(Nik::parse("32750115036500a1"), Err(DomainError::NikDigits));
        assert_eq!(
            Nik::parse("9975011503650001"),
            Err(DomainError::NikProvince)
        );
        assert_eq!(
            Nik::parse("3275013202650001"),
            Err(DomainError::NikBirthDate)
        );
        assert_eq!(
            Nik::parse("3275017203650001"),
            Err(DomainError::NikBirthDate)
        );
        assert_eq!(
            Nik::parse_with_birth_date("3275011503650001", d(1965, 3, 16)),
            Err(DomainError::NikBirthDateMismatch)
        );
    }

    #[test]
    fn accepts_grouped_input_and_leap_days() {
        assert!(Nik::parse("3275 0115 0365 0001").is_ok());
        assert!(Nik::parse("3275012902000001").is_ok()); // 29 Feb 2000
        assert!(Nik::parse("3275012902010001").is_err()); // 29 Feb 1901/2001 never existed
    }

    #[test]
    fn never_shows_the_full_number_when_formatted() {
        let nik = Nik::parse("3275011503650001").unwrap();
        assert_eq!(nik.masked(), "3275••••••••••01");
        assert!(!format!("{nik:?} {nik}").contains("1503650"));
    }

    #[test]
    fn guesses_century_from_today() {
        let nik = Nik::parse("3275011503650001").unwrap();
        assert_eq!(nik.birth_date_guess(d(2026, 11, 23)), Some(d(1965, 3, 15)));
        let child = Nik::parse("3275011503240001").unwrap();
        assert_eq!(
            child.birth_date_guess(d(2026, 11, 23)),
            Some(d(2024, 3, 15))
        );
    }

    proptest! {
        #[test]
        fn any_real_birth_date_round_trips(
            days in 0i64..(365 * 110),
            female: bool,
            province in proptest::sample::select(PROVINCE_CODES),
            serial in 1u32..9999,
        ) {
            let birth = d(1920, 1, 1) + chrono::Duration::days(days);
            let day = birth.day() + if female { 40 } else { 0 };
            let text = format!("{province:02}0101{day:02}{:02}{:02}{serial:04}", birth.month(), birth.year() % 100);
            let nik = Nik::parse_with_birth_date(&text, birth).unwrap();
            prop_assert_eq!(nik.expose(), text);
            prop_assert_eq!(nik.encoded_birth().sex == Sex::Female, female);
        }

        #[test]
        fn never_panics_on_any_input(s in ".{0,40}") {
            let _ = Nik::parse(&s);
        }

        #[test]
        fn wrong_length_digit_strings_are_length_errors(s in "[0-9]{0,15}|[0-9]{17,30}") {
            prop_assert_eq!(Nik::parse(&s), Err(DomainError::NikLength));
        }
    }
}
