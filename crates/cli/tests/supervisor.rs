//! The supervisor of `apiroutes start`: a server process that dies by a signal (the
//! test-only crash switch `__apiroutesTestCrash`, `APIROUTES_TEST_HOOKS=1`, raises SIGSEGV)
//! is restarted on the same socket while new connections wait; SIGTERM and SIGKILL to the
//! parent leave no server process behind; a start-up error is not restarted and its exit
//! status is the parent's; `--no-supervisor` serves in one process.

mod support;

use std::fs::File;
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

fn faults_app() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/faults")
}

/// `apiroutes start DIR --port P --hostname 127.0.0.1`, as external checks run it.
struct Started {
    parent: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl Started {
    fn new(dir: &Path, extra: &[&str]) -> Started {
        let port = support::free_port().expect("free port");
        let log = std::env::temp_dir().join(format!(
            "apiroutes-supervisor-{}-{port}.log",
            std::process::id()
        ));
        let out = File::create(&log).expect("log file");
        let parent = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
            .arg("start")
            .arg(dir)
            .args(["--port", &port.to_string(), "--hostname", "127.0.0.1"])
            .args(extra)
            .env("APIROUTES_TEST_HOOKS", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::from(out.try_clone().expect("clone log")))
            .stderr(Stdio::from(out))
            .spawn()
            .expect("spawn apiroutes");
        Started {
            parent,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            log,
        }
    }

    fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn ok(&self, timeout: Duration) -> bool {
        support::raw_request(
            self.addr,
            b"GET /api/ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            timeout,
        )
        .status
            == 200
    }

    fn wait_ready(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if TcpStream::connect(self.addr).is_ok() && self.ok(Duration::from_secs(5)) {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not start:\n{}", self.output());
    }

    /// The faults app started and serving, with the pid of its server child process.
    fn ready_with_child() -> (Started, u32) {
        let server = Started::new(&faults_app(), &[]);
        server.wait_ready();
        let child = server.child_pid().expect("a server child process");
        (server, child)
    }

    /// The server child process of the supervisor.
    fn child_pid(&self) -> Option<u32> {
        let pid = self.parent.id();
        let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
        children.split_whitespace().next()?.parse().ok()
    }

    fn signal(&self, signal: i32) {
        // SAFETY: a signal to the process we spawned and have not reaped.
        unsafe { libc::kill(self.parent.id() as libc::pid_t, signal) };
    }

    fn wait_exit(&mut self, timeout: Duration) -> std::process::ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.parent.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                started.elapsed() < timeout,
                "the supervisor did not exit:\n{}",
                self.output()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        let _ = self.parent.kill();
        let _ = self.parent.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// Whether `pid` is gone (or a zombie waiting for init).
fn is_dead(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

fn wait_dead(pid: u32, timeout: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < timeout {
        if is_dead(pid) {
            return true;
        }
        thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn a_server_crashed_by_a_signal_is_restarted_on_the_same_socket() {
    let server = Started::new(&faults_app(), &[]);
    server.wait_ready();
    let first = server.child_pid().expect("a server child process");
    let crash = support::raw_request(
        server.addr,
        b"GET /api/crash HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert_eq!(
        crash.status, 0,
        "the crashing request gets no answer: {crash:?}"
    );
    // Connections made right away wait in the kernel's queue for the restarted server.
    let started = Instant::now();
    let clients: Vec<_> = (0..5)
        .map(|_| {
            let addr = server.addr;
            thread::spawn(move || {
                support::raw_request(
                    addr,
                    b"GET /api/ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                    Duration::from_secs(10),
                )
                .status
            })
        })
        .collect();
    for client in clients {
        assert_eq!(client.join().expect("client"), 200, "{}", server.output());
    }
    let recovered = started.elapsed();
    println!("served again {} ms after the crash", recovered.as_millis());
    assert!(recovered < Duration::from_secs(2), "took {recovered:?}");
    let second = server.child_pid().expect("a new server child process");
    assert_ne!(first, second, "a new process serves");
    let output = server.output();
    assert!(
        output.contains(&format!(
            "the server process (pid {first}) died by signal 11 (SIGSEGV)"
        )) && output.contains("restarting it now"),
        "the crash and its signal are logged:\n{output}"
    );
}

#[test]
fn sigterm_stops_the_server_and_the_parent_ends_the_same_way() {
    let (mut server, child) = Started::ready_with_child();
    server.signal(libc::SIGTERM);
    let status = server.wait_exit(Duration::from_secs(10));
    // The child drains (nothing in flight) and exits 0; so does the parent.
    assert_eq!(status.code(), Some(0), "{status:?}");
    assert!(
        wait_dead(child, Duration::from_secs(2)),
        "the server child is gone"
    );
    assert!(
        !server.output().contains("restarting"),
        "{}",
        server.output()
    );
}

#[test]
fn sigkill_to_the_parent_leaves_no_server_behind() {
    let (mut server, child) = Started::ready_with_child();
    server.signal(libc::SIGKILL);
    let _ = server.wait_exit(Duration::from_secs(5));
    assert!(
        wait_dead(child, Duration::from_secs(2)),
        "the server child died with its parent (PR_SET_PDEATHSIG)"
    );
    // The leader thread shows as a zombie while the others still exit; the socket
    // closes with the last of them.
    let started = Instant::now();
    while TcpStream::connect_timeout(&server.addr, Duration::from_millis(500)).is_ok()
        && started.elapsed() < Duration::from_secs(2)
    {
        thread::sleep(Duration::from_millis(10));
    }
    assert!(
        TcpStream::connect_timeout(&server.addr, Duration::from_millis(500)).is_err(),
        "nobody listens on the port any more"
    );
}

#[test]
fn a_start_up_error_is_not_restarted_and_its_status_is_the_parent_s() {
    let project = tempfile::tempdir().expect("temp dir");
    // Next refuses a project with both a middleware and a proxy file.
    std::fs::create_dir_all(project.path().join("pages/api")).expect("mkdir");
    std::fs::write(
        project.path().join("pages/api/ok.js"),
        "export default () => {}\n",
    )
    .expect("write");
    std::fs::write(
        project.path().join("middleware.js"),
        "export function middleware() {}\n",
    )
    .expect("write");
    std::fs::write(
        project.path().join("proxy.js"),
        "export function proxy() {}\n",
    )
    .expect("write");
    let mut server = Started::new(project.path(), &[]);
    let status = server.wait_exit(Duration::from_secs(20));
    assert_eq!(status.code(), Some(1), "{status:?}: {}", server.output());
    let output = server.output();
    assert!(!output.contains("restarting"), "{output}");
    assert!(
        output.contains("Both middleware file"),
        "the child's error is shown: {output}"
    );
}

#[test]
fn without_the_supervisor_a_crash_ends_the_process() {
    let mut server = Started::new(&faults_app(), &["--no-supervisor"]);
    server.wait_ready();
    assert_eq!(server.child_pid(), None, "no child process");
    let _ = support::raw_request(
        server.addr,
        b"GET /api/crash HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    let status = server.wait_exit(Duration::from_secs(5));
    assert_eq!(status.signal(), Some(libc::SIGSEGV), "{status:?}");
}
