/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <ddi/module.h>, the Linux module around a Solaris module.
 *
 * A Solaris module's _init(9E), _info(9E) and _fini(9E) stay as they are;
 * a file of Linux glue beside them holds one line:
 *
 *	#include <ddi/module.h>
 *	DDI_MODULE("CDDL", "My pseudo driver");
 *
 * which makes the Linux module's init (_init(), then _info()) and exit
 * (_fini()), its licence and description, and its instances= parameter:
 * how many instances mod_install() attaches (what a pseudo driver's
 * driver.conf(5) says on illumos; 1 by default, 0 to 64). The driver is
 * named after the module (KBUILD_MODNAME): ddi_driver_name(9F), the
 * character device's name in /proc/devices.
 *
 * The calls below are for this macro only; they are exported in the
 * DDI_COMPAT_GLUE namespace, to modules of any licence.
 */
#ifndef _DDI_COMPAT_DDI_MODULE_H
#define _DDI_COMPAT_DDI_MODULE_H

#include <ddi/linux.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <sys/modctl.h>

/* A module's glue state; the frame's, once DDI_MODULE() made it. */
struct ddi_modglue {
	struct module *owner;
	const char *name;		/* the module's name, once init runs */
	int instances;
	struct ddi_driver *driver;	/* the frame's, between install and remove */
};

/*
 * ddi_modglue_init() - Run a Solaris module's _init(), then its _info().
 * Context: Process context, module init. Return: 0 or a negative errno.
 */
int ddi_modglue_init(struct ddi_modglue *g, int (*init)(void), int (*info)(struct modinfo *));

/*
 * ddi_modglue_exit() - Run its _fini(), then remove what it left installed.
 * Context: Process context, module exit.
 */
void ddi_modglue_exit(struct ddi_modglue *g, int (*fini)(void));

#define DDI_MODULE(license, description)					\
	static struct ddi_modglue ddi_modglue_ = {				\
		.owner = THIS_MODULE, .name = KBUILD_MODNAME, .instances = 1,	\
	};									\
	module_param_named(instances, ddi_modglue_.instances, int, 0444);	\
	MODULE_PARM_DESC(instances, "instances to attach, 0 to 64 (driver.conf)"); \
	static int __init ddi_module_init_(void)				\
	{									\
		return ddi_modglue_init(&ddi_modglue_, _init, _info);		\
	}									\
	static void __exit ddi_module_exit_(void)				\
	{									\
		ddi_modglue_exit(&ddi_modglue_, _fini);				\
	}									\
	module_init(ddi_module_init_);						\
	module_exit(ddi_module_exit_);						\
	MODULE_IMPORT_NS("DDI_COMPAT_GLUE");					\
	MODULE_LICENSE(license);						\
	MODULE_DESCRIPTION(description)

#endif /* _DDI_COMPAT_DDI_MODULE_H */
