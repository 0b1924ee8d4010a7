// SPDX-License-Identifier: GPL-2.0

//! The resource-map core: first-fit allocation of `usize` index ranges over a
//! fixed number of free-segment slots, in O(log n) (a bounded scan in a
//! small map).
//!
//! Pure `no_std` Rust, free of `kernel::`: the kernel module and the host
//! tests compile this very file. It never allocates, never prints and never
//! sleeps; the caller supplies the slot storage once, and serialises calls
//! (the kernel wraps a map in an irq-safe spinlock).
//!
//! This file has the types, the calls and the hot segment; the treap's
//! operations are in `map_tree.rs`, small maps in `map_linear.rs`, and the
//! invariant checks the tests run in `map_check.rs` (child modules, which
//! the kernel and the host include through this file).
//!
//! # Data structure
//!
//! The free space is a set of segments `[base, base + len)`, kept sorted,
//! disjoint, non-empty and *non-adjacent* (a free coalesces with both
//! neighbours). Each segment occupies one slot of a preallocated array; at
//! most `capacity` segments exist at once (Solaris's `mapsize`).
//!
//! In a map of more than [`LINEAR_MAX`] slots (small maps are a sorted
//! array, see "Small maps" below), the slots form a treap: a binary
//! search tree by `base` that is also a
//! max-heap by a random per-node priority, linked by `u32` slot indices with
//! parent links, so that every operation is iterative (no recursion on a
//! kernel stack). Each node also stores `max`, the largest `len` in its
//! subtree, and links to its in-order neighbours (`prev`, `next`), so that
//! the segments beside a node are one load away.
//!
//! # First fit in O(log n)
//!
//! `alloc(size)` must return the lowest `base` whose segment holds `size`
//! units, exactly as a linear scan of the sorted segments would. Descend
//! from the root: if the left subtree's `max >= size`, the answer lies there
//! (every base on the left is lower than the node's); otherwise, if the node
//! itself fits, it is the answer (nothing lower fits); otherwise the answer
//! is in the right subtree, whose `max >= size` because the subtree's does.
//! One root-to-leaf path, so O(depth).
//!
//! # The hot segment: O(1) when a driver works at one place
//!
//! Drivers tend to allocate and free at one place over and over (the man
//! page's `xxread` takes 640 units and gives them back at once). So a tree
//! map keeps one segment as the *hint*, with three bounds: `hint_max` at least
//! the length, and `hint_end` at least the end, of every segment below it;
//! `hint_next` at most the base of every segment above it. Then, without
//! walking the tree:
//!
//! - `alloc(size)` with `size > hint_max` and a hint of at least `size`
//!   units takes the hint's first `size` units: nothing below the hint fits
//!   and the hint does, so this is the first fit. (Taking the hint's last
//!   unit deletes it from the tree: O(log n).)
//! - `free(addr, size)` of a range that ends where the hint begins, with
//!   `addr > hint_end`, or that begins where the hint ends and ends below
//!   `hint_next`, can neither overlap nor touch any other free space, so it
//!   merges into the hint.
//!
//! The hint's length changes on every such call, so the `max` augmentation
//! leaves it out (it weighs 0 there) and no upward pass is needed; the
//! search steers by `max` and so finds the first fit among the other
//! segments, which an allocation the bound could not settle compares with
//! the hint.
//!
//! Which segment is the hint: the first segment of an empty map, then the
//! segment a search splits for a request the hint was too short for (every
//! segment below the first fit is shorter than the request, so `hint_max`
//! starts at the request minus one; the neighbours' edges are read off the
//! tree, and the old hint's length goes back into `max`, one upward pass).
//! A free that grows or adds a segment beside the hint moves the bounds;
//! allocations and deletions beside it only shrink or remove segments,
//! which keeps them bounds. A request that takes a whole segment below the
//! hint makes `hint_end` exact again (the end of the hint's new
//! predecessor; with none, both lower bounds are 0): concurrent users free
//! out of address order, and each such free leaves a segment below the
//! hint that the next request takes whole. So the hint never changes an
//! answer, only how fast it comes; a loose bound only sends a call through
//! the tree.
//!
//! # Segments in use rise
//!
//! A driver that works at a few places, more than the hint can hold,
//! sends those calls through the tree. So a call that takes from a
//! segment or merges a range into it draws a fresh random priority for it
//! and keeps the larger of the two, rotating the segment up as the heap
//! order asks: a segment's priority is the largest of one draw per use,
//! which is the treap weighted by access counts of Seidel and Aragon. With
//! `n` segments used `m` times in all since they appeared, one used `k`
//! of those times sits at expected depth O(log((n + m) / (k + 1))), so the
//! few segments a driver keeps using end up next to the root, and the
//! descents that find them, and the upward passes from them, stop within
//! a few levels. A free stops its descent at the first
//! segment it touches (the other neighbour is that one's `prev` or
//! `next`), rather than at a leaf.
//!
//! # Costs
//!
//! A call served by the hint is O(1). Any other call is O(depth). A
//! treap's depth is O(log n) with high probability whatever the order of
//! inserts, because the priorities are random and independent of the keys
//! (expected depth about 2 ln n: 22 at 65536 segments). Uses skew that:
//! each segment that rose above another makes that one at most one level
//! deeper, and the bound above gives a segment never used O(log(n + m))
//! expected, `m` counting the uses (about 90 levels expected at worst,
//! however long the map lives, as `m` is below 2^64). A call is one
//! descent plus at most one insert or delete (rotations along one path)
//! plus at most two upward passes fixing `max` (one to move the hint, one
//! for the change) and the rotations that lift the segment it used (none
//! once that segment's priority is high). Memory is
//! `capacity * size_of::<Slot>()` (48 bytes on 64-bit), fixed at creation.
//!
//! # Small maps
//!
//! Drivers' maps are typically small: the man page's has 12 slots. Up to
//! [`LINEAR_MAX`] slots, [`Map::new`] keeps the segments as a sorted array
//! in slots `0..segments` instead (`map_linear.rs`): first fit is the
//! first slot that holds the request, a free finds its place by the same
//! scan, and a segment that appears or goes moves the ones above it by a
//! slot. That is the classic SVR4 layout, and what it costs is bounded by
//! the capacity, so a small map is O(1) too. It wins because its worst
//! case is short: concurrent users give chunks back out of address order,
//! and in a tree each such free is an insert, a later free joins it to its
//! neighbours and a delete, each with rotations and upward `max` passes;
//! in the array it is a scan and a move of a few slots. Three cases are
//! taken inline, without the scan: a request the lowest segment holds
//! (the first fit by definition; taken whole if it is exact), a free that
//! ends where the lowest segment begins, and a free into an empty map.
//!
//! # Overflow
//!
//! When a free neither touches a neighbour nor finds a spare slot, the freed
//! range is lost, as in the classic SVR4 `rmfree`: it is added to
//! [`Stats::lost_units`] and reported to the caller ([`Freed::Lost`]).

