//! One request, end to end on the worker's thread: normalise the target, route it, read
//! the body, run the handler, and turn its answer into a hyper response.
//!
//! Every failure becomes an HTTP response here ([`respond`] never fails), so nothing on
//! the request path panics or takes the process down.

use std::convert::Infallible;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use apiroutes_router::{MatchError, Normalized, ParamValue as RouteParam, RouteKind, RouteTable};
use apiroutes_runtime::{
    BodyParserConfig, DispatchError, HeadBody, PagesRequest, ParamValue, ParsedBody,
    PendingResponse, ResponseHead, Worker,
};
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use tokio::sync::mpsc;

use crate::body::{GzipStream, OutBody};
use crate::compression::{self, ResponseFacts};
use crate::error_pages::{error_page, ERROR_PAGE_CACHE_CONTROL, HTML_CONTENT_TYPE};
use crate::request_body::{self, BodyRejection};

/// Everything a worker thread needs to answer requests.
pub struct App {
    pub worker: Worker,
    pub routes: Arc<RouteTable>,
    /// The root middleware / proxy, loaded on this worker.
    pub middleware: Option<crate::middleware::ActiveMiddleware>,
    /// `host:port` of `request.url` origins (`localhost:<port>` on loopback, SPEC 11.1).
    pub origin_host: String,
    /// The files of `public/`, served before dynamic routes as Next does.
    pub public: Arc<crate::public_files::PublicFiles>,
    /// Whether the project has App Router routes (the 404 page then carries their Vary).
    pub has_app_routes: bool,
    /// `--max-duration`: a handler that has not answered by then gets a 504.
    pub max_duration: Option<Duration>,
}

/// The hyper service function.
pub async fn respond(
    app: Rc<App>,
    request: Request<Incoming>,
) -> Result<Response<OutBody>, Infallible> {
    if let Some(reason) = framing_error(&request) {
        tracing::debug!("refused a request: {reason}");
        return Ok(bad_request_and_close());
    }
    let accept_encoding = header_text(&request, "accept-encoding");
    let is_head = request.method() == http::Method::HEAD;
    let mut response = route_request(&app, request).await;
    finish_response(&mut response, accept_encoding.as_deref(), is_head);
    Ok(response)
}

/// The methods Node's HTTP parser (llhttp) accepts, as `http.METHODS` lists them; any
/// other (lowercase `get`, `FOO`) is a parse error there, answered 400.
const NODE_METHODS: &[&str] = &[
    "ACL",
    "BIND",
    "CHECKOUT",
    "CONNECT",
    "COPY",
    "DELETE",
    "GET",
    "HEAD",
    "LINK",
    "LOCK",
    "M-SEARCH",
    "MERGE",
    "MKACTIVITY",
    "MKCALENDAR",
    "MKCOL",
    "MOVE",
    "NOTIFY",
    "OPTIONS",
    "PATCH",
    "POST",
    "PROPFIND",
    "PROPPATCH",
    "PURGE",
    "PUT",
    "QUERY",
    "REBIND",
    "REPORT",
    "SEARCH",
    "SOURCE",
    "SUBSCRIBE",
    "TRACE",
    "UNBIND",
    "UNLINK",
    "UNLOCK",
    "UNSUBSCRIBE",
];

/// Why an HTTP/1 request is refused as Node refuses it (400, connection closed), where
/// hyper's parser is more lenient: both `Content-Length` and `Transfer-Encoding` (the
/// request-smuggling ambiguity), a repeated `Content-Length`, a missing (HTTP/1.1) or
/// repeated `Host`, a method llhttp does not know. HTTP/2 frames requests itself.
fn framing_error(request: &Request<Incoming>) -> Option<&'static str> {
    let version = request.version();
    if version != http::Version::HTTP_11 && version != http::Version::HTTP_10 {
        return None;
    }
    let headers = request.headers();
    let lengths = headers.get_all(http::header::CONTENT_LENGTH).iter().count();
    if lengths > 0 && headers.contains_key(http::header::TRANSFER_ENCODING) {
        return Some("both Content-Length and Transfer-Encoding");
    }
    if lengths > 1 {
        return Some("a repeated Content-Length");
    }
    let hosts = headers.get_all(http::header::HOST).iter().count();
    if hosts > 1 {
        return Some("a repeated Host");
    }
    if hosts == 0 && version == http::Version::HTTP_11 {
        return Some("an HTTP/1.1 request without Host");
    }
    if !NODE_METHODS.contains(&request.method().as_str()) {
        return Some("a method Node does not accept");
    }
    None
}

