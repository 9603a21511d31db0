//! `apiroutes lambda` against an emulator of the AWS Lambda Runtime API written here (a
//! small HTTP server speaking the documented protocol: `invocation/next`, `response`,
//! `error`, `init/error`, response streaming). Each test queues events of one shape (API
//! Gateway HTTP API v2 / Function URL, REST API v1, ALB), runs the real binary on
//! `tests/fixtures/lambda-app` and checks what it posted back.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde_json::{json, Value};

fn fixture() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/lambda-app")
}

/// What the function posted for one invocation (or for `init/error`).
#[derive(Debug, Clone)]
struct Posted {
    /// `response`, `error` or `init-error`.
    kind: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
    trailers: HashMap<String, String>,
}

impl Posted {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(&self.body)))
    }
}

#[derive(Default)]
struct State {
    queue: VecDeque<(String, Value)>,
    posted: HashMap<String, Posted>,
}

/// The Runtime API emulator: a queue of events and the answers posted for them.
struct RuntimeApi {
    addr: SocketAddr,
    state: Arc<(Mutex<State>, Condvar)>,
}

impl RuntimeApi {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the emulator");
        let addr = listener.local_addr().expect("emulator address");
        let state: Arc<(Mutex<State>, Condvar)> = Arc::default();
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = shared.clone();
                std::thread::spawn(move || serve_connection(stream, &shared));
            }
        });
        Self { addr, state }
    }

    fn queue(&self, id: &str, event: Value) {
        let (lock, ready) = &*self.state;
        lock.lock()
            .unwrap()
            .queue
            .push_back((id.to_string(), event));
        ready.notify_all();
    }

    fn wait_for(&self, id: &str, child: &mut Child) -> Posted {
        let deadline = Instant::now() + Duration::from_secs(15);
        let (lock, ready) = &*self.state;
        let mut state = lock.lock().unwrap();
        loop {
            if let Some(posted) = state.posted.get(id) {
                return posted.clone();
            }
            if let Ok(Some(status)) = child.try_wait() {
                let mut stderr = String::new();
                if let Some(mut pipe) = child.stderr.take() {
                    let _ = pipe.read_to_string(&mut stderr);
                }
                panic!("apiroutes lambda exited ({status}) before answering {id}:\n{stderr}");
            }
            assert!(Instant::now() < deadline, "no answer for {id}");
            state = ready
                .wait_timeout(state, Duration::from_millis(50))
                .unwrap()
                .0;
        }
    }
}

