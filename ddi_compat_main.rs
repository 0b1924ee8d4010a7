// SPDX-License-Identifier: GPL-2.0

//! ddi-compat: a Solaris/SVR5 DDI compatibility shim for Linux.
//!
//! This is the crate root of `ddi_compat.ko`. Each DDI area is a module in
//! its own directory; its C ABI is exported by an `exports.c` beside it,
//! linked into the same `.ko`:
//!
//! - [`ddi`]: `<sys/ddi.h>` (tick conversions, caller names for reports);
//! - [`kmem_compat`]: `<sys/kmem.h>` (kernel memory, exact-size checked);
//! - [`rmap`]: `<sys/map.h>` (resource maps);
//! - [`softstate`]: `<sys/sunddi.h>`'s soft state (`ddi_soft_state(9F)`);
//! - [`uio`]: `<sys/uio.h>` (`uiomove` over `iov_iter`).
//!
//! Statistics live in debugfs under `ddi_compat/`.

use kernel::debugfs::{Dir, File};
use kernel::prelude::*;

#[path = "include/rust/ddi.rs"]
mod api;
#[path = "ddi/mod.rs"]
mod ddi;
#[path = "kmem_compat/mod.rs"]
mod kmem_compat;
#[path = "rmap/mod.rs"]
mod rmap;
#[path = "softstate/mod.rs"]
mod softstate;
#[path = "uio/mod.rs"]
mod uio;

module! {
    type: DdiCompat,
    name: "ddi_compat",
    authors: ["ddi-compat developers"],
    description: "Solaris/SVR5 DDI compatibility shim",
    license: "GPL",
    params: {
        kmem_flags: u32 {
            default: 0,
            description: "kmem debug modes for new buffers and caches, illumos's KMF_* bits: 0x1 audit, 0x2 deadbeef (fill/poison), 0x4 redzone; 0x8 contents and 0x20 nomagazine accepted (no effect)",
        },
    },
}

struct DdiCompat {
    /// `ddi_compat/rmap`: every live map's statistics.
    _rmap_stats: Pin<KBox<File<()>>>,
    /// `ddi_compat/kmem`: allocator counters and listed buffers.
    _kmem_stats: Pin<KBox<File<()>>>,
    /// The allocator's state; taken by `drop` for the unload report.
    kmem: Option<KBox<kmem_compat::Kmem>>,
}

// ddi/time.c: the timeout(9F) workqueue and its callouts.
extern "C" {
    fn ddi_time_init() -> kernel::ffi::c_int;
    fn ddi_time_exit();
}

// frame/modctl.c: the driver frame's device class.
extern "C" {
    fn ddi_frame_init() -> kernel::ffi::c_int;
    fn ddi_frame_exit();
}

impl kernel::Module for DdiCompat {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // SAFETY: called once, before any DDI call can reach ddi/time.c.
        kernel::error::to_result(unsafe { ddi_time_init() })?;
        // SAFETY: called once; no driver can call mod_install() before
        // this module's init returns.
        if let Err(e) = kernel::error::to_result(unsafe { ddi_frame_init() }) {
            // SAFETY: `ddi_time_init` succeeded; nothing uses it yet.
            unsafe { ddi_time_exit() };
            return Err(e);
        }
        // Undoes both inits if a step below fails.
        let undo = kernel::types::ScopeGuard::new(|| {
            // SAFETY: both inits succeeded and nothing uses them yet: this
            // module's init has not returned.
            unsafe {
                ddi_frame_exit();
                ddi_time_exit();
            }
        });
        let kmem = kmem_compat::init(module_parameters::kmem_flags.value())?;
        rmap::init();
        let dir = Dir::new(c"ddi_compat");
        let rmap_stats = KBox::pin_init(
            dir.read_callback_file(c"rmap", (), &|(): &(), f| rmap::write_stats(f)),
            GFP_KERNEL,
        )?;
        let kmem_stats = KBox::pin_init(
            dir.read_callback_file(c"kmem", (), &|(): &(), f| kmem_compat::write_stats(f)),
            GFP_KERNEL,
        )?;
        undo.dismiss();
        pr_info!("loaded (kmem_flags {:#x})\n", kmem_compat::mode());
        Ok(DdiCompat {
            _rmap_stats: rmap_stats,
            _kmem_stats: kmem_stats,
            kmem: Some(kmem),
        })
    }
}

impl Drop for DdiCompat {
    fn drop(&mut self) {
        // SAFETY: every module that calls the DDI is gone (they depend on
        // this one), so no timeout() can race with the teardown.
        unsafe {
            ddi_frame_exit();
            ddi_time_exit();
        }
        rmap::exit();
        if let Some(k) = self.kmem.take() {
            kmem_compat::exit(k);
        }
        pr_info!("unloaded\n");
    }
}
