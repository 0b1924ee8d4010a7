// SPDX-License-Identifier: GPL-2.0

//! [`SpinLockIrqSave`]: the kernel's [`Lock`] over a `spinlock_t` taken
//! with `spin_lock_irqsave()`, for the DDI's hot, short, interrupt-safe
//! critical sections (a resource map's lock).
//!
//! # Why not `SpinLockIrq`
//!
//! Same lock, same semantics (interrupts off while it is held, the caller's
//! interrupt state restored at unlock), cheaper path. `SpinLockIrq` goes
//! through the refcounted `local_interrupt_disable()` and a C helper per
//! operation, plus one to assert that the lock is held: measured in the
//! benchmark VM (TCG), a lock/unlock pair costs 144-163 ns against 68-73 ns
//! for `spin_lock_irqsave()` from C. This backend calls the kernel's
//! exported `_raw_spin_lock_irqsave()` and `_raw_spin_unlock_irqrestore()`
//! on the `spinlock_t`'s raw lock directly, which is exactly what
//! `spin_lock_irqsave()` expands to without `PREEMPT_RT`. With
//! `PREEMPT_RT`, where `spinlock_t` is a sleeping lock with its own
//! functions, [`SpinLockIrqSave`] is the kernel's `SpinLockIrq`.
//!
//! A `spinlock_t` rather than a `raw_spinlock_t`: `CondVar::wait` takes its
//! wait queue's `spinlock_t` while the caller's lock is held, which lockdep
//! (rightly, for `PREEMPT_RT`) forbids under a raw spinlock.
//!
//! Lockdep sees these locks as it sees C's (class keys from
//! [`new_spinlock_irqsave!`]). Guards must be dropped in the reverse order
//! of their taking.

#[cfg(not(CONFIG_PREEMPT_RT))]
pub(crate) use fast::*;

/// With `PREEMPT_RT`: the kernel's own irq-disabling spinlock.
#[cfg(CONFIG_PREEMPT_RT)]
pub(crate) type SpinLockIrqSave<T> = kernel::sync::SpinLockIrq<T>;

/// Creates a [`SpinLockIrqSave`] initialiser with a static lock class
/// (`SpinLockIrqSave` must be in scope where it is used).
macro_rules! new_spinlock_irqsave {
    ($inner:expr, $name:literal $(,)?) => {
        SpinLockIrqSave::new($inner, $name, kernel::static_lock_class!())
    };
}
pub(crate) use new_spinlock_irqsave;

#[cfg(not(CONFIG_PREEMPT_RT))]
mod fast {
    use kernel::bindings;
    use kernel::ffi::{c_char, c_ulong};
    use kernel::sync::lock::{Backend, Lock};

    /// A `spinlock_t` taken with `spin_lock_irqsave()`.
    pub(crate) type SpinLockIrqSave<T> = Lock<T, IrqSave>;

    /// The backend of [`SpinLockIrqSave`].
    pub(crate) struct IrqSave;

    /// The lock, a `spinlock_t` (our own type, so that `Opaque::get` on it
    /// is instantiated, and inlined, in this crate).
    #[repr(transparent)]
    pub(crate) struct State(bindings::spinlock_t);

    // ddi/exports.c, exported in the `DDI_COMPAT_INTERNAL` namespace for the
    // benchmark module, which compiles this file too.
    extern "C" {
        /// `spin_trylock_irqsave()`: true, and the saved flags, on success.
        fn ddi_spin_trylock_irqsave(lock: *mut bindings::spinlock_t, flags: *mut c_ulong) -> bool;
    }

    /// The raw lock inside the `spinlock_t` at `ptr`, as `spinlock_check()`
    /// gives it.
    #[inline(always)]
    fn raw(ptr: *mut State) -> *mut bindings::raw_spinlock_t {
        // Without `PREEMPT_RT`, a `spinlock_t` is a union whose `rlock`
        // member, the `raw_spinlock_t`, sits at offset 0 (ddi/exports.c
        // asserts it at build time; bindgen may see the type as opaque).
        // `State` is a transparent `spinlock_t`.
        ptr.cast()
    }

    // SAFETY: `lock` is `spin_lock_irqsave()`, which gives one CPU at a
    // time ownership until `unlock` (`spin_unlock_irqrestore()`); `relock`
    // is the default, which calls `lock` again.
    unsafe impl Backend for IrqSave {
        type State = State;
        type GuardState = c_ulong;

        unsafe fn init(ptr: *mut State, name: *const c_char, key: *mut bindings::lock_class_key) {
            // SAFETY: `ptr` is valid for writes (this function's contract)
            // and is a transparent `spinlock_t`; `name` and `key` live
            // forever.
            unsafe { bindings::__spin_lock_init(ptr.cast(), name, key) }
        }

        #[inline(always)]
        unsafe fn lock(ptr: *mut State) -> c_ulong {
            // SAFETY: the lock was initialised by `init` (this function's
            // contract).
            unsafe { bindings::_raw_spin_lock_irqsave(raw(ptr)) }
        }

        unsafe fn try_lock(ptr: *mut State) -> Option<c_ulong> {
            let mut flags = 0;
            // SAFETY: as in `lock`; `flags` is a valid out-pointer.
            unsafe { ddi_spin_trylock_irqsave(ptr.cast(), &mut flags) }.then_some(flags)
        }

        #[inline(always)]
        unsafe fn unlock(ptr: *mut State, flags: &c_ulong) {
            // SAFETY: the caller owns the lock (this function's contract),
            // and `flags` came from the `lock` that took it.
            unsafe { bindings::_raw_spin_unlock_irqrestore(raw(ptr), *flags) }
        }

        #[inline(always)]
        unsafe fn assert_is_held(_ptr: *mut State) {
            #[cfg(CONFIG_LOCKDEP)]
            // SAFETY: the lock was initialised by `init`.
            unsafe {
                bindings::spin_assert_is_held(_ptr.cast())
            };
        }
    }
}
