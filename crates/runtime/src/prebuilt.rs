//! `apiroutes build` output: every route and everything it imports, transformed once and
//! compiled to QuickJS bytecode, under `<project>/.apiroutes/` with a manifest.
//!
//! `start` uses the output only when it is fresh: same format and engine version, same
//! route files, and every module's source unchanged (by hash). Anything else is reported
//! in one line and the server compiles from the sources.
//!
//! The output is relocatable: the manifest names files relative to the project, and the
//! absolute paths QuickJS keeps in bytecode (module names, function file names) are
//! written with a placeholder for the project directory that loading replaces with the
//! directory the project is in now (`relocate_atoms`). A project built in one folder or
//! image stage runs from another.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use rquickjs::module::{WriteOptions, WriteOptionsEndianness};
use rquickjs::{CatchResultExt, Context, Module, Runtime};
use serde::{Deserialize, Serialize};

use crate::loader::{
    compile_file_from_source, EngineLoader, EngineResolver, FileKind, ImportStyle,
    ModuleResolution, Resolved,
};

/// Bumped whenever the layout of the output or of a module's facade changes.
pub const FORMAT_VERSION: u32 = 2;

/// The engine the bytecode was written by; bytecode of another engine is never loaded.
pub fn engine_version() -> String {
    format!(
        "apiroutes-runtime {} / quickjs-ng 0.11 (rquickjs 0.11)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Where the output lives inside a project.
pub fn output_dir(project_dir: &Path) -> PathBuf {
    project_dir.join(".apiroutes")
}

/// `manifest.json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub engine: String,
    /// The entry files (routes and middleware) the build started from, relative to the
    /// project (absolute only for a file outside it).
    pub entries: Vec<PathBuf>,
    /// Every module, by path relative to the project (absolute only outside it).
    pub modules: BTreeMap<PathBuf, ManifestModule>,
}

/// One module of the build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestModule {
    /// FNV-1a 64 of the source bytes, hex.
    pub source_hash: String,
    pub kind: ModuleKindName,
    /// File under `.apiroutes/` holding the bytecode (ESM) or the transformed code.
    pub artifact: String,
    /// CommonJS export names for the ESM facade.
    #[serde(default)]
    pub cjs_export_names: Vec<String>,
    /// Size of the artifact in bytes.
    pub size: u64,
    /// ESM: the names the module exports (a route handler's methods).
    #[serde(default)]
    pub exports: Vec<String>,
}

/// How a built module is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModuleKindName {
    /// QuickJS module bytecode.
    Esm,
    /// Transformed CommonJS source (run by `require`).
    Cjs,
    /// JSON text.
    Json,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Compile errors, each with file, line and code frame.
    pub errors: Vec<String>,
    /// Modules written: path, artifact size, and the names an ES module exports.
    pub modules: Vec<BuiltModule>,
}

/// One module of a finished build.
#[derive(Debug)]
pub struct BuiltModule {
    pub path: PathBuf,
    pub size: u64,
    pub exports: Vec<String>,
}

