//! The `fresh` npm package's If-None-Match rules, as Next's `sendEtagResponse` uses
//! them (packages/next/src/server/send-payload.ts). Last-Modified is not handled
//! because Next's API helpers never set it.

/// Whether a response with `etag` is fresh for a request carrying these headers, so
/// that Next answers 304: `If-None-Match` is `*` or lists the ETag (weak comparison:
/// `W/"x"` matches `"x"` either way round), and `Cache-Control` has no `no-cache`
/// directive.
///
/// A missing or empty If-None-Match is never fresh. The `*` must be the whole header
/// value (`fresh` compares the raw string, so ` * ` is a list entry, not a wildcard).
pub fn is_fresh(if_none_match: Option<&str>, cache_control: Option<&str>, etag: &str) -> bool {
    let if_none_match = match if_none_match {
        Some(value) if !value.is_empty() => value,
        _ => return false,
    };
    if cache_control.is_some_and(has_no_cache_directive) {
        return false;
    }
    if if_none_match == "*" {
        return true;
    }
    if etag.is_empty() {
        return false;
    }
    parse_token_list(if_none_match)
        .into_iter()
        .any(|candidate| {
            candidate == etag
                || candidate.strip_prefix("W/") == Some(etag)
                || etag.strip_prefix("W/") == Some(candidate)
        })
}

/// `fresh`'s `/(?:^|,)\s*?no-cache\s*?(?:,|$)/`: a `no-cache` directive standing alone
/// between commas (case-sensitive, surrounding JS whitespace allowed).
fn has_no_cache_directive(cache_control: &str) -> bool {
    cache_control
        .split(',')
        .any(|directive| directive.trim_matches(crate::js::is_js_whitespace) == "no-cache")
}

/// `fresh`'s `parseTokenList`: splits on `,`, dropping spaces (0x20 only) around
/// entries but keeping inner ones; empty entries are kept as empty strings.
fn parse_token_list(value: &str) -> Vec<&str> {
    let bytes = value.as_bytes();
    let mut list = Vec::new();
    let (mut start, mut end) = (0usize, 0usize);
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            b' ' => {
                if start == end {
                    start = index + 1;
                    end = index + 1;
                }
            }
            b',' => {
                list.push(&value[start..end]);
                start = index + 1;
                end = index + 1;
            }
            _ => end = index + 1,
        }
    }
    list.push(&value[start..end]);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    const ETAG: &str = "\"a\"";

    fn fresh(inm: &str, cc: Option<&str>) -> bool {
        is_fresh(Some(inm), cc, ETAG)
    }

    // Expected values come from Next's compiled `fresh` run under Node 20.
    #[test]
    fn matches() {
        assert!(fresh("\"a\"", None));
        assert!(fresh("W/\"a\"", None));
        assert!(fresh("*", None));
        assert!(fresh("\"b\", \"a\"", None));
        assert!(fresh("\"b\",\"a\"", None));
        assert!(fresh("\"b\" ,  \"a\"", None));
        assert!(fresh("W/\"a\"  ,", None));
        assert!(fresh("  \"a\"", None));
        assert!(fresh("\"a\"  ", None));
        assert!(is_fresh(Some("\"a\""), None, "W/\"a\""));
    }

    #[test]
    fn mismatches() {
        assert!(!fresh("\"b\"", None));
        assert!(!fresh("", None));
        assert!(!fresh(" * ", None));
        assert!(!is_fresh(None, None, ETAG));
        assert!(!is_fresh(Some("\"a\""), None, ""));
    }

    #[test]
    fn no_cache() {
        assert!(!fresh("\"a\"", Some("no-cache")));
        assert!(!fresh("*", Some("no-cache")));
        assert!(!fresh("\"a\"", Some("max-age=0, no-cache")));
        assert!(!fresh("\"a\"", Some("x,no-cache ")));
        assert!(fresh("\"a\"", Some("no-cache-x")));
        assert!(fresh("\"a\"", Some("NO-CACHE")));
        assert!(fresh("\"a\"", Some("max-age=0")));
    }

    #[test]
    fn corpus_cases() {
        let etag = "\"kxl31zjxesh\"";
        assert!(is_fresh(Some("\"kxl31zjxesh\""), None, etag));
        assert!(is_fresh(Some("W/\"kxl31zjxesh\""), None, etag));
        assert!(!is_fresh(Some("\"nope\""), None, etag));
        assert!(!is_fresh(Some("\"kxl31zjxesh\""), Some("no-cache"), etag));
    }
}
