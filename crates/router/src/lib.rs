//! Routing for apiroutes, pure Rust and without a JavaScript engine: finding
//! the handlers of a Next.js project (`pages/api/**`, `app/**/route.*`, root
//! `middleware`/`proxy`), matching request paths with Next 16's precedence,
//! normalising request targets the way `next start` does, and evaluating
//! middleware `config.matcher`.
//!
//! Typical use by the server:
//! 1. [`scan_project`] once at start-up (conflicts are build errors in Next);
//! 2. per request, [`normalize_target`], then [`MiddlewareMatcher::matches`],
//!    then [`RouteTable::find`].

mod error;
mod matcher;
mod normalize;
mod scan;
mod segment;
mod table;

pub use error::{Conflict, ConflictKind, MatchError, MatcherError, RouteError};
pub use matcher::{
    compile_destination, HasCondition, HasKind, MatcherConfig, MatcherEntry, MatcherObject,
    MiddlewareMatcher, RequestFacts, RoutePattern,
};
pub use normalize::{normalize_target, normalize_target_keeping_trailing_slash, Normalized};
pub use scan::{
    project_from_files, scan_project, MiddlewareFile, MiddlewareKind, Project, UnservedPages,
};
pub use table::{ParamValue, Route, RouteKind, RouteMatch, RouteTable};
