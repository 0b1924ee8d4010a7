// SPDX-License-Identifier: GPL-2.0

//! kmem_compat's flags: the `KM_*` flag of every allocation (its GFP flags,
//! the `KM_SLEEP` retry, unknown bits, `KM_PANIC`) and the `KMF_*` bits of
//! the `kmem_flags` module parameter. The values are illumos's
//! (`<sys/kmem.h>`, `<sys/kmem_impl.h>`).
//!
//! - Unknown `KM_*` bits are masked off: the call goes on with the known
//!   ones, so `KM_SLEEP` still never returns NULL. Each call site (the
//!   caller's address) is warned about once: the first [`SITES`] sites in
//!   a table, later ones in a bitmap indexed by a hash of the address (two
//!   sites that share a bit share their one warning). Lock-free, no
//!   allocation; the warning is printed with no lock held.
//! - `KM_PANIC`: an allocation that fails panics, as on illumos. With
//!   `KM_SLEEP` that is only a size no allocator can serve; with
//!   `KM_NOSLEEP`, also memory that is short.

use super::stats::{Misuse, STATS};
use crate::api::{KM_NORMALPRI, KM_NOSLEEP, KM_NO_DMA, KM_PANIC, KM_PUSHPAGE};
use crate::ddi::Caller;
use core::ffi::c_void;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use kernel::bindings;
use kernel::ffi::{c_char, c_int};
use kernel::prelude::*;
use kernel::sync::atomic::{Atomic, Relaxed};

/// Every flag `<sys/kmem.h>` defines.
pub(super) const KM_KNOWN: c_int = KM_NOSLEEP | KM_PANIC | KM_PUSHPAGE | KM_NORMALPRI | KM_NO_DMA;

/// The flags that choose the GFP flags.
pub(super) const GFP_FLAGS: c_int = KM_NOSLEEP | KM_PUSHPAGE;

/// `kmem_flags` bits: `KMF_AUDIT`, our audit mode (`layout::F_AUDIT`).
pub(crate) const KMF_AUDIT: u32 = 0x1;
/// `KMF_DEADBEEF`: poison and fill (`layout::F_POISON`).
pub(crate) const KMF_DEADBEEF: u32 = 0x2;
/// `KMF_REDZONE`: redzones (`layout::F_REDZONE`).
pub(crate) const KMF_REDZONE: u32 = 0x4;
/// `KMF_CONTENTS`: illumos logs the contents of freed buffers in its
/// audit log; we keep no log and no freed buffer. Accepted, no effect.
pub(crate) const KMF_CONTENTS: u32 = 0x8;
/// `KMF_NOMAGAZINE`: illumos turns off its per-CPU magazines; we have none
/// above the kernel's slabs (their per-CPU sheaves are SLUB's). Accepted,
/// no effect.
pub(crate) const KMF_NOMAGAZINE: u32 = 0x20;
/// The `kmem_flags` bits we accept.
pub(crate) const KMF_KNOWN: u32 =
    KMF_AUDIT | KMF_DEADBEEF | KMF_REDZONE | KMF_CONTENTS | KMF_NOMAGAZINE;

/// The debug modes of `kmem_flags` (the `F_*` bits, which have the `KMF_*`
/// values), warning about the bits we do not know, which are ignored.
pub(crate) fn modes_of(kmem_flags: u32) -> u32 {
    if kmem_flags & !KMF_KNOWN != 0 {
        pr_warn!(
            "kmem_flags {:#x}: unknown bits {:#x} ignored (known: 0x1 audit, 0x2 deadbeef, \
             0x4 redzone, 0x8 contents and 0x20 nomagazine, which have no effect here)\n",
            kmem_flags,
            kmem_flags & !KMF_KNOWN
        );
    }
    kmem_flags & (KMF_AUDIT | KMF_DEADBEEF | KMF_REDZONE)
}

// kmem_compat/exports.c: the GFP constants bindgen cannot evaluate, and
// panic(), variadic.
extern "C" {
    /// `GFP_KERNEL | __GFP_NOFAIL` (bindgen cannot see `__GFP_NOFAIL`).
    static ddi_gfp_kernel_nofail: bindings::gfp_t;
    /// `GFP_NOIO | __GFP_NOFAIL`.
    static ddi_gfp_noio_nofail: bindings::gfp_t;
    /// `GFP_NOIO`.
    static ddi_gfp_noio: bindings::gfp_t;
    /// Panics: "`what`: `size` bytes with KM_PANIC from `caller` failed".
    fn ddi_kmem_panic(what: *const c_char, size: usize, caller: usize) -> !;
}

