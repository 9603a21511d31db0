//! Real npm packages in `pages/api` handlers, run by the real binary over a real socket.
//!
//! The fixture project `tests/fixtures/npm-app` commits a `package.json` and a
//! `package-lock.json`; this test installs it with `npm ci` (once per run, skipped when
//! `node_modules` is already newer than the lockfile) and prints "skipping: npm not
//! available" and returns where npm is missing. The routes use `cors` through the
//! `runMiddleware` helper, `micro`'s `buffer(req)` with an HMAC check, `formidable` for
//! a multipart upload, a `next-connect` router, an ESM-only package (`nanoid`), a
//! CommonJS one (`ms`), one chosen by `exports` conditions (`uuid`), Node streams on
//! `req`/`res`, and the Node built-ins such packages import.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{RawResponse, Server};

/// How long `npm ci` may take before the test gives up on it.
const NPM_TIMEOUT: Duration = Duration::from_secs(300);
/// Bound for each HTTP exchange.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/npm-app")
}

/// Installs the fixture's packages once per test binary. `None` means npm is missing and
/// the caller should skip.
fn installed_fixture() -> Option<PathBuf> {
    static INSTALLED: OnceLock<Option<PathBuf>> = OnceLock::new();
    INSTALLED.get_or_init(install_fixture).clone()
}

fn install_fixture() -> Option<PathBuf> {
    let dir = fixture_dir();
    let npm_works = Command::new("npm")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !npm_works {
        return None;
    }
    if node_modules_up_to_date(&dir) {
        return Some(dir);
    }
    // No package of the fixture needs an install script; not running any keeps the
    // install quick and free of side effects.
    let mut child = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("npm is available but `npm ci` could not be spawned");
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > NPM_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`npm ci` in {} took longer than {NPM_TIMEOUT:?}",
                    dir.display()
                );
            }
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(err) => panic!("waiting for `npm ci` failed: {err}"),
        }
    }
    let output = child
        .wait_with_output()
        .expect("collecting `npm ci` output failed");
    assert!(
        output.status.success(),
        "`npm ci` failed in {} ({}):\n{}\n{}",
        dir.display(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(dir)
}

/// npm writes `node_modules/.package-lock.json` on every install; when it is newer than
/// the committed lockfile, the tree already matches it.
fn node_modules_up_to_date(dir: &Path) -> bool {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|meta| meta.modified());
    match (
        modified(dir.join("node_modules/.package-lock.json")),
        modified(dir.join("package-lock.json")),
    ) {
        (Ok(installed), Ok(lock)) => installed >= lock,
        _ => false,
    }
}

/// Starts the server on the installed fixture, or returns `None` (after saying so) when
/// npm is not available.
fn start_fixture_server() -> Option<Server> {
    match installed_fixture() {
        Some(dir) => Some(Server::start_with_args(&dir, &["--workers", "1"])),
        None => {
            println!("skipping: npm not available");
            None
        }
    }
}

fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> RawResponse {
    let response = server.send(method, path, headers, body, REQUEST_TIMEOUT);
    assert!(
        response.error.is_none() && !response.timed_out,
        "{method} {path}: no response ({:?}, timed out: {}); server output:\n{}",
        response.error,
        response.timed_out,
        server.output()
    );
    response
}

fn json_of(server: &Server, response: &RawResponse) -> Value {
    serde_json::from_slice(&response.body).unwrap_or_else(|err| {
        panic!(
            "body is not JSON ({err}): status {} body {:?}; server output:\n{}",
            response.status,
            response.body_text(),
            server.output()
        )
    })
}

