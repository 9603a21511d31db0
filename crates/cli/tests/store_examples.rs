//! The users/posts CRUD examples on the built-in store (`examples/store-pages`, pages API
//! routes; `examples/store-route-handlers`, App Router route handlers in TypeScript), run
//! by the real binary on the embedded default (SQLite in `.apiroutes/data.db`) over a
//! real socket: the same HTTP contract for both, data surviving a `kill -9` and restart,
//! and the shipped `apiroutes-env.d.ts` type-checking the TypeScript version with `tsc`
//! (from `tests/fixtures/typecheck`'s lockfile; skipped without npm).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use support::Server;

fn repo_dir(relative: &str) -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

/// A copy of an example in a temporary directory, so each test has its own database.
fn copy_of_example(name: &str) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temporary directory");
    support::copy_tree(&repo_dir(&format!("examples/{name}")), temp.path());
    temp
}

/// The contract both examples implement, checked end to end.
fn exercise_crud(server: &Server) {
    let (status, ada) = server.json_request(
        "POST",
        "/api/users",
        Some(json!({ "name": " Ada ", "email": "ada@example.com" })),
    );
    assert_eq!(status, 201, "{ada}");
    assert_eq!(ada["name"], "Ada");
    let ada_id = ada["id"].as_i64().expect("id is a number");
    assert!(
        ada["created_at"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z')),
        "{ada}"
    );

    let (status, duplicate) = server.json_request(
        "POST",
        "/api/users",
        Some(json!({ "name": "Other", "email": "ada@example.com" })),
    );
    assert_eq!(status, 409, "{duplicate}");
    let (status, _) = server.json_request("POST", "/api/users", Some(json!({ "name": "" })));
    assert_eq!(status, 400);

    // A value that looks like SQL stays data.
    let injection = "x'); DROP TABLE users; --";
    let (status, bob) = server.json_request(
        "POST",
        "/api/users",
        Some(json!({ "name": injection, "email": "bob@example.com" })),
    );
    assert_eq!(status, 201, "{bob}");
    assert_eq!(bob["name"], injection);

    let (status, post) = server.json_request(
        "POST",
        "/api/posts",
        Some(json!({ "userId": ada_id, "title": "Hello", "body": "first" })),
    );
    assert_eq!(status, 201, "{post}");
    let post_id = post["id"].as_i64().expect("post id");
    let (status, _) = server.json_request(
        "POST",
        "/api/posts",
        Some(json!({ "userId": 999, "title": "Nobody's" })),
    );
    assert_eq!(status, 404, "a post for a missing user is refused");

    let (status, posts) = server.json_request("GET", &format!("/api/posts?user={ada_id}"), None);
    assert_eq!(status, 200);
    assert_eq!(
        posts,
        json!([{ "id": post_id, "title": "Hello", "body": "first", "created_at": post["created_at"], "author": "Ada" }])
    );

    let (status, user) = server.json_request("GET", &format!("/api/users/{ada_id}"), None);
    assert_eq!(status, 200);
    assert_eq!(user["posts"][0]["title"], "Hello");
    let (status, _) = server.json_request("GET", "/api/users/abc", None);
    assert_eq!(status, 404);

    let (status, renamed) = server.json_request(
        "PATCH",
        &format!("/api/users/{ada_id}"),
        Some(json!({ "name": "Ada L." })),
    );
    assert_eq!(status, 200, "{renamed}");
    assert_eq!(renamed["name"], "Ada L.");
    assert_eq!(renamed["email"], "ada@example.com");
    let (status, _) = server.json_request(
        "PATCH",
        &format!("/api/users/{ada_id}"),
        Some(json!({ "email": "bob@example.com" })),
    );
    assert_eq!(status, 409, "an email taken by another user");
    let (status, _) = server.json_request("PUT", &format!("/api/users/{ada_id}"), None);
    assert_eq!(status, 405);

    let (status, _) = server.json_request("DELETE", &format!("/api/users/{ada_id}"), None);
    assert_eq!(status, 204);
    let (status, _) = server.json_request("GET", &format!("/api/posts/{post_id}"), None);
    assert_eq!(status, 404, "deleting a user deletes its posts");
    let (status, users) = server.json_request("GET", "/api/users", None);
    assert_eq!(status, 200);
    assert_eq!(users.as_array().map(Vec::len), Some(1), "{users}");
}

#[test]
fn pages_example_serves_users_and_posts_from_the_store() {
    let project = copy_of_example("store-pages");
    let server = Server::start(project.path());
    exercise_crud(&server);
    assert!(project.path().join(".apiroutes/data.db").is_file());
}

#[test]
fn route_handler_example_serves_the_same_api_in_typescript() {
    let project = copy_of_example("store-route-handlers");
    let server = Server::start(project.path());
    exercise_crud(&server);
}

#[test]
fn acknowledged_writes_survive_kill_and_restart() {
    let project = copy_of_example("store-pages");
    let server = Server::start(project.path());
    let mut ids = Vec::new();
    for n in 0..20 {
        let (status, user) = server.json_request(
            "POST",
            "/api/users",
            Some(json!({ "name": format!("user {n}"), "email": format!("u{n}@example.com") })),
        );
        assert_eq!(status, 201, "{user}");
        ids.push(user["id"].clone());
    }
    drop(server); // SIGKILL: no shutdown code runs

    let server = Server::start(project.path());
    let (status, users) = server.json_request("GET", "/api/users", None);
    assert_eq!(status, 200);
    let kept: Vec<Value> = users
        .as_array()
        .expect("a list")
        .iter()
        .map(|user| user["id"].clone())
        .collect();
    assert_eq!(
        kept, ids,
        "every acknowledged insert is there after the restart"
    );
    assert!(
        !server.output().contains("applied migrations"),
        "migrations are not applied twice: {}",
        server.output()
    );
}

#[test]
fn shipped_declarations_type_check_the_typescript_example() {
    let Some(typescript) = support::npm::install(&repo_dir("tests/fixtures/typecheck")) else {
        println!("skipping: npm not available");
        return;
    };
    let tsc = typescript.join("node_modules/typescript/bin/tsc");
    let project = copy_of_example("store-route-handlers");
    let declarations = project.path().join("apiroutes-env.d.ts");
    assert!(
        !declarations.exists(),
        "the example does not commit the generated file"
    );

    let build = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("build")
        .arg(project.path())
        .output()
        .expect("run apiroutes build");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let written = std::fs::read_to_string(&declarations).expect("build writes apiroutes-env.d.ts");
    assert!(
        written.contains("declare module 'apiroutes/sql'"),
        "{written}"
    );

    let check = |dir: &Path| {
        Command::new("node")
            .arg(&tsc)
            .args(["-p", "."])
            .current_dir(dir)
            .output()
            .expect("run tsc")
    };
    let clean = check(project.path());
    assert!(
        clean.status.success(),
        "tsc: {}{}",
        String::from_utf8_lossy(&clean.stdout),
        String::from_utf8_lossy(&clean.stderr)
    );

    // The types are real: a row's column of the wrong type and an unknown method fail.
    std::fs::write(
        project.path().join("lib/wrong.ts"),
        "import { sql } from 'apiroutes/sql'\nimport type { User } from './store'\n\
         export async function f() {\n  const [user] = await sql<User[]>`SELECT * FROM users`\n\
         const id: string = user.id\n  await sql.query('x')\n  return id\n}\n",
    )
    .expect("write");
    let wrong = check(project.path());
    let report = String::from_utf8_lossy(&wrong.stdout);
    assert!(!wrong.status.success(), "tsc accepted wrong types");
    assert!(
        report.contains("lib/wrong.ts(5,")
            && report.contains("error TS2322: Type 'number' is not assignable to type 'string'"),
        "{report}"
    );
    assert!(
        report.contains("Property 'query' does not exist on type 'Sql'"),
        "{report}"
    );
}
