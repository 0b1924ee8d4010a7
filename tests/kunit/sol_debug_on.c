// SPDX-License-Identifier: GPL-2.0
/* <sys/debug.h> with DEBUG defined (Kbuild: CFLAGS_sol_debug_on.o). */
#ifndef DEBUG
#error "compile with -DDEBUG"
#endif
#include <sys/types.h>
#include <sys/debug.h>
#include "sol_test.h"
#include "sol_cases.h"

/*
 * Four failing checks and four passing ones, with assert_panic=0; returns
 * how many failures were reported (4 when ASSERT is on).
 */
long sol_debug_on_failures(void)
{
	long before = sol_assert_failures();
	int old = sol_assert_set_panic(0);
	int x = 1;

	sol_expect_splat(1);
	ASSERT(x == 1);
	ASSERT(x == 2);
	ASSERT3U(x, >, 2);
	ASSERT3S(x, ==, 1);
	IMPLY(x == 1, x == 2);
	IMPLY(x == 2, x == 3);
	EQUIV(x == 1, x == 2);
	EQUIV(x == 2, x == 3);
	sol_expect_splat(0);
	sol_assert_set_panic(old);
	return sol_assert_failures() - before;
}
