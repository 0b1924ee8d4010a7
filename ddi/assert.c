// SPDX-License-Identifier: GPL-2.0
/*
 * <sys/debug.h>: assfail() and assfail3(), which ASSERT() and VERIFY()
 * call when a check fails (the macros themselves are in the header).
 *
 * A failure is the driver saying it cannot go on: as on illumos, the
 * report (the expression, the values compared, the file and line, the
 * caller) and a stack dump are followed by panic(). A porter who would
 * rather keep the machine up while debugging loads the shim with
 * assert_panic=0: then the report is printed with a stack dump (a splat to
 * make test, but no taint) and the call returns, so the driver runs on
 * past its failed check.
 */
#include <ddi/linux.h>
#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <sys/debug.h>

static bool assert_panic = true;
module_param(assert_panic, bool, 0644);
MODULE_PARM_DESC(assert_panic, "a failed ASSERT/VERIFY panics (1, as on illumos) or WARNs and returns (0)");

static atomic_long_t ddi_assert_failures = ATOMIC_LONG_INIT(0);

/* For the tests: the failures so far, and a switch for assert_panic. */
long ddi_assert_count(void);
bool ddi_assert_set_panic(bool on);

long ddi_assert_count(void)
{
	return atomic_long_read(&ddi_assert_failures);
}
EXPORT_SYMBOL_NS_GPL(ddi_assert_count, "DDI_COMPAT_INTERNAL");

bool ddi_assert_set_panic(bool on)
{
	return xchg(&assert_panic, on);
}
EXPORT_SYMBOL_NS_GPL(ddi_assert_set_panic, "DDI_COMPAT_INTERNAL");

static void ddi_assert_report(const char *what, unsigned long caller)
{
	atomic_long_inc(&ddi_assert_failures);
	if (READ_ONCE(assert_panic))
		panic("%s (from %pS)\n", what, (void *)caller);
	pr_err("ddi_compat: %s (from %pS)\n", what, (void *)caller);
	dump_stack();
}

int assfail(const char *a, const char *f, int l)
{
	char what[256];

	snprintf(what, sizeof(what), "assertion failed: %s, file: %s, line: %d", a, f, l);
	ddi_assert_report(what, _RET_IP_);
	return 0;
}
EXPORT_SYMBOL(assfail);

void assfail3(const char *a, uintmax_t lv, const char *op, uintmax_t rv, const char *f, int l)
{
	char what[320];

	snprintf(what, sizeof(what),
		 "assertion failed: %s (0x%llx %s 0x%llx), file: %s, line: %d",
		 a, (unsigned long long)lv, op, (unsigned long long)rv, f, l);
	ddi_assert_report(what, _RET_IP_);
}
EXPORT_SYMBOL(assfail3);
