//! Checks `strong_etag` against every ETag in the recorded Next 16 corpus vendored in
//! the repository (`tests/compat/expected-next16.json`).

use std::path::PathBuf;

use apiroutes_nextspec::strong_etag;

fn corpus_path() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
    .join("../../tests/compat/expected-next16.json")
}

#[test]
fn every_recorded_text_etag_matches() {
    let text = std::fs::read_to_string(corpus_path())
        .expect("the vendored corpus is part of the repository");
    let recording: serde_json::Value = serde_json::from_str(&text).expect("corpus is JSON");
    let results = recording["results"].as_object().expect("results object");
    let mut checked = 0;
    for (name, result) in results {
        let (Some(etag), Some(body)) =
            (result["headers"]["etag"].as_str(), result["body"].as_str())
        else {
            continue;
        };
        // 304s carry no body, and Buffers are hashed over their JSON form, not the bytes.
        let content_type = result["headers"]["content-type"].as_str().unwrap_or("");
        if result["status"] == 304
            || content_type == "application/octet-stream"
            || content_type == "image/png"
        {
            continue;
        }
        // HEAD responses keep the GET's headers but carry no body.
        let declared_length = result["headers"]["content-length"].as_str();
        if declared_length.is_some_and(|length| length != body.len().to_string()) {
            continue;
        }
        assert_eq!(strong_etag(body), etag, "case {name}");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} ETags checked");
}
