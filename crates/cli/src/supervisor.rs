//! The supervisor of `start` and `dev`: the parent process binds the listening socket and
//! runs the server as a child process that inherits it.
//!
//! - A child that dies by a signal (a native crash in the engine) is logged with its signal
//!   and started again at once on the same socket; connections arriving meanwhile wait in
//!   the kernel's backlog (the socket stays open and listening in the parent). Crash loops
//!   back off: the second quick crash in a row waits 100 ms, then 200 ms, ... up to 5 s.
//! - A child that exits (a start-up error such as a bad route file, or a normal end) is not
//!   restarted: its exit status is the parent's.
//! - SIGTERM/SIGINT/SIGHUP to the parent are passed to the child (it drains:
//!   `shutdown.rs`), a second one too (it exits at once), a third is SIGKILL; once the
//!   child has stopped, the parent ends the same way (the same exit code, or signal).
//! - The child dies with the parent, even when the parent is killed with SIGKILL
//!   (`PR_SET_PDEATHSIG`), so killing the PID `apiroutes start` printed leaves nothing.
//!
//! The parent blocks SIGCHLD, SIGTERM, SIGINT and SIGHUP and waits for them with `sigtimedwait`:
//! one thread, no handlers. `--no-supervisor` serves in the process itself.

use std::os::fd::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::shutdown::{block_signals, signal_name, wait_signal};

/// The environment variable that hands the child the inherited socket's descriptor.
pub const LISTEN_FD_ENV: &str = "APIROUTES_LISTEN_FD";

/// A child that lived shorter than this before crashing counts towards a crash loop.
pub(crate) const QUICK_CRASH: Duration = Duration::from_secs(5);
/// The longest pause between restarts in a crash loop.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// The socket the supervisor bound, when this process is its child.
pub fn inherited_listener() -> Option<std::net::TcpListener> {
    use std::os::fd::FromRawFd;
    let fd: i32 = std::env::var(LISTEN_FD_ENV).ok()?.parse().ok()?;
    // Not for the processes a handler might start.
    std::env::remove_var(LISTEN_FD_ENV);
    // SAFETY: the supervisor bound this socket and passed its descriptor to us alone; we
    // take ownership of it once (the variable is gone now).
    let listener = unsafe { std::net::TcpListener::from_raw_fd(fd) };
    // SAFETY: plain fcntl on a descriptor we own: not inherited further.
    unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    Some(listener)
}

/// Runs this binary again, with the same arguments, as the server child; restarts it when
/// it dies by a signal. Returns the exit code the parent must end with.
pub fn supervise(hostname: Option<&str>, port: u16) -> Result<i32> {
    let listener = apiroutes_server::bind_for_supervisor(hostname, port)?;
    let fd = share(&listener)?;
    let signals = block_signals(&[libc::SIGCHLD]);
    let parent = std::process::id() as libc::pid_t;
    let mut quick_crashes = 0u32;
    let mut stopping: Option<i32> = None;
    let mut signals_received = 0u32;
    loop {
        let started = Instant::now();
        let mut child = spawn_child(fd, parent, &[])?;
        let status = loop {
            match wait_signal(&signals, None) {
                Some(libc::SIGCHLD) | None => {
                    if let Some(status) = child.try_wait().context("waiting for the server")? {
                        break status;
                    }
                }
                Some(signal) => {
                    signals_received += 1;
                    stopping = Some(signal);
                    let to_send = if signals_received > 2 {
                        libc::SIGKILL
                    } else {
                        signal
                    };
                    // SAFETY: a signal to our own child, which we have not reaped yet.
                    unsafe { libc::kill(child.id() as libc::pid_t, to_send) };
                }
            }
        };
        if let Some(code) = status.code() {
            return Ok(code);
        }
        let signal = status.signal().unwrap_or(libc::SIGKILL);
        if stopping.is_some() {
            end_by_signal(signal);
            return Ok(128 + signal);
        }
        let lived = started.elapsed();
        quick_crashes = if lived < QUICK_CRASH {
            quick_crashes + 1
        } else {
            1
        };
        let pause = backoff(quick_crashes);
        tracing::error!(
            "the server process (pid {}) died by signal {signal} ({}) after {:.1} s; restarting it {}",
            child.id(),
            signal_name(signal),
            lived.as_secs_f64(),
            if pause.is_zero() {
                "now".to_string()
            } else {
                format!("in {} ms (it keeps crashing)", pause.as_millis())
            }
        );
        if !pause.is_zero() {
            if let Some(signal) = wait_signal(&signals, Some(pause)).filter(|s| *s != libc::SIGCHLD)
            {
                end_by_signal(signal);
                return Ok(128 + signal);
            }
        }
    }
}

/// No pause for a first crash (or a crash after a long run), then 100 ms doubling to 5 s.
pub(crate) fn backoff(quick_crashes: u32) -> Duration {
    if quick_crashes <= 1 {
        return Duration::ZERO;
    }
    let doubling = quick_crashes.saturating_sub(2).min(10);
    (Duration::from_millis(100) * (1u32 << doubling)).min(MAX_BACKOFF)
}

/// Makes the listening socket `listener` inheritable; returns its descriptor.
pub(crate) fn share(listener: &std::net::TcpListener) -> Result<i32> {
    let fd = listener.as_raw_fd();
    // SAFETY: fcntl on our own descriptor: the child inherits it across exec.
    if unsafe { libc::fcntl(fd, libc::F_SETFD, 0) } != 0 {
        return Err(std::io::Error::last_os_error()).context("cannot share the listening socket");
    }
    Ok(fd)
}

/// Starts this binary again with our arguments, the socket `fd` and `envs`.
pub(crate) fn spawn_child(fd: i32, parent: libc::pid_t, envs: &[(&str, String)]) -> Result<Child> {
    let exe = std::env::current_exe().context("cannot find the apiroutes binary")?;
    let mut command = Command::new(exe);
    command
        .args(std::env::args_os().skip(1))
        .env(LISTEN_FD_ENV, fd.to_string())
        .envs(envs.iter().map(|(name, value)| (name, value)))
        // Its own process group: a Ctrl-C on the terminal reaches the parent only, which
        // passes it on once (the child would otherwise see it twice and exit at once).
        .process_group(0);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            #[cfg(any(target_os = "linux", target_os = "android"))]
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The parent died before the line above: nobody would stop us.
            if libc::getppid() != parent {
                return Err(std::io::Error::other("the supervisor is gone"));
            }
            let mut empty: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut empty);
            libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
            Ok(())
        });
    }
    command.spawn().context("cannot start the server process")
}

/// Ends the supervisor by the signal that ended the child (its default action).
pub(crate) fn end_by_signal(signal: i32) {
    // SAFETY: restore the default action, unblock, and raise: the process ends here
    // unless the signal's default is to ignore it.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, signal);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(signal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_loops_back_off_up_to_the_cap() {
        assert_eq!(backoff(1), Duration::ZERO, "a first crash restarts at once");
        assert_eq!(backoff(2), Duration::from_millis(100));
        assert_eq!(backoff(3), Duration::from_millis(200));
        assert_eq!(backoff(40), MAX_BACKOFF);
    }
}
