//! Embedded SQLite: opening a database file, binding parameters, running a statement
//! into a [`QueryResult`], and the pool of connections every worker of the process
//! shares (queries run on tokio's blocking threads, never on a JavaScript thread).
//!
//! Concurrency: the file is in WAL mode (readers never wait for the writer), every
//! connection waits up to [`BUSY_TIMEOUT`] for the write lock instead of failing with
//! `SQLITE_BUSY`, and transactions start with `BEGIN IMMEDIATE` so a transaction that
//! reads and then writes cannot deadlock against another writer.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{ffi, Connection, OpenFlags, Statement};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::value::{command_of, Params, QueryResult, SqlError, SqlValue};

/// How long a statement waits for another connection's write lock.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Connections per database file (reads run in parallel; writes take turns).
const POOL_SIZE: usize = 4;

/// Opens `path` (`:memory:` for a private in-memory database) the way the store uses it.
pub fn open(path: &Path, read_only: bool) -> Result<Connection, SqlError> {
    let mut flags = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    flags |= if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
    };
    let conn = Connection::open_with_flags(path, flags).map_err(to_sql_error)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(to_sql_error)?;
    Ok(conn)
}

/// Converts rusqlite's error into ours, keeping SQLite's message and code.
pub fn to_sql_error(err: rusqlite::Error) -> SqlError {
    match err {
        rusqlite::Error::SqliteFailure(failure, message) => {
            let errno = failure.extended_code;
            SqlError {
                message: message.unwrap_or_else(|| errstr(errno)),
                code: code_name(errno),
                errno,
                ..SqlError::default()
            }
        }
        rusqlite::Error::SqlInputError { error, msg, .. } => SqlError {
            message: msg,
            code: code_name(error.extended_code),
            errno: error.extended_code,
            ..SqlError::default()
        },
        rusqlite::Error::MultipleStatement => SqlError::usage(
            "cannot run several statements with parameters; send them one at a time",
        ),
        other => SqlError::usage(other.to_string()),
    }
}

/// SQLite's English text for a result code ("constraint failed", ...).
pub fn errstr(code: i32) -> String {
    // SAFETY: sqlite3_errstr returns a static NUL-terminated string for any code.
    unsafe { std::ffi::CStr::from_ptr(ffi::sqlite3_errstr(code)) }
        .to_string_lossy()
        .into_owned()
}

/// The symbolic name of an (extended) result code, as Bun and SQLite's docs spell it.
pub fn code_name(code: i32) -> String {
    let extended = match code {
        ffi::SQLITE_CONSTRAINT_UNIQUE => "SQLITE_CONSTRAINT_UNIQUE",
        ffi::SQLITE_CONSTRAINT_PRIMARYKEY => "SQLITE_CONSTRAINT_PRIMARYKEY",
        ffi::SQLITE_CONSTRAINT_NOTNULL => "SQLITE_CONSTRAINT_NOTNULL",
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => "SQLITE_CONSTRAINT_FOREIGNKEY",
        ffi::SQLITE_CONSTRAINT_CHECK => "SQLITE_CONSTRAINT_CHECK",
        ffi::SQLITE_CONSTRAINT_TRIGGER => "SQLITE_CONSTRAINT_TRIGGER",
        ffi::SQLITE_CONSTRAINT_DATATYPE => "SQLITE_CONSTRAINT_DATATYPE",
        ffi::SQLITE_READONLY_DBMOVED => "SQLITE_READONLY_DBMOVED",
        ffi::SQLITE_BUSY_SNAPSHOT => "SQLITE_BUSY_SNAPSHOT",
        _ => "",
    };
    if !extended.is_empty() {
        return extended.into();
    }
    match code & 0xff {
        ffi::SQLITE_ERROR => "SQLITE_ERROR",
        ffi::SQLITE_INTERNAL => "SQLITE_INTERNAL",
        ffi::SQLITE_PERM => "SQLITE_PERM",
        ffi::SQLITE_ABORT => "SQLITE_ABORT",
        ffi::SQLITE_BUSY => "SQLITE_BUSY",
        ffi::SQLITE_LOCKED => "SQLITE_LOCKED",
        ffi::SQLITE_NOMEM => "SQLITE_NOMEM",
        ffi::SQLITE_READONLY => "SQLITE_READONLY",
        ffi::SQLITE_INTERRUPT => "SQLITE_INTERRUPT",
        ffi::SQLITE_IOERR => "SQLITE_IOERR",
        ffi::SQLITE_CORRUPT => "SQLITE_CORRUPT",
        ffi::SQLITE_FULL => "SQLITE_FULL",
        ffi::SQLITE_CANTOPEN => "SQLITE_CANTOPEN",
        ffi::SQLITE_PROTOCOL => "SQLITE_PROTOCOL",
        ffi::SQLITE_SCHEMA => "SQLITE_SCHEMA",
        ffi::SQLITE_TOOBIG => "SQLITE_TOOBIG",
        ffi::SQLITE_CONSTRAINT => "SQLITE_CONSTRAINT",
        ffi::SQLITE_MISMATCH => "SQLITE_MISMATCH",
        ffi::SQLITE_MISUSE => "SQLITE_MISUSE",
        ffi::SQLITE_RANGE => "SQLITE_RANGE",
        ffi::SQLITE_NOTADB => "SQLITE_NOTADB",
        _ => "SQLITE_ERROR",
    }
    .into()
}

