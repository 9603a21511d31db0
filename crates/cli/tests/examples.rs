//! Integration tests of `examples/`: every branch of every handler from the user's seed
//! documents, served by the real `apiroutes` binary and spoken to over a real socket.
//!
//! Every server here runs with `--workers 1`. Some examples keep state in module-level
//! variables (seed 001's `posts` array, seed 000's in-memory users); that state lives
//! per worker, so only with one worker does a `GET` see what an earlier `POST` stored.
//! The stateless examples use one worker too, which also makes "the other requests are
//! still served" in the never-answering test mean "served by the same worker".

mod support;

use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{RawResponse, Server};

/// Upper bound for one ordinary exchange; generous so a loaded CI machine does not flake.
const TIMEOUT: Duration = Duration::from_secs(10);

fn example(name: &str) -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../examples")
    .join(name)
}

fn start(name: &str) -> Server {
    Server::start_with_args(&example(name), &["--workers", "1"])
}

/// Sends one request the way Node's `http.request` would and reads the answer.
fn send(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> RawResponse {
    send_within(server, method, path, headers, body, TIMEOUT)
}

fn send_within(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
    timeout: Duration,
) -> RawResponse {
    server.send(method, path, headers, body, timeout)
}

fn get(server: &Server, path: &str) -> RawResponse {
    send(server, "GET", path, &[], None)
}

fn post_json(server: &Server, path: &str, body: &Value) -> RawResponse {
    let text = body.to_string();
    send(
        server,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        Some(text.as_bytes()),
    )
}

/// Asserts a complete response with `status` and returns its body parsed as JSON.
fn json_body(response: &RawResponse, status: u16) -> Value {
    assert_answered(response);
    assert_eq!(
        response.status,
        status,
        "unexpected status; body: {}",
        response.body_text()
    );
    assert_eq!(
        response.header("content-type"),
        Some("application/json; charset=utf-8"),
        "res.json sets Next's JSON content type"
    );
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", response.body_text()))
}

fn assert_answered(response: &RawResponse) {
    assert!(
        !response.timed_out,
        "no response within {TIMEOUT:?}: {response:?}"
    );
    assert_eq!(response.error, None, "transport error: {response:?}");
}

/// Seed 001's and seed 004's 405 style: `res.setHeader('Allow', [...])` then
/// `res.status(405).end(text)`. Node sends an array header as one line per value.
fn assert_405_with_allow(response: &RawResponse, allow: &[&str], method: &str) {
    assert_answered(response);
    assert_eq!(response.status, 405);
    assert_eq!(response.reason, "Method Not Allowed");
    assert_eq!(response.header_all("allow"), allow);
    assert_eq!(response.body_text(), format!("Method {method} Not Allowed"));
    // `res.end(text)` sets no content type, unlike `res.send`.
    assert_eq!(response.header("content-type"), None);
}

/// Seeds 000, 002 and 004's 405 style: `res.status(405).json({ message: ... })`, no Allow.
fn assert_405_json(response: &RawResponse) {
    assert_eq!(
        json_body(response, 405),
        json!({ "message": "Method Not Allowed" })
    );
    assert_eq!(response.header("allow"), None);
}

// ---------------------------------------------------------------------------------------
// Seed 000: pages/api/users.js with lib/db.js

#[test]
fn seed_000_users_get_lists_the_database() {
    let server = start("seed-000-users");
    let users = json_body(&get(&server, "/api/users"), 200);
    assert_eq!(
        users,
        json!([{ "id": 1, "name": "Ada Lovelace", "email": "ada@example.com" }])
    );
}

#[test]
fn seed_000_users_post_creates_and_later_get_sees_it_on_one_worker() {
    let server = start("seed-000-users");
    let created = json_body(
        &post_json(
            &server,
            "/api/users",
            &json!({ "name": "Grace", "email": "grace@example.com" }),
        ),
        201,
    );
    assert_eq!(
        created,
        json!({ "name": "Grace", "email": "grace@example.com", "id": 2 })
    );
    let second = json_body(
        &post_json(&server, "/api/users", &json!({ "name": "Linus" })),
        201,
    );
    assert_eq!(second["id"], json!(3));
    // Module state of lib/db.js: one worker, so the list holds both new users.
    let users = json_body(&get(&server, "/api/users"), 200);
    let names: Vec<&str> = users
        .as_array()
        .expect("an array of users")
        .iter()
        .filter_map(|user| user["name"].as_str())
        .collect();
    assert_eq!(names, ["Ada Lovelace", "Grace", "Linus"]);
}

#[test]
fn seed_000_users_other_methods_get_405_json() {
    let server = start("seed-000-users");
    for method in ["PUT", "DELETE", "PATCH"] {
        let response = send(&server, method, "/api/users", &[], None);
        assert_405_json(&response);
    }
    // A refused method stores nothing.
    let users = json_body(&get(&server, "/api/users"), 200);
    assert_eq!(users.as_array().map(Vec::len), Some(1));
}

// ---------------------------------------------------------------------------------------
// Seed 001: hello.js, posts.js, submit-form.js (the main example)

#[test]
fn seed_001_hello_answers_every_method() {
    let server = start("seed-001-hello-posts-form");
    for method in ["GET", "POST", "PUT", "DELETE"] {
        let response = send(&server, method, "/api/hello", &[], None);
        assert_eq!(
            json_body(&response, 200),
            json!({ "message": "Hello, world!" }),
            "{method} /api/hello"
        );
    }
}

#[test]
fn seed_001_posts_are_kept_across_requests_on_one_worker() {
    let server = start("seed-001-hello-posts-form");
    assert_eq!(json_body(&get(&server, "/api/posts"), 200), json!([]));

    let first = json!({ "title": "First post", "body": "Hello" });
    let echoed = json_body(&post_json(&server, "/api/posts", &first), 201);
    assert_eq!(echoed, first);

    let second = json!({ "title": "Second post", "tags": ["a", "b"] });
    assert_eq!(
        json_body(&post_json(&server, "/api/posts", &second), 201),
        second
    );

    // The module-level `posts` array survives between requests on the same worker.
    assert_eq!(
        json_body(&get(&server, "/api/posts"), 200),
        json!([first, second])
    );
}

#[test]
fn seed_001_posts_stores_whatever_body_was_sent() {
    let server = start("seed-001-hello-posts-form");
    // A text body is stored as the string it is (Next parses only JSON and forms).
    let text = send(
        &server,
        "POST",
        "/api/posts",
        &[("Content-Type", "text/plain")],
        Some(b"just text"),
    );
    assert_eq!(json_body(&text, 201), json!("just text"));
    let form = send(
        &server,
        "POST",
        "/api/posts",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(b"title=From+a+form&tag=x&tag=y"),
    );
    assert_eq!(
        json_body(&form, 201),
        json!({ "title": "From a form", "tag": ["x", "y"] })
    );
    assert_eq!(
        json_body(&get(&server, "/api/posts"), 200),
        json!(["just text", { "title": "From a form", "tag": ["x", "y"] }])
    );
}

#[test]
fn seed_001_posts_other_methods_get_405_with_allow() {
    let server = start("seed-001-hello-posts-form");
    for method in ["PUT", "DELETE", "PATCH"] {
        let response = send(&server, method, "/api/posts", &[], None);
        assert_405_with_allow(&response, &["GET", "POST"], method);
    }
}

#[test]
fn seed_001_submit_form_accepts_post() {
    let server = start("seed-001-hello-posts-form");
    let expected = json!({ "success": true, "message": "Form submitted successfully" });
    let as_json = post_json(
        &server,
        "/api/submit-form",
        &json!({ "name": "Ada", "email": "ada@example.com", "message": "Hi" }),
    );
    assert_eq!(json_body(&as_json, 200), expected);
    let as_form = send(
        &server,
        "POST",
        "/api/submit-form",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(b"name=Ada&email=ada%40example.com&message=Hi+there"),
    );
    assert_eq!(json_body(&as_form, 200), expected);
    // No body at all: `req.body` is "" and destructuring it is harmless.
    let empty = send(&server, "POST", "/api/submit-form", &[], None);
    assert_eq!(json_body(&empty, 200), expected);
}

#[test]
fn seed_001_submit_form_other_methods_get_405_with_allow() {
    let server = start("seed-001-hello-posts-form");
    for method in ["GET", "PUT", "DELETE"] {
        let response = send(&server, method, "/api/submit-form", &[], None);
        assert_405_with_allow(&response, &["POST"], method);
    }
}

// ---------------------------------------------------------------------------------------
// Seed 002: the first hello.js, then the modified hello.js with [id].js

#[test]
fn seed_002_first_hello() {
    let server = start("seed-002-hello");
    for method in ["GET", "POST"] {
        let response = send(&server, method, "/api/hello", &[], None);
        assert_eq!(
            json_body(&response, 200),
            json!({ "message": "Hello, API Route!" })
        );
    }
    // The first step has no [id].js yet.
    assert_eq!(get(&server, "/api/123").status, 404);
}

#[test]
fn seed_002_modified_hello_branches_on_method() {
    let server = start("seed-002-methods-and-id");
    assert_eq!(
        json_body(&get(&server, "/api/hello"), 200),
        json!({ "message": "GET request received!" })
    );
    assert_eq!(
        json_body(&post_json(&server, "/api/hello", &json!({ "a": 1 })), 200),
        json!({ "message": "POST request received!" })
    );
    for method in ["PUT", "DELETE", "PATCH"] {
        assert_405_json(&send(&server, method, "/api/hello", &[], None));
    }
}

#[test]
fn seed_002_dynamic_id() {
    let server = start("seed-002-methods-and-id");
    let cases = [
        ("/api/123", "Received ID: 123"),
        ("/api/abc", "Received ID: abc"),
        // The route parameter wins over a query parameter of the same name.
        ("/api/42?id=7", "Received ID: 42"),
        // Percent-encoding in the segment is decoded.
        ("/api/hello%20world", "Received ID: hello world"),
    ];
    for (path, message) in cases {
        assert_eq!(
            json_body(&get(&server, path), 200),
            json!({ "message": message }),
            "GET {path}"
        );
    }
    // The handler ignores the method.
    let post = post_json(&server, "/api/99", &json!({}));
    assert_eq!(
        json_body(&post, 200),
        json!({ "message": "Received ID: 99" })
    );
    // hello.js is a static route and wins over [id].js.
    assert_eq!(
        json_body(&get(&server, "/api/hello"), 200),
        json!({ "message": "GET request received!" })
    );
    // [id] is one segment: deeper paths are not this route.
    assert_eq!(get(&server, "/api/1/2").status, 404);
}

// ---------------------------------------------------------------------------------------
// Seed 003: TypeScript hello.ts and the never-answering http-methods.ts

#[test]
fn seed_003_typescript_hello() {
    let server = start("seed-003-typescript");
    assert_eq!(
        json_body(&get(&server, "/api/hello"), 200),
        json!({ "message": "Hello from Next.js!" })
    );
}

#[test]
fn seed_003_http_methods_never_answers_and_does_not_block_others() {
    let server = start("seed-003-typescript");
    let hold_open = Duration::from_millis(2500);
    let started = Instant::now();
    thread::scope(|scope| {
        // Both branches of the handler: POST and anything else.
        let hanging: Vec<_> = ["POST", "GET"]
            .into_iter()
            .map(|method| {
                let server = &server;
                scope.spawn(move || {
                    send_within(server, method, "/api/http-methods", &[], None, hold_open)
                })
            })
            .collect();
        // Give the hanging requests time to reach the handler, then show the same (only)
        // worker still answers other requests while they are open.
        thread::sleep(Duration::from_millis(300));
        for _ in 0..3 {
            let asked = Instant::now();
            let response = get(&server, "/api/hello");
            assert_eq!(
                json_body(&response, 200),
                json!({ "message": "Hello from Next.js!" })
            );
            assert!(
                asked.elapsed() < Duration::from_secs(1),
                "a hanging handler slowed another request to {:?}",
                asked.elapsed()
            );
        }
        assert!(
            started.elapsed() < hold_open,
            "the other requests were answered while the hanging ones were still open"
        );
        for handle in hanging {
            let response = handle.join().expect("request thread");
            assert!(
                response.timed_out,
                "the never-answering handler got a response: {response:?}"
            );
        }
    });
}

#[test]
fn seed_003_http_methods_gets_504_with_max_duration() {
    let server = Server::start_with_args(
        &example("seed-003-typescript"),
        &["--workers", "1", "--max-duration", "1"],
    );
    for method in ["POST", "GET"] {
        let asked = Instant::now();
        let response = send(&server, method, "/api/http-methods", &[], None);
        assert_answered(&response);
        assert_eq!(response.status, 504, "{method}: {response:?}");
        let waited = asked.elapsed();
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
            "504 after {waited:?}, expected about one second"
        );
    }
    // Answering handlers are unaffected by the limit.
    assert_eq!(
        json_body(&get(&server, "/api/hello"), 200)["message"],
        "Hello from Next.js!"
    );
}

