// SPDX-License-Identifier: GPL-2.0
/*
 * <sys/ddi.h>, <sys/sunddi.h>, <sys/time.h>: the clock, delays and
 * timeout(9F).
 *
 * Theory
 *
 * 1. Vocabulary. A tick is a jiffy. lbolt is the ticks since boot:
 *    jiffies_64 less INITIAL_JIFFIES (Linux starts jiffies just before a
 *    wrap, to catch wrap bugs; illumos's lbolt starts at 0). A callout is
 *    a pending timeout(): a function, its argument and an id.
 *
 * 2. Callouts. Each is a delayed work item on ddi_callout_wq, so the
 *    function runs in process context (a worker thread): illumos callouts
 *    may take adaptive mutexes, which sleep here. Ids come from an
 *    allocating xarray, cyclically, so a spent id is not soon reused; the
 *    id is what untimeout() gets, never a pointer, so a stale id is
 *    harmless.
 *
 * 3. Lifetime. A callout is reference-counted: the xarray holds one
 *    reference while the id is live, and untimeout() holds one while it
 *    waits. Whoever removes the id from the xarray (the callback, after the
 *    function returns, or untimeout() after cancelling) drops the
 *    xarray's reference; removal is a compare-and-exchange, so it happens
 *    once.
 *
 * 4. untimeout(). Cancels a pending callout and returns the ticks it had
 *    left; for one already running, waits for the function to return
 *    (cancel_delayed_work_sync()), except from the function itself or
 *    from interrupt context (or with interrupts off), where it cannot
 *    wait, and returns -1. A callback that calls timeout() again makes a new id,
 *    which is the driver's to cancel.
 *
 * 5. Context. timeout(), untimeout(), the clock, drv_usecwait() and
 *    gethrtime() are callable from any context (untimeout() waits for a
 *    running function only where it may sleep); delay() sleeps.
 *    Module unload reports callouts still pending (a driver that left
 *    one behind) and cancels them.
 */
#include <ddi/linux.h>
#include <linux/delay.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/kref.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include <sys/time.h>

/* ---- 1. The clock ----------------------------------------------------- */

int64_t ddi_get_lbolt64(void)
{
	return (int64_t)(get_jiffies_64() - INITIAL_JIFFIES);
}
EXPORT_SYMBOL(ddi_get_lbolt64);

clock_t ddi_get_lbolt(void)
{
	return (clock_t)ddi_get_lbolt64();
}
EXPORT_SYMBOL(ddi_get_lbolt);

hrtime_t gethrtime(void)
{
	return ktime_get_ns();
}
EXPORT_SYMBOL(gethrtime);

void delay(clock_t ticks)
{
	might_sleep();
	if (ticks > 0)
		schedule_timeout_uninterruptible(min_t(clock_t, ticks, MAX_SCHEDULE_TIMEOUT - 1));
}
EXPORT_SYMBOL(delay);

void drv_usecwait(clock_t microsecs)
{
	u64 start = ktime_get_mono_fast_ns(), want;
	clock_t left = microsecs;

	if (microsecs <= 0)
		return;
	want = (u64)microsecs * NSEC_PER_USEC;
	/* udelay() is for short waits: a millisecond at a time. */
	while (left > 1000) {
		udelay(1000);
		left -= 1000;
	}
	udelay(left);
	/*
	 * udelay() counts by its own calibration, which a virtual machine's
	 * clock may not match: the wait is "at least" by the monotonic clock.
	 */
	while (ktime_get_mono_fast_ns() - start < want)
		cpu_relax();
}
EXPORT_SYMBOL(drv_usecwait);

/* ---- 2. Callouts ------------------------------------------------------ */

struct ddi_callout {
	struct delayed_work work;
	struct kref ref;
	void (*func)(void *);
	void *arg;
	u32 id;
	unsigned long expires;		/* jiffies */
};

/* Interrupt-safe: timeout() may be called from any context. */
static DEFINE_XARRAY_FLAGS(ddi_callouts, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_IRQ);
static u32 ddi_callout_next;
static struct workqueue_struct *ddi_callout_wq;

static void ddi_callout_release(struct kref *ref)
{
	kfree(container_of(ref, struct ddi_callout, ref));
}

