//! A gate in front of hyper's HTTP/1 parser for the framing ambiguities it accepts but
//! Node's llhttp refuses: a bare LF line ending in the head, a repeated `Content-Length`
//! (hyper keeps one when the values agree), `Content-Length` after `Transfer-Encoding`
//! (hyper drops it silently). Those are how requests get smuggled past a proxy that
//! frames them differently.
//!
//! [`StrictHttp1`] wraps the connection's read side: it holds each request head until it
//! is complete, checks it, then hands it on; bodies pass through while it follows their
//! framing (`Content-Length` bytes, or chunk by chunk) to know where the next head starts.
//! A refused head is replaced by a request line hyper cannot parse, so hyper answers 400
//! and closes the connection after any earlier pipelined responses, as Node does.
//! The HTTP/2 preface switches the gate off for the connection.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Heads longer than this pass through unchecked: hyper answers them 431 itself.
const MAX_HEAD: usize = 64 * 1024;

/// What hyper sees in place of a refused head: its parser rejects the method token.
const REFUSED: &[u8] = b"\x01 / HTTP/1.1\r\n\r\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    /// Reading the size line up to its LF.
    Size {
        value: u64,
        digits: bool,
        in_extension: bool,
    },
    /// Passing `n` data bytes, then the CRLF after them.
    Data(u64),
    DataEnd(u8),
    /// Trailer lines after the last chunk; `blank` while the current line is empty.
    Trailers {
        blank: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Head(Vec<u8>),
    Fixed(u64),
    Chunked(Chunk),
    /// HTTP/2, an upgraded connection or a refused one: no more checks.
    PassThrough,
}

/// The connection with its HTTP/1 heads checked (see the module doc).
pub struct StrictHttp1<T> {
    inner: T,
    state: State,
    /// Bytes checked and ready for hyper.
    ready: Vec<u8>,
    ready_from: usize,
}

impl<T> StrictHttp1<T> {
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            state: State::Head(Vec::new()),
            ready: Vec::new(),
            ready_from: 0,
        }
    }

    /// Runs `bytes` through the state machine, appending what may go on to `ready`.
    fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            match &mut self.state {
                State::PassThrough => {
                    self.ready.extend_from_slice(bytes);
                    return;
                }
                State::Fixed(remaining) => {
                    let n = (*remaining).min(bytes.len() as u64) as usize;
                    self.ready.extend_from_slice(&bytes[..n]);
                    *remaining -= n as u64;
                    bytes = &bytes[n..];
                    if *remaining == 0 {
                        self.state = State::Head(Vec::new());
                    }
                }
                State::Chunked(chunk) => {
                    let (used, done) = advance_chunked(chunk, bytes);
                    self.ready.extend_from_slice(&bytes[..used]);
                    bytes = &bytes[used..];
                    if done {
                        self.state = State::Head(Vec::new());
                    }
                }
                State::Head(head) => {
                    // A keep-alive connection may send blank lines between requests.
                    if head.is_empty() {
                        let blanks = bytes.iter().take_while(|b| **b == b'\r' || **b == b'\n');
                        let skip = blanks.count();
                        self.ready.extend_from_slice(&bytes[..skip]);
                        bytes = &bytes[skip..];
                        if bytes.is_empty() {
                            return;
                        }
                    }
                    let before = head.len();
                    head.extend_from_slice(bytes);
                    let Some(end) = head_end(head, before) else {
                        if head.len() > MAX_HEAD {
                            let head = std::mem::take(head);
                            self.ready.extend_from_slice(&head);
                            self.state = State::PassThrough;
                        }
                        return;
                    };
                    let rest = head.split_off(end);
                    let head = std::mem::take(head);
                    match check_head(&head) {
                        Verdict::Body(next) => {
                            self.ready.extend_from_slice(&head);
                            self.state = next;
                        }
                        Verdict::PassThrough => {
                            self.ready.extend_from_slice(&head);
                            self.state = State::PassThrough;
                        }
                        Verdict::Refuse => {
                            self.ready.extend_from_slice(REFUSED);
                            self.state = State::PassThrough;
                            return;
                        }
                    }
                    // The rest (body, next request) goes around again.
                    self.feed(&rest);
                    return;
                }
            }
        }
    }
}

