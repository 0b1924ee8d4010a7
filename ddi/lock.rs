// SPDX-License-Identifier: GPL-2.0

//! [`SpinLockIrqSave`]: the kernel's [`Lock`] over a `spinlock_t` taken
//! with `spin_lock_irqsave()`, for the DDI's hot, short, interrupt-safe
//! critical sections (a resource map's lock, kmem's side table).
//!
//! # Why not `SpinLockIrq`
//!
//! Same lock, same semantics (interrupts off while it is held, the caller's
//! interrupt state restored at unlock; a sleeping lock under
//! `PREEMPT_RT`), cheaper path. `SpinLockIrq` goes through the refcounted
//! `local_interrupt_disable()` and a C helper per operation, plus one to
//! assert that the lock is held: measured in the benchmark VM (TCG), a
//! lock/unlock pair costs about twice `spin_lock_irqsave()` from C. This
//! backend calls `spin_lock_irqsave()` and `spin_unlock_irqrestore()`
//! themselves, from two small C functions in `ddi/exports.c` (the kernel's
//! macros, so whatever they expand to on this kernel's architecture and
//! configuration, `PREEMPT_RT` included, is what runs).
//!
//! A `spinlock_t` rather than a `raw_spinlock_t`: `CondVar::wait` takes its
//! wait queue's `spinlock_t` while the caller's lock is held, which lockdep
//! (rightly, for `PREEMPT_RT`) forbids under a raw spinlock.
//!
//! Lockdep sees these locks as it sees C's (class keys from
//! [`new_spinlock_irqsave!`]). Guards must be dropped in the reverse order
//! of their taking.

use kernel::bindings;
use kernel::ffi::{c_char, c_ulong};
use kernel::sync::lock::{Backend, Lock};

/// A `spinlock_t` taken with `spin_lock_irqsave()`.
pub(crate) type SpinLockIrqSave<T> = Lock<T, IrqSave>;

/// Creates a [`SpinLockIrqSave`] initialiser with a static lock class
/// (`SpinLockIrqSave` must be in scope where it is used).
macro_rules! new_spinlock_irqsave {
    ($inner:expr, $name:literal $(,)?) => {
        SpinLockIrqSave::new($inner, $name, kernel::static_lock_class!())
    };
}
pub(crate) use new_spinlock_irqsave;

/// The backend of [`SpinLockIrqSave`].
pub(crate) struct IrqSave;

/// The lock, a `spinlock_t`: our own type, so that `Opaque::get` on it is
/// instantiated, and inlined, in this crate (`Opaque<spinlock_t>::get` is
/// the kernel crate's, an out-of-line call on every lock and unlock).
#[repr(transparent)]
pub(crate) struct State(bindings::spinlock_t);

// ddi/exports.c, exported in the `DDI_COMPAT_INTERNAL` namespace for the
// benchmark module, which compiles this file too.
extern "C" {
    /// `spin_lock_irqsave()`; returns the saved interrupt state.
    fn ddi_spin_lock_irqsave(lock: *mut bindings::spinlock_t) -> c_ulong;
    /// `spin_unlock_irqrestore()`.
    fn ddi_spin_unlock_irqrestore(lock: *mut bindings::spinlock_t, flags: c_ulong);
    /// `spin_trylock_irqsave()`: true, and the saved flags, on success.
    fn ddi_spin_trylock_irqsave(lock: *mut bindings::spinlock_t, flags: *mut c_ulong) -> bool;
}

// SAFETY: `lock` is `spin_lock_irqsave()`, which gives one CPU (one task
// under `PREEMPT_RT`) at a time ownership until `unlock`
// (`spin_unlock_irqrestore()`); `relock` is the default, which calls
// `lock` again.
unsafe impl Backend for IrqSave {
    type State = State;
    type GuardState = c_ulong;

    unsafe fn init(ptr: *mut Self::State, name: *const c_char, key: *mut bindings::lock_class_key) {
        // SAFETY: `ptr` is valid for writes (this function's contract) and
        // is a transparent `spinlock_t`; `name` and `key` live forever.
        unsafe { bindings::__spin_lock_init(ptr.cast(), name, key) }
    }

    #[inline(always)]
    unsafe fn lock(ptr: *mut Self::State) -> c_ulong {
        // SAFETY: the lock was initialised by `init` (this function's
        // contract).
        unsafe { ddi_spin_lock_irqsave(ptr.cast()) }
    }

    unsafe fn try_lock(ptr: *mut Self::State) -> Option<c_ulong> {
        let mut flags = 0;
        // SAFETY: as in `lock`; `flags` is a valid out-pointer.
        unsafe { ddi_spin_trylock_irqsave(ptr.cast(), &mut flags) }.then_some(flags)
    }

    #[inline(always)]
    unsafe fn unlock(ptr: *mut Self::State, flags: &c_ulong) {
        // SAFETY: the caller owns the lock (this function's contract), and
        // `flags` came from the `lock` that took it.
        unsafe { ddi_spin_unlock_irqrestore(ptr.cast(), *flags) }
    }

    /// `lockdep_assert_held()`: a check with lockdep, nothing (and no
    /// call) without.
    #[inline(always)]
    unsafe fn assert_is_held(_ptr: *mut Self::State) {
        #[cfg(CONFIG_LOCKDEP)]
        // SAFETY: the lock was initialised by `init`.
        unsafe {
            bindings::spin_assert_is_held(_ptr.cast())
        }
    }
}
