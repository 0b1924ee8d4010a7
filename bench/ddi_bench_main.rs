// SPDX-License-Identifier: GPL-2.0

//! ddi_bench: the shim against Linux's own facilities, side by side in one
//! run (`make bench`, on the plain kernel).
//!
//! Everything runs at module load and prints `ddi_bench:` lines: a table of
//! nanoseconds per call and one `ratio: <what> <ours/baseline>` line per
//! comparison. Each contender runs for at least [`MIN_NS`] per round, the
//! contenders alternate, and each keeps its fastest of [`ROUNDS`] rounds, so
//! that a noisy neighbour slows one round, not one contender.
//!
//! The shim is called through its exported C ABI, as drivers call it.

use core::ffi::c_void;
use kernel::alloc::{KVVec, KVec};
use kernel::ffi::{c_int, c_ulong};
use kernel::prelude::*;
use kernel::time::{Instant, Monotonic};

// The classic array is the same source the host tests use as their model.
#[path = "../rmap/classic.rs"]
#[expect(
    dead_code,
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
mod classic;
#[path = "../rmap/map_core.rs"]
#[expect(
    dead_code,
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
mod map_core;

use classic::{ClassicMap, Seg};
use lock::{new_spinlock_irqsave, SpinLockIrqSave};

// The lock the shim's maps use.
#[path = "../ddi/lock.rs"]
mod lock;

module! {
    type: DdiBench,
    name: "ddi_bench",
    authors: ["ddi-compat developers"],
    description: "ddi-compat benchmarks against Linux baselines",
    license: "GPL",
}

// The shim, through the same safe wrappers over its C ABI as any Rust driver.
#[path = "../include/rust/ddi.rs"]
mod ddi;

// One chunk of the sample drivers' read loop, step by step.
#[path = "chunk.rs"]
mod chunk;

extern "C" {
    fn ddi_bench_pool_create(base: c_ulong, size: usize) -> *mut c_void;
    fn ddi_bench_pool_alloc(pool: *mut c_void, size: usize) -> c_ulong;
    fn ddi_bench_pool_free(pool: *mut c_void, addr: c_ulong, size: usize);
    fn ddi_bench_pool_destroy(pool: *mut c_void);
    fn ddi_bench_kmem(
        size: usize,
        cpus: c_int,
        rounds: c_int,
        ours_ps: *mut u64,
        base_ps: *mut u64,
    ) -> c_int;
    fn ddi_bench_kmem_footprint(size: usize, ours: *mut usize, base: *mut usize);
    fn ddi_bench_rmap_contend(cpus: c_int, rounds: c_int, ps: *mut u64) -> c_int;
    /// kmem_compat's debug modes for new buffers; returns the old ones
    /// (exported in the `DDI_COMPAT_INTERNAL` namespace).
    fn ddi_kmem_set_mode(flags: u32) -> u32;
}

/// Minimum time per contender per round.
const MIN_NS: i64 = 30_000_000;
/// A batch of operations between two readings of the clock grows until it
/// takes this long.
const BATCH_NS: i64 = 1_000_000;
/// Rounds; each contender keeps its fastest.
const ROUNDS: usize = 5;
/// Rounds of the kmem pairs, 10 ms each (`bench/kmem.c`): many short
/// rounds, alternating, so that a slow spell of the VM is less likely to
/// cover all of one contender's rounds.
const KMEM_ROUNDS: c_int = 15;

/// A resource allocator under test. (Not `alloc`/`free`: `ddi::RMap`'s
/// own methods of those names take their arguments in `rmfree`'s order.)
trait Ranges {
    /// Allocates `size` units; 0 on failure.
    fn take(&mut self, size: usize) -> usize;
    /// Frees `[addr, addr + size)`.
    fn give(&mut self, addr: usize, size: usize);
}

/// The shim's resource map, a map of `mapsize` slots whose free space is
/// `free` (sorted).
fn ours(mapsize: usize, free: &[(usize, usize)]) -> Result<ddi::RMap> {
    let mut me = ddi::RMap::new(mapsize).ok_or(ENOMEM)?;
    for &(b, l) in free {
        me.give(b, l);
    }
    Ok(me)
}

