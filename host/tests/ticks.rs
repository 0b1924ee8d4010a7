// SPDX-License-Identifier: GPL-2.0

//! drv_usectohz / drv_hztousec arithmetic against an i128 oracle.

use ddi_core::ticks::{ticks_to_usec, usec_to_ticks};
use proptest::prelude::*;

const HZS: [isize; 5] = [100, 250, 300, 1000, 1024];

fn oracle_ticks(usec: isize, hz: isize) -> isize {
    if usec <= 0 {
        return 0;
    }
    let t = ((usec as i128) * (hz as i128) + 999_999) / 1_000_000;
    isize::try_from(t).unwrap_or(isize::MAX)
}

fn oracle_usec(ticks: isize, hz: isize) -> isize {
    if ticks <= 0 {
        return 0;
    }
    isize::try_from((ticks as i128) * 1_000_000 / (hz as i128)).unwrap_or(isize::MAX)
}

#[test]
fn edges() {
    for hz in HZS {
        assert_eq!(usec_to_ticks(0, hz), 0);
        assert_eq!(usec_to_ticks(-1, hz), 0);
        assert_eq!(usec_to_ticks(isize::MIN, hz), 0);
        assert_eq!(usec_to_ticks(1, hz), 1);
        assert_eq!(usec_to_ticks(1_000_000, hz), hz);
        assert_eq!(ticks_to_usec(hz, hz), 1_000_000);
        assert_eq!(ticks_to_usec(isize::MAX, hz), isize::MAX);
        assert_eq!(usec_to_ticks(isize::MAX, hz), oracle_ticks(isize::MAX, hz));
    }
}

proptest! {
    #[test]
    fn usec_to_ticks_matches_oracle(usec in any::<isize>(), i in 0..HZS.len()) {
        prop_assert_eq!(usec_to_ticks(usec, HZS[i]), oracle_ticks(usec, HZS[i]));
    }

    #[test]
    fn ticks_to_usec_matches_oracle(ticks in any::<isize>(), i in 0..HZS.len()) {
        prop_assert_eq!(ticks_to_usec(ticks, HZS[i]), oracle_usec(ticks, HZS[i]));
    }

    #[test]
    fn a_delay_never_shrinks(usec in 1isize..1 << 40, i in 0..HZS.len()) {
        let hz = HZS[i];
        prop_assert!(ticks_to_usec(usec_to_ticks(usec, hz), hz) >= usec);
    }
}
