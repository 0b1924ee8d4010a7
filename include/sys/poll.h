/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/poll.h>, poll events and poll heads for chpoll(9E).
 *
 * The events have illumos's values; the frame translates them to and
 * from Linux's (which differ for POLLWRNORM, POLLWRBAND and POLLRDHUP).
 * Linux glue (DDI_LINUX_GLUE) gets the types and calls but not the event
 * names, which would clash with Linux's: pollwakeup() from glue takes
 * illumos's values all the same (Linux's POLLWRNORM, 0x100, would read
 * as illumos's POLLWRBAND).
 * A pollhead_t is the driver's storage, zero-filled before its first
 * use (kmem_zalloc(), zeroed soft state or static), as on illumos; it
 * needs no initialisation call. ph_list is non-NULL once a poller has
 * waited on the head and until pollhead_clean().
 *
 * The frame calls chpoll(9E) with anyyet 0 and, when the caller will
 * wait, POLLET in events, so that the driver hands back its poll head
 * whether or not an event is pending (Linux registers a waiter on every
 * poll); a driver that ignores POLLET is asked again with no events.
 * After registering, it asks once more (anyyet 1) if nothing was pending.
 */
#ifndef _DDI_COMPAT_SYS_POLL_H
#define _DDI_COMPAT_SYS_POLL_H

#include <sys/types.h>

#ifndef DDI_LINUX_GLUE
#define POLLIN		0x0001	/* normal or priority data readable */
#define POLLPRI		0x0002	/* high-priority data readable */
#define POLLOUT		0x0004	/* writable without blocking */
#define POLLRDNORM	0x0040	/* normal data readable */
#define POLLWRNORM	POLLOUT
#define POLLRDBAND	0x0080	/* priority data readable */
#define POLLWRBAND	0x0100	/* priority data writable */
#define POLLNORM	POLLRDNORM
#define POLLERR		0x0008	/* an error (revents only) */
#define POLLHUP		0x0010	/* hung up (revents only) */
#define POLLNVAL	0x0020	/* not a valid file (revents only) */
#define POLLREMOVE	0x0800	/* /dev/poll: not passed to drivers */
#define POLLONESHOT	0x1000	/* epoll's: not passed to drivers */
#define POLLET		0x2000	/* the caller wants the poll head whatever is pending */
#define POLLRDHUP	0x4000	/* the peer shut down writing */
#endif

/*
 * A poll head. Drivers test ph_list only; the rest is the frame's.
 */
typedef struct pollhead {
	struct polldat *ph_list;	/* non-NULL once waited on */
	uint64_t _opaque[24];
} pollhead_t;

/**
 * pollwakeup() - Wake the pollers of @php waiting for @events.
 * @php: the driver's poll head.
 * @events: the events that are now pending (POLLIN, POLLOUT, POLLERR...).
 *
 * Call it without the lock that chpoll(9E) takes, as on illumos.
 * Context: Any context. Does not sleep.
 */
void pollwakeup(pollhead_t *php, short events);

/**
 * pollhead_clean() - Detach every poller from @php before it is freed.
 * @php: the driver's poll head.
 *
 * epoll's pollers are told that the head is going away and let go of
 * it; the head is then as if zero-filled, and may be freed or used
 * again. poll(2) and select(2) waiters hold their file open, so call it
 * when no file can be waiting on @php: from close(9E) of the last file
 * that polls it, or from detach(9E).
 * Context: Process context. Sleeps (an RCU grace period) only if pollers
 * were still waiting on @php.
 */
void pollhead_clean(pollhead_t *php);

#endif /* _DDI_COMPAT_SYS_POLL_H */
