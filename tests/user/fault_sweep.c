// SPDX-License-Identifier: GPL-2.0
/*
 * fault_sweep: fail-nth sweeps of module init (ddi_compat, xx, xx_legacy)
 * and of a read of /dev/xx and /dev/xx_legacy (its uiomove()s and their
 * buffers from the map).
 *
 * Step n writes n to /proc/self/task/<tid>/fail-nth, so that the n-th
 * fault point this thread reaches (failslab, fail_page_alloc,
 * fail_usercopy: scripts/vm-init.sh lets them fail sleeping and order-0
 * allocations) fails, then makes the call (finit_module(), pread()) and
 * reads fail-nth back: non-zero means the call reached fewer than n fault
 * points, and the sweep is over after n - 1 sites. Every step must end in
 * a clean error (a failed load with ENOMEM or EFAULT; a read giving EFAULT
 * or a short count of good bytes) or in success; after it the module (if
 * loaded) unloads, nothing of it is left (its /sys/module entry, device,
 * debugfs directory, rmap map, kmem buffers), no new taint, and no splat
 * in the kernel log. The tail prints "# <sweep>: N sites".
 *
 * The page allocator reports a failed allocation without __GFP_NOWARN with
 * a stack dump, which results.py would count as a splat: during the sweeps
 * the console shows only messages more urgent than warnings
 * (/proc/sys/kernel/printk), and this program reads /dev/kmsg itself,
 * passes the allocation-failure reports and copies any other splat line
 * back to the log at error level, where results.py sees it.
 *
 * xx_legacy is a Solaris driver on the frame: a failed attach(9E) fails
 * its load with ENXIO, which is clean too.
 *
 * xx_legacy's xxstart() is the man page's: a failed kmem_alloc(KM_NOSLEEP)
 * there panics the system, as documented. That one allocation is exempted
 * with failslab's and fail_page_alloc's stack filter (reject-start and
 * reject-end around the shim's ddi_kmem_alloc, which only xxstart calls
 * in that module's init; attach(9E) uses kmem_zalloc).
 *
 * It unloads and reloads every module of /modules.list (KUnit suites are
 * filtered out of the reloads): scripts/vm-init.sh runs it last of the
 * tests that run with the modules loaded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kmod.h"
#include "ktap.h"
#include "put.h"

#define DBG "/sys/kernel/debug/"
#define MAXSTEPS 4000

static int failnth = -1, kmsg = -1;
static unsigned long start_taint;
static int splats;

static int get(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return 0;
	r = read(fd, buf, n - 1);
	close(fd);
	buf[r > 0 ? r : 0] = 0;
	if (r > 0 && buf[r - 1] == '\n')
		buf[r - 1] = 0;
	return r > 0;
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The taint flags of a warning (W), an oops (D) and a bad page (B). */
static unsigned long taint(void)
{
	return kernel_tainted() & ((1UL << 5) | (1UL << 7) | (1UL << 9));
}

/* ---- kernel log -------------------------------------------------------- */

static const char *const splat_words[] = {
	"BUG:", "WARNING:", "KASAN:", "UBSAN:", "Oops", "Call Trace:", "Kernel panic",
	"general protection fault", "sleeping function called from invalid context",
	"suspected memory leak", "possible recursive locking", "possible circular locking",
	"inconsistent lock state", "lock held when returning", "blocked for more than",
	"Unable to handle kernel", "scheduling while atomic", "list_add corruption",
	"list_del corruption",
};

/*
 * Reads the new kernel log records; returns how many are splat lines that
 * are not part of an allocation-failure report (each copied back at
 * KERN_ERR, naming the sweep and step).
 */