#[path = "map_check.rs"]
mod check;
#[path = "map_linear.rs"]
mod linear;
#[path = "map_tree.rs"]
mod tree;

/// "No slot" in a `u32` link.
const NIL: u32 = u32::MAX;

/// The largest capacity [`Map::new`] keeps as a sorted array rather than
/// a tree (see "Small maps" above).
pub const LINEAR_MAX: usize = 16;

/// One slot: a free segment when in the tree (or, in a small map, below
/// `segments`), a free-list entry or a vacant slot otherwise.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    base: usize,
    len: usize,
    /// Largest `len` in this node's subtree.
    max: usize,
    left: u32,
    right: u32,
    /// Parent in the tree; next free slot when on the free list.
    parent: u32,
    prio: u32,
    /// In-order neighbours in the tree: the segments just below and just
    /// above this one.
    prev: u32,
    next: u32,
}

impl Slot {
    /// An unused slot, to fill the storage handed to [`Map::new`].
    pub const EMPTY: Slot = Slot {
        base: 0,
        len: 0,
        max: 0,
        left: NIL,
        right: NIL,
        parent: NIL,
        prio: 0,
        prev: NIL,
        next: NIL,
    };
}

/// Slot storage a [`Map`] runs on (`Vec<Slot>`, `KVVec<Slot>`, a slice).
///
/// # Safety
///
/// `deref` and `deref_mut` return the same slice (same address, same
/// length) every time they are called, as long as the value is not used
/// otherwise: [`Map`] makes its links from the length it sees at creation
/// and then indexes without bounds checks.
pub unsafe trait Slots: core::ops::DerefMut<Target = [Slot]> {}

