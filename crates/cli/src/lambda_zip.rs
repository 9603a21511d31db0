//! `apiroutes build --target lambda`: one zip for the `provided.al2023` runtime holding
//! `bootstrap` (this binary, which runs as `apiroutes lambda $LAMBDA_TASK_ROOT` under that
//! name), the build output and the project's files needed at run time.
//!
//! Left out: `.git` and other version-control folders, development output (`.next`,
//! `.turbo`, `.vercel`, caches, coverage), the SQLite database and anything else in
//! `.apiroutes/` except the build, development and test `.env` files, `node_modules/.bin`
//! and caches, and the packages the lockfile marks `dev` (or, without a lockfile, the
//! `devDependencies` named in `package.json`).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;

/// Names skipped wherever they appear.
const SKIPPED_ANYWHERE: &[&str] = &[".git", ".hg", ".svn", ".DS_Store"];

/// Top-level folders and files of the project that are never needed at run time.
const SKIPPED_AT_ROOT: &[&str] = &[
    ".next",
    ".turbo",
    ".vercel",
    ".cache",
    "coverage",
    "bootstrap",
    "function.zip",
];

/// What went into a zip.
pub struct Packaged {
    pub files: usize,
    pub bytes: u64,
}

/// Writes `output` for the (already built) project in `dir`.
pub fn package(dir: &Path, output: &Path) -> Result<Packaged> {
    let file = std::fs::File::create(output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let binary = std::env::current_exe().context("cannot find this binary")?;
    zip.start_file("bootstrap", options.unix_permissions(0o755))?;
    std::io::copy(
        &mut std::fs::File::open(&binary)
            .with_context(|| format!("cannot read {}", binary.display()))?,
        &mut zip,
    )?;
    let dev_packages = dev_packages(dir);
    let output = output
        .canonicalize()
        .unwrap_or_else(|_| output.to_path_buf());
    let mut files = Vec::new();
    collect(dir, dir, &dev_packages, &output, &mut files)?;
    files.sort();
    for path in &files {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        zip.start_file(name, options)?;
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        zip.write_all(&bytes)?;
    }
    zip.finish()?.flush()?;
    let bytes = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
    Ok(Packaged {
        files: files.len() + 1,
        bytes,
    })
}

/// Every file under `folder` that goes into the zip (symbolic links followed).
fn collect(
    root: &Path,
    folder: &Path,
    dev_packages: &HashSet<PathBuf>,
    output: &Path,
    files: &mut Vec<PathBuf>,
) -> Result<()> {
    let entries =
        std::fs::read_dir(folder).with_context(|| format!("cannot read {}", folder.display()))?;
    for entry in entries {
        let path = entry?.path();
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if !wanted(&relative) || dev_packages.contains(&relative) || path == output {
            continue;
        }
        let Ok(metadata) = std::fs::metadata(&path) else {
            continue; // a dangling link
        };
        if metadata.is_dir() {
            collect(root, &path, dev_packages, output, files)?;
        } else if metadata.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// Whether a path relative to the project belongs in the zip.
fn wanted(relative: &Path) -> bool {
    let parts: Vec<&str> = relative
        .iter()
        .map(|part| part.to_str().unwrap_or_default())
        .collect();
    if parts.iter().any(|part| SKIPPED_ANYWHERE.contains(part)) {
        return false;
    }
    match parts.as_slice() {
        [first, ..] if SKIPPED_AT_ROOT.contains(first) => false,
        // Only the build: the database and other state stay behind.
        [".apiroutes", rest @ ..] => matches!(rest, [] | ["manifest.json"] | ["modules", ..]),
        [name] if name.starts_with(".env") => production_env_file(name),
        ["node_modules", ".bin" | ".cache", ..] => false,
        _ => true,
    }
}

/// `.env`, `.env.production`, `.env.local`, `.env.production.local`: what `start` reads.
fn production_env_file(name: &str) -> bool {
    matches!(
        name,
        ".env" | ".env.local" | ".env.production" | ".env.production.local"
    )
}

/// The folders of development-only packages, relative to the project: the lockfile's
/// `"dev": true` entries (npm's lockfile v2/v3), else `package.json`'s `devDependencies`
/// that are not also `dependencies`.
fn dev_packages(dir: &Path) -> HashSet<PathBuf> {
    let read = |name: &str| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).ok()?).ok()
    };
    if let Some(packages) = read("package-lock.json")
        .as_ref()
        .and_then(|lock| lock.get("packages"))
        .and_then(|packages| packages.as_object())
    {
        return packages
            .iter()
            .filter(|(path, entry)| {
                !path.is_empty() && entry.get("dev").and_then(|dev| dev.as_bool()) == Some(true)
            })
            .map(|(path, _)| PathBuf::from(path))
            .collect();
    }
    let Some(manifest) = read("package.json") else {
        return HashSet::new();
    };
    let names = |key: &str| -> HashSet<String> {
        manifest
            .get(key)
            .and_then(|deps| deps.as_object())
            .map(|deps| deps.keys().cloned().collect())
            .unwrap_or_default()
    };
    let runtime = names("dependencies");
    names("devDependencies")
        .into_iter()
        .filter(|name| !runtime.contains(name))
        .map(|name| Path::new("node_modules").join(name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_time_files_are_kept_and_development_ones_left_out() {
        for kept in [
            "pages/api/a.ts",
            "public/logo.png",
            ".env",
            ".env.production.local",
            "next.config.mjs",
            "migrations/001.sql",
            "node_modules/pg/index.js",
            ".apiroutes/manifest.json",
            ".apiroutes/modules/0.qbc",
        ] {
            assert!(wanted(Path::new(kept)), "{kept} is kept");
        }
        for left in [
            ".git/HEAD",
            "lib/.git/config",
            ".next/cache/x",
            ".env.development",
            ".env.test.local",
            ".apiroutes/data.db",
            "node_modules/.bin/tsc",
            "bootstrap",
        ] {
            assert!(!wanted(Path::new(left)), "{left} is left out");
        }
    }
}