// ---------------------------------------------------------------------------------------
// Seed 004: hello.js, users.js, middleware/auth.js + secure-data.js

#[test]
fn seed_004_hello() {
    let server = start("seed-004-hello-users-secure-data");
    assert_eq!(
        json_body(&get(&server, "/api/hello"), 200),
        json!({ "message": "Hello, World!" })
    );
}

#[test]
fn seed_004_users_post_creates() {
    let server = start("seed-004-hello-users-secure-data");
    let response = post_json(
        &server,
        "/api/users",
        &json!({ "name": "Sarah", "email": "sarah@example.com", "role": "ignored" }),
    );
    assert_eq!(
        json_body(&response, 201),
        json!({ "message": "User created", "user": { "name": "Sarah", "email": "sarah@example.com" } })
    );
    // Missing fields are undefined and JSON.stringify drops them.
    let partial = post_json(&server, "/api/users", &json!({ "name": "Kyle" }));
    assert_eq!(
        json_body(&partial, 201),
        json!({ "message": "User created", "user": { "name": "Kyle" } })
    );
}

#[test]
fn seed_004_users_other_methods_get_405_json() {
    let server = start("seed-004-hello-users-secure-data");
    for method in ["GET", "PUT", "DELETE"] {
        assert_405_json(&send(&server, method, "/api/users", &[], None));
    }
}

