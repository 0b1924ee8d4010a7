// SPDX-License-Identifier: GPL-2.0

//! `<sys/sunddi.h>`'s soft-state allocator: `ddi_soft_state_init(9F)`,
//! `ddi_soft_state_zalloc(9F)`, `ddi_get_soft_state(9F)`,
//! `ddi_soft_state_free(9F)` and `ddi_soft_state_fini(9F)`.
//!
//! # Theory
//!
//! ## 1. Vocabulary
//!
//! A driver keeps a *handle* (the opaque `void *` that
//! `ddi_soft_state_init` stores through `state_p`) for each kind of
//! per-instance structure it has. An *item* is a non-negative `int`,
//! usually the instance number; the item's *soft state* is `size` zeroed
//! bytes, which `zalloc` allocates and `free` gives back. An item is
//! *allocated* from its `zalloc` to its `free`. A *slot array* maps item
//! numbers to soft states, one pointer per item (null: not allocated). The
//! handle's *current* array is the one a reader finds; a *growth* replaces
//! it with a longer one; the arrays it replaced are *retired*, and form the
//! handle's *dirty list*.
//!
//! ## 2. Data structures
//!
//! [`SoftState`], the handle: a tag ([`TAG_LIVE`] while the handle is live,
//! its first word), the item size, the caller of `init`, a pointer to the
//! current array, and the lock. [`Slots`], a slot array: one `kvmalloc`
//! block, a header (the length, the dirty-list link) followed by that many
//! atomic pointers. Lengths are powers of two, from [`MIN_SLOTS`]; `init`
//! makes the current array from the hint `n_items` rounded up, but at most
//! [`HINT_MAX`] slots (the hint is a hint: a huge one costs nothing, and
//! if even that array cannot be had, `init` starts from `MIN_SLOTS`).
//! `zalloc` of an item past the current array's end grows it: a new array,
//! the old length doubled until the item fits (but at most [`MAX_SLOTS`],
//! which keeps it within `kvmalloc`'s `INT_MAX` bytes), gets a copy of the
//! old pointers and the new item, and is published as current; the old
//! array goes on the dirty list as it is. Arrays never shrink, and retired
//! arrays are freed by `fini` only.
//!
//! ## 3. Lock-free reads
//!
//! `ddi_get_soft_state` takes no lock and stores nothing: it checks the
//! tag, loads the current array (acquire), compares the item with that
//! array's length and loads the item's slot (acquire). Any CPU may run it
//! at any moment against a growth, a `zalloc` or a `free`, because:
//!
//! - an array, once published, stays allocated and keeps its length until
//!   `fini` (a reader that loaded it just before a growth reads memory that
//!   is still there: that is why retired arrays wait on the dirty list);
//! - whatever a pointer leads to is complete before the pointer is stored
//!   (release): a soft state is zeroed before its slot is set, a new array
//!   is filled before it becomes current; the reader's acquire loads see
//!   the contents with the pointer;
//! - after a growth the writers change the new array only, so a retired
//!   array's slot holds what the item held at the growth. A reader that
//!   loaded that array before the growth and reads the slot after it
//!   returns what the item held at the growth, a moment within its call;
//!   one that reads the slot before the growth returns what the item held
//!   then. Either way `ddi_get_soft_state` returns the item's soft state as
//!   it was at some moment during the call (it is linearisable).
//!
//! As on illumos, nothing stops a reader from getting a soft state that a
//! `free` of the same item, running at the same time, is about to give
//! back: a driver frees an instance's soft state (in `detach`) once nobody
//! else can use the instance.
//!
//! ## 4. Locking
//!
//! One [`SpinLockIrqSave`] per handle (`ddi/lock.rs`) serialises the
//! writers, `zalloc`, `free` and `fini`. It protects the slots of the
//! current array, the choice of the current array (the pointer is atomic
//! for the readers, but stored only under the lock), and [`Inner`]: the
//! dirty list and the count of allocated items. Nothing allocates, frees,
//! sleeps or prints under it: `zalloc` allocates the soft state, and a new
//! array when the item is past the current one's end, before it takes the
//! lock, and decides under it. If a racing `zalloc` took the item first,
//! it fails and frees what it allocated after the unlock; if one grew the
//! array enough meanwhile, it frees its own array unused; if one grew it,
//! but not enough, it allocates again (at most twice in all: its second
//! array is long enough for its item). Under the lock is O(1) work, but
//! for a growth's copy of the old pointers.
//!
//! So `free` and `fini` never sleep and are callable from any context (as
//! the man page says: "from any driver context"); `init` and `zalloc`
//! allocate as `KM_SLEEP` does (`GFP_KERNEL`) and are process context only
//! (`might_sleep()` checks it, even when they would not sleep). `fini`
//! must not run at the same time as another call on its handle (the man
//! page: `_fini`, once every instance has detached); it takes the lock all
//! the same, so that the writers' state is complete when it is freed.
//!
//! ## 5. Memory
//!
//! Soft states are `kvmalloc(size, GFP_KERNEL | __GFP_ZERO)` (`ddi/mem.rs`;
//! vmalloc'd when big), slot arrays are zeroed `kvmalloc` blocks, both
//! freed by `kvfree_atomic()`, which never sleeps; the handle is a
//! `KBox`. Nothing goes through kmem: its statistics and debug modes
//! count a driver's own buffers only. A failed allocation makes `zalloc`
//! return `DDI_FAILURE` (the man page: "failed to allocate the storage
//! required"), reported with the caller, where illumos's `KM_SLEEP` would
//! wait, forever for an array no allocation can give (the man page's
//! WARNINGS: a very large item number); so does an item of [`MAX_SLOTS`]
//! or more, at once.
//!
//! ## 6. Misuse
//!
//! Every call checks the handle's tag before it uses the handle: a NULL
//! handle, an address that is not a handle (`&statep` for `statep`, the
//! common slip) or a finished one is reported, naming the caller, and the
//! call returns its failure result (NULL, `DDI_FAILURE`, nothing).
//! `zalloc`, `free` and `fini` read the tag with a load that cannot fault
//! (`copy_from_kernel_nofault()`, as `kmem_free` reads its header), so that
//! a wild or freed handle is reported rather than followed; `get`, the hot
//! path, reads it with a plain load (a freed handle is then KASAN's to
//! report). Also reported: a negative item (every call), a `free` of an
//! item that is not allocated (a double free; illumos says nothing),
//! `init` through a NULL `state_p`, over a `*state_p` that is not NULL, or
//! with a size of 0 or above `INT_MAX` (`EINVAL`), `fini` through a NULL
//! `state_p` or of a `*state_p` that is NULL (a second `fini`), and `fini`
//! with items still allocated: reported, then freed (illumos frees them
//! silently). A `zalloc` of an allocated item fails without a report: the
//! man page lists it among the failures. Every report counts in
//! [`REPORTS`], which the tests read.
//!
//! ## 7. Worst cases
//!
//! `get`: O(1), a tag check and three dependent loads, no lock, no store.
//! `free`: O(1) under the lock. `zalloc`: O(1) under the lock but for a
//! growth to n slots, which copies the old pointers (fewer than n/2) there,
//! with interrupts off: amortised O(1) an item, at most log2(n/8) growths
//! in a handle's life (growing to 1024 slots from the minimum copies at
//! most 4 KiB); its allocations are outside the lock. `fini`: O(n) plus
//! one free per retired array. Memory: 8 bytes a slot and 16 a slot
//! array, retired arrays included; each array at least doubles the one it
//! replaces, so the retired ones hold fewer slots than the current one in
//! all: under 16 bytes per slot of the current array.

