//! Middleware `config.matcher` (SPEC 12): the JSON-shaped configuration, the
//! subset of path-to-regexp 6.3 that Next compiles each `source` with, and the
//! `has`/`missing` conditions of Next's `matchHas`.
//!
//! Next wraps every source as `/:nextData(_next/data/[^/]{1,})?<source>{(\.json)}?`
//! before compiling it, compiles it non-strict (one trailing `/` allowed) and
//! runs the resulting regex without flags, so matching is case-sensitive. We do
//! the same, which is why `/api/mw/:path*` also matches `/api/mw` and
//! `/api/mw.json`. Sources are JavaScript regex syntax; lookahead, which real
//! matchers use a lot, needs `fancy-regex`.

use fancy_regex::Regex;
use serde::Deserialize;

use crate::error::MatcherError;
use crate::segment::decode_uri_component;
use crate::table::ParamValue;

/// `config.matcher` as written in the middleware module (mirrors the JSON).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum MatcherConfig {
    /// `matcher: '/api/:path*'` or `matcher: { source: ... }`.
    One(MatcherEntry),
    /// `matcher: [...]`.
    Many(Vec<MatcherEntry>),
}

/// One element of `config.matcher`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum MatcherEntry {
    /// A bare path-to-regexp source.
    Source(String),
    /// `{ source, has?, missing?, locale? }`.
    Object(MatcherObject),
}

/// The object form of a matcher entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MatcherObject {
    /// The path-to-regexp source.
    pub source: String,
    /// Conditions that must all hold.
    #[serde(default)]
    pub has: Vec<HasCondition>,
    /// Conditions none of which may hold.
    #[serde(default)]
    pub missing: Vec<HasCondition>,
    /// Only meaningful with i18n, which is not supported; accepted and ignored.
    #[serde(default)]
    pub locale: Option<bool>,
}

/// One `has`/`missing` item: `{ type, key, value? }` (`host` has no key).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HasCondition {
    /// What to look at.
    #[serde(rename = "type")]
    pub kind: HasKind,
    /// Header, cookie or query name.
    #[serde(default)]
    pub key: Option<String>,
    /// A regex the value must match in full (`^value$`); absent = must be present and non-empty.
    #[serde(default)]
    pub value: Option<String>,
}

/// The `type` of a `has`/`missing` item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HasKind {
    /// A request header (name compared case-insensitively).
    Header,
    /// A request cookie.
    Cookie,
    /// A query parameter.
    Query,
    /// The Host header without port, lower-cased.
    Host,
}

/// What a `has`/`missing` condition can ask about a request.
pub trait RequestFacts {
    /// A header by lower-case name; several values joined with `", "` as Node does.
    fn header(&self, name: &str) -> Option<String>;
    /// A cookie value as parsed from the Cookie header.
    fn cookie(&self, name: &str) -> Option<String>;
    /// A query parameter, decoded as Node's `querystring` does; the last value
    /// when it appears several times.
    fn query(&self, key: &str) -> Option<String>;
}

#[derive(Debug, Clone)]
struct CompiledCondition {
    kind: HasKind,
    key: String,
    value: Option<Regex>,
}

#[derive(Debug, Clone)]
struct CompiledEntry {
    path: Regex,
    has: Vec<CompiledCondition>,
    missing: Vec<CompiledCondition>,
}

/// A compiled middleware matcher. The default matches every request (no
/// `config.matcher`).
#[derive(Debug, Clone, Default)]
pub struct MiddlewareMatcher {
    /// `None`: no matcher configured, middleware runs everywhere.
    entries: Option<Vec<CompiledEntry>>,
}

impl MiddlewareMatcher {
    /// Compiles `config.matcher`; errors where `next build` would reject it
    /// or where a regex uses syntax the engine lacks.
    pub fn compile(config: &MatcherConfig) -> Result<Self, MatcherError> {
        let entries: Vec<&MatcherEntry> = match config {
            MatcherConfig::One(entry) => vec![entry],
            MatcherConfig::Many(entries) => entries.iter().collect(),
        };
        let compiled = entries
            .into_iter()
            .map(compile_entry)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(MiddlewareMatcher {
            entries: Some(compiled),
        })
    }

