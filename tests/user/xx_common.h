/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sample drivers' user-space tests, shared by both devices: include
 * after defining XX_DEV ("/dev/xx") and XX_MOD (its module name), and
 * XX_WAIT_INTERRUPTIBLE (1 for rmalloc_wait_sig, 0 for rmalloc_wait).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define XX_DEVSIZE (2 << 20)
#define XX_IOC_LATENCY _IOW('x', 1, unsigned int)

static unsigned char pat(size_t off, unsigned seed)
{
	return (unsigned char)(off * 131 + seed * 7 + (off >> 9));
}

static void fill(unsigned char *b, size_t n, size_t off, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = pat(off + i, seed);
}

static size_t check(const unsigned char *b, size_t n, size_t off, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != pat(off + i, seed))
			return i;
	return n;
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* The device's map in debugfs: the map created from our module. */
struct mapstat {
	long free_units, outstanding, waiters;
};

static int map_stat(struct mapstat *m)
{
	FILE *f = fopen("/sys/kernel/debug/ddi_compat/rmap", "r");
	char line[512], tag[64];
	int found = 0;

	if (!f)
		return 0;
	snprintf(tag, sizeof(tag), "[%s]", XX_MOD);
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "map ", 4) || !strstr(line, tag))
			continue;
		if (fgets(line, sizeof(line), f) &&
		    sscanf(line, " segments %*d free_units %ld largest_free %*d lost_units %*d outstanding_units %ld waiters %ld",
			   &m->free_units, &m->outstanding, &m->waiters) == 3)
			found = 1;
		break;
	}
	fclose(f);
	return found;
}

static long kmem_outstanding(void)
{
	FILE *f = fopen("/sys/kernel/debug/ddi_compat/kmem", "r");
	long a = -1, fr = -1;

	if (f) {
		if (fscanf(f, "allocs %ld frees %ld", &a, &fr) != 2)
			a = fr = -1;
		fclose(f);
	}
	return a - fr;
}

static int dev_open(void)
{
	return open(XX_DEV, O_RDWR);
}

static int latency(int fd, unsigned ms)
{
	return ioctl(fd, XX_IOC_LATENCY, &ms);
}

/* 1. Round trips of several sizes, data verified. */
static void round_trip(size_t n)
{
	int fd = dev_open();
	unsigned char *w = malloc(n + 1), *r = malloc(n + 1);
	ssize_t wr = -2, rd = -2;
	size_t good = 0;
	char name[64];

	fill(w, n, 0, (unsigned)n);
	memset(r, 0, n + 1);
	if (fd >= 0) {
		wr = pwrite(fd, w, n, 0);
		rd = pread(fd, r, n, 0);
		good = check(r, n, 0, (unsigned)n);
		close(fd);
	}
	snprintf(name, sizeof(name), "round_trip_%zu_bytes", n);
	ktap_case(fd >= 0 && wr == (ssize_t)n && rd == (ssize_t)n && good == n, name,
		  "wrote %zd, read %zd, first bad byte %zu (errno %d)", wr, rd, good, errno);
	free(w);
	free(r);
}

/* 2. Reads at offsets into a 1 MiB pattern. */
static void offsets(void)
{
	static const size_t offs[] = { 1, 639, 640, 641, 12345, (1 << 20) - 100 };
	size_t n = 1 << 20, bad = 0;
	unsigned char *w = malloc(n), r[3000];
	int fd = dev_open(), ok = fd >= 0;

	fill(w, n, 0, 99);
	ok = ok && pwrite(fd, w, n, 0) == (ssize_t)n;
	for (size_t i = 0; ok && i < sizeof(offs) / sizeof(offs[0]); i++) {
		size_t want = offs[i] + sizeof(r) > n ? n - offs[i] : sizeof(r);
		ssize_t got = pread(fd, r, sizeof(r), offs[i]);

		if (got < (ssize_t)want || check(r, want, offs[i], 99) != want)
			bad = offs[i], ok = 0;
	}
	if (fd >= 0)
		close(fd);
	ktap_case(ok, "reads_at_offsets", "mismatch at offset %zu", bad);
	free(w);
}

