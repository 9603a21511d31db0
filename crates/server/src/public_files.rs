//! `public/`, served as `next start` serves it (through the `send` package): the files
//! found at start-up, at their path under `/`, with `Content-Type` by extension,
//! `Cache-Control: public, max-age=0`, a weak ETag of size and modification time,
//! `Last-Modified`, conditional requests (304), single byte ranges (206/416) and HEAD.
//!
//! Only the files listed at start-up are served, so nothing outside `public/` (`..`,
//! symlinks out of it) and no directory is reachable; names starting with a dot are
//! skipped (`.env`, `.git`), except `.well-known/`. Methods other than GET and HEAD get
//! 405 with `Allow: GET, HEAD`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, Response, StatusCode};

use crate::body::OutBody;

/// The files of a project's `public/` folder, by URL path.
#[derive(Debug, Default)]
pub struct PublicFiles {
    files: HashMap<String, PathBuf>,
}

impl PublicFiles {
    /// Lists `project_dir/public` (none when it does not exist).
    pub fn scan(project_dir: &Path) -> Self {
        Self::scan_root(&project_dir.join("public"))
    }

    /// Lists the files under `root` by URL path (a static export uses it too).
    pub fn scan_root(root: &Path) -> Self {
        let mut files = HashMap::new();
        if let Ok(root) = root.canonicalize() {
            collect(&root, &root, &mut files);
        }
        Self { files }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file for a decoded URL path, if `public/` has one.
    pub fn lookup(&self, path: &str) -> Option<&Path> {
        self.files.get(path).map(PathBuf::as_path)
    }
}

fn collect(root: &Path, dir: &Path, files: &mut HashMap<String, PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let hidden = name.starts_with('.') && !(dir == root && name == ".well-known");
        if hidden {
            continue;
        }
        let Ok(path) = entry.path().canonicalize() else {
            continue;
        };
        // A symlink may point anywhere; only what resolves inside public/ is served.
        if !path.starts_with(root) {
            continue;
        }
        if path.is_dir() {
            collect(root, &entry.path(), files);
        } else if path.is_file() {
            let Ok(relative) = entry.path().strip_prefix(root).map(Path::to_path_buf) else {
                continue;
            };
            let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            files.insert(url, path);
        }
    }
}

