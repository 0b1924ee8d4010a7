// SPDX-License-Identifier: GPL-2.0

//! Host build of ddi-compat's pure-Rust cores.
//!
//! Each module is the same source file the kernel module compiles (included
//! by path), so host tests exercise the code that runs in the kernel.

#![no_std]

#[path = "../../ddi/ticks.rs"]
pub mod ticks;
