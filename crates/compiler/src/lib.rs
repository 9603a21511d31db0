//! `apiroutes-compiler`: turns a user's source file into code QuickJS can load.
//!
//! One oxc pipeline per file (parse → semantic checks → transform → codegen) strips
//! TypeScript, compiles JSX to `React.createElement`, lowers legacy decorators, and reports
//! every parse/semantic/transform error as a [`Diagnostic`] with a code frame. Plain
//! JavaScript without JSX skips transform and codegen and is returned byte for byte.
//!
//! Alongside the code it reports what the module loader needs: whether the file is an ES
//! module or CommonJS (the runtime wraps CommonJS in a function), the specifiers it imports
//! or requires (for `apiroutes build` to walk the module graph), and for CommonJS the named
//! exports a cjs-module-lexer style scan finds, so ESM importers can use named imports.

mod diagnostics;
mod positions;
mod scan;

use std::path::Path;

use oxc::allocator::Allocator;
use oxc::ast::ast::{Program, Statement};
use oxc::codegen::{Codegen, CodegenOptions};
use oxc::diagnostics::OxcDiagnostic;
use oxc::parser::{ParseOptions, Parser};
use oxc::semantic::{SemanticBuilder, SemanticBuilderReturn};
use oxc::span::SourceType;
use oxc::transformer::{
    DecoratorOptions, HelperLoaderMode, HelperLoaderOptions, JsxOptions, JsxRuntime,
    TransformOptions as OxcTransformOptions, Transformer,
};

pub use diagnostics::{CompileError, Diagnostic};
pub use positions::{position_map, PositionMap};

/// How the runtime must evaluate the compiled code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModuleKind {
    /// An ES module: evaluate natively with `import`/`export`.
    Esm,
    /// CommonJS: wrap in `(exports, require, module, __filename, __dirname)`.
    CommonJs,
}

/// Options for [`transform_with_options`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TransformOptions {
    /// Produce a JSON source map from the emitted code back to the original source.
    pub source_map: bool,
}

/// The result of compiling one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformed {
    /// Code QuickJS can evaluate (ES2023 syntax, no types, no JSX).
    pub code: String,
    /// ESM or CommonJS, decided after types were stripped.
    pub kind: ModuleKind,
    /// Static `import`/`export ... from` specifiers and literal `import()` specifiers, in
    /// source order without duplicates (type-only imports are gone by then).
    pub imports: Vec<String>,
    /// Literal `require("x")` specifiers, in source order without duplicates; filled for
    /// both kinds since bundler-style ESM may call `require` too.
    pub requires: Vec<String>,
    /// CommonJS only: names assigned on `exports`/`module.exports`, defined with
    /// `Object.defineProperty(exports, ...)`, or keys of a `module.exports = {...}` literal.
    /// Includes `__esModule` and `default` when the code sets them. Empty for ESM.
    pub cjs_export_names: Vec<String>,
    /// ESM only: the names the module exports itself (see `scan`), e.g. a route
    /// handler's `GET`/`POST`.
    pub esm_export_names: Vec<String>,
    /// CommonJS only: specifiers of `module.exports = require("x")`, of `...require("x")`
    /// spreads in a `module.exports = {...}` literal, and of TypeScript/SWC export-star
    /// helpers (`__exportStar(require("x"), exports)`). Empty for ESM.
    pub reexports: Vec<String>,
    /// An `await` outside any function (ESM only).
    pub has_top_level_await: bool,
    /// JSON source map, when asked for and the code was regenerated; `None` when the
    /// returned code is the original source unchanged.
    pub source_map: Option<String>,
    /// Non-fatal diagnostics oxc reported.
    pub warnings: Vec<Diagnostic>,
}

