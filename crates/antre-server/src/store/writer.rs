//! The one place writes happen. On PostgreSQL each write is its own transaction on the pool.
//! On SQLite (one writer at a time, by design) a single task owns the only write connection
//! and commits in groups: the writes waiting when it is free run in one transaction, each
//! inside its own savepoint (a failed write rolls back alone), and one COMMIT, one fsync,
//! makes them all durable. Callers get their answer only after that COMMIT, so an acknowledged
//! write survives power loss (`synchronous=FULL`) at the cost of one fsync per group, not per
//! request.

use super::checkpoint;
use super::direct::{Direct, Query};
use super::rows::{Cell, Insert, JSON_ROWS};
use futures::future::BoxFuture;
use futures::FutureExt;
use sqlx::any::AnyRow;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Executor};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use tokio::sync::{mpsc, oneshot};

/// Most writes one group commit takes by default; more wait for the next group.
pub const MAX_GROUP: usize = 256;
/// Writes queued before callers wait to hand theirs over (back-pressure).
const QUEUE: usize = 4096;

/// A write: statements on the connection, inside a transaction (or a savepoint of one).
pub type Work<T, E> =
    Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send>;

/// A write made only of whole statements ([`Statements`]), which on SQLite in a file runs on
/// the writer's own thread through rusqlite (see `direct`): no round trip to sqlx's connection
/// thread per statement. For the writes of a crowd (a draw entry); any write can be one.
pub type StatementsWork<T, E> =
    Box<dyn for<'c> FnOnce(Statements<'c>) -> BoxFuture<'c, Result<T, E>> + Send>;

/// The connection a [`StatementsWork`] runs its statements on.
pub enum Statements<'c> {
    Pool(&'c mut AnyConnection),
    Direct(&'c mut Direct),
}

impl Statements<'_> {
    /// At most one row of `query` (a read, or a write's `RETURNING`).
    pub async fn fetch_optional(
        &mut self,
        query: Query<'_>,
    ) -> Result<Option<AnyRow>, sqlx::Error> {
        match self {
            Statements::Pool(c) => query.fetch_optional(&mut **c).await,
            Statements::Direct(d) => d.fetch_optional(query),
        }
    }

    /// Runs `query`; the rows it changed.
    pub async fn execute(&mut self, query: Query<'_>) -> Result<u64, sqlx::Error> {
        match self {
            Statements::Pool(c) => Ok(query.execute(&mut **c).await?.rows_affected()),
            Statements::Direct(d) => d.execute(query),
        }
    }

    /// Every row of `query`.
    pub async fn fetch_all(&mut self, query: Query<'_>) -> Result<Vec<AnyRow>, sqlx::Error> {
        match self {
            Statements::Pool(c) => query.fetch_all(&mut **c).await,
            Statements::Direct(d) => d.fetch_all(query),
        }
    }

    /// `rows` into `insert`'s table (see `rows`); the rows written.
    pub async fn insert_rows(
        &mut self,
        insert: &Insert<'_>,
        rows: &[Vec<Cell<'_>>],
    ) -> anyhow::Result<u64> {
        let postgres = !self.is_sqlite();
        match self {
            Statements::Direct(d) => Ok(d.insert_rows(insert, rows)?),
            Statements::Pool(c) => {
                let sql = insert.json_rows_sql(postgres);
                let mut written = 0;
                for chunk in rows.chunks(JSON_ROWS) {
                    written += sqlx::query(&sql)
                        .bind(serde_json::to_string(chunk)?)
                        .execute(&mut **c)
                        .await?
                        .rows_affected();
                }
                Ok(written)
            }
        }
    }

    pub fn is_sqlite(&self) -> bool {
        match self {
            Statements::Pool(c) => c.backend_name().eq_ignore_ascii_case("sqlite"),
            Statements::Direct(_) => true,
        }
    }
}

/// Tells a caller how its write ended, given the group's COMMIT error if there was one.
type Answer = Box<dyn FnOnce(Option<&sqlx::Error>) + Send>;

/// What a finished job hands back to the writer: whether its statements stand, and how to
/// tell its caller once the group's COMMIT is known.
struct Ran {
    ok: bool,
    answer: Answer,
}

type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Ran> + Send>;
type DirectJob = Box<dyn for<'c> FnOnce(&'c mut Direct) -> BoxFuture<'c, Ran> + Send>;

