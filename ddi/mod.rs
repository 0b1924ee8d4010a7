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

/// A code address (a DDI function's caller, passed on by its entry, see
/// [`entry_with_caller`]), displayed as `function+0xoff/0xsize [module]`.
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

/// Defines the exported C function `$name`: a jump to `$imp` with the same
/// arguments and one more, the entry's return address (what C's `_RET_IP_`
/// gives), so that every report names the driver function that called.
///
/// The entry is naked: `endbr64` (the landing pad IBT wants on functions
/// called through pointers; a no-op without IBT), one load into the
/// register of the argument after the last one (x86-64 System V: `rsi`,
/// `rdx` or `rcx` after one, two or three arguments, chosen here from the
/// argument list), a jump. It has no frame, so from the caller's side
/// calling `$name` costs what calling `$imp` would. Without a kCFI type
/// hash, an indirect call to it traps on a kernel built with
/// `CONFIG_CFI_CLANG`; direct calls, as drivers make, do not.
///
/// `$imp` must be an `extern "C" fn` taking `$name`'s arguments followed by
/// a `usize` caller, with `$name`'s return type.
macro_rules! entry_with_caller {
    ($(#[$meta:meta])* fn $name:ident($($arg:ident: $ty:ty),+) $(-> $ret:ty)? => $imp:path) => {
        $(#[$meta])*
        ///
        /// # Safety
        ///
        #[doc = concat!("As `", stringify!($imp), "`'s: the entry only adds the caller.")]
        #[unsafe(naked)]
        #[no_mangle]
        pub(crate) unsafe extern "C" fn $name($($arg: $ty),+) $(-> $ret)? {
            core::arch::naked_asm!(
                "endbr64",
                concat!(
                    "mov ",
                    $crate::ddi::entry_with_caller!(@next_reg $($arg)+),
                    ", qword ptr [rsp]"
                ),
                "jmp {imp}",
                imp = sym $imp,
            )
        }
    };
    (@next_reg $a:ident) => { "rsi" };
    (@next_reg $a:ident $b:ident) => { "rdx" };
    (@next_reg $a:ident $b:ident $c:ident) => { "rcx" };
}
pub(crate) use entry_with_caller;

#[cfg(not(target_arch = "x86_64"))]
compile_error!("ddi-compat's C entry points and kmem fast path are written for x86-64");

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
