//! The life of a server process: graceful shutdown on SIGTERM/SIGINT (requests in flight
//! finish, keep-alive connections are told `Connection: close` or GOAWAY, new connections
//! are refused, a handler that never ends is cut at `--shutdown-timeout`, a second signal
//! exits at once), with and without the supervisor. The app is `tests/fixtures/lifecycle`.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use support::{raw_request, Server};

fn lifecycle_app() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/lifecycle")
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").into_bytes()
}

/// Requests that are in flight when SIGTERM arrives all complete, each told
/// `Connection: close`; a connection opened after the signal is refused; the exit is 0.
fn drains_in_flight_requests(extra: &[&str]) {
    let mut server = Server::start_with_args(&lifecycle_app(), extra);
    let addr = server.addr();
    // A keep-alive connection that is idle at the signal: closed at once.
    let mut idle = TcpStream::connect(addr).expect("connect");
    idle.write_all(&get("/api/ok")).expect("write");
    let mut first = [0u8; 256];
    let n = idle.read(&mut first).expect("first answer");
    assert!(
        String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&first[..n])
    );
    let clients: Vec<_> = (0..8)
        .map(|i| {
            thread::spawn(move || {
                raw_request(
                    addr,
                    &get(&format!("/api/slow?ms={}", 600 + i * 50)),
                    Duration::from_secs(10),
                )
            })
        })
        .collect();
    thread::sleep(Duration::from_millis(250));
    let signalled = Instant::now();
    server.signal(libc::SIGTERM);
    thread::sleep(Duration::from_millis(100));
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err(),
        "a new connection after SIGTERM is refused"
    );
    idle.set_read_timeout(Some(Duration::from_secs(2)))
        .expect("timeout");
    assert_eq!(
        idle.read(&mut first)
            .expect("the idle connection is closed"),
        0,
        "the idle keep-alive connection is closed"
    );
    for (i, client) in clients.into_iter().enumerate() {
        let response = client.join().expect("client thread");
        assert_eq!(response.status, 200, "request {i}: {}", server.output());
        assert_eq!(
            response.body_text(),
            format!("{{\"waited\":{}}}", 600 + i * 50)
        );
        assert_eq!(response.header("connection"), Some("close"), "request {i}");
    }
    let status = server
        .wait_exit(Duration::from_secs(5))
        .expect("the server exits once the requests are done");
    assert_eq!(status.code(), Some(0), "{status:?}: {}", server.output());
    assert!(
        signalled.elapsed() < Duration::from_secs(3),
        "it exits right after the last response, not at the timeout: {:?}",
        signalled.elapsed()
    );
    let output = server.output();
    assert!(
        output.contains("SIGTERM: stopped accepting") && output.contains("shut down cleanly"),
        "{output}"
    );
}

#[test]
fn sigterm_lets_requests_in_flight_finish_under_the_supervisor() {
    drains_in_flight_requests(&[]);
}

#[test]
fn sigterm_lets_requests_in_flight_finish_without_the_supervisor() {
    drains_in_flight_requests(&["--no-supervisor"]);
}

#[test]
fn a_handler_that_never_ends_is_cut_at_the_shutdown_timeout() {
    let mut server = Server::start_with_args(&lifecycle_app(), &["--shutdown-timeout", "1"]);
    let addr = server.addr();
    let hanging = thread::spawn(move || {
        let started = Instant::now();
        let response = raw_request(addr, &get("/api/never"), Duration::from_secs(10));
        (response, started.elapsed())
    });
    thread::sleep(Duration::from_millis(300));
    let signalled = Instant::now();
    server.signal(libc::SIGTERM);
    let status = server
        .wait_exit(Duration::from_secs(5))
        .expect("the server exits at the timeout");
    let waited = signalled.elapsed();
    assert_eq!(status.code(), Some(1), "{status:?}: {}", server.output());
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_millis(2500),
        "cut at about 1 s: {waited:?}"
    );
    let (response, elapsed) = hanging.join().expect("client thread");
    assert_eq!(
        response.status, 0,
        "the connection closed without an answer"
    );
    assert!(!response.timed_out, "closed by the server, not timed out");
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
    assert!(
        server
            .output()
            .contains("1 connection(s) still busy after --shutdown-timeout (1 s): closing them"),
        "{}",
        server.output()
    );
}

#[test]
fn a_second_signal_exits_at_once() {
    for extra in [&[][..], &["--no-supervisor"][..]] {
        let mut server = Server::start_with_args(&lifecycle_app(), extra);
        let addr = server.addr();
        let hanging = thread::spawn(move || {
            raw_request(addr, &get("/api/never"), Duration::from_secs(15));
        });
        thread::sleep(Duration::from_millis(300));
        server.signal(libc::SIGTERM);
        thread::sleep(Duration::from_millis(300));
        assert!(server.is_running(), "still draining: {}", server.output());
        let second = Instant::now();
        server.signal(libc::SIGINT);
        let status = server
            .wait_exit(Duration::from_secs(3))
            .expect("the second signal ends the server");
        assert!(
            second.elapsed() < Duration::from_secs(1),
            "{:?}",
            second.elapsed()
        );
        assert_eq!(
            status.code(),
            Some(128 + libc::SIGINT),
            "{extra:?} {status:?}: {}",
            server.output()
        );
        assert!(
            server.output().contains("SIGINT: exiting now"),
            "{}",
            server.output()
        );
        hanging.join().expect("client thread");
    }
}

