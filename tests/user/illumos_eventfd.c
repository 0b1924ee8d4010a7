// SPDX-License-Identifier: GPL-2.0
/*
 * illumos_eventfd: illumos-gate's eventfd pseudo driver, compiled
 * unchanged on ddi-compat (tests/illumos/, built when make test gets
 * ILLUMOS_SRC), driven through its /dev/eventfd node as illumos's libc
 * eventfd(3C) drives it: a clone open per counter, 8-byte reads and
 * writes, poll, and its two ioctls. Every case is skipped when the module
 * was not built (no ILLUMOS_SRC); when it should have been, module_loads
 * fails and the rest are skipped. A wake-up that never comes fails its
 * case after 20 s rather than hanging the run.
 *
 * The driver's behaviour, which the cases check: each open of minor 0
 * makes a counter of its own (a clone minor from a vmem arena); write()
 * adds an 8-byte value, blocking while the sum would pass 2^64 - 2;
 * read() returns the value and zeroes it (or 1, decrementing, in
 * semaphore mode), blocking while it is 0; both are EINVAL below 8 bytes,
 * EAGAIN with O_NONBLOCK and EINTR on a signal. poll() gives POLLIN while
 * the value is not 0 and POLLOUT while it is below 2^64 - 2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "kmod.h"

#define MOD "/modules/eventfd.ko"
#define SHIM "/modules/ddi_compat.ko"
#define NODE "/dev/eventfd"

/* The driver's ioctls (illumos's <sys/eventfd.h>). */
#define EVENTFDIOC ((('e') << 24) | (('f') << 16) | (('d') << 8))
#define EVENTFDIOC_SEMAPHORE (EVENTFDIOC | 1)
#define EVENTFDIOC_POST (EVENTFDIOC | 2)
#define VALMAX 0xfffffffffffffffeULL

static int efd(int nonblock)
{
	return open(NODE, O_RDWR | O_CLOEXEC | (nonblock ? O_NONBLOCK : 0));
}

static ssize_t put64(int fd, uint64_t v)
{
	return write(fd, &v, sizeof(v));
}

static ssize_t get64(int fd, uint64_t *v)
{
	return read(fd, v, sizeof(*v));
}

