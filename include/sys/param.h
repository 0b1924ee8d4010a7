/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/param.h>, system limits and page size.
 *
 * PAGESIZE is the kernel's page size (CONFIG_PAGE_SHIFT, which Kbuild
 * gives every file): 4 KiB on x86-64, 4, 16 or 64 KiB on arm64. It is an
 * integer constant expression, usable in #if.
 */
#ifndef _DDI_COMPAT_SYS_PARAM_H
#define _DDI_COMPAT_SYS_PARAM_H

#include <sys/types.h>

#define PAGESHIFT	CONFIG_PAGE_SHIFT
#define PAGESIZE	(1L << PAGESHIFT)
#define PAGEOFFSET	(PAGESIZE - 1)
#define PAGEMASK	(~PAGEOFFSET)

#define MAXNAMELEN	256	/* a file name component, NUL included */
#define MAXPATHLEN	1024	/* a path, NUL included */
#define NBBY		8	/* bits per byte */
#define DEV_BSHIFT	9
#define DEV_BSIZE	(1 << DEV_BSHIFT)
#define MAXBSIZE	8192
#define NCARGS		0x100000

/* Pages and bytes. */
#define ptob(x)		((x) << PAGESHIFT)
#define btop(x)		(((x) >> PAGESHIFT))
#define btopr(x)	((((x) + PAGEOFFSET) >> PAGESHIFT))
/* Bytes and 512-byte disk blocks. */
#define lbtodb(x)	((u_offset_t)(x) >> DEV_BSHIFT)
#define dbtob(x)	((u_offset_t)(x) << DEV_BSHIFT)

#endif /* _DDI_COMPAT_SYS_PARAM_H */
