//! The fault suite: hostile handlers (`tests/faults/`) and hostile clients against one real
//! server, each fault while a background client keeps sending normal requests.
//!
//! For every fault it measures what the fault request got, how many of the normal requests
//! sent meanwhile failed (collateral) and their worst latency, and whether the next normal
//! request succeeds (recovery). It asserts that the server process never dies (nor is
//! restarted by the supervisor), that no normal request fails, that a spinning handler
//! delays the others by at most the CPU budget (plus scheduling slack), and that each
//! handler failure is logged exactly once with its request number, route and a real
//! message. With `APIROUTES_FAULTS_REPORT=1` (`bench/faults.sh`) the table is written to
//! `bench/FAULTS.md`.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use support::Server;

/// The CPU budget the suite runs with (`--cpu-budget`).
const CPU_BUDGET: Duration = Duration::from_millis(500);
/// How much longer than the budget a normal request may wait behind a spinning handler.
const SLACK: Duration = Duration::from_millis(700);
const MEMORY_LIMIT_MB: usize = 64;

fn repo() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../..")
}

/// What the normal requests sent during one fault saw.
#[derive(Default)]
struct Background {
    sent: usize,
    failed: Vec<String>,
    worst: Duration,
}

/// Sends `GET /api/ok` on fresh connections until `stop`.
fn background(addr: SocketAddr, stop: Arc<AtomicBool>) -> thread::JoinHandle<Background> {
    thread::spawn(move || {
        let mut seen = Background::default();
        while !stop.load(Ordering::Relaxed) {
            let started = Instant::now();
            let response = support::raw_request(
                addr,
                b"GET /api/ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                Duration::from_secs(10),
            );
            seen.worst = seen.worst.max(started.elapsed());
            seen.sent += 1;
            if response.status != 200 {
                seen.failed.push(format!(
                    "status {} error {:?} after {:?}",
                    response.status,
                    response.error,
                    started.elapsed()
                ));
            }
            thread::sleep(Duration::from_millis(5));
        }
        seen
    })
}

/// One row of the table.
struct Row {
    fault: &'static str,
    got: String,
    background: Background,
    recovered: String,
}

/// A fault: what it does to the server, returning what the fault request got.
struct Fault {
    name: &'static str,
    run: Box<dyn Fn(SocketAddr) -> String>,
    /// The route whose request must be logged exactly once (handler faults).
    logged: Option<(&'static str, &'static str)>,
}

fn get(path: &'static str, timeout: Duration) -> Box<dyn Fn(SocketAddr) -> String> {
    Box::new(move |addr| {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        let started = Instant::now();
        let response = support::raw_request(addr, request.as_bytes(), timeout);
        if response.timed_out || response.status == 0 {
            format!(
                "no answer (client gave up after {} ms)",
                started.elapsed().as_millis()
            )
        } else {
            format!(
                "{} in {} ms",
                response.status,
                started.elapsed().as_millis()
            )
        }
    })
}

/// Whether the server closed `stream` (read returns 0 or an error) within `timeout`.
fn closed_within(stream: &mut TcpStream, timeout: Duration) -> bool {
    let _ = stream.set_read_timeout(Some(timeout));
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(err) if err.kind() == std::io::ErrorKind::TimedOut => return false,
            Err(_) => return true,
        }
    }
    false
}

fn smuggle(addr: SocketAddr) -> String {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return "connect failed".into();
    };
    let request = b"POST /api/ok HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/ok HTTP/1.1\r\nHost: localhost\r\n\r\n";
    let _ = stream.write_all(request);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    let answers = text.matches("HTTP/1.1 ").count();
    let status = text.get(9..12).unwrap_or("none").to_string();
    format!("{status}, {answers} answer(s), connection closed")
}

fn slowloris(addr: SocketAddr) -> String {
    let mut held = Vec::new();
    for _ in 0..200 {
        if let Ok(mut stream) = TcpStream::connect(addr) {
            let _ = stream.write_all(b"GET /api/ok HTTP/1.1\r\nHost: local");
            held.push(stream);
        }
    }
    thread::sleep(Duration::from_millis(800));
    let open = held
        .iter_mut()
        .map(|stream| !closed_within(stream, Duration::from_millis(1)))
        .filter(|open| *open)
        .count();
    format!(
        "200 unfinished heads, {open} still open after 0.8 s (closed at the 60 s header timeout)"
    )
}