/* 3. A bad user pointer: EFAULT, and the map and kmem back to their baseline. */
static void bad_pointer(void)
{
	struct mapstat m0 = { -1, -1, -1 }, m1 = { -1, -1, -1 };
	long k0 = kmem_outstanding(), k1;
	int fd = dev_open();
	ssize_t rd, wr;
	int rerr, werr;

	map_stat(&m0);
	/* An unmapped address the compiler cannot see through. */
	void *volatile bad = (void *)16;

	rd = read(fd, bad, 100);
	rerr = errno;
	wr = pwrite(fd, bad, 100, 0);
	werr = errno;
	/*
	 * A failed write near the end, past anything written: the device must
	 * not change, so its end stays where it was and the never-written
	 * bytes just below the write stay unreadable.
	 */
	unsigned char back[640];
	ssize_t far_wr = pwrite(fd, bad, sizeof(back), XX_DEVSIZE - sizeof(back));
	int far_err = errno;
	ssize_t far_rd = pread(fd, back, sizeof(back), XX_DEVSIZE - 2 * sizeof(back));
	close(fd);
	map_stat(&m1);
	k1 = kmem_outstanding();
	ktap_case(rd == -1 && rerr == EFAULT && wr == -1 && werr == EFAULT, "bad_pointer_gives_efault",
		  "read %zd (errno %d), write %zd (errno %d)", rd, rerr, wr, werr);
	ktap_case(far_wr == -1 && far_err == EFAULT && far_rd == 0, "failed_write_leaves_device_unchanged",
		  "write %zd (errno %d), then read %zd bytes back", far_wr, far_err, far_rd);
	ktap_case(m1.free_units == 2560 && m1.outstanding == 0 && m0.free_units == m1.free_units && k0 == k1,
		  "nothing_leaked_after_efault", "map free %ld -> %ld, outstanding %ld, kmem outstanding %ld -> %ld",
		  m0.free_units, m1.free_units, m1.outstanding, k0, k1);
}

/* 4. A user buffer running into an unmapped page: a partial count. */
static void partial(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char *a = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *big = malloc(8192), *back = malloc(8192);
	int fd = dev_open();
	ssize_t rd = -2, wr = -2, rb = -2;
	size_t rgood = 0;

	fill(big, 8192, 0, 7);
	if (a != MAP_FAILED && fd >= 0 && pwrite(fd, big, 8192, 0) == 8192) {
		munmap(a + pg, pg);
		/* Read 8192 bytes into a buffer with 100 bytes before the hole. */
		rd = pread(fd, a + pg - 100, 8192, 0);
		rgood = check(a + pg - 100, 100, 0, 7);
		/* Write from it: 100 bytes reach the device at offset 5000. */
		memset(a + pg - 100, 0xee, 100);
		wr = pwrite(fd, a + pg - 100, 8192, 5000);
		rb = pread(fd, back, 8192, 0);
	}
	ktap_case(rd == 100 && rgood == 100, "partial_read_counts_exactly",
		  "read returned %zd, %zu bytes good", rd, rgood);
	ktap_case(wr == 100 && rb == 8192 && back[5000] == 0xee && back[5099] == 0xee &&
		  check(back + 5100, 100, 5100, 7) == 100, "partial_write_counts_exactly",
		  "write returned %zd", wr);
	if (fd >= 0)
		close(fd);
	free(big);
	free(back);
}

/* 5. 8 threads writing and reading their own regions at once. */
#define NT 8
#define REGION (128 * 1024)

static void *worker(void *arg)
{
	long id = (long)arg;
	unsigned char *w = malloc(REGION), *r = malloc(REGION);
	int fd = dev_open();
	long bad = 0;

	for (int round = 0; round < 4 && fd >= 0; round++) {
		size_t off = id * REGION;

		fill(w, REGION, off, id * 10 + round);
		if (pwrite(fd, w, REGION, off) != REGION ||
		    pread(fd, r, REGION, off) != REGION || check(r, REGION, off, id * 10 + round) != REGION)
			bad++;
	}
	if (fd < 0)
		bad = 100;
	else
		close(fd);
	free(w);
	free(r);
	return (void *)bad;
}

static void concurrent(void)
{
	pthread_t t[NT];
	long bad = 0;

	for (long i = 0; i < NT; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < NT; i++) {
		void *b;

		pthread_join(t[i], &b);
		bad += (long)b;
	}
	ktap_case(bad == 0, "eight_concurrent_readers_and_writers", "%ld bad rounds", bad);
}

