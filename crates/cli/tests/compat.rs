//! The differential compat corpus, run from `cargo test`: a Rust port of
//! `tests/compat/record.mjs` (send every case of `cases.json` on its own connection,
//! exactly as Node's `http` client would, and shape the responses into a recording) and
//! of `tests/compat/compare.mjs` (compare that recording with `expected-next16.json`,
//! recorded from real `next start`, rule for rule).
//!
//! The result is checked against `tests/compat/snapshot.txt` (pass count and failing
//! case names): any difference, a new failure or a new pass, fails the test.
//!
//! Environment:
//! - `UPDATE_COMPAT_SNAPSHOT=1`: rewrite the snapshot instead of comparing.
//! - `COMPAT_BASE_URL=http://127.0.0.1:PORT`: test an already running server (e.g. real
//!   `next start`) instead of spawning ours; then every case must pass (no snapshot).
//! - `COMPAT_ONLY=name1,name2`: run a subset; every selected case must pass (no snapshot).
//! - `COMPAT_JOBS=N`: cases run on N connections at a time (default 1: strictly
//!   sequential like record.mjs; results are reported in case order either way).
//! - `COMPAT_QUIET=1`: print only failures and the totals.
//! - `COMPAT_RECORD_OUT=file.json`: also write the recording in record.mjs's format, to
//!   cross-check with `node compare.mjs expected-next16.json file.json`.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine as _;
use serde_json::{json, Map, Value};

