// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_ksynch: <sys/ksynch.h> from Solaris code, one case per sentence
 * of mutex(9F), condvar(9F) and rwlock(9F) that a driver relies on.
 */
#include <sys/types.h>
#include <sys/ksynch.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include <sys/time.h>
#include "sol_test.h"
#include "sol_cases.h"

/* A tenth of a second, in ticks. */
#define TENTH	drv_usectohz(100000)

struct shared {
	kmutex_t m;
	kcondvar_t cv;
	krwlock_t rw;
	volatile int flag, woken, count, got;
	volatile clock_t ret;
};

static void shared_init(struct shared *s)
{
	s->flag = s->woken = s->count = s->got = 0;
	s->ret = 0;
	mutex_init(&s->m, NULL, MUTEX_DRIVER, NULL);
	cv_init(&s->cv, NULL, CV_DRIVER, NULL);
	rw_init(&s->rw, NULL, RW_DRIVER, NULL);
}

static void shared_fini(struct shared *s)
{
	rw_destroy(&s->rw);
	cv_destroy(&s->cv);
	mutex_destroy(&s->m);
}

/*
 * Polls (sleeping a tick at a time) until *v >= want or 30 seconds pass:
 * as soon as it holds, so a loaded machine costs time, not a failure.
 */
static int wait_for(volatile int *v, int want)
{
	int i;

	for (i = 0; i < 300 * (int)TENTH + 10 && *v < want; i++)
		delay(1);
	return *v >= want;
}

/* mutex_enter() takes it, mutex_owned() says so, mutex_exit() releases. */
void sol_mutex_enter_exit_owned(struct kunit *t)
{
	kmutex_t m;

	mutex_init(&m, "sol adaptive", MUTEX_DRIVER, NULL);
	SOL_EXPECT(t, !mutex_owned(&m));
	mutex_enter(&m);
	SOL_EXPECT(t, mutex_owned(&m));
	mutex_exit(&m);
	SOL_EXPECT(t, !mutex_owned(&m));
	mutex_destroy(&m);
}

static void try_other(void *p)
{
	struct shared *s = p;

	s->got = mutex_tryenter(&s->m);
	if (s->got)
		mutex_exit(&s->m);
	s->flag = 1;
}

/* mutex_tryenter() takes a free mutex and fails on a held one. */
void sol_mutex_tryenter(struct kunit *t)
{
	struct shared s;

	shared_init(&s);
	SOL_EXPECT(t, mutex_tryenter(&s.m));
	SOL_EXPECT(t, mutex_owned(&s.m));
	sol_thread_join(sol_thread_start(try_other, &s));
	SOL_EXPECT_EQ(t, s.got, 0);
	mutex_exit(&s.m);
	s.flag = 0;
	sol_thread_join(sol_thread_start(try_other, &s));
	SOL_EXPECT_EQ(t, s.got, 1);
	shared_fini(&s);
}

static void count_under_lock(void *p)
{
	struct shared *s = p;
	int i, c;

	for (i = 0; i < 200; i++) {
		mutex_enter(&s->m);
		c = s->count;
		drv_usecwait(5);
		s->count = c + 1;
		mutex_exit(&s->m);
	}
}

/* Only one thread at a time is inside: no increment is lost. */
void sol_mutex_excludes(struct kunit *t)
{
	struct shared s;
	struct sol_thread *a, *b;

	shared_init(&s);
	a = sol_thread_start(count_under_lock, &s);
	b = sol_thread_start(count_under_lock, &s);
	sol_thread_join(a);
	sol_thread_join(b);
	SOL_EXPECT_EQ(t, s.count, 400);
	shared_fini(&s);
}

static void spin_in_irq(void *p)
{
	struct shared *s = p;

	mutex_enter(&s->m);
	s->got = mutex_owned(&s->m);
	s->count++;
	mutex_exit(&s->m);
}

/*
 * With an interrupt cookie, MUTEX_DRIVER is a spin mutex: an interrupt
 * handler takes it, and so does the driver's own thread.
 */
void sol_mutex_spin_in_interrupt(struct kunit *t)
{
	struct shared s;

	s.got = s.count = 0;
	mutex_init(&s.m, "sol spin", MUTEX_DRIVER, DDI_INTR_PRI(5));
	sol_run_in_irq(spin_in_irq, &s);
	SOL_EXPECT_EQ(t, s.got, 1);
	mutex_enter(&s.m);
	s.count++;
	SOL_EXPECT(t, mutex_owned(&s.m));
	mutex_exit(&s.m);
	SOL_EXPECT_EQ(t, s.count, 2);
	mutex_destroy(&s.m);
}

