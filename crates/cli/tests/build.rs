//! `apiroutes build`: output written with a manifest, used by `start` when fresh, refused
//! (with one line saying why) when a source changed, and every compile error reported
//! with file and line.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::{raw_request, Server};

/// A scratch project copied from nothing: a TS route importing a CommonJS helper and JSON.
fn scratch_project(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apiroutes-build-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages/api")).expect("create project");
    std::fs::create_dir_all(dir.join("lib")).expect("create lib");
    std::fs::write(
        dir.join("pages/api/hello.ts"),
        "import type { NextApiRequest, NextApiResponse } from 'next'\n\
         import { greet } from '../../lib/greet'\n\
         import data from '../../lib/data.json'\n\
         enum Mood { Happy = 'happy' }\n\
         export default function handler(req: NextApiRequest, res: NextApiResponse) {\n\
           res.status(200).json({ message: greet('build'), mood: Mood.Happy, answer: data.answer })\n\
         }\n",
    )
    .expect("write route");
    std::fs::write(
        dir.join("lib/greet.js"),
        "exports.greet = (name) => `hello ${name}`\n",
    )
    .expect("write lib");
    std::fs::write(dir.join("lib/data.json"), "{\"answer\": 42}\n").expect("write json");
    std::fs::create_dir_all(dir.join("app/api/greeting")).expect("create app route dir");
    std::fs::write(
        dir.join("app/api/greeting/route.ts"),
        "export async function GET() { return Response.json({ hi: true }) }\n\
         export const POST = async (request: Request) => new Response(await request.text())\n",
    )
    .expect("write app route");
    dir
}

fn apiroutes(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .args(args)
        .arg(dir)
        .output()
        .expect("run apiroutes")
}

fn get(server: &Server, path: &str) -> support::RawResponse {
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    raw_request(server.addr(), request.as_bytes(), Duration::from_secs(10))
}

