// SPDX-License-Identifier: GPL-2.0
/*
 * frame: the driver frame (frame/) as a Solaris driver sees it, through
 * its test driver tests/frame/frame_drv.c (ddi_frame_test.ko), loaded here
 * with instances=2 and unloaded at the end.
 *
 * Each case drives the /dev nodes the driver's attach(9E) made and checks
 * what its entry points saw (FT_STATS): open(9E)'s flags, otyp and cred,
 * close(9E) on the last close only, clone opens with a minor per file,
 * PRIVONLY_DEV, FEXCL handled by the driver, read(9E) at the file offset,
 * nodev write(9E), ioctl(9E)'s return value and errno, chpoll(9E)'s
 * events translated and its pollwakeup() waking poll(2) and epoll, the
 * module pinned while a file is open, and every node gone after the
 * unload.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "../frame/frame_ioctl.h"

#define MOD "/modules/ddi_frame_test.ko"
#define DEV0 "/dev/ddi_frame_test0"
#define DEV1 "/dev/ddi_frame_test1"
#define CLONE0 "/dev/ddi_frame_test0_clone"
#define PRIV "/dev/ddi_frame_test_priv"

/* Illumos's <sys/file.h> bits, as open(9E) gets them. */
#define S_FREAD 0x01
#define S_FWRITE 0x02
#define S_FNDELAY 0x04
#define S_FNONBLOCK 0x80
#define S_FEXCL 0x0400
#define S_OTYP_CHR 2
#define S_DATAMODEL_LP64 0x00200000
/* And illumos's <sys/poll.h> events, as chpoll(9E) reports them. */
#define S_POLLIN 0x0001
#define S_POLLOUT 0x0004
#define S_POLLRDNORM 0x0040
#define S_POLLWRBAND 0x0100
#define S_POLLRDHUP 0x4000

/*
 * A child polls path for POLLIN (up to 10 s; with epoll if ep) while the
 * parent, 300 ms in, makes the driver report it and pollwakeup(): 0 if
 * the child saw POLLIN after the wake-up, else why not.
 */
static int poll_woken(const char *path, int ep)
{
	int fd = open(path, O_RDWR), status;
	pid_t pid;

	if (fd < 0 || ioctl(fd, FT_READY, 0))
		return 100;
	pid = fork();
	if (pid == 0) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct epoll_event ev = { .events = EPOLLIN }, out;
		int e = ep ? epoll_create1(0) : -1, n;

		if (ep && (e < 0 || epoll_ctl(e, EPOLL_CTL_ADD, fd, &ev)))
			_exit(101);
		n = ep ? epoll_wait(e, &out, 1, 10000) : poll(&p, 1, 10000);
		if (n != 1)
			_exit(102);	/* not woken */
		_exit((ep ? out.events : (unsigned int)p.revents) == POLLIN ? 0 : 103);
	}
	usleep(300000);
	ioctl(fd, FT_READY, S_POLLIN);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		status = 104 << 8;
	ioctl(fd, FT_READY, 0);
	close(fd);
	return WEXITSTATUS(status);
}

static int stats(int fd, struct ft_stats *st)
{
	memset(st, 0, sizeof(*st));
	return ioctl(fd, FT_STATS, st);
}

static int exists(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISCHR(sb.st_mode);
}

/* Open path as uid 65534 (in a child): the uid open(9E) saw, or -1. */
static int open_as_nobody(const char *path)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct ft_stats st;
		int fd;

		if (setgid(65534) || setuid(65534))
			_exit(101);
		fd = open(path, O_RDONLY);
		if (fd < 0 || stats(fd, &st))
			_exit(102);
		_exit(st.last_uid == 65534 ? 0 : 103);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Open path with every capability dropped (in a child): the errno, or 0. */
