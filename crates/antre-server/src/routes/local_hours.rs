//! The day and hours a staff request names in the office's own time (a drive, an event site):
//! checked and turned into UTC instants once, for every route that takes them.

use crate::catalog::OfficeEntry;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

/// How far ahead such a day may be (also a day staff change or add places to).
pub const MAX_DAYS_AHEAD: u64 = 365;

/// `date` is from today at the office to [`MAX_DAYS_AHEAD`] ahead, else `date_out_of_range`
/// (on the field `date`): the past cannot be changed, and further ahead nothing is planned
/// that a change could be checked against.
pub fn check_day(state: &AppState, entry: &OfficeEntry, date: NaiveDate) -> Result<(), ApiError> {
    let today = state.catalog.today_at(entry, state.clock.now());
    if date < today || date > today + chrono::Days::new(MAX_DAYS_AHEAD) {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("date"));
    }
    Ok(())
}

/// `HH:MM` on `date` from `starts` to `ends`, local to the office: the day from today to
/// [`MAX_DAYS_AHEAD`] ahead, the end after the start. Answers the instants in UTC.
pub fn local_hours(
    state: &AppState,
    entry: &OfficeEntry,
    date: NaiveDate,
    starts: &str,
    ends: &str,
) -> Result<(DateTime<Utc>, DateTime<Utc>), ApiError> {
    check_day(state, entry, date)?;
    let (starts, ends) = (parse_time(starts, "starts")?, parse_time(ends, "ends")?);
    if ends <= starts {
        return Err(ApiError::new(ErrorCode::InvalidTimeRange).field("ends"));
    }
    let at = |t: NaiveTime, field: &str| {
        entry
            .office
            .tz
            .from_local_datetime(&date.and_time(t))
            .earliest()
            .map(|d| d.with_timezone(&Utc))
            .ok_or_else(|| ApiError::new(ErrorCode::InvalidTimeRange).field(field))
    };
    Ok((at(starts, "starts")?, at(ends, "ends")?))
}

fn parse_time(text: &str, field: &str) -> Result<NaiveTime, ApiError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| ApiError::new(ErrorCode::InvalidTimeRange).field(field))
}
