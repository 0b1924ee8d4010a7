// SPDX-License-Identifier: GPL-2.0

//! `kmem_cache_create(9F)`, `kmem_cache_alloc`, `kmem_cache_free` and
//! `kmem_cache_destroy`: illumos's object caches, each on a Linux slab
//! cache of its own, with every free checked against the cache.
//!
//! # Theory
//!
//! - **One slab cache per DDI cache**, named `<name>.<n>` (the name cut to
//!   31 characters, as illumos does, and the cache's number `n`, since two
//!   illumos caches may share a name and two slab caches' sysfs
//!   directories may not). A slab object holds a front of `max(16, align)`
//!   bytes, whose last 16 are kmem's header (`layout.rs`: the allocating
//!   caller, the cache's number, a keyed tag), then the driver's object,
//!   aligned to `align`, then the redzone in redzone mode. Only the object
//!   may be copied to or from user space (hardened usercopy).
//! - **Constructed state.** illumos keeps freed objects constructed in its
//!   magazines and runs the destructor when it gives their memory back;
//!   its man page lets the allocator construct and destroy objects at any
//!   time, so a driver cannot tell. We construct at every
//!   `kmem_cache_alloc` and destroy at every `kmem_cache_free`, and the
//!   freed object goes back to the slab at once: the shim keeps no freed
//!   object, so KASAN sees every use after free (as for `kmem_free`). The
//!   cost is a constructor and a destructor call per allocation, which
//!   illumos pays only when its magazines run dry. Linux's slab
//!   constructors could not do this: they take one argument, cannot fail,
//!   and leave objects constructed while the slab holds them free (so a
//!   constructed state kept there would hide uses after free). Our slab
//!   caches have kmem's empty constructor instead, for the same reason as
//!   its size classes: the header survives the free, so a double free is
//!   recognised as one.
//! - **A failed constructor** (it returns non-zero) fails the allocation:
//!   the slab object goes back and `kmem_cache_alloc` returns NULL, as on
//!   illumos, whatever the flag. The man page lets a constructor fail only
//!   under `KM_NOSLEEP`; one that fails under `KM_SLEEP` is reported,
//!   naming it and the caller, since that caller expects no NULL.
//! - **Flags** as for `kmem_alloc`: `KM_SLEEP` retries once with
//!   `__GFP_NOFAIL` and so never returns NULL but for a failed
//!   constructor; `KM_NOSLEEP` never sleeps; `KM_PUSHPAGE` may use
//!   reserves; `KM_PANIC` panics when memory cannot be had; unknown bits
//!   are masked off, reported once per call site (`flags.rs`).
//! - **Every free is checked** as `kmem_free`'s are: the header is read
//!   with a load that cannot fault and is not checked by KASAN, and the
//!   object is freed only if its tag says it is a live object of this
//!   cache; the tag is flipped by a compare-and-swap, so of two racing
//!   frees one frees. An object of another cache (its header names its
//!   cache), a double free, a `kmem_alloc` buffer, a foreign or interior
//!   pointer or NULL is reported, naming both callers where there are two,
//!   counted, and never passed to the kernel. In redzone mode a write past
//!   the end is reported and the object kept.
//! - **The handle** (`kmem_cache_t *`) is the address of our [`DdiCache`],
//!   whose first word is a keyed magic, read with the same no-fault load
//!   on every call: NULL, a foreign pointer or a destroyed cache is
//!   reported, and the call returns NULL or does nothing.
//! - **Outstanding objects** are counted per cache (one atomic).
//!   `kmem_cache_alloc` counts its object before it checks that the cache
//!   is not being destroyed, `kmem_cache_destroy` marks the cache before
//!   it reads the count (both sequentially consistent), so a racing
//!   allocation either fails or stops the destroy. A destroy with objects
//!   outstanding is reported and the cache left in place (leaked, not
//!   crashed): its objects stay valid and may still be freed (reported),
//!   while allocations fail. At module unload, caches never destroyed are
//!   reported; those without objects are destroyed, the others left.
//! - **Debug modes**: a cache takes the `kmem_flags` redzone and deadbeef
//!   modes in force when it is created (none with `KMC_NODEBUG` or
//!   `KMC_NOTOUCH`): an 8-byte redzone checked at free; `0xbaddcafe`
//!   before the constructor runs and `0xdeadbeef` after the destructor.
//!   `KMF_AUDIT` lists no objects (caches always count theirs, and
//!   destroy reports them). `KMC_NOMAGAZINE` and `KMC_NOHASH` have no
//!   effect (no magazines; no hash, the header). Other `cflags` bits are
//!   reported and ignored. `reclaim` is accepted and never called (there
//!   is nothing cached to reclaim; the kernel reclaims its slabs itself);
//!   `vmp` must be NULL, as the man page asks of drivers (otherwise
//!   reported and ignored).
//! - **The registry**: every cache by number, in a red-black tree under an
//!   irq-safe spinlock (`Kmem::registry`), for the name of the other cache
//!   in a report, debugfs, and unload. Nothing allocates, frees or prints
//!   under it; the hot paths do not take it.
//!
//! Costs: an allocation is the slab's, a header write, the constructor and
//! one atomic add; a free is two no-fault reads (handle, header), the tag
//! hash, a compare-and-swap, the destructor, one atomic subtraction and the
//! slab's free.
//!
//! Context: `kmem_cache_create` and `kmem_cache_destroy` run in process
//! context and may sleep; `kmem_cache_alloc` with `KM_SLEEP` may sleep
//! (process context), with `KM_NOSLEEP` never (any context);
//! `kmem_cache_free` never sleeps (any context). The constructor runs in
//! the context of `kmem_cache_alloc`, the destructor in that of
//! `kmem_cache_free`.

