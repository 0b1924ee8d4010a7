// SPDX-License-Identifier: GPL-2.0

//! The C ABI of `<sys/map.h>`: what the exported entries of `exports.c`
//! call, each with its caller's address. A C driver holds a map as the
//! bare pointer `Arc::into_raw` gave it (the invariant of [`RMap`]).

use super::{Caller, RMap, Slot, Wait, RETRY_MS};
use kernel::ffi::c_ulong;
use kernel::prelude::*;
use kernel::sync::{Arc, ArcBorrow};

/// Turns a C `struct map *` into a borrowed map.
///
/// # Safety
///
/// `mp` is null or a pointer returned by `rmallocmap`/`rmallocmap_wait`
/// on which `rmfreemap` has not been called.
unsafe fn borrow<'a>(mp: *const RMap) -> Option<&'a RMap> {
    // SAFETY: by the function's contract, a non-null `mp` points to a live
    // `RMap` kept alive by the driver's reference for the call's duration.
    unsafe { mp.as_ref() }
}

/// `struct map *rmallocmap(size_t mapsize)`: a map of `mapsize` slots; NULL when memory is short. Does not sleep; callable from any
/// context.
///
/// Called by its C entry (exports.c) with the caller's address.
#[no_mangle]
pub(crate) extern "C" fn ddi_rmallocmap(mapsize: usize, caller: c_ulong) -> *const RMap {
    new_map(mapsize, false, Caller(caller))
}

/// `struct map *rmallocmap_wait(size_t mapsize)`: as `rmallocmap`, but
/// may sleep (process context) and retries until it has the memory.
///
/// Called by its C entry (exports.c) with the caller's address.
#[no_mangle]
pub(crate) extern "C" fn ddi_rmallocmap_wait(mapsize: usize, caller: c_ulong) -> *const RMap {
    new_map(mapsize, true, Caller(caller))
}

/// Implements `rmallocmap` and `rmallocmap_wait` (see `include/sys/map.h`).
///
/// `wait == false`: does not sleep, callable from any context; NULL when
/// memory is short. `wait == true`: may sleep (process context), retries
/// until it has the memory.
fn new_map(mapsize: usize, wait: bool, caller: Caller) -> *const RMap {
    // At most what `kvmalloc` can serve (`INT_MAX` bytes of slots).
    if mapsize == 0 || mapsize > i32::MAX as usize / core::mem::size_of::<Slot>() {
        pr_warn!(
            "rmallocmap: bad mapsize {}, called from {}\n",
            mapsize,
            caller
        );
        return core::ptr::null();
    }
    loop {
        match RMap::new(mapsize, wait, caller) {
            Ok(m) => return Arc::into_raw(m),
            Err(_) if wait => {
                kernel::time::delay::fsleep(kernel::time::Delta::from_millis(RETRY_MS))
            }
            Err(_) => return core::ptr::null(),
        }
    }
}

/// `void rmfreemap(struct map *mp)`. Does not sleep; callable from any
/// context.
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `mp` is null or a live map from `rmallocmap`; it is dead afterwards.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_rmfreemap(mp: *const RMap, caller: c_ulong) {
    if mp.is_null() {
        pr_warn!("rmfreemap: NULL map, called from {}\n", Caller(caller));
        return;
    }
    // SAFETY: `mp` came from `Arc::into_raw` (the type's invariant) and the
    // driver gives its reference up by calling `rmfreemap`.
    let m = unsafe { Arc::from_raw(mp) };
    RMap::destroy(m, Caller(caller));
}

/// `unsigned long rmalloc(struct map *mp, size_t size)`. Does not sleep;
/// callable from any context.
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `mp` is null or a live map from `rmallocmap`.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_rmalloc(
    mp: *const RMap,
    size: usize,
    caller: c_ulong,
) -> c_ulong {
    // SAFETY: the function's contract is `alloc_in`'s.
    unsafe { alloc_in(mp, size, Wait::No, Caller(caller)) }
}

/// `unsigned long rmalloc_wait(struct map *mp, size_t size)`. May sleep
/// (process context) until the space is there.
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `mp` is null or a live map from `rmallocmap`, on which `rmfreemap` is
/// not called before this call returns or waits.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_rmalloc_wait(
    mp: *const RMap,
    size: usize,
    caller: c_ulong,
) -> c_ulong {
    // SAFETY: the function's contract is `alloc_in`'s.
    unsafe { alloc_in(mp, size, Wait::Always, Caller(caller)) }
}

/// `unsigned long rmalloc_wait_sig(struct map *mp, size_t size)`: as
/// `rmalloc_wait`, but a signal ends the wait (0 is returned). May sleep
/// (process context).
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `mp` is null or a live map from `rmallocmap`, on which `rmfreemap` is
/// not called before this call returns or waits.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_rmalloc_wait_sig(
    mp: *const RMap,
    size: usize,
    caller: c_ulong,
) -> c_ulong {
    // SAFETY: the function's contract is `alloc_in`'s.
    unsafe { alloc_in(mp, size, Wait::Signal, Caller(caller)) }
}

/// Implements `rmalloc` (`Wait::No`: does not sleep, any context),
/// `rmalloc_wait` and `rmalloc_wait_sig` (may sleep).
///
/// # Safety
///
/// `mp` is null or a live map from `rmallocmap`, on which `rmfreemap` is
/// not called before this call returns or (for a call that may sleep)
/// waits.
#[inline(always)]
unsafe fn alloc_in(mp: *const RMap, size: usize, wait: Wait, caller: Caller) -> c_ulong {
    if mp.is_null() {
        pr_warn!("rmalloc: NULL map, called from {}\n", caller);
        return 0;
    }
    if wait == Wait::No {
        // SAFETY: the function's contract is `borrow`'s.
        return unsafe { borrow(mp) }.map_or(0, |m| m.alloc(size, wait, caller));
    }
    crate::ddi::might_sleep();
    // SAFETY: `mp` is non-null, so (the function's contract) a live map
    // that the driver does not free before this call waits: its reference
    // keeps the map alive through the fast path, which never waits.
    let map = unsafe { &*mp };
    match map.alloc_fast(size) {
        0 => {}
        addr => return addr,
    }
    // A call that may sleep holds a reference of its own from here to its
    // end: `rmfreemap` may drop the driver's (the last one but ours) while
    // it waits. The fast path above needs none: it never sleeps, so the
    // driver's reference outlives it (taking one there would cost two
    // atomic operations on every chunk of a read; even the `ArcBorrow`
    // below, which computes where the `Arc`'s header is, makes two calls
    // into `core` in the kernel's build).
    // SAFETY: `mp` is non-null, so (the function's contract) it came from
    // `Arc::into_raw` (type invariant of `RMap`), and the driver's
    // reference still keeps it alive: this call has not waited yet.
    let map = unsafe { ArcBorrow::from_raw(mp) };
    let keep: Arc<RMap> = map.into();
    keep.alloc_slow(size, wait, caller)
}

/// `void rmfree(struct map *mp, size_t size, unsigned long addr)`. Does
/// not sleep; callable from any context.
///
/// Called by its C entry (exports.c) with the caller's address.
///
/// # Safety
///
/// `mp` is null or a live map from `rmallocmap`.
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_rmfree(
    mp: *const RMap,
    size: usize,
    addr: c_ulong,
    caller: c_ulong,
) {
    // SAFETY: the function's contract is `borrow`'s.
    match unsafe { borrow(mp) } {
        Some(m) => m.free(size, addr, Caller(caller)),
        None => pr_warn!("rmfree: NULL map, called from {}\n", Caller(caller)),
    }
}
