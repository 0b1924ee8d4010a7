// SPDX-License-Identifier: GPL-2.0

//! The resource map, as a treap and as a small map's sorted array, against
//! the classic linear array (the model): same answers, same loss and
//! misuse accounting, invariants after every step; plus the man page's
//! scenario and balance at 65536 segments.

use ddi_core::classic::{ClassicMap, Seg};
use ddi_core::map_core::{AllocError, FreeError, Freed, Map, Slot, LINEAR_MAX};
use proptest::prelude::*;

fn both(mapsize: usize) -> (Map<Vec<Slot>>, ClassicMap<Vec<Seg>>) {
    (
        Map::new(vec![Slot::EMPTY; mapsize]).unwrap(),
        ClassicMap::new(vec![Seg::default(); mapsize]).unwrap(),
    )
}

/// A tree, whatever the size (`Map::new` makes small maps arrays).
fn tree(mapsize: usize) -> Map<Vec<Slot>> {
    Map::new_tree(vec![Slot::EMPTY; mapsize]).unwrap()
}

/// A map of `mapsize` slots from `Map::new` (an array if small), and a tree.
fn layouts(mapsize: usize) -> [Map<Vec<Slot>>; 2] {
    [both(mapsize).0, tree(mapsize)]
}

fn segments_of_map(m: &Map<Vec<Slot>>) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    m.for_each_segment(|b, l| v.push((b, l)));
    v
}

fn segments_of_classic(m: &ClassicMap<Vec<Seg>>) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    m.for_each_segment(|b, l| v.push((b, l)));
    v
}

#[derive(Clone, Debug)]
enum Op {
    /// rmalloc(size).
    Alloc(usize),
    /// Give back the i-th live allocation (mod the number live).
    FreeLive(usize),
    /// Give back part of the i-th live allocation: its first `k` units.
    FreePart(usize, usize),
    /// Free an arbitrary range: seeding, double frees, zero, wrap.
    FreeAny(usize, usize),
    /// Free the last range freed, again (a double free unless reused).
    FreeAgain,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1usize..40).prop_map(Op::Alloc),
        4 => any::<usize>().prop_map(Op::FreeLive),
        1 => (any::<usize>(), 1usize..8).prop_map(|(i, k)| Op::FreePart(i, k)),
        2 => (0usize..300, 0usize..60).prop_map(|(a, s)| Op::FreeAny(a, s)),
        1 => (usize::MAX - 50..=usize::MAX, 1usize..100).prop_map(|(a, s)| Op::FreeAny(a, s)),
        1 => Just(Op::FreeAgain),
    ]
}

/// Runs `ops` on a map made by `Map::new` and, where that makes an array,
/// on a tree too.
fn run(mapsize: usize, ops: &[Op]) -> Result<(), TestCaseError> {
    let named = |layout: &str, r: Result<(), TestCaseError>| {
        r.map_err(|e| TestCaseError::fail(format!("{layout} of {mapsize} slots: {e}")))
    };
    let layout = if mapsize <= LINEAR_MAX {
        "array"
    } else {
        "tree"
    };
    named(layout, run_on(both(mapsize), ops))?;
    if mapsize <= LINEAR_MAX {
        let (_, model) = both(mapsize);
        named("tree", run_on((tree(mapsize), model), ops))?;
    }
    Ok(())
}

fn run_on(
    (mut fast, mut model): (Map<Vec<Slot>>, ClassicMap<Vec<Seg>>),
    ops: &[Op],
) -> Result<(), TestCaseError> {
    let mut live: Vec<(usize, usize)> = Vec::new();
    let mut last_free = (0usize, 0usize);
    for (step, op) in ops.iter().enumerate() {
        let (a, b) = match *op {
            Op::Alloc(size) => {
                let (x, y) = (fast.alloc(size), model.alloc(size));
                prop_assert_eq!(x, y, "step {} alloc({})", step, size);
                if let Ok(addr) = x {
                    live.push((addr, size));
                }
                continue_check(&fast, &model, step)?;
                continue;
            }
            Op::FreeLive(i) if !live.is_empty() => {
                let (addr, size) = live.swap_remove(i % live.len());
                last_free = (addr, size);
                (fast.free(addr, size), model.free(addr, size))
            }
            Op::FreePart(i, k) if !live.is_empty() => {
                let j = i % live.len();
                let (addr, size) = live[j];
                let k = k.min(size);
                if k == size {
                    live.swap_remove(j);
                } else {
                    live[j] = (addr + k, size - k);
                }
                last_free = (addr, k);
                (fast.free(addr, k), model.free(addr, k))
            }
            Op::FreeAny(addr, size) => {
                last_free = (addr, size);
                (fast.free(addr, size), model.free(addr, size))
            }
            Op::FreeAgain => (
                fast.free(last_free.0, last_free.1),
                model.free(last_free.0, last_free.1),
            ),
            Op::FreeLive(_) | Op::FreePart(..) => continue,
        };
        prop_assert_eq!(a, b, "step {} {:?}", step, op);
        // A range given back to the map is no longer live for the test,
        // whatever map it came from: drop any live range it overlaps
        // (FreeAny may return space the test handed out).
        if a.is_ok() {
            let (fa, fs) = last_free;
            live.retain(|&(la, ls)| la + ls <= fa || fa + fs <= la);
        }
        continue_check(&fast, &model, step)?;
    }
    Ok(())
}

