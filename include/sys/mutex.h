/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/mutex.h>, kernel mutexes (mutex(9F)).
 *
 * An adaptive mutex (MUTEX_DRIVER or MUTEX_DEFAULT with a NULL arg) is a
 * Linux struct mutex: it sleeps, so it is taken in process context only
 * (a timeout(9F) callback runs in one). A spin mutex (MUTEX_DRIVER with an
 * interrupt cookie, or MUTEX_SPIN) is a spinlock_t taken with interrupts
 * off, usable from interrupt handlers and wherever a spinlock_t may be
 * taken; its holder must not sleep. Both are lockdep-checked, with one
 * lock class per mutex_init() call site, named after the mutex expression
 * there (the name argument is reported in warnings only).
 *
 * The mutex is the caller's storage (kmutex_t is opaque, of fixed size).
 * As on illumos, a kmutex_t of all zero bytes (static, kmem_zalloc()'d
 * or in zeroed soft state) is an unheld adaptive mutex without
 * mutex_init(); lockdep checks the context such a mutex is taken in but
 * not its order against other locks (mutex_init() it for that). Any
 * other kmutex_t not made by mutex_init(), or used after
 * mutex_destroy(), is reported and not taken. Misuse (exit by a non-owner, a recursive
 * enter, destroying a held mutex) is reported with the caller and the
 * mutex is left as it was, rather than hanging or panicking; a refused
 * recursive enter's own mutex_exit() leaves the outer hold in place.
 */
#ifndef _DDI_COMPAT_SYS_MUTEX_H
#define _DDI_COMPAT_SYS_MUTEX_H

#include <sys/types.h>
#include <sys/dditypes.h>

typedef enum {
	MUTEX_ADAPTIVE = 0,	/* sleeps while another thread holds it */
	MUTEX_SPIN = 1,		/* spins, interrupts off */
	MUTEX_DRIVER = 4,	/* adaptive, or spin with an interrupt cookie */
	MUTEX_DEFAULT = 6	/* as MUTEX_DRIVER */
} kmutex_type_t;

typedef struct kmutex {
	uint64_t _opaque[32];
} kmutex_t;

/* A lockdep class: one static per mutex_init() (and rw_init()) call site. */
struct ddi_lock_class {
	uint64_t _opaque[4];
};

/**
 * ddi_mutex_init() - mutex_init() with its call site's lock class.
 * @mp: the mutex.
 * @name: its name, for reports, or NULL.
 * @type: a kmutex_type_t.
 * @arg: NULL, or an interrupt cookie (ddi_iblock_cookie_t).
 * @key: the call site's class; static storage.
 * @expr: the text of @mp, which names the lockdep class.
 *
 * Use mutex_init(), which supplies @key and @expr.
 * Context: Any context. Does not sleep.
 */
void ddi_mutex_init(kmutex_t *mp, const char *name, kmutex_type_t type, void *arg,
		    struct ddi_lock_class *key, const char *expr);

/* mutex_init(9F): an unlocked mutex; see ddi_mutex_init(). */
#ifndef DDI_LINUX_GLUE
#define mutex_init(mp, name, type, arg) do {				\
	static struct ddi_lock_class __ddi_mutex_class;			\
	ddi_mutex_init((mp), (name), (type), (arg), &__ddi_mutex_class, #mp); \
} while (0)
#endif

/**
 * ddi_mutex_destroy() - mutex_destroy(9F): release a mutex's resources.
 * @mp: an unlocked mutex, not used afterwards.
 *
 * A held mutex is reported and left alone.
 * Context: Any context. Does not sleep.
 */
void ddi_mutex_destroy(kmutex_t *mp);
#ifndef DDI_LINUX_GLUE
#define mutex_destroy ddi_mutex_destroy
#endif

/**
 * mutex_enter() - Take a mutex (mutex_enter(9F)).
 * @mp: the mutex.
 *
 * Context: adaptive: process context, may sleep; spin: any context.
 */
void mutex_enter(kmutex_t *mp);

/**
 * mutex_exit() - Release a mutex the caller holds (mutex_exit(9F)).
 * @mp: the mutex.
 *
 * Context: The context that took it. Does not sleep.
 */
void mutex_exit(kmutex_t *mp);

/**
 * mutex_tryenter() - Take a mutex if it is free (mutex_tryenter(9F)).
 * @mp: the mutex.
 *
 * Context: adaptive: process context; spin: any context. Never sleeps.
 * Return: non-zero if the caller now holds it, 0 otherwise.
 */
int mutex_tryenter(kmutex_t *mp);

/**
 * mutex_owned() - Is the mutex held by the caller? (mutex_owned(9F)).
 * @mp: the mutex.
 *
 * For ASSERT()s only, as on illumos.
 * Context: Any context. Does not sleep.
 * Return: non-zero if the calling thread holds @mp.
 */
int mutex_owned(kmutex_t *mp);

#endif /* _DDI_COMPAT_SYS_MUTEX_H */
