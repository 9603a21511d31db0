//! `next.config.*` against the real binary over a real socket: the fixture
//! `tests/fixtures/next-config-app` (an async function config with basePath, headers,
//! redirects, rewrites, env) and small projects written here (a `.ts` object config with
//! `trailingSlash: true`, `compress: false`, `poweredByHeader: false`; a CommonJS
//! function config; configs that throw).
//!
//! Each expectation names the function of Next 16 it follows (packages/next/src/...).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use support::{RawResponse, Server};

const TIMEOUT: Duration = Duration::from_secs(10);

fn fixture() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/fixtures/next-config-app")
}

fn get(server: &Server, path: &str) -> RawResponse {
    get_with(server, path, &[])
}

fn get_with(server: &Server, path: &str, headers: &[(&str, &str)]) -> RawResponse {
    let response = server.send("GET", path, headers, None, TIMEOUT);
    assert!(response.error.is_none(), "{path}: {:?}", response.error);
    response
}

fn json(response: &RawResponse) -> Value {
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|_| panic!("not JSON: {}", response.body_text()))
}

fn write_project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const HELLO: &str = "export default function handler(req, res) { res.json({ url: req.url, env: process.env.FROM_CONFIG ?? null }); }";

#[test]
fn base_path_routes_files_and_404_outside() {
    let server = Server::start(&fixture());
    // resolve-routes.ts: routes and public files are only found under basePath
    // (fsChecker.getItem / checkTrue strip it with pathHasPrefix); `req.url` keeps it.
    let response = get(&server, "/docs/api/hello");
    assert_eq!(response.status, 200);
    let body = json(&response);
    assert_eq!(body["url"], "/docs/api/hello");
    // next.config `env` (and the phase the config function was called with).
    assert_eq!(body["phase"], "phase-production-server");
    assert_eq!(body["base"], "\"\"");
    assert_eq!(get(&server, "/docs/api/items/7").status, 200);
    assert_eq!(get(&server, "/docs/file.txt").body_text(), "hello file\n");
    for outside in ["/api/hello", "/file.txt", "/docsapi/hello"] {
        let response = get(&server, outside);
        assert_eq!(response.status, 404, "{outside}");
        // send-payload.ts sendRenderResult: the rendered 404 page carries X-Powered-By.
        assert_eq!(response.header("x-powered-by"), Some("Next.js"));
    }
    // load-custom-routes.ts loadRedirects: `${basePath}/` → basePath (308, basePath: false).
    let response = get(&server, "/docs/");
    assert_eq!(response.status, 308);
    assert_eq!(response.header("location"), Some("/docs"));
    assert_eq!(response.header("refresh"), Some("0;url=/docs"));
    // ... and `/:path+/` → `/:path+`, the query kept.
    let response = get(&server, "/docs/api/hello/?a=1");
    assert_eq!(response.status, 308);
    assert_eq!(response.header("location"), Some("/docs/api/hello?a=1"));
    // loadCustomRoutes adds `/:path+/` after processRoutes: no basePath, so it also
    // redirects outside basePath (and the target is a 404).
    let response = get(&server, "/other/");
    assert_eq!(
        (response.status, response.header("location")),
        (308, Some("/other"))
    );
    assert_eq!(get(&server, "/other").status, 404);
    // API answers carry no X-Powered-By (api-resolver never sets it).
    assert_eq!(get(&server, "/docs/api/hello").header("x-powered-by"), None);
    // The App Router handler sees the full URL; `nextUrl` has basePath taken off its
    // pathname (next-url.ts NextURL, getNextPathnameInfo).
    let body = json(&get(&server, "/docs/api/query/9"));
    let origin = format!("http://localhost:{}", server.port);
    assert_eq!(body["url"], format!("{origin}/docs/api/handler?id=9"));
    assert_eq!(body["pathname"], "/api/handler");
    // Middleware runs under basePath only, its matcher without basePath.
    let body = json(&get(&server, "/docs/api/mw/x"));
    assert_eq!(body["pathname"], "/api/mw/x");
    assert_eq!(body["basePath"], "/docs");
    assert_eq!(body["href"], format!("{origin}/docs/api/mw/x"));
    assert_eq!(body["url"], format!("{origin}/docs/api/mw/x"));
    assert_eq!(get(&server, "/api/mw/x").status, 404);
}

#[test]
fn headers_follow_next_order_and_params() {
    let server = Server::start(&fixture());
    // resolve-routes.ts: every matching header route applies, a later value of a key
    // replaces an earlier one (`resHeaders[key] = value`), params through compileNonPath.
    let response = get(&server, "/docs/api/hello");
    assert_eq!(response.header_all("x-config"), vec!["second-hello"]);
    assert_eq!(response.header("x-tag"), None);
    // matchHas: a named group of a `has` value regex becomes a param.
    let response = get(&server, "/docs/api/hello?tag=abc");
    assert_eq!(response.header("x-tag"), Some("abc"));
    // `basePath: false` matches outside basePath, even on the 404.
    let response = get(&server, "/outside");
    assert_eq!(
        (response.status, response.header("x-outside")),
        (404, Some("1"))
    );
    // Headers are set before the handler runs: the handler's own value wins.
    assert_eq!(
        get(&server, "/docs/api/own").header_all("x-own"),
        vec!["from-handler"]
    );
    // Header routes apply to redirects too (they run first).
    let response = get(&server, "/docs/api/hello/");
    assert_eq!(
        (response.status, response.header("x-config")),
        (308, Some("second-hello"))
    );
}

