//! A short-lived snapshot of "each office's earliest open day" per (lane, date range). The
//! nationwide search needs that list whatever the caller's position (position only ranks and
//! filters it), so under a crowd the same query would run thousands of times a second. Search
//! results may therefore be up to the snapshot's age old; bookings never use it: the booking
//! transaction alone decides whether a place is free.

use crate::store::slots::OpenDay;
use antre_domain::lane::Lane;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

type Key = (Lane, NaiveDate, NaiveDate);
type Rows = Arc<Vec<OpenDay>>;
/// When the snapshot's query started, and its result once there is one.
type Entry = (Instant, Arc<OnceCell<Rows>>);

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

    /// The snapshot for `key`, made by `query` when there is none younger than the maximum age.
    /// One query per key at a time: the searches that arrive while it runs wait for its result
    /// instead of each running it. (When a snapshot expired under a crowd, every search in the
    /// next tens of milliseconds ran the nationwide query, which took every read connection and
    /// stalled bookings' reads behind them.) The age counts from when the query started.
    pub async fn get_or_query<F, Fut, E>(&self, key: Key, query: F) -> Result<Rows, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<OpenDay>, E>>,
    {
        if self.max_age.is_zero() {
            return query().await.map(Arc::new);
        }
        let cell = {
            let mut entries = self.entries.lock().expect("snapshot lock");
            match entries.get(&key) {
                Some((at, cell)) if at.elapsed() < self.max_age => cell.clone(),
                _ => {
                    if entries.len() >= MAX_KEYS {
                        entries.clear();
                    }
                    let cell = Arc::new(OnceCell::new());
                    entries.insert(key, (Instant::now(), cell.clone()));
                    cell
                }
            }
        };
        // A failed query leaves the cell empty: the next caller waiting on it runs its own.
        cell.get_or_try_init(|| async { query().await.map(Arc::new) })
            .await
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn snapshots_expire_can_be_disabled_and_are_queried_once_at_a_time() {
        let key = (Lane::Regular, NaiveDate::MIN, NaiveDate::MAX);
        let queries = std::sync::atomic::AtomicUsize::new(0);
        let query = || async {
            queries.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            // Long enough for the other searches to arrive while it runs.
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok::<_, ()>(Vec::new())
        };
        let off = SearchSnapshots::new(Duration::ZERO);
        off.get_or_query(key, query).await.unwrap();
        off.get_or_query(key, query).await.unwrap();
        assert_eq!(queries.swap(0, std::sync::atomic::Ordering::SeqCst), 2);

        let on = SearchSnapshots::new(Duration::from_millis(200));
        let crowd: Vec<_> = (0..10).map(|_| on.get_or_query(key, query)).collect();
        futures::future::join_all(crowd).await;
        assert_eq!(
            queries.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "one query for the crowd"
        );
        on.get_or_query(key, query).await.unwrap();
        assert_eq!(
            queries.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "still fresh"
        );
        tokio::time::sleep(Duration::from_millis(210)).await;
        on.get_or_query(key, query).await.unwrap();
        assert_eq!(
            queries.load(std::sync::atomic::Ordering::SeqCst),
            2,
            "expired"
        );

        // A failed query is not kept: the next search queries again.
        let failing = SearchSnapshots::new(Duration::from_secs(60));
        assert!(failing
            .get_or_query(key, || async { Err::<Vec<OpenDay>, _>(()) })
            .await
            .is_err());
        assert!(failing.get_or_query(key, query).await.is_ok());
    }
}
