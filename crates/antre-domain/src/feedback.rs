//! After the visit: a rating of 1 to 5 with a comment, and, separately, an integrity report
//! ("were you asked to pay anything beyond the official fee?") that may be anonymous. Both
//! only for a booking that was checked in, each once.

use crate::booking::BookingStatus;
use crate::DomainError;

/// Longest comment or description kept.
pub const MAX_COMMENT_CHARS: usize = 1000;
/// Longest description of where it happened (a counter, the car park, a broker outside).
pub const MAX_PLACE_CHARS: usize = 200;

/// A visit's rating, 1 (bad) to 5 (good).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating(u8);

impl Rating {
    pub fn parse(value: i64) -> Result<Rating, DomainError> {
        match u8::try_from(value) {
            Ok(v @ 1..=5) => Ok(Rating(v)),
            _ => Err(DomainError::RatingOutOfRange),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// Only a visit that took place is rated or reported on.
pub fn check_after_visit(status: BookingStatus) -> Result<(), DomainError> {
    if status == BookingStatus::CheckedIn {
        Ok(())
    } else {
        Err(DomainError::NotVisited)
    }
}

/// A free text as kept: trimmed, within `max` characters, no U+0000.
pub fn clean_text(text: &str, max: usize) -> Result<String, DomainError> {
    let t = text.trim();
    if t.chars().count() > max || t.contains('\0') {
        return Err(DomainError::TextTooLong { max });
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_one_to_five_and_only_after_a_visit() {
        assert!(Rating::parse(0).is_err());
        assert_eq!(Rating::parse(5).unwrap().get(), 5);
        assert!(Rating::parse(6).is_err());
        assert!(Rating::parse(-1).is_err());
        assert!(check_after_visit(BookingStatus::CheckedIn).is_ok());
        assert_eq!(
            check_after_visit(BookingStatus::Confirmed),
            Err(DomainError::NotVisited)
        );
        assert!(clean_text(&"x".repeat(1001), MAX_COMMENT_CHARS).is_err());
        assert_eq!(clean_text("  baik ", 10).unwrap(), "baik");
    }
}
