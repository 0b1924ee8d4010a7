// SPDX-License-Identifier: GPL-2.0

//! uiomove's exact partial count against a model of a user copy that stops
//! short of a fault, as arm64's does.

use ddi_core::uio_exact::move_exact;
use proptest::prelude::*;

/// A user range whose bytes from `fault` on are unmapped, copied by an
/// architecture that moves whole `width`-byte units from the start of each
/// copy and reports only those, except that a copy whose first byte can be
/// moved moves at least that byte (the uaccess contract).
struct Model {
    fault: usize,
    width: usize,
    steps: usize,
}

impl Model {
    fn step(&mut self, start: usize, len: usize) -> usize {
        self.steps += 1;
        if start >= self.fault {
            return 0;
        }
        let reach = len.min(self.fault - start);
        if reach == len {
            return len;
        }
        (reach / self.width * self.width).max(1)
    }
}

fn run(n: usize, fault: usize, width: usize) -> (usize, usize) {
    let mut m = Model {
        fault,
        width,
        steps: 0,
    };
    let moved = move_exact(n, 4096, |s, l| m.step(s, l));
    (moved, m.steps)
}

#[test]
fn the_arm64_case() {
    // 8192 bytes into a buffer with 100 bytes before a hole.
    assert_eq!(run(8192, 100, 16), (100, 6));
    assert_eq!(run(8192, 100, 64), (100, 38));
}

#[test]
fn no_fault_is_one_step() {
    assert_eq!(run(8192, usize::MAX, 16), (8192, 1));
    assert_eq!(run(0, 0, 16), (0, 0));
}

#[test]
fn fault_at_the_first_byte() {
    assert_eq!(run(100, 0, 16), (0, 1));
}

/// An injected copy failure (`fail_usercopy`: a step that moves nothing
/// although it could) ends the move where it happens, not retried.
#[test]
fn injected_failure_is_not_retried() {
    for k in 1..6 {
        let mut m = Model {
            fault: 1000,
            width: 16,
            steps: 0,
        };
        let mut moved_before = 0;
        let moved = move_exact(2000, 4096, |s, l| {
            if m.steps + 1 == k {
                m.steps += 1;
                moved_before = s;
                0
            } else {
                m.step(s, l)
            }
        });
        assert_eq!(moved, moved_before, "failing step {k}");
        assert!(moved < 1000);
    }
}

/// A copy that stops short far from the fault, then a real fault later.
#[test]
fn short_then_fault() {
    let mut calls = 0;
    let moved = move_exact(10_000, 4096, |s, l| {
        calls += 1;
        let reach = l.min(7000usize.saturating_sub(s));
        if calls == 1 {
            reach / 3
        } else {
            reach / 16 * 16
        }
        .max(usize::from(reach > 0))
    });
    assert_eq!(moved, 7000);
}

/// A copy that stops short for no reason at all (allowed) is resumed.
#[test]
fn short_without_a_fault_resumes() {
    let mut calls = 0;
    let moved = move_exact(10_000, 4096, |_, l| {
        calls += 1;
        if l == 1 || calls > 3 {
            l
        } else {
            l / 2
        }
    });
    assert_eq!(moved, 10_000);
}

proptest! {
    #[test]
    fn exact_to_the_fault(n in 0usize..20_000, fault in 0usize..20_000,
                          width in prop::sample::select(vec![1usize, 8, 16, 32, 64, 4096])) {
        let (moved, steps) = run(n, fault, width);
        prop_assert_eq!(moved, n.min(fault));
        // One bulk step, then at most a unit's bytes one by one and the
        // byte that fails.
        prop_assert!(steps <= 1 + width + 1, "{} steps", steps);
    }
}
