// SPDX-License-Identifier: GPL-2.0

//! `<sys/uio.h>`: `uiomove(9F)` over Linux's `iov_iter`.
//!
//! # Theory
//!
//! 1. *Vocabulary.* A driver's read and write routines move data with
//!    `uiomove(addr, n, rw, uio)`, which advances the uio as it goes. A
//!    uio is either a Solaris one, an array of iovecs in user space
//!    (`UIO_USERSPACE`, `UIO_USERISPACE`) or kernel space (`UIO_SYSSPACE`)
//!    that a driver may build itself, or the uio of a Linux read or write
//!    (`UIO_DDI_ITER` in `uio_extflg`), which carries the call's
//!    `iov_iter`.
//! 2. *Iterator uios* copy with the kernel's iterator copies (through
//!    [`IovIterDest`] and [`IovIterSource`]), which stop at an unmapped
//!    user page and say how much they moved.
//! 3. *Iovec uios* are walked segment by segment, as illumos does: each
//!    step moves `min(iov_len, what is left)`, advances `iov_base` and
//!    shrinks `iov_len`; an exhausted segment is stepped over (`uio_iov`
//!    advanced, `uio_iovcnt` reduced). User segments copy with
//!    `copy_to_user`/`copy_from_user`, kernel ones with a `memmove`.
//! 4. *Exact counts.* An architecture's user copy may stop some bytes
//!    short of the hole (arm64's does); `exact.rs` walks the rest byte by
//!    byte, so `uio_resid` tells exactly how much is left on every
//!    architecture, for both kinds.
//! 5. *Cost and context.* No lock; O(n + segments). A user uio may sleep
//!    on a page fault, so process context only; a kernel one never sleeps.

#[expect(
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
mod exact;

use crate::api::{
    IoVec, Uio, UIO_DDI_ITER, UIO_READ, UIO_SYSSPACE, UIO_USERISPACE, UIO_USERSPACE, UIO_WRITE,
};
use kernel::bindings;
use kernel::ffi::{c_int, c_void};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::page::PAGE_SIZE;
use kernel::prelude::*;

/// `uiomove(9F)`; see `include/sys/uio.h`. May sleep for a user uio:
/// process context.
///
/// # Safety
///
/// `addr` is valid for `n` bytes (reads for `UIO_READ`, writes for
/// `UIO_WRITE`); `uiop` is null or points to a `struct uio` not otherwise
/// in use: with `UIO_DDI_ITER`, its iterator is live for the call; else
/// its `uio_iovcnt` iovecs at `uio_iov` are valid, and those of a
/// `UIO_SYSSPACE` uio describe kernel memory valid for the transfer.
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
    if rw != UIO_READ && rw != UIO_WRITE {
        pr_warn!("uiomove: unknown direction {}\n", rw);
        return EINVAL.to_errno().abs();
    }
    let (moved, full) = if u.extflg & UIO_DDI_ITER != 0 {
        // SAFETY: an iterator uio's iterator is live (contract); `addr`
        // as the contract says.
        match unsafe { move_iter(addr.cast(), n, rw, u) } {
            Some(m) => (m, m == n),
            None => {
                pr_warn!("uiomove: direction {} does not match the operation\n", rw);
                return EINVAL.to_errno().abs();
            }
        }
    } else {
        if ![UIO_USERSPACE, UIO_SYSSPACE, UIO_USERISPACE].contains(&u.segflg) {
            pr_warn!("uiomove: unknown uio_segflg {}\n", u.segflg);
            return EINVAL.to_errno().abs();
        }
        // SAFETY: the iovecs are valid (contract), and so is `addr`.
        unsafe { move_iovecs(addr.cast(), n, rw, u) }
    };
    u.resid -= moved as isize;
    u.offset = u.offset.wrapping_add(moved as i64);
    if full {
        0
    } else {
        EFAULT.to_errno().abs()
    }
}

