// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_cddl_test: a module under the licence of the drivers we serve.
 *
 * Almost every illumos driver is CDDL, which the kernel does not count as
 * GPL-compatible: modpost refuses such a module any EXPORT_SYMBOL_GPL
 * symbol. This module declares MODULE_LICENSE("CDDL") and calls every
 * export of include/sys/ once from its _init() (cddl_calls.c, Solaris code,
 * a driver on the frame: DDI_MODULE() below makes the Linux module),
 * so that it builds only if the DDI is exported with plain EXPORT_SYMBOL,
 * and loads only if each export is there. Each call's check is printed, by
 * the Linux glue here, as "ddi_cddl_test: ok <name>" or
 * "ddi_cddl_test: not ok <name> ...", read by tests/user/cddl_link.c, and
 * init fails with -EINVAL if any check failed.
 *
 * The file itself is GPL (it is ours); only its MODULE_LICENSE tag is
 * CDDL, which is what modpost and the module loader read. Loading it
 * taints the kernel ('P', proprietary module) and turns lockdep off for
 * the rest of the boot, so scripts/vm-init.sh runs that test last.
 */
#include <ddi/module.h>
#include <linux/printk.h>

static int failed;

void cddl_check(int ok, const char *name);
int cddl_summary(void);

/* Each check of cddl_calls.c, as tests/user/cddl_link.c reads it. */
void cddl_check(int ok, const char *name)
{
	if (!ok)
		failed++;
	pr_info("ddi_cddl_test: %s %s\n", ok ? "ok" : "not ok", name);
}

/* The checks that failed, reported; _init() fails the load if any did. */
int cddl_summary(void)
{
	pr_info("ddi_cddl_test: %d failed\n", failed);
	return failed;
}

DDI_MODULE("CDDL", "ddi-compat: every DDI export called from a CDDL-licensed module");