impl Ranges for ddi::RMap {
    fn take(&mut self, size: usize) -> usize {
        ddi::RMap::alloc(self, size)
    }
    fn give(&mut self, addr: usize, size: usize) {
        ddi::RMap::free(self, size, addr)
    }
}

/// The classic linear array, behind the same kind of lock as ours.
struct Classic(Pin<KBox<SpinLockIrqSave<ClassicMap<KVVec<Seg>>>>>);

impl Classic {
    fn new(mapsize: usize, free: &[(usize, usize)]) -> Result<Self> {
        let map = ClassicMap::new(KVVec::from_elem(Seg::default(), mapsize, GFP_KERNEL)?)
            .ok_or(EINVAL)?;
        let mut me = Classic(KBox::pin_init(
            new_spinlock_irqsave!(map, c"classic"),
            GFP_KERNEL,
        )?);
        for &(b, l) in free {
            me.give(b, l);
        }
        Ok(me)
    }
}

impl Ranges for Classic {
    fn take(&mut self, size: usize) -> usize {
        self.0.lock().alloc(size).unwrap_or(0)
    }
    fn give(&mut self, addr: usize, size: usize) {
        let _ = self.0.lock().free(addr, size);
    }
}

// SAFETY: a vector derefs to its one buffer, of its length, every time.
unsafe impl map_core::Slots for KVVec<map_core::Slot> {}

/// The shim's map core alone, without its lock and C ABI: a diagnostic that
/// separates the data structure from the calling and locking costs.
struct Core(map_core::Map<KVVec<map_core::Slot>>);

impl Core {
    fn new(mapsize: usize, free: &[(usize, usize)]) -> Result<Self> {
        let slots = KVVec::from_elem(map_core::Slot::EMPTY, mapsize, GFP_KERNEL)?;
        let mut me = Core(map_core::Map::new(slots).ok_or(EINVAL)?);
        for &(b, l) in free {
            me.give(b, l);
        }
        Ok(me)
    }
}

impl Ranges for Core {
    fn take(&mut self, size: usize) -> usize {
        self.0.alloc(size).unwrap_or(0)
    }
    fn give(&mut self, addr: usize, size: usize) {
        let _ = self.0.free(addr, size);
    }
}

/// The shim's lock taken and released once per call around a counter: a
/// diagnostic, the floor under any map behind that lock.
struct LockAlone(Pin<KBox<SpinLockIrqSave<usize>>>);

impl LockAlone {
    fn new() -> Result<Self> {
        Ok(LockAlone(KBox::pin_init(
            new_spinlock_irqsave!(0, c"lock_alone"),
            GFP_KERNEL,
        )?))
    }
}

impl Ranges for LockAlone {
    fn take(&mut self, size: usize) -> usize {
        let mut g = self.0.lock();
        *g = g.wrapping_add(size);
        *g
    }
    fn give(&mut self, addr: usize, _size: usize) {
        let mut g = self.0.lock();
        *g = g.wrapping_add(addr);
    }
}

/// genalloc: first fit over a bitmap, one bit per unit.
struct GenPool {
    pool: *mut c_void,
    /// Set by `release`: every unit is free, so the pool may be destroyed.
    released: bool,
}

impl GenPool {
    /// A pool over the extent of `free` (sorted) with exactly `free` free.
    fn new(free: &[(usize, usize)]) -> Result<Self> {
        let (base, end) = match (free.first(), free.last()) {
            (Some(f), Some(l)) => (f.0, l.0 + l.1),
            _ => return Err(EINVAL),
        };
        // SAFETY: creating a pool has no precondition.
        let pool = unsafe { ddi_bench_pool_create(base, end - base) };
        if pool.is_null() {
            return Err(ENOMEM);
        }
        let mut me = GenPool {
            pool,
            released: false,
        };
        // Take everything, then give back the free ranges.
        if me.take(end - base) != base {
            return Err(EINVAL);
        }
        for &(b, l) in free {
            me.give(b, l);
        }
        Ok(me)
    }