    /// Whether middleware runs for this normalised, still-encoded path. Like
    /// Next, the path is tried as it is and also `decodeURIComponent`-decoded.
    pub fn matches(&self, path: &str, request: &dyn RequestFacts) -> bool {
        let Some(entries) = &self.entries else {
            return true;
        };
        let decoded = decode_uri_component(path).filter(|decoded| decoded != path);
        entries.iter().any(|entry| {
            let path_matches = regex_matches(&entry.path, path)
                || decoded
                    .as_deref()
                    .is_some_and(|decoded| regex_matches(&entry.path, decoded));
            path_matches
                && entry
                    .has
                    .iter()
                    .all(|condition| condition_holds(condition, request))
                && !entry
                    .missing
                    .iter()
                    .any(|condition| condition_holds(condition, request))
        })
    }
}

/// A regex that gives up (backtracking limit) counts as no match rather than
/// an error, so a pathological path cannot fail the request.
fn regex_matches(regex: &Regex, text: &str) -> bool {
    regex.is_match(text).unwrap_or(false)
}

fn compile_entry(entry: &MatcherEntry) -> Result<CompiledEntry, MatcherError> {
    let (source, has, missing) = match entry {
        MatcherEntry::Source(source) => (source.as_str(), &[][..], &[][..]),
        MatcherEntry::Object(object) => (
            object.source.as_str(),
            object.has.as_slice(),
            object.missing.as_slice(),
        ),
    };
    let regex_source = middleware_regex_source(source)?;
    Ok(CompiledEntry {
        path: compile_regex(&regex_source)?,
        has: has
            .iter()
            .map(compile_condition)
            .collect::<Result<_, _>>()?,
        missing: missing
            .iter()
            .map(compile_condition)
            .collect::<Result<_, _>>()?,
    })
}

fn compile_regex(pattern: &str) -> Result<Regex, MatcherError> {
    Regex::new(pattern).map_err(|error| MatcherError::InvalidRegex {
        pattern: pattern.to_owned(),
        reason: error.to_string(),
    })
}

fn compile_condition(condition: &HasCondition) -> Result<CompiledCondition, MatcherError> {
    // `!hasItem.value` in Next: an empty value means "just present".
    let value = match condition.value.as_deref() {
        Some(value) if !value.is_empty() => Some(compile_regex(&format!("^{value}$"))?),
        _ => None,
    };
    let key = condition.key.clone().unwrap_or_default();
    let key = match condition.kind {
        HasKind::Header => key.to_ascii_lowercase(),
        _ => key,
    };
    Ok(CompiledCondition {
        kind: condition.kind,
        key,
        value,
    })
}

fn condition_holds(condition: &CompiledCondition, request: &dyn RequestFacts) -> bool {
    let value = match condition.kind {
        HasKind::Header => request.header(&condition.key),
        HasKind::Cookie => request.cookie(&condition.key),
        HasKind::Query => request.query(&condition.key),
        HasKind::Host => request
            .header("host")
            .map(|host| host.split(':').next().unwrap_or_default().to_lowercase()),
    };
    // An empty string is falsy in Next's check, so it never satisfies a condition.
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return false;
    };
    match &condition.value {
        None => true,
        Some(regex) => regex_matches(regex, &value),
    }
}

/// The regex source Next builds for a middleware `source` (no basePath, no i18n).
fn middleware_regex_source(source: &str) -> Result<String, MatcherError> {
    if !source.starts_with('/') {
        return Err(MatcherError::SourceMustStartWithSlash {
            matcher: source.to_owned(),
        });
    }
    let suffix = if source == "/" {
        r"(/?index|/?index\.json)?"
    } else {
        r"{(\.json)}?"
    };
    let wrapped = format!("/:nextData(_next/data/[^/]{{1,}})?{source}{suffix}");
    let tokens = parse(&wrapped, DELIMITER).map_err(|reason| MatcherError::InvalidSource {
        matcher: source.to_owned(),
        reason,
    })?;
    Ok(tokens_to_regex(&tokens, DELIMITER, false))
}

/// path-to-regexp's default delimiters.
const DELIMITER: &str = "/#?";

#[derive(Debug, Clone, PartialEq, Eq)]
enum LexToken {
    Modifier(char),
    EscapedChar(char),
    Open,
    Close,
    Name(String),
    Pattern(String),
    Char(char),
    End,
}

