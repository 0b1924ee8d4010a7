/* SPDX-License-Identifier: GPL-2.0 */
/* ddi-compat: <sys/dditypes.h>, the DDI's opaque handles. */
#ifndef _DDI_COMPAT_SYS_DDITYPES_H
#define _DDI_COMPAT_SYS_DDITYPES_H

#include <sys/types.h>

/* A device instance, as attach(9E) receives it (the driver frame). */
typedef struct dev_info dev_info_t;

/*
 * An interrupt priority, as mutex_init(9F) receives it for a mutex that an
 * interrupt handler takes. Any non-NULL cookie makes a spin mutex (see
 * <sys/mutex.h>): on Linux every hardware interrupt handler runs with
 * interrupts off on its CPU, so all priorities map to "above the
 * scheduler".
 */
typedef struct __ddi_iblock_cookie *ddi_iblock_cookie_t;
#define DDI_INTR_PRI(pri)	((void *)(uintptr_t)(pri))

#endif /* _DDI_COMPAT_SYS_DDITYPES_H */
