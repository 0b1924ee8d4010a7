/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One operation timed on several CPUs at once (bench/contend.c), for the
 * benchmarks in C: bench/kmem.c and bench/rmap.c.
 */
#ifndef DDI_BENCH_CONTEND_H
#define DDI_BENCH_CONTEND_H

#include <linux/types.h>

#define CONTEND_MAX_CPUS 8

/*
 * `n` calls of the timed operation on `ctx`; false if one failed. (A
 * batch per indirect call, so that the call through the pointer weighs
 * little in the figures.)
 */
typedef bool (*contend_op)(void *ctx, unsigned int n);

/*
 * Runs `op` on CPUs 0 .. cpus - 1 at once (a kthread bound to each,
 * started together) for at least 10 ms each. Returns the mean over the
 * CPUs of picoseconds per call; sets *failed if a call or a thread
 * failed. Sleeps.
 */
u64 contend(contend_op op, void *ctx, int cpus, bool *failed);

#endif