use crate::ddi::lock::{new_spinlock_irqsave, SpinLockIrqSave};
use crate::ddi::{mem, Caller};
use core::ffi::c_void;
use core::fmt;
use core::pin::Pin;
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use kernel::alloc::flags;
use kernel::bindings;
use kernel::ffi::{c_int, c_long, c_ulong};
use kernel::prelude::*;

/// `DDI_SUCCESS` (`<sys/sunddi.h>`).
const DDI_SUCCESS: c_int = 0;
/// `DDI_FAILURE` (`<sys/sunddi.h>`).
const DDI_FAILURE: c_int = -1;
/// `EINVAL`, positive, as Solaris calls return errnos.
const SOL_EINVAL: c_int = bindings::EINVAL as c_int;
/// `ENOMEM`, positive.
const SOL_ENOMEM: c_int = bindings::ENOMEM as c_int;

/// The first word of a live handle ("softstat" in ASCII).
const TAG_LIVE: u64 = 0x736f_6674_7374_6174;
/// The first word of a handle that `fini` has taken apart.
const TAG_DEAD: u64 = 0x6465_6164_7374_6174;

/// The shortest slot array (illumos's too).
const MIN_SLOTS: usize = 8;
/// The longest array `init` makes for its hint: 512 KiB of slots.
const HINT_MAX: usize = 1 << 16;
/// The bytes of a slot array's header.
const HDR: usize = core::mem::size_of::<Slots>();
/// The longest slot array: `kvmalloc` serves at most `INT_MAX` bytes.
/// Items from this number on cannot be allocated (268435453 on 64-bit).
const MAX_SLOTS: usize = (i32::MAX as usize - HDR) / core::mem::size_of::<AtomicPtr<c_void>>();
/// How many item numbers `fini`'s report of live items lists.
const REPORT_ITEMS: usize = 8;

/// Reports of misuse (and of `fini` with live items) since load; for the
/// tests (`ddi_soft_state_reports()`).
static REPORTS: AtomicU64 = AtomicU64::new(0);

/// `pr_warn!`, counted in [`REPORTS`].
macro_rules! report {
    ($($arg:tt)*) => {{
        REPORTS.fetch_add(1, Ordering::Relaxed);
        pr_warn!($($arg)*)
    }};
}

/// A slot array: this header, then `len` `AtomicPtr<c_void>` slots, in one
/// zeroed `kvmalloc` block.
///
/// Only ever reached through raw pointers (the slots lie past the header,
/// in the same block): see [`Slots::alloc`], [`Slots::len`],
/// [`Slots::slot`].
///
/// # Invariants
///
/// `len` is written once, before the array is published, and never
/// changes; the block holds `len` slots after the header. `next` is the
/// dirty-list link, used under the handle's lock only (readers never read
/// it).
#[repr(C)]
struct Slots {
    len: usize,
    next: *mut Slots,
}

impl Slots {
    /// A zeroed array of `len` (at most [`MAX_SLOTS`]) null slots, or null
    /// when memory is short. Sleeps if `gfp` allows it.
    fn alloc(len: usize, gfp: bindings::gfp_t) -> *mut Slots {
        debug_assert!(len <= MAX_SLOTS);
        // At most `INT_MAX` bytes, by `MAX_SLOTS`: no overflow.
        let bytes = HDR + len * core::mem::size_of::<AtomicPtr<c_void>>();
        // `kvmalloc` aligns to 8 bytes at least (a page when vmalloc'd).
        const { assert!(core::mem::align_of::<Slots>() <= 8) };
        let a = mem::kvmalloc(bytes, gfp | bindings::__GFP_ZERO).cast::<Slots>();
        if !a.is_null() {
            // SAFETY: `a` is a fresh, aligned block of `bytes >= HDR` bytes,
            // not yet shared; zeroed, so `next` is null and every slot is a
            // null `AtomicPtr` (all-zero is a valid one).
            unsafe { ptr::addr_of_mut!((*a).len).write(len) };
        }
        a
    }