// SAFETY: a mutable slice derefs to itself.
unsafe impl Slots for &mut [Slot] {}

/// Why `alloc` returned no space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllocError {
    /// `size == 0`: a misuse, counted.
    ZeroSize,
    /// No free segment holds `size` units.
    NoSpace,
}

/// What a successful `free` did with the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freed {
    /// Coalesced with one or both neighbours.
    Merged,
    /// Became a segment of its own.
    Inserted,
    /// Every slot was in use: the range is lost (counted in `lost_units`).
    Lost,
}

/// A rejected `free`: the map is unchanged and the misuse is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeError {
    /// `addr == 0`: index 0 cannot be managed (0 means failure).
    ZeroAddr,
    /// `size == 0`.
    ZeroSize,
    /// `addr + size` does not fit in a `usize`.
    Wraps,
    /// The range overlaps the free segment `[base, base + len)`: a double
    /// free, or a range that was never allocated.
    Overlap {
        /// Base of the overlapped free segment.
        base: usize,
        /// Length of the overlapped free segment.
        len: usize,
    },
}

/// Misuse counts by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Misuse {
    /// `alloc` with `size == 0`.
    pub alloc_zero_size: u64,
    /// `free` of index 0.
    pub free_zero_addr: u64,
    /// `free` with `size == 0`.
    pub free_zero_size: u64,
    /// `free` of a range that wraps around the end of the index space.
    pub free_wraps: u64,
    /// `free` of a range overlapping free space (double free).
    pub free_overlap: u64,
}

impl Misuse {
    /// All misuses together.
    pub fn total(&self) -> u64 {
        self.alloc_zero_size
            + self.free_zero_addr
            + self.free_zero_size
            + self.free_wraps
            + self.free_overlap
    }
}

/// A snapshot of a map's state, cheap to take (O(1)).
///
/// Laid out in declaration order, the counters the common calls update
/// first (see [`Map`]'s layout).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Stats {
    /// Free segments in use (at most `capacity`).
    pub segments: usize,
    /// Units free.
    pub free_units: usize,
    /// Units handed out by `alloc` and not yet given back by `free`,
    /// counting only frees made after the first `alloc` (earlier frees seed
    /// the map). Saturates at 0 if a driver seeds more space later.
    pub outstanding_units: usize,
    /// Successful `alloc` calls.
    pub allocs: u64,
    /// Successful `free` calls (seeding included; lost ones included).
    pub frees: u64,
    /// Slots, i.e. `mapsize`.
    pub capacity: usize,
    /// Largest free segment.
    pub largest_free: usize,
    /// Units lost to slot overflow, in total.
    pub lost_units: usize,
    /// Misuse counts.
    pub misuse: Misuse,
}

