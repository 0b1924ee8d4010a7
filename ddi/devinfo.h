/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shim's dev_info_t, private to ddi_compat and its tests (drivers see
 * it opaque, <sys/dditypes.h>): an instance of a driver. The driver name
 * and the instance number are what ddi_driver_name(9F),
 * ddi_get_instance(9F) and dev_err(9F) report; the frame (frame/) adds
 * its driver, whether attach(9E) succeeded, and its minor nodes; the
 * property calls (prop/prop.c) its properties. The frame and the tests
 * make them with ddi_devinfo_alloc() (ddi/devinfo.c).
 */
#ifndef _DDI_COMPAT_DDI_DEVINFO_H
#define _DDI_COMPAT_DDI_DEVINFO_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <sys/dditypes.h>
#include <sys/devops.h>

struct ddi_driver;

/*
 * devi_attached, devi_driver, devi_major and devi_minors belong to the frame: written
 * by mod_install() and mod_remove() (devi_attached, the minor list under
 * the driver's lock), read by the file operations once devi_attached is
 * set. devi_props is prop/prop.c's, under devi_prop_lock.
 */
struct dev_info {
	int devi_instance;
	bool devi_attached;		/* attach(9E) succeeded, detach(9E) not yet */
	struct ddi_driver *devi_driver;	/* NULL for the tests' dev_infos */
	void *devi_private;		/* ddi_set_driver_private() */
	struct list_head devi_minors;	/* struct ddi_minor, frame/cdev.c */
	major_t devi_major;		/* the driver's (frame/), 0 for the tests' */
	spinlock_t devi_prop_lock;	/* protects devi_props (irq-safe) */
	struct list_head devi_props;	/* struct ddi_prop, newest first, prop/prop.c */
	char devi_driver_name[];	/* NUL-terminated */
};

dev_info_t *ddi_devinfo_alloc(const char *name, int instance);
void ddi_devinfo_free(dev_info_t *dip);

/*
 * prop/prop.c: ddi_prop_op(9F) on @dip's properties, reporting misuse as
 * @caller's (frame/modctl.c's ddi_prop_op() is this); and freeing every
 * property of a dev_info that nothing else uses any more
 * (ddi_devinfo_free()). The first in any context (process context for
 * PROP_LEN_AND_VAL_ALLOC with DDI_PROP_CANSLEEP), the second in any.
 */
int ddi_prop_op_store(dev_t dev, dev_info_t *dip, ddi_prop_op_t prop_op, int mod_flags,
		      char *name, caddr_t valuep, int *lengthp, unsigned long caller);
void ddi_prop_free_all(dev_info_t *dip);

#endif /* _DDI_COMPAT_DDI_DEVINFO_H */
