//! Turning a Next.js project directory into routes: which files are
//! `pages/api` handlers, App Router route handlers and root middleware, the
//! duplicates Next resolves silently (warnings) and the ones it refuses
//! (conflicts). [`project_from_files`] does the classification without touching
//! the disk; [`scan_project`] lists the files and calls it.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::{Conflict, ConflictKind, RouteError};
use crate::segment::parse_segment;
use crate::table::{build_table, RouteCandidate, RouteKind, RouteTable};

/// Default `pageExtensions`, ranked by which file wins when the same route
/// exists with several extensions (`same.js` beats `same.ts`, as observed).
const PAGE_EXTENSIONS_BY_PRIORITY: [&str; 4] = ["js", "jsx", "ts", "tsx"];

/// A scanned project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project directory as given.
    pub root: PathBuf,
    /// All pages/api and App Router routes.
    pub routes: RouteTable,
    /// The root `middleware.*` or `proxy.*`, if any.
    pub middleware: Option<MiddlewareFile>,
    /// Things Next accepts silently but a user should hear about (duplicate
    /// files of which one wins, the deprecated middleware name).
    pub warnings: Vec<String>,
    /// Page files apiroutes does not serve: `pages/**` outside `pages/api` (without
    /// Next's own `_app`, `_document`, `_error`) and `app/**/page.*`.
    pub unserved_pages: UnservedPages,
}

/// How many page files a project has that are not API routes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnservedPages {
    /// `pages/**` files outside `pages/api`.
    pub pages: usize,
    /// `app/**/page.*` files.
    pub app: usize,
}

/// The project's middleware file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MiddlewareFile {
    /// The file (the project directory joined with its relative path).
    pub path: PathBuf,
    /// Which file convention it uses.
    pub kind: MiddlewareKind,
}

/// `middleware.{js,ts}` (deprecated in Next 16, Edge runtime) or `proxy.{js,ts}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MiddlewareKind {
    /// `middleware.*`, exporting `middleware` or a default function.
    Middleware,
    /// `proxy.*`, exporting `proxy` or a default function.
    Proxy,
}

