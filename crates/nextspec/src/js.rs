//! Small pieces of JavaScript string semantics that several Next rules rely on.

/// Whether `c` is whitespace for JS `String#trim` and regex `\s` (WhiteSpace plus
/// LineTerminator in ECMAScript).
pub fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{0009}'
            | '\u{000A}'
            | '\u{000B}'
            | '\u{000C}'
            | '\u{000D}'
            | '\u{0020}'
            | '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// A header value as Node's HTTP parser hands it to JS: each byte becomes the
/// character with that code (latin1), so non-ASCII bytes never fail to decode.
pub fn latin1_to_string(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// JS `String#trim`.
pub fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_whitespace)
}

/// Whether `key` is an array index, which JS objects list before all other keys
/// (in ascending numeric order) whatever the insertion order: a canonical decimal
/// number below 2^32 - 1.
pub fn is_array_index(key: &str) -> bool {
    if key.is_empty() || key.len() > 10 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if key.len() > 1 && key.starts_with('0') {
        return false;
    }
    key.parse::<u64>().is_ok_and(|n| n < u64::from(u32::MAX))
}

/// Orders keys as JS enumerates an ordinary object's own string keys: array indexes
/// ascending first, then the rest in insertion order. `entries` must already hold
/// each key once, in insertion order.
pub fn js_object_key_order<T>(entries: Vec<(String, T)>) -> Vec<(String, T)> {
    let (mut indexes, others): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|(key, _)| is_array_index(key));
    // Array indexes fit in u32, so parsing cannot fail here; 0 is only a fallback.
    indexes.sort_by_key(|(key, _)| key.parse::<u64>().unwrap_or(0));
    indexes.extend(others);
    indexes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_like_js() {
        assert_eq!(js_trim("\u{a0}\t a b \u{feff}\n"), "a b");
        assert_eq!(js_trim(""), "");
    }

    #[test]
    fn latin1_headers() {
        assert_eq!(latin1_to_string(b"a\xe9\xff"), "a\u{e9}\u{ff}");
    }

    #[test]
    fn array_indexes() {
        assert!(is_array_index("0"));
        assert!(is_array_index("4294967294"));
        assert!(!is_array_index("4294967295"));
        assert!(!is_array_index("01"));
        assert!(!is_array_index("-1"));
        assert!(!is_array_index("1.5"));
        assert!(!is_array_index(""));
    }

    #[test]
    fn object_key_order() {
        let entries = vec![
            ("b".to_owned(), 1),
            ("2".to_owned(), 2),
            ("1".to_owned(), 3),
            ("a".to_owned(), 4),
        ];
        let keys: Vec<String> = js_object_key_order(entries)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["1", "2", "b", "a"]);
    }
}
