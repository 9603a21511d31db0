//! HTTP versions: HTTP/1.1 keep-alive and h2c (HTTP/2 with prior knowledge) on the same
//! port, with the same answers.

mod support;

use std::path::PathBuf;

use support::Server;

fn compat_app() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/compat/app")
}

async fn h2_get(port: u16, method: &str, path: &str) -> (u16, http::HeaderMap, Vec<u8>) {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await.expect("h2 ready");
    let request = http::Request::builder()
        .method(method)
        .uri(format!("http://127.0.0.1:{port}{path}"))
        .body(())
        .expect("request");
    let (response, _) = client.send_request(request, true).expect("send");
    let response = response.await.expect("response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut body = response.into_body();
    let mut bytes = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk.expect("data frame");
        let _ = body.flow_control().release_capacity(chunk.len());
        bytes.extend_from_slice(&chunk);
    }
    (status, headers, bytes)
}

#[test]
fn h2c_prior_knowledge_gets_the_same_answers() {
    let server = Server::start_with_args(&compat_app(), &["--workers", "1"]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let (status, headers, body) = h2_get(server.port, "GET", "/api/hello").await;
        assert_eq!(status, 200);
        assert_eq!(body, br#"{"hello":"world"}"#);
        assert_eq!(
            headers.get("etag").and_then(|v| v.to_str().ok()),
            Some("\"kxl31zjxesh\"")
        );

        // HEAD keeps the headers and sends no DATA.
        let (status, headers, body) = h2_get(server.port, "HEAD", "/api/hello").await;
        assert_eq!(status, 200);
        assert!(body.is_empty());
        assert_eq!(
            headers.get("content-length").and_then(|v| v.to_str().ok()),
            Some("17")
        );

        // A streamed pages response arrives whole.
        let (status, _, body) = h2_get(server.port, "GET", "/api/stream").await;
        assert_eq!(status, 200);
        assert_eq!(body, b"chunk-1\nchunk-2\ndone\n");

        // App Router route handler over h2.
        let (status, _, body) = h2_get(server.port, "GET", "/rh/basic").await;
        assert_eq!(status, 200);
        assert!(!body.is_empty());
    });
}
