//! npm database drivers in `pages/api` routes, run by the real binary against real
//! servers over our `node:net`: postgres.js (the `postgres` package: its own wire-protocol
//! parser, which walks the socket's bytes with `Buffer.subarray` and `readUInt32BE`) and
//! drizzle-orm on node-postgres, each against a private Postgres cluster
//! (`support::postgres`), mysql2 against a private MariaDB (`support::mariadb`) and
//! ioredis against a private Redis (`support::redis`); each skipped without its server
//! unless `CI=true`. The fixture
//! `tests/fixtures/db-drivers` installs from its lockfile (`support::npm`; skipped
//! without npm).

mod support;

use std::path::PathBuf;

use serde_json::json;
use support::Server;

fn fixture() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("../../tests/fixtures/db-drivers");
    let installed = support::npm::install(&dir);
    if installed.is_none() {
        println!("skipping: npm not available");
    }
    installed
}

#[test]
fn postgres_js_queries_arrays_dates_and_server_errors() {
    let Some(dir) = fixture() else { return };
    let Some(cluster) = support::postgres::cluster() else {
        return;
    };
    let url = cluster.database();
    let server = Server::start_with_env(&dir, &[], &[("PG_URL", url.as_str())]);

    let (status, first) = server.json_request(
        "POST",
        "/api/postgres-js",
        Some(json!({ "title": "first", "tags": ["a", "b"] })),
    );
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["tags"], json!(["a", "b"]));
    assert_eq!(first["createdIsDate"], true, "timestamptz parses to a Date");
    let (status, _) = server.json_request(
        "POST",
        "/api/postgres-js",
        Some(json!({ "title": "second", "tags": [] })),
    );
    assert_eq!(status, 201);

    // Many rows in one answer: the parser splits messages across socket chunks.
    for round in 0..3 {
        let (status, listed) = server.json_request("GET", "/api/postgres-js?prefix=f", None);
        assert_eq!(status, 200, "round {round}: {listed}");
        assert_eq!(
            listed["notes"],
            json!([{ "id": 1, "title": "first", "tags": ["a", "b"] }])
        );
        assert_eq!(listed["total"], 2);
        assert_eq!(listed["count"], 1);
    }
    let (status, failure) = server.json_request("GET", "/api/postgres-js?fail=unique", None);
    assert_eq!(status, 409, "{failure}");
    assert_eq!(failure["name"], "PostgresError");
    assert_eq!(failure["code"], "23505");
    assert_eq!(failure["constraint"], "notes_title_key");
}

#[test]
fn drizzle_orm_on_node_postgres_inserts_updates_and_selects() {
    let Some(dir) = fixture() else { return };
    let Some(cluster) = support::postgres::cluster() else {
        return;
    };
    let url = cluster.database();
    let server = Server::start_with_env(&dir, &[], &[("PG_URL", url.as_str())]);
    let (status, bolt) = server.json_request(
        "POST",
        "/api/drizzle",
        Some(json!({ "name": "bolt", "stock": 2 })),
    );
    assert_eq!(status, 201, "{bolt}");
    assert_eq!(bolt, json!({ "id": 1, "name": "bolt", "stock": 2 }));
    let (status, _) = server.json_request(
        "POST",
        "/api/drizzle",
        Some(json!({ "name": "nut", "stock": 0 })),
    );
    assert_eq!(status, 201);
    let (status, updated) = server.json_request("PATCH", "/api/drizzle?id=1", None);
    assert_eq!(status, 200);
    assert_eq!(updated["stock"], 1);
    let (status, listed) = server.json_request("GET", "/api/drizzle", None);
    assert_eq!(status, 200);
    assert_eq!(
        listed,
        json!({ "inStock": [{ "id": 1, "name": "bolt" }], "total": 2 })
    );
}

#[test]
fn mysql2_on_mariadb_prepares_inserts_and_reports_duplicates() {
    let Some(dir) = fixture() else { return };
    let Some(mariadb) = support::mariadb::server() else {
        return;
    };
    let url = mariadb.url();
    let server = Server::start_with_env(&dir, &[], &[("MYSQL_URL", url.as_str())]);
    let (status, ada) = server.json_request(
        "POST",
        "/api/mysql",
        Some(json!({ "email": "ada@example.com", "born": "1815-12-10" })),
    );
    assert_eq!(status, 201, "{ada}");
    assert_eq!(ada, json!({ "id": 1, "affected": 1 }));
    let (status, duplicate) = server.json_request(
        "POST",
        "/api/mysql",
        Some(json!({ "email": "ada@example.com" })),
    );
    assert_eq!(status, 409, "{duplicate}");
    assert_eq!(duplicate["code"], "ER_DUP_ENTRY");
    assert_eq!(duplicate["errno"], 1062);
    assert_eq!(duplicate["sqlState"], "23000");
    let (status, _) = server.json_request(
        "POST",
        "/api/mysql",
        Some(json!({ "email": "bob@example.com" })),
    );
    assert_eq!(status, 201);
    for _ in 0..3 {
        let (status, rows) = server.json_request("GET", "/api/mysql?prefix=a", None);
        assert_eq!(status, 200, "{rows}");
        assert_eq!(rows[0]["email"], "ada@example.com");
        assert_eq!(
            rows[0]["bornIsDate"], true,
            "DATE columns are Dates: {rows}"
        );
        assert_eq!(rows.as_array().map(Vec::len), Some(1));
    }
}

#[test]
fn ioredis_commands_pipelines_transactions_and_errors() {
    let Some(dir) = fixture() else { return };
    let Some(redis) = support::redis::server() else {
        return;
    };
    let url = redis.url();
    let server = Server::start_with_env(&dir, &[], &[("REDIS_URL", url.as_str())]);
    for round in 1..=3 {
        let (status, body) = server.json_request("GET", "/api/redis", None);
        assert_eq!(status, 200, "{body}");
        // One client in module state: the counters go on across requests.
        assert_eq!(body["visits"], round, "{body}");
        assert_eq!(body["counter"], 5 * round, "{body}");
        assert_eq!(body["profile"], json!({ "name": "Ada", "born": "1815" }));
        assert_eq!(body["greeting"], "héllo");
        assert_eq!(body["failure"]["name"], "ReplyError");
        assert!(
            body["failure"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("WRONGTYPE")),
            "{body}"
        );
        assert_eq!(body["bigLength"], 200_000, "a reply split over many reads");
    }
    // Importing the CommonJS package reads only the exports cjs-module-lexer finds, not
    // ioredis' warning getter for `Promise`.
    assert!(
        !server.output().contains("third-party Promise"),
        "{}",
        server.output()
    );
}
