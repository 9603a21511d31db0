//! Panics stay inside the worker that raised them.
//!
//! [`CatchPanic`] turns a panic while polling a future (a native function called from
//! JavaScript, a spawned engine task, the request path) into an `Err` with the panic's
//! message, so the server can fail that worker's requests with 500 and rebuild the worker
//! while the others go on serving. rquickjs itself catches a panic in a native function
//! and turns it into a JavaScript exception (which an async handler's promise swallows),
//! so a panic hook also records every panic per thread, and `CatchPanic` reports one that
//! happened during its poll even when nothing unwound to it. `test_hooks_enabled` gates the deliberate panics the
//! crash tests use (`APIROUTES_TEST_HOOKS=1`).

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that resolves to `Err(message)` instead of unwinding when the inner one panics.
pub struct CatchPanic<F> {
    inner: Pin<Box<F>>,
}

impl<F: Future> CatchPanic<F> {
    pub fn new(inner: F) -> Self {
        Self {
            inner: Box::pin(inner),
        }
    }
}

impl<F: Future> Future for CatchPanic<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.inner.as_mut();
        let polled = catch_unwind(AssertUnwindSafe(move || inner.poll(cx)));
        let recorded = take_recorded_panic();
        match polled {
            Err(payload) => Poll::Ready(Err(panic_message(payload.as_ref()))),
            Ok(_) if recorded.is_some() => Poll::Ready(Err(recorded.unwrap_or_default())),
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Ok(Poll::Pending) => Poll::Pending,
        }
    }
}

/// The text of a panic payload (`panic!("...")` carries a `&str` or a `String`).
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Whether the test-only crash switches are on (`APIROUTES_TEST_HOOKS=1`).
pub fn test_hooks_enabled() -> bool {
    std::env::var_os("APIROUTES_TEST_HOOKS").is_some_and(|value| value == "1")
}

thread_local! {
    /// The message of the last panic on this thread that nobody has reported yet.
    static RECORDED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once per process) the hook that records each panic for its thread, then
/// prints it as the default hook does.
pub fn install_panic_hook() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = panic_message(info.payload());
            RECORDED.with(|slot| *slot.borrow_mut() = Some(message));
            previous(info);
        }));
    });
}

/// Takes the panic recorded on this thread since the last call, if any.
pub fn take_recorded_panic() -> Option<String> {
    RECORDED.with(|slot| slot.borrow_mut().take())
}
