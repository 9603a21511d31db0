//! Integration tests of App Router route handlers, middleware / proxy and the
//! `next/server` surface, against the real `apiroutes` binary over a real socket:
//! the `route-handlers` and `auth-middleware` examples, streaming (SSE chunks reach the
//! client before the handler ends), the CVE-2025-29927 class (a client-sent
//! `x-middleware-subrequest` never skips middleware), `maxDuration` → 504, `proxy.ts`,
//! and the start-up error for `middleware.*` next to `proxy.*`.
//!
//! Servers run with `--workers 1` where a test relies on state kept in a module (the
//! in-memory posts list, the `after()` counter).

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{RawResponse, Server};

/// Upper bound for one ordinary exchange; generous so a loaded CI machine does not flake.
const TIMEOUT: Duration = Duration::from_secs(10);

const APP_VARY: &str =
    "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

fn project(relative: &str) -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../..")
    .join(relative)
}

fn start(relative: &str) -> Server {
    Server::start_with_args(&project(relative), &["--workers", "1"])
}

fn send(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> RawResponse {
    let response = server.send(method, path, headers, body, TIMEOUT);
    assert!(
        !response.timed_out,
        "no response to {method} {path} within {TIMEOUT:?}"
    );
    assert_eq!(
        response.error, None,
        "transport error for {method} {path}: {response:?}"
    );
    response
}

fn get(server: &Server, path: &str) -> RawResponse {
    send(server, "GET", path, &[], None)
}

fn send_json(server: &Server, method: &str, path: &str, body: &Value) -> RawResponse {
    let text = body.to_string();
    send(
        server,
        method,
        path,
        &[("Content-Type", "application/json")],
        Some(text.as_bytes()),
    )
}

/// Status check plus the body as JSON (route handlers' `Response.json` content type).
fn json_of(response: &RawResponse, status: u16) -> Value {
    assert_eq!(
        response.status,
        status,
        "unexpected status; body: {}",
        response.body_text()
    );
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", response.body_text()))
}

// ---------------------------------------------------------------------------------------
// examples/route-handlers

#[test]
fn route_handler_crud_example_creates_reads_updates_and_deletes() {
    let server = start("examples/route-handlers");

    let empty = get(&server, "/api/posts");
    assert_eq!(json_of(&empty, 200), json!([]));
    assert_eq!(empty.header("content-type"), Some("application/json"));
    assert!(
        empty
            .header("vary")
            .is_some_and(|v| v.starts_with(APP_VARY)),
        "route handlers carry the App Router Vary: {:?}",
        empty.header("vary")
    );
    assert_eq!(
        empty.header("content-length"),
        None,
        "route handler bodies are streamed"
    );

    let created = send_json(
        &server,
        "POST",
        "/api/posts",
        &json!({ "title": "hello", "body": "world" }),
    );
    let post = json_of(&created, 201);
    assert_eq!(post["title"], "hello");
    let id = post["id"].as_u64().expect("numeric id");
    assert_eq!(
        created.header("location"),
        Some(format!("/api/posts/{id}").as_str())
    );

    let listed = json_of(&get(&server, "/api/posts"), 200);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));

    let path = format!("/api/posts/{id}");
    assert_eq!(json_of(&get(&server, &path), 200)["body"], "world");

    let updated = send_json(&server, "PUT", &path, &json!({ "title": "renamed" }));
    assert_eq!(json_of(&updated, 200)["title"], "renamed");

    let deleted = send(&server, "DELETE", &path, &[], None);
    assert_eq!(deleted.status, 204);
    assert!(deleted.body.is_empty());

    // notFound() from next/navigation: 404 with an empty body.
    let gone = get(&server, &path);
    assert_eq!(gone.status, 404);
    assert!(
        gone.body.is_empty(),
        "notFound() in a route handler has no page body"
    );

    let invalid = send(
        &server,
        "POST",
        "/api/posts",
        &[("Content-Type", "application/json")],
        Some(b"{oops"),
    );
    assert_eq!(json_of(&invalid, 400), json!({ "error": "Invalid JSON" }));
}

