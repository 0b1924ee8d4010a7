// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/uio.h>: uiomove() is written in Rust (uio/mod.rs), which
 * mirrors struct uio (include/rust/ddi.rs); the layout is checked here.
 */
#include <ddi/linux.h>
#include <linux/build_bug.h>
#include <linux/export.h>
#include <linux/stddef.h>
#include <sys/uio.h>

static_assert(sizeof(struct uio) == 64);
static_assert(offsetof(struct uio, uio_iovcnt) == 8);
static_assert(offsetof(struct uio, _uio_offset) == 16);
static_assert(offsetof(struct uio, uio_segflg) == 24);
static_assert(offsetof(struct uio, uio_fmode) == 28);
static_assert(offsetof(struct uio, uio_extflg) == 30);
static_assert(offsetof(struct uio, _uio_limit) == 32);
static_assert(offsetof(struct uio, uio_resid) == 40);
static_assert(offsetof(struct uio, _uio_ddi_iter) == 48);
static_assert(offsetof(struct uio, _uio_ddi_start) == 56);
static_assert(sizeof(enum uio_seg) == sizeof(int));

EXPORT_SYMBOL(uiomove);
