// SPDX-License-Identifier: GPL-2.0
/*
 * fault_sweep_c: fail-nth sweeps of the shim's allocating calls, made
 * through the C ABI as a driver makes them.
 *
 * For each call, step n = 1, 2, ... sets current->fail_nth to n (what
 * /proc/self/task/<tid>/fail-nth writes): the n-th fault point this task
 * reaches (failslab, fail_page_alloc, fail_usercopy) fails. A value still
 * non-zero after the call means it reached fewer than n points: the sweep
 * is over, and it covered n - 1 sites. Every step must give the documented
 * result (KM_NOSLEEP, rmallocmap: a buffer or NULL; KM_SLEEP,
 * rmallocmap_wait, rmalloc_wait: never NULL or 0), leave the shim's kmem
 * counters where they were, and neither taint the kernel (a WARN, an oops,
 * a KASAN report) nor turn lockdep off.
 *
 * Sleeping allocations are failed only with failslab's and
 * fail_page_alloc's ignore-gfp-wait off and fail_page_alloc's min-order 0
 * (scripts/vm-init.sh sets both before loading modules); with them on, a
 * sweep that reaches no site is skipped, not passed.
 *
 * An injected failure of an allocation without __GFP_NOWARN prints the
 * page allocator's "page allocation failure" report, whose stack dump
 * results.py would read as a splat: each sweep is declared with
 * "ddi-compat: expect-splat begin/end", and real splats are caught here
 * by the taint and lockdep checks after every step instead.
 */
#include <ddi/linux.h>
#include <kunit/test.h>
#include <linux/debug_locks.h>
#include <linux/fs.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <sys/kmem.h>
#include <sys/map.h>

#define SWEEP_MAX	5000

struct kstat_line {
	long long outstanding, bytes;
	bool ok;
};

/* The shim's counters, from ddi_compat/kmem in debugfs. */
static struct kstat_line kmem_counters(void)
{
	struct kstat_line s = { 0 };
	unsigned long long a, f, o;
	long long b;
	struct file *fp;
	char buf[160] = "";
	loff_t pos = 0;

	fp = filp_open("/sys/kernel/debug/ddi_compat/kmem", O_RDONLY, 0);
	if (IS_ERR(fp))
		return s;
	if (kernel_read(fp, buf, sizeof(buf) - 1, &pos) > 0 &&
	    sscanf(buf, "allocs %llu frees %llu outstanding %llu bytes_in_use %lld", &a, &f, &o, &b) == 4) {
		s.outstanding = o;
		s.bytes = b;
		s.ok = true;
	}
	filp_close(fp, NULL);
	return s;
}

/* The taints of a WARN, an oops and a KASAN report (get_taint() is not exported). */
static unsigned long bad_taint(void)
{
	return (test_taint(TAINT_WARN) ? 1UL << TAINT_WARN : 0) |
	       (test_taint(TAINT_DIE) ? 1UL << TAINT_DIE : 0) |
	       (test_taint(TAINT_BAD_PAGE) ? 1UL << TAINT_BAD_PAGE : 0);
}

struct sweep {
	struct kunit *test;
	struct kstat_line before;
	unsigned long taint;
	bool locks;
	unsigned int n, sites, bad;
};

static void sweep_begin(struct sweep *s, struct kunit *test)
{
	*s = (struct sweep){ .test = test, .before = kmem_counters(), .taint = bad_taint(),
			     .locks = debug_locks };
	pr_info("ddi-compat: expect-splat begin (fault_sweep: injected allocation failures)\n");
}

#ifdef CONFIG_FAULT_INJECTION
/* Arms the n-th fault point; returns it. */
static unsigned int arm(struct sweep *s)
{
	WRITE_ONCE(current->fail_nth, ++s->n);
	return s->n;
}

/* Disarms; true while the step reached its injected failure. */
static bool disarm(struct sweep *s)
{
	unsigned int left = READ_ONCE(current->fail_nth);

	WRITE_ONCE(current->fail_nth, 0);
	return left == 0;
}
#else
/* No fail-nth without CONFIG_FAULT_INJECTION (the plain kernel of make
 * bench): every sweep reaches no fault point, and is skipped. */
