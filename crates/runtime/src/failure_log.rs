//! Every failure of a request logged once, with its request number, its route and a real
//! message.
//!
//! Each request's JavaScript starts in a fresh *async context* (the engine slot that
//! `AsyncLocalStorage` uses, see `async_context.rs`) holding a tag: the request's response
//! slot and its label (`request 17 (GET /api/spin)`). Every promise job, await
//! continuation and timer created from there carries the tag, so a failure that surfaces
//! later, far from the dispatch, is still traced to its request:
//! - a run of JavaScript interrupted by the CPU budget (in the handler's first run or in
//!   an `await` continuation run by the driver): the interrupt handler keeps the async
//!   context of the run it stopped, and [`FailureLog::settle`] logs it and answers that
//!   request 500 if it had not answered;
//! - a promise rejected with nobody handling it (logged once the jobs have drained, as
//!   Node's `unhandledRejection` is);
//! - an error the handler threw or rejected with (`pages_api.js`/`app_route.js` call
//!   `reportFailure`), and out-of-memory, which the engine throws as `null` or as
//!   `InternalError: out of memory`: logged as `out of memory (heap limit N MiB)`. After an
//!   out-of-memory failure the heap is collected; a worker whose heap stays above its
//!   limit is reported as poisoned, and the server rebuilds it.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rquickjs::{qjs, Array, Ctx, Function, Persistent, Value};

use crate::worker::Slots;

static NEXT_REQUEST: AtomicU64 = AtomicU64::new(1);

/// `request N (METHOD /path)`: a process-wide request number and the route as requested
/// (without origin or query, which may carry secrets).
pub(crate) fn request_label(method: &str, url: &str) -> String {
    let number = NEXT_REQUEST.fetch_add(1, Ordering::Relaxed);
    let path = url
        .find("://")
        .and_then(|scheme| {
            url[scheme + 3..]
                .find('/')
                .map(|at| &url[scheme + 3 + at..])
        })
        .unwrap_or(url);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    format!("request {number} ({method} {path})")
}

/// The two JavaScript helpers that write and read the request tag.
struct Tags {
    enter: Persistent<Function<'static>>,
    tag_of: Persistent<Function<'static>>,
}

/// A rejection nobody handled yet: the promise, its reason as text, and the async
/// context it was rejected in.
pub(crate) type Unhandled = (
    Persistent<Value<'static>>,
    String,
    Persistent<Value<'static>>,
);

/// Failures waiting to be logged, shared by the interrupt handler, the rejection tracker,
/// the natives and the worker.
pub(crate) struct FailureLog {
    tags: OnceCell<Tags>,
    memory_limit: usize,
    cpu_budget: Duration,
    /// The engine context, for reading the async context from the interrupt handler.
    raw_context: Cell<Option<std::ptr::NonNull<qjs::JSContext>>>,
    /// Async contexts of interrupted runs (owned references), not yet settled.
    interrupted: RefCell<Vec<qjs::JSValue>>,
    /// Rejected promises nobody handled yet.
    pub(crate) unhandled: RefCell<Vec<Unhandled>>,
    /// Whether the server logs rejections itself (not in `apiroutes run`, which reports
    /// them as Node does at exit).
    log_rejections: bool,
    out_of_memory: Cell<bool>,
    /// Requests whose failure was already logged (a refused `process.exit()`): the error
    /// that follows is not logged again.
    silenced: RefCell<Vec<u32>>,
    /// Wakes the settling task.
    pub(crate) wake: tokio::sync::Notify,
    /// Fires when the heap stays above its limit after a full collection.
    poisoned: Poisoned,
}

/// The worker's rebuild signal (shared with its driver task, which reports panics on it).
pub(crate) type Poisoned = Rc<RefCell<Option<tokio::sync::oneshot::Sender<String>>>>;

const TAGS_JS: &str = r#"(function () {
  const slot = globalThis[Symbol.for('apiroutes.asyncContext')]
  const KEY = {}
  const MapGet = Map.prototype.get
  return {
    enter(id, label) { slot.set(new Map([[KEY, [id, label]]])) },
    tagOf(context) { return context instanceof Map ? Reflect.apply(MapGet, context, [KEY]) : undefined },
  }
})()"#;

