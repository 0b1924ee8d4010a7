// SPDX-License-Identifier: GPL-2.0

//! kmem_compat's size classes and header check.

use ddi_core::kmem_layout::{class_of, verify, Hdr, Verdict, CLASSES, F_ALL, HDR, MAX_SMALL};
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

proptest! {
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
