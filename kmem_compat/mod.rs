// SPDX-License-Identifier: GPL-2.0

//! `<sys/kmem.h>`: `kmem_alloc(9F)`, `kmem_zalloc(9F)`, `kmem_free(9F)` on
//! Linux's slab allocator, with every free checked against the exact size;
//! and `kmem_cache_create(9F)` and its family (`cache.rs`, with its own
//! theory statement).
//!
//! # Theory
//!
//! - **Small buffers** (user size plus redzone at most [`MAX_SMALL`],
//!   8 KiB): one slab cache per size class ([`CLASSES`], kmalloc's classes),
//!   whose objects are [`HDR`] (16) bytes larger than the class. The header
//!   in front of the buffer holds the allocating caller, the exact size and
//!   a keyed tag (see `layout.rs`). `kmem_free` reads the header with a
//!   load that cannot fault (`copy_from_kernel_nofault()`: no oops on a
//!   wild pointer, no KASAN report on a freed one) and frees only when the tag matches the size
//!   it was given: a wrong size, a double free, a foreign or interior
//!   pointer is reported (freeing caller, allocating caller, both sizes)
//!   and counted, and the buffer stays allocated. No lock, no table.
//! - **Per-CPU caching** is SLUB's: every cache has per-CPU sheaves of
//!   free objects (Linux 7.x), so a free followed by an allocation of the
//!   same class on one CPU touches no slab page, and KASAN, memory
//!   pressure and CPU hot-unplug are handled where the objects are.
//! - **The fast path** (a small buffer, no debug mode, good flags) is one
//!   Rust function per call: the exported C entry (`exports.c`) passes its
//!   caller's address (`_RET_IP_`) on in a tail call; the class and the
//!   GFP flags come from tables. What it adds to the slab's own cost: a
//!   header write, the no-fault header read (`copy_from_kernel_nofault()`),
//!   the tag hash twice, a compare-and-swap (so that of two racing frees
//!   only one frees) and two per-CPU counter updates; the kernel's macros
//!   among these calls go through small C functions in `exports.c`.
//! - **Big buffers**: `kvmalloc` of the exact size (naturally aligned, no
//!   header, so a 64 KiB request costs what kmalloc's does), recorded in a
//!   side table (a red-black tree keyed by address, under an irq-safe
//!   spinlock). Freed records keep their nodes as spares (up to [`SPARE`])
//!   for the next insertions, so a big buffer usually costs one lock round
//!   trip at each end and no allocation for its record. A freed big
//!   buffer goes back to the kernel at once (`ddi/mem.rs`:
//!   `kvfree_atomic()`, so that `kmem_free` never sleeps): nothing freed is
//!   kept where KASAN could not see a use after free.
//! - **Audit mode** records small buffers in the same table, so that the
//!   leak report lists every live buffer with its caller.
//! - **Flags** (`flags.rs`): `KM_SLEEP` retries a failed slab or
//!   `kvmalloc` allocation once with `__GFP_NOFAIL` and so never returns
//!   NULL (but above `INT_MAX` bytes); `KM_NOSLEEP` takes
//!   `GFP_NOWAIT` (`GFP_ATOMIC` with `KM_PUSHPAGE`, and `KM_PUSHPAGE` alone
//!   `GFP_NOIO`). `KM_PANIC` turns a failure into a panic, as on illumos.
//!   Unknown bits are masked off, counted, and reported once per call site;
//!   the call goes on with the known ones, so even then `KM_SLEEP` keeps
//!   its promise. A call with unknown bits takes the slow path.
//! - **Statistics**: allocations, frees and bytes in use are per-CPU
//!   counters, summed when read; the peak of bytes in use is sampled every
//!   64th allocation on each CPU and at every read. The rare counters
//!   (failures, misuse) are relaxed atomics. They and the debugfs file
//!   are in `stats.rs`; the KUnit suite is `tests.rs`.
//!
//! Memory: small buffers cost their class plus 16 bytes (a 4096-byte
//! request takes a 4112-byte object, not kmalloc's 8192), plus the 8-byte
//! free pointer SLUB keeps beside each object of a cache with a
//! constructor; alignment is 16 bytes (Solaris promises 8), so
//! power-of-two sizes are *not* naturally aligned below 8 KiB; big buffers
//! are page-aligned.
//!
//! Debug modes (the `kmem_flags` parameter, illumos's `KMF_*` bits; per
//! buffer, recorded in its tag): `KMF_REDZONE` 0x4 (8 bytes after the
//! buffer, checked at free: +8 bytes and a compare), `KMF_DEADBEEF` 0x2
//! (0xbaddcafe fill at alloc, 0xdeadbeef at free: a doubling `memcpy`
//! each), `KMF_AUDIT` 0x1 (a side-table record per buffer: a locked
//! O(log n) insert and remove, and an allocation when no spare node is
//! left). `KMF_CONTENTS` 0x8 and `KMF_NOMAGAZINE` 0x20 are accepted and
//! change nothing (no transaction log, no freed buffer kept, no magazine
//! layer above SLUB's sheaves); other bits are reported at load and
//! ignored. Any mode moves a buffer off the fast path into
//! `alloc_slow`/`free_slow`. `make bench` prints what each costs (`debug:`
//! lines).
//!
//! Locking: the side table's spinlock and the cache registry's
//! (`cache.rs`), never nested; nothing allocates, frees or prints under
//! either. `kmem_free` and `KM_NOSLEEP`
//! allocations are callable from any context; `KM_SLEEP` may sleep.

