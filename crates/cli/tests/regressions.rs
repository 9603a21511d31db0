//! Regression tests named after the bug they pin down.

mod support;

use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use support::{raw_request, Server};

fn compat_app() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compat/app")
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