#[test]
fn cors_package_through_run_middleware() {
    let Some(server) = start_fixture_server() else {
        return;
    };
    let response = request(
        &server,
        "GET",
        "/api/cors",
        &[("Origin", "https://foo.example")],
        None,
    );
    assert_eq!(response.status, 200, "{}", server.output());
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some("https://example.com")
    );
    assert_eq!(
        response.header("access-control-allow-credentials"),
        Some("true")
    );
    assert!(
        response
            .header("vary")
            .is_some_and(|vary| vary.contains("Origin")),
        "vary: {:?}",
        response.header("vary")
    );
    assert_eq!(json_of(&server, &response)["message"], "Hello Everyone!");

    // A preflight is answered by the middleware itself: 204, methods and max-age.
    let preflight = request(
        &server,
        "OPTIONS",
        "/api/cors",
        &[
            ("Origin", "https://foo.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        None,
    );
    assert_eq!(preflight.status, 204, "{}", server.output());
    assert_eq!(
        preflight.header("access-control-allow-methods"),
        Some("POST,GET,HEAD")
    );
    assert_eq!(preflight.header("access-control-max-age"), Some("600"));
    assert!(preflight.body.is_empty());
}

#[test]
fn micro_buffer_reads_the_raw_body_for_an_hmac_signature() {
    let Some(server) = start_fixture_server() else {
        return;
    };
    // RFC 4231, test case 2: HMAC-SHA256 with key "Jefe".
    let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    let body = b"what do ya want for nothing?";
    let response = request(
        &server,
        "POST",
        "/api/webhook",
        &[
            ("Content-Type", "application/json"),
            ("X-Signature", expected),
        ],
        Some(body),
    );
    assert_eq!(response.status, 200, "{}", server.output());
    let json = json_of(&server, &response);
    assert_eq!(json["signature"], expected);
    assert_eq!(json["valid"], true);
    assert_eq!(json["bytes"], body.len());

    // A body of many chunks: the same HMAC as Node computes for it.
    let large = "abcdefghij".repeat(20_000);
    let large_expected = "82da001a28131ce3d94ac5e735673014fb25e82012758bf86b7833c0da260b94";
    let response = request(
        &server,
        "POST",
        "/api/webhook",
        &[
            ("Content-Type", "text/plain"),
            ("X-Signature", large_expected),
        ],
        Some(large.as_bytes()),
    );
    let json = json_of(&server, &response);
    assert_eq!(json["bytes"], 200_000);
    assert_eq!(json["signature"], large_expected);
    assert_eq!(json["valid"], true);

    let forged = request(
        &server,
        "POST",
        "/api/webhook",
        &[("X-Signature", "00".repeat(32).as_str())],
        Some(body),
    );
    assert_eq!(forged.status, 400);
    assert_eq!(json_of(&server, &forged)["valid"], false);

    let wrong_method = request(&server, "GET", "/api/webhook", &[], None);
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.header("allow"), Some("POST"));
}

#[test]
fn formidable_parses_a_multipart_upload() {
    let Some(server) = start_fixture_server() else {
        return;
    };
    let boundary = "----apiroutesBoundary7MA4YWxkTrZu0gW";
    let file_content = "hello from a file\nsecond line\n";
    let body = format!(
        "--{boundary}\r\n\
         Content-Disposition: form-data; name=\"title\"\r\n\r\n\
         Quarterly report\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"tags\"\r\n\r\n\
         a\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"tags\"\r\n\r\n\
         b\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n\
         Content-Type: text/plain\r\n\r\n\
         {file_content}\r\n\
         --{boundary}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let response = request(
        &server,
        "POST",
        "/api/upload",
        &[("Content-Type", content_type.as_str())],
        Some(body.as_bytes()),
    );
    assert_eq!(response.status, 200, "{}", server.output());
    let json = json_of(&server, &response);
    assert_eq!(
        json["fields"]["title"],
        serde_json::json!(["Quarterly report"])
    );
    assert_eq!(json["fields"]["tags"], serde_json::json!(["a", "b"]));
    let file = &json["file"];
    assert_eq!(file["name"], "notes.txt");
    assert_eq!(file["type"], "text/plain");
    assert_eq!(file["size"], file_content.len());
    assert_eq!(file["content"], file_content);
    assert_eq!(file["inTmp"], true, "written under os.tmpdir()");
    assert_eq!(file["removed"], true, "fs.unlinkSync removed it");
}

