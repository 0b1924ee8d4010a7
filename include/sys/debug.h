/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/debug.h>, assertions.
 *
 * VERIFY*() always check; ASSERT*(), IMPLY() and EQUIV() check only when
 * the driver is compiled with DEBUG defined (as on illumos: add
 * ccflags-y += -DDEBUG to a driver's Kbuild), and otherwise do not
 * evaluate their arguments. A failed check calls assfail() or assfail3(),
 * which print the expression, the file, the line, the values compared
 * (assfail3) and the caller, with a stack dump, and then panic, as on
 * illumos. With the ddi_compat parameter assert_panic=0 they print the
 * same report and return instead, and the caller carries on past its
 * failed check.
 */
#ifndef _DDI_COMPAT_SYS_DEBUG_H
#define _DDI_COMPAT_SYS_DEBUG_H

#include <sys/types.h>

/**
 * assfail() - Report a failed assertion.
 * @a: the expression, as text.
 * @f: the source file.
 * @l: the line.
 *
 * Context: Any context.
 * Return: 0 (only with assert_panic=0; otherwise it does not return).
 */
int assfail(const char *a, const char *f, int l);

/**
 * assfail3() - Report a failed comparison, with both values.
 * @a: the comparison, as text.
 * @lv: the left value.
 * @op: the operator, as text.
 * @rv: the right value.
 * @f: the source file.
 * @l: the line.
 *
 * Context: Any context. Returns only with assert_panic=0.
 */
void assfail3(const char *a, uintmax_t lv, const char *op, uintmax_t rv, const char *f, int l);

#define VERIFY(EX)	((void)((EX) || assfail(#EX, __FILE__, __LINE__)))

#define VERIFY3_IMPL(LEFT, OP, RIGHT, TYPE) do {				\
	const TYPE __ddi_left = (TYPE)(LEFT);					\
	const TYPE __ddi_right = (TYPE)(RIGHT);					\
	if (!(__ddi_left OP __ddi_right))					\
		assfail3(#LEFT " " #OP " " #RIGHT, (uintmax_t)__ddi_left,	\
			 #OP, (uintmax_t)__ddi_right, __FILE__, __LINE__);	\
} while (0)

#define VERIFY3S(x, y, z)	VERIFY3_IMPL(x, y, z, int64_t)
#define VERIFY3U(x, y, z)	VERIFY3_IMPL(x, y, z, uint64_t)
#define VERIFY3P(x, y, z)	VERIFY3_IMPL(x, y, z, uintptr_t)
#define VERIFY0(x)		VERIFY3_IMPL(x, ==, 0, uintmax_t)

#ifdef DEBUG
#define ASSERT(EX)		VERIFY(EX)
#define ASSERT3S(x, y, z)	VERIFY3S(x, y, z)
#define ASSERT3U(x, y, z)	VERIFY3U(x, y, z)
#define ASSERT3P(x, y, z)	VERIFY3P(x, y, z)
#define ASSERT0(x)		VERIFY0(x)
#define IMPLY(A, B) \
	((void)(!(A) || (B) || assfail("(" #A ") implies (" #B ")", __FILE__, __LINE__)))
#define EQUIV(A, B) \
	((void)(!!(A) == !!(B) || assfail("(" #A ") is equivalent to (" #B ")", __FILE__, __LINE__)))
#else
#define ASSERT(x)		((void)0)
#define ASSERT3S(x, y, z)	((void)0)
#define ASSERT3U(x, y, z)	((void)0)
#define ASSERT3P(x, y, z)	((void)0)
#define ASSERT0(x)		((void)0)
#define IMPLY(A, B)		((void)0)
#define EQUIV(A, B)		((void)0)
#endif

/* A compile-time assertion. */
#define CTASSERT(x)		_Static_assert(x, #x)

#endif /* _DDI_COMPAT_SYS_DEBUG_H */
