// SPDX-License-Identifier: GPL-2.0

//! Safe Rust API over ddi-compat's C ABI, for Rust drivers built against
//! the shim (include this file with `#[path]`; the symbols resolve against
//! `ddi_compat.ko`'s exports, as a C driver's do). The shim's own tests use
//! it too, so they exercise the exported entry points.

#![allow(dead_code, reason = "each driver uses the part it needs")]

use core::ptr::NonNull;
use kernel::ffi::{c_int, c_ulong, c_void};

/// `KM_SLEEP`: may sleep, never fails.
pub(crate) const KM_SLEEP: c_int = 0;
/// `KM_NOSLEEP`: never sleeps, may fail.
pub(crate) const KM_NOSLEEP: c_int = 1;
/// `KM_PANIC`: an allocation that fails panics.
pub(crate) const KM_PANIC: c_int = 2;
/// `KM_PUSHPAGE`: may use reserves.
pub(crate) const KM_PUSHPAGE: c_int = 4;
/// `KM_NORMALPRI`: accepted, no effect.
pub(crate) const KM_NORMALPRI: c_int = 8;
/// `KM_NO_DMA` (SCO OpenServer): accepted, no effect.
pub(crate) const KM_NO_DMA: c_int = 0x100;
/// `uiomove` direction: kernel buffer to user (a read).
pub(crate) const UIO_READ: c_int = 0;
/// `uiomove` direction: user to kernel buffer (a write).
pub(crate) const UIO_WRITE: c_int = 1;
/// `uio_segflg`: the segments are user addresses.
pub(crate) const UIO_USERSPACE: c_int = 0;
/// `uio_segflg`: the segments are kernel addresses.
pub(crate) const UIO_SYSSPACE: c_int = 1;
/// `uio_segflg`: user addresses (instruction space; as `UIO_USERSPACE`).
pub(crate) const UIO_USERISPACE: c_int = 2;
/// `uio_extflg`: the uio is a Linux `iov_iter` (ddi-compat).
pub(crate) const UIO_DDI_ITER: u16 = 0x8000;

/// The C `iovec_t` (`include/sys/uio.h`).
#[repr(C)]
pub(crate) struct IoVec {
    pub(crate) base: *mut u8,
    pub(crate) len: usize,
}

/// The C `struct uio` (`include/sys/uio.h`, 64 bytes).
#[repr(C)]
pub(crate) struct Uio {
    pub(crate) iov: *mut IoVec,
    pub(crate) iovcnt: c_int,
    pub(crate) offset: i64,
    pub(crate) segflg: c_int,
    pub(crate) fmode: u16,
    pub(crate) extflg: u16,
    pub(crate) limit: i64,
    pub(crate) resid: isize,
    /// With `UIO_DDI_ITER`: the Linux iterator.
    pub(crate) iter: *mut kernel::bindings::iov_iter,
    /// `resid` when the uio was made.
    pub(crate) start: isize,
}

const _: () = assert!(core::mem::size_of::<Uio>() == 64);

