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
    BodyAborted, BodyChunk, BodyParserConfig, DispatchError, HeadBody, PagesRequest, ParamValue,
    ParsedBody, PendingResponse, ResponseHead, Worker,
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
use crate::next_config::{NextConfig, RequestView, RewritePhase, Rewritten};
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
    /// A static export served beside the API (after `public/`, never for `/api/**`).
    pub static_export: Option<Arc<crate::static_export::StaticExport>>,
    /// Whether the project has App Router routes (the 404 page then carries their Vary).
    pub has_app_routes: bool,
    /// `--max-duration`: a handler that has not answered by then gets a 504.
    pub max_duration: Option<Duration>,
    /// The project's `next.config.*`.
    pub next_config: Arc<NextConfig>,
    /// Node's `requestTimeout`: the body must have arrived by then (408).
    pub request_timeout: Option<Duration>,
    /// The process-wide memory budget of buffered request bodies.
    pub body_budget: Arc<crate::body_budget::BodyBudget>,
    /// `dev`: module load errors go to the client too ([`module_failure`]).
    pub dev: bool,
}

/// The answer for a route whose module failed to load (a syntax error, a throw at the
/// top level, no handler export). `start` logs it on every request and answers
/// `production` (never the error). `dev` logs it in full once per process (a reload
/// starts a new one; later requests log its first line) and answers 500 with it: JSON
/// (`{"error": {"message"}}`) when the client accepts `application/json`, else an HTML
/// page.
pub(crate) fn module_failure(
    app: &App,
    headers: &http::HeaderMap,
    message: &str,
    production: impl FnOnce() -> Response<OutBody>,
) -> Response<OutBody> {
    if !app.dev {
        tracing::error!("{message}");
        return production();
    }
    if report_once(message) {
        tracing::error!("{message}");
    } else {
        tracing::error!(
            "{} (reported above)",
            message.lines().next().unwrap_or_default()
        );
    }
    let wants_json = headers
        .get_all(http::header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.contains("application/json"));
    let (body, content_type) = if wants_json {
        let body = serde_json::json!({ "error": { "message": message } });
        (body.to_string(), "application/json; charset=utf-8")
    } else {
        (
            crate::error_pages::dev_error_page(message),
            HTML_CONTENT_TYPE,
        )
    };
    let mut response = Response::new(OutBody::full(body));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(content_type),
    );
    headers.insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static(ERROR_PAGE_CACHE_CONTROL),
    );
    response
}

/// Whether `message` is new to this process (it is remembered from now on).
pub fn report_once(message: &str) -> bool {
    static REPORTED: std::sync::Mutex<Option<std::collections::HashSet<String>>> =
        std::sync::Mutex::new(None);
    let mut reported = REPORTED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    reported
        .get_or_insert_with(Default::default)
        .insert(message.to_string())
}

/// When the body of a request must have arrived (`--request-timeout`), kept in the
/// request's extensions.
#[derive(Clone, Copy)]
pub(crate) struct BodyDeadline(pub(crate) tokio::time::Instant);

/// The body deadline of a request, if there is one.
pub(crate) fn body_deadline(parts: &http::request::Parts) -> Option<tokio::time::Instant> {
    parts
        .extensions
        .get::<BodyDeadline>()
        .map(|deadline| deadline.0)
}

/// The hyper service function.
pub async fn respond(
    app: Rc<App>,
    mut request: Request<Incoming>,
) -> Result<Response<OutBody>, Infallible> {
    if let Some(timeout) = app.request_timeout {
        request
            .extensions_mut()
            .insert(BodyDeadline(tokio::time::Instant::now() + timeout));
    }
    if let Some(reason) = framing_error(&request) {
        tracing::debug!("refused a request: {reason}");
        return Ok(bad_request_and_close());
    }
    let accept_encoding = header_text(&request, "accept-encoding");
    let is_head = request.method() == http::Method::HEAD;
    let mut response = route_request(&app, request).await;
    let compress = app.next_config.compress;
    finish_response(&mut response, accept_encoding.as_deref(), is_head, compress);
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
    let config = app.next_config.clone();
    let target = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let normalized = if config.is_plain() {
        apiroutes_router::normalize_target(&target)
    } else {
        apiroutes_router::normalize_target_keeping_trailing_slash(&target)
    };
    let (path, query) = match normalized {
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
    // resolve-routes.ts: `headers()` then `redirects()`, before middleware; the headers
    // are set on the response before anything else answers, so the answer's own win.
    let view = RequestView {
        headers: &parts.headers,
        query: query.as_deref(),
    };
    let config_headers = config.response_headers(&path, &view);
    let mut response = match config.redirect(&path, &view) {
        Some(Ok(found)) => redirect(found.status, &found.location),
        Some(Err(message)) => {
            tracing::error!("a next.config redirect failed: {message}");
            plain_error(500, "Internal Server Error")
        }
        None => route_after_redirects(app, &config, parts, body, path, query).await,
    };
    apply_config_headers(&mut response, &config_headers);
    if config.powered_by_header && response.extensions().get::<RenderedPage>().is_some() {
        response
            .headers_mut()
            .insert("x-powered-by", HeaderValue::from_static("Next.js"));
    }
    response
}

/// `headers()` values: set unless the answer set the same header (`Set-Cookie` added).
fn apply_config_headers(response: &mut Response<OutBody>, config_headers: &[(String, String)]) {
    let mut fresh: Vec<HeaderName> = Vec::new();
    for (key, value) in config_headers {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(key.as_bytes()),
            HeaderValue::from_str(value),
        ) else {
            tracing::warn!("dropped an invalid next.config header {key:?}");
            continue;
        };
        let is_cookie = name == http::header::SET_COOKIE;
        if !is_cookie && response.headers().contains_key(&name) && !fresh.contains(&name) {
            continue;
        }
        response.headers_mut().append(name.clone(), value);
        fresh.push(name);
    }
}

