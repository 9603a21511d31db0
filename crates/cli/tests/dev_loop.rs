//! `apiroutes dev`'s watch and reload, on a temporary copy of `tests/fixtures/dev-loop`
//! edited while the real binary serves it: route and imported-module edits, new and
//! deleted routes, a syntax error (answered with its code frame while the other routes
//! keep serving) then its fix, `.env` edits, a change the server cannot start with (the
//! previous version keeps serving), a request in flight across a reload, the
//! port fallback, the request log line, refused option values, and `start` never sending
//! the error to the client.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::Server;

/// How long a saved change may take to be served before the test fails.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(10);

fn fixture() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/dev-loop")
}

/// A fresh copy of the fixture, served by `apiroutes dev`.
fn dev_project(extra_args: &[&str]) -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&fixture(), dir.path());
    let server = Server::dev(dir.path(), extra_args);
    (dir, server)
}

fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let response = server.send("GET", path, headers, None, Duration::from_secs(10));
    (response.status, response.body_text())
}

/// Polls `path` until its answer satisfies `done`; returns it and how long it took.
fn wait_for(
    server: &Server,
    path: &str,
    done: impl Fn(u16, &str) -> bool,
) -> ((u16, String), Duration) {
    let started = Instant::now();
    loop {
        let (status, body) = get(server, path, &[]);
        if done(status, &body) {
            return ((status, body), started.elapsed());
        }
        if started.elapsed() > RELOAD_TIMEOUT {
            panic!(
                "{path} still answers {status} {body} after {RELOAD_TIMEOUT:?}; server output:\n{}",
                server.output()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_edited_route_is_live_for_the_next_request() {
    let (dir, server) = dev_project(&[]);
    assert_eq!(
        get(&server, "/api/hello", &[]),
        (200, r#"{"message":"v1"}"#.into())
    );
    write(
        dir.path(),
        "pages/api/hello.js",
        "export default function handler(req, res) { res.json({ message: 'v2' }); }\n",
    );
    let (_, took) = wait_for(&server, "/api/hello", |status, body| {
        status == 200 && body.contains("v2")
    });
    eprintln!("save -> first response from the new code: {took:?}");
    assert!(
        server.output().contains("reloaded in"),
        "{}",
        server.output()
    );
}

#[test]
fn an_edited_imported_module_is_live() {
    let (dir, server) = dev_project(&[]);
    assert_eq!(get(&server, "/api/greet", &[]).1, r#"{"greeting":"hello"}"#);
    write(
        dir.path(),
        "lib/greeting.ts",
        "export const greeting: string = 'hi';\n",
    );
    wait_for(&server, "/api/greet", |_, body| body.contains(r#""hi""#));
}

#[test]
fn new_and_deleted_routes_update_the_route_table() {
    let (dir, server) = dev_project(&[]);
    assert_eq!(get(&server, "/api/fresh", &[]).0, 404);
    write(
        dir.path(),
        "app/api/fresh/route.ts",
        "export function GET() { return new Response('fresh'); }\n",
    );
    wait_for(&server, "/api/fresh", |status, body| {
        status == 200 && body == "fresh"
    });
    std::fs::remove_file(dir.path().join("pages/api/hello.js")).unwrap();
    wait_for(&server, "/api/hello", |status, _| status == 404);
    // The other routes were never interrupted.
    assert_eq!(get(&server, "/api/greet", &[]).0, 200);
}

#[test]
fn a_syntax_error_answers_its_route_with_the_code_frame_until_it_is_fixed() {
    let (dir, server) = dev_project(&[]);
    write(
        dir.path(),
        "pages/api/hello.js",
        "export default function handler(req, res) {\n  res.json({ message: 'v3' ;\n}\n",
    );
    wait_for(&server, "/api/hello", |status, _| status == 500);
    // JSON for clients that ask for it: the file, line and column, and the code frame.
    let (status, body) = get(&server, "/api/hello", &[("accept", "application/json")]);
    assert_eq!(status, 500);
    let error: serde_json::Value = serde_json::from_str(&body).expect(&body);
    let message = error["error"]["message"].as_str().expect(&body);
    assert!(message.contains("hello.js:2:"), "{message}");
    assert!(message.contains("res.json({ message: 'v3' ;"), "{message}");
    // An HTML page for browsers.
    let response = server.send(
        "GET",
        "/api/hello",
        &[("accept", "text/html,application/xhtml+xml")],
        None,
        Duration::from_secs(10),
    );
    assert_eq!(response.status, 500);
    assert!(response
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let page = response.body_text();
    assert!(
        page.contains("<pre>") && page.contains("hello.js:2:"),
        "{page}"
    );
    // Every other route keeps serving meanwhile.
    assert_eq!(
        get(&server, "/api/greet", &[]),
        (200, r#"{"greeting":"hello"}"#.into())
    );
    // The terminal shows the code frame once for this change, however many requests.
    let frames = server
        .output()
        .matches("res.json({ message: 'v3' ;")
        .count();
    assert_eq!(frames, 1, "{}", server.output());
    write(
        dir.path(),
        "pages/api/hello.js",
        "export default function handler(req, res) { res.json({ message: 'v4' }); }\n",
    );
    wait_for(&server, "/api/hello", |status, body| {
        status == 200 && body.contains("v4")
    });
}

#[test]
fn an_edited_env_file_is_read_again() {
    let (dir, server) = dev_project(&[]);
    assert_eq!(get(&server, "/api/env", &[]).1, r#"{"secret":"one"}"#);
    write(dir.path(), ".env", "SECRET=two\n");
    wait_for(&server, "/api/env", |_, body| body == r#"{"secret":"two"}"#);
}

#[test]
fn a_request_in_flight_during_a_reload_completes_with_the_old_code() {
    let (dir, server) = dev_project(&[]);
    let addr = server.addr();
    let slow = std::thread::spawn(move || {
        let request =
            support::node_request_bytes("GET", "/api/slow?ms=1500", &addr.to_string(), &[], None);
        support::raw_request(addr, &request, Duration::from_secs(20))
    });
    std::thread::sleep(Duration::from_millis(300));
    let source = std::fs::read_to_string(dir.path().join("pages/api/slow.js")).unwrap();
    write(
        dir.path(),
        "pages/api/slow.js",
        &source.replace("\"old\"", "\"new\""),
    );
    wait_for(&server, "/api/slow?ms=0", |_, body| body.contains("new"));
    let answered = slow.join().unwrap();
    assert_eq!(answered.status, 200, "{answered:?}\n{}", server.output());
    assert_eq!(answered.body_text(), r#"{"version":"old"}"#);
}

#[test]
fn each_request_gets_a_log_line_unless_quiet() {
    let (_dir, server) = dev_project(&[]);
    get(&server, "/api/hello?x=1", &[]);
    get(&server, "/api/missing", &[]);
    let output = server.output();
    let line = |method_path: &str, status: u16| {
        output.lines().any(|line| {
            line.strip_prefix(&format!("{method_path} {status} in "))
                .and_then(|rest| rest.strip_suffix("ms"))
                .is_some_and(|millis| millis.parse::<u64>().is_ok())
        })
    };
    assert!(line("GET /api/hello?x=1", 200), "{output}");
    assert!(line("GET /api/missing", 404), "{output}");
    assert!(
        !output.contains('\x1b'),
        "not a terminal: no colour\n{output}"
    );

    let (_dir, quiet) = dev_project(&["--quiet"]);
    get(&quiet, "/api/hello", &[]);
    assert!(
        !quiet.output().contains("GET /api/hello"),
        "{}",
        quiet.output()
    );
}

#[test]
fn dev_moves_to_the_next_port_when_its_port_is_taken_and_start_refuses() {
    let taken = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let log = tempfile::NamedTempFile::new().unwrap();
    // One open file for both streams: they share its offset.
    let file = log.reopen().unwrap();
    let mut dev = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("dev")
        .arg(fixture())
        .args(["--port", &port.to_string(), "--hostname", "127.0.0.1"])
        .stdout(Stdio::from(file.try_clone().unwrap()))
        .stderr(Stdio::from(file))
        .spawn()
        .unwrap();
    let expected = format!("Port {port} is in use, trying {} instead.", port + 1);
    let started = Instant::now();
    let (output, served_port) = loop {
        let output = std::fs::read_to_string(log.path()).unwrap();
        // (Another test may hold the next port too: then dev moves on once more.)
        let served = output
            .split("ready on http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|port| port.parse::<u16>().ok());
        if served.is_some() || started.elapsed() > RELOAD_TIMEOUT {
            break (output, served);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let answer = served_port.map(|served| {
        support::raw_request(
            ([127, 0, 0, 1], served).into(),
            b"GET /api/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            Duration::from_secs(10),
        )
    });
    let _ = dev.kill();
    let _ = dev.wait();
    assert!(output.contains(&expected), "{output}");
    assert!(served_port.is_some_and(|served| served > port), "{output}");
    assert_eq!(answer.map(|a| a.status), Some(200), "{output}");

    let start = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("start")
        .arg(fixture())
        .args(["--port", &port.to_string(), "--hostname", "127.0.0.1"])
        .output()
        .unwrap();
    assert!(!start.status.success());
    let stderr = String::from_utf8_lossy(&start.stderr);
    assert!(
        stderr.contains(&format!("port {port} is already in use")),
        "{stderr}"
    );
    drop(taken);
}

#[test]
fn impossible_option_values_are_refused_with_one_line() {
    for args in [
        ["--workers", "0"],
        ["--max-in-flight", "0"],
        ["--memory-limit-mb", "1"],
        ["--max-connections", "0"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
            .arg("dev")
            .arg(fixture())
            .args(["--port", "0", "--hostname", "127.0.0.1"])
            .args(args)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(lines.len(), 1, "{args:?}: {stderr}");
        assert!(lines[0].contains(args[0]), "{args:?}: {stderr}");
    }
}

#[test]
fn start_never_sends_the_error_of_a_broken_route() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&fixture(), dir.path());
    write(
        dir.path(),
        "pages/api/hello.js",
        "export default function handler(req, res) {\n  res.json({ message: 'v3' ;\n}\n",
    );
    let server = Server::start(dir.path());
    for accept in ["application/json", "text/html"] {
        let (status, body) = get(&server, "/api/hello", &[("accept", accept)]);
        assert_eq!((status, body.as_str()), (500, "Internal Server Error"));
    }
    assert!(server.output().contains("hello.js:2:"), "the log has it");
}

#[test]
fn a_change_the_server_cannot_start_with_keeps_the_previous_version_serving() {
    let (dir, server) = dev_project(&[]);
    write(
        dir.path(),
        "next.config.js",
        "module.exports = () => { throw new Error('broken config'); };\n",
    );
    let started = Instant::now();
    while !server.output().contains("reload failed") {
        assert!(started.elapsed() < RELOAD_TIMEOUT, "{}", server.output());
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        server.output().contains("broken config"),
        "{}",
        server.output()
    );
    assert_eq!(
        get(&server, "/api/hello", &[]),
        (200, r#"{"message":"v1"}"#.into())
    );
    // Fixed: the next change is served again.
    std::fs::remove_file(dir.path().join("next.config.js")).unwrap();
    write(
        dir.path(),
        "pages/api/hello.js",
        "export default function handler(req, res) { res.json({ message: 'v5' }); }\n",
    );
    wait_for(&server, "/api/hello", |status, body| {
        status == 200 && body.contains("v5")
    });
}