/// A resource map over caller-supplied slot storage `S`.
///
/// # Invariants
///
/// - Every link (`root`, `free_head`, and each slot's `left`, `right`,
///   `parent`, `prev` and `next`) is [`NIL`] or the index of a slot of
///   `slots`, whose length is `stats.capacity` and never changes
///   (`S: Slots`).
/// - `stats.segments <= stats.capacity`.
/// - Unless `linear`, the tree holds `stats.segments` nodes; the other
///   slots are on the free list headed by `free_head`.
/// - In-order, the tree's segments are sorted by `base`, non-empty,
///   disjoint and non-adjacent, and none contains index 0 or wraps.
/// - Each node's `prev` and `next` are its in-order neighbours in the tree,
///   or [`NIL`] at either end.
/// - Every node's `prio` is `>=` its children's and its `max` is the largest
///   weight in its subtree, a node's weight being its `len`, or 0 for the
///   hint.
/// - `hint` is [`NIL`] or a node of the tree; if a node, every segment
///   below it has `len <= hint_max` and `base + len <= hint_end`, and every
///   segment above it has `base >= hint_next`.
/// - `stats.free_units` is the sum of the segments' `len`.
/// - If `linear`, the tree is empty (`root` and `hint` are [`NIL`]) and
///   the segments are slots `0..stats.segments` instead: sorted, disjoint,
///   non-adjacent and non-empty, none containing index 0 or wrapping.
///   Every other slot has `base` and `len` 0 (the inline cases of
///   `map_linear.rs` rely on it: an empty map's slot 0 holds nothing).
///
/// # Layout
///
/// Declaration order, so that what the common calls read and write (the
/// slot storage's pointer, the hint, the flags, the hint's bounds, then
/// the counters at the head of [`Stats`]: [`Map::HOT_END`] bytes) lies
/// together, ahead of the cold counters and the tree's fields (read only
/// by calls the hint does not serve, which walk the slots): a map used
/// from several CPUs moves as few cache lines between them as it can (the
/// kernel's `Inner` places these bytes beside its lock).
#[repr(C)]
pub struct Map<S> {
    slots: S,
    /// The hot segment (see the module's documentation), or [`NIL`].
    hint: u32,
    /// A small map: the segments are slots `0..stats.segments`, in
    /// order, and the tree's fields are unused.
    linear: bool,
    /// Set by the first `alloc`: frees before it only seed the map.
    allocated_once: bool,
    /// At least the length of every segment below the hint.
    hint_max: usize,
    /// At least the end of every segment below the hint.
    hint_end: usize,
    /// At most the base of every segment above the hint.
    hint_next: usize,
    stats: Stats,
    root: u32,
    free_head: u32,
    rng: u32,
}

impl<S> Map<S> {
    /// Where the fields that the common calls touch end (see "Layout"):
    /// the end of `stats.frees`.
    pub const HOT_END: usize = core::mem::offset_of!(Self, stats)
        + core::mem::offset_of!(Stats, frees)
        + core::mem::size_of::<u64>();
}

impl<S: Slots> Map<S> {
    /// Makes an empty map whose capacity is `slots.len()` segments: a
    /// sorted array up to [`LINEAR_MAX`] slots, a tree above.
    ///
    /// Returns `None` if `slots` is empty or holds `u32::MAX` slots or more.
    pub fn new(slots: S) -> Option<Self> {
        let linear = slots.len() <= LINEAR_MAX;
        Self::with_layout(slots, linear)
    }

    /// [`Map::new`], but a tree whatever the capacity: for the tests that
    /// hold the two layouts against each other.
    pub fn new_tree(slots: S) -> Option<Self> {
        Self::with_layout(slots, false)
    }

    fn with_layout(mut slots: S, linear: bool) -> Option<Self> {
        let n = slots.len();
        if n == 0 || n >= NIL as usize {
            return None;
        }
        for (i, s) in slots.iter_mut().enumerate() {
            *s = Slot::EMPTY;
            s.parent = if i + 1 < n { (i + 1) as u32 } else { NIL };
        }
        Some(Map {
            slots,
            root: NIL,
            free_head: 0,
            hint: NIL,
            hint_max: 0,
            hint_end: 0,
            hint_next: usize::MAX,
            rng: 0x9e37_79b9 ^ (n as u32),
            linear,
            allocated_once: false,
            stats: Stats {
                capacity: n,
                ..Stats::default()
            },
        })
    }

    /// Current statistics.
    pub fn stats(&self) -> Stats {
        let mut s = self.stats;
        if self.linear {
            s.largest_free = self.largest_linear();
            return s;
        }
        s.largest_free = self.max_of(self.root);
        if self.hint != NIL {
            s.largest_free = s.largest_free.max(self.at(self.hint).len);
        }
        s
    }

    /// Takes `size` units from the free segment with the lowest base that
    /// holds them (first fit) and returns the base of the range.
    #[inline(always)]
    pub fn alloc(&mut self, size: usize) -> Result<usize, AllocError> {
        if self.linear {
            return self.alloc_linear(size);
        }
        let h = self.hint;
        // Nothing below the hint holds more than `hint_max` units.
        if h != NIL && size > self.hint_max && self.at(h).len >= size {
            return Ok(self.take_from_hint(size));
        }
        self.alloc_slow(size)
    }