use super::layout::{
    self, cache_layout, CacheLayout, Hdr, Verdict, CACHE_IDS, F_POISON, F_REDZONE,
};
use super::slab::{slab_create, slab_destroy, Cache};
use super::stats::{Misuse, STATS};
use super::{kmem, verify, Kmem, HDR};
use crate::ddi::lock::{new_spinlock_irqsave, SpinLockIrqSave};
use crate::ddi::{might_sleep, Caller};
use core::ffi::c_void;
use core::fmt;
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use kernel::bindings;
use kernel::ffi::{c_char, c_int};
use kernel::prelude::*;
use kernel::rbtree::{RBTree, RBTreeNodeReservation};

/// `kmem_cache_create` flags (illumos's `KMC_*`): no debug patterns.
const KMC_NOTOUCH: c_int = 0x0001_0000;
/// No debugging.
const KMC_NODEBUG: c_int = 0x0002_0000;
/// No per-CPU magazines (we have none).
const KMC_NOMAGAZINE: c_int = 0x0004_0000;
/// No buffer-to-control hash (we have none).
const KMC_NOHASH: c_int = 0x0008_0000;
const KMC_KNOWN: c_int = KMC_NOTOUCH | KMC_NODEBUG | KMC_NOMAGAZINE | KMC_NOHASH;

#[path = "cache_objects.rs"]
mod objects;

/// Characters of a cache's name that are kept (illumos's
/// `KMEM_CACHE_NAMELEN`).
const NAME_LEN: usize = 31;

/// A constructor: `int (*)(void *buf, void *private, int kmflags)`.
type Ctor = Option<unsafe extern "C" fn(*mut c_void, *mut c_void, c_int) -> c_int>;
/// A destructor: `void (*)(void *buf, void *private)`.
type Dtor = Option<unsafe extern "C" fn(*mut c_void, *mut c_void)>;
/// A reclaim callback: `void (*)(void *private)`.
type Reclaim = Option<unsafe extern "C" fn(*mut c_void)>;

/// A cache's name, for reports.
#[derive(Clone, Copy)]
struct Name {
    bytes: [u8; NAME_LEN],
    len: u8,
}