/// Binds `params` to `stmt`. Plain `?` takes the next positional value; `?N` and `$N`
/// take the N-th; `:name`, `@name` and `$name` take the named value (with or without its
/// prefix when `allow_bare_named`). A parameter left without a value is NULL, as in
/// SQLite; a value left without a parameter is an error.
pub fn bind(stmt: &mut Statement<'_>, params: &Params) -> Result<(), SqlError> {
    let count = stmt.parameter_count();
    let mut next_anonymous = 0usize;
    let mut used_positional = 0usize;
    let mut used_named = vec![false; params.named.len()];
    for index in 1..=count {
        let name = stmt.parameter_name(index).map(str::to_owned);
        let value = match name.as_deref() {
            None => {
                let value = params.positional.get(next_anonymous);
                next_anonymous += 1;
                used_positional = used_positional.max(next_anonymous);
                value
            }
            Some(name) if is_numbered(name) => {
                let n: usize = name[1..].parse().unwrap_or(0);
                used_positional = used_positional.max(n);
                n.checked_sub(1).and_then(|i| params.positional.get(i))
            }
            Some(name) => {
                let bare = &name[1..];
                let found = params
                    .named
                    .iter()
                    .position(|(key, _)| key == name || (params.allow_bare_named && key == bare));
                found.map(|i| {
                    used_named[i] = true;
                    &params.named[i].1
                })
            }
        };
        if let Some(value) = value {
            bind_one(stmt, index, value)?;
        }
    }
    if let Some(i) = used_named.iter().position(|used| !used) {
        return Err(SqlError {
            message: format!("Unknown named parameter '{}'", params.named[i].0),
            code: "ERR_INVALID_STATE".into(),
            ..SqlError::default()
        });
    }
    if params.positional.len() > used_positional {
        return Err(SqlError {
            // SQLite's own answer when a value has no parameter to go to.
            message: errstr(ffi::SQLITE_RANGE),
            code: "SQLITE_RANGE".into(),
            errno: ffi::SQLITE_RANGE,
            ..SqlError::default()
        });
    }
    Ok(())
}

fn is_numbered(name: &str) -> bool {
    name.len() > 1
        && (name.starts_with('?') || name.starts_with('$'))
        && name[1..].bytes().all(|b| b.is_ascii_digit())
}

fn bind_one(stmt: &mut Statement<'_>, index: usize, value: &SqlValue) -> Result<(), SqlError> {
    let result = match value {
        SqlValue::Null => stmt.raw_bind_parameter(index, rusqlite::types::Null),
        SqlValue::Integer(v) => stmt.raw_bind_parameter(index, v),
        SqlValue::Real(v) => stmt.raw_bind_parameter(index, v),
        SqlValue::Text(v) => stmt.raw_bind_parameter(index, v.as_str()),
        SqlValue::Blob(v) => stmt.raw_bind_parameter(index, v.as_slice()),
        SqlValue::Bool(v) => stmt.raw_bind_parameter(index, i64::from(*v)),
        SqlValue::Json(v) => stmt.raw_bind_parameter(index, v.as_str()),
        SqlValue::Date(v) => stmt.raw_bind_parameter(index, v),
        SqlValue::Array(_) => {
            return Err(SqlError::usage(
                "SQLite has no array values; send JSON text",
            ))
        }
    };
    result.map_err(to_sql_error)
}

fn read_value(value: ValueRef<'_>) -> SqlValue {
    match value {
        ValueRef::Null => SqlValue::Null,
        ValueRef::Integer(v) => SqlValue::Integer(v),
        ValueRef::Real(v) => SqlValue::Real(v),
        ValueRef::Text(v) => SqlValue::Text(String::from_utf8_lossy(v).into_owned()),
        ValueRef::Blob(v) => SqlValue::Blob(v.to_vec()),
    }
}

