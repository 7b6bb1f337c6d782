//! Point reads on SQLite, run on the calling thread.
//!
//! sqlx gives every SQLite connection a thread of its own: a query is a message to that thread
//! and an answer back, two thread wake-ups whatever the query costs. For the reads a flash crowd
//! makes on every request (the caller's session, the booking request's one read), those
//! wake-ups were most of the server's CPU: a profile of the scarce crowd showed about 45% of the
//! server's time in the kernel's task switching around sqlx's channels, against about 2% in
//! SQLite itself. A point read by key takes SQLite microseconds, so these reads run here, on the
//! request's own thread, on a connection taken from a small stack (no thread hop, no pool
//! queue). Scans (search, lists, reports) stay on the pool: a long read must not hold a worker.
//!
//! The answer is the same [`AnyRow`] the pool gives, value for value (see `any_value`: the
//! mapping sqlx's SQLite driver applies), so every row mapper serves both paths; a test runs the
//! same queries both ways. Readers see the last committed write, as the pool's readers do (WAL).

use sqlx::any::{AnyRow, AnyTypeInfo, AnyTypeInfoKind, AnyValue};
use sqlx::Execute;
use sqlx_core::any::{AnyColumn, AnyValueKind};
use sqlx_core::ext::ustr::UStr;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Connections kept for reuse: enough for every worker thread and a few more.
const KEEP: usize = 8;

type ColumnNames = Arc<sqlx_core::HashMap<UStr, usize>>;

/// Open read connections to one SQLite file.
pub struct PointReader {
    path: PathBuf,
    idle: Mutex<Vec<Reader>>,
}

struct Reader {
    conn: rusqlite::Connection,
    /// Each statement's column names, made once (its rows share them).
    names: HashMap<String, (ColumnNames, Vec<UStr>)>,
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
    pub fn fetch_optional<'q>(
        &self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<Option<AnyRow>, sqlx::Error> {
        let args = query
            .take_arguments()
            .map_err(sqlx::Error::Encode)?
            .map(|a| a.values.0)
            .unwrap_or_default();
        let sql = query.sql();
        let mut reader = self.take()?;
        let row = reader.fetch_optional(sql, &args).map_err(driver_error);
        // A connection that failed is dropped rather than kept.
        if row.is_ok() {
            self.give_back(reader);
        }
        row
    }

    fn take(&self) -> Result<Reader, sqlx::Error> {
        if let Some(reader) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(reader);
        }
        let conn = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(driver_error)?;
        conn.execute_batch("PRAGMA query_only = ON; PRAGMA busy_timeout = 10000;")
            .map_err(driver_error)?;
        Ok(Reader {
            conn,
            names: HashMap::new(),
        })
    }

    fn give_back(&self, reader: Reader) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < KEEP {
            idle.push(reader);
        }
    }
}

impl Reader {
    fn fetch_optional(
        &mut self,
        sql: &str,
        args: &[AnyValueKind<'_>],
    ) -> rusqlite::Result<Option<AnyRow>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        // `$N` names the N-th argument wherever it stands (SQLite numbers parameters in the
        // order they first appear, which need not be N).
        for index in 1..=stmt.parameter_count() {
            let arg = stmt
                .parameter_name(index)
                .and_then(|name| name.strip_prefix('$'))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| args.get(n.checked_sub(1)?))
                .ok_or(rusqlite::Error::InvalidParameterCount(index, args.len()))?;
            stmt.raw_bind_parameter(index, SqlArg(arg))?;
        }
        let (names, column_names) = match self.names.get(sql) {
            Some(known) => known.clone(),
            None => {
                let list: Vec<UStr> = stmt.column_names().into_iter().map(UStr::new).collect();
                let names: ColumnNames = Arc::new(
                    list.iter()
                        .cloned()
                        .enumerate()
                        .map(|(i, name)| (name, i))
                        .collect(),
                );
                self.names
                    .insert(sql.to_string(), (names.clone(), list.clone()));
                (names, list)
            }
        };
        let mut rows = stmt.raw_query();
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        let mut columns = Vec::with_capacity(column_names.len());
        let mut values = Vec::with_capacity(column_names.len());
        for (i, name) in column_names.into_iter().enumerate() {
            let kind = any_value(row.get_ref(i)?);
            columns.push(AnyColumn {
                ordinal: i,
                name,
                type_info: AnyTypeInfo {
                    kind: match &kind {
                        AnyValueKind::Null(k) => *k,
                        AnyValueKind::BigInt(_) => AnyTypeInfoKind::BigInt,
                        AnyValueKind::Double(_) => AnyTypeInfoKind::Double,
                        AnyValueKind::Blob(_) => AnyTypeInfoKind::Blob,
                        _ => AnyTypeInfoKind::Text,
                    },
                },
            });
            values.push(AnyValue { kind });
        }
        Ok(Some(AnyRow {
            column_names: names,
            columns,
            values,
        }))
    }
}

/// What sqlx's SQLite driver makes of a value: by the value's own storage class.
fn any_value(value: rusqlite::types::ValueRef<'_>) -> AnyValueKind<'static> {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => AnyValueKind::Null(AnyTypeInfoKind::Null),
        ValueRef::Integer(i) => AnyValueKind::BigInt(i),
        ValueRef::Real(f) => AnyValueKind::Double(f),
        ValueRef::Text(t) => AnyValueKind::Text(String::from_utf8_lossy(t).into_owned().into()),
        ValueRef::Blob(b) => AnyValueKind::Blob(b.to_vec().into()),
    }
}

/// An argument as sqlx's SQLite driver binds it.
struct SqlArg<'a, 'q>(&'a AnyValueKind<'q>);

impl rusqlite::ToSql for SqlArg<'_, '_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self.0 {
            AnyValueKind::Null(_) => ToSqlOutput::Owned(Value::Null),
            AnyValueKind::Bool(b) => ToSqlOutput::Owned(Value::Integer(i64::from(*b))),
            AnyValueKind::SmallInt(i) => ToSqlOutput::Owned(Value::Integer(i64::from(*i))),
            AnyValueKind::Integer(i) => ToSqlOutput::Owned(Value::Integer(i64::from(*i))),
            AnyValueKind::BigInt(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            AnyValueKind::Real(r) => ToSqlOutput::Owned(Value::Real(f64::from(*r))),
            AnyValueKind::Double(d) => ToSqlOutput::Owned(Value::Real(*d)),
            AnyValueKind::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            AnyValueKind::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
            other => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    format!("no SQLite value for {other:?}").into(),
                ))
            }
        })
    }
}

fn driver_error(e: rusqlite::Error) -> sqlx::Error {
    sqlx::Error::AnyDriverError(Box::new(e))
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
