// SPDX-License-Identifier: GPL-2.0
/*
 * The driver frame, poll side: a Linux file's poll() as the driver's
 * chpoll(9E), and the poll heads of <sys/poll.h>.
 *
 * 1. Vocabulary. A poll head (pollhead_t) is the driver's: one per thing
 *    that can become ready, usually in its soft state. A poller is a
 *    poll(2), select(2) or epoll waiter on a Linux wait queue, the head's.
 *
 * 2. Data structures. The head holds a wait_queue_head_t after ph_list;
 *    ph_list points at it once it is set up (the first poller's wait),
 *    so a zero-filled head is a valid one and ph_list says whether anyone
 *    has waited, as drivers test it. ddi_poll_lock makes two first waits
 *    on one head set it up once.
 *
 * 3. The call. Linux registers a poller on every poll() that may wait,
 *    before it sleeps; illumos drivers hand back their poll head only
 *    when nothing is pending (or when POLLET asks for it). So the frame
 *    passes POLLET when the caller may wait, asks again with no events if
 *    the driver gave no head, and after registering on the head asks a
 *    third time if nothing was pending: an event between the driver's
 *    check and the registration is then seen, not lost.
 *
 * 4. Events are translated (ddi_poll_to_linux(), ddi_poll_from_linux());
 *    the low eight bits agree, POLLWRNORM, POLLWRBAND and POLLRDHUP do not.
 *
 * 5. Going away. pollhead_clean() wakes pollers with POLLFREE
 *    (wake_up_pollfree(): epoll drops its entries) and, if the queue
 *    (looked at under its lock) had any, waits an RCU grace period, since
 *    epoll may still be about to take the queue's lock; the driver may
 *    then free the head. poll(2) and select(2) waiters are not detached:
 *    they hold a reference to their file, so a head is cleaned while none
 *    can wait on it (close(9E) of the last file that polls it, or detach).
 *
 * 6. Locking and context. pollwakeup() takes only the queue's own lock
 *    (irq-safe): any context. The driver's chpoll(9E) runs with no lock
 *    of ours held.
 *
 * 7. Ordering. A driver may change its state and pollwakeup() without
 *    the lock its chpoll(9E) takes: a full barrier between a waiter's
 *    registration and its second look at the state, and one between the
 *    waker's state change and its look at ph_list, keep both from missing
 *    each other.
 */
#include "frame.h"
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <sys/poll.h>

/* illumos's event bits (<sys/poll.h>, whose names Linux glue lacks). */
#define SOL_POLLOUT	0x0004
#define SOL_POLLWRBAND	0x0100
#define SOL_POLLET	0x2000
#define SOL_POLLRDHUP	0x4000
#define SOL_POLLLOW	0x00ff	/* IN PRI OUT ERR HUP NVAL RDNORM RDBAND: same values */

struct ddi_pollhead {
	wait_queue_head_t *ph_list;	/* &wq once set up, else NULL */
	wait_queue_head_t wq;
};

static_assert(offsetof(struct ddi_pollhead, ph_list) == offsetof(pollhead_t, ph_list));
static_assert(sizeof(struct ddi_pollhead) <= sizeof(pollhead_t));
static_assert(__alignof__(struct ddi_pollhead) <= __alignof__(pollhead_t));
static_assert(EPOLLIN == 0x1 && EPOLLOUT == 0x4 && EPOLLRDBAND == 0x80);

/* Serialises the first wait on zero-filled heads (theory, 2). */
static DEFINE_SPINLOCK(ddi_poll_lock);

__poll_t ddi_poll_to_linux(short ev)
{
	__poll_t m = (__force __poll_t)(ev & SOL_POLLLOW);

	if (ev & SOL_POLLOUT)
		m |= EPOLLWRNORM;
	if (ev & SOL_POLLWRBAND)
		m |= EPOLLWRBAND;
	if (ev & SOL_POLLRDHUP)
		m |= EPOLLRDHUP;
	return m;
}

short ddi_poll_from_linux(__poll_t m)
{
	short ev = (__force u32)m & SOL_POLLLOW;

	if (m & EPOLLWRNORM)
		ev |= SOL_POLLOUT;
	if (m & EPOLLWRBAND)
		ev |= SOL_POLLWRBAND;
	if (m & EPOLLRDHUP)
		ev |= SOL_POLLRDHUP;
	return ev;
}