    /// Frees what `new` left allocated (the gaps between the `free`
    /// ranges), so that `drop` can destroy the pool.
    fn release(&mut self, free: &[(usize, usize)]) {
        for w in free.windows(2) {
            let end = w[0].0 + w[0].1;
            if w[1].0 > end {
                self.give(end, w[1].0 - end);
            }
        }
        self.released = true;
    }
}

impl Ranges for GenPool {
    fn take(&mut self, size: usize) -> usize {
        // SAFETY: `self.pool` is live until `drop`.
        unsafe { ddi_bench_pool_alloc(self.pool, size) }
    }
    fn give(&mut self, addr: usize, size: usize) {
        // SAFETY: as above; the benchmark frees only what it allocated.
        unsafe { ddi_bench_pool_free(self.pool, addr, size) }
    }
}

impl Drop for GenPool {
    fn drop(&mut self) {
        if self.released {
            // SAFETY: every unit is free (`release`), which genalloc
            // requires (it BUG()s otherwise); the pool is destroyed once.
            unsafe { ddi_bench_pool_destroy(self.pool) }
        } else {
            pr_warn!("genalloc pool leaked: the benchmark stopped early\n");
        }
    }
}

/// Picoseconds per call of `op` (which makes `calls` calls) on `r`, running
/// at least `MIN_NS`. The clock is read once per batch of `op`s, the batch
/// doubling while it takes under [`BATCH_NS`], so that reading the clock
/// does not weigh in the figures of cheap operations.
fn time_calls<R>(r: &mut R, calls: u64, mut op: impl FnMut(&mut R)) -> u64 {
    let start = Instant::<Monotonic>::now();
    let (mut n, mut batch, mut last) = (0u64, 1u64, 0i64);
    loop {
        for _ in 0..batch {
            op(r);
        }
        n += batch;
        let t = start.elapsed().as_nanos();
        if t >= MIN_NS && n >= 4 {
            return (t as u64 * 1000) / (n * calls);
        }
        if t - last < BATCH_NS {
            batch *= 2;
        }
        last = t;
    }
}

/// `x / y` in decimal: 3 decimals, or 6 below 0.1 (so that a ratio of
/// 1/1000 still has three significant digits).
struct Ratio(u64, u64);

impl core::fmt::Display for Ratio {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let micro = self.0.saturating_mul(1_000_000) / self.1.max(1);
        if micro < 100_000 {
            write!(f, "0.{:06}", micro)
        } else {
            let milli = micro / 1000;
            write!(f, "{}.{:03}", milli / 1000, milli % 1000)
        }
    }
}

impl kernel::fmt::Display for Ratio {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(self, f)
    }
}

/// Picoseconds as "nanoseconds with one decimal".
struct Ns(u64);

impl kernel::fmt::Display for Ns {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}.{}", self.0 / 1000, (self.0 % 1000) / 100)
    }
}

