//! The project's `.env*` files and `NODE_ENV`, loaded as `next` loads them (`@next/env`):
//!
//! - `NODE_ENV` is set first, when unset: `development` for `dev`, `production` for
//!   `start` and `build` (a non-standard value is kept, with a warning, as Next does);
//! - then, for mode `development`/`production`/`test` (from `NODE_ENV`), the files
//!   `.env.$mode.local`, `.env.local` (not in `test`), `.env.$mode`, `.env`, in that order
//!   of priority: the first file to define a variable wins, and the real environment wins
//!   over every file;
//! - each file is parsed by dotenv 16's rules and expanded by dotenv-expand 10's (the
//!   versions `@next/env` bundles): `$VAR`, `${VAR}`, `${VAR:-default}`, `\$` for a
//!   literal dollar, the environment (including higher-priority files) before the file's
//!   own values, in quoted values too. (dotenvy was tried first: it stops an unbraced
//!   `$NAME` at the first `_`, so `$DATABASE_HOST` would not expand.)
//!
//! This runs before any other thread starts, because it writes the process environment.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

/// Which command loads the project: it picks the default `NODE_ENV`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Dev,
    Start,
    Build,
    Run,
}

/// Sets `NODE_ENV` (not for `run`, as `node` does not) and loads the `.env*` files of
/// `dir`; returns the names of the files that were loaded.
pub fn load(dir: &Path, command: Command) -> Result<Vec<String>, String> {
    let default_mode = match command {
        Command::Dev | Command::Run => "development",
        Command::Start | Command::Build => "production",
    };
    let node_env = std::env::var("NODE_ENV").ok().filter(|v| !v.is_empty());
    match node_env.as_deref() {
        None if command != Command::Run => set("NODE_ENV", default_mode),
        Some(value) if !["production", "development", "test"].contains(&value) => {
            tracing::warn!(
                "You are using a non-standard \"NODE_ENV\" value ({value}); use \
                 production, development or test"
            );
        }
        _ => {}
    }
    let mode = match node_env.as_deref() {
        Some("test") => "test",
        Some("development") => "development",
        Some("production") => "production",
        _ => default_mode,
    };
    let mut names = vec![format!(".env.{mode}.local")];
    if mode != "test" {
        names.push(".env.local".into());
    }
    names.push(format!(".env.{mode}"));
    names.push(".env".into());

    let mut loaded = Vec::new();
    for name in names {
        let path = dir.join(&name);
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|err| format!("{name}: {err}"))?;
        let parsed = parse(&text);
        let environment: HashMap<String, String> = std::env::vars().collect();
        for (key, value) in expand(&parsed, &environment) {
            if std::env::var_os(&key).is_none() {
                set(&key, &value);
            }
        }
        loaded.push(name);
    }
    Ok(loaded)
}

/// dotenv 16's `parse`: `KEY=value` lines (`export ` and `KEY: value` too), values
/// single-, double- or backtick-quoted (multi-line), `\n`/`\r` escapes in double quotes,
/// `#` comments; later lines win. In file order.
pub fn parse(text: &str) -> Vec<(String, String)> {
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line = LINE.get_or_init(|| {
        Regex::new(
            r#"(?m)(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$"#,
        )
        .expect("the dotenv line pattern")
    });
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<(String, String)> = Vec::new();
    for captures in line.captures_iter(&text) {
        let key = captures[1].to_string();
        let raw = captures.get(2).map_or("", |m| m.as_str()).trim();
        let quote = raw.chars().next();
        let mut value = match quote {
            Some(q @ ('\'' | '"' | '`')) if raw.len() >= 2 && raw.ends_with(q) => {
                raw[1..raw.len() - 1].to_string()
            }
            _ => raw.to_string(),
        };
        if quote == Some('"') {
            value = value.replace("\\n", "\n").replace("\\r", "\r");
        }
        out.retain(|(existing, _)| *existing != key);
        out.push((key, value));
    }
    out
}

/// dotenv-expand 10's `expand` of one file's values: a key already in `environment`
/// takes the environment's value; every value has its `$` references replaced.
pub fn expand(
    parsed: &[(String, String)],
    environment: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let own: HashMap<&str, &str> = parsed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    parsed
        .iter()
        .map(|(key, value)| {
            let start = environment.get(key).map_or(value.as_str(), String::as_str);
            (key.clone(), interpolate(start, environment, &own, 0))
        })
        .collect()
}