/// Node's answer to a request it cannot parse: 400, no body, and the connection closed.
fn bad_request_and_close() -> Response<OutBody> {
    let mut response = Response::new(OutBody::empty());
    *response.status_mut() = http::StatusCode::BAD_REQUEST;
    response.headers_mut().insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("close"),
    );
    response
}

fn header_text(request: &Request<Incoming>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
}

async fn route_request(app: &App, request: Request<Incoming>) -> Response<OutBody> {
    let target = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let (mut path, mut query) = match apiroutes_router::normalize_target(&target) {
        Normalized::Redirect { location, status } => return redirect(status, &location),
        Normalized::Path { path, query } => (path, query),
    };
    let (mut parts, body) = request.into_parts();
    // Only Next itself may set these; a client sending them (CVE-2025-29927) is ignored.
    let internal: Vec<HeaderName> = parts
        .headers
        .keys()
        .filter(|name| crate::middleware::is_internal_request_header(name.as_str()))
        .cloned()
        .collect();
    for name in internal {
        parts.headers.remove(name);
    }
    // A malformed escape in a dynamic segment is refused before middleware runs.
    if let Err(MatchError::MalformedParam { .. }) = app.routes.find(&path) {
        return html_error(400);
    }
    let mut merge = crate::middleware::Merge::default();
    if let Some(active) = &app.middleware {
        // A rewrite to a path the matcher also covers runs the middleware again, as
        // Next does; the depth is bounded like Next's own subrequest limit.
        for _ in 0..crate::middleware::MAX_RUNS {
            if !crate::middleware::matches(active, &path, &parts.headers, query.as_deref()) {
                break;
            }
            let origin = crate::app_routes::request_origin(app, &parts.headers);
            let outcome = crate::middleware::run(
                app,
                active,
                parts.method.as_str(),
                &parts.headers,
                &origin,
                &path,
                query.as_deref(),
            )
            .await;
            match outcome {
                crate::middleware::Outcome::Respond(mut response) => {
                    merge.apply_to_response(&mut response);
                    return response;
                }
                crate::middleware::Outcome::Continue(changes) => {
                    changes.apply_to_request(&mut parts.headers);
                    merge.absorb(changes);
                    break;
                }
                crate::middleware::Outcome::Rewrite {
                    path: new_path,
                    query: new_query,
                    merge: changes,
                } => {
                    changes.apply_to_request(&mut parts.headers);
                    merge.absorb(changes);
                    path = new_path;
                    query = new_query;
                }
            }
        }
    }
    // public/ files come after middleware and before the routes, as Next's filesystem check.
    if !app.public.is_empty() {
        let decoded = percent_encoding::percent_decode_str(&path).decode_utf8_lossy();
        if let Some(file) = app.public.lookup(&decoded) {
            let mut response =
                crate::public_files::serve(file, &parts.method, &parts.headers).await;
            merge.apply_to_response(&mut response);
            return response;
        }
    }
    let mut response = serve_route(app, parts, body, path, query).await;
    merge.apply_to_response(&mut response);
    response
}

/// Routes a (possibly rewritten) request to its pages or app handler.
async fn serve_route(
    app: &App,
    parts: http::request::Parts,
    body: Incoming,
    path: String,
    query: Option<String>,
) -> Response<OutBody> {
    let found = match app.routes.find(&path) {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(app, &path),
        Err(MatchError::MalformedParam { .. }) => return html_error(400),
    };
    let route = found.route;
    let params: Vec<(String, ParamValue)> = found
        .params
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                RouteParam::One(text) => ParamValue::One(text),
                RouteParam::Many(parts) => ParamValue::Many(parts),
            };
            (name, value)
        })
        .collect();
    match route.kind {
        RouteKind::PagesApi => {
            let file = route.file.clone();
            let request = Request::from_parts(parts, body);
            serve_pages(app, request, file, path, query, params).await
        }
        RouteKind::AppRoute => {
            let target = crate::app_routes::AppTarget {
                file: route.file.clone(),
                is_dynamic: route.is_dynamic(),
                path,
                query,
                params,
            };
            crate::app_routes::serve(app, parts, body, target).await
        }
    }
}

