//! Shared helpers for the integration tests of the `apiroutes` binary: [`Server`] spawns
//! `apiroutes start <dir>` on a free loopback port and kills it on drop, and
//! [`raw_request`] is a minimal HTTP/1.1 client that sends bytes verbatim (no path or
//! header normalisation) and parses the response the way Node's `http` client does
//! (status, reason phrase, headers in order with duplicates, chunked bodies decoded).
//!
//! Each integration test binary uses a different subset of these helpers.
#![allow(dead_code)]

pub mod mariadb;
pub mod npm;
pub mod postgres;
pub mod redis;

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long a freshly spawned server may take before it accepts connections.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
/// How often a port is retried when the server exits early (for example because another
/// process grabbed the port between our probe and the server's bind).
const START_ATTEMPTS: usize = 3;

static SERVER_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A running `apiroutes start` child process; killed (and reaped) on drop.
pub struct Server {
    child: Child,
    pub port: u16,
    /// `http://127.0.0.1:<port>`
    pub base_url: String,
    log_path: PathBuf,
}

impl Server {
    /// Starts `apiroutes start <app_dir> --port <free port> --hostname 127.0.0.1`.
    pub fn start(app_dir: &Path) -> Server {
        Server::start_with_args(app_dir, &[])
    }

    /// Like [`Server::start`], with extra command-line arguments (e.g. `["--workers", "1"]`).
    pub fn start_with_args(app_dir: &Path, extra_args: &[&str]) -> Server {
        Server::start_with_env(app_dir, extra_args, &[])
    }

    /// Like [`Server::start_with_args`], with extra environment variables for the server.
    pub fn start_with_env(app_dir: &Path, extra_args: &[&str], envs: &[(&str, &str)]) -> Server {
        Server::command("start", app_dir, extra_args, envs)
    }

    /// `apiroutes dev <app_dir>` on a free loopback port.
    pub fn dev(app_dir: &Path, extra_args: &[&str]) -> Server {
        Server::command("dev", app_dir, extra_args, &[])
    }

    /// `apiroutes <command> <app_dir> --port <free port> --hostname 127.0.0.1 ...`.
    pub fn command(
        command: &str,
        app_dir: &Path,
        extra_args: &[&str],
        envs: &[(&str, &str)],
    ) -> Server {
        let mut last_failure = String::new();
        for attempt in 1..=START_ATTEMPTS {
            match try_start(command, app_dir, extra_args, envs) {
                Ok(server) => return server,
                Err(failure) => {
                    last_failure = format!("attempt {attempt}: {failure}");
                    // A server that merely lost the race for its port deserves a retry;
                    // one that cannot start at all fails the same way every time.
                }
            }
        }
        panic!("apiroutes server did not start after {START_ATTEMPTS} attempts\n{last_failure}");
    }

    /// The loopback socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// The server process's resident memory in KiB (`VmRSS`; 0 where `/proc` is missing).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    /// Sends one request the way Node's `http.request` would (see [`node_request_bytes`])
    /// on a fresh connection and reads the answer.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
        timeout: Duration,
    ) -> RawResponse {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        let host = format!("127.0.0.1:{}", self.port);
        let request = node_request_bytes(method, path, &host, &headers, body);
        raw_request(self.addr(), &request, timeout)
    }

    /// Whether the server process is still running (it has not exited or crashed).
    /// A request with an optional JSON body (sent as `application/json`); the answer's
    /// status and its body as JSON (a string when it is not JSON).
    pub fn json_request(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let bytes = body.map(|b| b.to_string().into_bytes());
        let headers: &[(&str, &str)] = if bytes.is_some() {
            &[("content-type", "application/json")]
        } else {
            &[]
        };
        let response = self.send(
            method,
            path,
            headers,
            bytes.as_deref(),
            Duration::from_secs(20),
        );
        let text = response.body_text();
        let value = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (response.status, value)
    }

    /// Sends `signal` to the `apiroutes` process (the supervisor, unless `--no-supervisor`).
    pub fn signal(&self, signal: i32) {
        // SAFETY: a signal to the process we spawned and have not reaped.
        unsafe { libc::kill(self.child.id() as libc::pid_t, signal) };
    }

    /// Waits up to `timeout` for the process to exit; its status, or `None` if it still runs.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if started.elapsed() >= timeout {
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// What the server wrote to stdout and stderr so far.
    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log_path);
    }
}