static int open_unprivileged(const char *path)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2] = { 0 };
		int fd;

		if (syscall(SYS_capset, &h, d))
			_exit(100);
		fd = open(path, O_RDONLY);
		_exit(fd >= 0 ? 0 : errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * epoll added while the driver reports POLLIN: chpoll(9E) (pre-POLLET,
 * as frame_drv.c's) gives no poll head then, and epoll polls the file
 * only this once with a waiter to register; a later pollwakeup() must
 * still reach it. 0, or the step that failed.
 */
static int epoll_added_ready(const char *path)
{
	int fd = open(path, O_RDWR), ep = epoll_create1(0), r = 0;
	struct epoll_event ev = { .events = EPOLLIN }, out;

	if (fd < 0 || ep < 0 || ioctl(fd, FT_READY, S_POLLIN) ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		r = 1;
	else if (ioctl(fd, FT_READY, 0) || epoll_wait(ep, &out, 1, 0) > 1 ||
		 epoll_wait(ep, &out, 1, 0) != 0)
		r = 2;	/* level-triggered: the first wait may see it still */
	else if (ioctl(fd, FT_READY, S_POLLIN) || epoll_wait(ep, &out, 1, 2000) != 1)
		r = 3;
	if (fd >= 0) {
		ioctl(fd, FT_READY, 0);
		close(fd);
	}
	if (ep >= 0)
		close(ep);
	return r;
}

int main(void)
{
	struct ft_stats st, st2;
	char buf[64], want[64];
	int fd, fd2, r, e, loaded;
	long rv;

	ktap_begin("user_frame", 21);
	{
		int mfd = open(MOD, O_RDONLY | O_CLOEXEC);

		loaded = mfd >= 0 && syscall(SYS_finit_module, mfd, "instances=2", 0) == 0;
		e = errno;
		if (mfd >= 0)
			close(mfd);
	}
	ktap_case(loaded, "module_loads", "finit_module(%s, instances=2): errno %d", MOD, e);
	ktap_case(exists(DEV0) && exists(DEV1) && exists(CLONE0) && exists(PRIV) &&
		  !exists("/dev/ddi_frame_test1_priv"), "attach_made_minor_nodes",
		  "%s %s %s %s: %d %d %d %d", DEV0, DEV1, CLONE0, PRIV, exists(DEV0),
		  exists(DEV1), exists(CLONE0), exists(PRIV));

	fd = open(DEV0, O_RDWR | O_NONBLOCK);
	r = fd >= 0 ? stats(fd, &st) : -1;
	ktap_case(r == 0 && st.attached == 2 && st.opens == 1 && st.instance == 0 && st.minor == 0,
		  "open_reaches_open9e", "fd %d, ioctl %d: attached %d opens %d instance %d minor %u",
		  fd, r, st.attached, st.opens, st.instance, st.minor);
	ktap_case(r == 0 && st.last_flag == (S_FREAD | S_FWRITE | S_FNDELAY | S_FNONBLOCK |
					     0x2000) && st.last_otyp == S_OTYP_CHR &&
		  st.last_uid == getuid(), "open_flags_otyp_cred",
		  "flag %#x (want %#x), otyp %d, uid %u", st.last_flag,
		  S_FREAD | S_FWRITE | S_FNDELAY | S_FNONBLOCK | 0x2000, st.last_otyp, st.last_uid);
	ktap_case(r == 0 && (st.mode & 0x0FF00000) == S_DATAMODEL_LP64 && (st.mode & S_FWRITE),
		  "ioctl_mode_model", "mode %#x", st.mode);

	/* The cred_t is the opener's: a child that is uid 65534. */
	chmod(DEV1, 0666);
	r = open_as_nobody(DEV1);
	chmod(DEV1, 0600);
	ktap_case(r == 0, "open_cred_is_openers", "child as uid 65534: %d (%s)", r,
		  r == 103 ? "open(9E) saw another uid" : r ? "could not open or ask" : "");

	/* FEXCL: the driver refuses it while the node is open. */
	fd2 = open(DEV0, O_RDONLY | O_EXCL);
	e = errno;
	ktap_case(fd2 < 0 && e == EBUSY, "fexcl_reaches_driver", "open(O_EXCL) %d errno %d",
		  fd2, e);
	if (fd2 >= 0)
		close(fd2);

	/* close(9E) on the last close of the minor only. */
	fd2 = open(DEV0, O_RDONLY);
	stats(fd, &st);
	close(fd2);
	stats(fd, &st2);
	r = st2.closes == st.closes;
	close(fd);
	fd = open(DEV1, O_RDWR);
	stats(fd, &st);
	ktap_case(r && st.closes == st2.closes + 1, "close9e_on_last_close",
		  "closes: %d with two files, %d after one close, %d after both", st2.closes,
		  st2.closes, st.closes);

	/* read(9E) at the file offset; the instance of the node. */
	snprintf(want, sizeof(want), "instance 1 minor 2\n");
	r = pread(fd, buf, sizeof(buf), 9);
	ktap_case(r == (int)strlen(want) - 9 && !memcmp(buf, want + 9, r) && st.instance == 1,
		  "read9e_at_offset", "pread at 9: %d bytes, instance %d", r, st.instance);
	r = write(fd, "x", 1);
	e = errno;
	ktap_case(r < 0 && e == ENXIO, "write_nodev_enxio",
		  "write on a nodev write(9E): %d errno %d", r, e);
	close(fd);

	/* ioctl(9E): *rvalp and the errno. */
	fd = open(DEV0, O_RDWR);
	rv = ioctl(fd, FT_RVAL, 42);
	errno = 0;
	r = ioctl(fd, FT_ERR, EIO);
	e = errno;
	ktap_case(rv == 42 && r == -1 && e == EIO, "ioctl_rval_and_errno",
		  "FT_RVAL 42 gave %ld; FT_ERR EIO gave %d errno %d", rv, r, e);
	r = ioctl(fd, 0x46549999, 0);
	e = errno;
	ktap_case(r == -1 && e == ENOTTY, "ioctl_unknown_enotty", "%d errno %d", r, e);

	/* Clone opens: each file its own minor; each closes. */
	stats(fd, &st);
	{
		int c1 = open(CLONE0, O_RDONLY), c2 = open(CLONE0, O_RDONLY);
		struct ft_stats s1, s2;

		r = c1 >= 0 && c2 >= 0 && !stats(c1, &s1) && !stats(c2, &s2);
		ktap_case(r && s1.minor >= FT_CLONE_BASE && s2.minor >= FT_CLONE_BASE &&
			  s1.minor != s2.minor, "clone_open_own_minor", "minors %u %u", s1.minor,
			  s2.minor);
		close(c1);
		close(c2);
		stats(fd, &st2);
		ktap_case(st2.closes == st.closes + 2, "clone_minors_close",
			  "closes %d -> %d after closing two clones", st.closes, st2.closes);
	}

	/* chpoll(9E): illumos's events as Linux's, both ways. */
	ioctl(fd, FT_READY, S_POLLOUT | S_POLLRDNORM | S_POLLWRBAND | S_POLLRDHUP);
	{
		struct pollfd p = { .fd = fd, .events = POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM |
						  POLLWRBAND | POLLRDHUP };
		short want_ev = POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND | POLLRDHUP;

		struct pollfd w = { .fd = fd, .events = POLLWRNORM };

		r = poll(&p, 1, 0);
		/* POLLWRNORM alone is illumos's POLLOUT; with a timeout, POLLET goes too. */
		e = poll(&w, 1, 1000);
		ktap_case(r == 1 && p.revents == want_ev && e == 1 && w.revents == POLLWRNORM,
			  "chpoll_events_translated",
			  "poll: %d, revents %#x (want %#x); POLLWRNORM alone: %d, %#x", r,
			  p.revents, want_ev, e, w.revents);
	}
	ioctl(fd, FT_READY, 0);
	r = poll_woken(DEV0, 0);
	ktap_case(r == 0, "pollwakeup_wakes_poll", "child status %d (102: not woken, 103: events)",
		  r);
	r = poll_woken(DEV1, 1);
	ktap_case(r == 0, "pollwakeup_wakes_epoll",
		  "child status %d (102: not woken, 103: events)", r);
	r = epoll_added_ready(DEV1);
	ktap_case(r == 0, "epoll_registered_when_ready",
		  "step %d failed (3: the later pollwakeup reached no epoll waiter)", r);

	/* PRIVONLY_DEV: no capabilities, no open. */
	r = open_unprivileged(PRIV);
	fd2 = open(PRIV, O_RDONLY);
	ktap_case(r == EPERM && fd2 >= 0, "privonly_dev", "unprivileged open: %d; root's: %d", r,
		  fd2);
	if (fd2 >= 0)
		close(fd2);

	/* An open file pins the module; after the unload no node is left. */
	r = syscall(SYS_delete_module, "ddi_frame_test", O_NONBLOCK);
	e = errno;
	close(fd);
	ktap_case(r == -1 && (e == EWOULDBLOCK || e == EBUSY), "open_file_pins_module",
		  "delete_module with a file open: %d errno %d", r, e);
	r = syscall(SYS_delete_module, "ddi_frame_test", O_NONBLOCK);
	e = errno;
	ktap_case(r == 0 && !exists(DEV0) && !exists(DEV1) && !exists(CLONE0) && !exists(PRIV),
		  "unload_removes_nodes", "delete_module %d errno %d; nodes left %d %d %d %d", r, e,
		  exists(DEV0), exists(DEV1), exists(CLONE0), exists(PRIV));
	return ktap_end();
}
