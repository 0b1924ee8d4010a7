/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/sunddi.h>, the Solaris DDI: return codes, clock,
 * copies to and from ioctl arguments, soft state, properties.
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

/* ---- The driver frame (frame/): minor nodes, fillers; properties (prop/) ---- */

/* node_type of ddi_create_minor_node(). */
#define DDI_PSEUDO	"ddi_pseudo"

/* flag of ddi_create_minor_node(). */
#define CLONE_DEV	1	/* opens may clone: accepted (every open may, here) */
#define PRIVONLY_DEV	0x10	/* open needs privilege: drv_priv() of the opener */

/* The dev_t of "any device" and "no device", for property calls. */
#define DDI_DEV_T_NONE	((dev_t)-1)
#define DDI_DEV_T_ANY	((dev_t)-2)
/* A major for a property's dev_t that stands for the driver's own. */
#define DDI_MAJOR_T_UNKNOWN	((major_t)0)

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
 * ddi_prop_op() - The cb_prop_op of a driver without dynamic properties
 * (ddi_prop_op(9F)): a property of @dip, as its driver made it.
 * @dev: the property's dev_t, or DDI_DEV_T_ANY for any (DDI_DEV_T_NONE
 *	is taken as DDI_DEV_T_ANY, as on illumos).
 * @dip: the instance.
 * @prop_op: PROP_LEN (the length into *@lengthp), PROP_LEN_AND_VAL_BUF
 *	(and the value into @valuep's *@lengthp bytes), PROP_LEN_AND_VAL_ALLOC
 *	(and the value into a kmem_alloc()'d buffer, stored at
 *	*(caddr_t *)@valuep, for the caller to kmem_free() with the length;
 *	NULL for a length of 0), or PROP_EXISTS.
 * @mod_flags: DDI_PROP_CANSLEEP lets PROP_LEN_AND_VAL_ALLOC sleep for its
 *	memory; DDI_PROP_DONTPASS and DDI_PROP_NOTPROM change nothing; other
 *	bits are reported and ignored.
 * @name: the property.
 * @valuep: as @prop_op says; unused for PROP_LEN and PROP_EXISTS.
 * @lengthp: as @prop_op says; unused for PROP_EXISTS.
 *
 * There is no driver.conf(5) on Linux: the properties are the ones the
 * driver made (ddi_prop_update_int() and the rest), newest first. As on
 * illumos, int64 properties are not seen (DDI_PROP_TYPE_ANY has no int64
 * bit); ddi_prop_get_int64() and ddi_prop_lookup_int64_array() find them.
 *
 * Context: Any context; with PROP_LEN_AND_VAL_ALLOC and DDI_PROP_CANSLEEP,
 * process context (may sleep).
 * Return: DDI_PROP_SUCCESS; DDI_PROP_NOT_FOUND; DDI_PROP_BUF_TOO_SMALL
 * (*@lengthp is then the property's length, nothing is copied);
 * DDI_PROP_NO_MEMORY (reported); DDI_PROP_INVAL_ARG (reported, naming the
 * caller) for a NULL @dip, a NULL or empty @name, an unknown @prop_op, or
 * a NULL @lengthp or @valuep that @prop_op needs.
 */
int ddi_prop_op(dev_t dev, dev_info_t *dip, ddi_prop_op_t prop_op, int mod_flags, char *name,
		caddr_t valuep, int *lengthp);

/*
 * Properties (ddi_prop_update(9F), ddi_prop_get_int(9F), ddi_prop_lookup(9F),
 * ddi_prop_exists(9F), ddi_prop_remove(9F), ddi_prop_create(9F)): names
 * with values, kept in an instance, newest first. There is no
 * driver.conf(5), PROM or parent node: the only properties are the ones
 * the driver makes, and a lookup of any other finds none, as on illumos
 * when a property is absent. So a search's DDI_PROP_DONTPASS and
 * DDI_PROP_NOTPROM change nothing; flags a call does not take are
 * reported and ignored (illumos's DEBUG kernels warn about some).
 *
 * Matching, as on illumos: a lookup's DDI_DEV_T_ANY matches a property of
 * any dev_t, another @match_dev only a property made with that dev_t, so
 * a property made with DDI_DEV_T_NONE is found with DDI_DEV_T_ANY only; a
 * lookup finds only a property of its type (an int lookup no string) or
 * one of ddi_prop_create(), which has none (int64 lookups: int64 ones
 * only). An update replaces the newest property of its name, dev_t and
 * type (one of ddi_prop_create() too, except for int64s; an update with
 * DDI_DEV_T_NONE the newest of its name and type whatever its dev_t,
 * which it keeps, as illumos's search takes DDI_DEV_T_NONE for
 * DDI_DEV_T_ANY), or makes one: an update of another type makes a second
 * property, in front. A dev_t whose major is DDI_MAJOR_T_UNKNOWN stands
 * for the driver's major in the calls that make or update a property
 * (ddi_prop_create(9F): a driver without a dev_t in attach(9E) makes one
 * with makedevice(9F)), and in ddi_prop_remove(), so that it can take
 * such a property off again.
 *
 * Lookups return a copy, one allocation, which the caller frees with
 * ddi_prop_free(). Every DDI_PROP_INVAL_ARG is reported with the caller's
 * name: a NULL @dip, a NULL or empty @name, NULL @data or @nelements
 * pointers, DDI_DEV_T_ANY for an update or a removal, DDI_DEV_T_NONE for
 * a lookup.
 */

/**
 * ddi_prop_update_int() - Make or update a property of one int.
 * @match_dev: the property's dev_t, or DDI_DEV_T_NONE for none.
 * @dip: the instance.
 * @name: the property's name (copied).
 * @data: the value.
 *
 * ddi_prop_update_int64() does the same for one int64_t.
 * Context: Process context. May sleep.
 * Return: DDI_PROP_SUCCESS; DDI_PROP_INVAL_ARG (reported);
 * DDI_PROP_NO_MEMORY (reported).
 */
int ddi_prop_update_int(dev_t match_dev, dev_info_t *dip, char *name, int data);
int ddi_prop_update_int64(dev_t match_dev, dev_info_t *dip, char *name, int64_t data);

/**
 * ddi_prop_update_int_array() - Make or update a property of ints.
 * @match_dev: the property's dev_t, or DDI_DEV_T_NONE for none.
 * @dip: the instance.
 * @name: the property's name (copied).
 * @data: @nelements ints (copied).
 * @nelements: how many, at least 1.
 *
 * ddi_prop_update_int64_array() does the same for int64_ts,
 * ddi_prop_update_byte_array() for bytes, ddi_prop_update_string_array()
 * for NUL-terminated strings (an array of @nelements pointers, none NULL).
 * Context: Process context. May sleep.
 * Return: DDI_PROP_SUCCESS; DDI_PROP_CANNOT_ENCODE for @nelements 0 (for
 * bytes DDI_PROP_INVAL_ARG, reported, as on illumos: make a boolean with
 * ddi_prop_create()); DDI_PROP_INVAL_ARG (reported) for a NULL @data, or
 * a value of more than INT_MAX bytes; DDI_PROP_NO_MEMORY (reported).
 */
int ddi_prop_update_int_array(dev_t match_dev, dev_info_t *dip, char *name, int *data,
			      uint_t nelements);
int ddi_prop_update_int64_array(dev_t match_dev, dev_info_t *dip, char *name, int64_t *data,
				uint_t nelements);
int ddi_prop_update_byte_array(dev_t match_dev, dev_info_t *dip, char *name, uchar_t *data,
			       uint_t nelements);
int ddi_prop_update_string_array(dev_t match_dev, dev_info_t *dip, char *name, char **data,
				 uint_t nelements);

/**
 * ddi_prop_update_string() - Make or update a property of one string.
 * @match_dev: the property's dev_t, or DDI_DEV_T_NONE for none.
 * @dip: the instance.
 * @name: the property's name (copied).
 * @data: the NUL-terminated string (copied).
 *
 * Context: Process context. May sleep.
 * Return: DDI_PROP_SUCCESS; DDI_PROP_INVAL_ARG (reported) for a NULL
 * @data too; DDI_PROP_NO_MEMORY (reported).
 */
int ddi_prop_update_string(dev_t match_dev, dev_info_t *dip, char *name, char *data);

/**
 * ddi_prop_create() - Make a property of @length bytes and no type
 * (ddi_prop_create(9F), obsolete on illumos but for booleans).
 * @dev: the property's dev_t, or DDI_DEV_T_NONE for none.
 * @dip: the instance.
 * @flag: DDI_PROP_CANSLEEP (the memory may be waited for) or 0 (never
 *	sleeps); other bits are reported and ignored.
 * @name: the property's name (copied).
 * @value: @length bytes (copied); may be NULL for @length 0.
 * @length: 0 for a boolean property, which ddi_prop_get_int() gives as 1
 *	and ddi_prop_exists() finds.
 *
 * The property is put in front of any of the same name and dev_t, as
 * illumos stacks them (ddi_prop_remove() shows the one below again). Any
 * lookup but an int64 one may find it and decodes its bytes as its type:
 * DDI_PROP_CANNOT_DECODE for ints of a length that is not a multiple of
 * sizeof(int), strings without a NUL; DDI_PROP_END_OF_DATA for a length of 0.
 * Context: Any context, interrupt handlers included, without
 * DDI_PROP_CANSLEEP (never sleeps); with it, process context (may sleep).
 * Return: DDI_PROP_SUCCESS; DDI_PROP_INVAL_ARG (reported) for a negative
 * @length or a NULL @value with a length too; DDI_PROP_NO_MEMORY (reported).
 */
int ddi_prop_create(dev_t dev, dev_info_t *dip, int flag, char *name, caddr_t value, int length);

/**
 * ddi_prop_get_int() - The value of an int property, or a default.
 * @match_dev: the property's dev_t, or DDI_DEV_T_ANY for any.
 * @dip: the instance.
 * @flags: DDI_PROP_DONTPASS, DDI_PROP_NOTPROM, DDI_PROP_CANSLEEP; no effect.
 * @name: the property.
 * @defvalue: the result when there is no such property.
 *
 * ddi_prop_get_int64() does the same for an int64 property (which no
 * ddi_prop_create() property is, so it gives no boolean).
 * Context: Any context, interrupt handlers included. Never sleeps.
 * Return: the property's (first) int; 1 for a boolean (a property of
 * length 0, from ddi_prop_create(); not ddi_prop_get_int64()); @defvalue if there is no int
 * property @name that @match_dev matches, if it cannot be decoded, and
 * for a bad argument (reported).
 */
int ddi_prop_get_int(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name, int defvalue);
int64_t ddi_prop_get_int64(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			   int64_t defvalue);

/**
 * ddi_prop_lookup_int_array() - A copy of an int property's value.
 * @match_dev: the property's dev_t, or DDI_DEV_T_ANY for any.
 * @dip: the instance.
 * @flags: DDI_PROP_DONTPASS, DDI_PROP_NOTPROM, DDI_PROP_CANSLEEP; no effect.
 * @name: the property.
 * @data: where the copy goes, for ddi_prop_free().
 * @nelements: where its number of elements goes.
 *
 * ddi_prop_lookup_int64_array() does the same for int64_ts,
 * ddi_prop_lookup_byte_array() for bytes, ddi_prop_lookup_string_array()
 * for strings: *@data is then an array of *@nelements string pointers and
 * a NULL, the strings after it in the same allocation.
 * Context: Process context. May sleep.
 * Return: DDI_PROP_SUCCESS; DDI_PROP_NOT_FOUND if there is no property
 * @name of the type that @match_dev matches; DDI_PROP_END_OF_DATA for a
 * boolean; DDI_PROP_CANNOT_DECODE (a ddi_prop_create() property whose
 * bytes are not of this type); DDI_PROP_INVAL_ARG (reported);
 * DDI_PROP_NO_MEMORY (reported). *@data and *@nelements are set on
 * success only.
 */
int ddi_prop_lookup_int_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			      int **data, uint_t *nelements);
int ddi_prop_lookup_int64_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
				int64_t **data, uint_t *nelements);
