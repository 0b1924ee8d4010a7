// SPDX-License-Identifier: GPL-2.0
/*
 * kmem_alloc+kmem_free against kmalloc+kfree, timed in C as a driver calls
 * them, on 1 CPU or on several at once (one kthread bound to each CPU,
 * started together). Called by bench/ddi_bench_main.rs.
 */
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <sys/kmem.h>

#define MIN_NS	(30 * NSEC_PER_MSEC)
#define ROUNDS	3
#define MAX_CPUS 8

int ddi_bench_kmem(size_t size, int cpus, u64 *ours_ps, u64 *base_ps);
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

int ddi_bench_kmem(size_t size, int cpus, u64 *ours_ps, u64 *base_ps)
{
	bool failed = false;
	int round;

	if (cpus < 1 || cpus > MAX_CPUS || cpus > num_online_cpus())
		return -EINVAL;
	*ours_ps = *base_ps = U64_MAX;
	for (round = 0; round < ROUNDS; round++) {
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

/*
 * Diagnostics, each against kmalloc in the same rounds:
 * - a bare slab cache of our object layout (size + 16, a constructor),
 *   without any of kmem_compat's checks: separates the cache from our
 *   bookkeeping in the figures;
 * - the least checking any always-on exact-size kmem_free can do, written
 *   inline here on that one cache: a 16-byte header (caller, size, a tag
 *   from the address and a secret) written at alloc; at free, the size and
 *   tag compared and the tag flipped with a cmpxchg (so that one of two
 *   racing frees wins). No size-to-cache lookup, no counters, no no-fault
 *   header read, no call into another module: a floor under kmem_compat's
 *   figure, not an implementation.
 */
int ddi_bench_rawcache(size_t size, u64 *raw_ps, u64 *least_ps, u64 *base_ps);

struct least_hdr {
	unsigned long caller;
	u32 size;
	u32 tag;
};

static struct kmem_cache *raw_cache;
static unsigned long least_secret;
static unsigned long least_misuse;
static noinline void *raw_alloc(size_t size) { return kmem_cache_alloc(raw_cache, GFP_KERNEL); }
static noinline void raw_free(void *p, size_t size) { kmem_cache_free(raw_cache, p); }
static void raw_ctor(void *p) { }

static noinline void *least_alloc(size_t size)
{
	struct least_hdr *h = kmem_cache_alloc(raw_cache, GFP_KERNEL);

	if (!h)
		return NULL;
	h->caller = _RET_IP_;
	h->size = size;
	h->tag = (u32)((unsigned long)h ^ least_secret);
	return h + 1;
}

static noinline void least_free(void *p, size_t size)
{
	struct least_hdr *h = (struct least_hdr *)p - 1;
	u32 tag = (u32)((unsigned long)h ^ least_secret);

	if (h->size != size || cmpxchg(&h->tag, tag, ~tag) != tag) {
		least_misuse++;
		return;
	}
	kmem_cache_free(raw_cache, h);
}

int ddi_bench_rawcache(size_t size, u64 *raw_ps, u64 *least_ps, u64 *base_ps)
{
	bool failed = false;
	int round;

	raw_cache = kmem_cache_create("ddi_bench_raw", size + 16, 16, 0, raw_ctor);
	if (!raw_cache)
		return -ENOMEM;
	get_random_bytes(&least_secret, sizeof(least_secret));
	*raw_ps = *least_ps = *base_ps = U64_MAX;
	for (round = 0; round < ROUNDS; round++) {
		*raw_ps = min(*raw_ps, contend(raw_alloc, raw_free, size, 1, &failed));
		*least_ps = min(*least_ps, contend(least_alloc, least_free, size, 1, &failed));
		*base_ps = min(*base_ps, contend(base_alloc, base_free, size, 1, &failed));
	}
	kmem_cache_destroy(raw_cache);
	if (least_misuse)
		return -EINVAL;
	return failed ? -ENOMEM : 0;
}
