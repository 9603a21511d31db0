//! Content-Type parsing with the `content-type` package's strict grammar, as bundled
//! in Next 16 (next/dist/compiled/content-type) and used by Next's body parser.

use crate::js::js_trim;

/// A parsed Content-Type: the lowercased media type and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentType {
    /// `type/subtype`, lowercased, without parameters (for example `application/json`).
    pub media_type: String,
    /// Parameters in first-seen order; names lowercased, values as given (quotes and
    /// backslash escapes of quoted strings removed). A repeated name keeps its first
    /// position and its last value, like the JS object the package builds.
    pub parameters: Vec<(String, String)>,
}

impl ContentType {
    /// The value of parameter `name` (give it lowercased), if present.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The `charset` parameter, as given (not lowercased).
    pub fn charset(&self) -> Option<&str> {
        self.parameter("charset")
    }
}

/// Why a Content-Type header was rejected (the package throws a `TypeError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentTypeError {
    /// The header is empty.
    #[error("argument string is required")]
    Empty,
    /// The part before the first `;` is not `token/token`.
    #[error("invalid media type")]
    InvalidMediaType,
    /// The parameters after the first `;` do not follow `; name=value` exactly.
    #[error("invalid parameter format")]
    InvalidParameterFormat,
}

/// Parses a Content-Type header like the `content-type` package's `parse`.
///
/// Strict: `text/plain;charset=utf-8;` (trailing `;`) and `application/json;;;=` are
/// errors. Only spaces (not tabs) may surround `;` and `=` in the parameter list. A
/// header whose bytes are not ASCII must be given as Node sees it: each byte as the
/// character with that code (latin1).
pub fn parse(header: &str) -> Result<ContentType, ContentTypeError> {
    if header.is_empty() {
        return Err(ContentTypeError::Empty);
    }
    let (type_part, params_part) = match header.find(';') {
        Some(index) => (&header[..index], Some(&header[index..])),
        None => (header, None),
    };
    let media_type = js_trim(type_part);
    if !is_media_type(media_type) {
        return Err(ContentTypeError::InvalidMediaType);
    }
    let mut parameters: Vec<(String, String)> = Vec::new();
    if let Some(mut rest) = params_part {
        while !rest.is_empty() {
            let (name, value, consumed) =
                match_parameter(rest).ok_or(ContentTypeError::InvalidParameterFormat)?;
            let name = name.to_ascii_lowercase();
            match parameters.iter_mut().find(|(key, _)| *key == name) {
                Some(existing) => existing.1 = value,
                None => parameters.push((name, value)),
            }
            rest = &rest[consumed..];
        }
    }
    Ok(ContentType {
        media_type: media_type.to_ascii_lowercase(),
        parameters,
    })
}

/// RFC 7230 `tchar`.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+.^_`|~-".contains(c)
}

/// `^token/token$`.
fn is_media_type(s: &str) -> bool {
    match s.split_once('/') {
        Some((kind, subtype)) => {
            !kind.is_empty()
                && !subtype.is_empty()
                && kind.chars().all(is_token_char)
                && subtype.chars().all(is_token_char)
        }
        None => false,
    }
}

/// Matches the package's parameter regex
/// `; *(token) *= *("quoted"|token) *` anchored at the start of `s`, returning the
/// name, the unquoted value and how many bytes matched.
fn match_parameter(s: &str) -> Option<(&str, String, usize)> {
    let mut position = s.strip_prefix(';').map(|_| 1)?;
    position += count_spaces(&s[position..]);
    let name_len = s[position..]
        .find(|c: char| !is_token_char(c))
        .unwrap_or(s.len() - position);
    if name_len == 0 {
        return None;
    }
    let name = &s[position..position + name_len];
    position += name_len;
    position += count_spaces(&s[position..]);
    position += s[position..].strip_prefix('=').map(|_| 1)?;
    position += count_spaces(&s[position..]);
    let (value, value_len) = if s[position..].starts_with('"') {
        match_quoted_string(&s[position..])?
    } else {
        let len = s[position..]
            .find(|c: char| !is_token_char(c))
            .unwrap_or(s.len() - position);
        if len == 0 {
            return None;
        }
        (s[position..position + len].to_owned(), len)
    };
    position += value_len;
    position += count_spaces(&s[position..]);
    Some((name, value, position))
}

