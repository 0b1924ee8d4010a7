// SPDX-License-Identifier: GPL-2.0

//! Fuzzes the resource map (the tree, and the array of small maps) against
//! the classic array: every input is a map size and layout and a sequence
//! of operations; after each, both maps must agree (answers, statistics,
//! segments) and the map's invariants hold.
//!
//! Run: `cargo fuzz run rmap` in `fuzz/` (make test runs it briefly).

#![no_main]

use ddi_core::classic::{ClassicMap, Seg};
use ddi_core::map_core::{Map, Slot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, ops)) = data.split_first() else {
        return;
    };
    // Up to 32 slots; `Map::new` makes the small ones arrays, and a set
    // top bit asks for a tree whatever the size.
    let mapsize = 1 + first as usize % 32;
    let slots = vec![Slot::EMPTY; mapsize];
    let mut fast = if first & 0x80 != 0 {
        Map::new_tree(slots)
    } else {
        Map::new(slots)
    }
    .unwrap();
    let mut model = ClassicMap::new(vec![Seg::default(); mapsize]).unwrap();
    let mut live: Vec<(usize, usize)> = Vec::new();
    for op in ops.chunks(4) {
        let [kind, a, b, c] = [
            op[0],
            *op.get(1).unwrap_or(&0),
            *op.get(2).unwrap_or(&0),
            *op.get(3).unwrap_or(&0),
        ];
        let (x, y) = (usize::from(a) | usize::from(c) << 8, usize::from(b));
        match kind % 4 {
            0 => {
                let r = fast.alloc(y);
                assert_eq!(r, model.alloc(y));
                if let Ok(addr) = r {
                    live.push((addr, y));
                }
            }
            1 if !live.is_empty() => {
                let (addr, size) = live.swap_remove(x % live.len());
                assert_eq!(fast.free(addr, size), model.free(addr, size));
            }
            2 => {
                // Any range: seeding, overlaps (double frees), zero sizes.
                let addr = if c == 255 {
                    usize::MAX - usize::from(a)
                } else {
                    x
                };
                let r = fast.free(addr, y);
                assert_eq!(r, model.free(addr, y));
                if r.is_ok() {
                    live.retain(|&(la, ls)| la + ls <= addr || addr + y <= la);
                }
            }
            _ => {}
        }
        fast.check().unwrap();
        assert_eq!(fast.stats(), model.stats());
        let (mut s1, mut s2) = (Vec::new(), Vec::new());
        fast.for_each_segment(|b, l| s1.push((b, l)));
        model.for_each_segment(|b, l| s2.push((b, l)));
        assert_eq!(s1, s2);
    }
});
