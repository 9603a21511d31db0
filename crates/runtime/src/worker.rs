//! One JavaScript worker: a QuickJS runtime and context owned by one server thread.
//!
//! The worker is `!Send` on purpose: the thread that parsed a request runs its handler,
//! and JavaScript values never cross threads. Many requests are in flight at once; each
//! has a numbered slot holding the channels its response goes out on. One driver task
//! (`spawn_local(runtime.drive())`, under the CPU budget) runs promise jobs, timers and
//! fetches for all of them.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use bytes::Bytes;
use rquickjs::function::Args;
use rquickjs::prelude::Opt;
use rquickjs::{
    Array, AsyncContext, AsyncRuntime, Ctx, Function, Module, Object, Persistent, Promise,
    TypedArray, Value,
};
use tokio::sync::{mpsc, oneshot};

use crate::budget::{Budgeted, CpuBudget};
use crate::builtins;
use crate::exchange::{
    BodyStream, DispatchError, HeadBody, PagesRequest, ParamValue, ParsedBody, ResponseHead,
};
use crate::loader::{EngineLoader, EngineResolver, ModuleResolution};
use crate::platform::{self, TimerTable};

/// Settings of every worker of a server.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    pub project_dir: PathBuf,
    /// Heap limit of the worker's runtime, in bytes.
    pub memory_limit: usize,
    /// Longest synchronous run of JavaScript before it is interrupted.
    pub cpu_budget: Duration,
    /// Requests in flight on one worker before new ones are refused (503).
    pub max_in_flight: usize,
    /// The per-process secret of `res.setDraftMode` cookies.
    pub preview_mode_id: String,
    /// A fresh `apiroutes build` output to load modules from.
    pub prebuilt: Option<std::sync::Arc<crate::prebuilt::Prebuilt>>,
    /// `apiroutes run`: `process.exit()` ends the process as in Node. In a server it fails
    /// only the request that called it.
    pub script_mode: bool,
    /// The project's database (`DATABASE_URL`), shared by every worker of the process.
    pub database: apiroutes_store::Store,
}

/// `export const config = { api: { bodyParser } }` of a pages route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyParserConfig {
    /// `bodyParser: false`.
    Disabled,
    /// Parse with this limit in bytes; `limit_text` is the limit as written, for the 413 text.
    Enabled { limit: u64, limit_text: String },
}

/// What the server needs to know about a route before running it.
#[derive(Debug, Clone)]
pub struct RouteConfig {
    pub body_parser: BodyParserConfig,
    /// `config.maxDuration` in seconds, when set.
    pub max_duration: Option<Duration>,
    /// `config.runtime` is `'edge'` or `'experimental-edge'`: the handler takes a Web
    /// `Request` (a `NextRequest`) and a fetch event and returns a `Response`.
    pub edge: bool,
}

/// A loaded `pages/api` module.
pub struct PagesRoute {
    pub(crate) handler: Persistent<Function<'static>>,
    pub config: RouteConfig,
}

/// The response side of one slot.
pub(crate) struct Slot {
    pub(crate) head: Option<oneshot::Sender<ResponseHead>>,
    pub(crate) body: Option<mpsc::UnboundedSender<Bytes>>,
    pub(crate) request_body: Option<Rc<tokio::sync::Mutex<BodyStream>>>,
    pub(crate) if_none_match: Option<String>,
    pub(crate) cache_control: Option<String>,
}

/// Slots of the requests in flight, shared with the native functions.
#[derive(Default)]
pub(crate) struct Slots {
    pub(crate) next_id: Cell<u32>,
    pub(crate) open: RefCell<HashMap<u32, Slot>>,
    /// Requests whose client went away (or that the worker gave up on) while their
    /// response was still open: JavaScript is told by the worker's disconnect task
    /// (`req`/`res` `close`, `request.signal` aborts, the response stream is cancelled).
    pub(crate) gone: RefCell<Vec<u32>>,
    pub(crate) gone_notify: tokio::sync::Notify,
}

impl Slots {
    fn send_head(&self, id: u32, head: ResponseHead, complete: bool) {
        let mut open = self.open.borrow_mut();
        let Some(slot) = open.get_mut(&id) else {
            return;
        };
        if let Some(sender) = slot.head.take() {
            let _ = sender.send(head);
        }
        if complete {
            open.remove(&id);
        }
    }

    /// Sends a body chunk; `false` once the response is closed (the client went away).
    fn write(&self, id: u32, chunk: Bytes) -> bool {
        match self
            .open
            .borrow()
            .get(&id)
            .and_then(|slot| slot.body.as_ref())
        {
            Some(sender) => sender.send(chunk).is_ok(),
            None => false,
        }
    }

    fn close(&self, id: u32) {
        self.open.borrow_mut().remove(&id);
    }

    /// The response of `id` can no longer reach its client: closes the slot and, if the
    /// handler had not finished it, queues the news for JavaScript.
    pub(crate) fn client_gone(&self, id: u32) {
        let removed = self.open.borrow_mut().remove(&id);
        if removed.is_some() {
            self.tell_gone(id);
        }
    }

    fn tell_gone(&self, id: u32) {
        self.gone.borrow_mut().push(id);
        self.gone_notify.notify_one();
    }

    pub(crate) fn is_answered(&self, id: u32) -> bool {
        self.open
            .borrow()
            .get(&id)
            .is_none_or(|slot| slot.head.is_none())
    }
}