mod cache;
mod flags;
mod slab;
mod stats;
use slab::{cache_alloc, cache_free, slab_create, slab_destroy, Cache};
use stats::{count_alloc, count_free};
pub(crate) use stats::{counters, write_stats, Misuse, STATS};

#[path = "layout.rs"]
#[expect(
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
pub(crate) mod layout;

use crate::api::KM_NOSLEEP;
use crate::ddi::lock::{new_spinlock_irqsave, SpinLockIrqSave};
use crate::ddi::{mem, Caller};
use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use flags::{gfp_for, gfp_nofail, with_retry, GFP_FLAGS, KM_KNOWN};
use kernel::bindings;
use kernel::ffi::c_int;
use kernel::prelude::*;
use kernel::rbtree::{RBTree, RBTreeNodeReservation};
use layout::{
    class_of, verify, Hdr, Verdict, CLASSES, FILL_WORD, F_ALL, F_AUDIT, F_POISON, F_REDZONE, HDR,
    MAX_SMALL, POISON_WORD, RZ, RZ_BYTE,
};

/// The header in front of `buf`, if `buf` is a 16-byte aligned address
/// whose header is readable kernel memory. Never faults; not checked by
/// KASAN, so a freed buffer's header is read without a report. Callable
/// from any context.
#[inline(always)]
fn peek_hdr(buf: usize) -> Option<Hdr> {
    // Aligned as our buffers are: the header never straddles pages.
    if buf % HDR != 0 || buf < HDR {
        return None;
    }
    const _: () = assert!(core::mem::size_of::<Hdr>() == HDR);
    let mut h = core::mem::MaybeUninit::<Hdr>::uninit();
    // SAFETY: `h` is valid for writes of `HDR` bytes (asserted above);
    // `copy_from_kernel_nofault()` reads the source only if it is readable
    // kernel memory, never faults, and is not checked by KASAN (a freed
    // buffer's header is read without a report: `kmem_free` reports the
    // double free itself).
    let ok = unsafe {
        bindings::copy_from_kernel_nofault(h.as_mut_ptr().cast(), (buf - HDR) as *const c_void, HDR)
    } == 0;
    // SAFETY: on success all `HDR` bytes were written, and any bytes make
    // a `Hdr` (plain integers).
    ok.then(|| unsafe { h.assume_init() })
}

// The two statics the hot path reads are `core` atomics: a relaxed load is
// a plain `mov`, where the kernel's `Atomic` calls a C helper.

/// The debug flags new buffers get (`F_*`), from `kmem_flags`.
static MODE: AtomicU32 = AtomicU32::new(0);

/// Sets the debug flags of buffers allocated from now on.
pub(crate) fn set_mode(flags: u32) {
    MODE.store(flags & F_ALL, Ordering::Relaxed);
}

/// The current debug flags.
#[inline]
pub(crate) fn mode() -> u32 {
    MODE.load(Ordering::Relaxed)
}

/// A side-table record: a big buffer, or a small one in audit mode.
#[derive(Clone, Copy)]
struct Rec {
    size: usize,
    caller: usize,
    big: bool,
}