impl FailureLog {
    pub(crate) fn new(
        memory_limit: usize,
        cpu_budget: Duration,
        log_rejections: bool,
        poisoned: Poisoned,
    ) -> Rc<Self> {
        Rc::new(Self {
            tags: OnceCell::new(),
            memory_limit,
            cpu_budget,
            raw_context: Cell::new(None),
            interrupted: RefCell::new(Vec::new()),
            unhandled: RefCell::new(Vec::new()),
            log_rejections,
            out_of_memory: Cell::new(false),
            silenced: RefCell::new(Vec::new()),
            wake: tokio::sync::Notify::new(),
            poisoned,
        })
    }

    /// Installs the tag helpers and `reportFailure` (after the async context slot exists).
    pub(crate) fn install(self: &Rc<Self>, ctx: &Ctx<'_>) -> rquickjs::Result<()> {
        let helpers: rquickjs::Object = ctx.eval(TAGS_JS)?;
        let enter: Function = helpers.get("enter")?;
        let tag_of: Function = helpers.get("tagOf")?;
        let _ = self.tags.set(Tags {
            enter: Persistent::save(ctx, enter),
            tag_of: Persistent::save(ctx, tag_of),
        });
        self.raw_context.set(Some(ctx.as_raw()));
        let log = self.clone();
        let report = Function::new(ctx.clone(), move |ctx: Ctx<'_>, error: Value<'_>| {
            let tag = log.current(&ctx);
            if tag.as_ref().is_some_and(|(id, _)| log.unsilence(*id)) {
                return;
            }
            let text = log.describe(&error);
            let label = tag.map(|(_, label)| label);
            tracing::error!("{}: {text}", label.as_deref().unwrap_or("a request"));
        })?
        .with_name("reportFailure")?;
        let key: Value = ctx.eval("Symbol.for('apiroutes.reportFailure')")?;
        ctx.globals()
            .prop(key, rquickjs::object::Property::from(report).configurable())?;
        Ok(())
    }

    /// Logs a refused `process.exit()`/`abort()`/`kill(pid)` for the current request; the
    /// error (or interrupt) it causes next is not logged again.
    pub(crate) fn refuse(&self, ctx: &Ctx<'_>, what: &str, stack: &str) {
        let (id, label) = self
            .current(ctx)
            .map_or((None, "a request".to_string()), |(id, label)| {
                (Some(id), label)
            });
        tracing::error!(
            "{label}: {what} was called by a handler: that request fails (500), the server keeps running\n{stack}"
        );
        if let Some(id) = id {
            self.silenced.borrow_mut().push(id);
        }
    }

    /// Takes `id` off the silenced list; true if it was on it.
    fn unsilence(&self, id: u32) -> bool {
        let mut silenced = self.silenced.borrow_mut();
        let before = silenced.len();
        silenced.retain(|&other| other != id);
        silenced.len() != before
    }

    /// The request the running JavaScript belongs to.
    fn current(&self, ctx: &Ctx<'_>) -> Option<(u32, String)> {
        let context = crate::async_context::get(ctx);
        self.tag(ctx, &context)
    }

    /// Starts a request's run of JavaScript in a fresh async context tagged with it.
    pub(crate) fn enter(&self, ctx: &Ctx<'_>, id: u32, label: &str) {
        self.unsilence(id);
        let entered = self.tags.get().map(|tags| {
            tags.enter
                .clone()
                .restore(ctx)
                .and_then(|enter| enter.call::<_, ()>((id, label)))
        });
        if !matches!(entered, Some(Ok(()))) {
            let _ = ctx.catch();
            crate::async_context::reset(ctx);
        }
    }

