/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/ddi.h> for Solaris/SVR5 drivers built on Linux.
 * Implemented by the ddi_compat module.
 */
#ifndef _DDI_COMPAT_SYS_DDI_H
#define _DDI_COMPAT_SYS_DDI_H

#include <linux/types.h>

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

#endif /* _DDI_COMPAT_SYS_DDI_H */
