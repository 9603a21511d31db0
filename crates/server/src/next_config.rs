//! `next.config` as `next start` (Next 16) applies it to requests: `basePath`,
//! `trailingSlash`, `skipTrailingSlashRedirect`, `headers()`, `redirects()`,
//! `rewrites()`, `poweredByHeader`, `compress` (and `env`, which the cli copies into the
//! environment before the workers start).
//!
//! The JSON comes from the cli's loader (the config evaluated on our JavaScript
//! platform, its async functions awaited). Rules are prepared as Next's
//! `load-custom-routes.ts` prepares them (`processRoutes`: basePath prefixed unless
//! `basePath: false`; the trailing-slash redirects put first) and matched as
//! `router-utils/filesystem.ts` `buildCustomRoute` and `resolve-routes.ts` match them
//! (`getPathMatch`, `matchHas`, `prepareDestination`, `compileNonPath`).

use apiroutes_nextspec::uri::URI_COMPONENT;
use apiroutes_router::{
    compile_destination, HasCondition, HasKind, ParamValue, RequestFacts, RoutePattern,
};
use fancy_regex::Regex;
use http::HeaderMap;
use percent_encoding::utf8_percent_encode;
use serde_json::Value;

/// Options this server implements.
const IMPLEMENTED: &[&str] = &[
    "basePath",
    "trailingSlash",
    "skipTrailingSlashRedirect",
    "headers",
    "redirects",
    "rewrites",
    "env",
    "poweredByHeader",
    "compress",
];

/// Options Next knows that shape pages, bundling or images, not API routes: accepted
/// without a word.
const NOT_FOR_API_ROUTES: &[&str] = &[
    "reactStrictMode",
    "images",
    "eslint",
    "typescript",
    "webpack",
    "turbopack",
    "transpilePackages",
    "productionBrowserSourceMaps",
    "reactCompiler",
    "devIndicators",
    "sassOptions",
    "compiler",
    "modularizeImports",
    "distDir",
    "cleanDistDir",
    "pageExtensions",
    "onDemandEntries",
    "excludeDefaultMomentLocales",
    "outputFileTracingRoot",
    "outputFileTracingIncludes",
    "outputFileTracingExcludes",
    "bundlePagesRouterDependencies",
    "serverExternalPackages",
    "allowedDevOrigins",
    "crossOrigin",
    "typedRoutes",
    "logging",
];

/// Options Next knows that this server does not implement (a warning names them).
const NOT_IMPLEMENTED: &[&str] = &[
    "i18n",
    "assetPrefix",
    "generateEtags",
    "httpAgentOptions",
    "output",
    "serverRuntimeConfig",
    "publicRuntimeConfig",
    "cacheHandler",
    "cacheMaxMemorySize",
    "cacheComponents",
    "cacheLife",
    "experimental",
    "expireTime",
    "staticPageGenerationTimeout",
    "generateBuildId",
    "deploymentId",
    "useFileSystemPublicRoutes",
    "amp",
    "exportPathMap",
    "htmlLimitedBots",
    "skipMiddlewareUrlNormalize",
    "skipProxyUrlNormalize",
    "trailingSlashRedirect",
];

/// One `has`/`missing` item, its value regex compiled as `new RegExp(`^${value}$`)`.
#[derive(Debug)]
struct Condition {
    kind: HasKind,
    key: String,
    value: Option<Regex>,
}

#[derive(Debug)]
struct Rule {
    pattern: RoutePattern,
    has: Vec<Condition>,
    missing: Vec<Condition>,
}

#[derive(Debug)]
struct HeaderRule {
    rule: Rule,
    headers: Vec<(String, String)>,
}

#[derive(Debug)]
struct RedirectRule {
    rule: Rule,
    destination: String,
    status: u16,
    /// Next's own trailing-slash redirects: the query re-serialised whole.
    internal: bool,
}

#[derive(Debug)]
struct RewriteRule {
    rule: Rule,
    destination: String,
}

/// Which rewrite list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RewritePhase {
    BeforeFiles,
    AfterFiles,
    Fallback,
}

