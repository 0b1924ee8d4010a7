// SPDX-License-Identifier: GPL-2.0

//! Memory that any context may free: `kvmalloc()` (from `ddi/exports.c`,
//! a macro in C), and a free that never sleeps.
//!
//! # Theory
//!
//! The DDI promises that `kmem_free(9F)` and `rmfreemap(9F)` may be called
//! from interrupt context, or with a lock held. A large buffer is
//! vmalloc'd, and `vfree()` may sleep. So [`kvfree`] is the kernel's
//! `kvfree_atomic()`: `kfree()` for a kmalloc'd buffer, `vfree_atomic()`
//! (a free deferred to a worker) for a vmalloc'd one. The caller never
//! sleeps, in any context but NMI (where no allocator call is allowed).
//!
//! [`KvSlice`] is an owned slice in such memory, for the resource maps'
//! slots.

use core::ffi::c_void;
use core::ptr::NonNull;
use kernel::bindings;
use kernel::prelude::*;

extern "C" {
    fn ddi_kvmalloc(size: usize, gfp: bindings::gfp_t) -> *mut c_void;
}

/// `kvmalloc(size, gfp)`: `size` bytes, or null. Sleeps only if `gfp`
/// allows it.
#[inline]
pub(crate) fn kvmalloc(size: usize, gfp: bindings::gfp_t) -> *mut c_void {
    // SAFETY: any size and flags may be passed.
    unsafe { ddi_kvmalloc(size, gfp) }
}

/// Frees what [`kvmalloc`] returned (null is ignored). Never sleeps;
/// callable from any context but NMI.
///
/// # Safety
///
/// `p` is null or came from [`kvmalloc`], and is not used afterwards.
#[inline]
pub(crate) unsafe fn kvfree(p: *const c_void) {
    // SAFETY: by the function's contract, `p` is null or a live buffer
    // from `kvmalloc()`, as `kvfree_atomic()` requires.
    unsafe { bindings::kvfree_atomic(p) }
}

/// A slice of `T` in [`kvmalloc`] memory, freed by [`kvfree`] (so it may
/// be dropped in any context).
///
/// # Invariants
///
/// `ptr` points to `len` initialised `T`s in a buffer from [`kvmalloc`],
/// owned by this value.
pub(crate) struct KvSlice<T: Copy> {
    ptr: NonNull<T>,
    len: usize,
}

// SAFETY: a `KvSlice` owns its elements, as a `KVec` does; the buffer may
// be freed from any thread.
unsafe impl<T: Copy + Send> Send for KvSlice<T> {}
// SAFETY: shared access gives `&[T]` only.
unsafe impl<T: Copy + Sync> Sync for KvSlice<T> {}

impl<T: Copy> KvSlice<T> {
    /// `len` copies of `value` (`len` may be 0). Sleeps only if `gfp`
    /// allows it.
    pub(crate) fn from_elem(value: T, len: usize, gfp: bindings::gfp_t) -> Result<Self> {
        let bytes = len
            .checked_mul(core::mem::size_of::<T>())
            .ok_or(ENOMEM)?
            .max(1);
        // `kvmalloc` aligns to at least 8 bytes (`ARCH_KMALLOC_MINALIGN`),
        // and to a page for vmalloc'd memory.
        const { assert!(core::mem::align_of::<T>() <= 8) };
        let ptr = NonNull::new(kvmalloc(bytes, gfp).cast::<T>()).ok_or(ENOMEM)?;
        for i in 0..len {
            // SAFETY: `i < len` elements fit in the buffer, aligned.
            unsafe { ptr.as_ptr().add(i).write(value) };
        }
        Ok(Self { ptr, len })
    }
}

impl<T: Copy> core::ops::Deref for KvSlice<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        // SAFETY: by the type invariant.
        unsafe { core::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Copy> core::ops::DerefMut for KvSlice<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: by the type invariant; `&mut self` is unique.
        unsafe { core::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Copy> Drop for KvSlice<T> {
    fn drop(&mut self) {
        // SAFETY: by the type invariant the buffer came from `kvmalloc`;
        // it is not used after this (`T: Copy` has no destructor to run).
        unsafe { kvfree(self.ptr.as_ptr().cast()) };
    }
}
