//! The bookkeeping every place obeys, checked from the rows themselves: for each slot,
//! `booked` is the number of its bookings holding a place (active ones, and the people who
//! came or did not come: check-in and the no-show mark keep the place used), `offered` the number of its open
//! waitlist offers, and booked + offered + protected never exceeds capacity (the rest is free). An operator
//! runs it with `antre-server check`; the tests run it after every simulated day.

use super::Db;

/// The statuses whose booking uses its slot's place: `bookings::ACTIVE`, and those reached from
/// it without giving the place back (cancel and lapse give it back).
const HOLDING: &str = "('pending_payment', 'confirmed', 'checked_in', 'no_show')";
use sqlx::Row;

/// A slot whose counters disagree with its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub slot_id: i64,
    pub office_id: String,
    pub day: String,
    pub lane: String,
    pub capacity: i64,
    pub booked: i64,
    pub holding: i64,
    pub offered: i64,
    pub open_offers: i64,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "slot {} ({} {} {}): capacity {}, booked {} but {} bookings hold a place, offered {} but {} offers are open",
            self.slot_id, self.office_id, self.day, self.lane, self.capacity, self.booked,
            self.holding, self.offered, self.open_offers
        )
    }
}

/// Every slot that breaks the rule (none, when all is well).
pub async fn check(db: &Db) -> anyhow::Result<Vec<Broken>> {
    sqlx::query(&format!(
        "SELECT s.id, s.office_id, s.day, s.lane, s.capacity, s.booked, s.offered,
                COALESCE(h.n, 0) AS holding, COALESCE(o.n, 0) AS open_offers
         FROM slots s
         LEFT JOIN (SELECT slot_id, COUNT(*) AS n FROM bookings WHERE status IN {HOLDING} GROUP BY slot_id) h ON h.slot_id = s.id
         LEFT JOIN (SELECT slot_id, COUNT(*) AS n FROM offers WHERE status = 'open' GROUP BY slot_id) o ON o.slot_id = s.id
         WHERE s.booked <> COALESCE(h.n, 0) OR s.offered <> COALESCE(o.n, 0) OR s.booked + s.offered + s.protected > s.capacity
         ORDER BY s.id"
    ))
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(Broken {
            slot_id: r.try_get("id")?,
            office_id: r.try_get("office_id")?,
            day: r.try_get("day")?,
            lane: r.try_get("lane")?,
            capacity: r.try_get("capacity")?,
            booked: r.try_get("booked")?,
            holding: r.try_get("holding")?,
            offered: r.try_get("offered")?,
            open_offers: r.try_get("open_offers")?,
        })
    })
    .collect()
}
