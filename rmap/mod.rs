// SPDX-License-Identifier: GPL-2.0

//! `<sys/map.h>`: Solaris resource maps (`rmallocmap(9F)`, `rmalloc(9F)`,
//! `rmalloc_wait(9F)`, `rmfree(9F)`, `rmfreemap(9F)`).
//!
//! # Theory
//!
//! ## 1. Vocabulary
//!
//! A map hands out ranges of abstract `unsigned long` *units*. A *segment*
//! is a free range; `mapsize` *slots* bound how many segments a map can
//! hold. The map's *extent* is the span from the lowest to the highest
//! unit ever given to it (by `rmfree`). A *waiter* is a `rmalloc_wait` (or
//! `rmalloc_wait_sig`) caller that found no space; the *head* is the
//! oldest waiter whose request fits in the extent. A waiter asking more
//! than the extent is *oversized*: it cannot be served until the map is
//! given more space.
//!
//! ## 2. Data structures
//!
//! The space bookkeeping is [`map_core::Map`]: sorted, coalesced free
//! segments in the slots preallocated by `rmallocmap`, as a sorted array
//! in a map of at most [`map_core::LINEAR_MAX`] slots and as a treap in a
//! bigger one, with first fit by address in O(log n) (see that file for
//! the data structures and the proof). Around it, [`Inner`] holds the
//! waiter queue (oldest first, each [`Waiter`] allocated before the lock
//! is taken, with its own wait queue and granted address) and the extent.
//! `MAPS` lists the live maps for debugfs and for the unload report.
//!
//! ## 3. Locking
//!
//! One [`SpinLockIrqSave`] per map (a `spinlock_t` taken with
//! `spin_lock_irqsave()`, see `ddi/lock.rs`) protects all of [`Inner`].
//! Every call takes it once, for O(log n) work; nothing under it
//! allocates, frees memory, sleeps or prints: decisions are made under the
//! lock, reports are printed after. Waking a waiter is done under it (see
//! `wait.rs`). So `rmalloc`, `rmfree` and `rmfreemap` are callable from any
//! context, hard interrupts included (on PREEMPT_RT: wherever a
//! `spinlock_t` may be taken, see `<sys/map.h>`). A global `SpinLockIrq`
//! protects `MAPS`; lock order is `MAPS`, then a map's lock.
//!
//! The fields the common calls touch sit beside the lock, in declaration
//! order (`repr(C)` on [`RMap`], [`Inner`], `Map` and `Stats`): a map
//! that several CPUs take turns at (the sample drivers' readers) passes
//! the lock's cache line and the next between them, besides the slots the
//! calls use (where `spinlock_t` is 4 bytes; a debug or PREEMPT_RT lock
//! shifts them by its size).
//!
//! ## 4. Wait policy
//!
//! - Waiters are served in strict FIFO order among themselves: whoever
//!   frees space grants the head its space if it fits, then the next
//!   waiter, and stops at the first that does not fit. A new waiter queues
//!   behind those already there even if its request would fit, so a large
//!   request is never overtaken by smaller `rmalloc_wait` calls.
//! - Plain `rmalloc` never waits, so it must not be refused while space is
//!   free for no reason: it may *overtake* the head, but the head is
//!   overtaken by at most its own request's worth of units in all while it
//!   is the head; after that, `rmalloc` returns 0 until the head has been
//!   served or has left. So an interrupt path keeps its allocations while
//!   a task waits, and a stream of small requests cannot starve a large
//!   one: the delay it adds to the head is bounded by the head's size.
//! - Oversized waiters hold nobody up: they are skipped when the queue is
//!   served and do not limit `rmalloc`, and each is reported once, naming
//!   its caller, when it queues. They keep their place: if the map grows
//!   to fit them, they are served in order.
//! - A waiter is woken only by the call that granted its space, or by
//!   `rmfreemap`: never to find nothing (debugfs counts such wake-ups).
//!
//! ## 5. Freeing a map
//!
//! `rmfreemap` marks the map dead, wakes its waiters (they return 0),
//! reports outstanding space, and drops the C reference. A call that may
//! wait first tries the fast path under the driver's reference (it does
//! not sleep, so that reference outlives it), and takes a reference of its
//! own before it can wait (a C caller comes in with a bare pointer), so
//! the memory goes only when the last waiter has left: no use-after-free
//! (but for a driver that calls `rmfreemap` while its own `rmalloc_wait`
//! is still starting, which no design can catch).
//! The slots are freed without sleeping even when vmalloc'd
//! (`ddi/mem.rs`), so `rmfreemap` is callable from any context.
//!
//! ## 6. Worst cases
//!
//! `rmalloc`/`rmfree` O(log n) expected in free segments, O(log(n + m))
//! after m uses (O(1) at the map's hot segment and few levels at segments
//! in use, see `map_core.rs`; in a small map, at most a scan of its
//! `LINEAR_MAX` slots), plus, while w waiters are queued, O(w) to
//! find the head past oversized waiters and to serve them; `rmallocmap`
//! O(mapsize) to thread the slots; memory 48 bytes per slot. `rmalloc`
//! and `rmfree` take the lock once in the common case, which is inline;
//! waiting, misuse and reports are out of line.