impl Name {
    /// The first [`NAME_LEN`] characters of the C string `s`.
    ///
    /// # Safety
    ///
    /// `s` is a NUL-terminated string (read up to the NUL or `NAME_LEN`
    /// characters, whichever comes first).
    unsafe fn from_c(s: *const c_char) -> Name {
        let mut n = Name {
            bytes: [0; NAME_LEN],
            len: 0,
        };
        for i in 0..NAME_LEN {
            // SAFETY: `s` has at least `i + 1` readable bytes: the string's
            // bytes up to its NUL, and `s[..i]` held no NUL.
            let b = unsafe { *s.add(i) };
            if b == 0 {
                break;
            }
            n.bytes[i] = b;
            n.len += 1;
        }
        n
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

impl fmt::Display for Name {
    /// Printable ASCII as it is, other bytes escaped (`\xNN`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.as_bytes() {
            if b == b' ' || b.is_ascii_graphic() {
                fmt::Write::write_char(f, b as char)?;
            } else {
                write!(f, "\\x{:02x}", b)?;
            }
        }
        Ok(())
    }
}

impl kernel::fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A cache made by `kmem_cache_create`; drivers hold its address as a
/// `kmem_cache_t *`.
///
/// # Invariants
///
/// While `magic` is [`magic_of`] its address, `slab` is a live slab cache
/// of objects laid out as `layout` says, and the cache is in the registry
/// under `id`; the cache is freed only by [`release`], which first clears
/// `magic`.
#[repr(C)]
pub(crate) struct DdiCache {
    /// First, for [`handle`]'s check.
    magic: u64,
    /// The cache's number, in its objects' headers.
    id: u32,
    /// Debug modes of its objects (`F_REDZONE`, `F_POISON`).
    modes: u32,
    layout: CacheLayout,
    bufsize: usize,
    slab: Cache,
    ctor: Ctor,
    dtor: Dtor,
    private: *mut c_void,
    /// Who created it.
    creator: usize,
    /// Objects allocated and not freed.
    outstanding: AtomicUsize,
    /// Set by `kmem_cache_destroy`.
    dying: AtomicBool,
    name: Name,
}

/// Every live cache (and every cache left in place by a destroy with
/// objects outstanding), by number: the address of its [`DdiCache`].
pub(crate) struct Registry {
    tree: RBTree<u32, usize>,
}

/// The registry, under its lock: made at module load.
pub(super) fn new_registry() -> Result<Pin<KBox<SpinLockIrqSave<Registry>>>> {
    KBox::pin_init(
        new_spinlock_irqsave!(
            Registry {
                tree: RBTree::new()
            },
            c"ddi_kmem_caches"
        ),
        GFP_KERNEL,
    )
}

/// The next cache number.
static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// A new cache number, in `1..CACHE_IDS`.
fn new_id() -> u32 {
    loop {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed) % CACHE_IDS;
        if id != 0 {
            return id;
        }
    }
}

/// The key of cache objects' tags.
#[inline(always)]
fn secret(me: &Kmem) -> u64 {
    layout::cache_secret(me.secret)
}

/// The magic of a live cache at `addr`.
#[inline(always)]
fn magic_of(me: &Kmem, addr: usize) -> u64 {
    secret(me).rotate_left(17) ^ addr as u64
}

/// The live cache at `cp`, or `None` when `cp` is NULL, not a cache or a
/// destroyed one (reported, naming `what`, the DDI call, and its
/// `caller`). Never faults.
///
/// # Safety
///
/// The cache, if it is one, is not destroyed during the lifetime `'a` (the
/// DDI's contract: a driver does not destroy a cache it is using).
#[inline(always)]
unsafe fn handle<'a>(cp: *mut c_void, what: &str, caller: usize) -> Option<&'a DdiCache> {
    let me = kmem();
    let addr = cp as usize;
    let mut m = 0u64;
    let ok = addr % core::mem::align_of::<DdiCache>() == 0
        && addr != 0
        // SAFETY: `m` is valid for writes of 8 bytes; the source is read
        // only if it is readable kernel memory, and never faults.
        && unsafe {
            bindings::copy_from_kernel_nofault(ptr::from_mut(&mut m).cast(), cp, 8)
        } == 0
        && m == magic_of(me, addr);
    if !ok {
        bad_handle(addr, what, caller);
        return None;
    }
    // SAFETY: the magic says a live `DdiCache` is there (type invariant),
    // and it stays for `'a` (the function's contract).
    Some(unsafe { &*cp.cast::<DdiCache>() })
}

