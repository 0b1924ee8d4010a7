/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KUnit suites written as Solaris code (tests/kunit/sol_*.c): files
 * that include Solaris headers only, as a ported driver's do, and reach
 * KUnit and the few Linux facilities a test needs (threads, interrupt
 * context, signals) through this bridge (tests/kunit/sol_bridge.c, Linux
 * glue). Their cases are listed in that file's suites.
 */
#ifndef DDI_SOL_TEST_H
#define DDI_SOL_TEST_H

#include <sys/types.h>

struct kunit;

/* Records a failed expectation (ok == 0) with its text and place. */
void sol_check(struct kunit *t, int ok, const char *expr, const char *file, int line);
/* The same for a == b, printing both values. */
void sol_check_eq(struct kunit *t, long long a, long long b, const char *ea, const char *eb,
		  const char *file, int line);
/* Records a failed expectation unless strings a and b are equal; returns whether they were. */
int sol_check_streq(struct kunit *t, const char *a, const char *b, const char *ea, const char *eb,
		    const char *file, int line);
/* Marks the running case skipped, with a reason. */
void sol_skip(struct kunit *t, const char *why);

/* SOL_EXPECT(t, cond): checks cond; evaluates to whether it held. */
#define SOL_EXPECT(t, cond) ({						\
	int __sol_ok = !!(cond);					\
	sol_check((t), __sol_ok, #cond, __FILE__, __LINE__);		\
	__sol_ok;							\
})
#define SOL_EXPECT_EQ(t, a, b) ({					\
	long long __sol_a = (long long)(a), __sol_b = (long long)(b);	\
	sol_check_eq((t), __sol_a, __sol_b, #a, #b, __FILE__, __LINE__);\
	__sol_a == __sol_b;						\
})
#define SOL_EXPECT_STREQ(t, a, b)					\
	sol_check_streq((t), (a), (b), #a, #b, __FILE__, __LINE__)

/*
 * A kernel thread running fn(arg), which may be sent a signal
 * (sol_thread_signal(): SIGUSR1, which the thread accepts).
 * sol_thread_join() waits for fn to return and frees the thread.
 */
struct sol_thread;
struct sol_thread *sol_thread_start(void (*fn)(void *), void *arg);
void sol_thread_signal(struct sol_thread *th);
void sol_thread_join(struct sol_thread *th);

/*
 * Runs fn(arg) in interrupt context (an irq_work: hard interrupt context,
 * or the irq_work thread under PREEMPT_RT; see ddi_test.h) and waits for
 * it. Returns whether it ran in hard interrupt context.
 */
int sol_run_in_irq(void (*fn)(void *), void *arg);

/* Runs fn(arg) with preemption and interrupts off (a spinlock_t held). */
void sol_run_atomic(void (*fn)(void *), void *arg);

/*
 * User memory for the running case: len bytes mapped in the test's own
 * address space (KUnit's kunit_vm_mmap()), unmapped when the case ends;
 * NULL if it cannot be mapped.
 */
void *sol_user_mem(struct kunit *t, size_t len);

/* Whether the calling thread has a signal pending. */
int sol_signal_pending(void);

/*
 * Brackets a deliberate splat (begin 1, end 0) in the console log, so
 * that make test does not count it (scripts/results.py).
 */
void sol_expect_splat(int begin);

/*
 * Whether lockdep has the caller holding lock, a kmutex_t (is_rw 0) or a
 * krwlock_t (1): 1 or 0; -1 on a kernel without lockdep.
 */
int sol_lockdep_held(void *lock, int is_rw);

/*
 * The shim's kmem counter of that name (a misuse kind of
 * /sys/kernel/debug/ddi_compat/kmem, "failures" or "bad_flag_sites").
 */
long long sol_kmem_stat(const char *name);

/* The shim's failed-assertion count, and its assert_panic switch. */
long sol_assert_failures(void);
int sol_assert_set_panic(int on);

/* How many soft-state misuses the shim has reported (softstate/mod.rs). */
long sol_softstate_reports(void);

/* How many property misuses and failures it has reported (prop/prop.c). */
long sol_prop_reports(void);

/*
 * dev_infos as the driver frame will make them (ddi_devinfo_alloc(): a
 * driver name and an instance; may sleep), and freeing them.
 */
struct dev_info;
struct dev_info *sol_devinfo_alloc(const char *name, int instance);
void sol_devinfo_free(struct dev_info *dip);
/* Gives a test's dev_info the major the frame gives a driver's. */
void sol_devinfo_set_major(struct dev_info *dip, unsigned int major);

/*
 * The line cmn_err(level, fmt, ...) or dev_err(dip, ...) would print
 * (but for CE_WARN's caller name), into buf; returns its printk level:
 * '0' to '7', 'c' for a continuation, 0 for CE_PANIC, -1 for a bad level.
 */
int sol_cmn_err_text(char *buf, size_t n, struct dev_info *dip, int level, const char *fmt, ...);

/*
 * The newest line of the kernel log (of its last 4 KiB) that holds
 * needle, into line ("<level>[time] text", cut to n bytes); returns that
 * line's level (0 to 7), or -1 if there is none.
 */
int sol_log_find(const char *needle, char *line, size_t n);

#endif /* DDI_SOL_TEST_H */
