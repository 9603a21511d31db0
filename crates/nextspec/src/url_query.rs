//! `req.query` and `req.url` of pages/api (SPEC 2): the WHATWG
//! `application/x-www-form-urlencoded` parser and serializer (URLSearchParams), and
//! Next's re-serialisation of the request URL from the parsed query
//! (packages/next/src/shared/lib/router/utils/querystring.ts and format-url.ts).

use crate::js::js_object_key_order;
use crate::querystring::{group_pairs, percent_decode_lossy, QueryValue};

/// Splits a request target into its path and its query (the text after the first
/// `?`, `None` without one), dropping any `#fragment` as the WHATWG URL parser does.
pub fn split_request_target(target: &str) -> (&str, Option<&str>) {
    let without_fragment = target.split_once('#').map_or(target, |(before, _)| before);
    match without_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (without_fragment, None),
    }
}

/// URLSearchParams parsing of a query (without its leading `?`): pieces split on
/// `&` (empty ones skipped) and each on its first `=`; `+` → space; valid `%XX`
/// escapes decoded as bytes, malformed ones kept (`%zz` → `"%zz"`); bytes read as
/// UTF-8 with U+FFFD for invalid sequences. A further `?` is an ordinary character
/// (`??x=1` gives the key `?x`).
pub fn parse(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            (
                percent_decode_lossy(name, true),
                percent_decode_lossy(value, true),
            )
        })
        .collect()
}

/// The WHATWG urlencoded byte serializer for one string: space → `+`, ASCII
/// alphanumerics and `*-._` kept, every other UTF-8 byte as uppercase `%XX`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        match byte {
            b' ' => out.push('+'),
            b'*' | b'-' | b'.' | b'_' => out.push(char::from(byte)),
            _ if byte.is_ascii_alphanumeric() => out.push(char::from(byte)),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
    }
    out
}