enum Msg {
    Job(Job),
    Direct(DirectJob),
    Stop(oneshot::Sender<()>),
}

#[derive(Clone)]
pub struct Writer(Inner);

#[derive(Clone)]
enum Inner {
    Postgres(AnyPool),
    /// The queue, and whether the writer has a direct connection for [`StatementsWork`].
    Sqlite(mpsc::Sender<Msg>, bool),
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Inner::Postgres(_) => "Writer(PostgreSQL pool)",
            Inner::Sqlite(..) => "Writer(SQLite group commit)",
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
    ///
    /// With the database's `file`, the thread also holds a direct connection to it (see
    /// `direct`) for [`Writer::run_statements`]: both connections write from this one thread,
    /// one group after the other, so they never wait for each other's lock.
    pub async fn sqlite(
        pool: &AnyPool,
        max_group: usize,
        file: Option<PathBuf>,
    ) -> Result<Writer, sqlx::Error> {
        let mut conn = pool.acquire().await?;
        // In a file the checkpoints are the checkpoint thread's (`checkpoint`), which stops
        // when this writer does.
        let (direct, checkpoints) = match &file {
            Some(path) => {
                conn.execute(checkpoint::WRITER_PRAGMA).await?;
                let direct = Direct::open(
                    path,
                    &format!(
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; {}",
                        checkpoint::WRITER_PRAGMA
                    ),
                )?;
                let (stop, stopped) = std::sync::mpsc::channel::<()>();
                checkpoint::spawn(path, stopped)?;
                (Some(direct), Some(stop))
            }
            None => (None, None),
        };
        let has_direct = direct.is_some();
        let (tx, rx) = mpsc::channel(QUEUE);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                runtime.block_on(group_commits(conn, direct, rx, max_group.max(1)));
                drop(checkpoints);
            })?;
        Ok(Writer(Inner::Sqlite(tx, has_direct)))
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
            Inner::Sqlite(queue, _) => {
                let (answer_tx, answer_rx) = oneshot::channel::<Result<T, E>>();
                let job: Job =
                    Box::new(move |conn| Box::pin(async move { ran(work(conn).await, answer_tx) }));
                queue.send(Msg::Job(job)).await.map_err(|_| closed())?;
                answer_rx.await.map_err(|_| E::from(closed()))?
            }
        }
    }

    /// Runs a write of whole statements: as [`Writer::run`], on the writer's direct connection
    /// where it has one.
    pub async fn run_statements<T, E>(&self, work: StatementsWork<T, E>) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        match &self.0 {
            Inner::Sqlite(queue, true) => {
                let (answer_tx, answer_rx) = oneshot::channel::<Result<T, E>>();
                let job: DirectJob = Box::new(move |conn| {
                    Box::pin(async move { ran(work(Statements::Direct(conn)).await, answer_tx) })
                });
                queue.send(Msg::Direct(job)).await.map_err(|_| closed())?;
                answer_rx.await.map_err(|_| E::from(closed()))?
            }
            _ => {
                self.run(Box::new(move |conn| work(Statements::Pool(conn))))
                    .await
            }
        }
    }

    /// Finishes the group under way and stops taking writes (SQLite); nothing on PostgreSQL.
    pub async fn stop(&self) {
        if let Inner::Sqlite(queue, _) = &self.0 {
            let (done, stopped) = oneshot::channel();
            if queue.send(Msg::Stop(done)).await.is_ok() {
                let _ = stopped.await;
            }
        }
    }
}

