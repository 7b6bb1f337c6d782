//! A SQLite connection on the calling thread that answers the same sqlx queries as the pool.
//!
//! sqlx gives every SQLite connection a thread of its own: a statement is a message to that
//! thread and an answer back, two thread wake-ups whatever the statement costs. For the small
//! statements of a flash crowd (a session, a booking request's one read, an entry's one write)
//! those wake-ups were most of the server's CPU: a profile of the scarce crowd showed about 45%
//! of the server's time in the kernel's task switching around sqlx's channels, against about 2%
//! in SQLite itself. A [`Direct`] connection runs the statement where it is asked for, through
//! rusqlite on the same libsqlite3 as sqlx: point reads on the request's thread
//! (`point_read`), hot writes on the writer's thread (`writer`).
//!
//! Its answer is the same [`AnyRow`] the pool gives, value for value (see `any_value`: the
//! mapping sqlx's SQLite driver applies), so every row mapper serves both paths; tests run the
//! same queries both ways.

use super::rows::{Cell, Insert};
use sqlx::any::{AnyArguments, AnyRow, AnyTypeInfo, AnyTypeInfoKind, AnyValue};
use sqlx::Execute;
use sqlx_core::any::{AnyColumn, AnyValueKind};
use sqlx_core::ext::ustr::UStr;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

type ColumnNames = Arc<sqlx_core::HashMap<UStr, usize>>;

/// A sqlx query as sqlx builds it (`$N` placeholders, as everywhere).
pub type Query<'q> = sqlx::query::Query<'q, sqlx::Any, AnyArguments<'q>>;

pub struct Direct {
    conn: rusqlite::Connection,
    /// Each statement's column names, made once (its rows share them).
    names: HashMap<String, (ColumnNames, Vec<UStr>)>,
    /// Each statement's argument for each of its parameters, found once (SQLite finds a
    /// parameter's name by a walk of the names before it: per bind, that was 4% of a crowd's
    /// server time).
    params: HashMap<String, Vec<usize>>,
}

impl Direct {
    /// Opens `path` and runs `pragmas` on it.
    pub fn open(path: &Path, pragmas: &str) -> Result<Direct, sqlx::Error> {
        let conn = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(driver_error)?;
        conn.execute_batch(pragmas).map_err(driver_error)?;
        Ok(Direct {
            conn,
            names: HashMap::new(),
            params: HashMap::new(),
        })
    }

    /// At most one row of `query` (its first).
    pub fn fetch_optional(&mut self, mut query: Query<'_>) -> Result<Option<AnyRow>, sqlx::Error> {
        let args = arguments(&mut query)?;
        self.first_row(query.sql(), &args).map_err(driver_error)
    }

    /// Runs `query` to its end; the rows it changed.
    pub fn execute(&mut self, mut query: Query<'_>) -> Result<u64, sqlx::Error> {
        let args = arguments(&mut query)?;
        let mut stmt = self
            .conn
            .prepare_cached(query.sql())
            .map_err(driver_error)?;
        bind(&mut self.params, query.sql(), &mut stmt, &args).map_err(driver_error)?;
        Ok(stmt.raw_execute().map_err(driver_error)? as u64)
    }

    /// Every row of `query`.
    pub fn fetch_all(&mut self, mut query: Query<'_>) -> Result<Vec<AnyRow>, sqlx::Error> {
        let args = arguments(&mut query)?;
        self.rows(query.sql(), &args, usize::MAX)
            .map_err(driver_error)
    }

    /// Every row of `query`, each made into a `T` by `read` straight from SQLite's values: for
    /// reads of many rows, where building each row as sqlx's `AnyRow` first (a string and a
    /// column per value) costs more than SQLite's own work.
    pub fn fetch_all_as<T>(
        &mut self,
        mut query: Query<'_>,
        mut read: impl FnMut(&rusqlite::Row<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<Vec<T>> {
        let args = arguments(&mut query)?;
        self.read_rows(query.sql(), &args, usize::MAX, |row, _| read(row))
    }

    /// `rows` into `insert`'s table, each one step of one prepared statement; the rows
    /// written (a conflict left out is not).
    pub fn insert_rows(
        &mut self,
        insert: &Insert<'_>,
        rows: &[Vec<Cell<'_>>],
    ) -> Result<u64, sqlx::Error> {
        let mut stmt = self
            .conn
            .prepare_cached(&insert.one_row_sql())
            .map_err(driver_error)?;
        let mut written = 0;
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, CellArg(*cell))
                    .map_err(driver_error)?;
            }
            written += stmt.raw_execute().map_err(driver_error)? as u64;
        }
        Ok(written)
    }

    /// Statements without arguments or rows (`BEGIN`, `SAVEPOINT`, ...), several at once.
    pub fn batch(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        self.conn.execute_batch(sql).map_err(driver_error)
    }

