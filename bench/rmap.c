// SPDX-License-Identifier: GPL-2.0
/*
 * The sample drivers' buffer map under contention: rmalloc(640) and
 * rmfree on the man page's map (12 slots over a 2560-byte buffer), on 1
 * CPU and on 2 at once (bench/contend.c), against the four 640-byte
 * slots of bench/xx_native.c (a bitmap under a spinlock), taken and
 * given back under a plain spinlock and under an irq-saving one (which
 * is what rmalloc and rmfree need, being callable from interrupt
 * context). Called by bench/ddi_bench_main.rs.
 */
#include <ddi/linux.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>
#include <sys/map.h>

#include "contend.h"

int ddi_bench_rmap_contend(int cpus, int rounds, u64 *ps);

#define SLOTS		4
#define SLOTSIZE	640

static bool map_op(void *mp, unsigned int n)
{
	while (n--) {
		unsigned long a = rmalloc(mp, SLOTSIZE);

		if (!a)
			return false;
		rmfree(mp, SLOTSIZE, a);
	}
	return true;
}

static struct {
	spinlock_t lock;	/* protects busy */
	unsigned long busy;	/* slots in use, one bit each */
} slots = { .lock = __SPIN_LOCK_UNLOCKED(slots.lock) };

static __always_inline void slots_lock(bool irqsave, unsigned long *flags)
{
	if (irqsave)
		spin_lock_irqsave(&slots.lock, *flags);
	else
		spin_lock(&slots.lock);
}

static __always_inline void slots_unlock(bool irqsave, unsigned long flags)
{
	if (irqsave)
		spin_unlock_irqrestore(&slots.lock, flags);
	else
		spin_unlock(&slots.lock);
}

/* `n` take+give pairs of a slot, under the plain or the irq-saving lock. */
static __always_inline bool slots_pairs(unsigned int n, bool irqsave)
{
	unsigned long flags = 0;

	while (n--) {
		int s;

		slots_lock(irqsave, &flags);
		s = find_first_zero_bit(&slots.busy, SLOTS);
		if (s < SLOTS)
			__set_bit(s, &slots.busy);
		slots_unlock(irqsave, flags);
		if (s >= SLOTS)
			return false;
		slots_lock(irqsave, &flags);
		__clear_bit(s, &slots.busy);
		slots_unlock(irqsave, flags);
	}
	return true;
}

static bool slots_op(void *unused, unsigned int n)
{
	return slots_pairs(n, false);
}

static bool slots_irqsave_op(void *unused, unsigned int n)
{
	return slots_pairs(n, true);
}

/*
 * Picoseconds per take+give pair on `cpus` CPUs at once, fastest of
 * `rounds`: ps[0] ours (rmalloc+rmfree), ps[1] the slots under a plain
 * spinlock, ps[2] under an irq-saving one. Sleeps.
 */
int ddi_bench_rmap_contend(int cpus, int rounds, u64 *ps)
{
	static char buf[SLOTS * SLOTSIZE];
	struct map *mp = rmallocmap(12);
	bool failed = false;
	int round;

	if (!mp)
		return -ENOMEM;
	rmfree(mp, sizeof(buf), (unsigned long)buf);
	ps[0] = ps[1] = ps[2] = U64_MAX;
	for (round = 0; round < rounds; round++) {
		ps[0] = min(ps[0], contend(map_op, mp, cpus, &failed));
		ps[1] = min(ps[1], contend(slots_op, NULL, cpus, &failed));
		ps[2] = min(ps[2], contend(slots_irqsave_op, NULL, cpus, &failed));
	}
	/* Every range is back: the map goes without a report. */
	rmfreemap(mp);
	return failed ? -EINVAL : 0;
}
