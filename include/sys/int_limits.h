/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/int_limits.h>, the limits of the integer types, and
 * the C ones (INT_MAX, ULLONG_MAX...) that illumos code finds through
 * its <sys/types.h>.
 *
 * Linux glue (DDI_LINUX_GLUE) has Linux's own (<linux/limits.h>: U32_MAX,
 * INT_MAX...), and some Linux headers define the <stdint.h> names their
 * own way (<linux/libfdt_env.h>), so glue gets none of these.
 */
#ifndef _DDI_COMPAT_SYS_INT_LIMITS_H
#define _DDI_COMPAT_SYS_INT_LIMITS_H

#ifndef DDI_LINUX_GLUE
#define INT8_MAX	(127)
#define INT16_MAX	(32767)
#define INT32_MAX	(2147483647)
#define INT64_MAX	(9223372036854775807LL)
#define INT8_MIN	(-INT8_MAX - 1)
#define INT16_MIN	(-INT16_MAX - 1)
#define INT32_MIN	(-INT32_MAX - 1)
#define INT64_MIN	(-INT64_MAX - 1)
#define UINT8_MAX	(255U)
#define UINT16_MAX	(65535U)
#define UINT32_MAX	(4294967295U)
#define UINT64_MAX	(18446744073709551615ULL)
#define INTMAX_MAX	INT64_MAX
#define UINTMAX_MAX	UINT64_MAX
#define INTPTR_MAX	(9223372036854775807L)
#define INTPTR_MIN	(-INTPTR_MAX - 1)
#define CHAR_BIT	8
#define SCHAR_MAX	127
#define SCHAR_MIN	(-128)
#define UCHAR_MAX	255
#define USHRT_MAX	((unsigned short)~0U)
#define SHRT_MAX	((short)(USHRT_MAX >> 1))
#define SHRT_MIN	((short)(-SHRT_MAX - 1))
#define INT_MAX		((int)(~0U >> 1))
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(~0U)
#define LONG_MAX	((long)(~0UL >> 1))
#define LONG_MIN	(-LONG_MAX - 1)
#define ULONG_MAX	(~0UL)
#define LLONG_MAX	((long long)(~0ULL >> 1))
#define LLONG_MIN	(-LLONG_MAX - 1)
#define ULLONG_MAX	(~0ULL)
#define UINTPTR_MAX	ULONG_MAX
#define SIZE_MAX	(~(size_t)0)
#define SSIZE_MAX	((ssize_t)(SIZE_MAX >> 1))
#endif

#endif /* _DDI_COMPAT_SYS_INT_LIMITS_H */
