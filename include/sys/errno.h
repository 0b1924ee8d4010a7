/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/errno.h>, error numbers.
 *
 * The values are Linux's (the architecture's <asm/errno.h>, which defines
 * the E* names and nothing else), not Solaris's: a driver's return value
 * goes back to Linux callers unchanged. The names below EDOM (1-34) have
 * the same numbers on both systems; the others differ (EDEADLK is 45 on
 * Solaris, 35 here), so code that hard-codes numbers must be fixed.
 * Solaris-only names map to their Linux meaning: ENOTSUP is EOPNOTSUPP.
 */
#ifndef _DDI_COMPAT_SYS_ERRNO_H
#define _DDI_COMPAT_SYS_ERRNO_H

#include <asm/errno.h>

#ifndef ENOTSUP
#define ENOTSUP		EOPNOTSUPP
#endif
#ifndef ELOCKUNMAPPED
#define ELOCKUNMAPPED	ENOLCK
#endif
#ifndef ENOTACTIVE
#define ENOTACTIVE	ENXIO
#endif

#endif /* _DDI_COMPAT_SYS_ERRNO_H */
