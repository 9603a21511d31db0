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