/// The side table, under its lock.
struct Table {
    /// Big buffers, and small ones in audit mode, by user address.
    tree: RBTree<usize, Rec>,
    /// Nodes of removed records, kept for the next insertions (at most
    /// [`SPARE`], the capacity allocated at `init`), so that a big buffer
    /// costs no allocation for its record and one lock round trip at
    /// each end.
    spare: KVec<RBTreeNodeReservation<usize, Rec>>,
}

/// How many spare nodes the side table keeps.
const SPARE: usize = 64;

impl Table {
    /// Removes the record of the buffer at `addr`, if there is one, and
    /// keeps its node as a spare if there is room; `Some` of the node to
    /// drop after the lock if there was none.
    fn remove(&mut self, addr: usize) -> Option<Option<RBTreeNodeReservation<usize, Rec>>> {
        let node = self.tree.remove_node(&addr)?.into_reservation();
        Some(self.spare.push_within_capacity(node).err().map(|e| e.0))
    }
}

/// The allocator's state, owned by the module and reachable through
/// [`KMEM`] while it is loaded.
pub(crate) struct Kmem {
    caches: [Cache; CLASSES.len()],
    secret: u64,
    /// [`gfp_for`] of every combination of the flags it reads.
    gfp: [bindings::gfp_t; GFP_FLAGS as usize + 1],
    /// Big buffers, and small ones in audit mode, by user address.
    table: Pin<KBox<SpinLockIrqSave<Table>>>,
    /// The `kmem_cache_create` caches, by number (`cache.rs`).
    registry: Pin<KBox<SpinLockIrqSave<cache::Registry>>>,
}

/// The largest allocation: `kvmalloc()`'s own limit (`INT_MAX`). Above it
/// `kmem_alloc` returns NULL, with a warning naming the caller for
/// `KM_SLEEP`, whose never-NULL promise cannot be kept there.
const KM_MAX: usize = i32::MAX as usize;

impl Kmem {
    /// [`gfp_for`]`(flag)`: one load, no branch.
    #[inline(always)]
    fn gfp_of(&self, flag: c_int) -> bindings::gfp_t {
        self.gfp[(flag & GFP_FLAGS) as usize]
    }
}

/// The address of the module's [`Kmem`], or 0 outside `init`..`exit`.
static KMEM: AtomicUsize = AtomicUsize::new(0);

#[inline]
fn kmem() -> &'static Kmem {
    let p = KMEM.load(Ordering::Relaxed);
    // SAFETY: `KMEM` holds the address of the module's `Kmem` from the end
    // of `init` to the start of `exit`; the DDI calls are only reachable in
    // between (our exported symbols keep every caller's module from
    // outliving us, and our own tests run after `init`).
    unsafe { &*(p as *const Kmem) }
}

/// Makes the caches; called once at module load, with the `kmem_flags`
/// parameter (illumos's `KMF_*` bits; unknown ones are reported and
/// ignored).
pub(crate) fn init(flags: u32) -> Result<KBox<Kmem>> {
    const NAMES: [&CStr; CLASSES.len()] = [
        c"ddi_kmem_8",
        c"ddi_kmem_16",
        c"ddi_kmem_32",
        c"ddi_kmem_64",
        c"ddi_kmem_96",
        c"ddi_kmem_128",
        c"ddi_kmem_192",
        c"ddi_kmem_256",
        c"ddi_kmem_512",
        c"ddi_kmem_1024",
        c"ddi_kmem_2048",
        c"ddi_kmem_4096",
        c"ddi_kmem_8192",
    ];
    let mut caches = [Cache(ptr::null_mut()); CLASSES.len()];
    for (i, c) in caches.iter_mut().enumerate() {
        // `slab_create` gives the cache kmem's empty constructor, so that
        // a freed buffer's header survives (see `slab.rs`).
        // SAFETY: the name is NUL-terminated; the sizes are small.
        let p = unsafe {
            slab_create(
                NAMES[i].as_char_ptr(),
                (CLASSES[i] + HDR) as u32,
                HDR as u32,
                // The buffer, not the header: a driver's copy_to_user()
                // from a kmem buffer passes CONFIG_HARDENED_USERCOPY.
                HDR as u32,
                CLASSES[i] as u32,
            )
        };
        if p.is_null() {
            for made in caches.iter().take(i) {
                // SAFETY: made above, empty.
                unsafe { slab_destroy(*made) };
            }
            return Err(ENOMEM);
        }
        *c = Cache(p);
    }
    let mut secret = 0u64;
    // SAFETY: `secret` is valid for writes of 8 bytes.
    unsafe { bindings::get_random_bytes(ptr::from_mut(&mut secret).cast(), 8) };
    let me = KBox::new(
        Kmem {
            caches,
            secret,
            gfp: core::array::from_fn(|i| gfp_for(i as c_int)),
            table: KBox::pin_init(
                new_spinlock_irqsave!(
                    Table {
                        tree: RBTree::new(),
                        spare: KVec::with_capacity(SPARE, GFP_KERNEL)?,
                    },
                    c"ddi_kmem_table"
                ),
                GFP_KERNEL,
            )?,
            registry: cache::new_registry()?,
        },
        GFP_KERNEL,
    )?;
    set_mode(flags::modes_of(flags));
    KMEM.store(ptr::from_ref::<Kmem>(&me) as usize, Ordering::Release);
    Ok(me)
}