/// The end of the head (after its blank line) if `head` holds it; `from` is where the
/// newly added bytes start (the search backs up three bytes to catch a split CRLFCRLF).
fn head_end(head: &[u8], from: usize) -> Option<usize> {
    let start = from.saturating_sub(3);
    let mut i = start;
    while i < head.len() {
        if head[i] == b'\n' {
            // "\n\n" (bare LF) or "\n\r\n" ends a head; llhttp-style checks refuse the first.
            if head.get(i + 1) == Some(&b'\n') {
                return Some(i + 2);
            }
            if head.get(i + 1) == Some(&b'\r') && head.get(i + 2) == Some(&b'\n') {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

enum Verdict {
    Body(State),
    PassThrough,
    Refuse,
}

/// Checks one complete head and says how its body is framed.
fn check_head(head: &[u8]) -> Verdict {
    if head.starts_with(b"PRI * HTTP/2.0") {
        return Verdict::PassThrough;
    }
    for (i, byte) in head.iter().enumerate() {
        if *byte == b'\n' && (i == 0 || head[i - 1] != b'\r') {
            return Verdict::Refuse;
        }
    }
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let mut content_lengths = Vec::new();
    let mut transfer_encoding: Option<String> = None;
    let mut upgrade = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            content_lengths.push(value.to_string());
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            if transfer_encoding.is_some() {
                return Verdict::Refuse;
            }
            transfer_encoding = Some(value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("upgrade") {
            upgrade = true;
        }
    }
    if content_lengths.len() > 1 || (!content_lengths.is_empty() && transfer_encoding.is_some()) {
        return Verdict::Refuse;
    }
    if request_line.starts_with("CONNECT ") || upgrade {
        return Verdict::PassThrough;
    }
    if let Some(encoding) = transfer_encoding {
        // Anything but a final `chunked` is refused by hyper itself; follow the chunks.
        if encoding.rsplit(',').next().map(str::trim) == Some("chunked") {
            return Verdict::Body(State::Chunked(Chunk::Size {
                value: 0,
                digits: false,
                in_extension: false,
            }));
        }
        return Verdict::PassThrough;
    }
    match content_lengths.first().map(|v| v.parse::<u64>()) {
        None => Verdict::Body(State::Head(Vec::new())),
        Some(Ok(0)) => Verdict::Body(State::Head(Vec::new())),
        Some(Ok(n)) => Verdict::Body(State::Fixed(n)),
        // hyper refuses a malformed length itself.
        Some(Err(_)) => Verdict::PassThrough,
    }
}

/// Follows a chunked body over `bytes`; returns how many bytes belong to it and whether
/// the body (its last chunk and trailers) ended there.
fn advance_chunked(chunk: &mut Chunk, bytes: &[u8]) -> (usize, bool) {
    let mut used = 0;
    while used < bytes.len() {
        match chunk {
            Chunk::Size {
                value,
                digits,
                in_extension,
            } => {
                let byte = bytes[used];
                used += 1;
                match byte {
                    b'\n' => {
                        *chunk = if *value == 0 && *digits {
                            Chunk::Trailers { blank: true }
                        } else {
                            Chunk::Data(*value)
                        };
                    }
                    b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' if !*in_extension => {
                        let digit = (byte as char).to_digit(16).unwrap_or(0) as u64;
                        *value = value.saturating_mul(16).saturating_add(digit);
                        *digits = true;
                    }
                    b';' => *in_extension = true,
                    _ => {}
                }
            }
            Chunk::Data(remaining) => {
                let n = (*remaining).min((bytes.len() - used) as u64) as usize;
                used += n;
                *remaining -= n as u64;
                if *remaining == 0 {
                    *chunk = Chunk::DataEnd(0);
                }
            }
            Chunk::DataEnd(seen) => {
                let byte = bytes[used];
                used += 1;
                *seen += 1;
                if byte == b'\n' || *seen >= 2 {
                    *chunk = Chunk::Size {
                        value: 0,
                        digits: false,
                        in_extension: false,
                    };
                }
            }
            Chunk::Trailers { blank } => {
                let byte = bytes[used];
                used += 1;
                match byte {
                    b'\n' if *blank => return (used, true),
                    b'\n' => *blank = true,
                    b'\r' => {}
                    _ => *blank = false,
                }
            }
        }
    }
    (used, false)
}

impl<T: AsyncRead + Unpin> AsyncRead for StrictHttp1<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.ready_from < this.ready.len() {
                let n = (this.ready.len() - this.ready_from).min(out.remaining());
                out.put_slice(&this.ready[this.ready_from..this.ready_from + n]);
                this.ready_from += n;
                if this.ready_from == this.ready.len() {
                    this.ready.clear();
                    this.ready_from = 0;
                }
                return Poll::Ready(Ok(()));
            }
            // Once the gate is off (HTTP/2, an upgrade), bytes go straight to hyper.
            if this.state == State::PassThrough {
                return Pin::new(&mut this.inner).poll_read(cx, out);
            }
            let mut buffer = [0u8; 8192];
            let mut read = ReadBuf::new(&mut buffer);
            match Pin::new(&mut this.inner).poll_read(cx, &mut read) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(err)) => return Poll::Ready(Err(err)),
                Poll::Ready(Ok(())) => {
                    let filled = read.filled();
                    if filled.is_empty() {
                        // End of stream: an unfinished head goes on for hyper to refuse.
                        if let State::Head(head) = &mut this.state {
                            if !head.is_empty() {
                                let head = std::mem::take(head);
                                this.ready.extend_from_slice(&head);
                                continue;
                            }
                        }
                        return Poll::Ready(Ok(()));
                    }
                    this.feed(filled);
                }
            }
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for StrictHttp1<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What hyper would receive for `input` fed in pieces of `step` bytes.
    fn gate(input: &[u8], step: usize) -> Vec<u8> {
        let mut gate = StrictHttp1::new(tokio::io::empty());
        for piece in input.chunks(step) {
            gate.feed(piece);
        }
        gate.ready
    }

    const GET: &[u8] = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    #[test]
    fn good_requests_pass_unchanged_whatever_the_split() {
        let mut input = Vec::new();
        input.extend_from_slice(b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        input.extend_from_slice(b"POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\n");
        input.extend_from_slice(b"\r\n");
        input.extend_from_slice(GET);
        for step in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(gate(&input, step), input, "step {step}");
        }
    }

    #[test]
    fn a_body_that_looks_like_a_bad_head_is_only_a_body() {
        let body = b"GET / HTTP/1.1\nContent-Length: 1\nContent-Length: 2\n\n";
        let mut input = format!(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        input.extend_from_slice(body);
        input.extend_from_slice(GET);
        assert_eq!(gate(&input, 5), input);
    }

    #[test]
    fn ambiguous_heads_are_replaced_after_the_good_ones() {
        for bad in [
            &b"GET / HTTP/1.1\nHost: x\n\n"[..],
            b"GET / HTTP/1.1\r\nHost: x\nX: y\r\n\r\n",
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
            b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n0\r\n\r\n",
        ] {
            let mut input = GET.to_vec();
            input.extend_from_slice(bad);
            input.extend_from_slice(GET);
            let mut expected = GET.to_vec();
            expected.extend_from_slice(REFUSED);
            // Everything after the refused head goes on as it came; hyper has closed by then.
            let refused_at = GET.len();
            let got = gate(&input, 3);
            assert_eq!(&got[..refused_at + REFUSED.len()], &expected[..], "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn the_http2_preface_switches_the_gate_off() {
        let input = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x12\x04\x00\n\n";
        assert_eq!(gate(input, 4), input);
    }
}
