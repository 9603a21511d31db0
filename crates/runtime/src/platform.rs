//! Native bindings behind `js/bootstrap.js`: tokio timers and the CommonJS loader hooks.
//!
//! Timers run as futures spawned on the runtime (driven by the worker's single driver
//! task), so a callback that throws is reported and the other timers keep running.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use rquickjs::context::EvalOptions;
use rquickjs::prelude::Opt;
use rquickjs::{CatchResultExt, Ctx, Error, Exception, Function, Module, Object, Result, Value};

use crate::loader::{FileKind, ImportStyle, ModuleResolution, Resolved};

/// The timers that are still pending, by id: each has a cancellation flag and a wake-up,
/// so a cleared timer's task ends at once instead of sleeping out its delay.
#[derive(Default)]
pub struct TimerTable {
    next_id: Cell<u32>,
    pending: RefCell<HashMap<u32, Rc<TimerState>>>,
}

/// One pending timer's cancellation.
#[derive(Default)]
struct TimerState {
    cancelled: Cell<bool>,
    wake: tokio::sync::Notify,
}

impl TimerTable {
    fn add(&self) -> (u32, Rc<TimerState>) {
        let id = self.next_id.get().wrapping_add(1).max(1);
        self.next_id.set(id);
        let state = Rc::new(TimerState::default());
        self.pending.borrow_mut().insert(id, state.clone());
        (id, state)
    }

    fn cancel(&self, id: u32) {
        if let Some(state) = self.pending.borrow_mut().remove(&id) {
            state.cancelled.set(true);
            state.wake.notify_one();
        }
    }

    fn finish(&self, id: u32) {
        self.pending.borrow_mut().remove(&id);
    }
}

/// Runs every pending promise job. A job that fails (an uncatchable interrupt from the CPU
/// budget, or memory exhaustion inside a continuation) leaves its exception pending in the
/// context; it is taken and logged here, so it can never surface in an unrelated later
/// `catch`.
pub fn drain_jobs(ctx: &Ctx<'_>) {
    loop {
        let mut job_ctx = std::ptr::null_mut();
        // SAFETY: we hold the runtime lock (inside `with`), and `job_ctx` is a valid
        // out-pointer that the engine fills with the failing job's context.
        let result = unsafe {
            rquickjs::qjs::JS_ExecutePendingJob(
                rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()),
                &mut job_ctx,
            )
        };
        if result == 0 {
            break;
        }
        if result < 0 {
            let thrown = ctx.catch();
            // SAFETY: `thrown` is a live value of this context, only inspected.
            let interrupted = unsafe { rquickjs::qjs::JS_IsUncatchableError(thrown.as_raw()) };
            // An interrupt is logged with its request by `failure_log`.
            if !interrupted {
                tracing::error!("a promise job failed: {}", describe_value(&thrown));
            }
        }
    }
}

/// Logs a JavaScript exception that nobody else will see (a throwing timer callback).
pub fn report_uncaught(ctx: &Ctx<'_>, what: &str, error: Error) {
    tracing::error!("{what}: {}", describe_error(ctx, error));
}

/// Text of an error thrown by JavaScript: message and stack when it is an exception.
pub fn describe_error(ctx: &Ctx<'_>, error: Error) -> String {
    if !error.is_exception() {
        return error.to_string();
    }
    let value = ctx.catch();
    describe_value(&value)
}

/// Text of a thrown JavaScript value.
pub fn describe_value(value: &Value<'_>) -> String {
    if let Some(exception) = value
        .as_object()
        .and_then(|obj| Exception::from_object(obj.clone()))
    {
        let stack = exception.stack().unwrap_or_default();
        // An error's `stack` starts with its "Name: message", as V8's does (see the engine's
        // patch 0005); one whose stack was replaced by frames only gets the header added.
        if !stack.is_empty() && !stack.trim_start().starts_with("at ") {
            return stack.trim_end().to_string();
        }
        let message = exception.message().unwrap_or_default();
        let name: String = exception.get("name").unwrap_or_else(|_| "Error".into());
        if stack.is_empty() {
            format!("{name}: {message}")
        } else {
            format!("{name}: {message}\n{}", stack.trim_end())
        }
    } else if let Some(text) = value.as_string().and_then(|s| s.to_string().ok()) {
        text
    } else {
        format!("{value:?}")
    }
}