/// Reports what drivers left allocated, frees what it can, and destroys
/// the caches. Called from module exit, with the state `init` returned.
pub(crate) fn exit(me: KBox<Kmem>) {
    cache::exit(&me);
    KMEM.store(0, Ordering::Relaxed);
    // Everything in the table: big buffers and audited small ones.
    let listed = drain_table(&me, true);
    let c = counters();
    let outstanding = c.allocs.saturating_sub(c.frees);
    if outstanding > listed {
        pr_warn!(
            "kmem: {} buffer(s) still allocated at unload were not audited; load with \
             kmem_flags=1 (KMF_AUDIT) to list them with their callers. Their caches are left in place.\n",
            outstanding - listed
        );
        return;
    }
    for c in me.caches.iter() {
        // SAFETY: the caches are empty (every buffer was freed or listed
        // and freed above) and destroyed once.
        unsafe { slab_destroy(*c) };
    }
}

/// Lists (with `report`) and frees every buffer in the side table;
/// returns how many there were.
fn drain_table(me: &Kmem, report: bool) -> u64 {
    let mut n = 0;
    loop {
        // One at a time: nothing printed or freed under the lock.
        let node = {
            let mut t = me.table.lock();
            let key = t.tree.iter().next().map(|(k, _)| *k);
            key.and_then(|k| t.tree.remove_node(&k))
        };
        let Some(node) = node else { break };
        let (addr, rec) = node.to_key_value();
        if report {
            pr_warn!(
                "kmem: leak: {} bytes at {:#x} allocated by {}\n",
                rec.size,
                addr,
                Caller(rec.caller)
            );
        }
        // An audited small buffer's debug flags (its redzone) are in its
        // header, which is live.
        let flags = if rec.big {
            0
        } else {
            peek_hdr(addr).map_or(0, |h| h.flags())
        };
        release(me, addr, rec.size, rec.big, flags);
        n += 1;
    }
    n
}

/// Frees a buffer whose size and kind are known good.
#[inline]
fn release(me: &Kmem, addr: usize, size: usize, big: bool, flags: u32) {
    if big {
        // SAFETY: `addr` came from `mem::kvmalloc` and is freed once.
        unsafe { mem::kvfree(addr as *const c_void) };
        return;
    }
    let rz = if flags & F_REDZONE != 0 { RZ } else { 0 };
    let obj = addr - HDR;
    // SAFETY: `obj` is a live object of this class's cache (its header
    // was verified, or it was in the table), freed once.
    unsafe { cache_free(me.caches[class_of(size + rz)], obj as *mut c_void) };
}

/// Fills `len` bytes at `p` with the 32-bit pattern `word` (big-endian, so
/// a hex dump reads "baddcafe"): the first word by hand, then copies of
/// what is already filled, doubling each time (O(log len) `memcpy` calls;
/// a byte loop costs 8 ns a byte in the benchmark VM).
///
/// # Safety
///
/// `p` is valid for writes of `len` bytes.
unsafe fn fill(p: *mut u8, len: usize, word: u32) {
    let b = word.to_be_bytes();
    let mut done = len.min(b.len());
    // SAFETY: `done <= len` bytes from `p` are writable.
    unsafe { ptr::copy_nonoverlapping(b.as_ptr(), p, done) };
    while done < len {
        // `done` is a multiple of 4 here, so the pattern stays in phase.
        let n = done.min(len - done);
        // SAFETY: `[0, done)` and `[done, done + n)` lie within `len` bytes
        // and do not overlap.
        unsafe { ptr::copy_nonoverlapping(p, p.add(done), n) };
        done += n;
    }
}

