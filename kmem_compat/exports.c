// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/kmem.h>. kmem_alloc(), kmem_zalloc(), kmem_free() and the
 * kmem_cache_*() calls are written in Rust (kmem_compat/mod.rs, cache.rs);
 * the entry points here pass the caller's address (_RET_IP_) on to them,
 * so that every report names the driver function that made the call: a
 * tail call (unless the kernel is built with frame pointers), so the entry
 * adds no frame. The kmem_cache_*() entries have the link names
 * ddi_kmem_cache_*(), since Linux has functions and macros of their own
 * names (<sys/kmem.h> maps Solaris code's calls onto ours). This file also
 * supplies what Rust has no binding for, each a kernel macro or inline
 * function called from one small function:
 *
 * - the per-CPU counters (this_cpu_add()) and their totals; the peak of
 *   bytes in use is sampled every 64th allocation on each CPU and at
 *   every read;
 * - the slab caches (kmem_cache_create(), kmem_cache_alloc(),
 *   kmem_cache_free(), with init_on_alloc/init_on_free honoured); big
 *   buffers use ddi/mem.rs (kvmalloc() and kvfree_atomic());
 * - the GFP constants bindgen cannot evaluate, KMALLOC_MAX_SIZE, and
 *   panic() (variadic) for KM_PANIC.
 */
#include <ddi/linux.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/panic.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <sys/kmem.h>

void *ddi_kmem_alloc(size_t size, int flag, unsigned long caller);
void *ddi_kmem_zalloc(size_t size, int flag, unsigned long caller);
void ddi_kmem_free(void *buf, size_t size, unsigned long caller);

void *kmem_alloc(size_t size, int flag)
{
	return ddi_kmem_alloc(size, flag, _RET_IP_);
}
EXPORT_SYMBOL(kmem_alloc);

void *kmem_zalloc(size_t size, int flag)
{
	return ddi_kmem_zalloc(size, flag, _RET_IP_);
}
EXPORT_SYMBOL(kmem_zalloc);

void kmem_free(void *buf, size_t size)
{
	ddi_kmem_free(buf, size, _RET_IP_);
}
EXPORT_SYMBOL(kmem_free);

kmem_cache_t *ddi_cache_create(const char *name, size_t bufsize, size_t align,
			       int (*constructor)(void *, void *, int),
			       void (*destructor)(void *, void *), void (*reclaim)(void *),
			       void *private, void *vmp, int cflags, unsigned long caller);
void *ddi_cache_alloc(kmem_cache_t *cp, int kmflag, unsigned long caller);
void ddi_cache_free(kmem_cache_t *cp, void *obj, unsigned long caller);
void ddi_cache_destroy(kmem_cache_t *cp, unsigned long caller);

kmem_cache_t *ddi_kmem_cache_create(const char *name, size_t bufsize, size_t align,
				    int (*constructor)(void *, void *, int),
				    void (*destructor)(void *, void *), void (*reclaim)(void *),
				    void *private, void *vmp, int cflags)
{
	return ddi_cache_create(name, bufsize, align, constructor, destructor, reclaim, private,
				vmp, cflags, _RET_IP_);
}
EXPORT_SYMBOL(ddi_kmem_cache_create);

void *ddi_kmem_cache_alloc(kmem_cache_t *cp, int kmflag)
{
	return ddi_cache_alloc(cp, kmflag, _RET_IP_);
}
EXPORT_SYMBOL(ddi_kmem_cache_alloc);

void ddi_kmem_cache_free(kmem_cache_t *cp, void *obj)
{
	ddi_cache_free(cp, obj, _RET_IP_);
}
EXPORT_SYMBOL(ddi_kmem_cache_free);

void ddi_kmem_cache_destroy(kmem_cache_t *cp)
{
	ddi_cache_destroy(cp, _RET_IP_);
}
EXPORT_SYMBOL(ddi_kmem_cache_destroy);

u32 ddi_kmem_set_mode(u32 flags);
u64 ddi_kmem_stat(const char *name);

/* For the benchmark module's debug-mode figures; not for drivers. */
EXPORT_SYMBOL_NS_GPL(ddi_kmem_set_mode, "DDI_COMPAT_INTERNAL");
/* For the C KUnit suites: a misuse counter by its debugfs name. */
EXPORT_SYMBOL_NS_GPL(ddi_kmem_stat, "DDI_COMPAT_INTERNAL");

extern const gfp_t ddi_gfp_kernel_nofail, ddi_gfp_noio_nofail, ddi_gfp_noio;
const gfp_t ddi_gfp_kernel_nofail = GFP_KERNEL | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio_nofail = GFP_NOIO | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio = GFP_NOIO;

/* The largest slab object kmem_cache_create() accepts. */
extern const size_t ddi_slab_max_size;
const size_t ddi_slab_max_size = KMALLOC_MAX_SIZE;

void __noreturn ddi_kmem_panic(const char *what, size_t size, unsigned long caller);

/* KM_PANIC: an allocation that cannot be satisfied panics, as on illumos. */
void __noreturn ddi_kmem_panic(const char *what, size_t size, unsigned long caller)
{
	panic("%s: %zu bytes with KM_PANIC from %pS: no memory\n", what, size, (void *)caller);
}

/* 1. Counters. ------------------------------------------------------------ */

struct ddi_kmem_pcpu {
	u64 allocs, frees;
	s64 bytes;
};
static DEFINE_PER_CPU(struct ddi_kmem_pcpu, ddi_kmem_pcpu);
static atomic64_t ddi_kmem_peak = ATOMIC64_INIT(0);

void ddi_kmem_counters(u64 *allocs, u64 *frees, s64 *bytes, s64 *peak);
void ddi_kmem_count_alloc(size_t size);
void ddi_kmem_count_free(size_t size);

/* Totals over the CPUs; also samples the peak. Any context. */
void ddi_kmem_counters(u64 *allocs, u64 *frees, s64 *bytes, s64 *peak)
{
	u64 a = 0, f = 0;
	s64 b = 0, p;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct ddi_kmem_pcpu *c = per_cpu_ptr(&ddi_kmem_pcpu, cpu);

		a += READ_ONCE(c->allocs);
		f += READ_ONCE(c->frees);
		b += READ_ONCE(c->bytes);
	}
	p = atomic64_read(&ddi_kmem_peak);
	while (b > p && !atomic64_try_cmpxchg(&ddi_kmem_peak, &p, b))
		;
	if (allocs)
		*allocs = a;
	if (frees)
		*frees = f;
	if (bytes)
		*bytes = b;
	if (peak)
		*peak = max(p, b);
}

