//! The route table: a trie of route segments built once from the project's
//! files, ordered and matched exactly like Next's sorted route list
//! (`sorted-routes.ts`) where the first matching route wins.
//!
//! At every trie node the order is: the route ending here, static children
//! (sorted by UTF-16 code units, as JavaScript's `Array.prototype.sort` does),
//! the `[param]` child, the `[...catchAll]` child, the `[[...optional]]` child.
//! Matching walks the trie depth-first in that same order and backtracks, which
//! gives the first route of the sorted list that matches, in time proportional to
//! the number of path segments rather than the number of routes.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::{Conflict, ConflictKind, MatchError};
use crate::segment::{decode_uri_component, encoded_alias, validate_route_segments, Segment};

/// Which router a route comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteKind {
    /// `pages/api/**`: a `(req, res)` handler.
    PagesApi,
    /// `app/**/route.{js,ts,jsx,tsx}`: exported method handlers.
    AppRoute,
}

/// One servable route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The route path with Next's segment syntax, e.g. `/api/users/[id]`.
    pub pattern: String,
    /// The handler file (the project directory joined with its relative path).
    pub file: PathBuf,
    /// Which router serves it.
    pub kind: RouteKind,
    segments: Vec<Segment>,
}

impl Route {
    /// Whether the route has any `[param]`, `[...catchAll]` or `[[...optional]]`
    /// segment (App Router handlers get `context.params` only then).
    pub fn is_dynamic(&self) -> bool {
        self.segments.iter().any(|s| s.param_name().is_some())
    }

    /// The parameter names in order of appearance.
    pub fn param_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(Segment::param_name)
    }

    /// Decodes the params of this route from the request segments that matched
    /// it (segment `i` of the route lines up with request segment `i`).
    fn extract_params(
        &self,
        request_segments: &[&str],
    ) -> Result<Vec<(String, ParamValue)>, MatchError> {
        let mut params = Vec::new();
        for (index, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Static(_) => {}
                Segment::Dynamic(name) => {
                    let raw = request_segments.get(index).copied().unwrap_or_default();
                    params.push((name.clone(), ParamValue::One(decode_param(raw)?)));
                }
                Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                    let rest = request_segments.get(index..).unwrap_or_default();
                    // An optional catch-all at its root has no entry at all
                    // (`{}` in app params, no key in `req.query`).
                    if rest.is_empty() {
                        continue;
                    }
                    let values = rest
                        .iter()
                        .map(|raw| decode_param(raw))
                        .collect::<Result<Vec<_>, _>>()?;
                    params.push((name.clone(), ParamValue::Many(values)));
                }
            }
        }
        Ok(params)
    }
}

fn decode_param(raw: &str) -> Result<String, MatchError> {
    decode_uri_component(raw).ok_or_else(|| MatchError::MalformedParam {
        segment: raw.to_owned(),
    })
}

/// The value of one route parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A `[param]` value.
    One(String),
    /// A catch-all's segments, each decoded on its own.
    Many(Vec<String>),
}

/// A successful lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch<'a> {
    /// The route that won.
    pub route: &'a Route,
    /// Decoded params, in order of appearance in the route.
    pub params: Vec<(String, ParamValue)>,
}

/// A dynamic child edge of the trie, remembering which route introduced its
/// name so that conflicts can name both files.
#[derive(Debug, Clone)]
struct DynamicChild {
    name: String,
    node: usize,
    origin: usize,
}

#[derive(Debug, Clone, Default)]
struct Node {
    route: Option<usize>,
    statics: HashMap<String, usize>,
    /// Percent-encoded spellings of static children whose literal needs
    /// encoding in a URL (see [`encoded_alias`]).
    static_aliases: HashMap<String, usize>,
    dynamic: Option<DynamicChild>,
    catch_all: Option<DynamicChild>,
    optional_catch_all: Option<DynamicChild>,
}

/// A route to be inserted, before ordering.
#[derive(Debug, Clone)]
pub(crate) struct RouteCandidate {
    pub(crate) pattern: String,
    pub(crate) segments: Vec<Segment>,
    pub(crate) file: PathBuf,
    pub(crate) relative: PathBuf,
    pub(crate) kind: RouteKind,
}