/// Node's `http.STATUS_CODES` (Node 20), used to tell a standard reason phrase from a
/// custom one such as "Invalid JSON".
const NODE_STATUS_CODES: &[(u16, &str)] = &[
    (100, "Continue"),
    (101, "Switching Protocols"),
    (102, "Processing"),
    (103, "Early Hints"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Payload Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (418, "I'm a Teapot"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Entity"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (509, "Bandwidth Limit Exceeded"),
    (510, "Not Extended"),
    (511, "Network Authentication Required"),
];

/// record.mjs: per-case timeout when the case gives no `timeoutMs`.
const DEFAULT_TIMEOUT_MS: u64 = 15_000;
/// record.mjs drops these from recordings.
const RECORD_DROPPED_HEADERS: &[&str] = &["date", "connection", "keep-alive"];
/// compare.mjs ignores these on both sides.
const ALWAYS_IGNORED_HEADERS: &[&str] = &["date", "connection", "keep-alive", "transfer-encoding"];
/// Sequential by default, exactly like record.mjs: the whole corpus takes about as long
/// as its one deliberate hang (2.5 s), and concurrency made at least one case
/// (stream-write next to redirect-head) flaky on our server.
const DEFAULT_JOBS: usize = 1;

fn compat_dir() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/compat")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("invalid JSON in {}: {e}", path.display()))
}

/// cases.json is either `{ cases: [...] }` or a bare array.
fn case_list(doc: &Value) -> Vec<Value> {
    doc.get("cases")
        .unwrap_or(doc)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn case_name(case: &Value) -> &str {
    case.get("name").and_then(Value::as_str).unwrap_or("")
}

fn case_method(case: &Value) -> String {
    match case.get("method") {
        Some(Value::String(m)) if !m.is_empty() => m.clone(),
        _ => "GET".to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// JavaScript semantics the two scripts rely on.

/// JS truthiness of an optional JSON value.
fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(_)) | Some(Value::Object(_)) => true,
    }
}

/// JS `String(value)`.
fn js_string(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| {
                if v.is_null() {
                    String::new()
                } else {
                    js_string(v)
                }
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

/// `String(x)` for an optional value, as a template literal prints it.
fn js_display(value: Option<&Value>) -> String {
    value.map_or_else(|| "undefined".to_string(), js_string)
}

/// JS `JSON.stringify(x)` for display (`undefined` for a missing value).
fn js_json(value: Option<&Value>) -> String {
    value.map_or_else(|| "undefined".to_string(), |v| v.to_string())
}

/// JS `Number(value)`.
fn js_number(value: &Value) -> f64 {
    if let Value::Number(n) = value {
        return n.as_f64().unwrap_or(f64::NAN);
    }
    let text = js_string(value);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return 0.0;
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = trimmed.strip_prefix(prefix) {
            return u64::from_str_radix(digits, radix).map_or(f64::NAN, |n| n as f64);
        }
    }
    match trimmed {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    if trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        trimmed.parse().unwrap_or(f64::NAN)
    } else {
        f64::NAN
    }
}

/// Node's `Buffer.from(text, 'base64')`: accepts both alphabets, padding or not, and
/// skips characters outside the alphabet.
fn decode_base64_lenient(text: &str) -> Vec<u8> {
    let cleaned: String = text
        .chars()
        .filter_map(|c| match c {
            '-' => Some('+'),
            '_' => Some('/'),
            c if c.is_ascii_alphanumeric() || c == '+' || c == '/' => Some(c),
            _ => None,
        })
        .collect();
    // A lone trailing sextet carries no whole byte; Node drops it.
    let usable = if cleaned.len() % 4 == 1 {
        &cleaned[..cleaned.len() - 1]
    } else {
        &cleaned[..]
    };
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::general_purpose::NO_PAD
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine.decode(usable).unwrap_or_default()
}

fn encode_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `new TextDecoder('utf-8', { fatal: true }).decode(bytes)`: strict UTF-8, with a
/// leading byte order mark removed.
fn text_decoder_fatal(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    Some(text.strip_prefix('\u{feff}').unwrap_or(text).to_string())
}

/// A `compare.normalize` rule: `value.replace(new RegExp(pattern, flags ?? 'g'), replacement)`.
struct NormalizeRule {
    regex: regex::Regex,
    global: bool,
    replacement: String,
}

fn compile_rules(case: &Value) -> Result<Vec<NormalizeRule>, String> {
    let Some(rules) = case
        .get("compare")
        .and_then(|c| c.get("normalize"))
        .and_then(Value::as_array)
    else {
        return Ok(Vec::new());
    };
    rules
        .iter()
        .map(|rule| {
            let pattern = rule.get("pattern").map(js_string).unwrap_or_default();
            let flags = match rule.get("flags") {
                None | Some(Value::Null) => "g".to_string(),
                Some(flags) => js_string(flags),
            };
            let regex = regex::RegexBuilder::new(&pattern)
                .case_insensitive(flags.contains('i'))
                .multi_line(flags.contains('m'))
                .dot_matches_new_line(flags.contains('s'))
                .build()
                .map_err(|e| format!("invalid normalize pattern {pattern:?}: {e}"))?;
            Ok(NormalizeRule {
                regex,
                global: flags.contains('g'),
                replacement: rule.get("replacement").map(js_string).unwrap_or_default(),
            })
        })
        .collect()
}

/// JS `String.prototype.replace` with a regex and a replacement pattern (`$$`, `$&`,
/// `` $` ``, `$'`, `$n`, `$nn`, `$<name>`).
fn js_regex_replace(input: &str, rule: &NormalizeRule) -> String {
    let mut out = String::new();
    let mut last_end = 0;
    for captures in rule.regex.captures_iter(input) {
        let Some(whole) = captures.get(0) else {
            continue;
        };
        out.push_str(&input[last_end..whole.start()]);
        expand_js_replacement(&rule.replacement, &captures, input, &rule.regex, &mut out);
        last_end = whole.end();
        if !rule.global {
            break;
        }
    }
    out.push_str(&input[last_end..]);
    out
}

fn expand_js_replacement(
    replacement: &str,
    captures: &regex::Captures,
    input: &str,
    regex: &regex::Regex,
    out: &mut String,
) {
    let whole = captures.get(0).map_or(0..0, |m| m.range());
    let group_count = regex.captures_len() - 1;
    let has_named_groups = regex.capture_names().flatten().next().is_some();
    let chars: Vec<char> = replacement.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' || i + 1 >= chars.len() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let next = chars[i + 1];
        match next {
            '$' => {
                out.push('$');
                i += 2;
            }
            '&' => {
                out.push_str(&input[whole.clone()]);
                i += 2;
            }
            '`' => {
                out.push_str(&input[..whole.start]);
                i += 2;
            }
            '\'' => {
                out.push_str(&input[whole.end..]);
                i += 2;
            }
            '<' if has_named_groups => {
                let rest: String = chars[i + 2..].iter().collect();
                if let Some(close) = rest.find('>') {
                    let name = &rest[..close];
                    if let Some(m) = captures.name(name) {
                        out.push_str(m.as_str());
                    }
                    i += 2 + rest[..close].chars().count() + 1;
                } else {
                    out.push('$');
                    i += 1;
                }
            }
            d if d.is_ascii_digit() => {
                let one = d.to_digit(10).unwrap_or(0) as usize;
                let two = chars
                    .get(i + 2)
                    .and_then(|c| c.to_digit(10))
                    .map(|d2| one * 10 + d2 as usize);
                let (group, width) = match two {
                    Some(n) if n >= 1 && n <= group_count => (n, 3),
                    _ if one >= 1 && one <= group_count => (one, 2),
                    _ => (0, 0),
                };
                if width == 0 {
                    out.push('$');
                    i += 1;
                } else {
                    if let Some(m) = captures.get(group) {
                        out.push_str(m.as_str());
                    }
                    i += width;
                }
            }
            _ => {
                out.push('$');
                i += 1;
            }
        }
    }
}

/// compare.mjs `applyNormalize`.
fn apply_normalize(value: &str, rules: &[NormalizeRule]) -> String {
    rules
        .iter()
        .fold(value.to_string(), |acc, rule| js_regex_replace(&acc, rule))
}

// ---------------------------------------------------------------------------------------
// record.mjs

/// The server under test, as record.mjs sees its base URL.
struct Target {
    addr: SocketAddr,
    /// What Node puts in `Host`: `hostname[:port]`.
    host_header: String,
    /// `url.host` (hostname plus non-default port).
    url_host: String,
    port: u16,
}

impl Target {
    fn from_base_url(base_url: &str) -> Target {
        let without_scheme = base_url
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("COMPAT_BASE_URL must start with http://, got {base_url}"));
        let authority = without_scheme.split('/').next().unwrap_or("");
        let (hostname, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(':') && !port.contains(']') => {
                let port: u16 = port
                    .parse()
                    .unwrap_or_else(|_| panic!("bad port in base URL {base_url}"));
                (host.to_string(), port)
            }
            _ => (authority.to_string(), 80),
        };
        let connect_host = hostname.trim_start_matches('[').trim_end_matches(']');
        let addr = support::resolve(connect_host, port)
            .unwrap_or_else(|| panic!("cannot resolve {connect_host}:{port}"));
        let url_host = if port == 80 {
            hostname.clone()
        } else {
            format!("{hostname}:{port}")
        };
        Target {
            addr,
            host_header: url_host.clone(),
            url_host,
            port,
        }
    }

    /// record.mjs `hostVariants`: every loopback spelling of the server's port.
    fn host_variants(&self) -> Vec<String> {
        let mut variants: Vec<String> = Vec::new();
        for candidate in [
            self.url_host.clone(),
            format!("localhost:{}", self.port),
            format!("127.0.0.1:{}", self.port),
            format!("[::1]:{}", self.port),
        ] {
            if !variants.contains(&candidate) {
                variants.push(candidate);
            }
        }
        variants
    }
}

