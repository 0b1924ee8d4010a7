// SPDX-License-Identifier: GPL-2.0
/*
 * <sys/ksynch.h>: Solaris kernel mutexes, condition variables and
 * readers/writer locks on Linux's locks.
 *
 * Theory
 *
 * 1. Vocabulary. A kmutex_t is adaptive (it sleeps while another thread
 *    holds it: Linux's struct mutex) or spin (MUTEX_SPIN, or MUTEX_DRIVER
 *    with an interrupt cookie: a spinlock_t taken with interrupts saved and
 *    off, for interrupt handlers). A kcondvar_t is a wait queue whose
 *    waits drop and retake a kmutex_t. A krwlock_t lets many readers or
 *    one writer in; a waiting writer holds back new readers.
 *
 * 2. Storage. The driver owns the memory (kmutex_t and friends are opaque
 *    arrays in <sys/mutex.h> and its siblings); the Linux structure lives
 *    inside, and the static_asserts below check that it fits on this
 *    kernel's configuration. A magic word marks an initialised object.
 *    As on illumos, an object that is all zero bytes (static storage,
 *    kmem_zalloc(), zeroed soft state) is a valid unheld one of the
 *    default type: its first use initialises it, under ksynch_zero_lock,
 *    so two first uses cannot race. Any other object without the magic
 *    (garbage, or one after *_destroy(), which leaves a dead mark rather
 *    than zero) is reported with the caller instead of being run on.
 *
 * 3. Owners. Each mutex records its holder (current), which makes
 *    mutex_owned() exact and lets mutex_exit() by a non-owner and a
 *    recursive mutex_enter() be reported and refused (illumos panics on
 *    both; a Linux mutex would hang or corrupt). A refused enter is
 *    counted, so that its own mutex_exit() does not release the outer
 *    hold. A spin mutex also keeps
 *    its holder's saved interrupt state: only the holder touches it.
 *
 * 4. Lockdep. Every mutex_init() and rw_init() call site has its own
 *    static struct ddi_lock_class (the macros in the headers), so lockdep
 *    tells a driver's locks apart, names them (the name argument, or the
 *    text of the lock expression) and checks their order, as it does for
 *    C's own mutex_init(). The readers/writer lock is ours (Linux's
 *    rw_semaphore cannot upgrade), so it tells lockdep about itself with
 *    the rwsem annotations. Zero-filled objects have no call site to
 *    name a class after, and one shared class would report two of them
 *    nested as a deadlock, so lockdep does not check their order
 *    (__lockdep_no_validate__, as for struct device's mutex); it still
 *    checks their context.
 *
 * 5. Condition variables. A wait queues the thread exclusively, then
 *    drops the mutex, then sleeps: a cv_signal() from a thread holding the
 *    mutex cannot fall between the caller's check and its sleep.
 *    cv_signal() wakes one waiter, cv_broadcast() all. A waiter that was
 *    woken counts as signalled even if its time ran out or a signal came
 *    at once, so a cv_signal() is never lost to a waiter that returns -1.
 *
 * 6. Locking and context. The readers/writer state is under its own
 *    spinlock_t (irq-safe: rw_exit() may be called from any context);
 *    waiters sleep on its wait queue. Adaptive mutexes, waits and
 *    rw_enter() sleep: process context. Spin mutexes, cv_signal() and
 *    cv_broadcast() are callable wherever a spinlock_t may be taken.
 *    Reports are printed after any lock of ours is released.
 *
 * 7. Costs. Each call is O(1) plus the Linux lock's own cost; a
 *    broadcast is O(waiters).
 */
#include <ddi/linux.h>
#include <linux/build_bug.h>
#include <linux/export.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <sys/ksynch.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>

#define DDI_KMUTEX_MAGIC	0x6b6d7478	/* "kmtx" */
#define DDI_KCV_MAGIC		0x6b637620	/* "kcv " */
#define DDI_KRW_MAGIC		0x6b72776c	/* "krwl" */
#define DDI_KSYNCH_DEAD		0x64656164	/* "dead": after *_destroy() */