/// The response of a dispatched request: the head arrives once, then body chunks.
pub struct PendingResponse {
    pub head: oneshot::Receiver<ResponseHead>,
    pub body: ResponseBody,
}

/// Body chunks of a streaming response. Dropping it (the client went away) frees the slot.
pub struct ResponseBody {
    pub(crate) receiver: mpsc::UnboundedReceiver<Bytes>,
    pub(crate) slots: Rc<Slots>,
    pub(crate) id: u32,
}

impl ResponseBody {
    /// Polls for the next chunk (for adapting into an HTTP body).
    pub fn poll_chunk(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Bytes>> {
        self.receiver.poll_recv(cx)
    }
}

impl Drop for ResponseBody {
    /// Dropped before the handler ended the response: the client went away (hyper drops
    /// the body, or the whole request, when the connection or HTTP/2 stream closes).
    fn drop(&mut self) {
        self.slots.client_gone(self.id);
    }
}

/// A QuickJS runtime with the Next.js surface installed.
pub struct Worker {
    // Field order matters: the context must go before the runtime.
    pub(crate) context: AsyncContext,
    /// Held only to keep the runtime alive for as long as the context (and its driver).
    _runtime: AsyncRuntime,
    pub(crate) config: WorkerConfig,
    pub(crate) slots: Rc<Slots>,
    pub(crate) budget: Rc<CpuBudget>,
    /// Route handlers and middleware (`app_route.rs`, `middleware.rs`).
    pub(crate) app: crate::app_route::AppState,
    pages_dispatch: Persistent<Function<'static>>,
    pages_routes: RefCell<HashMap<PathBuf, Rc<PagesRoute>>>,
    /// The driver task (promise jobs, timers, fetches of every request).
    driver: tokio::task::JoinHandle<()>,
    /// Tells JavaScript about requests whose client went away ([`Slots::gone`]).
    disconnects: tokio::task::JoinHandle<()>,
    /// Fires with the reason if the worker must be rebuilt: its driver panicked, or its
    /// heap stays full after a collection.
    crashed: RefCell<Option<oneshot::Receiver<String>>>,
    /// Failures waiting to be logged (interrupts, rejections nobody handled).
    pub(crate) failures: Rc<crate::failure_log::FailureLog>,
}

impl Worker {
    /// Creates the runtime, installs the platform and starts the driver task. Must be
    /// called inside a `tokio::task::LocalSet`.
    pub async fn new(config: WorkerConfig) -> Result<Self, String> {
        crate::panic_guard::install_panic_hook();
        let runtime = AsyncRuntime::new_with_alloc(crate::allocator::MiAllocator)
            .map_err(|err| format!("cannot create a JavaScript runtime: {err}"))?;
        runtime.set_memory_limit(config.memory_limit).await;
        runtime.set_max_stack_size(1024 * 1024).await;
        let budget = CpuBudget::new(config.cpu_budget);
        // A panic while the driver runs engine jobs or spawned tasks, or a heap that stays
        // full, is reported on `crashed`: the server then rebuilds this worker
        // (`server::AppHost`).
        let (crash_sender, crash_receiver) = oneshot::channel::<String>();
        let crash_sender = Rc::new(RefCell::new(Some(crash_sender)));
        let failures = crate::failure_log::FailureLog::new(
            config.memory_limit,
            config.cpu_budget,
            !config.script_mode,
            crash_sender.clone(),
        );
        let interrupt_budget = budget.clone();
        let interrupt_failures = failures.clone();
        runtime
            .set_interrupt_handler(Some(Box::new(move || {
                let stop = interrupt_budget.should_interrupt();
                if stop {
                    interrupt_failures.note_interrupt();
                }
                stop
            })))
            .await;
        let resolution =
            ModuleResolution::with_prebuilt(&config.project_dir, config.prebuilt.clone());
        runtime
            .set_loader(
                EngineResolver(resolution.clone()),
                EngineLoader::new(resolution.clone()),
            )
            .await;
        let tracked = failures.clone();
        runtime
            .set_host_promise_rejection_tracker(Some(Box::new(
                move |ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, is_handled: bool| {
                    let mut list = tracked.unhandled.borrow_mut();
                    if is_handled {
                        list.retain(|(saved, _, _)| {
                            saved
                                .clone()
                                .restore(&ctx)
                                .map_or(true, |saved| saved != promise)
                        });
                    } else {
                        let text = platform::describe_value(&reason);
                        let context = crate::async_context::get(&ctx);
                        list.push((
                            Persistent::save(&ctx, promise),
                            text,
                            Persistent::save(&ctx, context),
                        ));
                        tracked.wake.notify_one();
                    }
                },
            )))
            .await;
        let context = AsyncContext::full(&runtime)
            .await
            .map_err(|err| format!("cannot create a JavaScript context: {err}"))?;

        let slots = Rc::new(Slots::default());
        let timers = Rc::new(TimerTable::default());
        let preview_mode_id = config.preview_mode_id.clone();
        let setup_slots = slots.clone();
        let setup_failures = failures.clone();
        let pages_dispatch = context
            .with(|ctx| -> Result<Persistent<Function<'static>>, String> {
                builtins::install_native_globals(&ctx).map_err(|err| format!("platform: {err}"))?;
                setup_failures
                    .install(&ctx)
                    .map_err(|err| format!("failure log: {err}"))?;
                let natives = platform::bootstrap_natives(&ctx, resolution, timers)
                    .map_err(|err| err.to_string())?;
                platform::run_setup_script(
                    &ctx,
                    "bootstrap.js",
                    include_str!("../js/bootstrap.js"),
                    natives,
                )?;
                let natives = pages_natives(&ctx, setup_slots, &preview_mode_id)
                    .map_err(|err| err.to_string())?;
                let pages = platform::run_setup_script(
                    &ctx,
                    "pages_api.js",
                    include_str!("../js/pages_api.js"),
                    natives,
                )?;
                let pages = pages
                    .into_object()
                    .ok_or("pages_api.js did not return an object")?;
                let dispatch: Function = pages.get("dispatch").map_err(|err| err.to_string())?;
                Ok(Persistent::save(&ctx, dispatch))
            })
            .await?;
        let database = config.database.clone();
        let database_dir = config.project_dir.clone();
        context
            .with(move |ctx| crate::sql::install(&ctx, database, database_dir))
            .await
            .map_err(|err| format!("apiroutes/sql: {err}"))?;
        let app_slots = slots.clone();
        let app_preview = config.preview_mode_id.clone();
        let app = context
            .with(move |ctx| crate::app_route::AppState::install(&ctx, app_slots, &app_preview))
            .await?;

