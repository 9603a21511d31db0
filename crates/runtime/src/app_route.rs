//! App Router route handlers (`app/**/route.*`, SPEC 11) on a worker: loading and
//! caching route modules with their segment config, and dispatching one request to
//! `js/app_route.js`, whose answer comes back through the same slot / [`ResponseHead`] /
//! [`ResponseBody`] machinery as pages (head once, then body chunks as produced).
//!
//! Method selection (automatic HEAD/OPTIONS, 405, 400) happens in JavaScript because it
//! depends on the module's exports; the HTTP side (Vary, caching headers, timeouts) lives
//! in the server crate.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use rquickjs::function::Args;
use rquickjs::{Array, Ctx, Function, Object, Persistent, Value};
use tokio::sync::{mpsc, oneshot};

use crate::exchange::{BodyStream, DispatchError, ParamValue, ResponseHead};
use crate::middleware::MiddlewareModule;
use crate::platform;
use crate::worker::{
    finish_with_error, pages_natives, PendingResponse, ResponseBody, Slot, Slots, Worker,
};

/// Segment config exports of a route module that change how it is served.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppRouteConfig {
    /// `export const maxDuration = N` (seconds): we answer 504 past it (`next start` does not).
    pub max_duration: Option<Duration>,
    /// `export const dynamic = 'force-static'`: Next prerenders the GET answer and serves
    /// it with `cache-control: s-maxage=31536000`.
    pub force_static: bool,
    /// `export const revalidate = N` (seconds, N > 0) on a static route.
    pub revalidate: Option<u64>,
}

/// A loaded route module.
pub struct AppRoute {
    module: Persistent<Object<'static>>,
    pub config: AppRouteConfig,
}

/// A route-handler request, fully prepared by the server.
#[derive(Debug)]
pub struct AppRequest {
    pub method: String,
    /// Absolute `request.url` (`http://localhost:<port>/path?query`, SPEC 11.1).
    pub url: String,
    /// Header pairs in arrival order, names lower-case (after middleware overrides).
    pub headers: Vec<(String, String)>,
    /// Decoded route params in route order.
    pub params: Vec<(String, ParamValue)>,
    /// Whether the route has dynamic segments (`context.params` is a Promise) or not
    /// (`context.params` is `undefined`).
    pub is_dynamic: bool,
    /// The raw request body, read by the handler on demand.
    pub body: Option<BodyStream>,
}

impl AppRequest {
    fn into_call(self) -> (WebCall, Vec<(String, ParamValue)>, bool, Option<BodyStream>) {
        let call = WebCall {
            method: self.method,
            url: self.url,
            headers: self.headers,
        };
        (call, self.params, self.is_dynamic, self.body)
    }
}

impl WebCall {
    /// `GET /path`, naming the request in failure logs.
    pub(crate) fn label(&self) -> String {
        crate::failure_log::request_label(&self.method, &self.url)
    }
}