    /// The array's length.
    ///
    /// # Safety
    ///
    /// `a` is a published array of a handle that `fini` has not freed.
    #[inline(always)]
    unsafe fn len(a: *const Slots) -> usize {
        // SAFETY: `a` is live (the function's contract); `len` was written
        // before `a` was published and never changes (type invariant).
        unsafe { ptr::addr_of!((*a).len).read() }
    }

    /// Slot `i` of `a`.
    ///
    /// # Safety
    ///
    /// `a` is as for [`Slots::len`], `i < Slots::len(a)`, and `a` outlives
    /// the reference (`fini` frees it).
    #[inline(always)]
    unsafe fn slot<'a>(a: *const Slots, i: usize) -> &'a AtomicPtr<c_void> {
        // SAFETY: by the type invariant the block holds `len > i` slots
        // after the header, aligned (`HDR` is 16 bytes, the block 8-byte
        // aligned); the pointer is derived from the block's own.
        unsafe { &*a.cast::<u8>().add(HDR).cast::<AtomicPtr<c_void>>().add(i) }
    }

    /// Frees an array (null is ignored). Never sleeps.
    ///
    /// # Safety
    ///
    /// `a` is null, or came from [`Slots::alloc`] and is reachable by no
    /// one (never published, or its handle being finished).
    unsafe fn free(a: *mut Slots) {
        // SAFETY: by the function's contract, `a` is null or a `kvmalloc`
        // block nobody uses any more.
        unsafe { mem::kvfree(a.cast()) }
    }
}

/// What a handle's lock protects, besides the current array's slots and
/// which array is current.
struct Inner {
    /// Retired arrays, newest first, linked through [`Slots::next`].
    dirty: *mut Slots,
    /// How many arrays are on `dirty`.
    retired: usize,
    /// How many items are allocated.
    live: usize,
}

// SAFETY: the arrays on `dirty` belong to the handle, not to a thread;
// they are reached under the handle's lock, and freed by `fini` only.
unsafe impl Send for Inner {}

/// A soft-state handle (the C `void *state`).
///
/// # Invariants
///
/// - A pointer handed to C is `KBox::into_raw` of a pinned `SoftState`
///   with `tag == TAG_LIVE`, until `fini` takes it back (and sets `tag`
///   to [`TAG_DEAD`] before freeing it).
/// - `current` is a published [`Slots`] array of at least [`MIN_SLOTS`]
///   slots, null only once `fini` has begun; it is stored under `inner`
///   only. Every non-null slot of it is a zeroed `kvmalloc` block of
///   `size` bytes (or was, until the driver wrote to it), owned by the
///   handle; the retired arrays on `inner.dirty` hold no pointer that the
///   current array lacks, but for items freed since.
#[repr(C)]
#[pin_data]
struct SoftState {
    /// [`TAG_LIVE`]; first, so that a handle is recognised by its first
    /// word alone.
    tag: AtomicU64,
    /// The current array; loaded without the lock (acquire), stored under
    /// it (release).
    current: AtomicPtr<Slots>,
    /// Each item's size in bytes (1 to `INT_MAX`).
    size: usize,
    /// Who called `ddi_soft_state_init`.
    creator: Caller,
    /// Serialises the writers; protects the current array's slots, which
    /// array is current, and [`Inner`].
    #[pin]
    inner: SpinLockIrqSave<Inner>,
}

const _: () = assert!(core::mem::offset_of!(SoftState, tag) == 0);

/// Item numbers for a report: "3, 17, 900" (and how many more).
struct Items<'a>(&'a [usize], usize);

impl kernel::fmt::Display for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, i) in self.0.iter().enumerate() {
            write!(f, "{}{}", if k == 0 { "" } else { ", " }, i)?;
        }
        if self.1 > self.0.len() {
            write!(f, " and {} more", self.1 - self.0.len())?;
        }
        Ok(())
    }
}

/// What `zalloc` decided under the lock.
enum Zalloc {
    Done,
    /// The item is allocated already.
    Taken,
    /// No memory for a bigger array, of this many slots.
    NoArray(usize),
}

impl SoftState {
    /// Makes a handle for items of `size` bytes, with room for `n_items`
    /// (a hint). Process context: may sleep.
    fn new(size: usize, n_items: usize, creator: Caller) -> Result<*mut SoftState> {
        let want = n_items.clamp(MIN_SLOTS, HINT_MAX).next_power_of_two();
        let gfp = bindings::GFP_KERNEL | bindings::__GFP_NOWARN;
        let mut slots = Slots::alloc(want, gfp);
        if slots.is_null() && want > MIN_SLOTS {
            // Only a hint: start small, grow on demand.
            slots = Slots::alloc(MIN_SLOTS, gfp);
        }
        if slots.is_null() {
            return Err(ENOMEM);
        }
        let b = KBox::pin_init(
            pin_init!(SoftState {
                tag: AtomicU64::new(TAG_LIVE),
                current: AtomicPtr::new(slots),
                size,
                creator,
                inner <- new_spinlock_irqsave!(Inner {
                    dirty: ptr::null_mut(),
                    retired: 0,
                    live: 0,
                }, c"ddi_soft_state"),
            }),
            flags::GFP_KERNEL,
        );
        match b {
            // SAFETY: the handle is never moved out of its box: C holds it
            // as this pointer, and `fini` rebuilds the pinned box from it.
            Ok(b) => Ok(KBox::into_raw(unsafe { Pin::into_inner_unchecked(b) })),
            Err(e) => {
                // SAFETY: `slots` was never published.
                unsafe { Slots::free(slots) };
                Err(e)
            }
        }
    }

