// SPDX-License-Identifier: GPL-2.0

//! KUnit suite `ddi_compat_kmem`: `kmem_alloc`, `kmem_zalloc` and
//! `kmem_free` through the exported C ABI, in every debug mode.

use kernel::prelude::*;

#[kunit_tests(ddi_compat_kmem)]
mod cases {
    //! Through the exported C ABI, as drivers call it.
    use super::super::*;
    use crate::api::{self, KmemBuf, KM_NORMALPRI, KM_NO_DMA, KM_PANIC, KM_PUSHPAGE, KM_SLEEP};
    use kernel::sync::atomic::Relaxed;
    use kernel::sync::{new_spinlock, new_spinlock_irq};

    #[inline(never)]
    fn ka(size: usize, flag: c_int) -> *mut c_void {
        // SAFETY: any size and flag may be passed.
        let p = unsafe { api::kmem_alloc(size, flag) };
        // Not a tail call: the caller recorded is in `ka` (see
        // `audit_lists_live_buffers`).
        core::hint::black_box(p)
    }

    fn kz(size: usize, flag: c_int) -> *mut c_void {
        // SAFETY: as above.
        unsafe { api::kmem_zalloc(size, flag) }
    }

    fn kf(p: *mut c_void, size: usize) {
        // SAFETY: `kmem_free` checks what it is given: that is under test.
        unsafe { api::kmem_free(p, size) }
    }

    fn misuse(m: Misuse) -> u64 {
        STATS.misuse_count(m)
    }

    fn frees() -> u64 {
        counters().frees
    }

    /// Runs `f` with the given debug flags for new buffers.
    fn with_mode<R>(flags: u32, f: impl FnOnce() -> R) -> R {
        let old = mode();
        set_mode(flags);
        let r = f();
        set_mode(old);
        r
    }

    /// "kmem_alloc() allocates size bytes of kernel memory and returns a
    /// pointer to the allocated memory."
    #[test]
    fn allocates_size_bytes() {
        for size in [
            1usize, 7, 8, 100, 192, 193, 256, 4096, 8191, 8192, 8193, 65536,
        ] {
            let mut b = KmemBuf::new(size, KM_SLEEP, false).unwrap();
            b.as_mut_slice().fill(0x5a);
            assert!(b.as_mut_slice().iter().all(|&x| x == 0x5a));
        }
    }

    /// "at least double-word aligned" (SunOS), "word-aligned" (SVR5): we
    /// give 16 bytes; big buffers are page-aligned.
    #[test]
    fn alignment() {
        for size in [1usize, 8, 24, 64, 100, 4096, 8192, 9000, 1 << 20] {
            let b = KmemBuf::new(size, KM_SLEEP, false).unwrap();
            assert_eq!(b.addr() % 16, 0);
            if size > MAX_SMALL {
                assert_eq!(b.addr() % 4096, 0);
            }
        }
    }

    /// "KM_SLEEP allocations may sleep but are guaranteed to succeed",
    /// 16 MiB included (vmalloc fallback).
    #[test]
    fn km_sleep_succeeds_even_for_16_mib() {
        let mut b = KmemBuf::new(16 << 20, KM_SLEEP, true).unwrap();
        let s = b.as_mut_slice();
        assert!(s[0] == 0 && s[(16 << 20) - 1] == 0);
        s[12345] = 1;
    }

    /// "KM_NOSLEEP allocations are guaranteed not to sleep": allocate and
    /// free with interrupts off and a spinlock held (DEBUG_ATOMIC_SLEEP
    /// would report a sleep).
    #[test]
    fn km_nosleep_does_not_sleep() -> Result {
        let lock = KBox::pin_init(new_spinlock_irq!(0u32), GFP_KERNEL)?;
        let plain = KBox::pin_init(new_spinlock!(0u32), GFP_KERNEL)?;
        let _g = lock.lock();
        let _h = plain.lock();
        for size in [16usize, 512, 4096] {
            let b = KmemBuf::new(size, KM_NOSLEEP, false);
            assert!(b.is_some());
        }
        for flag in [
            KM_NOSLEEP | KM_PUSHPAGE,
            KM_NOSLEEP | KM_NORMALPRI,
            KM_NOSLEEP | KM_NO_DMA,
        ] {
            assert!(KmemBuf::new(64, flag, false).is_some());
        }
        Ok(())
    }

