/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/devops.h>, a driver's entry points: struct cb_ops (the
 * character device's) and struct dev_ops (the instance's), with illumos's
 * field order, so that the positional initialisers drivers use compile.
 *
 * The frame (frame/, mod_install() in <sys/modctl.h>) calls cb_open,
 * cb_close, cb_read, cb_write, cb_ioctl and cb_chpoll (<sys/poll.h>) from
 * a Linux character device, and devo_probe, devo_attach and devo_detach. It never calls an entry
 * point that is nodev(), nulldev() or NULL: it does what those fillers
 * would (nodev fails with ENXIO, nulldev succeeds), so that a filler of
 * another type is never called through the field's type (on a kCFI
 * kernel that call would trap). A driver whose cb_chpoll is a filler
 * polls as always ready, as a Linux device without poll. The block,
 * streams, mapping and
 * asynchronous entry points are never called: mod_install() warns about a
 * driver that fills them, and refuses a STREAMS (cb_str) or nexus
 * (devo_bus_ops) driver (see Documentation/porting.rst).
 */
#ifndef _DDI_COMPAT_SYS_DEVOPS_H
#define _DDI_COMPAT_SYS_DEVOPS_H

#include <sys/types.h>
#include <sys/dditypes.h>
#include <sys/cred.h>
#include <sys/uio.h>
#include <sys/poll.h>

struct buf;
struct aio_req;
struct as;
struct bus_ops;
struct pollhead;
struct streamtab;
typedef void *devmap_cookie_t;

/* The ddi_prop_op(9F) operations. */
typedef enum {
	PROP_LEN = 0,
	PROP_LEN_AND_VAL_BUF = 1,
	PROP_LEN_AND_VAL_ALLOC = 2,
	PROP_EXISTS = 3
} ddi_prop_op_t;

/* getinfo(9E) commands. */
typedef enum {
	DDI_INFO_DEVT2DEVINFO = 0,	/* *result: the dev_info_t of the dev_t */
	DDI_INFO_DEVT2INSTANCE = 1	/* *result: its instance, as a pointer */
} ddi_info_cmd_t;

/* attach(9E) commands; the frame sends DDI_ATTACH. */
typedef enum {
	DDI_ATTACH = 0,
	DDI_RESUME = 1,
	DDI_PM_RESUME = 2
} ddi_attach_cmd_t;

/* detach(9E) commands; the frame sends DDI_DETACH. */
typedef enum {
	DDI_DETACH = 0,
	DDI_SUSPEND = 1,
	DDI_PM_SUSPEND = 2,
	DDI_HOTPLUG_DETACH = 3
} ddi_detach_cmd_t;

typedef enum {
	DDI_RESET_FORCE = 0
} ddi_reset_cmd_t;

/* probe(9E) results. */
#define DDI_PROBE_DONTCARE	0
#define DDI_PROBE_PARTIAL	1
#define DDI_PROBE_SUCCESS	2
#define DDI_PROBE_FAILURE	ENXIO

#define CB_REV		1
#define DEVO_REV	4	/* with devo_quiesce; 3 (without) is accepted too */

struct cb_ops {
	int (*cb_open)(dev_t *devp, int flag, int otyp, cred_t *credp);
	int (*cb_close)(dev_t dev, int flag, int otyp, cred_t *credp);
	int (*cb_strategy)(struct buf *bp);
	int (*cb_print)(dev_t dev, char *str);
	int (*cb_dump)(dev_t dev, caddr_t addr, daddr_t blkno, int nblk);
	int (*cb_read)(dev_t dev, struct uio *uiop, cred_t *credp);
	int (*cb_write)(dev_t dev, struct uio *uiop, cred_t *credp);
	int (*cb_ioctl)(dev_t dev, int cmd, intptr_t arg, int mode, cred_t *credp, int *rvalp);
	int (*cb_devmap)(dev_t dev, devmap_cookie_t dhp, offset_t off, size_t len, size_t *maplen,
			 uint_t model);
	int (*cb_mmap)(dev_t dev, off_t off, int prot);
	int (*cb_segmap)(dev_t dev, off_t off, struct as *asp, caddr_t *addrp, off_t len,
			 unsigned int prot, unsigned int maxprot, unsigned int flags, cred_t *credp);
	int (*cb_chpoll)(dev_t dev, short events, int anyyet, short *reventsp,
			 struct pollhead **phpp);
	int (*cb_prop_op)(dev_t dev, dev_info_t *dip, ddi_prop_op_t prop_op, int mod_flags,
			  char *name, caddr_t valuep, int *lengthp);
	struct streamtab *cb_str;	/* must be NULL: no STREAMS */
	int cb_flag;			/* D_MP, D_64BIT, ... (<sys/conf.h>) */
	int cb_rev;			/* CB_REV */
	int (*cb_aread)(dev_t dev, struct aio_req *aio, cred_t *credp);
	int (*cb_awrite)(dev_t dev, struct aio_req *aio, cred_t *credp);
};

struct dev_ops {
	int devo_rev;			/* DEVO_REV */
	int devo_refcnt;		/* not used */
	int (*devo_getinfo)(dev_info_t *dip, ddi_info_cmd_t infocmd, void *arg, void **result);
	int (*devo_identify)(dev_info_t *dip);
	int (*devo_probe)(dev_info_t *dip);
	int (*devo_attach)(dev_info_t *dip, ddi_attach_cmd_t cmd);
	int (*devo_detach)(dev_info_t *dip, ddi_detach_cmd_t cmd);
	int (*devo_reset)(dev_info_t *dip, ddi_reset_cmd_t cmd);
	struct cb_ops *devo_cb_ops;
	struct bus_ops *devo_bus_ops;	/* must be NULL: no nexus drivers */
	int (*devo_power)(dev_info_t *dip, int component, int level);
	int (*devo_quiesce)(dev_info_t *dip);	/* DEVO_REV 4 only */
};

#endif /* _DDI_COMPAT_SYS_DEVOPS_H */