/// One scenario: free space `free`, a map of `mapsize` slots, and an
/// operation that allocates each of `sizes` and then frees them in the
/// same order, its first allocation checked to return `expect`. Then, if
/// `prime` is set, one allocation of `prime` units, freed at once, before
/// the timing. Returns picoseconds per call for (ours, classic, genalloc,
/// our core alone, the lock alone).
fn scenario(
    mapsize: usize,
    free: &[(usize, usize)],
    sizes: &[usize],
    expect: usize,
    prime: Option<usize>,
) -> Result<[u64; 5]> {
    let calls = 2 * sizes.len() as u64;
    let mut addrs = KVec::with_capacity(sizes.len(), GFP_KERNEL)?;
    addrs.resize(sizes.len(), 0, GFP_KERNEL)?;
    let mut ours = ours(mapsize, free)?;
    let mut classic = Classic::new(mapsize, free)?;
    let mut pool = GenPool::new(free)?;
    let mut core = Core::new(mapsize, free)?;
    let mut lock = LockAlone::new()?;
    // The operation: allocate every size, then free in the same order.
    fn op<R: Ranges>(r: &mut R, sizes: &[usize], addrs: &mut [usize]) {
        for (a, &s) in addrs.iter_mut().zip(sizes) {
            *a = r.take(s);
        }
        for (&a, &s) in addrs.iter().zip(sizes) {
            r.give(a, s);
        }
    }
    // All three must give the same first answer (first fit).
    let firsts = [
        ours.take(sizes[0]),
        classic.take(sizes[0]),
        pool.take(sizes[0]),
    ];
    ours.give(firsts[0], sizes[0]);
    classic.give(firsts[1], sizes[0]);
    pool.give(firsts[2], sizes[0]);
    if let Some(p) = prime {
        let a = ours.take(p);
        ours.give(a, p);
        let a = classic.take(p);
        classic.give(a, p);
        let a = pool.take(p);
        pool.give(a, p);
        let a = core.take(p);
        core.give(a, p);
    }
    if firsts != [expect; 3] {
        pr_err!(
            "first fit disagrees: ours {:#x} classic {:#x} genalloc {:#x}, expected {:#x}\n",
            firsts[0],
            firsts[1],
            firsts[2],
            expect
        );
        return Err(EINVAL);
    }
    let mut best = [u64::MAX; 5];
    for _ in 0..ROUNDS {
        best[0] = best[0].min(time_calls(&mut ours, calls, |r| op(r, sizes, &mut addrs)));
        best[1] = best[1].min(time_calls(&mut classic, calls, |r| {
            op(r, sizes, &mut addrs)
        }));
        best[2] = best[2].min(time_calls(&mut pool, calls, |r| op(r, sizes, &mut addrs)));
        best[3] = best[3].min(time_calls(&mut core, calls, |r| op(r, sizes, &mut addrs)));
        best[4] = best[4].min(time_calls(&mut lock, calls, |r| op(r, sizes, &mut addrs)));
    }
    pool.release(free);
    Ok(best)
}

