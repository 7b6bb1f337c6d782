//! A short-lived snapshot of "each office's earliest open day" per (lane, date range). The
//! nationwide search needs that list whatever the caller's position (position only ranks and
//! filters it), so under a crowd the same query would run thousands of times a second. Search
//! results may therefore be up to the snapshot's age old; bookings never use it: the booking
//! transaction alone decides whether a place is free.

use crate::store::slots::OpenDay;
use antre_domain::lane::Lane;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Key = (Lane, NaiveDate, NaiveDate);
type Entry = (Instant, Arc<Vec<OpenDay>>);

/// Enough for every lane and the ranges clients ask in practice; beyond it, start over.
const MAX_KEYS: usize = 512;

pub struct SearchSnapshots {
    max_age: Duration,
    entries: Mutex<HashMap<Key, Entry>>,
}

impl SearchSnapshots {
    pub fn new(max_age: Duration) -> Self {
        Self {
            max_age,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: Key) -> Option<Arc<Vec<OpenDay>>> {
        if self.max_age.is_zero() {
            return None;
        }
        let entries = self.entries.lock().expect("snapshot lock");
        entries
            .get(&key)
            .filter(|(at, _)| at.elapsed() < self.max_age)
            .map(|(_, slots)| slots.clone())
    }

    pub fn put(&self, key: Key, slots: Arc<Vec<OpenDay>>) {
        if self.max_age.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().expect("snapshot lock");
        if entries.len() >= MAX_KEYS {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), slots));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_expire_and_can_be_disabled() {
        let key = (Lane::Regular, NaiveDate::MIN, NaiveDate::MAX);
        let off = SearchSnapshots::new(Duration::ZERO);
        off.put(key, Arc::new(Vec::new()));
        assert!(off.get(key).is_none());
        let on = SearchSnapshots::new(Duration::from_millis(50));
        on.put(key, Arc::new(Vec::new()));
        assert!(on.get(key).is_some());
        std::thread::sleep(Duration::from_millis(60));
        assert!(on.get(key).is_none());
    }
}