    /// [`Map::alloc`] through the tree.
    #[inline(never)]
    fn alloc_slow(&mut self, size: usize) -> Result<usize, AllocError> {
        if size == 0 {
            return Err(self.zero_size());
        }
        let n = self.first_fit(size);
        let h = self.hint;
        let hint_fits = h != NIL && self.at(h).len >= size;
        if hint_fits && (n == NIL || self.at(h).base < self.at(n).base) {
            // `hint_max` was too loose to tell.
            return Ok(self.take_from_hint(size));
        }
        if n == NIL {
            return Err(AllocError::NoSpace);
        }
        let addr = self.at(n).base;
        if self.at(n).len == size {
            // The bounds stay bounds: space beside the hint only shrinks.
            let below = h != NIL && addr < self.at(h).base;
            self.delete(n);
            if below {
                self.tighten_below_hint();
            }
        } else if hint_fits {
            let s = self.at_mut(n);
            s.base += size;
            s.len -= size;
            self.fix_up(n);
            self.boost(n);
        } else {
            // The hint could not serve this request: `n` takes over. Every
            // segment below `n`, the old hint included, is shorter than
            // `size`. (The old hint's length goes back into `max` before
            // `n` changes, so that each upward pass starts from right
            // `max`s above it.)
            self.drop_hint();
            let s = self.at_mut(n);
            s.base += size;
            s.len -= size;
            self.set_hint(n, size - 1);
            self.boost(n);
        }
        self.allocated(size);
        Ok(addr)
    }

    /// Takes `size` units from the front of the hint, which holds them.
    #[inline(always)]
    fn take_from_hint(&mut self, size: usize) -> usize {
        let h = self.hint;
        let s = self.at_mut(h);
        let addr = s.base;
        if s.len == size {
            // Deleted while it is still the hint, so weighing 0.
            self.delete(h);
            self.hint = NIL;
        } else {
            s.base += size;
            s.len -= size;
        }
        self.allocated(size);
        addr
    }

    /// The first fit for `size` (non-zero) among the segments other than
    /// the hint, or [`NIL`]: one descent, steered by `max`, in which the
    /// hint weighs 0.
    fn first_fit(&self, size: usize) -> u32 {
        if self.max_of(self.root) < size {
            return NIL;
        }
        // Invariant: the subtree at `n` holds a fit other than the hint,
        // and no segment but the hint below that subtree fits.
        let mut n = self.root;
        loop {
            let l = self.at(n).left;
            if self.max_of(l) >= size {
                n = l;
            } else if n != self.hint && self.at(n).len >= size {
                return n;
            } else {
                n = self.at(n).right;
            }
        }
    }

    /// Makes `n` the hint, `max_below` bounding the length of every segment
    /// below it. Any hint there was must have been dropped, and the `max`s
    /// above `n` must be right for its old length or weight.
    fn set_hint(&mut self, n: u32, max_below: usize) {
        let (pred, succ) = (self.prev(n), self.next(n));
        self.hint = n;
        self.hint_max = max_below;
        self.hint_end = if pred == NIL { 0 } else { self.end_of(pred) };
        self.hint_next = self.base_or_max(succ);
        // `n` now weighs 0.
        self.fix_up(n);
    }

    /// After a segment below the hint is deleted, or merged into it: the
    /// end of the space below the hint is its predecessor's end, exactly,
    /// and with no predecessor nothing is below it. (Concurrent users free
    /// out of address order: one buffer's free becomes a segment below the
    /// hint that the next request takes whole, or that the next free joins
    /// to the hint. Exact bounds then let the next free merge into the
    /// hint, and the next request take from it, without the tree.)
    /// O(1).
    fn tighten_below_hint(&mut self) {
        let p = self.prev(self.hint);
        if p == NIL {
            self.hint_max = 0;
            self.hint_end = 0;
        } else {
            self.hint_end = self.end_of(p);
        }
    }

    /// Accounts for a successful allocation of `size` units.
    #[inline(always)]
    fn allocated(&mut self, size: usize) {
        self.stats.free_units -= size;
        self.stats.allocs += 1;
        self.stats.outstanding_units += size;
        self.allocated_once = true;
    }

