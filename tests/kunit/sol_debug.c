// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_debug: <sys/debug.h> and <sys/systm.h>'s byte routines, from
 * Solaris code. Compiled without DEBUG, so ASSERT() is off here;
 * sol_debug_on.c is the same header compiled with DEBUG.
 */
#include <sys/types.h>
#include <sys/debug.h>
#include <sys/systm.h>
#include "sol_test.h"
#include "sol_cases.h"

/* VERIFY and VERIFY3* that hold report nothing. */
void sol_verify_passes_silently(struct kunit *t)
{
	long before = sol_assert_failures();
	int x = 2;
	void *p = &x;

	VERIFY(x == 2);
	VERIFY3U(x, >, 1);
	VERIFY3S(-x, <, 0);
	VERIFY3P(p, ==, &x);
	VERIFY0(x - 2);
	SOL_EXPECT_EQ(t, sol_assert_failures(), before);
}

/*
 * A failed VERIFY reports once (with assert_panic=0, a WARN; by default
 * it would panic), in a file compiled without DEBUG too.
 */
void sol_verify_failure_reports(struct kunit *t)
{
	long before = sol_assert_failures();
	int old = sol_assert_set_panic(0);
	int x = 1;

	sol_expect_splat(1);
	VERIFY(x == 2);
	VERIFY3U(x, ==, 2);
	VERIFY3S(x, <, 0);
	VERIFY0(x);
	sol_expect_splat(0);
	sol_assert_set_panic(old);
	SOL_EXPECT_EQ(t, sol_assert_failures(), before + 4);
}

/*
 * ASSERT, ASSERT3*, IMPLY and EQUIV check only with DEBUG: here they do
 * not even evaluate their arguments; in sol_debug_on.c (DEBUG) a failing
 * one reports and a passing one does not.
 */
void sol_assert_needs_debug(struct kunit *t)
{
	long before = sol_assert_failures();
	int n = 0;

	ASSERT(n++ == 5);
	ASSERT3U(n++, ==, 5);
	IMPLY(n++ == 0, 0);
	EQUIV(n++ == 0, 1);
	SOL_EXPECT_EQ(t, n, 0);
	SOL_EXPECT_EQ(t, sol_assert_failures(), before);
	SOL_EXPECT_EQ(t, sol_debug_on_failures(), 4);
	SOL_EXPECT_EQ(t, sol_assert_failures(), before + 4);
}

/* bcopy and ovbcopy copy, overlapping buffers included. */
void sol_bcopy_copies_and_overlaps(struct kunit *t)
{
	char a[16] = "0123456789", b[16];

	bcopy(a, b, 11);
	SOL_EXPECT(t, bcmp(a, b, 11) == 0);
	bcopy(a, a + 2, 8);		/* forwards over itself */
	SOL_EXPECT(t, bcmp(a, "0101234567", 10) == 0);
	ovbcopy(a + 2, a, 8);		/* backwards */
	SOL_EXPECT(t, bcmp(a, "0123456767", 10) == 0);
	bcopy(a, b, 0);
}

/* bzero zeroes exactly count bytes; bcmp says equal or not, no order. */
void sol_bzero_and_bcmp(struct kunit *t)
{
	char a[8] = "abcdefg";

	bzero(a + 1, 3);
	SOL_EXPECT(t, a[0] == 'a' && a[1] == 0 && a[3] == 0 && a[4] == 'e');
	SOL_EXPECT(t, bcmp("abc", "abd", 3) != 0);
	SOL_EXPECT(t, bcmp("abc", "abd", 2) == 0);
	SOL_EXPECT(t, bcmp("abc", "xyz", 0) == 0);
}