#[test]
fn redirects_as_next() {
    let server = Server::start(&fixture());
    // getRedirectStatus: permanent false → 307; prepareDestination merges the request's
    // query (encodeURIComponent, stringifyQuery) before the destination's.
    let response = get(&server, "/docs/old/x?a=1%202");
    assert_eq!(response.status, 307);
    assert_eq!(
        response.header("location"),
        Some("/docs/api/hello?a=1%202&from=x")
    );
    assert_eq!(response.header("refresh"), None);
    assert_eq!(response.body_text(), "/docs/api/hello?a=1%202&from=x");
    // permanent true → 308 with Refresh (router-server.ts); `:path*` repeats.
    let response = get(&server, "/docs/gone/a/b");
    assert_eq!(response.status, 308);
    assert_eq!(response.header("location"), Some("/docs/api/items/a/b"));
    assert_eq!(
        response.header("refresh"),
        Some("0;url=/docs/api/items/a/b")
    );
    // statusCode wins; an external destination gets no basePath (processRoutes).
    let response = get(&server, "/docs/code");
    assert_eq!(response.status, 301);
    assert_eq!(response.header("location"), Some("https://example.com/x"));
    // Sources match case-insensitively with one optional trailing slash
    // (getPathMatch sensitive: false, modifyRouteRegex).
    assert_eq!(get(&server, "/docs/OLD/x").status, 307);
    // `has` header present / absent.
    assert_eq!(get(&server, "/docs/by-header").status, 404);
    let response = get_with(&server, "/docs/by-header", &[("x-go", "1")]);
    assert_eq!(
        (response.status, response.header("location")),
        (307, Some("/docs/api/hello"))
    );
}

#[test]
fn rewrites_in_next_order() {
    let server = Server::start(&fixture());
    // beforeFiles: applied before the filesystem, destination query merged.
    let body = json(&get(&server, "/docs/api/before"));
    assert_eq!(body["url"], "/docs/api/hello?before=1");
    assert_eq!(body["query"]["before"], "1");
    // afterFiles come before dynamic routes: /api/items/special beats /api/items/[id].
    let body = json(&get(&server, "/docs/api/items/special"));
    assert_eq!(body["url"], "/docs/api/hello");
    // Params used in the destination path are substituted...
    let body = json(&get(&server, "/docs/api/item/5"));
    assert_eq!(
        (body["id"].as_str(), body["url"].as_str()),
        (Some("5"), Some("/docs/api/items/5"))
    );
    // ...and otherwise appended to the query (prepareDestination appendParamsToQuery).
    let body = json(&get(&server, "/docs/api/query/9"));
    assert_eq!(body["search"], "?id=9");
    // fallback: only when no route matched, a repeated param as repeated keys.
    let body = json(&get(&server, "/docs/api/nothing/here"));
    assert_eq!(body["search"], "?rest=nothing&rest=here");
    // A real route is not rewritten by the fallback.
    assert_eq!(json(&get(&server, "/docs/api/items/7"))["id"], "7");
}

#[test]
fn ts_object_config_with_trailing_slash_and_no_compression() {
    let project = write_project(&[
        (
            "next.config.ts",
            r#"import type { NextConfig } from "next";
const config: NextConfig = {
  trailingSlash: true,
  compress: false,
  poweredByHeader: false,
  env: { FROM_CONFIG: "ts" },
  headers: async () => [{ source: "/api/:path*", headers: [{ key: "x-ts", value: "yes" }] }],
};
export default config;
"#,
        ),
        ("pages/api/hello.ts", HELLO),
        ("public/robots.txt", "User-agent: *\n"),
    ]);
    let server = Server::start(project.path());
    // loadRedirects with trailingSlash: `/:notfile` → `/:notfile/` (308).
    let response = get(&server, "/api/hello?x=1");
    assert_eq!(response.status, 308);
    assert_eq!(response.header("location"), Some("/api/hello/?x=1"));
    assert_eq!(response.header("x-ts"), Some("yes"));
    let response = get_with(&server, "/api/hello/", &[("accept-encoding", "gzip")]);
    assert_eq!(response.status, 200);
    let body = json(&response);
    assert_eq!(body["url"], "/api/hello/");
    assert_eq!(body["env"], "ts");
    // compress: false: no compression middleware, so no gzip and no Vary.
    assert_eq!(response.header("content-encoding"), None);
    assert_eq!(response.header("vary"), None);
    // A file path is not given a slash (the `\.\w+` exclusion); `/x.txt/` loses it.
    assert_eq!(get(&server, "/robots.txt").status, 200);
    let response = get(&server, "/robots.txt/");
    assert_eq!(
        (response.status, response.header("location")),
        (308, Some("/robots.txt"))
    );
    // poweredByHeader: false.
    let response = get(&server, "/missing/");
    assert_eq!(
        (response.status, response.header("x-powered-by")),
        (404, None)
    );
}

