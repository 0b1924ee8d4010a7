// SPDX-License-Identifier: GPL-2.0

//! Clock-tick conversions behind `drv_usectohz(9F)` and `drv_hztousec(9F)`.
//!
//! Pure integer arithmetic, `no_std` and free of `kernel::`, so that the
//! kernel module and the host tests compile the very same file.
//!
//! Solaris semantics carried over:
//! - a non-positive argument converts to 0;
//! - microseconds round *up* to whole ticks (a driver asking for 1 µs of
//!   delay must wait at least one tick, never zero);
//! - a result that would not fit saturates at the largest `clock_t`.
//!
//! `hz` is the tick rate (Linux's `HZ`); it must be positive.

const USEC_PER_SEC: isize = 1_000_000;

/// Converts `usec` microseconds to clock ticks at `hz` ticks per second,
/// rounding up; `usec <= 0` gives 0; saturates at [`isize::MAX`].
pub fn usec_to_ticks(usec: isize, hz: isize) -> isize {
    debug_assert!(hz > 0);
    if usec <= 0 {
        return 0;
    }
    // Split usec = s * 10^6 + r, so that no intermediate product overflows
    // unless the result itself does (r * hz < 10^6 * hz is small).
    let (s, r) = (usec / USEC_PER_SEC, usec % USEC_PER_SEC);
    let part = (r * hz + USEC_PER_SEC - 1) / USEC_PER_SEC;
    s.checked_mul(hz)
        .and_then(|t| t.checked_add(part))
        .unwrap_or(isize::MAX)
}

/// Converts `ticks` clock ticks at `hz` ticks per second to microseconds,
/// rounding down; `ticks <= 0` gives 0; saturates at [`isize::MAX`].
pub fn ticks_to_usec(ticks: isize, hz: isize) -> isize {
    debug_assert!(hz > 0);
    if ticks <= 0 {
        return 0;
    }
    let (s, r) = (ticks / hz, ticks % hz);
    let part = r * USEC_PER_SEC / hz;
    s.checked_mul(USEC_PER_SEC)
        .and_then(|u| u.checked_add(part))
        .unwrap_or(isize::MAX)
}
