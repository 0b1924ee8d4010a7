// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_time: the clock, delays and timeout(9F) from Solaris code, one
 * case per sentence of delay(9F), drv_usecwait(9F), ddi_get_lbolt(9F),
 * drv_getparm(9F), gethrtime(9F) and timeout(9F)/untimeout(9F).
 */
#include <sys/types.h>
#include <sys/ksynch.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include <sys/time.h>
#include <sys/cred.h>
#include "sol_test.h"
#include "sol_cases.h"

/* delay() sleeps at least the ticks asked; delay(0) returns at once. */
void sol_delay_sleeps_at_least(struct kunit *t)
{
	clock_t l0 = ddi_get_lbolt();
	hrtime_t t0;

	/* Measured in ticks, what delay() promises (a VM's clocks may drift). */
	delay(drv_usectohz(20000));
	SOL_EXPECT(t, ddi_get_lbolt() - l0 >= drv_usectohz(20000));
	t0 = gethrtime();
	delay(0);
	delay(-5);
	SOL_EXPECT(t, gethrtime() - t0 < SEC2NSEC(5));
}

static void usecwait_2ms(void *p)
{
	hrtime_t t0 = gethrtime();

	drv_usecwait(2000);
	*(hrtime_t *)p = gethrtime() - t0;
}

/* drv_usecwait() waits at least as long, without sleeping (atomic context). */
void sol_drv_usecwait_busy_waits(struct kunit *t)
{
	hrtime_t took = 0;

	sol_run_atomic(usecwait_2ms, &took);
	SOL_EXPECT(t, took >= USEC2NSEC(2000));
	usecwait_2ms(&took);
	SOL_EXPECT(t, took >= USEC2NSEC(2000));
}

/*
 * ddi_get_lbolt() counts ticks since boot, as drv_getparm(LBOLT) does;
 * gethrtime() never goes back; TIME is the time of day in seconds.
 */
void sol_lbolt_hrtime_getparm(struct kunit *t)
{
	clock_t l0 = ddi_get_lbolt(), lp = 0;
	int64_t l64 = ddi_get_lbolt64();
	hrtime_t h0 = gethrtime(), h1;
	long now = 0;
	cred_t *cr = NULL;

	SOL_EXPECT(t, l0 >= 0 && l64 >= l0);
	delay(3);
	SOL_EXPECT(t, ddi_get_lbolt() >= l0 + 3);
	SOL_EXPECT_EQ(t, drv_getparm(LBOLT, &lp), 0);
	SOL_EXPECT(t, lp >= l0 + 3 && lp <= ddi_get_lbolt());
	h1 = gethrtime();
	SOL_EXPECT(t, h1 > h0 && h1 - h0 >= MSEC2NSEC(1));
	SOL_EXPECT_EQ(t, drv_getparm(TIME, &now), 0);
	SOL_EXPECT(t, now > 0);
	SOL_EXPECT_EQ(t, drv_getparm(UCRED, &cr), 0);
	SOL_EXPECT(t, cr != NULL);
	SOL_EXPECT_EQ(t, drv_getparm(99, &now), -1);
}

struct callout_state {
	kmutex_t m;
	volatile int fired, started, done, chain;
	volatile timeout_id_t id;
	volatile clock_t self;
};

static void callout_init(struct callout_state *c)
{
	c->fired = c->started = c->done = c->chain = 0;
	c->id = 0;
	c->self = 0;
	mutex_init(&c->m, NULL, MUTEX_DRIVER, NULL);
}

/* Until *v >= want, or 30 seconds (a loaded machine costs time only). */
static int wait_for(volatile int *v, int want)
{
	int i;

	for (i = 0; i < 3000 && *v < want; i++)
		delay(drv_usectohz(10000));
	return *v >= want;
}

/* Takes the adaptive mutex: only a process-context callout may. */
static void count_fire(void *p)
{
	struct callout_state *c = p;

	mutex_enter(&c->m);
	c->fired++;
	mutex_exit(&c->m);
}

/*
 * A timeout calls its function once, after the delay, in a context that
 * may take an adaptive mutex; untimeout() of a fired id returns -1.
 */