        if !config.script_mode {
            let exit_budget = budget.clone();
            let exit_failures = failures.clone();
            context
                .with(|ctx| install_server_exit(&ctx, exit_budget, exit_failures))
                .await
                .map_err(|err| format!("process.exit: {err}"))?;
            context
                .with(|ctx| {
                    ctx.eval::<(), _>(
                        "globalThis[Symbol.for('apiroutes.pages')].installNextServerGlobals()",
                    )
                })
                .await
                .map_err(|err| format!("next server globals: {err}"))?;
        }
        if crate::panic_guard::test_hooks_enabled() {
            context
                .with(|ctx| install_test_hooks(&ctx))
                .await
                .map_err(|err| format!("test hooks: {err}"))?;
        }
        if !config.script_mode {
            // Settles what failed inside the driver (an interrupted `await` continuation,
            // a rejection nobody handled) once its jobs have run.
            let settle_failures = failures.clone();
            let settle_slots = slots.clone();
            context
                .with(move |ctx| {
                    let task_ctx = ctx.clone();
                    ctx.spawn(async move {
                        loop {
                            settle_failures.wake.notified().await;
                            settle_failures.settle(&task_ctx, &settle_slots);
                        }
                    });
                })
                .await;
        }
        let drive =
            crate::panic_guard::CatchPanic::new(Budgeted::new(runtime.drive(), budget.clone()));
        let driver = tokio::task::spawn_local(async move {
            if let Err(message) = drive.await {
                if let Some(sender) = crash_sender.borrow_mut().take() {
                    let _ = sender.send(format!("its driver task panicked: {message}"));
                }
            }
        });
        let disconnects = spawn_disconnect_task(&context, &slots, &budget).await?;
        Ok(Self {
            failures,
            driver,
            disconnects,
            crashed: RefCell::new(Some(crash_receiver)),
            context,
            _runtime: runtime,
            app,
            config,
            slots,
            budget,
            pages_dispatch,
            pages_routes: RefCell::new(HashMap::new()),
        })
    }

    /// `apiroutes run FILE`: sets `process.argv`, evaluates `file` as the main module,
    /// runs the event loop until nothing is pending, and returns the exit status Node
    /// would: 1 after an uncaught exception or an unhandled rejection (printed with its
    /// stack), else `process.exitCode` (0 when unset).
    pub async fn run_main(&self, file: &Path, argv: Vec<String>) -> i32 {
        let set_argv = self
            .context
            .with(|ctx| -> rquickjs::Result<()> {
                let process: Object = ctx.globals().get("process")?;
                process.set("argv0", "node")?;
                process.set("argv", argv)?;
                Ok(())
            })
            .await;
        if let Err(error) = set_argv {
            eprintln!("cannot set process.argv: {error}");
            return 1;
        }
        let specifier = file.to_string_lossy().into_owned();
        let imported = self.import_namespace(&specifier).await;
        if let Err(message) = imported {
            eprintln!("{message}");
            return 1;
        }
        loop {
            self._runtime.idle().await;
            if let Some(code) = self.report_unhandled() {
                return code;
            }
            // `idle` returns once no job or spawned task is left; a timer callback may
            // have queued more work just then.
            if !self._runtime.is_job_pending().await {
                break;
            }
        }
        self.context
            .with(|ctx| {
                let process: Object = ctx.globals().get("process").ok()?;
                let code: Value = process.get("exitCode").ok()?;
                code.as_number().or_else(|| {
                    code.as_string()
                        .and_then(|s| s.to_string().ok())
                        .and_then(|s| s.trim().parse().ok())
                })
            })
            .await
            .map_or(0, |code| code as i32)
    }

    /// Prints the rejections nobody handled (as Node does) and returns exit status 1 if
    /// there were any.
    fn report_unhandled(&self) -> Option<i32> {
        let list = std::mem::take(&mut *self.failures.unhandled.borrow_mut());
        if list.is_empty() {
            return None;
        }
        for (_, text, _) in &list {
            eprintln!("{text}");
        }
        Some(1)
    }

