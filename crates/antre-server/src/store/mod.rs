//! The database: one handle over SQLite or PostgreSQL through `sqlx::Any`, and one module per
//! area with the queries of that area. Queries use `$N` placeholders, which both engines read.
//!
//! Reads go to a pool. Every write goes through [`Db::write`]: on PostgreSQL a transaction of
//! its own; on SQLite, which allows one writer at a time, a single task owns the only write
//! connection and commits waiting writes in groups (see `writer`), durable on power loss.

pub mod accounts;
pub mod applicants;
pub mod audit;
pub mod bookings;
mod checkpoint;
pub mod codes;
pub mod desk;
mod direct;
pub mod disruptions;
pub mod draws;
pub mod drives;
pub mod event_sites;
pub mod feedback;
pub mod hoarding;
pub mod invariants;
pub mod offices;
pub mod payments;
mod point_read;
pub mod proof_keys;
pub mod rows;
pub mod sessions;
pub mod slots;
pub mod suspicious;
pub mod throttle;
pub mod waitlist;
mod writer;

use chrono::{DateTime, NaiveDate, Utc};
use futures::future::BoxFuture;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use std::sync::Arc;
use std::time::Duration;
pub use writer::Statements;
use writer::Writer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub engine: Engine,
    pub read: AnyPool,
    /// The pool behind the writer; only `writer` uses it, and `close` closes it.
    write_pool: AnyPool,
    /// SQLite in a file: point reads on the caller's thread ([`Db::fetch_point`]).
    point: Option<Arc<point_read::PointReader>>,
    writer: Writer,
}

/// PostgreSQL connections idle this long are checked before use.
const PING_IDLE_AFTER: Duration = Duration::from_secs(1);

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A failure to open the database: connecting, or bringing its schema up to date.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Connect(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// How a database is opened. The default is what the server runs with.
#[derive(Clone, Copy, Debug)]
pub struct DbOptions {
    /// SQLite: most writes one group commit takes (`ANTRE_SQLITE_MAX_GROUP`). A benchmarking
    /// and diagnostic knob: 1 commits every write on its own (to measure what grouping buys);
    /// every write is durable when acknowledged whatever its value.
    pub sqlite_max_group: usize,
}

impl Default for DbOptions {
    fn default() -> Self {
        DbOptions {
            sqlite_max_group: writer::MAX_GROUP,
        }
    }
}

impl Db {
    /// Connects, brings the schema up to date (migrations are idempotent) and starts the writer.
    pub async fn open(url: &str) -> Result<Db, OpenError> {
        Db::open_with(url, DbOptions::default()).await
    }

    pub async fn open_with(url: &str, options: DbOptions) -> Result<Db, OpenError> {
        sqlx::any::install_default_drivers();
        if url.starts_with("postgres") {
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                // A connection is checked (a round trip) before use only if it sat idle for a
                // while: one that has just served a request is alive, and checking every one
                // doubled the round trips of a flash crowd's refusals (measured: 1.7 times the
                // refusals per second without). After a quiet spell, when the database may have
                // restarted unnoticed, the first use still checks.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= PING_IDLE_AFTER {
                            conn.ping().await?;
                        }
                        Ok(true)
                    })
                })
                // Waiting long for a connection only turns overload into timeouts later.
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await?;
            POSTGRES_MIGRATIONS.run(&pool).await?;
            Ok(Db {
                engine: Engine::Postgres,
                read: pool.clone(),
                write_pool: pool.clone(),
                point: None,
                writer: Writer::postgres(pool),
            })
        } else {
            let write_pool = AnyPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .after_connect(|conn, _| Box::pin(sqlite_pragmas(conn, "FULL")))
                .connect(url)
                .await?;
            SQLITE_MIGRATIONS.run(&write_pool).await?;
            let read = AnyPoolOptions::new()
                .max_connections(4)
                // A connection to a local file cannot have gone away, and the ping that checks
                // it is a round trip to the connection's thread: as dear as the read itself.
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(|conn, _| Box::pin(sqlite_pragmas(conn, "NORMAL")))
                .connect(url)
                .await?;
            let file = crate::backup::sqlite_path(url).ok();
            let writer = Writer::sqlite(&write_pool, options.sqlite_max_group, file).await?;
            Ok(Db {
                engine: Engine::Sqlite,
                read,
                write_pool,
                point: point_read::PointReader::for_url(url).map(Arc::new),
                writer,
            })
        }
    }

    /// Runs `work` as one write transaction (on SQLite: one savepoint of a group commit) and
    /// answers once it is committed. An `Err` from `work` undoes everything it wrote.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send + 'static,
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        self.writer.run(Box::new(work)).await
    }

    /// Runs `work`, a write made only of whole statements, as [`Db::write`] runs a write: on
    /// SQLite in a file each statement is a call on the writer's thread rather than a round
    /// trip to sqlx's connection thread (see `direct`). For the writes of a crowd.
    pub async fn write_statements<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: for<'c> FnOnce(Statements<'c>) -> BoxFuture<'c, Result<T, E>> + Send + 'static,
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        self.writer.run_statements(Box::new(work)).await
    }

    /// At most one row of a read by key: the caller's session, a booking request's one read.
    /// On SQLite in a file it runs on the calling thread (see `point_read`: no round trip to a
    /// connection's thread); otherwise on the read pool. Not for scans: they would hold the
    /// request's thread.
    pub async fn fetch_point<'q>(
        &self,
        query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<Option<AnyRow>, sqlx::Error> {
        match &self.point {
            Some(point) => point.fetch_optional(query),
            None => query.fetch_optional(&self.read).await,
        }
    }

    /// One write statement with its binds.
    pub async fn execute(
        &self,
        query: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments<'static>>,
    ) -> Result<u64, sqlx::Error> {
        self.write(move |c| Box::pin(async move { Ok(query.execute(c).await?.rows_affected()) }))
            .await
    }

    /// One write statement returning at most one row (`... RETURNING`).
    pub async fn fetch_optional(
        &self,
        query: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments<'static>>,
    ) -> Result<Option<AnyRow>, sqlx::Error> {
        self.write(move |c| Box::pin(async move { query.fetch_optional(c).await }))
            .await
    }

    pub async fn close(&self) {
        self.writer.stop().await;
        self.write_pool.close().await;
        self.read.close().await;
    }
}