/// Maps Solaris flags to GFP flags for a first attempt (`KM_NOSLEEP` and
/// `KM_PUSHPAGE` matter; see `Kmem::gfp_of`).
pub(super) fn gfp_for(flag: c_int) -> bindings::gfp_t {
    let push = flag & KM_PUSHPAGE != 0;
    match (flag & KM_NOSLEEP != 0, push) {
        (true, true) => bindings::GFP_ATOMIC | bindings::__GFP_NOWARN,
        (true, false) => bindings::GFP_NOWAIT | bindings::__GFP_NOWARN,
        // SAFETY: a constant defined in C.
        (false, true) => (unsafe { ddi_gfp_noio }) | bindings::__GFP_NOWARN,
        (false, false) => bindings::GFP_KERNEL | bindings::__GFP_NOWARN,
    }
}

/// The retry for `KM_SLEEP`, which must not fail.
pub(super) fn gfp_nofail(flag: c_int) -> bindings::gfp_t {
    // SAFETY: constants defined in C.
    unsafe {
        if flag & KM_PUSHPAGE != 0 {
            ddi_gfp_noio_nofail
        } else {
            ddi_gfp_kernel_nofail
        }
    }
}

/// Calls `get` with the GFP flags for `flag`; if that fails and `flag` is
/// `KM_SLEEP`, which must not fail, once more with `__GFP_NOFAIL`.
pub(super) fn with_retry(
    flag: c_int,
    mut get: impl FnMut(bindings::gfp_t) -> *mut c_void,
) -> *mut c_void {
    let p = get(super::kmem().gfp_of(flag));
    if !p.is_null() || flag & KM_NOSLEEP != 0 {
        return p;
    }
    get(gfp_nofail(flag))
}

/// `flag` without its unknown bits, which are counted and, once per call
/// site, reported (`what` names the DDI call).
#[cold]
#[inline(never)]
pub(super) fn known(flag: c_int, what: &str, caller: usize) -> c_int {
    STATS.misuse(Misuse::BadFlags);
    if first_from(caller) {
        STATS.flag_sites.add(1, Relaxed);
        pr_warn!(
            "{}: unknown flag bits {:#x} from {} ignored (flag {:#x}; reported once per call \
             site)\n",
            what,
            flag & !KM_KNOWN,
            Caller(caller),
            flag
        );
    }
    flag & KM_KNOWN
}

/// Remembered call sites.
const SITES: usize = 64;

/// Call sites already warned about unknown flags.
static BAD_FLAG_SITES: [Atomic<usize>; SITES] = [const { Atomic::new(0) }; SITES];

/// Call sites warned about once the table is full: one bit per hash.
static BAD_FLAG_BITS: [AtomicU64; 16] = [const { AtomicU64::new(0) }; 16];

/// Whether this is the first bad-flags call from `caller`.
fn first_from(caller: usize) -> bool {
    for s in BAD_FLAG_SITES.iter() {
        match s.cmpxchg(0, caller, Relaxed) {
            Ok(_) => return true,
            Err(c) if c == caller => return false,
            Err(_) => {}
        }
    }
    let h = (caller as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54;
    let bit = 1u64 << (h % 64);
    BAD_FLAG_BITS[(h / 64) as usize].fetch_or(bit, Ordering::Relaxed) & bit == 0
}

/// Set by the KUnit suite only: `KM_PANIC` then warns and counts
/// ([`Stats::km_panics`](super::stats::Stats)) instead of panicking, so
/// that the path can be tested.
pub(crate) static PANIC_IS_TESTED: AtomicBool = AtomicBool::new(false);

/// An allocation of `size` bytes with `flag` from `caller` failed: counts
/// it and returns NULL, or panics if `flag` has `KM_PANIC`. `what` is the
/// DDI call, NUL-terminated.
#[cold]
#[inline(never)]
pub(super) fn failed(flag: c_int, what: &CStr, size: usize, caller: usize) -> *mut c_void {
    STATS.failures.add(1, Relaxed);
    if flag & KM_PANIC != 0 {
        if !PANIC_IS_TESTED.load(Ordering::Relaxed) {
            // SAFETY: `what` is NUL-terminated; the call does not return.
            unsafe { ddi_kmem_panic(what.as_char_ptr(), size, caller) };
        }
        STATS.km_panics.add(1, Relaxed);
        pr_warn!(
            "{}: {} bytes with KM_PANIC from {} failed: a panic, counted instead by the KUnit \
             suite\n",
            what.to_str().unwrap_or("kmem"),
            size,
            Caller(caller)
        );
    }
    core::ptr::null_mut()
}