/// Compiles `source` (the contents of `path`) without a source map.
///
/// The extension picks the syntax: `.ts/.mts/.cts` TypeScript, `.tsx` TypeScript + JSX,
/// `.js/.jsx/.mjs/.cjs` (and any unknown extension, as Node does) JavaScript with JSX
/// allowed. `.mjs/.mts` are always ESM and `.cjs/.cts` always CommonJS; otherwise a file
/// is ESM when, after type stripping, it has an `import`/`export` declaration,
/// `import.meta`, or top-level `await`.
pub fn transform(path: &Path, source: &str) -> Result<Transformed, CompileError> {
    transform_with_options(path, source, &TransformOptions::default())
}

/// [`transform`] with options (source map generation).
pub fn transform_with_options(
    path: &Path,
    source: &str,
    options: &TransformOptions,
) -> Result<Transformed, CompileError> {
    // oxc asserts internal invariants with panics; a panic inside the runtime's module
    // loader would abort the server, so any that escapes becomes an ordinary compile error.
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        compile(path, source, options)
    }));
    guarded.unwrap_or_else(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|reason| (*reason).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(CompileError {
            file: path.to_path_buf(),
            diagnostics: vec![Diagnostic {
                message: format!("internal compiler error: {reason}"),
                help: None,
                line: 0,
                column: 0,
                code_frame: String::new(),
            }],
        })
    })
}

fn compile(
    path: &Path,
    source: &str,
    options: &TransformOptions,
) -> Result<Transformed, CompileError> {
    let source_type = source_type_for(path);
    let allocator = Allocator::default();
    let mut parsed = parse(&allocator, source, source_type);
    let mut errors: Vec<OxcDiagnostic> = Vec::new();
    let mut warnings: Vec<OxcDiagnostic> = Vec::new();
    split_by_severity(
        std::mem::take(&mut parsed.diagnostics),
        &mut errors,
        &mut warnings,
    );
    if parsed.panicked {
        return Err(compile_error(path, source, &errors));
    }
    let mut program = parsed.program;

    let SemanticBuilderReturn {
        semantic,
        diagnostics: semantic_diagnostics,
    } = SemanticBuilder::new()
        .with_check_syntax_error(true)
        // The enum transform reads member values computed here (it panics without them).
        .with_enum_eval(true)
        .build(&program);
    split_by_severity(semantic_diagnostics, &mut errors, &mut warnings);
    if !errors.is_empty() {
        return Err(compile_error(path, source, &errors));
    }
    // `require` used without being declared: Next's bundler lets ES modules call it.
    let free_require = semantic
        .scoping()
        .root_unresolved_references()
        .keys()
        .any(|name| name.as_str() == "require");

    if !source_type.is_typescript() {
        // Plain JavaScript is returned untouched unless it contains JSX.
        let facts = scan::scan_program(&program);
        if !facts.has_jsx {
            let kind = module_kind(source_type, &facts);
            let warnings = diagnostics::convert_all(source, &warnings);
            let code = with_esm_require(source.to_owned(), kind, free_require);
            return Ok(finish(code, kind, facts, None, warnings));
        }
    }

    let scoping = semantic.into_scoping();
    let transformed = Transformer::new(&allocator, path, &oxc_transform_options())
        .build_with_scoping(scoping, &mut program);
    split_by_severity(
        transformed.diagnostics.into_vec(),
        &mut errors,
        &mut warnings,
    );
    if !errors.is_empty() {
        return Err(compile_error(path, source, &errors));
    }

    remove_synthetic_empty_exports(&mut program);
    let facts = scan::scan_program(&program);
    let kind = module_kind(source_type, &facts);
    let (code, source_map) = generate(path, source, &program, options);
    let code = with_esm_require(code, kind, free_require);
    Ok(finish(
        code,
        kind,
        facts,
        source_map,
        diagnostics::convert_all(source, &warnings),
    ))
}

/// An ES module that calls an undeclared `require` gets one for its own file (as
/// `module.createRequire(import.meta.url)` would make), on the first line so that line
/// numbers and source maps stay right.
fn with_esm_require(code: String, kind: ModuleKind, free_require: bool) -> String {
    if kind != ModuleKind::Esm || !free_require || code.starts_with("#!") {
        return code;
    }
    format!("const require = globalThis[Symbol.for('apiroutes.createRequire')](import.meta.url); {code}")
}

