// SPDX-License-Identifier: GPL-2.0

//! The objects of kmem caches: `kmem_cache_alloc` and `kmem_cache_free`,
//! with the checks and reports of every free (see `cache.rs` for the
//! theory).

use super::super::flags::{self, KM_KNOWN};
use super::super::layout::{
    verify, Hdr, Verdict, FILL_WORD, F_POISON, F_REDZONE, HDR, POISON_WORD, RZ, RZ_BYTE,
};
use super::super::slab::{cache_alloc, slab_free};
use super::super::stats::{Misuse, STATS};
use super::super::{claim, fill, is_buffer, kmem, peek_hdr, Kmem};
use super::{handle, secret, CacheName, DdiCache};
use crate::api::KM_NOSLEEP;
use crate::ddi::{might_sleep, Caller};
use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::Ordering;
use kernel::ffi::c_int;
use kernel::prelude::*;

/// `kmem_cache_alloc`; see `include/sys/kmem.h`.
#[inline(always)]
fn alloc(cp: *mut c_void, flag: c_int, caller: usize) -> *mut c_void {
    if flag & KM_NOSLEEP == 0 {
        might_sleep();
    }
    let flag = if flag & !KM_KNOWN != 0 {
        flags::known(flag, "kmem_cache_alloc", caller)
    } else {
        flag
    };
    // SAFETY: the driver does not destroy the cache during this call.
    let Some(c) = (unsafe { handle(cp, "kmem_cache_alloc", caller) }) else {
        return ptr::null_mut();
    };
    c.outstanding.fetch_add(1, Ordering::SeqCst);
    // Every way out below reports first and uncounts last, so that `c` is
    // not touched after the count that keeps a destroy away is given back.
    if c.dying.load(Ordering::SeqCst) {
        let r = after_destroy(c, "kmem_cache_alloc", caller);
        c.outstanding.fetch_sub(1, Ordering::SeqCst);
        return r;
    }
    let obj = flags::with_retry(flag, |gfp| cache_alloc(c.slab, gfp));
    if obj.is_null() {
        let r = flags::failed(flag, c"kmem_cache_alloc", c.bufsize, caller);
        c.outstanding.fetch_sub(1, Ordering::SeqCst);
        return r;
    }
    // SAFETY: a new slab object of `c.layout.size` bytes: the object
    // follows the front, the redzone (if any) the object.
    let user = unsafe { obj.cast::<u8>().add(c.layout.front) };
    if c.modes & F_REDZONE != 0 {
        // SAFETY: as above.
        unsafe { ptr::write_bytes(user.add(c.bufsize), RZ_BYTE, RZ) };
    }
    if c.modes & F_POISON != 0 {
        // SAFETY: as above: `bufsize` bytes at `user`.
        unsafe { fill(user, c.bufsize, FILL_WORD) };
    }
    if let Some(ctor) = c.ctor {
        // SAFETY: the driver's constructor, called as on illumos: with the
        // new object, the cache's private argument and the caller's flags.
        if unsafe { ctor(user.cast(), c.private, flag) } != 0 {
            // SAFETY: the object is new and was not handed out.
            unsafe { slab_free(c.slab, obj, c.layout.front) };
            let r = ctor_failed(c, ctor as usize, flag, caller);
            c.outstanding.fetch_sub(1, Ordering::SeqCst);
            return r;
        }
    }
    let hdr = (user as usize) - HDR;
    let h = Hdr::new(hdr, c.id as usize, caller, secret(kmem()), c.modes);
    // SAFETY: the header is the last `HDR` bytes of the front, 16-byte
    // aligned (the front is a multiple of 16 from an aligned object).
    unsafe { (hdr as *mut Hdr).write(h) };
    user.cast()
}

#[cold]
#[inline(never)]
fn ctor_failed(c: &DdiCache, ctor: usize, flag: c_int, caller: usize) -> *mut c_void {
    STATS.failures.add(1, kernel::sync::atomic::Relaxed);
    if flag & KM_NOSLEEP == 0 {
        pr_warn!(
            "kmem_cache_alloc: the constructor {} of cache {} failed under KM_SLEEP (it may \
             fail only under KM_NOSLEEP); returning NULL to {}\n",
            Caller(ctor),
            c.name,
            Caller(caller)
        );
    }
    ptr::null_mut()
}

#[cold]
#[inline(never)]
fn after_destroy(c: &DdiCache, what: &str, caller: usize) -> *mut c_void {
    STATS.misuse(Misuse::BadCache);
    let then = if what == "kmem_cache_alloc" {
        "returning NULL"
    } else {
        "freed all the same"
    };
    pr_warn!(
        "{}: cache {} was destroyed (with objects outstanding); called from {}: {}\n",
        what,
        c.name,
        Caller(caller),
        then
    );
    ptr::null_mut()
}

