//! `apiroutes dev`'s watch and reload: the supervisor's parent process watches the
//! project and replaces the server process on each saved change.
//!
//! - The parent holds the listening socket (as the supervisor of `start` does). On a
//!   change it starts a new server process on the same socket, which loads the project
//!   from scratch (`.env*`, `next.config.*`, routes, `public/`, migrations, fresh
//!   JavaScript runtimes) and reports ready with SIGUSR1. Only then is the old process
//!   told to drain (SIGUSR2): it stops accepting, finishes its requests in flight and
//!   exits. The socket never closes, so no connection is refused meanwhile.
//! - A new process that fails to start (a route conflict, a `next.config` that throws)
//!   exits with its error printed; the old one keeps serving until the next change.
//! - Changes are debounced (10 ms after the last event) and coalesced: changes during a reload start one more
//!   reload once it is done.
//! - Watched: the project tree except `node_modules`, `.git`, `.next`, `.apiroutes`,
//!   `out` (sources, JSON, SQL, `.env*`, anything under `public/`; not editor swap or
//!   database files, so a handler writing its SQLite file never reloads the server).
//! - A server process that dies by a signal is restarted as `start`'s supervisor does.

use std::collections::HashSet;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::{shutdown, supervisor};

/// Tells a server process which generation it is (0: the first; later ones are reloads
/// and print no ready line); its presence means the parent waits for SIGUSR1.
pub const GENERATION_ENV: &str = "APIROUTES_DEV_GENERATION";

/// Quiet time after the last file event of a save before the reload starts.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// How long a draining server may take to finish its requests in flight.
pub const DRAIN_GRACE: Duration = Duration::from_secs(10);
/// How many ports `dev` tries when the one asked for is taken (as `next dev`).
const PORT_ATTEMPTS: u16 = 10;

/// Top-level folders never watched.
const IGNORED_DIRS: &[&str] = &["node_modules", ".git", ".next", ".apiroutes", "out"];
/// Extensions of the files whose change reloads the server.
const WATCHED_EXTENSIONS: &[&str] = &[
    "js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts", "json", "sql",
];

/// The generation this process was started as by the dev loop, if it was (read once).
pub fn generation() -> Option<u64> {
    let value = std::env::var(GENERATION_ENV).ok()?;
    std::env::remove_var(GENERATION_ENV);
    value.parse().ok()
}

/// Tells the dev loop this server process accepts connections.
pub fn report_ready() {
    // SAFETY: a signal to our parent, the dev loop, which waits for it.
    unsafe { libc::kill(libc::getppid(), libc::SIGUSR1) };
}

/// Binds (without listening) `port`, or the next free one as `next dev` does, saying so.
pub fn bind(hostname: Option<&str>, port: u16) -> Result<TcpListener> {
    let mut port = port;
    for _ in 1..PORT_ATTEMPTS {
        match apiroutes_server::bind_for_supervisor(hostname, port) {
            Err(apiroutes_server::ServerError::PortInUse { .. })
                if port != 0 && port < u16::MAX =>
            {
                tracing::warn!("Port {port} is in use, trying {} instead.", port + 1);
                port += 1;
            }
            other => return Ok(other?),
        }
    }
    Ok(apiroutes_server::bind_for_supervisor(hostname, port)?)
}

/// One server process of the loop.
struct Generation {
    child: Child,
    ready: bool,
    started: Instant,
    /// What changed to start it (empty for the first and for crash restarts).
    changes: Vec<PathBuf>,
}

impl Generation {
    fn spawn(fd: i32, parent: libc::pid_t, number: u64, changes: Vec<PathBuf>) -> Result<Self> {
        let child = supervisor::spawn_child(fd, parent, &[(GENERATION_ENV, number.to_string())])?;
        Ok(Self {
            child,
            ready: false,
            started: Instant::now(),
            changes,
        })
    }

    fn pid(&self) -> libc::pid_t {
        self.child.id() as libc::pid_t
    }

    fn signal(&self, signal: i32) {
        // SAFETY: a signal to our own child, which we have not reaped yet.
        unsafe { libc::kill(self.pid(), signal) };
    }
}