    /// "The initial contents ... are random garbage": with poison mode the
    /// garbage is Solaris's 0xbaddcafe, so reliance on zeroes shows.
    #[test]
    fn poison_mode_fills_new_buffers() {
        with_mode(F_POISON, || {
            let mut b = KmemBuf::new(10, KM_SLEEP, false).unwrap();
            assert_eq!(
                &b.as_mut_slice()[..],
                &[0xba, 0xdd, 0xca, 0xfe, 0xba, 0xdd, 0xca, 0xfe, 0xba, 0xdd]
            );
            // Long and odd: the pattern stays in phase to the last byte.
            let pat = FILL_WORD.to_be_bytes();
            let mut b = KmemBuf::new(4099, KM_SLEEP, false).unwrap();
            assert!(b
                .as_mut_slice()
                .iter()
                .enumerate()
                .all(|(i, &x)| x == pat[i % 4]));
        });
    }

    /// "kmem_zalloc() is like kmem_alloc() but returns zero-filled memory",
    /// even where a poisoned buffer just was.
    #[test]
    fn zalloc_is_zeroed() {
        with_mode(F_POISON, || {
            for size in [5usize, 64, 3000, 20000] {
                drop(KmemBuf::new(size, KM_SLEEP, false));
                let mut b = KmemBuf::new(size, KM_SLEEP, true).unwrap();
                assert!(b.as_mut_slice().iter().all(|&x| x == 0));
            }
        });
    }

    /// "kmem_alloc(0, flag) always returns NULL" / "If size is set to 0,
    /// kmem_alloc returns NULL, regardless of the value of flag."
    #[test]
    fn size_zero_gives_null() {
        for flag in [KM_SLEEP, KM_NOSLEEP, KM_NOSLEEP | KM_PUSHPAGE] {
            assert!(ka(0, flag).is_null());
            assert!(kz(0, flag).is_null());
        }
    }

    /// "kmem_free(NULL, 0) is legal."; NULL with a size is a misuse.
    #[test]
    fn free_null() {
        let (n, f) = (misuse(Misuse::NullWithSize), frees());
        kf(ptr::null_mut(), 0);
        assert_eq!((misuse(Misuse::NullWithSize), frees()), (n, f));
        kf(ptr::null_mut(), 8);
        assert_eq!((misuse(Misuse::NullWithSize), frees()), (n + 1, f));
    }

    /// "The buffer address and size must exactly match the original
    /// allocation": a wrong size is refused, the buffer stays allocated,
    /// and the right size then frees it.
    #[test]
    fn wrong_size_is_refused() {
        for (size, wrong) in [
            (100usize, 101usize),
            (100, 99),
            (4096, 4095),
            (64, 65536),
            (65536, 64),
            (20000, 20001),
        ] {
            let p = ka(size, KM_SLEEP);
            let (m, f) = (misuse(Misuse::WrongSize), frees());
            kf(p, wrong);
            assert_eq!(misuse(Misuse::WrongSize), m + 1);
            assert_eq!(frees(), f);
            // Still ours and intact: writable, then freed with its size.
            // SAFETY: `p` is a live buffer of `size` bytes.
            unsafe { ptr::write_bytes(p.cast::<u8>(), 1, size) };
            kf(p, size);
            assert_eq!(frees(), f + 1);
        }
    }

    /// "Memory cannot be returned piecemeal."
    #[test]
    fn no_piecemeal_free() {
        let p = ka(256, KM_SLEEP);
        let (w, fo, f) = (misuse(Misuse::WrongSize), misuse(Misuse::Foreign), frees());
        kf(p, 128); // the first half
                    // SAFETY: `p + 128` is inside the 256-byte buffer.
        kf(unsafe { p.cast::<u8>().add(128) }.cast(), 128); // the second half
        assert_eq!(
            (misuse(Misuse::WrongSize), misuse(Misuse::Foreign), frees()),
            (w + 1, fo + 1, f)
        );
        kf(p, 256);
        assert_eq!(frees(), f + 1);
    }

    #[test]
    fn double_free_is_refused() {
        for size in [8usize, 100, 8192, 100_000] {
            let p = ka(size, KM_SLEEP);
            kf(p, size);
            let (d, fo, f) = (misuse(Misuse::DoubleFree), misuse(Misuse::Foreign), frees());
            kf(p, size);
            assert_eq!(frees(), f);
            // Small buffers keep their header: named a double free; a big
            // one is simply not ours any more.
            if size <= MAX_SMALL {
                assert_eq!(misuse(Misuse::DoubleFree), d + 1);
            } else {
                assert_eq!(misuse(Misuse::Foreign), fo + 1);
            }
        }
    }

