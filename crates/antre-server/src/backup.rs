//! Online backup and restore of the embedded SQLite database (`antre-server backup <file>`,
//! `antre-server restore <file>`).
//!
//! A backup is `VACUUM INTO`: SQLite writes a consistent, compacted copy of the database as one
//! read transaction sees it, while the server keeps serving (WAL readers and the writer are not
//! blocked; writes committed after the copy began are not in it). The copy is then checked
//! (`PRAGMA integrity_check`) and flushed to disk before the command reports success.
//!
//! A restore copies a checked backup into a database path that does not exist yet (a fresh
//! data directory: never over a live database), through a temporary file renamed into place,
//! then opens it once so migrations newer than the backup are applied.
//!
//! Secrets are not in the database and so not in a backup: the server that opens a restored
//! copy needs the same `ANTRE_DATA_KEY` (else it refuses to start: NIKs could not be matched)
//! and the same proof keys' public halves are in the copy (`proof_keys`), so earlier proofs
//! still verify. Back up the key files (or the environment's secrets) separately. PostgreSQL
//! deployments use the database's own tools (`pg_dump`, base backups with WAL archiving).

use anyhow::{bail, Context};
use sqlx::{Connection, Row};
use std::path::{Path, PathBuf};

/// The file of a `sqlite://PATH?...` URL.
pub fn sqlite_path(database_url: &str) -> anyhow::Result<PathBuf> {
    let Some(rest) = database_url.strip_prefix("sqlite://") else {
        bail!("backup and restore are for the embedded SQLite database; for PostgreSQL use pg_dump or base backups");
    };
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        bail!("no database file in {database_url:?}");
    }
    Ok(PathBuf::from(path))
}

/// What a backup or restore holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub bookings: i64,
    pub accounts: i64,
    pub bytes: u64,
}

async fn summarize(path: &Path) -> anyhow::Result<Summary> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", path.display());
    let mut c = sqlx::AnyConnection::connect(&url)
        .await
        .with_context(|| format!("opening {}", path.display()))?;
    let check: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut c)
        .await?
        .try_get(0)?;
    if check != "ok" {
        bail!("{} fails SQLite's integrity check: {check}", path.display());
    }
    let migrated: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut c)
    .await?
    .try_get("n")?;
    if migrated == 0 {
        bail!("{} is not an Antre database", path.display());
    }
    let mut count = async |table: &str| -> anyhow::Result<i64> {
        Ok(sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(&mut c)
            .await?
            .try_get("n")?)
    };
    let bookings = count("bookings").await?;
    let accounts = count("accounts").await?;
    c.close().await?;
    Ok(Summary {
        bookings,
        accounts,
        bytes: std::fs::metadata(path)?.len(),
    })
}

fn sync_file_and_dir(path: &Path) -> anyhow::Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    if let Some(dir) = path.parent() {
        // The new directory entry is durable too (a rename or create is only durable once its
        // directory is synced).
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Writes a consistent copy of the live database to `target` (which must not exist).
pub async fn backup(database_url: &str, target: &Path) -> anyhow::Result<Summary> {
    let source = sqlite_path(database_url)?;
    if !source.exists() {
        bail!("no database at {}", source.display());
    }
    if target.exists() {
        bail!(
            "{} exists; a backup never overwrites a file",
            target.display()
        );
    }
    sqlx::any::install_default_drivers();
    let mut c =
        sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=rw", source.display())).await?;
    // Other connections may be writing: wait for the writer's lock rather than fail at once.
    sqlx::query("PRAGMA busy_timeout = 30000")
        .execute(&mut c)
        .await?;
    let quoted = target.display().to_string().replace('\'', "''");
    sqlx::query(&format!("VACUUM INTO '{quoted}'"))
        .execute(&mut c)
        .await
        .context("VACUUM INTO")?;
    c.close().await?;
    sync_file_and_dir(target)?;
    summarize(target).await
}

/// Puts a backup in place as the database of `database_url`, whose file must not exist yet.
pub async fn restore(database_url: &str, backup: &Path) -> anyhow::Result<Summary> {
    let target = sqlite_path(database_url)?;
    if target.exists() {
        bail!(
            "{} exists; restore only into a fresh data directory (move the old database away first)",
            target.display()
        );
    }
    summarize(backup).await?;
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let partial = target.with_extension("restoring");
    std::fs::copy(backup, &partial)
        .with_context(|| format!("copying {} to {}", backup.display(), partial.display()))?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, &target)?;
    sync_file_and_dir(&target)?;
    // Applies any migration newer than the backup, then leaves it closed for the server.
    let db = crate::store::Db::open(database_url).await?;
    db.close().await;
    summarize(&target).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_files_are_backed_up() {
        assert_eq!(
            sqlite_path("sqlite:///var/lib/antre/antre.db?mode=rwc").unwrap(),
            PathBuf::from("/var/lib/antre/antre.db")
        );
        assert!(sqlite_path("postgres://localhost/antre").is_err());
        assert!(sqlite_path("sqlite://:memory:").is_err());
    }
}