#[test]
fn commonjs_function_config_gets_the_phase() {
    let project = write_project(&[
        (
            "next.config.js",
            "module.exports = (phase, { defaultConfig }) => ({ env: { FROM_CONFIG: phase + ':' + defaultConfig.poweredByHeader } });\n",
        ),
        ("pages/api/hello.js", HELLO),
    ]);
    let server = Server::start(project.path());
    let body = json(&get(&server, "/api/hello"));
    assert_eq!(body["env"], "phase-production-server:true");
    // Without basePath/trailingSlash settings, Next's default slash redirect stays.
    assert_eq!(
        get(&server, "/api/hello/").header("location"),
        Some("/api/hello")
    );
}

fn start_fails(dir: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("start")
        .arg(dir)
        .args(["--port", "0", "--hostname", "127.0.0.1"])
        .output()
        .unwrap();
    assert!(!output.status.success(), "start should fail");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_config_that_throws_stops_start_up_naming_the_file() {
    let project = write_project(&[
        (
            "next.config.mjs",
            "throw new Error('boom from config');\nexport default {};\n",
        ),
        ("pages/api/hello.js", HELLO),
    ]);
    let stderr = start_fails(project.path());
    assert!(stderr.contains("next.config.mjs"), "{stderr}");
    assert!(stderr.contains("boom from config"), "{stderr}");
    let project = write_project(&[
        (
            "next.config.mjs",
            "export default async () => ({ async redirects() { throw new Error('bad redirects'); } });\n",
        ),
        ("pages/api/hello.js", HELLO),
    ]);
    let stderr = start_fails(project.path());
    assert!(
        stderr.contains("next.config.mjs") && stderr.contains("bad redirects"),
        "{stderr}"
    );
    // An invalid rule is refused as load-custom-routes.ts checkCustomRoutes refuses it.
    let project = write_project(&[
        (
            "next.config.mjs",
            "export default { redirects: async () => [{ source: 'no-slash', destination: '/', permanent: true }] };\n",
        ),
        ("pages/api/hello.js", HELLO),
    ]);
    let stderr = start_fails(project.path());
    assert!(stderr.contains("does not start with /"), "{stderr}");
    // `build` evaluates it too (phase-production-build) and fails the same way.
    let project = write_project(&[
        (
            "next.config.mjs",
            "export default (phase) => { throw new Error('no build in ' + phase); };\n",
        ),
        ("pages/api/hello.js", HELLO),
    ]);
    let output = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("build")
        .arg(project.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("no build in phase-production-build"),
        "{stderr}"
    );
}

#[test]
fn unknown_keys_are_one_warning() {
    let server = Server::start(&fixture());
    let _ = get(&server, "/docs/api/hello");
    let output = server.output();
    assert!(
        output.contains("unrecognized key(s): 'someUnknownKey'"),
        "{output}"
    );
    assert!(
        output.contains("'i18n' known to Next but not implemented"),
        "{output}"
    );
    assert!(!output.contains("reactStrictMode"), "{output}");
}

#[test]
fn external_rewrite_is_proxied() {
    let upstream = write_project(&[(
        "pages/api/echo.js",
        r#"export const config = { api: { bodyParser: false } };
export default async function handler(req, res) {
  let body = "";
  for await (const chunk of req) body += chunk;
  res.statusCode = 201;
  res.setHeader("x-upstream", "1");
  res.json({ method: req.method, url: req.url, host: req.headers.host,
             forwardedHost: req.headers["x-forwarded-host"] ?? null, body });
}
"#,
    )]);
    let upstream = Server::start(upstream.path());
    let origin = format!("http://127.0.0.1:{}", upstream.port);
    let server = Server::start_with_env(&fixture(), &[], &[("UPSTREAM", origin.as_str())]);
    // proxy-request.ts: changeOrigin (Host is the upstream's), the path and query of the
    // destination (ignorePath), the request body and the answer's status/headers as sent.
    let response = server.send("POST", "/docs/proxy/echo?x=1", &[], Some(b"hello"), TIMEOUT);
    assert_eq!(response.status, 201, "{}", response.body_text());
    assert_eq!(response.header("x-upstream"), Some("1"));
    let body = json(&response);
    assert_eq!(body["method"], "POST");
    assert_eq!(body["url"], "/api/echo?x=1");
    assert_eq!(body["host"], format!("127.0.0.1:{}", upstream.port));
    assert_eq!(body["forwardedHost"], format!("127.0.0.1:{}", server.port));
    assert_eq!(body["body"], "hello");
    drop(upstream);
    // An upstream that is gone: 500, as Next when http-proxy errors.
    assert_eq!(get(&server, "/docs/proxy/echo").status, 500);
}