/// `kmem_alloc`/`kmem_zalloc`. `KM_NOSLEEP` never sleeps (any context) and
/// may return NULL; `KM_SLEEP` may sleep (process context) and never
/// returns NULL.
///
/// The common case, a small buffer with no debug mode and good flags, is
/// straight-line code: an object from the slab, a header write and the
/// per-CPU counters; the rest is [`alloc_slow`].
#[inline(always)]
fn alloc(size: usize, flag: c_int, zero: bool, caller: usize) -> *mut c_void {
    if flag & KM_NOSLEEP == 0 {
        crate::ddi::might_sleep();
    }
    // One test for the three conditions (`|`, not `||`).
    #[expect(clippy::needless_bitwise_bool, reason = "one branch, not three")]
    if (mode() != 0) | (size.wrapping_sub(1) >= MAX_SMALL) | (flag & !KM_KNOWN != 0) {
        return alloc_slow(size, flag, zero, caller);
    }
    let me = kmem();
    let class = class_of(size);
    let cache = me.caches[class];
    let obj = cache_alloc(cache, me.gfp_of(flag));
    if obj.is_null() {
        return alloc_retry(cache, size, flag, zero, caller);
    }
    // SAFETY: a new object of the class of `size`.
    unsafe { small_buffer(obj, size, 0, zero, caller) }
}

/// Makes the new object `obj` a live small buffer of `size` bytes with
/// debug `flags` (header, redzone, zeroing) and counts it; returns the
/// user address.
///
/// # Safety
///
/// `obj` is a new object of the cache of class `class_of(size + rz)`,
/// `rz` being [`RZ`] if `flags` has [`F_REDZONE`] and 0 otherwise.
#[inline(always)]
unsafe fn small_buffer(
    obj: *mut c_void,
    size: usize,
    flags: u32,
    zero: bool,
    caller: usize,
) -> *mut c_void {
    let h = Hdr::new(obj as usize, size, caller, kmem().secret, flags);
    // SAFETY: the object has `HDR` bytes for the header, 16-byte aligned.
    unsafe { obj.cast::<Hdr>().write(h) };
    // SAFETY: the object holds `HDR + CLASSES[class] >= HDR + size + rz`
    // bytes.
    let user = unsafe { obj.cast::<u8>().add(HDR) };
    if flags & F_REDZONE != 0 {
        // SAFETY: as above: `size + RZ` bytes follow `user`.
        unsafe { ptr::write_bytes(user.add(size), RZ_BYTE, RZ) };
    }
    counted(user, size, zero, flags)
}

/// Zeroes (or, in poison mode, fills) and counts a new buffer of `size`
/// bytes at `user`; returns it.
#[inline(always)]
fn counted(user: *mut u8, size: usize, zero: bool, flags: u32) -> *mut c_void {
    if zero {
        // SAFETY: `user` is a new buffer of `size` bytes.
        unsafe { ptr::write_bytes(user, 0, size) };
    } else if flags & F_POISON != 0 {
        // SAFETY: as above.
        unsafe { fill(user, size, FILL_WORD) };
    }
    count_alloc(size);
    user.cast()
}

/// The fast path's slab allocation failed: `KM_SLEEP` tries again with
/// `__GFP_NOFAIL`, `KM_NOSLEEP` returns NULL.
#[cold]
#[inline(never)]
fn alloc_retry(cache: Cache, size: usize, flag: c_int, zero: bool, caller: usize) -> *mut c_void {
    let obj = if flag & KM_NOSLEEP != 0 {
        ptr::null_mut()
    } else {
        cache_alloc(cache, gfp_nofail(flag))
    };
    if obj.is_null() {
        return flags::failed(flag, what(zero), size, caller);
    }
    // SAFETY: a new object of the class of `size`.
    unsafe { small_buffer(obj, size, 0, zero, caller) }
}

/// The DDI call's name, for reports.
fn what(zero: bool) -> &'static CStr {
    if zero {
        c"kmem_zalloc"
    } else {
        c"kmem_alloc"
    }
}