    /// The signal that the driver task panicked (taken once, by the server).
    pub fn take_crash_signal(&self) -> Option<oneshot::Receiver<String>> {
        self.crashed.borrow_mut().take()
    }

    /// Gives up on this worker after a panic: its driver stops and every request in
    /// flight on it is answered 500 (its response slot closes without a head).
    pub fn abandon(&self) {
        self.driver.abort();
        self.disconnects.abort();
        let open = std::mem::take(&mut *self.slots.open.borrow_mut());
        drop(open);
    }

    /// Requests currently in flight on this worker.
    pub fn in_flight(&self) -> usize {
        self.slots.open.borrow().len()
    }

    /// Imports a module and waits for its namespace.
    ///
    /// Deliberately not `async_with!`: rquickjs's `WithFuture` polls the runtime's task
    /// scheduler with its own waker, which steals the wake-up registration from the
    /// driver task; once the import finished, timers spawned meanwhile were never woken
    /// again (a streamed response stalled after its first chunk). Here the import runs in
    /// a short `ctx.with`, and the promise settles through plain callbacks into a channel,
    /// driven by the one driver task like every other job.
    pub(crate) async fn import_namespace(
        &self,
        specifier: &str,
    ) -> Result<Persistent<Object<'static>>, String> {
        type Outcome = Result<Persistent<Object<'static>>, String>;
        let (sender, receiver) = oneshot::channel::<Outcome>();
        let sender = Rc::new(RefCell::new(Some(sender)));
        let settle = move |outcome: Outcome| {
            if let Some(sender) = sender.borrow_mut().take() {
                let _ = sender.send(outcome);
            }
        };
        let settle: Rc<dyn Fn(Outcome)> = Rc::new(settle);
        let budget = self.budget.clone();
        crate::loader::take_load_failure();
        self.context
            .with(|ctx| {
                let _armed = budget.arm();
                // A module body runs outside any request's async context.
                crate::async_context::reset(&ctx);
                let started = Module::import(&ctx, specifier)
                    .and_then(|promise| settle_namespace(&ctx, promise, settle.clone()));
                if let Err(error) = started {
                    settle(Err(platform::describe_error(&ctx, error)));
                }
                platform::drain_jobs(&ctx);
            })
            .await;
        let outcome = receiver
            .await
            .unwrap_or_else(|_| Err(format!("{specifier}: the module never finished loading")));
        // A compile error: its whole text, code frame included.
        outcome.map_err(|message| crate::loader::take_load_failure().unwrap_or(message))
    }

    /// Imports `specifier` and reads what the caller needs from its namespace (handler
    /// functions, config) while the runtime is locked.
    pub(crate) async fn load_module<T>(
        &self,
        specifier: &str,
        read: impl for<'js> FnOnce(&Ctx<'js>, Object<'js>) -> Result<T, String>,
    ) -> Result<T, String> {
        let started = std::time::Instant::now();
        let namespace = self.import_namespace(specifier).await?;
        tracing::debug!("loaded {specifier} in {:?}", started.elapsed());
        self.context
            .with(|ctx| {
                let namespace = namespace.restore(&ctx).map_err(|err| err.to_string())?;
                read(&ctx, namespace)
            })
            .await
    }

    /// Loads (once) the `pages/api` module at `file`.
    pub async fn pages_route(&self, file: &Path) -> Result<Rc<PagesRoute>, String> {
        if let Some(route) = self.pages_routes.borrow().get(file) {
            return Ok(route.clone());
        }
        let specifier = file.to_string_lossy().into_owned();
        let loaded = self
            .load_module(&specifier, |ctx, namespace| {
                let handler = default_handler(&namespace).ok_or_else(|| {
                    format!("{specifier}: the module has no default export function (the API route handler)")
                })?;
                let config = read_route_config(&namespace);
                Ok(PagesRoute {
                    handler: Persistent::save(ctx, handler),
                    config,
                })
            })
            .await?;
        let route = Rc::new(loaded);
        self.pages_routes
            .borrow_mut()
            .insert(file.to_path_buf(), route.clone());
        Ok(route)
    }

    /// Runs a `pages/api` handler for `request`.
    pub async fn dispatch_pages(
        &self,
        route: &PagesRoute,
        request: PagesRequest,
    ) -> Result<PendingResponse, DispatchError> {
        if self.in_flight() >= self.config.max_in_flight {
            return Err(DispatchError::Overloaded);
        }
        let id = self.slots.next_id.get().wrapping_add(1);
        self.slots.next_id.set(id);
        let (head_sender, head_receiver) = oneshot::channel();
        let (body_sender, body_receiver) = mpsc::unbounded_channel();
        let header = |name: &str| {
            request
                .headers
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        self.slots.open.borrow_mut().insert(
            id,
            Slot {
                head: Some(head_sender),
                body: Some(body_sender),
                request_body: None,
                if_none_match: header("if-none-match"),
                cache_control: header("cache-control"),
            },
        );
        let response = PendingResponse {
            head: head_receiver,
            body: ResponseBody {
                receiver: body_receiver,
                slots: self.slots.clone(),
                id,
            },
        };
        let PagesRequest {
            method,
            url,
            headers,
            query,
            params,
            body,
            body_stream,
        } = request;
        if let Some(stream) = body_stream {
            if let Some(slot) = self.slots.open.borrow_mut().get_mut(&id) {
                slot.request_body = Some(Rc::new(tokio::sync::Mutex::new(stream)));
            }
        }
        let handler = route.handler.clone();
        let dispatch = self.pages_dispatch.clone();
        let label = crate::failure_log::request_label(&method, &url);
        let slots = self.slots.clone();
        self.run_in_slot(id, label, move |ctx| {
            let outcome = call_pages_dispatch(
                ctx, dispatch, handler, id, method, url, headers, query, params, body,
            )?;
            if let DispatchOutcome::InvalidJson = outcome {
                slots.send_head(id, plain_error(400, "Invalid JSON"), true);
            }
            Ok(())
        })
        .await;
        Ok(response)
    }
}

