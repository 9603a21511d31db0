//! Module resolution and loading for one worker runtime.
//!
//! Three kinds of module exist: native platform modules (LLRT's `buffer`, `crypto`, ...),
//! built-in JavaScript modules of ours (`next`, `next/server`, `timers`, `stream`, ...), and
//! the project's files. Files are resolved with `oxc_resolver` (package `exports`,
//! conditions, tsconfig `paths`) and transformed by `apiroutes-compiler` (TypeScript, JSX).
//! A CommonJS file imported from ESM is loaded through a small generated ESM facade that
//! calls our `require`; `require` itself lives in `js/module_system.js` and asks Rust (here)
//! to resolve and compile.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use apiroutes_compiler::ModuleKind;
use oxc_resolver::{
    ResolveOptions, Resolver as OxcResolver, TsconfigDiscovery, TsconfigOptions, TsconfigReferences,
};
use rquickjs::loader::{Loader, ModuleLoader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Error, Module, Result};

use crate::builtins;
use crate::prebuilt::{Artifact, Prebuilt};

/// Which `package.json` conditions apply: `import` for ESM, `require` for CommonJS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStyle {
    Import,
    Require,
}

/// Resolves specifiers for both module systems; shared by the ESM resolver and `require`.
pub struct ModuleResolution {
    /// Created on first use: the first resolver of a process costs about 10 ms (its
    /// cache's memory reclamation registers a `membarrier`), and a handler without
    /// imports never needs one. See [`warm_up`].
    esm: std::cell::OnceCell<OxcResolver>,
    cjs: std::cell::OnceCell<OxcResolver>,
    options: ResolveOptions,
    natives: HashSet<&'static str>,
    project_dir: PathBuf,
    prebuilt: Option<Arc<Prebuilt>>,
}

/// The outcome of resolving one specifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A native or JavaScript built-in, by canonical name.
    Builtin(String),
    /// A file on disk, absolute.
    File(PathBuf),
}

impl ModuleResolution {
    pub fn new(project_dir: &Path) -> Rc<Self> {
        Self::with_prebuilt(project_dir, None)
    }

    /// Resolution that serves modules from a fresh `apiroutes build` when it has them.
    pub fn with_prebuilt(project_dir: &Path, prebuilt: Option<Arc<Prebuilt>>) -> Rc<Self> {
        let tsconfig = project_dir.join("tsconfig.json");
        let jsconfig = project_dir.join("jsconfig.json");
        let config_file = if tsconfig.is_file() {
            Some(tsconfig)
        } else if jsconfig.is_file() {
            Some(jsconfig)
        } else {
            None
        };
        let base = ResolveOptions {
            extensions: [
                ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".json",
            ]
            .map(String::from)
            .to_vec(),
            extension_alias: vec![
                (
                    ".js".into(),
                    vec![".ts".into(), ".tsx".into(), ".js".into()],
                ),
                (".mjs".into(), vec![".mts".into(), ".mjs".into()]),
            ],
            condition_names: vec!["node".into(), "import".into()],
            main_fields: vec!["module".into(), "main".into()],
            tsconfig: config_file.map(|config_file| {
                TsconfigDiscovery::Manual(TsconfigOptions {
                    config_file,
                    references: TsconfigReferences::Auto,
                })
            }),
            ..ResolveOptions::default()
        };
        Rc::new(Self {
            esm: std::cell::OnceCell::new(),
            cjs: std::cell::OnceCell::new(),
            options: base,
            natives: builtins::NATIVE_MODULES.iter().copied().collect(),
            project_dir: project_dir.to_path_buf(),
            prebuilt,
        })
    }

    /// Canonical built-in name for a specifier (`node:fs` → `fs`), if it is one.
    pub fn builtin_name(&self, specifier: &str) -> Option<String> {
        let bare = specifier.strip_prefix("node:").unwrap_or(specifier);
        // Like Node, `sqlite` is a built-in only with its `node:` prefix; the bare name
        // stays free for the npm package of that name.
        if bare == "sqlite" && !specifier.starts_with("node:") {
            return None;
        }
        let bare = bare
            .strip_suffix(".js")
            .filter(|b| b.starts_with("next"))
            .unwrap_or(bare);
        if self.natives.contains(bare) || builtins::js_source(bare).is_some() {
            Some(bare.to_string())
        } else {
            None
        }
    }

    /// Resolves `specifier` as seen from the directory `from_dir`.
    pub fn resolve(
        &self,
        specifier: &str,
        from_dir: &Path,
        style: ImportStyle,
    ) -> std::result::Result<Resolved, String> {
        if let Some(name) = self.builtin_name(specifier) {
            return Ok(Resolved::Builtin(name));
        }
        let specifier_path = Path::new(specifier);
        if specifier_path.is_absolute() && specifier_path.is_file() {
            // An absolute path to a file (how routes are imported) needs no resolver.
            return Ok(Resolved::File(specifier_path.to_path_buf()));
        }
        let resolver = self.resolver(style);
        match resolver.resolve(from_dir, specifier) {
            Ok(resolution) => Ok(Resolved::File(resolution.full_path())),
            Err(err) => Err(format!(
                "Cannot find module '{specifier}' from '{}': {err}",
                from_dir.display()
            )),
        }
    }

