//! Node's `querystring.decode` (Node 20) as Next uses it for
//! `application/x-www-form-urlencoded` bodies, and the grouping of repeated keys
//! into arrays that its result object does.

use crate::uri::hex_escape_at;

/// Node's default `maxKeys`: only the first 1000 `&`-separated pieces are read.
pub const DEFAULT_MAX_KEYS: usize = 1000;

/// A decoded value: one string, or the values of a repeated key in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryValue {
    /// A key seen once.
    One(String),
    /// A key seen more than once (always at least two values).
    Many(Vec<String>),
}

/// `querystring.decode(s)` with default options, as `(key, value)` pairs in order
/// (see [`group_pairs`] for the object Node returns).
///
/// Pieces are split on `&` and each on its first `=`; `+` becomes a space and then
/// valid `%XX` escapes are decoded as bytes (malformed ones stay literal), the
/// result read as UTF-8 with invalid sequences replaced by U+FFFD. A piece without
/// `=` is a key with value `""`; empty pieces are skipped but count towards the
/// 1000-piece limit.
pub fn parse_node(s: &str) -> Vec<(String, String)> {
    parse_node_with_max_keys(s, DEFAULT_MAX_KEYS)
}

/// [`parse_node`] with Node's `maxKeys` option (`0` means no limit).
pub fn parse_node_with_max_keys(s: &str, max_keys: usize) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if s.is_empty() {
        return pairs;
    }
    for (index, piece) in s.split('&').enumerate() {
        if max_keys != 0 && index == max_keys {
            break;
        }
        // An empty piece adds nothing, whether between two `&` or at the end.
        if piece.is_empty() {
            continue;
        }
        let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
        pairs.push((unescape(key), unescape(value)));
    }
    pairs
}

/// Node's `querystring.unescape` after `+` → space: valid `%XX` escapes become bytes,
/// then the bytes are read as UTF-8 the way `Buffer#toString` does (U+FFFD for
/// invalid sequences).
pub fn unescape(s: &str) -> String {
    if !s.contains(['%', '+']) {
        return s.to_owned();
    }
    percent_decode_lossy(s, true)
}

/// Percent-decodes the UTF-8 bytes of `s` (optionally `+` → space first) and reads the
/// result as UTF-8, replacing invalid sequences with U+FFFD; a `%` not followed by two
/// hex digits is kept literally. Shared by Node's querystring and the WHATWG parser,
/// which agree on this.
pub(crate) fn percent_decode_lossy(s: &str, plus_as_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => match hex_escape_at(bytes, index) {
                Some(byte) => {
                    decoded.push(byte);
                    index += 3;
                }
                None => {
                    decoded.push(b'%');
                    index += 1;
                }
            },
            b'+' if plus_as_space => {
                decoded.push(b' ');
                index += 1;
            }
            byte => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// Groups pairs by key in first-seen key order: a key seen once maps to
/// [`QueryValue::One`], a repeated key to [`QueryValue::Many`] with its values in
/// order. (Building a JS object from the result puts array-index keys such as `"1"`
/// first, as JS always does; see [`crate::js::js_object_key_order`].)
pub fn group_pairs(pairs: Vec<(String, String)>) -> Vec<(String, QueryValue)> {
    let mut grouped: Vec<(String, QueryValue)> = Vec::new();
    for (key, value) in pairs {
        match grouped.iter_mut().find(|(seen, _)| *seen == key) {
            Some((_, existing)) => match existing {
                QueryValue::One(first) => {
                    *existing = QueryValue::Many(vec![std::mem::take(first), value]);
                }
                QueryValue::Many(values) => values.push(value),
            },
            None => grouped.push((key, QueryValue::One(value))),
        }
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    // Expected values from Node 20's querystring.decode.
    #[test]
    fn decodes_like_node() {
        assert_eq!(
            parse_node("a=1&b=2&a=3"),
            pairs(&[("a", "1"), ("b", "2"), ("a", "3")])
        );
        assert_eq!(parse_node("flag"), pairs(&[("flag", "")]));
        assert_eq!(parse_node("=v"), pairs(&[("", "v")]));
        assert_eq!(parse_node("&&a=1&"), pairs(&[("a", "1")]));
        assert_eq!(
            parse_node("=&=1&a"),
            pairs(&[("", ""), ("", "1"), ("a", "")])
        );
        assert_eq!(parse_node("a+b=c+d"), pairs(&[("a b", "c d")]));
        assert_eq!(parse_node("%zz=%4"), pairs(&[("%zz", "%4")]));
        assert_eq!(parse_node("%E9=%C3%A9"), pairs(&[("\u{fffd}", "é")]));
        assert_eq!(parse_node("a=%C3"), pairs(&[("a", "\u{fffd}")]));
        assert_eq!(parse_node("k=1=2"), pairs(&[("k", "1=2")]));
        assert_eq!(parse_node("%2B=+"), pairs(&[("+", " ")]));
        assert_eq!(parse_node("a%=b"), pairs(&[("a%", "b")]));
        assert_eq!(parse_node("a=%%41"), pairs(&[("a", "%A")]));
        assert_eq!(parse_node("a=%u0041"), pairs(&[("a", "%u0041")]));
        assert_eq!(
            parse_node("%ed%a0%80=y"),
            pairs(&[("\u{fffd}\u{fffd}\u{fffd}", "y")])
        );
        assert_eq!(parse_node("a=é%zz"), pairs(&[("a", "é%zz")]));
        assert_eq!(parse_node("a=%e9%zz"), pairs(&[("a", "\u{fffd}%zz")]));
        assert_eq!(parse_node("a=1;b=2"), pairs(&[("a", "1;b=2")]));
        assert!(parse_node("").is_empty());
    }

    #[test]
    fn max_keys_counts_every_piece() {
        let body: String = (0..1005).map(|i| format!("k{i}=1&")).collect();
        assert_eq!(parse_node(&body).len(), 1000);
        let with_empties = format!("&&&{body}");
        let parsed = parse_node(&with_empties);
        assert_eq!(parsed.len(), 997);
        assert_eq!(parsed.last().map(|(k, _)| k.as_str()), Some("k996"));
        assert_eq!(parse_node_with_max_keys(&body, 0).len(), 1005);
    }

    #[test]
    fn corpus_body_urlencoded() {
        // body-urlencoded: "a=1&b=two&a=3" → {"a":["1","3"],"b":"two"}
        let grouped = group_pairs(parse_node("a=1&b=two&a=3"));
        assert_eq!(
            grouped,
            vec![
                (
                    "a".to_owned(),
                    QueryValue::Many(vec!["1".to_owned(), "3".to_owned()])
                ),
                ("b".to_owned(), QueryValue::One("two".to_owned())),
            ]
        );
    }
}