/// The not-found page; with App Router routes it carries the App Router Vary, as Next's.
/// A path that only names a static route once percent-decoded (`/api/%68ello`) is the
/// prerendered 404 Next serves from its build cache, with that cache's header (SPEC 1.5).
fn not_found(app: &App, path: &str) -> Response<OutBody> {
    let mut response = html_error(404);
    if app.routes.static_route_for_decoded_path(path).is_some() {
        response.headers_mut().insert(
            "cache-control",
            HeaderValue::from_static("s-maxage=31536000"),
        );
    }
    if app.has_app_routes {
        crate::app_routes::add_app_vary(&mut response);
    }
    response
}

async fn serve_pages(
    app: &App,
    request: Request<Incoming>,
    file: PathBuf,
    path: String,
    query: Option<String>,
    params: Vec<(String, ParamValue)>,
) -> Response<OutBody> {
    let route = match app.worker.pages_route(&file).await {
        Ok(route) => route,
        Err(message) => {
            tracing::error!("{message}");
            return plain_error(500, "Internal Server Error");
        }
    };
    let (parts, body) = request.into_parts();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let content_type = parts
        .headers
        .get(http::header::CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let (parsed_body, body_stream) = match &route.config.body_parser {
        BodyParserConfig::Disabled => (ParsedBody::Unparsed, Some(stream_body(body))),
        BodyParserConfig::Enabled { limit, limit_text } => {
            let parsed = async {
                request_body::check_charset(content_type.as_deref())?;
                let bytes = request_body::read_limited(body, *limit, limit_text).await?;
                request_body::parse(content_type.as_deref(), &bytes)
            }
            .await;
            match parsed {
                Ok(parsed) => (parsed, None),
                Err(rejection) => return body_rejection(&rejection),
            }
        }
    };
    let query_text = query.unwrap_or_default();
    let url = apiroutes_nextspec::url_query::reserialize_url(
        &path,
        Some(query_text.as_str()).filter(|q| !q.is_empty()),
    );
    let pages_request = PagesRequest {
        method: parts.method.as_str().to_string(),
        url,
        headers,
        query: apiroutes_nextspec::url_query::parse(&query_text),
        params,
        body: parsed_body,
        body_stream,
    };
    let max_duration = route.config.max_duration.or(app.max_duration);
    let pending = match app.worker.dispatch_pages(&route, pages_request).await {
        Ok(pending) => pending,
        Err(DispatchError::Overloaded) => return overloaded(),
    };
    await_response(pending, max_duration).await
}

/// Feeds the raw request body to the handler chunk by chunk (`bodyParser: false`).
pub(crate) fn stream_body(body: Incoming) -> mpsc::Receiver<Bytes> {
    let (sender, receiver) = mpsc::channel(16);
    tokio::task::spawn_local(async move {
        let mut body = body;
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(data) = frame.into_data() {
                if sender.send(data).await.is_err() {
                    break;
                }
            }
        }
    });
    receiver
}

pub(crate) async fn await_response(
    pending: PendingResponse,
    max_duration: Option<Duration>,
) -> Response<OutBody> {
    let PendingResponse { head, body } = pending;
    let head = match max_duration {
        Some(limit) => match tokio::time::timeout(limit, head).await {
            Ok(head) => head,
            Err(_) => return plain_error(504, "Gateway Timeout"),
        },
        None => head.await,
    };
    let Ok(head) = head else {
        // The handler's slot closed without a head: the worker gave up on it.
        return plain_error(500, "Internal Server Error");
    };
    build_response(head, body)
}

pub(crate) fn build_response(
    head: ResponseHead,
    body: apiroutes_runtime::ResponseBody,
) -> Response<OutBody> {
    let ResponseHead {
        status,
        reason,
        headers,
        body: head_body,
    } = head;
    let out = match head_body {
        HeadBody::Complete(bytes) => OutBody::Full(Some(bytes)),
        HeadBody::Streaming => OutBody::Stream(body),
    };
    let mut response = Response::new(out);
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    set_reason(&mut response, status, reason.as_deref());
    let map = response.headers_mut();
    for (name, value) in headers {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(name), Ok(value)) => {
                map.append(name, value);
            }
            _ => tracing::warn!("dropped an invalid response header {name:?}"),
        }
    }
    response
}

/// Sends a non-standard reason phrase (e.g. "Invalid JSON") when one was set.
fn set_reason(response: &mut Response<OutBody>, status: u16, reason: Option<&str>) {
    let Some(reason) = reason else { return };
    if apiroutes_nextspec::reason::canonical_reason(status) == Some(reason) {
        return;
    }
    if let Ok(phrase) = hyper::ext::ReasonPhrase::try_from(reason.as_bytes().to_vec()) {
        response.extensions_mut().insert(phrase);
    }
}

