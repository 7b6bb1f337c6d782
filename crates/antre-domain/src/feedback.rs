//! After the visit: a rating of 1 to 5 with a comment, and, separately, an integrity report
//! ("were you asked to pay anything beyond the official fee?") that may be anonymous. Both
//! only for a booking that was checked in, each once.

use crate::booking::BookingStatus;
use crate::DomainError;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

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

/// How an office's results are grouped: by week (Monday to Sunday) or by calendar month.
/// Either way by the day of the visit, which is the office's own local date (WIB, WITA or WIT):
/// a visit belongs to its office's week or month whenever it was rated.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackPeriod {
    #[default]
    Week,
    Month,
}

impl FeedbackPeriod {
    /// The first day of the week (its Monday) or month (its 1st) that holds `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            FeedbackPeriod::Week => {
                day - Days::new(u64::from(day.weekday().num_days_from_monday()))
            }
            FeedbackPeriod::Month => day.with_day(1).expect("every month has a 1st"),
        }
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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_day_belongs_to_its_monday_or_its_month() {
        use FeedbackPeriod::{Month, Week};
        // Sunday 31 January 2027 is in the week of Monday the 25th and in January; Monday
        // 1 February starts both its week and its month.
        assert_eq!(Week.start(d(2027, 1, 31)), d(2027, 1, 25));
        assert_eq!(Month.start(d(2027, 1, 31)), d(2027, 1, 1));
        assert_eq!(Week.start(d(2027, 2, 1)), d(2027, 2, 1));
        assert_eq!(Month.start(d(2027, 2, 1)), d(2027, 2, 1));
        // A week may start in the month before; a leap day is in February.
        assert_eq!(Week.start(d(2026, 12, 3)), d(2026, 11, 30));
        assert_eq!(Month.start(d(2028, 2, 29)), d(2028, 2, 1));
        assert_eq!(FeedbackPeriod::default(), Week);
    }

    proptest::proptest! {
        #[test]
        fn the_start_is_on_or_before_the_day_and_its_own_start(offset in 0i64..20_000) {
            let day = d(2000, 1, 1) + chrono::Duration::days(offset);
            for p in [FeedbackPeriod::Week, FeedbackPeriod::Month] {
                let s = p.start(day);
                proptest::prop_assert!(s <= day);
                proptest::prop_assert_eq!(p.start(s), s);
            }
            let w = FeedbackPeriod::Week.start(day);
            proptest::prop_assert!((day - w).num_days() < 7);
            proptest::prop_assert_eq!(w.weekday(), chrono::Weekday::Mon);
            let m = FeedbackPeriod::Month.start(day);
            proptest::prop_assert_eq!((m.year(), m.month(), m.day()), (day.year(), day.month(), 1));
        }
    }
}