/// FNV-1a 64: enough to notice a changed file, cheap enough to check on every start.
pub fn source_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Transforms and compiles `entries` and everything they import; writes `.apiroutes/`.
/// `progress` is called once per module with the number done so far.
pub fn build(
    project_dir: &Path,
    entries: &[PathBuf],
    mut progress: impl FnMut(usize, &Path),
) -> BuildReport {
    let mut report = BuildReport::default();
    let resolution = ModuleResolution::new(project_dir);
    let out_dir = output_dir(project_dir);
    let modules_dir = out_dir.join("modules");
    // Only the build's own files go: `.apiroutes/` also holds the embedded database.
    if let Err(err) = clear_build_output(&out_dir) {
        report
            .errors
            .push(format!("cannot clear {}: {err}", out_dir.display()));
        return report;
    }
    if let Err(err) = std::fs::create_dir_all(&modules_dir) {
        report
            .errors
            .push(format!("cannot create {}: {err}", modules_dir.display()));
        return report;
    }
    // QuickJS resolves a module's imports while compiling it, so the build engine gets the
    // same resolver and loader as a worker (dependencies are declared, never evaluated).
    let engine = Runtime::new().and_then(|rt| {
        rt.set_loader(
            EngineResolver(resolution.clone()),
            EngineLoader::new(resolution.clone()),
        );
        Context::full(&rt).map(|ctx| (rt, ctx))
    });
    let (runtime, context) = match engine {
        Ok(pair) => pair,
        Err(err) => {
            report
                .errors
                .push(format!("cannot start the compiler engine: {err}"));
            return report;
        }
    };
    let mut manifest = Manifest {
        format: FORMAT_VERSION,
        engine: engine_version(),
        entries: entries
            .iter()
            .map(|entry| relative_to(project_dir, entry))
            .collect(),
        modules: BTreeMap::new(),
    };
    let mut queue: VecDeque<PathBuf> = entries.iter().cloned().collect();
    let mut seen: HashSet<PathBuf> = queue.iter().cloned().collect();
    let mut done = 0;
    while let Some(file) = queue.pop_front() {
        done += 1;
        progress(done, &file);
        let source = match std::fs::read(&file) {
            Ok(source) => source,
            Err(err) => {
                report.errors.push(format!("{}: {err}", file.display()));
                continue;
            }
        };
        let text = String::from_utf8_lossy(&source);
        let compiled = match compile_file_from_source(&file, &text) {
            Ok(compiled) => compiled,
            Err(message) => {
                report.errors.push(message);
                continue;
            }
        };
        let from_dir = file.parent().unwrap_or(project_dir);
        let dependencies = compiled
            .imports
            .iter()
            .map(|spec| (spec, ImportStyle::Import))
            .chain(
                compiled
                    .requires
                    .iter()
                    .map(|spec| (spec, ImportStyle::Require)),
            );
        for (specifier, style) in dependencies {
            match resolution.resolve(specifier, from_dir, style) {
                Ok(Resolved::File(path)) => {
                    if seen.insert(path.clone()) {
                        queue.push_back(path);
                    }
                }
                Ok(Resolved::Builtin(_)) => {}
                // A dynamic require in a try/catch is common in packages: report only
                // what static imports cannot find.
                Err(message) if style == ImportStyle::Import => {
                    report.errors.push(format!("{}: {message}", file.display()))
                }
                Err(_) => {}
            }
        }
        let index = manifest.modules.len();
        let (kind, artifact, bytes) = match compiled.kind {
            FileKind::Esm => {
                let bytecode = context.with(|ctx| {
                    Module::declare(
                        ctx.clone(),
                        file.to_string_lossy().into_owned(),
                        compiled.code.clone(),
                    )
                    .and_then(|module| {
                        module.write(WriteOptions {
                            endianness: WriteOptionsEndianness::Native,
                            ..WriteOptions::default()
                        })
                    })
                    .catch(&ctx)
                    .map_err(|err| err.to_string())
                    .and_then(|bytes| {
                        relocate_atoms(&bytes, &project_prefix(project_dir), PROJECT_PLACEHOLDER)
                    })
                });
                match bytecode {
                    Ok(bytes) => (ModuleKindName::Esm, format!("modules/{index}.qbc"), bytes),
                    Err(err) => {
                        report.errors.push(format!("{}: {err}", file.display()));
                        continue;
                    }
                }
            }
            FileKind::CommonJs => (
                ModuleKindName::Cjs,
                format!("modules/{index}.cjs"),
                compiled.code.into_bytes(),
            ),
            FileKind::Json => (
                ModuleKindName::Json,
                format!("modules/{index}.json"),
                compiled.code.into_bytes(),
            ),
        };
        if let Err(err) = std::fs::write(out_dir.join(&artifact), &bytes) {
            report
                .errors
                .push(format!("cannot write {artifact}: {err}"));
            continue;
        }
        report.modules.push(BuiltModule {
            path: file.clone(),
            size: bytes.len() as u64,
            exports: compiled.esm_export_names.clone(),
        });
        manifest.modules.insert(
            relative_to(project_dir, &file),
            ManifestModule {
                source_hash: source_hash(&source),
                kind,
                artifact,
                cjs_export_names: compiled.cjs_export_names,
                size: bytes.len() as u64,
                exports: compiled.esm_export_names,
            },
        );
    }
    drop(context);
    drop(runtime);
    if report.errors.is_empty() {
        let written = serde_json::to_vec_pretty(&manifest)
            .map_err(|err| err.to_string())
            .and_then(|json| {
                std::fs::write(out_dir.join("manifest.json"), json).map_err(|err| err.to_string())
            });
        if let Err(err) = written {
            report
                .errors
                .push(format!("cannot write the manifest: {err}"));
        }
    } else {
        // Never leave output that `start` could mistake for a good build.
        let _ = clear_build_output(&out_dir);
    }
    report
}

