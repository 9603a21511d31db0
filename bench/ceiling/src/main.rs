//! Ceiling reference server for the API-route benchmarks.
//!
//! hyper 1.x, HTTP/1.1 keep-alive, multi-threaded tokio runtime (one worker
//! per core by default). Routes mirror the Next.js fixture app:
//!   GET  /api/hello      -> {"message":"Hello, world!"}          (required ceiling)
//!   GET  /api/users/:id  -> {"id":"<id>","method":"<METHOD>"}
//!   POST /api/echo       -> parses the JSON body and re-serialises it
//!   GET  /api/items      -> 100 small objects built per request
//!
//! Usage: ceiling [ADDR]   (default 127.0.0.1:3200; env PORT overrides the port)
//!
//! Bodies are byte-identical to bench/app under `next start`; headers are hyper's
//! minimum (no ETag, no Vary): the practical limit for any server on the box.

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpListener;

const HELLO: &[u8] = br#"{"message":"Hello, world!"}"#;
const TAGS: [&str; 5] = ["alpha", "beta", "gamma", "delta", "epsilon"];

#[derive(Serialize)]
struct User<'a> {
    id: &'a str,
    method: &'a str,
}

#[derive(Serialize)]
struct Item {
    id: u32,
    name: String,
    score: u32,
    tags: [&'static str; 2],
    active: bool,
}

fn json(status: StatusCode, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut res = Response::new(Full::new(body.into()));
    *res.status_mut() = status;
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    res
}

fn items() -> Vec<u8> {
    let v: Vec<Item> = (0..100u32)
        .map(|i| Item {
            id: i + 1,
            name: format!("item-{}", i + 1),
            score: (i * 37) % 1000,
            tags: [TAGS[(i % 5) as usize], TAGS[((i * 3) % 5) as usize]],
            active: i % 2 == 0,
        })
        .collect();
    // Plain structs of numbers and strings: serde_json cannot fail on them.
    serde_json::to_vec(&v).unwrap_or_default()
}

async fn handle(req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = req.uri().path().to_owned();
    let res = match (req.method(), path.as_str()) {
        (&Method::GET, "/api/hello") => json(StatusCode::OK, Bytes::from_static(HELLO)),
        (&Method::GET, "/api/items") => json(StatusCode::OK, items()),
        (&Method::POST, "/api/echo") => match req.into_body().collect().await {
            Ok(body) => match serde_json::from_slice::<serde_json::Value>(&body.to_bytes()) {
                // Serialising a parsed Value cannot fail; answer 500 rather than panic anyway.
                Ok(v) => match serde_json::to_vec(&v) {
                    Ok(out) => json(StatusCode::OK, out),
                    Err(_) => json(StatusCode::INTERNAL_SERVER_ERROR, Bytes::new()),
                },
                Err(_) => json(
                    StatusCode::BAD_REQUEST,
                    Bytes::from_static(br#"{"error":"Invalid JSON"}"#),
                ),
            },
            Err(_) => json(
                StatusCode::BAD_REQUEST,
                Bytes::from_static(br#"{"error":"Bad body"}"#),
            ),
        },
        (m, p) if p.starts_with("/api/users/") && p.len() > "/api/users/".len() => {
            let id = &p["/api/users/".len()..];
            match serde_json::to_vec(&User {
                id,
                method: m.as_str(),
            }) {
                Ok(body) => json(StatusCode::OK, body),
                Err(_) => json(StatusCode::INTERNAL_SERVER_ERROR, Bytes::new()),
            }
        }
        _ => json(
            StatusCode::NOT_FOUND,
            Bytes::from_static(br#"{"error":"Not Found"}"#),
        ),
    };
    Ok(res)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut addr: SocketAddr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3200".to_string())
        .parse()?;
    if let Ok(p) = std::env::var("PORT") {
        addr.set_port(p.parse()?);
    }
    let listener = TcpListener::bind(addr).await?;
    eprintln!("ceiling listening on http://{addr}");
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(s) => s,
                    Err(e) => { eprintln!("accept error: {e}"); continue; }
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let io = TokioIo::new(stream);
                    let _ = http1::Builder::new()
                        .serve_connection(io, service_fn(handle))
                        .await;
                });
            }
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    Ok(())
}