/// Sends a module namespace (or the import's error) to `settle` when `promise` settles.
fn settle_namespace<'js>(
    ctx: &Ctx<'js>,
    promise: Promise<'js>,
    settle: Rc<dyn Fn(Result<Persistent<Object<'static>>, String>)>,
) -> rquickjs::Result<()> {
    let on_ok = settle.clone();
    let resolve = Function::new(ctx.clone(), move |ctx: Ctx<'js>, namespace: Object<'js>| {
        on_ok(Ok(Persistent::save(&ctx, namespace)));
    })?;
    let reject = Function::new(ctx.clone(), move |error: Value<'js>| {
        settle(Err(platform::describe_value(&error)));
    })?;
    let then: Function = promise.get("then")?;
    then.call::<_, Value>((rquickjs::function::This(promise.clone()), resolve, reject))?;
    Ok(())
}

enum DispatchOutcome {
    Called,
    InvalidJson,
}

#[allow(clippy::too_many_arguments)]
fn call_pages_dispatch<'js>(
    ctx: &Ctx<'js>,
    dispatch: Persistent<Function<'static>>,
    handler: Persistent<Function<'static>>,
    id: u32,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    params: Vec<(String, ParamValue)>,
    body: ParsedBody,
) -> rquickjs::Result<DispatchOutcome> {
    let dispatch = dispatch.restore(ctx)?;
    let handler = handler.restore(ctx)?;
    let raw_headers = flat_pairs(ctx, headers)?;
    let query_pairs = flat_pairs(ctx, query)?;
    let params_array = Array::new(ctx.clone())?;
    let mut index = 0;
    for (name, value) in params {
        params_array.set(index, name)?;
        match value {
            ParamValue::One(text) => params_array.set(index + 1, text)?,
            ParamValue::Many(parts) => params_array.set(index + 1, parts)?,
        }
        index += 2;
    }
    let (body_value, has_body): (Value<'js>, bool) = match body {
        ParsedBody::Unparsed => (Value::new_undefined(ctx.clone()), false),
        ParsedBody::EmptyObject => (Object::new(ctx.clone())?.into_value(), true),
        ParsedBody::Text(text) => (
            rquickjs::String::from_str(ctx.clone(), &text)?.into_value(),
            true,
        ),
        ParsedBody::Json(text) => match ctx.json_parse(text) {
            Ok(value) => (value, true),
            Err(_) => {
                let _ = ctx.catch();
                return Ok(DispatchOutcome::InvalidJson);
            }
        },
        ParsedBody::Form(pairs) => {
            let object = Object::new(ctx.clone())?;
            for (key, value) in pairs {
                let existing: Value = object.get(key.as_str())?;
                if existing.is_undefined() {
                    object.set(key, value)?;
                } else if let Some(array) = existing.as_array() {
                    array.set(array.len(), value)?;
                } else {
                    let array = Array::new(ctx.clone())?;
                    array.set(0, existing)?;
                    array.set(1, value)?;
                    object.set(key, array)?;
                }
            }
            (object.into_value(), true)
        }
    };
    let mut args = Args::new(ctx.clone(), 9);
    args.push_arg(handler)?;
    args.push_arg(id)?;
    args.push_arg(method)?;
    args.push_arg(url)?;
    args.push_arg(raw_headers)?;
    args.push_arg(query_pairs)?;
    args.push_arg(params_array)?;
    args.push_arg(body_value)?;
    args.push_arg(has_body)?;
    dispatch.call_arg::<()>(args)?;
    Ok(DispatchOutcome::Called)
}

fn flat_pairs<'js>(ctx: &Ctx<'js>, pairs: Vec<(String, String)>) -> rquickjs::Result<Array<'js>> {
    let array = Array::new(ctx.clone())?;
    let mut index = 0;
    for (key, value) in pairs {
        array.set(index, key)?;
        array.set(index + 1, value)?;
        index += 2;
    }
    Ok(array)
}

/// Next's `sendError`: status, reason phrase and body all carry the message.
fn plain_error(status: u16, message: &str) -> ResponseHead {
    ResponseHead {
        status,
        reason: Some(message.to_string()),
        headers: Vec::new(),
        body: HeadBody::Complete(Bytes::copy_from_slice(message.as_bytes())),
    }
}

/// Answers 500 when the handler died in a way JavaScript could not catch (CPU budget,
/// memory limit); if the body had started, the stream simply ends.
pub(crate) fn finish_with_error(slots: &Slots, id: u32) {
    if slots.is_answered(id) {
        slots.write(id, Bytes::from_static(b"Internal Server Error"));
        slots.close(id);
    } else {
        slots.send_head(id, plain_error(500, "Internal Server Error"), true);
    }
    // The handler's `req`/`res` learn that the response is over (`close`, the signal).
    slots.tell_gone(id);
}

