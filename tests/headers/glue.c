// SPDX-License-Identifier: GPL-2.0
/*
 * Linux glue: Linux headers and every Solaris header in one file, through
 * <ddi/linux.h> (DDI_LINUX_GLUE), compiled by scripts/header-check.sh.
 * Our types and Linux's of the same name must be the very same types.
 */
#include <ddi/linux.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/miscdevice.h>
#include <kunit/test.h>
#include <sys/types.h>
#include <sys/param.h>
#include <sys/sysmacros.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/cred.h>
#include <sys/uio.h>
#include <sys/map.h>
#include <sys/kmem.h>
#include <sys/varargs.h>
#include <sys/cmn_err.h>
#include <sys/debug.h>
#include <sys/systm.h>
#include <sys/ksynch.h>
#include <sys/time.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include <sys/vmem.h>
#include <sys/filio.h>
#include <sys/poll.h>

_Static_assert(PAGESIZE == PAGE_SIZE, "PAGESIZE is the kernel's page size");
_Static_assert(sizeof(struct iovec) == 2 * sizeof(long), "one iovec layout");
_Static_assert(S_IFCHR == 0020000, "S_IFCHR");
_Static_assert(NBITSMINOR == MINORBITS, "Linux's dev_t encoding");

/* Linux's kmem_cache_create() (a macro) and ours (by its link name) side by side. */
void glue_caches(void);
void glue_caches(void)
{
	struct kmem_cache *linux_cache = kmem_cache_create("glue", 64, 0, 0, NULL);
	kmem_cache_t *ours = ddi_kmem_cache_create("glue", 64, 0, NULL, NULL, NULL, NULL, NULL, 0);

	ddi_kmem_cache_free(ours, ddi_kmem_cache_alloc(ours, KM_SLEEP));
	ddi_kmem_cache_destroy(ours);
	kmem_cache_free(linux_cache, kmem_cache_alloc(linux_cache, GFP_KERNEL));
	kmem_cache_destroy(linux_cache);
}
