//! A `next.config` rewrite to another origin, proxied as Next's `proxyRequest`
//! (server/lib/router-utils/proxy-request.ts, http-proxy with `changeOrigin`,
//! `ignorePath`, a 30 s `proxyTimeout`): the request goes to the destination URL with the
//! upstream's `Host`, `x-forwarded-host/-proto/-for` added, and the answer comes back
//! with its status and headers, both bodies streamed. Hop-by-hop headers are dropped
//! both ways. A failing upstream gets 500, as Next answers when the proxy errors.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Request, Response, Uri};
use http_body::{Body, Frame};
use http_body_util::combinators::BoxBody;
use hyper::body::Incoming;

use crate::body::OutBody;
use crate::service::plain_error;

/// Next's default `experimental.proxyTimeout`.
const PROXY_TIMEOUT: Duration = Duration::from_secs(30);

/// Headers that describe one connection, not the message (RFC 9110 7.6.1).
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

thread_local! {
    /// One client (with its connection pool) per worker thread and its runtime.
    static CLIENT: Option<llrt_http::HyperClient> = llrt_http::build_client(None).ok();
}

/// The request body as the client's body type; a client that aborts ends it.
struct Forward(Incoming);

impl Body for Forward {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match Pin::new(&mut self.0).poll_frame(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Ok(frame))) => Poll::Ready(Some(Ok(frame))),
            Poll::Ready(Some(Err(_)) | None) => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_end_stream()
    }
}

fn drop_hop_by_hop(headers: &mut HeaderMap) {
    // Names listed in Connection are hop-by-hop too.
    let listed: Vec<String> = headers
        .get_all(http::header::CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect();
    for name in HOP_BY_HOP
        .iter()
        .copied()
        .chain(listed.iter().map(String::as_str))
    {
        headers.remove(name);
    }
}

/// Proxies the request to `url` and streams the answer back.
pub async fn proxy(
    url: &str,
    mut parts: http::request::Parts,
    body: Incoming,
) -> Response<OutBody> {
    let Ok(uri) = url.parse::<Uri>() else {
        tracing::error!("Failed to proxy {url}: not a valid URL");
        return plain_error(500, "Internal Server Error");
    };
    let Some(client) = CLIENT.with(Clone::clone) else {
        tracing::error!("Failed to proxy {url}: no HTTP client");
        return plain_error(500, "Internal Server Error");
    };
    let original_host = parts.headers.get(http::header::HOST).cloned();
    drop_hop_by_hop(&mut parts.headers);
    if let Some(authority) = uri.authority() {
        if let Ok(host) = HeaderValue::from_str(authority.as_str()) {
            parts.headers.insert(http::header::HOST, host);
        }
    }
    if let Some(host) = original_host {
        parts.headers.insert("x-forwarded-host", host);
    }
    let https = parts
        .headers
        .get("x-forwarded-proto")
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"https"));
    parts.headers.insert(
        "x-forwarded-proto",
        HeaderValue::from_static(if https { "https" } else { "http" }),
    );
    let mut request = Request::new(BoxBody::new(Forward(body)));
    *request.method_mut() = parts.method;
    *request.uri_mut() = uri;
    *request.headers_mut() = parts.headers;
    let answer = match tokio::time::timeout(PROXY_TIMEOUT, client.request(request)).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(error)) => {
            tracing::error!("Failed to proxy {url}: {error}");
            return plain_error(500, "Internal Server Error");
        }
        Err(_) => {
            tracing::error!("Failed to proxy {url}: no answer within {PROXY_TIMEOUT:?}");
            return plain_error(500, "Internal Server Error");
        }
    };
    let (mut head, body) = answer.into_parts();
    drop_hop_by_hop(&mut head.headers);
    let mut response = Response::new(OutBody::Proxied(body));
    *response.status_mut() = head.status;
    *response.headers_mut() = head.headers;
    response
}