/// The handler of a pages module: `export default`, or CommonJS `module.exports`, or a
/// transpiled `exports.default`.
fn default_handler<'js>(namespace: &Object<'js>) -> Option<Function<'js>> {
    let default: Value = namespace.get("default").ok()?;
    if let Some(function) = default.as_function() {
        return Some(function.clone());
    }
    let object = default.as_object()?;
    let nested: Value = object.get("default").ok()?;
    nested.as_function().cloned()
}

/// Reads `config.api.bodyParser` and `config.maxDuration` from a module namespace.
fn read_route_config(namespace: &Object<'_>) -> RouteConfig {
    let default_parser = BodyParserConfig::Enabled {
        limit: apiroutes_nextspec::DEFAULT_BODY_LIMIT,
        limit_text: "1mb".into(),
    };
    let mut config = RouteConfig {
        body_parser: default_parser.clone(),
        max_duration: None,
        edge: false,
    };
    let mut source: Option<Object> = namespace.get("config").ok();
    if source.is_none() {
        // CommonJS: module.exports.config
        source = namespace
            .get::<_, Object>("default")
            .ok()
            .and_then(|def| def.get::<_, Object>("config").ok());
    }
    let Some(source) = source else { return config };
    if let Ok(runtime) = source.get::<_, String>("runtime") {
        config.edge = runtime == "edge" || runtime == "experimental-edge";
    }
    if let Ok(seconds) = source.get::<_, f64>("maxDuration") {
        if seconds.is_finite() && seconds > 0.0 {
            config.max_duration = Some(Duration::from_secs_f64(seconds));
        }
    }
    let Ok(api) = source.get::<_, Object>("api") else {
        return config;
    };
    let Ok(parser) = api.get::<_, Value>("bodyParser") else {
        return config;
    };
    if parser.as_bool() == Some(false) {
        config.body_parser = BodyParserConfig::Disabled;
    } else if let Some(parser) = parser.as_object() {
        if let Ok(limit) = parser.get::<_, Value>("sizeLimit") {
            if let Some(number) = limit.as_number() {
                config.body_parser = BodyParserConfig::Enabled {
                    limit: number.max(0.0) as u64,
                    limit_text: format_js_number(number),
                };
            } else if let Some(text) = limit.as_string().and_then(|s| s.to_string().ok()) {
                // A limit that `bytes` cannot parse means no limit in Next.
                let limit = apiroutes_nextspec::bytes_limit::parse(&text)
                    .map_or(u64::MAX, |bytes| bytes.max(0) as u64);
                config.body_parser = BodyParserConfig::Enabled {
                    limit,
                    limit_text: text,
                };
            }
        }
    }
    config
}

fn format_js_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e21 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

/// The native side of `js/pages_api.js`.
pub(crate) fn pages_natives<'js>(
    ctx: &Ctx<'js>,
    slots: Rc<Slots>,
    preview_mode_id: &str,
) -> rquickjs::Result<Object<'js>> {
    let natives = Object::new(ctx.clone())?;
    let events: Object = Module::import(ctx, "events")?.finish::<Object>()?;
    let event_emitter: Value = events.get("EventEmitter")?;
    natives.set("EventEmitter", event_emitter)?;
    natives.set("previewModeId", preview_mode_id)?;
    // `JSON.stringify` in Rust for `res.json` / `res.send` (see json.rs); captured here,
    // before any project code runs.
    crate::json::install(ctx, &natives, "stringify")?;

    let head_slots = slots.clone();
    natives.set(
        "head",
        Function::new(
            ctx.clone(),
            move |id: u32,
                  status: u16,
                  reason: Opt<Value<'js>>,
                  flat: Vec<String>,
                  complete: bool,
                  body: Opt<Value<'js>>|
                  -> rquickjs::Result<()> {
                let reason = reason
                    .0
                    .and_then(|value| value.as_string().and_then(|s| s.to_string().ok()));
                let mut headers = Vec::with_capacity(flat.len() / 2);
                let mut iter = flat.into_iter();
                while let (Some(name), Some(value)) = (iter.next(), iter.next()) {
                    headers.push((name, value));
                }
                let body = if complete {
                    HeadBody::Complete(
                        body.0
                            .map(|value| value_to_bytes(&value))
                            .transpose()?
                            .unwrap_or_default(),
                    )
                } else {
                    HeadBody::Streaming
                };
                head_slots.send_head(
                    id,
                    ResponseHead {
                        status,
                        reason,
                        headers,
                        body,
                    },
                    complete,
                );
                Ok(())
            },
        )?,
    )?;

    // `res.json` in one call: serialise (json.rs), ETag, freshness, Content-Length and
    // the head, as Next's `sendJson` → `sendData` → `sendEtagResponse` do step by step.
    let json_slots = slots.clone();
    natives.set(
        "sendJson",
        crate::json::native_function_with(ctx, move |ctx, text, args| {
            send_json(ctx, &json_slots, text, &args)
        })?,
    )?;

    let write_slots = slots.clone();
    natives.set(
        "write",
        Function::new(
            ctx.clone(),
            move |id: u32, chunk: Value<'js>| -> rquickjs::Result<bool> {
                Ok(write_slots.write(id, value_to_bytes(&chunk)?))
            },
        )?,
    )?;

    let end_slots = slots.clone();
    natives.set(
        "end",
        Function::new(ctx.clone(), move |id: u32| end_slots.close(id))?,
    )?;
    let abort_slots = slots.clone();
    natives.set(
        "abort",
        Function::new(ctx.clone(), move |id: u32| abort_slots.close(id))?,
    )?;

    natives.set(
        "etag",
        Function::new(ctx.clone(), |text: String| {
            apiroutes_nextspec::etag::strong_etag(&text)
        })?,
    )?;

    let fresh_slots = slots.clone();
    natives.set(
        "isFresh",
        Function::new(ctx.clone(), move |id: u32, etag: String| -> bool {
            let open = fresh_slots.open.borrow();
            let Some(slot) = open.get(&id) else {
                return false;
            };
            apiroutes_nextspec::fresh::is_fresh(
                slot.if_none_match.as_deref(),
                slot.cache_control.as_deref(),
                &etag,
            )
        })?,
    )?;

    natives.set(
        "parseCookies",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, header: String| -> rquickjs::Result<Object<'js>> {
                let cookies = Object::new(ctx)?;
                for (name, value) in apiroutes_nextspec::cookies::parse_cookie_header(&header) {
                    if !cookies.contains_key(name.as_str())? {
                        cookies.set(name, value)?;
                    }
                }
                Ok(cookies)
            },
        )?,
    )?;

    let read_slots = slots;
    natives.set(
        "readBody",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, id: u32| -> rquickjs::Result<Promise<'js>> {
                let stream = read_slots
                    .open
                    .borrow()
                    .get(&id)
                    .and_then(|slot| slot.request_body.clone());
                let chunk_ctx = ctx.clone();
                Promise::wrap_future(&ctx, async move {
                    let Some(stream) = stream else {
                        return Ok(Value::new_null(chunk_ctx));
                    };
                    let chunk = stream.lock().await.recv().await;
                    match chunk {
                        Some(Ok(bytes)) => {
                            Ok(TypedArray::<u8>::new(chunk_ctx, bytes.as_ref())?.into_value())
                        }
                        // Cut short: JavaScript raises Node's `Error: aborted`.
                        Some(Err(_)) => Ok(Value::new_bool(chunk_ctx, false)),
                        None => Ok::<_, rquickjs::Error>(Value::new_null(chunk_ctx)),
                    }
                })
            },
        )?,
    )?;
    Ok(natives)
}