/* poll() of fd for events, waiting ms: the revents, or -1. */
static int poll1(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r = poll(&p, 1, ms);

	return r < 0 ? -1 : r == 0 ? 0 : p.revents;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static char diag[256];

#define FAIL(...) (snprintf(diag, sizeof(diag), __VA_ARGS__), diag)

/* Each case: NULL if it passed, else what went wrong. */

static const char *node_is_char_device(void)
{
	struct stat sb;

	if (stat(NODE, &sb))
		return FAIL("stat: errno %d", errno);
	return S_ISCHR(sb.st_mode) ? NULL : FAIL("mode %o", sb.st_mode);
}

static const char *write_then_read(void)
{
	int fd = efd(1);
	uint64_t v = 0;
	const char *r = NULL;

	if (fd < 0)
		return FAIL("open: errno %d", errno);
	if (put64(fd, 3) != 8 || put64(fd, 4) != 8)
		r = FAIL("write: errno %d", errno);
	else if (get64(fd, &v) != 8 || v != 7)
		r = FAIL("read gave %llu (errno %d), not 7", (unsigned long long)v, errno);
	else if (get64(fd, &v) != -1 || errno != EAGAIN)
		r = FAIL("second read: errno %d, not EAGAIN (the counter was reset)", errno);
	close(fd);
	return r;
}

static const char *sizes_and_values_checked(void)
{
	int fd = efd(1);
	uint32_t small = 1;
	uint64_t v = ~0ULL;
	const char *r = NULL;

	if (fd < 0)
		return FAIL("open: errno %d", errno);
	if (write(fd, &small, 4) != -1 || errno != EINVAL)
		r = FAIL("4-byte write: errno %d, not EINVAL", errno);
	else if (read(fd, &small, 4) != -1 || errno != EINVAL)
		r = FAIL("4-byte read: errno %d, not EINVAL", errno);
	else if (write(fd, &v, 8) != -1 || errno != EINVAL)
		r = FAIL("writing 2^64 - 1: errno %d, not EINVAL", errno);
	close(fd);
	return r;
}

static const char *semaphore_mode(void)
{
	int fd = efd(1);
	uint64_t a = 0, b = 0, c;
	const char *r = NULL;

	if (fd < 0)
		return FAIL("open: errno %d", errno);
	if (ioctl(fd, EVENTFDIOC_SEMAPHORE, 0) != 0)
		r = FAIL("EVENTFDIOC_SEMAPHORE: errno %d", errno);
	else if (put64(fd, 2) != 8)
		r = FAIL("write: errno %d", errno);
	else if (get64(fd, &a) != 8 || get64(fd, &b) != 8 || a != 1 || b != 1)
		r = FAIL("reads gave %llu, %llu, not 1, 1", (unsigned long long)a,
			 (unsigned long long)b);
	else if (get64(fd, &c) != -1 || errno != EAGAIN)
		r = FAIL("third read: errno %d, not EAGAIN", errno);
	close(fd);
	return r;
}

static const char *full_counter(void)
{
	int fd = efd(1), ev;
	const char *r = NULL;

	if (fd < 0)
		return FAIL("open: errno %d", errno);
	if (put64(fd, VALMAX) != 8)
		r = FAIL("writing 2^64 - 2: errno %d", errno);
	else if (put64(fd, 1) != -1 || errno != EAGAIN)
		r = FAIL("write to a full counter: errno %d, not EAGAIN", errno);
	else if ((ev = poll1(fd, POLLIN | POLLOUT, 0)) != POLLIN)
		r = FAIL("poll of a full counter: %#x, not POLLIN only", ev);
	close(fd);
	return r;
}

static const char *clone_opens_independent(void)
{
	int a = efd(1), b = efd(1);
	uint64_t v = 0;
	const char *r = NULL;

	if (a < 0 || b < 0)
		r = FAIL("open: errno %d", errno);
	else if (put64(a, 9) != 8)
		r = FAIL("write: errno %d", errno);
	else if (get64(b, &v) != -1 || errno != EAGAIN)
		r = FAIL("the other open's read: %llu (errno %d), not EAGAIN",
			 (unsigned long long)v, errno);
	else if (get64(a, &v) != 8 || v != 9)
		r = FAIL("read gave %llu, not 9", (unsigned long long)v);
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	return r;
}

static const char *ioctls_refused(void)
{
	int fd = efd(1);
	uint64_t v = 5;
	const char *r = NULL;

	if (fd < 0)
		return FAIL("open: errno %d", errno);
	/* EVENTFDIOC_POST is for the kernel only (FKIOCTL). */
	if (ioctl(fd, EVENTFDIOC_POST, &v) != -1 || errno != ENOTTY)
		r = FAIL("EVENTFDIOC_POST from user space: errno %d, not ENOTTY", errno);
	else if (ioctl(fd, EVENTFDIOC | 7, 0) != -1 || errno != ENOTTY)
		r = FAIL("an unknown ioctl: errno %d, not ENOTTY", errno);
	close(fd);
	return r;
}

struct waiter {
	int fd;
	uint64_t v;
	ssize_t n;
	int err;
	int done;
};

static void *read_thread(void *p)
{
	struct waiter *w = p;

	w->n = get64(w->fd, &w->v);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void *write_thread(void *p)
{
	struct waiter *w = p;

	w->n = put64(w->fd, w->v);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void *poll_thread(void *p)
{
	struct waiter *w = p;

	w->n = poll1(w->fd, POLLIN, 20000);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* pthread_join() for up to 20 s: 0, or -1 if the thread is still blocked. */
static int join20(pthread_t t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 20;
	return pthread_timedjoin_np(t, NULL, &ts) ? -1 : 0;
}

/* Runs fn on fd in a thread, checks it is blocked, then does kick. */
static const char *blocked_then_kicked(void *(*fn)(void *), struct waiter *w,
				       int (*kick)(int fd))
{
	pthread_t t;

	if (pthread_create(&t, NULL, fn, w))
		return FAIL("pthread_create failed");
	sleep_ms(300);
	if (__atomic_load_n(&w->done, __ATOMIC_SEQ_CST)) {
		pthread_join(t, NULL);
		return FAIL("returned %zd (errno %d) without waiting", w->n, w->err);
	}
	if (kick(w->fd)) {
		pthread_cancel(t);
		pthread_join(t, NULL);
		return FAIL("the waking call failed: errno %d", errno);
	}
	if (join20(t)) {
		pthread_cancel(t);
		pthread_join(t, NULL);
		return FAIL("not woken within 20 s");
	}
	return NULL;
}

static int kick_write5(int fd)
{
	return put64(fd, 5) == 8 ? 0 : -1;
}

static int kick_read(int fd)
{
	uint64_t v;

	return get64(fd, &v) == 8 ? 0 : -1;
}

static const char *blocked_reader_woken(void)
{
	struct waiter w = { .fd = efd(0) };
	const char *r;

	if (w.fd < 0)
		return FAIL("open: errno %d", errno);
	r = blocked_then_kicked(read_thread, &w, kick_write5);
	if (!r && (w.n != 8 || w.v != 5))
		r = FAIL("the reader got %zd bytes, value %llu (errno %d), not 5", w.n,
			 (unsigned long long)w.v, w.err);
	close(w.fd);
	return r;
}

static const char *blocked_writer_woken(void)
{
	struct waiter w = { .fd = efd(0), .v = 1 };
	const char *r;

	if (w.fd < 0)
		return FAIL("open: errno %d", errno);
	if (put64(w.fd, VALMAX) != 8) {
		close(w.fd);
		return FAIL("writing 2^64 - 2: errno %d", errno);
	}
	r = blocked_then_kicked(write_thread, &w, kick_read);
	if (!r && w.n != 8)
		r = FAIL("the writer got %zd (errno %d), not 8", w.n, w.err);
	close(w.fd);
	return r;
}

static const char *poll_woken_by_write(void)
{
	struct waiter w = { .fd = efd(1) };
	const char *r;

	if (w.fd < 0)
		return FAIL("open: errno %d", errno);
	r = blocked_then_kicked(poll_thread, &w, kick_write5);
	if (!r && w.n != POLLIN)
		r = FAIL("poll gave %#zx (errno %d), not POLLIN", w.n, w.err);
	close(w.fd);
	return r;
}

static const char *epoll_level_and_edge(void)
{
	int fd = efd(1), ep = epoll_create1(EPOLL_CLOEXEC), n;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET }, out;
	uint64_t v;
	const char *r = NULL;

	if (fd < 0 || ep < 0)
		r = FAIL("open or epoll_create1: errno %d", errno);
	else if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		r = FAIL("EPOLL_CTL_ADD: errno %d", errno);
	else if ((n = epoll_wait(ep, &out, 1, 0)) != 0)
		r = FAIL("an empty counter gave %d events", n);
	else if (put64(fd, 1) != 8 || (n = epoll_wait(ep, &out, 1, 2000)) != 1 ||
		 !(out.events & EPOLLIN))
		r = FAIL("after a write: %d events (%#x), not EPOLLIN", n, n > 0 ? out.events : 0);
	else if ((n = epoll_wait(ep, &out, 1, 0)) != 0)
		r = FAIL("edge-triggered: the same event again (%d)", n);
	else if (put64(fd, 1) != 8 || (n = epoll_wait(ep, &out, 1, 2000)) != 1)
		r = FAIL("a second write gave %d events, not a new edge", n);
	else if (get64(fd, &v) != 8 || v != 2)
		r = FAIL("read gave %llu, not 2", (unsigned long long)v);
	if (ep >= 0)
		close(ep);
	if (fd >= 0)
		close(fd);
	return r;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static const char *signal_interrupts_read(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
		int fd = efd(0);
		uint64_t v;

		sigaction(SIGALRM, &sa, NULL);
		if (fd < 0)
			_exit(101);
		alarm(1);
		if (get64(fd, &v) != -1)
			_exit(102);
		_exit(errno == EINTR ? 0 : 103);
	}
	for (int i = 0; pid > 0 && i < 200 && waitpid(pid, &status, WNOHANG) == 0; i++)
		sleep_ms(100);
	if (pid > 0 && waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return FAIL("the read was not interrupted within 20 s");
	}
	if (pid < 0 || !WIFEXITED(status))
		return FAIL("the child did not exit");
	return WEXITSTATUS(status) ? FAIL("child status %d (102: read returned, 103: not EINTR)",
					  WEXITSTATUS(status)) : NULL;
}

static const char *many_opens(void)
{
	enum { N = 200 };
	int fds[N], i, n = 0;
	uint64_t v = 0;
	const char *r = NULL;

	for (i = 0; i < N; i++) {
		fds[i] = efd(1);
		if (fds[i] < 0) {
			r = FAIL("open %d: errno %d", i, errno);
			break;
		}
		n++;
		if (put64(fds[i], (uint64_t)i + 1) != 8) {
			r = FAIL("write %d: errno %d", i, errno);
			break;
		}
	}
	for (i = 0; !r && i < n; i++)
		if (get64(fds[i], &v) != 8 || v != (uint64_t)i + 1)
			r = FAIL("counter %d read %llu", i, (unsigned long long)v);
	for (i = 0; i < n; i++)
		close(fds[i]);
	return r;
}

static const char *open_pins_module(void)
{
	int fd = efd(1);
	int r;

	if (fd < 0)
		return FAIL("open: errno %d", errno);
	r = syscall(SYS_delete_module, "eventfd", O_NONBLOCK);
	close(fd);
	if (r == 0)
		return FAIL("unloaded with a file open");
	return errno == EWOULDBLOCK || errno == EBUSY ? NULL : FAIL("errno %d", errno);
}

static const struct {
	const char *name;
	const char *(*fn)(void);
} cases[] = {
	{ "node_is_char_device", node_is_char_device },
	{ "write_then_read", write_then_read },
	{ "sizes_and_values_checked", sizes_and_values_checked },
	{ "semaphore_mode", semaphore_mode },
	{ "full_counter", full_counter },
	{ "clone_opens_independent", clone_opens_independent },
	{ "ioctls_refused", ioctls_refused },
	{ "blocked_reader_woken", blocked_reader_woken },
	{ "blocked_writer_woken", blocked_writer_woken },
	{ "poll_woken_by_write", poll_woken_by_write },
	{ "epoll_level_and_edge", epoll_level_and_edge },
	{ "signal_interrupts_read", signal_interrupts_read },
	{ "many_opens", many_opens },
	{ "open_pins_module", open_pins_module },
};

#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

int main(void)
{
	int own_shim = 0, r;
	unsigned long t;

	ktap_begin("user_illumos_eventfd", 3 + NCASES);
	if (access(MOD, F_OK)) {
		int expected = access("/illumos-expected", F_OK) == 0;
		static const char why[] = "no " MOD ": built only from an illumos-gate checkout "
					  "(make test ILLUMOS_SRC=...), and not on x86-64 kCFI kernels";

		if (expected)
			ktap_case(0, "module_loads", "no %s, though ILLUMOS_SRC was given", MOD);
		else
			ktap_skip("module_loads", why);
		ktap_skip("kernel_tainted_proprietary", why);
		for (int i = 0; i < NCASES; i++)
			ktap_skip(cases[i].name, why);
		ktap_skip("module_unloads", why);
		return ktap_end();
	}
	if (access("/sys/module/ddi_compat", F_OK)) {
		if (kmod_load(SHIM))
			fprintf(stderr, "illumos_eventfd: cannot load %s (errno %d)\n", SHIM, errno);
		else
			own_shim = 1;
	}
	r = kmod_load(MOD);
	ktap_case(r == 0, "module_loads", "finit_module: errno %d", r ? errno : 0);
	t = kernel_tainted();
	ktap_case(t != ~0UL && (t & 1), "kernel_tainted_proprietary",
		  "tainted is %#lx, without bit 0 (P): is the module CDDL?", t);
	for (int i = 0; i < NCASES; i++) {
		const char *why = r ? "not loaded" : cases[i].fn();

		ktap_case(!why, cases[i].name, "%s", why ? why : "");
	}
	r = syscall(SYS_delete_module, "eventfd", O_NONBLOCK);
	ktap_case(r == 0 && access(NODE, F_OK), "module_unloads",
		  "delete_module: %d (errno %d); %s", r, r ? errno : 0,
		  access(NODE, F_OK) ? "node gone" : "node still there");
	if (own_shim && syscall(SYS_delete_module, "ddi_compat", O_NONBLOCK))
		fprintf(stderr, "illumos_eventfd: cannot unload ddi_compat (errno %d)\n", errno);
	return ktap_end();
}
