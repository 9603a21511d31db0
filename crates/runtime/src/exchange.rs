//! Plain Rust data that crosses between the HTTP server and a JavaScript worker.
//!
//! Nothing here holds a JavaScript value: the server builds a [`PagesRequest`], the worker
//! answers with a [`ResponseHead`] and body chunks. Keeping this boundary data-only is what
//! lets `hyper` types stay in the server crate and `rquickjs` types stay in this one.

use bytes::Bytes;
use tokio::sync::mpsc;

/// A dynamic route parameter as the handler sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// `[id]`: one decoded segment.
    One(String),
    /// `[...slug]` / `[[...slug]]`: the decoded segments.
    Many(Vec<String>),
}

/// What the body parser produced for `req.body` (SPEC section 3).
#[derive(Debug)]
pub enum ParsedBody {
    /// `bodyParser: false`: `req.body` is `undefined` and the stream is left to the handler.
    Unparsed,
    /// JSON text to parse into `req.body` (the server already rejected empty-but-invalid
    /// cases it can see; `JSON.parse` errors are answered `400 Invalid JSON`).
    Json(String),
    /// `application/x-www-form-urlencoded`, already decoded into ordered pairs.
    Form(Vec<(String, String)>),
    /// Any other content type: the decoded text (`""` when there was no body).
    Text(String),
    /// A JSON content type with an empty body: `{}`.
    EmptyObject,
}

/// The request body that a handler may still read as a stream (`bodyParser: false`, route
/// handlers): chunks, and an `Err` last when the body was cut short (the connection closed
/// before `Content-Length` was reached, a malformed chunk, the request timeout).
pub type BodyStream = mpsc::Receiver<BodyChunk>;

/// One piece of a streamed request body.
pub type BodyChunk = Result<Bytes, BodyAborted>;

/// The request body did not arrive complete: the handler sees Node's `Error: aborted`
/// (`ECONNRESET`), never a clean end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyAborted;

/// A `pages/api` request, fully prepared by the server.
#[derive(Debug)]
pub struct PagesRequest {
    pub method: String,
    /// `req.url` as Next re-serialises it.
    pub url: String,
    /// Header pairs in arrival order, names lower-case.
    pub headers: Vec<(String, String)>,
    /// Decoded query pairs in URL order.
    pub query: Vec<(String, String)>,
    /// Route params in route order (merged over the query by the handler glue).
    pub params: Vec<(String, ParamValue)>,
    pub body: ParsedBody,
    /// Raw body chunks when `bodyParser` is off.
    pub body_stream: Option<BodyStream>,
}

/// Status line and headers of a response, and whether the body is already complete.
#[derive(Debug)]
pub struct ResponseHead {
    pub status: u16,
    /// A reason phrase set by the handler (`res.statusMessage`), if any.
    pub reason: Option<String>,
    /// Header pairs; a name may repeat (`set-cookie`).
    pub headers: Vec<(String, String)>,
    pub body: HeadBody,
}

/// How the body follows the head.
#[derive(Debug)]
pub enum HeadBody {
    /// The whole body is known (`res.end(data)` / `res.send`): no streaming needed.
    Complete(Bytes),
    /// Chunks follow on the response's body channel until it closes.
    Streaming,
}

/// Why a request could not be dispatched at all.
#[derive(Debug, thiserror::Error)]
pub enum DispatchError {
    #[error("the worker has too many requests in flight")]
    Overloaded,
}