/// The first argument of a dispatcher: a handler function, or a route module.
pub(crate) enum Target {
    Function(Persistent<Function<'static>>),
    Module(Persistent<Object<'static>>),
}

/// What a Web-style dispatcher (middleware, edge API route) gets of a request.
pub(crate) struct WebCall {
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) headers: Vec<(String, String)>,
}

/// The JavaScript side of the App Router, per worker: the two dispatchers and the caches
/// of loaded modules.
pub(crate) struct AppState {
    route_dispatch: Persistent<Function<'static>>,
    edge_api_dispatch: Persistent<Function<'static>>,
    pub(crate) middleware_dispatch: Persistent<Function<'static>>,
    routes: RefCell<HashMap<PathBuf, Rc<AppRoute>>>,
    pub(crate) middleware: RefCell<HashMap<PathBuf, Rc<MiddlewareModule>>>,
}

impl AppState {
    /// Runs `js/app_route.js` (it replaces the global `Response` and defines the
    /// `next/server` classes) and keeps its dispatchers.
    pub(crate) fn install(
        ctx: &Ctx<'_>,
        slots: Rc<Slots>,
        preview_mode_id: &str,
    ) -> Result<Self, String> {
        let natives =
            pages_natives(ctx, slots.clone(), preview_mode_id).map_err(|err| err.to_string())?;
        // Lets a streaming body stop (and cancel its source) once the client is gone.
        natives
            .set(
                "isOpen",
                Function::new(ctx.clone(), move |id: u32| {
                    slots.open.borrow().contains_key(&id)
                })
                .map_err(|err| err.to_string())?,
            )
            .map_err(|err| err.to_string())?;
        let api = platform::run_setup_script(
            ctx,
            "app_route.js",
            include_str!("../js/app_route.js"),
            natives,
        )?
        .into_object()
        .ok_or("app_route.js did not return an object")?;
        let route: Function = api.get("dispatchRoute").map_err(|err| err.to_string())?;
        let edge_api: Function = api.get("dispatchEdgeApi").map_err(|err| err.to_string())?;
        let middleware: Function = api
            .get("dispatchMiddleware")
            .map_err(|err| err.to_string())?;
        Ok(Self {
            route_dispatch: Persistent::save(ctx, route),
            edge_api_dispatch: Persistent::save(ctx, edge_api),
            middleware_dispatch: Persistent::save(ctx, middleware),
            routes: RefCell::new(HashMap::new()),
            middleware: RefCell::new(HashMap::new()),
        })
    }
}

impl Worker {
    /// Loads (once) the route module at `file` and reads its segment config.
    pub async fn app_route(&self, file: &Path) -> Result<Rc<AppRoute>, String> {
        if let Some(route) = self.app.routes.borrow().get(file) {
            return Ok(route.clone());
        }
        let specifier = file.to_string_lossy().into_owned();
        let loaded = self
            .load_module(&specifier, |ctx, namespace| {
                let config = read_segment_config(&namespace);
                Ok(AppRoute {
                    module: Persistent::save(ctx, namespace),
                    config,
                })
            })
            .await?;
        let route = Rc::new(loaded);
        self.app
            .routes
            .borrow_mut()
            .insert(file.to_path_buf(), route.clone());
        Ok(route)
    }

    /// Runs the route handler of `route` for `request`.
    pub async fn dispatch_app(
        &self,
        route: &AppRoute,
        request: AppRequest,
    ) -> Result<PendingResponse, DispatchError> {
        let (call, params, is_dynamic, body) = request.into_call();
        let (id, response) = self.open_slot(body)?;
        let dispatch = self.app.route_dispatch.clone();
        let target = Target::Module(route.module.clone());
        self.dispatch_web(
            dispatch,
            target,
            id,
            call.label(),
            call,
            move |ctx, args| {
                args.push_arg(params_array(ctx, params)?)?;
                args.push_arg(is_dynamic)
            },
        )
        .await;
        Ok(response)
    }

    /// Runs a `pages/api` route with `config.runtime = 'edge'` as Next's edge adapter
    /// does: `handler(request, event)` with a `NextRequest` whose URL carries the route
    /// params in its query, and the `Response` it returns streamed back.
    pub async fn dispatch_edge_api(
        &self,
        route: &crate::worker::PagesRoute,
        request: AppRequest,
    ) -> Result<PendingResponse, DispatchError> {
        let (call, _, _, body) = request.into_call();
        let (id, response) = self.open_slot(body)?;
        let dispatch = self.app.edge_api_dispatch.clone();
        let target = Target::Function(route.handler.clone());
        self.dispatch_web(dispatch, target, id, call.label(), call, |_, _| Ok(()))
            .await;
        Ok(response)
    }

    /// Calls `dispatcher(target, id, method, url, headers, ...extra)` for slot `id`: the
    /// shape of every dispatcher of `app_route.js`.
    pub(crate) async fn dispatch_web<E>(
        &self,
        dispatcher: Persistent<Function<'static>>,
        target: Target,
        id: u32,
        label: String,
        call: WebCall,
        extra: E,
    ) where
        E: for<'js> FnOnce(&Ctx<'js>, &mut Args<'js>) -> rquickjs::Result<()> + 'static,
    {
        self.run_in_slot(id, label, move |ctx| {
            let dispatcher = dispatcher.restore(ctx)?;
            let mut args = Args::new(ctx.clone(), 7);
            match target {
                Target::Function(function) => args.push_arg(function.restore(ctx)?)?,
                Target::Module(module) => args.push_arg(module.restore(ctx)?)?,
            }
            args.push_arg(id)?;
            args.push_arg(call.method)?;
            args.push_arg(call.url)?;
            args.push_arg(flat_pairs(ctx, call.headers)?)?;
            extra(ctx, &mut args)?;
            dispatcher.call_arg::<Value>(args)?;
            Ok(())
        })
        .await;
    }