    /// "kmem_free() may be called from interrupt context": a big buffer
    /// (vmalloc'd) freed under a spinlock, with interrupts off, is freed
    /// without sleeping (DEBUG_ATOMIC_SLEEP reports a sleep as a splat).
    #[test]
    fn big_free_does_not_sleep() -> Result {
        let lock = KBox::pin_init(new_spinlock_irq!(0u32), GFP_KERNEL)?;
        for size in [16usize << 20, 100_000] {
            let p = ka(size, KM_SLEEP);
            let f = frees();
            let g = lock.lock();
            kf(p, size);
            drop(g);
            assert_eq!(frees(), f + 1);
        }
        Ok(())
    }

    /// Sizes no allocator can serve give NULL, in every debug mode, with
    /// our warning for `KM_SLEEP` and no allocator warning or panic.
    #[test]
    fn huge_sizes_give_null() {
        for flags in [0, F_REDZONE, F_ALL] {
            with_mode(flags, || {
                for size in [usize::MAX, usize::MAX - 7, KM_MAX + 1, 1 << 40] {
                    assert!(ka(size, KM_NOSLEEP).is_null());
                    assert!(kz(size, KM_SLEEP).is_null());
                }
            });
        }
        // A huge size to kmem_free is a misuse, not an overflow.
        let p = ka(64, KM_SLEEP);
        let w = misuse(Misuse::WrongSize);
        kf(p, usize::MAX);
        assert_eq!(misuse(Misuse::WrongSize), w + 1);
        kf(p, 64);
    }

    #[test]
    fn foreign_and_interior_pointers_are_refused() -> Result {
        let v = KVec::<u64>::from_elem(7, 64, GFP_KERNEL)?;
        let on_stack = [0u64; 8];
        let p = ka(64, KM_SLEEP);
        let (fo, f) = (misuse(Misuse::Foreign), frees());
        kf(v.as_ptr().cast_mut().cast(), 64); // kmalloc'd
        kf(on_stack.as_ptr().cast_mut().cast(), 64); // stack
        kf(0x10usize as *mut c_void, 64); // unmapped

        // SAFETY: inside the 64-byte buffer.
        kf(unsafe { p.cast::<u8>().add(16) }.cast(), 48); // interior
        kf(0x18usize as *mut c_void, 100_000); // big and wild

        // Kernel addresses whose header cannot be read: the no-fault read
        // takes the fault (a vmalloc guard page; a non-canonical address)
        // and the free is refused without an oops.
        let page = VVec::<u8>::with_capacity(kernel::page::PAGE_SIZE, GFP_KERNEL)?;
        // SAFETY: only the address is computed: the page after the buffer.
        let guard = unsafe { page.as_ptr().add(kernel::page::PAGE_SIZE) };
        kf(guard.wrapping_add(HDR).cast_mut().cast(), 64);
        kf(0x8000_0000_0000_0010usize as *mut c_void, 64);
        assert_eq!(misuse(Misuse::Foreign), fo + 7);
        assert_eq!(frees(), f);
        assert_eq!(v[0], 7);
        kf(p, 64);
        Ok(())
    }

    /// Redzone mode: a write past the requested size is caught at free and
    /// the buffer is not freed.
    #[test]
    fn overrun_is_caught_in_redzone_mode() {
        with_mode(F_REDZONE, || {
            for size in [1usize, 30, 4000, 8184] {
                let p = ka(size, KM_SLEEP).cast::<u8>();
                let (o, f) = (misuse(Misuse::Overrun), frees());
                // SAFETY: the redzone follows the buffer inside our object.
                unsafe { *p.add(size) = 0 };
                kf(p.cast(), size);
                assert_eq!((misuse(Misuse::Overrun), frees()), (o + 1, f));
                // Repair and free.
                // SAFETY: as above.
                unsafe { *p.add(size) = RZ_BYTE };
                kf(p.cast(), size);
                assert_eq!(frees(), f + 1);
            }
        });
    }