/// The evaluated config, ready to match requests.
#[derive(Debug)]
pub struct NextConfig {
    /// `basePath` (`""` when unset), without a trailing `/`.
    pub base_path: String,
    pub trailing_slash: bool,
    pub skip_trailing_slash_redirect: bool,
    pub powered_by_header: bool,
    pub compress: bool,
    /// `env`, as strings, for the cli to copy into the environment.
    pub env: Vec<(String, String)>,
    headers: Vec<HeaderRule>,
    redirects: Vec<RedirectRule>,
    before_files: Vec<RewriteRule>,
    after_files: Vec<RewriteRule>,
    fallback: Vec<RewriteRule>,
}

impl Default for NextConfig {
    fn default() -> Self {
        NextConfig {
            base_path: String::new(),
            trailing_slash: false,
            skip_trailing_slash_redirect: false,
            powered_by_header: true,
            compress: true,
            env: Vec::new(),
            headers: Vec::new(),
            redirects: Vec::new(),
            before_files: Vec::new(),
            after_files: Vec::new(),
            fallback: Vec::new(),
        }
    }
}

/// A redirect decision: status and `Location`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub status: u16,
    pub location: String,
}

/// What a rewrite did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rewritten {
    /// An internal destination: route this path and raw query.
    Internal { path: String, query: Option<String> },
    /// An external destination (`https://...`): the full URL.
    External(String),
}

/// The request facts rules look at (the `has`/`missing` of config rules and of the
/// middleware matcher).
pub struct RequestView<'a> {
    pub headers: &'a HeaderMap,
    /// The raw query (after `?`).
    pub query: Option<&'a str>,
}

