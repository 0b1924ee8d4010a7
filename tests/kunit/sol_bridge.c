// SPDX-License-Identifier: GPL-2.0
/*
 * Linux glue for the Solaris-side KUnit suites (tests/kunit/sol_test.h):
 * the bridge's calls, and the suites, whose cases are written in the
 * tests/kunit/sol_*.c files.
 */
#include <ddi/linux.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "sol_test.h"
#include "sol_cases.h"
#include "ddi_test.h"

void sol_check(struct kunit *t, int ok, const char *expr, const char *file, int line)
{
	if (!ok)
		KUNIT_FAIL(t, "%s:%d: expected %s", file, line, expr);
}

void sol_check_eq(struct kunit *t, long long a, long long b, const char *ea, const char *eb,
		  const char *file, int line)
{
	if (a != b)
		KUNIT_FAIL(t, "%s:%d: expected %s == %s, but %lld != %lld", file, line, ea, eb, a, b);
}

void sol_skip(struct kunit *t, const char *why)
{
	kunit_skip(t, "%s", why);
}

struct sol_thread {
	struct task_struct *task;
	void (*fn)(void *);
	void *arg;
	struct completion done;
};

static int sol_thread_fn(void *p)
{
	struct sol_thread *th = p;

	allow_signal(SIGUSR1);
	th->fn(th->arg);
	complete(&th->done);
	/* Stay until sol_thread_join() stops us, so the task is still ours. */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
		flush_signals(current);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

struct sol_thread *sol_thread_start(void (*fn)(void *), void *arg)
{
	struct sol_thread *th = kzalloc(sizeof(*th), GFP_KERNEL | __GFP_NOFAIL);

	th->fn = fn;
	th->arg = arg;
	init_completion(&th->done);
	th->task = kthread_run(sol_thread_fn, th, "sol_test");
	if (IS_ERR(th->task)) {
		kfree(th);
		return NULL;
	}
	get_task_struct(th->task);
	return th;
}

void sol_thread_signal(struct sol_thread *th)
{
	send_sig(SIGUSR1, th->task, 1);
}

void sol_thread_join(struct sol_thread *th)
{
	if (!th)
		return;
	wait_for_completion(&th->done);
	kthread_stop(th->task);
	put_task_struct(th->task);
	kfree(th);
}

struct sol_irq_call {
	struct irq_work work;
	void (*fn)(void *);
	void *arg;
	int hardirq;
};

static void sol_irq_fn(struct irq_work *w)
{
	struct sol_irq_call *c = container_of(w, struct sol_irq_call, work);

	c->hardirq = !!in_hardirq();
	c->fn(c->arg);
}

int sol_run_in_irq(void (*fn)(void *), void *arg)
{
	struct sol_irq_call c = { .fn = fn, .arg = arg };

	ddi_test_irq_work(&c.work, sol_irq_fn);
	irq_work_queue(&c.work);
	irq_work_sync(&c.work);
	return c.hardirq;
}

static DEFINE_SPINLOCK(sol_atomic_lock);

void sol_run_atomic(void (*fn)(void *), void *arg)
{
	unsigned long flags;

	spin_lock_irqsave(&sol_atomic_lock, flags);
	fn(arg);
	spin_unlock_irqrestore(&sol_atomic_lock, flags);
}

int sol_signal_pending(void)
{
	return signal_pending(current);
}

void sol_expect_splat(int begin)
{
	pr_info("ddi-compat: expect-splat %s\n", begin ? "begin" : "end");
}

u64 ddi_kmem_stat(const char *name);

long long sol_kmem_stat(const char *name)
{
	return (long long)ddi_kmem_stat(name);
}

long ddi_assert_count(void);
bool ddi_assert_set_panic(bool on);

long sol_assert_failures(void)
{
	return ddi_assert_count();
}

int sol_assert_set_panic(int on)
{
	return ddi_assert_set_panic(on);
}

/* ---- the suites (cases in sol_cases.h) -------------------------------- */

static struct kunit_case sol_debug_cases[] = {
	KUNIT_CASE(sol_verify_passes_silently),
	KUNIT_CASE(sol_verify_failure_reports),
	KUNIT_CASE(sol_assert_needs_debug),
	KUNIT_CASE(sol_bcopy_copies_and_overlaps),
	KUNIT_CASE(sol_bzero_and_bcmp),
	{}
};

static struct kunit_suite sol_debug_suite = {
	.name = "ddi_sol_debug",
	.test_cases = sol_debug_cases,
};

kunit_test_suites(&sol_debug_suite);

static struct kunit_case sol_kmem_cases[] = {
	KUNIT_CASE(sol_km_panic_accepted),
	KUNIT_CASE(sol_unknown_flags_masked_once_per_site),
	KUNIT_CASE(sol_cache_alloc_constructs),
	KUNIT_CASE(sol_cache_free_destructs),
	KUNIT_CASE(sol_cache_constructor_failure),
	KUNIT_CASE(sol_cache_objects_aligned),
	KUNIT_CASE(sol_cache_bad_frees_reported),
	KUNIT_CASE(sol_cache_destroy_with_objects_reported),
	KUNIT_CASE(sol_cache_nosleep_any_context),
	KUNIT_CASE(sol_cache_cflags_accepted),
	{}
};

static struct kunit_suite sol_kmem_suite = {
	.name = "ddi_sol_kmem",
	.test_cases = sol_kmem_cases,
};

kunit_test_suites(&sol_kmem_suite);
MODULE_IMPORT_NS("DDI_COMPAT_INTERNAL");
