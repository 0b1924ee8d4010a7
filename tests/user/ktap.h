/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KTAP output for the user-space tests that run inside the VM, in
 * the same shape as a KUnit suite's debugfs results, so one parser
 * (tools/testing/kunit/kunit.py parse) reads kernel and user results.
 *
 *   ktap_begin("suite", ncases);
 *   ktap_case(ok, "name", "optional diagnostic %d", ...);
 *   ktap_skip("name", "why it cannot run here");
 *   return ktap_end();            // exit status: 0 if every case passed
 *
 * stdout carries KTAP only; diagnostics go to stderr (the VM console).
 */
#ifndef DDI_TESTS_KTAP_H
#define DDI_TESTS_KTAP_H

#include <stdarg.h>
#include <stdio.h>

static const char *ktap_suite;
static int ktap_n, ktap_failed;

static inline void ktap_begin(const char *suite, int ncases)
{
	ktap_suite = suite;
	printf("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: %s\n    1..%d\n",
	       suite, ncases);
	fflush(stdout);
}

static inline __attribute__((format(printf, 3, 4)))
void ktap_case(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	ktap_n++;
	if (!ok) {
		ktap_failed++;
		va_start(ap, fmt);
		printf("    # %s: ", name);
		vprintf(fmt, ap);
		printf("\n");
		va_end(ap);
	}
	printf("    %s %d %s\n", ok ? "ok" : "not ok", ktap_n, name);
	fflush(stdout);
}

/* A case that does not apply to this kernel: neither passed nor failed. */
static inline void ktap_skip(const char *name, const char *why)
{
	printf("    ok %d %s # SKIP %s\n", ++ktap_n, name, why);
	fflush(stdout);
}

static inline int ktap_end(void)
{
	printf("%s 1 %s\n", ktap_failed ? "not ok" : "ok", ktap_suite);
	fflush(stdout);
	return ktap_failed ? 1 : 0;
}

#endif /* DDI_TESTS_KTAP_H */
