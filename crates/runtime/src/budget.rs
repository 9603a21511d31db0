//! The CPU budget: how long one synchronous run of JavaScript may take.
//!
//! QuickJS calls an interrupt handler every few thousand bytecode instructions. We arm a
//! deadline whenever we enter JavaScript (a dispatch, or one poll of the runtime's driver,
//! which runs promise jobs and timer callbacks) and disarm it when control returns to
//! Rust. A run that is still going at the deadline is interrupted with an uncatchable
//! error; the runtime itself stays usable, so the worker goes on serving. The clock then
//! restarts for whatever runs next in the same poll (another request's continuation), so
//! one interrupted run never takes the jobs queued behind it down with it.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Shared between the interrupt handler and the code that enters JavaScript.
#[derive(Debug)]
pub struct CpuBudget {
    limit: Duration,
    deadline: Cell<Option<Instant>>,
    tripped: Cell<bool>,
}

impl CpuBudget {
    pub fn new(limit: Duration) -> Rc<Self> {
        Rc::new(Self {
            limit,
            deadline: Cell::new(None),
            tripped: Cell::new(false),
        })
    }

    /// Starts the clock for one synchronous run (nested arms keep the outer deadline).
    pub fn arm(&self) -> ArmGuard<'_> {
        let outer = self.deadline.get();
        if outer.is_none() {
            self.deadline.set(Some(Instant::now() + self.limit));
            self.tripped.set(false);
        }
        ArmGuard {
            budget: self,
            restore: outer,
        }
    }

    /// Called by QuickJS's interrupt hook: true stops the running script.
    pub fn should_interrupt(&self) -> bool {
        match self.deadline.get() {
            Some(deadline) if Instant::now() >= deadline => {
                self.tripped.set(true);
                self.deadline.set(Some(Instant::now() + self.limit));
                true
            }
            _ => false,
        }
    }

    /// Interrupts the armed run at the engine's next interrupt check (uncatchable): how a
    /// handler's `process.exit()` fails its request without stopping the server.
    pub fn interrupt_now(&self) {
        if self.deadline.get().is_some() {
            self.deadline.set(Some(Instant::now()));
        }
    }

    /// Whether the last armed run was interrupted.
    pub fn was_tripped(&self) -> bool {
        self.tripped.get()
    }
}

/// Disarms the budget when dropped.
pub struct ArmGuard<'a> {
    budget: &'a CpuBudget,
    restore: Option<Instant>,
}

impl Drop for ArmGuard<'_> {
    fn drop(&mut self) {
        self.budget.deadline.set(self.restore);
    }
}

/// Wraps the runtime's driver so that every poll (every batch of jobs and timer callbacks)
/// runs under the budget.
pub struct Budgeted<F> {
    inner: Pin<Box<F>>,
    budget: Rc<CpuBudget>,
}

impl<F> Budgeted<F> {
    pub fn new(inner: F, budget: Rc<CpuBudget>) -> Self {
        Self {
            inner: Box::pin(inner),
            budget,
        }
    }
}

impl<F: Future> Future for Budgeted<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let budget = self.budget.clone();
        let _armed = budget.arm();
        self.inner.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trips_only_after_the_deadline() {
        let budget = CpuBudget::new(Duration::from_millis(20));
        assert!(
            !budget.should_interrupt(),
            "disarmed budget never interrupts"
        );
        {
            let _armed = budget.arm();
            assert!(!budget.should_interrupt());
            std::thread::sleep(Duration::from_millis(30));
            assert!(budget.should_interrupt());
            assert!(
                !budget.should_interrupt(),
                "the clock restarts for what runs after the interrupted run"
            );
        }
        assert!(budget.was_tripped());
        assert!(
            !budget.should_interrupt(),
            "disarmed again after the guard drops"
        );
        let _armed = budget.arm();
        assert!(!budget.was_tripped(), "a new run starts untripped");
    }
}