int ddi_prop_lookup_byte_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			       uchar_t **data, uint_t *nelements);
int ddi_prop_lookup_string_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
				 char ***data, uint_t *nelements);

/**
 * ddi_prop_lookup_string() - A copy of a string property's (first) string.
 * @match_dev: the property's dev_t, or DDI_DEV_T_ANY for any.
 * @dip: the instance.
 * @flags: DDI_PROP_DONTPASS, DDI_PROP_NOTPROM, DDI_PROP_CANSLEEP; no effect.
 * @name: the property.
 * @data: where the NUL-terminated copy goes, for ddi_prop_free().
 *
 * Context: Process context. May sleep.
 * Return: as ddi_prop_lookup_int_array()'s.
 */
int ddi_prop_lookup_string(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			   char **data);

/**
 * ddi_prop_free() - Free a lookup's copy.
 * @data: what a ddi_prop_lookup_*() call stored in its @data.
 *
 * A NULL @data, a pointer that is not a lookup's copy, or one freed
 * already is reported, naming the caller, and left alone, as far as the
 * copy's header tells (a copy freed twice after its memory went to a
 * newer copy frees that one).
 * Context: Any context. Never sleeps.
 */
void ddi_prop_free(void *data);

/**
 * ddi_prop_exists() - Whether there is a property of that name, of any type.
 * @match_dev: the property's dev_t, or DDI_DEV_T_ANY for any
 *	(DDI_DEV_T_NONE is taken as DDI_DEV_T_ANY, as on illumos).
 * @dip: the instance.
 * @flags: DDI_PROP_DONTPASS, DDI_PROP_NOTPROM, DDI_PROP_CANSLEEP; no effect.
 * @name: the property.
 *
 * Context: Any context, interrupt handlers included. Never sleeps.
 * Return: 1 if there is; 0 if not, and for a bad argument (reported).
 */
int ddi_prop_exists(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name);

/**
 * ddi_prop_remove() - Remove the newest property of a name and dev_t.
 * @dev: the dev_t it was made with (DDI_DEV_T_NONE too; not DDI_DEV_T_ANY).
 * @dip: the instance.
 * @name: the property.
 *
 * Context: Any context, interrupt handlers included. Never sleeps.
 * Return: DDI_PROP_SUCCESS; DDI_PROP_NOT_FOUND; DDI_PROP_INVAL_ARG
 * (reported) for DDI_DEV_T_ANY and the other bad arguments.
 */
int ddi_prop_remove(dev_t dev, dev_info_t *dip, char *name);

/**
 * ddi_prop_remove_all() - Remove every property of an instance (detach(9E)).
 * @dip: the instance (NULL is reported).
 *
 * The frame frees what a detach leaves all the same.
 * Context: Any context. Never sleeps.
 */
void ddi_prop_remove_all(dev_info_t *dip);

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
