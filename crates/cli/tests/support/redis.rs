//! A private, throw-away Redis for integration tests: `redis-server` on a free loopback
//! port with no persistence, its working folder a temporary one, stopped (SIGTERM, then
//! SIGKILL, by its PID) on drop. Debian's `redis-server` package provides it.
//!
//! Without it, [`server`] prints why and returns `None` so the test passes as skipped,
//! except with `CI=true`, where it panics: CI must run these tests.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a fresh server may take to accept connections.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// A running private Redis; stopped on drop.
pub struct Redis {
    child: Child,
    pub port: u16,
    _dir: tempfile::TempDir,
}

/// Starts a server, or `None` (after saying why) without Redis when `CI` is not `true`.
pub fn server() -> Option<Redis> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let Some(binary) = std::env::split_paths(&path)
        .chain(["/usr/bin".into()])
        .map(|dir| dir.join("redis-server"))
        .find(|candidate| candidate.is_file())
    else {
        let why = "no redis-server; install Debian's `redis-server` package";
        super::server_missing(&format!("the Redis test: {why}"));
        return None;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let port = super::free_port().expect("a free port");
    let log = std::fs::File::create(dir.path().join("server.log")).expect("log file");
    let child = Command::new(binary)
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no", "--dir"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log file"))
        .stderr(log)
        .spawn()
        .expect("start redis-server");
    let mut redis = Redis {
        child,
        port,
        _dir: dir,
    };
    let deadline = Instant::now() + READY_TIMEOUT;
    while !redis.answers_ping() {
        assert!(
            Instant::now() < deadline && matches!(redis.child.try_wait(), Ok(None)),
            "redis-server on port {port} did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(redis)
}

impl Redis {
    fn answers_ping(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let mut reply = [0u8; 7];
        stream.write_all(b"PING\r\n").is_ok()
            && stream.read_exact(&mut reply).is_ok()
            && &reply == b"+PONG\r\n"
    }

    /// `redis://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        super::stop_server(&mut self.child, "-TERM");
    }
}