/// Scans `dir` for `pages/api/**`, `app/**/route.*` and root middleware. Like
/// Next, uses `src/pages` and `src/app` only when neither `pages` nor `app`
/// exists at the root.
pub fn scan_project(dir: &Path) -> Result<Project, RouteError> {
    fs::read_dir(dir).map_err(|source| RouteError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let base = source_base(dir);
    let mut files = Vec::new();
    let mut visited = HashSet::new();
    for folder in ["pages", "app"] {
        let folder_path = base.join(folder);
        if folder_path.is_dir() {
            walk(&folder_path, &mut files, &mut visited)?;
        }
    }
    let entries = fs::read_dir(&base).map_err(|source| RouteError::Io {
        path: base.clone(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let is_middleware_name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .is_some_and(|stem| stem == "middleware" || stem == "proxy");
        if is_middleware_name && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    let relative: Vec<PathBuf> = files
        .iter()
        .map(|file| file.strip_prefix(dir).unwrap_or(file).to_path_buf())
        .collect();
    project_from_files(dir, &relative)
}

/// `dir` itself, or `dir/src` when only that one holds `pages` or `app`.
fn source_base(dir: &Path) -> PathBuf {
    let has_router_dirs = |base: &Path| base.join("pages").is_dir() || base.join("app").is_dir();
    if !has_router_dirs(dir) && has_router_dirs(&dir.join("src")) {
        dir.join("src")
    } else {
        dir.to_path_buf()
    }
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
) -> Result<(), RouteError> {
    // Symlinked folders are followed (Next does), but each real folder once.
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        return Ok(());
    }
    let entries = fs::read_dir(dir).map_err(|source| RouteError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| RouteError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_ignored_name(&name) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out, visited)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

fn is_ignored_name(name: &str) -> bool {
    name == "node_modules" || name.starts_with('.')
}

/// Splits `name.ext` into stem and a page extension; `None` for other files
/// and for `.d.ts` declarations.
fn split_page_file(name: &str) -> Option<(&str, &str)> {
    if name.ends_with(".d.ts") {
        return None;
    }
    let (stem, extension) = name.rsplit_once('.')?;
    if stem.is_empty() || !PAGE_EXTENSIONS_BY_PRIORITY.contains(&extension) {
        return None;
    }
    Some((stem, extension))
}

fn extension_rank(extension: &str) -> usize {
    PAGE_EXTENSIONS_BY_PRIORITY
        .iter()
        .position(|e| *e == extension)
        .unwrap_or(PAGE_EXTENSIONS_BY_PRIORITY.len())
}

/// A file that claims a route path, before duplicates are resolved.
#[derive(Debug, Clone)]
struct Claim {
    relative: PathBuf,
    pattern: String,
    /// Raw folder path inside `app/` (groups kept), to tell a `route.js` +
    /// `route.ts` pair from two route groups claiming one path.
    app_folder: String,
    /// Lower wins among duplicates.
    rank: (bool, usize),
}

/// Classifies project files given relative to `root` (absolute paths under
/// `root` are accepted too) and builds the project, without reading the disk.
/// Files outside the router folders are ignored.
pub fn project_from_files(root: &Path, files: &[PathBuf]) -> Result<Project, RouteError> {
    let relative: Vec<(PathBuf, Vec<String>)> = files
        .iter()
        .filter_map(|file| {
            let relative = file.strip_prefix(root).unwrap_or(file).to_path_buf();
            let parts = path_parts(&relative)?;
            let ignored = parts.iter().any(|part| is_ignored_name(part));
            (!ignored && !parts.is_empty()).then_some((relative, parts))
        })
        .collect();

    let under = |prefix: &[&str]| {
        relative.iter().any(|(_, parts)| {
            parts.len() > prefix.len() && parts.iter().zip(prefix).all(|(a, b)| a == b)
        })
    };
    let base: Vec<String> = if !under(&["pages"])
        && !under(&["app"])
        && (under(&["src", "pages"]) || under(&["src", "app"]))
    {
        vec!["src".to_owned()]
    } else {
        Vec::new()
    };

    let mut pages: Vec<Claim> = Vec::new();
    let mut app_routes: Vec<Claim> = Vec::new();
    let mut app_pages: Vec<Claim> = Vec::new();
    let mut middleware_files: Vec<(PathBuf, MiddlewareKind, usize)> = Vec::new();
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut unserved = UnservedPages::default();

    for (relative, parts) in &relative {
        let Some(inner) = parts
            .strip_prefix(base.as_slice())
            .filter(|_| parts.len() > base.len())
        else {
            continue;
        };
        let Some((file_name, folders)) = inner.split_last() else {
            continue;
        };
        let Some((stem, extension)) = split_page_file(file_name) else {
            continue;
        };
        match folders.split_first() {
            None => {
                let kind = match stem {
                    "middleware" => MiddlewareKind::Middleware,
                    "proxy" => MiddlewareKind::Proxy,
                    _ => continue,
                };
                middleware_files.push((relative.clone(), kind, extension_rank(extension)));
            }
            Some((top, rest)) if top == "pages" => {
                if let Some(claim) = pages_claim(relative, rest, stem, extension) {
                    pages.push(claim);
                } else if !stem.starts_with('_') {
                    unserved.pages += 1;
                }
            }
            Some((top, rest)) if top == "app" && (stem == "route" || stem == "page") => {
                if let Some(claim) = app_claim(relative, rest, extension) {
                    if stem == "route" {
                        app_routes.push(claim);
                    } else {
                        unserved.app += 1;
                        app_pages.push(claim);
                    }
                }
            }
            Some(_) => {}
        }
    }

    let pages = resolve_duplicates(pages, &mut warnings, &mut conflicts);
    let app_routes = resolve_duplicates(app_routes, &mut warnings, &mut conflicts);

    for route in &app_routes {
        if let Some(page) = app_pages.iter().find(|page| page.pattern == route.pattern) {
            conflicts.push(Conflict {
                kind: ConflictKind::RouteAndPage {
                    path: route.pattern.clone(),
                },
                files: vec![route.relative.clone(), page.relative.clone()],
            });
        }
    }
    let mut candidates = Vec::new();
    for page in &pages {
        if let Some(app) = app_routes.iter().find(|app| app.pattern == page.pattern) {
            conflicts.push(Conflict {
                kind: ConflictKind::AppAndPagesRouter {
                    path: page.pattern.clone(),
                },
                files: vec![app.relative.clone(), page.relative.clone()],
            });
            continue;
        }
        candidates.push(to_candidate(
            root,
            page,
            RouteKind::PagesApi,
            &mut conflicts,
        ));
    }
    for app in &app_routes {
        candidates.push(to_candidate(root, app, RouteKind::AppRoute, &mut conflicts));
    }
    let candidates: Vec<RouteCandidate> = candidates.into_iter().flatten().collect();
    let routes = build_table(candidates, &mut conflicts);

    let middleware = choose_middleware(root, middleware_files, &mut warnings, &mut conflicts);

    if !conflicts.is_empty() {
        return Err(RouteError::Conflicts(conflicts));
    }
    Ok(Project {
        root: root.to_path_buf(),
        routes,
        middleware,
        warnings,
        unserved_pages: unserved,
    })
}

/// The normal components of a relative path as UTF-8 strings; `None` when a
/// name is not UTF-8 or the path climbs out (`..`).
fn path_parts(path: &Path) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?.to_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts)
}

/// `pages/<folders>/<stem>.<ext>` → the route, if it is an API route
/// (`/api` or below, as Next's `isAPIRoute`).
fn pages_claim(relative: &Path, folders: &[String], stem: &str, extension: &str) -> Option<Claim> {
    let mut segments: Vec<&str> = folders.iter().map(String::as_str).collect();
    segments.push(stem);
    let is_index = stem == "index";
    if is_index {
        segments.pop();
    }
    let pattern = format!("/{}", segments.join("/"));
    let is_api = pattern == "/api" || pattern.starts_with("/api/");
    is_api.then(|| Claim {
        relative: relative.to_path_buf(),
        pattern,
        app_folder: String::new(),
        rank: (!is_index, extension_rank(extension)),
    })
}

/// `app/<folders>/route.<ext>` (or `page.<ext>`) → the route path, or `None`
/// when a folder makes it unroutable (private `_x`, parallel `@x`,
/// intercepting `(.)x`).
fn app_claim(relative: &Path, folders: &[String], extension: &str) -> Option<Claim> {
    let mut segments = Vec::new();
    for folder in folders {
        if folder.starts_with('_') || folder.starts_with('@') || folder.starts_with("(.") {
            return None;
        }
        if folder.starts_with('(') && folder.ends_with(')') {
            continue; // route group: organises files, not part of the URL
        }
        // `%5Fname` is the documented way to get a URL segment starting with `_`.
        match folder
            .strip_prefix("%5F")
            .or_else(|| folder.strip_prefix("%5f"))
        {
            Some(rest) => segments.push(format!("_{rest}")),
            None => segments.push(folder.clone()),
        }
    }
    Some(Claim {
        relative: relative.to_path_buf(),
        pattern: format!("/{}", segments.join("/")),
        app_folder: folders.join("/"),
        rank: (false, extension_rank(extension)),
    })
}

/// Keeps one claim per pattern. Pages duplicates (`x.js` + `x/index.js`,
/// `x.js` + `x.ts`) and app `route.js` + `route.ts` are resolved with a warning;
/// two route groups claiming one path is a conflict.
fn resolve_duplicates(
    claims: Vec<Claim>,
    warnings: &mut Vec<String>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Claim> {
    let mut by_pattern: BTreeMap<String, Vec<Claim>> = BTreeMap::new();
    for claim in claims {
        by_pattern
            .entry(claim.pattern.clone())
            .or_default()
            .push(claim);
    }
    let mut kept = Vec::new();
    for (pattern, mut group) in by_pattern {
        group.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| a.relative.cmp(&b.relative))
        });
        if let Some((first, rest)) = group.split_first() {
            if let Some(other) = rest
                .iter()
                .find(|other| other.app_folder != first.app_folder)
            {
                conflicts.push(Conflict {
                    kind: ConflictKind::ParallelRoutes {
                        first: format!("/{}", first.app_folder),
                        second: format!("/{}", other.app_folder),
                    },
                    files: vec![first.relative.clone(), other.relative.clone()],
                });
            } else if !rest.is_empty() {
                let mut names: Vec<String> =
                    group.iter().map(|c| display_path(&c.relative)).collect();
                names.sort();
                warnings.push(format!(
                    "Duplicate route {pattern}: {} all define it; {} is used (as Next.js does)",
                    names.join(", "),
                    display_path(&first.relative)
                ));
            }
        }
        if let Some(first) = group.into_iter().next() {
            kept.push(first);
        }
    }
    kept
}

