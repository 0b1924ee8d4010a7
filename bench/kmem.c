// SPDX-License-Identifier: GPL-2.0
/*
 * kmem_alloc+kmem_free against kmalloc+kfree, timed in C as a driver calls
 * them, on 1 CPU or on several at once (bench/contend.c). Called by
 * bench/ddi_bench_main.rs.
 */
#include <ddi/linux.h>
#include <linux/cpumask.h>
#include <linux/slab.h>
#include <sys/kmem.h>

#include "contend.h"

int ddi_bench_kmem(size_t size, int cpus, int rounds, u64 *ours_ps, u64 *base_ps);
void ddi_bench_kmem_footprint(size_t size, size_t *ours, size_t *base);

/* Kept out of line so that kmalloc cannot specialise on a constant size. */
static noinline void *base_alloc(size_t size) { return kmalloc(size, GFP_KERNEL); }
static noinline void base_free(void *p, size_t size) { kfree(p); }
static noinline void *ours_alloc(size_t size) { return kmem_alloc(size, KM_SLEEP); }
static noinline void ours_free(void *p, size_t size) { kmem_free(p, size); }

/* `n` alloc+free pairs of `size` bytes, each buffer touched. */
static __always_inline bool pairs(void *(*alloc)(size_t), void (*free)(void *, size_t),
				  size_t size, unsigned int n)
{
	while (n--) {
		void *p = alloc(size);

		if (!p)
			return false;
		*(volatile char *)p = 1;
		free(p, size);
	}
	return true;
}

static bool ours_op(void *size, unsigned int n)
{
	return pairs(ours_alloc, ours_free, *(size_t *)size, n);
}

static bool base_op(void *size, unsigned int n)
{
	return pairs(base_alloc, base_free, *(size_t *)size, n);
}

int ddi_bench_kmem(size_t size, int cpus, int rounds, u64 *ours_ps, u64 *base_ps)
{
	bool failed = false;
	int round;

	if (cpus < 1 || cpus > CONTEND_MAX_CPUS || cpus > num_online_cpus())
		return -EINVAL;
	*ours_ps = *base_ps = U64_MAX;
	for (round = 0; round < rounds; round++) {
		*ours_ps = min(*ours_ps, contend(ours_op, &size, cpus, &failed));
		*base_ps = min(*base_ps, contend(base_op, &size, cpus, &failed));
	}
	return failed ? -ENOMEM : 0;
}

/*
 * Bytes really taken by one buffer: the slab object (or kmalloc-large
 * pages) behind it. Ours: small buffers sit 16 bytes into their object
 * (kmem_compat/layout.rs); big ones are kvmalloc'd as they are.
 */
void ddi_bench_kmem_footprint(size_t size, size_t *ours, size_t *base)
{
	void *p = kmem_alloc(size, KM_SLEEP), *q = kmalloc(size, GFP_KERNEL);

	*ours = size <= 8192 ? ksize((char *)p - 16) : ksize(p);
	*base = q ? ksize(q) : 0;
	kmem_free(p, size);
	kfree(q);
}
