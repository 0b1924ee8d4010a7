// SPDX-License-Identifier: GPL-2.0

//! `<sys/ddi.h>`: general DDI helpers.
//!
//! # Theory
//!
//! Solaris drivers express timeouts in clock ticks obtained from
//! `drv_usectohz(9F)`; Linux's tick is the jiffy, at `HZ` per second. The
//! conversions are pure arithmetic in [`ticks`] (shared with the host tests);
//! this file only supplies the kernel's `HZ` and the C ABI. Both calls are
//! O(1), take no lock, do not sleep and are callable from any context.

pub(crate) mod lock;
pub(crate) mod mem;

#[path = "ticks.rs"]
#[expect(
    unreachable_pub,
    reason = "shared with the host crate, where it is public"
)]
mod ticks;

use kernel::ffi::{c_long, c_ulong, c_void};
use kernel::fmt;
use kernel::str::CStrExt as _;
use kernel::time::msecs_to_jiffies;

/// C's `might_sleep()`, at the entry of every DDI call that may sleep: a
/// check under `CONFIG_DEBUG_ATOMIC_SLEEP` (a caller in atomic context is
/// reported even when this call would not have slept), a voluntary
/// preemption point on kernels without full preemption, nothing otherwise
/// (where the kernel crate's version would still make a call).
#[inline(always)]
pub(crate) fn might_sleep() {
    if cfg!(CONFIG_DEBUG_ATOMIC_SLEEP)
        || cfg!(CONFIG_PREEMPT_VOLUNTARY_BUILD)
        || cfg!(CONFIG_PREEMPT_DYNAMIC)
    {
        kernel::task::might_sleep();
    }
}

/// A code address (a DDI function's caller, which its C entry passes on
/// as `_RET_IP_`), displayed as `function+0xoff/0xsize [module]`.
#[derive(Clone, Copy)]
pub(crate) struct Caller(pub(crate) c_ulong);

impl fmt::Display for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        core::fmt::Display::fmt(self, f)
    }
}

impl core::fmt::Display for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 128];
        // SAFETY: `buf` is valid for writes of `buf.len()` bytes; the format
        // string is NUL-terminated and `%pS` takes one pointer-sized
        // argument (a code address, only looked up, never dereferenced).
        // `scnprintf` writes at most `buf.len()` bytes, NUL included, and
        // returns the length written without the NUL.
        let n = unsafe {
            kernel::bindings::scnprintf(
                buf.as_mut_ptr().cast(),
                buf.len(),
                c"%pS".as_char_ptr(),
                self.0 as *const c_void,
            )
        };
        let n = usize::try_from(n).unwrap_or(0).min(buf.len());
        f.write_str(core::str::from_utf8(&buf[..n]).unwrap_or("?"))
    }
}

/// The kernel's tick rate. `HZ` divides 1000 on every architecture, so one
/// second of milliseconds converts exactly.
fn hz() -> c_long {
    // `msecs_to_jiffies(1000)` is exactly HZ (at most a few thousand).
    msecs_to_jiffies(1000) as c_long
}

/// `clock_t drv_usectohz(clock_t microsecs)`: microseconds to clock ticks,
/// rounded up; 0 for `microsecs <= 0`; saturates at `LONG_MAX`.
///
/// Does not sleep; callable from any context, interrupt context included.
#[no_mangle]
pub(crate) extern "C" fn drv_usectohz(microsecs: c_long) -> c_long {
    ticks::usec_to_ticks(microsecs, hz())
}

/// `clock_t drv_hztousec(clock_t hertz)`: clock ticks to microseconds,
/// rounded down; 0 for `hertz <= 0`; saturates at `LONG_MAX`.
///
/// Does not sleep; callable from any context, interrupt context included.
#[no_mangle]
pub(crate) extern "C" fn drv_hztousec(hertz: c_long) -> c_long {
    ticks::ticks_to_usec(hertz, hz())
}

#[kernel::prelude::kunit_tests(ddi_compat_ddi)]
mod tests {
    use super::*;

    #[test]
    fn one_second_is_hz_ticks() {
        assert_eq!(drv_usectohz(1_000_000), hz());
        assert_eq!(drv_hztousec(hz()), 1_000_000);
    }

    #[test]
    fn microseconds_round_up_to_a_whole_tick() {
        assert_eq!(drv_usectohz(1), 1);
        let tick_us = 1_000_000 / hz();
        assert_eq!(drv_usectohz(tick_us), 1);
        assert_eq!(drv_usectohz(tick_us + 1), 2);
    }

    #[test]
    fn non_positive_arguments_give_zero() {
        assert_eq!(drv_usectohz(0), 0);
        assert_eq!(drv_usectohz(-5), 0);
        assert_eq!(drv_hztousec(0), 0);
        assert_eq!(drv_hztousec(c_long::MIN), 0);
    }

    #[test]
    fn huge_arguments_saturate() {
        assert_eq!(drv_hztousec(c_long::MAX), c_long::MAX);
        assert!(drv_usectohz(c_long::MAX) > 0);
    }

    #[test]
    fn agrees_with_the_kernel_jiffies_conversion() {
        for ms in [1u32, 3, 10, 999, 1000, 12_345] {
            assert_eq!(
                drv_usectohz(ms as c_long * 1000),
                msecs_to_jiffies(ms) as c_long
            );
        }
    }
}
