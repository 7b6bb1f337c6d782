//! When a day's places become bookable. Each office sets its own rhythm; a place is bookable
//! only after its release instant, so everyone sees the same moment regardless of time zone.

use crate::calendar::HolidayCalendar;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleasePolicy {
    /// On `weekday` at `time` (local), the whole following Monday-Sunday week is released.
    Weekly { weekday: Weekday, time: NaiveTime },
    /// At `time` (local) on the last working day of a month, the whole next month is released.
    Monthly { time: NaiveTime },
}

impl ReleasePolicy {
    /// Parses `weekly:fri:14:00` or `monthly:09:00`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let time =
            |t: &str| NaiveTime::parse_from_str(t, "%H:%M").map_err(|e| format!("{text:?}: {e}"));
        match text.trim().split_once(':') {
            Some(("weekly", rest)) => {
                let (day, t) = rest
                    .split_once(':')
                    .ok_or_else(|| format!("{text:?} needs weekly:<day>:<HH:MM>"))?;
                let weekday = day
                    .parse::<Weekday>()
                    .map_err(|_| format!("{text:?}: unknown weekday {day:?}"))?;
                Ok(ReleasePolicy::Weekly {
                    weekday,
                    time: time(t)?,
                })
            }
            Some(("monthly", t)) => Ok(ReleasePolicy::Monthly { time: time(t)? }),
            _ => Err(format!(
                "release policy {text:?} is neither weekly:<day>:<HH:MM> nor monthly:<HH:MM>"
            )),
        }
    }

    /// The instant at which places on `slot_day` at an office in `tz` become bookable.
    pub fn release_instant(
        &self,
        slot_day: NaiveDate,
        tz: Tz,
        holidays: &HolidayCalendar,
    ) -> DateTime<Utc> {
        let (day, time) = match *self {
            ReleasePolicy::Weekly { weekday, time } => {
                let monday =
                    slot_day - Days::new(u64::from(slot_day.weekday().num_days_from_monday()));
                let previous_monday = monday - Days::new(7);
                (
                    previous_monday + Days::new(u64::from(weekday.num_days_from_monday())),
                    time,
                )
            }
            ReleasePolicy::Monthly { time } => {
                let first_of_month = slot_day.with_day(1).expect("day 1 exists");
                let last_of_previous = first_of_month
                    .pred_opt()
                    .expect("far from the minimum date");
                (
                    holidays.last_working_day_on_or_before(last_of_previous),
                    time,
                )
            }
        };
        local_to_utc(tz, day, time)
    }
}

/// A local wall-clock time as a UTC instant. Indonesia has no daylight saving, so every local
/// time exists exactly once; `earliest` keeps this total for any zone anyway.
pub fn local_to_utc(tz: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    tz.from_local_datetime(&day.and_time(time))
        .earliest()
        .expect("Indonesian zones have no gaps")
        .with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn weekly_friday_14_wib_releases_next_week() {
        let policy = ReleasePolicy::parse("weekly:fri:14:00").unwrap();
        let at = policy.release_instant(
            d(2026, 12, 2),
            Tz::Asia__Jakarta,
            &HolidayCalendar::default(),
        );
        assert_eq!(at.to_rfc3339(), "2026-11-27T07:00:00+00:00");
        let sunday = policy.release_instant(
            d(2026, 12, 6),
            Tz::Asia__Jakarta,
            &HolidayCalendar::default(),
        );
        assert_eq!(sunday, at);
    }

    #[test]
    fn monthly_skips_back_over_holidays_and_uses_the_office_zone() {
        let policy = ReleasePolicy::parse("monthly:09:00").unwrap();
        // 31 Dec 2026 is a Thursday; make it cuti bersama, so release moves to Wednesday 30th.
        let cal = HolidayCalendar::new([d(2026, 12, 31)]);
        let wit = policy.release_instant(d(2027, 1, 15), Tz::Asia__Jayapura, &cal);
        assert_eq!(wit.to_rfc3339(), "2026-12-30T00:00:00+00:00");
    }

    #[test]
    fn parse_errors_are_explained() {
        assert!(ReleasePolicy::parse("daily").is_err());
        assert!(ReleasePolicy::parse("weekly:xyz:14:00").is_err());
        assert!(ReleasePolicy::parse("monthly:25:00").is_err());
    }

    proptest! {
        #[test]
        fn release_is_always_before_the_day_and_within_five_weeks(offset in 0i64..1500, weekday in 0u8..7, hour in 0u32..24, monthly: bool) {
            let day = d(2025, 1, 1) + chrono::Duration::days(offset);
            let policy = if monthly {
                ReleasePolicy::Monthly { time: t(hour, 0) }
            } else {
                ReleasePolicy::Weekly { weekday: Weekday::try_from(weekday).unwrap(), time: t(hour, 0) }
            };
            let at = policy.release_instant(day, Tz::Asia__Makassar, &HolidayCalendar::default());
            let day_start = local_to_utc(Tz::Asia__Makassar, day, t(0, 0));
            prop_assert!(at < day_start);
            prop_assert!(day_start - at <= chrono::Duration::days(40));
        }
    }
}