#[cold]
#[inline(never)]
fn bad_handle(addr: usize, what: &str, caller: usize) {
    STATS.misuse(Misuse::BadCache);
    pr_warn!(
        "{}: {:#x} from {} is not a kmem cache (NULL, foreign, or destroyed); ignored\n",
        what,
        addr,
        Caller(caller)
    );
}

/// The name of cache number `id`, if it is registered.
fn name_of(id: u32) -> Option<Name> {
    let reg = kmem().registry.lock();
    reg.tree.get(&id).map(|&p| {
        // SAFETY: registered caches are live (`DdiCache` invariant) while
        // the lock is held: `release` unregisters first.
        unsafe { (*(p as *const DdiCache)).name }
    })
}

/// "cache <name> (#id)" or "a destroyed cache (#id)", for reports: looked
/// up (under the registry's lock) before the report is printed.
pub(super) struct CacheName {
    id: u32,
    name: Option<Name>,
}

impl CacheName {
    /// Cache number `id`'s name.
    pub(super) fn of(id: u32) -> CacheName {
        CacheName {
            id,
            name: name_of(id),
        }
    }
}

impl fmt::Display for CacheName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(n) => write!(f, "cache {} (#{})", n, self.id),
            None => write!(f, "a destroyed cache (#{})", self.id),
        }
    }
}

impl kernel::fmt::Display for CacheName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// If `h`, the header in front of `addr`, is that of a live object of a
/// kmem cache: that cache's number and the object's allocating caller
/// (for `kmem_free`'s report of a foreign pointer).
pub(super) fn object_of(me: &Kmem, h: &Hdr, addr: usize) -> Option<u32> {
    match verify(h, addr.wrapping_sub(HDR), h.size as usize, secret(me)) {
        Verdict::Live(_) => Some(h.size),
        _ => None,
    }
}

/// `kmem_cache_create`; see `include/sys/kmem.h`.
#[expect(clippy::too_many_arguments, reason = "illumos's signature")]
fn create(
    name: *const c_char,
    bufsize: usize,
    align: usize,
    ctor: Ctor,
    dtor: Dtor,
    _reclaim: Reclaim,
    private: *mut c_void,
    vmp: *mut c_void,
    cflags: c_int,
    caller: usize,
) -> *mut c_void {
    might_sleep();
    let me = kmem();
    // SAFETY: a constant defined in C.
    let max = unsafe { ddi_slab_max_size };
    let modes = if cflags & (KMC_NODEBUG | KMC_NOTOUCH) != 0 {
        0
    } else {
        super::mode() & (F_REDZONE | F_POISON)
    };
    let layout = cache_layout(bufsize, align, modes & F_REDZONE != 0, max);
    let (Some(layout), false) = (layout, name.is_null()) else {
        STATS.misuse(Misuse::BadCache);
        pr_warn!(
            "kmem_cache_create: bad arguments from {} (name {}, bufsize {}, align {}: the name \
             may not be NULL, the size not 0 or above {}, the alignment must be 0 or a power of \
             two up to {}); returning NULL\n",
            Caller(caller),
            if name.is_null() { "NULL" } else { "given" },
            bufsize,
            align,
            max - HDR,
            layout::CACHE_MAX_ALIGN
        );
        return ptr::null_mut();
    };
    if cflags & !KMC_KNOWN != 0 {
        STATS.misuse(Misuse::BadFlags);
        pr_warn!(
            "kmem_cache_create: unknown cflags bits {:#x} from {} ignored\n",
            cflags & !KMC_KNOWN,
            Caller(caller)
        );
    }
    if !vmp.is_null() {
        pr_warn!(
            "kmem_cache_create: vmem arena {:#x} from {} ignored (drivers pass NULL)\n",
            vmp as usize,
            Caller(caller)
        );
    }
    // SAFETY: `name` is a NUL-terminated string (the DDI's contract), not
    // NULL (checked above).
    let name = unsafe { Name::from_c(name) };
    let id = {
        let reg = me.registry.lock();
        loop {
            let id = new_id();
            if reg.tree.get(&id).is_none() {
                break id;
            }
        }
    };
    // The slab's name: ours, then ".<id>", NUL-terminated (the kernel
    // copies it).
    let mut sname = [0u8; NAME_LEN + 12];
    let n = name.as_bytes().len();
    sname[..n].copy_from_slice(name.as_bytes());
    let mut w = Cursor(&mut sname[..NAME_LEN + 11], n);
    // Cannot fail: a dot and 8 digits fit after 31 characters.
    let _ = fmt::write(&mut w, format_args!(".{}", id));
    let slab = sleep_for(|| {
        // SAFETY: `sname` is NUL-terminated (its last byte is never
        // written); `cache_layout` kept the sizes below `max`, a `u32`.
        unsafe {
            slab_create(
                sname.as_ptr().cast(),
                layout.size as u32,
                layout.align as u32,
                layout.front as u32,
                bufsize as u32,
            )
        }
    });
    let node = loop {
        match RBTreeNodeReservation::new(GFP_KERNEL) {
            Ok(r) => break r,
            Err(_) => nap(),
        }
    };
    let b = loop {
        match KBox::<DdiCache>::new_uninit(GFP_KERNEL) {
            Ok(b) => break b,
            Err(_) => nap(),
        }
    };
    let mut b = KBox::write(
        b,
        DdiCache {
            magic: 0,
            id,
            modes,
            layout,
            bufsize,
            slab: Cache(slab),
            ctor,
            dtor,
            private,
            creator: caller,
            outstanding: AtomicUsize::new(0),
            dying: AtomicBool::new(false),
            name,
        },
    );
    b.magic = magic_of(me, ptr::from_ref::<DdiCache>(&b) as usize);
    let p = KBox::into_raw(b);
    let old = me
        .registry
        .lock()
        .tree
        .insert(node.into_node(id, p as usize));
    // The number was free when it was picked, and numbers are handed out
    // once per 2^24 caches: nothing was replaced.
    drop(old);
    p.cast()
}

