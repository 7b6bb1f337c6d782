//! The service's sense of "now". Real time in production; tests move it by hand to cross a
//! release instant or a payment deadline without sleeping, and end-to-end runs start it at a
//! fixed instant (`ANTRE_TEST_CLOCK_START`) so that what the calendar offers does not depend on
//! the day the test runs.

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// `None`: the system clock. `Some`: a fixed instant that only `advance`/`set` move.
    manual: Option<Arc<Mutex<DateTime<Utc>>>>,
    /// Added to the system clock: a clock that started at a chosen instant and runs in real time.
    shift: Option<Duration>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    pub fn manual(start: DateTime<Utc>) -> Self {
        Self {
            manual: Some(Arc::new(Mutex::new(start))),
            shift: None,
        }
    }

    /// A clock that reads `start` now and then runs at the speed of the system clock. For
    /// end-to-end tests only (payment deadlines and sweeps still pass in real time).
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            manual: None,
            shift: Some(start - Utc::now()),
        }
    }

    /// Whether this clock deliberately differs from the system clock.
    pub fn is_test_clock(&self) -> bool {
        self.manual.is_some() || self.shift.is_some()
    }

    pub fn now(&self) -> DateTime<Utc> {
        match (&self.manual, self.shift) {
            (Some(t), _) => *t.lock().expect("clock lock"),
            (None, Some(shift)) => Utc::now() + shift,
            (None, None) => Utc::now(),
        }
    }

    /// Moves a manual clock forward; a system clock cannot be moved.
    pub fn advance(&self, by: Duration) {
        if let Some(t) = &self.manual {
            *t.lock().expect("clock lock") += by;
        }
    }

    pub fn set(&self, to: DateTime<Utc>) {
        if let Some(t) = &self.manual {
            *t.lock().expect("clock lock") = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_started_clock_reads_its_start_and_runs_on() {
        let start = DateTime::parse_from_rfc3339("2026-12-04T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let clock = Clock::starting_at(start);
        let first = clock.now();
        assert!((first - start).num_seconds().abs() <= 1);
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() > first);
        assert!(clock.is_test_clock());
        assert!(!Clock::system().is_test_clock());
    }
}