    /// The current array.
    #[inline(always)]
    fn current(&self) -> *mut Slots {
        self.current.load(Ordering::Acquire)
    }

    /// `ddi_get_soft_state` for a checked handle and a non-negative item:
    /// lock-free, any context.
    #[inline(always)]
    fn get(&self, item: usize) -> *mut c_void {
        let a = self.current();
        if a.is_null() {
            return ptr::null_mut(); // being finished
        }
        // SAFETY: `a` was current a moment ago, and arrays live until
        // `fini` (section 3), which the driver does not run concurrently.
        if item >= unsafe { Slots::len(a) } {
            return ptr::null_mut();
        }
        // SAFETY: as above, and `item < len`.
        unsafe { Slots::slot(a, item) }.load(Ordering::Acquire)
    }

    /// `ddi_soft_state_zalloc` for a checked handle and a non-negative item.
    /// Process context: may sleep.
    fn zalloc(&self, item: usize, caller: Caller) -> c_int {
        if item >= MAX_SLOTS {
            report!(
                "ddi_soft_state_zalloc: item {} of soft state {:p} is past the largest array \
                 ({} items), called from {}\n",
                item,
                self,
                MAX_SLOTS,
                caller
            );
            return DDI_FAILURE;
        }
        let gfp = bindings::GFP_KERNEL | bindings::__GFP_NOWARN;
        let soft = mem::kvmalloc(self.size, gfp | bindings::__GFP_ZERO);
        if soft.is_null() {
            pr_warn!(
                "ddi_soft_state_zalloc: no memory for item {} ({} bytes) of soft state {:p}, \
                 called from {}\n",
                item,
                self.size,
                self,
                caller
            );
            return DDI_FAILURE;
        }
        // An array allocated outside the lock, for a growth.
        let mut spare: *mut Slots = ptr::null_mut();
        let verdict = loop {
            let mut g = self.inner.lock();
            let cur = self.current.load(Ordering::Relaxed);
            // SAFETY: `cur` is current (we hold the lock, under which
            // alone it changes) and live (no `fini` runs concurrently).
            let len = unsafe { Slots::len(cur) };
            if item < len {
                // SAFETY: as above, `item < len`.
                let slot = unsafe { Slots::slot(cur, item) };
                if !slot.load(Ordering::Relaxed).is_null() {
                    break Zalloc::Taken;
                }
                // Release: the zeroes before the pointer (section 3).
                slot.store(soft, Ordering::Release);
                g.live += 1;
                break Zalloc::Done;
            }
            // SAFETY: `spare` is ours, unpublished, when non-null.
            if !spare.is_null() && item < unsafe { Slots::len(spare) } {
                for i in 0..len {
                    // SAFETY: `i < len` of `cur`, and `len(spare) > item >=
                    // len`; slots change under the lock only, which we hold.
                    unsafe { Slots::slot(spare, i) }.store(
                        unsafe { Slots::slot(cur, i) }.load(Ordering::Relaxed),
                        Ordering::Relaxed,
                    );
                }
                // SAFETY: `item < len(spare)`.
                unsafe { Slots::slot(spare, item) }.store(soft, Ordering::Relaxed);
                // SAFETY: `next` is used under the lock only (the type
                // invariant of `Slots`), and `cur` stays allocated.
                unsafe { ptr::addr_of_mut!((*cur).next).write(g.dirty) };
                g.dirty = cur;
                g.retired += 1;
                // Release: the copied slots and the zeroed item before the
                // array (section 3).
                self.current.store(spare, Ordering::Release);
                spare = ptr::null_mut();
                g.live += 1;
                break Zalloc::Done;
            }
            drop(g);
            // The item is past the current array: grow it, with an array
            // allocated without the lock, then look again.
            // SAFETY: `spare` is null or ours, unpublished.
            unsafe { Slots::free(spare) };
            let n = grown(len, item);
            spare = Slots::alloc(n, gfp);
            if spare.is_null() {
                break Zalloc::NoArray(n);
            }
        };
        // Unlocked: free what was not used.
        // SAFETY: `spare` is null, or ours and unpublished (a racing
        // growth made it unnecessary).
        unsafe { Slots::free(spare) };
        match verdict {
            Zalloc::Done => DDI_SUCCESS,
            Zalloc::Taken => {
                // SAFETY: `soft` came from `kvmalloc` and was not stored.
                unsafe { mem::kvfree(soft) };
                DDI_FAILURE
            }
            Zalloc::NoArray(n) => {
                // SAFETY: as above.
                unsafe { mem::kvfree(soft) };
                pr_warn!(
                    "ddi_soft_state_zalloc: no memory to grow soft state {:p} to {} items \
                     for item {}, called from {}\n",
                    self,
                    n,
                    item,
                    caller
                );
                DDI_FAILURE
            }
        }
    }

