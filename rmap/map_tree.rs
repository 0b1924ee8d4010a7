// SPDX-License-Identifier: GPL-2.0

//! The treap under a map of more than `LINEAR_MAX` slots (section "Data
//! structure" of `map_core`): search by address, insert and delete with
//! rotations that keep the heap order by priority and the in-order links,
//! the upward passes that keep each node's `max`, and the priority boost
//! that lifts segments in use (section "Segments in use rise"). Every walk
//! is iterative, by parent links.

use super::{Map, Slot, Slots, NIL};

impl<S: Slots> Map<S> {
    /// The segments with the greatest base `<= addr` and the least base
    /// `> addr` (either may be `NIL`), for a range `[addr, end)`. As
    /// segments are disjoint, only these two can overlap or touch the
    /// range: any other segment lies wholly below `pred` or wholly above
    /// `succ`.
    ///
    /// The descent stops at the first segment that holds `addr` or ends at
    /// it (it is `pred`: the next segment starts beyond its end, segments
    /// being non-adjacent), or that starts within `(addr, end]` with its
    /// in-order predecessor at or below `addr` (it is `succ`). A free that
    /// merges with a segment near the root so costs a few levels, not the
    /// whole path to a leaf.
    pub(super) fn neighbours(&self, addr: usize, end: usize) -> (u32, u32) {
        let (mut pred, mut succ) = (NIL, NIL);
        let mut n = self.root;
        while n != NIL {
            let s = self.at(n);
            if s.base <= addr {
                if addr - s.base <= s.len {
                    return (n, s.next);
                }
                pred = n;
                n = s.right;
            } else {
                // The prev test alone decides; `s.base <= end` only skips
                // it for segments the range does not reach.
                if s.base <= end && (s.prev == NIL || self.at(s.prev).base <= addr) {
                    return (s.prev, n);
                }
                succ = n;
                n = s.left;
            }
        }
        (pred, succ)
    }

    /// Recomputes `max` of node `n` from its weight and its children;
    /// returns whether it changed.
    #[inline(always)]
    pub(super) fn recompute(&mut self, n: u32) -> bool {
        let s = self.at(n);
        let (old, left, right) = (s.max, s.left, s.right);
        let weight = if n == self.hint { 0 } else { s.len };
        let m = weight.max(self.max_of(left)).max(self.max_of(right));
        self.at_mut(n).max = m;
        m != old
    }

    /// Recomputes `max` from `n` upwards after a change within `n`'s
    /// subtree, stopping at the first node whose `max` stays the same:
    /// the nodes above it see the same values as before. Every `max` above
    /// `n` must have been right before the change (and those below `n` must
    /// be right now).
    #[inline(always)]
    pub(super) fn fix_up(&mut self, mut n: u32) {
        while n != NIL && self.recompute(n) {
            n = self.at(n).parent;
        }
    }

    /// After node `n`'s segment grew: raises `max` from `n` upwards to its
    /// new weight, stopping at the first node whose `max` is already that
    /// high. A longer segment can only raise the largest length of the
    /// subtrees it is in, so no node needs recomputing from its children
    /// (as [`Map::fix_up`] does). Every `max` must have been right before
    /// the growth.
    #[inline(always)]
    pub(super) fn raise(&mut self, mut n: u32) {
        if n == self.hint {
            // Weighs 0 whatever its length.
            return;
        }
        let w = self.at(n).len;
        while n != NIL && self.at(n).max < w {
            self.at_mut(n).max = w;
            n = self.at(n).parent;
        }
    }

    pub(super) fn random(&mut self) -> u32 {
        // xorshift32: the shape of the tree depends on it, never the answers.
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.rng = x;
        x
    }