fn flood(addr: SocketAddr) -> String {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return "connect failed".into();
    };
    let count = 2000;
    let one = b"GET /api/ok HTTP/1.1\r\nHost: localhost\r\n\r\n";
    let mut batch = Vec::with_capacity(one.len() * count);
    for _ in 0..count {
        batch.extend_from_slice(one);
    }
    let writer_stream = stream.try_clone().expect("clone");
    let writer = thread::spawn(move || {
        let mut writer_stream = writer_stream;
        let _ = writer_stream.write_all(&batch);
    });
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut seen = 0usize;
    let mut buffer = vec![0u8; 64 * 1024];
    let mut tail = Vec::new();
    let started = Instant::now();
    while seen < count && started.elapsed() < Duration::from_secs(10) {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                tail.extend_from_slice(&buffer[..n]);
                let text = String::from_utf8_lossy(&tail);
                seen += text.matches("HTTP/1.1 200").count();
                let keep = tail.len().saturating_sub(16);
                tail.drain(..keep);
            }
        }
    }
    let _ = writer.join();
    format!(
        "{seen}/{count} pipelined answered in {} ms",
        started.elapsed().as_millis()
    )
}

fn disconnect(addr: SocketAddr) -> String {
    for _ in 0..50 {
        if let Ok(mut stream) = TcpStream::connect(addr) {
            let _ = stream.write_all(
                b"POST /api/ok HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"half\":",
            );
        }
    }
    "50 clients closed mid-body".into()
}

fn faults() -> Vec<Fault> {
    let handler = |name, path: &'static str, route, message| Fault {
        name,
        run: get(path, Duration::from_secs(5)),
        logged: Some((route, message)),
    };
    vec![
        handler(
            "throw",
            "/api/throw",
            "GET /api/throw",
            "Error: thrown by the fault suite",
        ),
        handler(
            "reject after await",
            "/api/reject",
            "GET /api/reject",
            "Error: rejected by the fault suite",
        ),
        handler(
            "unhandled rejection",
            "/api/unhandled",
            "GET /api/unhandled",
            "unhandled promise rejection: Error: nobody handles this rejection",
        ),
        handler(
            "sync loop",
            "/api/spin",
            "GET /api/spin",
            "ran past the CPU budget",
        ),
        handler(
            "loop after await",
            "/api/spin-after-await",
            "GET /api/spin-after-await",
            "ran past the CPU budget",
        ),
        handler(
            "loop after await (route handler)",
            "/api/spin-route",
            "GET /api/spin-route",
            "ran past the CPU budget",
        ),
        handler(
            "process.exit(1)",
            "/api/exit",
            "GET /api/exit",
            "process.exit(1) was called by a handler",
        ),
        handler(
            "allocate until OOM",
            "/api/oom",
            "GET /api/oom",
            "out of memory (heap limit 64 MiB)",
        ),
        handler(
            "stack overflow",
            "/api/stack",
            "GET /api/stack",
            "RangeError: Maximum call stack size exceeded",
        ),
        Fault {
            name: "never answers",
            run: get("/api/hang", Duration::from_secs(1)),
            logged: None,
        },
        Fault {
            name: "smuggling (CL + TE)",
            run: Box::new(smuggle),
            logged: None,
        },
        Fault {
            name: "slowloris (200 heads)",
            run: Box::new(slowloris),
            logged: None,
        },
        Fault {
            name: "pipelined flood",
            run: Box::new(flood),
            logged: None,
        },
        Fault {
            name: "disconnect mid-body",
            run: Box::new(disconnect),
            logged: None,
        },
        handler(
            "heap filled by module state",
            "/api/leak",
            "GET /api/leak",
            "out of memory (heap limit 64 MiB)",
        ),
    ]
}

