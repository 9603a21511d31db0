//! Installing a fixture's npm packages for a test: `npm ci` from the committed lockfile,
//! once per test binary and skipped when `node_modules` already matches the lockfile.
//! `None` means npm is missing: the caller prints a skip message and returns.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long `npm ci` may take before the test gives up on it.
const NPM_TIMEOUT: Duration = Duration::from_secs(300);

/// True when `npm --version` runs.
pub fn available() -> bool {
    Command::new("npm")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `npm ci` in `dir` unless its `node_modules` is up to date; `None` without npm.
pub fn install(dir: &Path) -> Option<PathBuf> {
    if !available() {
        return None;
    }
    if node_modules_up_to_date(dir) {
        return Some(dir.to_path_buf());
    }
    // No package of the fixtures needs an install script; not running any keeps the
    // install quick and free of side effects.
    let mut child = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("npm is available but `npm ci` could not be spawned");
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > NPM_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`npm ci` in {} took longer than {NPM_TIMEOUT:?}",
                    dir.display()
                );
            }
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(err) => panic!("waiting for `npm ci` failed: {err}"),
        }
    }
    let output = child
        .wait_with_output()
        .expect("collecting `npm ci` output failed");
    assert!(
        output.status.success(),
        "`npm ci` failed in {} ({}):\n{}\n{}",
        dir.display(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(dir.to_path_buf())
}

/// npm writes `node_modules/.package-lock.json` on every install; when it is newer than
/// the committed lockfile, the tree already matches it.
fn node_modules_up_to_date(dir: &Path) -> bool {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|meta| meta.modified());
    match (
        modified(dir.join("node_modules/.package-lock.json")),
        modified(dir.join("package-lock.json")),
    ) {
        (Ok(installed), Ok(lock)) => installed >= lock,
        _ => false,
    }
}