void sol_timeout_fires_once(struct kunit *t)
{
	struct callout_state c;
	timeout_id_t id;
	clock_t l0 = ddi_get_lbolt();

	callout_init(&c);
	id = timeout(count_fire, &c, drv_usectohz(20000));
	SOL_EXPECT(t, id != 0);
	SOL_EXPECT(t, wait_for(&c.fired, 1));
	SOL_EXPECT(t, ddi_get_lbolt() - l0 >= drv_usectohz(20000));
	delay(drv_usectohz(50000));
	SOL_EXPECT_EQ(t, c.fired, 1);
	SOL_EXPECT_EQ(t, untimeout(id), -1);
	SOL_EXPECT_EQ(t, untimeout(0), -1);
	mutex_destroy(&c.m);
}

/* untimeout() of a pending timeout cancels it and returns the ticks left. */
void sol_untimeout_cancels_pending(struct kunit *t)
{
	struct callout_state c;
	timeout_id_t id;
	clock_t left;

	callout_init(&c);
	id = timeout(count_fire, &c, drv_usectohz(10000000));
	left = untimeout(id);
	SOL_EXPECT(t, left > 0 && left <= drv_usectohz(10000000));
	SOL_EXPECT_EQ(t, untimeout(id), -1);
	delay(drv_usectohz(20000));
	SOL_EXPECT_EQ(t, c.fired, 0);
	mutex_destroy(&c.m);
}

static void slow_fire(void *p)
{
	struct callout_state *c = p;

	c->started = 1;
	delay(drv_usectohz(100000));
	c->done = 1;
}

/* untimeout() of a running timeout returns only after the function has. */
void sol_untimeout_waits_for_running(struct kunit *t)
{
	struct callout_state c;
	timeout_id_t id;

	callout_init(&c);
	id = timeout(slow_fire, &c, 1);
	SOL_EXPECT(t, wait_for(&c.started, 1));
	SOL_EXPECT_EQ(t, untimeout(id), -1);
	SOL_EXPECT_EQ(t, c.done, 1);
	mutex_destroy(&c.m);
}

static void rearm(void *p)
{
	struct callout_state *c = p;

	mutex_enter(&c->m);
	c->chain++;
	c->id = c->chain < 3 ? timeout(rearm, c, 1) : 0;
	mutex_exit(&c->m);
}

/*
 * A function that arms itself again makes a new id each time; untimeout()
 * of the old id does not touch the new one, which fires.
 */
void sol_timeout_rearms_itself(struct kunit *t)
{
	struct callout_state c;
	timeout_id_t first;

	callout_init(&c);
	first = timeout(rearm, &c, 1);
	SOL_EXPECT(t, wait_for(&c.chain, 1));
	SOL_EXPECT_EQ(t, untimeout(first), -1);
	SOL_EXPECT(t, wait_for(&c.chain, 3));
	delay(drv_usectohz(20000));
	SOL_EXPECT_EQ(t, c.chain, 3);
	mutex_enter(&c.m);
	SOL_EXPECT(t, c.id == 0);
	/* Whatever happened, stop the chain before c goes away. */
	c.chain = 3;
	while (c.id) {
		timeout_id_t id = c.id;

		mutex_exit(&c.m);
		untimeout(id);
		mutex_enter(&c.m);
		if (c.id == id)
			c.id = 0;
	}
	mutex_exit(&c.m);
	mutex_destroy(&c.m);
}

static void cancel_self(void *p)
{
	struct callout_state *c = p;

	while (!c->id)
		delay(1);
	c->self = untimeout(c->id);
	c->done = 1;
}

/* untimeout() from the timeout's own function returns -1, without waiting. */
void sol_untimeout_from_own_function(struct kunit *t)
{
	struct callout_state c;

	callout_init(&c);
	c.id = timeout(cancel_self, &c, 1);
	SOL_EXPECT(t, wait_for(&c.done, 1));
	SOL_EXPECT_EQ(t, c.self, -1);
	if (!c.done)
		untimeout(c.id);	/* waits for it: c is on our stack */
	mutex_destroy(&c.m);
}

static void arm_from_irq(void *p)
{
	struct callout_state *c = p;

	c->id = timeout(count_fire, c, 1);
}

/* timeout() may be called from an interrupt handler. */
void sol_timeout_from_interrupt(struct kunit *t)
{
	struct callout_state c;

	callout_init(&c);
	sol_run_in_irq(arm_from_irq, &c);
	SOL_EXPECT(t, c.id != 0);
	SOL_EXPECT(t, wait_for(&c.fired, 1));
	untimeout(c.id);	/* -1 once it has fired; waits if it runs */
	mutex_destroy(&c.m);
}
