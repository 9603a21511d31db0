//! The async context over a real server: an App Router handler reads `cookies()` and
//! `headers()` from `next/headers` after awaits, `.then`s, a timer, `setImmediate` and
//! `queueMicrotask`, and an `after()` task reads them once the response is sent; a
//! pages/api handler keeps its own `AsyncLocalStorage` store across a timer and
//! `process.nextTick`. Fifty concurrent clients on one worker each send a different
//! cookie and header, and every answer must echo its own request's values. A store
//! entered with `enterWith` in one request is not seen by the next.

mod support;

use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use serde_json::Value;
use support::Server;

const CLIENTS: usize = 50;
const ROUNDS: usize = 3;
const TIMEOUT: Duration = Duration::from_secs(20);

fn fixture() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/async-context")
}

fn json_of(server: &Server, path: &str, headers: &[(&str, &str)]) -> Value {
    let response = server.send("GET", path, headers, None, TIMEOUT);
    assert_eq!(response.status, 200, "{path}: {}", response.body_text());
    serde_json::from_str(&response.body_text())
        .unwrap_or_else(|error| panic!("{path}: {error}: {}", response.body_text()))
}

/// Runs `CLIENTS` threads at once, each calling `check(server, client, round)`.
fn concurrently(server: &Arc<Server>, check: fn(&Server, usize, usize)) {
    for round in 0..ROUNDS {
        let barrier = Arc::new(std::sync::Barrier::new(CLIENTS));
        let threads: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let server = server.clone();
                let barrier = barrier.clone();
                thread::spawn(move || {
                    barrier.wait();
                    check(&server, client, round);
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("a client thread failed");
        }
    }
}

#[test]
fn next_headers_read_their_own_request_after_awaits_and_timers() {
    let server = Arc::new(Server::start_with_args(&fixture(), &["--workers", "1"]));
    concurrently(&server, |server, client, round| {
        let header = format!("h{client}-{round}");
        let cookie = format!("client=c{client}-{round}");
        let id = format!("{client}-{round}");
        let answer = json_of(
            server,
            &format!("/api/echo?id={id}"),
            &[("x-client", header.as_str()), ("cookie", cookie.as_str())],
        );
        let cookie_value = format!("c{client}-{round}");
        assert_eq!(answer["header"], header.as_str(), "{answer}");
        assert_eq!(answer["timer"], header.as_str(), "{answer}");
        assert_eq!(answer["cookie"], cookie_value.as_str(), "{answer}");
        assert_eq!(answer["microtask"], cookie_value.as_str(), "{answer}");
    });
    // Every after() task ran in its own request's scope.
    for round in 0..ROUNDS {
        for client in 0..CLIENTS {
            let id = format!("{client}-{round}");
            let expected = format!("h{client}-{round}/c{client}-{round}");
            let mut seen = Value::Null;
            for _ in 0..50 {
                seen = json_of(&server, &format!("/api/after-seen?id={id}"), &[])["seen"].clone();
                if !seen.is_null() {
                    break;
                }
                thread::sleep(Duration::from_millis(20));
            }
            assert_eq!(seen, expected.as_str(), "after() of request {id}");
        }
    }
    let output = server.output();
    assert!(!output.contains("outside a request scope"), "{output}");
}

#[test]
fn async_local_storage_keeps_each_requests_store() {
    let server = Arc::new(Server::start_with_args(&fixture(), &["--workers", "1"]));
    concurrently(&server, |server, client, round| {
        let header = format!("s{client}-{round}");
        let answer = json_of(server, "/api/storage", &[("x-client", header.as_str())]);
        assert_eq!(answer["client"], header.as_str(), "{answer}");
    });
}

#[test]
fn enter_with_does_not_leak_into_the_next_request() {
    let server = Server::start_with_args(&fixture(), &["--workers", "1"]);
    for round in 0..3 {
        let client = format!("e{round}");
        let answer = json_of(&server, "/api/enter", &[("x-client", client.as_str())]);
        assert_eq!(answer["before"], Value::Null, "{answer}");
        assert_eq!(answer["now"], client.as_str(), "{answer}");
    }
}

#[test]
fn next_headers_outside_a_request_throw_nexts_error() {
    let server = Server::start_with_args(&fixture(), &["--workers", "1"]);
    let answer = json_of(&server, "/api/outside", &[]);
    let outside = answer["outside"].as_str().unwrap_or_default();
    assert!(
        outside.contains("`cookies` was called outside a request scope"),
        "{answer}"
    );
    assert_eq!(answer["draft"], false, "{answer}");
}
