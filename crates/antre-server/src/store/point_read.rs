//! Point reads on SQLite, run on the calling thread (see `direct`: no round trip to a
//! connection's thread), on a connection taken from a small stack (no pool queue). A point
//! read by key takes SQLite microseconds; scans (search, lists, reports) stay on the pool: a
//! long read must not hold a request's worker. Readers see the last committed write, as the
//! pool's readers do (WAL).

use super::direct::{Direct, Query};
use sqlx::any::AnyRow;
use std::path::PathBuf;
use std::sync::Mutex;

/// Connections kept for reuse: enough for every worker thread and a few more.
const KEEP: usize = 8;

/// Open read connections to one SQLite file.
pub struct PointReader {
    path: PathBuf,
    idle: Mutex<Vec<Direct>>,
}

impl std::fmt::Debug for PointReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PointReader")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl PointReader {
    /// For a database in a file (`sqlite://PATH?...`); `None` for an in-memory one, which only
    /// the pool's own connections can see.
    pub fn for_url(url: &str) -> Option<PointReader> {
        let path = crate::backup::sqlite_path(url).ok()?;
        Some(PointReader {
            path,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// At most one row of `query` (`$N` placeholders, as everywhere).
    pub fn fetch_optional(&self, query: Query<'_>) -> Result<Option<AnyRow>, sqlx::Error> {
        let mut reader = self.take()?;
        let row = reader.fetch_optional(query);
        // A connection that failed is dropped rather than kept.
        if row.is_ok() {
            self.give_back(reader);
        }
        row
    }

    fn take(&self) -> Result<Direct, sqlx::Error> {
        if let Some(reader) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(reader);
        }
        Direct::open(
            &self.path,
            "PRAGMA query_only = ON; PRAGMA busy_timeout = 10000;",
        )
    }

    fn give_back(&self, reader: Direct) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < KEEP {
            idle.push(reader);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Db;
    use sqlx::{Column, Row};

    /// The same query read both ways gives the same row, value for value and by name.
    #[tokio::test]
    async fn point_reads_answer_as_the_pool_does() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
        let db = Db::open(&url).await.unwrap();
        assert!(db.point.is_some(), "a file database reads points inline");
        // `$2` before `$1`, a repeated `$1`, and every storage class, NULL included.
        let sql = "SELECT $2 AS second, $1 AS first, $1 + 1 AS next, 2.5 AS real, NULL AS empty,
                          x'00ff' AS blob, 'teks' AS text, (SELECT COUNT(*) FROM offices) AS offices";
        let query = || sqlx::query(sql).bind(41_i64).bind("dua".to_string());
        let inline = db.fetch_point(query()).await.unwrap().unwrap();
        let pooled = query().fetch_optional(&db.read).await.unwrap().unwrap();
        let names = |r: &sqlx::any::AnyRow| {
            r.columns()
                .iter()
                .map(|c| c.name().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&inline), names(&pooled));
        for row in [&inline, &pooled] {
            assert_eq!(row.try_get::<String, _>("second").unwrap(), "dua");
            assert_eq!(row.try_get::<i64, _>("first").unwrap(), 41);
            assert_eq!(row.try_get::<i64, _>("next").unwrap(), 42);
            assert_eq!(row.try_get::<f64, _>("real").unwrap(), 2.5);
            assert_eq!(row.try_get::<Option<String>, _>("empty").unwrap(), None);
            assert_eq!(row.try_get::<Vec<u8>, _>("blob").unwrap(), vec![0, 255]);
            assert_eq!(row.try_get::<String, _>("text").unwrap(), "teks");
        }
        assert_eq!(
            inline.try_get::<i64, _>("offices").unwrap(),
            pooled.try_get::<i64, _>("offices").unwrap()
        );
        // No row is `None` both ways; a committed write is seen at once.
        let missing = || sqlx::query("SELECT kind FROM holidays WHERE day = $1").bind("2099-01-01");
        assert!(db.fetch_point(missing()).await.unwrap().is_none());
        db.execute(
            sqlx::query("INSERT INTO holidays (day, kind, name_id, name_en) VALUES ($1, 'national', 'x', 'x')")
                .bind("2099-01-01"),
        )
        .await
        .unwrap();
        assert!(db.fetch_point(missing()).await.unwrap().is_some());
    }

    #[test]
    fn memory_databases_stay_on_the_pool() {
        assert!(super::PointReader::for_url("sqlite://:memory:").is_none());
        assert!(super::PointReader::for_url("postgres://127.0.0.1/x").is_none());
    }
}
