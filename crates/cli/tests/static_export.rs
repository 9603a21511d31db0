//! A static export (`out/` of `next build` with `output: 'export'`, or `--static DIR`)
//! served beside the API routes: pages by their `.html` or `index.html`, assets with
//! `public/`'s rules (types, ETag, 304, ranges, HEAD, 405), the export's 404.html for
//! unknown paths outside `/api`, API routes winning over exported files, and no way out
//! of the folder or to its dotfiles. The app is `tests/fixtures/lifecycle`.

mod support;

use std::path::PathBuf;
use std::time::Duration;

use support::{raw_request, Server};

fn lifecycle_app() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/lifecycle")
}

const TIMEOUT: Duration = Duration::from_secs(10);

fn exported(name: &str) -> String {
    std::fs::read_to_string(lifecycle_app().join("out").join(name)).expect("exported file")
}

#[test]
fn pages_of_the_export_are_served_by_their_paths() {
    let server = Server::start(&lifecycle_app());
    for (path, file) in [
        ("/", "index.html"),
        ("/about", "about.html"),
        ("/about.html", "about.html"),
        ("/docs", "docs/index.html"),
    ] {
        let response = server.send("GET", path, &[], None, TIMEOUT);
        assert_eq!(response.status, 200, "{path}: {}", server.output());
        assert_eq!(response.body_text(), exported(file), "{path}");
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=UTF-8"),
            "{path}"
        );
    }
    let script = server.send("GET", "/_next/static/chunks/app.js", &[], None, TIMEOUT);
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=UTF-8")
    );
    assert!(
        server.output().contains("the static export in"),
        "{}",
        server.output()
    );
}

#[test]
fn export_files_have_etags_ranges_and_head() {
    let server = Server::start(&lifecycle_app());
    let first = server.send("GET", "/about", &[], None, TIMEOUT);
    let etag = first.header("etag").expect("an ETag").to_string();
    let again = server.send("GET", "/about", &[("if-none-match", &etag)], None, TIMEOUT);
    assert_eq!(again.status, 304);
    let part = server.send("GET", "/about", &[("range", "bytes=0-8")], None, TIMEOUT);
    assert_eq!(part.status, 206);
    assert_eq!(part.body_text(), "<!DOCTYPE");
    let head = server.send("HEAD", "/about", &[], None, TIMEOUT);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(exported("about.html").len().to_string().as_str())
    );
    let post = server.send("POST", "/about", &[], Some(b"x"), TIMEOUT);
    assert_eq!(post.status, 405);
}

#[test]
fn unknown_paths_get_the_export_s_404_page_and_api_paths_stay_the_routes() {
    let server = Server::start(&lifecycle_app());
    let missing = server.send("GET", "/no/such/page", &[], None, TIMEOUT);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body_text(), exported("404.html"));
    // The export has api/ok.html; the API route wins.
    let api = server.send("GET", "/api/ok", &[], None, TIMEOUT);
    assert_eq!(api.status, 200);
    assert_eq!(api.body_text(), "ok");
    // An unknown API path is Next's own 404, not the export's page.
    let api_missing = server.send("GET", "/api/nope", &[], None, TIMEOUT);
    assert_eq!(api_missing.status, 404);
    assert_ne!(api_missing.body_text(), exported("404.html"));
}

#[test]
fn nothing_outside_the_export_and_no_dotfile_is_served() {
    let server = Server::start(&lifecycle_app());
    let secret = "from-a-dotfile";
    let handler_source = "res.status(200).send('ok')";
    for target in [
        "/.env",
        "/%2eenv",
        "/../pages/api/ok.js",
        "/%2e%2e/pages/api/ok.js",
        "/..%2fpages%2fapi%2fok.js",
        "/_next/..%2f..%2fpages/api/ok.js",
        "/_next/%2e%2e/%2e%2e/pages/api/ok.js",
        "/docs/..%5c..%5cpages%5capi%5cok.js",
        "//etc/passwd",
        "/out/index.html",
    ] {
        let request =
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        let response = raw_request(server.addr(), request.as_bytes(), TIMEOUT);
        let body = response.body_text();
        assert!(
            !body.contains(secret) && !body.contains(handler_source) && !body.contains("root:"),
            "{target}: {} {body}",
            response.status
        );
        assert_ne!(response.status, 200, "{target}");
    }
}

#[test]
fn the_static_flag_names_another_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("index.html"), "elsewhere").expect("write");
    let folder = dir.path().to_string_lossy().into_owned();
    let server = Server::start_with_args(&lifecycle_app(), &["--static", &folder]);
    let home = server.send("GET", "/", &[], None, TIMEOUT);
    assert_eq!(home.body_text(), "elsewhere");
    // Without a 404.html there, unknown pages get Next's 404 page.
    let missing = server.send("GET", "/about", &[], None, TIMEOUT);
    assert_eq!(missing.status, 404);
}