/// Serves `dir` on `listener` and reloads on change; returns the exit code of the parent.
pub fn supervise(listener: TcpListener, dir: &Path) -> Result<i32> {
    let fd = supervisor::share(&listener)?;
    // Before the watcher's threads exist, so they inherit the mask.
    let signals = shutdown::block_signals(&[libc::SIGCHLD, libc::SIGUSR1, libc::SIGUSR2]);
    let mut watch = Watch::start(dir)?;
    let parent = std::process::id() as libc::pid_t;
    let mut next_number = 1u64;
    let mut current = Generation::spawn(fd, parent, 0, Vec::new())?;
    let mut pending: Option<Generation> = None;
    let mut draining: Vec<Child> = Vec::new();
    let mut changes: Vec<PathBuf> = Vec::new();
    let mut stopping: Option<i32> = None;
    let mut quick_crashes = 0u32;
    // When the last file event came: a reload starts once it is DEBOUNCE old.
    let mut last_event: Option<Instant> = None;
    loop {
        let timeout = last_event.map(|at| DEBOUNCE.saturating_sub(at.elapsed()));
        match shutdown::wait_signal_from(&signals, timeout) {
            Some((libc::SIGUSR2, _)) => {
                let fresh = watch.take();
                watch.follow_new_dirs(&fresh);
                if !fresh.is_empty() {
                    last_event = Some(Instant::now());
                }
                changes.extend(fresh);
            }
            Some((libc::SIGUSR1, from)) => {
                if pending.as_ref().is_some_and(|p| p.pid() == from) {
                    let mut fresh = pending.take().expect("checked above");
                    fresh.ready = true;
                    current.signal(libc::SIGUSR2);
                    tracing::info!(
                        "reloaded in {} ms ({})",
                        fresh.started.elapsed().as_millis(),
                        describe(dir, &fresh.changes)
                    );
                    draining.push(std::mem::replace(&mut current, fresh).child);
                } else if current.pid() == from {
                    current.ready = true;
                }
            }
            Some((libc::SIGCHLD, _)) | None => {}
            Some((signal, _)) => {
                let second = stopping.is_some();
                stopping = Some(signal);
                let to_send = if second { libc::SIGKILL } else { libc::SIGTERM };
                current.signal(to_send);
                if let Some(pending) = &pending {
                    pending.signal(libc::SIGKILL);
                }
                for child in &draining {
                    // SAFETY: a signal to our own child, not reaped yet.
                    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGKILL) };
                }
            }
        }
        draining.retain_mut(|child| matches!(child.try_wait(), Ok(None)));
        if let Some(failed) = pending.as_mut() {
            if let Some(status) = failed.child.try_wait().context("waiting for the server")? {
                if stopping.is_none() {
                    tracing::error!(
                        "reload failed ({status}; the error is above); still serving the previous version until the next change"
                    );
                }
                pending = None;
            }
        }
        if let Some(status) = current.child.try_wait().context("waiting for the server")? {
            use std::os::unix::process::ExitStatusExt;
            if let Some(code) = status.code() {
                return Ok(code);
            }
            let signal = status.signal().unwrap_or(libc::SIGKILL);
            if stopping.is_some() {
                supervisor::end_by_signal(signal);
                return Ok(128 + signal);
            }
            let lived = current.started.elapsed();
            quick_crashes = if lived < supervisor::QUICK_CRASH {
                quick_crashes + 1
            } else {
                1
            };
            let pause = supervisor::backoff(quick_crashes);
            tracing::error!(
                "the server process (pid {}) died by signal {signal} ({}) after {:.1} s; restarting it",
                current.pid(),
                shutdown::signal_name(signal),
                lived.as_secs_f64(),
            );
            std::thread::sleep(pause);
            let number = next_number;
            next_number += 1;
            current = Generation::spawn(fd, parent, number, Vec::new())?;
            continue;
        }
        let settled = last_event.is_none_or(|at| at.elapsed() >= DEBOUNCE);
        if settled {
            last_event = None;
        }
        if settled
            && !changes.is_empty()
            && pending.is_none()
            && current.ready
            && stopping.is_none()
        {
            let number = next_number;
            next_number += 1;
            pending = Some(Generation::spawn(
                fd,
                parent,
                number,
                std::mem::take(&mut changes),
            )?);
        }
    }
}

/// The changed files, relative to the project, for the reload line.
fn describe(dir: &Path, changes: &[PathBuf]) -> String {
    let mut names: Vec<String> = changes
        .iter()
        .map(|path| path.strip_prefix(dir).unwrap_or(path).display().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        names.push(format!("{more} more"));
    }
    names.join(", ")
}