extern "C" {
    /// See `include/sys/kmem.h`.
    pub(crate) fn kmem_alloc(size: usize, flag: c_int) -> *mut c_void;
    /// See `include/sys/kmem.h`.
    pub(crate) fn kmem_zalloc(size: usize, flag: c_int) -> *mut c_void;
    /// See `include/sys/kmem.h`.
    pub(crate) fn kmem_free(buf: *mut c_void, size: usize);
    /// `kmem_cache_create`; see `include/sys/kmem.h`.
    pub(crate) fn ddi_kmem_cache_create(
        name: *const kernel::ffi::c_char,
        bufsize: usize,
        align: usize,
        constructor: Option<unsafe extern "C" fn(*mut c_void, *mut c_void, c_int) -> c_int>,
        destructor: Option<unsafe extern "C" fn(*mut c_void, *mut c_void)>,
        reclaim: Option<unsafe extern "C" fn(*mut c_void)>,
        private: *mut c_void,
        vmp: *mut c_void,
        cflags: c_int,
    ) -> *mut c_void;
    /// `kmem_cache_alloc`; see `include/sys/kmem.h`.
    pub(crate) fn ddi_kmem_cache_alloc(cp: *mut c_void, kmflag: c_int) -> *mut c_void;
    /// `kmem_cache_free`; see `include/sys/kmem.h`.
    pub(crate) fn ddi_kmem_cache_free(cp: *mut c_void, obj: *mut c_void);
    /// `kmem_cache_destroy`; see `include/sys/kmem.h`.
    pub(crate) fn ddi_kmem_cache_destroy(cp: *mut c_void);
    /// See `include/sys/map.h`.
    pub(crate) fn rmallocmap(mapsize: usize) -> *mut c_void;
    /// See `include/sys/map.h`.
    pub(crate) fn rmallocmap_wait(mapsize: usize) -> *mut c_void;
    /// See `include/sys/map.h`.
    pub(crate) fn rmfreemap(mp: *mut c_void);
    /// See `include/sys/map.h`.
    pub(crate) fn rmalloc(mp: *mut c_void, size: usize) -> c_ulong;
    /// See `include/sys/map.h`.
    pub(crate) fn rmalloc_wait(mp: *mut c_void, size: usize) -> c_ulong;
    /// See `include/sys/map.h`.
    pub(crate) fn rmalloc_wait_sig(mp: *mut c_void, size: usize) -> c_ulong;
    /// See `include/sys/map.h`.
    pub(crate) fn rmfree(mp: *mut c_void, size: usize, addr: c_ulong);
    /// See `include/sys/uio.h`.
    pub(crate) fn uiomove(addr: *mut c_void, n: usize, rw: c_int, uiop: *mut Uio) -> c_int;
}

/// An owning kmem buffer, freed with its exact size on drop.
///
/// # Invariants
///
/// `ptr` came from `kmem_alloc`/`kmem_zalloc` with `len` bytes and is freed
/// only by `drop`.
pub(crate) struct KmemBuf {
    ptr: NonNull<u8>,
    len: usize,
}

impl KmemBuf {
    /// `kmem_alloc(len, flag)`, or `kmem_zalloc` if `zero`; `None` when it
    /// returns NULL. With `KM_SLEEP` this may sleep.
    pub(crate) fn new(len: usize, flag: c_int, zero: bool) -> Option<KmemBuf> {
        // SAFETY: any size and flag may be passed; the shim checks them.
        let p = unsafe {
            if zero {
                kmem_zalloc(len, flag)
            } else {
                kmem_alloc(len, flag)
            }
        };
        NonNull::new(p.cast()).map(|ptr| KmemBuf { ptr, len })
    }