    /// Inserts a new segment between `pred` and `succ` (its in-order
    /// neighbours, found by the caller) and returns its node. Needs a free
    /// slot.
    pub(super) fn insert(&mut self, base: usize, len: usize, pred: u32, succ: u32) -> u32 {
        let n = self.free_head;
        self.free_head = self.at(n).parent;
        let prio = self.random();
        *self.at_mut(n) = Slot {
            base,
            len,
            max: len,
            left: NIL,
            right: NIL,
            parent: NIL,
            prio,
            prev: pred,
            next: succ,
        };
        if pred != NIL {
            self.at_mut(pred).next = n;
        }
        if succ != NIL {
            self.at_mut(succ).prev = n;
        }
        // The new leaf hangs off pred's right (if free) or succ's left:
        // exactly one of the two positions is empty in a search tree.
        if pred != NIL && self.at(pred).right == NIL {
            self.at_mut(pred).right = n;
            self.at_mut(n).parent = pred;
        } else if succ != NIL {
            debug_assert!(self.at(succ).left == NIL);
            self.at_mut(succ).left = n;
            self.at_mut(n).parent = succ;
        } else {
            self.root = n;
        }
        loop {
            let p = self.at(n).parent;
            if p == NIL || self.at(p).prio >= prio {
                break;
            }
            self.rotate_up(n);
        }
        // `n`'s own `max` is right (set above, or by the rotations); its
        // parent's still describes the tree without `n`.
        let p = self.at(n).parent;
        self.fix_up(p);
        self.stats.segments += 1;
        n
    }

    /// Removes node `n` from the tree and puts its slot on the free list.
    pub(super) fn delete(&mut self, n: u32) {
        let (prev, next) = (self.at(n).prev, self.at(n).next);
        if prev != NIL {
            self.at_mut(prev).next = next;
        }
        if next != NIL {
            self.at_mut(next).prev = prev;
        }
        loop {
            let (l, r) = (self.at(n).left, self.at(n).right);
            let c = match (l, r) {
                (NIL, NIL) => break,
                (c, NIL) | (NIL, c) => c,
                (l, r) => {
                    if self.at(l).prio >= self.at(r).prio {
                        l
                    } else {
                        r
                    }
                }
            };
            self.rotate_up(c);
        }
        let p = self.at(n).parent;
        self.replace_child(p, n, NIL);
        self.fix_up(p);
        *self.at_mut(n) = Slot {
            parent: self.free_head,
            ..Slot::EMPTY
        };
        self.free_head = n;
        self.stats.segments -= 1;
    }

    /// Rotates `x` above its parent, keeping the in-order sequence, and
    /// recomputes `max` of the two nodes that moved.
    pub(super) fn rotate_up(&mut self, x: u32) {
        let p = self.at(x).parent;
        let g = self.at(p).parent;
        if self.at(p).left == x {
            let b = self.at(x).right;
            self.at_mut(p).left = b;
            if b != NIL {
                self.at_mut(b).parent = p;
            }
            self.at_mut(x).right = p;
        } else {
            let b = self.at(x).left;
            self.at_mut(p).right = b;
            if b != NIL {
                self.at_mut(b).parent = p;
            }
            self.at_mut(x).left = p;
        }
        self.at_mut(p).parent = x;
        self.at_mut(x).parent = g;
        self.replace_child(g, p, x);
        self.recompute(p);
        self.recompute(x);
    }

    /// Puts `new` where `old` was among `parent`'s children (at the root if
    /// `parent` is NIL). `new`'s own parent link is the caller's business.
    pub(super) fn replace_child(&mut self, parent: u32, old: u32, new: u32) {
        if parent == NIL {
            self.root = new;
        } else if self.at(parent).left == old {
            self.at_mut(parent).left = new;
        } else {
            self.at_mut(parent).right = new;
        }
    }

    pub(super) fn leftmost(&self, mut n: u32) -> u32 {
        while n != NIL && self.at(n).left != NIL {
            n = self.at(n).left;
        }
        n
    }

    /// In-order predecessor of `n`.
    #[inline(always)]
    pub(super) fn prev(&self, n: u32) -> u32 {
        self.at(n).prev
    }

    /// In-order successor of `n`.
    #[inline(always)]
    pub(super) fn next(&self, n: u32) -> u32 {
        self.at(n).next
    }

    /// After a call took from segment `n` or merged a range into it: gives
    /// `n` a fresh random priority if that is higher than its own, and
    /// rotates it up to where the heap order puts it. A segment's priority
    /// is then the largest of one random draw per use, so segments in use
    /// over and over rise towards the root, and the descents that find
    /// them get short (Seidel and Aragon's treap weighted by access
    /// counts: see "Segments in use rise" in `map_core.rs` for the
    /// depths). Every `max` must be right.
    pub(super) fn boost(&mut self, n: u32) {
        let r = self.random();
        if r <= self.at(n).prio {
            return;
        }
        self.at_mut(n).prio = r;
        loop {
            let p = self.at(n).parent;
            if p == NIL || self.at(p).prio >= r {
                break;
            }
            self.rotate_up(n);
        }
    }
}
