/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/map.h>, Solaris resource maps (rmalloc(9F) and friends),
 * implemented by the ddi_compat module.
 *
 * A map manages arbitrary unsigned long "units" (indices, often kernel
 * addresses). A new map is empty: rmfree() both returns space and seeds the
 * map. Index 0 cannot be managed: 0 means failure. rmalloc() is first fit
 * by address: it returns the lowest base that holds the request.
 * mapsize is the number of free segments the map can hold; a free that
 * would need more loses its range (reported, and counted).
 *
 * "Any context" means task, softirq and hard interrupt context, with or
 * without locks held, but not NMI. With PREEMPT_RT, where interrupt
 * handlers run in threads and spinlock_t is a sleeping lock, it means any
 * context where a spinlock_t may be taken: not inside preempt_disable()
 * or local_irq_disable() sections, nor in IRQF_NO_THREAD handlers.
 */
#ifndef _DDI_COMPAT_SYS_MAP_H
#define _DDI_COMPAT_SYS_MAP_H

#include <linux/types.h>

/* Opaque. */
struct map;

/*
 * rmallocmap(9F): a new, empty map of mapsize free-segment slots.
 * NULL when mapsize is 0 or above INT_MAX / 40 (reported), or memory is short.
 * Does not sleep; callable from any context.
 */
struct map *rmallocmap(size_t mapsize);

/*
 * rmallocmap_wait(9F): as rmallocmap(), but may sleep for memory and
 * never returns NULL (except for a bad mapsize, as above).
 * May sleep: process context only.
 */
struct map *rmallocmap_wait(size_t mapsize);

/*
 * rmfreemap(9F): frees a map. Outstanding allocations and waiters are
 * reported; waiters return 0. The map must not be used afterwards.
 * Does not sleep; callable from any context.
 */
void rmfreemap(struct map *mp);

/*
 * rmalloc(9F): size units from the lowest-based free segment holding them;
 * 0 if none does (or if rmalloc_wait() callers are queued: they are served
 * first, in arrival order).
 * Does not sleep; callable from any context, interrupt context included.
 */
unsigned long rmalloc(struct map *mp, size_t size);

/*
 * rmalloc_wait(9F): as rmalloc(), but sleeps until the space is there.
 * Waiters are served in FIFO order. Never returns 0 for a valid request
 * (size > 0 on a live map).
 * May sleep: process context only. Not interruptible.
 */
unsigned long rmalloc_wait(struct map *mp, size_t size);

/*
 * ddi-compat extension: as rmalloc_wait(), but a signal ends the wait
 * and the call returns 0 (a driver's read() can then return -EINTR).
 * May sleep: process context only.
 */
unsigned long rmalloc_wait_sig(struct map *mp, size_t size);

/*
 * rmfree(9F): returns [addr, addr + size) to the map, coalescing with its
 * neighbours; wakes rmalloc_wait() callers it can satisfy. A range that
 * overlaps free space, wraps, or has addr 0 or size 0 is refused with a
 * warning and counted; the map is unchanged.
 * Does not sleep; callable from any context, interrupt context included.
 */
void rmfree(struct map *mp, size_t size, unsigned long addr);

#endif /* _DDI_COMPAT_SYS_MAP_H */
