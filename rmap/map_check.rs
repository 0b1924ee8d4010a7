// SPDX-License-Identifier: GPL-2.0

//! The map's self-checks, for the tests: every invariant of [`Map`], and
//! the tree's depth. O(capacity) each; nothing on an allocation or free
//! path calls them.

use super::{Map, Slots, NIL};

impl<S: Slots> Map<S> {
    /// Checks every invariant of [`Map`]; for tests. O(n).
    pub fn check(&self) -> Result<(), &'static str> {
        if !self.linear {
            // First, as the walk below follows them.
            self.check_links()?;
        }
        let mut count = 0usize;
        let mut units = 0usize;
        let mut prev_end: Option<usize> = None;
        let mut bad = None;
        self.for_each_segment(|base, len| {
            count += 1;
            units = units.wrapping_add(len);
            if len == 0 {
                bad = Some("empty segment");
            } else if base == 0 {
                bad = Some("segment holds index 0");
            } else if base.checked_add(len).is_none() {
                bad = Some("segment wraps");
            } else if let Some(pe) = prev_end {
                if base < pe {
                    bad = Some("segments unsorted or overlapping");
                } else if base == pe {
                    bad = Some("adjacent segments not coalesced");
                }
            }
            prev_end = base.checked_add(len);
        });
        if let Some(b) = bad {
            return Err(b);
        }
        if count != self.stats.segments || count > self.stats.capacity {
            return Err("segment count");
        }
        if units != self.stats.free_units {
            return Err("free units");
        }
        if self.linear {
            let mut vacant = (self.stats.segments..self.slots.len()).map(|i| self.at(i as u32));
            if vacant.any(|s| s.base != 0 || s.len != 0) {
                return Err("vacant slot not empty");
            }
            if self.root != NIL || self.hint != NIL {
                return Err("tree in a small map");
            }
            return Ok(());
        }
        let mut free = 0usize;
        let mut f = self.free_head;
        while f != NIL && free <= self.stats.capacity {
            free += 1;
            f = self.at(f).parent;
        }
        if free + count != self.stats.capacity {
            return Err("free list");
        }
        for i in 0..self.slots.len() as u32 {
            if self.in_tree(i) && !self.node_ok(i) {
                return Err("heap order, max or links");
            }
        }
        if self.hint != NIL {
            if self.hint as usize >= self.slots.len() || !self.in_tree(self.hint) {
                return Err("hint is not a segment");
            }
            let hb = self.at(self.hint).base;
            let (mut longest, mut end, mut next) = (0, 0, usize::MAX);
            self.for_each_segment(|base, len| {
                if base < hb {
                    longest = longest.max(len);
                    end = base + len;
                } else if base > hb {
                    next = next.min(base);
                }
            });
            if longest > self.hint_max || end > self.hint_end || next < self.hint_next {
                return Err("hint bounds");
            }
        }
        Ok(())
    }

    /// Depth of the tree (for tests of balance; 0 for a small map). O(n).
    pub fn depth(&self) -> usize {
        if self.linear {
            return 0;
        }
        let mut deepest = 0;
        for i in 0..self.slots.len() as u32 {
            if self.in_tree(i) {
                let (mut d, mut n) = (1, i);
                while self.at(n).parent != NIL {
                    n = self.at(n).parent;
                    d += 1;
                }
                deepest = deepest.max(d);
            }
        }
        deepest
    }

    /// Depth of the segment that holds index `addr` (1 at the root), or 0
    /// if no segment of the tree holds it; for tests. O(depth).
    pub fn depth_at(&self, addr: usize) -> usize {
        let (mut n, mut d) = (self.root, 0);
        while n != NIL {
            d += 1;
            let s = self.at(n);
            if addr < s.base {
                n = s.left;
            } else if addr - s.base < s.len {
                return d;
            } else {
                n = s.right;
            }
        }
        0
    }

    /// Every link is in range, and the in-order links (`prev`, `next`)
    /// agree with the tree's shape: an in-order walk by child and parent
    /// links, bounded so that a cycle ends it, meets the nodes in the order
    /// the links give. Runs before anything else follows a link.
    fn check_links(&self) -> Result<(), &'static str> {
        let cap = self.slots.len();
        let in_range = |n: u32| n == NIL || (n as usize) < cap;
        if !in_range(self.root) || !in_range(self.free_head) {
            return Err("link out of range");
        }
        for i in 0..cap as u32 {
            let s = self.at(i);
            if ![s.left, s.right, s.parent, s.prev, s.next]
                .into_iter()
                .all(in_range)
            {
                return Err("link out of range");
            }
        }
        // An in-order walk moves along each edge once down and once up.
        let mut budget = 2 * cap + 2;
        let mut step = || {
            budget = budget.checked_sub(1).ok_or("tree has a cycle")?;
            Ok::<(), &'static str>(())
        };
        let (mut last, mut n) = (NIL, self.root);
        while n != NIL && self.at(n).left != NIL {
            step()?;
            n = self.at(n).left;
        }
        while n != NIL {
            if self.at(n).prev != last || (last != NIL && self.at(last).next != n) {
                return Err("in-order links");
            }
            last = n;
            // The in-order successor by the tree's shape.
            if self.at(n).right != NIL {
                step()?;
                n = self.at(n).right;
                while self.at(n).left != NIL {
                    step()?;
                    n = self.at(n).left;
                }
            } else {
                let mut p = self.at(n).parent;
                while p != NIL && self.at(p).right == n {
                    step()?;
                    n = p;
                    p = self.at(p).parent;
                }
                step()?;
                n = p;
            }
        }
        if last != NIL && self.at(last).next != NIL {
            return Err("in-order links");
        }
        Ok(())
    }

    /// Tree nodes hold non-empty segments; free-list slots are empty.
    pub(super) fn in_tree(&self, n: u32) -> bool {
        self.at(n).len != 0
    }

    pub(super) fn node_ok(&self, n: u32) -> bool {
        let s = self.at(n);
        let mut m = if n == self.hint { 0 } else { s.len };
        for c in [s.left, s.right] {
            if c != NIL {
                let cs = self.at(c);
                if cs.parent != n || cs.prio > s.prio {
                    return false;
                }
                m = m.max(cs.max);
            }
        }
        m == s.max
            && (s.left == NIL || self.at(s.left).base < s.base)
            && (s.right == NIL || self.at(s.right).base > s.base)
    }
}
