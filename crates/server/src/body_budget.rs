//! The process-wide memory budget of request bodies (`--max-body-memory`): every body
//! buffered for the pages body parser reserves its bytes here before and while they
//! arrive, and gives them back when its request has been answered. A body declared
//! larger than the whole budget gets 413; one that does not fit in what is left now gets
//! 503 with `Retry-After` (the budget is only full for the moment).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Bytes of request bodies held in memory, across every worker thread.
#[derive(Debug)]
pub struct BodyBudget {
    total: u64,
    used: AtomicU64,
}

/// Why a body could not be given memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Larger than the whole budget: 413.
    TooLarge,
    /// Larger than what is free now: 503.
    Full,
}

/// Bytes reserved for one request's body; returned to the budget on drop.
#[derive(Debug)]
pub struct Reservation {
    budget: Arc<BodyBudget>,
    bytes: u64,
}

impl BodyBudget {
    pub fn new(total: u64) -> Arc<Self> {
        Arc::new(Self {
            total,
            used: AtomicU64::new(0),
        })
    }

    /// Bytes currently reserved.
    pub fn used(&self) -> u64 {
        self.used.load(Ordering::Acquire)
    }

    /// Reserves `bytes` (possibly 0, to grow later).
    pub fn reserve(self: &Arc<Self>, bytes: u64) -> Result<Reservation, Refusal> {
        self.take(bytes)?;
        Ok(Reservation {
            budget: self.clone(),
            bytes,
        })
    }

    fn take(&self, bytes: u64) -> Result<(), Refusal> {
        if bytes > self.total {
            return Err(Refusal::TooLarge);
        }
        let mut used = self.used.load(Ordering::Acquire);
        loop {
            if used + bytes > self.total {
                return Err(Refusal::Full);
            }
            match self.used.compare_exchange_weak(
                used,
                used + bytes,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Ok(()),
                Err(now) => used = now,
            }
        }
    }
}

impl Reservation {
    /// Bytes reserved.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Makes the reservation at least `bytes` long (a chunked body, as it arrives).
    pub fn grow_to(&mut self, bytes: u64) -> Result<(), Refusal> {
        if bytes <= self.bytes {
            return Ok(());
        }
        // A body past the whole budget is too large however much is free.
        if bytes > self.budget.total {
            return Err(Refusal::TooLarge);
        }
        self.budget.take(bytes - self.bytes)?;
        self.bytes = bytes;
        Ok(())
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.budget.used.fetch_sub(self.bytes, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_share_the_budget_and_give_it_back() {
        let budget = BodyBudget::new(100);
        assert_eq!(budget.reserve(101).unwrap_err(), Refusal::TooLarge);
        let first = budget.reserve(60).unwrap();
        assert_eq!(budget.reserve(50).unwrap_err(), Refusal::Full);
        let mut second = budget.reserve(0).unwrap();
        second.grow_to(40).unwrap();
        assert_eq!(second.grow_to(41).unwrap_err(), Refusal::Full);
        assert_eq!(second.grow_to(200).unwrap_err(), Refusal::TooLarge);
        drop(first);
        second.grow_to(90).unwrap();
        assert_eq!(budget.used(), 90);
        drop(second);
        assert_eq!(budget.used(), 0);
    }
}
