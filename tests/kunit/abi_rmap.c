// SPDX-License-Identifier: GPL-2.0
/*
 * rmap_abi_c: resource maps through the C ABI, as a legacy driver uses
 * them: from hard interrupt context (irq_work), from several kthreads at
 * once with every allocated unit's owner checked, and freed while a
 * kthread waits on it.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <sys/map.h>

#include "ddi_test.h"

struct irq_ctx {
	struct irq_work work;
	struct map *mp;
	unsigned long got, got_private;
	bool hardirq;
};

static void rmap_irq_fn(struct irq_work *w)
{
	struct irq_ctx *c = container_of(w, struct irq_ctx, work);
	struct map *own;

	c->hardirq = in_hardirq();
	c->got = rmalloc(c->mp, 16);
	if (c->got)
		rmfree(c->mp, 8, c->got + 8);	/* give half back */
	/* A whole map's life inside the interrupt. */
	own = rmallocmap(4);
	if (own) {
		rmfree(own, 10, 500);
		c->got_private = rmalloc(own, 10);
		rmfree(own, 10, c->got_private);
		rmfreemap(own);
	}
}

static void rmap_abi_from_hardirq(struct kunit *test)
{
	struct irq_ctx c = { .mp = rmallocmap(4) };

	KUNIT_ASSERT_NOT_NULL(test, c.mp);
	rmfree(c.mp, 100, 4096);
	ddi_test_irq_work(&c.work, rmap_irq_fn);
	irq_work_queue(&c.work);
	irq_work_sync(&c.work);
	KUNIT_EXPECT_EQ(test, c.hardirq, DDI_TEST_HARDIRQ);
	KUNIT_EXPECT_EQ(test, c.got, 4096UL);
	KUNIT_EXPECT_EQ(test, c.got_private, 500UL);
	/* The half given back in the interrupt is free again... */
	KUNIT_EXPECT_EQ(test, rmalloc(c.mp, 8), 4104UL);
	rmfree(c.mp, 16, 4096);
	/* ...and everything coalesced: one segment of 100 units. */
	KUNIT_EXPECT_EQ(test, rmalloc(c.mp, 100), 4096UL);
	rmfree(c.mp, 100, 4096);
	rmfreemap(c.mp);
}

#define STRESS_THREADS	4
#define STRESS_ROUNDS	1500
#define STRESS_UNITS	2048
#define STRESS_BASE	(1UL << 20)

struct stress {
	struct map *mp;
	atomic_t owner[STRESS_UNITS];
	atomic_t overlaps, waits;
	struct completion done[STRESS_THREADS];
};

struct stress_arg {
	struct stress *s;
	int id;
};

static int rmap_stress_fn(void *p)
{
	struct stress_arg *a = p;
	struct stress *s = a->s;
	u32 seed = 0x9e3779b9 * (a->id + 1);
	int round, i;

	for (round = 0; round < STRESS_ROUNDS; round++) {
		size_t size;
		unsigned long addr;

		seed = seed * 1664525 + 1013904223;
		size = 1 + (seed >> 20) % 96;
		if (seed & 0x100) {
			addr = rmalloc_wait(s->mp, size);
			atomic_inc(&s->waits);
		} else {
			addr = rmalloc(s->mp, size);
			if (!addr)
				continue;
		}
		/* Every unit must be ours alone until we free it. */
		for (i = 0; i < size; i++)
			if (atomic_cmpxchg(&s->owner[addr - STRESS_BASE + i], 0, a->id) != 0)
				atomic_inc(&s->overlaps);
		if (!(round & 7))
			cond_resched();
		for (i = 0; i < size; i++)
			if (atomic_cmpxchg(&s->owner[addr - STRESS_BASE + i], a->id, 0) != a->id)
				atomic_inc(&s->overlaps);
		rmfree(s->mp, size, addr);
	}
	complete(&s->done[a->id - 1]);
	return 0;
}