    /// `ddi_soft_state_free` for a checked handle and a non-negative item.
    /// Never sleeps; any context.
    fn free(&self, item: usize, caller: Caller) {
        let mut g = self.inner.lock();
        let cur = self.current.load(Ordering::Relaxed);
        // SAFETY: `cur` is current and live, as in `zalloc`.
        let len = unsafe { Slots::len(cur) };
        let soft = if item < len {
            // SAFETY: `item < len`.
            unsafe { Slots::slot(cur, item) }.swap(ptr::null_mut(), Ordering::Relaxed)
        } else {
            ptr::null_mut()
        };
        if !soft.is_null() {
            g.live -= 1;
        }
        drop(g);
        if soft.is_null() {
            report!(
                "ddi_soft_state_free: item {} of soft state {:p} (created by {}) is not allocated \
                 (a double free, or never allocated), called from {}\n",
                item,
                self,
                self.creator,
                caller
            );
            return;
        }
        // SAFETY: `soft` came from `kvmalloc` (the type invariant) and was
        // in the current array, which no longer has it: it is ours.
        unsafe { mem::kvfree(soft) };
    }

    /// The current array's length, the retired arrays and the allocated
    /// items, for the tests.
    #[cfg_attr(not(CONFIG_KUNIT), expect(dead_code))]
    fn shape(&self) -> (usize, usize, usize) {
        let g = self.inner.lock();
        // SAFETY: `current` is live (not being finished).
        let len = unsafe { Slots::len(self.current.load(Ordering::Relaxed)) };
        (len, g.retired, g.live)
    }
}

/// The length of the array that holds `item`, grown from one of `len`:
/// doubled until it fits, at most [`MAX_SLOTS`]. `item < MAX_SLOTS`.
fn grown(len: usize, item: usize) -> usize {
    let mut n = len.max(MIN_SLOTS);
    while n <= item {
        n = n.saturating_mul(2);
    }
    n.min(MAX_SLOTS)
}

/// The handle at `state`, if `state` is one; otherwise the misuse is
/// reported, for the call `what`, and `None` returned. Reads the tag with
/// a load that cannot fault, so `state` may be any address.
///
/// # Safety
///
/// If the first word at `state` is [`TAG_LIVE`], `state` is a live handle
/// that no `fini` is taking apart, and stays so while the result is used.
unsafe fn checked<'a>(state: *const c_void, what: &str, caller: Caller) -> Option<&'a SoftState> {
    if state.is_null() {
        report!("{}: NULL soft state, called from {}\n", what, caller);
        return None;
    }
    let mut tag = 0u64;
    // SAFETY: `tag` is valid for writes of 8 bytes; the source is read
    // only if it is readable kernel memory (no fault, no KASAN check).
    let read = state.cast::<AtomicU64>().is_aligned()
        && unsafe { bindings::copy_from_kernel_nofault(ptr::addr_of_mut!(tag).cast(), state, 8) }
            == 0;
    if !read || tag != TAG_LIVE {
        let why = if tag == TAG_DEAD {
            "finished by ddi_soft_state_fini"
        } else {
            "not from ddi_soft_state_init, or finished since; &statep for statep?"
        };
        report!(
            "{}: {:p} is not a soft-state handle ({}), called from {}\n",
            what,
            state,
            why,
            caller
        );
        return None;
    }
    // SAFETY: the tag says `state` is a live handle (the function's
    // contract), which is a `SoftState` (its type invariant).
    Some(unsafe { &*state.cast::<SoftState>() })
}

/// Reports a `ddi_get_soft_state` call that cannot be answered.
#[cold]
#[inline(never)]
fn get_misuse(state: *const c_void, item: c_int, caller: Caller) -> *mut c_void {
    if state.is_null() {
        report!(
            "ddi_get_soft_state: NULL soft state (item {}), called from {}\n",
            item,
            caller
        );
    } else if item < 0 {
        report!(
            "ddi_get_soft_state: negative item {} of soft state {:p}, called from {}\n",
            item,
            state,
            caller
        );
    } else {
        report!(
            "ddi_get_soft_state: {:p} is not a soft-state handle (item {}; &statep for \
             statep?), called from {}\n",
            state,
            item,
            caller
        );
    }
    ptr::null_mut()
}

/// Reports a negative item given to `what`.
#[cold]
#[inline(never)]
fn negative(what: &str, ss: &SoftState, item: c_int, caller: Caller) {
    report!(
        "{}: negative item {} of soft state {:p}, called from {}\n",
        what,
        item,
        ss,
        caller
    );
}

/// `int ddi_soft_state_init(void **state_p, size_t size, size_t n_items)`:
/// a handle for items of `size` bytes, stored in `*state_p`; `n_items` is
/// a hint. Returns 0, `EINVAL` (NULL `state_p`, `*state_p` not NULL, `size`
/// 0 or above `INT_MAX`; reported) or `ENOMEM`. May sleep (process
/// context).
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `state_p` is null or valid for reads and writes of a pointer.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_softstate_init(
    state_p: *mut *mut c_void,
    size: usize,
    n_items: usize,
    caller: c_ulong,
) -> c_int {
    let caller = Caller(caller);
    crate::ddi::might_sleep();
    if state_p.is_null() {
        report!(
            "ddi_soft_state_init: NULL state_p, called from {}\n",
            caller
        );
        return SOL_EINVAL;
    }
    // SAFETY: `state_p` is valid for reads (the function's contract).
    let old = unsafe { state_p.read() };
    if !old.is_null() {
        report!(
            "ddi_soft_state_init: *state_p ({:p}) is {:p}, not NULL (initialised twice?), \
             called from {}\n",
            state_p,
            old,
            caller
        );
        return SOL_EINVAL;
    }
    if size == 0 || size > i32::MAX as usize {
        report!(
            "ddi_soft_state_init: bad item size {}, called from {}\n",
            size,
            caller
        );
        return SOL_EINVAL;
    }
    match SoftState::new(size, n_items, caller) {
        Ok(ss) => {
            // SAFETY: `state_p` is valid for writes (the function's
            // contract).
            unsafe { state_p.write(ss.cast()) };
            0
        }
        Err(_) => {
            pr_warn!(
                "ddi_soft_state_init: no memory for a soft state, called from {}\n",
                caller
            );
            SOL_ENOMEM
        }
    }
}

