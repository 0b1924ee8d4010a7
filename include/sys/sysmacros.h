/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/sysmacros.h>, the illumos arithmetic macros.
 *
 * Plain macros, as on illumos: MIN() and MAX() compare any two arithmetic
 * types with C's usual conversions (no type check, unlike Linux's min());
 * arguments are evaluated more than once.
 */
#ifndef _DDI_COMPAT_SYS_SYSMACROS_H
#define _DDI_COMPAT_SYS_SYSMACROS_H

#include <sys/param.h>

#ifndef MIN
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b)	((a) < (b) ? (b) : (a))
#endif
#ifndef ABS
#define ABS(a)		((a) < 0 ? -(a) : (a))
#endif
#ifndef SIGNOF
#define SIGNOF(a)	((a) < 0 ? -1 : (a) > 0)
#endif

/* Units of y needed to hold x; x rounded up to a multiple of y. */
#define howmany(x, y)	(((x) + ((y) - 1)) / (y))
#ifndef DDI_LINUX_GLUE /* Linux's roundup() has the same meaning */
#define roundup(x, y)	((((x) + ((y) - 1)) / (y)) * (y))
#endif

/* Powers of two: align must be one. */
#define ISP2(x)			(((x) & ((x) - 1)) == 0)
#define IS_P2ALIGNED(v, a)	((((uintptr_t)(v)) & ((uintptr_t)(a) - 1)) == 0)
#define P2ALIGN(x, align)	((x) & -(align))
#define P2PHASE(x, align)	((x) & ((align) - 1))
#define P2NPHASE(x, align)	(-(x) & ((align) - 1))
#define P2ROUNDUP(x, align)	(-(-(x) & -(align)))
#define P2END(x, align)		(-(~(x) & -(align)))
#define P2BOUNDARY(off, len, align) \
	(((off) ^ ((off) + (len) - 1)) > (align) - 1)
#define P2SAMEHIGHBIT(x, y)	(((x) ^ (y)) < ((x) & (y)))

/* Bit arrays of ulong_t words. */
#define BT_NBIPUL	(NBBY * sizeof(ulong_t))
#define BT_ULSHIFT	(sizeof(ulong_t) == 8 ? 6 : 5)
#define BT_ULMASK	(BT_NBIPUL - 1)
#define BT_WIM(bitmap, bitindex) ((bitmap)[(bitindex) >> BT_ULSHIFT])
#define BT_BIW(bitindex)	(1UL << ((bitindex) & BT_ULMASK))
#define BT_BITOUL(nbits)	(((nbits) + BT_NBIPUL - 1) / BT_NBIPUL)
#define BT_SIZEOFMAP(nbits)	(BT_BITOUL(nbits) * sizeof(ulong_t))
#define BT_TEST(bitmap, bitindex) \
	((BT_WIM((bitmap), (bitindex)) & BT_BIW(bitindex)) ? 1 : 0)
#define BT_SET(bitmap, bitindex) \
	{ BT_WIM((bitmap), (bitindex)) |= BT_BIW(bitindex); }
#define BT_CLEAR(bitmap, bitindex) \
	{ BT_WIM((bitmap), (bitindex)) &= ~BT_BIW(bitindex); }

#endif /* _DDI_COMPAT_SYS_SYSMACROS_H */
