//! The response body type handed to hyper: complete bytes, a handler's stream, or either
//! of them gzipped on the fly.

use std::convert::Infallible;
use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};

use apiroutes_runtime::ResponseBody;
use bytes::Bytes;
use flate2::write::GzEncoder;
use flate2::Compression;
use http_body::{Body, Frame, SizeHint};

/// Every response body apiroutes sends.
pub enum OutBody {
    /// Known bytes: hyper sends a Content-Length.
    Full(Option<Bytes>),
    /// No body and no Content-Length (a HEAD answer whose length Next would not know).
    UnsizedEmpty,
    /// Chunks as the handler writes them (chunked transfer encoding).
    Stream(ResponseBody),
    /// Chunks gzipped as they come, each flushed so streaming still streams.
    GzipStream(Box<GzipStream>),
    /// An upstream's body, streamed through (a `next.config` rewrite to another origin);
    /// an upstream error ends it.
    Proxied(hyper::body::Incoming),
}

impl OutBody {
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        Self::Full(Some(bytes.into()))
    }

    pub fn empty() -> Self {
        Self::Full(None)
    }
}

/// Gzip state of a streamed body.
pub struct GzipStream {
    source: GzipSource,
    encoder: Option<GzEncoder<Vec<u8>>>,
}

enum GzipSource {
    Stream(ResponseBody),
    Once(Option<Bytes>),
}

impl GzipStream {
    pub fn from_stream(body: ResponseBody) -> Self {
        Self {
            source: GzipSource::Stream(body),
            encoder: Some(GzEncoder::new(Vec::new(), Compression::default())),
        }
    }

    pub fn from_bytes(bytes: Bytes) -> Self {
        Self {
            source: GzipSource::Once(Some(bytes)),
            encoder: Some(GzEncoder::new(Vec::new(), Compression::default())),
        }
    }

    fn compress(&mut self, chunk: &[u8]) -> Bytes {
        let Some(encoder) = self.encoder.as_mut() else {
            return Bytes::new();
        };
        // Writing into a Vec cannot fail.
        let _ = encoder.write_all(chunk);
        let _ = encoder.flush();
        Bytes::from(std::mem::take(encoder.get_mut()))
    }

    fn finish(&mut self) -> Option<Bytes> {
        let encoder = self.encoder.take()?;
        encoder.finish().ok().map(Bytes::from)
    }
}

impl Body for OutBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            OutBody::Full(bytes) => Poll::Ready(
                bytes
                    .take()
                    .filter(|b| !b.is_empty())
                    .map(|b| Ok(Frame::data(b))),
            ),
            OutBody::UnsizedEmpty => Poll::Ready(None),
            OutBody::Proxied(body) => loop {
                match Pin::new(&mut *body).poll_frame(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                        Ok(data) => return Poll::Ready(Some(Ok(Frame::data(data)))),
                        // Trailers are not passed on.
                        Err(_) => continue,
                    },
                    Poll::Ready(Some(Err(_)) | None) => return Poll::Ready(None),
                }
            },
            OutBody::Stream(body) => match body.poll_chunk(cx) {
                Poll::Ready(Some(chunk)) => Poll::Ready(Some(Ok(Frame::data(chunk)))),
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Pending => Poll::Pending,
            },
            OutBody::GzipStream(gzip) => loop {
                let next = match &mut gzip.source {
                    GzipSource::Once(bytes) => match bytes.take() {
                        Some(bytes) => Poll::Ready(Some(bytes)),
                        None => Poll::Ready(None),
                    },
                    GzipSource::Stream(body) => body.poll_chunk(cx),
                };
                match next {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Some(chunk)) => {
                        let out = gzip.compress(&chunk);
                        if !out.is_empty() {
                            return Poll::Ready(Some(Ok(Frame::data(out))));
                        }
                    }
                    Poll::Ready(None) => {
                        return Poll::Ready(gzip.finish().map(|tail| Ok(Frame::data(tail))))
                    }
                }
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, OutBody::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            OutBody::Full(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            _ => SizeHint::default(),
        }
    }
}
