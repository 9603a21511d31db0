//! Error types of the router: project scanning failures, route conflicts that
//! Next.js refuses to build, request-time match failures and invalid middleware
//! matchers.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// Why a project could not be turned into a route table.
#[derive(Debug, Error)]
pub enum RouteError {
    /// Reading the project directory failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory that could not be read.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// One or more conflicts that `next build` would refuse. All of them are
    /// collected so that the user can fix them in one go.
    #[error("{}", render_conflicts(.0))]
    Conflicts(Vec<Conflict>),
}

fn render_conflicts(conflicts: &[Conflict]) -> String {
    let lines: Vec<String> = conflicts.iter().map(Conflict::to_string).collect();
    lines.join("\n")
}

/// One build error, with the project files (relative to the project directory)
/// that take part in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What Next.js reports.
    pub kind: ConflictKind,
    /// The files involved, relative to the project directory.
    pub files: Vec<PathBuf>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if !self.files.is_empty() {
            let names: Vec<String> = self
                .files
                .iter()
                .map(|file| file.to_string_lossy().replace('\\', "/"))
                .collect();
            write!(f, " (files: {})", names.join(", "))?;
        }
        Ok(())
    }
}

/// The conflicts Next.js refuses to build, with Next's own wording
/// (from `sorted-routes.ts` and the build).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConflictKind {
    /// Two dynamic segments at the same level with different names.
    #[error("You cannot use different slug names for the same dynamic path ('{previous}' !== '{next}').")]
    DifferentSlugNames {
        /// The name seen first.
        previous: String,
        /// The name that clashes with it.
        next: String,
    },
    /// `[[...a]]` added where `[...b]` already exists.
    #[error("You cannot use both an required and optional catch-all route at the same level (\"[...{required}]\" and \"{segment}\" ).")]
    OptionalAfterRequiredCatchAll {
        /// Name of the existing required catch-all.
        required: String,
        /// The optional catch-all segment as written.
        segment: String,
    },
    /// `[...a]` added where `[[...b]]` already exists.
    #[error("You cannot use both an optional and required catch-all route at the same level (\"[[...{optional}]]\" and \"{segment}\").")]
    RequiredAfterOptionalCatchAll {
        /// Name of the existing optional catch-all.
        optional: String,
        /// The required catch-all segment as written.
        segment: String,
    },
    /// A route ending where an optional catch-all also matches zero segments.
    #[error("You cannot define a route with the same specificity as a optional catch-all route (\"{route}\" and \"{route}[[...{name}]]\").")]
    SameSpecificityAsOptionalCatchAll {
        /// The route path that ends at that level.
        route: String,
        /// Name of the optional catch-all.
        name: String,
    },
    /// A catch-all followed by more segments.
    #[error("Catch-all must be the last part of the URL.")]
    CatchAllNotLast,
    /// The same parameter name twice in one path.
    #[error("You cannot have the same slug name \"{name}\" repeat within a single dynamic path")]
    RepeatedSlugName {
        /// The repeated name.
        name: String,
    },
    /// Two parameter names in one path that differ only by non-word characters.
    #[error("You cannot have the slug names \"{first}\" and \"{second}\" differ only by non-word symbols within a single dynamic path")]
    SlugNamesDifferOnlyBySymbols {
        /// The earlier name.
        first: String,
        /// The later name.
        second: String,
    },
    /// `[[id]]`: an optional parameter that is not a catch-all.
    #[error("Optional route parameters are not yet supported (\"{segment}\").")]
    OptionalParameter {
        /// The segment as written.
        segment: String,
    },
    /// `[[x]` or `[x]]` style names.
    #[error("Segment names may not start or end with extra brackets ('{name}').")]
    ExtraBrackets {
        /// The name inside the outer brackets.
        name: String,
    },
    /// `[.x]` style names.
    #[error("Segment names may not start with erroneous periods ('{name}').")]
    ErroneousPeriod {
        /// The name inside the brackets.
        name: String,
    },
    /// The same URL path served by `app/` and by `pages/`.
    #[error("App Router and Pages Router both match path: {path}")]
    AppAndPagesRouter {
        /// The shared route path.
        path: String,
    },
    /// A `route.*` and a `page.*` for the same app path.
    #[error("Conflicting route and page at {path}")]
    RouteAndPage {
        /// The shared route path.
        path: String,
    },
    /// Two app route handlers in different route groups resolving to one path.
    #[error("You cannot have two parallel pages that resolve to the same path. Please check {first} and {second}.")]
    ParallelRoutes {
        /// The first app path (with its groups).
        first: String,
        /// The second app path.
        second: String,
    },
    /// Both `middleware.*` and `proxy.*` exist.
    #[error("Both middleware file \"./{middleware}\" and proxy file \"./{proxy}\" are detected. Please use \"./{proxy}\" only.")]
    MiddlewareAndProxy {
        /// The middleware file, relative to the project.
        middleware: String,
        /// The proxy file, relative to the project.
        proxy: String,
    },
}

/// Why a request path could not be matched.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MatchError {
    /// A dynamic segment of the matched route holds a malformed percent-escape
    /// or bytes that are not UTF-8; Next answers 400.
    #[error("failed to decode param {segment:?}")]
    MalformedParam {
        /// The raw (still encoded) path segment.
        segment: String,
    },
}

/// Why a middleware `config.matcher` could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MatcherError {
    /// A `source` that does not start with `/`.
    #[error("source must start with / (got {matcher:?})")]
    SourceMustStartWithSlash {
        /// The source as written.
        matcher: String,
    },
    /// The path-to-regexp syntax of a `source` is invalid.
    #[error("invalid matcher source {matcher:?}: {reason}")]
    InvalidSource {
        /// The source as written.
        matcher: String,
        /// What path-to-regexp objects to.
        reason: String,
    },
    /// The regular expression produced from a source, or a `has`/`missing`
    /// value, is not supported by the regex engine.
    #[error("invalid regular expression {pattern:?}: {reason}")]
    InvalidRegex {
        /// The regular expression.
        pattern: String,
        /// The engine's complaint.
        reason: String,
    },
}