/// Every other allocation: size 0, bad flags, big buffers, debug modes.
#[cold]
#[inline(never)]
fn alloc_slow(size: usize, flag: c_int, zero: bool, caller: usize) -> *mut c_void {
    if size == 0 {
        return ptr::null_mut();
    }
    let flag = if flag & !KM_KNOWN != 0 {
        let w = what(zero).to_str().unwrap_or("kmem_alloc");
        flags::known(flag, w, caller)
    } else {
        flag
    };
    let sleep = flag & KM_NOSLEEP == 0;
    if size > KM_MAX {
        if sleep {
            pr_warn!(
                "kmem_alloc: {} bytes from {} is more than KM_SLEEP can promise ({}): \
                 returning NULL\n",
                size,
                Caller(caller),
                KM_MAX
            );
        }
        return flags::failed(flag, what(zero), size, caller);
    }
    let me = kmem();
    let flags = mode();
    let rz = if flags & F_REDZONE != 0 { RZ } else { 0 };
    let big = size + rz > MAX_SMALL;
    let listed = big || flags & F_AUDIT != 0;
    if !big {
        let cache = me.caches[class_of(size + rz)];
        let obj = with_retry(flag, |gfp| cache_alloc(cache, gfp));
        let user = (obj as usize).wrapping_add(HDR);
        if obj.is_null() || (listed && !table_insert(me, user, Rec { size, caller, big }, sleep)) {
            if !obj.is_null() {
                // SAFETY: the object was allocated above and not handed out.
                unsafe { cache_free(cache, obj) };
            }
            return flags::failed(flag, what(zero), size, caller);
        }
        // SAFETY: a new object of the class of `size + rz`.
        return unsafe { small_buffer(obj, size, flags, zero, caller) };
    }
    let user = with_retry(flag, |gfp| mem::kvmalloc(size, gfp));
    if user.is_null() || !table_insert(me, user as usize, Rec { size, caller, big }, sleep) {
        // SAFETY: NULL, or allocated above and not handed out.
        unsafe { mem::kvfree(user) };
        return flags::failed(flag, what(zero), size, caller);
    }
    counted(user.cast(), size, zero, flags)
}

/// Records a new buffer in the side table: in a spare node, with one lock
/// round trip, or else in a new node. False if there was no memory for
/// the node and `sleep` is false; a sleeper retries every millisecond.
fn table_insert(me: &Kmem, addr: usize, rec: Rec, sleep: bool) -> bool {
    let old = {
        let mut t = me.table.lock();
        t.spare.pop().map(|r| t.tree.insert(r.into_node(addr, rec)))
    };
    if let Some(old) = old {
        // A new address cannot be in the tree (its last buffer was freed);
        // whatever was replaced is dropped after the lock.
        drop(old);
        return true;
    }
    let r = loop {
        match RBTreeNodeReservation::new(if sleep { GFP_KERNEL } else { GFP_NOWAIT }) {
            Ok(r) => break r,
            Err(_) if sleep => kernel::time::delay::fsleep(kernel::time::Delta::from_millis(1)),
            Err(_) => return false,
        }
    };
    let old = me.table.lock().tree.insert(r.into_node(addr, rec));
    drop(old);
    true
}

/// `kmem_free`: frees `buf`, a buffer of exactly `size` bytes from
/// `kmem_alloc`/`kmem_zalloc`; anything else is reported, counted and left
/// alone. Does not sleep; callable from any context.
///
/// The common case, a live small buffer with no debug flags freed with its
/// size, is straight-line code: the header read (which cannot fault), the
/// tag check, a compare-and-swap of the tag, the per-CPU counters, and the
/// object back to the slab; the rest is [`free_slow`].
#[inline(always)]
fn free(buf: *mut c_void, size: usize, caller: usize) {
    if let Some(h) = peek_hdr(buf as usize) {
        let me = kmem();
        let obj = (buf as usize).wrapping_sub(HDR);
        // `h.tag`'s flag bits are 0 (no debug mode) exactly when it equals a
        // tag computed with flags 0.
        if h.size as usize == size
            && size <= MAX_SMALL
            && h.tag == layout::tag(obj, size, h.caller, me.secret, 0)
        {
            if !claim(obj, h) {
                return raced(buf as usize, size, h.caller, caller);
            }
            count_free(size);
            // SAFETY: `obj` is a live object of this class (its tag says
            // so), claimed above by this call alone.
            unsafe { cache_free(me.caches[class_of(size)], obj as *mut c_void) };
            return;
        }
    }
    free_slow(buf, size, caller)
}