/// Sleeps 1 ms: memory is short, and `kmem_cache_create` blocks for it,
/// as on illumos.
fn nap() {
    kernel::time::delay::fsleep(kernel::time::Delta::from_millis(1));
}

/// Writes into a byte buffer, keeping its last byte.
struct Cursor<'a>(&'a mut [u8], usize);

impl fmt::Write for Cursor<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.1 + s.len();
        if end > self.0.len() {
            return Err(fmt::Error);
        }
        self.0[self.1..end].copy_from_slice(s.as_bytes());
        self.1 = end;
        Ok(())
    }
}

/// Calls `make` until it gives a non-null pointer, with a [`nap`] after
/// each failure.
fn sleep_for<T>(mut make: impl FnMut() -> *mut T) -> *mut T {
    loop {
        let p = make();
        if !p.is_null() {
            return p;
        }
        nap();
    }
}

// kmem_compat/exports.c.
extern "C" {
    /// `KMALLOC_MAX_SIZE`: the largest slab object.
    static ddi_slab_max_size: usize;
}

/// `kmem_cache_destroy`; see `include/sys/kmem.h`.
fn destroy(cp: *mut c_void, caller: usize) {
    might_sleep();
    // SAFETY: the driver destroys the cache once, here (a second destroy
    // of a cache that was freed is refused by the magic).
    let Some(c) = (unsafe { handle(cp, "kmem_cache_destroy", caller) }) else {
        return;
    };
    if c.dying.swap(true, Ordering::SeqCst) {
        STATS.misuse(Misuse::BadCache);
        pr_warn!(
            "kmem_cache_destroy: cache {} destroyed again by {}; ignored\n",
            c.name,
            Caller(caller)
        );
        return;
    }
    let n = c.outstanding.load(Ordering::SeqCst);
    if n != 0 {
        STATS.misuse(Misuse::CacheLeak);
        pr_warn!(
            "kmem_cache_destroy: cache {} (created by {}) still has {} object(s) allocated; \
             destroyed by {}: the cache is left in place (leaked)\n",
            c.name,
            Caller(c.creator),
            n,
            Caller(caller)
        );
        return;
    }
    let me = kmem();
    let node = me.registry.lock().tree.remove_node(&c.id);
    drop(node);
    // SAFETY: `c` is unregistered, empty, and no longer used (the driver
    // destroys it once it is done with it).
    unsafe { release(c) };
}

