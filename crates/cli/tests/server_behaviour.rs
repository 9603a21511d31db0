//! Server behaviour the differential corpus (compare.mjs) cannot see, because it records
//! one finished response per case: timing, concurrency, overload, budgets and limits, and
//! the command line's own errors. Each test starts the real `apiroutes` binary on the
//! fixture project `tests/fixtures/behaviour` and talks to it over real sockets.
//!
//! Most servers here run with `--workers 1`, so that "the worker goes on serving" is
//! about the very worker that hit the problem, not a sibling that happened to take the
//! next connection.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use support::{node_request_bytes, raw_request, RawResponse, Server};

/// Upper bound for one ordinary exchange; generous so a loaded CI machine does not flake.
const TIMEOUT: Duration = Duration::from_secs(10);

fn fixture() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/behaviour")
}

fn start(args: &[&str]) -> Server {
    Server::start_with_args(&fixture(), args)
}

fn get_within(server: &Server, path: &str, timeout: Duration) -> RawResponse {
    let host = format!("127.0.0.1:{}", server.port);
    raw_request(
        server.addr(),
        &node_request_bytes("GET", path, &host, &[], None),
        timeout,
    )
}

fn get(server: &Server, path: &str) -> RawResponse {
    get_within(server, path, TIMEOUT)
}

/// Asserts the worker still answers an ordinary request.
fn assert_serves(server: &Server, context: &str) {
    let response = get(server, "/api/ok");
    assert!(
        !response.timed_out && response.error.is_none(),
        "{context}: no answer from /api/ok: {response:?}\nserver output:\n{}",
        server.output()
    );
    assert_eq!(response.status, 200, "{context}: {response:?}");
    assert_eq!(response.body_text(), r#"{"ok":true}"#, "{context}");
}

/// Asserts Next's 500 for a failed handler: reason and body "Internal Server Error".
fn assert_internal_error(response: &RawResponse, context: &str) {
    assert!(
        !response.timed_out && response.error.is_none(),
        "{context}: no complete answer: {response:?}"
    );
    assert_eq!(response.status, 500, "{context}: {response:?}");
    assert_eq!(response.reason, "Internal Server Error", "{context}");
    assert_eq!(response.body_text(), "Internal Server Error", "{context}");
}

// ---------------------------------------------------------------------------------------
// (a) res.write is streamed

#[test]
fn res_write_chunks_reach_the_client_as_written() {
    let server = start(&["--workers", "1"]);
    // Load and compile the handler first, so its first run is not what gets timed.
    assert_eq!(get(&server, "/api/stream").status, 200);

    let mut socket = TcpStream::connect(server.addr()).expect("connect");
    socket.set_nodelay(true).expect("nodelay");
    socket
        .write_all(
            format!(
                "GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                server.port
            )
            .as_bytes(),
        )
        .expect("send request");
    let sent = Instant::now();
    let deadline = sent + TIMEOUT;
    let mut received = Vec::new();
    let mut first_at = None;
    let mut second_at = None;
    let mut second_present_with_first = false;
    let mut buffer = [0u8; 4096];
    while Instant::now() < deadline {
        let remaining = deadline.saturating_duration_since(Instant::now());
        socket
            .set_read_timeout(Some(remaining.max(Duration::from_millis(1))))
            .expect("read timeout");
        match socket.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                received.extend_from_slice(&buffer[..n]);
                let text = String::from_utf8_lossy(&received).into_owned();
                if first_at.is_none() && text.contains("first;") {
                    first_at = Some(sent.elapsed());
                    second_present_with_first = text.contains("second;");
                }
                if second_at.is_none() && text.contains("second;") {
                    second_at = Some(sent.elapsed());
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => break,
            Err(e) => panic!("read failed: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&received).into_owned();
    assert!(
        text.starts_with("HTTP/1.1 200 OK\r\n"),
        "unexpected response: {text:?}"
    );
    assert!(
        text.to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "a streamed body is chunked: {text:?}"
    );
    let (Some(first_at), Some(second_at)) = (first_at, second_at) else {
        panic!("both chunks should arrive: {text:?}");
    };
    assert!(
        !second_present_with_first,
        "the first chunk was held back until the second was written: {text:?}"
    );
    // The handler waits 200 ms between its writes; the first chunk must not wait with it.
    assert!(
        second_at.saturating_sub(first_at) >= Duration::from_millis(150),
        "chunks arrived {first_at:?} and {second_at:?} after the request: the first was not sent as written"
    );
    assert!(text.ends_with("0\r\n\r\n"), "the stream ends: {text:?}");
    let first = text.find("first;").unwrap_or(usize::MAX);
    let second = text.find("second;").unwrap_or(0);
    let end = text.rfind("end").unwrap_or(0);
    assert!(first < second && second < end, "order of chunks: {text:?}");
}

// ---------------------------------------------------------------------------------------
// (b) many requests in flight on one worker

#[test]
fn a_hundred_timer_requests_overlap_on_one_worker() {
    let server = start(&["--workers", "1"]);
    assert_eq!(get(&server, "/api/timer").status, 200, "warm-up");

    let started = Instant::now();
    let responses: Vec<RawResponse> = thread::scope(|scope| {
        let handles: Vec<_> = (0..100)
            .map(|_| scope.spawn(|| get(&server, "/api/timer")))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("request thread"))
            .collect()
    });
    let elapsed = started.elapsed();
    for response in &responses {
        assert_eq!(response.status, 200, "{response:?}");
        assert_eq!(response.body_text(), r#"{"waited":100}"#);
    }
    // One after another they would take 10 s; overlapping, about 100 ms plus overhead.
    println!("100 concurrent 100 ms timer requests on one worker took {elapsed:?}");
    assert!(
        elapsed < Duration::from_millis(800),
        "100 concurrent requests took {elapsed:?}, expected well under a second"
    );
}

// ---------------------------------------------------------------------------------------
// (c) a full worker answers 503

#[test]
fn a_full_worker_answers_503() {
    let server = start(&["--workers", "1", "--max-in-flight", "2"]);
    assert_serves(&server, "before filling the worker");
    let hold_open = Duration::from_millis(2500);
    thread::scope(|scope| {
        let hanging: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| get_within(&server, "/api/hang", hold_open)))
            .collect();
        // Let both hanging requests reach their handler and take the two slots.
        thread::sleep(Duration::from_millis(500));
        let refused = get(&server, "/api/ok");
        assert_eq!(refused.status, 503, "{refused:?}");
        assert_eq!(refused.reason, "Service Unavailable");
        assert_eq!(refused.header("retry-after"), Some("1"));
        for handle in hanging {
            let response = handle.join().expect("request thread");
            assert!(response.timed_out, "hang.js answered: {response:?}");
        }
    });
}

#[test]
fn slots_of_abandoned_hanging_requests_are_freed() {
    // The clients of two never-answering requests give up and close their connections:
    // as Node does when the socket closes, the server must forget those requests, or a
    // worker would stay full (503) forever after max-in-flight such requests.
    let server = start(&["--workers", "1", "--max-in-flight", "2"]);
    thread::scope(|scope| {
        let hanging: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| get_within(&server, "/api/hang", Duration::from_millis(700))))
            .collect();
        for handle in hanging {
            assert!(handle.join().expect("request thread").timed_out);
        }
    });
    // The connections are closed now; allow a moment for the server to notice.
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut last = get(&server, "/api/ok");
    while last.status != 200 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(100));
        last = get(&server, "/api/ok");
    }
    assert_eq!(
        last.status, 200,
        "the worker stayed full after its hanging clients left: {last:?}"
    );
}