/*
 * Two mutexes from two mutex_init() call sites nest without a lockdep
 * report: each call site is its own lock class (one shared class would be
 * "possible recursive locking" here).
 */
void sol_mutex_nesting_two_classes(struct kunit *t)
{
	kmutex_t outer, inner;

	mutex_init(&outer, NULL, MUTEX_DRIVER, NULL);
	mutex_init(&inner, NULL, MUTEX_DRIVER, NULL);
	mutex_enter(&outer);
	mutex_enter(&inner);
	SOL_EXPECT(t, mutex_owned(&outer) && mutex_owned(&inner));
	mutex_exit(&inner);
	mutex_exit(&outer);
	mutex_destroy(&inner);
	mutex_destroy(&outer);
}

/*
 * Lockdep sees each lock as it is taken and released: adaptive and spin
 * mutexes, and readers/writer locks in both modes.
 */
void sol_lockdep_sees_the_locks(struct kunit *t)
{
	kmutex_t a, s;
	krwlock_t rw;

	mutex_init(&a, NULL, MUTEX_DRIVER, NULL);
	if (sol_lockdep_held(&a, 0) < 0) {
		/* No lockdep, or lockdep turned off by an earlier report. */
		sol_skip(t, "lockdep is not running");
		mutex_destroy(&a);
		return;
	}
	mutex_init(&s, NULL, MUTEX_SPIN, NULL);
	rw_init(&rw, NULL, RW_DRIVER, NULL);
	SOL_EXPECT_EQ(t, sol_lockdep_held(&a, 0), 0);
	mutex_enter(&a);
	SOL_EXPECT_EQ(t, sol_lockdep_held(&a, 0), 1);
	mutex_enter(&s);
	SOL_EXPECT_EQ(t, sol_lockdep_held(&s, 0), 1);
	mutex_exit(&s);
	SOL_EXPECT_EQ(t, sol_lockdep_held(&s, 0), 0);
	mutex_exit(&a);
	SOL_EXPECT_EQ(t, sol_lockdep_held(&a, 0), 0);
	rw_enter(&rw, RW_READER);
	SOL_EXPECT_EQ(t, sol_lockdep_held(&rw, 1), 1);
	SOL_EXPECT(t, rw_tryupgrade(&rw));
	SOL_EXPECT_EQ(t, sol_lockdep_held(&rw, 1), 1);
	rw_exit(&rw);
	SOL_EXPECT_EQ(t, sol_lockdep_held(&rw, 1), 0);
	rw_destroy(&rw);
	mutex_destroy(&s);
	mutex_destroy(&a);
}

/*
 * Misuse is reported and refused, and the mutex still works: exit by a
 * non-holder, recursive enter (which would hang), a never-initialised
 * mutex (garbage, not zero bytes), destroying a held mutex, a use after
 * mutex_destroy().
 */
void sol_mutex_misuse_refused(struct kunit *t)
{
	kmutex_t m, z;
	int i;

	for (i = 0; i < (int)(sizeof(z) / sizeof(z._opaque[0])); i++)
		z._opaque[i] = 0xa5a5a5a5a5a5a5a5ULL;
	mutex_init(&m, NULL, MUTEX_DRIVER, NULL);
	mutex_exit(&m);
	SOL_EXPECT(t, !mutex_owned(&m));
	mutex_enter(&m);
	mutex_enter(&m);		/* refused: it would deadlock */
	SOL_EXPECT(t, mutex_owned(&m));
	mutex_exit(&m);			/* the refused enter's own exit */
	SOL_EXPECT(t, mutex_owned(&m));
	mutex_destroy(&m);		/* held: left alone */
	mutex_exit(&m);
	SOL_EXPECT(t, !mutex_owned(&m));
	SOL_EXPECT(t, mutex_tryenter(&m));
	mutex_exit(&m);
	mutex_enter(&z);
	SOL_EXPECT(t, !mutex_owned(&z));
	SOL_EXPECT(t, !mutex_tryenter(&z));
	mutex_destroy(&m);
	mutex_enter(&m);
	SOL_EXPECT(t, !mutex_owned(&m));
}

/*
 * As on illumos, zero-filled locks need no *_init(): a static mutex,
 * and a mutex, condition variable and rwlock in kmem_zalloc()'d memory,
 * work from their first use, a cv_wait() on them included. Destroyed,
 * they are refused again.
 */
static kmutex_t zero_static_mutex;

static void waiter(void *p);

