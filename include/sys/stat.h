/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/stat.h>, the file type bits a driver passes to
 * ddi_create_minor_node() (S_IFCHR, S_IFBLK). Same values, and the same
 * spelling, as Linux's, so that Linux glue may include both.
 */
#ifndef _DDI_COMPAT_SYS_STAT_H
#define _DDI_COMPAT_SYS_STAT_H

#include <sys/types.h>

#define S_IFMT  00170000
#define S_IFSOCK 0140000
#define S_IFLNK	 0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000

#endif /* _DDI_COMPAT_SYS_STAT_H */
