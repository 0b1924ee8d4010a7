// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/kmem.h>. The allocator is written in Rust
 * (kmem_compat/mod.rs); these wrappers add the caller's address, so that
 * every report names the driver function that made the call, and export
 * the symbols. The GFP constants bindgen cannot evaluate are defined here.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <sys/kmem.h>

void *ddi_kmem_alloc(size_t size, int flag, bool zero, unsigned long caller);
void ddi_kmem_free(void *buf, size_t size, unsigned long caller);

extern const gfp_t ddi_gfp_kernel_nofail, ddi_gfp_noio_nofail, ddi_gfp_noio;
const gfp_t ddi_gfp_kernel_nofail = GFP_KERNEL | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio_nofail = GFP_NOIO | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio = GFP_NOIO;

void *kmem_alloc(size_t size, int flag)
{
	return ddi_kmem_alloc(size, flag, false, _RET_IP_);
}
EXPORT_SYMBOL_GPL(kmem_alloc);

void *kmem_zalloc(size_t size, int flag)
{
	return ddi_kmem_alloc(size, flag, true, _RET_IP_);
}
EXPORT_SYMBOL_GPL(kmem_zalloc);

void kmem_free(void *buf, size_t size)
{
	ddi_kmem_free(buf, size, _RET_IP_);
}
EXPORT_SYMBOL_GPL(kmem_free);