void sol_ksynch_zero_filled(struct kunit *t)
{
	struct shared *z = kmem_zalloc(sizeof(*z), KM_SLEEP);	/* no shared_init() */
	struct sol_thread *th;

	SOL_EXPECT(t, !mutex_owned(&zero_static_mutex));
	mutex_enter(&zero_static_mutex);
	SOL_EXPECT(t, mutex_owned(&zero_static_mutex));
	mutex_exit(&zero_static_mutex);
	SOL_EXPECT(t, mutex_tryenter(&zero_static_mutex));
	mutex_exit(&zero_static_mutex);

	th = sol_thread_start(waiter, z);
	SOL_EXPECT(t, wait_for(&z->count, 1));
	delay(TENTH);
	mutex_enter(&z->m);
	SOL_EXPECT_EQ(t, z->woken, 0);
	z->flag = 1;
	cv_broadcast(&z->cv);
	mutex_exit(&z->m);
	sol_thread_join(th);
	SOL_EXPECT_EQ(t, z->woken, 1);

	rw_enter(&z->rw, RW_WRITER);
	SOL_EXPECT(t, rw_write_held(&z->rw));
	rw_exit(&z->rw);
	SOL_EXPECT(t, rw_tryenter(&z->rw, RW_READER));
	SOL_EXPECT(t, rw_read_held(&z->rw));
	rw_exit(&z->rw);

	rw_destroy(&z->rw);
	cv_destroy(&z->cv);
	mutex_destroy(&z->m);
	SOL_EXPECT(t, !mutex_tryenter(&z->m));		/* destroyed: refused */
	SOL_EXPECT(t, !rw_tryenter(&z->rw, RW_READER));
	kmem_free(z, sizeof(*z));
}

/* ---- condition variables ---------------------------------------------- */

static void waiter(void *p)
{
	struct shared *s = p;

	mutex_enter(&s->m);
	s->count++;
	while (!s->flag)
		cv_wait(&s->cv, &s->m);
	s->woken++;
	mutex_exit(&s->m);
}

/* cv_signal() wakes a thread in cv_wait(), which returns holding the mutex. */
void sol_cv_signal_wakes_waiter(struct kunit *t)
{
	struct shared s;
	struct sol_thread *th;

	shared_init(&s);
	th = sol_thread_start(waiter, &s);
	SOL_EXPECT(t, wait_for(&s.count, 1));
	delay(TENTH);
	mutex_enter(&s.m);		/* the waiter is in cv_wait() now */
	SOL_EXPECT_EQ(t, s.woken, 0);
	s.flag = 1;
	cv_signal(&s.cv);
	mutex_exit(&s.m);
	sol_thread_join(th);
	SOL_EXPECT_EQ(t, s.woken, 1);
	shared_fini(&s);
}

/* Waits until s->flag (a count of wake-ups allowed) lets it go. */
static void one_shot_waiter(void *p)
{
	struct shared *s = p;

	mutex_enter(&s->m);
	s->count++;
	while (s->woken >= s->flag)
		cv_wait(&s->cv, &s->m);
	s->woken++;
	mutex_exit(&s->m);
}

/* cv_signal() wakes one waiter; cv_broadcast() wakes all of them. */
void sol_cv_signal_one_broadcast_all(struct kunit *t)
{
	struct shared s;
	struct sol_thread *th[3];
	int i;

	shared_init(&s);
	for (i = 0; i < 3; i++)
		th[i] = sol_thread_start(one_shot_waiter, &s);
	SOL_EXPECT(t, wait_for(&s.count, 3));
	/*
	 * flag 3 lets all three go: a cv_signal() wakes one, which goes; the
	 * other two sleep on until cv_broadcast().
	 */
	mutex_enter(&s.m);
	s.flag = 3;
	cv_signal(&s.cv);
	mutex_exit(&s.m);
	SOL_EXPECT(t, wait_for(&s.woken, 1));
	delay(TENTH);
	SOL_EXPECT_EQ(t, s.woken, 1);
	mutex_enter(&s.m);
	cv_broadcast(&s.cv);
	mutex_exit(&s.m);
	for (i = 0; i < 3; i++)
		sol_thread_join(th[i]);
	SOL_EXPECT_EQ(t, s.woken, 3);
	shared_fini(&s);
}

/*
 * cv_timedwait() returns -1 at the absolute time, not before, with the
 * mutex held; a time already past returns -1 at once.
 */
