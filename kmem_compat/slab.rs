// SPDX-License-Identifier: GPL-2.0

//! The kernel's slab caches under kmem's buffers and kmem caches' objects:
//! [`Cache`], and the C functions of `exports.c` around
//! `kmem_cache_create()`, `kmem_cache_alloc()` and `kmem_cache_free()`
//! (macros or configuration-dependent inline functions, which Rust has no
//! binding for). Every slab cache of ours has the empty constructor
//! [`keep_contents`], so that SLUB keeps its free pointer, and KASAN its
//! free metadata, outside the objects: a freed object's header survives,
//! and a double free is recognised as one. The constructor also exempts
//! the caches from SLUB's `init_on_alloc`/`init_on_free` clearing, which
//! `exports.c` does instead (but for the header, on free).

use super::layout::HDR;
use core::ffi::c_void;
use kernel::bindings;

// kmem_compat/exports.c: the kernel's macros and inline functions that
// Rust has no binding for, one small C function each.
extern "C" {
    /// `kmem_cache_create()` of `size`-byte objects aligned to `align`,
    /// whose `usersize` bytes at `useroffset` may be copied to and from
    /// user space (hardened usercopy checks the rest).
    fn ddi_slab_create(
        name: *const kernel::ffi::c_char,
        size: u32,
        align: u32,
        useroffset: u32,
        usersize: u32,
        ctor: Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> *mut bindings::kmem_cache;
    /// `kmem_cache_alloc()`, cleared under `init_on_alloc`.
    fn ddi_slab_alloc(cache: *mut bindings::kmem_cache, gfp: bindings::gfp_t) -> *mut c_void;
    /// `kmem_cache_free()`, cleared but for `keep` bytes under `init_on_free`.
    fn ddi_slab_free(cache: *mut bindings::kmem_cache, obj: *mut c_void, keep: u32);
}

/// A slab cache pointer.
///
/// # Invariants
///
/// Points to a cache made by `kmem_cache_create` that lives until
/// `exit` (or `kmem_cache_destroy`) destroys it.
#[derive(Clone, Copy)]
pub(super) struct Cache(pub(super) *mut bindings::kmem_cache);

// SAFETY: slab caches are usable from any thread.
unsafe impl Send for Cache {}
// SAFETY: as above; the pointer itself is never written after creation.
unsafe impl Sync for Cache {}

/// Our slab caches' (empty) constructor; see the module's documentation.
///
/// # Safety
///
/// Called by SLUB with a new object; touches nothing.
pub(super) unsafe extern "C" fn keep_contents(_obj: *mut c_void) {}

/// A new object of `cache`, or null.
#[inline(always)]
pub(super) fn cache_alloc(cache: Cache, gfp: bindings::gfp_t) -> *mut c_void {
    // SAFETY: `cache` is live (type invariant of `Cache`); any flags may be
    // passed.
    unsafe { ddi_slab_alloc(cache.0, gfp) }
}

/// Frees `obj`, an object of `cache`, keeping its header under
/// `init_on_free`.
///
/// # Safety
///
/// `obj` is a live object of `cache`, not handed out or no longer used.
#[inline(always)]
pub(super) unsafe fn cache_free(cache: Cache, obj: *mut c_void) {
    // SAFETY: as `slab_free`'s; our objects are at least `HDR` bytes.
    unsafe { slab_free(cache, obj, HDR) }
}

/// Frees `obj`, an object of `cache`, keeping its first `keep` bytes under
/// `init_on_free`.
///
/// # Safety
///
/// `obj` is a live object of `cache`, not handed out or no longer used,
/// of at least `keep` bytes.
#[inline(always)]
pub(super) unsafe fn slab_free(cache: Cache, obj: *mut c_void, keep: usize) {
    // SAFETY: `cache` is live (type invariant of `Cache`); `obj` is one of
    // its live objects (the function's contract).
    unsafe { ddi_slab_free(cache.0, obj, keep as u32) }
}

/// A slab cache of `size`-byte objects aligned to `align`, of which
/// `usersize` bytes at `useroffset` may be copied to or from user space,
/// with [`keep_contents`] as its constructor; null if the
/// kernel could not make it. May sleep.
///
/// # Safety
///
/// `name` is NUL-terminated; the sizes are what `kmem_cache_create()`
/// accepts (`useroffset + usersize <= size <= KMALLOC_MAX_SIZE`).
pub(super) unsafe fn slab_create(
    name: *const kernel::ffi::c_char,
    size: u32,
    align: u32,
    useroffset: u32,
    usersize: u32,
) -> *mut bindings::kmem_cache {
    // SAFETY: as the function's contract says; the name is copied by the
    // callee, and `keep_contents` may be called on any new object.
    unsafe { ddi_slab_create(name, size, align, useroffset, usersize, Some(keep_contents)) }
}

/// Destroys a slab cache.
///
/// # Safety
///
/// `cache` has no objects and is not used again.
pub(super) unsafe fn slab_destroy(cache: Cache) {
    // SAFETY: as the function's contract says.
    unsafe { bindings::kmem_cache_destroy(cache.0) }
}