    /// Opens a response slot (refusing work past the in-flight limit).
    pub(crate) fn open_slot(
        &self,
        request_body: Option<BodyStream>,
    ) -> Result<(u32, PendingResponse), DispatchError> {
        if self.in_flight() >= self.config.max_in_flight {
            return Err(DispatchError::Overloaded);
        }
        let id = self.slots.next_id.get().wrapping_add(1);
        self.slots.next_id.set(id);
        let (head_sender, head_receiver) = oneshot::channel::<ResponseHead>();
        let (body_sender, body_receiver) = mpsc::unbounded_channel();
        self.slots.open.borrow_mut().insert(
            id,
            Slot {
                head: Some(head_sender),
                body: Some(body_sender),
                request_body: request_body.map(|stream| Rc::new(tokio::sync::Mutex::new(stream))),
                if_none_match: None,
                cache_control: None,
            },
        );
        Ok((
            id,
            PendingResponse {
                head: head_receiver,
                body: ResponseBody {
                    receiver: body_receiver,
                    slots: self.slots.clone(),
                    id,
                },
            },
        ))
    }

    /// Calls into JavaScript for slot `id` under the CPU budget, in a fresh async context
    /// tagged with the request (`label`, see `failure_log.rs`); anything that escapes (an
    /// exception outside the JS dispatcher's own try, an interrupt, out-of-memory) is
    /// logged once and answers 500.
    pub(crate) async fn run_in_slot<F>(&self, id: u32, label: String, call: F)
    where
        F: for<'js> FnOnce(&Ctx<'js>) -> rquickjs::Result<()> + 'static,
    {
        let budget = self.budget.clone();
        let slots = self.slots.clone();
        let failures = self.failures.clone();
        self.context
            .with(move |ctx| {
                let _armed = budget.arm();
                failures.enter(&ctx, id, &label);
                if let Err(error) = call(&ctx) {
                    // An interrupt is logged (once) by `settle` below.
                    let text = if error.is_exception() {
                        failures.describe(&ctx.catch())
                    } else {
                        error.to_string()
                    };
                    if !failures.has_interrupts() {
                        tracing::error!("{label}: {text}");
                        finish_with_error(&slots, id);
                    }
                }
                platform::drain_jobs(&ctx);
                failures.settle(&ctx, &slots);
            })
            .await;
    }
}

pub(crate) fn flat_pairs<'js>(
    ctx: &Ctx<'js>,
    pairs: Vec<(String, String)>,
) -> rquickjs::Result<Array<'js>> {
    let array = Array::new(ctx.clone())?;
    let mut index = 0;
    for (key, value) in pairs {
        array.set(index, key)?;
        array.set(index + 1, value)?;
        index += 2;
    }
    Ok(array)
}

fn params_array<'js>(
    ctx: &Ctx<'js>,
    params: Vec<(String, ParamValue)>,
) -> rquickjs::Result<Array<'js>> {
    let array = Array::new(ctx.clone())?;
    let mut index = 0;
    for (name, value) in params {
        array.set(index, name)?;
        match value {
            ParamValue::One(text) => array.set(index + 1, text)?,
            ParamValue::Many(parts) => array.set(index + 1, parts)?,
        }
        index += 2;
    }
    Ok(array)
}

/// Reads the segment config exports (`maxDuration`, `dynamic`, `revalidate`); the others
/// (`runtime`, `fetchCache`, `preferredRegion`, ...) are accepted and have no effect.
fn read_segment_config(namespace: &Object<'_>) -> AppRouteConfig {
    let mut config = AppRouteConfig::default();
    if let Ok(seconds) = namespace.get::<_, f64>("maxDuration") {
        if seconds.is_finite() && seconds > 0.0 {
            config.max_duration = Some(Duration::from_secs_f64(seconds));
        }
    }
    if let Ok(dynamic) = namespace.get::<_, String>("dynamic") {
        config.force_static = dynamic == "force-static";
    }
    if let Ok(seconds) = namespace.get::<_, f64>("revalidate") {
        if seconds.is_finite() && seconds >= 1.0 {
            config.revalidate = Some(seconds as u64);
        }
    }
    config
}
