/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/modctl.h>, a loadable module's linkage: the driver's
 * _init(9E), _info(9E) and _fini(9E), and mod_install(9F),
 * mod_remove(9F) and mod_info(9F), which they call.
 *
 * A Linux module runs a Solaris module's _init() when it loads and its
 * _fini() when it unloads: one line of Linux glue in a file of its own,
 * DDI_MODULE() of <ddi/module.h>, makes the module's init and exit (see
 * Documentation/porting.rst). mod_install() from _init() registers a
 * driver with the frame and attaches its instances; mod_remove() from
 * _fini() detaches them.
 */
#ifndef _DDI_COMPAT_SYS_MODCTL_H
#define _DDI_COMPAT_SYS_MODCTL_H

#include <sys/types.h>
#include <sys/devops.h>

#define MODREV_1	1

/* What a linkage installs: mod_driverops (a driver), mod_miscops (code). */
struct mod_ops {
	int mo_type;	/* private to the frame */
};
extern struct mod_ops mod_driverops;
extern struct mod_ops mod_miscops;

struct modldrv {
	struct mod_ops *drv_modops;	/* &mod_driverops */
	char *drv_linkinfo;		/* the driver's description */
	struct dev_ops *drv_dev_ops;
};

struct modlmisc {
	struct mod_ops *misc_modops;	/* &mod_miscops */
	char *misc_linkinfo;
};

/* ml_linkage: the module's linkages (one modldrv at most), NULL-terminated. */
struct modlinkage {
	int ml_rev;			/* MODREV_1 */
	void *ml_linkage[7];
};

#define MODMAXNAMELEN		32
#define MODMAXLINKINFOLEN	32
#define MODMAXLINK		10

struct modspecific_info {
	char msi_linkinfo[MODMAXLINKINFOLEN];
	int msi_p0;			/* a driver's major number, else -1 */
};

/* What mod_info() reports; drivers pass it on from _info(). */
struct modinfo {
	int mi_info;
	int mi_state;
	int mi_id;
	int mi_nextid;
	caddr_t mi_base;
	size_t mi_size;
	int mi_rev;
	int mi_loadcnt;
	char mi_name[MODMAXNAMELEN];
	struct modspecific_info mi_msinfo[MODMAXLINK];
};

/* The module's own entry points (_init(9E)). */
int _init(void);
int _info(struct modinfo *modinfop);
int _fini(void);

/**
 * mod_install() - Install a module's linkages (mod_install(9F)).
 * @modlp: the module's linkage; it must stay valid until mod_remove().
 *
 * For a modldrv: registers a character device for the driver (a major
 * number of its own, named after the module), then probes and attaches
 * its instances (the module's instances= parameter, 1 by default) with
 * DDI_ATTACH, in order; their minor nodes appear in /dev. When an
 * attach fails, the instances attached so far are detached again and
 * the install fails: a Linux module that loads has all its instances.
 * The nodes open once _init() has returned 0. Only from _init()
 * through DDI_MODULE(): elsewhere it fails (reported, naming the caller).
 * A modlmisc installs nothing.
 *
 * Context: Process context (a module's init). May sleep; calls the
 * driver's probe(9E) and attach(9E).
 * Return: 0; EINVAL for a bad linkage (reported, naming the caller);
 * EBUSY if it is installed already; ENOMEM when memory is short; ENXIO
 * when an instance did not attach.
 */
int mod_install(struct modlinkage *modlp);

/**
 * mod_remove() - Remove a module's linkages (mod_remove(9F)).
 * @modlp: the linkage of mod_install().
 *
 * Detaches the driver's instances (DDI_DETACH), in reverse order, and
 * unregisters its character device. A Linux module cannot stay loaded
 * once its exit runs, but no file of it is open then (an open file holds
 * the module: rmmod fails with EBUSY). When detach(9E) fails, the
 * instance stays attached and mod_remove() fails; DDI_MODULE()'s exit
 * then reports it and removes the instance and its minor nodes anyway.
 *
 * Context: Process context (a module's exit). May sleep; calls detach(9E).
 * Return: 0; EBUSY when an instance did not detach, or when a file of the
 * driver is open (mod_remove() called elsewhere than _fini()); EINVAL for
 * a linkage not installed (reported, naming the caller).
 */
int mod_remove(struct modlinkage *modlp);

/**
 * mod_info() - Describe a module's linkages (mod_info(9F)).
 * @modlp: the module's linkage.
 * @modinfop: filled in: the module's name and each linkage's linkinfo.
 *
 * Context: Process context.
 * Return: non-zero on success; 0 for a bad linkage or a NULL @modinfop
 * (reported, naming the caller).
 */
int mod_info(struct modlinkage *modlp, struct modinfo *modinfop);

#endif /* _DDI_COMPAT_SYS_MODCTL_H */
