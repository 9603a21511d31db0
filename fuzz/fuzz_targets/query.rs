//! The query parsers: Node's `querystring` (pages `req.query`) and WHATWG
//! `URLSearchParams` (with `req.url` re-serialisation), on any query string.
#![no_main]

use apiroutes_nextspec::{querystring, url_query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let pairs = querystring::parse_node(query);
    let _ = querystring::group_pairs(pairs);
    let _ = querystring::unescape(query);
    let whatwg = url_query::parse(query);
    // Serialising what was parsed and parsing it again gives the same pairs.
    let again = url_query::parse(&url_query::serialize(&whatwg));
    assert_eq!(whatwg, again);
    let _ = url_query::split_request_target(query);
});
