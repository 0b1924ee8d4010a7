// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_cddl_test: a module under the licence of the drivers we serve.
 *
 * Almost every illumos driver is CDDL, which the kernel does not count as
 * GPL-compatible: modpost refuses such a module any EXPORT_SYMBOL_GPL
 * symbol. This module declares MODULE_LICENSE("CDDL") and calls every
 * export of include/sys/ once from its init, so that it builds only if the
 * DDI is exported with plain EXPORT_SYMBOL, and loads only if each export
 * is there. Each call's check is printed as "ddi_cddl_test: ok <name>" or
 * "ddi_cddl_test: not ok <name> ...", read by tests/user/cddl_link.c, and
 * init fails with -EINVAL if any check failed.
 *
 * The file itself is GPL (it is ours); only its MODULE_LICENSE tag is
 * CDDL, which is what modpost and the module loader read. Loading it
 * taints the kernel ('P', proprietary module) and turns lockdep off for
 * the rest of the boot, so scripts/vm-init.sh runs that test last.
 */
#include <ddi/linux.h>
#include <linux/module.h>
#include <sys/cmn_err.h>
#include <sys/ddi.h>
#include <sys/kmem.h>
#include <sys/map.h>
#include <sys/sunddi.h>
#include <sys/uio.h>

static int failed;

static void check(bool ok, const char *name)
{
	if (!ok)
		failed++;
	pr_info("ddi_cddl_test: %s %s\n", ok ? "ok" : "not ok", name);
}

static void calls_kmem(void)
{
	char *p = kmem_alloc(100, KM_SLEEP);
	char *z = kmem_zalloc(100, KM_NOSLEEP);

	check(p != NULL, "kmem_alloc");
	check(z != NULL && z[0] == 0 && z[99] == 0, "kmem_zalloc");
	kmem_free(p, 100);
	kmem_free(z, 100);
	check(true, "kmem_free");
}

static void calls_rmap(void)
{
	struct map *a = rmallocmap(8), *b = rmallocmap_wait(8);

	check(a != NULL, "rmallocmap");
	check(b != NULL, "rmallocmap_wait");
	if (!a || !b)
		goto out;
	rmfree(a, 100, 1000);
	rmfree(b, 100, 1000);
	check(rmalloc(a, 10) == 1000, "rmfree");
	check(rmalloc(a, 10) == 1010, "rmalloc");
	check(rmalloc_wait(b, 10) == 1000, "rmalloc_wait");
	check(rmalloc_wait_sig(b, 10) == 1010, "rmalloc_wait_sig");
out:
	if (a)
		rmfreemap(a);
	if (b)
		rmfreemap(b);
	check(true, "rmfreemap");
}

static void calls_ddi(void)
{
	char buf[8] = "abcdefg", out[8] = "";
	struct iovec iov = { .iov_base = (void __user *)out, .iov_len = sizeof(out) };
	struct uio u;

	check(drv_usectohz(1000000) == HZ, "drv_usectohz");
	check(drv_hztousec(HZ) == 1000000, "drv_hztousec");
	/* A kernel-space read, the uio built as a Solaris driver does. */
	u = (struct uio){ .uio_iov = &iov, .uio_iovcnt = 1, .uio_segflg = UIO_SYSSPACE,
			  .uio_resid = sizeof(out) };
	check(uiomove(buf, sizeof(buf), UIO_READ, &u) == 0 && u.uio_resid == 0 &&
	      !memcmp(out, buf, sizeof(buf)), "uiomove");
}

static void call_vcmn_err(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcmn_err(level, fmt, ap);
	va_end(ap);
}

static char *call_vsprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	char *r;

	va_start(ap, fmt);
	r = ddi_vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

static size_t call_vsnprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	size_t r;

	va_start(ap, fmt);
	r = ddi_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

/* <sys/cmn_err.h>, and the dev_info accessors (of a NULL dip: no frame yet). */
static void calls_cmn_err(void)
{
	char buf[16];

	cmn_err(CE_NOTE, "ddi_cddl_test: cmn_err from a CDDL module");
	check(true, "cmn_err");
	call_vcmn_err(CE_NOTE, "ddi_cddl_test: vcmn_err from a %s module", "CDDL");
	check(true, "vcmn_err");
	ddi_dev_err(NULL, CE_NOTE, "ddi_cddl_test: dev_err from a CDDL module");
	check(true, "ddi_dev_err");
	check(ddi_sprintf(buf, "%b", 5, "\20\1A\3C") == buf && !strcmp(buf, "5<A,C>"), "ddi_sprintf");
	check(call_vsprintf(buf, "%d-%s", 7, "x") == buf && !strcmp(buf, "7-x"), "ddi_vsprintf");
	check(ddi_snprintf(buf, 4, "%d", 123456) == 6 && !strcmp(buf, "123"), "ddi_snprintf");
	check(call_vsnprintf(buf, sizeof(buf), "%x", 255) == 2 && !strcmp(buf, "ff"),
	      "ddi_vsnprintf");
	check(!strcmp(ddi_driver_name(NULL), ""), "ddi_driver_name");
	check(ddi_get_instance(NULL) == -1, "ddi_get_instance");
}

static int __init ddi_cddl_test_init(void)
{
	calls_kmem();
	calls_rmap();
	calls_ddi();
	calls_cmn_err();
	pr_info("ddi_cddl_test: %d failed\n", failed);
	return failed ? -EINVAL : 0;
}

static void __exit ddi_cddl_test_exit(void)
{
}

module_init(ddi_cddl_test_init);
module_exit(ddi_cddl_test_exit);
MODULE_DESCRIPTION("ddi-compat: every DDI export called from a CDDL-licensed module");
MODULE_LICENSE("CDDL");
