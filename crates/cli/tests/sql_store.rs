//! The built-in SQL store over a real socket: `apiroutes/sql` and `node:sqlite` in
//! handlers of `tests/fixtures/sql-app`, migrations at start-up and by
//! `apiroutes migrate`, one pool shared by every worker, transactions under concurrency,
//! queries off the JavaScript thread, and SQL errors failing one request only.
//!
//! Each test points `DATABASE_URL` at a database file in a temporary folder of its own.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;
use support::Server;

const TIMEOUT: Duration = Duration::from_secs(20);

fn fixture() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/sql-app")
}

/// A server on the fixture with its database (and `node:sqlite`'s file) in `data`.
fn start(data: &Path, args: &[&str]) -> Server {
    let url = format!("sqlite:{}", data.join("data.db").display());
    let notes = data.join("notes.db").display().to_string();
    Server::start_with_env(
        &fixture(),
        args,
        &[("DATABASE_URL", url.as_str()), ("NOTES_DB", notes.as_str())],
    )
}

#[test]
fn migrations_run_at_start_and_posts_persist_across_restarts() {
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &[]);
    let log = server.output();
    assert!(log.contains("applied migrations/001_posts.sql"), "{log}");
    assert!(log.contains("applied migrations/002_counters.sql"), "{log}");

    let (status, post) = server.json_request(
        "POST",
        "/api/posts",
        Some(json!({ "title": "Hello", "body": "first post" })),
    );
    assert_eq!(status, 201, "{post}");
    assert_eq!(
        post,
        json!({ "id": 1, "title": "Hello", "body": "first post" })
    );

    let (status, conflict) = server.json_request(
        "POST",
        "/api/posts",
        Some(json!({ "title": "Hello", "body": "again" })),
    );
    assert_eq!(status, 409);
    assert_eq!(
        conflict,
        json!({ "error": "UNIQUE constraint failed: posts.title", "code": "SQLITE_CONSTRAINT_UNIQUE" })
    );
    drop(server);

    // A restart applies nothing new and still has the post.
    let server = start(data.path(), &[]);
    assert!(
        !server.output().contains("applied migrations"),
        "{}",
        server.output()
    );
    let (status, list) = server.json_request("GET", "/api/posts", None);
    assert_eq!(status, 200);
    assert_eq!(
        list,
        json!({ "count": 1, "posts": [{ "id": 1, "title": "Hello", "body": "first post" }] })
    );
}

#[test]
fn every_worker_sees_the_same_data() {
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &["--workers", "2"]);
    // Module state is per worker, the database is not: whichever worker answers each
    // request, a write is visible to the next read.
    for i in 0..20 {
        let (status, _) = server.json_request(
            "POST",
            "/api/posts",
            Some(json!({ "title": format!("post {i}") })),
        );
        assert_eq!(status, 201);
        let (_, list) = server.json_request("GET", "/api/posts", None);
        assert_eq!(list["count"], json!(i + 1), "after {} posts: {list}", i + 1);
    }
}

#[test]
fn concurrent_transactions_lose_no_update_and_a_throw_rolls_back() {
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &["--workers", "2"]);
    let clients = 50;
    let (sender, receiver) = mpsc::channel();
    thread::scope(|scope| {
        for _ in 0..clients {
            let sender = sender.clone();
            let server = &server;
            scope.spawn(move || {
                let _ = sender.send(server.json_request("POST", "/api/counter", None));
            });
        }
    });
    drop(sender);
    let mut values: Vec<i64> = receiver
        .iter()
        .map(|(status, body)| {
            assert_eq!(status, 200, "{body}");
            body["value"].as_i64().expect("a value")
        })
        .collect();
    values.sort_unstable();
    assert_eq!(
        values,
        (1..=clients).collect::<Vec<i64>>(),
        "each increment saw the one before"
    );

    let (status, body) = server.json_request("POST", "/api/counter", Some(json!({ "fail": true })));
    assert_eq!(
        (status, body),
        (500, json!({ "error": "rolled back on purpose" }))
    );
    let (_, now) = server.json_request("GET", "/api/counter", None);
    assert_eq!(now, json!({ "value": clients }));
}

#[test]
fn values_come_back_with_their_types() {
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &[]);
    let (status, body) = server.json_request("GET", "/api/types", None);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({
            "big": ["bigint", "1152921504606846976"],
            "small": ["number", 42],
            "real": 1.5,
            "blob": [true, [1, 2, 3]],
            "empty": null,
            "yes": 1,
            "json": "{\"a\":1}",
            "date": "1970-01-01T00:00:00.000Z",
        })
    );
}

