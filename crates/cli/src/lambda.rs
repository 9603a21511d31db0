//! `apiroutes lambda [DIR]`: the project as an AWS Lambda function on the `provided`
//! runtimes. The server starts as for `start`, on a private loopback port; this module
//! speaks the Lambda Runtime API (`AWS_LAMBDA_RUNTIME_API`): it long-polls the next
//! invocation, turns the event (API Gateway HTTP API v2 and Function URLs, REST API v1,
//! Application Load Balancer) into an HTTP request to that port, and posts the answer
//! back in the event's response shape (buffered, or streamed with Lambda's
//! `RESPONSE_STREAM` invoke mode). Failures to start are posted to `init/error`; an
//! event it cannot read or a server it cannot reach to `invocation/{id}/error`. A handler
//! that throws is an HTTP 500 like any other answer, as behind a load balancer.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use apiroutes_nextspec::encode_uri_component;
use apiroutes_server::middleware::header_pairs;
use base64::Engine as _;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::{Frame, Incoming};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

/// The Runtime API's version prefix.
const API: &str = "/2018-06-01/runtime";
/// Content type of a streamed HTTP integration response (prelude, 8 NULs, body).
const STREAM_CONTENT_TYPE: &str = "application/vnd.awslambda.http-integration-response";

/// How answers go back to Lambda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvokeMode {
    /// The whole response in one JSON document (API Gateway, ALB, Function URLs).
    Buffered,
    /// Function URLs with `InvokeMode: RESPONSE_STREAM`: the body as it is produced.
    ResponseStream,
}

impl InvokeMode {
    /// Parses `buffered` / `response-stream` (also Lambda's `RESPONSE_STREAM` spelling).
    pub fn parse(text: &str) -> Result<Self> {
        match text.to_ascii_lowercase().replace('_', "-").as_str() {
            "buffered" => Ok(Self::Buffered),
            "response-stream" => Ok(Self::ResponseStream),
            other => bail!("unknown invoke mode `{other}` (use buffered or response-stream)"),
        }
    }
}

/// The command line, with one rule for Lambda's custom runtimes: the binary installed as
/// `bootstrap` (what `provided.al2023` runs, with no arguments) is
/// `apiroutes lambda $LAMBDA_TASK_ROOT`.
pub fn bootstrap_args(args: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.collect();
    let invoked_as_bootstrap = args.first().is_some_and(|program| {
        Path::new(program).file_name() == Some(std::ffi::OsStr::new("bootstrap"))
    });
    if invoked_as_bootstrap && args.len() == 1 {
        args.push("lambda".into());
        args.push(std::env::var_os("LAMBDA_TASK_ROOT").unwrap_or_else(|| ".".into()));
    }
    args
}

/// The `AWS_LAMBDA_RUNTIME_API` endpoint (`host:port`), required by `apiroutes lambda`.
pub fn runtime_api() -> Result<String> {
    std::env::var("AWS_LAMBDA_RUNTIME_API")
        .ok()
        .filter(|value| !value.is_empty())
        .ok_or_else(|| {
            anyhow!("AWS_LAMBDA_RUNTIME_API is not set: `apiroutes lambda` runs inside AWS Lambda (or an emulator of its Runtime API); use `apiroutes start` to serve over HTTP")
        })
}

/// Reports a start-up failure to `init/error` (Lambda then fails the cold start with it).
pub fn report_init_error(api: &str, error: &anyhow::Error) {
    let body = error_document(&format!("{error:#}"), "Runtime.InitError");
    let runtime = current_thread_runtime();
    let result = runtime.block_on(post(
        api,
        &format!("{API}/init/error"),
        &[("lambda-runtime-function-error-type", "Runtime.InitError")],
        body,
    ));
    if let Err(err) = result {
        tracing::error!("could not report the init error to the Runtime API: {err:#}");
    }
}