fn to_candidate(
    root: &Path,
    claim: &Claim,
    kind: RouteKind,
    conflicts: &mut Vec<Conflict>,
) -> Option<RouteCandidate> {
    let mut segments = Vec::new();
    for raw in claim.pattern.split('/').filter(|s| !s.is_empty()) {
        match parse_segment(raw) {
            Ok(segment) => segments.push(segment),
            Err(kind) => {
                conflicts.push(Conflict {
                    kind,
                    files: vec![claim.relative.clone()],
                });
                return None;
            }
        }
    }
    Some(RouteCandidate {
        pattern: claim.pattern.clone(),
        segments,
        file: root.join(&claim.relative),
        relative: claim.relative.clone(),
        kind,
    })
}

fn choose_middleware(
    root: &Path,
    mut files: Vec<(PathBuf, MiddlewareKind, usize)>,
    warnings: &mut Vec<String>,
    conflicts: &mut Vec<Conflict>,
) -> Option<MiddlewareFile> {
    files.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
    let first_of = |kind: MiddlewareKind| files.iter().find(|f| f.1 == kind);
    let middleware = first_of(MiddlewareKind::Middleware);
    let proxy = first_of(MiddlewareKind::Proxy);
    if let (Some(middleware), Some(proxy)) = (middleware, proxy) {
        conflicts.push(Conflict {
            kind: ConflictKind::MiddlewareAndProxy {
                middleware: display_path(&middleware.0),
                proxy: display_path(&proxy.0),
            },
            files: vec![middleware.0.clone(), proxy.0.clone()],
        });
        return None;
    }
    let (chosen, kind, _) = files.first()?;
    if files.len() > 1 {
        let names: Vec<String> = files.iter().map(|f| display_path(&f.0)).collect();
        warnings.push(format!(
            "Several middleware files: {}; {} is used",
            names.join(", "),
            display_path(chosen)
        ));
    }
    if *kind == MiddlewareKind::Middleware {
        warnings.push(
            "The \"middleware\" file convention is deprecated. Please use \"proxy\" instead."
                .to_owned(),
        );
    }
    Some(MiddlewareFile {
        path: root.join(chosen),
        kind: *kind,
    })
}

