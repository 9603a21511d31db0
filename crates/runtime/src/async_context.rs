//! The engine's async context slot (vendor/rquickjs-sys patch 0002) as seen from Rust.
//!
//! QuickJS, as patched, keeps one JavaScript value per context, the *async context*: every
//! job records it when the job is created (a promise reaction when `then`/`await` registers
//! it, `queueMicrotask` and thenable jobs when they are queued) and runs with it restored.
//! `AsyncLocalStorage` (`js/builtins/async_hooks.js`) stores an immutable map from storage
//! instance to store in it. This module declares the two C functions, gives JavaScript a
//! hidden `{ get, set }` pair under `Symbol.for('apiroutes.asyncContext')`, and lets our
//! timers capture the value when they are scheduled and restore it around their callback.

use rquickjs::{qjs, Ctx, Function, Object, Result, Value};

extern "C" {
    /// The slot's current value, as a new reference.
    fn JS_GetAsyncContext(ctx: *mut qjs::JSContext) -> qjs::JSValue;
    /// Replaces the slot's value; the slot takes its own reference to `value`.
    fn JS_SetAsyncContext(ctx: *mut qjs::JSContext, value: qjs::JSValue);
}

/// The current async context (`undefined` when none was ever set).
pub fn get<'js>(ctx: &Ctx<'js>) -> Value<'js> {
    // SAFETY: `ctx` is a live context of the locked runtime; the engine returns an owned
    // reference, which `Value::from_raw` takes over.
    unsafe { Value::from_raw(ctx.clone(), JS_GetAsyncContext(ctx.as_raw().as_ptr())) }
}

/// The current async context of a raw context, as an owned reference (no JavaScript runs:
/// usable from the engine's interrupt hook).
///
/// # Safety
/// `ctx` must be a live context of a runtime locked by the calling thread.
pub(crate) unsafe fn get_raw(ctx: *mut qjs::JSContext) -> qjs::JSValue {
    unsafe { JS_GetAsyncContext(ctx) }
}

/// Makes `value` the current async context.
pub fn set<'js>(ctx: &Ctx<'js>, value: &Value<'js>) {
    // SAFETY: `value` belongs to this runtime and stays alive for the call; the engine
    // duplicates it before storing.
    unsafe { JS_SetAsyncContext(ctx.as_raw().as_ptr(), value.as_raw()) }
}

/// Starts a host-initiated run of JavaScript (a request's dispatch) with no async context,
/// so a store entered by an earlier run (`enterWith`) cannot leak into an unrelated one.
pub fn reset(ctx: &Ctx<'_>) {
    set(ctx, &Value::new_undefined(ctx.clone()));
}

/// Runs `run` with `context` as the current async context and restores the previous one.
pub fn run_in<'js, R>(ctx: &Ctx<'js>, context: &Value<'js>, run: impl FnOnce() -> R) -> R {
    let previous = get(ctx);
    set(ctx, context);
    let result = run();
    set(ctx, &previous);
    result
}

/// Installs the hidden `{ get, set }` pair `async_hooks.js` builds on.
pub fn install<'js>(ctx: &Ctx<'js>) -> Result<()> {
    let pair = Object::new(ctx.clone())?;
    pair.set(
        "get",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| get(&ctx))?.with_name("getAsyncContext")?,
    )?;
    pair.set(
        "set",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, value: Value<'js>| {
            set(&ctx, &value)
        })?
        .with_name("setAsyncContext")?,
    )?;
    let key: Value = ctx.eval("Symbol.for('apiroutes.asyncContext')")?;
    ctx.globals()
        .prop(key, rquickjs::object::Property::from(pair).configurable())?;
    Ok(())
}