/// Serves invocations until the Runtime API goes away (Lambda freezes or ends the process).
pub fn run(api: &str, local: SocketAddr, mode: InvokeMode) -> Result<()> {
    let runtime = current_thread_runtime();
    runtime.block_on(async {
        loop {
            let invocation = next_invocation(api).await?;
            if let Err(err) = invoke(api, local, mode, &invocation).await {
                tracing::error!(
                    "lambda invocation {} failed: {err:#}",
                    invocation.request_id
                );
                let body = error_document(&format!("{err:#}"), "Runtime.HandlerError");
                post(
                    api,
                    &format!("{API}/invocation/{}/error", invocation.request_id),
                    &[("lambda-runtime-function-error-type", "Runtime.HandlerError")],
                    body,
                )
                .await
                .context("reporting an invocation error to the Runtime API")?;
            }
        }
    })
}

fn current_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime for the Lambda client")
}

fn error_document(message: &str, error_type: &str) -> Bytes {
    Bytes::from(
        json!({ "errorMessage": message, "errorType": error_type, "stackTrace": [] }).to_string(),
    )
}

/// One event from `invocation/next`.
struct Invocation {
    request_id: String,
    /// When Lambda ends the invocation (`Lambda-Runtime-Deadline-Ms`).
    deadline: Option<SystemTime>,
    trace_id: Option<String>,
    event: Value,
}

async fn next_invocation(api: &str) -> Result<Invocation> {
    let request = hyper::Request::get(format!("{API}/invocation/next"))
        .header("host", api)
        .body(Full::new(Bytes::new()))?;
    let response = send(api, request)
        .await
        .context("waiting for the next invocation from the Runtime API")?;
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string)
    };
    let request_id = header("lambda-runtime-aws-request-id");
    let deadline = header("lambda-runtime-deadline-ms")
        .and_then(|ms| ms.parse::<u64>().ok())
        .map(|ms| UNIX_EPOCH + Duration::from_millis(ms));
    let trace_id = header("lambda-runtime-trace-id");
    let body = response.into_body().collect().await?.to_bytes();
    if !status.is_success() {
        bail!(
            "the Runtime API answered {status} to invocation/next: {}",
            String::from_utf8_lossy(&body)
        );
    }
    let request_id = request_id
        .ok_or_else(|| anyhow!("invocation/next without Lambda-Runtime-Aws-Request-Id"))?;
    let event = serde_json::from_slice(&body).unwrap_or(Value::Null);
    Ok(Invocation {
        request_id,
        deadline,
        trace_id,
        event,
    })
}

async fn invoke(
    api: &str,
    local: SocketAddr,
    mode: InvokeMode,
    invocation: &Invocation,
) -> Result<()> {
    let mut request = HttpEvent::parse(&invocation.event)?;
    if let Some(trace) = &invocation.trace_id {
        if !request.has_header("x-amzn-trace-id") {
            request
                .headers
                .push(("x-amzn-trace-id".into(), trace.clone()));
        }
    }
    let shape = request.shape;
    let exchange = request.send_to(local);
    let response = match invocation
        .deadline
        .and_then(|deadline| deadline.duration_since(SystemTime::now()).ok())
    {
        Some(left) => tokio::time::timeout(left, exchange).await.map_err(|_| {
            anyhow!("the handler did not answer before the invocation's deadline")
        })??,
        None => exchange.await?,
    };
    let path = format!("{API}/invocation/{}/response", invocation.request_id);
    match mode {
        InvokeMode::Buffered => {
            let status = response.status().as_u16();
            let headers = header_pairs(response.headers());
            let body = response
                .into_body()
                .collect()
                .await
                .context("reading the handler's response")?
                .to_bytes();
            let document = shape.response_document(status, &headers, &body);
            post(api, &path, &[], Bytes::from(document.to_string())).await
        }
        InvokeMode::ResponseStream => stream_response(api, &path, response).await,
    }
}

