//! Many rows into one table in one call, on either connection a write of whole statements
//! runs on (`writer::Statements`): a draw writes a row per entry (100,000 in a national
//! release) into bookings, outcomes and the waitlist.
//!
//! On the writer's direct SQLite connection a row is one step of one prepared statement: no
//! text to build or parse. Through sqlx (PostgreSQL, in-memory SQLite) a statement is a round
//! trip, so thousands of rows travel as one JSON array in one parameter, read back by
//! `jsonb_array_elements` (PostgreSQL) or `json_each` (SQLite).

use serde::ser::{Serialize, Serializer};

/// One value of a row.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Int(i64),
    Null,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell::Text(text)
    }
}

impl From<i64> for Cell<'_> {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(text: Option<&'a str>) -> Self {
        text.map_or(Cell::Null, Cell::Text)
    }
}

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) => s.serialize_str(t),
            Cell::Int(n) => s.serialize_i64(*n),
            Cell::Null => s.serialize_unit(),
        }
    }
}

/// Where rows go: a table, its columns in the rows' order, and whether a row that conflicts
/// with one already there is left out (`ON CONFLICT DO NOTHING`) rather than an error.
pub struct Insert<'a> {
    pub table: &'a str,
    /// Each column's name and whether it holds an integer (the JSON path casts it on
    /// PostgreSQL).
    pub columns: &'a [(&'a str, bool)],
    pub skip_conflicts: bool,
}

impl Insert<'_> {
    fn head(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|(name, _)| *name).collect();
        format!("INSERT INTO {} ({})", self.table, names.join(", "))
    }

    fn tail(&self) -> &'static str {
        if self.skip_conflicts {
            " ON CONFLICT DO NOTHING"
        } else {
            ""
        }
    }

    /// The statement for one row, `?` parameters bound by position (the direct connection;
    /// measured: a statement of many rows' VALUES made a national draw's bookings 50% slower).
    pub(super) fn one_row_sql(&self) -> String {
        let row = vec!["?"; self.columns.len()].join(", ");
        format!("{} VALUES ({row}){}", self.head(), self.tail())
    }

    /// The statement for a JSON array of rows in `$1` (through sqlx).
    pub(super) fn json_rows_sql(&self, postgres: bool) -> String {
        let values: Vec<String> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, &(_, integer))| match (postgres, integer) {
                (true, true) => format!("(v.value->>{i})::bigint"),
                _ => format!("v.value->>{i}"),
            })
            .collect();
        let source = if postgres {
            "jsonb_array_elements($1::jsonb) AS v(value)"
        } else {
            "json_each($1) AS v"
        };
        // `WHERE true`: SQLite would read `ON CONFLICT` after a bare FROM as a join's ON.
        format!(
            "{} SELECT {} FROM {source} WHERE true{}",
            self.head(),
            values.join(", "),
            self.tail()
        )
    }
}

/// Rows per JSON statement: a few megabytes of JSON each.
pub const JSON_ROWS: usize = 10_000;

#[cfg(test)]
mod tests {
    use super::*;

    const OUTCOMES: Insert<'static> = Insert {
        table: "t",
        columns: &[("a", true), ("b", false)],
        skip_conflicts: true,
    };

    #[test]
    fn one_row_and_json_statements_name_the_same_columns() {
        assert_eq!(
            OUTCOMES.one_row_sql(),
            "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            OUTCOMES.json_rows_sql(true),
            "INSERT INTO t (a, b) SELECT (v.value->>0)::bigint, v.value->>1 FROM jsonb_array_elements($1::jsonb) AS v(value) WHERE true ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            OUTCOMES.json_rows_sql(false),
            "INSERT INTO t (a, b) SELECT v.value->>0, v.value->>1 FROM json_each($1) AS v WHERE true ON CONFLICT DO NOTHING"
        );
    }

    #[test]
    fn cells_are_json_values_of_their_kind() {
        let row = [Cell::from("x\"y"), Cell::from(7), Cell::from(None::<&str>)];
        assert_eq!(serde_json::to_string(&row).unwrap(), r#"["x\"y",7,null]"#);
    }
}