/* The head's wait queue, set up by its first waiter (theory, 2). */
static wait_queue_head_t *ddi_pollhead_wq(struct pollhead *php)
{
	struct ddi_pollhead *h = (struct ddi_pollhead *)php;
	unsigned long flags;

	if (!smp_load_acquire(&h->ph_list)) {
		spin_lock_irqsave(&ddi_poll_lock, flags);
		if (!h->ph_list) {
			init_waitqueue_head(&h->wq);
			smp_store_release(&h->ph_list, &h->wq);
		}
		spin_unlock_irqrestore(&ddi_poll_lock, flags);
	}
	return &h->wq;
}

/* Calls chpoll(9E), reporting a failure; returns its errno. */
static int ddi_chpoll(struct ddi_driver *drv, dev_t dev, short events, int anyyet,
		      short *revents, struct pollhead **php)
{
	int err = drv->cb->cb_chpoll(dev, events, anyyet, revents, php);

	if (err)
		pr_warn_ratelimited("%s: chpoll(9E) of minor %u failed (%d)\n", drv->glue->name,
				    MINOR(dev), err);
	return err;
}

__poll_t ddi_fop_poll(struct file *f, poll_table *pt)
{
	struct ddi_driver *drv = container_of(f->f_op, struct ddi_driver, fops);
	dev_t dev = (dev_t)(uintptr_t)f->private_data;
	short events = ddi_poll_from_linux(poll_requested_events(pt));
	bool wait = pt && pt->_qproc;	/* as poll_wait() tests */
	struct pollhead *ph = NULL, *again = NULL;
	short rev = 0, none = 0;

	if (ddi_chpoll(drv, dev, events | (wait ? SOL_POLLET : 0), 0, &rev, &ph))
		return EPOLLERR;
	if (!wait)
		return ddi_poll_to_linux(rev);
	if (!ph && ddi_chpoll(drv, dev, 0, 0, &none, &ph))
		return EPOLLERR;
	if (!ph) {
		pr_warn_ratelimited("%s: chpoll(9E) of minor %u gave no poll head to wait on\n",
				    drv->glue->name, MINOR(dev));
		return ddi_poll_to_linux(rev) | EPOLLERR;
	}
	poll_wait(f, ddi_pollhead_wq(ph), pt);
	smp_mb();	/* theory, 7: registered, then look again */
	if (!rev && ddi_chpoll(drv, dev, events, 1, &rev, &again))
		return EPOLLERR;
	return ddi_poll_to_linux(rev);
}

void pollwakeup(pollhead_t *php, short events)
{
	struct ddi_pollhead *h = (struct ddi_pollhead *)php;
	wait_queue_head_t *wq;

	if (!php) {
		pr_warn("ddi_compat: pollwakeup: NULL poll head (from %pS)\n",
			(void *)_RET_IP_);
		return;
	}
	smp_mb();	/* theory, 7: the driver's state change, then ph_list */
	wq = smp_load_acquire(&h->ph_list);
	if (wq)
		wake_up_poll(wq, ddi_poll_to_linux(events));
}
EXPORT_SYMBOL(pollwakeup);

void pollhead_clean(pollhead_t *php)
{
	struct ddi_pollhead *h = (struct ddi_pollhead *)php;
	unsigned long flags;
	bool waiters;

	if (!php) {
		pr_warn("ddi_compat: pollhead_clean: NULL poll head (from %pS)\n",
			(void *)_RET_IP_);
		return;
	}
	if (!smp_load_acquire(&h->ph_list))
		return;
	/* Under the lock: an epoll removal may still hold it (theory, 5). */
	spin_lock_irqsave(&h->wq.lock, flags);
	waiters = !list_empty(&h->wq.head);
	spin_unlock_irqrestore(&h->wq.lock, flags);
	wake_up_pollfree(&h->wq);
	if (waiters)
		synchronize_rcu();
	smp_store_release(&h->ph_list, NULL);
}
EXPORT_SYMBOL(pollhead_clean);