#[test]
fn seed_004_secure_data_accepts_the_bearer_token() {
    let server = start("seed-004-hello-users-secure-data");
    for method in ["GET", "POST"] {
        let response = send(
            &server,
            method,
            "/api/secure-data",
            &[("Authorization", "Bearer my-secret-token")],
            None,
        );
        assert_eq!(
            json_body(&response, 200),
            json!({ "message": "Secure data" }),
            "{method} with the right token"
        );
    }
    // Header names are case-insensitive: req.headers has them lower-cased, as in Node.
    let lower = send(
        &server,
        "GET",
        "/api/secure-data",
        &[("authorization", "Bearer my-secret-token")],
        None,
    );
    assert_eq!(json_body(&lower, 200), json!({ "message": "Secure data" }));
}

#[test]
fn seed_004_secure_data_refuses_missing_or_wrong_tokens() {
    let server = start("seed-004-hello-users-secure-data");
    let refused: [&[(&str, &str)]; 5] = [
        &[],
        &[("Authorization", "Bearer wrong-token")],
        &[("Authorization", "my-secret-token")],
        &[("Authorization", "bearer my-secret-token")],
        &[("Authorization", "Basic bXk6c2VjcmV0")],
    ];
    for headers in refused {
        let response = send(&server, "GET", "/api/secure-data", headers, None);
        assert_eq!(
            json_body(&response, 401),
            json!({ "message": "Unauthorized" }),
            "headers {headers:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The examples themselves

/// Every source file of the seed examples (`examples/seed-*`) opens with a comment naming
/// its seed (or saying it is not from one), so a reader can trace each handler back to
/// the user's document. Other examples in `examples/` are not the seeds' and not checked.
#[test]
fn every_example_file_names_its_seed() {
    fn visit(dir: &std::path::Path, files: &mut Vec<PathBuf>) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, files);
            } else if path
                .extension()
                .is_some_and(|ext| ext == "js" || ext == "ts")
            {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    let examples = std::fs::read_dir(example("")).expect("read examples/");
    for entry in examples.flatten() {
        if entry.file_name().to_string_lossy().starts_with("seed-") {
            visit(&entry.path(), &mut files);
        }
    }
    assert!(files.len() >= 14, "examples are missing: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read example");
        let first = text.lines().next().unwrap_or("");
        assert!(
            first.starts_with("// Seed 00") || first.starts_with("// Not from a seed"),
            "{} does not open with its seed: {first:?}",
            file.display()
        );
    }
}
