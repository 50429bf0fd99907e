//! The process's memory allocator: the C library's for short commands, mimalloc from the moment a
//! command says it will make and drop many small values (a batch, a wait on many, a server).
//!
//! Why two: mimalloc cuts the CPU a batch's create costs the client by a tenth to a fifth, and
//! the sandbox's too (on a shared machine, time the other side gets). But it gives each size of
//! block its own 64 KiB page, so a command that allocates a little of everything, `--help` above
//! all, touches about fifty more pages of memory than with the C library's allocator: about
//! 0.2 ms, a tenth of the whole run. Which allocator serves a block is decided when it is allocated;
//! a block is always freed by the one that made it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

// Exported by the mimalloc that libmimalloc-sys builds, which binds them only with its `arena`
// feature (and a type that then changes with the version).
unsafe extern "C" {
    fn mi_reserve_os_memory_ex(size: usize, commit: bool, allow_large: bool, exclusive: bool, id: *mut c_int) -> c_int;
    fn mi_arena_area(id: c_int, size: *mut usize) -> *mut c_void;
}

/// The arena reserved at the switch: what mimalloc's own reservation would be (1 GiB of address
/// space; pages are taken as they are touched).
const ARENA: usize = 1 << 30;

/// mimalloc's `mi_option_destroy_on_exit` (v2), which libmimalloc-sys names no constant for.
const MI_OPTION_DESTROY_ON_EXIT: libmimalloc_sys::mi_option_t = 22;

#[global_allocator]
static GLOBAL: Allocator = Allocator::new();

/// From now on, new blocks come from mimalloc. For a command that runs long and allocates per
/// request; blocks made before keep their allocator. Never undone, so once a block is mimalloc's,
/// every later free on any thread sees the switch (it happened before the block existed).
pub(crate) fn favor_throughput() {
    GLOBAL.favor_throughput();
}

pub(crate) struct Allocator {
    mimalloc: AtomicBool,
    /// The first arena's addresses, `start..end`: most frees fall in it, and comparing two
    /// numbers is a fifth of asking mimalloc (about 4% of a batch's instructions).
    arena_start: AtomicUsize,
    arena_end: AtomicUsize,
}

impl Allocator {
    const fn new() -> Self {
        // An empty range (start above end) until the switch fills it.
        Allocator {
            mimalloc: AtomicBool::new(false),
            arena_start: AtomicUsize::new(usize::MAX),
            arena_end: AtomicUsize::new(0),
        }
    }

    fn favor_throughput(&self) {
        if self.mimalloc.load(Ordering::Acquire) {
            return;
        }
        // mimalloc then takes memory only from its arenas, which it reserves itself and never
        // gives back (nor at exit: destroying them would hand their addresses to the C library
        // while a late free could still claim them): "in an arena" is then exactly
        // "mimalloc's". Left to itself it would map a block too large or too aligned for an
        // arena straight from the OS, possibly above the addresses its map covers, and `owns`
        // would not know it (a 1 GiB buffer, freed by the C library). What no arena can hold,
        // mimalloc refuses, and the C library serves.
        // SAFETY: plain calls into mimalloc, before it serves any block; the Release store
        // below publishes them (and the range) to every thread that sees the switch. `id` and
        // `size` outlive the calls.
        unsafe {
            libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_limit_os_alloc, 1);
            libmimalloc_sys::mi_option_set(MI_OPTION_DESTROY_ON_EXIT, 0);
            // The reservation draws on this thread's mimalloc state, which only an allocation
            // would have set up so far.
            libmimalloc_sys::mi_thread_init();
            // The arena mimalloc would reserve at its first block, reserved now to know where it
            // is. Without it (a low `ulimit -v`), mimalloc could serve nothing: no switch.
            let mut id: c_int = 0;
            if mi_reserve_os_memory_ex(ARENA, true, false, false, &mut id) != 0 {
                return;
            }
            let mut size = 0usize;
            let start = mi_arena_area(id, &mut size) as usize;
            if start != 0 && size > 0 {
                self.arena_start.store(start, Ordering::Relaxed);
                self.arena_end.store(start + size, Ordering::Relaxed);
            }
        }
        self.mimalloc.store(true, Ordering::Release);
    }

    /// Whether mimalloc made this block. Until the switch it has made none, so short commands
    /// never ask it.
    fn owns(&self, ptr: *mut u8) -> bool {
        if !self.mimalloc.load(Ordering::Acquire) {
            return false;
        }
        let at = ptr as usize;
        // Arenas are never given back, so an address in one is mimalloc's for good. The range
        // was stored before the Release of the switch this thread has acquired.
        if self.arena_start.load(Ordering::Relaxed) <= at && at < self.arena_end.load(Ordering::Relaxed) {
            return true;
        }
        // SAFETY: the lookup only compares the address with mimalloc's arenas and map; it never
        // reads through the pointer unless it is in memory mimalloc reserved.
        unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast::<c_void>().cast_const()) }
    }

    /// A block from mimalloc, or from the C library when mimalloc refuses it (see above).
    unsafe fn alloc_with(&self, layout: Layout, zeroed: bool) -> *mut u8 {
        if self.mimalloc.load(Ordering::Acquire) {
            let p = unsafe {
                if zeroed { mimalloc::MiMalloc.alloc_zeroed(layout) } else { mimalloc::MiMalloc.alloc(layout) }
            };
            if !p.is_null() {
                return p;
            }
        }
        unsafe { if zeroed { System.alloc_zeroed(layout) } else { System.alloc(layout) } }
    }
}

