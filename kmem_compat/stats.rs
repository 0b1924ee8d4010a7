// SPDX-License-Identifier: GPL-2.0

//! kmem_compat's statistics: the per-CPU counters of the hot path (kept in
//! C, `kmem_compat/exports.c`), the relaxed counters of rare events, and
//! the debugfs file `ddi_compat/kmem`. The counters of rare events are
//! shared by `kmem_alloc` and the `kmem_cache_*` calls.

use super::{kmem, mode};
use crate::ddi::Caller;
use core::ffi::c_void;
use kernel::prelude::*;
use kernel::sync::atomic::{Atomic, Relaxed};

/// The totals of the per-CPU counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counters {
    pub(crate) allocs: u64,
    pub(crate) frees: u64,
    pub(crate) bytes: i64,
    pub(crate) peak: i64,
}

/// Sums the per-CPU counters (and samples the peak).
pub(crate) fn counters() -> Counters {
    let mut c = Counters::default();
    // SAFETY: four valid out-pointers.
    unsafe { ddi_kmem_counters(&mut c.allocs, &mut c.frees, &mut c.bytes, &mut c.peak) };
    c
}

// kmem_compat/exports.c: the per-CPU counters (`this_cpu_add()` has no
// Rust binding).
extern "C" {
    /// Totals of the per-CPU counters; samples the peak. Null pointers
    /// are skipped.
    fn ddi_kmem_counters(allocs: *mut u64, frees: *mut u64, bytes: *mut i64, peak: *mut i64);
    /// Counts an allocation of `size` bytes on this CPU (`this_cpu_add()`).
    fn ddi_kmem_count_alloc(size: usize);
    /// Counts a free of `size` bytes on this CPU.
    fn ddi_kmem_count_free(size: usize);
}

/// Counts an allocation of `size` bytes.
#[inline(always)]
pub(super) fn count_alloc(size: usize) {
    // SAFETY: no precondition; any context.
    unsafe { ddi_kmem_count_alloc(size) }
}

/// Counts a free of `size` bytes.
#[inline(always)]
pub(super) fn count_free(size: usize) {
    // SAFETY: no precondition; any context.
    unsafe { ddi_kmem_count_free(size) }
}

/// Misuse kinds, the index into [`Stats::misuse`].
#[derive(Clone, Copy)]
pub(crate) enum Misuse {
    WrongSize = 0,
    DoubleFree,
    Foreign,
    NullWithSize,
    Overrun,
    BadFlags,
    /// An object freed to another cache, or a buffer and an object mixed up.
    WrongCache,
    /// A cache handle that is not a live cache, bad `kmem_cache_create`
    /// arguments, or a cache used after its destroy.
    BadCache,
    /// `kmem_cache_destroy` with objects outstanding.
    CacheLeak,
}

const MISUSE: usize = 9;

const MISUSE_NAMES: [&str; MISUSE] = [
    "wrong_size",
    "double_free",
    "foreign_pointer",
    "null_with_size",
    "overrun",
    "bad_flags",
    "wrong_cache",
    "bad_cache",
    "cache_leak",
];

/// Counters of the rare events, relaxed atomics (the hot ones are per
/// CPU: see [`counters`]).
pub(crate) struct Stats {
    /// Allocations that returned NULL for want of memory (or with a failed
    /// constructor).
    pub(crate) failures: Atomic<u64>,
    pub(crate) misuse: [Atomic<u64>; MISUSE],
    /// Call sites warned about unknown flag bits.
    pub(crate) flag_sites: Atomic<u64>,
    /// `KM_PANIC` failures that did not panic (the KUnit suite's).
    pub(crate) km_panics: Atomic<u64>,
}

pub(crate) static STATS: Stats = Stats {
    failures: Atomic::new(0),
    misuse: [const { Atomic::new(0) }; MISUSE],
    flag_sites: Atomic::new(0),
    km_panics: Atomic::new(0),
};

impl Stats {
    pub(super) fn misuse(&self, m: Misuse) {
        self.misuse[m as usize].add(1, Relaxed);
    }

    /// Counted by `kind`.
    pub(crate) fn misuse_count(&self, m: Misuse) -> u64 {
        self.misuse[m as usize].load(Relaxed)
    }
}

/// debugfs `ddi_compat/kmem`: counters, then the listed buffers.
pub(crate) fn write_stats(f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    let s = &STATS;
    let c = counters();
    writeln!(
        f,
        "allocs {} frees {} outstanding {} bytes_in_use {} peak_bytes {} failures {} kmem_flags {:#x}",
        c.allocs,
        c.frees,
        c.allocs.saturating_sub(c.frees),
        c.bytes,
        c.peak,
        s.failures.load(Relaxed),
        mode()
    )?;
    write!(f, "misuse")?;
    for (i, name) in MISUSE_NAMES.iter().enumerate() {
        write!(f, " {} {}", name, s.misuse[i].load(Relaxed))?;
    }
    writeln!(f, " bad_flag_sites {}", s.flag_sites.load(Relaxed))?;
    super::cache::write_caches(f)?;
    // Writing to the seq_file buffer under the table lock neither
    // allocates nor calls printk.
    let t = kmem().table.lock();
    writeln!(
        f,
        "listed buffers (big, or audited): {}",
        t.tree.iter().count()
    )?;
    for (k, r) in t.tree.iter() {
        // Hashed (the kernel's %p, through the prelude's `fmt!`; core's `{:p}`
        // would print the raw address), as every address we print.
        let p = *k as *const c_void;
        f.write_fmt(kernel::prelude::fmt!(
            "  {:p} {} bytes by {}\n",
            p,
            r.size,
            Caller(r.caller)
        ))?;
    }
    Ok(())
}

/// The counter named `name` (a misuse kind of the debugfs file, or
/// `failures` or `bad_flag_sites`), or `u64::MAX` for an unknown name; for
/// the C KUnit suites (exported in the `DDI_COMPAT_INTERNAL` namespace).
///
/// # Safety
///
/// `name` is a NUL-terminated string.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_kmem_stat(name: *const kernel::ffi::c_char) -> u64 {
    // SAFETY: NUL-terminated (the function's contract), and unchanged
    // during the call.
    let name = unsafe { CStr::from_char_ptr(name) }.to_bytes();
    let s = &STATS;
    match name {
        b"failures" => s.failures.load(Relaxed),
        b"bad_flag_sites" => s.flag_sites.load(Relaxed),
        _ => MISUSE_NAMES
            .iter()
            .position(|n| n.as_bytes() == name)
            .map_or(u64::MAX, |i| s.misuse[i].load(Relaxed)),
    }
}