/// All routes of a project, matched in Next's order.
#[derive(Debug, Clone)]
pub struct RouteTable {
    routes: Vec<Route>,
    nodes: Vec<Node>,
    /// Patterns of routes without params, for [`RouteTable::static_route_for_decoded_path`].
    static_patterns: HashMap<String, usize>,
}

impl Default for RouteTable {
    fn default() -> Self {
        RouteTable {
            routes: Vec::new(),
            nodes: vec![Node::default()],
            static_patterns: HashMap::new(),
        }
    }
}

impl RouteTable {
    /// The routes in Next's sorted order (the order the first-match list uses).
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// Finds the route for a normalised, still percent-encoded path without
    /// query (see [`crate::normalize_target`]). Static segments are compared
    /// with the encoded text, case-sensitively; params of the winning route are
    /// decoded per segment with `decodeURIComponent` semantics.
    ///
    /// `Ok(None)` is a 404; `Err(MatchError::MalformedParam)` is Next's 400.
    pub fn find(&self, path: &str) -> Result<Option<RouteMatch<'_>>, MatchError> {
        let segments = split_path(path);
        let Some(index) = self.first_match(0, &segments) else {
            return Ok(None);
        };
        let Some(route) = self.routes.get(index) else {
            return Ok(None);
        };
        let params = route.extract_params(&segments)?;
        Ok(Some(RouteMatch { route, params }))
    }

    /// The route without params whose pattern equals the *decoded* path, when
    /// decoding changes the path. Next's file-system check finds such routes
    /// (`/api/%68ello` for `hello.js`), yet the request still ends in a 404
    /// (whose `cache-control` is `s-maxage=31536000` rather than the usual
    /// private one); this tells the server which 404 to send.
    pub fn static_route_for_decoded_path(&self, path: &str) -> Option<&Route> {
        let decoded = decode_uri_component(path)?;
        if decoded == path {
            return None;
        }
        let trimmed = if decoded.len() > 1 {
            decoded.strip_suffix('/').unwrap_or(&decoded)
        } else {
            &decoded
        };
        self.static_patterns
            .get(trimmed)
            .and_then(|&index| self.routes.get(index))
    }

    /// Depth-first search in Next's order; returns the first route that matches.
    fn first_match(&self, node_index: usize, segments: &[&str]) -> Option<usize> {
        let node = self.nodes.get(node_index)?;
        match segments.split_first() {
            None => {
                if let Some(route) = node.route {
                    return Some(route);
                }
            }
            Some((first, rest)) => {
                let exact = node.statics.get(*first).copied();
                if let Some(child) = exact {
                    if let Some(found) = self.first_match(child, rest) {
                        return Some(found);
                    }
                }
                if let Some(&child) = node.static_aliases.get(*first) {
                    if Some(child) != exact {
                        if let Some(found) = self.first_match(child, rest) {
                            return Some(found);
                        }
                    }
                }
                // `[param]` is `([^/]+?)`: it never matches an empty segment.
                if let (Some(dynamic), false) = (&node.dynamic, first.is_empty()) {
                    if let Some(found) = self.first_match(dynamic.node, rest) {
                        return Some(found);
                    }
                }
                if let Some(catch_all) = &node.catch_all {
                    if let Some(route) = self.nodes.get(catch_all.node).and_then(|n| n.route) {
                        return Some(route);
                    }
                }
            }
        }
        node.optional_catch_all
            .as_ref()
            .and_then(|optional| self.nodes.get(optional.node))
            .and_then(|n| n.route)
    }
}

/// Splits `/a/b` into `["a", "b"]`; `/` is no segment at all. One trailing
/// slash is tolerated like Next's route regexes do (`(?:/)?$`).
fn split_path(path: &str) -> Vec<&str> {
    let without_leading = path.strip_prefix('/').unwrap_or(path);
    let trimmed = without_leading.strip_suffix('/').unwrap_or(without_leading);
    if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    }
}

