//! Which days an office serves, and the sessions of a service day.
//!
//! Holidays, cuti bersama, closures and extra (Saturday or event) days are data loaded from
//! `data/` and the database; this module only combines them.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use std::collections::BTreeSet;

/// National holidays and cuti bersama (joint leave days), which close every office.
#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    days_off: BTreeSet<NaiveDate>,
}

impl HolidayCalendar {
    pub fn new(days_off: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            days_off: days_off.into_iter().collect(),
        }
    }

    pub fn is_day_off(&self, day: NaiveDate) -> bool {
        self.days_off.contains(&day)
    }

    /// A normal working day: Monday to Friday and not a holiday. Used for release dates.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_day_off(day)
    }

    /// The last working day on or before `day`.
    pub fn last_working_day_on_or_before(&self, mut day: NaiveDate) -> NaiveDate {
        while !self.is_working_day(day) {
            day = day
                .pred_opt()
                .expect("calendar dates are far from the minimum");
        }
        day
    }
}

/// One office's exceptions to the national calendar.
#[derive(Debug, Clone, Default)]
pub struct OfficeExceptions {
    /// Office closed (renovation, system outage, local event).
    pub closures: BTreeSet<NaiveDate>,
    /// Announced extra service days (Saturday service, stadium events): open even when the
    /// national calendar says otherwise.
    pub extra_days: BTreeSet<NaiveDate>,
}

/// Whether the office serves applicants on `day`. A closure wins over everything; an announced
/// extra day opens a weekend or holiday.
pub fn is_service_day(
    holidays: &HolidayCalendar,
    office: &OfficeExceptions,
    day: NaiveDate,
) -> bool {
    if office.closures.contains(&day) {
        return false;
    }
    office.extra_days.contains(&day) || holidays.is_working_day(day)
}

/// A daily service session, e.g. 08:00-10:00, in the office's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Session {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Session {
    /// Parses `08:00-10:00`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (a, b) = text
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("session {text:?} needs HH:MM-HH:MM"))?;
        let time = |t: &str| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|e| format!("{t:?}: {e}"))
        };
        let s = Session {
            start: time(a)?,
            end: time(b)?,
        };
        if s.start >= s.end {
            return Err(format!("session {text:?} ends before it starts"));
        }
        Ok(s)
    }

    /// Parses `08:00-10:00;10:00-12:00`, sorted, refusing overlaps.
    pub fn parse_list(text: &str) -> Result<Vec<Session>, String> {
        let mut list = text
            .split(';')
            .filter(|s| !s.trim().is_empty())
            .map(Session::parse)
            .collect::<Result<Vec<_>, _>>()?;
        list.sort();
        if list.is_empty() {
            return Err("an office needs at least one session".into());
        }
        if list.windows(2).any(|w| w[0].end > w[1].start) {
            return Err(format!("sessions {text:?} overlap"));
        }
        Ok(list)
    }

    pub fn label(&self) -> String {
        format!(
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
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
    fn closures_beat_extra_days_and_extra_days_open_weekends() {
        let holidays = HolidayCalendar::new([d(2026, 12, 25)]);
        let mut office = OfficeExceptions::default();
        assert!(is_service_day(&holidays, &office, d(2026, 12, 24)));
        assert!(!is_service_day(&holidays, &office, d(2026, 12, 25)));
        assert!(!is_service_day(&holidays, &office, d(2026, 12, 26)));
        office.extra_days.insert(d(2026, 12, 26));
        assert!(is_service_day(&holidays, &office, d(2026, 12, 26)));
        office.closures.insert(d(2026, 12, 26));
        assert!(!is_service_day(&holidays, &office, d(2026, 12, 26)));
    }

    #[test]
    fn sessions_parse_and_refuse_overlap() {
        let list = Session::parse_list("13:00-15:00;08:00-10:00").unwrap();
        assert_eq!(list[0].label(), "08:00-10:00");
        assert!(Session::parse_list("08:00-10:00;09:00-11:00").is_err());
        assert!(Session::parse_list("").is_err());
        assert!(Session::parse("10:00-08:00").is_err());
    }

    proptest! {
        #[test]
        fn last_working_day_is_a_working_day_and_not_after(offset in 0i64..2000, holes in proptest::collection::vec(0i64..2000, 0..50)) {
            let base = d(2025, 1, 1);
            let cal = HolidayCalendar::new(holes.iter().map(|h| base + chrono::Duration::days(*h)));
            let day = base + chrono::Duration::days(offset);
            let found = cal.last_working_day_on_or_before(day);
            prop_assert!(found <= day);
            prop_assert!(cal.is_working_day(found));
            let mut between = found.succ_opt().unwrap();
            while between <= day {
                prop_assert!(!cal.is_working_day(between));
                between = between.succ_opt().unwrap();
            }
        }
    }
}
