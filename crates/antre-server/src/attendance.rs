//! Attendance reconfirmation (office policy): where an office asks for it, an applicant
//! confirms by a local time on the day before; bookings not confirmed by then are released, and
//! their places go to the people waiting.

use crate::catalog::OfficeEntry;
use crate::state::AppState;
use crate::store::bookings;
use antre_domain::release::local_to_utc;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use sqlx::Row;

/// The instant by which a booking on `day` must be reconfirmed at an office asking it by
/// `until` (local time, the day before).
pub fn deadline(entry: &OfficeEntry, day: NaiveDate, until: NaiveTime) -> DateTime<Utc> {
    local_to_utc(entry.office.tz, day - Days::new(1), until)
}

/// The sweep's step: releases the bookings whose reconfirmation deadline has passed.
pub async fn release_unconfirmed(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let asking: Vec<(String, String)> = sqlx::query(
        "SELECT id, reconfirm_until FROM offices WHERE reconfirm_until IS NOT NULL ORDER BY id",
    )
    .fetch_all(&state.db.read)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("id")?, r.try_get("reconfirm_until")?)))
    .collect::<anyhow::Result<_>>()?;
    let mut released = 0;
    for (office_id, until) in asking {
        let Some(entry) = state.catalog.get(&office_id) else {
            continue;
        };
        let until = NaiveTime::parse_from_str(&until, "%H:%M")?;
        let today = state.catalog.today_at(entry, now);
        for day in [today, today + Days::new(1)] {
            let by = deadline(entry, day, until);
            if now >= by {
                released +=
                    bookings::release_unconfirmed(&state.db, &office_id, day, by, now).await?;
            }
        }
    }
    Ok(released)
}
