//! Loading `next.config.{js,mjs,ts,mts}` as `next start` does (next/src/server/config.ts
//! `loadConfig`): the file is imported on our own JavaScript platform (a script-mode
//! `Worker`, as `apiroutes run`), its default export (or `module.exports`) resolved, a
//! function called with `(phase, { defaultConfig })` and awaited, then `headers()`,
//! `redirects()` and `rewrites()` called and awaited, and the whole object serialised
//! to JSON for `apiroutes_server::next_config::NextConfig`.
//!
//! A config that throws (at import, in its function or in one of the three) stops
//! start-up with the file and the error.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use apiroutes_runtime::WorkerConfig;

/// The files Next looks for, in its order (`CONFIG_FILES`).
const CONFIG_FILES: &[&str] = &[
    "next.config.js",
    "next.config.mjs",
    "next.config.ts",
    "next.config.mts",
];

/// Next's phase names (next/src/shared/lib/constants.ts).
pub const PHASE_PRODUCTION_SERVER: &str = "phase-production-server";
pub const PHASE_DEVELOPMENT_SERVER: &str = "phase-development-server";
pub const PHASE_PRODUCTION_BUILD: &str = "phase-production-build";

/// The evaluated config: the file it came from and its JSON.
pub struct LoadedConfig {
    pub file: PathBuf,
    pub json: serde_json::Value,
}

/// The script that imports the config and writes `{ ok, config | error }` to a file.
const EVALUATE: &str = r#"
import { writeFileSync } from "node:fs";
const [configUrl, phase, out] = process.argv.slice(2);
const defaultConfig = {
  env: {}, basePath: "", trailingSlash: false, skipTrailingSlashRedirect: false,
  poweredByHeader: true, compress: true, generateEtags: true, pageExtensions: ["tsx", "ts", "jsx", "js"],
  headers: undefined, redirects: undefined, rewrites: undefined,
};
let result;
try {
  const mod = await import(configUrl);
  let config = mod.default !== undefined ? mod.default : mod;
  if (config && typeof config === "object" && config.default !== undefined && Object.keys(config).length === 1) {
    config = config.default;
  }
  if (typeof config === "function") config = await config(phase, { defaultConfig });
  else config = await config;
  if (config === null || typeof config !== "object") {
    throw new Error("the config must export an object or a function returning one, got " + (config === null ? "null" : typeof config));
  }
  config = { ...config };
  const keys = Object.keys(config);
  for (const name of ["headers", "redirects", "rewrites"]) {
    if (typeof config[name] === "function") config[name] = await config[name]();
  }
  if (config.env && typeof config.env === "object") {
    const env = {};
    for (const [k, v] of Object.entries(config.env)) env[k] = typeof v === "string" ? v : JSON.stringify(v);
    config.env = env;
  }
  result = { ok: true, keys, config };
} catch (error) {
  let text = String(error);
  const stack = error && typeof error.stack === "string" ? error.stack : "";
  if (stack && !stack.startsWith(text)) text = `${text}\n${stack.trimEnd()}`;
  else if (stack) text = stack.trimEnd();
  result = { ok: false, error: text };
}
writeFileSync(out, JSON.stringify(result));
"#;

/// Finds and evaluates the project's config; `Ok(None)` when it has none.
pub fn load(dir: &Path, phase: &str) -> Result<Option<LoadedConfig>> {
    let Some(file) = CONFIG_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
    else {
        if dir.join("next.config.cjs").is_file() {
            tracing::warn!(
                "next.config.cjs is not loaded (Next does not load it either): rename it to next.config.js"
            );
        }
        return Ok(None);
    };
    let scratch =
        std::env::temp_dir().join(format!("apiroutes-next-config-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)
        .with_context(|| format!("cannot create {}", scratch.display()))?;
    let script = scratch.join("evaluate.mjs");
    let out = scratch.join("result.json");
    std::fs::write(&script, EVALUATE).context("cannot write the config evaluator")?;
    let _ = std::fs::remove_file(&out);
    let url = format!("file://{}", file.display());
    let argv = vec![
        "apiroutes".to_string(),
        script.to_string_lossy().into_owned(),
        url,
        phase.to_string(),
        out.to_string_lossy().into_owned(),
    ];
    let config = WorkerConfig {
        project_dir: dir.to_path_buf(),
        memory_limit: 256 * 1024 * 1024,
        cpu_budget: Duration::from_secs(30),
        max_in_flight: 1,
        preview_mode_id: String::new(),
        prebuilt: None,
        script_mode: true,
        database: apiroutes_store::Store::shared(
            apiroutes_store::DatabaseUrl::parse(None, dir)
                .map_err(|message| anyhow!("{message}"))?,
        ),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start an I/O runtime")?;
    let local = tokio::task::LocalSet::new();
    let code = local.block_on(&runtime, async move {
        let worker = apiroutes_runtime::Worker::new(config)
            .await
            .map_err(|message| anyhow!("{message}"))?;
        let code = worker.run_main(&script, argv).await;
        // As `apiroutes run`: a runtime that still holds values must not be freed.
        std::mem::forget(worker);
        Ok::<i32, anyhow::Error>(code)
    })?;
    let text = std::fs::read_to_string(&out);
    let _ = std::fs::remove_dir_all(&scratch);
    let Ok(text) = text else {
        bail!(
            "{}: the config did not finish evaluating (exit status {code})",
            file.display()
        );
    };
    let result: serde_json::Value =
        serde_json::from_str(&text).context("cannot read the evaluated config")?;
    if result["ok"] != serde_json::Value::Bool(true) {
        bail!(
            "failed to load {}: {}",
            file.display(),
            result["error"].as_str().unwrap_or("unknown error")
        );
    }
    let mut json = result["config"].clone();
    if let Some(object) = json.as_object_mut() {
        // The keys as the user wrote them, functions included (JSON drops those).
        object.insert("__keys".into(), result["keys"].clone());
    }
    Ok(Some(LoadedConfig { file, json }))
}
