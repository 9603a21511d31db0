//! A private, throw-away MariaDB server for integration tests: `mariadb-install-db` into a
//! temporary folder, then `mariadbd` on a free loopback port with grant tables skipped
//! (any user connects without a password), stopped (SIGTERM, then SIGKILL, by its PID)
//! on drop. Debian's `mariadb-server` package provides both binaries.
//!
//! Without them, [`server`] prints why and returns `None` so the test passes as skipped,
//! except with `CI=true`, where it panics: CI must run these tests.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a fresh server may take to accept connections.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// A running private MariaDB; stopped on drop.
pub struct MariaDb {
    child: Child,
    pub port: u16,
    /// The server's folder (data directory, socket, log); removed on drop.
    dir: tempfile::TempDir,
}

fn find(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/bin".into()])
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Starts a server, or `None` (after saying why) without MariaDB when `CI` is not `true`.
pub fn server() -> Option<MariaDb> {
    let (Some(install), Some(daemon), Some(client)) = (
        find("mariadb-install-db"),
        find("mariadbd"),
        find("mariadb"),
    ) else {
        let why = "no MariaDB binaries (mariadb-install-db, mariadbd, mariadb); install \
                   Debian's `mariadb-server` package";
        super::server_missing(&format!("the MariaDB test: {why}"));
        return None;
    };
    let mut last = String::new();
    for _ in 0..3 {
        match MariaDb::start(&install, &daemon, &client) {
            Ok(server) => return Some(server),
            Err(err) => last = err,
        }
    }
    panic!("the MariaDB test server did not start: {last}");
}

impl MariaDb {
    fn start(install: &Path, daemon: &Path, client: &Path) -> Result<MariaDb, String> {
        let dir = tempfile::Builder::new()
            .prefix("apiroutes-mariadb-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let data = dir.path().join("data");
        // `--user` is only honoured (and needed) as root; as another user it runs as that user.
        let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
        let output = Command::new(install)
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--user={user}"))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("mariadb-install-db: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "mariadb-install-db failed: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let port = super::free_port().map_err(|e| e.to_string())?;
        let log_path = dir.path().join("server.log");
        let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
        let child = Command::new(daemon)
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", dir.path().join("sock").display()))
            .arg(format!("--port={port}"))
            .arg(format!("--user={user}"))
            .args([
                "--bind-address=127.0.0.1",
                "--skip-grant-tables",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=16M",
            ])
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("mariadbd: {e}"))?;
        let mut server = MariaDb { child, port, dir };
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let ready = Command::new(client)
                .arg("--no-defaults")
                .args(["-h127.0.0.1", &format!("-P{port}"), "-uroot"])
                .args(["-e", "CREATE DATABASE IF NOT EXISTS t"])
                .stdin(Stdio::null())
                .output()
                .is_ok_and(|output| output.status.success());
            if ready {
                return Ok(server);
            }
            let exited = server.child.try_wait().ok().flatten().is_some();
            if exited || Instant::now() > deadline {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                return Err(format!("mariadbd on port {port} did not come up: {log}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The URL of the database `t` as root.
    pub fn url(&self) -> String {
        format!("mysql://root@127.0.0.1:{}/t", self.port)
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        super::stop_server(&mut self.child, "-TERM");
    }
}