    /// Accounts for a successful free of `size` units (`kept`: not lost).
    #[inline(always)]
    fn freed(&mut self, size: usize, kept: bool) {
        if kept {
            self.stats.free_units += size;
        }
        if self.allocated_once {
            self.stats.outstanding_units = self.stats.outstanding_units.saturating_sub(size);
        }
        self.stats.frees += 1;
    }

    /// Forgets the hint, putting its length back into `max`.
    fn drop_hint(&mut self) {
        let h = self.hint;
        if h != NIL {
            self.hint = NIL;
            self.fix_up(h);
        }
    }

    /// Gives `[addr, addr + size)` back to the map, coalescing with both
    /// neighbours; seeds the map when it was never allocated from.
    #[inline(always)]
    pub fn free(&mut self, addr: usize, size: usize) -> Result<Freed, FreeError> {
        if self.linear {
            return self.free_linear(addr, size);
        }
        let h = self.hint;
        if h != NIL && size != 0 {
            let (below, above) = (self.hint_end, self.hint_next);
            let s = self.at_mut(h);
            // Ends at the hint, above the end of any segment below it:
            // merges into the hint's front.
            let front = addr > below && addr < s.base && s.base - addr == size;
            // Starts at the hint's end and ends below the base of any
            // segment above it: merges into the hint's back.
            let back = addr == s.base + s.len && size < above.saturating_sub(addr);
            if front || back {
                if front {
                    s.base = addr;
                }
                s.len += size;
                self.freed(size, true);
                return Ok(Freed::Merged);
            }
        }
        self.free_slow(addr, size)
    }

    /// [`Map::free`] through the tree.
    #[inline(never)]
    fn free_slow(&mut self, addr: usize, size: usize) -> Result<Freed, FreeError> {
        let (end, pred, succ) = match self.check_free(addr, size) {
            Ok(found) => found,
            Err(e) => return Err(self.misused(e)),
        };
        let left = pred != NIL && self.end_of(pred) == addr;
        let right = succ != NIL && self.at(succ).base == end;
        // The segment that now holds the range.
        let (outcome, grown) = match (left, right) {
            (true, true) if succ == self.hint => {
                // The hint stays: it grows down over the range and `pred`,
                // which goes. (Two users' chunks given back in the order
                // they were taken end here: the first became `pred`.) The
                // hint weighs 0, so its growth changes no `max`.
                let (base, extra) = (self.at(pred).base, self.at(pred).len + size);
                self.delete(pred);
                let s = self.at_mut(succ);
                s.base = base;
                s.len += extra;
                self.tighten_below_hint();
                (Freed::Merged, succ)
            }
            (true, true) => {
                let extra = size + self.at(succ).len;
                self.at_mut(pred).len += extra;
                self.raise(pred);
                self.delete(succ);
                if pred == self.hint {
                    // The hint's end moved past `succ`'s base.
                    let next = self.next(pred);
                    self.hint_next = self.base_or_max(next);
                }
                (Freed::Merged, pred)
            }
            (true, false) => {
                self.at_mut(pred).len += size;
                self.raise(pred);
                if pred == self.hint {
                    // A merge the bound was too loose to take inline.
                    self.hint_next = self.base_or_max(succ);
                }
                (Freed::Merged, pred)
            }
            (false, true) => {
                let s = self.at_mut(succ);
                s.base = addr;
                s.len += size;
                self.raise(succ);
                if succ == self.hint {
                    // As above.
                    self.hint_end = if pred == NIL { 0 } else { self.end_of(pred) };
                }
                (Freed::Merged, succ)
            }
            (false, false) => {
                if self.free_head == NIL {
                    self.stats.lost_units += size;
                    (Freed::Lost, NIL)
                } else {
                    let n = self.insert(addr, size, pred, succ);
                    if self.stats.segments == 1 {
                        // The map was empty (so had no hint): nothing is
                        // below or above the new segment.
                        self.set_hint(n, 0);
                    }
                    (Freed::Inserted, n)
                }
            }
        };
        let h = self.hint;
        if h != NIL && grown != NIL && grown != h {
            // A segment beside the hint grew or appeared. (Merges into the
            // hint are handled above; allocations beside the hint only
            // shrink segments, and deletions only remove them, which
            // keeps the bounds.)
            let (base, end) = (self.at(grown).base, self.end_of(grown));
            if base < self.at(h).base {
                self.hint_max = self.hint_max.max(self.at(grown).len);
                self.hint_end = self.hint_end.max(end);
            } else {
                self.hint_next = self.hint_next.min(base);
            }
        }
        if outcome == Freed::Merged {
            self.boost(grown);
        }
        self.freed(size, outcome != Freed::Lost);
        Ok(outcome)
    }

