// SPDX-License-Identifier: GPL-2.0
/*
 * <sys/vmem.h>: vmem arenas of identifiers on a Linux IDA.
 *
 * Theory
 *
 * 1. Vocabulary. An arena is a range of numbers [first, last]; a number
 *    is allocated (handed out by vmem_alloc(), until its vmem_free()) or
 *    free. illumos's vmem also manages memory, imports spans from a
 *    source arena and caches small sizes; drivers use VMC_IDENTIFIER
 *    arenas of quantum 1 for numbers (clone minors, ids), and that is the
 *    part provided here.
 *
 * 2. Data structures. The allocated numbers are an IDA (a radix tree of
 *    bitmaps): vmem_alloc() is ida_alloc_range(), the lowest free number
 *    of the range (VM_BESTFIT and VM_FIRSTFIT give the same one for
 *    single numbers), or with VM_NEXTFIT the lowest free one from a
 *    cursor past the last VM_NEXTFIT number on, wrapping round, so that a
 *    freed number is not handed out again at once. The range
 *    is clamped to 1..INT_MAX: 0 is vmem_alloc()'s failure, and the IDA
 *    holds no more. A count of allocated numbers lets vmem_destroy()
 *    report what was not given back.
 *
 * 3. Waiting. A VM_SLEEP allocation in a full arena sleeps on the
 *    arena's wait queue until a vmem_free(); one the IDA fails for memory
 *    sleeps a tick and tries again. VM_NOSLEEP ones fail at once.
 *
 * 4. Locking. The IDA has its own lock (irq-safe). The arena's free lock
 *    makes vmem_free()'s "is it allocated?" check and its release one
 *    step, so that a double free is reported rather than passed to
 *    ida_free() (which WARNs). Reports are printed with no lock held.
 *
 * 5. Costs. vmem_alloc() and vmem_free() are O(log n) in the largest
 *    number handed out; memory is about one bit per number in use, in
 *    128-byte bitmaps.
 */
#include <ddi/linux.h>
#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/idr.h>
#include <linux/limits.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <sys/vmem.h>

#define VMEM_NAMELEN	32

/*
 * An arena.
 *
 * # Invariants
 * first <= last <= INT_MAX and first >= 1; live counts the numbers of
 * the IDA, which are all in [first, last].
 */
struct vmem {
	struct ida ida;
	unsigned int first, last;
	unsigned int next;		/* VM_NEXTFIT's cursor, in [first, last] */
	spinlock_t free_lock;		/* one vmem_free() at a time (theory, 4) */
	atomic_long_t live;		/* numbers allocated */
	atomic_t frees;			/* vmem_free() calls, for waiters */
	wait_queue_head_t wq;		/* VM_SLEEP allocations of a full arena */
	char name[VMEM_NAMELEN];
};

