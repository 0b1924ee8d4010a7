/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/ksynch.h>, the kernel's synchronisation: mutexes,
 * condition variables, readers/writer locks.
 */
#ifndef _DDI_COMPAT_SYS_KSYNCH_H
#define _DDI_COMPAT_SYS_KSYNCH_H

#include <sys/types.h>
#include <sys/mutex.h>
#include <sys/condvar.h>
#include <sys/rwlock.h>

#endif /* _DDI_COMPAT_SYS_KSYNCH_H */