/// What a job hands back: whether its statements stand, and how its caller hears the end
/// (a COMMIT that fails undoes a write that succeeded).
fn ran<T, E>(result: Result<T, E>, answer_tx: oneshot::Sender<Result<T, E>>) -> Ran
where
    T: Send + 'static,
    E: From<sqlx::Error> + Send + 'static,
{
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
    mut direct: Option<Direct>,
    mut queue: mpsc::Receiver<Msg>,
    max_group: usize,
) {
    let mut stop = None;
    while stop.is_none() {
        let Some(first) = queue.recv().await else {
            break;
        };
        let (mut group, mut direct_group) = (Vec::new(), Vec::new());
        let mut next = Some(first);
        let mut taken = 0;
        while let Some(msg) = next.take() {
            match msg {
                Msg::Job(job) => group.push(job),
                Msg::Direct(job) => direct_group.push(job),
                Msg::Stop(done) => stop = Some(done),
            }
            taken += 1;
            if stop.is_none() && taken < max_group {
                next = queue.try_recv().ok();
            }
        }
        // Callers wait for their answers concurrently: the order inside a group is free.
        if let (Some(direct), false) = (direct.as_mut(), direct_group.is_empty()) {
            commit_direct_group(direct, direct_group).await;
        }
        if !group.is_empty() {
            commit_group(&mut conn, group).await;
        }
    }
    // Given back before saying so, while this thread's runtime still runs: the pool is closed
    // right after and waits for it.
    drop(direct);
    conn.close().await.ok();
    if let Some(done) = stop {
        let _ = done.send(());
    }
}

