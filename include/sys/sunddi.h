/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/sunddi.h>, the Solaris DDI: return codes, clock,
 * copies to and from ioctl arguments, soft state.
 *
 * As on illumos it brings <sys/cmn_err.h>, <sys/kmem.h> and the DDI's
 * types.
 */
#ifndef _DDI_COMPAT_SYS_SUNDDI_H
#define _DDI_COMPAT_SYS_SUNDDI_H

#include <sys/types.h>
#include <sys/param.h>
#include <sys/sysmacros.h>
#include <sys/dditypes.h>
#include <sys/cmn_err.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <sys/ksynch.h>

#define DDI_SUCCESS	(0)
#define DDI_FAILURE	(-1)
#define DDI_NOT_WELL_FORMED (-2)
#define DDI_EAGAIN	(-3)
#define DDI_EINVAL	(-4)
#define DDI_ENOTSUP	(-5)
#define DDI_EPENDING	(-6)

/**
 * ddi_get_lbolt() - Clock ticks since boot (ddi_get_lbolt(9F)).
 *
 * Context: Any context.
 * Return: the tick count (jiffies since boot), as a clock_t; it wraps
 * after LONG_MAX ticks. ddi_get_lbolt64() never wraps in practice.
 */
clock_t ddi_get_lbolt(void);
int64_t ddi_get_lbolt64(void);

/**
 * ddi_copyin() - Copy an ioctl(9E) argument in (ddi_copyin(9F)).
 * @buf: the source: a user address, or a kernel one with FKIOCTL.
 * @driverbuf: the kernel destination.
 * @cn: the number of bytes.
 * @flags: the ioctl(9E) mode argument; only FKIOCTL is looked at.
 *
 * Context: Process context. May sleep (page faults), except with FKIOCTL.
 * Return: 0; -1 if part of @buf is not readable.
 */
int ddi_copyin(const void *buf, void *driverbuf, size_t cn, int flags);

/**
 * ddi_copyout() - Copy an ioctl(9E) result out (ddi_copyout(9F)).
 * @driverbuf: the kernel source.
 * @buf: the destination: a user address, or a kernel one with FKIOCTL.
 * @cn: the number of bytes.
 * @flags: the ioctl(9E) mode argument; only FKIOCTL is looked at.
 *
 * Context: Process context. May sleep, except with FKIOCTL.
 * Return: 0; -1 if part of @buf is not writable.
 */
int ddi_copyout(const void *driverbuf, void *buf, size_t cn, int flags);

/**
 * ddi_driver_name() - The name of a device's driver (ddi_driver_name(9F)).
 * @dip: the device.
 *
 * Context: Any context.
 * Return: the driver's name, which lives as long as @dip; "" for a NULL
 * @dip (reported, naming the caller).
 */
char *ddi_driver_name(dev_info_t *dip);

/**
 * ddi_get_instance() - A device's instance number (ddi_get_instance(9F)).
 * @dip: the device.
 *
 * Context: Any context.
 * Return: the instance number; -1 for a NULL @dip (reported, naming the
 * caller).
 */
int ddi_get_instance(dev_info_t *dip);

#endif /* _DDI_COMPAT_SYS_SUNDDI_H */