/// Where a request goes once past the config's redirects.
enum Found {
    Public(PathBuf),
    Route,
}

/// The filesystem check of resolve-routes (`fsChecker.getItem`, then the dynamic
/// routes when `dynamic`): a public file or a route, under `basePath`.
fn find_item(app: &App, config: &NextConfig, path: &str, dynamic: bool) -> Option<Found> {
    let inner = config.strip_base(path)?;
    if !app.public.is_empty() || app.static_export.is_some() {
        let decoded = percent_encoding::percent_decode_str(inner).decode_utf8_lossy();
        let file = app.public.lookup(&decoded).or_else(|| {
            app.static_export
                .as_ref()
                .and_then(|export| export.lookup(&decoded))
        });
        if let Some(file) = file {
            return Some(Found::Public(file.to_path_buf()));
        }
    }
    match app.routes.find(inner) {
        Ok(Some(found)) if dynamic || !found.route.is_dynamic() => Some(Found::Route),
        Err(_) if dynamic => Some(Found::Route),
        _ => None,
    }
}

/// Middleware, then beforeFiles rewrites, files and static routes, afterFiles
/// rewrites, dynamic routes and fallback rewrites, in resolve-routes' order.
async fn route_after_redirects(
    app: &App,
    config: &NextConfig,
    mut parts: http::request::Parts,
    body: Incoming,
    mut path: String,
    mut query: Option<String>,
) -> Response<OutBody> {
    // A malformed escape in a dynamic segment is refused before middleware runs.
    if let Some(inner) = config.strip_base(&path) {
        if let Err(MatchError::MalformedParam { .. }) = app.routes.find(inner) {
            return html_error(400);
        }
    }
    let mut merge = crate::middleware::Merge::default();
    if let Some(active) = &app.middleware {
        // A rewrite to a path the matcher also covers runs the middleware again, as
        // Next does; the depth is bounded like Next's own subrequest limit.
        for _ in 0..crate::middleware::MAX_RUNS {
            let Some(inner) = config.strip_base(&path) else {
                break;
            };
            if !crate::middleware::matches(active, inner, &parts.headers, query.as_deref()) {
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
                crate::middleware::Outcome::Respond(response) => {
                    return merge.applied(response);
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
    let mut found = None;
    // beforeFiles: each rewrite applies to the previous one's result.
    for index in 0..config.rewrites(RewritePhase::BeforeFiles) {
        let view = RequestView {
            headers: &parts.headers,
            query: query.as_deref(),
        };
        match config.rewrite(RewritePhase::BeforeFiles, index, &path, &view) {
            None => {}
            Some(Ok(Rewritten::Internal {
                path: new_path,
                query: new_query,
            })) => {
                path = new_path;
                query = new_query;
            }
            Some(Ok(Rewritten::External(url))) => {
                return merge.applied(crate::proxy::proxy(&url, parts, body).await);
            }
            Some(Err(message)) => {
                return merge.applied(rewrite_failure(&message));
            }
        }
    }
    if let Some(item) = find_item(app, config, &path, false) {
        found = Some(item);
    }
    for phase in [RewritePhase::AfterFiles, RewritePhase::Fallback] {
        if found.is_some() {
            break;
        }
        if phase == RewritePhase::Fallback {
            // "check dynamic route", between afterFiles and fallback.
            found = find_item(app, config, &path, true);
            if found.is_some() {
                break;
            }
        }
        for index in 0..config.rewrites(phase) {
            let view = RequestView {
                headers: &parts.headers,
                query: query.as_deref(),
            };
            match config.rewrite(phase, index, &path, &view) {
                None => {}
                Some(Ok(Rewritten::Internal {
                    path: new_path,
                    query: new_query,
                })) => {
                    path = new_path;
                    query = new_query;
                    // `check: true`: stop at the first rewrite that reaches something.
                    found = find_item(app, config, &path, true);
                    if found.is_some() {
                        break;
                    }
                }
                Some(Ok(Rewritten::External(url))) => {
                    return merge.applied(crate::proxy::proxy(&url, parts, body).await);
                }
                Some(Err(message)) => {
                    return merge.applied(rewrite_failure(&message));
                }
            }
        }
    }
    let response = match found {
        Some(Found::Public(file)) => {
            crate::public_files::serve(&file, &parts.method, &parts.headers).await
        }
        Some(Found::Route) => {
            let inner = config.strip_base(&path).unwrap_or("/").to_string();
            serve_route(app, parts, body, inner, path, query).await
        }
        None => {
            let inner = config.strip_base(&path).unwrap_or(&path);
            app.static_export
                .as_ref()
                .and_then(|export| export.not_found(inner, parts.method == http::Method::HEAD))
                .unwrap_or_else(|| not_found(app, inner))
        }
    };
    merge.applied(response)
}

/// A rewrite whose destination failed to compile: 500, as Next's `prepareDestination`
/// throwing.
fn rewrite_failure(message: &str) -> Response<OutBody> {
    tracing::error!("a next.config rewrite failed: {message}");
    plain_error(500, "Internal Server Error")
}

/// Routes a (possibly rewritten) request to its pages or app handler.
/// `path` is below `basePath` (what routes match); `url_path` the full path the
/// handler's URL shows.
async fn serve_route(
    app: &App,
    parts: http::request::Parts,
    body: Incoming,
    path: String,
    url_path: String,
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
            serve_pages(app, request, file, url_path, query, params).await
        }
        RouteKind::AppRoute => {
            let target = crate::app_routes::AppTarget {
                file: route.file.clone(),
                is_dynamic: route.is_dynamic(),
                path: url_path,
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
            return module_failure(app, request.headers(), &message, || {
                plain_error(500, "Internal Server Error")
            });
        }
    };
    let (parts, body) = request.into_parts();
    if route.config.edge {
        let target = crate::app_routes::AppTarget {
            file,
            path,
            query,
            params,
            is_dynamic: false,
        };
        return crate::app_routes::serve_edge_api(app, parts, body, &route, target).await;
    }
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
    // The buffered body's memory stays reserved until the handler has answered.
    let mut timed_out = BodyTimedOut::never();
    let (parsed_body, body_stream, reservation) = match &route.config.body_parser {
        BodyParserConfig::Disabled => {
            let (stream, fired) = stream_body(body, body_deadline(&parts));
            timed_out = fired;
            (ParsedBody::Unparsed, Some(stream), None)
        }
        BodyParserConfig::Enabled { limit, limit_text } => {
            let deadline = body_deadline(&parts);
            let parsed = async {
                request_body::check_charset(content_type.as_deref())?;
                let (bytes, reservation) = request_body::read_limited(
                    body,
                    *limit,
                    limit_text,
                    deadline,
                    &app.body_budget,
                )
                .await?;
                Ok::<_, BodyRejection>((
                    request_body::parse(content_type.as_deref(), &bytes)?,
                    reservation,
                ))
            }
            .await;
            match parsed {
                Ok((parsed, reservation)) => (parsed, None, Some(reservation)),
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
    let response = await_response(pending, max_duration, timed_out).await;
    if let Some(reservation) = reservation {
        // Answered: the body's bytes go back to the budget, and a large body's memory
        // back to the system (mimalloc keeps freed pages otherwise).
        let large = reservation.bytes() >= LARGE_BODY;
        drop(reservation);
        if large {
            apiroutes_runtime::allocator::release_free_memory();
        }
    }
    response
}

/// A buffered body this large returns its memory to the system after its request.
const LARGE_BODY: u64 = 8 * 1024 * 1024;

/// Feeds the raw request body to the handler chunk by chunk (`bodyParser: false`, route
/// handlers). A body cut short (the connection closed before its end, a malformed chunk)
/// ends with [`BodyAborted`], never as a clean end; so does one still arriving at the
/// request timeout (`deadline`), which also fires the returned [`BodyTimedOut`].
pub(crate) fn stream_body(
    body: Incoming,
    deadline: Option<tokio::time::Instant>,
) -> (mpsc::Receiver<BodyChunk>, BodyTimedOut) {
    let (sender, receiver) = mpsc::channel(16);
    let (timed_out, timed_out_receiver) = tokio::sync::oneshot::channel::<()>();
    tokio::task::spawn_local(async move {
        let mut body = body;
        let mut timed_out = Some(timed_out);
        loop {
            let frame = match deadline {
                Some(deadline) => match tokio::time::timeout_at(deadline, body.frame()).await {
                    Ok(frame) => frame.map(|frame| frame.map_err(|_| ())),
                    Err(_) => {
                        if let Some(timed_out) = timed_out.take() {
                            let _ = timed_out.send(());
                        }
                        Some(Err(()))
                    }
                },
                None => body.frame().await.map(|frame| frame.map_err(|_| ())),
            };
            let chunk = match frame {
                None => break,
                Some(Err(_)) => Err(BodyAborted),
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(data) => Ok(data),
                    Err(_) => continue,
                },
            };
            let failed = chunk.is_err();
            if sender.send(chunk).await.is_err() || failed {
                break;
            }
        }
    });
    (receiver, BodyTimedOut(Some(timed_out_receiver)))
}

/// Fires when a streamed request body was still arriving at the request timeout.
pub(crate) struct BodyTimedOut(Option<tokio::sync::oneshot::Receiver<()>>);

impl BodyTimedOut {
    /// For requests whose body is buffered before the handler runs.
    pub(crate) fn never() -> Self {
        Self(None)
    }
}

/// Waits for the handler's head (504 past `max_duration`); a streamed body that timed out
/// first is answered 408 with the connection closed, as Node does when nothing was
/// written yet (the handler is then told its client is gone).
pub(crate) async fn await_response(
    pending: PendingResponse,
    max_duration: Option<Duration>,
    timed_out: BodyTimedOut,
) -> Response<OutBody> {
    let PendingResponse { head, body } = pending;
    let wait = async {
        match max_duration {
            Some(limit) => tokio::time::timeout(limit, head).await.ok(),
            None => Some(head.await),
        }
    };
    let head = match timed_out.0 {
        Some(timed_out) => tokio::select! {
            // The timeout first: the handler's answer to its aborted body may be ready too.
            biased;
            Ok(()) = timed_out => return body_rejection(&BodyRejection::Timeout),
            head = wait => head,
        },
        None => wait.await,
    };
    let Some(head) = head else {
        return plain_error(504, "Gateway Timeout");
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
/// `compress: false` in next.config leaves out the compression step entirely (no gzip,
/// no `Vary: Accept-Encoding`), as Next then never installs the `compression` middleware.
fn finish_response(
    response: &mut Response<OutBody>,
    accept_encoding: Option<&str>,
    is_head: bool,
    compress: bool,
) {
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
    let mut decision = compression::decide(&ResponseFacts {
        content_type: content_type.as_deref(),
        cache_control: cache_control.as_deref(),
        content_encoding: content_encoding.as_deref(),
        known_length,
        is_head,
        accept_encoding,
    });
    if !compress {
        decision.add_vary = false;
        decision.gzip = false;
    }
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
        let body = std::mem::replace(
            response.body_mut(),
            if explicit_length.is_none() {
                OutBody::UnsizedEmpty
            } else {
                OutBody::empty()
            },
        );
        if let OutBody::Stream(mut stream) = body {
            // What the handler still writes is discarded, as Node does for HEAD; dropping
            // the stream now would tell the handler its client went away.
            tokio::task::spawn_local(async move {
                while std::future::poll_fn(|cx| stream.poll_chunk(cx))
                    .await
                    .is_some()
                {}
            });
        }
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

/// Marks an answer Next renders as a page (its HTML error pages), which is where
/// Next's `sendRenderResult` adds `X-Powered-By`.
#[derive(Clone, Copy)]
pub(crate) struct RenderedPage;

pub(crate) fn html_error(status: u16) -> Response<OutBody> {
    let mut response = Response::new(OutBody::full(error_page(status)));
    response.extensions_mut().insert(RenderedPage);
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
    finish_response(&mut response, None, false, true);
    response
}

fn body_rejection(rejection: &BodyRejection) -> Response<OutBody> {
    let mut response = plain_error(rejection.status(), &rejection.message());
    if matches!(
        rejection,
        BodyRejection::Aborted | BodyRejection::Timeout | BodyRejection::Budget(_)
    ) {
        // The rest of the body is not read: the connection cannot carry another request.
        response
            .headers_mut()
            .insert(http::header::CONNECTION, HeaderValue::from_static("close"));
    }
    if *rejection == BodyRejection::Budget(crate::body_budget::Refusal::Full) {
        response
            .headers_mut()
            .insert("retry-after", HeaderValue::from_static("1"));
    }
    response
}

/// A worker at its in-flight limit refuses more work instead of queueing without bound.
pub fn overloaded() -> Response<OutBody> {
    let mut response = plain_error(503, "Service Unavailable");
    response
        .headers_mut()
        .insert("retry-after", HeaderValue::from_static("1"));
    response
}
