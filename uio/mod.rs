// SPDX-License-Identifier: GPL-2.0

//! `<sys/uio.h>`: `uiomove(9F)` over Linux's `iov_iter`.
//!
//! # Theory
//!
//! A Solaris driver's read and write routines move data with
//! `uiomove(addr, n, rw, uio)`, which advances the uio as it goes. Here a
//! `struct uio` carries the `iov_iter` of the file's `read_iter` or
//! `write_iter` call; `uiomove` copies with the kernel's iterator copies
//! (through [`IovIterDest`] and [`IovIterSource`]), which stop at an
//! unmapped user page and say how much they moved. An architecture's copy
//! may stop some bytes short of the hole (arm64's does); `exact.rs` walks
//! the rest byte by byte, so `uio_resid` tells exactly how much is left on
//! every architecture. No lock; O(n); may sleep on a page fault, so
//! process context only.

#[expect(
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
mod exact;

use crate::api::{Uio, UIO_READ, UIO_WRITE};
use kernel::ffi::{c_int, c_void};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::page::PAGE_SIZE;
use kernel::prelude::*;

/// `uiomove(9F)`; see `include/sys/uio.h`. May sleep: process context.
///
/// # Safety
///
/// `addr` is valid for `n` bytes (reads for `UIO_READ`, writes for
/// `UIO_WRITE`); `uiop` is null or points to a `struct uio` whose iterator
/// is live for the call and not otherwise in use.
#[no_mangle]
pub(crate) unsafe extern "C" fn uiomove(
    addr: *mut c_void,
    n: usize,
    rw: c_int,
    uiop: *mut Uio,
) -> c_int {
    // SAFETY: by the contract, `uiop` is null or valid and unaliased.
    let Some(u) = (unsafe { uiop.as_mut() }) else {
        pr_warn!("uiomove: NULL uio\n");
        return EINVAL.to_errno().abs();
    };
    let n = n.min(usize::try_from(u.resid).unwrap_or(0));
    if n == 0 {
        return 0;
    }
    // SAFETY: the iterator is live (contract); reading its direction.
    let is_source = unsafe { (*u.iter).data_source };
    // Each step copies `len` bytes at `start` of the transfer; the
    // iterator advances by what it moved, so steps are consecutive.
    let moved = match rw {
        UIO_READ if !is_source => {
            // SAFETY: `u.iter` is a live destination iterator (checked),
            // used by nobody else during the call.
            let dest = unsafe { IovIterDest::from_raw(u.iter) };
            // SAFETY: `addr` is valid for reads of `n` bytes (contract).
            let buf = unsafe { core::slice::from_raw_parts(addr.cast::<u8>(), n) };
            exact::move_exact(n, PAGE_SIZE, |start, len| {
                dest.copy_to_iter(&buf[start..start + len])
            })
        }
        UIO_WRITE if is_source => {
            // SAFETY: as above, a live source iterator.
            let src = unsafe { IovIterSource::from_raw(u.iter) };
            // SAFETY: `addr` is valid for writes of `n` bytes (contract).
            let buf = unsafe { core::slice::from_raw_parts_mut(addr.cast::<u8>(), n) };
            exact::move_exact(n, PAGE_SIZE, |start, len| {
                src.copy_from_iter(&mut buf[start..start + len])
            })
        }
        _ => {
            pr_warn!("uiomove: direction {} does not match the operation\n", rw);
            return EINVAL.to_errno().abs();
        }
    };
    u.resid -= moved as isize;
    u.offset += moved as i64;
    if moved < n {
        EFAULT.to_errno().abs()
    } else {
        0
    }
}
