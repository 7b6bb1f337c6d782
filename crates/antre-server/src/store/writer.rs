//! The one place writes happen. On PostgreSQL each write is its own transaction on the pool.
//! On SQLite (one writer at a time, by design) a single task owns the only write connection
//! and commits in groups: the writes waiting when it is free run in one transaction, each
//! inside its own savepoint (a failed write rolls back alone), and one COMMIT, one fsync,
//! makes them all durable. Callers get their answer only after that COMMIT, so an acknowledged
//! write survives power loss (`synchronous=FULL`) at the cost of one fsync per group, not per
//! request.

use futures::future::BoxFuture;
use futures::FutureExt;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Executor};
use std::panic::AssertUnwindSafe;
use tokio::sync::{mpsc, oneshot};

/// Most writes one group commit takes by default; more wait for the next group.
pub const MAX_GROUP: usize = 256;
/// Writes queued before callers wait to hand theirs over (back-pressure).
const QUEUE: usize = 4096;

/// A write: statements on the connection, inside a transaction (or a savepoint of one).
pub type Work<T, E> =
    Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send>;

/// Tells a caller how its write ended, given the group's COMMIT error if there was one.
type Answer = Box<dyn FnOnce(Option<&sqlx::Error>) + Send>;

/// What a finished job hands back to the writer: whether its statements stand, and how to
/// tell its caller once the group's COMMIT is known.
struct Ran {
    ok: bool,
    answer: Answer,
}

type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Ran> + Send>;

enum Msg {
    Job(Job),
    Stop(oneshot::Sender<()>),
}

#[derive(Clone)]
pub struct Writer(Inner);

#[derive(Clone)]
enum Inner {
    Postgres(AnyPool),
    Sqlite(mpsc::Sender<Msg>),
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Inner::Postgres(_) => "Writer(PostgreSQL pool)",
            Inner::Sqlite(_) => "Writer(SQLite group commit)",
        })
    }
}

impl Writer {
    /// Starts the group-commit task on the pool's one connection; a group takes at most
    /// `max_group` writes (at least one: a group of one is a transaction per write, exactly as
    /// durable, only slower).
    ///
    /// The task runs on a thread of its own. Each statement of a write is a round trip to the
    /// connection's thread, and on the server's runtime every answer would wait its turn behind
    /// the tasks serving HTTP: under a crowd of connections that wait, paid several times per
    /// write and once more by every write queued behind it in the group, dominated the latency
    /// of bookings. Here only the caller's final answer goes through the runtime.
    pub async fn sqlite(pool: &AnyPool, max_group: usize) -> Result<Writer, sqlx::Error> {
        let conn = pool.acquire().await?;
        let (tx, rx) = mpsc::channel(QUEUE);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || runtime.block_on(group_commits(conn, rx, max_group.max(1))))?;
        Ok(Writer(Inner::Sqlite(tx)))
    }

    pub fn postgres(pool: AnyPool) -> Writer {
        Writer(Inner::Postgres(pool))
    }

    pub async fn run<T, E>(&self, work: Work<T, E>) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        match &self.0 {
            Inner::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let result = work(&mut tx).await;
                match result {
                    Ok(value) => {
                        tx.commit().await?;
                        Ok(value)
                    }
                    Err(e) => {
                        // Dropping the transaction rolls it back as well; saying so is clearer.
                        let _ = tx.rollback().await;
                        Err(e)
                    }
                }
            }
            Inner::Sqlite(queue) => {
                let (answer_tx, answer_rx) = oneshot::channel::<Result<T, E>>();
                let job: Job = Box::new(move |conn| {
                    Box::pin(async move {
                        let result = work(conn).await;
                        Ran {
                            ok: result.is_ok(),
                            answer: Box::new(move |commit_error| {
                                let answer = match (result, commit_error) {
                                    (Ok(_), Some(e)) => Err(E::from(retell(e))),
                                    (result, _) => result,
                                };
                                let _ = answer_tx.send(answer);
                            }),
                        }
                    })
                });
                queue.send(Msg::Job(job)).await.map_err(|_| closed())?;
                answer_rx.await.map_err(|_| E::from(closed()))?
            }
        }
    }

    /// Finishes the group under way and stops taking writes (SQLite); nothing on PostgreSQL.
    pub async fn stop(&self) {
        if let Inner::Sqlite(queue) = &self.0 {
            let (done, stopped) = oneshot::channel();
            if queue.send(Msg::Stop(done)).await.is_ok() {
                let _ = stopped.await;
            }
        }
    }
}

fn closed() -> sqlx::Error {
    sqlx::Error::PoolClosed
}

/// The same failure, once per caller (`sqlx::Error` is not `Clone`).
fn retell(e: &sqlx::Error) -> sqlx::Error {
    sqlx::Error::Protocol(format!("group commit failed: {e}"))
}