static int kmsg_scan(const char *sweep, unsigned n)
{
	static int in_alloc_report;
	static char ctx[8][128];
	char rec[2048], out[3000];
	int bad = 0;
	ssize_t r;

	while ((r = read(kmsg, rec, sizeof(rec) - 1)) > 0 || (r < 0 && errno == EPIPE)) {
		char *msg;

		if (r < 0)
			continue;	/* overwritten records: go on with the next */
		rec[r] = 0;
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		*strchrnul(msg, '\n') = 0;
		/*
		 * The reports of a failed allocation or cache creation, each
		 * with a stack dump. A cache creation whose allocation was
		 * failed reports -ENOMEM or, from SLUB's own set-up, -EINVAL.
		 */
		if (strstr(msg, "page allocation failure") || strstr(msg, "vmalloc error:") ||
		    (strstr(msg, "kmem_cache_create") && (strstr(msg, "failed with error -12") ||
							   strstr(msg, "failed with error -22"))) ||
		    strstr(msg, "ddi-compat: fault_sweep:")) {
			in_alloc_report = !strstr(msg, "ddi-compat: fault_sweep:");
			continue;
		}
		memmove(ctx[0], ctx[1], sizeof(ctx[0]) * 7);
		snprintf(ctx[7], sizeof(ctx[7]), "%.100s", msg);
		for (size_t i = 0; i < sizeof(splat_words) / sizeof(splat_words[0]); i++) {
			if (!strstr(msg, splat_words[i]))
				continue;
			if (in_alloc_report && !strcmp(splat_words[i], "Call Trace:")) {
				in_alloc_report = 0;	/* the report's own dump */
				break;
			}
			bad++;
			snprintf(out, sizeof(out),
				 "<3>ddi-compat: fault_sweep: splat in %s, step %u: %s (after: %s | %s | %s | %s | %s)\n",
				 sweep, n, msg, ctx[2], ctx[3], ctx[4], ctx[5], ctx[6]);
			if (write(kmsg, out, strlen(out)) < 0)
				fprintf(stderr, "%s", out);
			break;
		}
	}
	return bad;
}

/* ---- fail-nth ---------------------------------------------------------- */

static void arm(unsigned n)
{
	char b[16];

	snprintf(b, sizeof(b), "%u", n);
	if (pwrite(failnth, b, strlen(b), 0) < 0)
		fprintf(stderr, "fault_sweep: cannot arm fail-nth: %s\n", strerror(errno));
}

/* Disarms; returns 1 if the injected failure was reached. */
static int disarm(void)
{
	char b[16] = "";
	ssize_t r = pread(failnth, b, sizeof(b) - 1, 0);
	/* A failed read: its own copy-out was the last fault point (1 left). */
	int reached = r > 0 && atoi(b) == 0;

	while (pwrite(failnth, "0", 1, 0) < 0 && errno == EFAULT)
		;
	return reached;
}

/* ---- modules ----------------------------------------------------------- */

static char mods[16][64];
static int nmods;

static int loaded(const char *m)
{
	char p[128];

	snprintf(p, sizeof(p), "/sys/module/%s", m);
	return exists(p);
}

static int load(const char *m)
{
	char p[128];

	snprintf(p, sizeof(p), "/modules/%s.ko", m);
	return kmod_load(p);
}

static int unload(const char *m)
{
	return syscall(SYS_delete_module, m, O_NONBLOCK);
}

struct kstats {
	long long outstanding, bytes;
};

static int kmem_stats(struct kstats *s)
{
	char b[256];

	s->outstanding = s->bytes = -1;
	return get(DBG "ddi_compat/kmem", b, sizeof(b)) &&
	       sscanf(b, "allocs %*u frees %*u outstanding %lld bytes_in_use %lld", &s->outstanding, &s->bytes) == 2;
}

/* The number of live maps, and (if tag is not NULL) the free units of the one made by [tag]. */
static int maps(const char *tag, long *free_units)
{
	FILE *f = fopen(DBG "ddi_compat/rmap", "r");
	char line[512];
	int n = 0;

	if (free_units)
		*free_units = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "map ", 4))
			continue;
		n++;
		if (tag && strstr(line, tag) && fgets(line, sizeof(line), f))
			sscanf(line, " segments %*d free_units %ld", free_units);
	}
	fclose(f);
	return n;
}

struct result {
	unsigned sites, bad;
	char why[256];
};

