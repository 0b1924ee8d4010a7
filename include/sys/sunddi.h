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

/*
 * Soft state (ddi_soft_state(9F)): a driver's per-instance structures,
 * found by item number (usually the instance number) without a lock. The
 * handle is the driver's static void *, NULL until ddi_soft_state_init().
 * Misuse (a NULL or wrong handle, &statep for statep, a negative item, a
 * double free, a second fini) is reported with the caller's name and
 * refused; nothing is followed or freed twice.
 */

/**
 * ddi_soft_state_init() - Set up a driver's soft state (ddi_soft_state(9F)).
 * @state_p: the driver's state pointer, which must be NULL.
 * @size: the size of each item's structure in bytes, 1 to INT_MAX.
 * @n_items: a hint: how many items to make room for at once (0 is
 *	allowed); the array grows on demand past it.
 *
 * Context: Process context. May sleep (as KM_SLEEP).
 * Return: 0, with the handle in *@state_p; EINVAL (reported) if @state_p
 * is NULL, *@state_p is not NULL, or @size is 0 or above INT_MAX; ENOMEM
 * (ours) if no memory could be had.
 */
int ddi_soft_state_init(void **state_p, size_t size, size_t n_items);

/**
 * ddi_soft_state_zalloc() - Allocate an item's soft state, zeroed.
 * @state: the handle from ddi_soft_state_init().
 * @item: the item number, 0 to 268435452 (usually the instance number).
 *
 * Context: Process context. May sleep (as KM_SLEEP).
 * Return: DDI_SUCCESS; DDI_FAILURE if @item is allocated already, if
 * @state is not a handle or @item is negative (both reported), or if no
 * memory could be had (reported; illumos would wait).
 */
int ddi_soft_state_zalloc(void *state, int item);

/**
 * ddi_get_soft_state() - An item's soft state.
 * @state: the handle from ddi_soft_state_init().
 * @item: the item number.
 *
 * Lock-free: it may run at the same time as any zalloc or free, growth
 * included, on any CPU. It costs a few loads and takes no lock.
 *
 * Context: Any context, interrupt handlers included. Never sleeps.
 * Return: the item's soft state, as ddi_soft_state_zalloc() allocated it;
 * NULL if @item is not allocated, and NULL (reported) for a NULL or wrong
 * @state or a negative @item.
 */
void *ddi_get_soft_state(void *state, int item);

/**
 * ddi_soft_state_free() - Free an item's soft state.
 * @state: the handle from ddi_soft_state_init().
 * @item: the item number.
 *
 * The driver must not free an item that another thread may still be
 * using (ddi_get_soft_state() does not hold it).
 *
 * Context: Any context. Never sleeps.
 * Return: nothing. An @item that is not allocated (a double free), a
 * negative @item or a wrong @state is reported and nothing is freed.
 */
void ddi_soft_state_free(void *state, int item);

/**
 * ddi_soft_state_fini() - Free a driver's soft state: every item still
 * allocated (reported), and the handle. Sets *@state_p to NULL.
 * @state_p: the driver's state pointer, as given to ddi_soft_state_init().
 *
 * No other call on the handle may run at the same time or after (the
 * driver's _fini, once every instance is detached).
 *
 * Context: Any context. Never sleeps.
 * Return: nothing. A NULL @state_p, a NULL *@state_p (a second fini) or a
 * wrong handle is reported and nothing is freed.
 */
void ddi_soft_state_fini(void **state_p);
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

/**
 * ddi_report_dev() - Announce a device (ddi_report_dev(9F)).
 * @dip: the device.
 *
 * Prints "<driver><instance> is /pseudo/<driver>@<instance>" as a
 * cmn_err(CE_CONT, "?...") line: in the kernel log at KERN_INFO, on the
 * console only when booting verbosely, as on illumos.
 * Context: Any context.
 */
void ddi_report_dev(dev_info_t *dip);

#endif /* _DDI_COMPAT_SYS_SUNDDI_H */