async fn group_commits(
    mut conn: PoolConnection<Any>,
    mut queue: mpsc::Receiver<Msg>,
    max_group: usize,
) {
    let mut stop = None;
    while stop.is_none() {
        let Some(first) = queue.recv().await else {
            break;
        };
        let mut group = Vec::new();
        match first {
            Msg::Job(job) => group.push(job),
            Msg::Stop(done) => stop = Some(done),
        }
        while stop.is_none() && group.len() < max_group {
            match queue.try_recv() {
                Ok(Msg::Job(job)) => group.push(job),
                Ok(Msg::Stop(done)) => stop = Some(done),
                Err(_) => break,
            }
        }
        if !group.is_empty() {
            commit_group(&mut conn, group).await;
        }
    }
    // Given back before saying so, while this thread's runtime still runs: the pool is closed
    // right after and waits for it.
    conn.close().await.ok();
    if let Some(done) = stop {
        let _ = done.send(());
    }
}

/// Every statement sent to the connection is a round trip to the thread that owns it, the
/// dearest part of a small write. So the statements around the writes travel together: BEGIN
/// with the first savepoint, each write's release with the next one's savepoint, the last
/// release with COMMIT: one round trip per write besides its own statements.
async fn commit_group(conn: &mut AnyConnection, group: Vec<Job>) {
    let last = group.len().saturating_sub(1);
    let mut answers = Vec::with_capacity(group.len());
    let mut failure: Option<sqlx::Error> =
        conn.execute("BEGIN IMMEDIATE; SAVEPOINT write").await.err();
    let mut jobs = group.into_iter().enumerate();
    if failure.is_none() {
        for (i, job) in jobs.by_ref() {
            // A panicking write must not take the writer (and every later write) with it.
            let ran = AssertUnwindSafe(job(conn)).catch_unwind().await;
            let undo = !matches!(&ran, Ok(Ran { ok: true, .. }));
            let end = match (undo, i == last) {
                (false, false) => "RELEASE write; SAVEPOINT write",
                (true, false) => "ROLLBACK TO write; RELEASE write; SAVEPOINT write",
                (false, true) => "RELEASE write; COMMIT",
                (true, true) => "ROLLBACK TO write; RELEASE write; COMMIT",
            };
            let end = conn.execute(end).await;
            if let Ok(ran) = ran {
                answers.push(ran.answer);
            }
            if let Err(e) = end {
                failure = Some(e);
                break;
            }
        }
    }
    if let Some(e) = &failure {
        tracing::error!(error = %e, "group commit failed; its writes are rolled back");
        let _ = conn.execute("ROLLBACK").await;
    }
    for answer in answers {
        answer(failure.as_ref());
    }
    // Jobs never started (the group failed before them) learn it by their answer channel
    // closing: dropping them here drops it.
    drop(jobs);
}

#[cfg(test)]
mod tests {
    use crate::store::{Db, DbOptions};
    use futures::future::join_all;
    use sqlx::Row;

    async fn count(db: &Db) -> i64 {
        sqlx::query("SELECT COUNT(*) AS n FROM scratch")
            .fetch_one(&db.read)
            .await
            .unwrap()
            .get("n")
    }

    fn insert(n: i64) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments<'static>> {
        sqlx::query("INSERT INTO scratch (n) VALUES ($1)").bind(n)
    }

    /// Concurrent writes, one of them failing half-way and one panicking, in groups of at most
    /// `max_group`: each of the others is committed when its caller hears so, the failed and
    /// panicked ones leave nothing, and the writer goes on; all of it is on disk after a
    /// restart.
    async fn writes_commit_alone_or_together(max_group: usize) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("w.db").display());
        let options = DbOptions {
            sqlite_max_group: max_group,
        };
        let db = Db::open_with(&url, options).await.unwrap();
        db.execute(sqlx::query("CREATE TABLE scratch (n INTEGER NOT NULL)"))
            .await
            .unwrap();
        let writes = (0..100).map(|n| {
            let db = db.clone();
            async move {
                match n {
                    // Writes, then fails: its row must not stay.
                    13 => db
                        .write(move |c| {
                            Box::pin(async move {
                                insert(n).execute(&mut *c).await?;
                                Err::<(), _>(sqlx::Error::RowNotFound)
                            })
                        })
                        .await
                        .is_err(),
                    // Writes, then panics: the same, and the writer survives it.
                    42 => db
                        .write(move |c| {
                            Box::pin(async move {
                                insert(n).execute(&mut *c).await?;
                                if n == 42 {
                                    panic!("a bug in one write");
                                }
                                Ok::<(), sqlx::Error>(())
                            })
                        })
                        .await
                        .is_err(),
                    _ => {
                        db.execute(insert(n)).await.unwrap();
                        // Acknowledged means committed: a reader sees it at once.
                        let seen: i64 =
                            sqlx::query("SELECT COUNT(*) AS n FROM scratch WHERE n = $1")
                                .bind(n)
                                .fetch_one(&db.read)
                                .await
                                .unwrap()
                                .get("n");
                        seen == 1
                    }
                }
            }
        });
        assert!(join_all(writes).await.into_iter().all(|ok| ok));
        assert_eq!(count(&db).await, 98);
        db.execute(insert(100)).await.unwrap();
        db.close().await;
        let db = Db::open(&url).await.unwrap();
        assert_eq!(count(&db).await, 99);
        db.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn group_commits_keep_each_write_whole() {
        writes_commit_alone_or_together(super::MAX_GROUP).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_group_of_one_is_a_transaction_per_write() {
        writes_commit_alone_or_together(1).await;
    }
}