#[test]
fn next_connect_router_dispatches_by_method() {
    let Some(server) = start_fixture_server() else {
        return;
    };
    let get = request(&server, "GET", "/api/router?name=ada", &[], None);
    assert_eq!(get.status, 200, "{}", server.output());
    assert_eq!(get.header("x-router"), Some("next-connect"));
    assert_eq!(
        json_of(&server, &get),
        serde_json::json!({ "method": "GET", "name": "ada" })
    );

    let post = request(
        &server,
        "POST",
        "/api/router",
        &[("Content-Type", "application/json")],
        Some(br#"{"title":"x","n":2}"#),
    );
    assert_eq!(post.status, 201, "{}", server.output());
    assert_eq!(post.header("x-router"), Some("next-connect"));
    assert_eq!(
        json_of(&server, &post),
        serde_json::json!({ "method": "POST", "created": { "title": "x", "n": 2 } })
    );

    let put = request(&server, "PUT", "/api/router", &[], Some(b""));
    assert_eq!(put.status, 405);
    assert_eq!(json_of(&server, &put)["error"], "Method PUT Not Allowed");
}

fn is_url_alphabet(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_uuid_v4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|part| part.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|part| part.chars().all(|c| c.is_ascii_hexdigit()))
        && parts[2].starts_with('4')
        && parts[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn esm_only_commonjs_and_exports_condition_packages() {
    let Some(server) = start_fixture_server() else {
        return;
    };
    let first = request(&server, "GET", "/api/ids", &[], None);
    assert_eq!(first.status, 200, "{}", server.output());
    let json = json_of(&server, &first);
    let nanoid = json["nanoid"].as_str().unwrap_or_default();
    assert_eq!(nanoid.len(), 21, "nanoid: {nanoid:?}");
    assert!(is_url_alphabet(nanoid), "nanoid: {nanoid:?}");
    let short = json["short"].as_str().unwrap_or_default();
    assert_eq!(short.len(), 10);
    assert!(is_url_alphabet(short));
    let digits = json["digits"].as_str().unwrap_or_default();
    assert!(
        digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()),
        "digits: {digits:?}"
    );
    let uuid = json["uuid"].as_str().unwrap_or_default();
    assert!(is_uuid_v4(uuid), "uuid: {uuid:?}");
    assert_eq!(json["uuidValid"], true);
    assert_eq!(json["uuidVersion"], 4);
    // The name-based UUID from uuid's own documentation.
    assert_eq!(json["uuidV5"], "fdda765f-fc57-5604-a269-52a7df8164ec");
    assert_eq!(json["twoDays"], 172_800_000);
    assert_eq!(json["minute"], "1m");
    assert_eq!(json["long"], "1 day");

    let second = json_of(&server, &request(&server, "GET", "/api/ids", &[], None));
    assert_ne!(second["nanoid"], json["nanoid"], "ids are random");
    assert_ne!(second["uuid"], json["uuid"], "ids are random");

    // The same packages through require(): uuid's `require` condition picks its
    // CommonJS build.
    let cjs = request(&server, "GET", "/api/cjs", &[], None);
    assert_eq!(cjs.status, 200, "{}", server.output());
    let json = json_of(&server, &cjs);
    assert_eq!(json["hour"], 3_600_000);
    assert_eq!(json["uuidV5"], "fdda765f-fc57-5604-a269-52a7df8164ec");
    assert_eq!(json["uuidFile"], "uuid/dist/index.js");
    assert_eq!(json["seen"], 2);
    assert_eq!(json["listeners"], 1);
}

#[test]
fn node_streams_on_req_and_res() {
    let Some(server) = start_fixture_server() else {
        return;
    };
    // stream.pipeline(req, Transform, res), with the request body sent chunked.
    let upper = request(
        &server,
        "POST",
        "/api/stream?mode=upper",
        &[
            ("Content-Type", "text/plain"),
            ("Transfer-Encoding", "chunked"),
        ],
        Some(b"shout this"),
    );
    assert_eq!(upper.status, 200, "{}", server.output());
    assert_eq!(upper.body_text(), "SHOUT THIS");
    assert_eq!(upper.header("content-length"), None, "streamed");

    let generated = request(&server, "GET", "/api/stream?mode=generate", &[], None);
    assert_eq!(generated.status, 200, "{}", server.output());
    assert_eq!(generated.body_text(), "line 1\nline 2\nline 3\n");

    let piped = request(&server, "GET", "/api/stream?mode=pipe", &[], None);
    assert_eq!(piped.status, 200, "{}", server.output());
    assert_eq!(piped.body_text(), "abc");

    // for await (const chunk of req) over a body larger than one chunk.
    let large = vec![b'z'; 300_000];
    let counted = request(
        &server,
        "POST",
        "/api/stream",
        &[("Content-Type", "application/octet-stream")],
        Some(&large),
    );
    assert_eq!(counted.status, 200, "{}", server.output());
    assert_eq!(
        json_of(&server, &counted),
        serde_json::json!({ "bytes": 300_000, "chunks": true, "complete": true, "isReadable": true })
    );
}

#[test]
fn node_builtins_that_packages_import() {
    let Some(server) = start_fixture_server() else {
        return;
    };
    let response = request(&server, "GET", "/api/builtins", &[], None);
    assert_eq!(response.status, 200, "{}", server.output());
    let json = json_of(&server, &response);
    assert_eq!(json["waited"], 2, "util.promisify");
    assert_eq!(json["inspect"], "{ a: [ 1, { b: 2 } ], s: 'x' }");
    assert_eq!(json["isPromise"], true);
    assert_eq!(json["fmt"], "a=5");
    assert_eq!(json["join"], "/a/c");
    assert_eq!(json["got"], 42, "events.once");
    assert_eq!(json["s"], "€", "string_decoder across a split character");
    assert_eq!(json["eol"], true);
    assert!(json["tmp"].as_str().is_some_and(|dir| !dir.is_empty()));
    assert_eq!(json["file"], "/x/y");
    assert_eq!(json["tse"], true, "crypto.timingSafeEqual");
    assert_eq!(json["hash"], "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert_eq!(json["rand"], 4);
    assert_eq!(json["exists"], true);
    assert_eq!(json["notExists"], false);
    assert_eq!(json["deep"], true);
    assert_eq!(json["tick"], "function");
    assert_eq!(json["stat"], true);
}
