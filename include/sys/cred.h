/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/cred.h>, credentials.
 *
 * A cred_t is Linux's struct cred, opaque to drivers: they pass it on and
 * read it through these calls. IDs are those seen from the initial user
 * namespace.
 */
#ifndef _DDI_COMPAT_SYS_CRED_H
#define _DDI_COMPAT_SYS_CRED_H

#include <sys/types.h>

/* crgetuid(9F) and friends: effective and real IDs. Any context. */
uid_t crgetuid(const cred_t *cr);
uid_t crgetruid(const cred_t *cr);
gid_t crgetgid(const cred_t *cr);
gid_t crgetrgid(const cred_t *cr);

#endif /* _DDI_COMPAT_SYS_CRED_H */
