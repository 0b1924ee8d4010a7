// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/map.h>. The maps and their entry points are written in
 * Rust (rmap/mod.rs: naked entries that pass the caller's address on, so
 * that every report names the driver function that made the bad call);
 * this file checks them against the header's prototypes and exports them.
 */
#include <linux/export.h>
#include <sys/map.h>

EXPORT_SYMBOL_GPL(rmallocmap);
EXPORT_SYMBOL_GPL(rmallocmap_wait);
EXPORT_SYMBOL_GPL(rmfreemap);
EXPORT_SYMBOL_GPL(rmalloc);
EXPORT_SYMBOL_GPL(rmalloc_wait);
EXPORT_SYMBOL_GPL(rmalloc_wait_sig);
EXPORT_SYMBOL_GPL(rmfree);
