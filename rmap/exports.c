// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/map.h>. The maps are written in Rust (rmap/mod.rs); each
 * entry point here passes its caller's address (_RET_IP_) on, in a tail
 * call (unless the kernel is built with frame pointers), so that every report names the driver function that made the bad
 * call. The prototypes are checked against the header.
 */
#include <ddi/linux.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <sys/map.h>

struct map *ddi_rmallocmap(size_t mapsize, unsigned long caller);
struct map *ddi_rmallocmap_wait(size_t mapsize, unsigned long caller);
void ddi_rmfreemap(struct map *mp, unsigned long caller);
unsigned long ddi_rmalloc(struct map *mp, size_t size, unsigned long caller);
unsigned long ddi_rmalloc_wait(struct map *mp, size_t size, unsigned long caller);
unsigned long ddi_rmalloc_wait_sig(struct map *mp, size_t size, unsigned long caller);
void ddi_rmfree(struct map *mp, size_t size, unsigned long addr, unsigned long caller);

struct map *rmallocmap(size_t mapsize)
{
	return ddi_rmallocmap(mapsize, _RET_IP_);
}
EXPORT_SYMBOL(rmallocmap);

struct map *rmallocmap_wait(size_t mapsize)
{
	return ddi_rmallocmap_wait(mapsize, _RET_IP_);
}
EXPORT_SYMBOL(rmallocmap_wait);

void rmfreemap(struct map *mp)
{
	ddi_rmfreemap(mp, _RET_IP_);
}
EXPORT_SYMBOL(rmfreemap);

unsigned long rmalloc(struct map *mp, size_t size)
{
	return ddi_rmalloc(mp, size, _RET_IP_);
}
EXPORT_SYMBOL(rmalloc);

unsigned long rmalloc_wait(struct map *mp, size_t size)
{
	return ddi_rmalloc_wait(mp, size, _RET_IP_);
}
EXPORT_SYMBOL(rmalloc_wait);

unsigned long rmalloc_wait_sig(struct map *mp, size_t size)
{
	return ddi_rmalloc_wait_sig(mp, size, _RET_IP_);
}
EXPORT_SYMBOL(rmalloc_wait_sig);

void rmfree(struct map *mp, size_t size, unsigned long addr)
{
	ddi_rmfree(mp, size, addr, _RET_IP_);
}
EXPORT_SYMBOL(rmfree);