/// The native half of `res.json(body)` once `Content-Type` is set: `args` are
/// `(id, status, reason, flatHeaders)`. Returns `undefined` when the body serialised to
/// nothing (an empty response, as `res.end()`), `[etag]` for a 304, else
/// `[etag, contentLength]`.
fn send_json<'js>(
    ctx: &Ctx<'js>,
    slots: &Slots,
    text: Option<Vec<u8>>,
    args: &[Value<'js>],
) -> rquickjs::Result<Value<'js>> {
    let arg = |index: usize| {
        args.get(index)
            .cloned()
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()))
    };
    let id: u32 = rquickjs::FromJs::from_js(ctx, arg(0))?;
    let status: u16 = rquickjs::FromJs::from_js(ctx, arg(1))?;
    let reason = arg(2).as_string().and_then(|s| s.to_string().ok());
    let flat: Vec<String> = rquickjs::FromJs::from_js(ctx, arg(3))?;
    let mut headers = Vec::with_capacity(flat.len() / 2 + 2);
    let mut iter = flat.into_iter();
    while let (Some(name), Some(value)) = (iter.next(), iter.next()) {
        // sendData replaces these two with its own.
        if name != "etag" && name != "content-length" {
            headers.push((name, value));
        }
    }
    let Some(text) = text else {
        let head = ResponseHead {
            status,
            reason,
            headers,
            body: HeadBody::Complete(Bytes::new()),
        };
        slots.send_head(id, head, true);
        return Ok(Value::new_undefined(ctx.clone()));
    };
    // The JSON text is valid UTF-8 (json.rs escapes lone surrogates).
    let text = String::from_utf8(text).map_err(|_| rquickjs::Error::Unknown)?;
    let etag = apiroutes_nextspec::etag::strong_etag(&text);
    let fresh = {
        let open = slots.open.borrow();
        open.get(&id).is_some_and(|slot| {
            apiroutes_nextspec::fresh::is_fresh(
                slot.if_none_match.as_deref(),
                slot.cache_control.as_deref(),
                &etag,
            )
        })
    };
    headers.push(("etag".to_string(), etag.clone()));
    let result = Array::new(ctx.clone())?;
    result.set(0, etag)?;
    if fresh {
        let head = ResponseHead {
            status: 304,
            reason,
            headers,
            body: HeadBody::Complete(Bytes::new()),
        };
        slots.send_head(id, head, true);
        return Ok(result.into_value());
    }
    let length = text.len();
    headers.push(("content-length".to_string(), length.to_string()));
    result.set(1, length)?;
    let head = ResponseHead {
        status,
        reason,
        headers,
        body: HeadBody::Complete(Bytes::from(text)),
    };
    slots.send_head(id, head, true);
    Ok(result.into_value())
}

/// Bytes of a string, Buffer or Uint8Array chunk.
fn value_to_bytes(value: &Value<'_>) -> rquickjs::Result<Bytes> {
    if value.is_undefined() || value.is_null() {
        return Ok(Bytes::new());
    }
    if let Some(text) = value.as_string() {
        return Ok(Bytes::from(text.to_string()?));
    }
    if let Ok(array) = TypedArray::<u8>::from_value(value.clone()) {
        if let Some(bytes) = array.as_bytes() {
            return Ok(Bytes::copy_from_slice(bytes));
        }
    }
    Ok(Bytes::from(format!("{value:?}")))
}

