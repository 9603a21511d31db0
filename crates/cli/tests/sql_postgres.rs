//! The built-in SQL store on Postgres over a real socket: `apiroutes/sql` in handlers of
//! `tests/fixtures/pg-app` with `DATABASE_URL=postgres://...` on a private cluster
//! (support/postgres.rs): migrations at start-up and by `apiroutes migrate` (one run at a
//! time across processes), one pool shared by every worker, transactions under
//! concurrency, queries off the JavaScript thread, Postgres' types and `PostgresError`
//! fields, and failures (SQL errors, a server that is down) costing one request only.
//!
//! Each test takes a database of its own. Without Postgres installed the tests say so and
//! pass, except with `CI=true`.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;
use support::postgres::{cluster, Cluster};
use support::Server;

const TIMEOUT: Duration = Duration::from_secs(20);

fn fixture() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/pg-app")
}

fn start(url: &str, args: &[&str]) -> Server {
    Server::start_with_env(&fixture(), args, &[("DATABASE_URL", url)])
}

/// The shared cluster and a fresh database on it, or `None` to skip.
fn database() -> Option<(std::sync::Arc<Cluster>, String)> {
    let cluster = cluster()?;
    let url = cluster.database();
    Some((cluster, url))
}

#[test]
fn migrations_run_at_start_and_posts_persist_across_restarts() {
    let Some((cluster, url)) = database() else {
        return;
    };
    let server = start(&url, &[]);
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
        json!({
            "name": "PostgresError",
            "message": "duplicate key value violates unique constraint \"posts_title_key\"",
            "code": "23505",
            "errno": "23505",
            "constraint": "posts_title_key",
            "detail": "Key (title)=(Hello) already exists.",
            "table": "posts",
            "severity": "ERROR",
        })
    );
    drop(server);

    let server = start(&url, &[]);
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
    let recorded = cluster
        .psql(
            url.rsplit('/').next().unwrap().split('?').next().unwrap(),
            "SELECT string_agg(name, ',' ORDER BY name) FROM apiroutes_migrations",
        )
        .unwrap();
    assert_eq!(recorded, "001_posts.sql,002_counters.sql");
}

#[test]
fn every_worker_sees_the_same_data() {
    let Some((_cluster, url)) = database() else {
        return;
    };
    let server = start(&url, &["--workers", "2"]);
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
    let Some((_cluster, url)) = database() else {
        return;
    };
    let server = start(&url, &["--workers", "2"]);
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
    assert_eq!(values, (1..=clients).collect::<Vec<i64>>());

    let (status, body) = server.json_request("POST", "/api/counter", Some(json!({ "fail": true })));
    assert_eq!(
        (status, body),
        (500, json!({ "error": "rolled back on purpose" }))
    );
    let (_, now) = server.json_request("GET", "/api/counter", None);
    assert_eq!(now, json!({ "value": clients }));
}

#[test]
fn values_come_back_with_bun_types() {
    let Some((_cluster, url)) = database() else {
        return;
    };
    let server = start(&url, &[]);
    let (status, body) = server.json_request("GET", "/api/types", None);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({
            "big": ["string", "1152921504606846976"],
            "counted": ["string", "1"],
            "small": ["number", 42],
            "real": ["number", 1.5],
            "exact": ["string", "12345.678"],
            "blob": ["Uint8Array", [1, 2, 255]],
            "empty": ["object", null],
            "yes": ["boolean", true],
            "jsonb": ["object", { "a": [1, "x"] }],
            "json": ["object", { "b": null }],
            "at": ["Date", "1970-01-01T00:00:00.000Z"],
            "day": ["Date", "2024-02-29T00:00:00.000Z"],
            "clock": ["string", "12:30:05.25"],
            "ints": ["object", [1, 2, 3]],
            "grid": ["object", [["a", null], ["b \"q\"", "c,d"]]],
            "id": ["string", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
            "span": ["string", "1 day 02:00:00"],
            "text": ["string", "O'Reilly; DROP TABLE posts"],
        })
    );
}

#[test]
fn errors_carry_postgres_fields_and_transactions_savepoints_and_helpers_work() {
    let Some((_cluster, url)) = database() else {
        return;
    };
    let server = start(&url, &[]);
    let (status, body) = server.json_request("GET", "/api/errors", None);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["syntax"],
        json!({
            "name": "PostgresError", "code": "42601", "errno": "42601",
            "message": "syntax error at or near \"SELEC\"", "position": "1",
            "severity": "ERROR", "isError": true,
        })
    );
    assert_eq!(body["notNull"]["code"], "23502");
    assert_eq!(body["notNull"]["column"], "title");
    assert_eq!(body["notNull"]["table"], "posts");
    assert_eq!(body["rolledBack"], "undo the transaction");
    assert_eq!(body["left"], 0, "the transaction was rolled back: {body}");
    assert_eq!(body["unsafe"], 5);
    assert_eq!(body["values"], json!([[1, "b"]]));
    assert_eq!(body["script"], json!(["2"]));
    assert_eq!(body["inList"], json!([5, 7]));
}

