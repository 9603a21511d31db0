//! App Router route handlers on the HTTP side (SPEC 10, 11): the absolute request URL,
//! the raw body stream, `maxDuration`, and the headers Next adds to every route-handler
//! response (the App Router `Vary`, and the cache headers of `dynamic = 'force-static'`).
//! Pages API routes on the edge runtime take the same Web `Request` → `Response` path.

use std::path::PathBuf;

use apiroutes_nextspec::querystring::QueryValue;
use apiroutes_runtime::{AppRequest, DispatchError, PagesRoute, ParamValue};
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

/// Runs a `pages/api` route with `config.runtime = 'edge'`: a `NextRequest` in (the body
/// unparsed, as a stream), the `Response` it returns out (Next's `runEdgeFunction`).
pub async fn serve_edge_api(
    app: &App,
    parts: Parts,
    body: Incoming,
    route: &PagesRoute,
    target: AppTarget,
) -> Response<OutBody> {
    let origin = request_origin(app, &parts.headers);
    let url = format!(
        "{origin}{}",
        edge_url(&target.path, target.query.as_deref(), &target.params)
    );
    let (body, timed_out) = stream_body(body, body_deadline(&parts));
    let request = AppRequest {
        method: parts.method.as_str().to_string(),
        url,
        headers: header_pairs(&parts.headers),
        params: Vec::new(),
        is_dynamic: false,
        body: Some(body),
    };
    let max_duration = route.config.max_duration.or(app.max_duration);
    match app.worker.dispatch_edge_api(route, request).await {
        Ok(pending) => await_response(pending, max_duration, timed_out).await,
        Err(DispatchError::Overloaded) => overloaded(),
    }
}

/// The path and query an edge function sees: Next merges the route params into the
/// query (`{ ...searchParams, ...query, ...params }` through `urlQueryToSearchParams`),
/// so `pages/api/edge/[id].js` reads `req.nextUrl.searchParams.get('id')`.
fn edge_url(path: &str, query: Option<&str>, params: &[(String, ParamValue)]) -> String {
    let mut merged: Vec<(String, Vec<String>)> =
        apiroutes_nextspec::url_query::query_object(query.unwrap_or_default())
            .into_iter()
            .map(|(key, value)| {
                let values = match value {
                    QueryValue::One(text) => vec![text],
                    QueryValue::Many(texts) => texts,
                };
                (key, values)
            })
            .collect();
    for (name, value) in params {
        let values = match value {
            ParamValue::One(text) => vec![text.clone()],
            ParamValue::Many(parts) => parts.clone(),
        };
        match merged.iter_mut().find(|(key, _)| key == name) {
            Some(entry) => entry.1 = values,
            None => merged.push((name.clone(), values)),
        }
    }
    let pairs: Vec<(&str, &str)> = merged
        .iter()
        .flat_map(|(key, values)| {
            values
                .iter()
                .map(move |value| (key.as_str(), value.as_str()))
        })
        .collect();
    let mut url = path.replace('?', "%3F").replace('#', "%23");
    if !pairs.is_empty() {
        url.push('?');
        url.push_str(&apiroutes_nextspec::url_query::serialize(&pairs));
    }
    url
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
    use apiroutes_runtime::ParamValue;

    #[test]
    fn edge_functions_see_the_route_params_in_the_query() {
        let params = vec![
            ("id".to_string(), ParamValue::One("7".into())),
            (
                "rest".to_string(),
                ParamValue::Many(vec!["a b".into(), "c".into()]),
            ),
        ];
        assert_eq!(
            super::edge_url("/api/x/7", Some("q=1&id=old&q=2"), &params),
            "/api/x/7?q=1&q=2&id=7&rest=a+b&rest=c"
        );
        assert_eq!(super::edge_url("/api/x", None, &[]), "/api/x");
    }

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