struct ddi_kmutex {
	union {
		struct mutex m;		/* adaptive */
		spinlock_t s;		/* spin */
	};
	struct task_struct *owner;	/* the holder; written by it only */
	unsigned long flags;		/* spin: the holder's interrupt state */
	unsigned int refused;		/* the holder's refused recursive enters */
	u32 magic;
	bool spin;
};

struct ddi_kcondvar {
	wait_queue_head_t wq;
	u32 magic;
};

struct ddi_krwlock {
	spinlock_t lock;		/* protects the four fields below */
	int readers;			/* read holds */
	int writers_waiting;
	struct task_struct *writer;	/* the write holder, or NULL */
	u32 magic;
	wait_queue_head_t wq;		/* threads waiting to enter */
	struct lockdep_map dep_map;
};

static_assert(sizeof(struct ddi_kmutex) <= sizeof(kmutex_t));
static_assert(__alignof__(struct ddi_kmutex) <= __alignof__(kmutex_t));
static_assert(sizeof(struct ddi_kcondvar) <= sizeof(kcondvar_t));
static_assert(__alignof__(struct ddi_kcondvar) <= __alignof__(kcondvar_t));
static_assert(sizeof(struct ddi_krwlock) <= sizeof(krwlock_t));
static_assert(__alignof__(struct ddi_krwlock) <= __alignof__(krwlock_t));
static_assert(sizeof(struct lock_class_key) <= sizeof(struct ddi_lock_class));

