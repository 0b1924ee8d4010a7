// SPDX-License-Identifier: GPL-2.0

//! Small maps: the free segments as a sorted array, scanned from the
//! lowest base (the module documentation of `map_core` says when a map is
//! small, and why).
//!
//! A small map keeps its `stats.segments` segments in slots
//! `0..segments`, in address order; only `base` and `len` of those slots
//! mean anything, and the tree's fields (`root`, `free_head`, `hint`, the
//! links) are unused. First fit is the first slot that holds the request;
//! a free finds its place by the same scan. A segment that appears or goes
//! shifts the slots above it by one. So every call is O(capacity), with
//! capacity at most [`LINEAR_MAX`](super::LINEAR_MAX).
//!
//! Every slot index used here is below `stats.segments`, or equal to it
//! only where that is below `stats.capacity` (slot 0 of an empty map, and
//! the vacant slot an insert fills after the full-map case is taken), as
//! [`Map::at`] requires.

use super::{AllocError, FreeError, Freed, Map, Slots};

impl<S: Slots> Map<S> {
    /// [`Map::alloc`] of a small map: the first segment that holds `size`.
    #[inline(always)]
    pub(super) fn alloc_linear(&mut self, size: usize) -> Result<usize, AllocError> {
        // The lowest segment holds the request (a vacant slot 0 holds
        // nothing): it is the first fit. (Every map has a slot 0.)
        let s = self.at_mut(0);
        if size != 0 && s.len >= size {
            let addr = s.base;
            if s.len > size {
                s.base += size;
                s.len -= size;
            } else {
                self.shift_down(1);
            }
            self.allocated(size);
            return Ok(addr);
        }
        self.alloc_scan(size)
    }

    /// [`Map::alloc_linear`] past its inline cases.
    #[inline(never)]
    fn alloc_scan(&mut self, size: usize) -> Result<usize, AllocError> {
        if size == 0 {
            return Err(self.zero_size());
        }
        let n = self.stats.segments;
        // Slot 0 does not hold the request (the inline case above).
        for i in 1..n {
            let s = self.at_mut(i as u32);
            if s.len >= size {
                let addr = s.base;
                s.base += size;
                s.len -= size;
                if s.len == 0 {
                    self.shift_down(i + 1);
                }
                self.allocated(size);
                return Ok(addr);
            }
        }
        Err(AllocError::NoSpace)
    }

    /// [`Map::free`] of a small map.
    #[inline(always)]
    pub(super) fn free_linear(&mut self, addr: usize, size: usize) -> Result<Freed, FreeError> {
        // The range ends where the lowest segment begins (so `size` is not
        // 0, and it does not wrap): nothing below can overlap or touch it,
        // and it joins that segment's front. (A vacant slot 0 has base 0.)
        let n = self.stats.segments;
        let s = self.at_mut(0);
        if addr != 0 && addr < s.base && s.base - addr == size {
            s.base = addr;
            s.len += size;
            self.freed(size, true);
            return Ok(Freed::Merged);
        }
        // An empty map (every chunk out): the range is its segment.
        if n == 0 && Self::check_range(addr, size).is_ok() {
            s.base = addr;
            s.len = size;
            self.stats.segments = 1;
            self.freed(size, true);
            return Ok(Freed::Inserted);
        }
        self.free_scan(addr, size)
    }

    /// [`Map::free_linear`] past its inline cases.
    #[inline(never)]
    fn free_scan(&mut self, addr: usize, size: usize) -> Result<Freed, FreeError> {
        let end = match Self::check_range(addr, size) {
            Ok(end) => end,
            Err(e) => return Err(self.misused(e)),
        };
        let n = self.stats.segments;
        // `i`: the first segment based above `addr`; `i - 1` is the one
        // below. Only these two can overlap or touch the range.
        let mut i = 0;
        while i < n && self.at(i as u32).base <= addr {
            i += 1;
        }
        let mut left = false;
        if i > 0 {
            let p = self.at(i as u32 - 1);
            let p_end = p.base + p.len;
            if addr < p_end {
                let (base, len) = (p.base, p.len);
                return Err(self.misused(FreeError::Overlap { base, len }));
            }
            left = p_end == addr;
        }
        let mut right = false;
        if i < n {
            let s = self.at(i as u32);
            if s.base < end {
                let (base, len) = (s.base, s.len);
                return Err(self.misused(FreeError::Overlap { base, len }));
            }
            right = s.base == end;
        }
        let outcome = match (left, right) {
            (true, true) => {
                let extra = size + self.at(i as u32).len;
                self.at_mut(i as u32 - 1).len += extra;
                self.shift_down(i + 1);
                Freed::Merged
            }
            (true, false) => {
                self.at_mut(i as u32 - 1).len += size;
                Freed::Merged
            }
            (false, true) => {
                let s = self.at_mut(i as u32);
                s.base = addr;
                s.len += size;
                Freed::Merged
            }
            (false, false) if n == self.stats.capacity => {
                self.stats.lost_units += size;
                Freed::Lost
            }
            (false, false) => {
                // `n < capacity`: slot `n` is the vacant one.
                let mut j = n;
                while j > i {
                    let (base, len) = (self.at(j as u32 - 1).base, self.at(j as u32 - 1).len);
                    let s = self.at_mut(j as u32);
                    s.base = base;
                    s.len = len;
                    j -= 1;
                }
                let s = self.at_mut(i as u32);
                s.base = addr;
                s.len = size;
                self.stats.segments = n + 1;
                Freed::Inserted
            }
        };
        self.freed(size, outcome != Freed::Lost);
        Ok(outcome)
    }

    /// Removes segment `from - 1`, moving segments `from..` down by one;
    /// needs `1 <= from <= stats.segments`.
    #[inline(always)]
    fn shift_down(&mut self, from: usize) {
        let n = self.stats.segments;
        debug_assert!(1 <= from && from <= n);
        for j in from..n {
            let (base, len) = (self.at(j as u32).base, self.at(j as u32).len);
            let s = self.at_mut(j as u32 - 1);
            s.base = base;
            s.len = len;
        }
        let vacant = self.at_mut(n as u32 - 1);
        vacant.base = 0;
        vacant.len = 0;
        self.stats.segments = n - 1;
    }

    /// The largest segment of a small map.
    pub(super) fn largest_linear(&self) -> usize {
        (0..self.stats.segments as u32)
            .map(|i| self.at(i).len)
            .max()
            .unwrap_or(0)
    }

    /// [`Map::for_each_segment`] of a small map.
    pub(super) fn for_each_linear(&self, mut f: impl FnMut(usize, usize)) {
        for i in 0..self.stats.segments as u32 {
            let s = self.at(i);
            f(s.base, s.len);
        }
    }
}