/// path-to-regexp's `lexer`.
fn lex(source: &str) -> Result<Vec<LexToken>, String> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        match ch {
            '*' | '+' | '?' => {
                tokens.push(LexToken::Modifier(ch));
                i += 1;
            }
            '\\' => {
                let escaped = chars
                    .get(i + 1)
                    .copied()
                    .ok_or_else(|| format!("Dangling escape at {i}"))?;
                tokens.push(LexToken::EscapedChar(escaped));
                i += 2;
            }
            '{' => {
                tokens.push(LexToken::Open);
                i += 1;
            }
            '}' => {
                tokens.push(LexToken::Close);
                i += 1;
            }
            ':' => {
                let mut j = i + 1;
                let mut name = String::new();
                while let Some(&c) = chars.get(j) {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        name.push(c);
                        j += 1;
                    } else {
                        break;
                    }
                }
                if name.is_empty() {
                    return Err(format!("Missing parameter name at {i}"));
                }
                tokens.push(LexToken::Name(name));
                i = j;
            }
            '(' => {
                let mut count = 1;
                let mut pattern = String::new();
                let mut j = i + 1;
                if chars.get(j) == Some(&'?') {
                    return Err(format!("Pattern cannot start with \"?\" at {j}"));
                }
                while j < chars.len() {
                    if chars[j] == '\\' {
                        pattern.push(chars[j]);
                        if let Some(&next) = chars.get(j + 1) {
                            pattern.push(next);
                        }
                        j += 2;
                        continue;
                    }
                    if chars[j] == ')' {
                        count -= 1;
                        if count == 0 {
                            j += 1;
                            break;
                        }
                    } else if chars[j] == '(' {
                        count += 1;
                        if chars.get(j + 1) != Some(&'?') {
                            return Err(format!("Capturing groups are not allowed at {j}"));
                        }
                    }
                    pattern.push(chars[j]);
                    j += 1;
                }
                if count != 0 {
                    return Err(format!("Unbalanced pattern at {i}"));
                }
                if pattern.is_empty() {
                    return Err(format!("Missing pattern at {i}"));
                }
                tokens.push(LexToken::Pattern(pattern));
                i = j;
            }
            _ => {
                tokens.push(LexToken::Char(ch));
                i += 1;
            }
        }
    }
    tokens.push(LexToken::End);
    Ok(tokens)
}

/// A parsed path-to-regexp token.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PathToken {
    Text(String),
    Key {
        /// The `:name`, or the index of an unnamed `(group)` as path-to-regexp numbers them.
        name: String,
        prefix: String,
        suffix: String,
        pattern: String,
        modifier: String,
    },
}