/// Runs one prepared statement to completion (or, with `first_only`, to its first row).
pub fn run_statement(
    conn: &Connection,
    stmt: &mut Statement<'_>,
    params: &Params,
    first_only: bool,
) -> Result<QueryResult, SqlError> {
    stmt.clear_bindings();
    bind(stmt, params)?;
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let read_only = stmt.readonly();
    let command = command_of(stmt.expanded_sql().as_deref().unwrap_or(""));
    let mut result = QueryResult {
        columns,
        command,
        ..QueryResult::default()
    };
    {
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next().map_err(to_sql_error)? {
            let values = (0..result.columns.len())
                .map(|i| row.get_ref(i).map(read_value).map_err(to_sql_error))
                .collect::<Result<Vec<_>, _>>()?;
            result.rows.push(values);
            if first_only {
                break;
            }
        }
    }
    if !read_only {
        result.changes = conn.changes();
    }
    result.last_insert_rowid = conn.last_insert_rowid();
    Ok(result)
}

/// Runs `text` on `conn`: one statement with `params`, or, without parameters, a script
/// of several statements (the result is the last one's).
pub fn query(conn: &Connection, text: &str, params: &Params) -> Result<QueryResult, SqlError> {
    let several = text.trim_end().trim_end_matches(';').contains(';')
        && crate::migrate::statements(text).len() > 1;
    if several {
        if !params.positional.is_empty() || !params.named.is_empty() {
            return Err(to_sql_error(rusqlite::Error::MultipleStatement));
        }
        conn.execute_batch(text).map_err(to_sql_error)?;
        return Ok(QueryResult {
            command: command_of(text),
            changes: conn.changes(),
            last_insert_rowid: conn.last_insert_rowid(),
            ..QueryResult::default()
        });
    }
    let mut stmt = conn.prepare_cached(text).map_err(to_sql_error)?;
    run_statement(conn, &mut stmt, params, false)
}

/// A connection checked out for a transaction, with its pool permit.
struct Checkout {
    conn: Arc<tokio::sync::Mutex<Option<Connection>>>,
    _permit: OwnedSemaphorePermit,
}

/// The connections to one database file, shared by every worker of the process.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
    transactions: Mutex<HashMap<u64, Checkout>>,
    next_transaction: AtomicU64,
}

impl Pool {
    /// Opens the file (creating it and its folder) in WAL mode.
    pub fn open(path: &Path) -> Result<Self, SqlError> {
        let memory = path == Path::new(":memory:");
        if !memory {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|err| {
                    SqlError::usage(format!("cannot create {}: {err}", folder.display()))
                })?;
            }
        }
        let first = open(path, false)?;
        if !memory {
            first
                .pragma_update(None, "journal_mode", "WAL")
                .map_err(to_sql_error)?;
        }
        configure(&first)?;
        Ok(Self {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
            // An in-memory database exists once per connection: keep to one.
            permits: Arc::new(Semaphore::new(if memory { 1 } else { POOL_SIZE })),
            transactions: Mutex::new(HashMap::new()),
            next_transaction: AtomicU64::new(1),
        })
    }

    fn take_idle(&self) -> Result<Connection, SqlError> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match idle {
            Some(conn) => Ok(conn),
            None => {
                let conn = open(&self.path, false)?;
                configure(&conn)?;
                Ok(conn)
            }
        }
    }

    fn put_idle(&self, conn: Connection) {
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(conn);
    }

    /// Runs `work` on a pooled connection on a blocking thread.
    async fn with_connection<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&Connection) -> Result<T, SqlError> + Send + 'static,
    ) -> Result<(T, Connection, OwnedSemaphorePermit), SqlError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| SqlError::usage("the database is closed"))?;
        let pool = self.clone();
        let (conn, result) = tokio::task::spawn_blocking(move || {
            let conn = pool.take_idle()?;
            let result = work(&conn);
            Ok::<_, SqlError>((conn, result))
        })
        .await
        .map_err(|err| SqlError::usage(format!("query thread failed: {err}")))??;
        match result {
            Ok(value) => Ok((value, conn, permit)),
            Err(err) => {
                self.put_idle(conn);
                Err(err)
            }
        }
    }

    /// One statement outside any transaction (autocommit).
    pub async fn query(
        self: &Arc<Self>,
        text: String,
        params: Params,
    ) -> Result<QueryResult, SqlError> {
        let (result, conn, _permit) = self
            .with_connection(move |conn| query(conn, &text, &params))
            .await?;
        self.put_idle(conn);
        Ok(result)
    }

    /// Starts a transaction on a connection of its own; statements of the transaction
    /// pass the returned id.
    pub async fn begin(self: &Arc<Self>) -> Result<u64, SqlError> {
        let ((), conn, permit) = self
            .with_connection(|conn| conn.execute_batch("BEGIN IMMEDIATE").map_err(to_sql_error))
            .await?;
        let id = self.next_transaction.fetch_add(1, Ordering::Relaxed);
        self.transactions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                id,
                Checkout {
                    conn: Arc::new(tokio::sync::Mutex::new(Some(conn))),
                    _permit: permit,
                },
            );
        Ok(id)
    }

    fn transaction(
        &self,
        id: u64,
    ) -> Result<Arc<tokio::sync::Mutex<Option<Connection>>>, SqlError> {
        self.transactions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .map(|checkout| checkout.conn.clone())
            .ok_or_else(|| SqlError::usage("the transaction has already ended"))
    }

    /// One statement inside transaction `id` (statements of one transaction run in turn).
    pub async fn query_in(
        self: &Arc<Self>,
        id: u64,
        text: String,
        params: Params,
    ) -> Result<QueryResult, SqlError> {
        let slot = self.transaction(id)?;
        let mut guard = slot.lock_owned().await;
        let conn = guard
            .take()
            .ok_or_else(|| SqlError::usage("the transaction has already ended"))?;
        let (conn, result) = tokio::task::spawn_blocking(move || {
            let result = query(&conn, &text, &params);
            (conn, result)
        })
        .await
        .map_err(|err| SqlError::usage(format!("query thread failed: {err}")))?;
        *guard = Some(conn);
        result
    }

    /// Commits (or rolls back) transaction `id` and returns its connection to the pool.
    pub async fn end(self: &Arc<Self>, id: u64, commit: bool) -> Result<(), SqlError> {
        let checkout = self
            .transactions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id)
            .ok_or_else(|| SqlError::usage("the transaction has already ended"))?;
        let conn = checkout
            .conn
            .lock_owned()
            .await
            .take()
            .ok_or_else(|| SqlError::usage("the transaction has already ended"))?;
        let (conn, result) = tokio::task::spawn_blocking(move || {
            let result = if commit {
                conn.execute_batch("COMMIT").map_err(to_sql_error)
            } else {
                conn.execute_batch("ROLLBACK").map_err(to_sql_error)
            };
            if result.is_err() && !conn.is_autocommit() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            (conn, result)
        })
        .await
        .map_err(|err| SqlError::usage(format!("query thread failed: {err}")))?;
        self.put_idle(conn);
        drop(checkout._permit);
        result
    }
}

