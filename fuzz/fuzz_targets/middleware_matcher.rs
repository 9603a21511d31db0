//! The middleware matcher (path-to-regexp subset compiled to a regex): the first line is a
//! `config.matcher` source, the rest the request path. Compiling may refuse a source
//! (as `next build` does); it never panics, nor does matching.
#![no_main]

use apiroutes_router::{MatcherConfig, MatcherEntry, MiddlewareMatcher, RequestFacts};
use libfuzzer_sys::fuzz_target;

struct NoFacts;

impl RequestFacts for NoFacts {
    fn header(&self, _: &str) -> Option<String> {
        None
    }
    fn cookie(&self, _: &str) -> Option<String> {
        None
    }
    fn query(&self, _: &str) -> Option<String> {
        None
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (source, path) = text.split_once('\n').unwrap_or((text, "/"));
    let config = MatcherConfig::One(MatcherEntry::Source(source.to_string()));
    if let Ok(matcher) = MiddlewareMatcher::compile(&config) {
        let _ = matcher.matches(path, &NoFacts);
    }
});