/// Builds the table from de-duplicated candidates, pushing every conflict Next
/// would refuse into `conflicts` (the table is meaningless if any were found).
pub(crate) fn build_table(
    candidates: Vec<RouteCandidate>,
    conflicts: &mut Vec<Conflict>,
) -> RouteTable {
    let mut nodes = vec![Node::default()];
    for (candidate_index, candidate) in candidates.iter().enumerate() {
        if let Err(kind) = validate_route_segments(&candidate.segments) {
            conflicts.push(Conflict {
                kind,
                files: vec![candidate.relative.clone()],
            });
            continue;
        }
        if let Some(conflict) = check_compatibility(&nodes, &candidates, candidate) {
            conflicts.push(conflict);
            continue;
        }
        insert(&mut nodes, candidate, candidate_index);
    }
    check_optional_catch_all_specificity(&nodes, &candidates, conflicts);

    // Number the routes in sorted order and rewrite the trie to those numbers.
    let mut order = Vec::new();
    collect_sorted(&nodes, 0, &mut order);
    let mut new_index = vec![usize::MAX; candidates.len()];
    for (position, &candidate_index) in order.iter().enumerate() {
        new_index[candidate_index] = position;
    }
    for node in &mut nodes {
        node.route = node.route.map(|old| new_index[old]);
    }
    let routes: Vec<Route> = order
        .iter()
        .map(|&candidate_index| {
            let candidate = &candidates[candidate_index];
            Route {
                pattern: candidate.pattern.clone(),
                file: candidate.file.clone(),
                kind: candidate.kind,
                segments: candidate.segments.clone(),
            }
        })
        .collect();
    let static_patterns = routes
        .iter()
        .enumerate()
        .filter(|(_, route)| !route.is_dynamic())
        .map(|(index, route)| (route.pattern.clone(), index))
        .collect();
    RouteTable {
        routes,
        nodes,
        static_patterns,
    }
}

/// The checks `UrlNode._insert` makes against routes already in the tree:
/// one dynamic name per level, and no required next to optional catch-all.
fn check_compatibility(
    nodes: &[Node],
    candidates: &[RouteCandidate],
    candidate: &RouteCandidate,
) -> Option<Conflict> {
    let mut current = Some(0usize);
    for segment in &candidate.segments {
        let node = nodes.get(current?)?;
        let clash = |existing: &DynamicChild, kind: ConflictKind| Conflict {
            kind,
            files: vec![
                candidates[existing.origin].relative.clone(),
                candidate.relative.clone(),
            ],
        };
        let different_names = |existing: &DynamicChild, name: &str| {
            (existing.name != name).then(|| {
                clash(
                    existing,
                    ConflictKind::DifferentSlugNames {
                        previous: existing.name.clone(),
                        next: name.to_owned(),
                    },
                )
            })
        };
        current = match segment {
            Segment::Static(literal) => node.statics.get(literal).copied(),
            Segment::Dynamic(name) => {
                if let Some(conflict) = node.dynamic.as_ref().and_then(|d| different_names(d, name))
                {
                    return Some(conflict);
                }
                node.dynamic.as_ref().map(|d| d.node)
            }
            Segment::CatchAll(name) => {
                if let Some(optional) = &node.optional_catch_all {
                    return Some(clash(
                        optional,
                        ConflictKind::RequiredAfterOptionalCatchAll {
                            optional: optional.name.clone(),
                            segment: format!("[...{name}]"),
                        },
                    ));
                }
                if let Some(conflict) = node
                    .catch_all
                    .as_ref()
                    .and_then(|d| different_names(d, name))
                {
                    return Some(conflict);
                }
                node.catch_all.as_ref().map(|d| d.node)
            }
            Segment::OptionalCatchAll(name) => {
                if let Some(required) = &node.catch_all {
                    return Some(clash(
                        required,
                        ConflictKind::OptionalAfterRequiredCatchAll {
                            required: required.name.clone(),
                            segment: format!("[[...{name}]]"),
                        },
                    ));
                }
                if let Some(conflict) = node
                    .optional_catch_all
                    .as_ref()
                    .and_then(|d| different_names(d, name))
                {
                    return Some(conflict);
                }
                node.optional_catch_all.as_ref().map(|d| d.node)
            }
        };
    }
    None
}

