/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/rwlock.h>, readers/writer locks (rwlock(9F)).
 *
 * Many readers or one writer. A waiting writer holds new readers back
 * (so writers are not starved), as on illumos. The lock sleeps: process
 * context only, except rw_tryenter(), rw_exit(), rw_downgrade() and
 * rw_tryupgrade(), which never sleep. Lockdep-checked, one class per
 * rw_init() call site. rw_read_held() says whether anybody holds the lock
 * as a reader, rw_write_held() whether the caller holds it as the writer.
 * Like kmutex_t, krwlock_t is opaque, and one of all zero bytes is an
 * unheld lock without rw_init() (lockdep does not check its order).
 */
#ifndef _DDI_COMPAT_SYS_RWLOCK_H
#define _DDI_COMPAT_SYS_RWLOCK_H

#include <sys/types.h>
#include <sys/mutex.h>

typedef struct krwlock {
	uint64_t _opaque[48];
} krwlock_t;

typedef enum { RW_DRIVER = 2, RW_DEFAULT = 4 } krw_type_t;
typedef enum { RW_WRITER = 0, RW_READER = 1, RW_READER_STARVEWRITER = 2 } krw_t;

/**
 * ddi_rw_init() - rw_init() with its call site's lock class.
 * @rwlp: the lock.
 * @name: its name, for reports, or NULL.
 * @type: RW_DRIVER or RW_DEFAULT.
 * @arg: ignored (an interrupt cookie is not allowed: the lock sleeps).
 * @key: the call site's class; static storage.
 * @expr: the text of @rwlp, which names the lockdep class.
 *
 * Use rw_init(). Context: Any context. Does not sleep.
 */
void ddi_rw_init(krwlock_t *rwlp, const char *name, krw_type_t type, void *arg,
		 struct ddi_lock_class *key, const char *expr);

/* rw_init(9F): an unheld lock; see ddi_rw_init(). */
#define rw_init(rwlp, name, type, arg) do {				\
	static struct ddi_lock_class __ddi_rw_class;			\
	ddi_rw_init((rwlp), (name), (type), (arg), &__ddi_rw_class, #rwlp); \
} while (0)

/* rw_destroy(9F): a lock nobody holds; a held one is reported. Any context. */
void rw_destroy(krwlock_t *rwlp);

/**
 * rw_enter() - Take the lock as a reader or as the writer.
 * @rwlp: the lock.
 * @enter_type: RW_READER (RW_READER_STARVEWRITER: also ahead of waiting
 * writers) or RW_WRITER.
 *
 * Context: Process context. May sleep.
 */
void rw_enter(krwlock_t *rwlp, krw_t enter_type);

/**
 * rw_exit() - Release the caller's hold, read or write.
 * @rwlp: the lock.
 *
 * Context: Any context. Does not sleep.
 */
void rw_exit(krwlock_t *rwlp);

/**
 * rw_tryenter() - rw_enter() if it would not wait.
 * @rwlp: the lock.
 * @enter_type: as rw_enter().
 *
 * Context: Process context. Never sleeps.
 * Return: non-zero if the lock was taken, 0 otherwise.
 */
int rw_tryenter(krwlock_t *rwlp, krw_t enter_type);

/**
 * rw_downgrade() - Turn the caller's write hold into a read hold.
 * @rwlp: a lock the caller holds as the writer.
 *
 * Waiting readers may then enter.
 * Context: Any context. Does not sleep.
 */
void rw_downgrade(krwlock_t *rwlp);

/**
 * rw_tryupgrade() - Turn the caller's read hold into the write hold.
 * @rwlp: a lock the caller holds as a reader.
 *
 * Succeeds only when the caller is the only reader and no writer waits;
 * the hold is never dropped in between.
 * Context: Any context. Never sleeps.
 * Return: non-zero if the caller now holds @rwlp as the writer; 0 if not,
 * and the caller still holds it as a reader.
 */
int rw_tryupgrade(krwlock_t *rwlp);

/* rw_read_held(): non-zero if some thread holds @rwlp as a reader. */
int rw_read_held(krwlock_t *rwlp);
/* rw_write_held(): non-zero if the caller holds @rwlp as the writer. */
int rw_write_held(krwlock_t *rwlp);
/* rw_lock_held(): non-zero if anybody holds @rwlp. */
int rw_lock_held(krwlock_t *rwlp);

#endif /* _DDI_COMPAT_SYS_RWLOCK_H */
