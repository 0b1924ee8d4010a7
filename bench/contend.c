// SPDX-License-Identifier: GPL-2.0
/*
 * One operation timed on several CPUs at once: one kthread bound to each
 * CPU, started together, each running the operation for at least MIN_NS.
 */
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "contend.h"

#define MIN_NS	(10 * NSEC_PER_MSEC)

struct run {
	contend_op op;
	void *ctx;
	struct completion *go;
	struct completion done;
	u64 ps;			/* picoseconds per call */
	bool failed;
};

static int run_fn(void *arg)
{
	struct run *r = arg;
	u64 n = 0, t0, t;

	wait_for_completion(r->go);
	t0 = ktime_get_ns();
	do {
		if (!r->op(r->ctx, 64))
			r->failed = true;
		n += 64;
		t = ktime_get_ns() - t0;
		cond_resched();
	} while (t < MIN_NS && !r->failed);
	r->ps = t * 1000 / n;
	complete(&r->done);
	return 0;
}

u64 contend(contend_op op, void *ctx, int cpus, bool *failed)
{
	struct run *runs;
	DECLARE_COMPLETION_ONSTACK(go);
	u64 sum = 0;
	int i;

	if (cpus < 1 || cpus > CONTEND_MAX_CPUS || cpus > num_online_cpus()) {
		*failed = true;
		return 0;
	}
	runs = kcalloc(cpus, sizeof(*runs), GFP_KERNEL);
	if (!runs) {
		*failed = true;
		return 0;
	}
	for (i = 0; i < cpus; i++) {
		struct task_struct *t;

		runs[i] = (struct run){ .op = op, .ctx = ctx, .go = &go };
		init_completion(&runs[i].done);
		t = kthread_create_on_cpu(run_fn, &runs[i], i, "ddi_bench/%u");
		if (IS_ERR(t)) {
			*failed = true;
			runs[i].ps = 0;
			complete(&runs[i].done);
			continue;
		}
		wake_up_process(t);
	}
	complete_all(&go);
	for (i = 0; i < cpus; i++) {
		wait_for_completion(&runs[i].done);
		sum += runs[i].ps;
		*failed |= runs[i].failed;
	}
	kfree(runs);
	return sum / cpus;
}