    /// Unknown flag bits are masked off and counted, and each call site
    /// is warned about once; `KM_SLEEP` with them still never returns NULL.
    #[test]
    fn unknown_flags_are_masked() {
        // Two call sites (not tail calls: the caller recorded is here).
        #[inline(never)]
        fn site_a(flag: c_int) -> *mut c_void {
            // SAFETY: any size and flag may be passed.
            core::hint::black_box(unsafe { api::kmem_alloc(16, flag) })
        }
        #[inline(never)]
        fn site_b(size: usize, flag: c_int) -> *mut c_void {
            // SAFETY: as above.
            core::hint::black_box(unsafe { api::kmem_zalloc(size, flag) })
        }
        let (b, w) = (misuse(Misuse::BadFlags), STATS.flag_sites.load(Relaxed));
        for _ in 0..3 {
            let p = site_a(KM_SLEEP | 0x40);
            assert!(!p.is_null());
            kf(p, 16);
        }
        // Big and debug-mode allocations, from another site.
        for size in [16usize, 100_000] {
            let p = with_mode(F_ALL, || site_b(size, KM_NOSLEEP | 0x2000 | 0x10_0000));
            assert!(!p.is_null());
            kf(p, size);
        }
        assert_eq!(misuse(Misuse::BadFlags), b + 5);
        assert_eq!(STATS.flag_sites.load(Relaxed), w + 2);
        // Every known flag is accepted as it is.
        let p = ka(
            16,
            KM_NOSLEEP | KM_PANIC | KM_PUSHPAGE | KM_NORMALPRI | KM_NO_DMA,
        );
        kf(p, 16);
        assert!(!p.is_null());
        assert_eq!(misuse(Misuse::BadFlags), b + 5);
    }

    /// "KM_PANIC: if memory cannot be allocated, panic": accepted, and a
    /// failure panics (here, with the suite's switch, it is counted).
    #[test]
    fn km_panic_panics_on_failure() {
        let b = misuse(Misuse::BadFlags);
        for flag in [KM_SLEEP | KM_PANIC, KM_NOSLEEP | KM_PANIC] {
            for size in [64usize, 100_000] {
                let p = ka(size, flag);
                assert!(!p.is_null());
                kf(p, size);
            }
        }
        assert_eq!(misuse(Misuse::BadFlags), b);
        flags::PANIC_IS_TESTED.store(true, Ordering::Relaxed);
        let n = STATS.km_panics.load(Relaxed);
        assert!(ka(KM_MAX + 1, KM_NOSLEEP | KM_PANIC).is_null());
        assert!(kz(usize::MAX, KM_SLEEP | KM_PANIC).is_null());
        // Size 0 is no failure: NULL, no panic.
        assert!(ka(0, KM_SLEEP | KM_PANIC).is_null());
        flags::PANIC_IS_TESTED.store(false, Ordering::Relaxed);
        assert_eq!(STATS.km_panics.load(Relaxed), n + 2);
    }

    /// Audit mode lists live buffers with their callers; big buffers are
    /// always listed.
    #[test]
    fn audit_lists_live_buffers() -> Result {
        let small = with_mode(F_AUDIT, || ka(40, KM_SLEEP));
        let big = ka(50_000, KM_SLEEP);
        let plain = ka(40, KM_SLEEP);
        let l = listed(1 << 16)?;
        // Listed with the size and the caller: a return address inside
        // `ka`, which made the call (the entry passed it on).
        let in_ka = |c: usize| c.wrapping_sub(ka as *const () as usize) < 0x100;
        let has = |p: *mut c_void, n: usize| {
            l.iter()
                .any(|&(a, s, c)| a == p as usize && s == n && in_ka(c))
        };
        assert!(has(small, 40));
        assert!(has(big, 50_000));
        assert!(!l.iter().any(|&(a, _, _)| a == plain as usize));
        kf(small, 40);
        kf(big, 50_000);
        kf(plain, 40);
        let l = listed(1 << 16)?;
        assert!(!l
            .iter()
            .any(|&(a, _, _)| a == small as usize || a == big as usize));
        Ok(())
    }

    /// Statistics: bytes in use and outstanding buffers return to where
    /// they were; the peak saw the allocation.
    #[test]
    fn statistics_balance() {
        let c0 = counters();
        let p = ka(3000, KM_SLEEP);
        let c1 = counters();
        assert_eq!((c1.bytes, c1.allocs), (c0.bytes + 3000, c0.allocs + 1));
        assert!(c1.peak >= c0.bytes + 3000);
        kf(p, 3000);
        let c2 = counters();
        assert_eq!(
            (c2.bytes, c2.allocs, c2.frees),
            (c0.bytes, c0.allocs + 1, c0.frees + 1)
        );
    }
}
