//! Request-target normalisation before routing (SPEC 1.4): Next's 308
//! redirects for repeated slashes, backslashes and trailing slashes, and
//! URL-style resolution of dot segments.
//!
//! The two redirects differ in how they treat the query, as they do in Next:
//! the repeated-slash redirect (`normalizeRepeatedSlashes`) keeps the raw query
//! text, while the trailing-slash redirect is a `next.config` style redirect
//! whose query is parsed with Node's `querystring` and serialised again.

use apiroutes_nextspec::uri::URI_COMPONENT;
use percent_encoding::utf8_percent_encode;

/// What to do with a request target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Normalized {
    /// Route this path (still percent-encoded, dot segments resolved).
    Path {
        /// The path, starting with `/`.
        path: String,
        /// The raw query after the first `?` (`Some("")` for a bare `?`).
        query: Option<String>,
    },
    /// Answer with a redirect (Next's shape: `location`, body = location, and
    /// `Refresh: 0;url=<location>` for 308).
    Redirect {
        /// The `Location` value, a path plus optional `?query`.
        location: String,
        /// Always 308 (permanent) for Next's own normalisation redirects.
        status: u16,
    },
}

/// Normalises a request-target as sent (`/path?query`). A repeated slash or a
/// backslash in the path wins over a trailing slash: Next only collapses the
/// slashes in that first redirect, and the follow-up request gets the
/// trailing-slash redirect.
pub fn normalize_target(raw: &str) -> Normalized {
    normalize_target_with(raw, true)
}

/// [`normalize_target`] without the trailing-slash redirect, for a `next.config` that
/// changes it (`basePath`, `trailingSlash`, `skipTrailingSlashRedirect`): those
/// redirects are then config redirects, as in Next's `loadRedirects`.
pub fn normalize_target_keeping_trailing_slash(raw: &str) -> Normalized {
    normalize_target_with(raw, false)
}

fn normalize_target_with(raw: &str, trailing_slash_redirect: bool) -> Normalized {
    // A fragment is never part of what the server routes on.
    let raw = raw.split_once('#').map_or(raw, |(before, _)| before);
    let raw = strip_absolute_form(raw);
    let (path, query) = match raw.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (raw, None),
    };

    if path.contains('\\') || path.contains("//") {
        return Normalized::Redirect {
            location: normalize_repeated_slashes(path, query),
            status: 308,
        };
    }

    let resolved = resolve_dot_segments(path);
    if trailing_slash_redirect && resolved.len() > 1 && resolved.ends_with('/') {
        let trimmed = &resolved[..resolved.len() - 1];
        let search = query.map(reserialize_query).unwrap_or_default();
        let location = if search.is_empty() {
            trimmed.to_owned()
        } else {
            format!("{trimmed}?{search}")
        };
        return Normalized::Redirect {
            location,
            status: 308,
        };
    }
    Normalized::Path {
        path: resolved,
        query: query.map(str::to_owned),
    }
}

/// `http://host/path` (absolute-form) → `/path`; `*` and other oddities become
/// a path too so routing simply finds nothing.
fn strip_absolute_form(raw: &str) -> &str {
    for scheme in ["http://", "https://"] {
        // `get`: a non-ASCII character may straddle the scheme's length (found by fuzzing).
        if raw
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        {
            let after = &raw[scheme.len()..];
            return match after.find(['/', '?']) {
                Some(index) => &after[index..],
                None => "/",
            };
        }
    }
    raw
}

/// Next's `normalizeRepeatedSlashes`: backslashes become slashes, runs of
/// slashes collapse, and the query is appended only when the text between the
/// first and second `?` is non-empty (a JavaScript truthiness quirk).
fn normalize_repeated_slashes(path: &str, query: Option<&str>) -> String {
    let mut cleaned = String::with_capacity(path.len());
    for ch in path.chars() {
        let ch = if ch == '\\' { '/' } else { ch };
        if ch == '/' && cleaned.ends_with('/') {
            continue;
        }
        cleaned.push(ch);
    }
    if let Some(query) = query {
        let first_part = query.split('?').next().unwrap_or_default();
        if !first_part.is_empty() {
            cleaned.push('?');
            cleaned.push_str(query);
        }
    }
    cleaned
}