fn serve_connection(stream: TcpStream, state: &Arc<(Mutex<State>, Condvar)>) {
    let mut writer = stream.try_clone().expect("clone the emulator stream");
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    let headers = read_headers(&mut reader);
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (lock, ready) = &**state;
    if method == "GET" && path == "/2018-06-01/runtime/invocation/next" {
        let mut guard = lock.lock().unwrap();
        let (id, event) = loop {
            if let Some(next) = guard.queue.pop_front() {
                break next;
            }
            guard = ready.wait(guard).unwrap();
        };
        drop(guard);
        let body = event.to_string();
        let deadline =
            SystemTime::now().duration_since(UNIX_EPOCH).unwrap() + Duration::from_secs(30);
        let _ = write!(
            writer,
            "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Deadline-Ms: {}\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:test\r\nLambda-Runtime-Trace-Id: Root=1-abc-def;Sampled=1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            deadline.as_millis(),
            body.len()
        );
        return;
    }
    let (body, trailers) = read_body(&mut reader, &headers);
    let target = path.trim_start_matches("/2018-06-01/runtime/");
    let (id, kind) = if target == "init/error" {
        ("init".to_string(), "init-error")
    } else if let Some(rest) = target.strip_prefix("invocation/") {
        let (id, kind) = rest.split_once('/').unwrap_or((rest, ""));
        (id.to_string(), kind)
    } else {
        let _ = write!(
            writer,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return;
    };
    lock.lock().unwrap().posted.insert(
        id,
        Posted {
            kind: kind.to_string(),
            headers,
            body,
            trailers,
        },
    );
    ready.notify_all();
    let answer = r#"{"status":"OK"}"#;
    let _ = write!(
        writer,
        "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    );
}

fn read_headers(reader: &mut impl BufRead) -> HashMap<String, String> {
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            return headers;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
}

/// The body by Content-Length or chunked (with trailers: streamed answers carry errors there).
fn read_body(
    reader: &mut impl BufRead,
    headers: &HashMap<String, String>,
) -> (Vec<u8>, HashMap<String, String>) {
    let mut body = Vec::new();
    if headers
        .get("transfer-encoding")
        .is_some_and(|te| te.contains("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).expect("chunk size");
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .expect("hex chunk size");
            if size == 0 {
                return (body, read_headers(reader));
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).expect("chunk");
            body.extend_from_slice(&chunk[..size]);
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    body.resize(length, 0);
    reader.read_exact(&mut body).expect("body");
    (body, HashMap::new())
}

fn spawn_lambda(app: &Path, api: &RuntimeApi, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("lambda")
        .arg(app)
        .args(extra)
        .env("AWS_LAMBDA_RUNTIME_API", api.addr.to_string())
        .env_remove("APIROUTES_LAMBDA_INVOKE_MODE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start apiroutes lambda")
}

/// Runs `apiroutes lambda` on the fixture, ends it when dropped.
struct Function {
    child: Child,
    api: RuntimeApi,
}

impl Function {
    fn start(extra: &[&str]) -> Self {
        let api = RuntimeApi::start();
        let child = spawn_lambda(&fixture(), &api, extra);
        Self { child, api }
    }

    fn invoke(&mut self, id: &str, event: Value) -> Posted {
        self.api.queue(id, event);
        self.api.wait_for(id, &mut self.child)
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http_v2(method: &str, raw_path: &str, raw_query: &str) -> Value {
    json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": raw_path,
        "rawQueryString": raw_query,
        "headers": { "host": "abc.lambda-url.us-east-1.on.aws", "x-custom": "yes" },
        "requestContext": {
            "http": { "method": method, "path": raw_path, "sourceIp": "203.0.113.9" },
            "domainName": "abc.lambda-url.us-east-1.on.aws"
        },
        "isBase64Encoded": false
    })
}

#[test]
fn function_url_and_http_api_events_reach_the_handler_and_come_back() {
    let mut function = Function::start(&[]);
    let mut event = http_v2("GET", "/api/echo", "a=1&b=x%20y&a=2");
    event["cookies"] = json!(["session=abc", "theme=dark"]);
    let posted = function.invoke("v2-get", event);
    assert_eq!(posted.kind, "response");
    let document = posted.json();
    assert_eq!(document["statusCode"], 200, "{document}");
    assert_eq!(document["isBase64Encoded"], false);
    assert!(document["headers"]["content-type"]
        .as_str()
        .unwrap()
        .starts_with("application/json"));
    let seen: Value = serde_json::from_str(document["body"].as_str().unwrap()).unwrap();
    assert_eq!(seen["method"], "GET");
    // `req.url` is re-serialised from the parsed query, as Next does over a socket too.
    assert_eq!(seen["url"], "/api/echo?a=1&a=2&b=x+y");
    assert_eq!(seen["query"], json!({ "a": ["1", "2"], "b": "x y" }));
    assert_eq!(
        seen["cookies"],
        json!({ "session": "abc", "theme": "dark" })
    );
    assert_eq!(seen["forwardedProto"], "https");
    assert_eq!(seen["forwardedFor"], "203.0.113.9");
    assert_eq!(seen["custom"], "yes");
    assert_eq!(seen["trace"], "Root=1-abc-def;Sampled=1");

    // A base64-encoded JSON body is decoded before the body parser sees it.
    let mut post = http_v2("POST", "/api/echo", "");
    post["headers"]["content-type"] = json!("application/json");
    post["body"] = json!(base64::engine::general_purpose::STANDARD.encode(r#"{"n":42}"#));
    post["isBase64Encoded"] = json!(true);
    let seen: Value = serde_json::from_str(
        function.invoke("v2-post", post).json()["body"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(seen["method"], "POST");
    assert_eq!(seen["body"], json!({ "n": 42 }));

    // Set-Cookie goes to `cookies`; other repeated headers are joined.
    let document = function
        .invoke("v2-cookies", http_v2("GET", "/api/cookies", ""))
        .json();
    assert_eq!(document["statusCode"], 201);
    assert_eq!(
        document["cookies"],
        json!(["a=1; Path=/", "b=2; Path=/; HttpOnly"])
    );
    assert_eq!(document["headers"]["x-multi"], "one, two");
    assert!(document["headers"].get("set-cookie").is_none());
    assert_eq!(document["body"], "cookies set");
}

#[test]
fn binary_answers_are_base64_and_errors_are_answers() {
    let mut function = Function::start(&[]);
    let document = function
        .invoke("pixel", http_v2("GET", "/api/pixel", ""))
        .json();
    assert_eq!(document["isBase64Encoded"], true);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(document["body"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes, [0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0xff]);

    // A handler that throws is an HTTP 500, not a failed invocation; the next one works.
    let posted = function.invoke("boom", http_v2("GET", "/api/boom", ""));
    assert_eq!(posted.kind, "response");
    assert_eq!(posted.json()["statusCode"], 500);
    let posted = function.invoke("missing", http_v2("GET", "/api/nowhere", ""));
    assert_eq!(posted.json()["statusCode"], 404);
    let posted = function.invoke("after", http_v2("GET", "/api/echo", ""));
    assert_eq!(posted.json()["statusCode"], 200);
}

#[test]
fn events_that_are_not_http_fail_that_invocation_only() {
    let mut function = Function::start(&[]);
    let posted = function.invoke("sqs", json!({ "Records": [{ "eventSource": "aws:sqs" }] }));
    assert_eq!(posted.kind, "error");
    assert_eq!(
        posted.header("lambda-runtime-function-error-type"),
        Some("Runtime.HandlerError")
    );
    let error = posted.json();
    assert_eq!(error["errorType"], "Runtime.HandlerError");
    assert!(
        error["errorMessage"]
            .as_str()
            .unwrap()
            .contains("httpMethod"),
        "{error}"
    );
    let posted = function.invoke("next", http_v2("GET", "/api/echo", ""));
    assert_eq!(posted.kind, "response");
    assert_eq!(posted.json()["statusCode"], 200);
}

#[test]
fn rest_api_events_use_multi_value_headers() {
    let mut function = Function::start(&[]);
    let event = json!({
        "resource": "/{proxy+}",
        "path": "/api/echo",
        "httpMethod": "GET",
        "headers": { "Host": "x.execute-api.us-east-1.amazonaws.com", "X-Custom": "rest" },
        "multiValueHeaders": {
            "Host": ["x.execute-api.us-east-1.amazonaws.com"],
            "X-Custom": ["rest"],
            "Cookie": ["k=v"]
        },
        "queryStringParameters": { "q": "two" },
        "multiValueQueryStringParameters": { "q": ["one two", "a&b"] },
        "requestContext": { "identity": { "sourceIp": "198.51.100.7" }, "stage": "prod" },
        "body": null,
        "isBase64Encoded": false
    });
    let document = function.invoke("rest", event).json();
    assert_eq!(document["statusCode"], 200, "{document}");
    assert!(document.get("statusDescription").is_none());
    let seen: Value = serde_json::from_str(document["body"].as_str().unwrap()).unwrap();
    assert_eq!(seen["url"], "/api/echo?q=one+two&q=a%26b");
    assert_eq!(seen["query"], json!({ "q": ["one two", "a&b"] }));
    assert_eq!(seen["cookies"], json!({ "k": "v" }));
    assert_eq!(seen["custom"], "rest");
    assert_eq!(seen["forwardedFor"], "198.51.100.7");

    let cookies = json!({
        "path": "/api/cookies", "httpMethod": "GET", "headers": {},
        "requestContext": { "stage": "prod" }
    });
    let document = function.invoke("rest-cookies", cookies).json();
    assert_eq!(
        document["multiValueHeaders"]["set-cookie"],
        json!(["a=1; Path=/", "b=2; Path=/; HttpOnly"])
    );
    assert_eq!(
        document["multiValueHeaders"]["x-multi"],
        json!(["one", "two"])
    );
}

#[test]
fn alb_events_answer_with_a_status_description_in_the_request_s_header_mode() {
    let mut function = Function::start(&[]);
    let single = json!({
        "requestContext": { "elb": { "targetGroupArn": "arn:aws:elasticloadbalancing:::targetgroup/t/1" } },
        "httpMethod": "GET",
        "path": "/api/echo",
        "queryStringParameters": { "q": "a%20b" },
        "headers": { "host": "alb.example.com", "x-forwarded-proto": "http" },
        "body": "",
        "isBase64Encoded": false
    });
    let document = function.invoke("alb", single).json();
    assert_eq!(document["statusDescription"], "200 OK");
    assert!(document["headers"].is_object());
    let seen: Value = serde_json::from_str(document["body"].as_str().unwrap()).unwrap();
    // ALB passes the query still encoded, and its own x-forwarded-proto is kept.
    assert_eq!(seen["url"], "/api/echo?q=a+b");
    assert_eq!(seen["query"], json!({ "q": "a b" }));
    assert_eq!(seen["forwardedProto"], "http");

    let multi = json!({
        "requestContext": { "elb": { "targetGroupArn": "arn" } },
        "httpMethod": "GET",
        "path": "/api/cookies",
        "multiValueQueryStringParameters": {},
        "multiValueHeaders": { "host": ["alb.example.com"] },
        "body": "",
        "isBase64Encoded": false
    });
    let document = function.invoke("alb-multi", multi).json();
    assert_eq!(document["statusDescription"], "201 Created");
    assert_eq!(
        document["multiValueHeaders"]["set-cookie"],
        json!(["a=1; Path=/", "b=2; Path=/; HttpOnly"])
    );
}

#[test]
fn response_streaming_sends_a_prelude_then_the_body() {
    let mut function = Function::start(&["--invoke-mode", "response-stream"]);
    let posted = function.invoke("stream", http_v2("GET", "/api/stream", ""));
    assert_eq!(posted.kind, "response");
    assert_eq!(
        posted.header("lambda-runtime-function-response-mode"),
        Some("streaming")
    );
    assert_eq!(
        posted.header("content-type"),
        Some("application/vnd.awslambda.http-integration-response")
    );
    let separator = posted
        .body
        .windows(8)
        .position(|window| window == [0u8; 8])
        .expect("the prelude ends with 8 NUL bytes");
    let prelude: Value = serde_json::from_slice(&posted.body[..separator]).unwrap();
    assert_eq!(prelude["statusCode"], 200);
    assert_eq!(prelude["cookies"], json!(["s=1"]));
    assert_eq!(
        prelude["headers"]["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        String::from_utf8_lossy(&posted.body[separator + 8..]),
        "chunk 1\nchunk 2\nchunk 3\n"
    );
    assert!(posted.trailers.is_empty(), "{:?}", posted.trailers);
}

#[test]
fn a_project_that_cannot_start_reports_an_init_error() {
    let project = tempfile::tempdir().expect("temp project");
    std::fs::create_dir_all(project.path().join("pages/api")).unwrap();
    std::fs::create_dir_all(project.path().join("app/api/clash")).unwrap();
    std::fs::write(
        project.path().join("pages/api/clash.js"),
        "export default () => {}",
    )
    .unwrap();
    std::fs::write(
        project.path().join("app/api/clash/route.js"),
        "export function GET() {}",
    )
    .unwrap();
    let api = RuntimeApi::start();
    let mut child = spawn_lambda(project.path(), &api, &[]);
    let posted = api.wait_for("init", &mut child);
    assert_eq!(posted.kind, "init-error");
    let error = posted.json();
    assert_eq!(error["errorType"], "Runtime.InitError");
    assert!(
        error["errorMessage"].as_str().unwrap().contains("clash"),
        "{error}"
    );
    let status = child.wait().expect("the function exits");
    assert!(!status.success());
}

/// What `provided.al2023` does: runs `bootstrap` with no arguments in the task root.
fn spawn_bootstrap(bootstrap: &Path, task_root: &Path, api: &RuntimeApi) -> Child {
    Command::new(bootstrap)
        .env("AWS_LAMBDA_RUNTIME_API", api.addr.to_string())
        .env("LAMBDA_TASK_ROOT", task_root)
        .env("APIROUTES_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bootstrap")
}

#[test]
fn the_binary_installed_as_bootstrap_serves_lambda_task_root() {
    // What `provided.al2023` does: run `/var/task/bootstrap` with no arguments.
    let task_root = tempfile::tempdir().expect("task root");
    let bootstrap = task_root.path().join("bootstrap");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_apiroutes"), &bootstrap).expect("symlink");
    let api = RuntimeApi::start();
    let mut child = spawn_bootstrap(&bootstrap, &fixture(), &api);
    api.queue("boot", http_v2("GET", "/api/echo", ""));
    let posted = api.wait_for("boot", &mut child);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(posted.json()["statusCode"], 200);
}

#[test]
fn without_the_runtime_api_it_says_what_it_needs() {
    let output = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("lambda")
        .arg(fixture())
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .output()
        .expect("run apiroutes lambda");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("AWS_LAMBDA_RUNTIME_API"), "{stderr}");
}

#[test]
fn build_target_lambda_makes_a_zip_that_runs_as_the_function() {
    // The fixture copied with things the zip must leave out, built and packaged.
    let project = tempfile::tempdir().expect("project");
    let copy = std::process::Command::new("cp")
        .arg("-r")
        .arg(fixture().join("pages"))
        .arg(fixture().join("app"))
        .arg(project.path())
        .status()
        .expect("copy the fixture");
    assert!(copy.success());
    let root = project.path();
    std::fs::create_dir_all(root.join(".git")).expect(".git");
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    std::fs::write(root.join(".env.production"), "FROM_ENV=production\n").expect("env");
    std::fs::write(root.join(".env.development"), "FROM_ENV=development\n").expect("env");
    std::fs::create_dir_all(root.join("public")).expect("public");
    std::fs::write(root.join("public/robots.txt"), "User-agent: *\n").expect("public file");
    std::fs::create_dir_all(root.join(".apiroutes")).expect(".apiroutes");
    std::fs::write(root.join(".apiroutes/data.db"), "not for the zip").expect("db");
    let zip_path = root.join("function.zip");
    let output = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .args(["build", "--target", "lambda", "--output"])
        .arg(&zip_path)
        .arg(root)
        .output()
        .expect("run apiroutes build");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("function.zip"), "{stdout}");
    let zip_size = std::fs::metadata(&zip_path).expect("zip written").len();

    // Lambda unpacks the zip into /var/task; here into a fresh folder elsewhere.
    let task_root = tempfile::tempdir().expect("task root");
    let unzip = Command::new("unzip")
        .arg("-q")
        .arg(&zip_path)
        .arg("-d")
        .arg(task_root.path())
        .status();
    let Ok(unzip) = unzip else {
        eprintln!("skipped: unzip is not installed");
        return;
    };
    assert!(unzip.success(), "unzip");
    let task = task_root.path();
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(task.join("bootstrap"))
        .expect("bootstrap in the zip")
        .permissions()
        .mode();
    assert!(mode & 0o111 != 0, "bootstrap is executable: {mode:o}");
    for kept in [
        "pages/api/echo.js",
        "app/api/stream/route.js",
        "public/robots.txt",
        ".env.production",
        ".apiroutes/manifest.json",
    ] {
        assert!(task.join(kept).is_file(), "{kept} is in the zip");
    }
    for left in [
        ".git",
        ".env.development",
        ".apiroutes/data.db",
        "function.zip",
    ] {
        assert!(!task.join(left).exists(), "{left} is not in the zip");
    }

    let api = RuntimeApi::start();
    let started = Instant::now();
    let mut child = spawn_bootstrap(&task.join("bootstrap"), task, &api);
    api.queue("zip", http_v2("GET", "/api/echo", ""));
    let posted = api.wait_for("zip", &mut child);
    let cold = started.elapsed();
    let _ = child.kill();
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    let _ = child.wait();
    assert_eq!(posted.json()["statusCode"], 200, "{:?}", posted.json());
    assert!(
        stderr.contains("using the build in .apiroutes"),
        "the function runs the build that came in the zip: {stderr}"
    );
    eprintln!(
        "lambda zip: {:.1} MiB, cold start to the first answer {} ms",
        zip_size as f64 / (1024.0 * 1024.0),
        cold.as_millis()
    );
}