fn interpolate(
    value: &str,
    environment: &HashMap<String, String>,
    own: &HashMap<&str, &str>,
    depth: usize,
) -> String {
    static REFERENCE: OnceLock<Regex> = OnceLock::new();
    let reference = REFERENCE.get_or_init(|| {
        Regex::new(r"(.?)\$\{*([\w]*(?::-[\w/]*)?)?\}*").expect("the reference pattern")
    });
    if depth > 32 {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut last = 0;
    for captures in reference.captures_iter(value) {
        let whole = captures.get(0).expect("a match");
        let prefix = captures.get(1).map_or("", |m| m.as_str());
        out.push_str(&value[last..whole.start()]);
        last = whole.end();
        if prefix == "\\" {
            out.push_str(&whole.as_str()[1..]);
            continue;
        }
        out.push_str(prefix);
        let spec = captures.get(2).map_or("", |m| m.as_str());
        let (name, default) = spec.split_once(":-").unwrap_or((spec, ""));
        let found = match environment.get(name) {
            Some(v) => v.clone(),
            None => own
                .get(name)
                .filter(|v| !v.is_empty())
                .map(|v| v.to_string())
                .unwrap_or_else(|| default.to_string()),
        };
        out.push_str(&interpolate(&found, environment, own, depth + 1));
    }
    out.push_str(&value[last..]);
    out
}

fn set(key: &str, value: &str) {
    // SAFETY (of the environment write): `load` runs on the main thread before the
    // server, the workers or any helper thread exist.
    std::env::set_var(key, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_as_dotenv_does() {
        let text = "# comment\nA=plain value # trailing\nexport B='single $X'\nC=\"line\\nbreak\"\nD=`back`\nE=\nF: colon\nM=\"multi\nline\"\nA=again\n";
        let parsed: HashMap<String, String> = parse(text).into_iter().collect();
        assert_eq!(parsed["A"], "again");
        assert_eq!(parsed["B"], "single $X");
        assert_eq!(parsed["C"], "line\nbreak");
        assert_eq!(parsed["D"], "back");
        assert_eq!(parsed["E"], "");
        assert_eq!(parsed["F"], "colon");
        assert_eq!(parsed["M"], "multi\nline");
    }

    #[test]
    fn expands_as_dotenv_expand_does() {
        let parsed = parse(
            "HOST_NAME=db\nURL=postgres://$HOST_NAME:${PORT_NUMBER:-5432}/x\nPRICE=\\$5\nREAL=$FROM_ENV\nMISSING=[$NOPE]\nQUOTED='$HOST_NAME'\n",
        );
        let out: HashMap<String, String> = expand(&parsed, &env(&[("FROM_ENV", "yes")]))
            .into_iter()
            .collect();
        assert_eq!(out["URL"], "postgres://db:5432/x");
        assert_eq!(out["PRICE"], "$5");
        assert_eq!(out["REAL"], "yes");
        assert_eq!(out["MISSING"], "[]");
        assert_eq!(out["QUOTED"], "db");
    }

    #[test]
    fn files_by_priority_and_the_environment_wins() {
        let dir = std::env::temp_dir().join(format!("apiroutes-env-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(".env"),
            "APIROUTES_T_A=from-env\nAPIROUTES_T_B=from-env\nAPIROUTES_T_C=$APIROUTES_T_A-x\n",
        )
        .unwrap();
        std::fs::write(dir.join(".env.local"), "APIROUTES_T_A=from-local\n").unwrap();
        std::fs::write(
            dir.join(".env.production"),
            "APIROUTES_T_B=from-production\n",
        )
        .unwrap();
        std::env::set_var("APIROUTES_T_REAL", "real");
        std::fs::write(dir.join(".env.production.local"), "APIROUTES_T_REAL=file\n").unwrap();
        std::env::set_var("NODE_ENV", "production");
        let loaded = load(&dir, Command::Start).unwrap();
        assert_eq!(
            loaded,
            [
                ".env.production.local",
                ".env.local",
                ".env.production",
                ".env"
            ]
        );
        assert_eq!(std::env::var("APIROUTES_T_A").unwrap(), "from-local");
        assert_eq!(std::env::var("APIROUTES_T_B").unwrap(), "from-production");
        assert_eq!(std::env::var("APIROUTES_T_C").unwrap(), "from-local-x");
        assert_eq!(std::env::var("APIROUTES_T_REAL").unwrap(), "real");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
