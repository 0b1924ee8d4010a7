/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/file.h>, the open and I/O mode flags a driver sees in
 * its open(9E) flag and uio_fmode, with illumos's values.
 */
#ifndef _DDI_COMPAT_SYS_FILE_H
#define _DDI_COMPAT_SYS_FILE_H

#include <sys/types.h>

#define FREAD		0x01	/* open for reading */
#define FWRITE		0x02	/* open for writing */
#define FNDELAY		0x04	/* non-blocking I/O */
#define FAPPEND		0x08
#define FSYNC		0x10
#define FDSYNC		0x40
#define FNONBLOCK	0x80	/* non-blocking I/O (POSIX) */
#define FMASK		0xa0ff
#define FCREAT		0x0100
#define FTRUNC		0x0200
#define FEXCL		0x0400	/* exclusive open */
#define FNOCTTY		0x0800
#define FOFFMAX		0x2000	/* large offsets */
#define FKIOCTL		0x80000000 /* ioctl from the kernel: addresses are kernel's */

#endif /* _DDI_COMPAT_SYS_FILE_H */