fn try_start(
    command: &str,
    app_dir: &Path,
    extra_args: &[&str],
    envs: &[(&str, &str)],
) -> Result<Server, String> {
    let port = free_port().map_err(|e| format!("no free port: {e}"))?;
    let log_path = std::env::temp_dir().join(format!(
        "apiroutes-test-{}-{}.log",
        std::process::id(),
        SERVER_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    // A file rather than a pipe: a chatty server can never block on a full pipe buffer,
    // and the log is still there to show when the server dies.
    let log = File::create(&log_path).map_err(|e| format!("cannot create server log: {e}"))?;
    let log_for_stdout = log
        .try_clone()
        .map_err(|e| format!("cannot clone server log handle: {e}"))?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg(command)
        .arg(app_dir)
        .args(["--port", &port.to_string(), "--hostname", "127.0.0.1"])
        .args(extra_args)
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::from(log_for_stdout))
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| format!("cannot spawn apiroutes: {e}"))?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    loop {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(Server {
                child,
                port,
                base_url: format!("http://127.0.0.1:{port}"),
                log_path,
            });
        }
        let exited = child.try_wait().ok().flatten();
        let timed_out = started.elapsed() > STARTUP_TIMEOUT;
        if exited.is_some() || timed_out {
            if exited.is_none() {
                let _ = child.kill();
            }
            let _ = child.wait();
            let output = std::fs::read_to_string(&log_path).unwrap_or_default();
            let _ = std::fs::remove_file(&log_path);
            let reason = match exited {
                Some(status) => format!("exited early with {status}"),
                None => format!("did not accept connections within {STARTUP_TIMEOUT:?}"),
            };
            return Err(format!(
                "apiroutes {command} {} --port {port} {reason}; its output:\n{output}",
                app_dir.display()
            ));
        }
        thread::sleep(Duration::from_millis(50));
    }
}

/// A loopback port that was free a moment ago (bound to port 0, then released).
pub fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

/// Resolves `host:port` (e.g. `localhost:3000`) to the first socket address.
pub fn resolve(host: &str, port: u16) -> Option<SocketAddr> {
    (host, port).to_socket_addrs().ok()?.next()
}

/// One response as Node's `http` client would see it. When `timed_out` is set or `error`
/// is `Some`, the other fields hold whatever was parsed so far (usually nothing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawResponse {
    pub status: u16,
    /// Decoded as latin1, like Node.
    pub reason: String,
    /// Header names as sent (original case), values trimmed and decoded as latin1 (as
    /// Node does), duplicates kept in order.
    pub headers: Vec<(String, String)>,
    /// The body after chunked decoding (content-encoding is left alone).
    pub body: Vec<u8>,
    pub timed_out: bool,
    /// Transport failure, spelled like Node's error codes where there is one:
    /// `ECONNREFUSED`, `ECONNRESET` (closed before a response), `aborted` (closed mid-body),
    /// `HPE_*` (unparsable response).
    pub error: Option<String>,
}

