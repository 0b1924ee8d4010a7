// SPDX-License-Identifier: GPL-2.0

//! ddi-compat: a Solaris/SVR5 DDI compatibility shim for Linux.
//!
//! This is the crate root of `ddi_compat.ko`. Each DDI area is a module in
//! its own directory; its C ABI is exported by an `exports.c` beside it,
//! linked into the same `.ko`:
//!
//! - [`ddi`]: `<sys/ddi.h>` (tick conversions, caller names for reports);
//! - [`rmap`]: `<sys/map.h>` (resource maps).
//!
//! Statistics live in debugfs under `ddi_compat/`.

use kernel::debugfs::{Dir, File};
use kernel::prelude::*;

#[path = "ddi/mod.rs"]
mod ddi;
#[path = "rmap/mod.rs"]
mod rmap;

module! {
    type: DdiCompat,
    name: "ddi_compat",
    authors: ["ddi-compat developers"],
    description: "Solaris/SVR5 DDI compatibility shim",
    license: "GPL",
}

struct DdiCompat {
    /// `ddi_compat/rmap`: every live map's statistics.
    _rmap_stats: Pin<KBox<File<()>>>,
}

impl kernel::Module for DdiCompat {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        rmap::init();
        let dir = Dir::new(c"ddi_compat");
        let rmap_stats = KBox::pin_init(
            dir.read_callback_file(c"rmap", (), &|(): &(), f| rmap::write_stats(f)),
            GFP_KERNEL,
        )?;
        pr_info!("loaded\n");
        Ok(DdiCompat {
            _rmap_stats: rmap_stats,
        })
    }
}

impl Drop for DdiCompat {
    fn drop(&mut self) {
        rmap::exit();
        pr_info!("unloaded\n");
    }
}