#[test]
fn http2_connections_get_goaway_after_their_streams_finish() {
    let mut server = Server::start_with_args(&lifecycle_app(), &[]);
    let port = server.port;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let local_set = tokio::task::LocalSet::new();
    let signaller = &server;
    let (status, body, after) = local_set.block_on(&runtime, async move {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
        let connection = tokio::task::spawn_local(connection);
        let mut client = client.ready().await.expect("h2 ready");
        let request = http::Request::builder()
            .uri(format!("http://127.0.0.1:{port}/api/slow?ms=700"))
            .body(())
            .expect("request");
        let (response, _) = client.send_request(request, true).expect("send");
        tokio::time::sleep(Duration::from_millis(250)).await;
        signaller.signal(libc::SIGTERM);
        let response = response.await.expect("the stream in flight is answered");
        let status = response.status().as_u16();
        let mut body = response.into_body();
        let mut bytes = Vec::new();
        while let Some(chunk) = body.data().await {
            bytes.extend_from_slice(&chunk.expect("data"));
        }
        // GOAWAY: the connection ends without an error, and no new stream is accepted.
        let ended = tokio::time::timeout(Duration::from_secs(3), connection)
            .await
            .expect("the server ends the connection");
        let after = client
            .ready()
            .await
            .and_then(|mut ready| {
                ready.send_request(
                    http::Request::builder()
                        .uri(format!("http://127.0.0.1:{port}/api/ok"))
                        .body(())
                        .expect("request"),
                    true,
                )
            })
            .is_err();
        assert!(matches!(ended, Ok(Ok(()))), "{ended:?}");
        (status, String::from_utf8_lossy(&bytes).into_owned(), after)
    });
    assert_eq!(status, 200);
    assert_eq!(body, "{\"waited\":700}");
    assert!(after, "a new stream after GOAWAY is refused");
    let status = server
        .wait_exit(Duration::from_secs(5))
        .expect("the server exits");
    assert_eq!(status.code(), Some(0), "{}", server.output());
}

#[test]
fn page_files_are_reported_once_at_start_up() {
    let project = project_with(&[
        (
            "pages/index.js",
            "export default function Home() { return null }\n",
        ),
        (
            "pages/_app.js",
            "export default function App() { return null }\n",
        ),
        (
            "app/shop/page.tsx",
            "export default function Shop() { return null }\n",
        ),
        (
            "pages/api/ok.js",
            "export default function handler(req, res) { res.send('ok') }\n",
        ),
    ]);
    let server = Server::start(project.path());
    assert_eq!(
        server
            .send("GET", "/api/ok", &[], None, Duration::from_secs(5))
            .status,
        200
    );
    let output = server.output();
    let line = "1 page(s) in pages/ and 1 App Router page(s) (app/**/page.*): not served";
    assert_eq!(output.matches(line).count(), 1, "{output}");
    assert!(output.contains("`output: 'export'`"), "{output}");

    // With an export in out/, the pages are served from it, and start-up says so.
    let exported = Server::start(&lifecycle_app());
    let output = exported.output();
    assert!(
        output.contains("2 page(s) in pages/ and 1 App Router page(s) (app/**/page.*): not rendered by apiroutes; the static export in"),
        "{output}"
    );
}

fn apiroutes_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run apiroutes")
}

/// A project with a pages route, an App Router route handler and a middleware.
fn small_project() -> tempfile::TempDir {
    project_with(&[
        (
            "pages/api/hello.js",
            "export default function handler(req, res) { res.json({ hello: 'built' }) }\n",
        ),
        (
            "app/api/items/[id]/route.ts",
            "export async function GET() { return Response.json([]) }\n\
             export async function POST(request: Request) { return new Response(await request.text()) }\n",
        ),
        (
            "middleware.ts",
            "export function middleware() {}\nexport const config = { matcher: '/api/:path*' }\n",
        ),
    ])
}

/// A temporary project holding these files.
fn project_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let project = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = project.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    project
}

#[test]
fn routes_prints_the_route_table() {
    let project = small_project();
    let output = apiroutes_in(project.path(), &["routes"]);
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|line| line.split_whitespace().collect())
        .collect();
    assert_eq!(lines[0], ["Route", "Kind", "Methods", "File"], "{text}");
    assert!(
        lines.contains(&vec![
            "/api/hello",
            "pages/api",
            "any",
            "pages/api/hello.js"
        ]),
        "{text}"
    );
    assert!(
        lines.contains(&vec![
            "/api/items/[id]",
            "app",
            "route",
            "GET,HEAD,POST,OPTIONS",
            "app/api/items/[id]/route.ts"
        ]),
        "{text}"
    );
    assert!(
        lines.contains(&vec!["(middleware)", "middleware", "-", "middleware.ts"]),
        "{text}"
    );
    assert!(text.contains("2 routes, with middleware"), "{text}");
    // Nothing was built.
    assert!(!project.path().join(".apiroutes").exists());
}

