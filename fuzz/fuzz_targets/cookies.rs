//! The `Cookie` header parser (`req.cookies`, the `cookie` package's rules): never panics
//! on any header (an empty name, as in `=x`, is a valid result there).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let header = apiroutes_nextspec::js::latin1_to_string(data);
    let _ = apiroutes_nextspec::parse_cookie_header(&header);
});