static void rmap_abi_stress_kthreads(struct kunit *test)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct stress_arg args[STRESS_THREADS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	/* Each thread holds at most one range: at most 5 free segments. */
	s->mp = rmallocmap_wait(16);
	KUNIT_ASSERT_NOT_NULL(test, s->mp);
	rmfree(s->mp, STRESS_UNITS, STRESS_BASE);
	for (i = 0; i < STRESS_THREADS; i++) {
		struct task_struct *t;

		init_completion(&s->done[i]);
		args[i] = (struct stress_arg){ .s = s, .id = i + 1 };
		t = kthread_run(rmap_stress_fn, &args[i], "rmap_stress/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < STRESS_THREADS; i++)
		wait_for_completion(&s->done[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->overlaps), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&s->waits), 0);
	/* All space came back and coalesced into one segment. */
	KUNIT_EXPECT_EQ(test, rmalloc(s->mp, STRESS_UNITS), STRESS_BASE);
	rmfree(s->mp, STRESS_UNITS, STRESS_BASE);
	rmfreemap(s->mp);
}

struct freemap_waiter {
	struct map *mp;
	unsigned long got;
	struct completion started, done;
};

static int rmap_freemap_waiter_fn(void *p)
{
	struct freemap_waiter *w = p;

	complete(&w->started);
	w->got = rmalloc_wait(w->mp, 10);
	complete(&w->done);
	return 0;
}

/*
 * rmfreemap() while a kthread sleeps in rmalloc_wait() on an empty map:
 * the waiter returns 0, and it must not touch the freed map (KASAN reports
 * any use after free). The waiter came in through the C entry, with a bare
 * pointer, as a driver's thread does.
 */
static void rmap_abi_freemap_with_waiter(struct kunit *test)
{
	/* Not kunit's: on a timeout the thread may still write to it. */
	struct freemap_waiter *w = kzalloc(sizeof(*w), GFP_KERNEL);
	struct task_struct *t;
	bool done;

	KUNIT_ASSERT_NOT_NULL(test, w);
	w->mp = rmallocmap_wait(4);
	KUNIT_ASSERT_NOT_NULL(test, w->mp);
	init_completion(&w->started);
	init_completion(&w->done);
	w->got = ~0UL;
	t = kthread_run(rmap_freemap_waiter_fn, w, "rmap_freemap_waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&w->started);
	msleep(100);	/* asleep in rmalloc_wait() by now */
	KUNIT_EXPECT_FALSE(test, completion_done(&w->done));
	rmfreemap(w->mp);	/* warns (not a splat): a waiter is left */
	done = wait_for_completion_timeout(&w->done, 5 * HZ) != 0;
	KUNIT_EXPECT_TRUE(test, done);
	KUNIT_EXPECT_EQ(test, w->got, 0UL);
	if (done)
		kfree(w);	/* else leaked, and kmemleak says so */
}

struct waiting_task {
	struct map *mp;
	size_t size;
	unsigned long got;
	struct completion started, done;
};

static int rmap_waiting_fn(void *p)
{
	struct waiting_task *w = p;

	complete(&w->started);
	w->got = rmalloc_wait(w->mp, w->size);
	complete(&w->done);
	return 0;
}

struct irq_alloc {
	struct irq_work work;
	struct map *mp;
	unsigned long got;
	bool hardirq;
};

static void rmap_irq_alloc_fn(struct irq_work *w)
{
	struct irq_alloc *c = container_of(w, struct irq_alloc, work);

	c->hardirq = in_hardirq();
	c->got = rmalloc(c->mp, 10);
}

/*
 * An interrupt handler's rmalloc() is served while a task sleeps in
 * rmalloc_wait() for more than is free: the waiter does not shut the
 * interrupt path out of free space. The waiter is served when its space
 * comes back.
 */
static void rmap_abi_hardirq_while_waiting(struct kunit *test)
{
	/* Not kunit's: on a timeout the thread may still write to it. */
	struct waiting_task *w = kzalloc(sizeof(*w), GFP_KERNEL);
	struct irq_alloc c = { .hardirq = false };
	struct task_struct *t;
	bool done;

	KUNIT_ASSERT_NOT_NULL(test, w);
	w->mp = rmallocmap(4);
	KUNIT_ASSERT_NOT_NULL(test, w->mp);
	rmfree(w->mp, 100, 4096);
	KUNIT_ASSERT_EQ(test, rmalloc(w->mp, 60), 4096UL);	/* 40 left */
	w->size = 60;
	init_completion(&w->started);
	init_completion(&w->done);
	t = kthread_run(rmap_waiting_fn, w, "rmap_waiting");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&w->started);
	msleep(100);	/* asleep in rmalloc_wait() by now */
	KUNIT_EXPECT_FALSE(test, completion_done(&w->done));

	c.mp = w->mp;
	ddi_test_irq_work(&c.work, rmap_irq_alloc_fn);
	irq_work_queue(&c.work);
	irq_work_sync(&c.work);
	KUNIT_EXPECT_EQ(test, c.hardirq, DDI_TEST_HARDIRQ);
	KUNIT_EXPECT_EQ(test, c.got, 4156UL);

	rmfree(w->mp, 60, 4096);
	done = wait_for_completion_timeout(&w->done, 5 * HZ) != 0;
	KUNIT_EXPECT_TRUE(test, done);
	KUNIT_EXPECT_EQ(test, w->got, 4096UL);
	if (!done)
		return;	/* leaked, and kmemleak says so */
	rmfree(w->mp, 60, 4096);
	if (c.got)
		rmfree(w->mp, 10, c.got);
	rmfreemap(w->mp);
	kfree(w);
}

/*
 * rmfreemap() may be called under a spinlock_t with interrupts off, even
 * for a map whose slots are vmalloc'd (DEBUG_ATOMIC_SLEEP reports a sleep;
 * on PREEMPT_RT, a sleep inside the lock's RCU read-side section).
 */
static void rmap_abi_freemap_atomic(struct kunit *test)
{
	static DEFINE_SPINLOCK(lock);
	struct map *big = rmallocmap_wait(1 << 18);	/* 10 MiB of slots */
	unsigned long flags;

	KUNIT_ASSERT_NOT_NULL(test, big);
	rmfree(big, 1000, 1);
	KUNIT_EXPECT_EQ(test, rmalloc(big, 10), 1UL);
	rmfree(big, 10, 1);
	spin_lock_irqsave(&lock, flags);
	rmfreemap(big);
	spin_unlock_irqrestore(&lock, flags);
}

static struct kunit_case rmap_abi_cases[] = {
	KUNIT_CASE(rmap_abi_freemap_atomic),
	KUNIT_CASE(rmap_abi_from_hardirq),
	KUNIT_CASE(rmap_abi_freemap_with_waiter),
	KUNIT_CASE(rmap_abi_hardirq_while_waiting),
	KUNIT_CASE_SLOW(rmap_abi_stress_kthreads),
	{}
};

static struct kunit_suite rmap_abi_suite = {
	.name = "rmap_abi_c",
	.test_cases = rmap_abi_cases,
};
kunit_test_suite(rmap_abi_suite);