#[test]
fn version_and_help_read_like_next_s() {
    let here = lifecycle_app();
    for flag in ["--version", "-v"] {
        let output = apiroutes_in(&here, &[flag]);
        assert!(output.status.success(), "{flag}: {output:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            format!("apiroutes {}", env!("CARGO_PKG_VERSION")),
            "{flag}"
        );
    }
    let output = apiroutes_in(&here, &["--help"]);
    assert!(output.status.success(), "{output:?}");
    let help = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Usage: apiroutes [options] [command]",
        "Options:",
        "-v, --version",
        "-h, --help",
        "Displays this message.",
        "Commands:",
        "dev",
        "start",
        "build",
        "routes",
        "help",
    ] {
        assert!(help.contains(expected), "{expected:?} in:\n{help}");
    }
    let start_help = apiroutes_in(&here, &["start", "--help"]);
    let text = String::from_utf8_lossy(&start_help.stdout);
    assert!(text.contains("--shutdown-timeout"), "{text}");
    assert!(text.contains("--static"), "{text}");
}

#[test]
fn start_uses_a_build_made_from_another_working_directory() {
    let project = small_project();
    let parent = project.path().parent().expect("parent").to_path_buf();
    let name = project
        .path()
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    // Built from the parent folder, with a relative path.
    let built = apiroutes_in(&parent, &["build", &name]);
    assert!(built.status.success(), "{built:?}");
    // Started from inside the project's pages/ folder, with another relative path.
    let port = support::free_port().expect("port");
    let log = project.path().join("start.log");
    let out = std::fs::File::create(&log).expect("log");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .args([
            "start",
            "..",
            "--port",
            &port.to_string(),
            "--hostname",
            "127.0.0.1",
        ])
        .current_dir(project.path().join("pages"))
        .stdout(out.try_clone().expect("clone"))
        .stderr(out)
        .spawn()
        .expect("start");
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    let response = loop {
        let response = raw_request(addr, &get("/api/hello"), Duration::from_secs(5));
        if response.status != 0 || started.elapsed() > Duration::from_secs(20) {
            break response;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    assert_eq!(response.status, 200, "{output}");
    assert_eq!(response.body_text(), r#"{"hello":"built"}"#);
    assert!(output.contains("using the build in .apiroutes"), "{output}");
    assert!(!output.contains("not using the build"), "{output}");
}

#[test]
fn access_log_and_json_logs_are_json_lines() {
    let mut server =
        Server::start_with_args(&lifecycle_app(), &["--access-log", "--log-format", "json"]);
    let addr = server.addr();
    let mut stream = TcpStream::connect(addr).expect("connect");
    let local = stream.local_addr().expect("local address");
    stream
        .write_all(b"GET /api/slow?ms=30&secret=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .expect("write");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    let head = server.send("HEAD", "/about", &[], None, Duration::from_secs(5));
    assert_eq!(head.status, 200);
    let missing = server.send("GET", "/api/nope", &[], None, Duration::from_secs(5));
    assert_eq!(missing.status, 404);
    server.signal(libc::SIGTERM);
    server.wait_exit(Duration::from_secs(5)).expect("exits");

    let output = server.output();
    let lines: Vec<serde_json::Value> = output
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let ready = lines
        .iter()
        .find(|line| line["message"] == "apiroutes start ready")
        .expect("the ready line as JSON");
    assert_eq!(ready["level"], "INFO");
    assert_eq!(ready["url"], format!("http://127.0.0.1:{}", addr.port()));
    assert!(ready["timestamp"].is_string());
    let access: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line.get("status").is_some())
        .collect();
    assert_eq!(access.len(), 3, "{output}");
    let slow = access[0];
    assert_eq!(slow["method"], "GET");
    assert_eq!(slow["path"], "/api/slow", "the query is left out");
    assert_eq!(slow["status"], 200);
    assert_eq!(slow["bytes"], r#"{"waited":30}"#.len());
    assert_eq!(slow["remote"], local.to_string());
    let took = slow["duration_ms"].as_f64().expect("duration_ms");
    assert!((30.0..5000.0).contains(&took), "{took}");
    let time = slow["time"].as_str().expect("time");
    assert!(
        time.len() == 24 && time.ends_with('Z') && time.as_bytes()[10] == b'T',
        "{time}"
    );
    assert_eq!(access[1]["method"], "HEAD");
    assert_eq!(access[1]["bytes"], 0);
    assert_eq!(access[2]["status"], 404);
    assert!(access[2]["bytes"].as_u64().unwrap_or(0) > 0);
    assert!(
        lines
            .iter()
            .any(|line| line["message"] == "shut down cleanly"),
        "{output}"
    );
}