/// Starts the task that runs `clientGone(ids)` of `pages_api.js` and `app_route.js` (under
/// the CPU budget) whenever requests' clients went away.
async fn spawn_disconnect_task(
    context: &AsyncContext,
    slots: &Rc<Slots>,
    budget: &Rc<CpuBudget>,
) -> Result<tokio::task::JoinHandle<()>, String> {
    let notify = context
        .with(|ctx| -> rquickjs::Result<Persistent<Function<'static>>> {
            let function: Function = ctx.eval(
                r#"(function (ids) {
  const pages = globalThis[Symbol.for('apiroutes.pages')]
  const app = globalThis[Symbol.for('apiroutes.next')]
  for (const id of ids) {
    for (const side of [pages, app]) {
      try {
        if (side && side.clientGone) side.clientGone(id)
      } catch (err) {
        console.error(err)
      }
    }
  }
})"#,
            )?;
            Ok(Persistent::save(&ctx, function))
        })
        .await
        .map_err(|err| format!("disconnect notifications: {err}"))?;
    let context = context.clone();
    let slots = slots.clone();
    let budget = budget.clone();
    Ok(tokio::task::spawn_local(async move {
        loop {
            slots.gone_notify.notified().await;
            let ids = std::mem::take(&mut *slots.gone.borrow_mut());
            if ids.is_empty() {
                continue;
            }
            let notify = notify.clone();
            let budget = budget.clone();
            context
                .with(move |ctx| {
                    let _armed = budget.arm();
                    crate::async_context::reset(&ctx);
                    if let Ok(function) = notify.restore(&ctx) {
                        if let Err(error) = function.call::<_, ()>((ids,)) {
                            let text = platform::describe_error(&ctx, error);
                            tracing::error!("telling handlers their client went away: {text}");
                        }
                    }
                    platform::drain_jobs(&ctx);
                })
                .await;
        }
    }))
}

/// Test-only crash switches (`APIROUTES_TEST_HOOKS=1`): `__apiroutesTestPanic()` panics in
/// a native function called from the handler; `__apiroutesTestPanicInDriver()` panics
/// later, inside the driver task; `__apiroutesTestCrash()` raises SIGSEGV in the process.
fn install_test_hooks(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let globals = ctx.globals();
    globals.set(
        "__apiroutesTestPanic",
        Function::new(ctx.clone(), || -> () {
            panic!("deliberate test panic in a native function");
        })?,
    )?;
    globals.set(
        "__apiroutesTestCrash",
        Function::new(ctx.clone(), || {
            // SAFETY: deliberately ends the process with SIGSEGV, as a native crash in
            // the engine would (the supervisor's tests). The default action first: Rust's
            // own SIGSEGV handler (stack-overflow detection) ignores a raised signal.
            unsafe {
                libc::signal(libc::SIGSEGV, libc::SIG_DFL);
                libc::raise(libc::SIGSEGV);
            }
        })?,
    )?;
    globals.set(
        "__apiroutesTestPanicInDriver",
        Function::new(ctx.clone(), |ctx: Ctx<'_>| {
            ctx.spawn(async {
                panic!("deliberate test panic in the driver");
            });
        })?,
    )?;
    Ok(())
}

/// In a server, `process.exit()`, `process.abort()` and `process.kill(process.pid)` fail
/// only the request whose code called them: the call is logged, the budget interrupts
/// that run of JavaScript (uncatchable, so the request gets a 500 even if the handler
/// catches the error thrown here), and the process keeps serving.
fn install_server_exit(
    ctx: &Ctx<'_>,
    budget: Rc<CpuBudget>,
    failures: Rc<crate::failure_log::FailureLog>,
) -> rquickjs::Result<()> {
    let process: Object = ctx.globals().get("process")?;
    let refuse = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'_>, what: String, stack: String| {
            failures.refuse(&ctx, &what, stack.trim_end());
            budget.interrupt_now();
        },
    )?;
    let install: Function = ctx.eval(
        r#"(function (process, refuse) {
  const pid = process.pid
  const stop = (what) => {
    const error = new Error(`${what} is not allowed in a server handler (apiroutes keeps the server running)`)
    refuse(what, String(error.stack || ''))
    throw error
  }
  const realKill = process.kill
  Object.defineProperty(process, 'exit', { configurable: true, writable: true, value: function exit(code) { stop(`process.exit(${code === undefined ? '' : code})`) } })
  Object.defineProperty(process, 'reallyExit', { configurable: true, writable: true, value: function reallyExit(code) { stop(`process.reallyExit(${code})`) } })
  Object.defineProperty(process, 'abort', { configurable: true, writable: true, value: function abort() { stop('process.abort()') } })
  Object.defineProperty(process, 'kill', { configurable: true, writable: true, value: function kill(target, signal) {
    if (Number(target) === pid || Number(target) === 0) stop(`process.kill(${target}${signal === undefined ? '' : ', ' + JSON.stringify(signal)})`)
    if (typeof realKill === 'function') return realKill.call(process, target, signal)
    return true
  } })
})"#,
    )?;
    install.call::<_, ()>((process, refuse))
}