impl RequestFacts for RequestView<'_> {
    fn header(&self, name: &str) -> Option<String> {
        let values: Vec<String> = self
            .headers
            .get_all(name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }

    fn cookie(&self, name: &str) -> Option<String> {
        let header = self.header("cookie")?;
        apiroutes_nextspec::cookies::parse_cookie_header(&header)
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    fn query(&self, key: &str) -> Option<String> {
        apiroutes_nextspec::url_query::parse(self.query?)
            .into_iter()
            .filter(|(name, _)| name == key)
            .map(|(_, value)| value)
            .next_back()
    }
}

type Params = Vec<(String, ParamValue)>;

impl NextConfig {
    /// Whether the config changes nothing on the request path (no rules, no basePath,
    /// Next's default trailing-slash handling).
    pub fn is_plain(&self) -> bool {
        self.base_path.is_empty()
            && !self.trailing_slash
            && !self.skip_trailing_slash_redirect
            && self.headers.is_empty()
            && self.redirects.is_empty()
            && self.before_files.is_empty()
            && self.after_files.is_empty()
            && self.fallback.is_empty()
    }

    /// Reads the evaluated config; the second value is the warnings to log (unknown
    /// keys, known keys not implemented). Errors where `next start` refuses the config.
    pub fn from_json(json: &Value) -> Result<(NextConfig, Vec<String>), String> {
        let object = json
            .as_object()
            .ok_or("the config is not an object".to_string())?;
        let mut warnings = Vec::new();
        let keys: Vec<String> = match object.get("__keys").and_then(Value::as_array) {
            Some(keys) => keys
                .iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect(),
            None => object.keys().cloned().collect(),
        };
        let unknown: Vec<&str> = keys
            .iter()
            .map(String::as_str)
            .filter(|key| {
                !IMPLEMENTED.contains(key)
                    && !NOT_FOR_API_ROUTES.contains(key)
                    && !NOT_IMPLEMENTED.contains(key)
            })
            .collect();
        if !unknown.is_empty() {
            warnings.push(format!(
                "Invalid next.config options detected: unrecognized key(s): {} (ignored, as Next ignores them)",
                quote_list(&unknown)
            ));
        }
        let unimplemented: Vec<&str> = keys
            .iter()
            .map(String::as_str)
            .filter(|key| NOT_IMPLEMENTED.contains(key))
            .collect();
        if !unimplemented.is_empty() {
            warnings.push(format!(
                "next.config: {} known to Next but not implemented by apiroutes (ignored)",
                quote_list(&unimplemented)
            ));
        }
        let mut config = NextConfig::default();
        if let Some(base) = object.get("basePath") {
            let base = base.as_str().ok_or("basePath must be a string")?;
            if !base.is_empty() {
                if !base.starts_with('/') {
                    return Err(format!(
                        "Specified basePath has to start with a /, found \"{base}\""
                    ));
                }
                if base == "/" {
                    return Err(
                        "Specified basePath /. basePath has to be either an empty string or a path prefix".into(),
                    );
                }
                if base.ends_with('/') {
                    return Err(format!(
                        "Specified basePath should not end with /, found \"{base}\""
                    ));
                }
            }
            config.base_path = base.to_string();
        }
        config.trailing_slash = bool_option(object, "trailingSlash", false)?;
        config.skip_trailing_slash_redirect =
            bool_option(object, "skipTrailingSlashRedirect", false)?;
        config.powered_by_header = bool_option(object, "poweredByHeader", true)?;
        config.compress = bool_option(object, "compress", true)?;
        if let Some(env) = object.get("env").and_then(Value::as_object) {
            for (key, value) in env {
                if key.starts_with("__") || key.starts_with("NODE_") || key == "NEXT_RUNTIME" {
                    return Err(format!(
                        "The key \"{key}\" under \"env\" in next.config is not allowed."
                    ));
                }
                let text = match value {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                config.env.push((key.clone(), text));
            }
        }
        config.redirects = config.trailing_slash_redirects()?;
        for item in rule_list(object.get("redirects"), "redirects")? {
            config.redirects.push(config.redirect_rule(item)?);
        }
        for item in rule_list(object.get("headers"), "headers")? {
            config.headers.push(config.header_rule(item)?);
        }
        match object.get("rewrites") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for item in items {
                    let rule = config.rewrite_rule(item)?;
                    config.after_files.push(rule);
                }
            }
            Some(Value::Object(lists)) => {
                for (name, list) in [
                    ("beforeFiles", RewritePhase::BeforeFiles),
                    ("afterFiles", RewritePhase::AfterFiles),
                    ("fallback", RewritePhase::Fallback),
                ] {
                    for item in rule_list(lists.get(name), "rewrites")? {
                        let rule = config.rewrite_rule(item)?;
                        match list {
                            RewritePhase::BeforeFiles => config.before_files.push(rule),
                            RewritePhase::AfterFiles => config.after_files.push(rule),
                            RewritePhase::Fallback => config.fallback.push(rule),
                        }
                    }
                }
            }
            Some(_) => return Err("rewrites must return an array or an object".into()),
        }
        Ok((config, warnings))
    }

    /// load-custom-routes.ts `loadCustomRoutes`: Next's own trailing-slash redirects, first.
    /// They are added after `processRoutes`, so they get no basePath: `/:path+/` also
    /// redirects outside basePath.
    fn trailing_slash_redirects(&self) -> Result<Vec<RedirectRule>, String> {
        if self.skip_trailing_slash_redirect {
            return Ok(Vec::new());
        }
        let base = &self.base_path;
        let mut list: Vec<(String, String)> = Vec::new();
        if self.trailing_slash {
            if !base.is_empty() {
                list.push((base.clone(), format!("{base}/")));
            }
            list.push((
                r"/:file((?!\.well-known(?:/.*)?)(?:[^/]+/)*[^/]+\.\w+)/".into(),
                "/:file".into(),
            ));
            list.push((
                r"/:notfile((?!\.well-known(?:/.*)?)(?:[^/]+/)*[^/\.]+)".into(),
                "/:notfile/".into(),
            ));
        } else {
            if !base.is_empty() {
                list.push((format!("{base}/"), base.clone()));
            }
            list.push(("/:path+/".into(), "/:path+".into()));
        }
        list.into_iter()
            .map(|(source, destination)| {
                Ok(RedirectRule {
                    rule: Rule {
                        pattern: RoutePattern::compile_internal(&source)?,
                        has: Vec::new(),
                        missing: Vec::new(),
                    },
                    destination,
                    status: 308,
                    internal: true,
                })
            })
            .collect()
    }

    /// `processRoutes`: `basePath` before the source and an internal destination.
    fn with_base(&self, source: &str, destination: &str) -> (String, String) {
        let base = &self.base_path;
        if base.is_empty() {
            return (source.to_string(), destination.to_string());
        }
        let source = if source == "/" {
            base.clone()
        } else {
            format!("{base}{source}")
        };
        let destination = if !destination.starts_with('/') || destination.is_empty() {
            destination.to_string()
        } else if destination == "/" {
            base.clone()
        } else {
            format!("{base}{destination}")
        };
        (source, destination)
    }

    fn rule(&self, item: &Value, kind: &str, restricted: bool) -> Result<(Rule, String), String> {
        let source = item
            .get("source")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("`source` is missing for {kind} route {item}"))?;
        if !source.starts_with('/') {
            return Err(format!(
                "`source` does not start with / for route {}",
                serde_json::to_string(item).unwrap_or_default()
            ));
        }
        let destination = item
            .get("destination")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let (source, destination) = if item.get("basePath") == Some(&Value::Bool(false)) {
            (source.to_string(), destination)
        } else {
            self.with_base(source, &destination)
        };
        let restricted_paths = if restricted {
            vec![format!("{}/_next", self.base_path)]
        } else {
            Vec::new()
        };
        let pattern = RoutePattern::compile(&source, &restricted_paths)
            .map_err(|error| format!("invalid source {source:?} in {kind}: {error}"))?;
        let has = conditions(item.get("has"))?;
        let missing = conditions(item.get("missing"))?;
        Ok((
            Rule {
                pattern,
                has,
                missing,
            },
            destination,
        ))
    }

    fn redirect_rule(&self, item: &Value) -> Result<RedirectRule, String> {
        let (rule, destination) = self.rule(item, "redirect", true)?;
        if item.get("destination").and_then(Value::as_str).is_none() {
            return Err(format!("`destination` is missing for redirect {item}"));
        }
        // getRedirectStatus: statusCode wins, else permanent → 308, else 307.
        let status = match (
            item.get("statusCode").and_then(Value::as_u64),
            item.get("permanent").and_then(Value::as_bool),
        ) {
            (Some(code), _) => {
                if ![301, 302, 303, 307, 308].contains(&code) {
                    return Err(format!(
                        "`statusCode` is not undefined or valid statusCode for redirect {item}"
                    ));
                }
                code as u16
            }
            (None, Some(true)) => 308,
            (None, Some(false)) => 307,
            (None, None) => {
                return Err(format!(
                    "`permanent` is not set to `true` or `false` for redirect {item}"
                ))
            }
        };
        Ok(RedirectRule {
            rule,
            destination,
            status,
            internal: false,
        })
    }

    fn header_rule(&self, item: &Value) -> Result<HeaderRule, String> {
        let (rule, _) = self.rule(item, "header", false)?;
        let list = item
            .get("headers")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("`headers` field must be an array for route {item}"))?;
        let mut headers = Vec::new();
        for header in list {
            let key = header.get("key").and_then(Value::as_str);
            let value = header.get("value").and_then(Value::as_str);
            match (key, value) {
                (Some(key), Some(value)) => headers.push((key.to_string(), value.to_string())),
                _ => return Err(format!("invalid header {header} for route {item}")),
            }
        }
        Ok(HeaderRule { rule, headers })
    }

    fn rewrite_rule(&self, item: &Value) -> Result<RewriteRule, String> {
        let (rule, destination) = self.rule(item, "rewrite", false)?;
        if destination.is_empty() {
            return Err(format!("`destination` is missing for rewrite {item}"));
        }
        Ok(RewriteRule { rule, destination })
    }

    /// `headers()` for this path: every matching rule in order, a later value of the
    /// same key replacing an earlier one (`Set-Cookie` accumulates), as resolve-routes.
    pub fn response_headers(&self, path: &str, request: &RequestView) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for header_rule in &self.headers {
            let Some(params) = header_rule.rule.matches(path, request) else {
                continue;
            };
            for (key, value) in &header_rule.headers {
                let key = compile_non_path(key, &params);
                let value = compile_non_path(value, &params);
                if !key.eq_ignore_ascii_case("set-cookie") {
                    out.retain(|(existing, _)| !existing.eq_ignore_ascii_case(&key));
                }
                out.push((key, value));
            }
        }
        out
    }

    /// The first matching redirect (Next's trailing-slash ones first).
    pub fn redirect(&self, path: &str, request: &RequestView) -> Option<Result<Redirect, String>> {
        for redirect in &self.redirects {
            let Some(params) = redirect.rule.matches(path, request) else {
                continue;
            };
            let location = if redirect.internal {
                compile_destination(&redirect.destination, &params).map(|path| {
                    let search = request
                        .query
                        .map(apiroutes_nextspec::url_query::parse)
                        .map(|pairs| {
                            let grouped = group(pairs, true);
                            stringify(&grouped)
                        })
                        .unwrap_or_default();
                    if search.is_empty() {
                        path
                    } else {
                        format!("{path}?{search}")
                    }
                })
            } else {
                prepare_destination(&redirect.destination, &params, request, false).map(
                    |destination| {
                        let search = stringify(&destination.query);
                        let path = normalize_repeated_slashes(&destination.path);
                        format!(
                            "{}{path}{}{}",
                            destination.origin.unwrap_or_default(),
                            if search.is_empty() {
                                String::new()
                            } else {
                                format!("?{search}")
                            },
                            destination.hash
                        )
                    },
                )
            };
            return Some(location.map(|location| Redirect {
                status: redirect.status,
                location,
            }));
        }
        None
    }

    /// The rewrites of one phase as an iterator over their decisions: the caller applies
    /// each in turn (beforeFiles chain; afterFiles / fallback stop at the first that
    /// reaches a route or file).
    pub fn rewrites(&self, phase: RewritePhase) -> usize {
        self.list(phase).len()
    }

    fn list(&self, phase: RewritePhase) -> &[RewriteRule] {
        match phase {
            RewritePhase::BeforeFiles => &self.before_files,
            RewritePhase::AfterFiles => &self.after_files,
            RewritePhase::Fallback => &self.fallback,
        }
    }

    /// Applies rewrite `index` of `phase` to this path if it matches.
    pub fn rewrite(
        &self,
        phase: RewritePhase,
        index: usize,
        path: &str,
        request: &RequestView,
    ) -> Option<Result<Rewritten, String>> {
        let rewrite = self.list(phase).get(index)?;
        let params = rewrite.rule.matches(path, request)?;
        Some(
            prepare_destination(&rewrite.destination, &params, request, true).map(|destination| {
                if let Some(origin) = destination.origin {
                    let search = stringify_all_encoded(&destination.query);
                    let query = if search.is_empty() {
                        String::new()
                    } else {
                        format!("?{search}")
                    };
                    Rewritten::External(format!("{origin}{}{query}", destination.path))
                } else {
                    let search = stringify_all_encoded(&destination.query);
                    Rewritten::Internal {
                        path: destination.path,
                        query: (!search.is_empty()).then_some(search),
                    }
                }
            }),
        )
    }

    /// The path below `basePath` (`None`: outside it); `/docs` and `/docs/x` are under
    /// `/docs`, `/docsx` is not (`pathHasPrefix`).
    pub fn strip_base<'a>(&self, path: &'a str) -> Option<&'a str> {
        if self.base_path.is_empty() {
            return Some(path);
        }
        let rest = path.strip_prefix(self.base_path.as_str())?;
        if rest.is_empty() {
            Some("/")
        } else if rest.starts_with('/') {
            Some(rest)
        } else {
            None
        }
    }
}