#[path = "map_core.rs"]
#[expect(
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
pub(crate) mod map_core;

#[path = "wait.rs"]
mod wait;

#[path = "abi.rs"]
mod abi;

#[path = "classic.rs"]
#[expect(
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
#[cfg_attr(not(CONFIG_KUNIT), expect(dead_code))]
pub(crate) mod classic;

use crate::ddi::lock::{new_spinlock_irqsave, SpinLockIrqSave};
use crate::ddi::mem::KvSlice;
use crate::ddi::Caller;
use kernel::alloc::{flags, Flags};
use kernel::bindings;
use kernel::list::{impl_list_arc_safe, impl_list_item, List, ListArc, ListLinks};
use kernel::prelude::*;
use kernel::sync::{global_lock, Arc};
use map_core::{FreeError, Freed, Map, Slot, Slots, Stats};
pub(crate) use wait::Wait;
use wait::Waiter;

// SAFETY: a `KvSlice` derefs to its one buffer, of its length, every time.
unsafe impl Slots for KvSlice<Slot> {}
// SAFETY: as above, for a vector.
unsafe impl Slots for kernel::alloc::KVec<Slot> {}

/// How long `rmallocmap_wait` and `rmalloc_wait` sleep between attempts
/// to get memory.
const RETRY_MS: i64 = 10;

/// How many outstanding ranges a report lists before "and more".
const REPORT_RANGES: usize = 8;

/// The state a map's lock protects.
///
/// Declaration order: what the common `rmalloc` and `rmfree` calls touch
/// (`nwaiters`, `dead`, the extent, then the head of `map`) comes first;
/// the waiter queue and the counters of rare events come last. Where
/// `spinlock_t` is 4 bytes (no lock debugging, not PREEMPT_RT), this
/// starts 16 bytes into the map's allocation, after the `Arc`'s count and
/// the lock, and the common calls' fields end within its first two cache
/// lines (the assertion below, which takes those 16 bytes as given;
/// "Locking" in the module's theory says why).
#[repr(C)]
struct Inner {
    /// Waiters queued: each is a sleeping task, so a `u32` (which keeps
    /// `dead` in the same eight bytes).
    nwaiters: u32,
    /// Set by `rmfreemap`: waiters leave with 0.
    dead: bool,
    /// The lowest and highest unit ever given to the map (its extent), to
    /// name outstanding ranges when the map is freed.
    lo: usize,
    hi: usize,
    map: Map<KvSlice<Slot>>,
    /// `rmalloc_wait` callers, oldest first.
    waiters: List<Waiter>,
    /// Times a waiter woke to find neither space granted nor the map dead
    /// (nor a signal): 0 unless a wake-up went to the wrong waiter.
    futile_wakeups: u64,
}

// The common calls' fields end within two cache lines of the allocation
// (see `Inner`) if the `Arc`'s count and the lock take 16 bytes before
// `Inner`. That is assumed, not checked: a lock debugging or PREEMPT_RT
// `spinlock_t` is larger, and the layout then costs more lines, not the
// build.
const _: () =
    assert!(16 + core::mem::offset_of!(Inner, map) + Map::<KvSlice<Slot>>::HOT_END <= 2 * 64);

/// A resource map (the C `struct map`).
///
/// # Invariants
///
/// A pointer handed to C is `Arc::into_raw` of an `Arc<RMap>`, owned by the
/// driver until it calls `rmfreemap`.
#[pin_data]
#[repr(C)]
pub(crate) struct RMap {
    /// Protects the map core, the waiter queue and the extent. First (with
    /// `repr(C)`), so that the lock shares its cache line with the head of
    /// [`Inner`].
    #[pin]
    inner: SpinLockIrqSave<Inner>,
    /// Membership of `MAPS`.
    #[pin]
    links: ListLinks,
    mapsize: usize,
    /// Who created the map, for reports.
    creator: Caller,
    /// The map's number (1, 2, ... in creation order), which debugfs shows
    /// instead of its address.
    id: u64,
}