/// The file watcher: changed paths collect here, and the dev loop is woken with SIGUSR2.
struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
    changes: Arc<Mutex<Vec<PathBuf>>>,
    followed: HashSet<PathBuf>,
}

impl Watch {
    fn start(root: &Path) -> Result<Self> {
        let changes = Arc::new(Mutex::new(Vec::new()));
        let sink = changes.clone();
        let filter_root = root.to_path_buf();
        let parent = std::process::id() as libc::pid_t;
        let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
            let Ok(event) = result else { return };
            if !is_change(&event.kind) {
                return;
            }
            let relevant: Vec<PathBuf> = event
                .paths
                .into_iter()
                .filter(|path| is_watched(&filter_root, path))
                .collect();
            if relevant.is_empty() {
                return;
            }
            sink.lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .extend(relevant);
            // SAFETY: a signal to our own process; every thread blocks it, so it
            // waits for the dev loop's sigtimedwait.
            unsafe { libc::kill(parent, libc::SIGUSR2) };
        })
        .context("cannot watch the project for changes")?;
        let mut watch = Self {
            watcher,
            root: root.to_path_buf(),
            changes,
            followed: HashSet::new(),
        };
        watch
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        let entries: Vec<PathBuf> = std::fs::read_dir(root)
            .with_context(|| format!("cannot read {}", root.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        watch.follow_new_dirs(&entries);
        Ok(watch)
    }

    /// Watches the new top-level folders among `paths` (all of their tree).
    fn follow_new_dirs(&mut self, paths: &[PathBuf]) {
        for path in paths {
            let top_level = path.parent() == Some(self.root.as_path());
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or("");
            if !top_level || !path.is_dir() || IGNORED_DIRS.contains(&name) {
                continue;
            }
            if self.followed.contains(path) {
                continue;
            }
            match self.watcher.watch(path, RecursiveMode::Recursive) {
                Ok(()) => {
                    self.followed.insert(path.clone());
                }
                Err(err) => tracing::warn!("cannot watch {}: {err}", path.display()),
            }
        }
    }

    fn take(&self) -> Vec<PathBuf> {
        std::mem::take(
            &mut *self
                .changes
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

/// Whether an event is a change (the server's own reads of the files are not).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        // Closed after writing (`touch` too).
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// Whether a change of `path` reloads the server.
fn is_watched(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    let Some(first) = parts.next().and_then(|part| part.as_os_str().to_str()) else {
        return false;
    };
    if IGNORED_DIRS.contains(&first) {
        return false;
    }
    let name = relative
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    if name.starts_with(".env") {
        return true;
    }
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    if first == "public" {
        return true;
    }
    match relative.extension().and_then(|ext| ext.to_str()) {
        Some(ext) => WATCHED_EXTENSIONS.contains(&ext),
        // A folder created, renamed or deleted (its routes come or go).
        None => path.is_dir() || !path.exists(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_config_and_public_files_are_watched_but_not_databases_or_dependencies() {
        let root = Path::new("/p");
        for watched in [
            "/p/pages/api/a.ts",
            "/p/lib/db.js",
            "/p/.env.local",
            "/p/next.config.mjs",
            "/p/tsconfig.json",
            "/p/migrations/001.sql",
            "/p/public/logo.png",
        ] {
            assert!(is_watched(root, Path::new(watched)), "{watched}");
        }
        for ignored in [
            "/p/node_modules/x/index.js",
            "/p/.git/index",
            "/p/.apiroutes/manifest.json",
            "/p/data.db",
            "/p/data.db-journal",
            "/p/pages/api/.a.ts.swp",
            "/p/pages/api/a.ts~",
            "/elsewhere/a.ts",
        ] {
            assert!(!is_watched(root, Path::new(ignored)), "{ignored}");
        }
    }

    #[test]
    fn the_reload_line_names_up_to_three_files() {
        let dir = Path::new("/p");
        let files: Vec<PathBuf> = ["a.ts", "b.ts", "a.ts", "c.ts", "d.ts", "e.ts"]
            .iter()
            .map(|name| dir.join("pages").join(name))
            .collect();
        assert_eq!(
            describe(dir, &files),
            "pages/a.ts, pages/b.ts, pages/c.ts, 2 more"
        );
    }
}