/* 6, 7. Four readers hold the whole map; a fifth waits. */
struct reader {
	pthread_t t;
	ssize_t got;
	int err, good, signalled;
};

static volatile sig_atomic_t got_signal;
static void on_sigusr1(int s) { (void)s; got_signal = 1; }

static void *reader_fn(void *arg)
{
	struct reader *rd = arg;
	unsigned char b[640];
	int fd = dev_open();

	rd->got = fd >= 0 ? pread(fd, b, sizeof(b), 0) : -2;
	rd->err = errno;
	rd->good = rd->got == 640 && check(b, 640, 0, 5) == 640;
	if (fd >= 0)
		close(fd);
	return NULL;
}

static int wait_for(int (*cond)(void), int ms)
{
	for (int i = 0; i < ms / 5; i++) {
		if (cond())
			return 1;
		msleep(5);
	}
	return cond();
}

static int map_full(void) { struct mapstat m = { -1, -1, -1 }; return map_stat(&m) && m.free_units == 0; }
static int one_waiter(void) { struct mapstat m = { -1, -1, -1 }; return map_stat(&m) && m.waiters == 1; }

static void fifth_reader(int send_signal)
{
	struct reader r[5] = { 0 };
	unsigned char w[640];
	int fd = dev_open(), full = 0, waited = 0;
	struct sigaction sa = { .sa_handler = on_sigusr1 };	/* no SA_RESTART */

	sigaction(SIGUSR1, &sa, NULL);
	got_signal = 0;
	fill(w, 640, 0, 5);
	if (fd < 0 || pwrite(fd, w, 640, 0) != 640 || latency(fd, 400)) {
		ktap_case(0, send_signal ? "signal_to_a_waiting_reader" : "fifth_reader_waits_and_is_woken",
			  "set-up failed (errno %d)", errno);
		return;
	}
	for (int i = 0; i < 4; i++)
		pthread_create(&r[i].t, NULL, reader_fn, &r[i]);
	full = wait_for(map_full, 2000);
	pthread_create(&r[4].t, NULL, reader_fn, &r[4]);
	waited = wait_for(one_waiter, 2000);
	if (send_signal && waited)
		pthread_kill(r[4].t, SIGUSR1);
	for (int i = 0; i < 5; i++)
		pthread_join(r[i].t, NULL);
	latency(fd, 0);
	close(fd);
	int first4 = r[0].good && r[1].good && r[2].good && r[3].good;

	if (!send_signal)
		ktap_case(full && waited && first4 && r[4].good, "fifth_reader_waits_and_is_woken",
			  "map full %d, fifth waited %d, first four ok %d, fifth got %zd", full, waited, first4,
			  r[4].got);
	else if (XX_WAIT_INTERRUPTIBLE)
		/* rmalloc_wait_sig: the wait ends with EINTR. */
		ktap_case(waited && got_signal && r[4].got == -1 && r[4].err == EINTR && first4,
			  "signal_to_a_waiting_reader", "waited %d, signal %d, fifth got %zd errno %d", waited,
			  (int)got_signal, r[4].got, r[4].err);
	else
		/* rmalloc_wait: not interruptible; the read completes, then the handler runs. */
		ktap_case(waited && got_signal && r[4].good && first4, "signal_to_a_waiting_reader",
			  "waited %d, signal %d, fifth got %zd errno %d", waited, (int)got_signal, r[4].got,
			  r[4].err);
}

/* 8. rmmod while open is refused. */
static void rmmod_while_open(void)
{
	int fd = dev_open();
	long r = syscall(SYS_delete_module, XX_MOD, O_NONBLOCK);
	int err = errno;
	char path[64];

	snprintf(path, sizeof(path), "/sys/module/%s", XX_MOD);
	ktap_case(fd >= 0 && r == -1 && (err == EBUSY || err == EWOULDBLOCK) && access(path, F_OK) == 0,
		  "rmmod_while_open_is_refused", "delete_module returned %ld errno %d", r, err);
	if (fd >= 0)
		close(fd);
}

static int run_all(const char *suite)
{
	static const size_t sizes[] = { 0, 1, 639, 640, 641, 2560, 1 << 20 };

	ktap_begin(suite, 17);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		round_trip(sizes[i]);
	offsets();
	bad_pointer();
	partial();
	concurrent();
	fifth_reader(0);
	fifth_reader(1);
	rmmod_while_open();
	return ktap_end();
}
