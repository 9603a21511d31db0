//! Connection limits with Node's defaults, shortened by their flags: the keep-alive idle
//! timeout, the header timeout against slowloris clients, the whole-request timeout (408),
//! the head size (431) and the cap on open connections. Fixture: `tests/fixtures/hostile-app`.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use support::Server;

fn app() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/hostile-app")
}

/// POSTs a text/plain body and reads the answer.
fn post_text(server: &Server, path: &str, body: &[u8], seconds: u64) -> support::RawResponse {
    server.send(
        "POST",
        path,
        &[("content-type", "text/plain")],
        Some(body),
        Duration::from_secs(seconds),
    )
}

const OK: &[u8] = b"GET /api/ok HTTP/1.1\r\nHost: x\r\n\r\n";

/// Reads until the server closes the connection or `limit` passes; returns what arrived
/// and how long the close took (`None`: still open).
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, Option<Duration>) {
    let started = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0u8; 8192];
    while started.elapsed() < limit {
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        match stream.read(&mut buffer) {
            Ok(0) => return (received, Some(started.elapsed())),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return (received, Some(started.elapsed())),
        }
    }
    (received, None)
}

fn served(server: &Server) -> bool {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .write_all(b"GET /api/ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (received, _) = read_until_closed(&mut stream, Duration::from_secs(5));
    String::from_utf8_lossy(&received).starts_with("HTTP/1.1 200")
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_the_keep_alive_timeout() {
    let server = Server::start_with_args(&app(), &["--keep-alive-timeout", "1"]);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    // Requests closer together than the timeout keep the connection.
    for _ in 0..3 {
        stream.write_all(OK).unwrap();
        let mut buffer = [0u8; 4096];
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let n = stream.read(&mut buffer).unwrap();
        assert!(String::from_utf8_lossy(&buffer[..n]).starts_with("HTTP/1.1 200"));
        std::thread::sleep(Duration::from_millis(500));
    }
    let (_, closed) = read_until_closed(&mut stream, Duration::from_secs(5));
    let closed = closed.expect("the idle connection was not closed");
    println!("idle keep-alive connection closed after {closed:?} more");
    assert!(
        closed >= Duration::from_millis(300) && closed < Duration::from_secs(3),
        "{closed:?}"
    );
}

#[test]
fn slowloris_connections_are_closed_at_the_header_timeout_while_others_are_served() {
    let server = Server::start_with_args(&app(), &["--headers-timeout", "2"]);
    let mut slow: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = TcpStream::connect(server.addr()).unwrap();
            stream
                .write_all(b"GET /api/ok HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    // Trickle a header byte now and then, as slowloris does, and serve a normal client.
    let mut served_meanwhile = 0;
    while started.elapsed() < Duration::from_millis(1500) {
        for stream in &mut slow {
            let _ = stream.write_all(b"X");
        }
        if served(&server) {
            served_meanwhile += 1;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(served_meanwhile > 0, "the normal client was not served");
    let mut closed = 0;
    for stream in &mut slow {
        let (_, at) = read_until_closed(
            stream,
            Duration::from_secs(6).saturating_sub(started.elapsed()),
        );
        if at.is_some() {
            closed += 1;
        }
    }
    println!("{closed}/200 slowloris connections closed after {:?}; {served_meanwhile} normal requests served meanwhile", started.elapsed());
    assert_eq!(closed, 200);
    assert!(served(&server));
}

#[test]
fn a_body_that_does_not_arrive_in_time_gets_408_and_the_connection_closes() {
    let server = Server::start_with_args(&app(), &["--request-timeout", "1"]);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .write_all(b"POST /api/buffered HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly part")
        .unwrap();
    let started = Instant::now();
    let (received, closed) = read_until_closed(&mut stream, Duration::from_secs(5));
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(closed.is_some(), "the connection stayed open");
    assert!(
        started.elapsed() >= Duration::from_millis(800),
        "{:?}",
        started.elapsed()
    );
    // A body that arrives in time is served.
    let response = post_text(&server, "/api/buffered", b"hello", 5);
    assert_eq!(response.status, 200);
}

#[test]
fn a_streamed_body_that_does_not_arrive_in_time_gets_408() {
    let server = Server::start_with_args(&app(), &["--request-timeout", "1"]);
    // A route handler awaiting `request.text()` and a `bodyParser: false` pages route.
    for path in ["/api/read-body", "/api/upload"] {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npart"
        )
        .unwrap();
        let (received, closed) = read_until_closed(&mut stream, Duration::from_secs(5));
        let text = String::from_utf8_lossy(&received);
        assert!(text.starts_with("HTTP/1.1 408"), "{path}: {text}");
        assert!(closed.is_some(), "{path}: the connection stayed open");
    }
}

#[test]
fn a_request_head_over_the_size_limit_gets_431() {
    let server = Server::start(&app());
    let big = "a".repeat(20 * 1024);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "GET /api/ok HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\n\r\n"
    )
    .unwrap();
    let (received, _) = read_until_closed(&mut stream, Duration::from_secs(5));
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 431"), "{text}");
    // Under the limit (Node's 16 KiB) it is served.
    let fits = "a".repeat(12 * 1024);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "GET /api/ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: {fits}\r\n\r\n"
    )
    .unwrap();
    let (received, _) = read_until_closed(&mut stream, Duration::from_secs(5));
    assert!(String::from_utf8_lossy(&received).starts_with("HTTP/1.1 200"));
}

#[test]
fn connections_past_the_limit_are_refused_until_others_close() {
    let server = Server::start_with_args(&app(), &["--max-connections", "20"]);
    // Let the start-up probe's connection close first (it counts while open).
    std::thread::sleep(Duration::from_millis(300));
    let held: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(server.addr()).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    // The 21st is accepted by the kernel and closed by the server at once.
    let mut extra = TcpStream::connect(server.addr()).unwrap();
    let _ = extra.write_all(b"GET /api/ok HTTP/1.1\r\nHost: x\r\n\r\n");
    let (received, closed) = read_until_closed(&mut extra, Duration::from_secs(3));
    assert!(
        received.is_empty() && closed.is_some(),
        "{:?}",
        String::from_utf8_lossy(&received)
    );
    drop(held);
    let started = Instant::now();
    while !served(&server) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "not served again after the others closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Sends a POST head declaring `length` bytes to the 300 MB-limit route, then `sent`.
fn upload_head(server: &Server, length: usize, sent: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "POST /api/big-upload HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {length}\r\n\r\n"
    )
    .unwrap();
    stream.write_all(sent).unwrap();
    stream
}

#[test]
fn large_buffered_bodies_give_their_memory_back() {
    let server = Server::start(&app());
    let body = vec![b'a'; 64 * 1024 * 1024];
    let small = post_text(&server, "/api/big-upload", b"warm", 10);
    assert_eq!(small.status, 200);
    let before = server.rss_kib();
    let mut peak = 0;
    for _ in 0..4 {
        let response = post_text(&server, "/api/big-upload", &body, 60);
        assert_eq!(response.body_text(), r#"{"length":67108864}"#);
        peak = peak.max(server.rss_kib());
    }
    std::thread::sleep(Duration::from_millis(300));
    let after = server.rss_kib();
    println!("RSS before {before} KiB, after four 64 MiB bodies {after} KiB");
    assert!(
        after < before + 32 * 1024,
        "memory kept after the uploads: {before} KiB before, {after} KiB after"
    );
}

#[test]
fn bodies_past_the_memory_budget_get_413_or_503() {
    let server = Server::start_with_args(&app(), &["--max-body-memory", "100"]);
    const MIB: usize = 1024 * 1024;
    // Larger than the whole budget: 413 before any of it is sent.
    let mut too_large = upload_head(&server, 150 * MIB, b"");
    let (received, _) = read_until_closed(&mut too_large, Duration::from_secs(5));
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    // 80 MiB reserved by a body still arriving: 40 more do not fit now (503, retry).
    let held = upload_head(&server, 80 * MIB, &[b'a'; 1024]);
    std::thread::sleep(Duration::from_millis(300));
    let mut refused = upload_head(&server, 40 * MIB, b"");
    let (received, _) = read_until_closed(&mut refused, Duration::from_secs(5));
    let text = String::from_utf8_lossy(&received).to_lowercase();
    assert!(text.starts_with("http/1.1 503"), "{text}");
    assert!(text.contains("retry-after: 1"), "{text}");
    // Once that request is gone its bytes are free again.
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let body = vec![b'a'; 40 * MIB];
    let response = post_text(&server, "/api/big-upload", &body, 60);
    assert_eq!(
        response.body_text(),
        format!(r#"{{"length":{}}}"#, 40 * MIB)
    );
}

/// The most HEADERS + RST_STREAM pairs the rapid-reset client sends.
const FLOOD_RESETS: usize = 50_000;

#[test]
fn an_http2_rapid_reset_flood_gets_goaway_while_others_are_served() {
    let server = Server::start(&app());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (ended, sent) = runtime.block_on(async {
        let tcp = tokio::net::TcpStream::connect(server.addr())
            .await
            .expect("connect");
        let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
        let connection = tokio::spawn(connection);
        let mut client = client;
        let mut sent = 0;
        // HEADERS then RST_STREAM at once, over and over (CVE-2023-44487). When the server
        // sees it depends on how far it falls behind the client (seen between 1,300 and
        // 4,800 resets on 2 cores), so the bound is generous.
        for _ in 0..FLOOD_RESETS {
            let Ok(ready) = client.clone().ready().await else {
                break;
            };
            client = ready;
            let request = http::Request::builder()
                .uri(format!("http://127.0.0.1:{}/api/sse-signal", server.port))
                .body(())
                .unwrap();
            let Ok((_, mut stream)) = client.send_request(request, false) else {
                break;
            };
            stream.send_reset(h2::Reason::CANCEL);
            sent += 1;
            if connection.is_finished() {
                break;
            }
            if sent % 50 == 0 {
                tokio::task::yield_now().await;
            }
        }
        let ended = tokio::time::timeout(Duration::from_secs(10), connection).await;
        (ended, sent)
    });
    let error = match ended {
        Ok(Ok(Err(error))) => error,
        other => panic!(
            "the flooding connection was not closed with an error: {other:?} after {sent} resets"
        ),
    };
    println!("rapid-reset connection ended after {sent} resets: {error}");
    // The server sends GOAWAY (ENHANCE_YOUR_CALM) and closes; a client still writing its
    // flood may see the closed socket (broken pipe) before it reads the GOAWAY.
    // (How many the client got to send before it noticed depends on its buffers.)
    assert!(sent < FLOOD_RESETS, "the server never ended the flood");
    assert!(
        error.reason() == Some(h2::Reason::ENHANCE_YOUR_CALM) || error.is_io(),
        "{error}"
    );
    assert!(served(&server), "another client was not served");
}