fn insert(nodes: &mut Vec<Node>, candidate: &RouteCandidate, candidate_index: usize) {
    let mut current = 0usize;
    for segment in &candidate.segments {
        let existing = match segment {
            Segment::Static(literal) => nodes[current].statics.get(literal).copied(),
            Segment::Dynamic(_) => nodes[current].dynamic.as_ref().map(|d| d.node),
            Segment::CatchAll(_) => nodes[current].catch_all.as_ref().map(|d| d.node),
            Segment::OptionalCatchAll(_) => {
                nodes[current].optional_catch_all.as_ref().map(|d| d.node)
            }
        };
        current = match existing {
            Some(child) => child,
            None => {
                let child = nodes.len();
                nodes.push(Node::default());
                let edge = |name: &str| DynamicChild {
                    name: name.to_owned(),
                    node: child,
                    origin: candidate_index,
                };
                let parent = &mut nodes[current];
                match segment {
                    Segment::Static(literal) => {
                        parent.statics.insert(literal.clone(), child);
                        if let Some(alias) = encoded_alias(literal) {
                            parent.static_aliases.entry(alias).or_insert(child);
                        }
                    }
                    Segment::Dynamic(name) => parent.dynamic = Some(edge(name)),
                    Segment::CatchAll(name) => parent.catch_all = Some(edge(name)),
                    Segment::OptionalCatchAll(name) => parent.optional_catch_all = Some(edge(name)),
                }
                child
            }
        };
    }
    nodes[current].route = Some(candidate_index);
}

/// `o/index.js` next to `o/[[...p]].js`: both match `/o`, which Next refuses.
fn check_optional_catch_all_specificity(
    nodes: &[Node],
    candidates: &[RouteCandidate],
    conflicts: &mut Vec<Conflict>,
) {
    for node in nodes {
        let (Some(route), Some(optional)) = (node.route, &node.optional_catch_all) else {
            continue;
        };
        let route_candidate = &candidates[route];
        let mut files = vec![route_candidate.relative.clone()];
        if let Some(optional_route) = nodes.get(optional.node).and_then(|n| n.route) {
            files.push(candidates[optional_route].relative.clone());
        }
        conflicts.push(Conflict {
            kind: ConflictKind::SameSpecificityAsOptionalCatchAll {
                route: route_candidate.pattern.clone(),
                name: optional.name.clone(),
            },
            files,
        });
    }
}

