// SPDX-License-Identifier: GPL-2.0

//! Exact partial counts over a user copy that may stop short.
//!
//! # Theory
//!
//! 1. Vocabulary. A *step* is one user copy of a range: it moves some
//!    prefix of the range and says how long. A *fault point* is the first
//!    byte of the range that cannot be reached (an unmapped page).
//!
//! 2. What the kernel promises. An architecture's user copy may stop
//!    before the fault point: arm64's copies move 16 bytes or more per
//!    instruction and report the progress of the last one that completed,
//!    so a copy that runs into a hole can come back some bytes short. The
//!    one hard rule (the contract of `raw_copy_{to,from}_user` in
//!    `include/linux/uaccess.h`) is that a copy moves nothing only when its
//!    very first byte cannot be moved.
//!
//! 3. The algorithm. Copy the rest in one step; if it moves nothing, the
//!    move ends (by 2, the fault point is its first byte; an injected
//!    copy failure, `fail_usercopy`, ends it the same way). If it comes
//!    back short, move byte by byte, each a step of one byte, which by 2
//!    fails only at the fault point. The byte-wise walk is bounded to one page: if it
//!    crosses a page without reaching a fault, the bulk step resumes. So
//!    the count is exactly the distance to the fault point (or the whole
//!    length) on every architecture, which is what `uio_resid` must say.
//!
//! 4. Worst case. Without a fault, one step. With one, at most a page of
//!    one-byte steps per short bulk step; every step but the last moves at
//!    least one byte, so the walk ends. No allocation, no lock.

/// Moves `n` bytes with `step(start, len)`, which copies from byte `start`
/// of the transfer up to `len` bytes and returns how many it moved (a
/// prefix). Returns the number of bytes moved: `n`, or exactly the offset
/// of the first byte `step` cannot move. `page` bounds each byte-wise walk
/// (the page size).
pub fn move_exact(n: usize, page: usize, mut step: impl FnMut(usize, usize) -> usize) -> usize {
    let mut moved = 0;
    while moved < n {
        let bulk = step(moved, n - moved).min(n - moved);
        // Nothing moved: the first byte cannot be (2), or the kernel's
        // fault injection (fail_usercopy) failed the copy; either way the
        // move ends here.
        if bulk == 0 {
            return moved;
        }
        moved += bulk;
        if moved == n {
            break;
        }
        let end = n.min(moved.saturating_add(page.max(1)));
        while moved < end {
            if step(moved, 1) == 0 {
                return moved;
            }
            moved += 1;
        }
    }
    moved
}
