//! QuickJS's allocator: mimalloc, called directly.
//!
//! rquickjs's `rust-alloc` routes every engine allocation through Rust's global
//! allocator with a size header and a `Layout` per call; the engine allocates for every
//! object, string and shape, so that bookkeeping showed up as a tenth of a request's
//! CPU. mimalloc knows each block's size itself (`mi_usable_size`), which is all
//! QuickJS needs for its memory accounting and limit.

use libmimalloc_sys as mi;
use rquickjs::allocator::Allocator;

/// Returns the free memory of this thread's mimalloc heap to the system (after a large
/// request body, which would otherwise stay in the process's RSS).
pub fn release_free_memory() {
    // SAFETY: mi_collect only frees and purges memory mimalloc holds unused.
    unsafe { mi::mi_collect(true) }
}

/// The engine allocator of every worker runtime.
pub struct MiAllocator;

// SAFETY: every function forwards to mimalloc, which returns blocks aligned for any
// fundamental type (at least 8 bytes, what QuickJS requires), null on failure, accepts
// null in free/realloc, and reports the usable size of its own blocks.
unsafe impl Allocator for MiAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        // SAFETY: plain allocation; a null result is handled by the engine.
        unsafe { mi::mi_malloc(size).cast() }
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        // SAFETY: mimalloc checks `count * size` for overflow and returns null then.
        unsafe { mi::mi_calloc(count, size).cast() }
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        // SAFETY: `ptr` came from this allocator (or is null, which mi_free ignores).
        unsafe { mi::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator or is null.
        unsafe { mi::mi_realloc(ptr.cast(), new_size).cast() }
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: `ptr` came from this allocator (mi_usable_size(null) is 0).
        unsafe { mi::mi_usable_size(ptr.cast_const().cast()) }
    }
}
