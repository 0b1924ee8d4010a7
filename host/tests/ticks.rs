// SPDX-License-Identifier: GPL-2.0

//! drv_usectohz / drv_hztousec arithmetic against an i128 oracle.

use ddi_core::ticks::{ticks_to_usec, usec_to_ticks};
use proptest::prelude::*;

const HZS: [i64; 5] = [100, 250, 300, 1000, 1024];

fn oracle_ticks(usec: i64, hz: i64) -> i64 {
    if usec <= 0 {
        return 0;
    }
    let t = (i128::from(usec) * i128::from(hz) + 999_999) / 1_000_000;
    i64::try_from(t).unwrap_or(i64::MAX)
}

fn oracle_usec(ticks: i64, hz: i64) -> i64 {
    if ticks <= 0 {
        return 0;
    }
    i64::try_from(i128::from(ticks) * 1_000_000 / i128::from(hz)).unwrap_or(i64::MAX)
}

#[test]
fn edges() {
    for hz in HZS {
        assert_eq!(usec_to_ticks(0, hz), 0);
        assert_eq!(usec_to_ticks(-1, hz), 0);
        assert_eq!(usec_to_ticks(i64::MIN, hz), 0);
        assert_eq!(usec_to_ticks(1, hz), 1);
        assert_eq!(usec_to_ticks(1_000_000, hz), hz);
        assert_eq!(ticks_to_usec(hz, hz), 1_000_000);
        assert_eq!(ticks_to_usec(i64::MAX, hz), i64::MAX);
        assert_eq!(usec_to_ticks(i64::MAX, hz), oracle_ticks(i64::MAX, hz));
    }
}

proptest! {
    #[test]
    fn usec_to_ticks_matches_oracle(usec in any::<i64>(), i in 0..HZS.len()) {
        prop_assert_eq!(usec_to_ticks(usec, HZS[i]), oracle_ticks(usec, HZS[i]));
    }

    #[test]
    fn ticks_to_usec_matches_oracle(ticks in any::<i64>(), i in 0..HZS.len()) {
        prop_assert_eq!(ticks_to_usec(ticks, HZS[i]), oracle_usec(ticks, HZS[i]));
    }

    #[test]
    fn a_delay_never_shrinks(usec in 1i64..1 << 40, i in 0..HZS.len()) {
        let hz = HZS[i];
        prop_assert!(ticks_to_usec(usec_to_ticks(usec, hz), hz) >= usec);
    }
}