    fn first_row(
        &mut self,
        sql: &str,
        args: &[AnyValueKind<'_>],
    ) -> rusqlite::Result<Option<AnyRow>> {
        Ok(self.rows(sql, args, 1)?.pop())
    }

    /// At most `limit` rows of `sql`.
    fn rows(
        &mut self,
        sql: &str,
        args: &[AnyValueKind<'_>],
        limit: usize,
    ) -> rusqlite::Result<Vec<AnyRow>> {
        self.read_rows(sql, args, limit, |row, (names, list)| {
            any_row(row, names, list)
        })
    }

    /// At most `limit` rows of `sql`, each made by `read` (given the statement's column names).
    fn read_rows<T, E: From<rusqlite::Error>>(
        &mut self,
        sql: &str,
        args: &[AnyValueKind<'_>],
        limit: usize,
        mut read: impl FnMut(&rusqlite::Row<'_>, &(ColumnNames, Vec<UStr>)) -> Result<T, E>,
    ) -> Result<Vec<T>, E> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        bind(&mut self.params, sql, &mut stmt, args)?;
        if !self.names.contains_key(sql) {
            let list: Vec<UStr> = stmt.column_names().into_iter().map(UStr::new).collect();
            let names: ColumnNames = Arc::new(
                list.iter()
                    .cloned()
                    .enumerate()
                    .map(|(i, name)| (name, i))
                    .collect(),
            );
            self.names.insert(sql.to_string(), (names, list));
        }
        let columns = &self.names[sql];
        // A write's RETURNING row: SQLite makes all of the statement's changes at its first
        // step, and the statement is reset when it goes back to the cache.
        let mut rows = stmt.raw_query();
        let mut found = Vec::new();
        while found.len() < limit {
            let Some(row) = rows.next()? else {
                break;
            };
            found.push(read(row, columns)?);
        }
        Ok(found)
    }
}

/// A row as sqlx's SQLite driver gives it.
fn any_row(
    row: &rusqlite::Row<'_>,
    names: &ColumnNames,
    column_names: &[UStr],
) -> rusqlite::Result<AnyRow> {
    let mut columns = Vec::with_capacity(column_names.len());
    let mut values = Vec::with_capacity(column_names.len());
    for (i, name) in column_names.iter().enumerate() {
        let kind = any_value(row.get_ref(i)?);
        columns.push(AnyColumn {
            ordinal: i,
            name: name.clone(),
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
    Ok(AnyRow {
        column_names: names.clone(),
        columns,
        values,
    })
}

fn arguments<'q>(query: &mut Query<'q>) -> Result<Vec<AnyValueKind<'q>>, sqlx::Error> {
    Ok(query
        .take_arguments()
        .map_err(sqlx::Error::Encode)?
        .map(|a| a.values.0)
        .unwrap_or_default())
}

/// `$N` names the N-th argument wherever it stands (SQLite numbers parameters in the order
/// they first appear, which need not be N).
fn bind(
    known: &mut HashMap<String, Vec<usize>>,
    sql: &str,
    stmt: &mut rusqlite::CachedStatement<'_>,
    args: &[AnyValueKind<'_>],
) -> rusqlite::Result<()> {
    if !known.contains_key(sql) {
        let mut of_param = Vec::with_capacity(stmt.parameter_count());
        for index in 1..=stmt.parameter_count() {
            let n = stmt
                .parameter_name(index)
                .and_then(|name| name.strip_prefix('$'))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| n.checked_sub(1))
                .ok_or(rusqlite::Error::InvalidParameterName(format!("?{index}")))?;
            of_param.push(n);
        }
        known.insert(sql.to_string(), of_param);
    }
    for (index, &n) in known[sql].iter().enumerate() {
        let arg = args
            .get(n)
            .ok_or(rusqlite::Error::InvalidParameterCount(n + 1, args.len()))?;
        stmt.raw_bind_parameter(index + 1, SqlArg(arg))?;
    }
    Ok(())
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

/// A row's value as the direct connection binds it.
struct CellArg<'a>(Cell<'a>);

impl rusqlite::ToSql for CellArg<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self.0 {
            Cell::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Cell::Int(n) => ToSqlOutput::Owned(Value::Integer(n)),
            Cell::Null => ToSqlOutput::Owned(Value::Null),
        })
    }
}

/// A rusqlite failure as sqlx reports the same failure of its own SQLite driver: a database
/// error keeps its message and kind (a unique violation is one to `is_unique_violation` and
/// `violates`), anything else is a driver error.
fn driver_error(e: rusqlite::Error) -> sqlx::Error {
    match e {
        rusqlite::Error::SqliteFailure(failure, message) => {
            sqlx::Error::Database(Box::new(SqliteFailure {
                message: message.unwrap_or_else(|| failure.to_string()),
                code: failure.extended_code,
            }))
        }
        other => sqlx::Error::AnyDriverError(Box::new(other)),
    }
}

#[derive(Debug)]
struct SqliteFailure {
    message: String,
    /// SQLite's extended result code.
    code: i32,
}

impl std::fmt::Display for SqliteFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SqliteFailure {}

impl sqlx::error::DatabaseError for SqliteFailure {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        Some(self.code.to_string().into())
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    /// As sqlx's SQLite driver sorts extended result codes.
    fn kind(&self) -> sqlx::error::ErrorKind {
        use rusqlite::ffi;
        use sqlx::error::ErrorKind;
        match self.code {
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
                ErrorKind::UniqueViolation
            }
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY => ErrorKind::ForeignKeyViolation,
            ffi::SQLITE_CONSTRAINT_NOTNULL => ErrorKind::NotNullViolation,
            ffi::SQLITE_CONSTRAINT_CHECK => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}
