//! `--access-log`: one JSON line per response on stdout, written when its body has been
//! sent (or dropped, when the client left): `time` (the request's arrival, RFC 3339 UTC),
//! `method`, `path` (without the query), `status`, `duration_ms` (arrival to the last
//! byte), `bytes` (body bytes sent) and `remote` (the client's address and port).

use std::io::Write;
use std::net::SocketAddr;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// One response being sent; logged when dropped.
pub struct AccessEntry {
    arrived: SystemTime,
    started: Instant,
    method: String,
    path: String,
    remote: SocketAddr,
    status: u16,
    bytes: u64,
}

impl AccessEntry {
    pub fn new(method: &http::Method, path: &str, remote: SocketAddr) -> Self {
        Self {
            arrived: SystemTime::now(),
            started: Instant::now(),
            method: method.as_str().to_string(),
            path: path.to_string(),
            remote,
            status: 0,
            bytes: 0,
        }
    }

    pub fn set_status(&mut self, status: u16) {
        self.status = status;
    }

    pub fn add_bytes(&mut self, count: usize) {
        self.bytes += count as u64;
    }

    fn line(&self) -> String {
        let duration_ms = (self.started.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
        serde_json::json!({
            "time": rfc3339(self.arrived),
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "duration_ms": duration_ms,
            "bytes": self.bytes,
            "remote": self.remote.to_string(),
        })
        .to_string()
    }
}

impl Drop for AccessEntry {
    fn drop(&mut self) {
        let line = self.line();
        let _ = writeln!(std::io::stdout().lock(), "{line}");
    }
}

/// `2026-12-03T17:50:00.123Z` (days to civil date: Howard Hinnant's algorithm).
fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn times_are_rfc3339_utc_with_milliseconds() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let at = |secs: u64, millis: u64| {
            rfc3339(UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(millis))
        };
        assert_eq!(at(1_700_000_000, 5), "2023-11-14T22:13:20.005Z");
        assert_eq!(at(951_782_400, 0), "2000-02-29T00:00:00.000Z");
        assert_eq!(at(4_102_444_799, 999), "2099-12-31T23:59:59.999Z");
    }
}
