//! Node's `http.STATUS_CODES` table (Node 20): the reason phrases Node puts on the
//! status line when the handler sets none. Next runs on Node, so these are the
//! phrases clients see (for example 418 "I'm a Teapot", not "I'm a teapot").

/// The reason phrase Node 20 sends for `status`, or `None` for a code Node has no
/// phrase for (Node then sends "unknown").
pub fn canonical_reason(status: u16) -> Option<&'static str> {
    let phrase = match status {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a Teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        509 => "Bandwidth Limit Exceeded",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => return None,
    };
    Some(phrase)
}

/// The phrase Node writes on the status line when none is set: the table's phrase, or
/// "unknown" for a code missing from it (as `http.ServerResponse#writeHead` does).
pub fn reason_or_unknown(status: u16) -> &'static str {
    canonical_reason(status).unwrap_or("unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_specific_phrases() {
        assert_eq!(canonical_reason(200), Some("OK"));
        assert_eq!(canonical_reason(304), Some("Not Modified"));
        assert_eq!(canonical_reason(413), Some("Payload Too Large"));
        assert_eq!(canonical_reason(418), Some("I'm a Teapot"));
        assert_eq!(canonical_reason(425), Some("Too Early"));
        assert_eq!(canonical_reason(509), Some("Bandwidth Limit Exceeded"));
        assert_eq!(canonical_reason(102), Some("Processing"));
    }

    #[test]
    fn unknown_codes() {
        assert_eq!(canonical_reason(299), None);
        assert_eq!(canonical_reason(599), None);
        assert_eq!(reason_or_unknown(299), "unknown");
        assert_eq!(reason_or_unknown(404), "Not Found");
    }
}
