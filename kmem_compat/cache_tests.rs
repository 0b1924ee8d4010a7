// SPDX-License-Identifier: GPL-2.0

//! KUnit suite `ddi_compat_kmem_cache`: `kmem_cache_create(9F)` and its
//! family through the exported C ABI, as drivers call them.

use kernel::prelude::*;

#[kunit_tests(ddi_compat_kmem_cache)]
mod cases {
    use super::super::layout::{FILL_WORD, F_POISON, F_REDZONE, RZ_BYTE};
    use super::super::{mode, set_mode, Misuse, STATS};
    use crate::api::{self, KM_NOSLEEP, KM_SLEEP};
    use core::ffi::c_void;
    use core::ptr;
    use core::sync::atomic::{AtomicUsize, Ordering};
    use kernel::ffi::c_int;
    use kernel::prelude::*;

    /// What the callbacks saw.
    struct Seen {
        ctor: AtomicUsize,
        dtor: AtomicUsize,
        /// The last constructor's flag.
        flag: AtomicUsize,
        /// Whether the constructor found the fill pattern.
        filled: AtomicUsize,
        /// Fail the constructor under `KM_NOSLEEP`.
        fail_nosleep: AtomicUsize,
    }

    const MAGIC: u32 = 0x5eed_f00d;

    /// Marks the object constructed (its first word), counts the call in
    /// the `Seen` passed as the private argument.
    ///
    /// # Safety
    ///
    /// `buf` is a new object of at least 4 bytes, `private` a live `Seen`.
    unsafe extern "C" fn ctor(buf: *mut c_void, private: *mut c_void, flag: c_int) -> c_int {
        // SAFETY: the tests pass a live `Seen` as the private argument.
        let s = unsafe { &*private.cast::<Seen>() };
        if flag & KM_NOSLEEP != 0 && s.fail_nosleep.load(Ordering::Relaxed) != 0 {
            return -1;
        }
        // SAFETY: `buf` is a new object of at least 4 bytes, 16-aligned.
        let w = unsafe { buf.cast::<u32>().read() };
        s.filled
            .store(usize::from(w == FILL_WORD.to_be()), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { buf.cast::<u32>().write(MAGIC) };
        s.ctor.fetch_add(1, Ordering::Relaxed);
        s.flag.store(flag as usize, Ordering::Relaxed);
        0
    }

    /// Checks and clears the mark; counts the call.
    ///
    /// # Safety
    ///
    /// `buf` is a live object of at least 4 bytes, `private` a live `Seen`.
    unsafe extern "C" fn dtor(buf: *mut c_void, private: *mut c_void) {
        // SAFETY: as for `ctor`.
        let s = unsafe { &*private.cast::<Seen>() };
        // SAFETY: `buf` is a live, constructed object.
        if unsafe { buf.cast::<u32>().read() } == MAGIC {
            s.dtor.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: as above.
        unsafe { buf.cast::<u32>().write(0) };
    }

    fn seen() -> Seen {
        Seen {
            ctor: AtomicUsize::new(0),
            dtor: AtomicUsize::new(0),
            flag: AtomicUsize::new(0),
            filled: AtomicUsize::new(0),
            fail_nosleep: AtomicUsize::new(0),
        }
    }

    fn create(
        name: &CStr,
        size: usize,
        align: usize,
        s: Option<&Seen>,
        cflags: c_int,
    ) -> *mut c_void {
        let (c, d) = if s.is_some() {
            (
                Some(ctor as unsafe extern "C" fn(_, _, _) -> _),
                Some(dtor as unsafe extern "C" fn(_, _)),
            )
        } else {
            (None, None)
        };
        let private = s.map_or(ptr::null_mut(), |s| ptr::from_ref(s).cast_mut().cast());
        // SAFETY: a NUL-terminated name; the callbacks may be called with
        // `private` while the cache lives, which the tests keep shorter
        // than `s`.
        unsafe {
            api::ddi_kmem_cache_create(
                name.as_char_ptr(),
                size,
                align,
                c,
                d,
                None,
                private,
                ptr::null_mut(),
                cflags,
            )
        }
    }

    fn alloc(cp: *mut c_void, flag: c_int) -> *mut c_void {
        // SAFETY: any handle and flag may be passed: that is under test.
        unsafe { api::ddi_kmem_cache_alloc(cp, flag) }
    }

    fn free(cp: *mut c_void, obj: *mut c_void) {
        // SAFETY: as above.
        unsafe { api::ddi_kmem_cache_free(cp, obj) }
    }

    fn destroy(cp: *mut c_void) {
        // SAFETY: as above.
        unsafe { api::ddi_kmem_cache_destroy(cp) }
    }

    fn misuse(m: Misuse) -> u64 {
        STATS.misuse_count(m)
    }

    /// "The object will be in its constructed state": the constructor ran
    /// on it with the private argument and the caller's flag; the free
    /// ran the destructor on it.
    #[test]
    fn objects_are_constructed_and_destroyed() {
        let s = seen();
        let cp = create(c"ddi_test_ctor", 100, 0, Some(&s), 0);
        assert!(!cp.is_null());
        let a = alloc(cp, KM_SLEEP);
        let b = alloc(cp, KM_NOSLEEP);
        assert!(!a.is_null() && !b.is_null());
        assert_eq!(s.ctor.load(Ordering::Relaxed), 2);
        assert_eq!(s.flag.load(Ordering::Relaxed), KM_NOSLEEP as usize);
        // SAFETY: a live object of 100 bytes.
        assert_eq!(unsafe { a.cast::<u32>().read() }, MAGIC);
        // SAFETY: as above; the whole object is ours.
        unsafe { ptr::write_bytes(b.cast::<u8>().add(4), 0x77, 96) };
        free(cp, a);
        free(cp, b);
        assert_eq!(s.dtor.load(Ordering::Relaxed), 2);
        destroy(cp);
    }

    /// "aligned on an align boundary"; 0 means the default (16 bytes here).
    #[test]
    fn objects_are_aligned() {
        for (align, size) in [
            (0usize, 1usize),
            (8, 24),
            (16, 100),
            (64, 1),
            (256, 3000),
            (4096, 10),
        ] {
            let cp = create(c"ddi_test_align", size, align, None, 0);
            assert!(!cp.is_null());
            let p = alloc(cp, KM_SLEEP);
            assert_eq!(p as usize % align.max(16), 0);
            // SAFETY: `size` bytes are ours.
            unsafe { ptr::write_bytes(p.cast::<u8>(), 0xa5, size) };
            free(cp, p);
            destroy(cp);
        }
    }

    /// "constructor can fail if it needs to allocate memory but cannot":
    /// the allocation returns NULL and nothing is left allocated.
    #[test]
    fn constructor_failure_fails_the_allocation() {
        let s = seen();
        s.fail_nosleep.store(1, Ordering::Relaxed);
        let cp = create(c"ddi_test_ctor_fail", 64, 0, Some(&s), 0);
        let f = STATS.failures.load(kernel::sync::atomic::Relaxed);
        assert!(alloc(cp, KM_NOSLEEP).is_null());
        assert_eq!(STATS.failures.load(kernel::sync::atomic::Relaxed), f + 1);
        assert_eq!(s.dtor.load(Ordering::Relaxed), 0);
        let p = alloc(cp, KM_SLEEP);
        assert!(!p.is_null());
        free(cp, p);
        // Empty again: destroyed without a leak report.
        let l = misuse(Misuse::CacheLeak);
        destroy(cp);
        assert_eq!(misuse(Misuse::CacheLeak), l);
    }

    /// Frees that are not of a live object of the cache are reported,
    /// counted, and leave the object alone.
    #[test]
    fn bad_frees_are_refused() {
        let (sa, sb) = (seen(), seen());
        let a = create(c"ddi_test_a", 48, 0, Some(&sa), 0);
        let b = create(c"ddi_test_b", 48, 0, Some(&sb), 0);
        let o = alloc(a, KM_SLEEP);
        let (w, d, fo) = (
            misuse(Misuse::WrongCache),
            misuse(Misuse::DoubleFree),
            misuse(Misuse::Foreign),
        );
        free(b, o); // the wrong cache
        assert_eq!(misuse(Misuse::WrongCache), w + 1);
        assert_eq!(
            sb.dtor.load(Ordering::Relaxed) + sa.dtor.load(Ordering::Relaxed),
            0
        );
        // SAFETY: `o` is still a live object of `a`, intact.
        assert_eq!(unsafe { o.cast::<u32>().read() }, MAGIC);
        // A kmem_alloc buffer to a cache, an object to kmem_free.
        // SAFETY: any arguments may be passed: that is under test.
        let k = unsafe { api::kmem_alloc(48, KM_SLEEP) };
        free(a, k);
        // SAFETY: as above.
        unsafe { api::kmem_free(o, 48) };
        assert_eq!(misuse(Misuse::WrongCache), w + 3);
        // SAFETY: `k` is a live 48-byte buffer.
        unsafe { api::kmem_free(k, 48) };
        // Foreign, interior and NULL pointers.
        let on_stack = [0u64; 8];
        free(a, on_stack.as_ptr().cast_mut().cast());
        // SAFETY: inside the object.
        free(a, unsafe { o.cast::<u8>().add(16) }.cast());
        free(a, ptr::null_mut());
        assert_eq!(misuse(Misuse::Foreign), fo + 3);
        free(a, o);
        assert_eq!(sa.dtor.load(Ordering::Relaxed), 1);
        free(a, o); // twice
        assert_eq!(misuse(Misuse::DoubleFree), d + 1);
        assert_eq!(sa.dtor.load(Ordering::Relaxed), 1);
        destroy(a);
        destroy(b);
    }

    /// NULL, foreign and destroyed cache handles are reported and refused.
    #[test]
    fn bad_handles_are_refused() {
        let bc = misuse(Misuse::BadCache);
        let v = [0u64; 16];
        let fake = v.as_ptr().cast_mut().cast();
        assert!(alloc(ptr::null_mut(), KM_SLEEP).is_null());
        assert!(alloc(fake, KM_NOSLEEP).is_null());
        free(fake, fake);
        destroy(ptr::null_mut());
        let cp = create(c"ddi_test_gone", 8, 0, None, 0);
        destroy(cp);
        // Freed by now: the no-fault read finds no live cache there.
        destroy(cp);
        assert!(alloc(cp, KM_SLEEP).is_null());
        assert_eq!(misuse(Misuse::BadCache), bc + 6);
        // Bad arguments to kmem_cache_create.
        for (size, align) in [(0usize, 0usize), (8, 3), (8, 8192), (usize::MAX - 8, 0)] {
            assert!(create(c"ddi_test_bad", size, align, None, 0).is_null());
        }
        assert_eq!(misuse(Misuse::BadCache), bc + 10);
    }

    /// "All allocated objects must have been previously freed": a destroy
    /// with objects outstanding is reported and the cache left in place;
    /// its object stays good and may still be freed.
    #[test]
    fn destroy_with_objects_leaks_the_cache() {
        let s = seen();
        let cp = create(c"ddi_test_leak", 32, 0, Some(&s), 0);
        let o = alloc(cp, KM_SLEEP);
        let (l, bc) = (misuse(Misuse::CacheLeak), misuse(Misuse::BadCache));
        destroy(cp);
        assert_eq!(misuse(Misuse::CacheLeak), l + 1);
        assert!(alloc(cp, KM_NOSLEEP).is_null());
        // SAFETY: the object is still live.
        assert_eq!(unsafe { o.cast::<u32>().read() }, MAGIC);
        free(cp, o);
        assert_eq!(s.dtor.load(Ordering::Relaxed), 1);
        assert_eq!(misuse(Misuse::BadCache), bc + 2);
        // The cache (empty now) is freed at unload; `s` must outlive it,
        // but nothing calls the callbacks again.
    }

    /// kmem_flags's redzone and deadbeef modes apply to caches created
    /// under them, unless KMC_NODEBUG: a write past the end is caught.
    #[test]
    fn debug_modes_apply_to_caches() {
        let old = mode();
        set_mode(F_REDZONE | F_POISON);
        let s = seen();
        let cp = create(c"ddi_test_rz", 40, 0, Some(&s), 0);
        let plain = create(c"ddi_test_nodebug", 40, 0, None, 0x0002_0000);
        set_mode(old);
        let o = alloc(cp, KM_SLEEP).cast::<u8>();
        assert_eq!(s.filled.load(Ordering::Relaxed), 1);
        let ov = misuse(Misuse::Overrun);
        // SAFETY: the redzone follows the object inside its slab object.
        unsafe { *o.add(40) = 0 };
        free(cp, o.cast());
        assert_eq!(misuse(Misuse::Overrun), ov + 1);
        // SAFETY: as above.
        unsafe { *o.add(40) = RZ_BYTE };
        free(cp, o.cast());
        assert_eq!(s.dtor.load(Ordering::Relaxed), 1);
        let p = alloc(plain, KM_SLEEP);
        free(plain, p);
        assert_eq!(misuse(Misuse::Overrun), ov + 1);
        destroy(cp);
        destroy(plain);
    }
}
