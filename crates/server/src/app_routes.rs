//! App Router route handlers on the HTTP side (SPEC 10, 11): the absolute request URL,
//! the raw body stream, `maxDuration`, and the headers Next adds to every route-handler
//! response (the App Router `Vary`, and the cache headers of `dynamic = 'force-static'`).

use std::path::PathBuf;

use apiroutes_runtime::{AppRequest, DispatchError, ParamValue};
use http::header::HeaderValue;
use http::request::Parts;
use http::{HeaderMap, Response};
use hyper::body::Incoming;

use crate::body::OutBody;
use crate::middleware::header_pairs;
use crate::service::{await_response, body_deadline, overloaded, stream_body, App};

/// The Vary value Next sets on every App Router response (route handlers, the 404 page).
pub const APP_ROUTER_VARY: &str =
    "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

/// What the server knows about the matched route.
pub struct AppTarget {
    pub file: PathBuf,
    pub path: String,
    pub query: Option<String>,
    pub params: Vec<(String, ParamValue)>,
    pub is_dynamic: bool,
}

/// `request.url`'s origin: the server's own name and port (the Host header is ignored),
/// `https` when `x-forwarded-proto` says so (SPEC 11.1).
pub fn request_origin(app: &App, headers: &HeaderMap) -> String {
    let https = headers
        .get_all("x-forwarded-proto")
        .iter()
        .any(|value| String::from_utf8_lossy(value.as_bytes()).contains("https"));
    format!(
        "{}://{}",
        if https { "https" } else { "http" },
        app.origin_host
    )
}

/// Runs one route handler and shapes its response.
pub async fn serve(
    app: &App,
    parts: Parts,
    body: Incoming,
    target: AppTarget,
) -> Response<OutBody> {
    let mut response = dispatch(app, parts, body, target).await;
    add_app_vary(&mut response);
    response
}

async fn dispatch(app: &App, parts: Parts, body: Incoming, target: AppTarget) -> Response<OutBody> {
    let route = match app.worker.app_route(&target.file).await {
        Ok(route) => route,
        Err(message) => {
            return crate::service::module_failure(app, &parts.headers, &message, || empty(500));
        }
    };
    let origin = request_origin(app, &parts.headers);
    let url = format!(
        "{origin}{}",
        apiroutes_nextspec::url_query::reserialize_url(
            &target.path,
            target.query.as_deref().filter(|q| !q.is_empty())
        )
    );
    let method = parts.method.as_str().to_string();
    let (body, timed_out) = stream_body(body, body_deadline(&parts));
    let request = AppRequest {
        method: method.clone(),
        url,
        headers: header_pairs(&parts.headers),
        params: target.params,
        is_dynamic: target.is_dynamic,
        body: Some(body),
    };
    let max_duration = route.config.max_duration.or(app.max_duration);
    let pending = match app.worker.dispatch_app(&route, request).await {
        Ok(pending) => pending,
        Err(DispatchError::Overloaded) => return overloaded(),
    };
    let mut response = await_response(pending, max_duration, timed_out).await;
    let cacheable = (method == "GET" || method == "HEAD") && response.status() == 200;
    if route.config.force_static && cacheable {
        // Next prerenders it at build time and serves the stored answer.
        let headers = response.headers_mut();
        headers.insert(
            "cache-control",
            HeaderValue::from_static("s-maxage=31536000"),
        );
        headers.insert("x-nextjs-cache", HeaderValue::from_static("HIT"));
    } else if let (Some(seconds), true) = (route.config.revalidate, cacheable) {
        if !response.headers().contains_key("cache-control") {
            if let Ok(value) = HeaderValue::from_str(&revalidate_cache_control(seconds)) {
                response.headers_mut().insert("cache-control", value);
            }
        }
    }
    response
}

/// Next's `getCacheControlHeader` for `revalidate = N` with the default `expireTime` of
/// one year: stale content may be served for the rest of that year.
fn revalidate_cache_control(seconds: u64) -> String {
    const ONE_YEAR: u64 = 31_536_000;
    if seconds < ONE_YEAR {
        format!(
            "s-maxage={seconds}, stale-while-revalidate={}",
            ONE_YEAR - seconds
        )
    } else {
        format!("s-maxage={seconds}")
    }
}

/// Puts the App Router Vary first; a Vary the handler set follows it.
pub fn add_app_vary(response: &mut Response<OutBody>) {
    let own: Vec<String> = response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .map(str::to_string)
        .collect();
    let mut value = APP_ROUTER_VARY.to_string();
    for item in own {
        if !item.trim().is_empty() {
            value.push_str(", ");
            value.push_str(&item);
        }
    }
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert("vary", value);
    }
}

/// A route-handler error answer: status only, an empty streamed body.
fn empty(status: u16) -> Response<OutBody> {
    let mut response = Response::new(OutBody::empty());
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn revalidate_leaves_the_rest_of_a_year_stale_while_revalidate() {
        assert_eq!(
            super::revalidate_cache_control(60),
            "s-maxage=60, stale-while-revalidate=31535940"
        );
        assert_eq!(
            super::revalidate_cache_control(31_536_000),
            "s-maxage=31536000"
        );
    }
}