/// Flips the tag of the live header `h` at `obj` to freed in one atomic
/// step, so that of two racing frees only one goes on to free the buffer;
/// false if another free got there first.
#[inline(always)]
fn claim(obj: usize, h: Hdr) -> bool {
    // SAFETY: the header at `obj` is ours (its tag was verified), live and
    // writable; `tag` is 4-byte aligned (the object is 16-byte aligned and
    // `tag` is at 12).
    let tag = unsafe { AtomicU32::from_ptr(ptr::addr_of_mut!((*(obj as *mut Hdr)).tag)) };
    tag.compare_exchange(h.tag, h.freed().tag, Ordering::Relaxed, Ordering::Relaxed)
        .is_ok()
}

/// Reports the loser of two racing frees of one buffer.
#[cold]
#[inline(never)]
fn raced(addr: usize, size: usize, alloc_caller: usize, caller: usize) {
    STATS.misuse(Misuse::DoubleFree);
    pr_warn!(
        "kmem_free: {:#x} ({} bytes, allocated by {}) freed twice at once; second free by {} \
         ignored\n",
        addr,
        size,
        Caller(alloc_caller),
        Caller(caller)
    );
}

/// Every other free: NULL, big, debug flags, and every misuse.
#[cold]
#[inline(never)]
fn free_slow(buf: *mut c_void, size: usize, caller: usize) {
    let addr = buf as usize;
    // Read again here, so that the fast path passes nothing on.
    let hdr = peek_hdr(addr);
    if addr == 0 {
        if size != 0 {
            STATS.misuse(Misuse::NullWithSize);
            pr_warn!(
                "kmem_free: NULL with size {} from {}\n",
                size,
                Caller(caller)
            );
        }
        return;
    }
    let me = kmem();
    let rz_of = |f: u32| if f & F_REDZONE != 0 { RZ } else { 0 };
    // A small buffer with debug flags, its header checked against `size`.
    if let Some(h) = hdr {
        if let Verdict::Live(flags) = verify(&h, addr - HDR, size, me.secret) {
            if size.saturating_add(rz_of(flags)) <= MAX_SMALL {
                return free_small(me, addr, size, flags, h, caller);
            }
        }
    }
    // A big buffer (or an audited small one, listed in the table). The
    // check and the removal happen under one lock, so two racing frees of
    // one buffer cannot both pass; the node is dropped after the lock.
    let (removed, found) = {
        let mut t = me.table.lock();
        match t.tree.get(&addr).copied() {
            Some(rec) if rec.big && rec.size == size => (t.remove(addr), Some(rec)),
            other => (None, other),
        }
    };
    if let Some(spare) = removed {
        drop(spare);
        count_free(size);
        release(me, addr, size, true, 0);
        return;
    }
    if let Some(rec) = found.filter(|r| r.size != size) {
        return wrong_size(addr, size, rec.size, rec.caller, caller);
    }
    // Classify the failure for the report.
    match hdr.map(|h| (h, verify(&h, addr - HDR, size, me.secret))) {
        Some((h, Verdict::WrongSize(real))) => wrong_size(addr, size, real, h.caller, caller),
        Some((h, Verdict::Freed(real))) => {
            STATS.misuse(Misuse::DoubleFree);
            pr_warn!(
                "kmem_free: double free of {:#x} ({} bytes, allocated by {}) by {} (size given \
                 {}); not freed again\n",
                addr,
                real,
                Caller(h.caller),
                Caller(caller),
                size
            );
        }
        Some((h, _)) if cache::object_of(me, &h, addr).is_some() => {
            STATS.misuse(Misuse::WrongCache);
            let other = cache::CacheName::of(h.size);
            pr_warn!(
                "kmem_free: {:#x} (size {}) from {} is an object of {}, allocated by {}: free it \
                 with kmem_cache_free; not freed\n",
                addr,
                size,
                Caller(caller),
                other,
                Caller(h.caller)
            );
        }
        _ => {
            STATS.misuse(Misuse::Foreign);
            pr_warn!(
                "kmem_free: {:#x} (size {}) from {} is not a kmem_alloc buffer (foreign or \
                 interior pointer, or freed and reused); not freed\n",
                addr,
                size,
                Caller(caller)
            );
        }
    }
}