/// The last map number handed out.
static LAST_ID: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(0);

impl_list_arc_safe! {
    impl ListArcSafe<0> for RMap { untracked; }
}
impl_list_item! {
    impl ListItem<0> for RMap { using ListLinks { self.links }; }
}

global_lock! {
    // SAFETY: initialised by `init()` at module load, before any map exists.
    unsafe(uninit) static MAPS: SpinLockIrq<List<RMap>> = List::new();
}

/// Initialises the map registry. Called once, from module init.
pub(crate) fn init() {
    // SAFETY: called once, at module init, before any other use of `MAPS`.
    unsafe { MAPS.init() };
}

/// Frees the maps that drivers left behind (they have all unloaded: they
/// depend on our symbols). Called from module exit.
pub(crate) fn exit() {
    loop {
        // The guard goes at the end of the statement: nothing below runs
        // under the lock.
        let m = MAPS.lock().pop_front();
        let Some(m) = m else { break };
        pr_warn!(
            "rmap: map {:p} (mapsize {}) created by {} was never freed with rmfreemap\n",
            &*m,
            m.mapsize,
            m.creator
        );
        let arc = m.into_arc();
        let ptr: *const RMap = &*arc;
        drop(arc);
        // SAFETY: the map was in `MAPS`, so `rmfreemap` never ran on it and
        // the driver's reference from `Arc::into_raw` is still owed; the
        // driver is gone, so we drop it on its behalf.
        drop(unsafe { Arc::from_raw(ptr) });
    }
}

/// A statistics snapshot of every live map, for debugfs.
pub(crate) fn write_stats(f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    let maps = MAPS.lock();
    let mut n = 0;
    for m in maps.iter() {
        // Lock order: MAPS, then the map. Writing into the seq_file buffer
        // neither allocates nor calls printk.
        let (s, waiters, futile) = {
            let g = m.inner.lock();
            (g.map.stats(), g.nwaiters as usize, g.futile_wakeups)
        };
        n += 1;
        writeln!(
            f,
            "map #{} mapsize {} creator {}\n  segments {} free_units {} largest_free {} \
             lost_units {} outstanding_units {} waiters {} \
             futile_wakeups {}\n  allocs {} frees {} misuse: \
             {} (alloc_zero_size {} free_zero_addr {} free_zero_size {} free_wraps {} \
             free_overlap {})",
            m.id,
            m.mapsize,
            m.creator,
            s.segments,
            s.free_units,
            s.largest_free,
            s.lost_units,
            s.outstanding_units,
            waiters,
            futile,
            s.allocs,
            s.frees,
            s.misuse.total(),
            s.misuse.alloc_zero_size,
            s.misuse.free_zero_addr,
            s.misuse.free_zero_size,
            s.misuse.free_wraps,
            s.misuse.free_overlap
        )?;
    }
    writeln!(f, "{n} map(s)")
}

impl RMap {
    /// Makes an empty map of `mapsize` slots and registers it.
    ///
    /// With `sleep == false` this does not sleep (any context); with
    /// `sleep == true` it may (process context).
    pub(crate) fn new(mapsize: usize, sleep: bool, creator: Caller) -> Result<Arc<RMap>> {
        if sleep {
            crate::ddi::might_sleep();
        }
        let (gfp, raw): (Flags, _) = if sleep {
            (flags::GFP_KERNEL, bindings::GFP_KERNEL)
        } else {
            (
                flags::GFP_ATOMIC | flags::__GFP_NOWARN,
                bindings::GFP_ATOMIC | bindings::__GFP_NOWARN,
            )
        };
        // Freed in any context (`rmfreemap` may be called from interrupt
        // context), which `KvSlice` allows, even when vmalloc'd.
        let slots = KvSlice::from_elem(Slot::EMPTY, mapsize, raw)?;
        let map = Map::new(slots).ok_or(EINVAL)?;
        let me = ListArc::pin_init(
            try_pin_init!(RMap {
                inner <- new_spinlock_irqsave!(Inner {
                    map,
                    waiters: List::new(),
                    nwaiters: 0,
                    dead: false,
                    futile_wakeups: 0,
                    lo: usize::MAX,
                    hi: 0,
                }, c"rmap"),
                links <- ListLinks::new(),
                mapsize,
                creator,
                id: LAST_ID.fetch_add(1, core::sync::atomic::Ordering::Relaxed) + 1,
            }),
            gfp,
        )?;
        let arc = me.clone_arc();
        MAPS.lock().push_back(me);
        Ok(arc)
    }

