//! The output of `next build` with `output: 'export'` (`out/`, or `--static DIR`), served
//! beside the API routes as a static host serves it: each file at its path (through
//! `public_files::serve`: content types, ETag, ranges, HEAD, no dotfiles, nothing outside
//! the folder), a directory's `index.html` (`trailingSlash: true` exports `about/index.html`)
//! or the page's `.html` file (`/about` → `about.html`, the default export), and the
//! export's `404.html` for unknown paths outside `/api`. Paths under `/api` are never
//! looked up here: API routes win.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode};

use crate::body::OutBody;
use crate::public_files::PublicFiles;

/// A static export's files, listed once at start-up.
#[derive(Debug)]
pub struct StaticExport {
    /// The folder as given (for the start-up line).
    pub dir: PathBuf,
    files: PublicFiles,
    not_found: Option<Bytes>,
}

impl StaticExport {
    /// Lists `dir` (`None` when it is not a readable folder).
    pub fn scan(dir: &Path) -> Option<Self> {
        let root = dir.canonicalize().ok().filter(|root| root.is_dir())?;
        let files = PublicFiles::scan_root(&root);
        let not_found = files
            .lookup("/404.html")
            .or_else(|| files.lookup("/404/index.html"))
            .and_then(|page| std::fs::read(page).ok())
            .map(Bytes::from);
        Some(Self {
            dir: dir.to_path_buf(),
            files,
            not_found,
        })
    }

    /// Whether `dir` looks like the output of `next build` with `output: 'export'`.
    pub fn looks_like_export(dir: &Path) -> bool {
        ["index.html", "404.html"]
            .iter()
            .any(|name| dir.join(name).is_file())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file for a decoded URL path: the file itself, the folder's `index.html`, or
    /// the page's `.html`; nothing for `/api` paths.
    pub fn lookup(&self, path: &str) -> Option<&Path> {
        if is_api_path(path) {
            return None;
        }
        if let Some(file) = self.files.lookup(path) {
            return Some(file);
        }
        let trimmed = path.trim_end_matches('/');
        self.files
            .lookup(&format!("{trimmed}/index.html"))
            .or_else(|| {
                (!trimmed.is_empty())
                    .then(|| self.files.lookup(&format!("{trimmed}.html")))
                    .flatten()
            })
    }

    /// The export's `404.html` with status 404, for an unknown path outside `/api`.
    pub fn not_found(&self, path: &str, head: bool) -> Option<Response<OutBody>> {
        if is_api_path(path) {
            return None;
        }
        let page = self.not_found.as_ref()?;
        let mut response = Response::new(if head {
            OutBody::empty()
        } else {
            OutBody::full(page.clone())
        });
        *response.status_mut() = StatusCode::NOT_FOUND;
        let headers = response.headers_mut();
        headers.insert(
            "content-type",
            HeaderValue::from_static("text/html; charset=UTF-8"),
        );
        headers.insert("content-length", HeaderValue::from(page.len()));
        Some(response)
    }
}

fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_resolve_as_an_export_lays_them_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "index.html",
            "about.html",
            "docs/index.html",
            "404.html",
            "_next/static/app.js",
            ".env",
            "api/leak.html",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, file).unwrap();
        }
        let export = StaticExport::scan(root).unwrap();
        let name = |path: &str| {
            export.lookup(path).map(|file| {
                file.strip_prefix(root.canonicalize().unwrap())
                    .unwrap()
                    .to_path_buf()
            })
        };
        assert_eq!(name("/"), Some("index.html".into()));
        assert_eq!(name("/about"), Some("about.html".into()));
        assert_eq!(name("/about.html"), Some("about.html".into()));
        assert_eq!(name("/docs/"), Some("docs/index.html".into()));
        assert_eq!(name("/docs"), Some("docs/index.html".into()));
        assert_eq!(
            name("/_next/static/app.js"),
            Some("_next/static/app.js".into())
        );
        assert_eq!(name("/.env"), None);
        assert_eq!(name("/../secret"), None);
        assert_eq!(name("/api/leak"), None, "API paths are the routes'");
        assert!(export.not_found("/nope", false).is_some());
        assert!(export.not_found("/api/nope", false).is_none());
    }
}
