//! Pages API routes with `export const config = { runtime: 'edge' }` (and the older
//! `'experimental-edge'`), run as Next's edge adapter runs them: `handler(request, event)`
//! with a `NextRequest` (route params in its query, the body unparsed), and the `Response`
//! it returns streamed back; a throw or a non-Response is a 500. Over a real socket, with
//! the app in `tests/fixtures/lifecycle`.

mod support;

use std::path::PathBuf;
use std::time::Duration;

use support::Server;

fn lifecycle_app() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/lifecycle")
}

const TIMEOUT: Duration = Duration::from_secs(10);

#[test]
fn an_edge_api_route_gets_a_web_request_and_returns_a_response() {
    let server = Server::start(&lifecycle_app());
    let response = server.send(
        "GET",
        "/api/edge/hello?name=ada",
        &[("user-agent", "edge-test"), ("cookie", "flavour=mint")],
        None,
        TIMEOUT,
    );
    assert_eq!(response.status, 201, "{}", server.output());
    assert_eq!(response.header("x-edge"), Some("1"));
    assert_eq!(response.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_str(&response.body_text()).expect("json");
    assert_eq!(body["method"], "GET");
    assert_eq!(
        body["url"],
        format!("http://localhost:{}/api/edge/hello?name=ada", server.port)
    );
    assert_eq!(body["pathname"], "/api/edge/hello");
    assert_eq!(body["name"], "ada");
    assert_eq!(body["agent"], "edge-test");
    assert_eq!(body["cookie"], "mint", "a NextRequest: req.cookies");
    assert_eq!(body["isRequest"], true);
    assert_eq!(body["body"], serde_json::Value::Null);

    let posted = server.send(
        "POST",
        "/api/edge/hello",
        &[("content-type", "application/json")],
        Some(br#"{"not":"parsed"}"#),
        TIMEOUT,
    );
    assert_eq!(posted.status, 201);
    let body: serde_json::Value = serde_json::from_str(&posted.body_text()).expect("json");
    assert_eq!(body["method"], "POST");
    assert_eq!(
        body["body"], r#"{"not":"parsed"}"#,
        "the body is the raw text: no pages body parser"
    );
}

#[test]
fn route_params_reach_an_edge_route_in_its_query() {
    let server = Server::start(&lifecycle_app());
    let (status, body) = server.json_request("GET", "/api/edge/42?q=1", None);
    assert_eq!(status, 200, "{}", server.output());
    assert_eq!(
        body,
        serde_json::json!({ "id": "42", "search": "?q=1&id=42" }),
        "`experimental-edge` and NextResponse.json; params merged after the query"
    );
    // A query parameter of the same name is overridden by the route param.
    let (_, body) = server.json_request("GET", "/api/edge/7?id=old", None);
    assert_eq!(body["id"], "7");
}

#[test]
fn an_edge_route_streams_its_response_body() {
    let server = Server::start(&lifecycle_app());
    let response = server.send("GET", "/api/edge/stream", &[], None, TIMEOUT);
    assert_eq!(response.status, 200);
    assert_eq!(response.body_text(), "chunk 1\nchunk 2\nchunk 3\n");
    assert_eq!(response.header("transfer-encoding"), Some("chunked"));
}

#[test]
fn an_edge_route_that_throws_or_returns_no_response_is_a_500() {
    let server = Server::start(&lifecycle_app());
    let thrown = server.send("GET", "/api/edge/throws", &[], None, TIMEOUT);
    assert_eq!(thrown.status, 500);
    let nothing = server.send("GET", "/api/edge/throws?nothing", &[], None, TIMEOUT);
    assert_eq!(nothing.status, 500);
    // The worker goes on.
    let after = server.send("GET", "/api/edge/hello", &[], None, TIMEOUT);
    assert_eq!(after.status, 201);
    let output = server.output();
    assert!(output.contains("Error: edge handler failed"), "{output}");
    assert!(
        output.contains("Expected an instance of Response to be returned from the edge API route"),
        "{output}"
    );
}