/// Parser input type for `path`: JSX is allowed in every JavaScript flavour (Next.js
/// accepts JSX in `.js`), `.js/.ts` are decided by content, unknown extensions are `.js`.
fn source_type_for(path: &Path) -> SourceType {
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::unambiguous());
    if source_type.is_javascript() {
        source_type.with_jsx(true)
    } else {
        source_type
    }
}

fn parse<'a>(
    allocator: &'a Allocator,
    source: &'a str,
    source_type: SourceType,
) -> oxc::parser::ParserReturn<'a> {
    // CommonJS runs inside a function, where a top-level `return` is legal.
    let parse_options = ParseOptions {
        allow_return_outside_function: !source_type.is_module(),
        ..ParseOptions::default()
    };
    let parsed = Parser::new(allocator, source, source_type)
        .with_options(parse_options)
        .parse();
    // Unambiguous parsing (like Babel's) only counts import/export/import.meta as module
    // syntax, so a file whose only ESM feature is top-level `await` resolves to a script
    // and fails. Retry that rare case as a module, which is what the spec promises.
    let failed_as_script = source_type.is_unambiguous()
        && !parsed.program.source_type.is_module()
        && !parsed.diagnostics.is_empty()
        && source.contains("await");
    if failed_as_script {
        let module_parse = Parser::new(allocator, source, source_type.with_module(true)).parse();
        if module_parse.diagnostics.is_empty() && !module_parse.panicked {
            return module_parse;
        }
    }
    parsed
}

/// oxc options: strip TypeScript (eliding imports only used as types, like `tsc`), classic
/// `React.createElement` JSX, legacy (`experimentalDecorators`) decorators with helpers
/// read from a `babelHelpers` object that [`generate`] defines, and no syntax lowering.
fn oxc_transform_options() -> OxcTransformOptions {
    OxcTransformOptions {
        jsx: JsxOptions {
            runtime: JsxRuntime::Classic,
            ..JsxOptions::default()
        },
        decorator: DecoratorOptions {
            legacy: true,
            ..DecoratorOptions::default()
        },
        helper_loader: HelperLoaderOptions {
            mode: HelperLoaderMode::External,
            ..HelperLoaderOptions::default()
        },
        ..OxcTransformOptions::default()
    }
}

/// Definitions of the helpers legacy decorators call (`tslib`'s `__decorate`, `__param`
/// and `__metadata`), prepended only when the emitted code uses them.
const BABEL_HELPERS_PRELUDE: &str = "var babelHelpers = { decorate: function (decorators, target, key, desc) { var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d; for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r; return c > 3 && r && Object.defineProperty(target, key, r), r; }, decorateParam: function (index, decorator) { return function (target, key) { decorator(target, key, index); }; }, decorateMetadata: function (key, value) { if (typeof Reflect === \"object\" && typeof Reflect.metadata === \"function\") return Reflect.metadata(key, value); } };";

fn generate(
    path: &Path,
    source: &str,
    program: &Program<'_>,
    options: &TransformOptions,
) -> (String, Option<String>) {
    let codegen_options = CodegenOptions {
        source_map_path: options.source_map.then(|| path.to_path_buf()),
        ..CodegenOptions::default()
    };
    let generated = Codegen::new()
        .with_options(codegen_options)
        .with_source_text(source)
        .build(program);
    let mut source_map = generated.map.map(|map| map.to_json_string());
    let mut code = generated.code;
    if code.contains("babelHelpers.") {
        // The prelude goes on its own first line; a leading `;` in `mappings` shifts every
        // mapping down one generated line so the map stays right. Directives are repeated
        // first so a `"use strict"` prologue keeps its meaning.
        let directives: String = program
            .directives
            .iter()
            .map(|directive| format!("\"{}\"; ", directive.directive.as_str()))
            .collect();
        code = format!("{directives}{BABEL_HELPERS_PRELUDE}\n{code}");
        source_map = source_map.map(|map| map.replacen("\"mappings\":\"", "\"mappings\":\";", 1));
    }
    (code, source_map)
}