/// Removes what a build writes (the manifest and `modules/`), and nothing else of `out_dir`.
fn clear_build_output(out_dir: &Path) -> std::io::Result<()> {
    let ignore_missing = |result: std::io::Result<()>| match result {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    };
    ignore_missing(std::fs::remove_file(out_dir.join("manifest.json")))?;
    ignore_missing(std::fs::remove_dir_all(out_dir.join("modules")))
}

/// `path` relative to the project when it is inside it; absolute otherwise.
fn relative_to(project_dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(project_dir)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Stands for the project directory in the strings of written bytecode (not a path
/// anything could be at: it is relative and starts with a NUL).
const PROJECT_PLACEHOLDER: &str = "\0apiroutes-project";

fn project_prefix(project_dir: &Path) -> String {
    project_dir.to_string_lossy().into_owned()
}

/// Rewrites the atoms of QuickJS bytecode (module names, file names, identifiers) that
/// are `from` or start with `from` followed by `/`, replacing that prefix by `to`.
///
/// QuickJS-ng's `JS_WriteObject` puts every atom first: the version byte, a LEB128 count,
/// then per atom a type byte and either a `u32` (a built-in atom, type 0) or a string
/// (LEB128 of `len << 1 | wide`, then `len` Latin-1 bytes or UTF-16 units, little-endian);
/// the object after it refers to atoms by index only, so the table can change length.
pub fn relocate_atoms(bytes: &[u8], from: &str, to: &str) -> Result<Vec<u8>, String> {
    let bad = || "malformed bytecode atom table".to_string();
    let mut reader = ByteReader { bytes, at: 0 };
    let mut out = Vec::with_capacity(bytes.len() + 64);
    out.push(reader.byte().ok_or_else(bad)?);
    let count = reader.leb128().ok_or_else(bad)?;
    put_leb128(&mut out, count);
    for _ in 0..count {
        let kind = reader.byte().ok_or_else(bad)?;
        out.push(kind);
        if kind == 0 {
            out.extend_from_slice(reader.take(4).ok_or_else(bad)?);
            continue;
        }
        let header = reader.leb128().ok_or_else(bad)?;
        let (len, wide) = ((header >> 1) as usize, header & 1 == 1);
        let raw = reader
            .take(if wide { len * 2 } else { len })
            .ok_or_else(bad)?;
        let text: String = if wide {
            char::decode_utf16(
                raw.chunks_exact(2)
                    .map(|pair| u16::from_le_bytes([pair[0], pair[1]])),
            )
            .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
        } else {
            raw.iter().map(|&byte| char::from(byte)).collect()
        };
        let relocated = text
            .strip_prefix(from)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .map(|rest| format!("{to}{rest}"));
        match relocated {
            // An unpaired surrogate cannot round-trip through a Rust string: kept as is.
            Some(new) if !text.contains(char::REPLACEMENT_CHARACTER) => put_string(&mut out, &new),
            _ => {
                put_leb128(&mut out, header);
                out.extend_from_slice(raw);
            }
        }
    }
    out.extend_from_slice(&bytes[reader.at..]);
    Ok(out)
}

struct ByteReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> ByteReader<'a> {
    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn leb128(&mut self) -> Option<u32> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
}

fn put_leb128(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A QuickJS string: Latin-1 when every character fits, UTF-16 otherwise.
fn put_string(out: &mut Vec<u8>, text: &str) {
    if text.chars().all(|c| u32::from(c) < 256) {
        let len = text.chars().count() as u32;
        put_leb128(out, len << 1);
        out.extend(text.chars().map(|c| u32::from(c) as u8));
    } else {
        let units: Vec<u16> = text.encode_utf16().collect();
        put_leb128(out, ((units.len() as u32) << 1) | 1);
        for unit in units {
            out.extend_from_slice(&unit.to_le_bytes());
        }
    }
}

/// A fresh build, ready for the loader.
#[derive(Debug)]
pub struct Prebuilt {
    out_dir: PathBuf,
    /// The project directory bytecode is relocated to.
    project_prefix: String,
    /// By absolute path in the project's current directory.
    modules: BTreeMap<PathBuf, ManifestModule>,
}

/// A loaded artifact.
pub enum Artifact {
    Bytecode(Vec<u8>),
    CommonJs {
        code: String,
        export_names: Vec<String>,
    },
    Json(String),
}

impl Prebuilt {
    /// The build output for `project_dir` if it is fresh for these entries. `Ok(None)`:
    /// there is none; `Err(reason)`: there is one but it must not be used.
    pub fn load_fresh(project_dir: &Path, entries: &[PathBuf]) -> Result<Option<Prebuilt>, String> {
        let out_dir = output_dir(project_dir);
        let manifest_path = out_dir.join("manifest.json");
        let text = match std::fs::read_to_string(&manifest_path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(format!("cannot read {}: {err}", manifest_path.display())),
        };
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|_| "its manifest is unreadable".to_string())?;
        if manifest.format != FORMAT_VERSION || manifest.engine != engine_version() {
            return Err(format!(
                "it was written by another engine ({})",
                manifest.engine
            ));
        }
        let mut wanted: Vec<PathBuf> = entries
            .iter()
            .map(|entry| relative_to(project_dir, entry))
            .collect();
        let mut built = manifest.entries;
        wanted.sort();
        built.sort();
        if wanted != built {
            return Err("the route files changed since the build".to_string());
        }
        let mut modules = BTreeMap::new();
        for (path, module) in manifest.modules {
            let path = project_dir.join(path);
            let source = std::fs::read(&path).map_err(|_| format!("{} is gone", path.display()))?;
            if source_hash(&source) != module.source_hash {
                return Err(format!("{} changed since the build", path.display()));
            }
            modules.insert(path, module);
        }
        Ok(Some(Prebuilt {
            out_dir,
            project_prefix: project_prefix(project_dir),
            modules,
        }))
    }

    /// The built artifact for `path`, if the build has one.
    pub fn artifact(&self, path: &Path) -> Option<Artifact> {
        let module = self.modules.get(path)?;
        let file = self.out_dir.join(&module.artifact);
        match module.kind {
            ModuleKindName::Esm => std::fs::read(file)
                .ok()
                .and_then(|bytes| {
                    relocate_atoms(&bytes, PROJECT_PLACEHOLDER, &self.project_prefix).ok()
                })
                .map(Artifact::Bytecode),
            ModuleKindName::Cjs => {
                std::fs::read_to_string(file)
                    .ok()
                    .map(|code| Artifact::CommonJs {
                        code,
                        export_names: module.cjs_export_names.clone(),
                    })
            }
            ModuleKindName::Json => std::fs::read_to_string(file).ok().map(Artifact::Json),
        }
    }

    pub fn module_count(&self) -> usize {
        self.modules.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_sensitive() {
        assert_eq!(source_hash(b""), "cbf29ce484222325");
        assert_ne!(source_hash(b"a"), source_hash(b"b"));
    }

    /// A table of a built-in atom, a project path, a wide string and a path that only
    /// shares the prefix's characters, then the object's bytes.
    fn table(strings: &[&str], tail: &[u8]) -> Vec<u8> {
        let mut out = vec![21];
        put_leb128(&mut out, strings.len() as u32 + 1);
        out.push(0);
        out.extend_from_slice(&7u32.to_le_bytes());
        for text in strings {
            out.push(1);
            put_string(&mut out, text);
        }
        out.extend_from_slice(tail);
        out
    }

    #[test]
    fn relocation_rewrites_only_paths_under_the_prefix() {
        let long = format!("/p/{}", "x".repeat(200));
        let before = table(
            &["/p/a.js", "/p", "/pp/b.js", "\u{263a}/p/c.js", &long],
            &[1, 2, 3],
        );
        let after = relocate_atoms(&before, "/p", "/new/\u{263a}").expect("relocate");
        let expected = table(
            &[
                "/new/\u{263a}/a.js",
                "/new/\u{263a}",
                "/pp/b.js",
                "\u{263a}/p/c.js",
                &format!("/new/\u{263a}/{}", "x".repeat(200)),
            ],
            &[1, 2, 3],
        );
        assert_eq!(after, expected);
        assert_eq!(
            relocate_atoms(&after, "/new/\u{263a}", "/p").expect("back"),
            before
        );
        assert!(relocate_atoms(&before[..before.len() - 10], "/p", "/q").is_err());
    }
}
