//! A counting global allocator for the tests that hold the crate to its heap bounds:
//! each test binary that needs it declares
//!
//! ```ignore
//! #[global_allocator]
//! static GLOBAL: rich_status_tests::heap::Counting = rich_status_tests::heap::Counting;
//! ```
//!
//! and measures a closure with [`measure`]. Counts are kept per thread, so the other
//! tests of the binary, running beside it, do not disturb them.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting this thread's heap.
pub struct Counting;

thread_local! {
    static IN_USE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static REALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn grew(bytes: usize) {
    let _ = IN_USE.try_with(|used| {
        used.set(used.get() + bytes);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(used.get())));
    });
}

fn shrank(bytes: usize) {
    let _ = IN_USE.try_with(|used| used.set(used.get().saturating_sub(bytes)));
}

fn count(counter: &'static std::thread::LocalKey<Cell<usize>>) {
    let _ = counter.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is passed on to `System` unchanged; the counting touches only
// thread-locals, and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        count(&ALLOCATIONS);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        count(&ALLOCATIONS);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as the new block arriving before the old one leaves, as it may.
        grew(new_size);
        shrank(layout.size());
        count(&REALLOCATIONS);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What a closure took of this thread's heap.
#[derive(Clone, Copy, Debug)]
pub struct Heap {
    /// The most bytes in use at once, above what was in use before.
    pub peak: usize,
    /// Allocations made (reallocations not included).
    pub allocations: usize,
    /// Reallocations made.
    pub reallocations: usize,
}

/// Runs `f` and says what it took of this thread's heap. Meaningful only in a binary
/// whose global allocator is [`Counting`].
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Heap) {
    let before = IN_USE.get();
    let (allocations, reallocations) = (ALLOCATIONS.get(), REALLOCATIONS.get());
    PEAK.set(before);
    let value = f();
    let heap = Heap {
        peak: PEAK.get() - before,
        allocations: ALLOCATIONS.get() - allocations,
        reallocations: REALLOCATIONS.get() - reallocations,
    };
    (value, heap)
}
