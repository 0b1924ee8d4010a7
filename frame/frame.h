/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver frame's private state (frame/modctl.c, frame/cdev.c): one
 * struct ddi_driver per installed modldrv.
 */
#ifndef _DDI_COMPAT_FRAME_H
#define _DDI_COMPAT_FRAME_H

#include <ddi/module.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/xarray.h>
#include <sys/devops.h>
#include "../ddi/devinfo.h"

/*
 * Invariants: glue, ml, ops, cb, ninst, major and fops are set by
 * mod_install() before the character device is registered, and do not
 * change until it is unregistered. @lock protects @dips, every instance's
 * devi_minors list, @opens and @live; it is never held across a
 * driver's entry point (frame/cdev.c, section 4).
 */
struct ddi_driver {
	struct list_head link;		/* ddi_drivers, under ddi_drivers_lock */
	struct ddi_modglue *glue;
	struct modlinkage *ml;
	struct dev_ops *ops;
	struct cb_ops *cb;
	unsigned int major;
	struct file_operations fops;	/* .owner is the driver's module */
	struct mutex lock;
	bool live;			/* mod_install() done, mod_remove() not begun */
	struct xarray opens;		/* minor -> open state (frame/cdev.c) */
	wait_queue_head_t oc_wait;	/* opens waiting for a busy minor */
	int ninst;
	dev_info_t *dips[];		/* by instance; NULL if not attached */
};

/* A filler (nodev, nulldev, nochpoll) or NULL in an entry point. */
bool ddi_frame_filler(const void *fn);

/* A Solaris errno (positive) as a negative Linux one; odd ones reported. */
int ddi_frame_errno(const char *name, const char *what, int err);

/* frame/cdev.c */
int ddi_frame_cdev_init(void);
void ddi_frame_cdev_exit(void);
void ddi_frame_set_fops(struct ddi_driver *drv);
int ddi_frame_remove_minors(dev_info_t *dip);	/* under drv->lock; the number removed */
/* frame/poll.c: poll() as chpoll(9E), and the event translation. */
__poll_t ddi_fop_poll(struct file *f, struct poll_table_struct *pt);
__poll_t ddi_poll_to_linux(short ev);
short ddi_poll_from_linux(__poll_t m);

#endif /* _DDI_COMPAT_FRAME_H */