/* Removes c's id, once (theory, 3); true if this call removed it. */
static bool ddi_callout_unlink(struct ddi_callout *c)
{
	unsigned long flags;
	void *old;

	xa_lock_irqsave(&ddi_callouts, flags);
	old = __xa_cmpxchg(&ddi_callouts, c->id, c, NULL, GFP_ATOMIC);
	xa_unlock_irqrestore(&ddi_callouts, flags);
	if (old != c)
		return false;
	kref_put(&c->ref, ddi_callout_release);
	return true;
}

static void ddi_callout_fn(struct work_struct *w)
{
	struct ddi_callout *c = container_of(to_delayed_work(w), struct ddi_callout, work);

	c->func(c->arg);
	ddi_callout_unlink(c);
}

timeout_id_t timeout(void (*func)(void *), void *arg, clock_t ticks)
{
	struct ddi_callout *c;
	unsigned long flags;
	u32 id;
	int err;

	if (!func) {
		pr_warn("ddi_compat: timeout: NULL function (from %pS)\n", (void *)_RET_IP_);
		return 0;
	}
	if (!ddi_callout_wq) {
		pr_warn("ddi_compat: timeout: before the shim's init (from %pS)\n", (void *)_RET_IP_);
		return 0;
	}
	c = kzalloc(sizeof(*c), GFP_ATOMIC);
	if (!c)
		goto nomem;
	INIT_DELAYED_WORK(&c->work, ddi_callout_fn);
	kref_init(&c->ref);
	c->func = func;
	c->arg = arg;
	ticks = clamp_t(clock_t, ticks, 1, MAX_JIFFY_OFFSET);
	c->expires = jiffies + ticks;
	xa_lock_irqsave(&ddi_callouts, flags);
	err = __xa_alloc_cyclic(&ddi_callouts, &c->id, c, xa_limit_32b, &ddi_callout_next,
				GFP_ATOMIC);
	xa_unlock_irqrestore(&ddi_callouts, flags);
	if (err < 0) {
		kfree(c);
		goto nomem;
	}
	id = c->id;
	queue_delayed_work(ddi_callout_wq, &c->work, ticks);
	return id;
nomem:
	pr_warn("ddi_compat: timeout: out of memory; %ps not scheduled (from %pS)\n", func,
		(void *)_RET_IP_);
	return 0;
}
EXPORT_SYMBOL(timeout);

clock_t untimeout(timeout_id_t id)
{
	struct ddi_callout *c;
	unsigned long flags;
	clock_t left = -1;

	if (id == 0 || id > U32_MAX)
		return -1;
	xa_lock_irqsave(&ddi_callouts, flags);
	c = xa_load(&ddi_callouts, id);
	if (c)
		kref_get(&c->ref);
	xa_unlock_irqrestore(&ddi_callouts, flags);
	if (!c)
		return -1;
	if (current_work() == &c->work.work) {
		/* From the callout's own function: it has fired. */
	} else if (in_interrupt() || irqs_disabled()) {
		/* Cannot wait here: cancel if pending, else it has fired. */
		if (cancel_delayed_work(&c->work)) {
			left = max_t(long, (long)(c->expires - jiffies), 0);
			ddi_callout_unlink(c);
		}
	} else if (cancel_delayed_work_sync(&c->work)) {
		left = max_t(long, (long)(c->expires - jiffies), 0);
		ddi_callout_unlink(c);
	}
	kref_put(&c->ref, ddi_callout_release);
	return left;
}
EXPORT_SYMBOL(untimeout);

int ddi_time_init(void);
void ddi_time_exit(void);

/* Module init and exit (ddi_compat_main.rs). */
int ddi_time_init(void)
{
	ddi_callout_wq = alloc_workqueue("ddi_callout", WQ_UNBOUND, 0);
	return ddi_callout_wq ? 0 : -ENOMEM;
}

void ddi_time_exit(void)
{
	struct ddi_callout *c;
	unsigned long id;

	xa_for_each(&ddi_callouts, id, c) {
		/* c may be gone by now: only untimeout() takes a reference. */
		if (untimeout(id) >= 0)
			pr_warn("ddi_compat: unload: timeout %lu was still pending; cancelled\n", id);
	}
	destroy_workqueue(ddi_callout_wq);
	ddi_callout_wq = NULL;
	xa_destroy(&ddi_callouts);
}