/// Number of bytes of leading 0x20 spaces.
fn count_spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

/// Matches `"(?:qdtext|\\[\x0b\x20-\xff])*"` at the start of `s` (which starts with
/// `"`), where qdtext is `[\x0b\x20\x21\x23-\x5b\x5d-\x7e\x80-\xff]`. Returns the
/// unescaped content and the matched length in bytes.
fn match_quoted_string(s: &str) -> Option<(String, usize)> {
    let is_escapable = |c: char| c == '\u{0b}' || ('\u{20}'..='\u{ff}').contains(&c);
    let is_qdtext = |c: char| c != '"' && c != '\\' && c != '\u{7f}' && is_escapable(c);
    let mut value = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Some((value, index + 1)),
            '\\' => {
                let (_, escaped) = chars.next()?;
                if !is_escapable(escaped) {
                    return None;
                }
                value.push(escaped);
            }
            _ if is_qdtext(c) => value.push(c),
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(header: &str) -> (String, Vec<(String, String)>) {
        let parsed = parse(header).expect("header should parse");
        (parsed.media_type, parsed.parameters)
    }

    fn params(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    // Expected values from Next's compiled `content-type` under Node 20.
    #[test]
    fn valid_headers() {
        assert_eq!(ok("application/json"), ("application/json".into(), vec![]));
        assert_eq!(
            ok("Application/JSON; Charset=UTF-8"),
            ("application/json".into(), params(&[("charset", "UTF-8")]))
        );
        assert_eq!(
            ok("text/plain; charset=\"utf\\\"-8\""),
            ("text/plain".into(), params(&[("charset", "utf\"-8")]))
        );
        assert_eq!(
            ok("text/plain ; charset=utf-8").1,
            params(&[("charset", "utf-8")])
        );
        assert_eq!(
            ok("text/plain;  charset = utf-8 ").1,
            params(&[("charset", "utf-8")])
        );
        assert_eq!(
            ok("text/plain; charset=utf-8 ; a=b").1,
            params(&[("charset", "utf-8"), ("a", "b")])
        );
        assert_eq!(ok("image/*").0, "image/*");
        assert_eq!(ok("*/*").0, "*/*");
        assert_eq!(ok("a/b; c=\"é\"").1, params(&[("c", "é")]));
        assert_eq!(ok("text/plain; a=1; a=2").1, params(&[("a", "2")]));
        assert_eq!(ok("text/plain\t; a=1").1, params(&[("a", "1")]));
        assert_eq!(ok("text/plain; charset=\"\"").1, params(&[("charset", "")]));
    }

    #[test]
    fn invalid_headers() {
        assert_eq!(parse(""), Err(ContentTypeError::Empty));
        assert_eq!(
            parse("application/json;;;="),
            Err(ContentTypeError::InvalidParameterFormat)
        );
        assert_eq!(
            parse("text/plain;charset=utf-8;"),
            Err(ContentTypeError::InvalidParameterFormat)
        );
        assert_eq!(
            parse("text/html; charset=a=b"),
            Err(ContentTypeError::InvalidParameterFormat)
        );
        assert_eq!(
            parse("text/plain; charset="),
            Err(ContentTypeError::InvalidParameterFormat)
        );
        assert_eq!(
            parse("text/plain;\tcharset=x"),
            Err(ContentTypeError::InvalidParameterFormat)
        );
        assert_eq!(
            parse("text/plain; a=\"x\ty\""),
            Err(ContentTypeError::InvalidParameterFormat)
        );
        assert_eq!(
            parse("text/plain; a=\"open"),
            Err(ContentTypeError::InvalidParameterFormat)
        );
        assert_eq!(
            parse("text/ plain"),
            Err(ContentTypeError::InvalidMediaType)
        );
        assert_eq!(parse("text"), Err(ContentTypeError::InvalidMediaType));
        assert_eq!(
            parse("text/plain/x"),
            Err(ContentTypeError::InvalidMediaType)
        );
    }

    #[test]
    fn charset_accessor() {
        assert_eq!(
            parse("text/plain; charset=latin1").map(|c| c.charset().map(str::to_owned)),
            Ok(Some("latin1".into()))
        );
        assert_eq!(
            parse("text/plain").map(|c| c.charset().map(str::to_owned)),
            Ok(None)
        );
    }
}
