//! The JavaScript side of apiroutes: QuickJS workers that run a project's handlers.
//!
//! A [`Worker`] owns one QuickJS runtime on one thread. It loads project modules through
//! [`loader`] (oxc_resolver + the compiler crate), installs the Node/Web platform
//! ([`builtins`], [`platform`]) and the Next.js surface (`js/*.js`), and runs handlers for
//! requests that the server crate prepared as plain data ([`exchange`]).

pub mod allocator;
pub mod app_route;
pub mod async_context;
pub mod budget;
pub mod builtins;
pub mod exchange;
pub mod failure_log;
pub mod intl;
pub mod json;
pub mod loader;
pub mod middleware;
pub mod node;
pub mod node_sqlite;
pub mod panic_guard;
pub mod platform;
pub mod prebuilt;
pub mod source_positions;
pub mod sql;
pub mod worker;

pub use app_route::{AppRequest, AppRoute, AppRouteConfig};
pub use exchange::{
    BodyAborted, BodyChunk, BodyStream, DispatchError, HeadBody, PagesRequest, ParamValue,
    ParsedBody, ResponseHead,
};
pub use middleware::{MiddlewareModule, MiddlewareRequest, MIDDLEWARE_ERROR_HEADER};
pub use worker::{
    BodyParserConfig, PagesRoute, PendingResponse, ResponseBody, RouteConfig, Worker, WorkerConfig,
};
