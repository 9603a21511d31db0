//! Graceful shutdown of `start` and `dev`, and the signal primitives the supervisor shares.
//!
//! The server process blocks SIGTERM, SIGINT and SIGHUP before it starts any thread and
//! waits for them on its main thread with `sigtimedwait` (no handlers). The first one
//! stops the socket listening and lets every connection finish its current response
//! (`Connection: close` on HTTP/1.1, GOAWAY on HTTP/2) for up to `--shutdown-timeout`
//! seconds; then the process exits 0. Connections still busy at the deadline are closed
//! and the exit status is 1; a second signal exits at once with 128 + its number.

use std::time::{Duration, Instant};

use apiroutes_server::RunningServer;

/// The signals that stop a server.
const STOP_SIGNALS: [i32; 3] = [libc::SIGTERM, libc::SIGINT, libc::SIGHUP];

/// Blocks the stop signals (and `extra`) in this thread and the threads it starts later.
pub fn block_signals(extra: &[i32]) -> libc::sigset_t {
    // SAFETY: plain signal-mask calls on a local set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for signal in STOP_SIGNALS.iter().chain(extra) {
            libc::sigaddset(&mut set, *signal);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    }
}

/// Waits for one of the blocked signals (`None` after `timeout`, or spuriously).
pub fn wait_signal(set: &libc::sigset_t, timeout: Option<Duration>) -> Option<i32> {
    wait_signal_from(set, timeout).map(|(signal, _)| signal)
}

/// [`wait_signal`], with the process id that sent the signal.
pub fn wait_signal_from(
    set: &libc::sigset_t,
    timeout: Option<Duration>,
) -> Option<(i32, libc::pid_t)> {
    // A signal that arrived before the wait is pending, not lost; the periodic timeout is
    // a second safety net.
    let timeout = timeout.unwrap_or(Duration::from_millis(500));
    let spec = libc::timespec {
        tv_sec: timeout.as_secs() as libc::time_t,
        tv_nsec: timeout.subsec_nanos() as libc::c_long,
    };
    // SAFETY: `set`, `info` and `spec` are valid for the call.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        let signal = libc::sigtimedwait(set, &mut info, &spec);
        (signal > 0).then(|| (signal, info.si_pid()))
    }
}

/// Serves until a stop signal, drains, and returns the exit status of the process.
pub fn serve_until_stopped(server: &RunningServer, grace: Duration) -> i32 {
    let set = block_signals(&[]);
    let first = loop {
        if let Some(signal) = wait_signal(&set, None) {
            break signal;
        }
    };
    server.begin_shutdown();
    let open = server.open_connections();
    tracing::info!(
        "{}: stopped accepting; {}",
        signal_name(first),
        if open == 0 {
            "no request in flight".to_string()
        } else {
            format!(
                "finishing {open} open connection(s) (up to {} s, --shutdown-timeout; a second signal exits now)",
                grace.as_secs_f64()
            )
        }
    );
    let deadline = Instant::now() + grace;
    loop {
        let open = server.open_connections();
        if open == 0 {
            tracing::info!("shut down cleanly");
            return 0;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            tracing::error!(
                "{open} connection(s) still busy after --shutdown-timeout ({} s): closing them",
                grace.as_secs_f64()
            );
            return 1;
        }
        if let Some(signal) = wait_signal(&set, Some(left.min(Duration::from_millis(10)))) {
            tracing::warn!(
                "{}: exiting now, {open} connection(s) cut",
                signal_name(signal)
            );
            return 128 + signal;
        }
    }
}

pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGINT => "SIGINT",
        libc::SIGHUP => "SIGHUP",
        libc::SIGTRAP => "SIGTRAP",
        _ => "signal",
    }
}