/// path-to-regexp 6.3's `parse` (default prefixes `./`).
fn parse(source: &str, delimiter: &str) -> Result<Vec<PathToken>, String> {
    let tokens = lex(source)?;
    let mut result: Vec<PathToken> = Vec::new();
    let mut i = 0;
    let mut key_index = 0usize;
    let mut next_name = |name: Option<String>| {
        name.unwrap_or_else(|| {
            key_index += 1;
            (key_index - 1).to_string()
        })
    };
    let mut path = String::new();

    let try_char = |i: &mut usize| match tokens.get(*i) {
        Some(LexToken::Char(c)) => {
            *i += 1;
            Some(*c)
        }
        _ => None,
    };
    let try_escaped = |i: &mut usize| match tokens.get(*i) {
        Some(LexToken::EscapedChar(c)) => {
            *i += 1;
            Some(*c)
        }
        _ => None,
    };
    let try_name = |i: &mut usize| match tokens.get(*i) {
        Some(LexToken::Name(n)) => {
            *i += 1;
            Some(n.clone())
        }
        _ => None,
    };
    let try_pattern = |i: &mut usize| match tokens.get(*i) {
        Some(LexToken::Pattern(p)) => {
            *i += 1;
            Some(p.clone())
        }
        _ => None,
    };
    let try_modifier = |i: &mut usize| match tokens.get(*i) {
        Some(LexToken::Modifier(m)) => {
            *i += 1;
            m.to_string()
        }
        _ => String::new(),
    };
    let consume_text = |i: &mut usize| {
        let mut text = String::new();
        while let Some(c) = try_char(i).or_else(|| try_escaped(i)) {
            text.push(c);
        }
        text
    };

    while i < tokens.len() {
        let ch = try_char(&mut i);
        let name = try_name(&mut i);
        let pattern = try_pattern(&mut i);
        if name.is_some() || pattern.is_some() {
            let mut prefix = ch.map(String::from).unwrap_or_default();
            if !prefix.is_empty() && !"./".contains(prefix.as_str()) {
                path.push_str(&prefix);
                prefix.clear();
            }
            if !path.is_empty() {
                result.push(PathToken::Text(std::mem::take(&mut path)));
            }
            let pattern = match pattern {
                Some(pattern) => pattern,
                None => safe_pattern(&prefix, &result, delimiter),
            };
            result.push(PathToken::Key {
                name: next_name(name),
                prefix,
                suffix: String::new(),
                pattern,
                modifier: try_modifier(&mut i),
            });
            continue;
        }
        if let Some(value) = ch.or_else(|| try_escaped(&mut i)) {
            path.push(value);
            continue;
        }
        if !path.is_empty() {
            result.push(PathToken::Text(std::mem::take(&mut path)));
        }
        if matches!(tokens.get(i), Some(LexToken::Open)) {
            i += 1;
            let prefix = consume_text(&mut i);
            let name = try_name(&mut i);
            let pattern = try_pattern(&mut i).unwrap_or_default();
            let suffix = consume_text(&mut i);
            if !matches!(tokens.get(i), Some(LexToken::Close)) {
                return Err(format!("Unexpected {:?}, expected CLOSE", tokens.get(i)));
            }
            i += 1;
            let pattern = if name.is_some() && pattern.is_empty() {
                safe_pattern(&prefix, &result, delimiter)
            } else {
                pattern
            };
            let name = if name.is_none() && pattern.is_empty() {
                String::new()
            } else {
                next_name(name)
            };
            result.push(PathToken::Key {
                name,
                prefix,
                suffix,
                pattern,
                modifier: try_modifier(&mut i),
            });
            continue;
        }
        match tokens.get(i) {
            Some(LexToken::End) => i += 1,
            other => return Err(format!("Unexpected {other:?}, expected END")),
        }
    }
    Ok(result)
}

/// path-to-regexp 6.3's `safePattern`: the default `[^/#?]+?`, or a variant
/// that cannot run into the preceding text when that text has no delimiter.
fn safe_pattern(prefix: &str, result: &[PathToken], delimiters: &str) -> String {
    let previous_text = if prefix.is_empty() {
        match result.last() {
            Some(PathToken::Text(text)) => text.as_str(),
            _ => "",
        }
    } else {
        prefix
    };
    let delimiter = escape_string(delimiters);
    if previous_text.is_empty() || previous_text.chars().any(|c| delimiters.contains(c)) {
        format!("[^{delimiter}]+?")
    } else {
        format!("(?:(?!{})[^{delimiter}])+?", escape_string(previous_text))
    }
}

/// path-to-regexp's `tokensToRegexp` (anchored; `strict` drops the optional trailing delimiter).
fn tokens_to_regex(tokens: &[PathToken], delimiter: &str, strict: bool) -> String {
    let mut route = String::from("^");
    for token in tokens {
        match token {
            PathToken::Text(text) => route.push_str(&escape_string(text)),
            PathToken::Key {
                prefix,
                suffix,
                pattern,
                modifier,
                ..
            } => {
                let prefix = escape_string(prefix);
                let suffix = escape_string(suffix);
                let repeated = modifier == "+" || modifier == "*";
                if pattern.is_empty() {
                    route.push_str(&format!("(?:{prefix}{suffix}){modifier}"));
                } else if !prefix.is_empty() || !suffix.is_empty() {
                    if repeated {
                        let optional = if modifier == "*" { "?" } else { "" };
                        route.push_str(&format!(
                            "(?:{prefix}((?:{pattern})(?:{suffix}{prefix}(?:{pattern}))*){suffix}){optional}"
                        ));
                    } else {
                        route.push_str(&format!("(?:{prefix}({pattern}){suffix}){modifier}"));
                    }
                } else if repeated {
                    route.push_str(&format!("((?:{pattern}){modifier})"));
                } else {
                    route.push_str(&format!("({pattern}){modifier}"));
                }
            }
        }
    }
    if !strict {
        route.push_str(&format!("[{}]?", escape_string(delimiter)));
    }
    route.push('$');
    route
}

