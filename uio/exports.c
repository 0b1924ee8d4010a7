// SPDX-License-Identifier: GPL-2.0
/* C ABI of <sys/uio.h>: uiomove() is written in Rust (uio/mod.rs). */
#include <linux/export.h>
#include <sys/uio.h>

EXPORT_SYMBOL(uiomove);