/// record.mjs `buildBody`.
fn build_body(case: &Value) -> Option<Vec<u8>> {
    if let Some(repeat) = case.get("bodyRepeat").filter(|r| truthy(Some(r))) {
        let unit = repeat.get("char").map(js_string).unwrap_or_default();
        let count = repeat.get("count").map_or(0.0, js_number);
        let count = if count.is_finite() && count > 0.0 {
            count as usize
        } else {
            0
        };
        return Some(unit.repeat(count).into_bytes());
    }
    if let Some(encoded) = case.get("bodyBase64") {
        return Some(decode_base64_lenient(&js_string(encoded)));
    }
    match case.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.clone().into_bytes()),
        Some(other) => Some(other.to_string().into_bytes()),
    }
}

/// The exact bytes record.mjs's `sendCase` puts on the wire for `case`.
fn case_request_bytes(case: &Value, host_header: &str) -> Vec<u8> {
    let body = build_body(case);
    let mut headers: Vec<(String, String)> = Vec::new();
    if let Some(Value::Object(given)) = case.get("headers") {
        for (name, value) in given {
            match value {
                // Node's setHeader with an array sends the header once per element.
                Value::Array(items) => {
                    headers.extend(items.iter().map(|v| (name.clone(), js_string(v))))
                }
                other => headers.push((name.clone(), js_string(other))),
            }
        }
    }
    let has = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    if let Some(body) = &body {
        if !has("content-length") && !has("transfer-encoding") {
            headers.push(("Content-Length".into(), body.len().to_string()));
        }
    }
    // Node's http.request upper-cases the method.
    support::node_request_bytes(
        &case_method(case).to_ascii_uppercase(),
        case.get("path").and_then(Value::as_str).unwrap_or("/"),
        host_header,
        &headers,
        body.as_deref(),
    )
}

/// record.mjs `normalizeOrigin`.
fn normalize_origin(text: &str, hosts: &[String]) -> (String, bool) {
    let mut out = text.to_string();
    for host in hosts {
        out = out.replace(host.as_str(), "{{HOST}}");
    }
    out = out.replace("http://{{HOST}}", "{{ORIGIN}}");
    let changed = out != text;
    (out, changed)
}

/// record.mjs `sendCase` + `shapeResult`: one case's entry in a recording.
fn record_case(target: &Target, case: &Value) -> Value {
    let timeout_ms = case
        .get("timeoutMs")
        .filter(|v| !v.is_null())
        .map_or(DEFAULT_TIMEOUT_MS as f64, js_number);
    let timeout = if timeout_ms.is_finite() && timeout_ms > 0.0 {
        Duration::from_millis(timeout_ms as u64)
    } else {
        Duration::from_millis(1)
    };
    let request = case_request_bytes(case, &target.host_header);
    let response = support::raw_request(target.addr, &request, timeout);
    shape_result(target, response)
}

fn shape_result(target: &Target, response: support::RawResponse) -> Value {
    if response.timed_out {
        return json!({ "timedOut": true });
    }
    if let Some(error) = response.error {
        return json!({ "error": error });
    }
    let hosts = target.host_variants();
    let mut origin_normalized = false;
    let mut headers = Map::new();
    for (name, value) in &response.headers {
        let name = name.to_ascii_lowercase();
        if RECORD_DROPPED_HEADERS.contains(&name.as_str()) {
            continue;
        }
        let (value, changed) = normalize_origin(value, &hosts);
        origin_normalized |= changed;
        match headers.get_mut(&name) {
            Some(Value::Array(values)) => values.push(Value::String(value)),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, Value::String(value)]);
            }
            None => {
                headers.insert(name, Value::String(value));
            }
        }
    }
    let mut out = Map::new();
    out.insert("status".into(), json!(response.status));
    out.insert("statusMessage".into(), json!(response.reason));
    out.insert("headers".into(), Value::Object(headers));
    out.insert("bodyLength".into(), json!(response.body.len()));
    match String::from_utf8(response.body) {
        Ok(text) => {
            let (body, changed) = normalize_origin(&text, &hosts);
            origin_normalized |= changed;
            out.insert("body".into(), Value::String(body));
        }
        Err(not_utf8) => {
            out.insert(
                "bodyBase64".into(),
                Value::String(encode_base64(not_utf8.as_bytes())),
            );
        }
    }
    out.insert("originNormalized".into(), Value::Bool(origin_normalized));
    Value::Object(out)
}

// ---------------------------------------------------------------------------------------
// compare.mjs

fn is_next_internal(name: &str) -> bool {
    name.starts_with("x-nextjs-") || name == "x-middleware-rewrite" || name == "x-powered-by"
}

fn is_router_vary_token(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    lower == "rsc" || lower == "next-url" || lower.starts_with("next-router-")
}

/// compare.mjs `stripNextInternal`.
fn strip_next_internal(headers: Option<&Value>) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let Some(Value::Object(headers)) = headers else {
        return out;
    };
    for (name, value) in headers {
        if is_next_internal(name) {
            continue;
        }
        if name == "vary" {
            let kept: Vec<String> = js_string(value)
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty() && !is_router_vary_token(t))
                .collect();
            if !kept.is_empty() {
                out.insert(name.clone(), Value::String(kept.join(", ")));
            }
            continue;
        }
        out.insert(name.clone(), value.clone());
    }
    out
}