/// A relative path with `/` separators, as Next prints them.
fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::ParamValue;

    fn project(files: &[&str]) -> Result<Project, RouteError> {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        project_from_files(Path::new("/project"), &files)
    }

    fn patterns(project: &Project) -> Vec<(&str, RouteKind)> {
        project
            .routes
            .routes()
            .iter()
            .map(|r| (r.pattern.as_str(), r.kind))
            .collect()
    }

    fn conflict_messages(result: Result<Project, RouteError>) -> Vec<String> {
        match result {
            Err(RouteError::Conflicts(conflicts)) => {
                conflicts.iter().map(|c| c.to_string()).collect()
            }
            Err(other) => panic!("unexpected error {other}"),
            Ok(scanned) => panic!("expected conflicts, got {:?}", patterns(&scanned)),
        }
    }

    #[test]
    fn pages_api_files_become_routes() {
        let scanned = project(&[
            "pages/api/index.js",
            "pages/api/users/index.js",
            "pages/api/ts-handler.ts",
            "pages/api/users/[id].js",
            "pages/api/types.d.ts",
            "pages/api/readme.md",
            "pages/index.tsx",
            "pages/about.js",
        ])
        .unwrap();
        assert_eq!(
            patterns(&scanned),
            [
                ("/api", RouteKind::PagesApi),
                ("/api/ts-handler", RouteKind::PagesApi),
                ("/api/users", RouteKind::PagesApi),
                ("/api/users/[id]", RouteKind::PagesApi),
            ]
        );
        let route = scanned
            .routes
            .find("/api/ts-handler")
            .unwrap()
            .unwrap()
            .route;
        assert_eq!(
            route.file,
            PathBuf::from("/project/pages/api/ts-handler.ts")
        );
    }

    #[test]
    fn app_route_handlers_become_routes() {
        let scanned = project(&[
            "app/rh/basic/route.ts",
            "app/(group)/grouped/route.js",
            "app/_private/secret/route.ts",
            "app/rh/_lib/route.ts",
            "app/@slot/x/route.ts",
            "app/rh/items/[id]/route.ts",
            "app/rh/page.tsx",
            "app/layout.tsx",
            "app/route.ts",
            "app/%5Funder/route.ts",
        ])
        .unwrap();
        assert_eq!(
            patterns(&scanned),
            [
                ("/", RouteKind::AppRoute),
                ("/_under", RouteKind::AppRoute),
                ("/grouped", RouteKind::AppRoute),
                ("/rh/basic", RouteKind::AppRoute),
                ("/rh/items/[id]", RouteKind::AppRoute),
            ]
        );
    }

    #[test]
    fn app_and_pages_share_one_table() {
        let scanned = project(&[
            "pages/api/hello.js",
            "app/api/app-echo/route.ts",
            "app/api/[x]/route.ts",
        ])
        .unwrap();
        assert_eq!(
            patterns(&scanned),
            [
                ("/api/app-echo", RouteKind::AppRoute),
                ("/api/hello", RouteKind::PagesApi),
                ("/api/[x]", RouteKind::AppRoute),
            ]
        );
        let found = scanned.routes.find("/api/other").unwrap().unwrap();
        assert_eq!(
            found.params,
            vec![("x".to_owned(), ParamValue::One("other".into()))]
        );
    }

    #[test]
    fn src_directory_is_used_only_without_root_router_dirs() {
        let scanned = project(&[
            "src/pages/api/a.js",
            "src/app/b/route.ts",
            "src/middleware.ts",
        ])
        .unwrap();
        assert_eq!(
            patterns(&scanned),
            [("/api/a", RouteKind::PagesApi), ("/b", RouteKind::AppRoute)]
        );
        assert_eq!(
            scanned.middleware,
            Some(MiddlewareFile {
                path: PathBuf::from("/project/src/middleware.ts"),
                kind: MiddlewareKind::Middleware
            })
        );
        let scanned = project(&["pages/api/root.js", "src/pages/api/ignored.js"]).unwrap();
        assert_eq!(patterns(&scanned), [("/api/root", RouteKind::PagesApi)]);
    }

    #[test]
    fn counts_the_pages_it_does_not_serve() {
        let scanned = project(&[
            "pages/index.tsx",
            "pages/about.js",
            "pages/blog/[slug].jsx",
            "pages/_app.tsx",
            "pages/_document.tsx",
            "pages/api/hello.js",
            "app/page.tsx",
            "app/(shop)/cart/page.js",
            "app/api/x/route.ts",
            "app/_private/page.tsx",
        ])
        .unwrap();
        assert_eq!(scanned.unserved_pages, UnservedPages { pages: 3, app: 2 });
        assert_eq!(scanned.routes.routes().len(), 2);
    }

    #[test]
    fn skips_node_modules_and_dot_folders() {
        let scanned = project(&[
            "pages/api/node_modules/x.js",
            "pages/api/.hidden/y.js",
            "app/.cache/z/route.ts",
            "pages/api/ok.js",
        ])
        .unwrap();
        assert_eq!(patterns(&scanned), [("/api/ok", RouteKind::PagesApi)]);
    }

    #[test]
    fn index_file_beats_plain_file_with_a_warning() {
        let scanned = project(&["pages/api/dup.js", "pages/api/dup/index.js"]).unwrap();
        let found = scanned.routes.find("/api/dup").unwrap().unwrap();
        assert_eq!(
            found.route.file,
            PathBuf::from("/project/pages/api/dup/index.js")
        );
        assert_eq!(scanned.warnings.len(), 1);
        assert!(scanned.warnings[0].contains("pages/api/dup.js"));
        assert!(scanned.warnings[0].contains("pages/api/dup/index.js"));
    }

    #[test]
    fn js_beats_ts_with_a_warning() {
        let scanned = project(&["pages/api/same.ts", "pages/api/same.js"]).unwrap();
        let found = scanned.routes.find("/api/same").unwrap().unwrap();
        assert_eq!(
            found.route.file,
            PathBuf::from("/project/pages/api/same.js")
        );
        assert!(scanned.warnings[0].contains("pages/api/same.ts"));
        assert!(scanned.warnings[0].contains("pages/api/same.js"));
    }

    #[test]
    fn app_and_pages_on_one_path_is_a_conflict() {
        let messages = conflict_messages(project(&["app/api/c/route.js", "pages/api/c.js"]));
        assert_eq!(
            messages,
            ["App Router and Pages Router both match path: /api/c (files: app/api/c/route.js, pages/api/c.js)"]
        );
    }

    #[test]
    fn route_and_page_in_one_folder_is_a_conflict() {
        let messages = conflict_messages(project(&["app/rp/route.ts", "app/rp/page.tsx"]));
        assert_eq!(
            messages,
            ["Conflicting route and page at /rp (files: app/rp/route.ts, app/rp/page.tsx)"]
        );
    }

    #[test]
    fn route_groups_claiming_one_path_conflict() {
        let messages = conflict_messages(project(&["app/(a)/x/route.ts", "app/(b)/x/route.ts"]));
        assert_eq!(messages.len(), 1);
        assert!(messages[0].contains("app/(a)/x/route.ts"));
        assert!(messages[0].contains("app/(b)/x/route.ts"));
    }

    #[test]
    fn every_conflict_is_reported_at_once() {
        let messages = conflict_messages(project(&[
            "pages/api/[a]/x.js",
            "pages/api/[b].js",
            "pages/api/o/index.js",
            "pages/api/o/[[...p]].js",
            "pages/api/opt/[[id]].js",
            "pages/api/[.dot]/y.js",
            "middleware.ts",
            "proxy.ts",
        ]));
        assert_eq!(messages.len(), 5, "{messages:#?}");
        let all = messages.join("\n");
        assert!(all.contains(
            "You cannot use different slug names for the same dynamic path ('a' !== 'b')."
        ));
        assert!(all.contains("pages/api/[a]/x.js"));
        assert!(all.contains("pages/api/[b].js"));
        assert!(all.contains(
            "You cannot define a route with the same specificity as a optional catch-all route (\"/api/o\" and \"/api/o[[...p]]\")."
        ));
        assert!(all.contains("Optional route parameters are not yet supported (\"[[id]]\")."));
        assert!(all.contains("Segment names may not start with erroneous periods ('.dot')."));
        assert!(all.contains(
            "Both middleware file \"./middleware.ts\" and proxy file \"./proxy.ts\" are detected. Please use \"./proxy.ts\" only."
        ));
    }

    #[test]
    fn middleware_and_proxy_are_found() {
        let project_with_proxy = project(&["proxy.js", "pages/api/a.js"]).unwrap();
        assert_eq!(
            project_with_proxy.middleware,
            Some(MiddlewareFile {
                path: PathBuf::from("/project/proxy.js"),
                kind: MiddlewareKind::Proxy
            })
        );
        assert!(project_with_proxy.warnings.is_empty());
        let deprecated = project(&["middleware.ts"]).unwrap();
        assert_eq!(
            deprecated.middleware.map(|m| m.kind),
            Some(MiddlewareKind::Middleware)
        );
        assert_eq!(deprecated.warnings.len(), 1);
        assert!(project(&["pages/api/middleware.js"])
            .unwrap()
            .middleware
            .is_none());
    }

    #[test]
    fn scans_a_real_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "pages/api/hello.js",
            "pages/api/users/[id].js",
            "app/rh/basic/route.ts",
            "node_modules/pkg/pages/api/x.js",
            "middleware.ts",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "export default function handler() {}").unwrap();
        }
        let scanned = scan_project(root).unwrap();
        assert_eq!(
            patterns(&scanned),
            [
                ("/api/hello", RouteKind::PagesApi),
                ("/api/users/[id]", RouteKind::PagesApi),
                ("/rh/basic", RouteKind::AppRoute),
            ]
        );
        assert_eq!(
            scanned.routes.routes()[0].file,
            root.join("pages/api/hello.js")
        );
        assert_eq!(
            scanned.middleware.map(|m| m.path),
            Some(root.join("middleware.ts"))
        );
    }

    #[test]
    fn missing_directory_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        assert!(matches!(scan_project(&missing), Err(RouteError::Io { .. })));
    }
}