/// path-to-regexp's `escapeString`: backslash before `.+*?=^!:${}()[]|/\`.
fn escape_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ".+*?=^!:${}()[]|/\\".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A `next.config` route `source` (`headers`, `redirects`, `rewrites`) compiled as
/// Next's `getPathMatch(source, { strict: true, removeUnnamedParams: true,
/// regexModifier: modifyRouteRegex })` (server/lib/router-utils/filesystem.ts
/// `buildCustomRoute`): path-to-regexp with delimiter `/`, case-insensitive, then an
/// optional trailing `/` and, for redirects, a refusal of `<basePath>/_next`.
#[derive(Debug, Clone)]
pub struct RoutePattern {
    regex: Regex,
    /// Named keys in capture-group order: (name, repeated, prefix + suffix).
    keys: Vec<(String, bool, String)>,
}

impl RoutePattern {
    /// Compiles `source`; `restricted` are path prefixes the pattern must not match
    /// (`["/_next"]` for redirects).
    pub fn compile(source: &str, restricted: &[String]) -> Result<Self, String> {
        Self::compile_with(source, restricted, true)
    }

    /// A rule Next marks `internal` (its own trailing-slash redirects): no
    /// `modifyRouteRegex`, so no optional trailing `/`.
    pub fn compile_internal(source: &str) -> Result<Self, String> {
        Self::compile_with(source, &[], false)
    }

    fn compile_with(source: &str, restricted: &[String], modify: bool) -> Result<Self, String> {
        let tokens = parse(source, "/")?;
        let mut regex = tokens_to_regex(&tokens, "/", true);
        if !modify {
            let regex = Regex::new(&format!("(?i){regex}")).map_err(|error| error.to_string())?;
            return Ok(RoutePattern {
                regex,
                keys: route_keys(&tokens),
            });
        }
        if !restricted.is_empty() {
            let alternatives: Vec<String> = restricted
                .iter()
                .map(|path| path.replace('/', "\\/"))
                .collect();
            regex = format!("^(?!{}){}", alternatives.join("|"), &regex[1..]);
        }
        regex.truncate(regex.len() - 1);
        regex.push_str("(?:\\/)?$");
        let regex = Regex::new(&format!("(?i){regex}")).map_err(|error| error.to_string())?;
        Ok(RoutePattern {
            regex,
            keys: route_keys(&tokens),
        })
    }

    /// The named params of a match (`regexpToFunction`: values as matched, not
    /// decoded; a repeated key split on its prefix), or `None`.
    pub fn matches(&self, path: &str) -> Option<Vec<(String, ParamValue)>> {
        let captures = self.regex.captures(path).ok()??;
        let mut params = Vec::new();
        for (index, (name, repeated, separator)) in self.keys.iter().enumerate() {
            let Some(text) = captures.get(index + 1) else {
                continue;
            };
            if name.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let value = if *repeated {
                let parts = if separator.is_empty() {
                    vec![text.as_str().to_owned()]
                } else {
                    text.as_str()
                        .split(separator.as_str())
                        .map(str::to_owned)
                        .collect()
                };
                ParamValue::Many(parts)
            } else {
                ParamValue::One(text.as_str().to_owned())
            };
            params.push((name.clone(), value));
        }
        Some(params)
    }
}

/// The keys that capture, in group order: (name, repeated, prefix + suffix).
fn route_keys(tokens: &[PathToken]) -> Vec<(String, bool, String)> {
    tokens
        .iter()
        .filter_map(|token| match token {
            PathToken::Key {
                name,
                prefix,
                suffix,
                pattern,
                modifier,
            } if !pattern.is_empty() => Some((
                name.clone(),
                modifier == "*" || modifier == "+",
                format!("{prefix}{suffix}"),
            )),
            _ => None,
        })
        .collect()
}