/// The answer for `file` to a request with `method` and `headers`.
pub async fn serve(file: &Path, method: &Method, headers: &HeaderMap) -> Response<OutBody> {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
        response
            .headers_mut()
            .insert(http::header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let Ok(metadata) = tokio::fs::metadata(file).await else {
        return plain(StatusCode::NOT_FOUND, "Not Found");
    };
    let size = metadata.len();
    let modified = metadata.modified().unwrap_or(UNIX_EPOCH);
    let modified_ms = modified
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let etag = format!("W/\"{size:x}-{modified_ms:x}\"");
    let last_modified = httpdate::fmt_http_date(modified);

    let mut response = Response::new(OutBody::empty());
    let out = response.headers_mut();
    out.insert("accept-ranges", HeaderValue::from_static("bytes"));
    out.insert(
        "cache-control",
        HeaderValue::from_static("public, max-age=0"),
    );
    if let Ok(value) = HeaderValue::from_str(&last_modified) {
        out.insert("last-modified", value);
    }
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert("etag", value);
    }
    if let Ok(value) = HeaderValue::from_str(&content_type(file)) {
        out.insert("content-type", value);
    }

    if not_modified(headers, &etag, modified) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        for name in ["content-type", "content-length"] {
            response.headers_mut().remove(name);
        }
        return response;
    }

    let range = match requested_range(headers, size, &etag, modified) {
        Range::Whole => None,
        Range::Part(start, end) => Some((start, end)),
        Range::Unsatisfiable => {
            let mut response = plain(StatusCode::RANGE_NOT_SATISFIABLE, "Range Not Satisfiable");
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                response.headers_mut().insert("content-range", value);
            }
            return response;
        }
    };
    let (start, end) = range.unwrap_or((0, size.saturating_sub(1)));
    let length = if size == 0 { 0 } else { end - start + 1 };
    if let Some((start, end)) = range {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        if let Ok(value) = HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")) {
            response.headers_mut().insert("content-range", value);
        }
    }
    response
        .headers_mut()
        .insert("content-length", HeaderValue::from(length));
    if method == Method::HEAD {
        return response;
    }
    match tokio::fs::read(file).await {
        Ok(bytes) => {
            let bytes = Bytes::from(bytes);
            let part = if size == 0 {
                bytes
            } else {
                bytes.slice(start as usize..=(end as usize).min(bytes.len().saturating_sub(1)))
            };
            *response.body_mut() = OutBody::full(part);
            response
        }
        Err(_) => plain(StatusCode::NOT_FOUND, "Not Found"),
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response<OutBody> {
    let mut response = Response::new(OutBody::full(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The type `send` gives a file: by extension, `; charset=UTF-8` for text types.
fn content_type(file: &Path) -> String {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let essence = mime.essence_str().to_string();
    let texty = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            essence.as_str(),
            "application/javascript" | "application/json" | "application/xml" | "image/svg+xml"
        );
    if texty {
        format!("{essence}; charset=UTF-8")
    } else {
        essence
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `If-None-Match` (weak comparison, `*`) or, without it, `If-Modified-Since`.
fn not_modified(headers: &HeaderMap, etag: &str, modified: SystemTime) -> bool {
    if let Some(tags) = header(headers, "if-none-match") {
        let bare = etag.trim_start_matches("W/");
        return tags
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.trim_start_matches("W/") == bare);
    }
    if let Some(since) =
        header(headers, "if-modified-since").and_then(|v| httpdate::parse_http_date(v).ok())
    {
        let modified_secs = modified
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let since_secs = since
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        return modified_secs <= since_secs;
    }
    false
}

enum Range {
    Whole,
    Part(u64, u64),
    Unsatisfiable,
}

/// One `bytes=` range, as `send` honours it: several ranges or an `If-Range` that no
/// longer matches give the whole file.
fn requested_range(headers: &HeaderMap, size: u64, etag: &str, modified: SystemTime) -> Range {
    let Some(spec) = header(headers, "range") else {
        return Range::Whole;
    };
    if let Some(condition) = header(headers, "if-range") {
        let fresh = if condition.contains('"') {
            condition.trim() == etag
        } else {
            httpdate::parse_http_date(condition).is_ok_and(|date| {
                let at = |t: SystemTime| {
                    t.duration_since(UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or(0)
                };
                at(modified) <= at(date)
            })
        };
        if !fresh {
            return Range::Whole;
        }
    }
    let Some(ranges) = spec.trim().strip_prefix("bytes=") else {
        return Range::Whole;
    };
    if ranges.contains(',') {
        return Range::Whole;
    }
    let Some((first, last)) = ranges.trim().split_once('-') else {
        return Range::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let parsed = match (first.is_empty(), last.is_empty()) {
        // bytes=-N: the last N bytes.
        (true, false) => last
            .parse::<u64>()
            .ok()
            .map(|n| (size.saturating_sub(n), size.saturating_sub(1))),
        (false, true) => first
            .parse::<u64>()
            .ok()
            .map(|a| (a, size.saturating_sub(1))),
        (false, false) => match (first.parse::<u64>(), last.parse::<u64>()) {
            (Ok(a), Ok(b)) => Some((a, b.min(size.saturating_sub(1)))),
            _ => None,
        },
        (true, true) => None,
    };
    match parsed {
        None => Range::Whole,
        Some((start, end)) if size == 0 || start >= size || start > end => Range::Unsatisfiable,
        Some((start, end)) => Range::Part(start, end),
    }
}