#[test]
fn every_fault_fails_alone_and_is_logged_once() {
    let budget = format!("{}", CPU_BUDGET.as_secs_f64());
    let memory = MEMORY_LIMIT_MB.to_string();
    let mut server = Server::start_with_args(
        &repo().join("tests/faults"),
        &["--cpu-budget", &budget, "--memory-limit-mb", &memory],
    );
    let addr = server.addr();
    // Warm the normal route (module load) before measuring.
    assert_eq!(
        get("/api/ok", Duration::from_secs(10))(addr).get(..3),
        Some("200")
    );
    let mut rows = Vec::new();
    for fault in faults() {
        let log_before = server.output().len();
        let stop = Arc::new(AtomicBool::new(false));
        let client = background(addr, stop.clone());
        thread::sleep(Duration::from_millis(50));
        let got = (fault.run)(addr);
        thread::sleep(Duration::from_millis(150));
        stop.store(true, Ordering::Relaxed);
        let seen = client.join().expect("background client");
        let started = Instant::now();
        let after = support::raw_request(
            addr,
            b"GET /api/ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            Duration::from_secs(10),
        );
        let recovered = if after.status == 200 {
            format!("200 in {} ms", started.elapsed().as_millis())
        } else {
            format!("FAILED: {} {:?}", after.status, after.error)
        };
        assert!(
            server.is_running(),
            "{}: the server died:\n{}",
            fault.name,
            server.output()
        );
        assert_eq!(
            after.status,
            200,
            "{}: no recovery:\n{}",
            fault.name,
            server.output()
        );
        assert!(
            seen.failed.is_empty(),
            "{}: {} of {} normal requests failed meanwhile, first: {:?}\n{}",
            fault.name,
            seen.failed.len(),
            seen.sent,
            seen.failed.first(),
            server.output()
        );
        assert!(
            seen.worst <= CPU_BUDGET + SLACK,
            "{}: a normal request waited {:?} (bound: the CPU budget {:?} + {:?})",
            fault.name,
            seen.worst,
            CPU_BUDGET,
            SLACK
        );
        if let Some((route, message)) = fault.logged {
            // The settling task may log just after the answer went out.
            thread::sleep(Duration::from_millis(50));
            let output = server.output();
            let new = &output[log_before..];
            let lines: Vec<&str> = new
                .lines()
                .filter(|line| line.contains(&format!("({route})")))
                .collect();
            assert_eq!(
                lines.len(),
                1,
                "{}: logged once with its route: {new}",
                fault.name
            );
            assert!(
                lines[0].contains("request ") && lines[0].contains(message),
                "{}: the line names the request and says {message:?}: {}",
                fault.name,
                lines[0]
            );
        }
        rows.push(Row {
            fault: fault.name,
            got,
            background: seen,
            recovered,
        });
    }
    let output = server.output();
    assert!(
        !output.contains("died by signal"),
        "the server process crashed and was restarted:\n{output}"
    );
    assert!(
        output.contains("a worker must be rebuilt: its heap stays at"),
        "the worker whose heap stays full is rebuilt:\n{output}"
    );
    let table = render(&rows);
    println!("{table}");
    if std::env::var_os("APIROUTES_FAULTS_REPORT").is_some_and(|value| value == "1") {
        std::fs::write(repo().join("bench/FAULTS.md"), table).expect("write bench/FAULTS.md");
    }
}

fn render(rows: &[Row]) -> String {
    let mut text = String::from(
        "# Fault suite\n\n\
         Written by `bench/faults.sh` (`crates/cli/tests/faults.rs` with\n\
         `APIROUTES_FAULTS_REPORT=1`): one `apiroutes start tests/faults` (1 worker,\n\
         `--cpu-budget 0.5`, `--memory-limit-mb 64`), each fault while a background client\n\
         sends `GET /api/ok` on fresh connections. *Collateral* counts the background\n\
         requests that failed during the fault, *worst* their longest wait; *recovery* is\n\
         the next normal request. Bound asserted by `cargo test`: no collateral failure, no\n\
         process death, and no normal request waits longer than the CPU budget + 0.7 s.\n\n\
         | fault | the fault request got | normal requests (failed / sent) | worst wait | recovery |\n\
         |---|---|---|---|---|\n",
    );
    for row in rows {
        text.push_str(&format!(
            "| {} | {} | {} / {} | {} ms | {} |\n",
            row.fault,
            row.got,
            row.background.failed.len(),
            row.background.sent,
            row.background.worst.as_millis(),
            row.recovered
        ));
    }
    text
}