static unsigned int arm(struct sweep *s)
{
	return ++s->n;
}

static bool disarm(struct sweep *s)
{
	return false;
}
#endif

/* After a step's cleanup: counters back, no new taint, lockdep on. */
static void step_checked(struct sweep *s, const char *what)
{
	struct kstat_line now = kmem_counters();

	if (now.ok && s->before.ok &&
	    (now.outstanding != s->before.outstanding || now.bytes != s->before.bytes)) {
		KUNIT_FAIL(s->test, "%s, step %u: kmem outstanding %lld -> %lld, bytes %lld -> %lld", what,
			   s->n, s->before.outstanding, now.outstanding, s->before.bytes, now.bytes);
		s->before = now;
		s->bad++;
	}
	if (bad_taint() != s->taint) {
		KUNIT_FAIL(s->test, "%s, step %u: kernel tainted %#lx (a WARN, oops or KASAN report)", what,
			   s->n, bad_taint());
		s->taint = bad_taint();
		s->bad++;
	}
	if (s->locks && !debug_locks && IS_ENABLED(CONFIG_LOCKDEP)) {
		s->locks = false;
		KUNIT_FAIL(s->test, "%s, step %u: lockdep turned itself off (a lockdep report)", what, s->n);
		s->bad++;
	}
}

static void sweep_end(struct sweep *s, const char *what, bool reached_end)
{
	pr_info("ddi-compat: expect-splat end (fault_sweep)\n");
	s->sites = s->n - 1;
	kunit_info(s->test, "# %s: %u sites\n", what, s->sites);
	KUNIT_EXPECT_TRUE_MSG(s->test, reached_end, "%s: still reaching fault points after %d steps",
			      what, SWEEP_MAX);
	if (!s->sites && !s->bad)
		kunit_skip(s->test, "%s reached no fault point (failslab/fail_page_alloc ignore-gfp-wait on?)",
			   what);
}

/* kmem_alloc/kmem_zalloc: small (slab) and big (kvmalloc, side table). */
static void sweep_kmem(struct kunit *test, bool zero, int flag)
{
	static const size_t sizes[] = { 100, 65536 };
	char what[48];
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct sweep s;
		bool done = false;

		snprintf(what, sizeof(what), "%s(%zu, %s)", zero ? "kmem_zalloc" : "kmem_alloc", sizes[i],
			 flag == KM_SLEEP ? "KM_SLEEP" : "KM_NOSLEEP");
		sweep_begin(&s, test);
		while (!done && s.n < SWEEP_MAX) {
			unsigned char *p;
			bool reached;

			arm(&s);
			p = zero ? kmem_zalloc(sizes[i], flag) : kmem_alloc(sizes[i], flag);
			reached = disarm(&s);
			if (!p && flag == KM_SLEEP) {
				KUNIT_FAIL(test, "%s returned NULL with fault point %u failed", what, s.n);
				s.bad++;
			}
			if (p && zero && (p[0] || memchr_inv(p, 0, sizes[i]))) {
				KUNIT_FAIL(test, "%s: not zeroed at step %u", what, s.n);
				s.bad++;
			}
			if (p) {
				memset(p, 0x5a, sizes[i]);
				kmem_free(p, sizes[i]);
			}
			step_checked(&s, what);
			done = !reached;
		}
		sweep_end(&s, what, done);
	}
}

static void sweep_kmem_alloc_sleep(struct kunit *test) { sweep_kmem(test, false, KM_SLEEP); }
static void sweep_kmem_alloc_nosleep(struct kunit *test) { sweep_kmem(test, false, KM_NOSLEEP); }
static void sweep_kmem_zalloc_sleep(struct kunit *test) { sweep_kmem(test, true, KM_SLEEP); }
static void sweep_kmem_zalloc_nosleep(struct kunit *test) { sweep_kmem(test, true, KM_NOSLEEP); }

