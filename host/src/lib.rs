// SPDX-License-Identifier: GPL-2.0

//! Host build of ddi-compat's pure-Rust cores.
//!
//! Each module is the same source file the kernel module compiles (included
//! by path), so host tests exercise the code that runs in the kernel. The
//! modules sit side by side here as in the kernel crate, where `classic`
//! reaches `map_core` as `super::map_core`.

#![no_std]

#[path = "../../ddi/ticks.rs"]
pub mod ticks;

/// Resource maps: the first-fit core (a treap, or a sorted array for a
/// small map).
#[path = "../../rmap/map_core.rs"]
pub mod map_core;

extern crate alloc;

// SAFETY: a `Vec` derefs to its one buffer, of its length, every time.
unsafe impl map_core::Slots for alloc::vec::Vec<map_core::Slot> {}

/// Resource maps: the classic linear array, the reference model.
#[path = "../../rmap/classic.rs"]
pub mod classic;

/// uiomove: exact partial counts over a user copy that may stop short.
#[path = "../../uio/exact.rs"]
pub mod uio_exact;

/// kmem_compat: size classes and the buffer header.
#[path = "../../kmem_compat/layout.rs"]
pub mod kmem_layout;
