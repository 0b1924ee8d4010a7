// SPDX-License-Identifier: GPL-2.0
/*
 * cddl_link: a CDDL-licensed module links against the DDI and calls every
 * export (tests/cddl/ddi_cddl_test.c).
 *
 * Loads /modules/ddi_cddl_test.ko, whose init calls each export and logs
 * "ddi_cddl_test: ok <name>" or "not ok <name>"; reads those lines from
 * /dev/kmsg (records after the load only), checks each export was called
 * and passed, that the kernel took the 'P' taint a CDDL module brings,
 * and that the module unloads. Loading it turns lockdep off, so
 * scripts/vm-init.sh runs this program after every other test and module
 * unload; it loads the shim (/modules/ddi_compat.ko) itself, and unloads
 * it again, when it is not loaded.
 *
 * /cddl-expected (from scripts/vm.sh) says whether the kernel can link a
 * module that is not GPL-compatible: where it cannot (x86-64 kCFI, see
 * Kbuild) the cases are skipped; elsewhere a missing module fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kmod.h"
#include "ktap.h"

#define MOD "/modules/ddi_cddl_test.ko"
#define SHIM "/modules/ddi_compat.ko"
#define TAINT_PROPRIETARY_MODULE 1UL

/* Every export of include/sys/, as the module names its checks. */
static const char *const exports[] = {
	"kmem_alloc", "kmem_zalloc", "kmem_free",
	"ddi_kmem_cache_create", "ddi_kmem_cache_alloc", "ddi_kmem_cache_free",
	"ddi_kmem_cache_destroy",
	"rmallocmap", "rmallocmap_wait", "rmalloc", "rmalloc_wait", "rmalloc_wait_sig",
	"rmfree", "rmfreemap",
	"drv_usectohz", "drv_hztousec", "cmn_err", "uiomove",
};
#define NEXP (sizeof(exports) / sizeof(exports[0]))

int main(void)
{
	int seen[NEXP] = { 0 }, kmsg, r, err, own_shim = 0;
	char rec[8192];
	unsigned long t;
	ssize_t n;

	ktap_begin("user_cddl_link", 3 + NEXP);
	if (access(MOD, F_OK) && access("/cddl-expected", F_OK) == 0) {
		ktap_case(0, "cddl_module_loads", "no %s, though this kernel links such modules", MOD);
		ktap_case(0, "kernel_tainted_proprietary", "not loaded");
		for (size_t i = 0; i < NEXP; i++)
			ktap_case(0, exports[i], "not loaded");
		ktap_case(0, "cddl_module_unloads", "not loaded");
		return ktap_end();
	}
	if (access(MOD, F_OK)) {
		/* Kbuild leaves it out where it cannot link (x86-64 kCFI). */
		static const char why[] = "no " MOD ": a module that is not GPL-compatible "
					  "cannot link against this kernel (see Kbuild)";

		ktap_skip("cddl_module_loads", why);
		ktap_skip("kernel_tainted_proprietary", why);
		for (size_t i = 0; i < NEXP; i++)
			ktap_skip(exports[i], why);
		ktap_skip("cddl_module_unloads", why);
		return ktap_end();
	}
	/* Only the records logged from now on. */
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);
	if (access("/sys/module/ddi_compat", F_OK)) {
		if (kmod_load(SHIM))
			fprintf(stderr, "cddl_link: cannot load %s (errno %d)\n", SHIM, errno);
		else
			own_shim = 1;
	}
	r = kmod_load(MOD);
	err = errno;
	ktap_case(r == 0, "cddl_module_loads", "finit_module: %d (errno %d)", r, r ? err : 0);
	t = kernel_tainted();
	ktap_case(t != ~0UL && (t & TAINT_PROPRIETARY_MODULE), "kernel_tainted_proprietary",
		  "tainted is %#lx, without bit 0 (P)", t);
	while (kmsg >= 0 && ((n = read(kmsg, rec, sizeof(rec) - 1)) > 0 ||
			     (n < 0 && errno == EPIPE))) {
		char *msg, *name;
		int ok;

		if (n < 0)
			continue;	/* EPIPE: overwritten records; go on */
		rec[n] = 0;
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		*strchrnul(msg, '\n') = 0;
		if (strncmp(msg, "ddi_cddl_test: ", 15))
			continue;
		name = msg + 15;
		ok = !strncmp(name, "ok ", 3);
		if (!ok && strncmp(name, "not ok ", 7))
			continue;
		name += ok ? 3 : 7;
		for (size_t i = 0; i < NEXP; i++)
			if (!strcmp(name, exports[i]))
				seen[i] = ok ? 1 : -1;
	}
	for (size_t i = 0; i < NEXP; i++)
		ktap_case(seen[i] == 1, exports[i], "%s", seen[i] ? "its check failed" : "not called");
	r = syscall(SYS_delete_module, "ddi_cddl_test", O_NONBLOCK);
	ktap_case(r == 0, "cddl_module_unloads", "delete_module: errno %d", errno);
	if (own_shim && syscall(SYS_delete_module, "ddi_compat", O_NONBLOCK))
		fprintf(stderr, "cddl_link: cannot unload ddi_compat (errno %d)\n", errno);
	return ktap_end();
}
