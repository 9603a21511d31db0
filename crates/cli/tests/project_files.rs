//! The project files Next reads, through the real binary: `.env*` by mode with Next's
//! precedence and expansion, `NODE_ENV` per command, and `DATABASE_URL` from `.env`.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};
use support::Server;

const ENV_ROUTE: &str = "export default (req, res) => res.json({\n\
     secret: process.env.SECRET ?? null,\n\
     greeting: process.env.GREETING ?? null,\n\
     literal: process.env.LITERAL ?? null,\n\
     mode: process.env.MODE_FILE ?? null,\n\
     nodeEnv: process.env.NODE_ENV ?? null,\n\
     real: process.env.REAL_ONE ?? null,\n\
   })\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("pages/api");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::write(api.join("env.js"), ENV_ROUTE).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        ".env",
        "# defaults\nSECRET=from-env\nGREETING=\"hello ${SECRET}\"\nLITERAL=\\$SECRET\nREAL_ONE=file\nMODE_FILE=none\n",
    );
    write(".env.local", "SECRET=from-local\n");
    write(".env.production", "MODE_FILE=production\n");
    write(".env.development", "MODE_FILE=development\n");
    write(".env.test", "MODE_FILE=test\n");
    dir
}

fn env_of(server: &Server) -> Value {
    let response = server.send("GET", "/api/env", &[], None, Duration::from_secs(10));
    assert_eq!(response.status, 200, "{}", response.body_text());
    serde_json::from_str(&response.body_text()).unwrap()
}

#[test]
fn start_loads_env_files_by_priority_and_the_real_environment_wins() {
    let dir = project();
    let server = Server::start_with_env(dir.path(), &[], &[("REAL_ONE", "real")]);
    assert_eq!(
        env_of(&server),
        json!({
            "secret": "from-local",
            "greeting": "hello from-local",
            "literal": "$SECRET",
            "mode": "production",
            "nodeEnv": "production",
            "real": "real",
        })
    );
    assert!(
        server
            .output()
            .contains("environments: .env.local, .env.production, .env"),
        "{}",
        server.output()
    );
}

#[test]
fn node_env_test_skips_env_local() {
    let dir = project();
    let server = Server::start_with_env(dir.path(), &[], &[("NODE_ENV", "test")]);
    let env = env_of(&server);
    assert_eq!(env["secret"], "from-env");
    assert_eq!(env["mode"], "test");
    assert_eq!(env["nodeEnv"], "test");
}

#[test]
fn dev_uses_development_files() {
    let dir = project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("dev")
        .arg(dir.path())
        .args(["--port", "0", "--hostname", "127.0.0.1"])
        .env_remove("NODE_ENV")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let port = read_port(child.stdout.take().unwrap());
    let response = support::raw_request(
        std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        b"GET /api/env HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(10),
    );
    let _ = child.kill();
    let _ = child.wait();
    let env: Value = serde_json::from_str(&response.body_text()).unwrap();
    assert_eq!(env["mode"], "development");
    assert_eq!(env["nodeEnv"], "development");
}