    /// Counts an allocation of 0 units, and returns its error.
    fn zero_size(&mut self) -> AllocError {
        self.stats.misuse.alloc_zero_size += 1;
        AllocError::ZeroSize
    }

    /// Counts a rejected free, and returns its error.
    fn misused(&mut self, e: FreeError) -> FreeError {
        let m = &mut self.stats.misuse;
        match e {
            FreeError::ZeroAddr => m.free_zero_addr += 1,
            FreeError::ZeroSize => m.free_zero_size += 1,
            FreeError::Wraps => m.free_wraps += 1,
            FreeError::Overlap { .. } => m.free_overlap += 1,
        }
        e
    }

    /// Visits the free segments in address order as `(base, len)`.
    pub fn for_each_segment(&self, mut f: impl FnMut(usize, usize)) {
        if self.linear {
            return self.for_each_linear(f);
        }
        // In-order walk by the `next` links.
        let mut n = self.leftmost(self.root);
        while n != NIL {
            let s = self.at(n);
            f(s.base, s.len);
            n = self.next(n);
        }
    }

    // ---- internals --------------------------------------------------------

    /// Validates a free; on success returns the range's end and its
    /// in-order neighbours.
    fn check_free(&self, addr: usize, size: usize) -> Result<(usize, u32, u32), FreeError> {
        let end = Self::check_range(addr, size)?;
        let (pred, succ) = self.neighbours(addr, end);
        for n in [pred, succ] {
            if n != NIL {
                let s = self.at(n);
                if s.base < end && addr < s.base + s.len {
                    return Err(FreeError::Overlap {
                        base: s.base,
                        len: s.len,
                    });
                }
            }
        }
        Ok((end, pred, succ))
    }

    /// Validates a free's range on its own; returns its end.
    #[inline(always)]
    fn check_range(addr: usize, size: usize) -> Result<usize, FreeError> {
        if addr == 0 {
            return Err(FreeError::ZeroAddr);
        }
        if size == 0 {
            return Err(FreeError::ZeroSize);
        }
        addr.checked_add(size).ok_or(FreeError::Wraps)
    }

    /// Slot `n`, which must be a link that is not [`NIL`], or a small
    /// map's slot index (below `stats.capacity`, see `map_linear.rs`).
    #[inline(always)]
    fn at(&self, n: u32) -> &Slot {
        debug_assert!((n as usize) < self.slots.len());
        // SAFETY: `n` is a link other than NIL, hence the index of a slot
        // (type invariant), or a small map's slot index, which is below
        // `stats.segments`, or equal to it only when that is below
        // `stats.capacity` (`map_linear.rs`); and `S: Slots` derefs to the
        // same slice of `stats.capacity` slots every time.
        unsafe { self.slots.get_unchecked(n as usize) }
    }

    /// Slot `n`, mutably; `n` as in [`Map::at`].
    #[inline(always)]
    fn at_mut(&mut self, n: u32) -> &mut Slot {
        debug_assert!((n as usize) < self.slots.len());
        // SAFETY: as in `at`.
        unsafe { self.slots.get_unchecked_mut(n as usize) }
    }

    #[inline(always)]
    fn end_of(&self, n: u32) -> usize {
        let s = self.at(n);
        s.base + s.len
    }

    #[inline(always)]
    fn max_of(&self, n: u32) -> usize {
        if n == NIL {
            0
        } else {
            self.at(n).max
        }
    }

    /// The base of node `n`, or `usize::MAX` for [`NIL`].
    fn base_or_max(&self, n: u32) -> usize {
        if n == NIL {
            usize::MAX
        } else {
            self.at(n).base
        }
    }
}
