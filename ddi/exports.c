// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/ddi.h>: the functions are written in Rust (ddi/mod.rs,
 * `#[no_mangle] extern "C"`); this file checks them against the header's
 * prototypes and exports them to other modules.
 */
#include <linux/export.h>
#include <sys/ddi.h>

EXPORT_SYMBOL_GPL(drv_usectohz);
EXPORT_SYMBOL_GPL(drv_hztousec);
