//! What crosses between JavaScript and the database: parameter and column values, a
//! query's result, and the database's errors (message plus a stable `code`, and for
//! Postgres the server's other error fields).

use std::fmt;

/// One SQL value: SQLite's five storage classes, plus what Postgres columns hold beyond
/// them (booleans, JSON, timestamps, arrays). SQLite binds a `Bool` as 0/1.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
    Bool(bool),
    /// JSON text (a `json`/`jsonb` column), parsed on the JavaScript side.
    Json(String),
    /// A point in time as milliseconds since the Unix epoch (NaN for `infinity`).
    Date(f64),
    /// A Postgres array (nested for several dimensions).
    Array(Vec<SqlValue>),
}

/// The parameters of one statement: positional values (`?`, `?N`, `$N`) and, for
/// `node:sqlite`, named ones (`:name`, `@name`, `$name`).
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub positional: Vec<SqlValue>,
    pub named: Vec<(String, SqlValue)>,
    /// `node:sqlite`'s `setAllowBareNamedParameters`: `{ id: 1 }` binds `:id`/`@id`/`$id`.
    pub allow_bare_named: bool,
}

impl Params {
    pub fn positional(values: Vec<SqlValue>) -> Self {
        Self {
            positional: values,
            ..Self::default()
        }
    }
}

/// Rows of one statement, plus what it changed.
#[derive(Debug, Clone, Default)]
pub struct QueryResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<SqlValue>>,
    /// Rows inserted, updated or deleted (0 for a read-only statement).
    pub changes: u64,
    /// The rowid of the last insert on the connection.
    pub last_insert_rowid: i64,
    /// The statement's first keyword in upper case (`SELECT`, `INSERT`, ...).
    pub command: String,
}

/// A database error: the database's own message and its result code by name
/// (`SQLITE_CONSTRAINT_UNIQUE`, ...; Postgres' SQLSTATE such as `23505`), plus SQLite's
/// numeric extended code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SqlError {
    pub message: String,
    pub code: String,
    pub errno: i32,
    /// From Postgres (a `PostgresError` in JavaScript) rather than SQLite.
    pub postgres: bool,
    /// Postgres' other error fields by Bun's names (`detail`, `constraint`, ...).
    pub fields: Vec<(&'static str, String)>,
}

impl SqlError {
    /// An error of ours (not the database's), e.g. a parameter that cannot be bound.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: "ERR_SQL_USAGE".into(),
            ..Self::default()
        }
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for SqlError {}

/// Where the code of `text` begins, past blanks and SQL comments.
pub fn code_offset(text: &str) -> usize {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, tail)| tail);
        } else {
            return text.len() - rest.len();
        }
    }
}

/// The first keyword of a statement, skipping leading blanks and comments.
pub fn command_of(text: &str) -> String {
    text[code_offset(text)..]
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_skips_comments_and_blanks() {
        assert_eq!(command_of("  select 1"), "SELECT");
        assert_eq!(
            command_of("-- note\n/* x */ insert into t values (1)"),
            "INSERT"
        );
        assert_eq!(command_of("WITH x AS (SELECT 1) SELECT * FROM x"), "WITH");
        assert_eq!(command_of(""), "");
    }
}
