//! The platform suite: `tests/platform/<module>/*.mjs`, each run by `apiroutes run FILE`.
//!
//! Every file uses `tests/platform/harness.mjs` and prints one `ok - NAME` or
//! `not ok - NAME: ...` line per case (the same files pass under `node FILE`, which is how
//! their expectations were checked against Node 20). The pass counts per module and the
//! failing case names are compared with the committed `tests/platform/snapshot.txt`, so
//! every regression and every improvement shows in a diff.
//!
//! - `UPDATE_PLATFORM_SNAPSHOT=1`: rewrite the snapshot instead of comparing.
//! - `PLATFORM_ONLY=events,path`: run only these modules; every case must pass then.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn suite_dir() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/platform")
}

/// What one module's files gave.
#[derive(Default)]
struct ModuleResult {
    passed: usize,
    failed: Vec<String>,
}

/// Runs one test file; a crash, a time-out or a missing summary line is one failed case
/// named after the file, with what the process printed.
fn run_file(file: &Path, result: &mut ModuleResult) {
    let name = file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_apiroutes"))
        .arg("run")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn apiroutes run");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = child.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut summary = false;
    for line in stdout.lines() {
        if line.starts_with("ok - ") {
            result.passed += 1;
        } else if let Some(case) = line.strip_prefix("not ok - ") {
            let case_name = case.split(": ").next().unwrap_or(case);
            result.failed.push(format!("{name}: {case_name}"));
        } else if line.starts_with("# passed ") {
            summary = true;
        }
    }
    if !summary {
        let how = match status {
            None => "timed out after 60 s".to_string(),
            Some(status) => format!("ended with {status} before its summary"),
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("").to_string();
        result.failed.push(format!("{name}: (file) {how}: {first}"));
    }
}

fn snapshot_text(results: &BTreeMap<String, ModuleResult>) -> String {
    let passed: usize = results.values().map(|r| r.passed).sum();
    let failed: usize = results.values().map(|r| r.failed.len()).sum();
    let mut text = format!("passed: {passed} / total: {}\n\n", passed + failed);
    for (module, result) in results {
        text.push_str(&format!(
            "{module}: {} / {}\n",
            result.passed,
            result.passed + result.failed.len()
        ));
    }
    let failing: Vec<&String> = results.values().flat_map(|r| r.failed.iter()).collect();
    if !failing.is_empty() {
        text.push_str("\nfailing:\n");
        for case in failing {
            text.push_str(&format!("{case}\n"));
        }
    }
    text
}

#[test]
fn platform_suite_matches_snapshot() {
    let dir = suite_dir();
    let only: Option<Vec<String>> = std::env::var("PLATFORM_ONLY")
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| v.split(',').map(str::to_string).collect());
    let mut modules: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/platform")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_dir())
        .collect();
    modules.sort();
    let mut results = BTreeMap::new();
    for module_dir in modules {
        let module = module_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        if only.as_ref().is_some_and(|only| !only.contains(&module)) {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&module_dir)
            .expect("module folder")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| ext == "mjs" || ext == "js")
            })
            .collect();
        files.sort();
        let mut result = ModuleResult::default();
        for file in files {
            run_file(&file, &mut result);
        }
        results.insert(module, result);
    }
    let computed = snapshot_text(&results);
    if only.is_some() {
        let failing: Vec<&String> = results.values().flat_map(|r| r.failed.iter()).collect();
        assert!(failing.is_empty(), "failing cases:\n{computed}");
        return;
    }
    let path = dir.join("snapshot.txt");
    if std::env::var("UPDATE_PLATFORM_SNAPSHOT").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &computed).expect("write snapshot");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, computed,
        "platform snapshot differs (rerun with UPDATE_PLATFORM_SNAPSHOT=1 and commit \
         tests/platform/snapshot.txt if the change is intended)"
    );
}