/// `int ddi_soft_state_zalloc(void *state, int item)`: allocates item
/// `item`'s soft state, zeroed. `DDI_SUCCESS`, or `DDI_FAILURE` for a bad
/// handle or a negative item (reported), an allocated item, or no memory.
/// May sleep (process context).
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `state` is any address; if its first word is [`TAG_LIVE`], it is a
/// live handle on which no `fini` runs concurrently.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_softstate_zalloc(
    state: *mut c_void,
    item: c_int,
    caller: c_ulong,
) -> c_int {
    let caller = Caller(caller);
    crate::ddi::might_sleep();
    const WHAT: &str = "ddi_soft_state_zalloc";
    // SAFETY: the function's contract is `checked`'s.
    let Some(ss) = (unsafe { checked(state, WHAT, caller) }) else {
        return DDI_FAILURE;
    };
    match usize::try_from(item) {
        Ok(i) => ss.zalloc(i, caller),
        Err(_) => {
            negative(WHAT, ss, item, caller);
            DDI_FAILURE
        }
    }
}

/// `void *ddi_get_soft_state(void *state, int item)`: item `item`'s soft
/// state, or NULL if it is not allocated; NULL too for a NULL or bad
/// handle or a negative item (reported). Lock-free; never sleeps; any
/// context.
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `state` is null, unaligned, a live handle, or an address readable for
/// 8 bytes (then found not to be a handle: `&statep`, say); a live handle
/// is not being finished.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_softstate_get(
    state: *const c_void,
    item: c_int,
    caller: c_ulong,
) -> *mut c_void {
    let tag = state.cast::<AtomicU64>();
    if tag.is_null() || !tag.is_aligned() || item < 0 {
        return get_misuse(state, item, Caller(caller));
    }
    // SAFETY: `state` is aligned and readable for 8 bytes (the function's
    // contract); a live handle's first word is its atomic tag.
    if unsafe { &*tag }.load(Ordering::Relaxed) != TAG_LIVE {
        return get_misuse(state, item, Caller(caller));
    }
    // SAFETY: the tag says it is a live handle (the contract), which is a
    // `SoftState` (its type invariant).
    let ss = unsafe { &*state.cast::<SoftState>() };
    ss.get(item as usize)
}

/// `void ddi_soft_state_free(void *state, int item)`: frees item `item`'s
/// soft state. A bad handle, a negative item or an item not allocated is
/// reported. Never sleeps; any context.
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// As for [`ddi_softstate_zalloc`].
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_softstate_free(
    state: *mut c_void,
    item: c_int,
    caller: c_ulong,
) {
    let caller = Caller(caller);
    const WHAT: &str = "ddi_soft_state_free";
    // SAFETY: the function's contract is `checked`'s.
    let Some(ss) = (unsafe { checked(state, WHAT, caller) }) else {
        return;
    };
    match usize::try_from(item) {
        Ok(i) => ss.free(i, caller),
        Err(_) => negative(WHAT, ss, item, caller),
    }
}

/// `void ddi_soft_state_fini(void **state_p)`: frees the handle in
/// `*state_p`, its arrays and every item still allocated (reported), and
/// sets `*state_p` to NULL. A NULL `state_p`, a NULL `*state_p` (a second
/// `fini`) or a bad handle is reported. Never sleeps; any context.
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `state_p` is null or valid for reads and writes of a pointer; what it
/// holds is as the `state` of [`ddi_softstate_zalloc`], and a live handle
/// there is used by no other call while this one runs, nor after.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_softstate_fini(state_p: *mut *mut c_void, caller: c_ulong) {
    let caller = Caller(caller);
    const WHAT: &str = "ddi_soft_state_fini";
    if state_p.is_null() {
        report!("{}: NULL state_p, called from {}\n", WHAT, caller);
        return;
    }
    // SAFETY: `state_p` is valid for reads (the function's contract).
    let state = unsafe { state_p.read() };
    if state.is_null() {
        report!(
            "{}: no soft state in *state_p ({:p}): never initialised, or finished already; \
             called from {}\n",
            WHAT,
            state_p,
            caller
        );
        return;
    }
    // SAFETY: the function's contract includes `checked`'s.
    let Some(ss) = (unsafe { checked(state, WHAT, caller) }) else {
        return;
    };
    let (cur, mut dirty) = {
        let mut g = ss.inner.lock();
        ss.tag.store(TAG_DEAD, Ordering::Relaxed);
        let dirty = g.dirty;
        g.dirty = ptr::null_mut();
        (ss.current.swap(ptr::null_mut(), Ordering::Relaxed), dirty)
    };
    // Nobody else uses the handle (the contract): its arrays and items are
    // ours.
    let mut first = [0usize; REPORT_ITEMS];
    let mut live = 0;
    // SAFETY: `cur` was the current array, so it is live, and ours now.
    for i in 0..unsafe { Slots::len(cur) } {
        // SAFETY: `i < len`.
        let soft = unsafe { Slots::slot(cur, i) }.load(Ordering::Relaxed);
        if !soft.is_null() {
            if let Some(f) = first.get_mut(live) {
                *f = i;
            }
            live += 1;
            // SAFETY: a non-null slot of the current array is the item's
            // `kvmalloc` block (type invariant of `SoftState`), ours now.
            unsafe { mem::kvfree(soft) };
        }
    }
    // SAFETY: ours, and reachable by no one.
    unsafe { Slots::free(cur) };
    while !dirty.is_null() {
        // SAFETY: a retired array, live until this loop frees it.
        let next = unsafe { ptr::addr_of!((*dirty).next).read() };
        // SAFETY: ours, and reachable by no one (its pointers are stale or
        // in the current array, freed above: not freed again).
        unsafe { Slots::free(dirty) };
        dirty = next;
    }
    if live != 0 {
        report!(
            "{}: soft state {:p} (item size {}, created by {}) finished by {} with {} item(s) \
             still allocated (items {}); freed them\n",
            WHAT,
            ss,
            ss.size,
            ss.creator,
            caller,
            live,
            Items(&first[..live.min(REPORT_ITEMS)], live)
        );
    }
    // SAFETY: `state_p` is valid for writes (the function's contract).
    unsafe { state_p.write(ptr::null_mut()) };
    // SAFETY: `state` is `KBox::into_raw` of the pinned handle (the type
    // invariant), not used again by anyone (the contract); the pinned
    // value is dropped in place.
    drop(unsafe { Pin::new_unchecked(KBox::from_raw(state.cast::<SoftState>())) });
}