/// path-to-regexp's `compile(destination, { validate: false })` with Next's params
/// (prepareDestination): `:name` replaced by its value, a repeated value joined with
/// its prefix, an absent optional key dropped; an absent required key is an error.
pub fn compile_destination(
    destination: &str,
    params: &[(String, ParamValue)],
) -> Result<String, String> {
    let tokens = parse(destination, DELIMITER)?;
    let mut out = String::new();
    for token in &tokens {
        match token {
            PathToken::Text(text) => out.push_str(text),
            PathToken::Key {
                name,
                prefix,
                suffix,
                modifier,
                ..
            } => {
                let optional = modifier == "?" || modifier == "*";
                let repeat = modifier == "*" || modifier == "+";
                match params.iter().find(|(key, _)| key == name).map(|(_, v)| v) {
                    Some(ParamValue::Many(values)) => {
                        if !repeat {
                            return Err(format!(
                                "Expected \"{name}\" to not repeat, but got an array"
                            ));
                        }
                        for value in values {
                            out.push_str(&format!("{prefix}{value}{suffix}"));
                        }
                    }
                    Some(ParamValue::One(value)) => {
                        out.push_str(&format!("{prefix}{value}{suffix}"))
                    }
                    None if optional => {}
                    None => return Err(format!("Expected \"{name}\" to be a string")),
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Facts {
        headers: HashMap<String, String>,
        cookies: HashMap<String, String>,
        query: HashMap<String, String>,
    }

    impl RequestFacts for Facts {
        fn header(&self, name: &str) -> Option<String> {
            self.headers.get(name).cloned()
        }
        fn cookie(&self, name: &str) -> Option<String> {
            self.cookies.get(name).cloned()
        }
        fn query(&self, key: &str) -> Option<String> {
            self.query.get(key).cloned()
        }
    }

    fn facts_with_header(name: &str, value: &str) -> Facts {
        let mut facts = Facts::default();
        facts.headers.insert(name.to_owned(), value.to_owned());
        facts
    }

    fn matcher(json: &str) -> MiddlewareMatcher {
        let config: MatcherConfig = serde_json::from_str(json).expect("valid matcher JSON");
        MiddlewareMatcher::compile(&config).expect("matcher compiles")
    }

    #[test]
    fn compiles_sources_like_next() {
        assert_eq!(
            middleware_regex_source("/api/mw/:path*").unwrap(),
            r"^(?:\/(_next/data/[^/]{1,}))?\/api\/mw(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))?(\.json)?[\/#\?]?$"
        );
        assert_eq!(
            middleware_regex_source("/").unwrap(),
            r"^(?:\/(_next/data/[^/]{1,}))?(?:\/(/?index|/?index\.json))?[\/#\?]?$"
        );
    }

    #[test]
    fn corpus_middleware_matcher() {
        let compiled = matcher(
            r#"[
                "/api/mw/:path*",
                "/rh/mw/:path*",
                "/api/users/:path*",
                { "source": "/api/cond/:path*", "has": [{ "type": "header", "key": "x-cond", "value": "yes" }] }
            ]"#,
        );
        let none = Facts::default();
        assert!(compiled.matches("/api/mw/other", &none));
        assert!(compiled.matches("/api/mw", &none));
        assert!(compiled.matches("/api/mw/a/b/c", &none));
        assert!(compiled.matches("/rh/mw/headers", &none));
        assert!(compiled.matches("/api/users", &none));
        assert!(compiled.matches("/api/users/5", &none));
        assert!(!compiled.matches("/api/cookies", &none));
        assert!(!compiled.matches("/api/mwx", &none));
        assert!(!compiled.matches("/API/mw", &none));
        assert!(!compiled.matches("/api/cond/a", &none));
        assert!(compiled.matches("/api/cond/a", &facts_with_header("x-cond", "yes")));
        assert!(!compiled.matches("/api/cond/a", &facts_with_header("x-cond", "yes!")));
    }

    #[test]
    fn no_matcher_matches_everything() {
        let compiled = MiddlewareMatcher::default();
        assert!(compiled.matches("/anything/at/all", &Facts::default()));
    }

    #[test]
    fn negative_lookahead_matchers_work() {
        let compiled = matcher(r#"["/((?!api|_next/static|_next/image|favicon.ico).*)"]"#);
        let none = Facts::default();
        assert!(compiled.matches("/dashboard", &none));
        assert!(compiled.matches("/", &none));
        assert!(!compiled.matches("/api/hello", &none));
        assert!(!compiled.matches("/_next/static/chunk.js", &none));
        assert!(!compiled.matches("/favicon.ico", &none));
    }

    #[test]
    fn parameter_modifiers() {
        let none = Facts::default();
        let one = matcher(r#""/about/:slug""#);
        assert!(one.matches("/about/a", &none));
        assert!(one.matches("/about/a/", &none));
        assert!(!one.matches("/about", &none));
        assert!(!one.matches("/about/a/b", &none));
        let plus = matcher(r#""/docs/:rest+""#);
        assert!(!plus.matches("/docs", &none));
        assert!(plus.matches("/docs/a/b", &none));
        let optional = matcher(r#""/blog/:id?""#);
        assert!(optional.matches("/blog", &none));
        assert!(optional.matches("/blog/1", &none));
        assert!(!optional.matches("/blog/1/2", &none));
        let custom = matcher(r#""/item/:id(\\d+)""#);
        assert!(custom.matches("/item/42", &none));
        assert!(!custom.matches("/item/abc", &none));
    }

    #[test]
    fn decoded_path_is_tried_too() {
        let compiled = matcher(r#""/caf\u00e9/:path*""#);
        assert!(compiled.matches("/caf%C3%A9/x", &Facts::default()));
        // A malformed escape is simply not decoded.
        let plain = matcher(r#""/a/:path*""#);
        assert!(plain.matches("/a/%zz", &Facts::default()));
    }

    #[test]
    fn has_and_missing_conditions() {
        let compiled = matcher(
            r#"{ "source": "/p/:path*",
                 "has": [{ "type": "cookie", "key": "session" }, { "type": "host", "value": "example\\.com" }],
                 "missing": [{ "type": "query", "key": "skip" }] }"#,
        );
        let mut facts = Facts::default();
        facts.cookies.insert("session".into(), "abc".into());
        facts
            .headers
            .insert("host".into(), "Example.COM:3000".into());
        assert!(compiled.matches("/p/x", &facts));
        facts.query.insert("skip".into(), "1".into());
        assert!(!compiled.matches("/p/x", &facts));
        facts.query.clear();
        facts.cookies.insert("session".into(), String::new());
        assert!(!compiled.matches("/p/x", &facts));
    }

    #[test]
    fn header_keys_are_case_insensitive_and_values_anchored() {
        let compiled = matcher(
            r#"{ "source": "/h", "has": [{ "type": "header", "key": "X-Flag", "value": "on|yes" }] }"#,
        );
        assert!(compiled.matches("/h", &facts_with_header("x-flag", "on")));
        assert!(compiled.matches("/h", &facts_with_header("x-flag", "yes")));
        // Next anchors as `^on|yes$` without a group, so "yes" only needs to end it.
        assert!(compiled.matches("/h", &facts_with_header("x-flag", "oh yes")));
        assert!(!compiled.matches("/h", &facts_with_header("x-flag", "off")));
    }

    #[test]
    fn invalid_sources_are_errors() {
        let compile = |json: &str| {
            let config: MatcherConfig = serde_json::from_str(json).unwrap();
            MiddlewareMatcher::compile(&config)
        };
        assert!(matches!(
            compile(r#""api/x""#),
            Err(MatcherError::SourceMustStartWithSlash { .. })
        ));
        assert!(matches!(
            compile(r#""/a/(b""#),
            Err(MatcherError::InvalidSource { .. })
        ));
        assert!(matches!(
            compile(r#""/a/:""#),
            Err(MatcherError::InvalidSource { .. })
        ));
        assert!(matches!(
            compile(r#""/a/((b))""#),
            Err(MatcherError::InvalidSource { .. })
        ));
    }

    #[test]
    fn json_shapes_deserialize() {
        let single: MatcherConfig = serde_json::from_str(r#""/x""#).unwrap();
        assert_eq!(
            single,
            MatcherConfig::One(MatcherEntry::Source("/x".into()))
        );
        let object: MatcherConfig =
            serde_json::from_str(r#"{"source":"/y","locale":false}"#).unwrap();
        assert!(matches!(
            object,
            MatcherConfig::One(MatcherEntry::Object(MatcherObject {
                locale: Some(false),
                ..
            }))
        ));
    }
}