#define ddi_ksynch_warn(fmt, ...) \
	pr_warn("ddi_compat: " fmt " (from %pS)\n", ##__VA_ARGS__, (void *)caller)

/*
 * The lockdep class of zero-filled mutexes and rwlocks (theory, 4); a
 * kernel without lockdep has no such key, and needs none.
 */
#ifdef CONFIG_LOCKDEP
#define KSYNCH_ZERO_KEY (&__lockdep_no_validate__)
#else
static struct lock_class_key ksynch_zero_key;
#define KSYNCH_ZERO_KEY (&ksynch_zero_key)
#endif

/* Serialises the first use of zero-filled objects (theory, 2). */
static DEFINE_SPINLOCK(ksynch_zero_lock);

/* ksynch_live() for anything but an object marked live: out of line. */
static noinline bool ksynch_live_slow(void *p, u32 *magic_p, u32 want, size_t size,
				      void (*zero_init)(void *), const char *what,
				      const char *init, const char *fn, unsigned long caller)
{
	unsigned long flags;
	u32 magic;

	if (!p) {
		ddi_ksynch_warn("%s: NULL %s", fn, what);
		return false;
	}
	/* Acquire: a zero-filled object's set-up is seen with its magic. */
	magic = smp_load_acquire(magic_p);
	if (magic == want)
		return true;
	if (!magic && zero_init) {
		spin_lock_irqsave(&ksynch_zero_lock, flags);
		magic = READ_ONCE(*magic_p);
		if (!magic && !memchr_inv(p, 0, size)) {
			zero_init(p);
			smp_store_release(magic_p, want);
			magic = want;
		}
		spin_unlock_irqrestore(&ksynch_zero_lock, flags);
		if (magic == want)
			return true;
	}
	if (magic == DDI_KSYNCH_DEAD)
		ddi_ksynch_warn("%s: %s %px used after it was destroyed", fn, what, p);
	else
		ddi_ksynch_warn("%s: %s %px neither initialised (%s) nor zero-filled", fn, what, p,
				init);
	return false;
}

/*
 * Whether p is a live object of its kind: not NULL, and marked by its
 * *_init() (magic at magic_p is want), or all zero, which zero_init (if
 * any) then makes live. Otherwise reports, naming the call and its caller.
 * The check of a live object is inline: every call on a lock makes it.
 */
static __always_inline bool ksynch_live(void *p, u32 *magic_p, u32 want, size_t size,
					void (*zero_init)(void *), const char *what,
					const char *init, const char *fn, unsigned long caller)
{
	/* Acquire: a zero-filled object's set-up is seen with its magic. */
	if (likely(p && smp_load_acquire(magic_p) == want))
		return true;
	return ksynch_live_slow(p, magic_p, want, size, zero_init, what, init, fn, caller);
}

/* ---- 1. Mutexes ------------------------------------------------------- */

/* Makes m an unheld mutex of lockdep class key named n. */
static void kmutex_setup(struct ddi_kmutex *m, bool spin, struct lock_class_key *key,
			 const char *n)
{
	memset(m, 0, sizeof(*m));
	m->spin = spin;
	if (spin) {
		spin_lock_init(&m->s);
		lockdep_set_class_and_name(&m->s, key, n);
	} else {
		mutex_init(&m->m);
		lockdep_set_class_and_name(&m->m, key, n);
	}
}

/* A zero-filled kmutex_t's first use: adaptive, as MUTEX_DEFAULT (theory, 2 and 4). */
static void kmutex_zero_init(void *p)
{
	kmutex_setup(p, false, KSYNCH_ZERO_KEY, "zero-filled kmutex_t");
}

static __always_inline struct ddi_kmutex *kmutex_of(kmutex_t *mp, const char *fn,
						 unsigned long caller)
{
	struct ddi_kmutex *m = (struct ddi_kmutex *)mp;

	return ksynch_live(mp, mp ? &m->magic : NULL, DDI_KMUTEX_MAGIC, sizeof(*mp),
			   kmutex_zero_init, "mutex", "mutex_init", fn, caller) ? m : NULL;
}

void ddi_mutex_init(kmutex_t *mp, const char *name, kmutex_type_t type, void *arg,
		    struct ddi_lock_class *key, const char *expr)
{
	unsigned long caller = _RET_IP_;
	struct ddi_kmutex *m = (struct ddi_kmutex *)mp;

	if (!mp || !key) {
		ddi_ksynch_warn("mutex_init: NULL %s", mp ? "lock class" : "mutex");
		return;
	}
	if (type != MUTEX_ADAPTIVE && type != MUTEX_SPIN && type != MUTEX_DRIVER &&
	    type != MUTEX_DEFAULT)
		ddi_ksynch_warn("mutex_init: unknown type %d for %s, taken as MUTEX_DRIVER",
				type, name ? name : expr);
	/*
	 * Lockdep keeps the name for good and wants one per class: the call
	 * site's text, a literal, not the driver's name (which may be built
	 * in a buffer, and differ between calls from one site).
	 */
	kmutex_setup(m, type == MUTEX_SPIN || (type != MUTEX_ADAPTIVE && arg),
		     (struct lock_class_key *)key, expr);
	WRITE_ONCE(m->magic, DDI_KMUTEX_MAGIC);
}
EXPORT_SYMBOL(ddi_mutex_init);

void ddi_mutex_destroy(kmutex_t *mp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_kmutex *m = kmutex_of(mp, "mutex_destroy", caller);

	if (!m)
		return;
	if (READ_ONCE(m->owner) ||
	    (m->spin ? spin_is_locked(&m->s) : mutex_is_locked(&m->m))) {
		ddi_ksynch_warn("mutex_destroy: mutex %px is held; left alone", mp);
		return;
	}
	if (!m->spin)
		mutex_destroy(&m->m);
	WRITE_ONCE(m->magic, DDI_KSYNCH_DEAD);
}
EXPORT_SYMBOL(ddi_mutex_destroy);

/* Takes m; the caller has checked that it does not hold it. */
static __always_inline void kmutex_lock(struct ddi_kmutex *m)
{
	if (m->spin) {
		unsigned long flags;

		spin_lock_irqsave(&m->s, flags);
		m->flags = flags;
	} else {
		mutex_lock(&m->m);
	}
	WRITE_ONCE(m->owner, current);
}

/* Releases m, which the caller holds. */
static __always_inline void kmutex_unlock(struct ddi_kmutex *m)
{
	WRITE_ONCE(m->owner, NULL);
	if (m->spin)
		spin_unlock_irqrestore(&m->s, m->flags);
	else
		mutex_unlock(&m->m);
}

void mutex_enter(kmutex_t *mp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_kmutex *m = kmutex_of(mp, "mutex_enter", caller);

	if (!m)
		return;
	if (READ_ONCE(m->owner) == current) {
		/* The matching mutex_exit() must not release the outer hold. */
		m->refused++;
		ddi_ksynch_warn("mutex_enter: recursive enter of mutex %px, which the caller holds; refused",
				mp);
		return;
	}
	kmutex_lock(m);
}
EXPORT_SYMBOL(mutex_enter);

void mutex_exit(kmutex_t *mp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_kmutex *m = kmutex_of(mp, "mutex_exit", caller);

	if (!m)
		return;
	if (READ_ONCE(m->owner) != current) {
		ddi_ksynch_warn("mutex_exit: mutex %px is not held by the caller; left alone", mp);
		return;
	}
	if (m->refused) {
		/* The exit of a refused recursive enter: the outer hold stays. */
		m->refused--;
		return;
	}
	kmutex_unlock(m);
}
EXPORT_SYMBOL(mutex_exit);

int mutex_tryenter(kmutex_t *mp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_kmutex *m = kmutex_of(mp, "mutex_tryenter", caller);
	int got;

	if (!m || READ_ONCE(m->owner) == current)
		return 0;
	if (m->spin) {
		unsigned long flags;

		got = spin_trylock_irqsave(&m->s, flags);
		if (got)
			m->flags = flags;
	} else {
		got = mutex_trylock(&m->m);
	}
	if (got)
		WRITE_ONCE(m->owner, current);
	return got;
}
EXPORT_SYMBOL(mutex_tryenter);

int mutex_owned(kmutex_t *mp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_kmutex *m = kmutex_of(mp, "mutex_owned", caller);

	return m && READ_ONCE(m->owner) == current;
}
EXPORT_SYMBOL(mutex_owned);

/* ---- 2. Condition variables ------------------------------------------- */

/* Serves every zero-filled condition variable's wait queue lock. */
static struct lock_class_key kcv_zero_key;

/* Makes c a condition variable; its queue's lock of class key. */
static void kcv_setup(struct ddi_kcondvar *c, struct lock_class_key *key)
{
	memset(c, 0, sizeof(*c));
	__init_waitqueue_head(&c->wq, "kcondvar_t", key);
}

/* A zero-filled kcondvar_t's first use (theory, 2). */
static void kcv_zero_init(void *p)
{
	kcv_setup(p, &kcv_zero_key);
}

static __always_inline struct ddi_kcondvar *kcv_of(kcondvar_t *cvp, const char *fn,
						 unsigned long caller)
{
	struct ddi_kcondvar *c = (struct ddi_kcondvar *)cvp;

	return ksynch_live(cvp, cvp ? &c->magic : NULL, DDI_KCV_MAGIC, sizeof(*cvp),
			   kcv_zero_init, "condition variable", "cv_init", fn, caller) ? c : NULL;
}

void cv_init(kcondvar_t *cvp, const char *name, kcv_type_t type, void *arg)
{
	static struct lock_class_key kcv_key;
	unsigned long caller = _RET_IP_;
	struct ddi_kcondvar *c = (struct ddi_kcondvar *)cvp;

	if (!cvp) {
		ddi_ksynch_warn("cv_init: NULL condition variable");
		return;
	}
	kcv_setup(c, &kcv_key);
	WRITE_ONCE(c->magic, DDI_KCV_MAGIC);
}
EXPORT_SYMBOL(cv_init);

void cv_destroy(kcondvar_t *cvp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_kcondvar *c = kcv_of(cvp, "cv_destroy", caller);

	if (!c)
		return;
	if (waitqueue_active(&c->wq)) {
		ddi_ksynch_warn("cv_destroy: threads still wait on %px; left alone", cvp);
		return;
	}
	WRITE_ONCE(c->magic, DDI_KSYNCH_DEAD);
}
EXPORT_SYMBOL(cv_destroy);

/*
 * The wait (theory, 5): sleeps in state for at most timeout jiffies
 * (MAX_SCHEDULE_TIMEOUT: no limit) with m dropped. Returns 1 if woken by
 * cv_signal()/cv_broadcast(), 0 if a signal is pending, -1 if the time ran
 * out; *left gets the jiffies that were left.
 */
static int kcv_block(struct ddi_kcondvar *c, struct ddi_kmutex *m, long timeout,
		     unsigned int state, long *left)
{
	DEFINE_WAIT(w);
	bool woken;
	long l;

	prepare_to_wait_exclusive(&c->wq, &w, state);
	kmutex_unlock(m);
	l = schedule_timeout(timeout);
	/* autoremove_wake_function() took us off the queue if it woke us. */
	woken = list_empty_careful(&w.entry);
	finish_wait(&c->wq, &w);
	kmutex_lock(m);
	if (left)
		*left = l;
	if (woken)
		return 1;
	if (state == TASK_INTERRUPTIBLE && signal_pending(current))
		return 0;
	return timeout == MAX_SCHEDULE_TIMEOUT ? 1 : (l ? 1 : -1);
}

/*
 * The checks every wait makes: a live cv, a live mutex that the caller
 * holds, and a context that may sleep. NULL cv or mutex: report, no wait.
 */
static bool kcv_wait_ok(kcondvar_t *cvp, kmutex_t *mp, const char *fn, unsigned long caller,
			struct ddi_kcondvar **c, struct ddi_kmutex **m)
{
	*c = kcv_of(cvp, fn, caller);
	*m = kmutex_of(mp, fn, caller);
	if (!*c || !*m)
		return false;
	/*
	 * A spin mutex's holder is atomic until the wait drops it; the wait
	 * may sleep only if dropping it makes the context a sleeping one.
	 */
	if (!(*m)->spin) {
		might_sleep();
	} else if (in_interrupt() ||
		   (!IS_ENABLED(CONFIG_PREEMPT_RT) && irqs_disabled_flags((*m)->flags))) {
		ddi_ksynch_warn("%s: in interrupt context, or with interrupts off: not waiting", fn);
		return false;
	}
	if (READ_ONCE((*m)->owner) != current) {
		ddi_ksynch_warn("%s: mutex %px is not held by the caller; not waiting", fn, mp);
		return false;
	}
	return true;
}

void cv_wait(kcondvar_t *cvp, kmutex_t *mp)
{
	struct ddi_kcondvar *c;
	struct ddi_kmutex *m;

	if (kcv_wait_ok(cvp, mp, "cv_wait", _RET_IP_, &c, &m))
		kcv_block(c, m, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE, NULL);
}
EXPORT_SYMBOL(cv_wait);

int cv_wait_sig(kcondvar_t *cvp, kmutex_t *mp)
{
	struct ddi_kcondvar *c;
	struct ddi_kmutex *m;

	if (!kcv_wait_ok(cvp, mp, "cv_wait_sig", _RET_IP_, &c, &m))
		return 1;
	if (signal_pending(current))
		return 0;
	return kcv_block(c, m, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE, NULL) ? 1 : 0;
}
EXPORT_SYMBOL(cv_wait_sig);

/* A relative wait of delta ticks: -1, 0 (signal) or the ticks left (> 0). */
static clock_t kcv_timed(kcondvar_t *cvp, kmutex_t *mp, clock_t delta, bool sig,
			 const char *fn, unsigned long caller)
{
	struct ddi_kcondvar *c;
	struct ddi_kmutex *m;
	long left;
	int r;

	if (!kcv_wait_ok(cvp, mp, fn, caller, &c, &m))
		return -1;
	if (sig && signal_pending(current))
		return 0;
	if (delta <= 0)
		return -1;
	r = kcv_block(c, m, min_t(clock_t, delta, MAX_SCHEDULE_TIMEOUT - 1),
		      sig ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE, &left);
	if (r <= 0)
		return r;
	return left > 0 ? left : 1;
}

clock_t cv_timedwait(kcondvar_t *cvp, kmutex_t *mp, clock_t timeout)
{
	return kcv_timed(cvp, mp, timeout - ddi_get_lbolt(), false, "cv_timedwait", _RET_IP_);
}
EXPORT_SYMBOL(cv_timedwait);

clock_t cv_timedwait_sig(kcondvar_t *cvp, kmutex_t *mp, clock_t timeout)
{
	return kcv_timed(cvp, mp, timeout - ddi_get_lbolt(), true, "cv_timedwait_sig", _RET_IP_);
}
EXPORT_SYMBOL(cv_timedwait_sig);

clock_t cv_reltimedwait(kcondvar_t *cvp, kmutex_t *mp, clock_t delta, time_res_t res)
{
	return kcv_timed(cvp, mp, delta, false, "cv_reltimedwait", _RET_IP_);
}
EXPORT_SYMBOL(cv_reltimedwait);

clock_t cv_reltimedwait_sig(kcondvar_t *cvp, kmutex_t *mp, clock_t delta, time_res_t res)
{
	return kcv_timed(cvp, mp, delta, true, "cv_reltimedwait_sig", _RET_IP_);
}
EXPORT_SYMBOL(cv_reltimedwait_sig);

void cv_signal(kcondvar_t *cvp)
{
	struct ddi_kcondvar *c = kcv_of(cvp, "cv_signal", _RET_IP_);

	if (c)
		wake_up(&c->wq);
}
EXPORT_SYMBOL(cv_signal);

void cv_broadcast(kcondvar_t *cvp)
{
	struct ddi_kcondvar *c = kcv_of(cvp, "cv_broadcast", _RET_IP_);

	if (c)
		wake_up_all(&c->wq);
}
EXPORT_SYMBOL(cv_broadcast);

/* ---- 3. Readers/writer locks ------------------------------------------ */

/* Makes r an unheld lock of lockdep class key named n. */
static void krw_setup(struct ddi_krwlock *r, struct lock_class_key *key, const char *n)
{
	memset(r, 0, sizeof(*r));
	spin_lock_init(&r->lock);
	init_waitqueue_head(&r->wq);
	lockdep_init_map_wait(&r->dep_map, n, key, 0, LD_WAIT_SLEEP);
}

/* A zero-filled krwlock_t's first use (theory, 2 and 4). */
static void krw_zero_init(void *p)
{
	krw_setup(p, KSYNCH_ZERO_KEY, "zero-filled krwlock_t");
}

static __always_inline struct ddi_krwlock *krw_of(krwlock_t *rwlp, const char *fn,
						 unsigned long caller)
{
	struct ddi_krwlock *r = (struct ddi_krwlock *)rwlp;

	return ksynch_live(rwlp, rwlp ? &r->magic : NULL, DDI_KRW_MAGIC, sizeof(*rwlp),
			   krw_zero_init, "rwlock", "rw_init", fn, caller) ? r : NULL;
}

void ddi_rw_init(krwlock_t *rwlp, const char *name, krw_type_t type, void *arg,
		 struct ddi_lock_class *key, const char *expr)
{
	unsigned long caller = _RET_IP_;
	struct ddi_krwlock *r = (struct ddi_krwlock *)rwlp;

	if (!rwlp || !key) {
		ddi_ksynch_warn("rw_init: NULL %s", rwlp ? "lock class" : "rwlock");
		return;
	}
	if (arg)
		ddi_ksynch_warn("rw_init: an interrupt cookie for %s: the lock sleeps, do not take it in interrupt handlers",
				name ? name : expr);
	/* As for mutexes: the call site's text names the class. */
	krw_setup(r, (struct lock_class_key *)key, expr);
	WRITE_ONCE(r->magic, DDI_KRW_MAGIC);
}
EXPORT_SYMBOL(ddi_rw_init);

void rw_destroy(krwlock_t *rwlp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_krwlock *r = krw_of(rwlp, "rw_destroy", caller);
	unsigned long flags;
	bool held;

	if (!r)
		return;
	spin_lock_irqsave(&r->lock, flags);
	held = r->readers || r->writer || r->writers_waiting;
	if (!held)
		WRITE_ONCE(r->magic, DDI_KSYNCH_DEAD);
	spin_unlock_irqrestore(&r->lock, flags);
	if (held)
		ddi_ksynch_warn("rw_destroy: rwlock %px is held; left alone", rwlp);
}
EXPORT_SYMBOL(rw_destroy);

/* Whether a reader (starve: RW_READER_STARVEWRITER) may enter now. */
static bool krw_read_ok(struct ddi_krwlock *r, bool starve)
{
	return !r->writer && (starve || !r->writers_waiting);
}

/* Takes r as enter_type if possible without waiting; r->lock held. */
static bool krw_try(struct ddi_krwlock *r, krw_t enter_type)
{
	if (enter_type == RW_WRITER) {
		if (r->writer || r->readers)
			return false;
		r->writer = current;
		return true;
	}
	if (!krw_read_ok(r, enter_type == RW_READER_STARVEWRITER))
		return false;
	r->readers++;
	return true;
}

static bool krw_type_ok(krw_t t, const char *fn, unsigned long caller)
{
	if (t == RW_WRITER || t == RW_READER || t == RW_READER_STARVEWRITER)
		return true;
	ddi_ksynch_warn("%s: unknown enter type %d", fn, t);
	return false;
}

void rw_enter(krwlock_t *rwlp, krw_t enter_type)
{
	unsigned long caller = _RET_IP_;
	struct ddi_krwlock *r;

	might_sleep();
	r = krw_of(rwlp, "rw_enter", caller);
	if (!r || !krw_type_ok(enter_type, "rw_enter", caller))
		return;
	if (READ_ONCE(r->writer) == current) {
		ddi_ksynch_warn("rw_enter: the caller holds rwlock %px as the writer; refused", rwlp);
		return;
	}
	if (enter_type == RW_WRITER)
		rwsem_acquire(&r->dep_map, 0, 0, caller);
	else if (enter_type == RW_READER_STARVEWRITER)
		rwlock_acquire_read(&r->dep_map, 0, 0, caller);	/* may recurse */
	else
		rwsem_acquire_read(&r->dep_map, 0, 0, caller);
	spin_lock_irq(&r->lock);
	if (!krw_try(r, enter_type)) {
		if (enter_type == RW_WRITER) {
			r->writers_waiting++;
			wait_event_lock_irq(r->wq, !r->writer && !r->readers, r->lock);
			r->writers_waiting--;
			r->writer = current;
		} else {
			wait_event_lock_irq(r->wq, krw_try(r, enter_type), r->lock);
		}
	}
	spin_unlock_irq(&r->lock);
}
EXPORT_SYMBOL(rw_enter);

int rw_tryenter(krwlock_t *rwlp, krw_t enter_type)
{
	unsigned long caller = _RET_IP_;
	struct ddi_krwlock *r = krw_of(rwlp, "rw_tryenter", caller);
	unsigned long flags;
	bool got;

	if (!r || !krw_type_ok(enter_type, "rw_tryenter", caller))
		return 0;
	spin_lock_irqsave(&r->lock, flags);
	got = r->writer != current && krw_try(r, enter_type);
	spin_unlock_irqrestore(&r->lock, flags);
	if (got) {
		if (enter_type == RW_WRITER)
			rwsem_acquire(&r->dep_map, 0, 1, caller);
		else if (enter_type == RW_READER_STARVEWRITER)
			rwlock_acquire_read(&r->dep_map, 0, 1, caller);
		else
			rwsem_acquire_read(&r->dep_map, 0, 1, caller);
	}
	return got;
}
EXPORT_SYMBOL(rw_tryenter);

void rw_exit(krwlock_t *rwlp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_krwlock *r = krw_of(rwlp, "rw_exit", caller);
	unsigned long flags;
	bool ok = true;

	if (!r)
		return;
	spin_lock_irqsave(&r->lock, flags);
	if (r->writer == current)
		r->writer = NULL;
	else if (!r->writer && r->readers > 0)
		r->readers--;
	else
		ok = false;
	spin_unlock_irqrestore(&r->lock, flags);
	if (!ok) {
		ddi_ksynch_warn("rw_exit: rwlock %px is not held by the caller; left alone", rwlp);
		return;
	}
	rwsem_release(&r->dep_map, caller);
	wake_up_all(&r->wq);
}
EXPORT_SYMBOL(rw_exit);

void rw_downgrade(krwlock_t *rwlp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_krwlock *r = krw_of(rwlp, "rw_downgrade", caller);
	unsigned long flags;
	bool ok;

	if (!r)
		return;
	spin_lock_irqsave(&r->lock, flags);
	ok = r->writer == current;
	if (ok) {
		r->writer = NULL;
		r->readers = 1;
	}
	spin_unlock_irqrestore(&r->lock, flags);
	if (!ok) {
		ddi_ksynch_warn("rw_downgrade: the caller is not the writer of rwlock %px", rwlp);
		return;
	}
	lock_downgrade(&r->dep_map, caller);
	wake_up_all(&r->wq);
}
EXPORT_SYMBOL(rw_downgrade);

int rw_tryupgrade(krwlock_t *rwlp)
{
	unsigned long caller = _RET_IP_;
	struct ddi_krwlock *r = krw_of(rwlp, "rw_tryupgrade", caller);
	unsigned long flags;
	bool got, held;

	if (!r)
		return 0;
	spin_lock_irqsave(&r->lock, flags);
	held = !r->writer && r->readers > 0;
	got = held && r->readers == 1 && !r->writers_waiting;
	if (got) {
		r->readers = 0;
		r->writer = current;
	}
	spin_unlock_irqrestore(&r->lock, flags);
	if (!held) {
		ddi_ksynch_warn("rw_tryupgrade: rwlock %px is not held as a reader", rwlp);
		return 0;
	}
	if (got) {
		rwsem_release(&r->dep_map, caller);
		rwsem_acquire(&r->dep_map, 0, 1, caller);
	}
	return got;
}
EXPORT_SYMBOL(rw_tryupgrade);

int rw_read_held(krwlock_t *rwlp)
{
	struct ddi_krwlock *r = krw_of(rwlp, "rw_read_held", _RET_IP_);

	return r && READ_ONCE(r->readers) > 0;
}
EXPORT_SYMBOL(rw_read_held);

int rw_write_held(krwlock_t *rwlp)
{
	struct ddi_krwlock *r = krw_of(rwlp, "rw_write_held", _RET_IP_);

	return r && READ_ONCE(r->writer) == current;
}
EXPORT_SYMBOL(rw_write_held);

int rw_lock_held(krwlock_t *rwlp)
{
	struct ddi_krwlock *r = krw_of(rwlp, "rw_lock_held", _RET_IP_);

	return r && (READ_ONCE(r->readers) > 0 || READ_ONCE(r->writer));
}
EXPORT_SYMBOL(rw_lock_held);

/* ---- 4. For the tests: what lockdep knows ------------------------------ */

int ddi_ksynch_lockdep_held(void *lock, int is_rw);

/*
 * Whether lockdep has the caller holding a kmutex_t (is_rw 0) or a
 * krwlock_t (1): 1 or 0 with lockdep, -1 without it.
 */
int ddi_ksynch_lockdep_held(void *lock, int is_rw)
{
#ifdef CONFIG_LOCKDEP
	if (is_rw)
		return lock_is_held(&((struct ddi_krwlock *)lock)->dep_map);
	if (((struct ddi_kmutex *)lock)->spin)
		return lockdep_is_held(&((struct ddi_kmutex *)lock)->s);
	return lockdep_is_held(&((struct ddi_kmutex *)lock)->m);
#else
	return -1;
#endif
}
EXPORT_SYMBOL_NS_GPL(ddi_ksynch_lockdep_held, "DDI_COMPAT_INTERNAL");
