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
#include <linux/kmsg_dump.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "sol_test.h"
#include "sol_cases.h"
#include "ddi_test.h"
#include "../../ddi/devinfo.h"

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

int sol_check_streq(struct kunit *t, const char *a, const char *b, const char *ea, const char *eb,
		    const char *file, int line)
{
	int ok = a && b && !strcmp(a, b);

	if (!ok)
		KUNIT_FAIL(t, "%s:%d: expected %s == %s, but \"%s\" != \"%s\"", file, line, ea, eb,
			   a ?: "(null)", b ?: "(null)");
	return ok;
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
	if (th)
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

void *sol_user_mem(struct kunit *t, size_t len)
{
	unsigned long a = kunit_vm_mmap(t, NULL, 0, len, PROT_READ | PROT_WRITE,
					MAP_ANONYMOUS | MAP_PRIVATE, 0);

	return IS_ERR_VALUE(a) || !a ? NULL : (void *)a;
}

int sol_signal_pending(void)
{
	return signal_pending(current);
}

void sol_expect_splat(int begin)
{
	pr_info("ddi-compat: expect-splat %s\n", begin ? "begin" : "end");
}

int ddi_ksynch_lockdep_held(void *lock, int is_rw);

int sol_lockdep_held(void *lock, int is_rw)
{
	return ddi_ksynch_lockdep_held(lock, is_rw);
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

long ddi_soft_state_reports(void);

long sol_softstate_reports(void)
{
	return ddi_soft_state_reports();
}

long ddi_prop_reports(void);

long sol_prop_reports(void)
{
	return ddi_prop_reports();
}

struct dev_info *ddi_devinfo_alloc(const char *name, int instance);
void ddi_devinfo_free(struct dev_info *dip);
const char *ddi_cmn_err_text(char *buf, size_t n, struct dev_info *dip, int level, const char *fmt,
			     va_list ap);

struct dev_info *sol_devinfo_alloc(const char *name, int instance)
{
	return ddi_devinfo_alloc(name, instance);
}

void sol_devinfo_free(struct dev_info *dip)
{
	ddi_devinfo_free(dip);
}

void sol_devinfo_set_major(struct dev_info *dip, unsigned int major)
{
	dip->devi_major = major;
}

int sol_cmn_err_text(char *buf, size_t n, struct dev_info *dip, int level, const char *fmt, ...)
{
	const char *kern;
	va_list ap;

	va_start(ap, fmt);
	kern = ddi_cmn_err_text(buf, n, dip, level, fmt, ap);
	va_end(ap);
	return kern ? printk_get_level(kern) : -1;
}

#define SOL_LOG_TAIL 4096

int sol_log_find(const char *needle, char *line, size_t n)
{
	struct kmsg_dump_iter iter;
	char *buf = kmalloc(SOL_LOG_TAIL, GFP_KERNEL), *p, *last = NULL, *end;
	unsigned int prio;
	size_t len = 0;

	if (n)
		line[0] = '\0';
	if (!buf)
		return -1;
	kmsg_dump_rewind(&iter);
	if (!kmsg_dump_get_buffer(&iter, true, buf, SOL_LOG_TAIL, &len))
		len = 0;
	buf[min_t(size_t, len, SOL_LOG_TAIL - 1)] = '\0';
	for (p = buf; (p = strstr(p, needle)); p++)
		last = p;
	if (!last) {
		kfree(buf);
		return -1;
	}
	while (last > buf && last[-1] != '\n')
		last--;
	end = strchrnul(last, '\n');
	*end = '\0';
	if (n)
		strscpy(line, last, n);
	prio = sscanf(last, "<%u>", &prio) == 1 ? prio & 7 : ~0U;
	kfree(buf);
	return prio == ~0U ? -1 : (int)prio;
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

static struct kunit_case sol_ksynch_cases[] = {
	KUNIT_CASE(sol_mutex_enter_exit_owned),
	KUNIT_CASE(sol_mutex_tryenter),
	KUNIT_CASE(sol_mutex_excludes),
	KUNIT_CASE(sol_mutex_spin_in_interrupt),
	KUNIT_CASE(sol_mutex_nesting_two_classes),
	KUNIT_CASE(sol_lockdep_sees_the_locks),
	KUNIT_CASE(sol_mutex_misuse_refused),
	KUNIT_CASE(sol_ksynch_zero_filled),
	KUNIT_CASE(sol_cv_signal_wakes_waiter),
	KUNIT_CASE(sol_cv_signal_one_broadcast_all),
	KUNIT_CASE(sol_cv_timedwait_times_out),
	KUNIT_CASE(sol_cv_reltimedwait_signalled),
	KUNIT_CASE(sol_cv_wait_sig_returns_zero_on_signal),
	KUNIT_CASE(sol_cv_spin_mutex_and_interrupt),
	KUNIT_CASE(sol_rw_readers_share_writer_excludes),
	KUNIT_CASE(sol_rw_waiting_writer_blocks_readers),
	KUNIT_CASE(sol_rw_downgrade_and_tryupgrade),
	KUNIT_CASE(sol_rw_misuse_refused),
	{}
};

static struct kunit_suite sol_ksynch_suite = {
	.name = "ddi_sol_ksynch",
	.test_cases = sol_ksynch_cases,
};

static struct kunit_case sol_time_cases[] = {
	KUNIT_CASE(sol_delay_sleeps_at_least),
	KUNIT_CASE(sol_drv_usecwait_busy_waits),
	KUNIT_CASE(sol_lbolt_hrtime_getparm),
	KUNIT_CASE(sol_timeout_fires_once),
	KUNIT_CASE(sol_untimeout_cancels_pending),
	KUNIT_CASE(sol_untimeout_waits_for_running),
	KUNIT_CASE(sol_timeout_rearms_itself),
	KUNIT_CASE(sol_untimeout_from_own_function),
	KUNIT_CASE(sol_timeout_from_interrupt),
	{}
};

static struct kunit_suite sol_time_suite = {
	.name = "ddi_sol_time",
	.test_cases = sol_time_cases,
};

static struct kunit_case sol_copy_cases[] = {
	KUNIT_CASE(sol_copyin_copyout_round_trip),
	KUNIT_CASE(sol_copy_bad_address_fails),
	KUNIT_CASE(sol_ddi_copy_fkioctl),
	KUNIT_CASE(sol_uiomove_sysspace_iovecs),
	KUNIT_CASE(sol_uiomove_user_fault_counts),
	KUNIT_CASE(sol_uiomove_bad_arguments),
	KUNIT_CASE(sol_cred_and_priv),
	KUNIT_CASE(sol_device_numbers_and_min),
	{}
};

static struct kunit_suite sol_copy_suite = {
	.name = "ddi_sol_copy",
	.test_cases = sol_copy_cases,
};

static struct kunit_case sol_softstate_cases[] = {
	KUNIT_CASE(sol_softstate_round_trip),
	KUNIT_CASE(sol_softstate_zeroed),
	KUNIT_CASE(sol_softstate_grows_past_hint),
	KUNIT_CASE(sol_softstate_get_unallocated_is_null),
	KUNIT_CASE(sol_softstate_zalloc_failures),
	KUNIT_CASE(sol_softstate_init_einval),
	KUNIT_CASE(sol_softstate_any_context),
	KUNIT_CASE(sol_softstate_get_while_growing),
	KUNIT_CASE(sol_softstate_fini_frees_live_items),
	KUNIT_CASE(sol_softstate_misuse_reported),
	{}
};

static struct kunit_suite sol_softstate_suite = {
	.name = "ddi_sol_softstate",
	.test_cases = sol_softstate_cases,
};


static struct kunit_case sol_cmn_err_cases[] = {
	KUNIT_CASE(sol_sprintf_returns_buf),
	KUNIT_CASE(sol_snprintf_truncates_and_counts),
	KUNIT_CASE(sol_snprintf_zero_writes_nothing),
	KUNIT_CASE(sol_vsnprintf_takes_a_list),
	KUNIT_CASE(sol_printf_integer_conversions),
	KUNIT_CASE(sol_printf_length_modifiers),
	KUNIT_CASE(sol_printf_c_s_p_percent),
	KUNIT_CASE(sol_printf_bit_field),
	KUNIT_CASE(sol_cmn_err_line_per_level),
	KUNIT_CASE(sol_cmn_err_long_line_is_cut),
	KUNIT_CASE(sol_cmn_err_prints_each_level),
	KUNIT_CASE(sol_dev_err_prefix),
	KUNIT_CASE(sol_cmn_err_any_context),
	{}
};

static struct kunit_suite sol_cmn_err_suite = {
	.name = "ddi_sol_cmn_err",
	.test_cases = sol_cmn_err_cases,
};


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

static struct kunit_case sol_vmem_cases[] = {
	KUNIT_CASE(sol_vmem_lowest_free),
	KUNIT_CASE(sol_vmem_nextfit_goes_on),
	KUNIT_CASE(sol_vmem_range_clamped),
	KUNIT_CASE(sol_vmem_misuse_reported),
	KUNIT_CASE(sol_vmem_sleep_waits_for_free),
	{}
};

static struct kunit_suite sol_vmem_suite = {
	.name = "ddi_sol_vmem",
	.test_cases = sol_vmem_cases,
};

static struct kunit_case sol_prop_cases[] = {
	KUNIT_CASE(sol_prop_absent_gives_default),
	KUNIT_CASE(sol_prop_int_round_trip),
	KUNIT_CASE(sol_prop_int64_round_trip),
	KUNIT_CASE(sol_prop_string_round_trip),
	KUNIT_CASE(sol_prop_byte_round_trip),
	KUNIT_CASE(sol_prop_update_replaces),
	KUNIT_CASE(sol_prop_wrong_type_not_found),
	KUNIT_CASE(sol_prop_create_boolean_and_decode),
	KUNIT_CASE(sol_prop_dev_matching),
	KUNIT_CASE(sol_prop_remove_and_remove_all),
	KUNIT_CASE(sol_prop_op_three_ops),
	KUNIT_CASE(sol_prop_null_arguments_reported),
	KUNIT_CASE(sol_prop_major_unknown_is_the_driver_s),
	KUNIT_CASE(sol_prop_nosleep_calls_in_interrupt),
	KUNIT_CASE(sol_prop_unknown_flags_reported),
	{}
};

static struct kunit_suite sol_prop_suite = {
	.name = "ddi_sol_prop",
	.test_cases = sol_prop_cases,
};

kunit_test_suites(&sol_debug_suite, &sol_ksynch_suite, &sol_time_suite, &sol_copy_suite,
		  &sol_softstate_suite, &sol_cmn_err_suite, &sol_kmem_suite, &sol_vmem_suite,
		  &sol_prop_suite);
MODULE_IMPORT_NS("DDI_COMPAT_INTERNAL");