/// `URLSearchParams#toString()` of these pairs: `name=value` joined with `&`, both
/// sides through [`encode_component`] (so a flag prints as `flag=`).
pub fn serialize<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                encode_component(name.as_ref()),
                encode_component(value.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `req.query` before route params are merged: the query's pairs grouped by key
/// (repeated keys become arrays in order), with keys in the order a JS object
/// enumerates them (array-index keys such as `"2"` first, ascending).
pub fn query_object(query: &str) -> Vec<(String, QueryValue)> {
    js_object_key_order(group_pairs(parse(query)))
}

/// Next's `req.url` for pages/api: the path as given plus the query re-serialised
/// from its parsed, grouped form (`?flag` → `?flag=`, `a+b%20c` → `a+b+c`, `[` →
/// `%5B`, `%zz` → `%25zz`, repeated keys brought together: `a=1&b=2&a=3` →
/// `a=1&a=3&b=2`). An empty or missing query gives the path alone (no `?`).
///
/// `path` should be the URL's pathname as Next parsed it; a `?` or `#` in it is
/// percent-encoded as Next's `formatUrl` does.
pub fn reserialize_url(path: &str, query: Option<&str>) -> String {
    reserialize_url_excluding(path, query, &[])
}

/// [`reserialize_url`] leaving out the query keys in `excluded_keys`: Next's
/// `normalizeCdnUrl` (packages/next/src/server/server-utils.ts) drops some route
/// param names and its internal `nxtP`/`nxtI`-prefixed keys from `req.url`. Which keys
/// to drop is the caller's decision; the corpus does not exercise it.
pub fn reserialize_url_excluding(
    path: &str,
    query: Option<&str>,
    excluded_keys: &[&str],
) -> String {
    let mut url = path.replace('?', "%3F").replace('#', "%23");
    let Some(query) = query else {
        return url;
    };
    let mut flattened: Vec<(String, String)> = Vec::new();
    for (key, value) in query_object(query) {
        if excluded_keys.contains(&key.as_str()) {
            continue;
        }
        match value {
            QueryValue::One(value) => flattened.push((key, value)),
            QueryValue::Many(values) => {
                flattened.extend(values.into_iter().map(|value| (key.clone(), value)));
            }
        }
    }
    let serialized = serialize(&flattened);
    if !serialized.is_empty() {
        url.push('?');
        url.push_str(&serialized);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// The corpus' query-* cases: the request target and the `req.url` Next showed.
    #[test]
    fn corpus_req_url() {
        let cases = [
            ("/api/echo?a=1&a=2&b=3", "/api/echo?a=1&a=2&b=3"),
            ("/api/echo?empty=&flag", "/api/echo?empty=&flag="),
            (
                "/api/echo?s=a+b%20c&u=%C3%A9&amp=%26",
                "/api/echo?s=a+b+c&u=%C3%A9&amp=%26",
            ),
            ("/api/echo?a=%zz&b=ok", "/api/echo?a=%25zz&b=ok"),
            ("/api/echo?x=1", "/api/echo?x=1"),
            ("/api/echo", "/api/echo"),
        ];
        for (target, expected) in cases {
            let (path, query) = split_request_target(target);
            assert_eq!(reserialize_url(path, query), expected, "target {target}");
        }
    }

    #[test]
    fn corpus_req_query() {
        let grouped = query_object("a=1&a=2&b=3");
        assert_eq!(
            grouped,
            vec![
                (
                    "a".to_owned(),
                    QueryValue::Many(vec!["1".to_owned(), "2".to_owned()])
                ),
                ("b".to_owned(), QueryValue::One("3".to_owned())),
            ]
        );
        assert_eq!(parse("empty=&flag"), pairs(&[("empty", ""), ("flag", "")]));
        assert_eq!(
            parse("s=a+b%20c&u=%C3%A9&amp=%26"),
            pairs(&[("s", "a b c"), ("u", "é"), ("amp", "&")])
        );
        assert_eq!(parse("a=%zz&b=ok"), pairs(&[("a", "%zz"), ("b", "ok")]));
    }

    /// A query, the pairs URLSearchParams reads from it, and its re-serialisation.
    type UrlEncodedCase = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static str,
    );

    // Expected values from Node 20's URLSearchParams.
    #[test]
    fn urlsearchparams_parse_and_serialize() {
        let cases: [UrlEncodedCase; 10] = [
            (
                "a=1&b=2&a=3",
                &[("a", "1"), ("b", "2"), ("a", "3")],
                "a=1&b=2&a=3",
            ),
            ("flag", &[("flag", "")], "flag="),
            ("=v", &[("", "v")], "=v"),
            ("&&a=1&", &[("a", "1")], "a=1"),
            ("a+b=c+d", &[("a b", "c d")], "a+b=c+d"),
            ("%zz=%4", &[("%zz", "%4")], "%25zz=%254"),
            ("%E9=%C3%A9", &[("\u{fffd}", "é")], "%EF%BF%BD=%C3%A9"),
            ("k=1=2", &[("k", "1=2")], "k=1%3D2"),
            (
                "x=[]&y=~!*()'",
                &[("x", "[]"), ("y", "~!*()'")],
                "x=%5B%5D&y=%7E%21*%28%29%27",
            ),
            ("b=😀", &[("b", "😀")], "b=%F0%9F%98%80"),
        ];
        for (input, expected_pairs, expected_string) in cases {
            let parsed = parse(input);
            assert_eq!(parsed, pairs(expected_pairs), "input {input}");
            assert_eq!(serialize(&parsed), expected_string, "input {input}");
        }
        assert_eq!(parse("?x=1"), pairs(&[("?x", "1")]));
        assert_eq!(serialize::<&str, &str>(&[]), "");
    }

    #[test]
    fn reserialize_groups_and_orders_like_js_objects() {
        assert_eq!(reserialize_url("/p", Some("a=1&b=2&a=3")), "/p?a=1&a=3&b=2");
        assert_eq!(reserialize_url("/p", Some("b=1&2=x&1=y")), "/p?1=y&2=x&b=1");
        assert_eq!(reserialize_url("/p", Some("")), "/p");
        assert_eq!(reserialize_url("/p", Some("&&")), "/p");
        assert_eq!(reserialize_url("/p", None), "/p");
        assert_eq!(
            reserialize_url_excluding("/api/users/5", Some("id=5&extra=1"), &["id"]),
            "/api/users/5?extra=1"
        );
    }

    #[test]
    fn splits_targets() {
        assert_eq!(split_request_target("/a?x=1#f"), ("/a", Some("x=1")));
        assert_eq!(split_request_target("/a??x=1"), ("/a", Some("?x=1")));
        assert_eq!(split_request_target("/a?"), ("/a", Some("")));
        assert_eq!(split_request_target("/a#x?y"), ("/a", None));
        assert_eq!(split_request_target("/a"), ("/a", None));
    }
}