/* rmallocmap (NULL allowed) and rmallocmap_wait (never NULL): small and vmalloc'd slots. */
static void sweep_map(struct kunit *test, bool wait)
{
	static const size_t sizes[] = { 16, 4096 };
	char what[40];
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct sweep s;
		bool done = false;

		snprintf(what, sizeof(what), "%s(%zu)", wait ? "rmallocmap_wait" : "rmallocmap", sizes[i]);
		sweep_begin(&s, test);
		while (!done && s.n < SWEEP_MAX) {
			struct map *mp;
			bool reached;

			arm(&s);
			mp = wait ? rmallocmap_wait(sizes[i]) : rmallocmap(sizes[i]);
			reached = disarm(&s);
			if (!mp && wait) {
				KUNIT_FAIL(test, "%s returned NULL with fault point %u failed", what, s.n);
				s.bad++;
			}
			if (mp) {
				/* A working map. */
				rmfree(mp, 100, 1000);
				if (rmalloc(mp, 100) != 1000) {
					KUNIT_FAIL(test, "%s: the map does not work at step %u", what, s.n);
					s.bad++;
				} else {
					rmfree(mp, 100, 1000);
				}
				rmfreemap(mp);
			}
			step_checked(&s, what);
			done = !reached;
		}
		sweep_end(&s, what, done);
	}
}

static void sweep_rmallocmap(struct kunit *test) { sweep_map(test, false); }
static void sweep_rmallocmap_wait(struct kunit *test) { sweep_map(test, true); }

struct give_back {
	struct delayed_work dw;
	struct map *mp;
};

static void give_back_fn(struct work_struct *w)
{
	struct give_back *g = container_of(to_delayed_work(w), struct give_back, dw);

	rmfree(g->mp, 10, 100);
}

/*
 * rmalloc_wait on a full map, the case where it queues a waiter (and
 * allocates it): a delayed work frees the space 50 ms later. It must not
 * return 0.
 */
static void sweep_rmalloc_wait(struct kunit *test)
{
	const char *what = "rmalloc_wait(waiting)";
	struct give_back g = { .mp = rmallocmap_wait(4) };
	struct sweep s;
	bool done = false;

	KUNIT_ASSERT_NOT_NULL(test, g.mp);
	INIT_DELAYED_WORK(&g.dw, give_back_fn);
	rmfree(g.mp, 10, 100);
	KUNIT_ASSERT_EQ(test, rmalloc(g.mp, 10), 100UL);	/* full */
	sweep_begin(&s, test);
	while (!done && s.n < SWEEP_MAX) {
		unsigned long addr;
		bool reached;

		schedule_delayed_work(&g.dw, msecs_to_jiffies(50));
		arm(&s);
		addr = rmalloc_wait(g.mp, 10);
		reached = disarm(&s);
		flush_delayed_work(&g.dw);
		if (addr != 100) {
			KUNIT_FAIL(test, "%s returned %lu with fault point %u failed (documented: never 0)",
				   what, addr, s.n);
			s.bad++;
			/* Full again, for the next step. */
			KUNIT_ASSERT_EQ(test, rmalloc(g.mp, 10), 100UL);
		}
		step_checked(&s, what);
		done = !reached;
	}
	sweep_end(&s, what, done);
	rmfree(g.mp, 10, 100);
	rmfreemap(g.mp);
}

static struct kunit_case fault_sweep_cases[] = {
	KUNIT_CASE(sweep_kmem_alloc_sleep),
	KUNIT_CASE(sweep_kmem_alloc_nosleep),
	KUNIT_CASE(sweep_kmem_zalloc_sleep),
	KUNIT_CASE(sweep_kmem_zalloc_nosleep),
	KUNIT_CASE(sweep_rmallocmap),
	KUNIT_CASE(sweep_rmallocmap_wait),
	KUNIT_CASE(sweep_rmalloc_wait),
	{}
};

static struct kunit_suite fault_sweep_suite = {
	.name = "fault_sweep_c",
	.test_cases = fault_sweep_cases,
};
kunit_test_suite(fault_sweep_suite);