/// Whether `h`, the header in front of `addr`, is that of a live small
/// buffer (for `kmem_cache_free`'s report of a foreign pointer).
fn is_buffer(me: &Kmem, h: &Hdr, addr: usize) -> bool {
    matches!(
        verify(h, addr.wrapping_sub(HDR), h.size as usize, me.secret),
        Verdict::Live(_)
    )
}

fn wrong_size(addr: usize, given: usize, real: usize, alloc_caller: usize, caller: usize) {
    STATS.misuse(Misuse::WrongSize);
    pr_warn!(
        "kmem_free: size mismatch for {:#x}: freed by {} with size {}, allocated by {} with \
         size {}; not freed\n",
        addr,
        Caller(caller),
        given,
        Caller(alloc_caller),
        real
    );
}

/// Frees a small buffer with debug flags, its header verified.
fn free_small(me: &Kmem, addr: usize, size: usize, flags: u32, h: Hdr, caller: usize) {
    let user = addr as *mut u8;
    if flags & F_REDZONE != 0 {
        // SAFETY: a live buffer of ours with a redzone: `size + RZ` bytes.
        let rz = unsafe { core::slice::from_raw_parts(user.add(size), RZ) };
        if rz.iter().any(|&b| b != RZ_BYTE) {
            STATS.misuse(Misuse::Overrun);
            pr_warn!(
                "kmem_free: {:#x} ({} bytes, allocated by {}) was written past its end \
                 (redzone {:02x?}); freed by {}; not freed\n",
                addr,
                size,
                Caller(h.caller),
                rz,
                Caller(caller)
            );
            return;
        }
    }
    if !claim(addr - HDR, h) {
        return raced(addr, size, h.caller, caller);
    }
    if flags & F_AUDIT != 0 {
        let removed = me.table.lock().remove(addr);
        drop(removed);
    }
    if flags & F_POISON != 0 {
        // SAFETY: the buffer is ours (claimed above) and `size` bytes long.
        unsafe { fill(user, size, POISON_WORD) };
    }
    count_free(size);
    release(me, addr, size, false, flags);
}

/// Snapshot of the side table: `(address, size, caller)` of up to `max`
/// listed buffers, for debugfs and tests. Allocates before locking.
pub(crate) fn listed(max: usize) -> Result<KVec<(usize, usize, usize)>> {
    let mut v = KVec::with_capacity(max, GFP_KERNEL)?;
    let t = kmem().table.lock();
    for (k, r) in t.tree.iter() {
        if v.push_within_capacity((*k, r.size, r.caller)).is_err() {
            break;
        }
    }
    Ok(v)
}

/// Sets the debug modes of buffers allocated from now on (`F_*`, the
/// `kmem_flags` bits `KMF_AUDIT`, `KMF_DEADBEEF`, `KMF_REDZONE`) and
/// returns the previous ones; for the benchmark
/// module, which measures what each mode costs (exported in the
/// `DDI_COMPAT_INTERNAL` namespace, not to drivers).
#[no_mangle]
pub(crate) extern "C" fn ddi_kmem_set_mode(flags: u32) -> u32 {
    let old = mode();
    set_mode(flags);
    old
}

/// `void *kmem_alloc(size_t size, int flag)`, called by its C entry
/// (exports.c) with the caller's address; see [`alloc`] for the sleep and
/// context contract.
#[no_mangle]
pub(crate) extern "C" fn ddi_kmem_alloc(size: usize, flag: c_int, caller: usize) -> *mut c_void {
    alloc(size, flag, false, caller)
}

/// `void *kmem_zalloc(size_t size, int flag)`, called by its C entry with
/// the caller's address; see [`alloc`] for the sleep and context contract.
#[no_mangle]
pub(crate) extern "C" fn ddi_kmem_zalloc(size: usize, flag: c_int, caller: usize) -> *mut c_void {
    alloc(size, flag, true, caller)
}

/// `void kmem_free(void *buf, size_t size)`, called by its C entry with
/// the caller's address. Does not sleep; callable from any context.
///
/// # Safety
///
/// `buf` is what a `kmem_alloc` or `kmem_zalloc` call returned, not freed
/// since; any other value is reported and left alone, but a foreign
/// pointer is taken for a buffer of ours with odds 2^-28 (see `layout.rs`).
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_kmem_free(buf: *mut c_void, size: usize, caller: usize) {
    free(buf, size, caller)
}

/// The KUnit suite `ddi_compat_kmem_cache`.
mod cache_tests;
/// The KUnit suite `ddi_compat_kmem`.
mod tests;
