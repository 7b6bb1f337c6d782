//! The database: one handle over SQLite or PostgreSQL through `sqlx::Any`, and one module per
//! area with the queries of that area. Queries use `$N` placeholders, which both engines read.
//!
//! SQLite allows one writer at a time; instead of letting many connections wait on its lock,
//! writes go through a pool of exactly one connection (a queue in process) while reads use
//! several. On PostgreSQL both handles are the same pool.

pub mod accounts;
pub mod applicants;
pub mod bookings;
pub mod offices;
pub mod slots;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub engine: Engine,
    pub read: AnyPool,
    pub write: AnyPool,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        if url.starts_with("postgres") {
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Db {
                engine: Engine::Postgres,
                read: pool.clone(),
                write: pool,
            })
        } else {
            let pragmas = sqlite_pragmas;
            let write = AnyPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .after_connect(pragmas)
                .connect(url)
                .await?;
            let read = AnyPoolOptions::new()
                .max_connections(4)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(pragmas)
                .connect(url)
                .await?;
            Ok(Db {
                engine: Engine::Sqlite,
                read,
                write,
            })
        }
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.engine {
            Engine::Sqlite => SQLITE_MIGRATIONS.run(&self.write).await,
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&self.write).await,
        }
    }

    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

type ConnectFuture<'c> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), sqlx::Error>> + Send + 'c>>;

/// WAL lets readers run beside the one writer; NORMAL sync is durable across process crashes
/// (an OS crash may lose the last transactions, the trade-off SQLite documents for WAL).
fn sqlite_pragmas(
    conn: &mut sqlx::AnyConnection,
    _meta: sqlx::pool::PoolConnectionMetadata,
) -> ConnectFuture<'_> {
    Box::pin(async move {
        conn.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;")
            .await?;
        Ok(())
    })
}

/// Whether a database error is a unique-constraint violation (the NIK rule, idempotency keys).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Reads a 0/1 flag column.
pub fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column)? != 0)
}
