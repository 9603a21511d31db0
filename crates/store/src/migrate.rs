//! `migrations/*.sql`: applied in file-name order, each in its own transaction, recorded
//! in the table `apiroutes_migrations` so each runs once. A failing migration is rolled
//! back and reported with its file, the line of the failing statement and the database's
//! message; later files are not applied.
//!
//! On Postgres the runs of several processes starting together take turns on a session
//! advisory lock, so each file is applied once; an error's position (Postgres reports
//! one for most errors) gives the line within the statement.

use std::ffi::CString;
use std::path::Path;

use rusqlite::{ffi, Connection};

use crate::sqlite::{open, to_sql_error};
use crate::value::code_offset;

/// The table that records applied migrations.
pub const TABLE: &str = "apiroutes_migrations";

/// The `.sql` files of `dir`, sorted by name.
pub fn migration_files(dir: &Path) -> Result<Vec<String>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|err| format!("cannot read {}: {err}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".sql") && !name.starts_with('.'))
        .collect();
    names.sort();
    Ok(names)
}

/// Applies the pending migrations of `dir` to the SQLite file `path`; returns the names
/// of the files it applied.
pub fn apply_sqlite(path: &Path, dir: &Path) -> Result<Vec<String>, String> {
    let files = migration_files(dir)?;
    if files.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|err| format!("cannot create {}: {err}", folder.display()))?;
    }
    let conn = open(path, false).map_err(|err| format!("{}: {}", path.display(), err.message))?;
    if path != Path::new(":memory:") {
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|err| format!("{}: {err}", path.display()))?;
    }
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {TABLE} (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    ))
    .map_err(|err| format!("{}: {err}", path.display()))?;
    let mut applied = Vec::new();
    for name in files {
        let done: bool = conn
            .query_row(
                &format!("SELECT count(*) FROM {TABLE} WHERE name = ?1"),
                [&name],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|err| format!("{}: {err}", path.display()))?;
        if done {
            continue;
        }
        let label = format!("migrations/{name}");
        let text = std::fs::read_to_string(dir.join(&name))
            .map_err(|err| format!("cannot read {label}: {err}"))?;
        apply_one(&conn, &name, &text).map_err(|(line, message)| {
            format!("{label}:{line}: migration failed, nothing of it applied: {message}")
        })?;
        applied.push(name);
    }
    Ok(applied)
}

/// One migration in one transaction; on failure the line of the failing statement.
fn apply_one(conn: &Connection, name: &str, text: &str) -> Result<(), (usize, String)> {
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(|err| (1, err.to_string()))?;
    let result = (|| {
        for (line, statement) in statements(text) {
            conn.execute_batch(statement)
                .map_err(|err| (line, to_sql_error(err).message))?;
        }
        conn.execute(
            &format!("INSERT INTO {TABLE} (name, applied_at) VALUES (?1, datetime('now'))"),
            [name],
        )
        .map_err(|err| (1, err.to_string()))?;
        Ok(())
    })();
    match result {
        Ok(()) => conn
            .execute_batch("COMMIT")
            .map_err(|err| (1, err.to_string())),
        Err(err) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(err)
        }
    }
}

/// The advisory lock key the Postgres migration runs take turns on ("apiroute").
const LOCK_KEY: i64 = 0x6170_6972_6f75_7465;

/// Applies the pending migrations of `dir` to the Postgres database `url` on a
/// connection of its own (closed at the end, which also releases the lock).
pub fn apply_postgres(url: &str, dir: &Path) -> Result<Vec<String>, String> {
    let files = migration_files(dir)?;
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let mut scripts = Vec::with_capacity(files.len());
    for name in files {
        let text = std::fs::read_to_string(dir.join(&name))
            .map_err(|err| format!("cannot read migrations/{name}: {err}"))?;
        scripts.push((name, text));
    }
    let target = crate::postgres::target(url).map_err(|err| err.message)?;
    crate::postgres::block_on(async move {
        let shown = target.shown.clone();
        let fail = |err: tokio_postgres::Error| crate::postgres::to_sql_error(&err, &shown);
        let (client, connection) = target.config.connect(target.tls).await.map_err(fail)?;
        let driver = tokio::spawn(connection);
        let result = apply_postgres_files(&client, &scripts, &fail).await;
        drop(client);
        let _ = driver.await;
        result
    })
    .map_err(|err| err.message)
}