/// Frees a cache and its slab.
///
/// # Safety
///
/// `c` is out of the registry, has no objects, and is not used again.
unsafe fn release(c: &DdiCache) {
    let p = ptr::from_ref(c).cast_mut();
    // SAFETY: `p` is the live cache (the function's contract); its magic is
    // cleared first, so that later calls with the handle are refused.
    unsafe { ptr::addr_of_mut!((*p).magic).write_volatile(0) };
    // SAFETY: the slab is empty, and destroyed once (the cache is freed
    // next).
    unsafe { slab_destroy((*p).slab) };
    // SAFETY: `p` came from `KBox::into_raw` in `create`, and is freed
    // once.
    drop(unsafe { KBox::from_raw(p) });
}

/// Module unload: reports the caches never destroyed, and frees every
/// cache without objects; the others are left in place.
pub(super) fn exit(me: &Kmem) {
    loop {
        // One at a time: nothing printed or freed under the lock.
        let node = {
            let mut reg = me.registry.lock();
            let key = reg.tree.iter().next().map(|(k, _)| *k);
            key.and_then(|k| reg.tree.remove_node(&k))
        };
        let Some(node) = node else { break };
        let (_, p) = node.to_key_value();
        // SAFETY: registered caches are live (`DdiCache` invariant); no
        // driver is left to use them at our unload.
        let c = unsafe { &*(p as *const DdiCache) };
        let n = c.outstanding.load(Ordering::SeqCst);
        if !c.dying.load(Ordering::Relaxed) {
            pr_warn!(
                "kmem: cache {} (created by {}) was never destroyed\n",
                c.name,
                Caller(c.creator)
            );
        }
        if n != 0 {
            pr_warn!(
                "kmem: cache {} still has {} object(s) allocated at unload: left in place\n",
                c.name,
                n
            );
            continue;
        }
        // SAFETY: unregistered above, empty, and no driver is left.
        unsafe { release(c) };
    }
}

/// debugfs: the live caches, written under the registry's lock (the
/// seq_file buffer neither allocates nor prints).
pub(crate) fn write_caches(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let reg = kmem().registry.lock();
    writeln!(f, "kmem caches: {}", reg.tree.iter().count())?;
    for (id, &p) in reg.tree.iter() {
        // SAFETY: registered caches are live while the lock is held.
        let c = unsafe { &*(p as *const DdiCache) };
        writeln!(
            f,
            "  {}.{} bufsize {} align {} outstanding {}{} by {}",
            c.name,
            id,
            c.bufsize,
            c.layout.align,
            c.outstanding.load(Ordering::Relaxed),
            if c.dying.load(Ordering::Relaxed) {
                " (destroyed, leaked)"
            } else {
                ""
            },
            Caller(c.creator)
        )?;
    }
    Ok(())
}

/// `kmem_cache_t *kmem_cache_create(...)`, called by its C entry
/// (`exports.c`, `ddi_kmem_cache_create`) with the caller's address.
/// Process context; may sleep.
#[no_mangle]
pub(crate) extern "C" fn ddi_cache_create(
    name: *const c_char,
    bufsize: usize,
    align: usize,
    ctor: Ctor,
    dtor: Dtor,
    reclaim: Reclaim,
    private: *mut c_void,
    vmp: *mut c_void,
    cflags: c_int,
    caller: usize,
) -> *mut c_void {
    create(
        name, bufsize, align, ctor, dtor, reclaim, private, vmp, cflags, caller,
    )
}

/// `void kmem_cache_destroy(kmem_cache_t *cp)`, called by its C entry with
/// the caller's address. Process context; may sleep.
#[no_mangle]
pub(crate) extern "C" fn ddi_cache_destroy(cp: *mut c_void, caller: usize) {
    destroy(cp, caller)
}
