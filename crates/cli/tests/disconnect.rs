//! Clients that go away: a handler streaming to a client that left must hear of it and
//! stop (`req`/`res` `close`, `request.signal` aborting, the response stream cancelled),
//! over HTTP/1.1 and HTTP/2, and memory must come back; a request body cut short is an
//! error for the handler, never a clean end. Fixture: `tests/fixtures/hostile-app`.

mod support;

use std::io::{Read, Write};
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

/// What the fixture's routes recorded (`/api/counts`).
fn counts(server: &Server) -> serde_json::Value {
    let response = server.send("GET", "/api/counts", &[], None, Duration::from_secs(10));
    assert_eq!(response.status, 200, "{}", response.body_text());
    serde_json::from_str(&response.body_text()).expect("counts are JSON")
}

fn number(counts: &serde_json::Value, key: &str) -> u64 {
    counts[key].as_u64().unwrap_or(0)
}

fn strings(counts: &serde_json::Value, key: &str) -> Vec<String> {
    counts[key]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Opens `path` as an event stream, reads until the first event has arrived, then closes.
fn open_and_leave(server: &Server, path: &str) {
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&received).contains("data: hello") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => panic!(
                "{path}: no first event ({:?})",
                String::from_utf8_lossy(&received)
            ),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

/// Polls the counters until `done` holds or `limit` passes; returns the last counters.
fn wait_for(
    server: &Server,
    limit: Duration,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let now = counts(server);
        if done(&now) || started.elapsed() > limit {
            return now;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_thousand_sse_clients_leave_and_every_handler_ends() {
    let server = Server::start(&app());
    let paths = ["/api/sse", "/api/sse-signal", "/api/pages-sse"];
    // Warm up (modules loaded, allocator pools in use) before the baseline.
    for index in 0..60 {
        open_and_leave(&server, paths[index % paths.len()]);
    }
    let warm = wait_for(&server, Duration::from_secs(20), |c| {
        number(c, "cancelled") + number(c, "pagesClosed") == 60
    });
    assert_eq!(
        number(&warm, "cancelled") + number(&warm, "pagesClosed"),
        60,
        "{warm}"
    );
    let before = server.rss_kib();

    const CLIENTS: usize = 1000;
    const CONCURRENCY: usize = 25;
    std::thread::scope(|scope| {
        for worker in 0..CONCURRENCY {
            let server = &server;
            scope.spawn(move || {
                for index in (worker..CLIENTS).step_by(CONCURRENCY) {
                    open_and_leave(server, paths[index % paths.len()]);
                }
            });
        }
    });
    let total = (CLIENTS + 60) as u64;
    let after = wait_for(&server, Duration::from_secs(30), |c| {
        number(c, "cancelled") + number(c, "pagesClosed") == total
    });
    assert_eq!(number(&after, "started"), total, "{after}");
    assert_eq!(
        number(&after, "cancelled") + number(&after, "pagesClosed"),
        total,
        "every handler must see its client leave: {after}"
    );
    // The `/api/sse` handlers saw their signal abort with Node's AbortError.
    let sse = (0..CLIENTS + 60)
        .filter(|index| index % paths.len() == 0)
        .count() as u64;
    assert_eq!(number(&after, "aborted"), sse, "{after}");
    assert_eq!(
        after["reasons"]["AbortError:This operation was aborted:true"].as_u64(),
        Some(sse),
        "{after}"
    );
    std::thread::sleep(Duration::from_millis(500));
    let end = server.rss_kib();
    println!("RSS before {before} KiB, after {CLIENTS} clients left {end} KiB");
    assert!(
        end < before + 48 * 1024,
        "memory did not come back: {before} KiB before, {end} KiB after"
    );
}

#[test]
fn pages_objects_say_what_node_says_when_the_client_leaves() {
    let server = Server::start(&app());
    open_and_leave(&server, "/api/pages-sse");
    let after = wait_for(&server, Duration::from_secs(10), |c| {
        number(c, "pagesClosed") == 1
    });
    // Node 20: no 'aborted' (the body was read), res 'close' destroyed and not ended,
    // then req 'close'; writes after that return false and their callback gets
    // ERR_STREAM_DESTROYED ('error' is not emitted).
    assert_eq!(
        strings(&after, "events"),
        vec!["res close destroyed=true writableEnded=false writableFinished=false, req close"]
    );
    let writes = wait_for(&server, Duration::from_secs(5), |c| {
        strings(c, "writes").len() == 2
    });
    assert_eq!(
        strings(&writes, "writes"),
        vec![
            "write after close -> false",
            "callback ERR_STREAM_DESTROYED"
        ]
    );
}

/// Sends a request head and part of its body, then closes the connection.
fn send_and_close(server: &Server, head: &str, body: &[u8]) {
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    std::thread::sleep(Duration::from_millis(200));
}

#[test]
fn a_body_cut_short_is_an_error_never_a_clean_end() {
    let server = Server::start(&app());
    // Content-Length not reached, then the connection closes: pages `for await` throws
    // Node's `Error: aborted` (ECONNRESET) after 'aborted' and 'error', then 'close'.
    send_and_close(
        &server,
        "POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n",
        b"partial",
    );
    // A malformed chunk.
    send_and_close(
        &server,
        "POST /api/upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"3\r\nabc\r\nzz\r\n",
    );
    // A route handler's `await request.text()` rejects.
    send_and_close(
        &server,
        "POST /api/read-body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n",
        b"partial",
    );
    // A buffered (body parser) pages route is not run at all.
    send_and_close(
        &server,
        "POST /api/buffered HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n",
        b"partial",
    );
    // A complete body still reads complete.
    let complete = server.send(
        "POST",
        "/api/upload",
        &[],
        Some(b"0123456789"),
        Duration::from_secs(10),
    );
    assert_eq!(complete.body_text(), r#"{"total":10}"#);

    let after = wait_for(&server, Duration::from_secs(10), |c| {
        strings(c, "errors").len() >= 4
    });
    let mut errors = strings(&after, "errors");
    errors.sort();
    assert_eq!(
        errors,
        vec![
            "app aborted ECONNRESET",
            "pages aborted ECONNRESET",
            "pages aborted ECONNRESET",
            "pages complete 10",
        ],
        "{after}"
    );
    let events = strings(&after, "events");
    let cut: Vec<&String> = events.iter().filter(|e| e.contains("aborted")).collect();
    assert_eq!(cut.len(), 2, "{after}");
    for event in cut {
        assert_eq!(event, "upload aborted, error aborted ECONNRESET, close");
    }
    assert_eq!(number(&after, "buffered"), 0, "{after}");
}

#[test]
fn an_upstream_fetch_on_request_signal_stops_with_the_client() {
    let server = Server::start(&app());
    // An upstream that accepts and never answers.
    let upstream = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = upstream.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        let mut kept = Vec::new();
        upstream.set_nonblocking(true).unwrap();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if let Ok((stream, _)) = upstream.accept() {
                kept.push(stream);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "GET /api/upstream?to=http://127.0.0.1:{port}/ HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    drop(stream);
    let after = wait_for(&server, Duration::from_secs(4), |c| {
        !strings(c, "errors").is_empty()
    });
    assert_eq!(
        strings(&after, "errors"),
        vec!["upstream AbortError"],
        "{after}"
    );
    held.join().unwrap();
}

#[test]
fn an_http2_stream_reset_by_the_client_ends_its_handler() {
    let server = Server::start(&app());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let tcp = tokio::net::TcpStream::connect(server.addr())
            .await
            .expect("connect");
        let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
        tokio::spawn(async move {
            let _ = connection.await;
        });
        let mut client = client.ready().await.expect("ready");
        for path in ["/api/sse", "/api/sse-signal", "/api/pages-sse"] {
            let request = http::Request::builder()
                .uri(format!("http://127.0.0.1:{}{path}", server.port))
                .body(())
                .unwrap();
            let (response, _) = client.send_request(request, true).expect("send");
            let response = response.await.expect("response");
            let mut body = response.into_body();
            let first = body.data().await.expect("a first event").expect("data");
            assert!(String::from_utf8_lossy(&first).contains("data: hello"));
            // Dropping the body resets the stream (RST_STREAM CANCEL).
            drop(body);
            client = client.ready().await.expect("ready");
        }
        // The connection stays up; the handlers hear their streams were reset.
        tokio::time::sleep(Duration::from_millis(300)).await;
    });
    let after = wait_for(&server, Duration::from_secs(10), |c| {
        number(c, "cancelled") + number(c, "pagesClosed") == 3
    });
    assert_eq!(
        number(&after, "cancelled") + number(&after, "pagesClosed"),
        3,
        "{after}"
    );
    assert_eq!(number(&after, "aborted"), 1, "{after}");
}
