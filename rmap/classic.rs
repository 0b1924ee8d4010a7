// SPDX-License-Identifier: GPL-2.0

//! The classic resource map: a sorted array of free segments, scanned
//! linearly, as in SVR4 and early Solaris. O(n) per call.
//!
//! Kept as the reference model for the property tests of
//! [`super::map_core`] (same answers, same loss accounting, same misuse
//! verdicts) and as a benchmark baseline. Pure `no_std`, free of `kernel::`.

use super::map_core::{AllocError, FreeError, Freed, Stats};

/// One free segment `[base, base + len)`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Seg {
    base: usize,
    len: usize,
}

/// A map over caller-supplied storage of `mapsize` segments.
///
/// # Invariants
///
/// `segs[..n]` are the free segments: sorted, non-empty, disjoint and
/// non-adjacent.
pub struct ClassicMap<S> {
    segs: S,
    n: usize,
    allocated_once: bool,
    stats: Stats,
}

impl<S: core::ops::DerefMut<Target = [Seg]>> ClassicMap<S> {
    /// Makes an empty map of `segs.len()` slots; `None` if there are none.
    pub fn new(segs: S) -> Option<Self> {
        if segs.is_empty() {
            return None;
        }
        let capacity = segs.len();
        Some(ClassicMap {
            segs,
            n: 0,
            allocated_once: false,
            stats: Stats {
                capacity,
                ..Stats::default()
            },
        })
    }

    /// Current statistics.
    pub fn stats(&self) -> Stats {
        let mut s = self.stats;
        s.segments = self.n;
        s.largest_free = self.segs[..self.n].iter().map(|g| g.len).max().unwrap_or(0);
        s
    }

    /// First fit: the lowest-based segment holding `size` units.
    pub fn alloc(&mut self, size: usize) -> Result<usize, AllocError> {
        if size == 0 {
            self.stats.misuse.alloc_zero_size += 1;
            return Err(AllocError::ZeroSize);
        }
        let i = (0..self.n)
            .find(|&i| self.segs[i].len >= size)
            .ok_or(AllocError::NoSpace)?;
        let addr = self.segs[i].base;
        self.segs[i].base += size;
        self.segs[i].len -= size;
        if self.segs[i].len == 0 {
            self.segs.copy_within(i + 1..self.n, i);
            self.n -= 1;
        }
        self.stats.free_units -= size;
        self.stats.outstanding_units += size;
        self.stats.allocs += 1;
        self.allocated_once = true;
        Ok(addr)
    }

    /// Returns `[addr, addr + size)` to the map, coalescing; loses it when
    /// it needs a new slot and none is left.
    pub fn free(&mut self, addr: usize, size: usize) -> Result<Freed, FreeError> {
        let r = self.place(addr, size);
        let m = &mut self.stats.misuse;
        match r {
            Err(FreeError::ZeroAddr) => m.free_zero_addr += 1,
            Err(FreeError::ZeroSize) => m.free_zero_size += 1,
            Err(FreeError::Wraps) => m.free_wraps += 1,
            Err(FreeError::Overlap { .. }) => m.free_overlap += 1,
            Ok(outcome) => {
                if outcome == Freed::Lost {
                    self.stats.lost_units += size;
                } else {
                    self.stats.free_units += size;
                }
                if self.allocated_once {
                    self.stats.outstanding_units =
                        self.stats.outstanding_units.saturating_sub(size);
                }
                self.stats.frees += 1;
            }
        }
        r
    }

    /// Visits the free segments in address order.
    pub fn for_each_segment(&self, mut f: impl FnMut(usize, usize)) {
        for g in &self.segs[..self.n] {
            f(g.base, g.len);
        }
    }

    fn place(&mut self, addr: usize, size: usize) -> Result<Freed, FreeError> {
        if addr == 0 {
            return Err(FreeError::ZeroAddr);
        }
        if size == 0 {
            return Err(FreeError::ZeroSize);
        }
        let end = addr.checked_add(size).ok_or(FreeError::Wraps)?;
        // i: the first segment based above addr; i - 1 is the one below.
        // Appending (how a map is usually seeded) skips the scan.
        let i = if self.n == 0 || self.segs[self.n - 1].base <= addr {
            self.n
        } else {
            (0..self.n)
                .find(|&i| self.segs[i].base > addr)
                .unwrap_or(self.n)
        };
        let pred = i.checked_sub(1).map(|p| self.segs[p]);
        let succ = (i < self.n).then(|| self.segs[i]);
        for g in [pred, succ].into_iter().flatten() {
            if g.base < end && addr < g.base + g.len {
                return Err(FreeError::Overlap {
                    base: g.base,
                    len: g.len,
                });
            }
        }
        let left = pred.is_some_and(|g| g.base + g.len == addr);
        let right = succ.is_some_and(|g| g.base == end);
        match (left, right) {
            (true, true) => {
                self.segs[i - 1].len += size + self.segs[i].len;
                self.segs.copy_within(i + 1..self.n, i);
                self.n -= 1;
            }
            (true, false) => self.segs[i - 1].len += size,
            (false, true) => {
                self.segs[i].base = addr;
                self.segs[i].len += size;
            }
            (false, false) => {
                if self.n == self.segs.len() {
                    return Ok(Freed::Lost);
                }
                self.segs.copy_within(i..self.n, i + 1);
                self.segs[i] = Seg {
                    base: addr,
                    len: size,
                };
                self.n += 1;
                return Ok(Freed::Inserted);
            }
        }
        Ok(Freed::Merged)
    }
}