/// Lambda response streaming: a JSON prelude with the status, headers and cookies, eight
/// NUL bytes, then the body chunk by chunk as the handler writes it.
async fn stream_response(api: &str, path: &str, response: hyper::Response<Incoming>) -> Result<()> {
    let status = response.status().as_u16();
    let headers = header_pairs(response.headers());
    let (mut single, cookies) = split_cookies(&headers);
    single.remove("content-length");
    let mut prelude = json!({ "statusCode": status, "headers": single, "cookies": cookies })
        .to_string()
        .into_bytes();
    prelude.extend_from_slice(&[0u8; 8]);
    let (sender, receiver) = mpsc::channel::<Result<Frame<Bytes>, std::io::Error>>(16);
    let mut body = response.into_body();
    let pump = async move {
        let _ = sender.send(Ok(Frame::data(Bytes::from(prelude)))).await;
        while let Some(frame) = body.frame().await {
            match frame {
                Ok(frame) => {
                    if let Ok(data) = frame.into_data() {
                        if sender.send(Ok(Frame::data(data))).await.is_err() {
                            return;
                        }
                    }
                }
                Err(err) => {
                    // A body cut short: Lambda reads the error from trailers.
                    let mut trailers = http::HeaderMap::new();
                    trailers.insert(
                        "lambda-runtime-function-error-type",
                        http::HeaderValue::from_static("Runtime.StreamError"),
                    );
                    let encoded = base64::engine::general_purpose::STANDARD
                        .encode(error_document(&err.to_string(), "Runtime.StreamError"));
                    if let Ok(value) = http::HeaderValue::from_str(&encoded) {
                        trailers.insert("lambda-runtime-function-error-body", value);
                    }
                    let _ = sender.send(Ok(Frame::trailers(trailers))).await;
                    return;
                }
            }
        }
    };
    let request = hyper::Request::post(path)
        .header("host", api)
        .header("lambda-runtime-function-response-mode", "streaming")
        .header("content-type", STREAM_CONTENT_TYPE)
        .header(
            "trailer",
            "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body",
        )
        .body(ChannelBody(receiver))?;
    let (posted, ()) = tokio::join!(send(api, request), pump);
    check_accepted(posted?).await
}

/// A request body fed frame by frame from a channel (the streamed answer).
struct ChannelBody(mpsc::Receiver<Result<Frame<Bytes>, std::io::Error>>);

impl hyper::body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        self.0.poll_recv(cx)
    }
}

async fn post(api: &str, path: &str, headers: &[(&str, &str)], body: Bytes) -> Result<()> {
    let mut builder = hyper::Request::post(path)
        .header("host", api)
        .header("content-type", "application/json");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = send(api, builder.body(Full::new(body))?).await?;
    check_accepted(response).await
}

async fn check_accepted(response: hyper::Response<Incoming>) -> Result<()> {
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let body = response.into_body().collect().await?.to_bytes();
    bail!(
        "the Runtime API refused the answer ({status}): {}",
        String::from_utf8_lossy(&body)
    )
}

/// One HTTP/1.1 exchange (origin-form target, Host header set by the caller) on a new connection (the Runtime API and the local server are
/// both on this machine; a connection costs microseconds).
async fn send<B>(authority: &str, request: hyper::Request<B>) -> Result<hyper::Response<Incoming>>
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let stream = TcpStream::connect(authority)
        .await
        .with_context(|| format!("connecting to {authority}"))?;
    let _ = stream.set_nodelay(true);
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender.send_request(request).await?)
}

/// Which event shape a request came in, so the answer goes back in the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventShape {
    /// API Gateway HTTP API payload 2.0 and Lambda Function URLs.
    HttpV2,
    /// API Gateway REST API (payload 1.0).
    RestV1,
    /// Application Load Balancer; `multi_value` when the target group has multi-value
    /// headers on (the answer must then use `multiValueHeaders` too).
    Alb { multi_value: bool },
}

