//! Root middleware / proxy on the HTTP side (SPEC 12): loading it on every worker at
//! start-up with its compiled `config.matcher`, running it before routing, and turning
//! its answer into a decision the way Next's `resolve-routes` does: continue (with
//! request-header overrides and response headers to merge), rewrite, redirect, or a
//! response sent as it is.
//!
//! Only the middleware's *response* headers are interpreted. Headers a client sends,
//! such as `x-middleware-subrequest` (CVE-2025-29927), never change whether middleware
//! runs: they are stripped before the middleware and the route see the request.

use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

use apiroutes_router::{MatcherConfig, MiddlewareFile, MiddlewareKind, MiddlewareMatcher};
use apiroutes_runtime::{
    DispatchError, MiddlewareModule, MiddlewareRequest, PendingResponse, ResponseHead, Worker,
    MIDDLEWARE_ERROR_HEADER,
};
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, Response, StatusCode};

use crate::body::OutBody;
use crate::next_config::RequestView;
use crate::service::{build_response, html_error, overloaded, plain_error, App};

/// The middleware of one worker: its module and its matcher.
pub struct ActiveMiddleware {
    module: Rc<MiddlewareModule>,
    matcher: MiddlewareMatcher,
    file: PathBuf,
}

impl ActiveMiddleware {
    /// Loads the module on `worker` and compiles its matcher; an error here stops start-up
    /// (Next refuses such a project at build time).
    pub async fn load(worker: &Worker, file: &MiddlewareFile) -> Result<Self, String> {
        let proxy = file.kind == MiddlewareKind::Proxy;
        let module = worker.middleware(&file.path, proxy).await?;
        let matcher = match &module.matcher_json {
            None => MiddlewareMatcher::default(),
            Some(json) => {
                let config: MatcherConfig = serde_json::from_str(json).map_err(|err| {
                    format!(
                        "{}: invalid config.matcher {json}: {err}",
                        file.path.display()
                    )
                })?;
                MiddlewareMatcher::compile(&config)
                    .map_err(|err| format!("{}: {err}", file.path.display()))?
            }
        };
        Ok(Self {
            module,
            matcher,
            file: file.path.clone(),
        })
    }
}

/// Request headers that only Next's own machinery may set; a client sending them is
/// ignored (they are removed before middleware and handlers see the request).
pub fn is_internal_request_header(name: &str) -> bool {
    name.starts_with("x-middleware-")
        || name == "x-nextjs-data"
        || name == "x-matched-path"
        || name == "x-now-route-matches"
}

/// What the middleware decided.
pub enum Outcome {
    /// Go on to the route, with `merge` applied.
    Continue(Merge),
    /// Serve `path?query` instead (same origin), with `merge` applied.
    Rewrite {
        path: String,
        query: Option<String>,
        merge: Merge,
    },
    /// Answer with this response; the route never runs.
    Respond(Response<OutBody>),
}

/// How many times middleware may run for one request (rewrites re-run it).
pub const MAX_RUNS: usize = 5;

/// Header changes that middleware asks for when the request goes on.
#[derive(Default)]
pub struct Merge {
    /// `NextResponse.next({ request: { headers } })`: the complete new request headers.
    pub request_headers: Option<Vec<(String, String)>>,
    /// Headers of the middleware's response, added to the final response (and, as Next
    /// does, to the request the handler sees).
    pub response_headers: Vec<(String, String)>,
}

impl Merge {
    /// Adds a later run's response headers: a repeated name replaces the earlier value,
    /// except `set-cookie`, which accumulates.
    pub fn absorb(&mut self, later: Merge) {
        for (name, value) in later.response_headers {
            if name != "set-cookie" {
                self.response_headers
                    .retain(|(existing, _)| existing != &name);
            }
            self.response_headers.push((name, value));
        }
    }

