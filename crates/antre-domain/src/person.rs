//! People and accounts: names as on the e-KTP, contact details, ages and priority needs.

use crate::error::DomainError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// An account may book for itself and up to four relatives (M-Paspor's family limit).
pub const MAX_APPLICANTS_PER_ACCOUNT: usize = 5;

/// A name as printed on the e-KTP: Latin letters, spaces and the punctuation names carry
/// (' . , -). Stored in Unicode NFC, upper-case and with single spaces, as the card.
///
/// Only Latin letters (with their accented forms) are accepted: the card prints nothing else,
/// and look-alikes from other scripts (Cyrillic "А", full-width "Ａ") would make two spellings
/// of one name that compare unequal, a way to slip past a name check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

/// Letters of the Latin script: ASCII, Latin-1 and Latin Extended-A/B (accented forms).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic() && c != '×' && c != '÷')
}

impl PersonName {
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        use unicode_normalization::UnicodeNormalization;
        let normalized: String = input.nfc().collect();
        let collapsed = normalized.split_whitespace().collect::<Vec<_>>().join(" ");
        let len = collapsed.chars().count();
        if !(1..=100).contains(&len) || !collapsed.chars().any(char::is_alphabetic) {
            return Err(DomainError::InvalidName);
        }
        let allowed = |c: char| is_latin_letter(c) || matches!(c, ' ' | '\'' | '.' | ',' | '-');
        if !collapsed.chars().all(allowed) {
            return Err(if collapsed.chars().any(|c| c.is_ascii_digit()) {
                DomainError::InvalidName
            } else {
                DomainError::NameCharacters
            });
        }
        Ok(Self(collapsed.to_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Hajj passports need a name of at least three words.
    pub fn word_count(&self) -> usize {
        self.0.split(' ').count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Deliberately simple: one `@`, something before, a dotted domain after, no spaces or
    /// control characters (PostgreSQL cannot even store U+0000). Real proof of ownership is the
    /// one-time code, not a regex.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let s = input.trim().to_lowercase();
        let valid = s.len() <= 254
            && !s.contains(|c: char| c.is_whitespace() || c.is_control())
            && s.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if valid {
            Ok(Self(s))
        } else {
            Err(DomainError::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An Indonesian mobile number, normalised to E.164 (+62...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
            .collect();
        let national = digits
            .strip_prefix("+62")
            .or_else(|| digits.strip_prefix("62"))
            .or_else(|| digits.strip_prefix('0'))
            .ok_or(DomainError::InvalidPhone)?;
        let valid = national.starts_with('8')
            && (9..=12).contains(&national.len())
            && national.chars().all(|c| c.is_ascii_digit());
        if valid {
            Ok(Self(format!("+62{national}")))
        } else {
            Err(DomainError::InvalidPhone)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// At least this many characters (the server's rule; the app shows it as the user types).
pub const PASSWORD_MIN_CHARS: usize = 10;
/// At most this many bytes.
pub const PASSWORD_MAX_BYTES: usize = 1024;
/// Of at least this many kinds: lower case, upper case, digits, others.
pub const PASSWORD_MIN_KINDS: usize = 2;

/// How a password measures against the rules, part by part (for a checklist before submit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordStrength {
    /// Characters (not bytes).
    pub chars: usize,
    pub bytes: usize,
    pub lower: bool,
    pub upper: bool,
    pub digit: bool,
    pub other: bool,
}

impl PasswordStrength {
    pub fn of(password: &str) -> Self {
        Self {
            chars: password.chars().count(),
            bytes: password.len(),
            lower: password.chars().any(|c| c.is_lowercase()),
            upper: password.chars().any(|c| c.is_uppercase()),
            digit: password.chars().any(|c| c.is_ascii_digit()),
            other: password.chars().any(|c| !c.is_alphanumeric()),
        }
    }

    /// How many kinds of characters it has (0 to 4).
    pub fn kinds(&self) -> usize {
        [self.lower, self.upper, self.digit, self.other]
            .iter()
            .filter(|k| **k)
            .count()
    }

    pub fn long_enough(&self) -> bool {
        self.chars >= PASSWORD_MIN_CHARS && self.bytes <= PASSWORD_MAX_BYTES
    }

    pub fn acceptable(&self) -> bool {
        self.long_enough() && self.kinds() >= PASSWORD_MIN_KINDS
    }
}

/// A password we are willing to hash: 10+ characters, not all one kind.
pub fn check_password_strength(password: &str) -> Result<(), DomainError> {
    if PasswordStrength::of(password).acceptable() {
        Ok(())
    } else {
        Err(DomainError::WeakPassword)
    }
}

/// Completed years of age on `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// Needs declared by the applicant; checked by an officer at the counter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredNeeds {
    pub pregnant: bool,
    pub disability: bool,
}

/// Priority lane: elderly 60+, children under 5, people with disabilities, pregnant women.
/// Age is taken on the appointment day, not the booking day.
pub fn priority_eligible(
    birth: NaiveDate,
    needs: DeclaredNeeds,
    appointment_day: NaiveDate,
) -> bool {
    let age = age_on(birth, appointment_day);
    !(5..60).contains(&age) || needs.pregnant || needs.disability
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_are_normalised_like_the_card() {
        assert_eq!(
            PersonName::parse("  siti   nurhaliza ").unwrap().as_str(),
            "SITI NURHALIZA"
        );
        assert_eq!(
            PersonName::parse("Ni Made O'Neil-Putri")
                .unwrap()
                .word_count(),
            3
        );
        assert!(PersonName::parse("").is_err());
        assert!(PersonName::parse("R2D2").is_err());
        assert!(PersonName::parse("...").is_err());
    }

    #[test]
    fn names_are_nfc_latin_and_refuse_look_alikes() {
        // "e" + combining acute and the precomposed "é" are one name.
        let composed = PersonName::parse("Andr\u{e9} Sitompul").unwrap();
        let decomposed = PersonName::parse("Andre\u{301} Sitompul").unwrap();
        assert_eq!(composed, decomposed);
        assert_eq!(composed.as_str(), "ANDR\u{c9} SITOMPUL");
        // Cyrillic А (U+0410), full-width Ａ (U+FF21), Greek Α (U+0391): refused, clearly.
        for fake in ["\u{410}NI", "\u{FF21}NI", "\u{391}NI", "ANI \u{5B89}"] {
            assert_eq!(
                PersonName::parse(fake),
                Err(DomainError::NameCharacters),
                "{fake}"
            );
        }
        assert!(PersonName::parse("Abdul-Rahman bin Ja'far, S.Pd.").is_ok());
    }

    #[test]
    fn phones_normalise_to_e164() {
        assert_eq!(
            Phone::parse("0812-3456-7890").unwrap().as_str(),
            "+6281234567890"
        );
        assert_eq!(
            Phone::parse("+62 812 3456 789").unwrap().as_str(),
            "+628123456789"
        );
        assert!(
            Phone::parse("021 1234 5678").is_err(),
            "landlines cannot receive codes"
        );
        assert!(Phone::parse("+1 202 555 0100").is_err());
    }

    #[test]
    fn emails_and_passwords() {
        assert!(Email::parse("Ibu.Ani@Example.co.id").is_ok());
        assert!(Email::parse("ani@localhost").is_err());
        assert!(Email::parse("a b@x.id").is_err());
        assert!(Email::parse("a\u{0}b@x.id").is_err());
        assert!(Email::parse("ab@x.id\u{7}").is_err());
        assert!(check_password_strength("Passpor2026!").is_ok());
        assert!(check_password_strength("short1A").is_err());
        assert!(check_password_strength("alllowercaseletters").is_err());
        let s = PasswordStrength::of("passpor 2026");
        assert!(s.long_enough() && s.lower && s.digit && s.other && !s.upper);
        assert_eq!(s.kinds(), 3);
        assert!(
            !PasswordStrength::of(&"aA".repeat(513)).long_enough(),
            "over 1024 bytes"
        );
    }

    #[test]
    fn priority_lane_ages_are_taken_on_the_appointment_day() {
        let none = DeclaredNeeds::default();
        assert!(priority_eligible(d(1966, 12, 1), none, d(2026, 12, 1)));
        assert!(!priority_eligible(d(1966, 12, 2), none, d(2026, 12, 1)));
        assert!(priority_eligible(d(2021, 12, 2), none, d(2026, 12, 1)));
        assert!(!priority_eligible(d(2021, 12, 1), none, d(2026, 12, 1)));
        assert!(priority_eligible(
            d(1990, 1, 1),
            DeclaredNeeds {
                pregnant: true,
                disability: false
            },
            d(2026, 12, 1)
        ));
    }

    proptest! {
        #[test]
        fn age_grows_by_one_each_birthday(days in 0i64..40000, later in 0i64..3000) {
            let birth = d(1920, 1, 1) + chrono::Duration::days(days);
            let on = birth + chrono::Duration::days(later);
            let age = age_on(birth, on);
            prop_assert!(i64::from(age) * 365 <= later);
            prop_assert!(i64::from(age + 1) * 366 > later);
        }
    }
}
