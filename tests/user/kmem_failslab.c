// SPDX-License-Identifier: GPL-2.0
/*
 * kmem_failslab: under failslab fault injection (every slab allocation of
 * this task fails, sleeping ones included: ignore-gfp-wait=N), KM_NOSLEEP
 * returns NULL cleanly, KM_SLEEP still succeeds, and nothing leaks.
 *
 * The allocations run in this task through the debugfs triggers of
 * ddi_abi_test.ko (tests/kunit/abi_kmem.c), so that failslab's task filter
 * (/proc/self/make-it-fail) aims at them alone. Every file is opened
 * before injection starts: open() itself allocates.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"
#include "put.h"

#define FS "/sys/kernel/debug/failslab/"
#define N 50

struct kstats {
	unsigned long long allocs, frees, outstanding, bytes, peak, failures;
};

static int kmem_stats(struct kstats *s)
{
	FILE *f = fopen("/sys/kernel/debug/ddi_compat/kmem", "r");
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "allocs %llu frees %llu outstanding %llu bytes_in_use %llu peak_bytes %llu failures %llu",
		   &s->allocs, &s->frees, &s->outstanding, &s->bytes, &s->peak, &s->failures);
	fclose(f);
	return n == 6;
}

/* Writes N to an already open trigger, reads "null X ok Y" back. */
static int trigger(int fd, unsigned *null, unsigned *ok)
{
	char buf[64] = "";
	char n[16];

	snprintf(n, sizeof(n), "%d", N);
	if (write(fd, n, strlen(n)) < 0)
		return 0;
	if (pread(fd, buf, sizeof(buf) - 1, 0) <= 0)
		return 0;
	return sscanf(buf, "null %u ok %u", null, ok) == 2;
}

int main(void)
{
	struct kstats before = { 0 }, after = { 0 };
	unsigned nosleep_null = 0, nosleep_ok = 0, sleep_null = 0, sleep_ok = 0;
	int nosleep, sleep, fail, have;

	ktap_begin("user_kmem_failslab", 5);
	have = kmem_stats(&before);
	ktap_case(have, "shim_statistics_readable", "cannot read ddi_compat/kmem");
	nosleep = open("/sys/kernel/debug/ddi_abi_test/kmem_nosleep", O_RDWR);
	sleep = open("/sys/kernel/debug/ddi_abi_test/kmem_sleep", O_RDWR);
	fail = open("/proc/self/make-it-fail", O_WRONLY);
	/* The task filter first and the probability last: until the filter
	 * is on, failslab would fail every task's allocations. */
	if (!put(FS "task-filter", "Y") || !put(FS "interval", "1") || !put(FS "times", "-1") ||
	    !put(FS "space", "0") || !put(FS "verbose", "0") || !put(FS "ignore-gfp-wait", "N") ||
	    nosleep < 0 || sleep < 0 || fail < 0 || !put(FS "probability", "100")) {
		fprintf(stderr, "kmem_failslab: cannot set up fault injection\n");
		have = 0;
	}
	if (have && write(fail, "1", 1) == 1) {
		trigger(nosleep, &nosleep_null, &nosleep_ok);
		trigger(sleep, &sleep_null, &sleep_ok);
		if (write(fail, "0", 1) != 1)
			have = 0;
	}
	put(FS "probability", "0");
	ktap_case(have && nosleep_null == N && nosleep_ok == 0, "km_nosleep_returns_null",
		  "KM_NOSLEEP: %u NULL, %u allocated of %d", nosleep_null, nosleep_ok, N);
	ktap_case(have && sleep_ok == N && sleep_null == 0, "km_sleep_still_succeeds",
		  "KM_SLEEP: %u NULL, %u allocated of %d", sleep_null, sleep_ok, N);
	have = have && kmem_stats(&after);
	ktap_case(have && after.outstanding == before.outstanding && after.bytes == before.bytes,
		  "nothing_leaked", "outstanding %llu -> %llu, bytes %llu -> %llu",
		  before.outstanding, after.outstanding, before.bytes, after.bytes);
	ktap_case(have && after.failures == before.failures + nosleep_null, "failures_counted",
		  "failures %llu -> %llu", before.failures, after.failures);
	return ktap_end();
}
