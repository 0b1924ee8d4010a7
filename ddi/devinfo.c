// SPDX-License-Identifier: GPL-2.0
/*
 * dev_info_t (ddi/devinfo.h): the driver name and the instance, the
 * calls that make and free one (for the frame and the tests), and the
 * driver's private pointer. Its properties are prop/prop.c's.
 */
#include <ddi/linux.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <sys/cmn_err.h>
#include <sys/sunddi.h>
#include "devinfo.h"

/**
 * ddi_devinfo_alloc() - Make a dev_info for a driver's instance.
 * @name: the driver's name (copied).
 * @instance: the instance number.
 *
 * Context: Process context. May sleep.
 * Return: the dev_info, to be freed with ddi_devinfo_free(); NULL when
 * memory is short, or for a NULL @name (reported, naming the caller).
 */
dev_info_t *ddi_devinfo_alloc(const char *name, int instance)
{
	dev_info_t *dip;
	size_t len;

	if (!name) {
		pr_warn("ddi_devinfo_alloc: NULL name from %pS\n", (void *)_RET_IP_);
		return NULL;
	}
	len = strlen(name) + 1;
	dip = kmalloc(struct_size(dip, devi_driver_name, len), GFP_KERNEL);
	if (!dip)
		return NULL;
	memset(dip, 0, sizeof(*dip));
	dip->devi_instance = instance;
	INIT_LIST_HEAD(&dip->devi_minors);
	spin_lock_init(&dip->devi_prop_lock);
	INIT_LIST_HEAD(&dip->devi_props);
	memcpy(dip->devi_driver_name, name, len);
	return dip;
}
EXPORT_SYMBOL_NS_GPL(ddi_devinfo_alloc, "DDI_COMPAT_INTERNAL");

/**
 * ddi_devinfo_free() - Free a dev_info of ddi_devinfo_alloc(), with the
 * properties its driver left (detach(9E) need not remove them).
 * @dip: the dev_info (NULL does nothing). No other call on it may run at
 *	the same time or after.
 *
 * Context: Any context.
 */
void ddi_devinfo_free(dev_info_t *dip)
{
	if (!dip)
		return;
	ddi_prop_free_all(dip);
	kfree(dip);
}
EXPORT_SYMBOL_NS_GPL(ddi_devinfo_free, "DDI_COMPAT_INTERNAL");

static char ddi_no_name[] = "";

char *ddi_driver_name(dev_info_t *dip)
{
	if (!dip) {
		pr_warn("ddi_driver_name: NULL dip from %pS\n", (void *)_RET_IP_);
		return ddi_no_name;
	}
	return dip->devi_driver_name;
}
EXPORT_SYMBOL(ddi_driver_name);

int ddi_get_instance(dev_info_t *dip)
{
	if (!dip) {
		pr_warn("ddi_get_instance: NULL dip from %pS\n", (void *)_RET_IP_);
		return -1;
	}
	return dip->devi_instance;
}
EXPORT_SYMBOL(ddi_get_instance);

void ddi_report_dev(dev_info_t *dip)
{
	if (!dip) {
		pr_warn("ddi_report_dev: NULL dip from %pS\n", (void *)_RET_IP_);
		return;
	}
	cmn_err(CE_CONT, "?%s%d is /pseudo/%s@%d\n", dip->devi_driver_name, dip->devi_instance,
		dip->devi_driver_name, dip->devi_instance);
}
EXPORT_SYMBOL(ddi_report_dev);

void ddi_set_driver_private(dev_info_t *dip, void *data)
{
	if (!dip) {
		pr_warn("ddi_set_driver_private: NULL dip from %pS\n", (void *)_RET_IP_);
		return;
	}
	WRITE_ONCE(dip->devi_private, data);
}
EXPORT_SYMBOL(ddi_set_driver_private);

void *ddi_get_driver_private(dev_info_t *dip)
{
	if (!dip) {
		pr_warn("ddi_get_driver_private: NULL dip from %pS\n", (void *)_RET_IP_);
		return NULL;
	}
	return READ_ONCE(dip->devi_private);
}
EXPORT_SYMBOL(ddi_get_driver_private);