impl Rule {
    /// `getPathMatch` then `matchHas`: the params (has captures merged) or `None`.
    fn matches(&self, path: &str, request: &RequestView) -> Option<Params> {
        let mut params = self.pattern.matches(path)?;
        if self.has.is_empty() && self.missing.is_empty() {
            return Some(params);
        }
        let mut captured = Vec::new();
        for condition in &self.has {
            if !condition_holds(condition, request, &mut captured) {
                return None;
            }
        }
        let mut ignored = Vec::new();
        for condition in &self.missing {
            if condition_holds(condition, request, &mut ignored) {
                return None;
            }
        }
        for (name, value) in captured {
            params.retain(|(existing, _)| *existing != name);
            params.push((name, value));
        }
        Some(params)
    }
}

fn quote_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| format!("'{key}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn bool_option(
    object: &serde_json::Map<String, Value>,
    name: &str,
    default: bool,
) -> Result<bool, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(value)) => Ok(*value),
        Some(other) => Err(format!("{name} must be a boolean, got {other}")),
    }
}

fn rule_list<'a>(value: Option<&'a Value>, name: &str) -> Result<&'a [Value], String> {
    match value {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items.as_slice()),
        Some(other) => Err(format!("{name} must return an array, got {other}")),
    }
}

fn conditions(value: Option<&Value>) -> Result<Vec<Condition>, String> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let items: Vec<HasCondition> = serde_json::from_value(value.clone())
        .map_err(|error| format!("invalid `has`/`missing` {value}: {error}"))?;
    items
        .into_iter()
        .map(|item| {
            let value = match item.value.as_deref() {
                Some(text) if !text.is_empty() => Some(
                    Regex::new(&format!("^{text}$"))
                        .map_err(|error| format!("invalid `has` value {text:?}: {error}"))?,
                ),
                _ => None,
            };
            let key = item.key.unwrap_or_default();
            Ok(Condition {
                key: if item.kind == HasKind::Header {
                    key.to_ascii_lowercase()
                } else {
                    key
                },
                kind: item.kind,
                value,
            })
        })
        .collect()
}