/// When type stripping removes every import/export, oxc appends a location-less
/// `export {}` to keep the file an ES module. Like webpack after SWC, we decide the kind from
/// the real remaining syntax instead, so CommonJS written in TypeScript stays CommonJS
/// (an `export` would not even parse inside the CommonJS wrapper). A user-written
/// `export {}` has a real span and is kept.
fn remove_synthetic_empty_exports(program: &mut Program<'_>) {
    program.body.retain(|statement| match statement {
        Statement::ExportNamedDeclaration(export) => {
            !(export.specifiers.is_empty() && export.span.is_empty())
        }
        _ => true,
    });
}

fn module_kind(source_type: SourceType, facts: &scan::ModuleFacts) -> ModuleKind {
    if source_type.is_commonjs() {
        return ModuleKind::CommonJs;
    }
    let explicit_module = source_type.is_module()
        && matches!(
            source_type.extension(),
            Some(oxc::span::FileExtension::Mjs | oxc::span::FileExtension::Mts)
        );
    if explicit_module
        || facts.has_module_declarations
        || facts.has_import_meta
        || facts.has_top_level_await
    {
        ModuleKind::Esm
    } else {
        ModuleKind::CommonJs
    }
}

fn finish(
    code: String,
    kind: ModuleKind,
    facts: scan::ModuleFacts,
    source_map: Option<String>,
    warnings: Vec<Diagnostic>,
) -> Transformed {
    let is_commonjs = kind == ModuleKind::CommonJs;
    Transformed {
        code,
        kind,
        imports: facts.imports,
        requires: facts.requires,
        cjs_export_names: if is_commonjs {
            facts.cjs_export_names
        } else {
            Vec::new()
        },
        reexports: if is_commonjs {
            facts.reexports
        } else {
            Vec::new()
        },
        has_top_level_await: facts.has_top_level_await && !is_commonjs,
        esm_export_names: if is_commonjs {
            Vec::new()
        } else {
            facts.esm_export_names
        },
        source_map,
        warnings,
    }
}

fn split_by_severity(
    diagnostics: impl IntoIterator<Item = OxcDiagnostic>,
    errors: &mut Vec<OxcDiagnostic>,
    warnings: &mut Vec<OxcDiagnostic>,
) {
    for diagnostic in diagnostics {
        if diagnostics::is_error(&diagnostic) {
            errors.push(diagnostic);
        } else {
            warnings.push(diagnostic);
        }
    }
}