    /// The request (slot id and label) an async context belongs to.
    fn tag<'js>(&self, ctx: &Ctx<'js>, context: &Value<'js>) -> Option<(u32, String)> {
        let tags = self.tags.get()?;
        let tag_of = tags.tag_of.clone().restore(ctx).ok()?;
        let found = tag_of.call::<_, Value>((context.clone(),));
        let Ok(found) = found else {
            let _ = ctx.catch();
            return None;
        };
        let pair: Array = found.into_array()?;
        Some((pair.get(0).ok()?, pair.get(1).ok()?))
    }

    /// Whether an interrupted run waits to be settled.
    pub(crate) fn has_interrupts(&self) -> bool {
        !self.interrupted.borrow().is_empty()
    }

    /// Called by the engine's interrupt hook when it stops a run: keeps that run's async
    /// context (no JavaScript may run here) and wakes the settling task.
    pub(crate) fn note_interrupt(&self) {
        let Some(raw) = self.raw_context.get() else {
            return;
        };
        // SAFETY: the interrupt hook runs with the runtime locked, on the context's own
        // thread, and `raw` is the worker's live context; this only duplicates a value.
        let context = unsafe { crate::async_context::get_raw(raw.as_ptr()) };
        self.interrupted.borrow_mut().push(context);
        self.wake.notify_one();
    }

    /// Text of a thrown value; out-of-memory (thrown as `null`, or as an `InternalError`
    /// when the engine could still allocate one) says so with the limit.
    pub(crate) fn describe(&self, error: &Value<'_>) -> String {
        let text = crate::platform::describe_value(error);
        if error.is_null() || text.starts_with("InternalError: out of memory") {
            self.out_of_memory.set(true);
            self.wake.notify_one();
            return format!(
                "out of memory (heap limit {} MiB)",
                self.memory_limit / (1024 * 1024)
            );
        }
        text
    }

    /// Logs what failed since the last call and answers interrupted requests 500. Runs
    /// with the runtime locked, outside any run of JavaScript.
    pub(crate) fn settle(&self, ctx: &Ctx<'_>, slots: &Slots) {
        let interrupted = std::mem::take(&mut *self.interrupted.borrow_mut());
        for raw in interrupted {
            // SAFETY: `raw` is an owned reference taken in `note_interrupt`.
            let context = unsafe { Value::from_raw(ctx.clone(), raw) };
            match self.tag(ctx, &context) {
                Some((id, _)) if self.unsilence(id) => {
                    crate::worker::finish_with_error(slots, id);
                }
                Some((id, label)) => {
                    let answered = slots.is_answered(id);
                    tracing::error!(
                        "{label}: JavaScript ran past the CPU budget ({:?}) and was interrupted{}",
                        self.cpu_budget,
                        if answered { "" } else { "; answered 500" }
                    );
                    crate::worker::finish_with_error(slots, id);
                }
                None => tracing::error!(
                    "JavaScript outside any request (a module body or a timer) ran past the CPU budget ({:?}) and was interrupted",
                    self.cpu_budget
                ),
            }
        }
        if self.log_rejections {
            let unhandled = std::mem::take(&mut *self.unhandled.borrow_mut());
            for (_, text, context) in unhandled {
                let label = context
                    .restore(ctx)
                    .ok()
                    .and_then(|context| self.tag(ctx, &context))
                    .map(|(_, label)| label);
                let text = if text == "null" {
                    self.describe(&Value::new_null(ctx.clone()))
                } else {
                    text
                };
                tracing::error!(
                    "{}: unhandled promise rejection: {text}",
                    label.as_deref().unwrap_or("outside any request")
                );
            }
        }
        if self.out_of_memory.take() {
            self.check_heap(ctx);
        }
    }

    /// After an out-of-memory failure: a full collection, then a heap still above 90 % of
    /// its limit (module state that is never released) poisons the worker.
    fn check_heap(&self, ctx: &Ctx<'_>) {
        // SAFETY: the runtime is locked (we are inside `with`) and no JavaScript runs.
        let used = unsafe {
            let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            qjs::JS_RunGC(rt);
            let mut usage = std::mem::zeroed::<qjs::JSMemoryUsage>();
            qjs::JS_ComputeMemoryUsage(rt, &mut usage);
            usage.malloc_size.max(0) as usize
        };
        if used.saturating_mul(10) >= self.memory_limit.saturating_mul(9) {
            if let Some(sender) = self.poisoned.borrow_mut().take() {
                let _ = sender.send(format!(
                    "its heap stays at {} MiB of its {} MiB limit after a full garbage collection",
                    used / (1024 * 1024),
                    self.memory_limit / (1024 * 1024)
                ));
            }
        }
    }
}
