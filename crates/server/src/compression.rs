//! Next's response compression (the `compression` npm package with its defaults):
//! `Vary: Accept-Encoding` on every compressible response, and gzip when the client
//! accepts it and the body is at least 1 KiB or of unknown length (SPEC section 10).

/// Bodies shorter than this (when their length is known) are sent as they are.
pub const THRESHOLD: usize = 1024;

/// The `compressible` package's answer for a Content-Type header value.
pub fn is_compressible(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media.is_empty() {
        return false;
    }
    const KNOWN: &[&str] = &[
        "application/json",
        "application/javascript",
        "application/x-javascript",
        "application/ecmascript",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/graphql",
        "application/wasm",
        "image/svg+xml",
        "image/bmp",
        "font/otf",
        "font/ttf",
    ];
    KNOWN.contains(&media.as_str())
        || media.starts_with("text/")
        || media.ends_with("+json")
        || media.ends_with("+text")
        || media.ends_with("+xml")
}

/// Whether `Cache-Control` forbids transforming the body.
fn forbids_transform(cache_control: Option<&str>) -> bool {
    cache_control.is_some_and(|value| {
        value
            .split(',')
            .any(|directive| directive.trim().eq_ignore_ascii_case("no-transform"))
    })
}

/// Whether the request's Accept-Encoding lets us answer with gzip (negotiator semantics:
/// `gzip` or `*` with a non-zero q-value).
pub fn accepts_gzip(accept_encoding: Option<&str>) -> bool {
    let Some(header) = accept_encoding else {
        return false;
    };
    let mut gzip_q: Option<f32> = None;
    let mut star_q: Option<f32> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut q = 1.0f32;
        for param in parts {
            if let Some(value) = param.trim().strip_prefix("q=") {
                q = value.trim().parse().unwrap_or(0.0);
            }
        }
        match coding.as_str() {
            "gzip" | "x-gzip" => gzip_q = Some(q),
            "*" => star_q = Some(q),
            _ => {}
        }
    }
    gzip_q.or(star_q).is_some_and(|q| q > 0.0)
}

/// What compression does to one response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Append `Accept-Encoding` to Vary.
    pub add_vary: bool,
    /// Gzip the body (drop Content-Length, set Content-Encoding).
    pub gzip: bool,
}

/// The facts about a response that compression looks at.
pub struct ResponseFacts<'a> {
    pub content_type: Option<&'a str>,
    pub cache_control: Option<&'a str>,
    pub content_encoding: Option<&'a str>,
    /// Explicit Content-Length header, or the complete body's length.
    pub known_length: Option<usize>,
    pub is_head: bool,
    pub accept_encoding: Option<&'a str>,
}

pub fn decide(facts: &ResponseFacts<'_>) -> Decision {
    let filtered_in = facts.content_type.is_some_and(is_compressible);
    if !filtered_in || forbids_transform(facts.cache_control) {
        return Decision {
            add_vary: false,
            gzip: false,
        };
    }
    let below_threshold = facts.known_length.is_some_and(|len| len < THRESHOLD);
    let already_encoded = facts
        .content_encoding
        .is_some_and(|enc| !enc.eq_ignore_ascii_case("identity"));
    let gzip = !below_threshold
        && !already_encoded
        && !facts.is_head
        && accepts_gzip(facts.accept_encoding);
    Decision {
        add_vary: true,
        gzip,
    }
}

/// Appends `Accept-Encoding` to an existing Vary value unless it is already listed (or `*`).
pub fn merge_vary(existing: Option<&str>) -> Option<String> {
    match existing {
        None => Some("Accept-Encoding".to_string()),
        Some(value) => {
            let listed = value
                .split(',')
                .map(str::trim)
                .any(|token| token == "*" || token.eq_ignore_ascii_case("accept-encoding"));
            if listed {
                None
            } else if value.trim().is_empty() {
                Some("Accept-Encoding".to_string())
            } else {
                Some(format!("{value}, Accept-Encoding"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(
        content_type: Option<&str>,
        len: Option<usize>,
        accept: Option<&str>,
    ) -> ResponseFacts<'static> {
        // Leak test strings: fine in tests, keeps the helper simple.
        ResponseFacts {
            content_type: content_type.map(|s| &*Box::leak(s.to_string().into_boxed_str())),
            cache_control: None,
            content_encoding: None,
            known_length: len,
            is_head: false,
            accept_encoding: accept.map(|s| &*Box::leak(s.to_string().into_boxed_str())),
        }
    }

    #[test]
    fn json_gets_vary_even_without_gzip() {
        let d = decide(&facts(
            Some("application/json; charset=utf-8"),
            Some(17),
            None,
        ));
        assert_eq!(
            d,
            Decision {
                add_vary: true,
                gzip: false
            }
        );
    }

    #[test]
    fn no_content_type_or_octet_stream_gets_nothing() {
        assert!(!decide(&facts(None, Some(5), Some("gzip"))).add_vary);
        assert!(
            !decide(&facts(
                Some("application/octet-stream"),
                Some(5000),
                Some("gzip")
            ))
            .add_vary
        );
    }

    #[test]
    fn gzip_needs_size_and_acceptance() {
        assert!(
            decide(&facts(
                Some("text/plain"),
                Some(2000),
                Some("gzip, deflate")
            ))
            .gzip
        );
        assert!(!decide(&facts(Some("text/plain"), Some(100), Some("gzip"))).gzip);
        assert!(
            decide(&facts(Some("text/plain"), None, Some("gzip"))).gzip,
            "streamed bodies are compressed"
        );
        assert!(!decide(&facts(Some("text/plain"), Some(2000), Some("gzip;q=0"))).gzip);
        assert!(!decide(&facts(Some("text/plain"), Some(2000), Some("br"))).gzip);
    }

    #[test]
    fn vary_merging() {
        assert_eq!(merge_vary(None).as_deref(), Some("Accept-Encoding"));
        assert_eq!(
            merge_vary(Some("Origin")).as_deref(),
            Some("Origin, Accept-Encoding")
        );
        assert_eq!(merge_vary(Some("accept-encoding")), None);
    }
}
