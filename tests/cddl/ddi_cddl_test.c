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

static int ctor_calls;

static int cddl_ctor(void *buf, void *arg, int kmflags)
{
	*(int *)buf = *(int *)arg;
	ctor_calls++;
	return 0;
}

static void cddl_dtor(void *buf, void *arg)
{
	if (*(int *)buf == *(int *)arg)
		ctor_calls--;
}

/* Glue code: the kmem_cache_*() calls by their link names. */
static void calls_kmem_cache(void)
{
	static int private = 0x5a5a;
	kmem_cache_t *cp = ddi_kmem_cache_create("ddi_cddl_test", 64, 16, cddl_ctor, cddl_dtor,
						 NULL, &private, NULL, 0);
	int *o = cp ? ddi_kmem_cache_alloc(cp, KM_SLEEP) : NULL;

	check(cp != NULL, "ddi_kmem_cache_create");
	check(o != NULL && *o == private && ctor_calls == 1, "ddi_kmem_cache_alloc");
	if (o)
		ddi_kmem_cache_free(cp, o);
	check(ctor_calls == 0, "ddi_kmem_cache_free");
	if (cp)
		ddi_kmem_cache_destroy(cp);
	check(true, "ddi_kmem_cache_destroy");
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
	cmn_err(CE_NOTE, "ddi_cddl_test: cmn_err from a CDDL module");
	check(true, "cmn_err");
	/* A kernel-space read, the uio built as a Solaris driver does. */
	u = (struct uio){ .uio_iov = &iov, .uio_iovcnt = 1, .uio_segflg = UIO_SYSSPACE,
			  .uio_resid = sizeof(out) };
	check(uiomove(buf, sizeof(buf), UIO_READ, &u) == 0 && u.uio_resid == 0 &&
	      !memcmp(out, buf, sizeof(buf)), "uiomove");
}

static int __init ddi_cddl_test_init(void)
{
	calls_kmem();
	calls_kmem_cache();
	calls_rmap();
	calls_ddi();
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
