//! Charset labels and decoding: the first line is the label, the rest the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let label = String::from_utf8_lossy(&data[..split]);
    let bytes = data.get(split + 1..).unwrap_or_default();
    let _ = apiroutes_nextspec::charset::canonical_name(&label);
    if let Some(charset) = apiroutes_nextspec::charset::lookup(&label) {
        let _ = apiroutes_nextspec::charset::decode_with(charset, bytes);
    }
    let _ = apiroutes_nextspec::charset::decode(&label, bytes);
});
