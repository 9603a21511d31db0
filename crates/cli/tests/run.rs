//! `apiroutes run FILE [ARGS...]`: one script on the platform, with Node's process
//! semantics (argv, exit codes, uncaught errors, the event loop running until idle).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn script(dir: &Path, name: &str, source: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, source).expect("write script");
    path
}

fn run(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("run")
        .arg(file)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("apiroutes run")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apiroutes-run-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn argv_timers_and_exit_code() {
    let dir = temp_dir("argv");
    let file = script(
        &dir,
        "main.mjs",
        "import { setTimeout as sleep } from 'node:timers/promises'\n\
         console.log(JSON.stringify(process.argv.slice(2)))\n\
         await sleep(20)\n\
         const never = setTimeout(() => console.log('never'), 100000)\n\
         clearTimeout(never)\n\
         setTimeout(() => { console.log('timer'); process.exitCode = 3 }, 10)\n",
    );
    let started = std::time::Instant::now();
    let output = run(&file, &["a", "--flag", "-x"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout, "[\"a\",\"--flag\",\"-x\"]\ntimer\n");
    assert_eq!(output.status.code(), Some(3));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "a cleared timer kept the script alive"
    );
}

#[test]
fn commonjs_typescript_and_process_exit() {
    let dir = temp_dir("cjs");
    let cjs = script(
        &dir,
        "main.cjs",
        "const path = require('path'); console.log(path.join('a', 'b')); process.exit(7); console.log('after')",
    );
    let output = run(&cjs, &[]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "a/b\n");
    assert_eq!(output.status.code(), Some(7));

    let ts = script(
        &dir,
        "main.ts",
        "const n: number = 41\nexport {}\nconsole.log(n + 1)\n",
    );
    let output = run(&ts, &[]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "42\n");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn uncaught_exception_and_unhandled_rejection_exit_1_with_the_stack() {
    let dir = temp_dir("errors");
    let throws = script(
        &dir,
        "throws.mjs",
        "console.log('before')\nthrow new TypeError('bad thing')\n",
    );
    let output = run(&throws, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("TypeError: bad thing"), "{stderr}");
    assert!(
        stderr.contains("throws.mjs:2"),
        "the stack names the file and line: {stderr}"
    );

    let rejects = script(
        &dir,
        "rejects.mjs",
        "Promise.reject(new Error('nobody caught me'))\nconst handled = Promise.reject(new Error('caught'))\nhandled.catch(() => {})\n",
    );
    let output = run(&rejects, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("Error: nobody caught me"), "{stderr}");
    assert!(
        !stderr.lines().any(|line| line == "Error: caught"),
        "a rejection handled later is not reported: {stderr}"
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let output = run(Path::new("/nonexistent/script.mjs"), &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot find /nonexistent/script.mjs"),
        "{stderr}"
    );
}

#[test]
fn an_es_module_may_call_require_as_under_next() {
    let dir = temp_dir("esm-require");
    script(&dir, "helper.cjs", "module.exports = { answer: 42 };\n");
    let file = script(
        &dir,
        "main.ts",
        "import { join } from 'node:path'\n\
         const helper = require('./helper.cjs')\n\
         const { createHash } = require('node:crypto')\n\
         console.log(join('a', 'b'), helper.answer, typeof createHash)\n",
    );
    let output = run(&file, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "a/b 42 function\n");
}

/// A `pipeTo` whose source errors rejects the `pipeTo` promise only: once the caller
/// caught it, nothing is left unhandled (LLRT's pipe left one; `vendor/llrt_stream_web`).
#[test]
fn a_caught_pipe_to_of_a_failing_source_is_not_unhandled() {
    let dir = temp_dir("pipeto");
    let file = script(
        &dir,
        "main.mjs",
        "const source = new ReadableStream({ pull() { return Promise.reject(new TypeError('boom')) } })\n\
         try { await source.pipeTo(new WritableStream({ write() {} })) } catch (e) { console.log('caught', e.message) }\n\
         const other = new ReadableStream({ pull() { return Promise.reject(new TypeError('again')) } })\n\
         await other.pipeTo(new WritableStream({ write() {} }), { preventAbort: true }).catch((e) => console.log('caught', e.message))\n",
    );
    let output = run(&file, &[]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "caught boom\ncaught again\n"
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn typescript_stack_traces_point_at_the_source_lines() {
    let dir = temp_dir("ts-stack");
    script(
        &dir,
        "lib.ts",
        "// types above the throw move every line of the emitted code\n\
         export interface Options {\n\
         \x20 strict: boolean\n\
         }\n\
         type Name = string\n\
         \n\
         export function check(options: Options, name: Name): never {\n\
         \x20 throw new TypeError(`bad ${name} (${options.strict})`)\n\
         }\n",
    );
    let file = script(
        &dir,
        "main.ts",
        "import { check, type Options } from './lib.ts'\n\
         \n\
         const options: Options = { strict: true }\n\
         try {\n\
         \x20 check(options, 'x')\n\
         } catch (error) {\n\
         \x20 console.log((error as Error).stack)\n\
         }\n\
         enum Level { Low, High }\n\
         throw new Error('uncaught ' + Level.High)\n",
    );
    let output = run(&file, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // `error.stack` (what handlers and loggers read) and the uncaught report both map.
    assert!(stdout.contains("lib.ts:8:"), "{stdout}");
    assert!(stdout.contains("main.ts:5:"), "{stdout}");
    assert!(stderr.contains("main.ts:10:"), "{stderr}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn console_prints_what_node_prints() {
    // tests/fixtures/console: a script calling every console method and Node 20's output
    // for it, recorded with `node console.mjs`.
    let fixture = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("../../tests/fixtures/console");
    let output = run(&fixture.join("console.mjs"), &[]);
    assert_eq!(output.status.code(), Some(0));
    let expected =
        |name: &str| std::fs::read_to_string(fixture.join(name)).expect("read the recorded output");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        expected("expected.stdout")
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        expected("expected.stderr")
    );
}