fn compile_error(path: &Path, source: &str, errors: &[OxcDiagnostic]) -> CompileError {
    CompileError {
        file: path.to_path_buf(),
        diagnostics: diagnostics::convert_all(source, errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_ok(path: &str, source: &str) -> Transformed {
        match transform(Path::new(path), source) {
            Ok(transformed) => transformed,
            Err(error) => panic!("{path} failed to compile:\n{error}"),
        }
    }

    fn compile_err(path: &str, source: &str) -> CompileError {
        match transform(Path::new(path), source) {
            Ok(transformed) => panic!("{path} compiled but should not have:\n{}", transformed.code),
            Err(error) => error,
        }
    }

    #[test]
    fn enum_becomes_an_object_iife() {
        let out = compile_ok(
            "a.ts",
            "enum Color { Red, Green = 'g' }\nexport default Color;",
        );
        assert!(
            out.code
                .contains("var Color = /* @__PURE__ */ function(Color) {"),
            "{}",
            out.code
        );
        assert!(
            out.code.contains("Color[Color[\"Red\"] = 0] = \"Red\";"),
            "{}",
            out.code
        );
        assert!(out.code.contains("}(Color || {});"), "{}", out.code);
        assert!(!out.code.contains("enum "), "{}", out.code);
    }

    #[test]
    fn const_enum_is_stripped_to_runtime_code() {
        let out = compile_ok("a.ts", "const enum K { A = 1 }\nexport const k = K.A;");
        assert!(!out.code.contains("const enum"), "{}", out.code);
        assert!(out.code.contains("export const k ="), "{}", out.code);
    }

    #[test]
    fn type_only_imports_and_specifiers_are_removed() {
        let source = "import type { T } from './t';\nimport { type A, b } from './ab';\n\
                      export type X = T;\nexport interface I { x: number }\n\
                      export function f(a: A): number { return b(a) as number; }";
        let out = compile_ok("b.ts", source);
        assert!(!out.code.contains("./t\""), "{}", out.code);
        assert!(
            out.code.contains("import { b } from \"./ab\";"),
            "{}",
            out.code
        );
        assert!(!out.code.contains("interface"), "{}", out.code);
        assert!(!out.code.contains(": number"), "{}", out.code);
        assert!(!out.code.contains(" as "), "{}", out.code);
        assert_eq!(out.imports, vec!["./ab".to_owned()]);
        assert_eq!(out.kind, ModuleKind::Esm);
    }

    #[test]
    fn namespaces_and_parameter_properties_compile() {
        let source = "namespace N { export const x = 1; }\n\
                      export class P { constructor(private a: number, public b = 2) {} }";
        let out = compile_ok("e.ts", source);
        assert!(out.code.contains("(N || (N = {}))"), "{}", out.code);
        assert!(out.code.contains("this.a = a;"), "{}", out.code);
        assert!(out.code.contains("this.b = b;"), "{}", out.code);
    }

    #[test]
    fn legacy_decorators_get_inline_helpers() {
        let source =
            "function dec(t: any) { return t; }\n@dec class Z { @dec m() {} }\nexport default Z;";
        let out = compile_ok("f.ts", source);
        assert!(out.code.starts_with("var babelHelpers = {"), "{}", out.code);
        assert!(
            out.code.contains("Z = babelHelpers.decorate([dec], Z);"),
            "{}",
            out.code
        );
        assert!(!out.code.contains('@'), "{}", out.code);
    }

    #[test]
    fn decorator_prelude_shifts_the_source_map_one_line() {
        let source = "function dec(t: any) { return t; }\n@dec class Z {}\nexport default Z;";
        let out = transform_with_options(
            Path::new("f.ts"),
            source,
            &TransformOptions { source_map: true },
        );
        let map = out.ok().and_then(|out| out.source_map).unwrap_or_default();
        assert!(map.contains("\"mappings\":\";"), "{map}");
    }

    #[test]
    fn jsx_uses_classic_create_element() {
        for path in ["g.tsx", "g.jsx", "g.js"] {
            let out = compile_ok(
                path,
                "import React from 'react';\nexport default () => <div a=\"1\">hi</div>;",
            );
            assert!(
                out.code
                    .contains("React.createElement(\"div\", { a: \"1\" }, \"hi\")"),
                "{path}: {}",
                out.code
            );
            assert_eq!(out.imports, vec!["react".to_owned()], "{path}");
        }
    }

    #[test]
    fn module_kind_detection() {
        let cases = [
            (
                "x.js",
                "export default function handler() {}",
                ModuleKind::Esm,
            ),
            ("x.js", "import x from 'y';\nx();", ModuleKind::Esm),
            ("x.js", "export { a } from './a';", ModuleKind::Esm),
            ("x.js", "console.log(import.meta.url);", ModuleKind::Esm),
            ("x.js", "await Promise.resolve(1);", ModuleKind::Esm),
            ("x.js", "for await (const x of []) {}", ModuleKind::Esm),
            (
                "x.js",
                "module.exports = function handler() {};",
                ModuleKind::CommonJs,
            ),
            ("x.js", "const x = 1;", ModuleKind::CommonJs),
            (
                "x.js",
                "async function f() { await g(); }\nmodule.exports = f;",
                ModuleKind::CommonJs,
            ),
            (
                "x.js",
                "const m = import('./m');\nmodule.exports = m;",
                ModuleKind::CommonJs,
            ),
            (
                "x.js",
                "if (process.env.X) return;\nexports.a = 1;",
                ModuleKind::CommonJs,
            ),
            (
                "x.js",
                "var let = 1; with (Math) { exports.v = max(let, 2); }",
                ModuleKind::CommonJs,
            ),
            ("x.mjs", "const x = 1;", ModuleKind::Esm),
            ("x.cjs", "exports.a = 1;", ModuleKind::CommonJs),
            (
                "x.ts",
                "export default function handler(): void {}",
                ModuleKind::Esm,
            ),
            ("x.ts", "const x: number = 1;", ModuleKind::CommonJs),
            ("x.mts", "const x: number = 1;", ModuleKind::Esm),
            (
                "x.ts",
                "const a: number = await Promise.resolve(1);",
                ModuleKind::Esm,
            ),
            (
                "x.cts",
                "const x: number = 1;\nmodule.exports = x;",
                ModuleKind::CommonJs,
            ),
            ("x.ts", "export {};\nconst x: number = 1;", ModuleKind::Esm),
            ("x.unknown", "module.exports = 1;", ModuleKind::CommonJs),
        ];
        for (path, source, expected) in cases {
            let out = compile_ok(path, source);
            assert_eq!(out.kind, expected, "{path}: {source}");
        }
    }

    #[test]
    fn top_level_await_is_flagged_only_outside_functions() {
        assert!(compile_ok("x.js", "await 1;").has_top_level_await);
        assert!(
            compile_ok("x.mjs", "const f = async () => { await 1; };\nawait f();")
                .has_top_level_await
        );
        assert!(
            !compile_ok("x.mjs", "export const f = async () => { await 1; };").has_top_level_await
        );
    }

    #[test]
    fn commonjs_written_in_typescript_stays_commonjs() {
        let source = "import type { NextApiRequest } from 'next';\n\
                      import { Helper } from './types';\n\
                      module.exports = function handler(req: NextApiRequest, h: Helper) { return 1; };";
        let out = compile_ok("pages/api/c.ts", source);
        assert_eq!(out.kind, ModuleKind::CommonJs);
        assert!(!out.code.contains("export {"), "{}", out.code);
        assert!(!out.code.contains("import "), "{}", out.code);
        assert!(
            out.code
                .starts_with("module.exports = function handler(req, h)"),
            "{}",
            out.code
        );
        assert!(out.imports.is_empty());

        let out = compile_ok("d.ts", "import fs = require('fs');\nexport = { fs };");
        assert_eq!(out.kind, ModuleKind::CommonJs);
        assert!(
            out.code.contains("const fs = require(\"fs\");"),
            "{}",
            out.code
        );
        assert!(
            out.code.contains("module.exports = { fs };"),
            "{}",
            out.code
        );
        assert_eq!(out.requires, vec!["fs".to_owned()]);
        assert_eq!(out.cjs_export_names, vec!["fs".to_owned()]);
    }

    #[test]
    fn plain_javascript_is_returned_unchanged() {
        let source = "// keep   my   formatting\nexport default function handler(req, res) {  res.json({ a: 1 }) }\n";
        let out = transform_with_options(
            Path::new("pages/api/x.js"),
            source,
            &TransformOptions { source_map: true },
        );
        let out = out.unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(out.code, source);
        assert_eq!(out.source_map, None);
    }

    #[test]
    fn source_map_is_only_generated_when_asked() {
        let source = "const a: number = 1;\nexport default a;\n";
        assert_eq!(compile_ok("x.ts", source).source_map, None);
        let out = transform_with_options(
            Path::new("x.ts"),
            source,
            &TransformOptions { source_map: true },
        );
        let map = out.ok().and_then(|out| out.source_map).unwrap_or_default();
        assert!(map.contains("\"version\":3"), "{map}");
        assert!(map.contains("x.ts"), "{map}");
        assert!(map.contains("\"mappings\":\""), "{map}");
    }

    #[test]
    fn imports_cover_static_reexports_and_literal_dynamic_imports() {
        let source = "import a from './a';\nimport './side';\nexport * from './star';\n\
                      export * as ns from './ns';\nexport { x } from './x';\nimport again from './a';\n\
                      const lazy = () => import('./lazy');\nconst tpl = import(`./tpl`);\n\
                      const dynamic = import('./' + name);\nexport default [a, again, lazy, tpl, dynamic];";
        let out = compile_ok("x.js", source);
        let expected = ["./a", "./side", "./star", "./ns", "./x", "./lazy", "./tpl"];
        assert_eq!(out.imports, expected.map(String::from).to_vec());
    }

    #[test]
    fn requires_are_listed_for_commonjs() {
        let source = "const a = require('./a');\nconst { b } = require(`./b`);\nrequire('./a');\n\
                      const c = require(name);\nmodule.exports = { a, b, c };";
        let out = compile_ok("x.js", source);
        assert_eq!(out.requires, vec!["./a".to_owned(), "./b".to_owned()]);
        assert!(out.imports.is_empty());
    }

    #[test]
    fn cjs_export_names_follow_lexer_patterns() {
        let source = "Object.defineProperty(exports, '__esModule', { value: true });\n\
                      exports.alpha = exports.beta = void 0;\n\
                      module.exports.gamma = 1;\n\
                      exports['delta'] = 2;\n\
                      Object.defineProperty(module.exports, 'epsilon', { enumerable: true, get() { return inner.epsilon; } });\n\
                      Object.defineProperty(exports, 'warns', { get() { console.warn('x'); return 1; } });\n\
                      Object.defineProperty(exports, 'literal', { enumerable: true, get() { return 3; } });\n\
                      exports.default = function handler() {};\n\
                      exports[computed] = 4;\n\
                      other.zeta = 5;";
        let out = compile_ok("x.js", source);
        let expected = [
            "__esModule",
            "alpha",
            "beta",
            "gamma",
            "delta",
            "epsilon",
            "default",
        ];
        assert_eq!(out.cjs_export_names, expected.map(String::from).to_vec());
        assert!(out.reexports.is_empty());
    }

    #[test]
    fn module_exports_object_literal_and_reexports() {
        let source = "const c = 1;\nmodule.exports = { a, b: c, 'd-e': 2, [k]: 3, f() {}, ...require('./spread') };";
        let out = compile_ok("x.js", source);
        let expected = ["a", "b", "d-e", "f"];
        assert_eq!(out.cjs_export_names, expected.map(String::from).to_vec());
        assert_eq!(out.reexports, vec!["./spread".to_owned()]);

        let out = compile_ok("x.cjs", "module.exports = require('./other');");
        assert_eq!(out.reexports, vec!["./other".to_owned()]);
        assert!(out.cjs_export_names.is_empty());

        let source = "__exportStar(require('./ts-star'), exports);\n\
                      tslib_1.__exportStar(require('./tslib-star'), exports);\n\
                      _export_star(require('./swc-star'), exports);\n\
                      unrelated(require('./not-a-reexport'), exports);";
        let out = compile_ok("x.js", source);
        let expected = ["./ts-star", "./tslib-star", "./swc-star"];
        assert_eq!(out.reexports, expected.map(String::from).to_vec());
    }

    #[test]
    fn esm_export_names_list_what_the_module_exports() {
        let source = "import type { X } from 'x'\n\
            export async function GET() {}\n\
            export const POST = () => {}, config = { a: 1 }\n\
            export type T = number\n\
            const h = 1\n\
            export { h as PUT }\n\
            export default function () {}\n";
        let out = transform(Path::new("route.ts"), source).expect("compiles");
        assert_eq!(out.kind, ModuleKind::Esm);
        assert_eq!(
            out.esm_export_names,
            ["GET", "POST", "config", "PUT", "default"]
                .map(String::from)
                .to_vec()
        );
    }

    #[test]
    fn esm_has_no_cjs_export_names() {
        let out = compile_ok("x.js", "export const a = 1;\nexports.b = 2;");
        assert_eq!(out.kind, ModuleKind::Esm);
        assert!(out.cjs_export_names.is_empty());
    }

    #[test]
    fn syntax_error_reports_line_column_and_frame() {
        let source = "const a = 1;\nconst b = ;\nconst c = 3;\n";
        let error = compile_err("pages/api/broken.js", source);
        assert_eq!(error.file, Path::new("pages/api/broken.js"));
        assert_eq!(error.diagnostics.len(), 1, "{error}");
        let diagnostic = &error.diagnostics[0];
        assert_eq!((diagnostic.line, diagnostic.column), (2, 11), "{error}");
        assert!(
            diagnostic.code_frame.contains("> 2 | const b = ;"),
            "{error}"
        );
        assert!(
            diagnostic.code_frame.contains("  1 | const a = 1;"),
            "{error}"
        );
        assert!(
            diagnostic.code_frame.contains("    |           ^"),
            "{error}"
        );
        assert!(
            error.to_string().starts_with("pages/api/broken.js:2:11: "),
            "{error}"
        );
    }

    #[test]
    fn typescript_syntax_error_points_into_the_original_source() {
        let source = "type A = {\n  x: number;\n};\nfunction f(a: A) {\n  return a.x +;\n}\n";
        let error = compile_err("x.ts", source);
        let diagnostic = &error.diagnostics[0];
        assert_eq!(diagnostic.line, 5, "{error}");
        assert!(
            diagnostic.code_frame.contains("> 5 |   return a.x +;"),
            "{error}"
        );
    }

    #[test]
    fn every_error_is_reported() {
        let source = "let a = 1;\nlet a = 2;\nconst b = 1;\nconst b = 2;\n";
        let error = compile_err("x.js", source);
        assert_eq!(error.diagnostics.len(), 2, "{error}");
        assert_eq!(error.diagnostics[0].line, 2, "{error}");
        assert_eq!(error.diagnostics[1].line, 4, "{error}");
        let printed = error.to_string();
        assert!(printed.contains("x.js:2:"), "{printed}");
        assert!(printed.contains("x.js:4:"), "{printed}");
    }

    #[test]
    fn recoverable_parse_errors_are_all_reported() {
        let source = "export default 1;\nlet x = 08;\nlet y = 1;\nlet y = 2;\n";
        let error = compile_err("x.mjs", source);
        assert_eq!(error.diagnostics.len(), 2, "{error}");
        assert_eq!(error.diagnostics[0].line, 2, "{error}");
        assert_eq!(error.diagnostics[1].line, 4, "{error}");
    }

    #[test]
    fn an_es_module_calling_an_undeclared_require_gets_one() {
        let out = compile_ok(
            "r.ts",
            "import a from './a';\nconst ms = require('ms');\nexport default [a, ms];",
        );
        assert_eq!(out.kind, ModuleKind::Esm);
        assert!(out.code.starts_with("const require = globalThis[Symbol.for('apiroutes.createRequire')](import.meta.url); "), "{}", out.code);
        assert_eq!(out.requires, vec!["ms".to_owned()]);
        // One of its own (the createRequire pattern) is left alone, and so is CommonJS.
        let own = compile_ok("o.mjs", "import { createRequire } from 'module';\nconst require = createRequire(import.meta.url);\nexport default require('x');");
        assert!(!own.code.contains("apiroutes.createRequire"));
        let cjs = compile_ok("c.js", "module.exports = require('x');");
        assert!(!cjs.code.contains("apiroutes.createRequire"));
    }
}
