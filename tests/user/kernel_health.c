// SPDX-License-Identifier: GPL-2.0
/*
 * kernel_health: after our modules loaded and their suites ran, the shim
 * is live and the kernel has not been tainted by a warning, an oops or a
 * bad page (the console scan catches the splat text; this catches the
 * taint even if the text was lost). On a kernel with KUnit, KUnit's
 * debugfs results are there (else the suites would go unread).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

static int module_live(const char *name)
{
	char path[128], state[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/initstate", name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(state, sizeof(state), f))
		state[0] = 0;
	fclose(f);
	return strncmp(state, "live", 4) == 0;
}

int main(void)
{
	unsigned long taint = ~0UL;
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");

	if (f) {
		if (fscanf(f, "%lu", &taint) != 1)
			taint = ~0UL;
		fclose(f);
	}
	ktap_begin("user_kernel_health", 3);
	ktap_case(module_live("ddi_compat"), "shim_module_live", "ddi_compat is not live");
	/* Our KUnit module is built (and loaded) only for a kernel with KUnit. */
	if (access("/sys/module/ddi_abi_test", F_OK) == 0)
		ktap_case(access("/sys/kernel/debug/kunit", F_OK) == 0, "kunit_debugfs_present",
			  "no /sys/kernel/debug/kunit");
	else
		ktap_skip("kunit_debugfs_present", "no KUnit in this kernel (ddi_abi_test not loaded)");
	/* TAINT_BAD_PAGE 5, TAINT_DIE 7, TAINT_WARN 9. */
	ktap_case(taint != ~0UL && !(taint & ((1UL << 5) | (1UL << 7) | (1UL << 9))),
		  "kernel_not_tainted_by_warn_oops_or_bad_page", "tainted=%#lx", taint);
	return ktap_end();
}