    /// The buffer's address.
    pub(crate) fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// The buffer's size.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The buffer's bytes.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: by the type invariant, `len` bytes at `ptr` are ours.
        unsafe { core::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for KmemBuf {
    fn drop(&mut self) {
        // SAFETY: by the type invariant, freed once with its exact size.
        unsafe { kmem_free(self.ptr.as_ptr().cast(), self.len) };
    }
}

// SAFETY: the buffer is plain memory owned by this value.
unsafe impl Send for KmemBuf {}
// SAFETY: `&KmemBuf` only gives the address and length; the bytes are
// reached through `&mut self`.
unsafe impl Sync for KmemBuf {}

/// An owning resource map, freed (`rmfreemap`) on drop.
///
/// # Invariants
///
/// `0` came from `rmallocmap`/`rmallocmap_wait` and is freed only by
/// `drop`.
pub(crate) struct RMap(NonNull<c_void>);

impl RMap {
    /// `rmallocmap(mapsize)`: does not sleep; `None` on failure.
    pub(crate) fn new(mapsize: usize) -> Option<RMap> {
        // SAFETY: any size may be passed.
        NonNull::new(unsafe { rmallocmap(mapsize) }).map(RMap)
    }

    /// `rmalloc`: does not sleep; 0 when the space is not there.
    pub(crate) fn alloc(&self, size: usize) -> usize {
        // SAFETY: the map is live (type invariant).
        unsafe { rmalloc(self.0.as_ptr(), size) }
    }

    /// `rmalloc_wait`: sleeps until the space is there; not interruptible.
    pub(crate) fn alloc_wait(&self, size: usize) -> usize {
        // SAFETY: as above.
        unsafe { rmalloc_wait(self.0.as_ptr(), size) }
    }

    /// `rmalloc_wait_sig`: as `alloc_wait`, but 0 if a signal arrives.
    pub(crate) fn alloc_wait_sig(&self, size: usize) -> usize {
        // SAFETY: as above.
        unsafe { rmalloc_wait_sig(self.0.as_ptr(), size) }
    }

    /// `rmfree`: does not sleep.
    pub(crate) fn free(&self, size: usize, addr: usize) {
        // SAFETY: as above.
        unsafe { rmfree(self.0.as_ptr(), size, addr) }
    }
}

impl Drop for RMap {
    fn drop(&mut self) {
        // SAFETY: freed once (type invariant).
        unsafe { rmfreemap(self.0.as_ptr()) }
    }
}

// SAFETY: maps are locked internally; any thread may use one.
unsafe impl Send for RMap {}
// SAFETY: as above.
unsafe impl Sync for RMap {}

impl Uio {
    /// A uio for the iterator of a `read_iter`/`write_iter` call, at file
    /// position `pos`: `UIO_DDI_ITER`, in user space if the iterator is.
    ///
    /// # Safety
    ///
    /// `iter` is the live iterator of the caller's call, with `len` bytes,
    /// used by nobody else while the uio is.
    pub(crate) unsafe fn new(iter: *mut kernel::bindings::iov_iter, pos: i64, len: usize) -> Uio {
        let resid = isize::try_from(len).unwrap_or(isize::MAX);
        // SAFETY: `iter` is live (the function's contract).
        let ty = u32::from(unsafe { (*iter).iter_type });
        let user = ty == kernel::bindings::iter_type_ITER_UBUF
            || ty == kernel::bindings::iter_type_ITER_IOVEC;
        Uio {
            iov: core::ptr::null_mut(),
            iovcnt: 0,
            offset: pos,
            segflg: if user { UIO_USERSPACE } else { UIO_SYSSPACE },
            fmode: 0,
            extflg: UIO_DDI_ITER,
            limit: i64::MAX,
            resid,
            iter,
            start: resid,
        }
    }

    /// `uiomove(buf, buf.len(), UIO_READ, self)`: `buf` to the user.
    /// Returns 0 or `EFAULT`. May sleep.
    pub(crate) fn move_out(&mut self, buf: &[u8]) -> c_int {
        // SAFETY: `buf` is valid for reads of its length; the iterator is
        // live for the read call this uio was made for.
        unsafe { uiomove(buf.as_ptr().cast_mut().cast(), buf.len(), UIO_READ, self) }
    }

    /// `uiomove(buf, buf.len(), UIO_WRITE, self)`: user to `buf`.
    /// Returns 0 or `EFAULT`. May sleep.
    pub(crate) fn move_in(&mut self, buf: &mut [u8]) -> c_int {
        // SAFETY: `buf` is valid for writes of its length; as above.
        unsafe { uiomove(buf.as_mut_ptr().cast(), buf.len(), UIO_WRITE, self) }
    }

    /// Bytes not yet moved (`uio_resid`).
    pub(crate) fn resid(&self) -> usize {
        usize::try_from(self.resid).unwrap_or(0)
    }

    /// Bytes moved so far.
    pub(crate) fn moved(&self) -> usize {
        usize::try_from(self.start - self.resid).unwrap_or(0)
    }

    /// The device offset (`uio_offset`).
    pub(crate) fn offset(&self) -> i64 {
        self.offset
    }
}