    /// The resolver for one module system; both share one cache.
    fn resolver(&self, style: ImportStyle) -> &OxcResolver {
        let esm = self
            .esm
            .get_or_init(|| OxcResolver::new(self.options.clone()));
        match style {
            ImportStyle::Import => esm,
            ImportStyle::Require => self.cjs.get_or_init(|| {
                esm.clone_with_options(ResolveOptions {
                    condition_names: vec!["node".into(), "require".into()],
                    main_fields: vec!["main".into()],
                    ..self.options.clone()
                })
            }),
        }
    }

    pub fn project_dir(&self) -> &Path {
        &self.project_dir
    }

    /// The build artifact for a file, when a fresh build has one.
    pub fn artifact(&self, path: &Path) -> Option<Artifact> {
        self.prebuilt.as_ref()?.artifact(path)
    }

    /// A file's code for `require`: from the build when possible, else compiled now.
    pub fn compile(&self, path: &Path) -> std::result::Result<CompiledFile, String> {
        match self.artifact(path) {
            Some(Artifact::CommonJs { code, export_names }) => Ok(CompiledFile {
                code,
                kind: FileKind::CommonJs,
                cjs_export_names: export_names,
                imports: Vec::new(),
                requires: Vec::new(),
                esm_export_names: Vec::new(),
            }),
            Some(Artifact::Json(code)) => Ok(CompiledFile {
                code,
                kind: FileKind::Json,
                cjs_export_names: Vec::new(),
                imports: Vec::new(),
                requires: Vec::new(),
                esm_export_names: Vec::new(),
            }),
            _ => compile_file(path),
        }
    }
}

/// Pays the process's one-time resolver set-up (see [`ModuleResolution`]) off the
/// request path; call it on a background thread at start-up.
pub fn warm_up() {
    drop(OxcResolver::new(ResolveOptions::default()));
}

/// A file read and transformed for the engine.
pub struct CompiledFile {
    pub code: String,
    pub kind: FileKind,
    pub cjs_export_names: Vec<String>,
    /// Static `import` specifiers (ESM) for walking the module graph.
    pub imports: Vec<String>,
    /// Literal `require()` specifiers.
    pub requires: Vec<String>,
    /// ESM: the names the module exports itself.
    pub esm_export_names: Vec<String>,
}

/// How a file's code is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Esm,
    CommonJs,
    Json,
}

/// Reads and transforms a project file. Errors carry file, line and code frame.
pub fn compile_file(path: &Path) -> std::result::Result<CompiledFile, String> {
    let source =
        std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    compile_file_from_source(path, &source)
}

/// Transforms already-read source text.
pub fn compile_file_from_source(
    path: &Path,
    source: &str,
) -> std::result::Result<CompiledFile, String> {
    if path.extension().is_some_and(|ext| ext == "json") {
        return Ok(CompiledFile {
            code: source.to_string(),
            kind: FileKind::Json,
            cjs_export_names: Vec::new(),
            imports: Vec::new(),
            requires: Vec::new(),
            esm_export_names: Vec::new(),
        });
    }
    let transformed = apiroutes_compiler::transform(path, source).map_err(|err| err.to_string())?;
    let kind = match transformed.kind {
        ModuleKind::Esm => FileKind::Esm,
        ModuleKind::CommonJs => FileKind::CommonJs,
    };
    Ok(CompiledFile {
        code: transformed.code,
        kind,
        cjs_export_names: transformed.cjs_export_names,
        imports: transformed.imports,
        requires: transformed.requires,
        esm_export_names: transformed.esm_export_names,
    })
}

/// The ESM facade of a CommonJS file: runs it through `require` and re-exports its names.
fn commonjs_facade(path: &Path, export_names: &[String]) -> String {
    let path_literal =
        serde_json::to_string(&path.to_string_lossy()).unwrap_or_else(|_| "\"\"".into());
    let mut code = format!(
        "const __m = globalThis[Symbol.for('apiroutes.require')]({path_literal});\n\
         export default (__m !== null && typeof __m === 'object' && __m.__esModule && 'default' in __m) ? __m.default : __m;\n"
    );
    let names: Vec<&String> = export_names
        .iter()
        .filter(|name| name.as_str() != "default" && is_identifier(name))
        .collect();
    if !names.is_empty() {
        let list = names
            .iter()
            .map(|name| name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        code.push_str(&format!("export const {{ {list} }} = __m;\n"));
    }
    code
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c == '$' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c == '$' || c.is_alphanumeric())
        && !matches!(
            name,
            "default"
                | "class"
                | "function"
                | "var"
                | "let"
                | "const"
                | "new"
                | "delete"
                | "in"
                | "if"
                | "else"
                | "for"
                | "while"
                | "do"
                | "return"
                | "this"
                | "typeof"
                | "void"
                | "with"
                | "switch"
                | "case"
                | "break"
                | "continue"
                | "throw"
                | "try"
                | "catch"
                | "finally"
                | "import"
                | "export"
                | "extends"
                | "super"
                | "yield"
                | "await"
                | "enum"
                | "null"
                | "true"
                | "false"
                | "debugger"
                | "instanceof"
        )
}