#[test]
fn a_slow_query_does_not_block_the_worker() {
    let Some((_cluster, url)) = database() else {
        return;
    };
    let server = start(&url, &[]);
    let (slow_finished, pings_finished) = thread::scope(|scope| {
        let slow = scope.spawn(|| {
            let response = server.send("GET", "/api/slow?s=1.5", &[], None, TIMEOUT);
            assert_eq!(response.status, 200, "{}", response.body_text());
            Instant::now()
        });
        thread::sleep(Duration::from_millis(200));
        let mut pings_done = Instant::now();
        for _ in 0..5 {
            let (status, body) = server.json_request("GET", "/api/ping", None);
            assert_eq!((status, body), (200, json!({ "pong": true })));
            pings_done = Instant::now();
        }
        (slow.join().expect("slow request"), pings_done)
    });
    assert!(
        pings_finished < slow_finished,
        "the pings waited for the query"
    );
}

#[test]
fn an_uncaught_sql_error_fails_that_request_only() {
    let Some((_cluster, url)) = database() else {
        return;
    };
    let mut server = start(&url, &[]);
    let response = server.send("GET", "/api/missing-table", &[], None, TIMEOUT);
    assert_eq!(response.status, 500);
    assert!(server.is_running());
    let (status, body) = server.json_request("GET", "/api/ping", None);
    assert_eq!((status, body), (200, json!({ "pong": true })));
    assert!(
        server
            .output()
            .contains("relation \"no_such_table\" does not exist"),
        "the error is logged: {}",
        server.output()
    );
}

/// A project of its own with the given migration files.
fn project_with_migrations(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pages/api")).unwrap();
    std::fs::write(
        dir.path().join("pages/api/ping.js"),
        "import { sql } from 'apiroutes/sql'\n\
         export default async (req, res) => res.json((await sql`SELECT count(*)::int AS n FROM a`)[0])\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("migrations").join(name), text).unwrap();
    }
    dir
}

fn apiroutes(args: &[&str], dir: &Path, url: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .args(args)
        .arg(dir)
        .env("DATABASE_URL", url)
        .stdin(Stdio::null())
        .output()
        .expect("run apiroutes")
}

#[test]
fn a_failing_migration_names_its_file_and_line_and_migrate_applies_the_rest() {
    let Some((_cluster, url)) = database() else {
        return;
    };
    let dir = project_with_migrations(&[
        ("001_ok.sql", "CREATE TABLE a (x INTEGER);\n"),
        (
            "002_bad.sql",
            "INSERT INTO a VALUES (1);\n-- the next statement fails\nINSERT INTO a\n  SELECT x FROM missing;\n",
        ),
    ]);
    let output = apiroutes(&["start", "--port", "0"], dir.path(), &url);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(
            "migrations/002_bad.sql:4: migration failed, nothing of it applied: relation \"missing\" does not exist"
        ),
        "{stderr}"
    );

    std::fs::write(
        dir.path().join("migrations/002_bad.sql"),
        "INSERT INTO a VALUES (1);\n",
    )
    .unwrap();
    let output = apiroutes(&["migrate"], dir.path(), &url);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "1 migration(s) applied\n"
    );
    let server = Server::start_with_env(dir.path(), &[], &[("DATABASE_URL", url.as_str())]);
    let (status, body) = server.json_request("GET", "/api/ping", None);
    assert_eq!(
        (status, body),
        (200, json!({ "n": 1 })),
        "the failed run left no row"
    );
}

#[test]
fn two_processes_migrating_together_apply_each_file_once() {
    let Some((_cluster, url)) = database() else {
        return;
    };
    // Not idempotent: applied twice, the second CREATE fails.
    let dir = project_with_migrations(&[
        (
            "001.sql",
            "CREATE TABLE a (x INTEGER);\nSELECT pg_sleep(0.3);\n",
        ),
        ("002.sql", "INSERT INTO a VALUES (1);\n"),
    ]);
    let outputs: Vec<std::process::Output> = thread::scope(|scope| {
        let runs: Vec<_> = (0..3)
            .map(|_| scope.spawn(|| apiroutes(&["migrate"], dir.path(), &url)))
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let mut applied: Vec<String> = outputs
        .iter()
        .map(|out| {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect();
    applied.sort();
    assert_eq!(
        applied,
        [
            "0 migration(s) applied\n",
            "0 migration(s) applied\n",
            "2 migration(s) applied\n"
        ]
    );
}

#[test]
fn a_server_that_is_down_fails_the_request_with_a_redacted_message() {
    if cluster().is_none() {
        return;
    }
    // A port nothing listens on, and a password that must not be printed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://app:hunter2@127.0.0.1:{port}/app?sslmode=disable");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pages/api")).unwrap();
    std::fs::write(
        dir.path().join("pages/api/q.js"),
        "import { sql } from 'apiroutes/sql'\n\
         export default async (req, res) => {\n\
           try { await sql`SELECT 1` } catch (e) { return res.status(503).json({ name: e.name, code: e.code, message: e.message }) }\n\
           res.json({ ok: true })\n\
         }\n",
    )
    .unwrap();
    let mut server = Server::start_with_env(dir.path(), &[], &[("DATABASE_URL", url.as_str())]);
    for _ in 0..2 {
        let (status, body) = server.json_request("GET", "/api/q", None);
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["code"], "ERR_POSTGRES_CONNECTION_FAILED", "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("postgres://app:***@127.0.0.1:{port}/app")),
            "{message}"
        );
        assert!(!message.contains("hunter2"), "{message}");
    }
    assert!(server.is_running());
}