/* Counts an allocation of size bytes on this CPU. Any context. */
void ddi_kmem_count_alloc(size_t size)
{
	this_cpu_add(ddi_kmem_pcpu.bytes, size);
	if (!(this_cpu_add_return(ddi_kmem_pcpu.allocs, 1) & 63))
		ddi_kmem_counters(NULL, NULL, NULL, NULL);
}

/* Counts a free of size bytes on this CPU. Any context. */
void ddi_kmem_count_free(size_t size)
{
	this_cpu_inc(ddi_kmem_pcpu.frees);
	this_cpu_sub(ddi_kmem_pcpu.bytes, size);
}

/* 2. Memory. -------------------------------------------------------------- */

struct kmem_cache *ddi_slab_create(const char *name, unsigned int size, unsigned int align,
				   unsigned int useroffset, unsigned int usersize,
				   void (*ctor)(void *));
void *ddi_slab_alloc(struct kmem_cache *cache, gfp_t gfp);
void ddi_slab_free(struct kmem_cache *cache, void *obj, unsigned int keep);

/*
 * A cache of size-byte objects aligned to align, whose usersize bytes at
 * useroffset may be copied to and from user space. May sleep.
 */
struct kmem_cache *ddi_slab_create(const char *name, unsigned int size, unsigned int align,
				   unsigned int useroffset, unsigned int usersize,
				   void (*ctor)(void *))
{
	struct kmem_cache_args args = {
		.align = align,
		.useroffset = useroffset,
		.usersize = usersize,
		.ctor = ctor,
	};

	return kmem_cache_create(name, size, &args, 0);
}

/*
 * Our slab caches have a constructor (see kmem_compat/slab.rs), which exempts
 * them from SLUB's own init_on_alloc and init_on_free clearing: these two
 * clear in its place, so that booting with init_on_alloc=1 or
 * init_on_free=1 (or a kernel built with them on) covers kmem buffers too.
 */

/* kmem_cache_alloc(), cleared under init_on_alloc. Sleeps only if gfp allows. */
void *ddi_slab_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	void *obj = kmem_cache_alloc(cache, gfp);

	if (obj && want_init_on_alloc(gfp))
		memset(obj, 0, kmem_cache_size(cache));
	return obj;
}

/*
 * kmem_cache_free(); under init_on_free, clears the object first but for
 * its first keep bytes (the header, which a double free is recognised by).
 * Any context.
 */
void ddi_slab_free(struct kmem_cache *cache, void *obj, unsigned int keep)
{
	if (want_init_on_free())
		memset(obj + keep, 0, kmem_cache_size(cache) - keep);
	kmem_cache_free(cache, obj);
}