/// The rquickjs resolver: built-ins by name, everything else through oxc_resolver.
pub struct EngineResolver(pub Rc<ModuleResolution>);

impl Resolver for EngineResolver {
    fn resolve(&mut self, _ctx: &Ctx<'_>, base: &str, name: &str) -> Result<String> {
        let base_path = Path::new(base);
        let from_dir = if base_path.is_absolute() {
            base_path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| self.0.project_dir().to_path_buf())
        } else {
            self.0.project_dir().to_path_buf()
        };
        match self.0.resolve(name, &from_dir, ImportStyle::Import) {
            Ok(Resolved::Builtin(name)) => Ok(name),
            Ok(Resolved::File(path)) => Ok(path.to_string_lossy().into_owned()),
            Err(message) => Err(Error::new_resolving_message(base, name, message)),
        }
    }
}

/// The rquickjs loader: native modules, our JavaScript built-ins, then project files.
pub struct EngineLoader {
    natives: ModuleLoader,
    resolution: Rc<ModuleResolution>,
}

impl EngineLoader {
    pub fn new(resolution: Rc<ModuleResolution>) -> Self {
        Self {
            natives: builtins::native_loader(),
            resolution,
        }
    }
}

thread_local! {
    /// The whole text of the last compile error on this thread: the engine's exception
    /// for it keeps only its first 256 bytes (QuickJS formats into a fixed buffer),
    /// which cuts the code frame.
    static LOAD_FAILURE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Takes the whole text of the last compile error on this thread, if any.
pub(crate) fn take_load_failure() -> Option<String> {
    LOAD_FAILURE.with(|failure| failure.borrow_mut().take())
}

impl Loader for EngineLoader {
    fn load<'js>(&mut self, ctx: &Ctx<'js>, name: &str) -> Result<Module<'js, Declared>> {
        if let Some(source) = builtins::js_source(name) {
            return Module::declare(ctx.clone(), name, source);
        }
        if builtins::NATIVE_MODULES.contains(&name) {
            return self.natives.load(ctx, name);
        }
        let path = Path::new(name);
        if let Some(Artifact::Bytecode(bytes)) = self.resolution.artifact(path) {
            // SAFETY: the bytecode was written by this engine version for this exact file:
            // `Prebuilt::load_fresh` checked the engine version and every source hash.
            let module = unsafe { Module::load(ctx.clone(), &bytes) }?;
            set_import_meta(&module, path)?;
            return Ok(module);
        }
        let compiled = self.resolution.compile(path).map_err(|message| {
            LOAD_FAILURE.with(|failure| *failure.borrow_mut() = Some(message.clone()));
            Error::new_loading_message(name, message)
        })?;
        let code = match compiled.kind {
            FileKind::Esm => compiled.code,
            FileKind::Json => format!(
                "export default {};",
                compiled.code.trim_start_matches('\u{feff}')
            ),
            FileKind::CommonJs => commonjs_facade(path, &compiled.cjs_export_names),
        };
        let module = Module::declare(ctx.clone(), name, code)?;
        set_import_meta(&module, path)?;
        Ok(module)
    }
}

/// Characters a `file:` URL path cannot hold as they are (as Node's `pathToFileURL`).
const FILE_URL_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'\\');

/// `import.meta` as Node 20 gives it: `url` (a `file:` URL), `filename` and `dirname`.
fn set_import_meta<T>(module: &Module<'_, T>, path: &Path) -> Result<()> {
    let meta = module.meta()?;
    let text = path.to_string_lossy();
    let url = format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&text, FILE_URL_ESCAPES)
    );
    meta.set("url", url)?;
    meta.set("filename", text.as_ref())?;
    let dir = path.parent().unwrap_or(Path::new("/"));
    meta.set("dirname", dir.to_string_lossy().as_ref())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facade_reexports_identifier_names_only() {
        let code = commonjs_facade(
            Path::new("/p/x.js"),
            &[
                "a".into(),
                "default".into(),
                "not-valid".into(),
                "b2".into(),
            ],
        );
        assert!(code.contains("export const { a, b2 } = __m;"), "{code}");
        assert!(code.contains("\"/p/x.js\""));
    }

    #[test]
    fn node_prefix_and_next_builtins_resolve_by_name() {
        let resolution = ModuleResolution::new(Path::new("."));
        assert_eq!(
            resolution.builtin_name("node:buffer").as_deref(),
            Some("buffer")
        );
        assert_eq!(
            resolution.builtin_name("next/server.js").as_deref(),
            Some("next/server")
        );
        assert_eq!(resolution.builtin_name("left-pad"), None);
    }
}
