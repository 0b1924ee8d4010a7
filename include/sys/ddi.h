/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/ddi.h>, the SVR4 DDI: device numbers, clock ticks,
 * delays, timeouts, min() and max().
 *
 * As on illumos it brings <sys/types.h>, <sys/map.h> and <sys/uio.h>.
 */
#ifndef _DDI_COMPAT_SYS_DDI_H
#define _DDI_COMPAT_SYS_DDI_H

#include <sys/types.h>
#include <sys/map.h>
#include <sys/uio.h>

/*
 * min() and max() are macros, as illumos's <sys/ddi.h> makes them: any
 * two arithmetic types, C's usual conversions, no type check (Linux's
 * min() refuses min(resid, sizeof (x)), a long and a size_t). Arguments
 * are evaluated more than once.
 */
#ifndef DDI_LINUX_GLUE
#undef min
#define min(a, b)	((a) < (b) ? (a) : (b))
#undef max
#define max(a, b)	((a) < (b) ? (b) : (a))
#endif

/* drv_getparm(9F) parameters. */
#define TIME	1	/* seconds since the epoch, time_t */
#define UPROCP	2
#define PPGRP	3
#define LBOLT	4	/* ticks since boot, clock_t */
#define PPID	11
#define PSID	12
#define UCRED	13	/* the caller's cred_t * */

/* Device numbers: Linux's encoding, a 20-bit minor. */
#define NBITSMINOR	20
#define MAXMIN		0xfffffU
#define MAXMAJ		0xfffU
#define NODEV		((dev_t)-1)

/* getmajor(9F): the major number of @dev. Any context. */
static inline major_t getmajor(dev_t dev)
{
	return (major_t)(dev >> NBITSMINOR);
}

/* getminor(9F): the minor number of @dev. Any context. */
static inline minor_t getminor(dev_t dev)
{
	return (minor_t)(dev & MAXMIN);
}

/*
 * getemajor(), geteminor(): the "external" major and minor of @dev, which
 * here are getmajor() and getminor() (one dev_t encoding). Any context.
 */
static inline major_t getemajor(dev_t dev)
{
	return getmajor(dev);
}

static inline minor_t geteminor(dev_t dev)
{
	return getminor(dev);
}

/*
 * makedevice(9F): the device number of (@maj, @min); NODEV when either is
 * out of range (major above MAXMAJ or minor above MAXMIN). Any context.
 */
static inline dev_t makedevice(major_t maj, minor_t mnr)
{
	if (maj > MAXMAJ || mnr > MAXMIN)
		return NODEV;
	return ((dev_t)maj << NBITSMINOR) | mnr;
}

/*
 * drv_usectohz(9F): microseconds to clock ticks (jiffies), rounded up;
 * 0 for microsecs <= 0; saturates at LONG_MAX.
 * Does not sleep; callable from any context.
 */
clock_t drv_usectohz(clock_t microsecs);

/*
 * drv_hztousec(9F): clock ticks to microseconds, rounded down;
 * 0 for hertz <= 0; saturates at LONG_MAX.
 * Does not sleep; callable from any context.
 */
clock_t drv_hztousec(clock_t hertz);

/**
 * drv_usecwait() - Busy-wait (drv_usecwait(9F)).
 * @microsecs: at least this many microseconds; <= 0 returns at once.
 *
 * Spins, for device timing; use delay() to wait longer than a few
 * hundred microseconds where sleeping is allowed.
 * Context: Any context. Does not sleep.
 */
void drv_usecwait(clock_t microsecs);

/**
 * delay() - Sleep for a number of clock ticks (delay(9F)).
 * @ticks: the ticks; <= 0 returns at once.
 *
 * Not interrupted by signals.
 * Context: Process context. Sleeps.
 */
void delay(clock_t ticks);

/**
 * drv_getparm() - Read a kernel parameter (drv_getparm(9F)).
 * @parm: LBOLT (clock_t), TIME (time_t, as a long), UCRED (cred_t *),
 * UPROCP (the calling process, an opaque pointer), PPID, PSID or PPGRP
 * (pid_t: its process, session and process-group IDs).
 * @value_p: where to store it.
 *
 * Context: Any context for LBOLT and TIME; the calling process's context
 * for the others.
 * Return: 0; -1 for an unknown @parm or a NULL @value_p (reported).
 */
int drv_getparm(unsigned int parm, void *value_p);

/**
 * drv_priv() - Is this a privileged credential? (drv_priv(9F)).
 * @cr: the credential.
 *
 * Context: Any context.
 * Return: 0 if @cr is privileged (CAP_SYS_ADMIN in the initial user
 * namespace), EPERM otherwise.
 */
int drv_priv(cred_t *cr);

/* A pending timeout(9F); opaque, never 0 for an armed one. */
typedef unsigned long timeout_id_t;

/**
 * timeout() - Call @func(@arg) once, after @ticks clock ticks.
 * @func: the callback.
 * @arg: its argument.
 * @ticks: the delay; <= 0 means the next tick.
 *
 * The callback runs in process context (a kernel worker thread), so it
 * may take adaptive mutexes, as callouts may on illumos; it must not
 * block for long.
 * Context: Any context. Does not sleep.
 * Return: an id for untimeout(); 0 if memory is short (reported).
 */
timeout_id_t timeout(void (*func)(void *), void *arg, clock_t ticks);

/**
 * untimeout() - Cancel a timeout (untimeout(9F)).
 * @id: what timeout() returned; 0 or a spent id is accepted.
 *
 * If the callback is running, waits for it to finish, unless called from
 * that callback itself or from interrupt context (or with interrupts
 * off), where it returns -1 at once and the callback may still be
 * running. A timeout that the callback arms again has a new id, which is
 * not affected. Do not hold a lock the callback takes while waiting.
 * Context: Any context; may sleep (to wait) in process context.
 * Return: the ticks that were left, or -1 if the timeout had already
 * fired (or @id is unknown).
 */
clock_t untimeout(timeout_id_t id);

#endif /* _DDI_COMPAT_SYS_DDI_H */