    /// Current statistics and number of waiters.
    pub(crate) fn stats(&self) -> (Stats, usize) {
        let g = self.inner.lock();
        (g.map.stats(), g.nwaiters as usize)
    }

    /// Wake-ups that found a waiter nothing to take (see [`Inner`]).
    #[cfg_attr(not(CONFIG_KUNIT), expect(dead_code))]
    fn futile_wakeups(&self) -> u64 {
        self.inner.lock().futile_wakeups
    }

    /// `rmalloc`, `rmalloc_wait`, `rmalloc_wait_sig`: `size` units, first
    /// fit; 0 on failure. With [`Wait::No`] this does not sleep and is
    /// callable from any context; otherwise it may sleep.
    #[inline]
    pub(crate) fn alloc(&self, size: usize, wait: Wait, caller: Caller) -> usize {
        if wait != Wait::No {
            crate::ddi::might_sleep();
        }
        match self.alloc_fast(size) {
            0 => self.alloc_slow(size, wait, caller),
            addr => addr,
        }
    }

    /// The common case of [`RMap::alloc`]: a live map, no waiters, and the
    /// space there. Returns 0 for everything else, including the misuse
    /// that `Map::alloc` counts (size 0), which is [`RMap::alloc_slow`]'s
    /// to handle; never sleeps.
    #[inline(always)]
    pub(crate) fn alloc_fast(&self, size: usize) -> usize {
        let mut g = self.inner.lock();
        if size != 0 && !g.dead && g.nwaiters == 0 {
            if let Ok(addr) = g.map.alloc(size) {
                return addr;
            }
        }
        0
    }

    /// `rmfree`: returns `[addr, addr + size)`. Does not sleep; callable
    /// from any context.
    #[inline]
    pub(crate) fn free(&self, size: usize, addr: usize, caller: Caller) {
        let mut g = self.inner.lock();
        let r = g.map.free(addr, size);
        if let Ok(Freed::Merged | Freed::Inserted) = r {
            g.lo = g.lo.min(addr);
            g.hi = g.hi.max(addr + size);
            if g.nwaiters != 0 {
                Self::serve(&mut g);
            }
            return;
        }
        // Lost or refused: the map is as it was, so no waiter can be
        // served.
        let lost_total = g.map.stats().lost_units;
        drop(g);
        self.free_report(r, size, addr, lost_total, caller);
    }

    /// Reports a free that lost its range or was refused.
    #[cold]
    #[inline(never)]
    fn free_report(
        &self,
        r: Result<Freed, FreeError>,
        size: usize,
        addr: usize,
        lost_total: usize,
        caller: Caller,
    ) {
        let end = addr.wrapping_add(size);
        match r {
            Ok(Freed::Lost) => pr_warn!(
                "rmfree: map {:p} (mapsize {}) has no free slot: lost [{:#x}, {:#x}) ({} units; \
                 {} lost in total), called from {}\n",
                self,
                self.mapsize,
                addr,
                end,
                size,
                lost_total,
                caller
            ),
            Ok(_) => {}
            Err(FreeError::ZeroAddr) => {
                pr_warn!(
                    "rmfree: index 0 ({} units) to map {:p}, called from {}\n",
                    size,
                    self,
                    caller
                )
            }
            Err(FreeError::ZeroSize) => {
                pr_warn!(
                    "rmfree: size 0 at {:#x} to map {:p}, called from {}\n",
                    addr,
                    self,
                    caller
                )
            }
            Err(FreeError::Wraps) => pr_warn!(
                "rmfree: range at {:#x} of {} units wraps around, map {:p}, called from {}\n",
                addr,
                size,
                self,
                caller
            ),
            Err(FreeError::Overlap { base, len }) => pr_warn!(
                "rmfree: [{:#x}, {:#x}) overlaps free space [{:#x}, {:#x}) of map {:p} \
                 (double free?), called from {}\n",
                addr,
                end,
                base,
                base + len,
                self,
                caller
            ),
        }
    }