/// An event read as an HTTP request.
#[derive(Debug)]
struct HttpEvent {
    shape: EventShape,
    method: String,
    /// Path and query, percent-encoded as on the wire.
    target: String,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl HttpEvent {
    fn parse(event: &Value) -> Result<Self> {
        let Some(object) = event.as_object() else {
            bail!("the event is not a JSON object: apiroutes answers API Gateway, Function URL and ALB events");
        };
        let context = object.get("requestContext").and_then(Value::as_object);
        let body = event_body(object)?;
        if object.get("version").and_then(Value::as_str) == Some("2.0") {
            let method = context
                .and_then(|c| c.get("http"))
                .and_then(|h| h.get("method"))
                .and_then(Value::as_str)
                .ok_or_else(|| anyhow!("a 2.0 event without requestContext.http.method"))?;
            let path = str_field(object, "rawPath").unwrap_or("/");
            let query = str_field(object, "rawQueryString").unwrap_or("");
            let mut headers = single_headers(object.get("headers"));
            let cookies: Vec<&str> = object
                .get("cookies")
                .and_then(Value::as_array)
                .map(|list| list.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if !cookies.is_empty() {
                headers.retain(|(name, _)| name != "cookie");
                headers.push(("cookie".into(), cookies.join("; ")));
            }
            let source_ip = context
                .and_then(|c| c.get("http"))
                .and_then(|h| h.get("sourceIp"))
                .and_then(Value::as_str);
            return Ok(Self::new(
                EventShape::HttpV2,
                method,
                encode_path(path),
                query.to_string(),
                headers,
                body,
                source_ip,
            ));
        }
        let method = str_field(object, "httpMethod").ok_or_else(|| {
            anyhow!("the event is not an HTTP request (no `httpMethod`, and not a 2.0 payload): apiroutes answers API Gateway, Function URL and ALB events")
        })?;
        let path = str_field(object, "path").unwrap_or("/");
        let multi_headers = object
            .get("multiValueHeaders")
            .filter(|value| value.is_object());
        let headers = match multi_headers {
            Some(multi) => multi_value_headers(multi),
            None => single_headers(object.get("headers")),
        };
        if context.is_some_and(|c| c.contains_key("elb")) {
            // ALB passes the query exactly as it arrived (still percent-encoded).
            let query = query_pairs(object)
                .into_iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("&");
            let shape = EventShape::Alb {
                multi_value: multi_headers.is_some(),
            };
            return Ok(Self::new(
                shape,
                method,
                path.to_string(),
                query,
                headers,
                body,
                None,
            ));
        }
        // REST API: the path and the query values arrive decoded.
        let query = query_pairs(object)
            .into_iter()
            .map(|(name, value)| {
                format!(
                    "{}={}",
                    encode_uri_component(&name),
                    encode_uri_component(&value)
                )
            })
            .collect::<Vec<_>>()
            .join("&");
        let source_ip = context
            .and_then(|c| c.get("identity"))
            .and_then(|i| i.get("sourceIp"))
            .and_then(Value::as_str);
        Ok(Self::new(
            EventShape::RestV1,
            method,
            encode_path(path),
            query,
            headers,
            body,
            source_ip,
        ))
    }

    fn new(
        shape: EventShape,
        method: &str,
        path: String,
        query: String,
        mut headers: Vec<(String, String)>,
        body: Bytes,
        source_ip: Option<&str>,
    ) -> Self {
        let mut target = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        if !query.is_empty() {
            target.push('?');
            target.push_str(&query);
        }
        if let Some(ip) = source_ip {
            if !headers.iter().any(|(name, _)| name == "x-forwarded-for") {
                headers.push(("x-forwarded-for".into(), ip.to_string()));
            }
        }
        // Lambda's front doors all terminate TLS.
        if !headers.iter().any(|(name, _)| name == "x-forwarded-proto") {
            headers.push(("x-forwarded-proto".into(), "https".into()));
        }
        Self {
            shape,
            method: method.to_string(),
            target,
            headers,
            body,
        }
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n == name)
    }

    async fn send_to(self, local: SocketAddr) -> Result<hyper::Response<Incoming>> {
        let authority = local.to_string();
        let mut builder = hyper::Request::builder()
            .method(self.method.as_str())
            .uri(self.target.as_str());
        let mut has_host = false;
        for (name, value) in &self.headers {
            // The body is whole: its length is known, whatever the client framed.
            if name == "content-length" || name == "transfer-encoding" {
                continue;
            }
            has_host |= name == "host";
            builder = builder.header(name.as_str(), value.as_str());
        }
        if !has_host {
            builder = builder.header("host", authority.as_str());
        }
        if !self.body.is_empty() || !matches!(self.method.as_str(), "GET" | "HEAD") {
            builder = builder.header("content-length", self.body.len());
        }
        let request = builder
            .body(Full::new(self.body))
            .context("the event's method, path or headers are not valid HTTP")?;
        send(&authority, request)
            .await
            .context("the apiroutes server inside this function did not answer")
    }
}

impl EventShape {
    /// The buffered answer in the shape this event's integration expects.
    fn response_document(self, status: u16, headers: &[(String, String)], body: &[u8]) -> Value {
        let (text, is_base64) = encode_body(headers, body);
        match self {
            Self::HttpV2 => {
                let (single, cookies) = split_cookies(headers);
                json!({
                    "statusCode": status,
                    "headers": single,
                    "cookies": cookies,
                    "body": text,
                    "isBase64Encoded": is_base64,
                })
            }
            Self::RestV1 | Self::Alb { multi_value: true } => {
                let mut multi = Map::new();
                for (name, value) in headers {
                    let entry = multi
                        .entry(name.clone())
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(values) = entry {
                        values.push(Value::String(value.clone()));
                    }
                }
                let mut document = json!({
                    "statusCode": status,
                    "multiValueHeaders": multi,
                    "body": text,
                    "isBase64Encoded": is_base64,
                });
                if self != Self::RestV1 {
                    document["statusDescription"] = status_description(status).into();
                }
                document
            }
            Self::Alb { multi_value: false } => {
                // One value per name: repeated headers are joined, except Set-Cookie, of
                // which ALB keeps one (turn on multi-value headers to send several).
                let mut single = Map::new();
                for (name, value) in headers {
                    match single.get_mut(name) {
                        Some(Value::String(existing)) if name != "set-cookie" => {
                            existing.push_str(", ");
                            existing.push_str(value);
                        }
                        _ => {
                            single.insert(name.clone(), Value::String(value.clone()));
                        }
                    }
                }
                json!({
                    "statusCode": status,
                    "statusDescription": status_description(status),
                    "headers": single,
                    "body": text,
                    "isBase64Encoded": is_base64,
                })
            }
        }
    }
}

fn status_description(status: u16) -> String {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason())
        .unwrap_or("");
    format!("{status} {reason}").trim_end().to_string()
}

