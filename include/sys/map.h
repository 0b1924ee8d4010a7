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
 * "Any context" means task, softirq and interrupt context, with or
 * without spinlock_t locks held: wherever a spinlock_t may be taken, as
 * for kmalloc(GFP_ATOMIC). Not NMI, not raw_spinlock_t sections, and not
 * the handlers that stay in hard interrupt context on PREEMPT_RT
 * (IRQF_NO_THREAD, IRQ_WORK_HARD_IRQ; lockdep reports a call there as
 * "Invalid wait context" on any kernel). With PREEMPT_RT, where interrupt
 * handlers run in threads and spinlock_t sleeps, it also excludes
 * preempt_disable() and local_irq_disable() sections.
 */
#ifndef _DDI_COMPAT_SYS_MAP_H
#define _DDI_COMPAT_SYS_MAP_H

#include <sys/types.h>

/* Opaque. */
struct map;

/**
 * rmallocmap() - Make a resource map (rmallocmap(9F)).
 * @mapsize: the number of free-segment slots.
 *
 * The map is empty: rmfree() seeds it.
 *
 * Context: Any context. Does not sleep.
 * Return: the map; NULL when @mapsize is 0 or above INT_MAX / 40
 * (reported), or when memory is short.
 */
struct map *rmallocmap(size_t mapsize);

/**
 * rmallocmap_wait() - Make a resource map, sleeping for memory.
 * @mapsize: the number of free-segment slots.
 *
 * As rmallocmap(), but retries until it has the memory.
 *
 * Context: Process context. May sleep.
 * Return: the map; NULL only for a bad @mapsize, as above.
 */
struct map *rmallocmap_wait(size_t mapsize);

/**
 * rmfreemap() - Free a resource map (rmfreemap(9F)).
 * @mp: the map; it must not be used afterwards.
 *
 * Outstanding ranges and waiters are reported; the waiters return 0.
 *
 * Context: Any context. Does not sleep.
 */
void rmfreemap(struct map *mp);

/**
 * rmalloc() - Allocate units from a resource map (rmalloc(9F)).
 * @mp: the map.
 * @size: the number of units, more than 0.
 *
 * First fit: the lowest base of a free segment that holds @size units.
 * While rmalloc_wait() callers are queued, rmalloc() still takes free
 * space, but it may overtake the oldest waiter (whose request fits in the
 * map's extent) by no more than that waiter's own request in all; beyond
 * that it returns 0 until the waiter is served, so that a stream of small
 * requests cannot starve a large one. Waiters asking more than the map's
 * extent hold it back in no way.
 *
 * Context: Any context, hard interrupts included. Does not sleep.
 * Return: the base of the range; 0 if no free segment holds it, or in the
 * case above.
 */
unsigned long rmalloc(struct map *mp, size_t size);

/**
 * rmalloc_wait() - Allocate units, sleeping until they are free.
 * @mp: the map.
 * @size: the number of units, more than 0.
 *
 * Waiters are served in strict FIFO order among themselves: a new caller
 * queues behind the waiters already there even if its request fits, and
 * a small request never overtakes a large one queued before it. A request
 * larger than the map's extent (the span of all units ever given to it)
 * is reported once and waits for the map to grow, holding nobody up. A
 * waiter is woken only when its space has been allocated for it, or by
 * rmfreemap(). Not interruptible.
 *
 * Context: Process context. May sleep.
 * Return: the base of the range; never 0 for a valid request (@size > 0
 * on a live map) unless the map is freed meanwhile.
 */
unsigned long rmalloc_wait(struct map *mp, size_t size);

/**
 * rmalloc_wait_sig() - rmalloc_wait(), ended by a signal (ddi-compat).
 * @mp: the map.
 * @size: the number of units, more than 0.
 *
 * Context: Process context. May sleep.
 * Return: as rmalloc_wait(); 0 when a signal ends the wait (a driver's
 * read() can then return -EINTR).
 */
unsigned long rmalloc_wait_sig(struct map *mp, size_t size);

/**
 * rmfree() - Return units to a resource map (rmfree(9F)).
 * @mp: the map.
 * @size: the number of units.
 * @addr: the base of the range.
 *
 * Coalesces with both neighbours and serves the waiters that now fit. A
 * range that overlaps free space, wraps, or has @addr 0 or @size 0 is
 * refused with a warning and counted; the map is unchanged. A free that
 * needs a slot when none is left loses its range (reported and counted).
 *
 * Context: Any context, hard interrupts included. Does not sleep.
 */
void rmfree(struct map *mp, size_t size, unsigned long addr);

#endif /* _DDI_COMPAT_SYS_MAP_H */