    /// `rmfreemap`: marks the map dead, wakes its waiters, reports what is
    /// still allocated, and unregisters it. Does not sleep.
    pub(crate) fn destroy(this: Arc<RMap>, caller: Caller) {
        let mut ranges = [(0usize, 0usize); REPORT_RANGES];
        let (stats, waiters, nranges) = {
            let mut g = this.inner.lock();
            g.dead = true;
            g.wake_all();
            let n = Self::outstanding(&g, &mut ranges);
            (g.map.stats(), g.nwaiters as usize, n)
        };
        if stats.outstanding_units != 0 || waiters != 0 {
            pr_warn!(
                "rmfreemap: map {:p} (created by {}) freed by {} with {} units outstanding \
                 and {} waiter(s)\n",
                &*this,
                this.creator,
                caller,
                stats.outstanding_units,
                waiters
            );
            for &(b, l) in ranges.iter().take(nranges.min(REPORT_RANGES)) {
                pr_warn!(
                    "rmfreemap:   not free: [{:#x}, {:#x}) ({} units)\n",
                    b,
                    b + l,
                    l
                );
            }
            if nranges > REPORT_RANGES {
                pr_warn!(
                    "rmfreemap:   ... and {} more range(s)\n",
                    nranges - REPORT_RANGES
                );
            }
        }
        // SAFETY: a map is only ever in `MAPS`, and we remove it once: the
        // driver's reference, which `rmfreemap` consumes, is what kept it
        // registered.
        let entry = unsafe { MAPS.lock().remove(&this) };
        drop(entry);
        drop(this);
    }

    /// The ranges of the map's extent that are not free (allocated, lost,
    /// or never given), into `out`; returns how many there are in all.
    fn outstanding(g: &Inner, out: &mut [(usize, usize)]) -> usize {
        if g.lo >= g.hi {
            return 0;
        }
        let mut n = 0;
        let mut cursor = g.lo;
        let mut note = |b: usize, e: usize| {
            if e > b {
                if let Some(slot) = out.get_mut(n) {
                    *slot = (b, e - b);
                }
                n += 1;
            }
        };
        g.map.for_each_segment(|base, len| {
            note(cursor, base);
            cursor = base + len;
        });
        note(cursor, g.hi);
        n
    }
}

#[kunit_tests(ddi_compat_rmap)]
mod tests {
    use super::classic::{ClassicMap, Seg};
    use super::*;
    use kernel::sync::atomic::{Atomic, Relaxed};
    use kernel::time::{delay::fsleep, Delta};
    use kernel::workqueue;

    const C: Caller = Caller(0);

    fn map(mapsize: usize) -> Result<Arc<RMap>> {
        RMap::new(mapsize, true, C)
    }

    /// Starts `rmalloc_wait(size)` on `m` in a worker; the returned cell
    /// holds its answer once it has returned (0 until then).
    fn wait_in_worker(m: &Arc<RMap>, size: usize) -> Result<Arc<Atomic<usize>>> {
        let got = Arc::new(Atomic::new(0usize), GFP_KERNEL)?;
        let (m2, got2) = (m.clone(), got.clone());
        workqueue::system_long().try_spawn(GFP_KERNEL, move || {
            got2.store(m2.alloc(size, Wait::Always, C), Relaxed);
        })?;
        Ok(got)
    }

    /// Polls `cond` every millisecond for up to 5 s.
    fn eventually(cond: impl Fn() -> bool) -> bool {
        for _ in 0..5000 {
            if cond() {
                return true;
            }
            fsleep(Delta::from_millis(1));
        }
        cond()
    }

    fn segs_with_room(m: &RMap) -> Result<KVec<(usize, usize)>> {
        let mut v = KVec::with_capacity(m.mapsize, GFP_KERNEL)?;
        let g = m.inner.lock();
        g.map.for_each_segment(|b, l| {
            let _ = v.push_within_capacity((b, l));
        });
        drop(g);
        Ok(v)
    }