// ---------------------------------------------------------------------------------------
// (d) the CPU budget

#[test]
fn cpu_budget_interrupts_an_infinite_loop_and_the_worker_goes_on() {
    let server = start(&["--workers", "1", "--cpu-budget", "0.5"]);
    for round in 1..=2 {
        let asked = Instant::now();
        let response = get(&server, "/api/busy-loop");
        let waited = asked.elapsed();
        assert_internal_error(&response, &format!("busy loop, round {round}"));
        assert!(
            waited >= Duration::from_millis(400) && waited < Duration::from_secs(5),
            "interrupted after {waited:?}, expected about the 0.5 s budget"
        );
        assert_serves(&server, &format!("after the busy loop, round {round}"));
    }
}

// ---------------------------------------------------------------------------------------
// (e) a handler that never answers

#[test]
fn a_never_answering_handler_stays_open_while_others_are_served() {
    let server = start(&["--workers", "1"]);
    let hold_open = Duration::from_millis(2000);
    let started = Instant::now();
    thread::scope(|scope| {
        let hanging = scope.spawn(|| get_within(&server, "/api/hang", hold_open));
        thread::sleep(Duration::from_millis(300));
        for _ in 0..5 {
            assert_serves(&server, "while a request hangs");
        }
        assert!(
            started.elapsed() < hold_open,
            "the other requests took until the hanging one gave up"
        );
        let response = hanging.join().expect("request thread");
        assert!(response.timed_out, "hang.js was answered: {response:?}");
    });
}

#[test]
fn max_duration_turns_a_hang_into_504() {
    let server = start(&["--workers", "1", "--max-duration", "1"]);
    let asked = Instant::now();
    let response = get(&server, "/api/hang");
    let waited = asked.elapsed();
    assert!(!response.timed_out, "no 504 within {TIMEOUT:?}");
    assert_eq!(response.status, 504, "{response:?}");
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "504 after {waited:?}, expected about one second"
    );
    // Handlers that do answer in time are not affected.
    assert_serves(&server, "after a 504");
    let timer = get(&server, "/api/timer");
    assert_eq!(timer.status, 200, "{timer:?}");
}

// ---------------------------------------------------------------------------------------
// (f) handlers that throw or reject

