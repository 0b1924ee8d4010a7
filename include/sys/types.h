/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/types.h>, the Solaris/illumos kernel types.
 *
 * Self-contained: no Linux header is included, so no Linux name (the
 * min() macro, current, the one-argument mutex_init()) reaches a Solaris
 * driver through us. Where Linux's <linux/types.h> has a type of the same
 * name, ours is the very same type (C allows the typedef twice), so a file
 * of Linux glue may include both. dev_t is Linux's 32-bit dev_t: major
 * and minor as the kernel encodes them (see getmajor() in <sys/ddi.h>).
 *
 * These headers are for kernel code, which illumos compiles with
 * -D_KERNEL: headers that a driver shares with user space (its own
 * <sys/...h> ioctl header, say) test it, so it is defined here. The
 * integer limits (<sys/int_limits.h>) and illumos's attribute names
 * (__unused, <sys/ccompile.h>) come with this header, as on illumos.
 */
#ifndef _DDI_COMPAT_SYS_TYPES_H
#define _DDI_COMPAT_SYS_TYPES_H

#ifndef _KERNEL
#define _KERNEL 1
#endif

#include <sys/ccompile.h>
#include <sys/int_limits.h>

#ifndef NULL
#define NULL ((void *)0)
#endif

typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef unsigned char u_int8_t;
typedef unsigned short u_int16_t;
typedef unsigned int u_int32_t;
typedef unsigned long long u_int64_t;
typedef long intptr_t;
typedef long long intmax_t;
typedef unsigned long long uintmax_t;
typedef unsigned long uintptr_t;
typedef unsigned long size_t;
typedef long ssize_t;

typedef unsigned char uchar_t;
typedef unsigned short ushort_t;
typedef unsigned int uint_t;
typedef unsigned long ulong_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef long long longlong_t;
typedef unsigned long long u_longlong_t;

typedef char *caddr_t;			/* a core address */
typedef long off_t;
typedef int daddr_t;			/* a disk block number: Linux's type (illumos: long) */
typedef long long offset_t;
typedef unsigned long long u_offset_t;
typedef unsigned long long len_t;
typedef unsigned long long diskaddr_t;
typedef long clock_t;			/* clock ticks (jiffies) */
typedef long long hrtime_t;		/* nanoseconds, gethrtime() */
typedef unsigned int mode_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef int id_t;
typedef short pri_t;

/* Device numbers: Linux's encoding, 12-bit major and 20-bit minor. */
typedef unsigned int dev_t;
typedef unsigned int major_t;
typedef unsigned int minor_t;

typedef enum { B_FALSE = 0, B_TRUE = 1 } boolean_t;
#define _B_FALSE B_FALSE
#define _B_TRUE B_TRUE

/* Opaque here: drivers pass them through (<sys/cred.h>). */
typedef struct cred cred_t;

#endif /* _DDI_COMPAT_SYS_TYPES_H */
