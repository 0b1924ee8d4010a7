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
#include <sys/devops.h>
/*
 * What illumos's <sys/sunddi.h> brings in through its own includes, and
 * drivers use without including: errnos, ASSERT/VERIFY, the module
 * linkage, file flags.
 */
#include <sys/errno.h>
#include <sys/debug.h>
#include <sys/modctl.h>
#include <sys/file.h>

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

/*
 * The kernel's string functions, as illumos's <sys/sunddi.h> declares
 * them: Linux's (exported to modules of any licence), whose prototypes
 * these are, but strlcpy(). The names are in parentheses, so that Linux
 * glue, where <linux/fortify-string.h> makes strlen() a macro, compiles.
 */
size_t (strlen)(const char *s);
size_t (strnlen)(const char *s, size_t n);
int (strcmp)(const char *a, const char *b);
int (strncmp)(const char *a, const char *b, size_t n);
char *(strcpy)(char *dst, const char *src);
char *(strncpy)(char *dst, const char *src, size_t n);
char *(strcat)(char *dst, const char *src);
char *(strncat)(char *dst, const char *src, size_t n);
char *(strchr)(const char *s, int c);
char *(strrchr)(const char *s, int c);
size_t (strlcat)(char *dst, const char *src, size_t n);

/*
 * strlcpy(): copy @src into @dst of @n bytes, truncated and NUL-terminated
 * when @n > 0. Linux no longer has it; this is illumos's semantics inline.
 * Return: strlen(@src). Any context.
 */
static inline size_t strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n) {
		size_t c = len >= n ? n - 1 : len;

		__builtin_memcpy(dst, src, c);
		dst[c] = 0;
	}
	return len;
}

/* ---- The driver frame (frame/): minor nodes, fillers, properties ---- */

/* node_type of ddi_create_minor_node(). */
#define DDI_PSEUDO	"ddi_pseudo"

/* flag of ddi_create_minor_node(). */
#define CLONE_DEV	1	/* opens may clone: accepted (every open may, here) */
#define PRIVONLY_DEV	0x10	/* open needs privilege: drv_priv() of the opener */

/* The dev_t of "any device" and "no device", for property calls. */
#define DDI_DEV_T_NONE	((dev_t)-1)
#define DDI_DEV_T_ANY	((dev_t)-2)

/**
 * ddi_create_minor_node() - Make a device node for a minor number.
 * @dip: the instance, in attach(9E).
 * @name: the node's name; it is its name in /dev, and must be unique
 *	there (unlike illumos, where it is unique within the instance: give
 *	a multi-instance driver's nodes the instance in the name).
 * @spec_type: S_IFCHR (S_IFBLK is refused: no block devices).
 * @minor_num: the minor number, up to MAXMIN; open(9E) gets
 *	makedevice(<the driver's major>, @minor_num).
 * @node_type: DDI_PSEUDO or another DDI_NT_ string (kept, not used).
 * @flag: 0, CLONE_DEV or PRIVONLY_DEV.
 *
 * The node appears in /dev at once (devtmpfs), with mode 0600, owned by
 * root, as illumos's default minor_perm.
 *
 * Context: Process context, attach(9E). May sleep.
 * Return: DDI_SUCCESS; DDI_FAILURE when memory is short, for a name in
 * use or a bad argument (both reported, naming the caller).
 */
int ddi_create_minor_node(dev_info_t *dip, const char *name, int spec_type, minor_t minor_num,
			  const char *node_type, int flag);

/**
 * ddi_remove_minor_node() - Remove an instance's minor node(s).
 * @dip: the instance.
 * @name: the node's name; NULL removes every node of @dip.
 *
 * Context: Process context (attach(9E) failing, detach(9E)). May sleep.
 */
void ddi_remove_minor_node(dev_info_t *dip, const char *name);

/**
 * nochpoll() - The cb_chpoll filler of a driver that does not poll.
 * @dev: the device. @events: polled events. @anyyet: another fd ready.
 * @reventsp: set to 0. @phpp: set to NULL.
 *
 * With it, poll(2) and select(2) on the device see it always ready for
 * reading and writing, Linux's default for a device without poll.
 * Context: Any context.
 * Return: ENXIO, as illumos's.
 */