/// A group on the direct connection: the same transaction, savepoints and answers as
/// [`commit_group`], each statement a call on this thread.
async fn commit_direct_group(conn: &mut Direct, group: Vec<DirectJob>) {
    let mut answers = Vec::with_capacity(group.len());
    let mut failure = conn.batch("BEGIN IMMEDIATE").err();
    let mut jobs = group.into_iter();
    if failure.is_none() {
        for job in jobs.by_ref() {
            if let Err(e) = conn.batch("SAVEPOINT write") {
                failure = Some(e);
                break;
            }
            // A panicking write must not take the writer (and every later write) with it.
            let ran = AssertUnwindSafe(job(conn)).catch_unwind().await;
            let end = match &ran {
                Ok(Ran { ok: true, .. }) => "RELEASE write",
                _ => "ROLLBACK TO write; RELEASE write",
            };
            if let Ok(ran) = ran {
                answers.push(ran.answer);
            }
            if let Err(e) = conn.batch(end) {
                failure = Some(e);
                break;
            }
        }
        if failure.is_none() {
            let started = std::time::Instant::now();
            failure = conn.batch("COMMIT").err();
            tracing::trace!(
                commit_ms = started.elapsed().as_millis() as u64,
                "direct group committed"
            );
        }
    }
    if let Some(e) = &failure {
        tracing::error!(error = %e, "group commit failed; its writes are rolled back");
        let _ = conn.batch("ROLLBACK");
    }
    for answer in answers {
        answer(failure.as_ref());
    }
    drop(jobs);
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
                    // The same through the direct connection: fails after writing.
                    77 => db
                        .write_statements(move |mut c| {
                            Box::pin(async move {
                                c.execute(insert(n)).await?;
                                Err::<(), _>(sqlx::Error::RowNotFound)
                            })
                        })
                        .await
                        .is_err(),
                    _ => {
                        // Every other write goes through the direct connection, so groups
                        // mix both kinds.
                        if n % 2 == 0 {
                            db.write_statements(move |mut c| {
                                Box::pin(async move { c.execute(insert(n)).await })
                            })
                            .await
                            .unwrap();
                        } else {
                            db.execute(insert(n)).await.unwrap();
                        }
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
        assert_eq!(count(&db).await, 97);
        db.execute(insert(100)).await.unwrap();
        db.close().await;
        let db = Db::open(&url).await.unwrap();
        assert_eq!(count(&db).await, 98);
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

    /// A constraint broken on the direct connection reads as sqlx's own error: the unique
    /// violation is recognised (callers answer "already booked" by it), and the write is undone.
    #[tokio::test]
    async fn direct_writes_report_violations_as_sqlx_does() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("v.db").display());
        let db = Db::open(&url).await.unwrap();
        db.execute(sqlx::query(
            "CREATE TABLE scratch (n INTEGER NOT NULL UNIQUE)",
        ))
        .await
        .unwrap();
        let twice = |n: i64| {
            db.write_statements(move |mut c| {
                Box::pin(async move {
                    c.execute(insert(n + 1)).await?;
                    c.execute(insert(n)).await?;
                    c.execute(insert(n)).await
                })
            })
        };
        let err = twice(1).await.unwrap_err();
        assert!(crate::store::is_unique_violation(&err), "{err:?}");
        assert!(crate::store::violates(&err, "scratch_n_key", "scratch.n"));
        assert_eq!(count(&db).await, 0, "the whole write is undone");
        let returned = db
            .write_statements(|mut c| {
                Box::pin(async move {
                    c.fetch_optional(sqlx::query(
                        "INSERT INTO scratch (n) VALUES (7) RETURNING n * 2 AS twice",
                    ))
                    .await
                })
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(returned.get::<i64, _>("twice"), 14);
        assert_eq!(count(&db).await, 1);
        db.close().await;
    }
}

/// Rows written many at a time (`rows`) land the same on the direct connection (SQLite in a
/// file) and through sqlx's JSON path (in-memory SQLite, and PostgreSQL when
/// `ANTRE_TEST_POSTGRES_URL` is set): text with quotes and non-ASCII, integers, NULLs, more
/// rows than one JSON statement takes, and a conflict left out where the insert says so.
#[cfg(test)]
mod insert_rows_tests {
    use crate::store::rows::{Cell, Insert};
    use crate::store::Db;
    use sqlx::Row;

    const PEOPLE: Insert<'static> = Insert {
        table: "people",
        columns: &[("name", false), ("age", true), ("note", false)],
        skip_conflicts: true,
    };

    const PEOPLE_COUNT: usize = super::JSON_ROWS + 2_500;

    async fn written(db: &Db) -> (u64, Vec<(String, i64, Option<String>)>) {
        db.execute(sqlx::query("DROP TABLE IF EXISTS people"))
            .await
            .unwrap();
        db.execute(sqlx::query(
            "CREATE TABLE people (name TEXT PRIMARY KEY, age INTEGER NOT NULL, note TEXT)",
        ))
        .await
        .unwrap();
        let count = db
            .write_statements(|mut s| {
                Box::pin(async move {
                    let names: Vec<String> = (0..PEOPLE_COUNT)
                        .map(|i| format!("Siti \"{i}\" Nur’aini"))
                        .collect();
                    let mut rows: Vec<Vec<Cell<'_>>> = names
                        .iter()
                        .enumerate()
                        .map(|(i, name)| {
                            let note = (i % 3 == 0).then_some("ibu hamil");
                            vec![
                                Cell::from(name.as_str()),
                                Cell::from(i as i64),
                                Cell::from(note),
                            ]
                        })
                        .collect();
                    // The same name again: left out, not an error.
                    rows.push(vec![
                        Cell::from(names[7].as_str()),
                        Cell::from(-1),
                        Cell::Null,
                    ]);
                    s.insert_rows(&PEOPLE, &rows).await
                })
            })
            .await
            .unwrap();
        // Read on the write connection: an in-memory database is one per connection.
        let rows = db
            .write(|c| {
                Box::pin(async move {
                    sqlx::query("SELECT name, age, note FROM people ORDER BY age")
                        .fetch_all(&mut *c)
                        .await
                })
            })
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get("name"), r.get("age"), r.get("note")))
            .collect();
        db.execute(sqlx::query("DROP TABLE people")).await.unwrap();
        (count, rows)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn rows_land_the_same_on_every_connection() {
        let dir = tempfile::tempdir().unwrap();
        let file = format!("sqlite://{}?mode=rwc", dir.path().join("r.db").display());
        let direct = written(&Db::open(&file).await.unwrap()).await;
        assert_eq!(direct.0, PEOPLE_COUNT as u64, "the conflict is left out");
        assert_eq!(direct.1.len(), PEOPLE_COUNT);
        assert_eq!(direct.1[7], ("Siti \"7\" Nur’aini".to_string(), 7, None));
        assert_eq!(direct.1[9].2.as_deref(), Some("ibu hamil"));
        let memory = written(&Db::open("sqlite::memory:").await.unwrap()).await;
        assert_eq!(memory, direct);
        if let Ok(url) = std::env::var("ANTRE_TEST_POSTGRES_URL") {
            let postgres = written(&Db::open(&url).await.unwrap()).await;
            assert_eq!(postgres, direct);
        }
    }
}