/// `matchHas` for one item; named groups (or the host) are added to `params`.
fn condition_holds(condition: &Condition, request: &RequestView, params: &mut Params) -> bool {
    let value = match condition.kind {
        HasKind::Header => request.header(&condition.key),
        HasKind::Cookie => request.cookie(&condition.key),
        HasKind::Query => request.query(&condition.key),
        HasKind::Host => request
            .header("host")
            .map(|host| host.split(':').next().unwrap_or_default().to_lowercase()),
    };
    let Some(value) = value.filter(|value| !value.is_empty()) else {
        return false;
    };
    let Some(regex) = &condition.value else {
        let name: String = condition
            .key
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        params.push((name, ParamValue::One(value)));
        return true;
    };
    let Ok(Some(captures)) = regex.captures(&value) else {
        return false;
    };
    let mut named = false;
    for name in regex.capture_names().flatten() {
        named = true;
        if let Some(text) = captures.name(name) {
            params.push((name.to_string(), ParamValue::One(text.as_str().to_string())));
        }
    }
    if !named && condition.kind == HasKind::Host {
        if let Some(whole) = captures.get(0) {
            params.push(("host".into(), ParamValue::One(whole.as_str().to_string())));
        }
    }
    true
}

/// `compileNonPath`: `:name` in a header key/value or destination query value
/// replaced by the param (a repeated one joined with `/`); other text kept.
fn compile_non_path(value: &str, params: &Params) -> String {
    if !value.contains(':') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    'outer: while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        // The longest param name that is a prefix of the word wins only when whole.
        for (key, param) in params {
            if key == name {
                let mut skip = name_len;
                if after[name_len..].starts_with(['*', '+', '?']) {
                    skip += 1;
                }
                match param {
                    ParamValue::One(text) => out.push_str(text),
                    ParamValue::Many(parts) => out.push_str(&parts.join("/")),
                }
                rest = &after[skip..];
                continue 'outer;
            }
        }
        out.push(':');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A destination once params are in: origin (`https://host`) for an external one,
/// path, `#hash`, and the merged query (key, from the request, values).
struct Destination {
    origin: Option<String>,
    path: String,
    hash: String,
    query: Vec<(String, bool, Vec<String>)>,
}

/// `prepareDestination`.
fn prepare_destination(
    destination: &str,
    params: &Params,
    request: &RequestView,
    append_params_to_query: bool,
) -> Result<Destination, String> {
    let (origin, rest) = match destination.find("://") {
        Some(at)
            if destination[..at]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            let after = &destination[at + 3..];
            let end = after.find(['/', '?', '#']).unwrap_or(after.len());
            let host = compile_non_path(&after[..end], params);
            (
                Some(format!("{}://{host}", &destination[..at])),
                &after[end..],
            )
        }
        _ => (None, destination),
    };
    let (rest, hash) = match rest.split_once('#') {
        Some((before, hash)) => (before, format!("#{hash}")),
        None => (rest, String::new()),
    };
    let (path, dest_query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let path = if path.is_empty() { "/" } else { path };
    let mut dest: Vec<(String, bool, Vec<String>)> = Vec::new();
    for (key, value) in apiroutes_nextspec::querystring::parse_node(dest_query.unwrap_or("")) {
        let value = compile_non_path(&value, params);
        match dest.iter_mut().find(|(existing, _, _)| *existing == key) {
            Some((_, _, values)) => values.push(value),
            None => dest.push((key, false, vec![value])),
        }
    }
    if append_params_to_query {
        let used_in_path = params.iter().any(|(name, _)| uses_param(path, name));
        if !used_in_path {
            for (name, value) in params {
                if dest.iter().any(|(key, _, _)| key == name) {
                    continue;
                }
                let values = match value {
                    ParamValue::One(text) => vec![text.clone()],
                    ParamValue::Many(parts) => parts.clone(),
                };
                dest.push((name.clone(), false, values));
            }
        }
    }
    let path = compile_destination(path, params).map_err(|error| {
        if error.contains("to not repeat") {
            "To use a multi-match in the destination you must add `*` at the end of the param name to signify it should repeat. https://nextjs.org/docs/messages/invalid-multi-match".to_string()
        } else {
            error
        }
    })?;
    // Query merge order: the request's query, then the destination's.
    let mut query = request
        .query
        .map(|query| group(apiroutes_nextspec::url_query::parse(query), true))
        .unwrap_or_default();
    for (key, from_request, values) in dest {
        match query.iter_mut().find(|(existing, _, _)| *existing == key) {
            Some(entry) => *entry = (key, from_request, values),
            None => query.push((key, from_request, values)),
        }
    }
    js_key_order(&mut query);
    Ok(Destination {
        origin,
        path,
        hash,
        query,
    })
}

fn uses_param(path: &str, name: &str) -> bool {
    let needle = format!(":{name}");
    path.match_indices(&needle).any(|(at, _)| {
        path[at + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
    })
}

fn group(pairs: Vec<(String, String)>, from_request: bool) -> Vec<(String, bool, Vec<String>)> {
    let mut out: Vec<(String, bool, Vec<String>)> = Vec::new();
    for (key, value) in pairs {
        match out.iter_mut().find(|(existing, _, _)| *existing == key) {
            Some((_, _, values)) => values.push(value),
            None => out.push((key, from_request, vec![value])),
        }
    }
    js_key_order(&mut out);
    out
}

/// JavaScript objects enumerate array-index keys first, ascending.
fn js_key_order(entries: &mut [(String, bool, Vec<String>)]) {
    entries.sort_by_key(|(key, _, _)| {
        let index = (!key.is_empty()
            && (key == "0" || !key.starts_with('0'))
            && key.bytes().all(|b| b.is_ascii_digit()))
        .then(|| key.parse::<u32>().ok())
        .flatten();
        index.map_or((1, 0), |index| (0, index))
    });
}

/// Next's `stringifyQuery` for redirects: what came from the request is encoded with
/// `encodeURIComponent`, what the destination added is written as it is.
fn stringify(query: &[(String, bool, Vec<String>)]) -> String {
    let mut fields = Vec::new();
    for (key, from_request, values) in query {
        let encode = |text: &str| {
            if *from_request {
                utf8_percent_encode(text, URI_COMPONENT).to_string()
            } else {
                text.to_string()
            }
        };
        for value in values {
            fields.push(format!("{}={}", encode(key), encode(value)));
        }
    }
    fields.join("&")
}

/// The query of a rewritten request, every key and value encoded.
fn stringify_all_encoded(query: &[(String, bool, Vec<String>)]) -> String {
    let mut fields = Vec::new();
    for (key, _, values) in query {
        for value in values {
            fields.push(format!(
                "{}={}",
                utf8_percent_encode(key, URI_COMPONENT),
                utf8_percent_encode(value, URI_COMPONENT)
            ));
        }
    }
    fields.join("&")
}

/// `normalizeRepeatedSlashes` on a pathname: `\` → `/`, runs of `/` collapsed.
fn normalize_repeated_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        let c = if c == '\\' { '/' } else { c };
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config(json: Value) -> NextConfig {
        NextConfig::from_json(&json).unwrap().0
    }

    fn view<'a>(headers: &'a HeaderMap, query: Option<&'a str>) -> RequestView<'a> {
        RequestView { headers, query }
    }

    #[test]
    fn redirect_with_params_and_query() {
        let config = config(json!({ "redirects": [
            { "source": "/old/:slug", "destination": "/new/:slug?x=1", "permanent": false },
            { "source": "/blog/:path*", "destination": "/news/:path*", "statusCode": 301 },
        ]}));
        let headers = HeaderMap::new();
        let found = config
            .redirect("/old/a", &view(&headers, Some("q=a b")))
            .unwrap()
            .unwrap();
        assert_eq!(found.status, 307);
        assert_eq!(found.location, "/new/a?q=a%20b&x=1");
        let found = config
            .redirect("/blog/a/b", &view(&headers, None))
            .unwrap()
            .unwrap();
        assert_eq!((found.status, found.location.as_str()), (301, "/news/a/b"));
        // Case-insensitive and one trailing slash allowed (modifyRouteRegex).
        assert!(config.redirect("/OLD/a/", &view(&headers, None)).is_some());
        assert!(config.redirect("/old", &view(&headers, None)).is_none());
    }

    #[test]
    fn trailing_slash_redirects_with_base_path() {
        let config = config(json!({ "basePath": "/docs" }));
        let headers = HeaderMap::new();
        let go = |path: &str| {
            config
                .redirect(path, &view(&headers, None))
                .map(|r| r.unwrap().location)
        };
        assert_eq!(go("/docs/").as_deref(), Some("/docs"));
        assert_eq!(go("/docs/api/x/").as_deref(), Some("/docs/api/x"));
        assert_eq!(go("/other/").as_deref(), Some("/other"));
        assert_eq!(go("/docs/api/x"), None);
        let config = self::config(json!({ "trailingSlash": true }));
        let go = |path: &str| {
            config
                .redirect(path, &view(&headers, None))
                .map(|r| r.unwrap().location)
        };
        assert_eq!(go("/api/x").as_deref(), Some("/api/x/"));
        assert_eq!(go("/file.txt/").as_deref(), Some("/file.txt"));
        assert_eq!(go("/api/x/"), None);
        assert_eq!(go("/"), None);
    }

    #[test]
    fn headers_last_wins_and_params() {
        let config = config(json!({ "headers": [
            { "source": "/api/:name", "headers": [{ "key": "x-a", "value": "one" }] },
            { "source": "/api/:name", "headers": [{ "key": "X-A", "value": "two-:name" }] },
        ]}));
        let headers = HeaderMap::new();
        let out = config.response_headers("/api/hello", &view(&headers, None));
        assert_eq!(out, vec![("X-A".to_string(), "two-hello".to_string())]);
    }

    #[test]
    fn has_and_missing() {
        let config = config(json!({ "rewrites": [
            { "source": "/api/r", "destination": "/api/target/:who",
              "has": [{ "type": "header", "key": "x-who", "value": "(?<who>[a-z]+)" }],
              "missing": [{ "type": "cookie", "key": "skip" }] },
        ]}));
        let mut headers = HeaderMap::new();
        headers.insert("x-who", "bob".parse().unwrap());
        let out = config.rewrite(
            RewritePhase::AfterFiles,
            0,
            "/api/r",
            &view(&headers, Some("a=1")),
        );
        assert_eq!(
            out.unwrap().unwrap(),
            Rewritten::Internal {
                path: "/api/target/bob".into(),
                query: Some("a=1".into())
            }
        );
        headers.insert("cookie", "skip=1".parse().unwrap());
        assert!(config
            .rewrite(RewritePhase::AfterFiles, 0, "/api/r", &view(&headers, None))
            .is_none());
    }

    #[test]
    fn rewrite_appends_unused_params_to_query() {
        let config = config(json!({ "rewrites": [
            { "source": "/p/:id", "destination": "/api/item" },
            { "source": "/ext/:path*", "destination": "https://example.com/:path*" },
        ]}));
        let headers = HeaderMap::new();
        let out = config.rewrite(RewritePhase::AfterFiles, 0, "/p/7", &view(&headers, None));
        assert_eq!(
            out.unwrap().unwrap(),
            Rewritten::Internal {
                path: "/api/item".into(),
                query: Some("id=7".into())
            }
        );
        let out = config.rewrite(
            RewritePhase::AfterFiles,
            1,
            "/ext/a/b",
            &view(&headers, None),
        );
        assert_eq!(
            out.unwrap().unwrap(),
            Rewritten::External("https://example.com/a/b".into())
        );
    }

    #[test]
    fn base_path_validation_and_unknown_keys() {
        assert!(NextConfig::from_json(&json!({ "basePath": "docs" })).is_err());
        assert!(NextConfig::from_json(&json!({ "basePath": "/docs/" })).is_err());
        let (_, warnings) =
            NextConfig::from_json(&json!({ "foo": 1, "i18n": {}, "images": {} })).unwrap();
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].contains("'foo'"));
        assert!(warnings[1].contains("'i18n'"));
    }
}
