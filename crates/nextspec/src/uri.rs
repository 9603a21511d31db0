//! JS `decodeURIComponent`, which Next and the `cookie` package use on path params and
//! cookie values: any malformed escape or invalid UTF-8 sequence is an error (a
//! `URIError` in JS) rather than being replaced; and `encodeURIComponent`, which Next's
//! `stringifyQuery` uses on redirect queries.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters JavaScript's `encodeURIComponent` leaves alone:
/// `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// JS `encodeURIComponent(s)` (UTF-8, upper-case hex).
pub fn encode_uri_component(s: &str) -> String {
    utf8_percent_encode(s, URI_COMPONENT).to_string()
}

/// Why [`decode_uri_component`] refused its input (JS would throw `URIError: URI malformed`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("URI malformed")]
pub struct UriMalformed;

/// JS `decodeURIComponent(s)`: every `%XX` is decoded (reserved characters
/// included); escapes of bytes 0x80 and above must form one complete, valid UTF-8
/// sequence of `%XX` escapes (no overlong forms, no surrogates).
pub fn decode_uri_component(s: &str) -> Result<String, UriMalformed> {
    if !s.contains('%') {
        return Ok(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut index = 0;
    // Copies of unescaped text are made a run at a time; `run_start` marks the run.
    let mut run_start = 0;
    while index < bytes.len() {
        if bytes[index] != b'%' {
            index += 1;
            continue;
        }
        out.push_str(&s[run_start..index]);
        let lead = hex_escape_at(bytes, index).ok_or(UriMalformed)?;
        index += 3;
        let sequence_len = match lead {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return Err(UriMalformed),
        };
        let mut sequence = vec![lead];
        for _ in 1..sequence_len {
            let continuation = hex_escape_at(bytes, index).ok_or(UriMalformed)?;
            if continuation & 0xc0 != 0x80 {
                return Err(UriMalformed);
            }
            sequence.push(continuation);
            index += 3;
        }
        // std's UTF-8 validation rejects exactly what ECMAScript's Decode rejects:
        // overlong forms, surrogate code points and values above U+10FFFF.
        let decoded = std::str::from_utf8(&sequence).map_err(|_| UriMalformed)?;
        out.push_str(decoded);
        run_start = index;
    }
    out.push_str(&s[run_start..]);
    Ok(out)
}

/// The byte of a `%XX` escape starting at `index`, if there is a well-formed one.
pub(crate) fn hex_escape_at(bytes: &[u8], index: usize) -> Option<u8> {
    if bytes.get(index) != Some(&b'%') {
        return None;
    }
    let high = hex_value(*bytes.get(index + 1)?)?;
    let low = hex_value(*bytes.get(index + 2)?)?;
    Some(high << 4 | low)
}

/// The value of one ASCII hex digit.
pub(crate) fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from Node 20's decodeURIComponent.
    #[test]
    fn decodes() {
        assert_eq!(decode_uri_component("abc").as_deref(), Ok("abc"));
        assert_eq!(decode_uri_component("%41").as_deref(), Ok("A"));
        assert_eq!(decode_uri_component("%C3%A9").as_deref(), Ok("é"));
        assert_eq!(decode_uri_component("%f0%9f%98%80").as_deref(), Ok("😀"));
        assert_eq!(decode_uri_component("%EF%BF%BF").as_deref(), Ok("\u{ffff}"));
        assert_eq!(decode_uri_component("a%2Fb%3F%23").as_deref(), Ok("a/b?#"));
        assert_eq!(decode_uri_component("é%20x").as_deref(), Ok("é x"));
    }

    #[test]
    fn rejects_malformed() {
        for input in [
            "%zz",
            "%",
            "%4",
            "%E9",
            "%ed%a0%80",
            "%c0%af",
            "%F4%90%80%80",
            "%f0%9f%98",
            "%C3%41",
            "%80",
        ] {
            assert_eq!(
                decode_uri_component(input),
                Err(UriMalformed),
                "input {input}"
            );
        }
    }
}
