// SPDX-License-Identifier: GPL-2.0

//! ddi-compat: a Solaris/SVR5 DDI compatibility shim for Linux.
//!
//! This is the crate root of `ddi_compat.ko`. Each DDI area is a module in
//! its own directory; its C ABI is exported by an `exports.c` beside it,
//! linked into the same `.ko`:
//!
//! - [`ddi`]: `<sys/ddi.h>` (tick conversions).

use kernel::prelude::*;

#[path = "ddi/mod.rs"]
mod ddi;

module! {
    type: DdiCompat,
    name: "ddi_compat",
    authors: ["ddi-compat developers"],
    description: "Solaris/SVR5 DDI compatibility shim",
    license: "GPL",
}

struct DdiCompat;

impl kernel::Module for DdiCompat {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("loaded\n");
        Ok(DdiCompat)
    }
}

impl Drop for DdiCompat {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
