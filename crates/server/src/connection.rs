//! Limits on connections, with Node's `http.Server` defaults: the keep-alive idle timeout
//! (`keepAliveTimeout`), the header read timeout (`headersTimeout`), the whole-request
//! timeout for bodies (`requestTimeout`), the request-head size (431) and a cap on open
//! connections per process (beyond it new connections are closed at once).
//!
//! [`Activity`] follows one connection: [`Watched`] notes the bytes it reads, and each
//! response holds an [`InFlight`] guard (inside [`TrackedBody`]) until its body is sent or
//! dropped, so [`expired`] can tell an idle keep-alive connection or a stalled head from a
//! busy connection.

use std::cell::Cell;
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Instant;

use crate::body::OutBody;

/// The connection limits of a server (`--keep-alive-timeout`, `--headers-timeout`,
/// `--request-timeout`, `--max-header-size`, `--max-connections`).
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// An idle keep-alive connection is closed after this (Node: 5 s).
    pub keep_alive_timeout: Duration,
    /// Time to send a request head (Node: 60 s).
    pub headers_timeout: Duration,
    /// Time for a whole request, body included, before it gets 408 (Node: 300 s);
    /// `None` disables it (Node's `requestTimeout: 0`).
    pub request_timeout: Option<Duration>,
    /// Largest request head in bytes (Node: 16 KiB); larger heads get 431.
    pub max_header_size: usize,
    /// Open connections per process; more are closed as soon as they are accepted.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            keep_alive_timeout: Duration::from_secs(5),
            headers_timeout: Duration::from_secs(60),
            request_timeout: Some(Duration::from_secs(300)),
            max_header_size: 16 * 1024,
            max_connections: default_max_connections(),
        }
    }
}

/// 10,000 connections, or fewer when the process may not open that many files (its
/// soft `RLIMIT_NOFILE`, less a reserve for modules, databases and upstream fetches).
pub fn default_max_connections() -> usize {
    const DEFAULT: usize = 10_000;
    const RESERVE: usize = 128;
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    let soft = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .and_then(|line| line.split_whitespace().nth(3))
        .and_then(|value| value.parse::<usize>().ok());
    match soft {
        Some(files) if files > RESERVE * 2 => DEFAULT.min(files - RESERVE),
        Some(_) => 64,
        None => DEFAULT,
    }
}

/// The count of open connections shared by every worker thread.
#[derive(Clone, Default)]
pub struct OpenConnections(Arc<AtomicUsize>);

/// One admitted connection; the count goes down when it is dropped.
pub struct Admitted(Arc<AtomicUsize>);

impl OpenConnections {
    /// Admits one more connection unless `max` are open already.
    pub fn admit(&self, max: usize) -> Option<Admitted> {
        let previous = self.0.fetch_add(1, Ordering::AcqRel);
        if previous >= max {
            self.0.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Admitted(self.0.clone()))
    }

    /// Connections open now.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::Acquire)
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// What one connection is doing, for the keep-alive idle timeout.
pub struct Activity {
    in_flight: Cell<usize>,
    answered: Cell<u64>,
    last_end: Cell<Instant>,
    read_since_end: Cell<bool>,
    /// When the first byte of a head that hyper has not yet turned into a request came.
    head_started: Cell<Option<Instant>>,
    http2: Cell<bool>,
}

impl Activity {
    pub fn new() -> Rc<Self> {
        Rc::new(Self {
            in_flight: Cell::new(0),
            answered: Cell::new(0),
            last_end: Cell::new(Instant::now()),
            read_since_end: Cell::new(false),
            head_started: Cell::new(None),
            http2: Cell::new(false),
        })
    }

    /// HTTP/2 connections are not closed for idling (Node's `http2` server has no
    /// keep-alive timeout either).
    pub fn mark_http2(&self) {
        self.http2.set(true);
    }

    fn is_idle(&self) -> bool {
        self.in_flight.get() == 0
            && self.answered.get() > 0
            && !self.read_since_end.get()
            && !self.http2.get()
    }
}

/// Resolves when the connection should be closed: it has been idle (a response sent,
/// nothing since) for `keep_alive` (Node's `keepAliveTimeout`), or a request head that
/// started to arrive is still incomplete after `headers` (Node's `headersTimeout`; the
/// HTTP/1 gate holds a head until it is complete, so hyper's own header timer cannot
/// see a slowloris client).
pub async fn expired(activity: Rc<Activity>, keep_alive: Duration, headers: Duration) {
    loop {
        let now = Instant::now();
        let mut wake = now + keep_alive.min(headers);
        if activity.is_idle() {
            let deadline = activity.last_end.get() + keep_alive;
            if now >= deadline {
                return;
            }
            wake = wake.min(deadline);
        }
        if activity.in_flight.get() == 0 && !activity.http2.get() {
            if let Some(started) = activity.head_started.get() {
                let deadline = started + headers;
                if now >= deadline {
                    return;
                }
                wake = wake.min(deadline);
            }
        }
        tokio::time::sleep_until(wake).await;
    }
}

/// A response in flight on its connection, from the service call until its body ends.
pub struct InFlight(Rc<Activity>);

impl InFlight {
    pub fn new(activity: &Rc<Activity>) -> Self {
        activity.in_flight.set(activity.in_flight.get() + 1);
        activity.head_started.set(None);
        Self(activity.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let activity = &self.0;
        activity
            .in_flight
            .set(activity.in_flight.get().saturating_sub(1));
        activity.answered.set(activity.answered.get() + 1);
        activity.last_end.set(Instant::now());
        activity.read_since_end.set(false);
        activity.head_started.set(None);
    }
}

/// A response body that holds its [`InFlight`] guard until hyper drops it, and counts
/// the bytes it sends for the access log.
pub struct TrackedBody {
    inner: OutBody,
    _in_flight: InFlight,
    access: Option<crate::access_log::AccessEntry>,
}

impl TrackedBody {
    pub fn new(
        inner: OutBody,
        in_flight: InFlight,
        access: Option<crate::access_log::AccessEntry>,
    ) -> Self {
        Self {
            inner,
            _in_flight: in_flight,
            access,
        }
    }
}

impl Body for TrackedBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        if let (Some(access), Poll::Ready(Some(Ok(frame)))) = (this.access.as_mut(), &polled) {
            if let Some(data) = frame.data_ref() {
                access.add_bytes(data.len());
            }
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The socket, noting in its [`Activity`] when bytes arrive.
pub struct Watched<T> {
    inner: T,
    activity: Rc<Activity>,
}

impl<T> Watched<T> {
    pub fn new(inner: T, activity: Rc<Activity>) -> Self {
        Self { inner, activity }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let result = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            let activity = &this.activity;
            activity.read_since_end.set(true);
            if activity.in_flight.get() == 0 && activity.head_started.get().is_none() {
                activity.head_started.set(Some(Instant::now()));
            }
        }
        result
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
