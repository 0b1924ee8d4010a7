// SPDX-License-Identifier: GPL-2.0
/*
 * C-only kernel APIs the benchmarks compare against, for ddi_bench.ko's
 * Rust side: genalloc (first fit, 1-unit granularity).
 */
#include <linux/genalloc.h>
#include <linux/module.h>
#include <linux/numa.h>

/* ddi/lock.rs (compiled into the benchmark too) and the kmem debug-mode
 * figures use these. */
MODULE_IMPORT_NS("DDI_COMPAT_INTERNAL");

struct gen_pool *ddi_bench_pool_create(unsigned long base, size_t size);
unsigned long ddi_bench_pool_alloc(struct gen_pool *pool, size_t size);
void ddi_bench_pool_free(struct gen_pool *pool, unsigned long addr, size_t size);
void ddi_bench_pool_destroy(struct gen_pool *pool);

/* A pool of [base, base + size), all free, 1 unit per bit, first fit. */
struct gen_pool *ddi_bench_pool_create(unsigned long base, size_t size)
{
	struct gen_pool *pool = gen_pool_create(0, NUMA_NO_NODE);

	if (pool && gen_pool_add(pool, base, size, NUMA_NO_NODE)) {
		gen_pool_destroy(pool);
		return NULL;
	}
	return pool;
}

unsigned long ddi_bench_pool_alloc(struct gen_pool *pool, size_t size)
{
	return gen_pool_alloc(pool, size);
}

void ddi_bench_pool_free(struct gen_pool *pool, unsigned long addr, size_t size)
{
	gen_pool_free(pool, addr, size);
}

/* Everything must have been freed (genalloc BUG()s otherwise). */
void ddi_bench_pool_destroy(struct gen_pool *pool)
{
	gen_pool_destroy(pool);
}
