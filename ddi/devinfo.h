/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shim's dev_info_t, private to ddi_compat and its tests (drivers see
 * it opaque, <sys/dditypes.h>): an instance of a driver. The driver name
 * and the instance number are what ddi_driver_name(9F),
 * ddi_get_instance(9F) and dev_err(9F) report; the frame (frame/) adds
 * its driver, whether attach(9E) succeeded, and its minor nodes. The
 * frame and the tests make them with ddi_devinfo_alloc() (ddi/devinfo.c).
 */
#ifndef _DDI_COMPAT_DDI_DEVINFO_H
#define _DDI_COMPAT_DDI_DEVINFO_H

#include <linux/list.h>
#include <sys/dditypes.h>

struct ddi_driver;

/*
 * Fields past devi_instance belong to the frame: written by mod_install()
 * and mod_remove() (devi_attached, the minor list under the driver's
 * lock), read by the file operations once devi_attached is set.
 */
struct dev_info {
	int devi_instance;
	bool devi_attached;		/* attach(9E) succeeded, detach(9E) not yet */
	struct ddi_driver *devi_driver;	/* NULL for the tests' dev_infos */
	void *devi_private;		/* ddi_set_driver_private() */
	struct list_head devi_minors;	/* struct ddi_minor, frame/cdev.c */
	char devi_driver_name[];	/* NUL-terminated */
};

dev_info_t *ddi_devinfo_alloc(const char *name, int instance);
void ddi_devinfo_free(dev_info_t *dip);

#endif /* _DDI_COMPAT_DDI_DEVINFO_H */