fn bench_rmap() -> Result {
    pr_info!(
        "rmap: ns per call (rmalloc or rmfree), fastest of {} rounds\n",
        ROUNDS
    );
    pr_info!(
        "rmap: {:>10} {:>12} {:>12} {:>12} {:>12} {:>12}\n",
        "scenario",
        "ours",
        "classic",
        "genalloc",
        "core alone",
        "lock alone"
    );
    // The man page's map: 12 slots, a 2560-byte buffer, four 640s.
    let buf = KVec::<u8>::with_capacity(2560, GFP_KERNEL)?;
    let bp = buf.as_ptr() as usize;
    let man = scenario(12, &[(bp, 2560)], &[640; 4], bp, None)?;
    let mut rows: KVec<(&str, [u64; 5])> = KVec::new();
    rows.push(("manpage", man), GFP_KERNEL)?;
    // n one-unit fragments, then the one that fits: a request passes them all.
    let base = 0x10_0000usize;
    let mut per_frag = [0u64; 3];
    for (name, n) in [("256", 256usize), ("4096", 4096), ("65536", 65536)] {
        let mut free = KVVec::with_capacity(n + 1, GFP_KERNEL)?;
        for i in 0..n {
            free.push((base + 2 * i, 1), GFP_KERNEL)?;
        }
        let big = base + 2 * n + 8;
        free.push((big, 1000), GFP_KERNEL)?;
        let r = scenario(n + 2, &free, &[10], big, None)?;
        if n == 256 {
            per_frag[0] = r[0];
        }
        if n == 65536 {
            per_frag[1] = r[0];
        }
        rows.push((name, r), GFP_KERNEL)?;
    }
    // The same 4096 fragments, then two segments taken from in turn by
    // requests of two sizes: the hot segment serves one call in four, the
    // others go through the tree (a diagnostic of the O(log n) path).
    let n = 4096;
    let mut free = KVVec::with_capacity(n + 2, GFP_KERNEL)?;
    for i in 0..n {
        free.push((base + 2 * i, 1), GFP_KERNEL)?;
    }
    let (small, large) = (base + 2 * n + 8, base + 2 * n + 2016);
    free.push((small, 1000), GFP_KERNEL)?;
    free.push((large, 5000), GFP_KERNEL)?;
    let r = scenario(n + 3, &free, &[10, 2000], small, None)?;
    rows.push(("4096-tree", r), GFP_KERNEL)?;
    // Every call through the tree: the fragments, then segments of 1000
    // and 5000 units that the two requests take from and free to, and one
    // of 10000 above them, made the hot segment by a request only it
    // holds. Each request fits the hot segment but is no longer than the
    // one that made it hot, so the search must look below it (and finds
    // its fit there); each free lands beside the lower two, never beside
    // the hot segment. So the hint serves no call.
    for (name, n) in [("4096-all", 4096usize), ("65536-all", 65536)] {
        let mut free = KVVec::with_capacity(n + 3, GFP_KERNEL)?;
        for i in 0..n {
            free.push((base + 2 * i, 1), GFP_KERNEL)?;
        }
        let small = base + 2 * n + 8;
        free.push((small, 1000), GFP_KERNEL)?;
        free.push((small + 1008, 5000), GFP_KERNEL)?;
        free.push((small + 7000, 10000), GFP_KERNEL)?;
        let r = scenario(n + 4, &free, &[10, 2000], small, Some(9000))?;
        rows.push((name, r), GFP_KERNEL)?;
    }
    for (name, r) in rows.iter() {
        pr_info!(
            "rmap: {:>10} {:>12} {:>12} {:>12} {:>12} {:>12}\n",
            name,
            Ns(r[0]),
            Ns(r[1]),
            Ns(r[2]),
            Ns(r[3]),
            Ns(r[4])
        );
    }
    for (name, r) in rows.iter() {
        pr_info!("ratio: rmap/classic/{} {}\n", name, Ratio(r[0], r[1]));
        pr_info!("ratio: rmap/genalloc/{} {}\n", name, Ratio(r[0], r[2]));
    }
    pr_info!(
        "ratio: rmap/growth/256-65536 {}\n",
        Ratio(per_frag[1], per_frag[0])
    );
    drop(buf);
    bench_rmap_contend()
}

/// The sample drivers' map under contention (`bench/rmap.c`): rmalloc(640)
/// and rmfree on the man page's map, on 1 CPU and on 2 at once, against
/// the native driver's four slots under a plain and under an irq-saving
/// spinlock.
fn bench_rmap_contend() -> Result {
    pr_info!(
        "rmap: ns per rmalloc(640)+rmfree pair on the man page's map, fastest of {} rounds\n",
        ROUNDS
    );
    pr_info!(
        "rmap: {:>5} {:>12} {:>12} {:>14}\n",
        "cpus",
        "ours",
        "slots",
        "slots irqsave"
    );
    let mut rows = [(0, [0u64; 3]); 2];
    for (row, cpus) in rows.iter_mut().zip([1, 2]) {
        let mut ps = [0u64; 3];
        // SAFETY: `ps` has the three elements the helper fills.
        let r = unsafe { ddi_bench_rmap_contend(cpus, ROUNDS as c_int, ps.as_mut_ptr()) };
        if r != 0 {
            pr_err!("rmap contention benchmark on {} cpus failed: {}\n", cpus, r);
            return Err(Error::from_errno(r));
        }
        pr_info!(
            "rmap: {:>5} {:>12} {:>12} {:>14}\n",
            cpus,
            Ns(ps[0]),
            Ns(ps[1]),
            Ns(ps[2])
        );
        *row = (cpus, ps);
    }
    for (cpus, ps) in rows {
        pr_info!("ratio: rmap/slots/{} {}\n", cpus, Ratio(ps[0], ps[1]));
        pr_info!(
            "ratio: rmap/slots_irqsave/{} {}\n",
            cpus,
            Ratio(ps[0], ps[2])
        );
    }
    Ok(())
}

