//! HTTP/1 framing as strict as Node's parser where a lenient one lets a request be
//! smuggled: each ambiguous request gets 400 and its connection is closed, so a second
//! request pipelined behind it is never answered. Well-formed neighbours still work.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use support::Server;

fn app() -> std::path::PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/sql-app")
}

/// Sends `bytes` on a fresh connection; returns the status codes of every response and
/// whether the server closed the connection (as opposed to keeping it open).
fn exchange(server: &Server, bytes: &[u8]) -> (Vec<u16>, bool) {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(1500)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 8192];
    let closed = loop {
        match stream.read(&mut buffer) {
            Ok(0) => break true,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(_) => break false,
        }
    };
    let text = String::from_utf8_lossy(&received);
    // Status lines may follow a body directly, so look for them anywhere.
    let statuses = text
        .match_indices("HTTP/1.")
        .filter_map(|(at, _)| text.get(at + 9..at + 12)?.parse().ok())
        .collect();
    (statuses, closed)
}

const FOLLOW_UP: &str = "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n";

#[test]
fn ambiguous_requests_get_400_and_the_connection_closes() {
    let server = Server::start(&app());
    let cases = [
        (
            "Content-Length with Transfer-Encoding",
            "POST /api/ping HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ),
        (
            "Transfer-Encoding with Content-Length",
            "POST /api/ping HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        ),
        (
            "two equal Content-Lengths",
            "POST /api/ping HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
        ),
        ("bare LF line endings", "GET /api/ping HTTP/1.1\nHost: x\n\n"),
        (
            "two Transfer-Encodings",
            "POST /api/ping HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ),
        (
            "two different Content-Lengths",
            "POST /api/ping HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx",
        ),
        (
            "a Content-Length list",
            "POST /api/ping HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 1\r\n\r\nx",
        ),
        (
            "Transfer-Encoding not ending in chunked",
            "POST /api/ping HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        ),
        (
            "obsolete line folding",
            "GET /api/ping HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n",
        ),
        (
            "whitespace before the colon",
            "GET /api/ping HTTP/1.1\r\nHost : x\r\n\r\n",
        ),
        ("an HTTP/0.9 request line", "GET /api/ping\r\n\r\n"),
        ("HTTP/1.1 without Host", "GET /api/ping HTTP/1.1\r\n\r\n"),
        (
            "two Host headers",
            "GET /api/ping HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
        ),
        ("a lowercase method", "get /api/ping HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("an unknown method", "FOO /api/ping HTTP/1.1\r\nHost: x\r\n\r\n"),
    ];
    for (name, request) in cases {
        let (statuses, closed) = exchange(&server, format!("{request}{FOLLOW_UP}").as_bytes());
        assert_eq!(
            statuses,
            [400],
            "{name}: only the 400, the follow-up is not answered"
        );
        assert!(closed, "{name}: the connection is closed");
    }
}

#[test]
fn well_formed_requests_keep_working() {
    let server = Server::start(&app());
    // Keep-alive pipelining of good requests, an HTTP/1.0 request without Host (allowed),
    // a method Node knows that routes do not (PROPFIND: the route answers it).
    let (statuses, closed) = exchange(&server, format!("{FOLLOW_UP}{FOLLOW_UP}").as_bytes());
    assert_eq!((statuses, closed), (vec![200, 200], false));
    let (statuses, _) = exchange(&server, b"GET /api/ping HTTP/1.0\r\n\r\n");
    assert_eq!(statuses, [200]);
    let (statuses, _) = exchange(
        &server,
        b"PROPFIND /api/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(statuses, [200]);
    let (statuses, _) = exchange(
        &server,
        b"POST /api/ping HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    );
    assert_eq!(statuses, [200]);
}