#[test]
fn route_handler_methods_follow_next() {
    let server = start("examples/route-handlers");

    let options = send(&server, "OPTIONS", "/api/posts", &[], None);
    assert_eq!(options.status, 204);
    assert_eq!(options.header("allow"), Some("GET, HEAD, OPTIONS, POST"));

    let head = send(&server, "HEAD", "/api/posts", &[], None);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("application/json"));
    assert!(head.body.is_empty());

    let patch = send(&server, "PATCH", "/api/posts", &[], None);
    assert_eq!(patch.status, 405);
    assert_eq!(
        patch.header("allow"),
        None,
        "Next's 405 carries no Allow header"
    );
    assert!(patch.body.is_empty());

    let purge = send(&server, "PURGE", "/api/posts", &[], None);
    assert_eq!(purge.status, 400, "a method outside Next's list is a 400");
}

// ---------------------------------------------------------------------------------------
// examples/auth-middleware

const TOKEN: (&str, &str) = ("Authorization", "Bearer my-secret-token");

#[test]
fn auth_middleware_guards_pages_and_app_routes() {
    let server = start("examples/auth-middleware");

    for path in [
        "/api/secure/data",
        "/api/secure/report",
        "/api/secure/missing",
    ] {
        let refused = get(&server, path);
        assert_eq!(refused.status, 401, "{path} without a token");
        assert_eq!(json_of(&refused, 401), json!({ "message": "Unauthorized" }));
        assert_eq!(refused.header("www-authenticate"), Some("Bearer"));
    }

    let pages = send(&server, "GET", "/api/secure/data", &[TOKEN], None);
    assert_eq!(
        json_of(&pages, 200),
        json!({ "message": "Secure data", "user": "token-holder" }),
        "NextResponse.next({{ request: {{ headers }} }}) reaches a pages handler"
    );
    assert_eq!(
        pages.header("x-auth"),
        Some("ok"),
        "middleware response headers are merged"
    );

    let app = send(&server, "GET", "/api/secure/report", &[TOKEN], None);
    assert_eq!(
        json_of(&app, 200),
        json!({ "report": "quarterly", "user": "token-holder" }),
        "headers() in an app route sees the middleware's request headers"
    );
    assert_eq!(app.header("x-auth"), Some("ok"));

    // Outside the matcher the middleware does not run.
    let public = get(&server, "/api/public");
    assert_eq!(json_of(&public, 200), json!({ "message": "Public data" }));
    assert_eq!(public.header("x-auth"), None);

    // A matched path without a route still runs middleware (and then 404s).
    let missing = send(&server, "GET", "/api/secure/missing", &[TOKEN], None);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("x-auth"), Some("ok"));
}

#[test]
fn client_sent_middleware_subrequest_header_never_skips_middleware() {
    // CVE-2025-29927: Next < 15.2.3 skipped middleware when the client sent
    // `x-middleware-subrequest` naming it enough times.
    let server = start("examples/auth-middleware");
    let spoofed = [
        "middleware",
        "src/middleware",
        "middleware:middleware:middleware:middleware:middleware",
        "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
        "pages/_middleware",
    ];
    for value in spoofed {
        for path in ["/api/secure/data", "/api/secure/report"] {
            let response = send(
                &server,
                "GET",
                path,
                &[("x-middleware-subrequest", value)],
                None,
            );
            assert_eq!(
                response.status, 401,
                "x-middleware-subrequest: {value} must not skip middleware on {path}"
            );
        }
    }
    // And the header does not leak to the handler either.
    let with_token = send(
        &server,
        "GET",
        "/api/secure/data",
        &[TOKEN, ("x-middleware-subrequest", "middleware")],
        None,
    );
    assert_eq!(with_token.status, 200);
}

// ---------------------------------------------------------------------------------------
// Streaming, body reading, next/server helpers (tests/fixtures/app-router)