    /// Applies the request side to the headers the route will see.
    pub fn apply_to_request(&self, headers: &mut HeaderMap) {
        if let Some(replacement) = &self.request_headers {
            headers.clear();
            for (name, value) in replacement {
                if let (Ok(name), Ok(value)) = (
                    HeaderName::from_bytes(name.as_bytes()),
                    HeaderValue::from_str(value),
                ) {
                    headers.append(name, value);
                }
            }
        }
        for (name, value) in &self.response_headers {
            if name == "x-middleware-rewrite" {
                continue;
            }
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.insert(name, value);
            }
        }
    }

    /// `response` with the middleware's headers applied (an answer that ends the request).
    pub fn applied(&self, mut response: Response<OutBody>) -> Response<OutBody> {
        self.apply_to_response(&mut response);
        response
    }

    /// Merges into the route's response: middleware headers go first; the handler's own
    /// value wins for a header both set, except `set-cookie`, where both are kept
    /// (middleware's first), as Next's patched `setHeader` does.
    fn apply_to_response(&self, response: &mut Response<OutBody>) {
        if self.response_headers.is_empty() {
            return;
        }
        let handler = std::mem::take(response.headers_mut());
        let merged = response.headers_mut();
        for (name, value) in &self.response_headers {
            let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
                continue;
            };
            if header != http::header::SET_COOKIE && handler.contains_key(&header) {
                continue;
            }
            if let Ok(value) = HeaderValue::from_str(value) {
                merged.append(header, value);
            }
        }
        for (name, value) in handler.iter() {
            merged.append(name.clone(), value.clone());
        }
    }
}

/// Whether the middleware runs for this (normalised) path.
pub fn matches(
    active: &ActiveMiddleware,
    path: &str,
    headers: &HeaderMap,
    query: Option<&str>,
) -> bool {
    active
        .matcher
        .matches(path, &RequestView { headers, query })
}

/// Runs the middleware and reads its decision.
pub async fn run(
    app: &App,
    active: &ActiveMiddleware,
    method: &str,
    headers: &HeaderMap,
    origin: &str,
    path: &str,
    query: Option<&str>,
) -> Outcome {
    let url = format!(
        "{origin}{}",
        apiroutes_nextspec::url_query::reserialize_url(path, query.filter(|q| !q.is_empty()))
    );
    let request = MiddlewareRequest {
        method: method.to_string(),
        url,
        headers: header_pairs(headers),
    };
    let pending = match app
        .worker
        .dispatch_middleware(&active.module, request)
        .await
    {
        Ok(pending) => pending,
        Err(DispatchError::Overloaded) => return Outcome::Respond(overloaded()),
    };
    let PendingResponse { head, body } = pending;
    let head = match app.max_duration {
        Some(limit) => {
            match tokio::time::timeout(limit.max(Duration::from_millis(1)), head).await {
                Ok(head) => head,
                Err(_) => return Outcome::Respond(plain_error(504, "Gateway Timeout")),
            }
        }
        None => head.await,
    };
    let Ok(head) = head else {
        return Outcome::Respond(html_error(500));
    };
    if header(&head, MIDDLEWARE_ERROR_HEADER).is_some() {
        tracing::error!(
            "{}: middleware threw (see the error above)",
            active.file.display()
        );
        return Outcome::Respond(html_error(500));
    }
    let rewrite = header(&head, "x-middleware-rewrite").map(str::to_string);
    let next = header(&head, "x-middleware-next").is_some();
    let location = header(&head, "location").map(str::to_string);
    if rewrite.is_none() && !next && location.is_none() {
        // A response of its own: sent as it is (status, headers, streamed body).
        return Outcome::Respond(build_response(head, body));
    }
    drop(body);
    let merge = decision_merge(&head);
    if let Some(rewrite) = rewrite {
        let Some((authority, path, query)) = split_absolute(&rewrite) else {
            tracing::error!("middleware rewrite to an invalid URL {rewrite:?}");
            return Outcome::Respond(html_error(500));
        };
        if !same_authority(authority, origin) {
            tracing::error!(
                "middleware rewrite to another origin ({rewrite}) is not supported by apiroutes"
            );
            return Outcome::Respond(html_error(500));
        }
        return Outcome::Rewrite {
            path: path.to_string(),
            query: query.map(str::to_string),
            merge,
        };
    }
    if next {
        return Outcome::Continue(merge);
    }
    // A redirect: Next makes a same-origin Location relative; the body is the location.
    let location = location.unwrap_or_default();
    let location = match split_absolute(&location) {
        Some((authority, path, query)) if same_authority(authority, origin) => match query {
            Some(query) => format!("{path}?{query}"),
            None => path.to_string(),
        },
        _ => location,
    };
    let mut response = Response::new(OutBody::full(location.clone()));
    *response.status_mut() =
        StatusCode::from_u16(head.status).unwrap_or(StatusCode::TEMPORARY_REDIRECT);
    for (name, value) in &merge.response_headers {
        if name == "location" || name == "content-type" {
            continue;
        }
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(http::header::LOCATION, value);
    }
    Outcome::Respond(response)
}

