// SPDX-License-Identifier: GPL-2.0

//! kmem_compat's size classes and header check.

use ddi_core::kmem_layout::{
    cache_layout, cache_secret, class_of, verify, CacheLayout, Hdr, Verdict, CACHE_IDS,
    CACHE_MAX_ALIGN, CLASSES, F_ALL, HDR, MAX_SMALL, RZ,
};
use proptest::prelude::*;

#[test]
fn every_size_gets_the_smallest_class_that_holds_it() {
    for n in 1..=MAX_SMALL {
        let c = class_of(n);
        assert!(CLASSES[c] >= n, "{n} in class {}", CLASSES[c]);
        assert!(
            c == 0 || CLASSES[c - 1] < n,
            "{n}: class {} is not the smallest",
            CLASSES[c]
        );
    }
}

#[test]
fn power_of_two_requests_fit_exactly() {
    for c in CLASSES {
        assert_eq!(CLASSES[class_of(c)], c);
    }
}

#[test]
fn cache_layouts() {
    let l = |b, a, rz| cache_layout(b, a, rz, 1 << 22);
    // The default alignment, and any power of two up to a page.
    assert_eq!(
        l(100, 0, false),
        Some(CacheLayout {
            front: HDR,
            size: HDR + 100,
            align: HDR
        })
    );
    assert_eq!(
        l(100, 8, true),
        Some(CacheLayout {
            front: HDR,
            size: HDR + 100 + RZ,
            align: HDR
        })
    );
    assert_eq!(
        l(1, 64, false),
        Some(CacheLayout {
            front: 64,
            size: 65,
            align: 64
        })
    );
    assert_eq!(
        l(8, CACHE_MAX_ALIGN, false).map(|c| c.front),
        Some(CACHE_MAX_ALIGN)
    );
    // Refused: no size, an alignment that is no power of two or too big,
    // an object over the limit (or one that overflows).
    assert_eq!(l(0, 0, false), None);
    for a in [3, 24, 100, 2 * CACHE_MAX_ALIGN] {
        assert_eq!(l(64, a, false), None, "align {a}");
    }
    assert_eq!(cache_layout(100, 0, false, HDR + 99), None);
    assert_eq!(
        cache_layout(100, 0, false, HDR + 100).map(|c| c.size),
        Some(HDR + 100)
    );
    assert_eq!(l(usize::MAX - 8, 0, true), None);
}

proptest! {
    /// A cache object's header passes only for its own cache, and never for
    /// a kmem buffer (nor a buffer's for an object): the keys differ.
    #[test]
    fn cache_objects_and_buffers_do_not_mix(
        obj in any::<usize>().prop_map(|o| o & !15),
        id in 1u32..CACHE_IDS,
        other in 1u32..CACHE_IDS,
        caller in any::<usize>(),
        secret in any::<u64>(),
    ) {
        let cs = cache_secret(secret);
        prop_assume!(cs != secret);
        let h = Hdr::new(obj, id as usize, caller, cs, 0);
        prop_assert_eq!(verify(&h, obj, id as usize, cs), Verdict::Live(0));
        if other != id {
            prop_assert_eq!(verify(&h, obj, other as usize, cs), Verdict::WrongSize(id as usize));
        }
        prop_assert_eq!(verify(&h.freed(), obj, id as usize, cs), Verdict::Freed(id as usize));
        prop_assert_eq!(verify(&h, obj, id as usize, secret), Verdict::Foreign);
        let b = Hdr::new(obj, id as usize, caller, secret, 0);
        prop_assert_eq!(verify(&b, obj, id as usize, cs), Verdict::Foreign);
    }

    #[test]
    fn cache_objects_are_aligned_and_fit(
        bufsize in 1usize..100_000,
        shift in 0u32..=12,
        redzone in any::<bool>(),
    ) {
        let align = 1usize << shift;
        let c = cache_layout(bufsize, align, redzone, usize::MAX).unwrap();
        prop_assert!(c.align.is_power_of_two() && c.align >= align && c.align >= HDR);
        prop_assert_eq!(c.front % align, 0);
        prop_assert!(c.front >= HDR);
        prop_assert_eq!(c.size, c.front + bufsize + if redzone { RZ } else { 0 });
    }

    #[test]
    fn only_the_exact_size_of_a_live_buffer_passes(
        obj in any::<usize>().prop_map(|o| o & !15),
        size in 1usize..=MAX_SMALL,
        other in 0usize..=2 * MAX_SMALL,
        caller in any::<usize>(),
        secret in any::<u64>(),
        flags in 0u32..=F_ALL,
    ) {
        let h = Hdr::new(obj, size, caller, secret, flags);
        prop_assert_eq!(verify(&h, obj, size, secret), Verdict::Live(flags));
        if other != size {
            prop_assert_eq!(verify(&h, obj, other, secret), Verdict::WrongSize(size));
        }
        let f = h.freed();
        prop_assert_eq!(verify(&f, obj, size, secret), Verdict::Freed(size));
        prop_assert_eq!(verify(&f, obj, other, secret), Verdict::Freed(size));
        // The same header seen from another address (an interior pointer
        // whose "header" is a copy of user data), or under another key.
        prop_assert_eq!(verify(&h, obj.wrapping_add(HDR), size, secret), Verdict::Foreign);
        prop_assert_eq!(verify(&h, obj, size, secret ^ 1), Verdict::Foreign);
    }

    #[test]
    fn random_bytes_are_foreign(caller in any::<usize>(), size in any::<u32>(), tag in any::<u32>(), obj in any::<usize>(), secret in any::<u64>()) {
        let h = Hdr { caller, size, tag };
        prop_assert_eq!(verify(&h, obj, size as usize, secret), Verdict::Foreign);
    }
}
