//! `Content-Type` parsing and the body classification built on it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let header = apiroutes_nextspec::js::latin1_to_string(data);
    if let Ok(parsed) = apiroutes_nextspec::content_type::parse(&header) {
        let _ = parsed.charset();
    }
    let _ = apiroutes_nextspec::classify(Some(&header));
});