#[test]
fn build_writes_output_that_start_uses_until_a_source_changes() {
    let dir = scratch_project("fresh");
    let output = apiroutes(&["build"], &dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "build failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("/api/hello"),
        "route table lists the route: {stdout}"
    );
    let row = stdout
        .lines()
        .find(|line| line.starts_with("/api/hello"))
        .unwrap_or_default();
    assert!(
        row.contains("pages/api") && row.contains("any"),
        "kind and methods: {row}"
    );
    let app_row = stdout
        .lines()
        .find(|line| line.starts_with("/api/greeting"))
        .unwrap_or_default();
    assert!(
        app_row.contains("app route") && app_row.contains("GET,HEAD,POST,OPTIONS"),
        "app route methods: {app_row}"
    );
    assert!(
        dir.join(".apiroutes/manifest.json").is_file(),
        "manifest written"
    );
    let manifest = std::fs::read_to_string(dir.join(".apiroutes/manifest.json")).expect("manifest");
    assert!(
        manifest.contains("greet.js") && manifest.contains("data.json"),
        "imports are part of the build: {manifest}"
    );

    let server = Server::start_with_args(&dir, &["--workers", "1"]);
    let response = get(&server, "/api/hello");
    assert_eq!(response.status, 200);
    assert_eq!(
        response.body_text(),
        r#"{"message":"hello build","mood":"happy","answer":42}"#
    );
    assert!(
        server.output().contains("using the build"),
        "start says it uses the build: {}",
        server.output()
    );
    drop(server);

    // A changed import makes the whole output stale: start compiles from the sources.
    std::fs::write(
        dir.join("lib/greet.js"),
        "exports.greet = (name) => `hi ${name}`\n",
    )
    .expect("edit lib");
    let server = Server::start_with_args(&dir, &["--workers", "1"]);
    let response = get(&server, "/api/hello");
    assert_eq!(
        response.body_text(),
        r#"{"message":"hi build","mood":"happy","answer":42}"#
    );
    let log = server.output();
    assert!(
        log.contains("not using the build") && log.contains("greet.js changed"),
        "stale output is refused in one line: {log}"
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn build_reports_every_compile_error_with_file_and_line() {
    let dir = scratch_project("errors");
    std::fs::write(
        dir.join("pages/api/broken.js"),
        "export default function handler(req, res) {\n  res.json({ a: 1 }\n}\n",
    )
    .expect("write broken");
    std::fs::write(
        dir.join("pages/api/also-broken.ts"),
        "const x: number = ;\nexport default x\n",
    )
    .expect("write broken ts");
    let output = apiroutes(&["build"], &dir);
    assert!(!output.status.success(), "a broken project fails the build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.js:3:"),
        "names file and line of the first error: {stderr}"
    );
    assert!(
        stderr.contains("also-broken.ts:1:"),
        "reports the second file's error too: {stderr}"
    );
    assert!(
        !dir.join(".apiroutes/manifest.json").exists(),
        "no output that start could use"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Replaces every occurrence of `from` by `to` (same length) in the files of `dir`;
/// returns how many files changed.
fn patch_bytes(dir: &Path, from: &[u8], to: &[u8]) -> usize {
    assert_eq!(from.len(), to.len(), "a patch keeps the bytecode's layout");
    let mut changed = 0;
    for entry in std::fs::read_dir(dir).expect("read modules") {
        let path = entry.expect("entry").path();
        let mut bytes = std::fs::read(&path).expect("read artifact");
        let mut found = false;
        let mut at = 0;
        while let Some(offset) = bytes[at..].windows(from.len()).position(|w| w == from) {
            let start = at + offset;
            bytes[start..start + to.len()].copy_from_slice(to);
            at = start + to.len();
            found = true;
        }
        if found {
            std::fs::write(&path, bytes).expect("write artifact");
            changed += 1;
        }
    }
    changed
}

#[test]
fn build_output_is_relocatable_to_another_directory() {
    let dir = scratch_project("relocate-from");
    std::fs::write(
        dir.join("lib/where.mjs"),
        "export const marker = 'bytecode-marker-A'\n\
         export function where() { return new Error('here').stack }\n",
    )
    .expect("write esm lib");
    std::fs::write(
        dir.join("pages/api/where.ts"),
        "import { marker, where } from '../../lib/where.mjs'\n\
         import { greet } from '../../lib/greet'\n\
         export default function handler(req: any, res: any) {\n\
           res.json({ marker, stack: where(), url: import.meta.url, greeting: greet('moved') })\n\
         }\n",
    )
    .expect("write route");
    let output = apiroutes(&["build"], &dir);
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let old = dir.to_string_lossy().into_owned();
    let manifest = std::fs::read_to_string(dir.join(".apiroutes/manifest.json")).expect("manifest");
    assert!(
        !manifest.contains(&old) && manifest.contains("pages/api/where.ts"),
        "the manifest names files relative to the project: {manifest}"
    );
    // The old directory's path is nowhere in the output, bytecode included.
    assert_eq!(
        patch_bytes(
            &dir.join(".apiroutes/modules"),
            old.as_bytes(),
            old.as_bytes()
        ),
        0,
        "no artifact holds the build directory's path"
    );
    // Proof that start runs the bytecode and does not recompile: the literal is changed
    // in the bytecode only (the source, whose hash is checked, still says A).
    assert!(
        patch_bytes(
            &dir.join(".apiroutes/modules"),
            b"bytecode-marker-A",
            b"bytecode-marker-B"
        ) >= 1,
        "the literal is in the bytecode"
    );

    let moved = std::env::temp_dir().join(format!(
        "apiroutes-build-relocated-to-{}/deeper/project",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(moved.parent().and_then(Path::parent).expect("parent"));
    std::fs::create_dir_all(moved.parent().expect("parent")).expect("create target");
    std::fs::rename(&dir, &moved).expect("move the project");
    let server = Server::start_with_args(&moved, &["--workers", "1"]);
    let response = get(&server, "/api/where");
    assert_eq!(response.status, 200, "{}", response.body_text());
    let body: serde_json::Value = serde_json::from_str(&response.body_text()).expect("json");
    assert_eq!(
        body["marker"], "bytecode-marker-B",
        "served from the bytecode"
    );
    assert_eq!(body["greeting"], "hello moved");
    let new = moved.to_string_lossy().into_owned();
    let stack = body["stack"].as_str().unwrap_or_default();
    assert!(
        stack.contains(&format!("{new}/lib/where.mjs")) && !stack.contains(&old),
        "stack frames name the files where they are now: {stack}"
    );
    assert_eq!(
        body["url"],
        format!("file://{new}/pages/api/where.ts"),
        "import.meta.url"
    );
    let log = server.output();
    assert!(
        log.contains("using the build in .apiroutes") && !log.contains("not using"),
        "start uses the moved build: {log}"
    );
    drop(server);
    let _ = std::fs::remove_dir_all(moved.parent().and_then(Path::parent).expect("parent"));
}
