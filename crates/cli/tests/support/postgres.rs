//! A private, throw-away Postgres cluster for integration tests: [`cluster`] finds the
//! server's binaries (`initdb`, `postgres`, `psql` on `PATH` or in
//! `/usr/lib/postgresql/*/bin`, Debian's layout), `initdb`s a temporary folder, starts
//! `postgres` on a free loopback port with its Unix socket in that folder, and stops it
//! (SIGINT, then SIGKILL, by the PID it started) when the last test holding it is done.
//! Each test takes a database of its own with [`Cluster::database`].
//!
//! Postgres refuses to run as root: under root the cluster's folder is handed to the
//! `postgres` user (or `nobody`) and the server runs as that user (set by `Command`'s
//! `uid`/`gid`, so the PID is the server's own).
//!
//! Without the binaries, [`cluster`] prints why and returns `None` so the test passes as
//! skipped, except with `CI=true`, where it panics: CI must run these tests.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// How long a fresh cluster may take to accept connections.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// A running private cluster; stopped on drop.
pub struct Cluster {
    child: Child,
    pub port: u16,
    bin: PathBuf,
    /// The cluster's folder (data directory, socket, log); removed on drop.
    dir: tempfile::TempDir,
    databases: AtomicUsize,
}

/// The shared cluster of this test binary, started on first use; `None` (after saying
/// why) when no Postgres is installed and `CI` is not `true`.
pub fn cluster() -> Option<Arc<Cluster>> {
    static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(cluster) = shared.upgrade() {
        return Some(cluster);
    }
    let Some(bin) = find_binaries() else {
        let why = "no Postgres server binaries (initdb, postgres, psql) on PATH or in \
                   /usr/lib/postgresql/*/bin; install Debian's `postgresql` package";
        super::server_missing(&format!("the Postgres test: {why}"));
        return None;
    };
    let mut last = String::new();
    for _ in 0..3 {
        match Cluster::start(&bin) {
            Ok(cluster) => {
                let cluster = Arc::new(cluster);
                *shared = Arc::downgrade(&cluster);
                return Some(cluster);
            }
            Err(err) => last = err,
        }
    }
    panic!("the Postgres test cluster did not start: {last}");
}

/// The folder holding `initdb`, `postgres` and `psql` (a symlinked `initdb`, as a
/// hand-installed one in /usr/local/bin may be, is followed to its real folder).
pub fn find_binaries() -> Option<PathBuf> {
    let complete = |dir: &Path| {
        ["initdb", "postgres", "psql"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    versions.sort_by_key(|(version, _)| std::cmp::Reverse(*version));
    candidates.extend(versions.into_iter().map(|(_, dir)| dir));
    candidates.into_iter().find_map(|dir| {
        let initdb = dir.join("initdb");
        if !initdb.is_file() {
            return None;
        }
        let real = initdb.canonicalize().ok()?.parent()?.to_path_buf();
        [real, dir].into_iter().find(|dir| complete(dir))
    })
}

/// The uid and gid to run the server as: ours, or under root an unprivileged user's.
fn server_user() -> Option<(u32, u32)> {
    let id = |flag: &str, user: &str| -> Option<u32> {
        let out = Command::new("id").args([flag, user]).output().ok()?;
        String::from_utf8(out.stdout).ok()?.trim().parse().ok()
    };
    let out = Command::new("id").arg("-u").output().ok()?;
    let me: u32 = String::from_utf8(out.stdout).ok()?.trim().parse().ok()?;
    if me != 0 {
        return None;
    }
    ["postgres", "nobody"]
        .iter()
        .find_map(|user| Some((id("-u", user)?, id("-g", user)?)))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Cluster {
    fn start(bin: &Path) -> Result<Cluster, String> {
        let dir = tempfile::Builder::new()
            .prefix("apiroutes-pg-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let user = server_user();
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .map_err(|e| format!("chown {}: {e}", dir.path().display()))?;
        }
        let as_server = |program: &str| {
            let mut command = Command::new(bin.join(program));
            command.current_dir(dir.path()).stdin(Stdio::null());
            command.env("LC_ALL", "C").env_remove("PGDATA");
            if let Some((uid, gid)) = user {
                command.uid(uid).gid(gid);
            }
            command
        };
        let data = dir.path().join("data");
        let output = as_server("initdb")
            .args([
                "--no-locale",
                "-E",
                "UTF8",
                "-A",
                "trust",
                "-U",
                "postgres",
                "-N",
                "-D",
            ])
            .arg(&data)
            .output()
            .map_err(|e| format!("initdb: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "initdb failed: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let port = free_port();
        let log_path = dir.path().join("server.log");
        let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
        if let Some((uid, gid)) = user {
            let _ = std::os::unix::fs::chown(&log_path, Some(uid), Some(gid));
        }
        let child = as_server("postgres")
            .arg("-D")
            .arg(&data)
            .args(["-p", &port.to_string(), "-h", "127.0.0.1", "-k"])
            .arg(dir.path())
            .args([
                "-F",
                "-c",
                "max_connections=200",
                "-c",
                "shared_buffers=16MB",
            ])
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("postgres: {e}"))?;
        let mut cluster = Cluster {
            child,
            port,
            bin: bin.to_path_buf(),
            dir,
            databases: AtomicUsize::new(0),
        };
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if cluster.psql("postgres", "SELECT 1").is_ok() {
                return Ok(cluster);
            }
            let exited = cluster.child.try_wait().ok().flatten().is_some();
            if exited || Instant::now() > deadline {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                return Err(format!("postgres on port {port} did not come up: {log}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs one command with `psql` as the superuser over the cluster's socket.
    pub fn psql(&self, database: &str, command: &str) -> Result<String, String> {
        let output = Command::new(self.bin.join("psql"))
            .args([
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-U",
                "postgres",
                "-h",
            ])
            .arg(self.dir.path())
            .args(["-p", &self.port.to_string(), "-d", database, "-c", command])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }

    /// A new empty database; returns its `postgres://` URL (TCP on loopback).
    pub fn database(&self) -> String {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("t{}_{n}", std::process::id());
        self.psql("postgres", &format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|err| panic!("CREATE DATABASE {name}: {err}"));
        self.url(&name)
    }

    /// The URL of database `name` as the superuser.
    pub fn url(&self, name: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{name}?sslmode=disable",
            self.port
        )
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // SIGINT is Postgres' fast shutdown.
        super::stop_server(&mut self.child, "-INT");
    }
}
