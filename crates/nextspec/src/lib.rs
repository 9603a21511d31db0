//! `apiroutes-nextspec`: Next.js 16's HTTP rules for API routes as small pure
//! functions, each reproducing the JS package or Node behaviour Next relies on
//! (ETag, freshness, cookies, Content-Type, body limits and charsets, query strings,
//! reason phrases). The server and the JS runtime bindings call these so that what
//! they send matches `next start` byte for byte.

pub mod body;
pub mod bytes_limit;
pub mod charset;
mod charset_table;
pub mod content_type;
pub mod cookies;
pub mod etag;
pub mod fresh;
pub mod js;
pub mod querystring;
pub mod reason;
pub mod uri;
pub mod url_query;

pub use body::{classify, decode_text, BodyClass, BodyError, BodyKind};
pub use cookies::parse_cookie_header;
pub use etag::{strong_etag, strong_etag_utf16};
pub use fresh::is_fresh;
pub use querystring::{group_pairs, QueryValue};
pub use reason::canonical_reason;
pub use uri::{decode_uri_component, encode_uri_component, UriMalformed};

/// Next's default `bodyParser.sizeLimit` (`'1mb'`) in bytes.
pub const DEFAULT_BODY_LIMIT: u64 = 1_048_576;

/// Next's default `bodyParser.sizeLimit` as written in its source; it is what the 413
/// message prints when no limit is configured.
pub const DEFAULT_BODY_LIMIT_TEXT: &str = "1mb";

/// The reason phrase and body of Next's 413: `Body exceeded <limit> limit`, with the
/// configured limit printed as given (`"100b"`, or a number as JS prints it, `"20"`).
pub fn limit_exceeded_message(configured: &str) -> String {
    format!("Body exceeded {configured} limit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_messages_match_corpus() {
        assert_eq!(
            limit_exceeded_message(DEFAULT_BODY_LIMIT_TEXT),
            "Body exceeded 1mb limit"
        );
        assert_eq!(limit_exceeded_message("100b"), "Body exceeded 100b limit");
        assert_eq!(limit_exceeded_message("20"), "Body exceeded 20 limit");
        assert_eq!(
            bytes_limit::parse(DEFAULT_BODY_LIMIT_TEXT),
            Some(DEFAULT_BODY_LIMIT as i64)
        );
    }
}
