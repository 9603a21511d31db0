//! `req.cookies` parsing: the `cookie` package's `parse` exactly as Next 16 bundles it
//! (next/dist/compiled/cookie, used by packages/next/src/server/api-utils/get-cookie-parser.ts).

use crate::js::js_trim;
use crate::uri::decode_uri_component;

/// Names that a plain JS object already "has" through `Object.prototype`. The
/// bundled parser stores cookies in `{}` and keeps a name only while
/// `obj[name] == undefined`, so a cookie with one of these names is never kept.
const OBJECT_PROTOTYPE_KEYS: [&str; 12] = [
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "hasOwnProperty",
    "__lookupGetter__",
    "__lookupSetter__",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toString",
    "valueOf",
    "__proto__",
    "toLocaleString",
];

/// Parses a `Cookie` header into `(name, value)` pairs in first-seen order, as
/// Next's `req.cookies` sees it.
///
/// Pairs are split on `;`; a pair without `=` is skipped; name and value are
/// JS-trimmed; everything after the first `=` is the value; a value starting with
/// `"` loses its first and last characters; values are passed through
/// `decodeURIComponent` and kept as they are when that fails; the first occurrence
/// of a name wins. An empty header gives no pairs (Next answers `{}` without
/// calling the parser). Several `Cookie` header lines must be joined with `"; "`
/// first, as Next does.
pub fn parse_cookie_header(header: &str) -> Vec<(String, String)> {
    let mut cookies: Vec<(String, String)> = Vec::new();
    for pair in header.split(';') {
        let Some(equals) = pair.find('=') else {
            continue;
        };
        let name = js_trim(&pair[..equals]);
        if OBJECT_PROTOTYPE_KEYS.contains(&name) || cookies.iter().any(|(seen, _)| seen == name) {
            continue;
        }
        let mut value = js_trim(&pair[equals + 1..]);
        if value.starts_with('"') {
            value = strip_first_and_last_char(value);
        }
        let decoded = decode_uri_component(value).unwrap_or_else(|_| value.to_owned());
        cookies.push((name.to_owned(), decoded));
    }
    cookies
}

/// JS `s.slice(1, -1)` for a string whose first character is `"` (one byte).
fn strip_first_and_last_char(value: &str) -> &str {
    let rest = &value[1..];
    match rest.char_indices().last() {
        Some((last_start, _)) => &rest[..last_start],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(header: &str) -> Vec<(String, String)> {
        parse_cookie_header(header)
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    // Expected values from Next's compiled `cookie` package under Node 20.
    #[test]
    fn corpus_cookies_parsed() {
        assert_eq!(
            parse("a=1; b=hello%20world; c=\"quoted\""),
            pairs(&[("a", "1"), ("b", "hello world"), ("c", "quoted")])
        );
    }

    #[test]
    fn pair_rules() {
        assert_eq!(parse("x=y=z"), pairs(&[("x", "y=z")]));
        assert_eq!(parse("=v"), pairs(&[("", "v")]));
        assert_eq!(parse("  =  "), pairs(&[("", "")]));
        assert_eq!(parse("novalue; a=1"), pairs(&[("a", "1")]));
        assert_eq!(parse("a=1;a=2"), pairs(&[("a", "1")]));
        assert_eq!(parse(" a = 1 ;b= \"x\" "), pairs(&[("a", "1"), ("b", "x")]));
        assert_eq!(parse("a=1;;b=2"), pairs(&[("a", "1"), ("b", "2")]));
        assert_eq!(parse("a=1,b=2"), pairs(&[("a", "1,b=2")]));
        assert_eq!(parse("sp ace=1"), pairs(&[("sp ace", "1")]));
        assert_eq!(parse("a=\t1\t"), pairs(&[("a", "1")]));
        assert!(parse("").is_empty());
    }

    #[test]
    fn quotes_and_decoding() {
        assert_eq!(parse("a=\"abc"), pairs(&[("a", "ab")]));
        assert_eq!(parse("a=\""), pairs(&[("a", "")]));
        assert_eq!(parse("k=\"a\"b\""), pairs(&[("k", "a\"b")]));
        assert_eq!(parse("e=%22q%22"), pairs(&[("e", "\"q\"")]));
        assert_eq!(parse("c=%E0%A4%A"), pairs(&[("c", "%E0%A4%A")]));
        assert_eq!(parse("d=%zz"), pairs(&[("d", "%zz")]));
        assert_eq!(parse("q=\"%C3%A9\""), pairs(&[("q", "é")]));
    }

    #[test]
    fn object_prototype_names_are_dropped() {
        assert_eq!(
            parse("constructor=1; toString=2; __proto__=3; ok=4"),
            pairs(&[("ok", "4")])
        );
    }
}