void sol_cv_timedwait_times_out(struct kunit *t)
{
	struct shared s;
	clock_t r, until;

	shared_init(&s);
	mutex_enter(&s.m);
	until = ddi_get_lbolt() + drv_usectohz(50000);
	r = cv_timedwait(&s.cv, &s.m, until);
	SOL_EXPECT_EQ(t, r, -1);
	SOL_EXPECT(t, ddi_get_lbolt() >= until);
	SOL_EXPECT(t, mutex_owned(&s.m));
	SOL_EXPECT_EQ(t, cv_timedwait(&s.cv, &s.m, ddi_get_lbolt() - 1), -1);
	SOL_EXPECT_EQ(t, cv_reltimedwait(&s.cv, &s.m, drv_usectohz(20000), TR_CLOCK_TICK), -1);
	SOL_EXPECT(t, mutex_owned(&s.m));
	mutex_exit(&s.m);
	shared_fini(&s);
}

static void timed_waiter(void *p)
{
	struct shared *s = p;

	mutex_enter(&s->m);
	s->count = 1;
	s->ret = cv_reltimedwait(&s->cv, &s->m, 100 * TENTH, TR_CLOCK_TICK);
	s->got = mutex_owned(&s->m);
	mutex_exit(&s->m);
}

/* A signalled cv_reltimedwait() returns a positive value, the mutex held. */
void sol_cv_reltimedwait_signalled(struct kunit *t)
{
	struct shared s;
	struct sol_thread *th;

	shared_init(&s);
	th = sol_thread_start(timed_waiter, &s);
	SOL_EXPECT(t, wait_for(&s.count, 1));
	delay(2);
	mutex_enter(&s.m);
	cv_signal(&s.cv);
	mutex_exit(&s.m);
	sol_thread_join(th);
	SOL_EXPECT(t, s.ret > 0);
	SOL_EXPECT_EQ(t, s.got, 1);
	shared_fini(&s);
}

static void sig_waiter(void *p)
{
	struct shared *s = p;

	mutex_enter(&s->m);
	s->count = 1;
	s->ret = cv_wait_sig(&s->cv, &s->m);
	s->got = mutex_owned(&s->m);
	mutex_exit(&s->m);
}

/* cv_wait_sig() returns 0 when a signal arrives, the mutex held. */
void sol_cv_wait_sig_returns_zero_on_signal(struct kunit *t)
{
	struct shared s;
	struct sol_thread *th;

	shared_init(&s);
	s.ret = 7;
	th = sol_thread_start(sig_waiter, &s);
	SOL_EXPECT(t, wait_for(&s.count, 1));
	delay(2);
	sol_thread_signal(th);
	sol_thread_join(th);
	SOL_EXPECT_EQ(t, s.ret, 0);
	SOL_EXPECT_EQ(t, s.got, 1);
	shared_fini(&s);
}

static void signal_from_irq(void *p)
{
	struct shared *s = p;

	mutex_enter(&s->m);
	s->flag = 1;
	cv_signal(&s->cv);
	mutex_exit(&s->m);
}

/*
 * A thread waits with a spin mutex, and an interrupt handler, taking the
 * same mutex, wakes it with cv_signal().
 */
void sol_cv_spin_mutex_and_interrupt(struct kunit *t)
{
	struct shared s;
	struct sol_thread *th;

	s.flag = s.woken = s.count = 0;
	mutex_init(&s.m, NULL, MUTEX_DRIVER, DDI_INTR_PRI(3));
	cv_init(&s.cv, NULL, CV_DRIVER, NULL);
	th = sol_thread_start(waiter, &s);
	SOL_EXPECT(t, wait_for(&s.count, 1));
	mutex_enter(&s.m);		/* the waiter is in cv_wait() now */
	mutex_exit(&s.m);
	sol_run_in_irq(signal_from_irq, &s);
	sol_thread_join(th);
	SOL_EXPECT_EQ(t, s.woken, 1);
	cv_destroy(&s.cv);
	mutex_destroy(&s.m);
}

/* ---- readers/writer locks --------------------------------------------- */

static void try_read(void *p)
{
	struct shared *s = p;

	s->got = rw_tryenter(&s->rw, RW_READER);
	if (s->got)
		rw_exit(&s->rw);
}

static void try_write(void *p)
{
	struct shared *s = p;

	s->got = rw_tryenter(&s->rw, RW_WRITER);
	if (s->got)
		rw_exit(&s->rw);
}

