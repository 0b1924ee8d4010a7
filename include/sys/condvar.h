/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/condvar.h>, condition variables (condvar(9F)).
 *
 * Each wait releases the mutex and sleeps in one step (a cv_signal() or
 * cv_broadcast() by a thread that holds the mutex cannot be missed), and
 * takes the mutex again before it returns, whatever ended it. Waits may
 * end spuriously, as on illumos: the caller re-checks its condition in a
 * loop. The waits sleep, so they are called in process context only; the
 * mutex may be adaptive or spin. cv_signal() and cv_broadcast() do not
 * sleep and are callable from any context.
 *
 * As on illumos, a kcondvar_t of all zero bytes is a condition variable
 * without cv_init().
 *
 * Times are in clock ticks (drv_usectohz(9F)); cv_timedwait()'s is an
 * absolute ddi_get_lbolt() value, cv_reltimedwait()'s is relative.
 */
#ifndef _DDI_COMPAT_SYS_CONDVAR_H
#define _DDI_COMPAT_SYS_CONDVAR_H

#include <sys/types.h>
#include <sys/mutex.h>

typedef struct kcondvar {
	uint64_t _opaque[24];
} kcondvar_t;

typedef enum { CV_DEFAULT = 0, CV_DRIVER = 1 } kcv_type_t;

/* The resolution argument of cv_reltimedwait(): accepted, no effect. */
typedef enum { TR_NANOSEC, TR_MICROSEC, TR_MILLISEC, TR_SEC, TR_CLOCK_TICK } time_res_t;

/**
 * cv_init() - Initialise a condition variable (condvar(9F)).
 * @cvp: the condition variable.
 * @name: ignored (may be NULL).
 * @type: CV_DRIVER or CV_DEFAULT.
 * @arg: ignored (may be NULL).
 *
 * Context: Any context. Does not sleep.
 */
void cv_init(kcondvar_t *cvp, const char *name, kcv_type_t type, void *arg);

/**
 * cv_destroy() - Release a condition variable.
 * @cvp: a condition variable nobody waits on, not used afterwards.
 *
 * Waiters still queued are reported.
 * Context: Any context. Does not sleep.
 */
void cv_destroy(kcondvar_t *cvp);

/**
 * cv_wait() - Release @mp, sleep until signalled, take @mp again.
 * @cvp: the condition variable.
 * @mp: a mutex the caller holds.
 *
 * Not interrupted by signals.
 * Context: Process context. Sleeps.
 */
void cv_wait(kcondvar_t *cvp, kmutex_t *mp);

/**
 * cv_wait_sig() - cv_wait(), ended by a signal too.
 * @cvp: the condition variable.
 * @mp: a mutex the caller holds.
 *
 * Context: Process context. Sleeps.
 * Return: 0 if a signal is pending (then the caller returns EINTR), a
 * positive value otherwise.
 */
int cv_wait_sig(kcondvar_t *cvp, kmutex_t *mp);

/*
 * cv_wait_sig_swap(): cv_wait_sig(); illumos's "the thread's stack may be
 * swapped out meanwhile" has no Linux counterpart.
 */
#define cv_wait_sig_swap(cvp, mp) cv_wait_sig((cvp), (mp))

/**
 * cv_timedwait() - cv_wait() until an absolute time.
 * @cvp: the condition variable.
 * @mp: a mutex the caller holds.
 * @timeout: the ddi_get_lbolt() value at which to give up.
 *
 * Context: Process context. Sleeps.
 * Return: -1 if the time was reached, a positive value otherwise.
 */
clock_t cv_timedwait(kcondvar_t *cvp, kmutex_t *mp, clock_t timeout);

/**
 * cv_timedwait_sig() - cv_timedwait(), ended by a signal too.
 * @cvp: the condition variable.
 * @mp: a mutex the caller holds.
 * @timeout: the ddi_get_lbolt() value at which to give up.
 *
 * Context: Process context. Sleeps.
 * Return: 0 if a signal is pending, -1 if the time was reached, a
 * positive value otherwise.
 */
clock_t cv_timedwait_sig(kcondvar_t *cvp, kmutex_t *mp, clock_t timeout);

/**
 * cv_reltimedwait() - cv_wait() for at most @delta ticks.
 * @cvp: the condition variable.
 * @mp: a mutex the caller holds.
 * @delta: the ticks to wait at most.
 * @res: ignored.
 *
 * Context: Process context. Sleeps.
 * Return: -1 if the time ran out, a positive value otherwise.
 */
clock_t cv_reltimedwait(kcondvar_t *cvp, kmutex_t *mp, clock_t delta, time_res_t res);

/**
 * cv_reltimedwait_sig() - cv_reltimedwait(), ended by a signal too.
 * @cvp: the condition variable.
 * @mp: a mutex the caller holds.
 * @delta: the ticks to wait at most.
 * @res: ignored.
 *
 * Context: Process context. Sleeps.
 * Return: 0 if a signal is pending, -1 if the time ran out, a positive
 * value otherwise.
 */
clock_t cv_reltimedwait_sig(kcondvar_t *cvp, kmutex_t *mp, clock_t delta, time_res_t res);

/**
 * cv_signal() - Wake one thread waiting on @cvp (if any).
 * @cvp: the condition variable.
 *
 * Context: Any context. Does not sleep.
 */
void cv_signal(kcondvar_t *cvp);

/**
 * cv_broadcast() - Wake every thread waiting on @cvp.
 * @cvp: the condition variable.
 *
 * Context: Any context. Does not sleep.
 */
void cv_broadcast(kcondvar_t *cvp);

#endif /* _DDI_COMPAT_SYS_CONDVAR_H */
