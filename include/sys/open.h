/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/open.h>, the otyp argument of open(9E) and close(9E).
 * The frame opens every minor node as OTYP_CHR: Linux has no block
 * devices for Solaris drivers, and no layered opens.
 */
#ifndef _DDI_COMPAT_SYS_OPEN_H
#define _DDI_COMPAT_SYS_OPEN_H

#define OTYP_BLK	0	/* block device */
#define OTYP_MNT	1	/* mounted file system */
#define OTYP_CHR	2	/* character device: every open the frame makes */
#define OTYP_SWP	3	/* swap device */
#define OTYP_LYR	4	/* layered open */
#define OTYPCNT		5

#endif /* _DDI_COMPAT_SYS_OPEN_H */
