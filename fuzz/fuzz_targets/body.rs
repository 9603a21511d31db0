//! The body parser's pure half: classify by `Content-Type` (first line), decode the text
//! with its charset, parse urlencoded bodies, check the `bytes` limit syntax.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let header = apiroutes_nextspec::js::latin1_to_string(&data[..split]);
    let body = data.get(split + 1..).unwrap_or_default();
    let class = apiroutes_nextspec::classify(Some(&header));
    let charset = apiroutes_nextspec::content_type::parse(&header)
        .ok()
        .and_then(|parsed| parsed.charset().map(str::to_string));
    if let Ok(text) = apiroutes_nextspec::decode_text(body, charset.as_deref()) {
        let _ = apiroutes_nextspec::querystring::parse_node(&text);
        let _ = apiroutes_nextspec::bytes_limit::parse(&text);
    }
    let _ = class;
});
