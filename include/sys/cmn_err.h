/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/cmn_err.h>, cmn_err(9F) on printk, implemented by the
 * ddi_compat module.
 */
#ifndef _DDI_COMPAT_SYS_CMN_ERR_H
#define _DDI_COMPAT_SYS_CMN_ERR_H

#include <linux/compiler.h>

#define CE_CONT		0	/* continues the previous message (pr_cont) */
#define CE_NOTE		1	/* "NOTICE: ..." (KERN_NOTICE) */
#define CE_WARN		2	/* "WARNING: ..." (KERN_WARNING) */
#define CE_PANIC	3	/* panics the system */
#define CE_IGNORE	4	/* prints nothing */

/*
 * cmn_err(9F): a message at level; a leading '!' or '^' in fmt (log only,
 * console only on Solaris) is accepted and dropped. CE_PANIC calls panic().
 * Does not sleep; callable from any context.
 */
__printf(2, 3) void cmn_err(int level, const char *fmt, ...);

#endif /* _DDI_COMPAT_SYS_CMN_ERR_H */