static __attribute__((format(printf, 2, 3))) void bad(struct result *r, const char *fmt, ...)
{
	va_list ap;

	if (!r->bad++) {
		va_start(ap, fmt);
		vsnprintf(r->why, sizeof(r->why), fmt, ap);
		va_end(ap);
	}
	va_start(ap, fmt);
	fprintf(stderr, "fault_sweep: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
}

/* After every step: no new taint, no splat. */
static void step_health(struct result *r, const char *sweep, unsigned n)
{
	int k = kmsg_scan(sweep, n);

	if (k) {
		splats += k;
		bad(r, "%s step %u: %d splat line(s) in the kernel log", sweep, n, k);
	}
	if (taint() != start_taint) {
		bad(r, "%s step %u: kernel tainted (%#lx)", sweep, n, taint());
		start_taint = taint();
	}
}

/* A driver's own check after a load that succeeded: its map is there and whole. */
static int driver_whole(const char *m)
{
	char tag[64];
	long fu;

	snprintf(tag, sizeof(tag), "[%s]", m);
	maps(tag, &fu);
	return fu == 2560;
}

static void sweep_load(const char *m, const char *dev, struct result *r)
{
	struct kstats k0, k1;
	int maps0 = maps(NULL, NULL), have0 = kmem_stats(&k0);
	char modfile[128], debugdir[128];
	unsigned n;
	/*
	 * A Solaris driver's attach(9E) says DDI_FAILURE, not why: its
	 * mod_install() fails with ENXIO (frame/modctl.c).
	 */
	int frame = !strcmp(m, "xx_legacy");

	snprintf(modfile, sizeof(modfile), "/modules/%s.ko", m);
	snprintf(debugdir, sizeof(debugdir), DBG "%s", m);
	for (n = 1; n <= MAXSTEPS; n++) {
		int fd = open(modfile, O_RDONLY | O_CLOEXEC), ret, err, reached;

		if (fd < 0) {
			bad(r, "%s: cannot open %s", m, modfile);
			return;
		}
		arm(n);
		ret = syscall(SYS_finit_module, fd, "", 0);
		err = errno;
		reached = disarm();
		close(fd);
		if (ret == 0) {
			if (dev && !exists(dev))
				bad(r, "%s step %u: loaded without %s", m, n, dev);
			if (dev && !driver_whole(m))
				bad(r, "%s step %u: loaded, but its map is missing or not whole (an allocation failure swallowed)",
				    m, n);
			if (unload(m))
				bad(r, "%s step %u: does not unload (errno %d)", m, n, errno);
		} else if (err != ENOMEM && err != EFAULT && !(err == ENXIO && frame)) {
			bad(r, "%s step %u: load failed with errno %d (%s), not ENOMEM/EFAULT%s", m, n,
			    err, strerror(err), frame ? "/ENXIO" : "");
		}
		if (loaded(m))
			bad(r, "%s step %u: still in /sys/module after a failed load or an unload", m, n);
		if (dev && exists(dev))
			bad(r, "%s step %u: %s left behind", m, n, dev);
		if (!dev && exists(debugdir))
			bad(r, "%s step %u: %s left behind", m, n, debugdir);
		if (dev) {
			int mp = maps(NULL, NULL);

			if (mp != maps0) {
				bad(r, "%s step %u: %d live maps, %d before (a map leaked)", m, n, mp, maps0);
				maps0 = mp;
			}
			if (have0 && kmem_stats(&k1) && (k1.outstanding != k0.outstanding || k1.bytes != k0.bytes)) {
				bad(r, "%s step %u: kmem outstanding %lld -> %lld, bytes %lld -> %lld", m, n,
				    k0.outstanding, k1.outstanding, k0.bytes, k1.bytes);
				k0 = k1;
			}
		}
		step_health(r, m, n);
		if (!reached)
			break;
	}
	r->sites = n - 1;
	if (n > MAXSTEPS)
		bad(r, "%s: still reaching fault points after %d steps", m, MAXSTEPS);
}

/* The shim's ddi_kmem_alloc in /proc/kallsyms: [start, end). */
static int kallsyms_range(const char *sym, unsigned long *start, unsigned long *end)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long a, s = 0, e = ~0UL;
	char line[512], name[256];

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %*s %255s", &a, name) == 2 && !strcmp(name, sym))
			s = a;
	rewind(f);
	while (s && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx", &a) == 1 && a > s && a < e)
			e = a;
	fclose(f);
	*start = s;
	*end = e;
	return s && e != ~0UL;
}

/* failslab's and fail_page_alloc's stack filter: which = "reject" or "require". */
static void stack_filter(const char *which, unsigned long s, unsigned long e)
{
	char b[32];

	for (int i = 0; i < 2; i++) {
		const char *d = i ? DBG "fail_page_alloc/" : DBG "failslab/";
		char p[128];

		snprintf(p, sizeof(p), "%s%s-start", d, which);
		snprintf(b, sizeof(b), "%#lx", s);
		put(p, b);
		snprintf(p, sizeof(p), "%s%s-end", d, which);
		snprintf(b, sizeof(b), "%#lx", e);
		put(p, b);
	}
}

/*
 * The first address above the kernel's own text (the highest symbol not
 * in a module, + 1): where modules live, on x86-64.
 */
static unsigned long kernel_end(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long a, e = 0;
	char line[512];

	while (f && fgets(line, sizeof(line), f))
		if (!strchr(line, '[') && sscanf(line, "%lx", &a) == 1 && a > e)
			e = a;
	if (f)
		fclose(f);
	return e + 1;
}

/* ---- reads ------------------------------------------------------------- */

#define RD 2000

static unsigned char pat(size_t i) { return (unsigned char)(i * 7 + 3); }

static void sweep_read(const char *dev, const char *m, struct result *r)
{
	unsigned char w[RD], b[RD];
	int fd = open(dev, O_RDWR);
	struct kstats k0, k1;
	int have0 = kmem_stats(&k0);
	char tag[64];
	unsigned n;

	snprintf(tag, sizeof(tag), "[%s]", m);
	for (size_t i = 0; i < RD; i++)
		w[i] = pat(i);
	if (fd < 0 || pwrite(fd, w, RD, 0) != RD) {
		bad(r, "%s: cannot set up (errno %d)", dev, errno);
		if (fd >= 0)
			close(fd);
		return;
	}
	for (n = 1; n <= MAXSTEPS; n++) {
		ssize_t got;
		int err, reached;
		long fu;

		memset(b, 0, RD);	/* the buffer's pages are there before arming */
		arm(n);
		got = pread(fd, b, RD, 0);
		err = errno;
		reached = disarm();
		if (got == -1 ? err != EFAULT : got < 0 || got > RD || (got < RD && got % 640))
			bad(r, "%s step %u: read returned %zd (errno %d); documented: EFAULT or a count of whole chunks",
			    dev, n, got, got < 0 ? err : 0);
		else if (got > 0 && memcmp(b, w, got))
			bad(r, "%s step %u: the %zd bytes read are wrong", dev, n, got);
		if (pread(fd, b, RD, 0) != RD || memcmp(b, w, RD))
			bad(r, "%s step %u: the device does not read back right afterwards", dev, n);
		maps(tag, &fu);
		if (fu != 2560)
			bad(r, "%s step %u: map has %ld free units, not 2560 (a buffer leaked)", dev, n, fu);
		if (have0 && kmem_stats(&k1) && k1.outstanding != k0.outstanding)
			bad(r, "%s step %u: kmem outstanding %lld -> %lld", dev, n, k0.outstanding, k1.outstanding);
		step_health(r, dev, n);
		if (!reached)
			break;
	}
	r->sites = n - 1;
	close(fd);
}

/* ---- main -------------------------------------------------------------- */

static void report(struct result *r, const char *name, const char *sweep)
{
	printf("    # %s: %u sites\n", sweep, r->sites);
	ktap_case(!r->bad && r->sites > 0, name, "%s", r->bad ? r->why : "no fault point reached");
}

int main(void)
{
	struct result rl = { 0 }, rx = { 0 }, rd = { 0 }, rrx = { 0 }, rrl = { 0 }, rr = { 0 };
	char printk_saved[64] = "", glob_saved[128] = "", p[64], line[128];
	unsigned long ks, ke;
	int restored = 1;
	FILE *f;

	ktap_begin("user_fault_sweep", 7);
	snprintf(p, sizeof(p), "/proc/self/task/%ld/fail-nth", (long)syscall(SYS_gettid));
	failnth = open(p, O_RDWR);
	kmsg = open("/dev/kmsg", O_RDWR | O_NONBLOCK);
	if (failnth < 0 || kmsg < 0 || !exists(DBG "fail_page_alloc") || !exists("/modules/ddi_compat.ko")) {
		static const char *const cases[] = {
			"ddi_compat_init_sweep", "xx_init_sweep", "xx_legacy_init_sweep",
			"modules_reloaded", "xx_read_sweep", "xx_legacy_read_sweep",
			"no_leak_no_splat",
		};
		unsigned int i;

		/* Every case of the plan, so that the plan still adds up. */
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			ktap_skip(cases[i], "needs fail-nth, /dev/kmsg, fail_page_alloc and /modules");
		return ktap_end();
	}
	lseek(kmsg, 0, SEEK_END);
	start_taint = taint();
	f = fopen("/modules.list", "r");
	while (f && nmods < 16 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (strlen(line) > 3 && !strcmp(line + strlen(line) - 3, ".ko"))
			line[strlen(line) - 3] = 0;
		snprintf(mods[nmods++], sizeof(mods[0]), "%s", line);
	}
	if (f)
		fclose(f);

	/* KUnit suites must not run again at each load. */
	get("/sys/module/kunit/parameters/filter_glob", glob_saved, sizeof(glob_saved));
	put("/sys/module/kunit/parameters/filter_glob", "fault_sweep_runs_no_suite");
	get("/proc/sys/kernel/printk", printk_saved, sizeof(printk_saved));
	put("/proc/sys/kernel/printk", "4");

	for (int i = nmods - 1; i >= 0; i--)
		if (loaded(mods[i]) && unload(mods[i]))
			fprintf(stderr, "fault_sweep: cannot unload %s (errno %d)\n", mods[i], errno);
	kmsg_scan("unloading", 0);

	/*
	 * Only the fault points of module code count (the stack holds an
	 * address above the kernel image): the module loader's own
	 * allocations (the file, the module's memory: over a thousand
	 * points) are the kernel's, not ours, and are left alone.
	 */
	stack_filter("require", kernel_end(), 0xffffffffff000000UL);
	/*
	 * ddi_compat's init reaches over 1000 fault points (its kmem caches'
	 * creation and sysfs entries), at about 0.8 s a step under TCG: 14
	 * minutes. Run on request only (make test SWEEP=full puts
	 * ddi.fault_sweep=full on the kernel command line).
	 */
	get("/proc/cmdline", line, sizeof(line));
	if (strstr(line, "ddi.fault_sweep=full")) {
		sweep_load("ddi_compat", NULL, &rd);
		report(&rd, "ddi_compat_init_sweep", "ddi_compat init");
	} else {
		ktap_skip("ddi_compat_init_sweep",
			  "over 1000 sites, 14 minutes under TCG; make test SWEEP=full");
	}

	if (load("ddi_compat")) {
		bad(&rx, "cannot load ddi_compat (errno %d)", errno);
	} else {
		sweep_load("xx", "/dev/xx", &rx);
		if (kallsyms_range("ddi_kmem_alloc", &ks, &ke)) {
			stack_filter("reject", ks, ke);
			sweep_load("xx_legacy", "/dev/xx_legacy", &rl);
			stack_filter("reject", 0, 0);
		} else {
			bad(&rl, "no ddi_kmem_alloc in /proc/kallsyms for the stack filter");
		}
	}
	report(&rx, "xx_init_sweep", "xx init");
	report(&rl, "xx_legacy_init_sweep", "xx_legacy init (its xxstart kmem_alloc exempted)");

	stack_filter("require", 0, ~0UL);
	for (int i = 0; i < nmods; i++)
		if (!loaded(mods[i]) && load(mods[i])) {
			fprintf(stderr, "fault_sweep: cannot reload %s (errno %d)\n", mods[i], errno);
			restored = 0;
		}
	ktap_case(restored, "modules_reloaded", "a module did not load again");

	sweep_read("/dev/xx", "xx", &rrx);
	report(&rrx, "xx_read_sweep", "/dev/xx read");
	sweep_read("/dev/xx_legacy", "xx_legacy", &rrl);
	report(&rrl, "xx_legacy_read_sweep", "/dev/xx_legacy read");

	put("/proc/sys/kernel/printk", printk_saved[0] ? printk_saved : "7");
	put("/sys/module/kunit/parameters/filter_glob",
	    glob_saved[0] && strcmp(glob_saved, "(null)") ? glob_saved : "*");

	/* Leaks: kmemleak ignores objects younger than 5 s. */
	if (exists(DBG "kmemleak")) {
		char buf[4096] = "";

		sleep(6);
		put(DBG "kmemleak", "scan");
		get(DBG "kmemleak", buf, sizeof(buf));
		if (buf[0]) {
			bad(&rr, "kmemleak: %.200s", buf);
			fprintf(stderr, "%s\n", buf);
		}
	}
	kmsg_scan("the end", 0);
	rr.sites = 1;
	ktap_case(!rr.bad && !splats, "no_leak_no_splat", "%s", rr.bad ? rr.why : "splats in the kernel log");
	return ktap_end();
}
