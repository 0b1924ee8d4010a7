/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/kmem.h>, Solaris/SVR5 kernel memory (kmem_alloc(9F)),
 * implemented by the ddi_compat module.
 *
 * Every kmem_free() is checked against the exact size given to
 * kmem_alloc(): a wrong size, a double free, a foreign or interior pointer,
 * or NULL with a non-zero size is reported (with both callers and both
 * sizes) and counted in /sys/kernel/debug/ddi_compat/kmem, and the buffer
 * is left alone rather than freed.
 *
 * Buffers are at least 16-byte aligned. Below 8 KiB, power-of-two sizes
 * are NOT naturally aligned (a 16-byte header precedes them); buffers of
 * 8 KiB and more are page-aligned and may be virtually contiguous only
 * (vmalloc), as SVR5 allows: do not use kmem memory for DMA.
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
#ifndef _DDI_COMPAT_SYS_KMEM_H
#define _DDI_COMPAT_SYS_KMEM_H

#include <sys/types.h>

#define KM_SLEEP	0x0000	/* may sleep; never returns NULL */
#define KM_NOSLEEP	0x0001	/* never sleeps; may return NULL */
#define KM_PANIC	0x0002	/* if the memory cannot be had, panic */
#define KM_PUSHPAGE	0x0004	/* may use reserves (I/O paths): GFP_NOIO/GFP_ATOMIC */
#define KM_NORMALPRI	0x0008	/* accepted; no effect */
#define KM_NO_DMA	0x0100	/* SCO OpenServer; no effect (never DMA memory) */

/*
 * Other bits of a kmem flag are masked off: the call goes on with the
 * known ones (KM_SLEEP still never returns NULL), and the caller is
 * reported once per call site and counted (bad_flags in
 * /sys/kernel/debug/ddi_compat/kmem).
 */

/*
 * The bits of the ddi_compat module parameter kmem_flags, which are
 * illumos's kmem_flags bits (set in /etc/system there): a debug mode for
 * the buffers allocated from then on. Not for
 * use in drivers' calls. KMF_CONTENTS and KMF_NOMAGAZINE are accepted and
 * have no effect here (we keep no transaction log, no freed buffer and no
 * magazine layer: per-CPU caching is the kernel's slab's); other bits are
 * reported at load and ignored.
 */
#define KMF_AUDIT	0x00000001	/* list live buffers with their callers */
#define KMF_DEADBEEF	0x00000002	/* fill 0xbaddcafe at alloc, 0xdeadbeef at free */
#define KMF_REDZONE	0x00000004	/* 8 bytes past the end, checked at free */
#define KMF_CONTENTS	0x00000008	/* accepted; no effect */
#define KMF_NOMAGAZINE	0x00000020	/* accepted; no effect */

/**
 * kmem_alloc() - Allocate kernel memory (kmem_alloc(9F)).
 * @size: bytes.
 * @flag: KM_SLEEP or KM_NOSLEEP, with KM_PANIC, KM_PUSHPAGE, KM_NORMALPRI
 * or KM_NO_DMA.
 *
 * Not zeroed (filled with 0xbaddcafe under KMF_DEADBEEF). With KM_PANIC,
 * an allocation that would return NULL for want of memory (or because
 * @size is above INT_MAX) panics instead.
 *
 * Context: KM_SLEEP may sleep (process context only); KM_NOSLEEP never
 * sleeps and is callable from any context.
 * Return: the buffer; NULL when @size is 0, when @size is above INT_MAX
 * (with a warning naming the caller for KM_SLEEP), or with KM_NOSLEEP when
 * memory is short.
 */
void *kmem_alloc(size_t size, int flag);

/* kmem_zalloc(9F): as kmem_alloc(), zero-filled. */
void *kmem_zalloc(size_t size, int flag);

/*
 * kmem_free(9F): frees a buffer of exactly size bytes from kmem_alloc() or
 * kmem_zalloc(). kmem_free(NULL, 0) does nothing.
 * Does not sleep, whatever the size; callable from any context.
 */
void kmem_free(void *buf, size_t size);

#endif /* _DDI_COMPAT_SYS_KMEM_H */