impl RawResponse {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name` (case-insensitive), in order.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The body as (lossy) UTF-8 text.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn failed(error: &str) -> RawResponse {
        RawResponse {
            error: Some(error.to_string()),
            ..RawResponse::default()
        }
    }

    fn timed_out() -> RawResponse {
        RawResponse {
            timed_out: true,
            ..RawResponse::default()
        }
    }
}

/// Builds the request bytes Node's `http.request({ agent: false, setHost: true, headers })`
/// followed by `req.end(body)` puts on the wire: the user's headers in their order and
/// spelling, then `Host` (unless given), then `Connection: close` (agent:false never keeps
/// alive), then for methods Node streams by default (not GET/HEAD/DELETE/OPTIONS/TRACE/
/// CONNECT) `Content-Length` of the body (`0` when there is none) unless a length or
/// transfer-encoding was given. With a user `Transfer-Encoding: chunked` the body is sent
/// as one chunk plus the last chunk. `host_header` is what Node derives from the URL:
/// `hostname[:port]`.
///
/// Callers that want a `Content-Length` for GET bodies add it to `headers` themselves,
/// as record.mjs does for every case with a body.
pub fn node_request_bytes(
    method: &str,
    path: &str,
    host_header: &str,
    headers: &[(String, String)],
    body: Option<&[u8]>,
) -> Vec<u8> {
    let has_header = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    let mut head = format!("{method} {path} HTTP/1.1\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !has_header("host") {
        head.push_str(&format!("Host: {host_header}\r\n"));
    }
    if !has_header("connection") {
        head.push_str("Connection: close\r\n");
    }
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked")
    });
    let streams_by_default = !matches!(
        method.to_ascii_uppercase().as_str(),
        "GET" | "HEAD" | "DELETE" | "OPTIONS" | "TRACE" | "CONNECT"
    );
    if streams_by_default && !has_header("content-length") && !has_header("transfer-encoding") {
        head.push_str(&format!(
            "Content-Length: {}\r\n",
            body.map_or(0, <[u8]>::len)
        ));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    match body {
        Some(body) if chunked => {
            if !body.is_empty() {
                bytes.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
                bytes.extend_from_slice(body);
                bytes.extend_from_slice(b"\r\n");
            }
            bytes.extend_from_slice(b"0\r\n\r\n");
        }
        Some(body) => bytes.extend_from_slice(body),
        None if chunked => bytes.extend_from_slice(b"0\r\n\r\n"),
        None => {}
    }
    bytes
}

/// Sends `request` verbatim on a fresh connection to `addr` and reads one response
/// (skipping interim 1xx responses). `timeout` bounds the whole exchange, connect
/// included. The request is written from a helper thread so that a server answering
/// before it has read a large body (e.g. 413) is still heard.
pub fn raw_request(addr: SocketAddr, request: &[u8], timeout: Duration) -> RawResponse {
    let deadline = Instant::now() + timeout;
    let is_head = request.starts_with(b"HEAD ");
    let stream = match TcpStream::connect_timeout(&addr, timeout) {
        Ok(stream) => stream,
        Err(e) if e.kind() == ErrorKind::TimedOut => return RawResponse::timed_out(),
        Err(e) => return RawResponse::failed(&io_error_code(&e)),
    };
    let _ = stream.set_nodelay(true);
    let writer = match stream.try_clone() {
        Ok(mut write_half) => {
            let request = request.to_vec();
            let _ = write_half.set_write_timeout(Some(timeout));
            // Write errors are not reported: as in Node, what matters is whether a
            // response arrives; a refused body shows up as a reset on the read side.
            Some(thread::spawn(move || {
                let _ = write_half.write_all(&request);
                let _ = write_half.flush();
            }))
        }
        Err(e) => return RawResponse::failed(&io_error_code(&e)),
    };
    let mut reader = DeadlineReader {
        stream: &stream,
        deadline,
        buffer: Vec::new(),
        position: 0,
    };
    let response = read_response(&mut reader, is_head);
    // Closing both halves also unblocks a writer stuck on a server that stopped reading.
    let _ = stream.shutdown(Shutdown::Both);
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    match response {
        Ok(response) => response,
        Err(ReadFailure::TimedOut) => RawResponse::timed_out(),
        Err(ReadFailure::Error(code)) => RawResponse::failed(&code),
    }
}

fn io_error_code(error: &std::io::Error) -> String {
    match error.kind() {
        ErrorKind::ConnectionRefused => "ECONNREFUSED".into(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => {
            "ECONNRESET".into()
        }
        _ => error.to_string(),
    }
}

enum ReadFailure {
    TimedOut,
    Error(String),
}

/// Buffered reads from a socket where every read respects one overall deadline.
struct DeadlineReader<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
    buffer: Vec<u8>,
    position: usize,
}

impl DeadlineReader<'_> {
    /// Reads more bytes into the buffer; `Ok(false)` on end of stream.
    fn fill(&mut self) -> Result<bool, ReadFailure> {
        let remaining = self
            .deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(ReadFailure::TimedOut)?;
        self.stream
            .set_read_timeout(Some(remaining))
            .map_err(|e| ReadFailure::Error(io_error_code(&e)))?;
        let mut chunk = [0u8; 64 * 1024];
        let mut stream = self.stream;
        match stream.read(&mut chunk) {
            Ok(0) => Ok(false),
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                Ok(true)
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                Err(ReadFailure::TimedOut)
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => Ok(true),
            Err(e) if e.kind() == ErrorKind::ConnectionReset => Ok(false),
            Err(e) => Err(ReadFailure::Error(io_error_code(&e))),
        }
    }

    fn unread(&self) -> &[u8] {
        &self.buffer[self.position..]
    }

    /// The next line without its line ending (CRLF or bare LF); `None` at end of stream.
    fn line(&mut self) -> Result<Option<Vec<u8>>, ReadFailure> {
        loop {
            if let Some(offset) = self.unread().iter().position(|&b| b == b'\n') {
                let mut line = self.unread()[..offset].to_vec();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.position += offset + 1;
                return Ok(Some(line));
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Exactly `count` bytes; `None` if the stream ends first.
    fn exact(&mut self, count: usize) -> Result<Option<Vec<u8>>, ReadFailure> {
        while self.unread().len() < count {
            if !self.fill()? {
                return Ok(None);
            }
        }
        let bytes = self.unread()[..count].to_vec();
        self.position += count;
        Ok(Some(bytes))
    }

    /// Everything up to end of stream.
    fn read_until_close(&mut self) -> Result<Vec<u8>, ReadFailure> {
        while self.fill()? {}
        let bytes = self.unread().to_vec();
        self.position = self.buffer.len();
        Ok(bytes)
    }
}

/// Closed before a complete response head: what Node reports as "socket hang up".
const HANG_UP: &str = "ECONNRESET";
/// Closed in the middle of a body: Node's `res` emits the error "aborted".
const ABORTED: &str = "aborted";

fn read_response(reader: &mut DeadlineReader, is_head: bool) -> Result<RawResponse, ReadFailure> {
    loop {
        let status_line = loop {
            match reader.line()? {
                None => return Err(ReadFailure::Error(HANG_UP.into())),
                // Tolerate stray blank lines before the status line, as llhttp does.
                Some(line) if line.is_empty() => continue,
                Some(line) => break line,
            }
        };
        let (status, reason) = parse_status_line(&status_line)?;
        let mut headers = Vec::new();
        loop {
            let line = reader
                .line()?
                .ok_or_else(|| ReadFailure::Error(HANG_UP.into()))?;
            if line.is_empty() {
                break;
            }
            let text = latin1(&line);
            let (name, value) = text
                .split_once(':')
                .ok_or_else(|| ReadFailure::Error("HPE_INVALID_HEADER_TOKEN".into()))?;
            headers.push((
                name.to_string(),
                value.trim_matches([' ', '\t']).to_string(),
            ));
        }
        // Interim responses (100 Continue, 103 Early Hints) are not the answer.
        if (100..200).contains(&status) && status != 101 {
            continue;
        }
        let body = read_body(reader, status, is_head, &headers)?;
        return Ok(RawResponse {
            status,
            reason,
            headers,
            body,
            timed_out: false,
            error: None,
        });
    }
}

/// Node decodes the reason phrase and header names and values as latin1, one char per byte.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn parse_status_line(line: &[u8]) -> Result<(u16, String), ReadFailure> {
    let invalid = || ReadFailure::Error("HPE_INVALID_CONSTANT".into());
    let text = latin1(line);
    let rest = text.strip_prefix("HTTP/1.").ok_or_else(invalid)?;
    let after_version = rest.get(1..).ok_or_else(invalid)?;
    let after_version = after_version.strip_prefix(' ').ok_or_else(invalid)?;
    let (code, reason) = after_version.split_once(' ').unwrap_or((after_version, ""));
    let status = code
        .parse::<u16>()
        .ok()
        .filter(|s| (100..1000).contains(s) && code.len() == 3)
        .ok_or_else(|| ReadFailure::Error("HPE_INVALID_STATUS".into()))?;
    Ok((status, reason.to_string()))
}

fn read_body(
    reader: &mut DeadlineReader,
    status: u16,
    is_head: bool,
    headers: &[(String, String)],
) -> Result<Vec<u8>, ReadFailure> {
    if is_head || status == 204 || status == 304 || (100..200).contains(&status) {
        return Ok(Vec::new());
    }
    let transfer_encoding = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("transfer-encoding"))
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let content_lengths: Vec<&str> = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.as_str())
        .collect();
    let is_chunked = transfer_encoding
        .rsplit(',')
        .next()
        .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
    if !transfer_encoding.is_empty() && !content_lengths.is_empty() {
        // llhttp refuses a response framed both ways (request smuggling defence).
        return Err(ReadFailure::Error("HPE_UNEXPECTED_CONTENT_LENGTH".into()));
    }
    if is_chunked {
        return read_chunked(reader);
    }
    if let Some(first) = content_lengths.first() {
        if content_lengths.iter().any(|v| v != first) {
            return Err(ReadFailure::Error("HPE_UNEXPECTED_CONTENT_LENGTH".into()));
        }
        let length: usize = first
            .parse()
            .map_err(|_| ReadFailure::Error("HPE_INVALID_CONTENT_LENGTH".into()))?;
        return reader
            .exact(length)?
            .ok_or_else(|| ReadFailure::Error(ABORTED.into()));
    }
    reader.read_until_close()
}

fn read_chunked(reader: &mut DeadlineReader) -> Result<Vec<u8>, ReadFailure> {
    let mut body = Vec::new();
    loop {
        let size_line = reader
            .line()?
            .ok_or_else(|| ReadFailure::Error(ABORTED.into()))?;
        let size_text = String::from_utf8_lossy(&size_line);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| ReadFailure::Error("HPE_INVALID_CHUNK_SIZE".into()))?;
        if size == 0 {
            // Trailers, up to the blank line; a server that closes instead is tolerated.
            while let Some(line) = reader.line()? {
                if line.is_empty() {
                    break;
                }
            }
            return Ok(body);
        }
        let chunk = reader
            .exact(size)?
            .ok_or_else(|| ReadFailure::Error(ABORTED.into()))?;
        body.extend_from_slice(&chunk);
        reader
            .line()?
            .ok_or_else(|| ReadFailure::Error(ABORTED.into()))?;
    }
}

/// Copies the directory tree `from` into `to` (created), leaving out `node_modules` and
/// `.apiroutes` (installed packages, a build or a database of an earlier run).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create directory");
    for entry in std::fs::read_dir(from).expect("read directory") {
        let entry = entry.expect("directory entry");
        let name = entry.file_name();
        if name == ".apiroutes" || name == "node_modules" {
            continue;
        }
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).expect("copy file");
        }
    }
}

/// A database server's binaries are missing: under `CI=true` that is a failure (CI must
/// run these tests); elsewhere the test is skipped with `why` on stderr.
pub fn server_missing(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true and {why}");
    }
    eprintln!("skipping: {why}");
}

/// Stops a database server the tests started: `signal` (its clean shutdown) by PID, then
/// SIGKILL if it is still running after 10 s.
pub fn stop_server(child: &mut Child, signal: &str) {
    let _ = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serves `response` to the first connection after reading whatever the client sent
    /// (until a pause), and returns the server's address.
    fn one_shot_server(response: &'static [u8]) -> SocketAddr {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        thread::spawn(move || {
            if let Ok((mut socket, _)) = listener.accept() {
                let _ = socket.set_read_timeout(Some(Duration::from_millis(100)));
                let mut scratch = [0u8; 4096];
                while matches!(socket.read(&mut scratch), Ok(n) if n > 0) {}
                let _ = socket.write_all(response);
            }
        });
        addr
    }

    #[test]
    fn decodes_chunked_body_and_keeps_duplicate_headers() {
        let addr = one_shot_server(
            b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nTransfer-Encoding: chunked\r\nSet-Cookie: b=2\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
        );
        let response = raw_request(addr, b"GET / HTTP/1.1\r\n\r\n", Duration::from_secs(5));
        assert_eq!(response.error, None);
        assert_eq!(response.status, 200);
        assert_eq!(response.reason, "OK");
        assert_eq!(response.header_all("set-cookie"), vec!["a=1", "b=2"]);
        assert_eq!(response.body, b"hello world");
    }

    #[test]
    fn keeps_custom_reason_and_skips_interim_responses() {
        let addr = one_shot_server(
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Invalid JSON\r\nContent-Length: 3\r\n\r\nbad",
        );
        let response = raw_request(addr, b"POST / HTTP/1.1\r\n\r\n", Duration::from_secs(5));
        assert_eq!(response.status, 400);
        assert_eq!(response.reason, "Invalid JSON");
        assert_eq!(response.body_text(), "bad");
    }

    #[test]
    fn head_response_has_no_body_even_with_content_length() {
        let addr = one_shot_server(b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n");
        let response = raw_request(addr, b"HEAD / HTTP/1.1\r\n\r\n", Duration::from_secs(5));
        assert_eq!(response.error, None);
        assert!(!response.timed_out);
        assert_eq!(response.header("content-length"), Some("11"));
        assert!(response.body.is_empty());
    }

    #[test]
    fn truncated_body_is_aborted_and_silence_times_out() {
        let addr = one_shot_server(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        let response = raw_request(addr, b"GET / HTTP/1.1\r\n\r\n", Duration::from_secs(5));
        assert_eq!(response.error.as_deref(), Some("aborted"));

        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let started = Instant::now();
        let response = raw_request(addr, b"GET / HTTP/1.1\r\n\r\n", Duration::from_millis(300));
        assert!(response.timed_out);
        assert!(started.elapsed() < Duration::from_secs(3));
        drop(listener);
    }

    #[test]
    fn close_delimited_body_reads_to_end_of_stream() {
        let addr = one_shot_server(
            b"HTTP/1.1 200 OK\r\nX-A:  spaced  \r\nX-U: \xc3\xa9\r\n\r\nuntil close",
        );
        let response = raw_request(addr, b"GET / HTTP/1.1\r\n\r\n", Duration::from_secs(5));
        assert_eq!(response.header("x-a"), Some("spaced"));
        assert_eq!(response.header("x-u"), Some("\u{c3}\u{a9}"));
        assert_eq!(response.body_text(), "until close");
    }

    #[test]
    fn refused_connection_is_econnrefused() {
        let port = free_port().expect("free port");
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let response = raw_request(addr, b"GET / HTTP/1.1\r\n\r\n", Duration::from_secs(2));
        assert_eq!(response.error.as_deref(), Some("ECONNREFUSED"));
    }

    #[test]
    fn node_request_bytes_follow_node_defaults() {
        let get = node_request_bytes("GET", "/a?b=1", "127.0.0.1:9", &[], None);
        assert_eq!(
            get,
            b"GET /a?b=1 HTTP/1.1\r\nHost: 127.0.0.1:9\r\nConnection: close\r\n\r\n"
        );
        let patch = node_request_bytes("PATCH", "/m", "h:1", &[], None);
        assert_eq!(
            patch,
            b"PATCH /m HTTP/1.1\r\nHost: h:1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        );
        let chunked = node_request_bytes(
            "POST",
            "/e",
            "h:1",
            &[("Transfer-Encoding".into(), "chunked".into())],
            Some(b"0123456789abcdefX"),
        );
        assert_eq!(
            chunked,
            b"POST /e HTTP/1.1\r\nTransfer-Encoding: chunked\r\nHost: h:1\r\nConnection: close\r\n\r\n11\r\n0123456789abcdefX\r\n0\r\n\r\n"
        );
    }
}
