/* SPDX-License-Identifier: GPL-2.0 */
/* ddi-compat: <sys/time.h>, time units and the high-resolution clock. */
#ifndef _DDI_COMPAT_SYS_TIME_H
#define _DDI_COMPAT_SYS_TIME_H

#include <sys/types.h>

#define SEC		1
#define MILLISEC	1000
#define MICROSEC	1000000
#define NANOSEC		1000000000LL

#define MSEC2NSEC(m)	((hrtime_t)(m) * (NANOSEC / MILLISEC))
#define NSEC2MSEC(n)	((n) / (NANOSEC / MILLISEC))
#define USEC2NSEC(m)	((hrtime_t)(m) * (NANOSEC / MICROSEC))
#define NSEC2USEC(n)	((n) / (NANOSEC / MICROSEC))
#define SEC2NSEC(m)	((hrtime_t)(m) * NANOSEC)
#define NSEC2SEC(n)	((n) / NANOSEC)

/**
 * gethrtime() - The high-resolution time (gethrtime(9F)).
 *
 * Nanoseconds since an arbitrary origin (boot), monotonic: never set back,
 * not adjusted by time-of-day changes (Linux's ktime_get()).
 * Context: Any context. Does not sleep.
 * Return: the time in nanoseconds.
 */
hrtime_t gethrtime(void);

#endif /* _DDI_COMPAT_SYS_TIME_H */