/// Builds the object of native functions that `js/bootstrap.js` receives.
pub fn bootstrap_natives<'js>(
    ctx: &Ctx<'js>,
    resolution: Rc<ModuleResolution>,
    timers: Rc<TimerTable>,
) -> Result<Object<'js>> {
    let natives = Object::new(ctx.clone())?;

    let table = timers.clone();
    natives.set(
        "timer",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, ms: f64, callback: Function<'js>, repeat: Opt<bool>| -> u32 {
                let (id, cancelled) = table.add();
                let delay = Duration::from_micros((ms.max(1.0) * 1000.0) as u64);
                let repeat = repeat.0.unwrap_or(false);
                let table = table.clone();
                let task_ctx = ctx.clone();
                // The callback runs in the async context it was scheduled in, as Node's
                // timers run in their resource's (AsyncLocalStorage stores follow them).
                let context = crate::async_context::get(&ctx);
                ctx.spawn(async move {
                    let mut next = tokio::time::Instant::now() + delay;
                    loop {
                        tokio::select! {
                            _ = tokio::time::sleep_until(next) => {}
                            _ = cancelled.wake.notified() => {}
                        }
                        if cancelled.cancelled.get() {
                            break;
                        }
                        let called = crate::async_context::run_in(&task_ctx, &context, || {
                            callback.call::<_, ()>(())
                        });
                        if let Err(error) = called {
                            report_uncaught(
                                &task_ctx,
                                "uncaught exception in a timer callback",
                                error,
                            );
                        }
                        if !repeat || cancelled.cancelled.get() {
                            break;
                        }
                        next = tokio::time::Instant::now() + delay;
                    }
                    table.finish(id);
                });
                id
            },
        )?,
    )?;

    natives.set(
        "clearTimer",
        Function::new(ctx.clone(), move |id: f64| {
            if id.is_finite() && id >= 0.0 {
                timers.cancel(id as u32);
            }
        })?,
    )?;

    let resolver = resolution.clone();
    natives.set(
        "resolve",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  specifier: String,
                  from_dir: String,
                  _style: Opt<String>|
                  -> Result<Object<'js>> {
                let target = Object::new(ctx.clone())?;
                match resolver.resolve(&specifier, Path::new(&from_dir), ImportStyle::Require) {
                    Ok(Resolved::Builtin(name)) => target.set("builtin", name)?,
                    Ok(Resolved::File(path)) => {
                        target.set("file", path.to_string_lossy().into_owned())?
                    }
                    Err(message) => {
                        let err = Exception::from_message(ctx.clone(), &message)?;
                        err.set("code", "MODULE_NOT_FOUND")?;
                        return Err(ctx.throw(err.into_value()));
                    }
                }
                Ok(target)
            },
        )?,
    )?;

    let compiler = resolution.clone();
    natives.set(
        "compile",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, path: String| -> Result<Object<'js>> {
                let compiled = compiler
                    .compile(Path::new(&path))
                    .map_err(|message| Exception::throw_syntax(&ctx, &message))?;
                let out = Object::new(ctx.clone())?;
                out.set(
                    "kind",
                    match compiled.kind {
                        FileKind::Esm => "esm",
                        FileKind::CommonJs => "cjs",
                        FileKind::Json => "json",
                    },
                )?;
                out.set("code", compiled.code)?;
                Ok(out)
            },
        )?,
    )?;

    natives.set(
        "evalScript",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, code: String, filename: String| -> Result<Value<'js>> {
                let mut options = EvalOptions::default();
                options.global = true;
                options.strict = false;
                options.filename = Some(filename);
                ctx.eval_with_options(code, options)
            },
        )?,
    )?;

    natives.set(
        "importSync",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, name: String| -> Result<Object<'js>> {
                let promise = Module::import(&ctx, name.clone())?;
                // Modules without top-level await settle after their jobs ran once.
                loop {
                    if let Some(result) = promise.result::<Object<'js>>() {
                        return result;
                    }
                    if !ctx.execute_pending_job() {
                        return Err(Exception::throw_type(
                            &ctx,
                            &format!("require() of '{name}' cannot wait for its top-level await"),
                        ));
                    }
                }
            },
        )?,
    )?;

    natives.set(
        "connectError",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, host: String, port: u16| -> Result<rquickjs::Promise<'js>> {
                rquickjs::Promise::wrap_future(&ctx, async move {
                    connect_error(&host, port)
                        .await
                        .map(|(code, syscall)| vec![code, syscall])
                })
            },
        )?,
    )?;

    natives.set(
        "projectDir",
        resolution.project_dir().to_string_lossy().into_owned(),
    )?;
    Ok(natives)
}

/// Evaluates one of our function-expression scripts and calls it with `natives`.
pub fn run_setup_script<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    source: &str,
    natives: Object<'js>,
) -> std::result::Result<Value<'js>, String> {
    let mut options = EvalOptions::default();
    options.global = true;
    options.strict = true;
    options.filename = Some(format!("apiroutes:{name}"));
    let setup: Function = ctx
        .eval_with_options(source, options)
        .catch(ctx)
        .map_err(|err| format!("{name}: {err}"))?;
    setup
        .call((natives,))
        .catch(ctx)
        .map_err(|err| format!("{name}: {err}"))
}

/// Why a TCP connection to `host:port` fails, as Node's error `code` and `syscall`
/// (`ECONNREFUSED`/`connect`, `ENOTFOUND`/`getaddrinfo`, ...), or `None` when it
/// connects. `fetch` failures from LLRT say only "client error (Connect)"; this second,
/// failure-path-only attempt recovers the system error Node's `cause` carries.
async fn connect_error(host: &str, port: u16) -> Option<(String, String)> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<std::net::SocketAddr> = match tokio::net::lookup_host((host, port)).await {
        Ok(found) => found.collect(),
        Err(_) => return Some(("ENOTFOUND".into(), "getaddrinfo".into())),
    };
    let Some(address) = addresses.first() else {
        return Some(("ENOTFOUND".into(), "getaddrinfo".into()));
    };
    let attempt = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::net::TcpStream::connect(address),
    )
    .await;
    let code = match attempt {
        Err(_) => "ETIMEDOUT",
        Ok(Ok(_)) => return None,
        Ok(Err(error)) => match error.kind() {
            std::io::ErrorKind::ConnectionRefused => "ECONNREFUSED",
            std::io::ErrorKind::ConnectionReset => "ECONNRESET",
            std::io::ErrorKind::TimedOut => "ETIMEDOUT",
            std::io::ErrorKind::HostUnreachable => "EHOSTUNREACH",
            std::io::ErrorKind::NetworkUnreachable => "ENETUNREACH",
            std::io::ErrorKind::PermissionDenied => "EACCES",
            _ => "ECONNREFUSED",
        },
    };
    Some((code.into(), "connect".into()))
}