/// Picoseconds per pair (kmem, kmalloc) for `size` bytes on `cpus` CPUs at
/// once, with kmem_compat's debug modes `mode` (`kmem_flags` bits) for the
/// run.
fn kmem_pair(size: usize, cpus: c_int, mode: u32) -> Result<(u64, u64)> {
    let (mut ours, mut base) = (0u64, 0u64);
    // SAFETY: setting the modes has no precondition; buffers keep the modes
    // they were allocated with.
    let old = unsafe { ddi_kmem_set_mode(mode) };
    // SAFETY: plain out-parameters; the helper checks `cpus`.
    let r = unsafe { ddi_bench_kmem(size, cpus, KMEM_ROUNDS, &mut ours, &mut base) };
    // SAFETY: as above.
    unsafe { ddi_kmem_set_mode(old) };
    if r != 0 {
        pr_err!(
            "kmem benchmark failed for size {} on {} cpus with kmem_flags {:#x}: {}\n",
            size,
            cpus,
            mode,
            r
        );
        return Err(Error::from_errno(r));
    }
    Ok((ours, base))
}

fn bench_kmem() -> Result {
    const SIZES: [usize; 6] = [8, 64, 512, 4096, 8192, 65536];
    pr_info!(
        "kmem: ns per alloc+free pair, fastest of {} rounds; bytes really taken per buffer\n",
        KMEM_ROUNDS
    );
    pr_info!(
        "kmem: {:>6} {:>5} {:>10} {:>10} {:>12} {:>12}\n",
        "size",
        "cpus",
        "kmem",
        "kmalloc",
        "kmem bytes",
        "kmalloc bytes"
    );
    // A warm-up pass, not reported: the VM is still settling after boot,
    // and the first figures were the noisiest.
    kmem_pair(SIZES[0], 1, 0)?;
    let mut ratios = KVec::new();
    for size in SIZES {
        let (mut ours_b, mut base_b) = (0usize, 0usize);
        // SAFETY: plain out-parameters.
        unsafe { ddi_bench_kmem_footprint(size, &mut ours_b, &mut base_b) };
        for cpus in [1, 2] {
            let (ours, base) = kmem_pair(size, cpus, 0)?;
            pr_info!(
                "kmem: {:>6} {:>5} {:>10} {:>10} {:>12} {:>12}\n",
                size,
                cpus,
                Ns(ours),
                Ns(base),
                ours_b,
                base_b
            );
            ratios.push((size, cpus, ours, base), GFP_KERNEL)?;
        }
        pr_info!(
            "memory: kmem/{} {} ({} vs {} bytes)\n",
            size,
            Ratio(ours_b as u64, base_b as u64),
            ours_b,
            base_b
        );
    }
    for &(size, cpus, ours, base) in ratios.iter() {
        pr_info!("ratio: kmem/{}/{} {}\n", size, cpus, Ratio(ours, base));
    }
    bench_kmem_modes()
}

/// What each `kmem_flags` debug mode costs, on 1 CPU, against kmalloc in
/// the same run.
fn bench_kmem_modes() -> Result {
    // illumos's `KMF_*` values (`<sys/kmem.h>`).
    const MODES: [(&str, u32); 5] = [
        ("none", 0),
        ("redzone", 0x4),
        ("poison", 0x2),
        ("audit", 0x1),
        ("all", 0x7),
    ];
    pr_info!("kmem: debug modes (kmem_flags), 1 cpu: ns per pair, kmem vs kmalloc\n");
    for size in [64usize, 4096] {
        for (name, mode) in MODES {
            let (ours, base) = kmem_pair(size, 1, mode)?;
            pr_info!(
                "debug: kmem/{}/{} {} ({} vs {} ns)\n",
                name,
                size,
                Ratio(ours, base),
                Ns(ours),
                Ns(base)
            );
        }
    }
    Ok(())
}

struct DdiBench;

impl kernel::Module for DdiBench {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        bench_kmem()?;
        bench_rmap()?;
        chunk::bench_chunk()?;
        pr_info!("done\n");
        Ok(DdiBench)
    }
}