int nochpoll(dev_t dev, short events, int anyyet, short *reventsp, struct pollhead **phpp);

/* ddi_prop_op(9F) and the ddi_prop_*(9F) results. */
#define DDI_PROP_SUCCESS	0
#define DDI_PROP_NOT_FOUND	1
#define DDI_PROP_UNDEFINED	2
#define DDI_PROP_NO_MEMORY	3
#define DDI_PROP_INVAL_ARG	4
#define DDI_PROP_BUF_TOO_SMALL	5
#define DDI_PROP_CANNOT_DECODE	6
#define DDI_PROP_CANNOT_ENCODE	7
#define DDI_PROP_END_OF_DATA	8
/* Flags of the ddi_prop_*(9F) calls. */
#define DDI_PROP_DONTPASS	0x0001
#define DDI_PROP_CANSLEEP	0x0002
#define DDI_PROP_NOTPROM	0x0008

/**
 * ddi_prop_op() - The cb_prop_op of a driver without properties of its own.
 * @dev: the device. @dip: its instance. @prop_op: what is asked.
 * @mod_flags: DDI_PROP_* flags. @name: the property.
 * @valuep: the buffer of PROP_LEN_AND_VAL_BUF. @lengthp: its length.
 *
 * There is no driver.conf(5) on Linux, so an instance has no properties
 * but the ones its driver makes, and the frame makes none.
 * Context: Any context.
 * Return: DDI_PROP_NOT_FOUND; DDI_PROP_INVAL_ARG for a NULL @name.
 */
int ddi_prop_op(dev_t dev, dev_info_t *dip, ddi_prop_op_t prop_op, int mod_flags, char *name,
		caddr_t valuep, int *lengthp);

/**
 * ddi_quiesce_not_needed() - devo_quiesce of a driver with no device to
 * stop for a fast reboot. Linux never calls it.
 * Context: Any context.
 * Return: DDI_SUCCESS.
 */
int ddi_quiesce_not_needed(dev_info_t *dip);

/**
 * ddi_quiesce_not_supported() - devo_quiesce of a driver that cannot stop
 * its device. Linux never calls it.
 * Context: Any context.
 * Return: DDI_FAILURE.
 */
int ddi_quiesce_not_supported(dev_info_t *dip);

/**
 * ddi_set_driver_private() - Keep a driver's pointer in its instance.
 * @dip: the instance. @data: the pointer.
 * Context: Any context.
 */
void ddi_set_driver_private(dev_info_t *dip, void *data);

/**
 * ddi_get_driver_private() - The pointer of ddi_set_driver_private().
 * @dip: the instance.
 * Context: Any context.
 * Return: the pointer; NULL if none was set, or for a NULL @dip (reported).
 */
void *ddi_get_driver_private(dev_info_t *dip);

/*
 * Data models (ioctl(9E)'s mode & FMODELS): the frame passes
 * DATAMODEL_NATIVE for a 64-bit caller and DATAMODEL_ILP32 for a 32-bit
 * one (compat_ioctl).
 */
#define DATAMODEL_MASK		0x0FF00000
#define DATAMODEL_ILP32		0x00100000
#define DATAMODEL_LP64		0x00200000
#define DATAMODEL_NONE		0
#define DATAMODEL_NATIVE	DATAMODEL_LP64
#define FMODELS			DATAMODEL_MASK
#define DDI_MODEL_MASK		DATAMODEL_MASK
#define DDI_MODEL_ILP32		DATAMODEL_ILP32
#define DDI_MODEL_LP64		DATAMODEL_LP64
#define DDI_MODEL_NATIVE	DATAMODEL_NATIVE
#define DDI_MODEL_NONE		DATAMODEL_NONE

/*
 * ddi_model_convert_from(9F): DDI_MODEL_ILP32 when an ioctl's caller is a
 * 32-bit process (its structures need converting), else DDI_MODEL_NONE.
 * Any context.
 */
static inline uint_t ddi_model_convert_from(uint_t model)
{
	return (model & DDI_MODEL_MASK) == DDI_MODEL_ILP32 ? DDI_MODEL_ILP32 : DDI_MODEL_NONE;
}

#endif /* _DDI_COMPAT_SYS_SUNDDI_H */
