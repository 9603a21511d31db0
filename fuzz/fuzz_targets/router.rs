//! The route trie: a fixed project with every kind of segment, matched against any path
//! (never panics; a match's params are non-empty for dynamic routes).
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use apiroutes_router::{project_from_files, RouteTable};
use libfuzzer_sys::fuzz_target;

fn table() -> &'static RouteTable {
    static TABLE: OnceLock<RouteTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let files: Vec<PathBuf> = [
            "pages/api/hello.js",
            "pages/api/users/[id].js",
            "pages/api/users/[id]/posts/[post].ts",
            "pages/api/files/[...path].js",
            "pages/api/docs/[[...slug]].js",
            "pages/api/index.js",
            "app/api/items/[item]/route.ts",
            "app/api/shop/[[...rest]]/route.js",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        project_from_files(Path::new("/project"), &files)
            .expect("the fixed project is valid")
            .routes
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(Some(found)) = table().find(path) {
        if found.route.is_dynamic() && !found.route.pattern.contains("[[") {
            assert!(
                !found.params.is_empty(),
                "{path} matched {found:?} without params"
            );
        }
    }
});