/// Next's `_smoosh`: pre-order walk in precedence order.
fn collect_sorted(nodes: &[Node], node_index: usize, out: &mut Vec<usize>) {
    let Some(node) = nodes.get(node_index) else {
        return;
    };
    if let Some(route) = node.route {
        out.push(route);
    }
    let mut statics: Vec<(&String, &usize)> = node.statics.iter().collect();
    statics.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    for (_, &child) in statics {
        collect_sorted(nodes, child, out);
    }
    for child in [&node.dynamic, &node.catch_all, &node.optional_catch_all]
        .into_iter()
        .flatten()
    {
        collect_sorted(nodes, child.node, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::parse_segment;

    fn candidate(pattern: &str, kind: RouteKind) -> RouteCandidate {
        let segments = pattern
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| parse_segment(s).expect("test pattern is valid"))
            .collect();
        RouteCandidate {
            pattern: pattern.to_owned(),
            segments,
            file: PathBuf::from(format!("/project{pattern}.js")),
            relative: PathBuf::from(format!("pages{pattern}.js")),
            kind,
        }
    }

    fn table(patterns: &[&str]) -> RouteTable {
        let mut conflicts = Vec::new();
        let candidates = patterns
            .iter()
            .map(|p| candidate(p, RouteKind::PagesApi))
            .collect();
        let table = build_table(candidates, &mut conflicts);
        assert!(conflicts.is_empty(), "unexpected conflicts: {conflicts:?}");
        table
    }

    fn conflicts_of(patterns: &[&str]) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        let candidates = patterns
            .iter()
            .map(|p| candidate(p, RouteKind::PagesApi))
            .collect();
        build_table(candidates, &mut conflicts);
        conflicts
    }

    fn pattern_for<'a>(table: &'a RouteTable, path: &str) -> Option<&'a str> {
        table
            .find(path)
            .expect("no decode error")
            .map(|m| m.route.pattern.as_str())
    }

    const REFERENCE: [&str; 11] = [
        "/api/docs",
        "/api/docs/special",
        "/api/docs/[...slug]",
        "/api/hello",
        "/api/optional/[[...parts]]",
        "/api/shop/[category]",
        "/api/shop/[category]/[...rest]",
        "/api/users",
        "/api/users/me",
        "/api/users/[id]",
        "/api/[x]",
    ];

    #[test]
    fn reproduces_next_reference_order() {
        let mut shuffled = REFERENCE.to_vec();
        shuffled.reverse();
        shuffled.swap(2, 7);
        let table = table(&shuffled);
        let order: Vec<&str> = table.routes().iter().map(|r| r.pattern.as_str()).collect();
        assert_eq!(order, REFERENCE);
    }

    #[test]
    fn search_agrees_with_first_match_in_sorted_list() {
        let table = table(&REFERENCE);
        let cases = [
            ("/api/users/me", Some("/api/users/me")),
            ("/api/users/123", Some("/api/users/[id]")),
            ("/api/users", Some("/api/users")),
            ("/api/docs", Some("/api/docs")),
            ("/api/docs/special", Some("/api/docs/special")),
            ("/api/docs/special/more", Some("/api/docs/[...slug]")),
            ("/api/optional", Some("/api/optional/[[...parts]]")),
            ("/api/optional/a/b", Some("/api/optional/[[...parts]]")),
            ("/api/shop/shoes", Some("/api/shop/[category]")),
            (
                "/api/shop/shoes/red/42",
                Some("/api/shop/[category]/[...rest]"),
            ),
            ("/api/anything", Some("/api/[x]")),
            ("/api/users/1/2", None),
            ("/api/HELLO", Some("/api/[x]")),
            ("/api", None),
            ("/", None),
        ];
        for (path, expected) in cases {
            assert_eq!(pattern_for(&table, path), expected, "path {path}");
        }
    }

    #[test]
    fn backtracks_from_a_static_branch_into_a_dynamic_one() {
        // `/a/b/c` enters the static `b` subtree first, finds nothing there and
        // must fall back to `[x]/c`, which is later in Next's list.
        let table = table(&["/a/b/d", "/a/[x]/c"]);
        assert_eq!(pattern_for(&table, "/a/b/c"), Some("/a/[x]/c"));
        assert_eq!(pattern_for(&table, "/a/b/d"), Some("/a/b/d"));
    }

    #[test]
    fn required_catch_all_does_not_match_its_parent() {
        let table = table(&["/api/catch/[...all]"]);
        assert_eq!(pattern_for(&table, "/api/catch"), None);
        let found = table.find("/api/catch/x/y").unwrap().unwrap();
        assert_eq!(
            found.params,
            vec![(
                "all".to_owned(),
                ParamValue::Many(vec!["x".into(), "y".into()])
            )]
        );
    }

    #[test]
    fn optional_catch_all_at_root_has_no_param_entry() {
        let table = table(&["/api/optional/[[...parts]]"]);
        let found = table.find("/api/optional").unwrap().unwrap();
        assert!(found.params.is_empty());
        let found = table.find("/api/optional/a/b").unwrap().unwrap();
        assert_eq!(
            found.params,
            vec![(
                "parts".to_owned(),
                ParamValue::Many(vec!["a".into(), "b".into()])
            )]
        );
    }

    #[test]
    fn static_segments_compare_encoded_text_case_sensitively() {
        let table = table(&["/api/hello"]);
        assert_eq!(pattern_for(&table, "/api/hello"), Some("/api/hello"));
        assert_eq!(pattern_for(&table, "/api/%68ello"), None);
        assert_eq!(pattern_for(&table, "/api/HELLO"), None);
        assert_eq!(
            table
                .static_route_for_decoded_path("/api/%68ello")
                .map(|r| r.pattern.as_str()),
            Some("/api/hello")
        );
        assert!(table.static_route_for_decoded_path("/api/hello").is_none());
    }

    #[test]
    fn static_file_names_needing_encoding_match_their_encoded_form() {
        let table = table(&["/api/a b"]);
        assert_eq!(pattern_for(&table, "/api/a%20b"), Some("/api/a b"));
    }

    #[test]
    fn params_are_decoded_per_segment() {
        let table = table(&["/api/users/[id]", "/api/docs/[...slug]"]);
        let found = table.find("/api/users/a%2Fb").unwrap().unwrap();
        assert_eq!(
            found.params,
            vec![("id".to_owned(), ParamValue::One("a/b".into()))]
        );
        let found = table.find("/api/users/hello%20world").unwrap().unwrap();
        assert_eq!(
            found.params,
            vec![("id".to_owned(), ParamValue::One("hello world".into()))]
        );
        let found = table.find("/api/docs/a%20b/c%2Fd/%C3%A9").unwrap().unwrap();
        assert_eq!(
            found.params,
            vec![(
                "slug".to_owned(),
                ParamValue::Many(vec!["a b".into(), "c/d".into(), "é".into()])
            )]
        );
    }

    #[test]
    fn malformed_escape_in_a_param_is_an_error() {
        let table = table(&["/api/users/[id]", "/api/docs/[...slug]"]);
        assert_eq!(
            table.find("/api/users/%zz"),
            Err(MatchError::MalformedParam {
                segment: "%zz".into()
            })
        );
        assert!(matches!(
            table.find("/api/docs/ok/%C3"),
            Err(MatchError::MalformedParam { .. })
        ));
    }

    #[test]
    fn params_come_in_route_order() {
        let table = table(&["/api/users/[id]/posts/[postId]"]);
        let found = table.find("/api/users/7/posts/99").unwrap().unwrap();
        assert_eq!(
            found.params,
            vec![
                ("id".to_owned(), ParamValue::One("7".into())),
                ("postId".to_owned(), ParamValue::One("99".into())),
            ]
        );
        assert!(found.route.is_dynamic());
        assert_eq!(
            found.route.param_names().collect::<Vec<_>>(),
            ["id", "postId"]
        );
    }

    #[test]
    fn different_slug_names_name_both_files() {
        let conflicts = conflicts_of(&["/api/[a]/x", "/api/[b]"]);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(
            conflicts[0].to_string(),
            "You cannot use different slug names for the same dynamic path ('a' !== 'b'). \
             (files: pages/api/[a]/x.js, pages/api/[b].js)"
        );
    }

    #[test]
    fn required_and_optional_catch_all_at_one_level() {
        let conflicts = conflicts_of(&["/api/c/[...a]", "/api/c/[[...b]]"]);
        assert_eq!(
            conflicts[0].kind,
            ConflictKind::OptionalAfterRequiredCatchAll {
                required: "a".into(),
                segment: "[[...b]]".into()
            }
        );
        assert!(conflicts[0]
            .to_string()
            .starts_with("You cannot use both an required and optional catch-all route at the same level (\"[...a]\" and \"[[...b]]\" )."));
        let conflicts = conflicts_of(&["/api/c/[[...b]]", "/api/c/[...a]"]);
        assert_eq!(
            conflicts[0].kind,
            ConflictKind::RequiredAfterOptionalCatchAll {
                optional: "b".into(),
                segment: "[...a]".into()
            }
        );
        assert_eq!(conflicts[0].files.len(), 2);
    }

    #[test]
    fn route_with_same_specificity_as_optional_catch_all() {
        let conflicts = conflicts_of(&["/api/o", "/api/o/[[...p]]"]);
        assert_eq!(conflicts.len(), 1);
        assert!(conflicts[0].to_string().starts_with(
            "You cannot define a route with the same specificity as a optional catch-all route (\"/api/o\" and \"/api/o[[...p]]\")."
        ));
        assert_eq!(
            conflicts[0].files,
            vec![
                PathBuf::from("pages/api/o.js"),
                PathBuf::from("pages/api/o/[[...p]].js")
            ]
        );
    }

    #[test]
    fn all_conflicts_are_collected() {
        let conflicts =
            conflicts_of(&["/api/[a]", "/api/[b]", "/api/[...x]/y", "/api/z/[id]/[id]"]);
        let kinds: Vec<&ConflictKind> = conflicts.iter().map(|c| &c.kind).collect();
        assert_eq!(
            kinds,
            [
                &ConflictKind::DifferentSlugNames {
                    previous: "a".into(),
                    next: "b".into()
                },
                &ConflictKind::CatchAllNotLast,
                &ConflictKind::RepeatedSlugName { name: "id".into() },
            ]
        );
    }

    #[test]
    fn empty_table_matches_nothing() {
        let table = RouteTable::default();
        assert_eq!(table.find("/api").unwrap(), None);
        assert!(table.routes().is_empty());
    }
}