async fn apply_postgres_files(
    client: &tokio_postgres::Client,
    scripts: &[(String, String)],
    fail: &impl Fn(tokio_postgres::Error) -> crate::SqlError,
) -> Result<Vec<String>, crate::SqlError> {
    let usage = |message: String| crate::SqlError::usage(message);
    client
        .execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])
        .await
        .map_err(fail)?;
    client
        .batch_execute(&format!(
            "CREATE TABLE IF NOT EXISTS {TABLE} (name TEXT PRIMARY KEY, \
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        ))
        .await
        .map_err(fail)?;
    let mut applied = Vec::new();
    for (name, text) in scripts {
        let done = client
            .query_opt(&format!("SELECT 1 FROM {TABLE} WHERE name = $1"), &[name])
            .await
            .map_err(fail)?
            .is_some();
        if done {
            continue;
        }
        client.batch_execute("BEGIN").await.map_err(fail)?;
        let mut failure = None;
        for (line, statement) in crate::postgres::split(text) {
            if let Err(err) = client.batch_execute(statement).await {
                let err = fail(err);
                let position = err.fields.iter().find(|(key, _)| *key == "position");
                let line = match position.and_then(|(_, p)| p.parse::<usize>().ok()) {
                    Some(chars) => {
                        let start = statement.as_ptr() as usize - text.as_ptr() as usize;
                        let within: usize = statement
                            .chars()
                            .take(chars.saturating_sub(1))
                            .map(char::len_utf8)
                            .sum();
                        text[..start + within].matches('\n').count() + 1
                    }
                    None => line,
                };
                failure = Some((line, err.message));
                break;
            }
        }
        if failure.is_none() {
            if let Err(err) = client
                .execute(&format!("INSERT INTO {TABLE} (name) VALUES ($1)"), &[name])
                .await
            {
                failure = Some((1, fail(err).message));
            }
        }
        match failure {
            None => {
                client.batch_execute("COMMIT").await.map_err(fail)?;
                applied.push(name.clone());
            }
            Some((line, message)) => {
                let _ = client.batch_execute("ROLLBACK").await;
                return Err(usage(format!(
                    "migrations/{name}:{line}: migration failed, nothing of it applied: {message}"
                )));
            }
        }
    }
    Ok(applied)
}

/// Splits a script into complete statements (as SQLite's own `sqlite3_complete` sees
/// them: semicolons inside strings, comments and trigger bodies do not split), each with
/// the 1-based line it starts on.
pub fn statements(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (pos, _) in text.match_indices(';') {
        let chunk = &text[start..=pos];
        let complete = CString::new(chunk)
            // SAFETY: a valid NUL-terminated string; sqlite3_complete only reads it.
            .map(|c| unsafe { ffi::sqlite3_complete(c.as_ptr()) } != 0)
            .unwrap_or(false);
        if complete {
            out.push(statement_with_line(text, start, chunk));
            start = pos + 1;
        }
    }
    let rest = &text[start..];
    if has_code(rest) {
        out.push(statement_with_line(text, start, rest));
    }
    out.retain(|(_, statement)| has_code(statement));
    out
}

fn statement_with_line<'a>(text: &str, start: usize, chunk: &'a str) -> (usize, &'a str) {
    let line = text[..start + code_offset(chunk)].matches('\n').count() + 1;
    (line, chunk)
}

/// Whether `chunk` holds anything besides blanks and comments.
fn has_code(chunk: &str) -> bool {
    let rest = &chunk[code_offset(chunk)..];
    !rest.is_empty() && rest != ";"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_statements_as_sqlite_does() {
        let script = "-- users\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nINSERT INTO a VALUES ('a;b');\n/* end */\n";
        let parts = statements(script);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].0, 2, "the line of the code, past the comment");
        assert_eq!(parts[1].0, 4);
        assert!(parts[1].1.contains("'a;b'"));
    }

    #[test]
    fn applies_in_order_once_and_stops_at_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let migrations = dir.path().join("migrations");
        std::fs::create_dir(&migrations).unwrap();
        std::fs::write(
            migrations.join("001_users.sql"),
            "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);",
        )
        .unwrap();
        std::fs::write(
            migrations.join("002_seed.sql"),
            "INSERT INTO users (name) VALUES ('ada');",
        )
        .unwrap();
        let db = dir.path().join(".apiroutes/data.db");
        assert_eq!(
            apply_sqlite(&db, &migrations).unwrap(),
            ["001_users.sql", "002_seed.sql"]
        );
        assert!(apply_sqlite(&db, &migrations).unwrap().is_empty());

        std::fs::write(
            migrations.join("003_bad.sql"),
            "INSERT INTO users (name) VALUES ('bob');\n\nINSERT INTO nope VALUES (1);\n",
        )
        .unwrap();
        let err = apply_sqlite(&db, &migrations).unwrap_err();
        assert_eq!(err, "migrations/003_bad.sql:3: migration failed, nothing of it applied: no such table: nope");
        let conn = Connection::open(&db).unwrap();
        let names: i64 = conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            names, 1,
            "the failing migration's first statement was rolled back"
        );
    }
}