/// WHATWG URL path parsing of dot segments: `.` and `%2e` are "single dot",
/// `..`, `.%2e`, `%2e.`, `%2e%2e` (any case) are "double dot"; a dot segment
/// at the end leaves a trailing slash.
fn resolve_dot_segments(path: &str) -> String {
    let body = path.strip_prefix('/').unwrap_or(path);
    let pieces: Vec<&str> = body.split('/').collect();
    let mut output: Vec<&str> = Vec::with_capacity(pieces.len());
    let last = pieces.len().saturating_sub(1);
    for (index, piece) in pieces.iter().enumerate() {
        let is_last = index == last;
        if is_double_dot(piece) {
            output.pop();
            if is_last {
                output.push("");
            }
        } else if is_single_dot(piece) {
            if is_last {
                output.push("");
            }
        } else {
            output.push(piece);
        }
    }
    format!("/{}", output.join("/"))
}

fn is_single_dot(piece: &str) -> bool {
    piece == "." || piece.eq_ignore_ascii_case("%2e")
}

fn is_double_dot(piece: &str) -> bool {
    matches!(
        piece.to_ascii_lowercase().as_str(),
        ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// `querystring.stringify(querystring.parse(query))` with `encodeURIComponent`
/// as Next's `stringifyQuery` does for redirects: `+` becomes `%20`, keys are
/// grouped (first appearance, integer-like keys first as JavaScript objects
/// order them), and a key without `=` gets one.
fn reserialize_query(query: &str) -> String {
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    // Node's querystring.parse stops after 1000 pairs by default.
    for pair in query.split('&').take(1000) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key.is_empty() && value.is_empty() {
            continue;
        }
        let key = querystring_unescape(key);
        let value = querystring_unescape(value);
        match keys.iter_mut().find(|(existing, _)| *existing == key) {
            Some((_, values)) => values.push(value),
            None => keys.push((key, vec![value])),
        }
    }
    // Stable sort: integer-like keys first in numeric order, others keep
    // their insertion order.
    keys.sort_by_key(|(key, _)| array_index(key).map_or((1, 0), |index| (0, index)));
    let mut fields = Vec::new();
    for (key, values) in &keys {
        let encoded_key = utf8_percent_encode(key, URI_COMPONENT).to_string();
        for value in values {
            fields.push(format!(
                "{encoded_key}={}",
                utf8_percent_encode(value, URI_COMPONENT)
            ));
        }
    }
    fields.join("&")
}

/// A canonical array index (`0`, `17`, not `01`), which JavaScript objects
/// enumerate before other keys.
fn array_index(key: &str) -> Option<u64> {
    if key.is_empty() || (key.len() > 1 && key.starts_with('0')) {
        return None;
    }
    if !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse::<u64>()
        .ok()
        .filter(|&index| index < u64::from(u32::MAX))
}

/// Node's `querystring.unescape`: `+` is a space, valid `%XX` are decoded and
/// malformed ones kept, invalid UTF-8 becomes U+FFFD.
fn querystring_unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => {
                out.push(b' ');
                index += 1;
            }
            b'%' => {
                let high = bytes.get(index + 1).and_then(|b| (*b as char).to_digit(16));
                let low = bytes.get(index + 2).and_then(|b| (*b as char).to_digit(16));
                match (high, low) {
                    (Some(high), Some(low)) => {
                        // Two hex digits always fit in a byte.
                        out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                        index += 3;
                    }
                    _ => {
                        out.push(b'%');
                        index += 1;
                    }
                }
            }
            other => {
                out.push(other);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(path: &str, query: Option<&str>) -> Normalized {
        Normalized::Path {
            path: path.to_owned(),
            query: query.map(str::to_owned),
        }
    }

    fn redirect(location: &str) -> Normalized {
        Normalized::Redirect {
            location: location.to_owned(),
            status: 308,
        }
    }

    #[test]
    fn plain_paths_pass_through_still_encoded() {
        assert_eq!(normalize_target("/api/hello"), path("/api/hello", None));
        assert_eq!(normalize_target("/"), path("/", None));
        assert_eq!(
            normalize_target("/api/users/a%2Fb?x=%20"),
            path("/api/users/a%2Fb", Some("x=%20"))
        );
        assert_eq!(normalize_target("/api/echo?"), path("/api/echo", Some("")));
    }

    #[test]
    fn repeated_slashes_redirect_with_raw_query() {
        assert_eq!(normalize_target("/api//hello"), redirect("/api/hello"));
        assert_eq!(
            normalize_target("/api///hello?a=1&b=%20+"),
            redirect("/api/hello?a=1&b=%20+")
        );
        assert_eq!(normalize_target("/api\\hello"), redirect("/api/hello"));
        assert_eq!(normalize_target("\\\\api\\/x"), redirect("/api/x"));
        // Slashes in the query are not the path's business.
        assert_eq!(
            normalize_target("/api/echo?u=http://x//y"),
            path("/api/echo", Some("u=http://x//y"))
        );
        // normalizeRepeatedSlashes drops the query when its first part is empty.
        assert_eq!(normalize_target("/a//b?"), redirect("/a/b"));
        assert_eq!(normalize_target("/a//b??x"), redirect("/a/b"));
        assert_eq!(normalize_target("/a//b?x?y"), redirect("/a/b?x?y"));
    }

    #[test]
    fn repeated_slash_redirect_keeps_a_trailing_slash_for_the_next_hop() {
        assert_eq!(normalize_target("/api//hello/"), redirect("/api/hello/"));
        assert_eq!(normalize_target("/api/hello/"), redirect("/api/hello"));
    }

    #[test]
    fn trailing_slash_redirects_with_query() {
        assert_eq!(normalize_target("/api/hello/"), redirect("/api/hello"));
        assert_eq!(normalize_target("/rh/basic/"), redirect("/rh/basic"));
        assert_eq!(
            normalize_target("/api/users/5/?a=1"),
            redirect("/api/users/5?a=1")
        );
        assert_eq!(normalize_target("/api/hello/?"), redirect("/api/hello"));
    }

    #[test]
    fn trailing_slash_query_is_reserialized_like_node_querystring() {
        assert_eq!(
            normalize_target("/x/?b=1&a=2&b=3"),
            redirect("/x?b=1&b=3&a=2")
        );
        assert_eq!(
            normalize_target("/x/?q=a+b&flag"),
            redirect("/x?q=a%20b&flag=")
        );
        assert_eq!(
            normalize_target("/x/?z=1&2=two&10=ten"),
            redirect("/x?2=two&10=ten&z=1")
        );
        assert_eq!(
            normalize_target("/x/?a=%zz&&c=%C3%A9"),
            redirect("/x?a=%25zz&c=%C3%A9")
        );
        assert_eq!(normalize_target("/x/?k=(it's)*"), redirect("/x?k=(it's)*"));
    }

    #[test]
    fn dot_segments_resolve_without_redirect() {
        assert_eq!(normalize_target("/api/./hello"), path("/api/hello", None));
        assert_eq!(
            normalize_target("/api/users/me/../5"),
            path("/api/users/5", None)
        );
        assert_eq!(normalize_target("/api/%2e/hello"), path("/api/hello", None));
        assert_eq!(
            normalize_target("/api/users/me/%2E%2e/5?q=1"),
            path("/api/users/5", Some("q=1"))
        );
        assert_eq!(normalize_target("/../../api"), path("/api", None));
        assert_eq!(normalize_target("/api/.."), path("/", None));
        // A `...` segment or a dot inside a name is ordinary text.
        assert_eq!(normalize_target("/api/.../a.b"), path("/api/.../a.b", None));
    }

    #[test]
    fn dot_segment_at_the_end_leaves_a_trailing_slash_to_redirect() {
        assert_eq!(normalize_target("/api/hello/."), redirect("/api/hello"));
        assert_eq!(normalize_target("/api/users/x/.."), redirect("/api/users"));
    }

    #[test]
    fn absolute_form_and_fragments() {
        assert_eq!(
            normalize_target("http://example.com/api/hello?x=1"),
            path("/api/hello", Some("x=1"))
        );
        assert_eq!(normalize_target("HTTPS://example.com"), path("/", None));
        assert_eq!(
            normalize_target("/api/hello#frag"),
            path("/api/hello", None)
        );
    }

    /// Found by `fuzz/` (normalize_target): a multi-byte character across the length of
    /// `http://` panicked while the scheme was compared.
    #[test]
    fn a_character_across_the_scheme_length_is_no_scheme() {
        assert_eq!(normalize_target("//pi//\u{4fd}/"), redirect("/pi/\u{4fd}/"));
        assert_eq!(
            normalize_target("/api/h\u{e9}llo"),
            path("/api/h\u{e9}llo", None)
        );
    }
}