/// Compression's Vary/gzip, HEAD's body rules and Next's Content-Length behaviour.
fn finish_response(response: &mut Response<OutBody>, accept_encoding: Option<&str>, is_head: bool) {
    let headers = response.headers();
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = text("content-type");
    let cache_control = text("cache-control");
    let content_encoding = text("content-encoding");
    let explicit_length: Option<usize> = text("content-length").and_then(|v| v.trim().parse().ok());
    let known_length = explicit_length.or(match response.body() {
        OutBody::Full(bytes) => Some(bytes.as_ref().map_or(0, Bytes::len)),
        _ => None,
    });
    let status = response.status().as_u16();
    let decision = compression::decide(&ResponseFacts {
        content_type: content_type.as_deref(),
        cache_control: cache_control.as_deref(),
        content_encoding: content_encoding.as_deref(),
        known_length,
        is_head,
        accept_encoding,
    });
    if decision.add_vary {
        let vary = response
            .headers()
            .get_all("vary")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ");
        let existing = if vary.is_empty() {
            None
        } else {
            Some(vary.as_str())
        };
        if let Some(merged) = compression::merge_vary(existing) {
            if let Ok(value) = HeaderValue::from_str(&merged) {
                response.headers_mut().insert("vary", value);
            }
        }
    }
    let bodyless = is_head || status == 204 || status == 304 || (100..200).contains(&status);
    if decision.gzip && !bodyless {
        let body = std::mem::replace(response.body_mut(), OutBody::empty());
        let gzip = match body {
            OutBody::Full(bytes) => GzipStream::from_bytes(bytes.unwrap_or_default()),
            OutBody::Stream(stream) => GzipStream::from_stream(stream),
            other => {
                *response.body_mut() = other;
                return;
            }
        };
        *response.body_mut() = OutBody::GzipStream(Box::new(gzip));
        response.headers_mut().remove("content-length");
        response
            .headers_mut()
            .insert("content-encoding", HeaderValue::from_static("gzip"));
        return;
    }
    if is_head {
        // A HEAD answer never carries body bytes (HTTP/2 would send them as DATA frames).
        // Next's compression wrapper streams every body it was not given a length for, so
        // it carries a Content-Length only when the handler set one; that header is kept
        // as set.
        *response.body_mut() = if explicit_length.is_none() {
            OutBody::UnsizedEmpty
        } else {
            OutBody::empty()
        };
    }
}

/// Next's own redirects (trailing slash, repeated slashes): body = destination, a 308
/// also gets `Refresh`.
fn redirect(status: u16, location: &str) -> Response<OutBody> {
    let mut response = Response::new(OutBody::full(location.to_string()));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::PERMANENT_REDIRECT);
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert("location", value.clone());
        if status == 308 {
            if let Ok(refresh) = HeaderValue::from_str(&format!("0;url={location}")) {
                response.headers_mut().insert("refresh", refresh);
            }
        }
    }
    response
}

pub(crate) fn html_error(status: u16) -> Response<OutBody> {
    let mut response = Response::new(OutBody::full(error_page(status)));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        "cache-control",
        HeaderValue::from_static(ERROR_PAGE_CACHE_CONTROL),
    );
    headers.insert("content-type", HeaderValue::from_static(HTML_CONTENT_TYPE));
    response
}

/// Next's `sendError`: status, reason phrase = message, body = message, no content type.
pub fn plain_error(status: u16, message: &str) -> Response<OutBody> {
    let mut response = Response::new(OutBody::full(message.to_string()));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    set_reason(&mut response, status, Some(message));
    response
}

/// The 500 a request gets when its worker crashed under it.
pub fn internal_error() -> Response<OutBody> {
    let mut response = plain_error(500, "Internal Server Error");
    finish_response(&mut response, None, false);
    response
}

fn body_rejection(rejection: &BodyRejection) -> Response<OutBody> {
    plain_error(rejection.status(), &rejection.message())
}

/// A worker at its in-flight limit refuses more work instead of queueing without bound.
pub fn overloaded() -> Response<OutBody> {
    let mut response = plain_error(503, "Service Unavailable");
    response
        .headers_mut()
        .insert("retry-after", HeaderValue::from_static("1"));
    response
}
