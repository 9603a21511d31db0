//! `apiroutes build` output: every route and everything it imports, transformed once and
//! compiled to QuickJS bytecode, under `<project>/.apiroutes/` with a manifest.
//!
//! `start` uses the output only when it is fresh: same format and engine version, same
//! project directory, same route files, and every module's source unchanged (by hash).
//! Anything else is reported in one line and the server compiles from the sources.

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
pub const FORMAT_VERSION: u32 = 1;

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
    pub project_dir: PathBuf,
    /// The entry files (routes and middleware) the build started from.
    pub entries: Vec<PathBuf>,
    /// Every module, by absolute path.
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
        project_dir: project_dir.to_path_buf(),
        entries: entries.to_vec(),
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
            file,
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

/// A fresh build, ready for the loader.
#[derive(Debug)]
pub struct Prebuilt {
    out_dir: PathBuf,
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
        if manifest.project_dir != project_dir {
            return Err(format!(
                "it was built for {}",
                manifest.project_dir.display()
            ));
        }
        let mut wanted: Vec<&PathBuf> = entries.iter().collect();
        let mut built: Vec<&PathBuf> = manifest.entries.iter().collect();
        wanted.sort();
        built.sort();
        if wanted != built {
            return Err("the route files changed since the build".to_string());
        }
        for (path, module) in &manifest.modules {
            let source = std::fs::read(path).map_err(|_| format!("{} is gone", path.display()))?;
            if source_hash(&source) != module.source_hash {
                return Err(format!("{} changed since the build", path.display()));
            }
        }
        Ok(Some(Prebuilt {
            out_dir,
            modules: manifest.modules,
        }))
    }

    /// The built artifact for `path`, if the build has one.
    pub fn artifact(&self, path: &Path) -> Option<Artifact> {
        let module = self.modules.get(path)?;
        let file = self.out_dir.join(&module.artifact);
        match module.kind {
            ModuleKindName::Esm => std::fs::read(file).ok().map(Artifact::Bytecode),
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
}