    /// rmalloc(9F) examples 1 and 2: a 12-slot map seeded with a real
    /// 2560-byte buffer, taken in 640-unit pieces.
    #[test]
    fn man_page_map() -> Result {
        let buf = KVec::<u8>::with_capacity(2560, GFP_KERNEL)?;
        let bp = buf.as_ptr() as usize;
        let m = map(12)?;
        m.free(2560, bp, C);
        let mut got = [0usize; 4];
        for (i, g) in got.iter_mut().enumerate() {
            *g = m.alloc(640, Wait::No, C);
            assert_eq!(*g, bp + 640 * i);
        }
        assert_eq!(m.alloc(640, Wait::No, C), 0);
        assert_eq!(m.stats().0.outstanding_units, 2560);
        for a in [got[2], got[0], got[3], got[1]] {
            m.free(640, a, C);
        }
        let s = segs_with_room(&m)?;
        assert_eq!(&s[..], &[(bp, 2560)]);
        assert_eq!(m.stats().0.outstanding_units, 0);
        RMap::destroy(m, C);
        Ok(())
    }

    #[test]
    fn first_fit_coalescing_and_loss() -> Result {
        let m = map(2)?;
        m.free(50, 1000, C);
        m.free(10, 100, C);
        assert_eq!(m.alloc(20, Wait::No, C), 1000); // the lowest base that fits
        assert_eq!(m.alloc(5, Wait::No, C), 100);
        m.free(5, 100, C); // right neighbour: [100, 110)
        m.free(10, 90, C); // right again: [90, 110)
        m.free(10, 110, C); // left: [90, 120)
        m.free(20, 1000, C); // both: back to [1000, 1050)
        assert_eq!(&segs_with_room(&m)?[..], &[(90, 30), (1000, 50)]);
        m.free(7, 500, C); // no neighbour, no slot: lost
        let (s, _) = m.stats();
        assert_eq!(s.lost_units, 7);
        assert_eq!(&segs_with_room(&m)?[..], &[(90, 30), (1000, 50)]);
        RMap::destroy(m, C);
        Ok(())
    }

    #[test]
    fn bad_calls_are_refused_and_counted() -> Result {
        let m = map(4)?;
        m.free(10, 100, C);
        let before = segs_with_room(&m)?;
        assert_eq!(m.alloc(0, Wait::No, C), 0);
        m.free(5, 0, C);
        m.free(0, 200, C);
        m.free(10, usize::MAX - 3, C);
        m.free(4, 104, C); // double free
        assert_eq!(&segs_with_room(&m)?[..], &before[..]);
        let mis = m.stats().0.misuse;
        assert_eq!(mis.alloc_zero_size, 1);
        assert_eq!(mis.free_zero_addr, 1);
        assert_eq!(mis.free_zero_size, 1);
        assert_eq!(mis.free_wraps, 1);
        assert_eq!(mis.free_overlap, 1);
        RMap::destroy(m, C);
        Ok(())
    }

    /// The kernel build of the core, as a small map's array and as a
    /// tree, against the classic array, on a pseudo-random sequence (the
    /// host runs the property tests).
    #[test]
    fn core_matches_classic_in_kernel() -> Result {
        let slots = KVec::from_elem(Slot::EMPTY, 16, GFP_KERNEL)?;
        core_matches_classic(Map::new(slots).ok_or(EINVAL)?)?;
        let slots = KVec::from_elem(Slot::EMPTY, 16, GFP_KERNEL)?;
        core_matches_classic(Map::new_tree(slots).ok_or(EINVAL)?)
    }