#[test]
fn sse_first_event_reaches_the_client_before_the_handler_finishes() {
    let server = start("tests/fixtures/app-router");
    let hold = Duration::from_millis(2000);
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("read timeout");
    let request = format!(
        "GET /sse?hold={} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        hold.as_millis(),
        server.port
    );
    let sent = Instant::now();
    stream.write_all(request.as_bytes()).expect("send");

    let mut received = Vec::new();
    let mut first_at = None;
    let mut buffer = [0u8; 4096];
    let deadline = sent + TIMEOUT;
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                received.extend_from_slice(&buffer[..n]);
                if first_at.is_none() && contains(&received, b"data: first") {
                    first_at = Some(sent.elapsed());
                }
            }
            Err(err)
                if matches!(
                    err.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(err) => panic!("read failed: {err}"),
        }
        assert!(
            Instant::now() < deadline,
            "the SSE response did not finish in {TIMEOUT:?}"
        );
    }
    let total = sent.elapsed();
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        text.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{text}"
    );
    assert!(
        text.contains("data: last"),
        "the stream ends with the last event: {text}"
    );
    let first_at = first_at.expect("the first event arrived");
    assert!(
        total >= hold,
        "the handler holds the stream for {hold:?}, but it ended after {total:?}"
    );
    assert!(
        first_at + Duration::from_millis(1000) <= total,
        "the first event arrived after {first_at:?}, not well before the end ({total:?}): it was buffered"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[test]
fn max_duration_segment_config_answers_504() {
    let server = start("tests/fixtures/app-router");
    let started = Instant::now();
    let response = get(&server, "/slow");
    assert_eq!(response.status, 504, "maxDuration = 1 is honoured");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the 504 comes after about 1 s, not after the handler's 5 s"
    );
    // The worker is still serving.
    let other = send(
        &server,
        "POST",
        "/form",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(b"a=1"),
    );
    assert_eq!(other.status, 200);
}

#[test]
fn form_data_and_body_stream_are_read_from_the_request() {
    let server = start("tests/fixtures/app-router");

    let urlencoded = send(
        &server,
        "POST",
        "/form",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(b"name=Ada+Lovelace&tag=a&tag=b%26c"),
    );
    assert_eq!(
        json_of(&urlencoded, 200),
        json!({ "entries": [["name", "Ada Lovelace"], ["tag", "a"], ["tag", "b&c"]] })
    );

    let body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n\
                --XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n\
                Content-Type: text/plain\r\n\r\nfile body\r\n--XyZ--\r\n";
    let multipart = send(
        &server,
        "POST",
        "/form",
        &[("Content-Type", "multipart/form-data; boundary=XyZ")],
        Some(body.as_bytes()),
    );
    assert_eq!(
        json_of(&multipart, 200),
        json!({ "entries": [["title", "hello"], ["upload", "file:a.txt:file body"]] })
    );

    let big = vec![b'z'; 3 * 1024 * 1024];
    let streamed = send(
        &server,
        "PUT",
        "/form",
        &[("Content-Type", "application/octet-stream")],
        Some(&big),
    );
    assert_eq!(
        json_of(&streamed, 200),
        json!({ "bytes": big.len(), "streamed": true }),
        "request.body streams without a size limit"
    );
}

#[test]
fn next_server_helpers_cookies_user_agent_and_after() {
    let server = start("tests/fixtures/app-router");
    let first = send(
        &server,
        "GET",
        "/after",
        &[
            ("Cookie", "theme=dark; other=1"),
            ("User-Agent", "Googlebot/2.1"),
        ],
        None,
    );
    let body = json_of(&first, 200);
    assert_eq!(body["isBot"], true);
    assert_eq!(body["theme"], "dark");
    assert_eq!(
        first.header_all("set-cookie"),
        vec!["seen=yes; Path=/; HttpOnly; SameSite=lax"]
    );
    // after() ran once the first response was sent.
    let second = json_of(&get(&server, "/after"), 200);
    assert_eq!(second["afterRunsBefore"], 1);
    assert_eq!(second["isBot"], false);
    assert_eq!(second["theme"], Value::Null);
}

// ---------------------------------------------------------------------------------------
// proxy.ts, and middleware next to proxy

#[test]
fn proxy_file_is_accepted_as_middleware() {
    let server = start("tests/fixtures/proxy-app");
    let ping = get(&server, "/api/ping");
    assert_eq!(json_of(&ping, 200), json!({ "pong": true }));
    assert_eq!(ping.header("x-proxy"), Some("ran"));

    let blocked = get(&server, "/api/blocked");
    assert_eq!(blocked.status, 403);
    assert_eq!(blocked.body_text(), "blocked by proxy");
    assert_eq!(
        blocked.header("content-type"),
        Some("text/plain;charset=UTF-8")
    );
}

#[test]
fn middleware_and_proxy_together_refuse_to_start() {
    let output = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("start")
        .arg(project("tests/fixtures/middleware-and-proxy"))
        .args(["--port", "0", "--hostname", "127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .expect("run apiroutes");
    assert!(
        !output.status.success(),
        "start must fail with both files present"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "Both middleware file \"./middleware.ts\" and proxy file \"./proxy.ts\" are detected"
        ),
        "Next's message names both files: {stderr}"
    );
}
