//! Copies the SQLite write-ahead log back into the database file, on a thread of its own.
//!
//! By default SQLite checkpoints in the connection that commits, once the log passes 1,000
//! pages: the writer, which then copies and syncs megabytes before it takes the next group.
//! A national draw's COMMIT took 387 ms with that checkpoint and 175 ms without (one run
//! each). So the writer's connections turn it off (`wal_autocheckpoint=0`) and this thread
//! checkpoints every [`EVERY`] instead: PASSIVE, so it never waits for the writer or readers,
//! nor they for it.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How often the log is copied back.
pub const EVERY: Duration = Duration::from_millis(500);

/// The pragma the writer's connections run so that they leave checkpoints to this thread.
pub const WRITER_PRAGMA: &str = "PRAGMA wal_autocheckpoint=0;";

/// Starts the thread for the database at `path`; it ends when `stop`'s sender is dropped.
pub fn spawn(path: &Path, stop: mpsc::Receiver<()>) -> std::io::Result<()> {
    let path = path.to_path_buf();
    std::thread::Builder::new()
        .name("sqlite-checkpoint".into())
        .spawn(move || {
            let conn = match open(&path) {
                Ok(conn) => conn,
                Err(e) => {
                    tracing::error!(error = %e, "the checkpoint connection did not open; the log grows until restart");
                    return;
                }
            };
            while let Err(mpsc::RecvTimeoutError::Timeout) = stop.recv_timeout(EVERY) {
                if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    tracing::warn!(error = %e, "checkpoint failed; trying again");
                }
            }
        })?;
    Ok(())
}

fn open(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;")?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use crate::store::Db;

    /// Committed writes reach the database file itself (not only the log) while the writer
    /// leaves checkpoints alone.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_log_is_copied_back_beside_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.db");
        let db = Db::open(&format!("sqlite://{}?mode=rwc", file.display()))
            .await
            .unwrap();
        db.execute(sqlx::query("CREATE TABLE scratch (v TEXT NOT NULL)"))
            .await
            .unwrap();
        let before = std::fs::metadata(&file).unwrap().len();
        for _ in 0..50 {
            db.write_statements(|mut s| {
                Box::pin(async move {
                    for _ in 0..40 {
                        s.execute(
                            sqlx::query("INSERT INTO scratch (v) VALUES ($1)")
                                .bind("x".repeat(1000)),
                        )
                        .await?;
                    }
                    Ok::<_, sqlx::Error>(())
                })
            })
            .await
            .unwrap();
        }
        // 2,000 rows of 1 kB: about 2 MB, beyond the 1,000 pages at which a writer would
        // checkpoint by itself.
        let deadline = std::time::Instant::now() + 10 * super::EVERY;
        loop {
            let size = std::fs::metadata(&file).unwrap().len();
            if size >= before + 2_000_000 {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the database file stayed at {size} bytes"
            );
            tokio::time::sleep(super::EVERY / 4).await;
        }
        db.close().await;
    }
}
