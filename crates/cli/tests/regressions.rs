//! Regression tests named after the bug they pin down.

mod support;

use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use support::{raw_request, Server};

fn compat_app() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/compat/app")
}

/// Loading a module with rquickjs's `async_with!` stole the driver task's wake-up
/// registration: when two first requests arrived together on a fresh server, a timer
/// scheduled meanwhile was never woken and a streamed response stalled after its first
/// chunk. Each round starts a fresh server so that both requests load modules.
#[test]
fn concurrent_first_requests_do_not_lose_timer_wakeups() {
    for round in 0..4 {
        let server = Server::start_with_args(&compat_app(), &["--workers", "1"]);
        let addr = server.addr();
        let head = thread::spawn(move || {
            raw_request(
                addr,
                b"HEAD /api/redirect?to=/elsewhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                Duration::from_secs(5),
            )
        });
        let stream = raw_request(
            addr,
            b"GET /api/stream HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            Duration::from_secs(5),
        );
        let head = head.join().expect("HEAD thread");
        assert_eq!(head.status, 307, "round {round}: HEAD redirect answered");
        assert!(
            !stream.timed_out,
            "round {round}: the stream stalled: {:?}",
            stream.body_text()
        );
        assert_eq!(
            stream.body_text(),
            "chunk-1\nchunk-2\ndone\n",
            "round {round}"
        );
    }
}

/// SPEC 1.5: static segments match the still-encoded path, so `/api/%68ello` is a 404;
/// Next answers it from its prerender cache with `cache-control: s-maxage=31536000`,
/// unlike an unknown path's private, no-store 404.
#[test]
fn encoded_static_path_is_a_cached_404() {
    let server = Server::start_with_args(&compat_app(), &["--workers", "1"]);
    let get = |path: &str| {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        raw_request(server.addr(), request.as_bytes(), Duration::from_secs(5))
    };
    let encoded = get("/api/%68ello");
    assert_eq!(encoded.status, 404);
    assert_eq!(encoded.header("cache-control"), Some("s-maxage=31536000"));
    let unknown = get("/api/nothing-here");
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.header("cache-control"),
        Some("private, no-cache, no-store, max-age=0, must-revalidate")
    );
    assert_eq!(
        get("/api/hello").status,
        200,
        "the decoded path itself still routes"
    );
}

/// LLRT reported `process.version` as "0.8.1-beta" and `versions.node` as "0.0.0", so
/// packages that parse the Node version (semver checks, `version.slice(1)`) took
/// wrong paths or threw; we present the Node line whose behaviour we follow.
#[test]
fn process_version_reads_like_node() {
    let dir = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/behaviour");
    let server = Server::start_with_args(&dir, &["--workers", "1"]);
    let response = raw_request(
        server.addr(),
        b"GET /api/process-version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert_eq!(response.status, 200, "{}", server.output());
    let body: serde_json::Value = serde_json::from_slice(&response.body).expect("JSON body");
    let version = body["version"].as_str().expect("version string");
    assert!(version.starts_with('v'), "{version}");
    assert_eq!(&version[1..], body["node"].as_str().expect("versions.node"));
    assert!(
        body["major"].as_u64().is_some_and(|major| major >= 20),
        "{body}"
    );
}

/// Next patches `res.setHeader` so that `Set-Cookie` always reads back as a de-duplicated
/// array, and Node's `setHeader` throws on a value outside Latin-1 (the request then gets
/// a 500) where we used to send a mangled header.
#[test]
fn set_cookie_reads_back_as_an_array_and_non_latin1_values_throw() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("pages/api");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::write(
        api.join("h.js"),
        "export default function handler(req, res) {\n\
           if (req.query.bad) { res.setHeader('X-Name', 'Zo\u{eb} \u{2603}'); return res.end('sent') }\n\
           res.setHeader('Set-Cookie', 'a=b')\n\
           const first = res.getHeader('Set-Cookie')\n\
           res.setHeader('Set-Cookie', ['a=b', 'a=b', 'c=d'])\n\
           let nameError\n\
           try { res.setHeader('bad name', 'x') } catch (e) { nameError = e.code }\n\
           let valueError = 'none'\n\
           try { res.setHeader('X-L', 'caf\u{e9}'); res.setHeader('X-C', 'a\\nb') } catch (e) { valueError = e.code }\n\
           res.json({ first, second: res.getHeader('Set-Cookie'), nameError, valueError })\n\
         }\n",
    )
    .unwrap();
    let server = Server::start(dir.path());
    let response = server.send("GET", "/api/h", &[], None, Duration::from_secs(10));
    assert_eq!(response.status, 200, "{}", response.body_text());
    assert_eq!(response.header_all("set-cookie"), ["a=b", "c=d"]);
    let body: serde_json::Value = serde_json::from_str(&response.body_text()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "first": ["a=b"],
            "second": ["a=b", "c=d"],
            "nameError": "ERR_INVALID_HTTP_TOKEN",
            "valueError": "ERR_INVALID_CHAR",
        })
    );
    let bad = server.send("GET", "/api/h?bad=1", &[], None, Duration::from_secs(10));
    assert_eq!(bad.status, 500);
    assert!(
        server
            .output()
            .contains("Invalid character in header content [\"X-Name\"]"),
        "{}",
        server.output()
    );
}

/// Next 16's `cookies()` and `headers()` are plain Promises: synchronous `.get()` is gone
/// (Next 15 still allowed it with a warning), so code must `await` them.
#[test]
fn next_headers_are_promises_only() {
    let dir = tempfile::tempdir().unwrap();
    let route = dir.path().join("app/api/jar");
    std::fs::create_dir_all(&route).unwrap();
    std::fs::write(
        route.join("route.js"),
        "import { cookies, headers } from 'next/headers'\n\
         export async function GET() {\n\
           const pending = cookies()\n\
           const sync = [typeof pending.get, typeof headers().get, pending instanceof Promise]\n\
           const value = (await cookies()).get('a')?.value\n\
           const header = (await headers()).get('x-h')\n\
           return Response.json({ sync, value, header })\n\
         }\n",
    )
    .unwrap();
    let server = Server::start(dir.path());
    let response = server.send(
        "GET",
        "/api/jar",
        &[("cookie", "a=1"), ("x-h", "yes")],
        None,
        Duration::from_secs(10),
    );
    let body: serde_json::Value = serde_json::from_str(&response.body_text()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "sync": ["undefined", "undefined", true], "value": "1", "header": "yes" })
    );
}