/// compare.mjs `headerValue`.
fn header_value(name: &str, value: Option<&Value>, rules: &[NormalizeRule]) -> Option<Value> {
    let normalize = |v: &Value| match v {
        Value::String(s) => Value::String(apply_normalize(s, rules)),
        other => other.clone(),
    };
    let value = value?;
    if name == "set-cookie" {
        let items = match value {
            Value::Array(items) => items.iter().map(normalize).collect(),
            single => vec![normalize(single)],
        };
        return Some(Value::Array(items));
    }
    let joined = match value {
        Value::Array(items) => Value::String(
            items
                .iter()
                .map(|v| {
                    if v.is_null() {
                        String::new()
                    } else {
                        js_string(v)
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        other => other.clone(),
    };
    Some(normalize(&joined))
}

/// compare.mjs `bodyText`: `Ok(Some(text))`, `Ok(None)` never, `Err(message)` for bad gzip.
fn body_text(recording: &Value, decode_gzip: bool) -> Result<String, String> {
    let mut bytes = match recording.get("bodyBase64") {
        Some(encoded) => decode_base64_lenient(&js_string(encoded)),
        None => match recording.get("body") {
            None | Some(Value::Null) => Vec::new(),
            Some(body) => js_string(body).into_bytes(),
        },
    };
    let encoding = recording
        .get("headers")
        .and_then(|h| h.get("content-encoding"))
        .filter(|v| truthy(Some(v)))
        .map(|v| js_string(v).to_lowercase())
        .unwrap_or_default();
    if decode_gzip && encoding == "gzip" && !bytes.is_empty() {
        let mut decoded = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut decoded)
            .map_err(|e| format!("invalid gzip body: {e}"))?;
        bytes = decoded;
    }
    Ok(text_decoder_fatal(&bytes).unwrap_or_else(|| format!("base64:{}", encode_base64(&bytes))))
}

/// compare.mjs `short`: at most `n` UTF-16 code units, then the full length.
fn short(text: Option<&str>) -> String {
    const LIMIT: usize = 300;
    let Some(text) = text else {
        return "null".into();
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    if units.len() > LIMIT {
        format!(
            "{}… ({} chars)",
            String::from_utf16_lossy(&units[..LIMIT]),
            units.len()
        )
    } else {
        text.to_string()
    }
}

/// compare.mjs `compareCase`: the differences between Next's answer and ours.
fn compare_case(case: &Value, expected: &Value, actual: Option<&Value>) -> Vec<String> {
    let mut diffs = Vec::new();
    let empty = Value::Object(Map::new());
    let opts = case
        .get("compare")
        .filter(|o| !o.is_null())
        .unwrap_or(&empty);
    let rules = match compile_rules(case) {
        Ok(rules) => rules,
        Err(message) => return vec![message],
    };
    let Some(actual) = actual else {
        return vec!["no result in actual file".into()];
    };
    let exp_timed_out = truthy(expected.get("timedOut"));
    let act_timed_out = truthy(actual.get("timedOut"));
    if exp_timed_out || act_timed_out {
        if exp_timed_out != act_timed_out {
            let status = if truthy(actual.get("status")) {
                format!(" (status {})", js_display(actual.get("status")))
            } else {
                String::new()
            };
            diffs.push(format!(
                "timedOut: expected {exp_timed_out}, got {act_timed_out}{status}"
            ));
        }
        return diffs;
    }
    if truthy(expected.get("error")) || truthy(actual.get("error")) {
        if expected.get("error") != actual.get("error") {
            let show = |v: Option<&Value>| match v {
                None | Some(Value::Null) => "none".to_string(),
                Some(v) => js_string(v),
            };
            diffs.push(format!(
                "transport error: expected {}, got {}",
                show(expected.get("error")),
                show(actual.get("error"))
            ));
        }
        return diffs;
    }
    if expected.get("status") != actual.get("status") {
        diffs.push(format!(
            "status: expected {}, got {}",
            js_display(expected.get("status")),
            js_display(actual.get("status"))
        ));
    }
    let standard_phrase = expected
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| {
            NODE_STATUS_CODES
                .iter()
                .find(|(code, _)| u64::from(*code) == s)
        })
        .map(|(_, phrase)| Value::String((*phrase).to_string()));
    let exp_message = expected.get("statusMessage");
    if exp_message != standard_phrase.as_ref() && exp_message != actual.get("statusMessage") {
        diffs.push(format!(
            "reason phrase: expected {}, got {}",
            js_json(exp_message),
            js_json(actual.get("statusMessage"))
        ));
    }

    // ---- headers
    let mut ignored: BTreeSet<String> = ALWAYS_IGNORED_HEADERS
        .iter()
        .map(|h| h.to_string())
        .collect();
    if let Some(Value::Array(extra)) = opts.get("ignoreHeaders") {
        ignored.extend(extra.iter().map(|h| js_string(h).to_lowercase()));
    }
    let exp_headers = strip_next_internal(expected.get("headers"));
    let act_headers = strip_next_internal(actual.get("headers"));
    let names: BTreeSet<&String> = exp_headers.keys().chain(act_headers.keys()).collect();
    let body_transformed = truthy(expected.get("originNormalized"))
        || truthy(actual.get("originNormalized"))
        || truthy(opts.get("decodeGzip"));
    let is_head = case_method(case).to_uppercase() == "HEAD";
    for name in names {
        if ignored.contains(name.as_str()) {
            continue;
        }
        if name == "content-length" {
            let e = exp_headers.get(name);
            let a = act_headers.get(name);
            if e.is_some() && !body_transformed {
                // `e !== a`: strings compare by value, arrays never compare equal.
                let same =
                    matches!((e, a), (Some(Value::String(x)), Some(Value::String(y))) if x == y);
                if !same {
                    diffs.push(format!(
                        "header content-length: expected {}, got {}",
                        js_display(e),
                        a.map_or_else(|| "(absent)".to_string(), js_string)
                    ));
                }
            } else if let Some(a) = a {
                let body_length = actual.get("bodyLength").map_or(f64::NAN, js_number);
                if e.is_none() && is_head {
                    diffs.push(format!(
                        "header content-length: expected (absent), got {}",
                        js_string(a)
                    ));
                } else if !is_head && js_number(a) != body_length {
                    diffs.push(format!(
                        "header content-length: {} does not match the {}-byte body",
                        js_string(a),
                        js_display(actual.get("bodyLength"))
                    ));
                }
            } else if let (Some(e), true, true) = (e, body_transformed, is_head) {
                diffs.push(format!(
                    "header content-length: expected {}, got (absent)",
                    js_string(e)
                ));
            }
            continue;
        }
        let e = header_value(name, exp_headers.get(name), &rules);
        let a = header_value(name, act_headers.get(name), &rules);
        if e != a {
            let show = |v: &Option<Value>| match v {
                None => "(absent)".to_string(),
                Some(v) => v.to_string(),
            };
            diffs.push(format!(
                "header {name}: expected {}, got {}",
                show(&e),
                show(&a)
            ));
        }
    }

    // ---- body
    let mode = opts.get("body").filter(|m| !m.is_null());
    let mode_is = |s: &str| mode.is_none_or(|m| m.as_str() == Some(s));
    if mode.and_then(Value::as_str) != Some("ignore") {
        let decode_gzip = truthy(opts.get("decodeGzip"));
        let exp_text = body_text(expected, decode_gzip).ok();
        match body_text(actual, decode_gzip) {
            Err(message) => diffs.push(format!("body: {message}")),
            Ok(act_text) => {
                let et = exp_text.map(|t| apply_normalize(&t, &rules));
                let at = apply_normalize(&act_text, &rules);
                if mode_is("exact") {
                    if et.as_deref() != Some(at.as_str()) {
                        diffs.push(format!(
                            "body: expected {}\n          got {}",
                            short(et.as_deref()),
                            short(Some(&at))
                        ));
                    }
                } else if let Some(Value::Array(needles)) = mode.and_then(|m| m.get("contains")) {
                    for needle in needles {
                        let needle = js_string(needle);
                        if !at.contains(&needle) {
                            diffs.push(format!(
                                "body: expected to contain {}, got {}",
                                Value::String(needle),
                                short(Some(&at))
                            ));
                        }
                    }
                }
            }
        }
    }
    diffs
}

// ---------------------------------------------------------------------------------------
// The run.

/// One compared case, in cases.json order.
struct Outcome {
    name: String,
    area: String,
    line: String,
    diffs: Vec<String>,
}

/// compare.mjs's main loop: every case that has an expected result, in cases.json order.
fn compare_all(cases: &[Value], expected: &Map<String, Value>, actual: &[Value]) -> Vec<Outcome> {
    cases
        .iter()
        .zip(actual)
        .filter_map(|(case, actual)| {
            let name = case_name(case).to_string();
            let diffs = compare_case(case, expected.get(&name)?, Some(actual));
            Some(Outcome {
                line: if diffs.is_empty() {
                    format!("PASS {name}")
                } else {
                    format!(
                        "FAIL {name}  ({} {})",
                        js_display(case.get("method")),
                        js_display(case.get("path"))
                    )
                },
                area: case
                    .get("area")
                    .map(js_string)
                    .unwrap_or_else(|| "(none)".into()),
                name,
                diffs,
            })
        })
        .collect()
}

/// The PASS/FAIL lines (with the differences under each FAIL) as compare.mjs prints them.
fn outcome_lines(outcomes: &[Outcome], quiet: bool) -> String {
    let mut text = String::new();
    for outcome in outcomes {
        if quiet && outcome.diffs.is_empty() {
            continue;
        }
        text.push_str(&outcome.line);
        text.push('\n');
        for diff in &outcome.diffs {
            text.push_str(&format!("    - {diff}\n"));
        }
    }
    text
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

fn record_all(target: &Target, cases: &[Value], jobs: usize) -> Vec<Value> {
    let next_case = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Value>>> = Mutex::new(vec![None; cases.len()]);
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, cases.len().max(1)) {
            scope.spawn(|| loop {
                let index = next_case.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(index) else { break };
                let recorded = record_case(target, case);
                if let Ok(mut results) = results.lock() {
                    results[index] = Some(recorded);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or_else(|| json!({ "error": "harness: case not run" })))
        .collect()
}

fn snapshot_text(outcomes: &[Outcome]) -> String {
    let passed = outcomes.iter().filter(|o| o.diffs.is_empty()).count();
    let mut failing: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.diffs.is_empty())
        .map(|o| o.name.as_str())
        .collect();
    failing.sort_unstable();
    let mut text = format!("passed: {passed} / total: {}\n", outcomes.len());
    for name in failing {
        text.push_str(&format!("FAIL {name}\n"));
    }
    text
}

fn failing_names(snapshot: &str) -> BTreeSet<String> {
    snapshot
        .lines()
        .filter_map(|l| l.trim().strip_prefix("FAIL "))
        .map(|n| n.trim().to_string())
        .collect()
}

/// What changed between the committed snapshot and this run, for the failure message.
fn snapshot_diff(committed: &str, computed: &str) -> String {
    let before = failing_names(committed);
    let after = failing_names(computed);
    let mut message = format!(
        "compat snapshot differs.\n  committed: {}\n  this run:  {}\n",
        committed.lines().next().unwrap_or("(empty)"),
        computed.lines().next().unwrap_or("(empty)")
    );
    let new_failures: Vec<&String> = after.difference(&before).collect();
    let new_passes: Vec<&String> = before.difference(&after).collect();
    if !new_failures.is_empty() {
        message.push_str("  new failures (were passing):\n");
        for name in new_failures {
            message.push_str(&format!("    FAIL {name}\n"));
        }
    }
    if !new_passes.is_empty() {
        message.push_str("  new passes (record them):\n");
        for name in new_passes {
            message.push_str(&format!("    PASS {name}\n"));
        }
    }
    message.push_str(
        "If the change is intended, rerun with UPDATE_COMPAT_SNAPSHOT=1 and commit \
         tests/compat/snapshot.txt (explain failures in tests/compat/KNOWN-FAILURES.md).\n",
    );
    message
}

/// Writes straight to the process's stdout: libtest captures `println!` of passing
/// tests, and the per-case report should be visible in every run.
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

#[test]
fn compat_corpus_matches_snapshot() {
    let dir = compat_dir();
    let cases_doc = read_json(&dir.join("cases.json"));
    let expected_doc = read_json(&dir.join("expected-next16.json"));
    let empty = Map::new();
    let expected = expected_doc
        .get("results")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let only: Option<BTreeSet<String>> = std::env::var("COMPAT_ONLY")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.split(',').map(|n| n.trim().to_string()).collect());
    // compare.mjs skips cases the expected recording does not have.
    let cases: Vec<Value> = case_list(&cases_doc)
        .into_iter()
        .filter(|c| expected.contains_key(case_name(c)))
        .filter(|c| only.as_ref().is_none_or(|o| o.contains(case_name(c))))
        .collect();
    assert!(!cases.is_empty(), "no compat cases selected");
    if let Some(only) = &only {
        let known: BTreeSet<&str> = cases.iter().map(case_name).collect();
        let unknown: Vec<&String> = only
            .iter()
            .filter(|n| !known.contains(n.as_str()))
            .collect();
        assert!(
            unknown.is_empty(),
            "COMPAT_ONLY names unknown cases: {unknown:?}"
        );
    }

    let external = std::env::var("COMPAT_BASE_URL")
        .ok()
        .filter(|v| !v.trim().is_empty());
    let server = match &external {
        Some(_) => None,
        None => Some(support::Server::start(&dir.join("app"))),
    };
    let base_url = external.clone().unwrap_or_else(|| {
        server
            .as_ref()
            .map(|s| s.base_url.clone())
            .unwrap_or_default()
    });
    let target = Target::from_base_url(base_url.trim_end_matches('/'));
    let jobs = std::env::var("COMPAT_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_JOBS);
    let recorded = record_all(&target, &cases, jobs);

    if let Ok(out_path) = std::env::var("COMPAT_RECORD_OUT") {
        let mut results = Map::new();
        for (case, result) in cases.iter().zip(&recorded) {
            results.insert(case_name(case).to_string(), result.clone());
        }
        let doc = json!({
            "meta": {
                "baseUrl": "{{ORIGIN}}",
                "set": "all",
                "caseCount": cases.len(),
                "server": if external.is_some() { "external" } else { "apiroutes" },
                "recorder": "crates/cli/tests/compat.rs",
            },
            "results": results,
        });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
        std::fs::write(&out_path, text)
            .unwrap_or_else(|e| panic!("cannot write COMPAT_RECORD_OUT {out_path}: {e}"));
    }

    let outcomes = compare_all(&cases, expected, &recorded);
    drop(server);

    let quiet = env_flag("COMPAT_QUIET");
    let mut report = outcome_lines(&outcomes, quiet);
    let mut per_area: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for outcome in &outcomes {
        let counts = per_area.entry(outcome.area.as_str()).or_default();
        if outcome.diffs.is_empty() {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
    }
    report.push_str("per area (passed of total):\n");
    for (area, (passed, failed)) in &per_area {
        report.push_str(&format!(
            "  {area:<16} {passed:>3} of {:>3}\n",
            passed + failed
        ));
    }
    let passed = outcomes.iter().filter(|o| o.diffs.is_empty()).count();
    let failed = outcomes.len() - passed;
    report.push_str(&format!(
        "compat against {}:\n{passed} passed, {failed} failed\n",
        if external.is_some() {
            base_url.as_str()
        } else {
            "apiroutes"
        }
    ));
    emit(&report);

    if only.is_some() || external.is_some() {
        // A subset or a foreign server has no snapshot: the selected cases must all pass.
        assert_eq!(
            failed, 0,
            "{failed} compat case(s) failed (see the report above)"
        );
        return;
    }
    let snapshot_path = dir.join("snapshot.txt");
    let computed = snapshot_text(&outcomes);
    if env_flag("UPDATE_COMPAT_SNAPSHOT") {
        std::fs::write(&snapshot_path, &computed)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", snapshot_path.display()));
        emit(&format!(
            "compat snapshot rewritten: {}",
            computed.lines().next().unwrap_or("")
        ));
        emit("\n");
        return;
    }
    let committed = std::fs::read_to_string(&snapshot_path).unwrap_or_default();
    if committed != computed {
        panic!("{}", snapshot_diff(&committed, &computed));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target::from_base_url("http://127.0.0.1:4321")
    }

    #[test]
    fn requests_are_byte_identical_to_node_http_client() {
        let dir = compat_dir();
        let captured = read_json(&dir.join("node-requests.json"));
        let captured = captured
            .get("requests")
            .and_then(Value::as_object)
            .expect("node-requests.json has requests");
        let cases = case_list(&read_json(&dir.join("cases.json")));
        let mut checked = 0;
        for case in &cases {
            let Some(node_bytes) = captured.get(case_name(case)).and_then(Value::as_str) else {
                continue;
            };
            // The capture is latin1 text: one char per byte.
            let node_bytes: Vec<u8> = node_bytes.chars().map(|c| c as u32 as u8).collect();
            let ours = case_request_bytes(case, "127.0.0.1:{{PORT}}");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&node_bytes),
                "request bytes differ for case {}",
                case_name(case)
            );
            checked += 1;
        }
        assert!(checked > 100, "only {checked} captured requests checked");
    }

    #[test]
    fn expected_recording_compares_equal_to_itself() {
        let dir = compat_dir();
        let cases = case_list(&read_json(&dir.join("cases.json")));
        let expected = read_json(&dir.join("expected-next16.json"));
        for case in &cases {
            let exp = &expected["results"][case_name(case)];
            assert_eq!(compare_case(case, exp, Some(exp)), Vec::<String>::new());
        }
    }

    #[test]
    fn shape_result_normalises_origin_and_groups_duplicates() {
        let response = support::RawResponse {
            status: 307,
            reason: "Temporary Redirect".into(),
            headers: vec![
                ("Location".into(), "http://localhost:4321/x".into()),
                ("Set-Cookie".into(), "a=1".into()),
                ("set-cookie".into(), "b=2".into()),
                ("Date".into(), "now".into()),
                ("Connection".into(), "close".into()),
            ],
            body: b"see 127.0.0.1:4321".to_vec(),
            ..Default::default()
        };
        let shaped = shape_result(&target(), response);
        assert_eq!(shaped["headers"]["location"], "{{ORIGIN}}/x");
        assert_eq!(shaped["headers"]["set-cookie"], json!(["a=1", "b=2"]));
        assert!(shaped["headers"].get("date").is_none());
        assert!(shaped["headers"].get("connection").is_none());
        assert_eq!(shaped["body"], "see {{HOST}}");
        assert_eq!(shaped["bodyLength"], 18);
        assert_eq!(shaped["originNormalized"], true);

        let binary = support::RawResponse {
            status: 200,
            body: vec![0xff, 0x00],
            ..Default::default()
        };
        let shaped = shape_result(&target(), binary);
        assert_eq!(shaped["bodyBase64"], "/wA=");
        assert!(shaped.get("body").is_none());
    }

    fn recording(headers: Value, body: &str) -> Value {
        json!({ "status": 200, "statusMessage": "OK", "headers": headers, "body": body,
                "bodyLength": body.len(), "originNormalized": false })
    }

    #[test]
    fn compare_drops_router_headers_and_vary_tokens() {
        let case = json!({ "name": "c", "method": "GET" });
        let exp = recording(
            json!({ "vary": "RSC, Next-Router-State-Tree, Accept-Encoding", "x-powered-by": "Next.js",
                    "x-nextjs-cache": "HIT" }),
            "hi",
        );
        let act = recording(json!({ "vary": "Accept-Encoding" }), "hi");
        assert!(compare_case(&case, &exp, Some(&act)).is_empty());
        let extra = recording(json!({ "vary": "Accept-Encoding", "x-extra": "1" }), "hi");
        assert_eq!(
            compare_case(&case, &exp, Some(&extra)),
            vec![r#"header x-extra: expected (absent), got "1""#.to_string()]
        );
    }

    #[test]
    fn compare_content_length_rules() {
        let get = json!({ "name": "c", "method": "GET" });
        let streamed = recording(json!({}), "hello");
        let truthful = recording(json!({ "content-length": "5" }), "hello");
        let lying = recording(json!({ "content-length": "7" }), "hello");
        assert!(compare_case(&get, &streamed, Some(&truthful)).is_empty());
        assert_eq!(
            compare_case(&get, &streamed, Some(&lying)),
            vec!["header content-length: 7 does not match the 5-byte body".to_string()]
        );
        assert_eq!(
            compare_case(&get, &truthful, Some(&streamed)),
            vec!["header content-length: expected 5, got (absent)".to_string()]
        );
        let head = json!({ "name": "c", "method": "HEAD" });
        let head_streamed = recording(json!({}), "");
        let head_length = recording(json!({ "content-length": "5" }), "");
        assert_eq!(
            compare_case(&head, &head_streamed, Some(&head_length)),
            vec!["header content-length: expected (absent), got 5".to_string()]
        );
    }

    #[test]
    fn compare_reason_phrase_and_set_cookie_order() {
        let case = json!({ "name": "c", "method": "POST" });
        let mut exp = recording(
            json!({ "set-cookie": ["a=1", "b=2"], "x-r": ["1", "2"] }),
            "",
        );
        exp["status"] = json!(400);
        exp["statusMessage"] = json!("Invalid JSON");
        let mut act = recording(json!({ "set-cookie": ["b=2", "a=1"], "x-r": "1, 2" }), "");
        act["status"] = json!(400);
        act["statusMessage"] = json!("Bad Request");
        assert_eq!(
            compare_case(&case, &exp, Some(&act)),
            vec![
                r#"reason phrase: expected "Invalid JSON", got "Bad Request""#.to_string(),
                r#"header set-cookie: expected ["a=1","b=2"], got ["b=2","a=1"]"#.to_string(),
            ]
        );
        // A standard phrase is not compared.
        exp["statusMessage"] = json!("Bad Request");
        act["statusMessage"] = json!("Whatever");
        act["headers"]["set-cookie"] = json!(["a=1", "b=2"]);
        assert!(compare_case(&case, &exp, Some(&act)).is_empty());
    }

    #[test]
    fn compare_normalize_contains_ignore_and_timeouts() {
        let case = json!({ "name": "c", "compare": {
            "normalize": [{ "pattern": "id=[^;]+", "replacement": "id=<id>" }],
            "body": { "contains": ["404"] }, "ignoreHeaders": ["ETag"] } });
        // Normalisation runs on both sides, so different ids compare equal.
        let exp = recording(
            json!({ "set-cookie": "id=abc; Path=/", "etag": "1" }),
            "x 404 y",
        );
        let act = recording(
            json!({ "set-cookie": "id=zzz; Path=/", "etag": "2" }),
            "404",
        );
        assert!(compare_case(&case, &exp, Some(&act)).is_empty());
        let missing = recording(json!({ "set-cookie": "id=q; Path=/" }), "500");
        assert_eq!(
            compare_case(&case, &exp, Some(&missing)),
            vec![r#"body: expected to contain "404", got 500"#.to_string()]
        );
        let rule = NormalizeRule {
            regex: regex::Regex::new("(a)(b)?").expect("valid regex"),
            global: true,
            replacement: "[$1|$2|$&|$$]".into(),
        };
        assert_eq!(js_regex_replace("xaab", &rule), "x[a||a|$][a|b|ab|$]");

        let hang = json!({ "name": "h" });
        let timed_out = json!({ "timedOut": true });
        assert!(compare_case(&hang, &timed_out, Some(&timed_out)).is_empty());
        assert_eq!(
            compare_case(&hang, &timed_out, Some(&recording(json!({}), ""))),
            vec!["timedOut: expected true, got false (status 200)".to_string()]
        );
    }

    #[test]
    fn compare_decodes_gzip_on_both_sides() {
        let case = json!({ "name": "g", "compare": { "decodeGzip": true } });
        let gzip = |text: &str, level: u32| {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
            encoder.write_all(text.as_bytes()).expect("gzip in memory");
            encode_base64(&encoder.finish().expect("gzip in memory"))
        };
        let make = |b64: String| {
            json!({ "status": 200, "statusMessage": "OK", "bodyLength": 10, "originNormalized": false,
                    "headers": { "content-encoding": "gzip" }, "bodyBase64": b64 })
        };
        let exp = make(gzip("same text", 9));
        let act = make(gzip("same text", 1));
        assert!(compare_case(&case, &exp, Some(&act)).is_empty());
        let other = make(gzip("other text", 9));
        assert_eq!(compare_case(&case, &exp, Some(&other)).len(), 1);
    }

    #[test]
    fn comparator_prints_what_compare_mjs_prints() {
        let dir = compat_dir();
        let cases = case_list(&read_json(&dir.join("cases.json")));
        let expected = read_json(&dir.join("expected-next16.json"));
        let expected = expected["results"].as_object().expect("expected results");
        let mutated = read_json(&dir.join("comparator-check/mutated.json"));
        let actual: Vec<Value> = cases
            .iter()
            .map(|c| mutated["results"][case_name(c)].clone())
            .collect();
        let node_output = std::fs::read_to_string(dir.join("comparator-check/compare-output.txt"))
            .expect("compare-output.txt");
        let node_lines: Vec<&str> = node_output.lines().collect();
        let (node_total, node_cases) = node_lines.split_last().expect("non-empty output");
        let ours = outcome_lines(&compare_all(&cases, expected, &actual), false);
        let our_lines: Vec<&str> = ours.lines().collect();
        for (index, (node_line, our_line)) in node_cases.iter().zip(&our_lines).enumerate() {
            assert_eq!(our_line, node_line, "line {} differs", index + 1);
        }
        assert_eq!(our_lines.len(), node_cases.len());
        assert!(node_total.ends_with("failed"), "{node_total}");
    }

    #[test]
    fn js_number_follows_javascript() {
        assert_eq!(js_number(&json!(" 12 ")), 12.0);
        assert_eq!(js_number(&json!("")), 0.0);
        assert_eq!(js_number(&json!("0x10")), 16.0);
        assert!(js_number(&json!("12abc")).is_nan());
        assert!(js_number(&json!("inf")).is_nan());
        assert!(js_number(&json!(["1", "2"])).is_nan());
        assert_eq!(js_number(&json!(["7"])), 7.0);
    }

    #[test]
    fn snapshot_diff_lists_new_failures_and_new_passes() {
        let committed = "passed: 2 / total: 4\nFAIL a\nFAIL b\n";
        let computed = "passed: 2 / total: 4\nFAIL b\nFAIL c\n";
        let message = snapshot_diff(committed, computed);
        assert!(message.contains("FAIL c"), "{message}");
        assert!(message.contains("PASS a"), "{message}");
        assert!(!message.contains("FAIL b\n    "), "{message}");
    }
}