/// The port from the start-up line (`... ready on http://127.0.0.1:PORT (...)`).
fn read_port(stdout: std::process::ChildStdout) -> u16 {
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let after = line.split("127.0.0.1:").nth(1).expect(&line);
    after
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn database_url_may_come_from_dot_env() {
    let dir = project();
    std::fs::write(
        dir.path().join(".env.local"),
        "DATABASE_URL=sqlite:from-dotenv.db\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    std::fs::write(
        dir.path().join("migrations/001.sql"),
        "CREATE TABLE t (x);\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("migrate")
        .arg(dir.path())
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(Path::new(&dir.path().join("from-dotenv.db")).is_file());
}

/// A project with routes and a `public/` folder.
fn project_with_public() -> tempfile::TempDir {
    let dir = project();
    let public = dir.path().join("public");
    std::fs::create_dir_all(public.join("sub")).unwrap();
    std::fs::create_dir_all(public.join(".well-known")).unwrap();
    std::fs::create_dir_all(public.join(".git")).unwrap();
    std::fs::write(public.join("hello.txt"), "hello, public\n").unwrap();
    std::fs::write(public.join("sub/data.json"), "{\"ok\":true}").unwrap();
    std::fs::write(
        public.join("logo.png"),
        [0x89, b'P', b'N', b'G', 0, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(public.join(".env"), "SECRET=leak\n").unwrap();
    std::fs::write(public.join(".git/config"), "[core]\n").unwrap();
    std::fs::write(public.join(".well-known/security.txt"), "Contact: x\n").unwrap();
    std::fs::write(public.join("with space.txt"), "spaced").unwrap();
    dir
}

fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> support::RawResponse {
    server.send("GET", path, headers, None, Duration::from_secs(10))
}

#[test]
fn public_files_are_served_as_next_start_serves_them() {
    let dir = project_with_public();
    let server = Server::start(dir.path());
    assert!(
        server.output().contains("serving 5 files from public/"),
        "{}",
        server.output()
    );

    let hello = get(&server, "/hello.txt", &[]);
    assert_eq!(hello.status, 200);
    assert_eq!(hello.body_text(), "hello, public\n");
    assert_eq!(
        hello.header("content-type"),
        Some("text/plain; charset=UTF-8")
    );
    assert_eq!(hello.header("cache-control"), Some("public, max-age=0"));
    assert_eq!(hello.header("accept-ranges"), Some("bytes"));
    let etag = hello.header("etag").expect("an etag").to_string();
    assert!(etag.starts_with("W/\"e-"), "{etag}");
    let last_modified = hello
        .header("last-modified")
        .expect("last-modified")
        .to_string();

    assert_eq!(
        get(&server, "/hello.txt", &[("if-none-match", &etag)]).status,
        304
    );
    assert_eq!(
        get(
            &server,
            "/hello.txt",
            &[("if-modified-since", &last_modified)]
        )
        .status,
        304
    );

    let part = get(&server, "/hello.txt", &[("range", "bytes=0-4")]);
    assert_eq!(part.status, 206);
    assert_eq!(part.body_text(), "hello");
    assert_eq!(part.header("content-range"), Some("bytes 0-4/14"));
    let tail = get(&server, "/hello.txt", &[("range", "bytes=-7")]);
    assert_eq!(tail.body_text(), "public\n");
    let beyond = get(&server, "/hello.txt", &[("range", "bytes=100-")]);
    assert_eq!(beyond.status, 416);
    assert_eq!(beyond.header("content-range"), Some("bytes */14"));

    let head = server.send("HEAD", "/hello.txt", &[], None, Duration::from_secs(10));
    assert_eq!(
        (head.status, head.header("content-length")),
        (200, Some("14"))
    );
    assert!(head.body.is_empty());
    let post = server.send(
        "POST",
        "/hello.txt",
        &[],
        Some(b"x"),
        Duration::from_secs(10),
    );
    assert_eq!(
        (post.status, post.header("allow")),
        (405, Some("GET, HEAD"))
    );

    assert_eq!(
        get(&server, "/sub/data.json", &[]).header("content-type"),
        Some("application/json; charset=UTF-8")
    );
    assert_eq!(
        get(&server, "/logo.png", &[]).header("content-type"),
        Some("image/png")
    );
    assert_eq!(get(&server, "/with%20space.txt", &[]).body_text(), "spaced");
    assert_eq!(get(&server, "/.well-known/security.txt", &[]).status, 200);

    // Never: dotfiles, directories, anything outside public/.
    for path in [
        "/.env",
        "/.git/config",
        "/sub",
        "/sub/",
        "/../.env",
        "/%2e%2e/.env.local",
        "/public/hello.txt",
    ] {
        let status = get(&server, path, &[]).status;
        assert!(status == 404 || status == 308, "{path}: {status}");
        assert!(
            !get(&server, path, &[]).body_text().contains("SECRET"),
            "{path}"
        );
    }
    // The routes still answer.
    assert_eq!(get(&server, "/api/env", &[]).status, 200);
}