fn header<'a>(head: &'a ResponseHead, name: &str) -> Option<&'a str> {
    head.headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// The request-header overrides and the response headers of a next/rewrite answer.
fn decision_merge(head: &ResponseHead) -> Merge {
    let request_headers = header(head, "x-middleware-override-headers").map(|keys| {
        keys.split(',')
            .map(str::trim)
            .filter(|key| !key.is_empty())
            .filter_map(|key| {
                let key = key.to_ascii_lowercase();
                header(head, &format!("x-middleware-request-{key}"))
                    .map(|value| (key.clone(), value.to_string()))
            })
            .collect::<Vec<_>>()
    });
    let mut response_headers = Vec::new();
    for (name, value) in &head.headers {
        let name = name.to_ascii_lowercase();
        if name == "content-length"
            || name == "transfer-encoding"
            || (name.starts_with("x-middleware-") && name != "x-middleware-rewrite")
            || name == MIDDLEWARE_ERROR_HEADER
        {
            continue;
        }
        response_headers.push((name, value.clone()));
    }
    Merge {
        request_headers,
        response_headers,
    }
}

/// `scheme://authority/path?query#hash` → (authority, path, query).
fn split_absolute(url: &str) -> Option<(&str, &str, Option<&str>)> {
    let (_, rest) = url.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let rest = &rest[authority_end..];
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    Some((authority, if path.is_empty() { "/" } else { path }, query))
}

fn same_authority(authority: &str, origin: &str) -> bool {
    origin
        .split_once("://")
        .is_some_and(|(_, own)| own.eq_ignore_ascii_case(authority))
}

/// Header pairs in arrival order, lower-case names, values as (lossy) text.
pub fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls_split_into_parts() {
        assert_eq!(
            split_absolute("http://localhost:3000/api/echo?from=rewrite#x"),
            Some(("localhost:3000", "/api/echo", Some("from=rewrite")))
        );
        assert_eq!(
            split_absolute("https://example.com"),
            Some(("example.com", "/", None))
        );
        assert_eq!(split_absolute("/relative"), None);
    }

    #[test]
    fn same_origin_ignores_scheme_and_case() {
        assert!(same_authority("LOCALHOST:3000", "http://localhost:3000"));
        assert!(same_authority("localhost:3000", "https://localhost:3000"));
        assert!(!same_authority("example.com", "http://localhost:3000"));
    }

    #[test]
    fn client_cannot_send_internal_headers() {
        assert!(is_internal_request_header("x-middleware-subrequest"));
        assert!(is_internal_request_header("x-middleware-rewrite"));
        assert!(!is_internal_request_header("x-injected"));
    }

    #[test]
    fn overrides_and_response_headers_are_read_from_the_head() {
        let head = ResponseHead {
            status: 200,
            reason: None,
            headers: vec![
                ("x-middleware-next".into(), "1".into()),
                ("x-middleware-override-headers".into(), "x-a,host".into()),
                ("x-middleware-request-x-a".into(), "1".into()),
                ("x-middleware-request-host".into(), "h".into()),
                ("set-cookie".into(), "a=1; Path=/".into()),
                ("x-from-mw".into(), "yes".into()),
            ],
            body: apiroutes_runtime::HeadBody::Streaming,
        };
        let merge = decision_merge(&head);
        assert_eq!(
            merge.request_headers,
            Some(vec![
                ("x-a".to_string(), "1".to_string()),
                ("host".to_string(), "h".to_string())
            ])
        );
        assert_eq!(
            merge.response_headers,
            vec![
                ("set-cookie".to_string(), "a=1; Path=/".to_string()),
                ("x-from-mw".to_string(), "yes".to_string())
            ]
        );
    }
}