// SAFETY: every block is served by exactly one of two allocators that each uphold
// `GlobalAlloc`'s contract, and is freed or resized by the same one (`owns`).
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.alloc_with(layout, false) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { self.alloc_with(layout, true) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.owns(ptr) {
            unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !self.owns(ptr) {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        let grown = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if !grown.is_null() {
            return grown;
        }
        // Too large for an arena: the block moves to the C library. The old one is untouched
        // by the failed attempt.
        // SAFETY: `new_size` with the old alignment is a valid layout (realloc's contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let moved = unsafe { System.alloc(new_layout) };
        if !moved.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                mimalloc::MiMalloc.dealloc(ptr, layout);
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks made before the switch stay the C library's and are freed and grown by it; blocks
    /// made after are mimalloc's. A block freed by the wrong allocator would abort the tests.
    #[test]
    fn each_block_is_freed_by_the_allocator_that_made_it() {
        let a = Allocator::new();
        let small = Layout::from_size_align(24, 8).unwrap();
        let aligned = Layout::from_size_align(100, 64).unwrap();
        unsafe {
            let before = a.alloc(small);
            let before_aligned = a.alloc_zeroed(aligned);
            assert!(!before.is_null() && !before_aligned.is_null());
            assert!(!libmimalloc_sys::mi_is_in_heap_region(before.cast::<c_void>()));
            before.write_bytes(7, 24);
            a.favor_throughput();
            let (start, end) = (a.arena_start.load(Ordering::Relaxed), a.arena_end.load(Ordering::Relaxed));
            assert!(end - start >= ARENA, "the switch reserved an arena and knows where: {start:#x}..{end:#x}");
            assert!(!(start..end).contains(&(before as usize)));
            assert!(!a.owns(before), "a block made before the switch is the C library's");
            let after = a.alloc(small);
            let after_aligned = a.alloc_zeroed(aligned);
            assert!(a.owns(after) && a.owns(after_aligned), "blocks made after the switch are mimalloc's");
            assert_eq!(after_aligned as usize % 64, 0);
            assert!((0..100).all(|i| *after_aligned.add(i) == 0));
            let grown = a.realloc(before, small, 4096);
            assert!(!a.owns(grown), "growing an old block keeps it where it was");
            assert!((0..24).all(|i| *grown.add(i) == 7));
            let grown_after = a.realloc(after, small, 4096);
            assert!(a.owns(grown_after));
            a.dealloc(grown, Layout::from_size_align(4096, 8).unwrap());
            a.dealloc(before_aligned, aligned);
            a.dealloc(grown_after, Layout::from_size_align(4096, 8).unwrap());
            a.dealloc(after_aligned, aligned);
        }
    }

    /// What no arena holds (over 1 GiB, or aligned beyond a segment) comes from the C library
    /// after the switch too, and is freed by it; a mimalloc block grown that far moves there.
    /// Only address space is taken: no page of these blocks is touched but the first.
    #[test]
    fn blocks_too_large_for_an_arena_are_the_c_librarys() {
        let a = Allocator::new();
        a.favor_throughput();
        let huge = Layout::from_size_align(1100 << 20, 8).unwrap();
        let far_aligned = Layout::from_size_align(4096, 64 << 20).unwrap();
        unsafe {
            let big = a.alloc(huge);
            assert!(!big.is_null() && !a.owns(big), "over an arena's size: the C library's");
            big.write(1);
            a.dealloc(big, huge);
            let aligned = a.alloc(far_aligned);
            assert!(!aligned.is_null() && !a.owns(aligned));
            assert_eq!(aligned as usize % (64 << 20), 0);
            a.dealloc(aligned, far_aligned);
            let small = Layout::from_size_align(64, 8).unwrap();
            let p = a.alloc(small);
            assert!(a.owns(p));
            p.write_bytes(5, 64);
            let moved = a.realloc(p, small, 1100 << 20);
            assert!(!moved.is_null() && !a.owns(moved), "grown past an arena: moved");
            assert!((0..64).all(|i| *moved.add(i) == 5), "the contents came along");
            a.dealloc(moved, Layout::from_size_align(1100 << 20, 8).unwrap());
        }
    }
}
