// SPDX-License-Identifier: GPL-2.0
/*
 * kmem_alloc+kmem_free against kmalloc+kfree, timed in C as a driver calls
 * them, on 1 CPU or on several at once (one kthread bound to each CPU,
 * started together). Called by bench/ddi_bench_main.rs.
 */
#include <ddi/linux.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <sys/kmem.h>

#define MIN_NS	(10 * NSEC_PER_MSEC)
#define MAX_CPUS 8

int ddi_bench_kmem(size_t size, int cpus, int rounds, u64 *ours_ps, u64 *base_ps);
void ddi_bench_kmem_footprint(size_t size, size_t *ours, size_t *base);

/* Kept out of line so that kmalloc cannot specialise on a constant size. */
static noinline void *base_alloc(size_t size) { return kmalloc(size, GFP_KERNEL); }
static noinline void base_free(void *p, size_t size) { kfree(p); }
static noinline void *ours_alloc(size_t size) { return kmem_alloc(size, KM_SLEEP); }
static noinline void ours_free(void *p, size_t size) { kmem_free(p, size); }

struct run {
	void *(*alloc)(size_t);
	void (*free)(void *, size_t);
	size_t size;
	struct completion *go;
	struct completion done;
	u64 ps;			/* picoseconds per alloc+free pair */
	bool failed;
};

static int run_fn(void *arg)
{
	struct run *r = arg;
	u64 n = 0, t0, t;

	wait_for_completion(r->go);
	t0 = ktime_get_ns();
	do {
		int i;

		for (i = 0; i < 64; i++) {
			void *p = r->alloc(r->size);

			if (!p) {
				r->failed = true;
				break;
			}
			*(volatile char *)p = 1;
			r->free(p, r->size);
		}
		n += 64;
		t = ktime_get_ns() - t0;
		cond_resched();
	} while (t < MIN_NS);
	r->ps = t * 1000 / n;
	complete(&r->done);
	return 0;
}

/* Runs one contender on `cpus` CPUs at once; returns the mean ps/pair. */
static u64 contend(void *(*a)(size_t), void (*f)(void *, size_t), size_t size, int cpus, bool *failed)
{
	struct run *runs = kcalloc(cpus, sizeof(*runs), GFP_KERNEL);
	DECLARE_COMPLETION_ONSTACK(go);
	u64 sum = 0;
	int i;

	if (!runs) {
		*failed = true;
		return 0;
	}
	for (i = 0; i < cpus; i++) {
		struct task_struct *t;

		runs[i] = (struct run){ .alloc = a, .free = f, .size = size, .go = &go };
		init_completion(&runs[i].done);
		t = kthread_create_on_cpu(run_fn, &runs[i], i, "ddi_bench/%u");
		if (IS_ERR(t)) {
			*failed = true;
			runs[i].ps = 0;
			complete(&runs[i].done);
			continue;
		}
		wake_up_process(t);
	}
	complete_all(&go);
	for (i = 0; i < cpus; i++) {
		wait_for_completion(&runs[i].done);
		sum += runs[i].ps;
		*failed |= runs[i].failed;
	}
	kfree(runs);
	return sum / cpus;
}

int ddi_bench_kmem(size_t size, int cpus, int rounds, u64 *ours_ps, u64 *base_ps)
{
	bool failed = false;
	int round;

	if (cpus < 1 || cpus > MAX_CPUS || cpus > num_online_cpus())
		return -EINVAL;
	*ours_ps = *base_ps = U64_MAX;
	for (round = 0; round < rounds; round++) {
		*ours_ps = min(*ours_ps, contend(ours_alloc, ours_free, size, cpus, &failed));
		*base_ps = min(*base_ps, contend(base_alloc, base_free, size, cpus, &failed));
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