/// Per-connection settings: foreign keys enforced, normal fsync in WAL mode.
fn configure(conn: &Connection) -> Result<(), SqlError> {
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
        .map_err(to_sql_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> Connection {
        open(Path::new(":memory:"), false).unwrap()
    }

    #[test]
    fn binds_numbered_and_anonymous_parameters() {
        let conn = memory();
        let params = Params::positional(vec![SqlValue::Integer(2), SqlValue::Text("b".into())]);
        let result = query(&conn, "SELECT $2 AS s, $1 AS n", &params).unwrap();
        assert_eq!(result.columns, ["s", "n"]);
        assert_eq!(
            result.rows,
            [[SqlValue::Text("b".into()), SqlValue::Integer(2)]]
        );
        let result = query(
            &conn,
            "SELECT ? + ?",
            &Params::positional(vec![SqlValue::Integer(1), SqlValue::Real(0.5)]),
        )
        .unwrap();
        assert_eq!(result.rows, [[SqlValue::Real(1.5)]]);
    }

    #[test]
    fn too_many_values_is_an_error() {
        let conn = memory();
        let params = Params::positional(vec![SqlValue::Integer(1), SqlValue::Integer(2)]);
        let err = query(&conn, "SELECT ?", &params).unwrap_err();
        assert_eq!(err.code, "SQLITE_RANGE");
    }

    #[test]
    fn constraint_errors_keep_sqlite_message_and_code() {
        let conn = memory();
        query(
            &conn,
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)",
            &Params::default(),
        )
        .unwrap();
        let insert = Params::positional(vec![SqlValue::Text("a".into())]);
        let first = query(&conn, "INSERT INTO t (name) VALUES (?)", &insert).unwrap();
        assert_eq!(
            (
                first.changes,
                first.last_insert_rowid,
                first.command.as_str()
            ),
            (1, 1, "INSERT")
        );
        let err = query(&conn, "INSERT INTO t (name) VALUES (?)", &insert).unwrap_err();
        assert_eq!(err.code, "SQLITE_CONSTRAINT_UNIQUE");
        assert_eq!(err.message, "UNIQUE constraint failed: t.name");
    }

    #[test]
    fn a_script_without_parameters_runs_every_statement() {
        let conn = memory();
        query(
            &conn,
            "CREATE TABLE a (x); INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);",
            &Params::default(),
        )
        .unwrap();
        let result = query(&conn, "SELECT count(*) AS n FROM a", &Params::default()).unwrap();
        assert_eq!(result.rows, [[SqlValue::Integer(2)]]);
    }
}