#[test]
fn a_slow_query_does_not_block_the_worker() {
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &[]);
    let slow_done = thread::scope(|scope| {
        let slow = scope.spawn(|| {
            let response = server.send("GET", "/api/slow?n=4000000", &[], None, TIMEOUT);
            assert_eq!(response.status, 200, "{}", response.body_text());
            Instant::now()
        });
        // Give the query time to start, then the same (only) worker answers other requests.
        thread::sleep(Duration::from_millis(150));
        let mut pings_done = Instant::now();
        for _ in 0..5 {
            let (status, body) = server.json_request("GET", "/api/ping", None);
            assert_eq!((status, body), (200, json!({ "pong": true })));
            pings_done = Instant::now();
        }
        (slow.join().expect("slow request"), pings_done)
    });
    let (slow_finished, pings_finished) = slow_done;
    assert!(
        pings_finished < slow_finished,
        "the pings waited for the query to finish"
    );
}

#[test]
fn an_uncaught_sql_error_fails_that_request_only() {
    let data = tempfile::tempdir().unwrap();
    let mut server = start(data.path(), &[]);
    let response = server.send("GET", "/api/missing-table", &[], None, TIMEOUT);
    assert_eq!(response.status, 500);
    assert!(server.is_running());
    let (status, body) = server.json_request("GET", "/api/ping", None);
    assert_eq!((status, body), (200, json!({ "pong": true })));
    assert!(
        server.output().contains("no such table: no_such_table"),
        "the error is logged: {}",
        server.output()
    );
}

#[test]
fn node_sqlite_serves_from_its_own_file() {
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path(), &[]);
    for (i, text) in ["one", "two"].iter().enumerate() {
        let (status, body) =
            server.json_request("POST", "/api/notes", Some(json!({ "text": text })));
        assert_eq!(status, 201);
        assert_eq!(body, json!({ "id": i + 1, "changes": 1 }));
    }
    let (_, notes) = server.json_request("GET", "/api/notes", None);
    assert_eq!(
        notes,
        json!([{ "id": 1, "text": "one" }, { "id": 2, "text": "two" }])
    );
    assert!(data.path().join("notes.db").is_file());
}

/// A project of its own with the given migration files.
fn project_with_migrations(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pages/api")).unwrap();
    std::fs::write(
        dir.path().join("pages/api/ping.js"),
        "export default (req, res) => res.json({ pong: true })\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("migrations").join(name), text).unwrap();
    }
    dir
}

fn apiroutes(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .args(args)
        .arg(dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .expect("run apiroutes")
}

#[test]
fn a_failing_migration_stops_start_up_with_its_file_line_and_message() {
    let dir = project_with_migrations(&[
        ("001_ok.sql", "CREATE TABLE a (x INTEGER);\n"),
        (
            "002_bad.sql",
            "INSERT INTO a VALUES (1);\n-- the next statement fails\nINSERT INTO missing VALUES (2);\n",
        ),
    ]);
    let output = apiroutes(&["start", "--port", "0"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(
            "migrations/002_bad.sql:3: migration failed, nothing of it applied: no such table: missing"
        ),
        "{stderr}"
    );
    // The embedded default database is in the project, the first migration applied.
    assert!(dir.path().join(".apiroutes/data.db").is_file());

    // `apiroutes migrate` after the fix applies the rest, then nothing.
    std::fs::write(
        dir.path().join("migrations/002_bad.sql"),
        "INSERT INTO a VALUES (1);\n",
    )
    .unwrap();
    let output = apiroutes(&["migrate"], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "1 migration(s) applied\n"
    );
    let output = apiroutes(&["migrate"], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "0 migration(s) applied\n"
    );
}

#[test]
fn a_build_keeps_the_embedded_database() {
    let dir = project_with_migrations(&[("001.sql", "CREATE TABLE kept (x INTEGER);\n")]);
    let output = apiroutes(&["migrate"], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "1 migration(s) applied\n"
    );
    let output = apiroutes(&["build"], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join(".apiroutes/manifest.json").is_file());
    // `.apiroutes/` holds both: the build replaced its own files only.
    let output = apiroutes(&["migrate"], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "0 migration(s) applied\n"
    );
}
