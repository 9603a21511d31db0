//! Crash regressions and the concurrency stress test of the streaming and async APIs.
//!
//! Each test starts the real server on `tests/fixtures/platform-stress` and drives it from
//! many client threads; the server must answer every request as the handler intends and
//! still be running at the end. A local upstream HTTP server (plain threads) stands in
//! for the sites handlers `fetch`.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use support::Server;

fn stress_app() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/platform-stress")
}

/// A tiny HTTP/1.1 upstream: `/slow` holds the connection for two seconds before it
/// answers, anything else answers at once with `UPSTREAM_BODY_BYTES` bytes.
struct Upstream {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

const UPSTREAM_BODY_BYTES: usize = 2000;

impl Upstream {
    fn start() -> Upstream {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind upstream");
        let addr = listener.local_addr().expect("upstream address");
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                thread::spawn(move || {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        match stream.read(&mut byte) {
                            Ok(1) => head.push(byte[0]),
                            _ => return,
                        }
                    }
                    let text = String::from_utf8_lossy(&head);
                    if text.starts_with("GET /slow") {
                        thread::sleep(Duration::from_secs(2));
                    }
                    let body = "x".repeat(UPSTREAM_BODY_BYTES);
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                });
            }
        });
        Upstream { addr, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = std::net::TcpStream::connect(self.addr);
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `fetch(url, { signal: AbortSignal.timeout(100) })` used LLRT's timers, which are never
/// initialised here: the first such request crashed the whole server with SIGSEGV.
#[test]
fn fetch_with_abort_signal_timeout_fails_only_that_request() {
    let upstream = Upstream::start();
    let mut server = Server::start_with_args(&stress_app(), &["--workers", "1"]);
    let path = format!(
        "/api/fetch-timeout?ms=100&url={}",
        encode(&upstream.url("/slow"))
    );
    let clients: Vec<_> = (0..10)
        .map(|_| {
            let addr = server.addr();
            let path = path.clone();
            thread::spawn(move || {
                let request =
                    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                support::raw_request(addr, request.as_bytes(), Duration::from_secs(10))
            })
        })
        .collect();
    for client in clients {
        let response = client.join().expect("client thread");
        assert_eq!(response.status, 200, "{response:?}");
        let body = response.body_text();
        assert!(body.contains(r#""outcome":"failed""#), "{body}");
        assert!(body.contains(r#""name":"TimeoutError""#), "{body}");
    }
    assert!(server.is_running(), "server died:\n{}", server.output());
    let after = server.send(
        "GET",
        "/api/abort-signal",
        &[],
        None,
        Duration::from_secs(5),
    );
    assert_eq!(after.status, 200, "{after:?}");
    assert_eq!(
        after.body_text(),
        r#"{"aborted":true,"name":"TimeoutError"}"#
    );
}

/// Node's fetch rejects an unreachable address with `TypeError: fetch failed` whose
/// `cause` carries the system error code; never a made-up response.
#[test]
fn fetch_to_a_closed_port_is_node_s_fetch_failed() {
    let closed = {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        listener.local_addr().expect("address")
    };
    let server = Server::start_with_args(&stress_app(), &["--workers", "1"]);
    let path = format!(
        "/api/fetch-fail?url={}",
        encode(&format!("http://{closed}/"))
    );
    let response = server.send("GET", &path, &[], None, Duration::from_secs(10));
    assert_eq!(response.status, 200, "{response:?}");
    let body = response.body_text();
    assert!(body.contains(r#""message":"fetch failed""#), "{body}");
    assert!(body.contains(r#""isTypeError":true"#), "{body}");
    assert!(body.contains(r#""code":"ECONNREFUSED""#), "{body}");
}

/// `for await (const chunk of req)` crashed the server under 5+ concurrent clients: the
/// engine's cycle collector freed the promise `resolve` that readable-stream's async
/// iterator keeps in a closure variable of its suspended async generator (CVE-2023-48184,
/// fixed by vendor/rquickjs-sys/patches/0001).
#[test]
fn for_await_over_req_survives_concurrent_clients() {
    let mut server = Server::start_with_args(&stress_app(), &["--workers", "1"]);
    let body = vec![b'a'; 3000];
    run_clients(&server, 20, 40, move |_| {
        (
            "POST".to_string(),
            "/api/for-await".to_string(),
            Some(body.clone()),
            r#"{"bytes":3000,"#.to_string(),
        )
    });
    assert!(server.is_running(), "server died:\n{}", server.output());
}

/// Every streaming and async API at once, 50 concurrent clients on one worker.
#[test]
fn every_streaming_api_under_fifty_concurrent_clients() {
    let upstream = Upstream::start();
    let mut server = Server::start_with_args(&stress_app(), &["--workers", "1"]);
    let fast = encode(&upstream.url("/fast"));
    let slow = encode(&upstream.url("/slow"));
    let body = vec![b'b'; 5000];
    run_clients(&server, 50, 16, move |index| {
        let with_body = |path: &str, expect: &str| {
            (
                "POST".to_string(),
                path.to_string(),
                Some(body.clone()),
                expect.to_string(),
            )
        };
        let get = |path: String, expect: &str| ("GET".to_string(), path, None, expect.to_string());
        match index % 8 {
            0 => with_body("/api/for-await", r#"{"bytes":5000,"#),
            1 => with_body("/api/on-data", r#"{"bytes":5000}"#),
            2 => with_body("/api/pipeline", &"B".repeat(5000)),
            3 => with_body("/api/async-iterator", r#"{"bytes":5000}"#),
            4 => get(
                "/api/web-stream".into(),
                r#"{"text":"PART0;PART1;PART2;PART3;PART4;","sum":10}"#,
            ),
            5 => get(
                format!("/api/fetch-body?url={fast}"),
                &format!(r#"{{"bytes":{UPSTREAM_BODY_BYTES},"text":{UPSTREAM_BODY_BYTES}}}"#),
            ),
            6 => get(
                "/api/abort-signal".into(),
                r#"{"aborted":true,"name":"TimeoutError"}"#,
            ),
            _ => get(
                format!("/api/fetch-timeout?ms=50&url={slow}"),
                r#""name":"TimeoutError""#,
            ),
        }
    });
    assert!(server.is_running(), "server died:\n{}", server.output());
}

/// Runs `clients` threads that each send `rounds` requests made by `make(index)`
/// (method, path, body, text the answer must contain) and checks every answer is a 200
/// containing that text.
fn run_clients<F>(server: &Server, clients: usize, rounds: usize, make: F)
where
    F: Fn(usize) -> (String, String, Option<Vec<u8>>, String) + Send + Sync + 'static,
{
    let make = Arc::new(make);
    let addr = server.addr();
    let threads: Vec<_> = (0..clients)
        .map(|client| {
            let make = make.clone();
            thread::spawn(move || {
                let mut failures = Vec::new();
                for round in 0..rounds {
                    let (method, path, body, expect) = make(client * rounds + round);
                    let request = support::node_request_bytes(
                        &method,
                        &path,
                        "localhost",
                        &[],
                        body.as_deref(),
                    );
                    let response = support::raw_request(addr, &request, Duration::from_secs(20));
                    if response.status != 200 || !response.body_text().contains(&expect) {
                        failures.push(format!(
                            "{method} {path}: {} {:?} {:?}",
                            response.status,
                            response.error,
                            response.body_text()
                        ));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .flat_map(|thread| thread.join().expect("client thread"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} requests failed; first: {:?}\nserver output:\n{}",
        failures.len(),
        clients * rounds,
        failures.first(),
        server.output()
    );
}

/// A Rust panic inside a worker (behind the test-only switch) fails that worker's
/// requests in flight with 500; the worker is rebuilt and the next request is served.
#[test]
fn a_panic_fails_the_worker_s_requests_and_the_worker_is_rebuilt() {
    let mut server = Server::start_with_env(
        &stress_app(),
        &["--workers", "1"],
        &[("APIROUTES_TEST_HOOKS", "1")],
    );
    for place in ["native", "driver"] {
        let addr = server.addr();
        let in_flight = thread::spawn(move || {
            support::raw_request(
                addr,
                b"GET /api/slow?ms=1500 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                Duration::from_secs(10),
            )
        });
        thread::sleep(Duration::from_millis(300));
        let crashed = server.send(
            "GET",
            &format!("/api/panic?where={place}"),
            &[],
            None,
            Duration::from_secs(10),
        );
        assert_eq!(crashed.status, 500, "{place}: {crashed:?}");
        let in_flight = in_flight.join().expect("in-flight client");
        assert_eq!(
            in_flight.status, 500,
            "{place}: the request in flight: {in_flight:?}"
        );
        let after = server.send("GET", "/api/slow?ms=10", &[], None, Duration::from_secs(10));
        assert_eq!(after.status, 200, "{place}: after the rebuild: {after:?}");
        assert!(
            server.is_running(),
            "{place}: server died:\n{}",
            server.output()
        );
        assert!(
            server.output().contains("worker rebuilt after a crash"),
            "{place}: {}",
            server.output()
        );
    }
}

/// Without the switch the crash hooks do not exist: user code cannot reach them.
#[test]
fn the_crash_switches_exist_only_in_tests() {
    let server = Server::start_with_args(&stress_app(), &["--workers", "1"]);
    let response = server.send("GET", "/api/panic", &[], None, Duration::from_secs(10));
    assert_eq!(response.status, 500);
    assert!(
        server.output().contains("TypeError: not a function"),
        "{}",
        server.output()
    );
}

/// `process.exit(1)` (and abort, and kill of our own pid) in a handler ended the server;
/// now only that request fails (500), even when the handler catches the error.
#[test]
fn process_exit_in_a_handler_fails_only_that_request() {
    let mut server =
        Server::start_with_args(&stress_app(), &["--workers", "1", "--cpu-budget", "2"]);
    for how in ["exit", "abort", "kill"] {
        let response = server.send(
            "GET",
            &format!("/api/exit?how={how}"),
            &[],
            None,
            Duration::from_secs(10),
        );
        assert_eq!(response.status, 500, "{how}: {response:?}");
        assert!(
            server.is_running(),
            "{how}: server died:\n{}",
            server.output()
        );
        let after = server.send("GET", "/api/slow?ms=1", &[], None, Duration::from_secs(5));
        assert_eq!(after.status, 200, "{how}: {after:?}");
    }
    assert!(
        server.output().contains("was called by a handler"),
        "{}",
        server.output()
    );
}

/// `new Request(url, { signal })` with a listener on that signal, then a garbage
/// collection: LLRT's Request kept a second JS object sharing the signal's listener list,
/// the cycle collector decremented each listener twice, and QuickJS aborted
/// (`gc_decref_child: Assertion 'p->ref_count > 0'`, SIGABRT). tRPC's Node adapter does
/// exactly this on every request. Fixed in `vendor/llrt_fetch` (see its APIROUTES.md).
#[test]
fn request_with_a_listened_signal_survives_gc() {
    let dir = std::env::temp_dir().join(format!("apiroutes-crash-signal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("signal.mjs");
    std::fs::write(
        &file,
        "const ac = new AbortController()\n\
         const request = new Request('http://x/', { signal: ac.signal, method: 'POST', body: 'b' })\n\
         ac.signal.addEventListener('abort', () => {})\n\
         const combined = AbortSignal.any([request.signal, new AbortController().signal])\n\
         let keep = []\n\
         for (let i = 0; i < 300000; i++) { const a = { i }; a.self = { a }; keep.push(a); if (keep.length > 1000) keep = [] }\n\
         ac.abort()\n\
         console.log(request.clone().method, request.signal.aborted, combined.aborted)\n",
    )
    .expect("write script");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("run")
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("apiroutes run");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "{:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "POST true true\n");
}
