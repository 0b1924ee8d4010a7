// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/kmem.h>. The allocator is written in Rust
 * (kmem_compat/mod.rs); these wrappers keep the hot path free of function
 * calls that C can inline:
 *
 * - the caller's address (_RET_IP_), so every report names the driver
 *   function that made the call;
 * - might_sleep() for KM_SLEEP, so DEBUG_ATOMIC_SLEEP catches misuse;
 * - the header read of kmem_free(), with __get_kernel_nofault(): inline,
 *   no fault on a wild pointer, no KASAN report on a freed buffer (the
 *   header's layout is struct ddi_kmem_hdr = layout.rs's Hdr, 16 bytes
 *   before the buffer);
 * - the counters: per-CPU, so no shared cache line and no atomic
 *   instruction; the peak of bytes in use is sampled every 64th
 *   allocation on each CPU and at every read.
 *
 * The GFP constants bindgen cannot evaluate are defined here too.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/uaccess.h>
#include <sys/kmem.h>

struct ddi_kmem_hdr {
	unsigned long caller;
	u32 size;
	u32 tag;
};

void *ddi_kmem_alloc(size_t size, int flag, bool zero, unsigned long caller);
bool ddi_kmem_free(void *buf, size_t size, unsigned long caller, const struct ddi_kmem_hdr *hdr);
void ddi_kmem_counters(u64 *allocs, u64 *frees, s64 *bytes, s64 *peak);
u32 ddi_kmem_set_mode(u32 flags);

/* For the benchmark module's debug-mode figures; not for drivers. */
EXPORT_SYMBOL_NS_GPL(ddi_kmem_set_mode, "DDI_COMPAT_INTERNAL");

extern const gfp_t ddi_gfp_kernel_nofail, ddi_gfp_noio_nofail, ddi_gfp_noio;
const gfp_t ddi_gfp_kernel_nofail = GFP_KERNEL | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio_nofail = GFP_NOIO | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio = GFP_NOIO;

struct ddi_kmem_pcpu {
	u64 allocs, frees;
	s64 bytes;
};
static DEFINE_PER_CPU(struct ddi_kmem_pcpu, ddi_kmem_pcpu);
static atomic64_t ddi_kmem_peak = ATOMIC64_INIT(0);

/* Totals over the CPUs; also samples the peak. */
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

static __always_inline void *account_alloc(void *p, size_t size)
{
	if (p) {
		this_cpu_add(ddi_kmem_pcpu.bytes, size);
		if (!(this_cpu_inc_return(ddi_kmem_pcpu.allocs) & 63))
			ddi_kmem_counters(NULL, NULL, NULL, NULL);
	}
	return p;
}

void *kmem_alloc(size_t size, int flag)
{
	if (!(flag & KM_NOSLEEP))
		might_sleep();
	return account_alloc(ddi_kmem_alloc(size, flag, false, _RET_IP_), size);
}
EXPORT_SYMBOL_GPL(kmem_alloc);

void *kmem_zalloc(size_t size, int flag)
{
	if (!(flag & KM_NOSLEEP))
		might_sleep();
	return account_alloc(ddi_kmem_alloc(size, flag, true, _RET_IP_), size);
}
EXPORT_SYMBOL_GPL(kmem_zalloc);

/* Reads the header in front of buf; false if it is not readable memory. */
static __always_inline bool peek_hdr(const void *buf, struct ddi_kmem_hdr *h)
{
	const struct ddi_kmem_hdr *src = buf - sizeof(*h);

	/* Kernel addresses only, aligned as our buffers are. */
	if ((unsigned long)buf < TASK_SIZE_MAX + PAGE_SIZE || !IS_ALIGNED((unsigned long)buf, 16))
		return false;
	pagefault_disable();
	__get_kernel_nofault(&h->caller, &src->caller, unsigned long, fault);
	__get_kernel_nofault(&h->size, &src->size, u64, fault);	/* size and tag */
	pagefault_enable();
	return true;
fault:
	pagefault_enable();
	return false;
}

void kmem_free(void *buf, size_t size)
{
	struct ddi_kmem_hdr h;

	if (ddi_kmem_free(buf, size, _RET_IP_, peek_hdr(buf, &h) ? &h : NULL)) {
		this_cpu_inc(ddi_kmem_pcpu.frees);
		this_cpu_sub(ddi_kmem_pcpu.bytes, size);
	}
}
EXPORT_SYMBOL_GPL(kmem_free);