/// Reports of soft-state misuse since load (`DDI_COMPAT_INTERNAL`, for the
/// tests).
#[no_mangle]
pub(crate) extern "C" fn ddi_soft_state_reports() -> c_long {
    REPORTS.load(Ordering::Relaxed) as c_long
}

#[kunit_tests(ddi_compat_softstate)]
mod tests {
    //! Through the exported C entries (`exports.c`), as drivers call them.
    use super::*;
    use kernel::str::CString;

    extern "C" {
        fn ddi_soft_state_init(state_p: *mut *mut c_void, size: usize, n_items: usize) -> c_int;
        fn ddi_soft_state_zalloc(state: *mut c_void, item: c_int) -> c_int;
        fn ddi_get_soft_state(state: *mut c_void, item: c_int) -> *mut c_void;
        fn ddi_soft_state_free(state: *mut c_void, item: c_int);
        fn ddi_soft_state_fini(state_p: *mut *mut c_void);
    }

    /// A driver's state pointer, with its handle.
    struct St(*mut c_void);

    impl St {
        fn new(size: usize, n_items: usize) -> St {
            let mut p = ptr::null_mut();
            // SAFETY: `p` is a valid pointer cell.
            assert_eq!(unsafe { ddi_soft_state_init(&mut p, size, n_items) }, 0);
            assert!(!p.is_null());
            St(p)
        }
        fn zalloc(&self, item: c_int) -> c_int {
            // SAFETY: a live handle, or anything: the entry checks.
            unsafe { ddi_soft_state_zalloc(self.0, item) }
        }
        fn get(&self, item: c_int) -> *mut c_void {
            // SAFETY: a live handle, or an aligned readable word.
            unsafe { ddi_get_soft_state(self.0, item) }
        }
        fn free(&self, item: c_int) {
            // SAFETY: as for `zalloc`.
            unsafe { ddi_soft_state_free(self.0, item) }
        }
        fn ss(&self) -> &SoftState {
            // SAFETY: a live handle (until `drop`).
            unsafe { &*self.0.cast::<SoftState>() }
        }
    }

    impl Drop for St {
        fn drop(&mut self) {
            // SAFETY: our cell, holding a live handle or NULL.
            unsafe { ddi_soft_state_fini(&mut self.0) };
            assert!(self.0.is_null());
        }
    }

    fn reports() -> c_long {
        ddi_soft_state_reports()
    }

    /// The hint is rounded up to a power of two, at least 8 and at most
    /// `HINT_MAX`; no item is allocated.
    #[test]
    fn hint_sizes_the_first_array() {
        for (hint, len) in [
            (0usize, 8usize),
            (1, 8),
            (8, 8),
            (9, 16),
            (1000, 1024),
            (usize::MAX, HINT_MAX),
        ] {
            let s = St::new(24, hint);
            assert_eq!(s.ss().shape(), (len, 0, 0));
        }
    }

    /// Growth: one jump to the first power of two past the item, the old
    /// array retired; items keep their soft state across growths.
    #[test]
    fn grows_in_powers_of_two_and_keeps_items() {
        let s = St::new(16, 1);
        assert_eq!(s.zalloc(0), DDI_SUCCESS);
        let p0 = s.get(0);
        assert_eq!(s.zalloc(8), DDI_SUCCESS);
        assert_eq!(s.ss().shape(), (16, 1, 2));
        assert_eq!(s.zalloc(1000), DDI_SUCCESS);
        assert_eq!(s.ss().shape(), (1024, 2, 3));
        assert_eq!(s.get(0), p0);
        assert!(!s.get(8).is_null() && !s.get(1000).is_null());
        assert!(s.get(999).is_null() && s.get(1001).is_null() && s.get(1 << 20).is_null());
        assert_eq!(grown(8, 8), 16);
        assert_eq!(grown(1024, 1024), 2048);
        assert_eq!(grown(8, MAX_SLOTS - 1), MAX_SLOTS);
    }

