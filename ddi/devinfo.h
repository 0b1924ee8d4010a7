/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shim's dev_info_t, private to ddi_compat and its tests (drivers see
 * it opaque, <sys/dditypes.h>). Minimal until the driver frame comes: a
 * driver name and an instance number, which ddi_driver_name(9F),
 * ddi_get_instance(9F) and dev_err(9F) report. The frame and the tests
 * make them with ddi_devinfo_alloc() (ddi/devinfo.c).
 */
#ifndef _DDI_COMPAT_DDI_DEVINFO_H
#define _DDI_COMPAT_DDI_DEVINFO_H

#include <sys/dditypes.h>

struct dev_info {
	int devi_instance;
	char devi_driver_name[];	/* NUL-terminated */
};

dev_info_t *ddi_devinfo_alloc(const char *name, int instance);
void ddi_devinfo_free(dev_info_t *dip);

#endif /* _DDI_COMPAT_DDI_DEVINFO_H */