fn str_field<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    object.get(name).and_then(Value::as_str)
}

fn event_body(object: &Map<String, Value>) -> Result<Bytes> {
    let Some(text) = object.get("body").and_then(Value::as_str) else {
        return Ok(Bytes::new());
    };
    if object.get("isBase64Encoded").and_then(Value::as_bool) == Some(true) {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .context("the event's body is marked isBase64Encoded but is not base64")?;
        Ok(Bytes::from(bytes))
    } else {
        Ok(Bytes::from(text.to_string()))
    }
}

/// `headers` as one value per name (names lower-cased, as HTTP/2 and Node see them).
fn single_headers(headers: Option<&Value>) -> Vec<(String, String)> {
    headers
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(name, value)| {
                    Some((name.to_ascii_lowercase(), value.as_str()?.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn multi_value_headers(headers: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (name, values) in headers.as_object().into_iter().flatten() {
        for value in values.as_array().into_iter().flatten() {
            if let Some(value) = value.as_str() {
                pairs.push((name.to_ascii_lowercase(), value.to_string()));
            }
        }
    }
    pairs
}

/// The query as name/value pairs, from `multiValueQueryStringParameters` when present.
fn query_pairs(object: &Map<String, Value>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Some(multi) = object
        .get("multiValueQueryStringParameters")
        .and_then(Value::as_object)
    {
        for (name, values) in multi {
            for value in values.as_array().into_iter().flatten() {
                if let Some(value) = value.as_str() {
                    pairs.push((name.clone(), value.to_string()));
                }
            }
        }
        return pairs;
    }
    if let Some(single) = object
        .get("queryStringParameters")
        .and_then(Value::as_object)
    {
        for (name, value) in single {
            if let Some(value) = value.as_str() {
                pairs.push((name.clone(), value.to_string()));
            }
        }
    }
    pairs
}

/// What may not appear raw in a path (a decoded REST API path may hold spaces or
/// non-ASCII); RFC 3986's path characters, `/` and already-encoded `%XX` stay as they are.
const PATH_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'%');

fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_ESCAPES).to_string()
}

/// Headers for a 2.0 answer: one value per name (joined with `, `), and `Set-Cookie`s
/// as the separate `cookies` list API Gateway and Function URLs want.
fn split_cookies(headers: &[(String, String)]) -> (Map<String, Value>, Vec<String>) {
    let mut single = Map::new();
    let mut cookies = Vec::new();
    for (name, value) in headers {
        if name == "set-cookie" {
            cookies.push(value.clone());
            continue;
        }
        match single.get_mut(name) {
            Some(Value::String(existing)) => {
                existing.push_str(", ");
                existing.push_str(value);
            }
            _ => {
                single.insert(name.clone(), Value::String(value.clone()));
            }
        }
    }
    (single, cookies)
}

/// A body goes back as text when it is UTF-8 of a textual type and not compressed;
/// anything else base64-encoded.
fn encode_body(headers: &[(String, String)], body: &[u8]) -> (String, bool) {
    let header = |wanted: &str| {
        headers
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, value)| value.to_ascii_lowercase())
    };
    let compressed = header("content-encoding").is_some_and(|value| value != "identity");
    let textual = header("content-type").is_none_or(|kind| {
        let essence = kind.split(';').next().unwrap_or("").trim().to_string();
        essence.starts_with("text/")
            || essence.ends_with("/json")
            || essence.ends_with("+json")
            || essence.ends_with("/xml")
            || essence.ends_with("+xml")
            || essence == "application/javascript"
            || essence == "application/x-www-form-urlencoded"
            || essence == "application/graphql"
            || essence == "application/x-ndjson"
    });
    match std::str::from_utf8(body) {
        Ok(text) if textual && !compressed => (text.to_string(), false),
        _ => (base64::engine::general_purpose::STANDARD.encode(body), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rest_paths_and_queries_are_encoded_again() {
        let event = json!({
            "httpMethod": "GET",
            "path": "/api/a b/é",
            "multiValueQueryStringParameters": { "q": ["x y", "&"] },
            "headers": { "Host": "example.com" },
            "requestContext": { "identity": { "sourceIp": "1.2.3.4" } }
        });
        let request = HttpEvent::parse(&event).expect("a REST event");
        assert_eq!(request.shape, EventShape::RestV1);
        assert_eq!(request.target, "/api/a%20b/%C3%A9?q=x%20y&q=%26");
        assert!(request
            .headers
            .contains(&("x-forwarded-for".into(), "1.2.3.4".into())));
    }

    #[test]
    fn binary_and_compressed_bodies_are_base64() {
        let png = [("content-type".to_string(), "image/png".to_string())];
        assert!(encode_body(&png, b"abc").1);
        let gzip = [
            ("content-type".to_string(), "text/plain".to_string()),
            ("content-encoding".to_string(), "gzip".to_string()),
        ];
        assert!(encode_body(&gzip, b"abc").1);
        let json_type = [(
            "content-type".to_string(),
            "application/json; charset=utf-8".to_string(),
        )];
        assert_eq!(encode_body(&json_type, b"{}"), ("{}".to_string(), false));
        assert!(encode_body(&json_type, &[0xff, 0xfe]).1);
    }
}