/// `kmem_cache_free`; see `include/sys/kmem.h`.
#[inline(always)]
fn free(cp: *mut c_void, buf: *mut c_void, caller: usize) {
    // SAFETY: the driver does not destroy the cache during this call.
    let Some(c) = (unsafe { handle(cp, "kmem_cache_free", caller) }) else {
        return;
    };
    let addr = buf as usize;
    let me = kmem();
    let Some(h) = peek_hdr(addr) else {
        return not_an_object(me, c, addr, None, caller);
    };
    let v = verify(&h, addr - HDR, c.id as usize, secret(me));
    if v != Verdict::Live(c.modes) {
        return not_an_object(me, c, addr, Some((h, v)), caller);
    }
    if c.modes & F_REDZONE != 0 {
        // SAFETY: a live object of `c` with a redzone: `RZ` bytes follow it.
        let rz = unsafe { core::slice::from_raw_parts((addr + c.bufsize) as *const u8, RZ) };
        if rz.iter().any(|&b| b != RZ_BYTE) {
            STATS.misuse(Misuse::Overrun);
            pr_warn!(
                "kmem_cache_free: {:#x} (cache {}, allocated by {}) was written past its end \
                 (redzone {:02x?}); freed by {}; not freed\n",
                addr,
                c.name,
                Caller(h.caller),
                rz,
                Caller(caller)
            );
            return;
        }
    }
    if !claim(addr - HDR, h) {
        STATS.misuse(Misuse::DoubleFree);
        pr_warn!(
            "kmem_cache_free: {:#x} (cache {}, allocated by {}) freed twice at once; second \
             free by {} ignored\n",
            addr,
            c.name,
            Caller(h.caller),
            Caller(caller)
        );
        return;
    }
    if c.dying.load(Ordering::Relaxed) {
        after_destroy(c, "kmem_cache_free", caller);
    }
    if let Some(dtor) = c.dtor {
        // SAFETY: the driver's destructor, called as on illumos: with the
        // object it freed (in its constructed state) and the private
        // argument.
        unsafe { dtor(buf, c.private) };
    }
    if c.modes & F_POISON != 0 {
        // SAFETY: the object is ours (claimed above), `bufsize` bytes.
        unsafe { fill(buf.cast(), c.bufsize, POISON_WORD) };
    }
    // SAFETY: `addr - front` is the slab object of a live object of `c`,
    // claimed above by this call alone; its header (in the front) is kept.
    unsafe {
        slab_free(
            c.slab,
            (addr - c.layout.front) as *mut c_void,
            c.layout.front,
        )
    };
    c.outstanding.fetch_sub(1, Ordering::SeqCst);
}

/// Reports a `kmem_cache_free` of `addr` to `c` that is not a live object
/// of `c`: `hv` is its header and verdict, if it has a readable one.
#[cold]
#[inline(never)]
fn not_an_object(me: &Kmem, c: &DdiCache, addr: usize, hv: Option<(Hdr, Verdict)>, caller: usize) {
    match hv {
        Some((h, Verdict::WrongSize(id))) => {
            STATS.misuse(Misuse::WrongCache);
            let other = CacheName::of(id as u32);
            pr_warn!(
                "kmem_cache_free: {:#x} is an object of {}, allocated by {}, freed to cache {} \
                 by {}; not freed\n",
                addr,
                other,
                Caller(h.caller),
                c.name,
                Caller(caller)
            );
        }
        Some((h, Verdict::Freed(id))) => {
            STATS.misuse(Misuse::DoubleFree);
            let other = CacheName::of(id as u32);
            pr_warn!(
                "kmem_cache_free: double free of {:#x} (an object of {}, allocated by {}) to \
                 cache {} by {}; not freed again\n",
                addr,
                other,
                Caller(h.caller),
                c.name,
                Caller(caller)
            );
        }
        Some((h, _)) if is_buffer(me, &h, addr) => {
            STATS.misuse(Misuse::WrongCache);
            pr_warn!(
                "kmem_cache_free: {:#x} is a kmem_alloc buffer of {} bytes, allocated by {}, \
                 freed to cache {} by {}; not freed\n",
                addr,
                h.size,
                Caller(h.caller),
                c.name,
                Caller(caller)
            );
        }
        _ => {
            STATS.misuse(Misuse::Foreign);
            pr_warn!(
                "kmem_cache_free: {:#x} from {} is not an object of cache {} (NULL, foreign or \
                 interior pointer, or freed and reused); not freed\n",
                addr,
                Caller(caller),
                c.name
            );
        }
    }
}

/// `void *kmem_cache_alloc(kmem_cache_t *cp, int kmflag)`, called by its C
/// entry with the caller's address. `KM_SLEEP` may sleep (process
/// context); `KM_NOSLEEP` never sleeps (any context).
#[no_mangle]
pub(crate) extern "C" fn ddi_cache_alloc(
    cp: *mut c_void,
    kmflag: c_int,
    caller: usize,
) -> *mut c_void {
    alloc(cp, kmflag, caller)
}

/// `void kmem_cache_free(kmem_cache_t *cp, void *obj)`, called by its C
/// entry with the caller's address. Never sleeps; any context.
///
/// # Safety
///
/// `obj` is what `kmem_cache_alloc(cp, ...)` returned, not freed since;
/// anything else is reported and left alone, but a foreign pointer is
/// taken for an object with odds 2^-28 (see `layout.rs`).
#[no_mangle]
pub(crate) unsafe extern "C" fn ddi_cache_free(cp: *mut c_void, obj: *mut c_void, caller: usize) {
    free(cp, obj, caller)
}