    fn core_matches_classic(mut fast: Map<KVec<Slot>>) -> Result {
        let mut model =
            ClassicMap::new(KVec::from_elem(Seg::default(), 16, GFP_KERNEL)?).ok_or(EINVAL)?;
        let mut x: u32 = 12345;
        for _ in 0..3000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let (a, s) = ((x % 400) as usize, ((x >> 9) % 30) as usize);
            if x & 1 == 0 {
                assert_eq!(fast.alloc(s), model.alloc(s));
            } else {
                assert_eq!(fast.free(a, s), model.free(a, s));
            }
            assert_eq!(fast.stats(), model.stats());
        }
        assert!(fast.check().is_ok());
        let (mut a, mut b) = (
            KVec::with_capacity(16, GFP_KERNEL)?,
            KVec::with_capacity(16, GFP_KERNEL)?,
        );
        fast.for_each_segment(|x, y| {
            let _ = a.push_within_capacity((x, y));
        });
        model.for_each_segment(|x, y| {
            let _ = b.push_within_capacity((x, y));
        });
        assert_eq!(&a[..], &b[..]);
        Ok(())
    }

    /// Ascending frees (the worst order for a plain search tree) keep the
    /// treap shallow, and first fit still passes every small fragment.
    #[test]
    fn balanced_at_4096_fragments() -> Result {
        let n = 4096;
        let slots = KvSlice::from_elem(Slot::EMPTY, n + 1, bindings::GFP_KERNEL)?;
        let mut fast = Map::new(slots).ok_or(EINVAL)?;
        for i in 0..n {
            assert!(fast.free(1 + 4 * i, 1).is_ok());
        }
        assert!(fast.free(1 + 4 * n, 100).is_ok());
        assert!(fast.depth() <= 4 * 13);
        assert_eq!(fast.alloc(100), Ok(1 + 4 * n));
        Ok(())
    }

    /// Segments in use over and over rise towards the root in the kernel
    /// build too, with the hint serving none of the calls (the host test
    /// `segments_in_use_rise_to_the_root` at a quarter of its size).
    #[test]
    fn used_segments_rise_in_kernel() -> Result {
        let n = 1024;
        let slots = KvSlice::from_elem(Slot::EMPTY, n + 4, bindings::GFP_KERNEL)?;
        let mut m = Map::new(slots).ok_or(EINVAL)?;
        for i in 0..n {
            assert!(m.free(1 + 2 * i, 1).is_ok());
        }
        let small = 2 * n + 8;
        assert!(m.free(small, 1000).is_ok());
        assert!(m.free(small + 1008, 5000).is_ok());
        assert!(m.free(small + 7000, 10000).is_ok());
        // The hint goes to the 10000 units, and bounds what is below by 8999.
        assert_eq!(m.alloc(9000), Ok(small + 7000));
        assert!(m.free(small + 7000, 9000).is_ok());
        for _ in 0..20 * n {
            assert_eq!(m.alloc(10), Ok(small));
            assert_eq!(m.alloc(2000), Ok(small + 1008));
            assert_eq!(m.free(small, 10), Ok(Freed::Merged));
            assert_eq!(m.free(small + 1008, 2000), Ok(Freed::Merged));
        }
        assert!(m.check().is_ok());
        // A fixed random sequence: the same shape on every run.
        assert!(m.depth_at(small) <= 3);
        assert!(m.depth_at(small + 1008) <= 3);
        Ok(())
    }

    /// A waiter in another thread, woken by our rmfree.
    #[test]
    fn rmalloc_wait_is_woken_by_rmfree() -> Result {
        let m = map(4)?;
        m.free(100, 1000, C);
        assert_eq!(m.alloc(100, Wait::No, C), 1000);
        let got = wait_in_worker(&m, 30)?;
        assert!(eventually(|| m.stats().1 == 1));
        assert_eq!(got.load(Relaxed), 0);
        m.free(40, 1040, C);
        assert!(eventually(|| got.load(Relaxed) != 0));
        assert_eq!(got.load(Relaxed), 1040);
        assert_eq!(m.stats().1, 0);
        RMap::destroy(m, C);
        Ok(())
    }

    /// FIFO: a large request queued first is not overtaken by a small one.
    #[test]
    fn waiters_are_served_in_order() -> Result {
        let m = map(4)?;
        m.free(100, 1000, C);
        assert_eq!(m.alloc(100, Wait::No, C), 1000);
        let big = wait_in_worker(&m, 60)?;
        assert!(eventually(|| m.stats().1 == 1));
        let small = wait_in_worker(&m, 10)?;
        assert!(eventually(|| m.stats().1 == 2));
        // Room for the small one only: it must keep waiting behind the big.
        m.free(10, 1000, C);
        fsleep(Delta::from_millis(20));
        assert_eq!((big.load(Relaxed), small.load(Relaxed)), (0, 0));
        // [1000, 1070): the big one, then the small one, both served by this
        // rmfree; either thread may store its answer first.
        m.free(60, 1010, C);
        assert!(eventually(
            || small.load(Relaxed) != 0 && big.load(Relaxed) != 0
        ));
        assert_eq!(big.load(Relaxed), 1000);
        assert_eq!(small.load(Relaxed), 1060);
        RMap::destroy(m, C);
        Ok(())
    }

    /// A plain rmalloc is served while a task waits and space is free, but
    /// overtakes the head waiter by no more than the head's own request:
    /// a stream of small requests cannot starve a large one.
    #[test]
    fn rmalloc_overtakes_a_waiter_by_at_most_its_size() -> Result {
        let m = map(4)?;
        m.free(200, 1000, C);
        assert_eq!(m.alloc(150, Wait::No, C), 1000); // [1150, 1200) is free
        let big = wait_in_worker(&m, 100)?;
        assert!(eventually(|| m.stats().1 == 1));
        for _ in 0..2 {
            assert_eq!(m.alloc(40, Wait::No, C), 1150);
            m.free(40, 1150, C);
        }
        // 80 units have overtaken the head: 40 more would pass its 100.
        assert_eq!(m.alloc(40, Wait::No, C), 0);
        assert_eq!(m.alloc(20, Wait::No, C), 1150);
        m.free(20, 1150, C);
        assert_eq!(m.alloc(1, Wait::No, C), 0);
        assert_eq!(big.load(Relaxed), 0);
        m.free(150, 1000, C);
        assert!(eventually(|| big.load(Relaxed) != 0));
        assert_eq!(big.load(Relaxed), 1000);
        // The head has gone: rmalloc takes what is free again.
        assert_eq!(m.alloc(100, Wait::No, C), 1100);
        m.free(200, 1000, C);
        assert_eq!(m.stats().0.outstanding_units, 0);
        RMap::destroy(m, C);
        Ok(())
    }

    /// A waiter asking more than the map's extent holds nobody up, and is
    /// served in its turn once the map grows to fit it.
    #[test]
    fn oversized_waiter_holds_nobody_up() -> Result {
        let m = map(4)?;
        m.free(100, 1000, C);
        let huge = wait_in_worker(&m, 500)?;
        assert!(eventually(|| m.stats().1 == 1));
        assert_eq!(m.alloc(10, Wait::No, C), 1000);
        assert_eq!(m.alloc(80, Wait::No, C), 1010);
        let small = wait_in_worker(&m, 20)?; // 10 free: it waits
        assert!(eventually(|| m.stats().1 == 2));
        m.free(80, 1010, C); // [1010, 1100): the small one, past the huge
        assert!(eventually(|| small.load(Relaxed) != 0));
        assert_eq!(small.load(Relaxed), 1010);
        assert_eq!(huge.load(Relaxed), 0);
        m.free(600, 5000, C); // now it fits
        assert!(eventually(|| huge.load(Relaxed) != 0));
        assert_eq!(huge.load(Relaxed), 5000);
        assert_eq!(m.stats().1, 0);
        m.free(10, 1000, C);
        m.free(20, 1010, C);
        m.free(500, 5000, C);
        assert_eq!(m.stats().0.outstanding_units, 0);
        RMap::destroy(m, C);
        Ok(())
    }

    /// Space for one of two waiters wakes that one only; the other sleeps
    /// on until its own space comes.
    #[test]
    fn only_served_waiters_are_woken() -> Result {
        let m = map(4)?;
        m.free(100, 1000, C);
        assert_eq!(m.alloc(100, Wait::No, C), 1000);
        let a = wait_in_worker(&m, 30)?;
        assert!(eventually(|| m.stats().1 == 1));
        let b = wait_in_worker(&m, 30)?;
        assert!(eventually(|| m.stats().1 == 2));
        m.free(10, 1000, C); // serves nobody
        m.free(30, 1010, C); // serves a
        assert!(eventually(|| a.load(Relaxed) != 0));
        assert_eq!(a.load(Relaxed), 1000);
        fsleep(Delta::from_millis(20));
        assert_eq!(b.load(Relaxed), 0);
        m.free(60, 1040, C); // serves b
        assert!(eventually(|| b.load(Relaxed) != 0));
        assert_eq!(b.load(Relaxed), 1030);
        assert_eq!(m.futile_wakeups(), 0);
        m.free(30, 1000, C);
        m.free(30, 1030, C);
        RMap::destroy(m, C);
        Ok(())
    }

    /// rmfreemap with a waiter: the waiter returns 0, nothing is freed under
    /// its feet (KASAN watches).
    #[test]
    fn rmfreemap_releases_waiters() -> Result {
        let m = map(2)?;
        let done = Arc::new(Atomic::new(0usize), GFP_KERNEL)?;
        let (m2, d2) = (m.clone(), done.clone());
        workqueue::system_long().try_spawn(GFP_KERNEL, move || {
            let a = m2.alloc(5, Wait::Always, C);
            d2.store(if a == 0 { 1 } else { 2 }, Relaxed);
        })?;
        assert!(eventually(|| m.stats().1 == 1));
        RMap::destroy(m, C);
        assert!(eventually(|| done.load(Relaxed) != 0));
        assert_eq!(done.load(Relaxed), 1);
        Ok(())
    }
}