/* Readers share the lock; a writer has it alone. */
void sol_rw_readers_share_writer_excludes(struct kunit *t)
{
	struct shared s;

	shared_init(&s);
	rw_enter(&s.rw, RW_READER);
	SOL_EXPECT(t, rw_read_held(&s.rw) && !rw_write_held(&s.rw));
	sol_thread_join(sol_thread_start(try_read, &s));
	SOL_EXPECT_EQ(t, s.got, 1);
	sol_thread_join(sol_thread_start(try_write, &s));
	SOL_EXPECT_EQ(t, s.got, 0);
	rw_exit(&s.rw);
	SOL_EXPECT(t, !rw_lock_held(&s.rw));
	rw_enter(&s.rw, RW_WRITER);
	SOL_EXPECT(t, rw_write_held(&s.rw) && !rw_read_held(&s.rw));
	sol_thread_join(sol_thread_start(try_read, &s));
	SOL_EXPECT_EQ(t, s.got, 0);
	rw_exit(&s.rw);
	shared_fini(&s);
}

static void blocking_writer(void *p)
{
	struct shared *s = p;

	s->count = 1;
	rw_enter(&s->rw, RW_WRITER);
	s->woken = 1;
	rw_exit(&s->rw);
}

static void try_read_starve(void *p)
{
	struct shared *s = p;

	s->got = rw_tryenter(&s->rw, RW_READER_STARVEWRITER);
	if (s->got)
		rw_exit(&s->rw);
}

/*
 * A waiting writer holds new readers back (RW_READER_STARVEWRITER still
 * enters), and gets the lock when the last reader leaves.
 */
void sol_rw_waiting_writer_blocks_readers(struct kunit *t)
{
	struct shared s;
	struct sol_thread *w;
	int i;

	shared_init(&s);
	rw_enter(&s.rw, RW_READER);
	w = sol_thread_start(blocking_writer, &s);
	SOL_EXPECT(t, wait_for(&s.count, 1));
	/* Until the writer is queued (a loaded machine may take a while). */
	for (i = 0; i < 20; i++) {
		sol_thread_join(sol_thread_start(try_read, &s));
		if (!s.got)
			break;
		delay(TENTH);
	}
	SOL_EXPECT_EQ(t, s.got, 0);
	SOL_EXPECT_EQ(t, s.woken, 0);
	sol_thread_join(sol_thread_start(try_read_starve, &s));
	SOL_EXPECT_EQ(t, s.got, 1);
	rw_exit(&s.rw);
	sol_thread_join(w);
	SOL_EXPECT_EQ(t, s.woken, 1);
	shared_fini(&s);
}

static void hold_read_until_flag(void *p)
{
	struct shared *s = p;

	rw_enter(&s->rw, RW_READER);
	s->count = 1;
	while (!s->flag)
		delay(1);
	rw_exit(&s->rw);
}

/*
 * rw_downgrade() turns the write hold into a read hold; rw_tryupgrade()
 * succeeds for the only reader and fails, keeping the read hold, when
 * another reader is in.
 */
void sol_rw_downgrade_and_tryupgrade(struct kunit *t)
{
	struct shared s;
	struct sol_thread *r;

	shared_init(&s);
	rw_enter(&s.rw, RW_WRITER);
	rw_downgrade(&s.rw);
	SOL_EXPECT(t, rw_read_held(&s.rw) && !rw_write_held(&s.rw));
	sol_thread_join(sol_thread_start(try_read, &s));
	SOL_EXPECT_EQ(t, s.got, 1);
	SOL_EXPECT(t, rw_tryupgrade(&s.rw));
	SOL_EXPECT(t, rw_write_held(&s.rw));
	rw_downgrade(&s.rw);
	r = sol_thread_start(hold_read_until_flag, &s);
	if (!SOL_EXPECT(t, wait_for(&s.count, 1))) {
		s.flag = 1;
		rw_exit(&s.rw);
		sol_thread_join(r);
		shared_fini(&s);
		return;
	}
	SOL_EXPECT(t, !rw_tryupgrade(&s.rw));
	SOL_EXPECT(t, rw_read_held(&s.rw) && !rw_write_held(&s.rw));
	s.flag = 1;
	sol_thread_join(r);
	rw_exit(&s.rw);
	SOL_EXPECT(t, !rw_lock_held(&s.rw));
	shared_fini(&s);
}

/* Misuse is reported and refused: exit unheld, destroy held, upgrade unheld. */
void sol_rw_misuse_refused(struct kunit *t)
{
	krwlock_t rw;

	rw_init(&rw, NULL, RW_DRIVER, NULL);
	rw_exit(&rw);
	SOL_EXPECT(t, !rw_tryupgrade(&rw));
	rw_enter(&rw, RW_WRITER);
	rw_enter(&rw, RW_READER);
	rw_destroy(&rw);
	SOL_EXPECT(t, rw_write_held(&rw));
	rw_exit(&rw);
	rw_destroy(&rw);
	SOL_EXPECT(t, !rw_tryenter(&rw, RW_READER));
}