#[test]
fn a_throwing_handler_gives_500_and_the_worker_goes_on() {
    let server = start(&["--workers", "1"]);
    for round in 1..=2 {
        let response = get(&server, "/api/throw-sync");
        assert_internal_error(&response, "synchronous throw");
        // Next keeps headers the handler set before throwing, and adds no content type.
        assert_eq!(response.header("x-set-before-throw"), Some("kept"));
        assert_eq!(response.header("content-type"), None);
        assert!(!response.body_text().contains("secret"));
        assert_serves(&server, &format!("after a throw, round {round}"));
    }
}

#[test]
fn a_rejecting_handler_gives_500_and_the_worker_goes_on() {
    let server = start(&["--workers", "1"]);
    for round in 1..=2 {
        let response = get(&server, "/api/reject-async");
        assert_internal_error(&response, "rejected promise");
        // As Next, the error is logged (so the 500 is the handler's, not a load failure).
        assert!(
            server.output().contains("secret detail"),
            "the rejection was not logged:\n{}",
            server.output()
        );
        assert!(!response.body_text().contains("secret"));
        assert_serves(&server, &format!("after a rejection, round {round}"));
    }
}

// ---------------------------------------------------------------------------------------
// (g) the memory limit

#[test]
fn exhausting_memory_gives_500_and_the_worker_recovers() {
    let server = start(&["--workers", "1", "--memory-limit-mb", "32"]);
    assert_serves(&server, "before exhausting memory");
    for round in 1..=3 {
        let response = get(&server, "/api/exhaust-memory");
        assert_internal_error(&response, &format!("out of memory, round {round}"));
        // The 500 must come from the heap limit, not from some other failure.
        assert!(
            server.output().contains("out of memory"),
            "the server did not report running out of memory:\n{}",
            server.output()
        );
        assert_serves(
            &server,
            &format!("after running out of memory, round {round}"),
        );
        let timer = get(&server, "/api/timer");
        assert_eq!(timer.status, 200, "timers after round {round}: {timer:?}");
    }
}

// ---------------------------------------------------------------------------------------
// (h) the command line

/// Runs `apiroutes ARGS`, killing it if it has not exited within `limit`.
fn run_cli(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn apiroutes");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("poll child").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().expect("reap child");
            panic!(
                "apiroutes {args:?} was still running after {limit:?}; stderr:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect output")
}

fn non_empty_lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_missing_project_dir_is_one_clear_line_and_a_failure() {
    let missing =
        std::env::temp_dir().join(format!("apiroutes-no-such-project-{}", std::process::id()));
    let missing_text = missing.to_string_lossy().into_owned();
    for command in ["start", "dev"] {
        let output = run_cli(
            &[command, &missing_text, "--port", "0"],
            Duration::from_secs(20),
        );
        assert!(!output.status.success(), "{command}: exited successfully");
        let lines = non_empty_lines(&output.stderr);
        assert_eq!(
            lines.len(),
            1,
            "{command}: expected one line, got {lines:?}"
        );
        assert!(
            lines[0].contains(&missing_text) && lines[0].contains("does not exist"),
            "{command}: unclear error: {lines:?}"
        );
        assert!(
            output.stdout.is_empty(),
            "{command}: nothing on stdout: {:?}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn a_port_in_use_is_one_clear_line_naming_the_port() {
    let taken = TcpListener::bind(("127.0.0.1", 0)).expect("bind a port");
    let port = taken.local_addr().expect("local addr").port().to_string();
    let dir = fixture();
    let output = run_cli(
        &[
            "start",
            &dir.to_string_lossy(),
            "--port",
            &port,
            "--hostname",
            "127.0.0.1",
        ],
        Duration::from_secs(20),
    );
    drop(taken);
    assert!(!output.status.success(), "started on a taken port");
    let lines = non_empty_lines(&output.stderr);
    let errors: Vec<&String> = lines.iter().filter(|l| l.contains("error")).collect();
    assert_eq!(errors.len(), 1, "expected one error line, got {lines:?}");
    assert!(
        errors[0].contains(&port) && errors[0].contains("in use"),
        "the error should name port {port}: {lines:?}"
    );
}

/// A fresh empty directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "apiroutes-{name}-{}-{:?}",
            std::process::id(),
            thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_project_without_routes_starts_with_a_warning() {
    let empty = TempDir::new("empty-project");
    // A pages/ folder without api/ still has no API routes.
    std::fs::create_dir_all(empty.path().join("pages")).expect("create pages/");
    let server = Server::start_with_args(empty.path(), &["--workers", "1"]);
    let response = get(&server, "/api/anything");
    assert_eq!(response.status, 404, "{response:?}");
    let output = server.output();
    let warning = output
        .lines()
        .find(|line| line.contains("no routes"))
        .unwrap_or_else(|| panic!("no warning about missing routes in:\n{output}"));
    assert!(warning.contains("WARN"), "not a warning: {warning}");
    assert!(
        output.contains("ready on http://127.0.0.1:"),
        "the server says where it listens: {output}"
    );
}
