/* SPDX-License-Identifier: GPL-2.0 */
/* ddi-compat: <sys/types.h>, the Solaris types legacy drivers use. */
#ifndef _DDI_COMPAT_SYS_TYPES_H
#define _DDI_COMPAT_SYS_TYPES_H

#include <linux/types.h>

typedef char *caddr_t;		/* core address */
typedef unsigned char uchar_t;
typedef unsigned short ushort_t;
typedef unsigned int uint_t;
typedef unsigned long ulong_t;
typedef long long offset_t;
typedef struct cred cred_t;	/* opaque here: drivers pass it through */

#endif /* _DDI_COMPAT_SYS_TYPES_H */