#define vmem_warn(fmt, ...) \
	pr_warn("ddi_compat: " fmt " (from %pS)\n", ##__VA_ARGS__, (void *)caller)

vmem_t *vmem_create(const char *name, void *base, size_t size, size_t quantum,
		    vmem_alloc_t *afunc, vmem_free_t *ffunc, vmem_t *source, size_t qcache_max,
		    int vmflag)
{
	unsigned long caller = _RET_IP_;
	unsigned long b = (unsigned long)base, end;
	const char *n = name ? name : "(no name)";
	struct vmem *vmp;

	if (quantum != 1 || afunc || ffunc || source || !size) {
		vmem_warn("vmem_create: %s: only arenas of numbers (quantum 1, no import, size > 0) are provided",
			  n);
		return NULL;
	}
	if (!(vmflag & VMC_IDENTIFIER))
		vmem_warn("vmem_create: %s: taken as VMC_IDENTIFIER (no memory arenas here)", n);
	/* qcache_max: no quantum caches, and none needed for single numbers. */
	end = b + size - 1 < b ? ULONG_MAX : b + size - 1;
	if (end < 1 || b > INT_MAX) {
		vmem_warn("vmem_create: %s: [%lu, %lu] has no number in 1..INT_MAX", n, b, end);
		return NULL;
	}
	vmp = kzalloc(sizeof(*vmp), (vmflag & VM_NOSLEEP) ? GFP_NOWAIT : GFP_KERNEL);
	if (!vmp) {
		vmem_warn("vmem_create: %s: out of memory", n);
		return NULL;
	}
	ida_init(&vmp->ida);
	vmp->first = max(b, 1UL);
	vmp->last = min(end, (unsigned long)INT_MAX);
	vmp->next = vmp->first;
	spin_lock_init(&vmp->free_lock);
	init_waitqueue_head(&vmp->wq);
	strscpy(vmp->name, n, sizeof(vmp->name));
	return vmp;
}
EXPORT_SYMBOL(vmem_create);

void *vmem_alloc(vmem_t *vmp, size_t size, int vmflag)
{
	unsigned long caller = _RET_IP_;
	bool sleep = !(vmflag & VM_NOSLEEP);
	gfp_t gfp = sleep ? GFP_KERNEL : GFP_NOWAIT;
	bool nextfit = vmflag & VM_NEXTFIT;
	unsigned int from;
	int id, frees;

	if (!vmp || size != 1) {
		vmem_warn("vmem_alloc: %s", !vmp ? "NULL arena" : "only one number (size 1) at a time");
		return NULL;
	}
	if (sleep)
		might_sleep();
	for (;;) {
		frees = atomic_read(&vmp->frees);
		from = nextfit ? READ_ONCE(vmp->next) : vmp->first;
		id = ida_alloc_range(&vmp->ida, from, vmp->last, gfp);
		if (id == -ENOSPC && from > vmp->first)		/* wrap round */
			id = ida_alloc_range(&vmp->ida, vmp->first, vmp->last, gfp);
		if (id >= 0) {
			/* A racing VM_NEXTFIT may move the cursor back: a hint only. */
			if (nextfit)
				WRITE_ONCE(vmp->next, id == vmp->last ? vmp->first : id + 1);
			atomic_long_inc(&vmp->live);
			return (void *)(uintptr_t)id;
		}
		if (!sleep)
			return NULL;
		if (id == -ENOSPC)
			wait_event(vmp->wq, atomic_read(&vmp->frees) != frees);
		else
			schedule_timeout_uninterruptible(1);
	}
}
EXPORT_SYMBOL(vmem_alloc);

void vmem_free(vmem_t *vmp, void *vaddr, size_t size)
{
	unsigned long caller = _RET_IP_;
	unsigned long id = (unsigned long)vaddr, flags;
	bool was;

	if (!vmp || size != 1 || id < vmp->first || id > vmp->last) {
		vmem_warn("vmem_free: %s", !vmp ? "NULL arena" :
			  size != 1 ? "only one number (size 1) at a time" :
			  "a number outside the arena");
		return;
	}
	spin_lock_irqsave(&vmp->free_lock, flags);
	was = ida_exists(&vmp->ida, id);
	if (was)
		ida_free(&vmp->ida, id);
	spin_unlock_irqrestore(&vmp->free_lock, flags);
	if (!was) {
		vmem_warn("vmem_free: %s: %lu is not allocated; ignored", vmp->name, id);
		return;
	}
	atomic_long_dec(&vmp->live);
	atomic_inc(&vmp->frees);
	wake_up_all(&vmp->wq);
}
EXPORT_SYMBOL(vmem_free);

void vmem_destroy(vmem_t *vmp)
{
	unsigned long caller = _RET_IP_;
	long live;

	if (!vmp)
		return;
	live = atomic_long_read(&vmp->live);
	if (live)
		vmem_warn("vmem_destroy: %s: %ld numbers still allocated (leaked)", vmp->name, live);
	ida_destroy(&vmp->ida);
	kfree(vmp);
}
EXPORT_SYMBOL(vmem_destroy);