fn continue_check(
    fast: &Map<Vec<Slot>>,
    model: &ClassicMap<Vec<Seg>>,
    step: usize,
) -> Result<(), TestCaseError> {
    if let Err(e) = fast.check() {
        return Err(TestCaseError::fail(format!(
            "step {step}: invariant broken: {e}"
        )));
    }
    prop_assert_eq!(fast.stats(), model.stats(), "step {}", step);
    prop_assert_eq!(
        segments_of_map(fast),
        segments_of_classic(model),
        "step {}",
        step
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn same_as_the_classic_map(mapsize in 1usize..=LINEAR_MAX, ops in prop::collection::vec(op(), 1..120)) {
        run(mapsize, &ops)?;
    }

    #[test]
    fn same_as_the_classic_map_with_many_slots(mapsize in LINEAR_MAX..200, ops in prop::collection::vec(op(), 1..400)) {
        run(mapsize, &ops)?;
    }
}

/// rmalloc(9F) example 1 and 2: 12 slots, 2560 units at a buffer's address,
/// pieces of 640.
#[test]
fn man_page_map() {
    let bp = 0xffff_8880_0123_4000usize;
    for mut m in layouts(12) {
        assert_eq!(m.free(bp, 2560), Ok(Freed::Inserted));
        let got: Vec<usize> = (0..4).map(|_| m.alloc(640).unwrap()).collect();
        assert_eq!(got, vec![bp, bp + 640, bp + 1280, bp + 1920]);
        assert_eq!(m.alloc(640), Err(AllocError::NoSpace));
        assert_eq!(m.stats().outstanding_units, 2560);
        for a in [got[1], got[3], got[0], got[2]] {
            m.free(a, 640).unwrap();
            m.check().unwrap();
        }
        assert_eq!(segments_of_map(&m), vec![(bp, 2560)]);
        assert_eq!(m.stats().outstanding_units, 0);
    }
}

#[test]
fn first_fit_is_the_lowest_base_that_fits() {
    for mut m in layouts(8) {
        m.free(100, 5).unwrap();
        m.free(200, 50).unwrap();
        m.free(300, 20).unwrap();
        assert_eq!(m.alloc(10), Ok(200));
        assert_eq!(m.alloc(5), Ok(100));
        assert_eq!(m.alloc(40), Ok(210));
        assert_eq!(m.alloc(20), Ok(300));
        assert_eq!(m.alloc(1), Err(AllocError::NoSpace));
    }
}

#[test]
fn coalescing_left_right_and_both() {
    for mut m in layouts(4) {
        m.free(10, 10).unwrap(); // [10,20)
        m.free(30, 10).unwrap(); // [30,40)
        assert_eq!(m.free(20, 5), Ok(Freed::Merged)); // left: [10,25)
        assert_eq!(m.free(27, 3), Ok(Freed::Merged)); // right: [27,40)
        assert_eq!(m.free(25, 2), Ok(Freed::Merged)); // both: [10,40)
        assert_eq!(segments_of_map(&m), vec![(10, 30)]);
    }
}

#[test]
fn overflow_loses_the_freed_range_and_counts_it() {
    for mut m in layouts(2) {
        m.free(10, 1).unwrap();
        m.free(20, 1).unwrap();
        assert_eq!(m.free(30, 7), Ok(Freed::Lost));
        assert_eq!(m.stats().lost_units, 7);
        assert_eq!(segments_of_map(&m), vec![(10, 1), (20, 1)]);
        // Coalescing needs no slot, so it still works on a full map.
        assert_eq!(m.free(11, 9), Ok(Freed::Merged));
        assert_eq!(segments_of_map(&m), vec![(10, 11)]);
    }
}

#[test]
fn bad_calls_leave_the_map_unchanged_and_are_counted() {
    for mut m in layouts(4) {
        m.free(100, 10).unwrap();
        let before = segments_of_map(&m);
        assert_eq!(m.alloc(0), Err(AllocError::ZeroSize));
        assert_eq!(m.free(0, 5), Err(FreeError::ZeroAddr));
        // Ends where the lowest segment begins.
        assert_eq!(m.free(0, 100), Err(FreeError::ZeroAddr));
        assert_eq!(m.free(5, 0), Err(FreeError::ZeroSize));
        assert_eq!(m.free(usize::MAX - 1, 5), Err(FreeError::Wraps));
        assert_eq!(m.free(usize::MAX, 1), Err(FreeError::Wraps));
        assert_eq!(
            m.free(105, 10),
            Err(FreeError::Overlap { base: 100, len: 10 })
        );
        assert_eq!(
            m.free(95, 6),
            Err(FreeError::Overlap { base: 100, len: 10 })
        );
        assert_eq!(
            m.free(90, 100),
            Err(FreeError::Overlap { base: 100, len: 10 })
        );
        assert_eq!(segments_of_map(&m), before);
        let mis = m.stats().misuse;
        assert_eq!(
            (
                mis.alloc_zero_size,
                mis.free_zero_addr,
                mis.free_zero_size,
                mis.free_wraps,
                mis.free_overlap
            ),
            (1, 2, 1, 2, 3)
        );
        assert_eq!(mis.total(), 9);
    }
}

#[test]
fn stays_balanced_with_65536_fragments() {
    let n = 65536;
    let (mut m, _) = both(n);
    // Ascending inserts: the worst case for an unbalanced search tree.
    for i in 0..n {
        m.free(1 + 4 * i, 1).unwrap();
    }
    m.free(1 + 4 * n, 1000).unwrap_or(Freed::Lost);
    let depth = m.depth();
    assert!(depth <= 4 * 17, "depth {depth} at {n} segments");
    m.check().unwrap();
    // A request that passes every small fragment.
    assert_eq!(m.alloc(100), Err(AllocError::NoSpace));
}

/// Segments in use over and over rise towards the root, even when the hint
/// serves none of the calls: the calls below go through the tree (the
/// benchmark's `4096-all` pattern).
#[test]
fn segments_in_use_rise_to_the_root() {
    let n = 4096;
    let mut m = tree(n + 4);
    for i in 0..n {
        m.free(1 + 2 * i, 1).unwrap();
    }
    let small = 2 * n + 8;
    m.free(small, 1000).unwrap();
    m.free(small + 1008, 5000).unwrap();
    m.free(small + 7000, 10000).unwrap();
    // The hint goes to the 10000 units, and bounds what is below by 8999.
    let a = m.alloc(9000).unwrap();
    m.free(a, 9000).unwrap();
    let before = (m.depth_at(small), m.depth_at(small + 1008));
    for _ in 0..20 * n {
        assert_eq!(m.alloc(10), Ok(small));
        assert_eq!(m.alloc(2000), Ok(small + 1008));
        assert_eq!(m.free(small, 10), Ok(Freed::Merged));
        assert_eq!(m.free(small + 1008, 2000), Ok(Freed::Merged));
    }
    m.check().unwrap();
    // The map's random numbers are a fixed sequence: this shape is the
    // same on every run (a new generator may need new bounds).
    let after = (m.depth_at(small), m.depth_at(small + 1008));
    assert!(
        after.0 <= 3 && after.1 <= 3,
        "depths {before:?} before, {after:?} after"
    );
    assert!(m.depth() <= 4 * 13, "depth {}", m.depth());
}

/// The hot segment: calls at the map's hint skip the tree, and a free that
/// grows a segment below the hint sends the next request back to the lower
/// segment.
#[test]
fn the_hint_never_changes_an_answer() {
    let mut m = tree(8);
    m.free(100, 5).unwrap(); // [100,105)
    m.free(200, 100).unwrap(); // [200,300)
    assert_eq!(m.alloc(10), Ok(200)); // the hint: [210,300)
    assert_eq!(m.alloc(10), Ok(210)); // from the hint
    assert_eq!(m.free(210, 10), Ok(Freed::Merged)); // into the hint's front
    m.check().unwrap();
    // [100,115): below the hint and now long enough.
    assert_eq!(m.free(105, 10), Ok(Freed::Merged));
    m.check().unwrap();
    assert_eq!(m.alloc(10), Ok(100));
    // Freeing the hint's front twice is still a double free.
    assert_eq!(m.free(200, 10), Ok(Freed::Merged));
    assert_eq!(
        m.free(200, 10),
        Err(FreeError::Overlap {
            base: 200,
            len: 100
        })
    );
    // A range that ends at the hint but touches the segment below it
    // merges the three.
    assert_eq!(m.alloc(90), Ok(200)); // hint [290,300), [110,115) below
    assert_eq!(m.free(115, 175), Ok(Freed::Merged)); // [110,300)
    m.check().unwrap();
    assert_eq!(segments_of_map(&m), vec![(110, 190)]);
    assert_eq!(m.stats().largest_free, 190);
    assert_eq!(m.alloc(190), Ok(110));
    assert_eq!(m.alloc(1), Err(AllocError::NoSpace));
}