/// Moves `n` bytes through an iterator uio; the bytes moved, or `None`
/// if `rw` is against the iterator's direction.
///
/// # Safety
///
/// `buf` is valid for `n` bytes as `rw` needs; `u.iter` is live and used
/// by nobody else during the call.
unsafe fn move_iter(buf: *mut u8, n: usize, rw: c_int, u: &mut Uio) -> Option<usize> {
    if u.iter.is_null() {
        return None;
    }
    // SAFETY: the iterator is live (contract); reading its direction.
    let is_source = unsafe { (*u.iter).data_source };
    // Each step copies `len` bytes at `start` of the transfer; the
    // iterator advances by what it moved, so steps are consecutive.
    Some(match rw {
        UIO_READ if !is_source => {
            // SAFETY: `u.iter` is a live destination iterator (checked),
            // used by nobody else during the call.
            let dest = unsafe { IovIterDest::from_raw(u.iter) };
            // SAFETY: `buf` is valid for reads of `n` bytes (contract).
            let b = unsafe { core::slice::from_raw_parts(buf, n) };
            exact::move_exact(n, PAGE_SIZE, |start, len| {
                dest.copy_to_iter(&b[start..start + len])
            })
        }
        UIO_WRITE if is_source => {
            // SAFETY: as above, a live source iterator.
            let src = unsafe { IovIterSource::from_raw(u.iter) };
            // SAFETY: `buf` is valid for writes of `n` bytes (contract).
            let b = unsafe { core::slice::from_raw_parts_mut(buf, n) };
            exact::move_exact(n, PAGE_SIZE, |start, len| {
                src.copy_from_iter(&mut b[start..start + len])
            })
        }
        _ => return None,
    })
}

/// Moves up to `n` bytes through an iovec uio (theory, 3); returns the
/// bytes moved and whether the move was complete (no fault).
///
/// # Safety
///
/// `buf` is valid for `n` bytes as `rw` needs; `u`'s `iovcnt` iovecs at
/// `iov` are valid, and for `UIO_SYSSPACE` describe valid kernel memory.
unsafe fn move_iovecs(buf: *mut u8, n: usize, rw: c_int, u: &mut Uio) -> (usize, bool) {
    let user = u.segflg != UIO_SYSSPACE;
    if user {
        crate::ddi::might_sleep();
    }
    let mut done = 0;
    while done < n && u.iovcnt > 0 && !u.iov.is_null() {
        // SAFETY: `iov` points to `iovcnt > 0` valid iovecs (contract).
        let iov: &mut IoVec = unsafe { &mut *u.iov };
        let cnt = iov.len.min(n - done);
        if cnt == 0 {
            // SAFETY: stepping within (or one past) the array.
            u.iov = unsafe { u.iov.add(1) };
            u.iovcnt -= 1;
            continue;
        }
        // SAFETY: `buf + done` has `n - done >= cnt` valid bytes.
        let k = unsafe { buf.add(done) };
        let moved = if !user {
            // SAFETY: both sides are valid kernel memory for `cnt` bytes
            // (contract); they may overlap, so a memmove.
            unsafe {
                if rw == UIO_READ {
                    core::ptr::copy(k, iov.base, cnt)
                } else {
                    core::ptr::copy(iov.base, k, cnt)
                }
            };
            cnt
        } else {
            let ub = iov.base;
            exact::move_exact(cnt, PAGE_SIZE, |start, len| {
                // SAFETY: `k + start` is valid kernel memory for `len`
                // bytes; the user side is checked by the copy, which
                // returns the bytes it could not move.
                let left = unsafe {
                    if rw == UIO_READ {
                        bindings::copy_to_user(ub.add(start).cast(), k.add(start).cast(), len)
                    } else {
                        bindings::copy_from_user(k.add(start).cast(), ub.add(start).cast(), len)
                    }
                };
                len - left.min(len)
            })
        };
        // SAFETY: `moved <= iov_len`: the base stays within its segment.
        iov.base = unsafe { iov.base.add(moved) };
        iov.len -= moved;
        done += moved;
        if moved < cnt {
            return (done, false);
        }
    }
    if done < n {
        // `uio_resid` promised more than the iovecs hold: a driver that
        // loops until `uio_resid` is 0 would spin.
        pr_warn!(
            "uiomove: uio_resid is {} bytes more than the iovecs hold\n",
            n - done
        );
        return (done, false);
    }
    (done, true)
}
