// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/kmem.h>. kmem_alloc(), kmem_zalloc() and kmem_free() are
 * written in Rust (kmem_compat/mod.rs: naked entries that pass the
 * caller's address on to the implementation); this file checks them
 * against the header's prototypes and exports them, and supplies what Rust
 * cannot spell:
 *
 * - the per-CPU counters (kmem_compat/cpu.rs updates them with %gs-relative
 *   instructions, as this_cpu_add() does) and their totals; the peak of
 *   bytes in use is sampled every 64th allocation on each CPU and at every
 *   read;
 * - the per-CPU magazines (cpu.rs), emptied here at unload, and the
 *   reschedule of cpu.rs's preempt_enable();
 * - build-time checks of the constants cpu.rs uses (exception-table
 *   types, preempt_count() bits);
 * - the GFP constants bindgen cannot evaluate.
 */
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <asm/extable_fixup_types.h>
#include <sys/kmem.h>

void ddi_kmem_counters(u64 *allocs, u64 *frees, s64 *bytes, s64 *peak);
u32 ddi_kmem_set_mode(u32 flags);

/* For the benchmark module's debug-mode figures; not for drivers. */
EXPORT_SYMBOL_NS_GPL(ddi_kmem_set_mode, "DDI_COMPAT_INTERNAL");

extern const gfp_t ddi_gfp_kernel_nofail, ddi_gfp_noio_nofail, ddi_gfp_noio;
const gfp_t ddi_gfp_kernel_nofail = GFP_KERNEL | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio_nofail = GFP_NOIO | __GFP_NOFAIL;
const gfp_t ddi_gfp_noio = GFP_NOIO;

/* kmem_compat/cpu.rs's Pcpu; updated there, summed here. */
struct ddi_kmem_pcpu {
	u64 allocs, frees;
	s64 bytes;
};
static_assert(offsetof(struct ddi_kmem_pcpu, frees) == 8);
static_assert(offsetof(struct ddi_kmem_pcpu, bytes) == 16);
DECLARE_PER_CPU(struct ddi_kmem_pcpu, ddi_kmem_pcpu);
DEFINE_PER_CPU(struct ddi_kmem_pcpu, ddi_kmem_pcpu);
static atomic64_t ddi_kmem_peak = ATOMIC64_INIT(0);

/* cpu.rs's Mag: a per-CPU stack of free objects of one class. */
struct ddi_kmem_mag {
	u32 n;
	void *obj[8];
};
DECLARE_PER_CPU(struct ddi_kmem_mag[13], ddi_kmem_mags);
DEFINE_PER_CPU(struct ddi_kmem_mag[13], ddi_kmem_mags);
static_assert(sizeof(struct ddi_kmem_mag) == 72);

/*
 * cpu.rs's NOT_TASK: the preempt_count() bits that in_task() tests; and
 * the count's shape that cpu.rs's 64-bit increment and decrement-and-test
 * rely on (as __preempt_count_dec_and_test()'s "decq").
 */
static_assert((NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET) == 0xff000100);
static_assert(sizeof(__preempt_count) == 8 && PREEMPT_NEED_RESCHED == 1UL << 63);
#ifndef CONFIG_HAS_SEPARATE_PREEMPT_RESCHED_BITS
#error "kmem_compat/cpu.rs expects a 64-bit preempt count (x86-64)"
#endif

#ifdef CONFIG_PREEMPTION
void ddi_preempt_schedule(void);

/*
 * What preempt_enable() calls when the count drops to 0 with a reschedule
 * due (a static call with PREEMPT_DYNAMIC); for cpu.rs's with_mag().
 */
void ddi_preempt_schedule(void)
{
	__preempt_schedule();
}
#endif

void ddi_kmem_mags_drain(void (*release)(unsigned int class, void *obj));

/*
 * Empties every CPU's magazines into release(); at module exit, when no
 * kmem call can run.
 */
void ddi_kmem_mags_drain(void (*release)(unsigned int class, void *obj))
{
	unsigned int c;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct ddi_kmem_mag *m = *per_cpu_ptr(&ddi_kmem_mags, cpu);

		for (c = 0; c < 13; c++)
			while (m[c].n)
				release(c, m[c].obj[--m[c].n]);
	}
}

/* cpu.rs's EX_ZERO_RAX and EX_ZERO_RDX. */
static_assert((EX_TYPE_ZERO_REG | EX_DATA_REG(0)) == 17);
static_assert((EX_TYPE_ZERO_REG | EX_DATA_REG(2)) == (17 | 2 << 8));

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

EXPORT_SYMBOL_GPL(kmem_alloc);
EXPORT_SYMBOL_GPL(kmem_zalloc);
EXPORT_SYMBOL_GPL(kmem_free);