    /// A reader that loaded the array before a growth still reads it after
    /// (what a preempted `ddi_get_soft_state` does): the retired array is
    /// not freed before `fini`, and keeps the items it had (KASAN watches
    /// the reads).
    #[test]
    fn a_retired_array_stays_readable() {
        let s = St::new(8, 0);
        assert_eq!(s.zalloc(3), DDI_SUCCESS);
        let p3 = s.get(3);
        let old = s.ss().current();
        for item in [100, 5000, 70000] {
            assert_eq!(s.zalloc(item), DDI_SUCCESS);
        }
        assert_eq!(s.ss().shape().1, 3);
        // SAFETY: `old` is retired, live until `fini`; slot 3 < 8.
        assert_eq!(unsafe { Slots::len(old) }, 8);
        // SAFETY: as above.
        assert_eq!(unsafe { Slots::slot(old, 3) }.load(Ordering::Acquire), p3);
        assert_eq!(s.get(3), p3);
    }

    /// Items past `MAX_SLOTS` fail at once, reported, without allocating
    /// an array that no `kvmalloc` can give.
    #[test]
    fn items_past_the_largest_array_fail() {
        let s = St::new(8, 0);
        let r = reports();
        assert_eq!(s.zalloc(c_int::MAX), DDI_FAILURE);
        assert_eq!(s.zalloc(MAX_SLOTS as c_int), DDI_FAILURE);
        assert_eq!(reports(), r + 2);
        assert_eq!(s.ss().shape(), (8, 0, 0));
        assert!(s.get(c_int::MAX).is_null());
    }

    /// Soft states are zeroed, big ones (vmalloc'd) included, and again
    /// after a free and a new zalloc.
    #[test]
    fn soft_states_are_zeroed() {
        for size in [1usize, 100, 4096, 1 << 20] {
            let s = St::new(size, 0);
            for _ in 0..2 {
                assert_eq!(s.zalloc(1), DDI_SUCCESS);
                let p = s.get(1).cast::<u8>();
                // SAFETY: the soft state is `size` bytes, ours.
                let b = unsafe { core::slice::from_raw_parts_mut(p, size) };
                assert!(b.iter().all(|&x| x == 0));
                b.fill(0xa5);
                s.free(1);
            }
        }
    }

    /// Misuse is reported and refused: a bad size, init over a handle,
    /// `&statep` for `statep`, negative items, double free, fini twice.
    #[test]
    fn misuse_is_reported() {
        let mut p = ptr::null_mut();
        let r = reports();
        // SAFETY: a valid cell (or NULL, checked).
        unsafe {
            assert_eq!(ddi_soft_state_init(&mut p, 0, 1), SOL_EINVAL);
            assert_eq!(ddi_soft_state_init(&mut p, 1 << 31, 1), SOL_EINVAL);
            assert_eq!(ddi_soft_state_init(ptr::null_mut(), 8, 1), SOL_EINVAL);
        }
        assert!(p.is_null());
        let mut s = St::new(8, 0);
        // SAFETY: a valid cell holding a handle: refused.
        assert_eq!(unsafe { ddi_soft_state_init(&mut s.0, 8, 1) }, SOL_EINVAL);
        let cell = ptr::addr_of_mut!(s.0).cast::<c_void>();
        let wrong = St(cell); // `&statep` for `statep`
        assert_eq!(wrong.zalloc(0), DDI_FAILURE);
        assert!(wrong.get(0).is_null());
        wrong.free(0);
        core::mem::forget(wrong);
        assert_eq!(s.zalloc(-1), DDI_FAILURE);
        assert!(s.get(-1).is_null());
        s.free(-1);
        s.free(2); // never allocated
        assert_eq!(s.zalloc(2), DDI_SUCCESS);
        s.free(2);
        s.free(2); // double free
        assert_eq!(reports(), r + 12);
        let nul = St(ptr::null_mut());
        assert!(nul.get(0).is_null());
        assert_eq!(nul.zalloc(0), DDI_FAILURE);
        nul.free(0);
        drop(nul); // fini of a NULL handle
        assert_eq!(reports(), r + 16);
        // SAFETY: `s.0` is live; fini, then fini again (NULL now).
        unsafe {
            ddi_soft_state_fini(&mut s.0);
            ddi_soft_state_fini(&mut s.0);
            ddi_soft_state_fini(ptr::null_mut());
        }
        assert_eq!(reports(), r + 18);
        assert!(s.0.is_null());
        core::mem::forget(s);
    }

    /// fini frees the items still allocated, and says so.
    #[test]
    fn fini_frees_live_items() {
        let r = reports();
        let s = St::new(64, 0);
        for item in [0, 5, 900] {
            assert_eq!(s.zalloc(item), DDI_SUCCESS);
        }
        s.free(5);
        assert_eq!(s.ss().shape(), (1024, 1, 2));
        drop(s);
        assert_eq!(reports(), r + 1);
        let quiet = St::new(64, 0);
        assert_eq!(quiet.zalloc(1), DDI_SUCCESS);
        quiet.free(1);
        drop(quiet);
        assert_eq!(reports(), r + 1);
    }

    /// fini's report lists the first items and counts the others.
    #[test]
    fn items_format_for_reports() -> Result {
        let s = CString::try_from_fmt(fmt!("{}", Items(&[1, 2, 3], 5)))?;
        assert_eq!(s.to_bytes(), b"1, 2, 3 and 2 more");
        let s = CString::try_from_fmt(fmt!("{}", Items(&[7], 1)))?;
        assert_eq!(s.to_bytes(), b"7");
        Ok(())
    }
}
