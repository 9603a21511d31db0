//! pages/api request-body rules (SPEC 3, packages/next/src/server/api-utils/node/parse-body.ts):
//! which parser a Content-Type selects, with which charset, how the bytes become
//! text, and the error texts Next answers with.

use crate::charset::{self, CharsetError};
use crate::content_type;

/// Reason phrase and body of Next's 400 for a body that is not valid JSON.
pub const INVALID_JSON: &str = "Invalid JSON";
/// Reason phrase and body of Next's 400 for a body that could not be read or decoded.
pub const INVALID_BODY: &str = "Invalid body";

/// How Next turns the body text into `req.body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/json` or `application/ld+json`: empty text → `{}`, otherwise
    /// `JSON.parse` (failure → 400 [`INVALID_JSON`]).
    Json,
    /// `application/x-www-form-urlencoded`: Node's `querystring.decode`
    /// ([`crate::querystring::parse_node`], grouped into an object).
    UrlEncoded,
    /// Anything else: the decoded text itself.
    Text,
}

/// The parser and charset selected by a request's Content-Type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyClass {
    /// Which parser applies.
    pub kind: BodyKind,
    /// The `charset` parameter when present and non-empty (else UTF-8 is used).
    pub charset: Option<String>,
    /// The parsed media type Next compares (`text/plain` for a missing or unparseable header).
    pub media_type: String,
}

/// Why a body could not become text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// The charset is unknown to iconv-lite: Next answers 400 [`INVALID_BODY`].
    #[error("unsupported charset {0:?}")]
    UnsupportedCharset(String),
    /// iconv-lite knows the charset (UTF-7) but this crate cannot decode it.
    #[error("charset {0:?} is not implemented")]
    UnimplementedCharset(String),
}

impl From<CharsetError> for BodyError {
    fn from(error: CharsetError) -> Self {
        match error {
            CharsetError::Unsupported(name) => BodyError::UnsupportedCharset(name),
            CharsetError::Unimplemented(name) => BodyError::UnimplementedCharset(name),
        }
    }
}

/// Next's choice of parser for a Content-Type header (`None` when absent): a missing,
/// empty or unparseable header counts as `text/plain` (so its charset is ignored
/// too); the media type is compared exactly, without parameters.
pub fn classify(content_type_header: Option<&str>) -> BodyClass {
    let parsed = content_type_header
        .filter(|header| !header.is_empty())
        .and_then(|header| content_type::parse(header).ok());
    let (media_type, charset) = match parsed {
        Some(parsed) => {
            let charset = parsed
                .charset()
                .filter(|c| !c.is_empty())
                .map(str::to_owned);
            (parsed.media_type, charset)
        }
        None => ("text/plain".to_owned(), None),
    };
    let kind = match media_type.as_str() {
        "application/json" | "application/ld+json" => BodyKind::Json,
        "application/x-www-form-urlencoded" => BodyKind::UrlEncoded,
        _ => BodyKind::Text,
    };
    BodyClass {
        kind,
        charset,
        media_type,
    }
}

/// The body bytes as text, decoded like raw-body with iconv-lite: UTF-8 by default
/// (invalid sequences → U+FFFD, one leading BOM dropped), otherwise the named
/// charset (`latin1` is true ISO-8859-1, `utf-16le`, `ascii`, Windows code pages...).
/// An empty or missing charset means UTF-8.
pub fn decode_text(bytes: &[u8], charset: Option<&str>) -> Result<String, BodyError> {
    let label = charset.filter(|c| !c.is_empty()).unwrap_or("utf-8");
    Ok(charset::decode(label, bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(header: Option<&str>) -> BodyKind {
        classify(header).kind
    }

    #[test]
    fn corpus_body_kinds() {
        assert_eq!(kind(Some("application/json")), BodyKind::Json);
        assert_eq!(kind(Some("application/ld+json")), BodyKind::Json);
        assert_eq!(
            kind(Some("Application/JSON; charset=utf-8")),
            BodyKind::Json
        );
        assert_eq!(kind(Some("application/vnd.api+json")), BodyKind::Text);
        assert_eq!(
            kind(Some("application/x-www-form-urlencoded")),
            BodyKind::UrlEncoded
        );
        assert_eq!(kind(Some("text/plain")), BodyKind::Text);
        assert_eq!(kind(Some("application/octet-stream")), BodyKind::Text);
        assert_eq!(
            kind(Some("multipart/form-data; boundary=x")),
            BodyKind::Text
        );
        assert_eq!(kind(None), BodyKind::Text);
        assert_eq!(kind(Some("")), BodyKind::Text);
        // body-no-content-type's sibling: an unparseable header is text/plain.
        assert_eq!(kind(Some("application/json;;;=")), BodyKind::Text);
        assert_eq!(
            classify(Some("application/json;;;=")).media_type,
            "text/plain"
        );
    }

    #[test]
    fn charsets() {
        assert_eq!(
            classify(Some("text/plain; charset=klingon"))
                .charset
                .as_deref(),
            Some("klingon")
        );
        assert_eq!(classify(Some("text/plain; charset=\"\"")).charset, None);
        assert_eq!(classify(Some("text/plain")).charset, None);
        assert_eq!(classify(Some("text/plain;charset=latin1;")).charset, None);
    }

    #[test]
    fn decoding() {
        assert_eq!(
            decode_text(b"hello text", None).as_deref(),
            Ok("hello text")
        );
        assert_eq!(decode_text(b"\xef\xbb\xbfhi", None).as_deref(), Ok("hi"));
        assert_eq!(
            decode_text(b"caf\xe9", Some("latin1")).as_deref(),
            Ok("café")
        );
        assert_eq!(
            decode_text(b"caf\xe9", Some("")).as_deref(),
            Ok("caf\u{fffd}")
        );
        // body-unsupported-charset: text/plain; charset=klingon → 400 Invalid body.
        assert_eq!(
            decode_text(b"qapla", Some("klingon")),
            Err(BodyError::UnsupportedCharset("klingon".to_owned()))
        );
        assert_eq!(
            decode_text(b"a", Some("utf-7")),
            Err(BodyError::UnimplementedCharset("utf-7".to_owned()))
        );
    }
}
