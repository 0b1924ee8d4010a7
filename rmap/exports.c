// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/map.h>. The maps are implemented in Rust (rmap/mod.rs);
 * these wrappers add the caller's address, so that every report names the
 * driver function that made the bad call, and export the symbols.
 */
#include <linux/export.h>
#include <linux/kernel.h>
#include <sys/map.h>

struct map *ddi_rmallocmap(size_t mapsize, bool wait, unsigned long caller);
void ddi_rmfreemap(struct map *mp, unsigned long caller);
unsigned long ddi_rmalloc(struct map *mp, size_t size, int wait, unsigned long caller);
void ddi_rmfree(struct map *mp, size_t size, unsigned long addr, unsigned long caller);

/* The `wait` argument of ddi_rmalloc(); must match rmap/mod.rs. */
#define DDI_RM_NOWAIT	0
#define DDI_RM_WAIT	1
#define DDI_RM_WAIT_SIG	2

struct map *rmallocmap(size_t mapsize)
{
	return ddi_rmallocmap(mapsize, false, _RET_IP_);
}
EXPORT_SYMBOL_GPL(rmallocmap);

struct map *rmallocmap_wait(size_t mapsize)
{
	return ddi_rmallocmap(mapsize, true, _RET_IP_);
}
EXPORT_SYMBOL_GPL(rmallocmap_wait);

void rmfreemap(struct map *mp)
{
	ddi_rmfreemap(mp, _RET_IP_);
}
EXPORT_SYMBOL_GPL(rmfreemap);

unsigned long rmalloc(struct map *mp, size_t size)
{
	return ddi_rmalloc(mp, size, DDI_RM_NOWAIT, _RET_IP_);
}
EXPORT_SYMBOL_GPL(rmalloc);

unsigned long rmalloc_wait(struct map *mp, size_t size)
{
	return ddi_rmalloc(mp, size, DDI_RM_WAIT, _RET_IP_);
}
EXPORT_SYMBOL_GPL(rmalloc_wait);

unsigned long rmalloc_wait_sig(struct map *mp, size_t size)
{
	return ddi_rmalloc(mp, size, DDI_RM_WAIT_SIG, _RET_IP_);
}
EXPORT_SYMBOL_GPL(rmalloc_wait_sig);

void rmfree(struct map *mp, size_t size, unsigned long addr)
{
	ddi_rmfree(mp, size, addr, _RET_IP_);
}
EXPORT_SYMBOL_GPL(rmfree);