/// `query.fetch_point(db)`: [`Db::fetch_point`] where a query reads as a chain.
pub trait PointRead {
    fn fetch_point(
        self,
        db: &Db,
    ) -> impl std::future::Future<Output = Result<Option<AnyRow>, sqlx::Error>> + Send;
}

impl<'q> PointRead for sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    fn fetch_point(
        self,
        db: &Db,
    ) -> impl std::future::Future<Output = Result<Option<AnyRow>, sqlx::Error>> + Send {
        db.fetch_point(self)
    }
}

/// SQLite's page cache per connection, KiB (its default).
pub const SQLITE_CACHE_KIB: u32 = 2_000;

/// WAL lets readers run beside the one writer. The writer syncs FULL: a committed write
/// survives power loss, not only a crash (group commit keeps that to one fsync per group).
async fn sqlite_pragmas(conn: &mut AnyConnection, synchronous: &str) -> Result<(), sqlx::Error> {
    conn.execute(
        format!(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
        )
        .as_str(),
    )
    .await?;
    Ok(())
}

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Whether a database error is the violation of one named unique index. PostgreSQL names the
/// index; SQLite names the columns (`table.column`), given as `sqlite_columns`.
pub fn violates(err: &sqlx::Error, index: &str, sqlite_columns: &str) -> bool {
    match err {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            db.constraint() == Some(index) || db.message().contains(sqlite_columns)
        }
        _ => false,
    }
}

/// Reads a 0/1 flag column.
pub fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// A stored instant (Unix seconds, UTC).
pub fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// A stored calendar day (`YYYY-MM-DD`, the office's local date).
pub fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    use anyhow::Context;
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("stored day {text:?}"))
}

/// An office's rows held for a day with a slot of their own (drives, event sites): one
/// `SELECT`, the same two reads. `select` is `SELECT … FROM <table> <alias> JOIN …` whose
/// `<alias>` has `id`, `office_id` and `day`; `order` the `ORDER BY` of a list.
pub struct OfficeDayRows<T> {
    pub select: &'static str,
    pub alias: &'static str,
    pub order: &'static str,
    pub from_row: fn(&AnyRow) -> anyhow::Result<T>,
}

impl<T> OfficeDayRows<T> {
    /// The row of that id.
    pub async fn get(&self, db: &Db, id: uuid::Uuid) -> anyhow::Result<Option<T>> {
        let Self { select, alias, .. } = self;
        sqlx::query(&format!("{select} WHERE {alias}.id = $1"))
            .bind(id.to_string())
            .fetch_optional(&db.read)
            .await?
            .as_ref()
            .map(self.from_row)
            .transpose()
    }

    /// The office's rows from `from` to `to` (its local days, both included), in `order`.
    pub async fn of_office_between(
        &self,
        db: &Db,
        office_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> anyhow::Result<Vec<T>> {
        let Self {
            select,
            alias,
            order,
            ..
        } = self;
        sqlx::query(&format!(
            "{select} WHERE {alias}.office_id = $1 AND {alias}.day >= $2 AND {alias}.day <= $3 ORDER BY {order}"
        ))
        .bind(office_id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&db.read)
        .await?
        .iter()
        .map(self.from_row)
        .collect()
    }
}
