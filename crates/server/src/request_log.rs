//! `dev`'s request log: one line per request on stderr, as `next dev` prints it
//! (`GET /api/hello 200 in 3ms`), the status coloured when stderr is a terminal (and
//! `NO_COLOR` is unset), plain otherwise. The duration runs from the request's arrival
//! to its response head (a streamed body may go on after the line).

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;
use std::time::Instant;

/// A request whose line is printed once its status is known.
pub struct Pending {
    method: String,
    target: String,
    started: Instant,
}

impl Pending {
    pub fn new(method: &http::Method, target: &str) -> Self {
        Self {
            method: method.as_str().to_string(),
            target: target.to_string(),
            started: Instant::now(),
        }
    }

    /// Prints the line for `status`.
    pub fn finish(self, status: http::StatusCode) {
        let line = format_line(
            &self.method,
            &self.target,
            status.as_u16(),
            self.started.elapsed().as_millis(),
            coloured(),
        );
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
}

fn coloured() -> bool {
    static COLOURED: OnceLock<bool> = OnceLock::new();
    *COLOURED.get_or_init(|| {
        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    })
}

/// `METHOD TARGET STATUS in Nms`, the status in green (2xx), cyan (3xx), yellow (4xx)
/// or red (5xx) when `colour`.
pub fn format_line(method: &str, target: &str, status: u16, millis: u128, colour: bool) -> String {
    if !colour {
        return format!("{method} {target} {status} in {millis}ms");
    }
    let code = match status {
        200..=299 => "32",
        300..=399 => "36",
        400..=499 => "33",
        _ => "31",
    };
    format!("\x1b[1m{method}\x1b[0m {target} \x1b[{code}m{status}\x1b[0m in {millis}ms")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_plain_or_coloured_by_status() {
        assert_eq!(
            format_line("GET", "/api/a?x=1", 200, 3, false),
            "GET /api/a?x=1 200 in 3ms"
        );
        let red = format_line("POST", "/api/b", 500, 12, true);
        assert!(red.contains("\x1b[31m500\x1b[0m") && red.ends_with(" in 12ms"));
        assert!(format_line("GET", "/x", 404, 0, true).contains("\x1b[33m404"));
    }
}
