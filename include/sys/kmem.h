/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/kmem.h>, Solaris/SVR5 kernel memory (kmem_alloc(9F))
 * and illumos's object caches (kmem_cache_create(9F)), implemented by the
 * ddi_compat module.
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
 * the buffers allocated, and the caches created, from then on. Not for
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

/*
 * Object caches (kmem_cache_create(9F)). Linux has kmem_cache_create()
 * and its family too, so the link names are ddi_kmem_cache_*(): Solaris
 * code calls them by illumos's names (macros below), Linux glue
 * (DDI_LINUX_GLUE) by the link names. kmem_cache_t is ours, not Linux's
 * struct kmem_cache.
 *
 * Objects are constructed at every kmem_cache_alloc() and destroyed at
 * every kmem_cache_free(), which the man page allows ("the allocator may
 * call the constructor and destructor on objects still under its control
 * at any time"): the shim keeps no freed object, so KASAN sees every use
 * after free. Every kmem_cache_free() is checked: an object of another
 * cache, a double free, a kmem_alloc() buffer or a foreign pointer is
 * reported with the callers and counted, and not freed.
 */
#define KMC_NOTOUCH	0x00010000	/* no debug patterns (as KMC_NODEBUG) */
#define KMC_NODEBUG	0x00020000	/* no kmem_flags debug modes for this cache */
#define KMC_NOMAGAZINE	0x00040000	/* accepted; no effect (no magazines) */
#define KMC_NOHASH	0x00080000	/* accepted; no effect (no hash) */

typedef struct ddi_kmem_cache kmem_cache_t;

/**
 * ddi_kmem_cache_create() - kmem_cache_create(9F): a cache of objects.
 * @name: its name, of which 31 characters are kept; the kernel's slab
 * cache is "<name>.<n>" (/proc/slabinfo), n the cache's number.
 * @bufsize: the objects' size (not 0).
 * @align: their alignment: 0 (16 bytes) or a power of two up to 4096.
 * @constructor: NULL, or called on every object kmem_cache_alloc()
 * returns, with the object, @private and the allocation's flags; it
 * returns 0, or non-zero when it cannot construct (allowed under
 * KM_NOSLEEP only): then kmem_cache_alloc() returns NULL.
 * @destructor: NULL, or called on every object kmem_cache_free() frees,
 * with the object and @private.
 * @reclaim: accepted and never called (nothing is cached to reclaim).
 * @private: passed to @constructor and @destructor.
 * @vmp: NULL (as drivers pass; another value is reported and ignored).
 * @cflags: 0, or KMC_NOTOUCH, KMC_NODEBUG, KMC_NOMAGAZINE, KMC_NOHASH;
 * other bits are reported and ignored.
 *
 * The debug modes of kmem_flags (KMF_DEADBEEF, KMF_REDZONE) in force at
 * creation apply to the cache's objects, unless @cflags has KMC_NODEBUG
 * or KMC_NOTOUCH.
 *
 * Context: Process context. May sleep, for memory as long as it takes.
 * Return: the cache; NULL (with a warning naming the caller) only for a
 * NULL @name, a @bufsize of 0 or too large for a slab object, or a bad
 * @align.
 */
kmem_cache_t *ddi_kmem_cache_create(const char *name, size_t bufsize, size_t align,
				    int (*constructor)(void *, void *, int),
				    void (*destructor)(void *, void *), void (*reclaim)(void *),
				    void *private, void *vmp, int cflags);

/**
 * ddi_kmem_cache_alloc() - kmem_cache_alloc(9F): an object, constructed.
 * @cp: the cache.
 * @kmflag: as kmem_alloc()'s flag (the constructor gets it too).
 *
 * Context: KM_SLEEP may sleep (process context only); KM_NOSLEEP never
 * sleeps and is callable from any context. The constructor runs in the
 * caller's context.
 * Return: the object; NULL with KM_NOSLEEP when memory is short, when the
 * constructor fails (reported under KM_SLEEP), or when @cp is not a live
 * cache (reported). KM_PANIC panics where memory is short.
 */
void *ddi_kmem_cache_alloc(kmem_cache_t *cp, int kmflag);

/**
 * ddi_kmem_cache_free() - kmem_cache_free(9F): destroy and free an object.
 * @cp: the cache it came from.
 * @obj: an object of @cp, in its constructed state.
 *
 * Anything but a live object of @cp is reported and left alone; in
 * redzone mode so is an object written past its end.
 * Context: Any context. Does not sleep; the destructor runs in the
 * caller's context.
 */
void ddi_kmem_cache_free(kmem_cache_t *cp, void *obj);

/**
 * ddi_kmem_cache_destroy() - kmem_cache_destroy(9F): destroy an empty cache.
 * @cp: the cache, whose objects have all been freed.
 *
 * A cache with objects still allocated is reported and left in place
 * (leaked): its objects stay valid and may still be freed, and
 * kmem_cache_alloc() from it returns NULL.
 * Context: Process context. May sleep.
 */
void ddi_kmem_cache_destroy(kmem_cache_t *cp);

#ifndef DDI_LINUX_GLUE
#define kmem_cache		ddi_kmem_cache
#define kmem_cache_create	ddi_kmem_cache_create
#define kmem_cache_alloc	ddi_kmem_cache_alloc
#define kmem_cache_free		ddi_kmem_cache_free
#define kmem_cache_destroy	ddi_kmem_cache_destroy
#endif

#endif /* _DDI_COMPAT_SYS_KMEM_H */
