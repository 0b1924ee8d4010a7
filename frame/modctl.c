// SPDX-License-Identifier: GPL-2.0
/*
 * The driver frame, module side: mod_install(9F), mod_remove(9F),
 * mod_info(9F), the Linux glue of DDI_MODULE() (<ddi/module.h>), attach
 * and detach of the instances, and the entry point fillers.
 *
 * 1. Vocabulary. A Solaris module has a modlinkage, which lists its
 *    linkages; a driver's is a modldrv, which points at its dev_ops (the
 *    instance entry points: getinfo, probe, attach, detach) and those at
 *    its cb_ops (the character device's: open, close, read, write, ioctl).
 *    An instance is a dev_info_t; a pseudo driver's instances are what its
 *    driver.conf(5) lists, here the module's instances= parameter.
 *
 * 2. Life cycle. DDI_MODULE()'s init runs _init(); _init() calls
 *    mod_install(), which makes a struct ddi_driver (frame/frame.h),
 *    registers a character device region of all 2^20 minors of a new
 *    major, then probes and attaches the instances 0 .. instances-1. Their
 *    ddi_create_minor_node() calls make /dev nodes (frame/cdev.c), which
 *    open once _init() has returned 0 (the driver is live): a file can
 *    never be open on a driver whose _init() fails. The exit runs
 *    _fini(), which calls mod_remove(): the driver stops being live, its
 *    instances detach in reverse order, then the region goes. Linux
 *    cannot keep a module whose exit runs, but no file of it is open then:
 *    the file operations' owner is the driver's module, so an open file
 *    pins it (rmmod says EBUSY). mod_remove() called elsewhere, with a
 *    file open, fails with EBUSY.
 *
 * 3. Who is installing. mod_install() needs the Linux module the driver
 *    lives in (for the owner above), which Solaris code cannot name. The
 *    glue runs _init() holding ddi_glue_lock, with ddi_installing naming
 *    its struct ddi_modglue and the task; mod_install() accepts only a
 *    call from that task. Module inits run through here one at a time.
 *
 * 4. Fillers. nodev() and nulldev() are declared without a prototype, so
 *    that they fit every entry point. The frame compares an entry point
 *    with them and with nochpoll() and never calls a filler through the
 *    field: on a kCFI kernel that indirect call, to a function of another
 *    type, would trap. nodev means ENXIO, nulldev success.
 *
 * 5. Failure. Every allocation of mod_install() fails cleanly with
 *    ENOMEM; an instance whose attach(9E) fails makes the install fail
 *    with ENXIO after detaching the ones before it (attach says only
 *    DDI_FAILURE, not why). Minor nodes left after a failed attach or a
 *    detach are removed and reported.
 */
#include "frame.h"
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <sys/conf.h>
#include <sys/modctl.h>
#include <sys/sunddi.h>

#define DDI_MAX_INSTANCES 64

struct mod_ops mod_driverops = { .mo_type = 1 };
EXPORT_SYMBOL(mod_driverops);
struct mod_ops mod_miscops = { .mo_type = 2 };
EXPORT_SYMBOL(mod_miscops);

/* Installed drivers; ddi_drivers_lock protects the list. */
static LIST_HEAD(ddi_drivers);
static DEFINE_MUTEX(ddi_drivers_lock);

/* Held across a glue's _init() (section 3). */
static DEFINE_MUTEX(ddi_glue_lock);
static struct ddi_modglue *ddi_installing;
static struct task_struct *ddi_installing_task;

/* Defined with a prototype; <sys/conf.h> declares them without one. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
int nodev(void)
{
	return ENXIO;
}
EXPORT_SYMBOL(nodev);

int nulldev(void)
{
	return 0;
}
EXPORT_SYMBOL(nulldev);
#pragma GCC diagnostic pop

int nochpoll(dev_t dev, short events, int anyyet, short *reventsp, struct pollhead **phpp)
{
	if (reventsp)
		*reventsp = 0;
	if (phpp)
		*phpp = NULL;
	return ENXIO;
}
EXPORT_SYMBOL(nochpoll);

bool ddi_frame_filler(const void *fn)
{
	return !fn || fn == (const void *)nodev || fn == (const void *)nulldev ||
	       fn == (const void *)nochpoll;
}

/* The properties the driver made (prop/prop.c); there is no driver.conf. */
int ddi_prop_op(dev_t dev, dev_info_t *dip, ddi_prop_op_t prop_op, int mod_flags, char *name,
		caddr_t valuep, int *lengthp)
{
	return ddi_prop_op_store(dev, dip, prop_op, mod_flags, name, valuep, lengthp, _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_op);

int ddi_quiesce_not_needed(dev_info_t *dip)
{
	return DDI_SUCCESS;
}
EXPORT_SYMBOL(ddi_quiesce_not_needed);

int ddi_quiesce_not_supported(dev_info_t *dip)
{
	return DDI_FAILURE;
}
EXPORT_SYMBOL(ddi_quiesce_not_supported);

/*
 * An errno a Solaris entry point returned (positive), as Linux's negative
 * one. A negative errno (Linux's habit) is taken as it is and DDI_FAILURE
 * (-1) as EIO, both reported.
 */
int ddi_frame_errno(const char *name, const char *what, int err)
{
	int lx;

	if (err >= 0 && err < MAX_ERRNO)
		return -err;
	lx = err < -1 && err > -MAX_ERRNO ? err : -EIO;
	pr_warn_ratelimited("%s: %s returned %d, not 0 or a positive errno; taken as %d\n", name,
			    what, err, -lx);
	return lx;
}

/* attach(9E) or detach(9E), or what its filler would say (section 4). */
static int ddi_call_attach(struct dev_ops *ops, dev_info_t *dip)
{
	if (!ddi_frame_filler(ops->devo_attach))
		return ops->devo_attach(dip, DDI_ATTACH);
	return ops->devo_attach == (void *)nulldev ? DDI_SUCCESS : DDI_FAILURE;
}

static int ddi_call_detach(struct dev_ops *ops, dev_info_t *dip)
{
	if (!ddi_frame_filler(ops->devo_detach))
		return ops->devo_detach(dip, DDI_DETACH);
	return ops->devo_detach == (void *)nulldev ? DDI_SUCCESS : DDI_FAILURE;
}

/* Take instance i out of the driver, remove its nodes, free it. */
static void ddi_drop_instance(struct ddi_driver *drv, int i, const char *after)
{
	dev_info_t *dip = drv->dips[i];
	int left;

	mutex_lock(&drv->lock);
	left = ddi_frame_remove_minors(dip);
	drv->dips[i] = NULL;
	mutex_unlock(&drv->lock);
	if (left && after)
		pr_warn("%s: instance %d: %s left %d minor node(s); removed\n", drv->glue->name, i,
			after, left);
	ddi_devinfo_free(dip);
}

/* Detach instance i; force: drop it even if detach(9E) fails. */
static int ddi_detach_one(struct ddi_driver *drv, int i, bool force)
{
	int r;

	WRITE_ONCE(drv->dips[i]->devi_attached, false);
	r = ddi_call_detach(drv->ops, drv->dips[i]);
	if (r != DDI_SUCCESS) {
		if (!force) {
			WRITE_ONCE(drv->dips[i]->devi_attached, true);
			return r;
		}
		pr_warn("%s: detach(9E) of instance %d failed as the module unloads; removing it anyway\n",
			drv->glue->name, i);
		ddi_drop_instance(drv, i, NULL);
	} else {
		ddi_drop_instance(drv, i, "detach(9E)");
	}
	return DDI_SUCCESS;
}

/* Probe and attach instance i: 1 attached, 0 probe said no, <0 failed. */
static int ddi_attach_one(struct ddi_driver *drv, int i)
{
	struct dev_ops *ops = drv->ops;
	dev_info_t *dip = ddi_devinfo_alloc(drv->glue->name, i);

	if (!dip)
		return -ENOMEM;
	dip->devi_driver = drv;
	dip->devi_major = drv->major;
	if (!ddi_frame_filler(ops->devo_probe) && ops->devo_probe(dip) == DDI_PROBE_FAILURE) {
		ddi_devinfo_free(dip);
		return 0;
	}
	mutex_lock(&drv->lock);
	drv->dips[i] = dip;
	mutex_unlock(&drv->lock);
	if (ddi_call_attach(ops, dip) == DDI_SUCCESS) {
		WRITE_ONCE(dip->devi_attached, true);
		return 1;
	}
	ddi_drop_instance(drv, i, "a failed attach(9E)");
	return -ENXIO;
}

static void ddi_driver_free(struct ddi_driver *drv)
{
	xa_destroy(&drv->opens);
	mutex_destroy(&drv->lock);
	kfree(drv);
}

/* The modldrv of a linkage, or NULL (a misc module); ERR_PTR if bad. */
static struct modldrv *ddi_linkage_driver(struct modlinkage *ml, const char *who,
					  unsigned long caller)
{
	struct modldrv *found = NULL;

	if (ml->ml_rev != MODREV_1) {
		pr_warn("%s: ml_rev %d, not MODREV_1, from %pS\n", who, ml->ml_rev, (void *)caller);
		return ERR_PTR(-EINVAL);
	}
	for (size_t k = 0; k < ARRAY_SIZE(ml->ml_linkage) && ml->ml_linkage[k]; k++) {
		struct mod_ops *mo = *(struct mod_ops **)ml->ml_linkage[k];

		if (mo == &mod_miscops)
			continue;
		if (mo != &mod_driverops || found) {
			pr_warn("%s: linkage %zu is %s, from %pS\n", who, k,
				mo == &mod_driverops ? "a second modldrv" : "of an unknown kind",
				(void *)caller);
			return ERR_PTR(-EINVAL);
		}
		found = ml->ml_linkage[k];
	}
	return found;
}

/* What mod_install() refuses in a dev_ops (-EINVAL), or warns about. */
static int ddi_check_ops(const char *name, struct dev_ops *ops, unsigned long caller)
{
	struct cb_ops *cb = ops ? ops->devo_cb_ops : NULL;
	const char *bad = !ops ? "no dev_ops" : !cb ? "no cb_ops" :
			  ops->devo_rev != DEVO_REV && ops->devo_rev != 3 ? "devo_rev is not DEVO_REV" :
			  cb->cb_rev != CB_REV && cb->cb_rev != 0 ? "cb_rev is not CB_REV" :
			  cb->cb_str ? "a STREAMS driver (cb_str), not supported" :
			  ops->devo_bus_ops ? "a nexus driver (devo_bus_ops), not supported" : NULL;

	if (bad) {
		pr_warn("mod_install: %s: %s, from %pS\n", name, bad, (void *)caller);
		return -EINVAL;
	}
	if (!ddi_frame_filler(cb->cb_strategy) || !ddi_frame_filler(cb->cb_devmap) ||
	    !ddi_frame_filler(cb->cb_mmap) || !ddi_frame_filler(cb->cb_segmap) ||
	    (cb->cb_rev >= 1 && (!ddi_frame_filler(cb->cb_aread) || !ddi_frame_filler(cb->cb_awrite))))
		pr_warn("%s: its strategy, devmap, mmap, segmap and aio entry points are never called (no block devices or mappings here yet)\n",
			name);
	if (!(cb->cb_flag & D_MP))
		pr_warn("%s: cb_flag has no D_MP; its entry points run concurrently all the same\n",
			name);
	return 0;
}

int mod_install(struct modlinkage *ml)
{
	unsigned long caller = _RET_IP_;
	struct ddi_modglue *g = READ_ONCE(ddi_installing);
	struct ddi_driver *drv;
	struct modldrv *md;
	int n, err, attached = 0;

	if (!ml) {
		pr_warn("mod_install: NULL modlinkage from %pS\n", (void *)caller);
		return EINVAL;
	}
	if (!g || READ_ONCE(ddi_installing_task) != current) {
		pr_warn("mod_install: not from a module's _init() through DDI_MODULE(), from %pS\n",
			(void *)caller);
		return EINVAL;
	}
	md = ddi_linkage_driver(ml, "mod_install", caller);
	if (IS_ERR(md))
		return -PTR_ERR(md);
	if (g->driver) {
		pr_warn("mod_install: %s is installed already, from %pS\n", g->name, (void *)caller);
		return EBUSY;
	}
	if (!md)
		return 0;	/* a misc module: nothing to install */
	err = ddi_check_ops(g->name, md->drv_dev_ops, caller);
	if (err)
		return -err;
	n = g->instances;
	if (n < 0 || n > DDI_MAX_INSTANCES) {
		pr_warn("%s: instances=%d, not 0 to %d\n", g->name, n, DDI_MAX_INSTANCES);
		return EINVAL;
	}
	drv = kzalloc(struct_size(drv, dips, n), GFP_KERNEL);
	if (!drv)
		return ENOMEM;
	drv->glue = g;
	drv->ml = ml;
	drv->ops = md->drv_dev_ops;
	drv->cb = drv->ops->devo_cb_ops;
	drv->ninst = n;
	mutex_init(&drv->lock);
	xa_init(&drv->opens);
	init_waitqueue_head(&drv->oc_wait);
	ddi_frame_set_fops(drv);
	err = __register_chrdev(0, 0, MINORMASK + 1, g->name, &drv->fops);
	if (err < 0) {
		ddi_driver_free(drv);
		return -err;
	}
	drv->major = err;
	for (int i = 0; i < n; i++) {
		err = ddi_attach_one(drv, i);
		if (err < 0) {
			while (i-- > 0)
				if (drv->dips[i])
					ddi_detach_one(drv, i, true);
			__unregister_chrdev(drv->major, 0, MINORMASK + 1, g->name);
			ddi_driver_free(drv);
			return -err;
		}
		attached += err;
	}
	g->driver = drv;
	mutex_lock(&ddi_drivers_lock);
	list_add_tail(&drv->link, &ddi_drivers);
	mutex_unlock(&ddi_drivers_lock);
	pr_info("%s: installed, major %u, %d of %d instance(s) attached\n", g->name, drv->major,
		attached, n);
	return 0;
}
EXPORT_SYMBOL(mod_install);

/* The driver of a linkage; under ddi_drivers_lock. */
static struct ddi_driver *ddi_find_driver(struct modlinkage *ml)
{
	struct ddi_driver *drv;

	list_for_each_entry(drv, &ddi_drivers, link)
		if (drv->ml == ml)
			return drv;
	return NULL;
}

/*
 * Detach every instance (force: whatever detach says) and unregister. A
 * driver with a file open, or an open under way, is not removed (EBUSY):
 * only mod_remove() outside the module's exit can meet one.
 */
static int ddi_remove_driver(struct ddi_driver *drv, bool force)
{
	mutex_lock(&drv->lock);
	drv->live = false;
	if (!xa_empty(&drv->opens)) {
		drv->live = !force;
		mutex_unlock(&drv->lock);
		if (force)
			pr_warn("%s: files still open as the driver goes; it stays registered\n",
				drv->glue->name);
		return EBUSY;
	}
	mutex_unlock(&drv->lock);
	for (int i = drv->ninst - 1; i >= 0; i--) {
		if (drv->dips[i] && ddi_detach_one(drv, i, force) != DDI_SUCCESS) {
			mutex_lock(&drv->lock);
			drv->live = true;
			mutex_unlock(&drv->lock);
			return EBUSY;
		}
	}
	mutex_lock(&ddi_drivers_lock);
	list_del(&drv->link);
	mutex_unlock(&ddi_drivers_lock);
	__unregister_chrdev(drv->major, 0, MINORMASK + 1, drv->glue->name);
	drv->glue->driver = NULL;
	ddi_driver_free(drv);
	return 0;
}

int mod_remove(struct modlinkage *ml)
{
	struct ddi_driver *drv;
	struct modldrv *md;

	if (!ml) {
		pr_warn("mod_remove: NULL modlinkage from %pS\n", (void *)_RET_IP_);
		return EINVAL;
	}
	mutex_lock(&ddi_drivers_lock);
	drv = ddi_find_driver(ml);
	mutex_unlock(&ddi_drivers_lock);
	if (drv)
		return ddi_remove_driver(drv, false);
	md = ddi_linkage_driver(ml, "mod_remove", _RET_IP_);
	if (IS_ERR(md))
		return EINVAL;
	if (!md)
		return 0;	/* a misc module */
	pr_warn("mod_remove: modlinkage %px is not installed, from %pS\n", ml, (void *)_RET_IP_);
	return EINVAL;
}
EXPORT_SYMBOL(mod_remove);

int mod_info(struct modlinkage *ml, struct modinfo *mi)
{
	struct ddi_driver *drv;

	if (!ml || !mi || ml->ml_rev != MODREV_1) {
		pr_warn("mod_info: %s from %pS\n", !ml ? "NULL modlinkage" : !mi ? "NULL modinfo" :
			"ml_rev is not MODREV_1", (void *)_RET_IP_);
		return 0;
	}
	memset(mi, 0, sizeof(*mi));
	mi->mi_rev = ml->ml_rev;
	mi->mi_nextid = -1;
	mutex_lock(&ddi_drivers_lock);
	drv = ddi_find_driver(ml);
	if (drv)
		strscpy(mi->mi_name, drv->glue->name);
	for (int k = 0; k < MODMAXLINK && k < (int)ARRAY_SIZE(ml->ml_linkage) && ml->ml_linkage[k];
	     k++) {
		/* A modldrv and a modlmisc both begin with the ops and the linkinfo. */
		struct modlmisc *l = ml->ml_linkage[k];

		if (l->misc_linkinfo)
			strscpy(mi->mi_msinfo[k].msi_linkinfo, l->misc_linkinfo);
		mi->mi_msinfo[k].msi_p0 = l->misc_modops == &mod_driverops && drv ? drv->major : -1;
	}
	mutex_unlock(&ddi_drivers_lock);
	return 1;
}
EXPORT_SYMBOL(mod_info);

int ddi_modglue_init(struct ddi_modglue *g, int (*init)(void), int (*info)(struct modinfo *))
{
	struct modinfo *mi;
	int err;

	/* KBUILD_MODNAME may carry the object's directory: the module's name. */
	if (g->owner)
		g->name = module_name(g->owner);
	mutex_lock(&ddi_glue_lock);
	WRITE_ONCE(ddi_installing_task, current);
	WRITE_ONCE(ddi_installing, g);
	err = init();
	WRITE_ONCE(ddi_installing, NULL);
	WRITE_ONCE(ddi_installing_task, NULL);
	mutex_unlock(&ddi_glue_lock);
	/* The nodes open once _init() has succeeded (section 2). */
	if (!err && g->driver) {
		mutex_lock(&g->driver->lock);
		g->driver->live = true;
		mutex_unlock(&g->driver->lock);
	}
	if (err) {
		if (g->driver) {
			pr_warn("%s: _init() failed (%d) and left the driver installed; removing it\n",
				g->name, err);
			ddi_remove_driver(g->driver, true);
		}
		return ddi_frame_errno(g->name, "_init()", err);
	}
	/* _info() as modinfo(8) would call it: it must describe the module. */
	mi = kmalloc(sizeof(*mi), GFP_KERNEL);
	if (mi && !info(mi))
		pr_warn("%s: _info() returned 0 (mod_info() failed)\n", g->name);
	kfree(mi);
	return 0;
}
EXPORT_SYMBOL_NS(ddi_modglue_init, "DDI_COMPAT_GLUE");

void ddi_modglue_exit(struct ddi_modglue *g, int (*fini)(void))
{
	int err = fini();

	if (g->driver) {
		pr_warn("%s: _fini() %s (%d), but Linux unloads the module all the same; removing the driver\n",
			g->name, err ? "failed" : "did not mod_remove() the driver", err);
		ddi_remove_driver(g->driver, true);
	} else if (err) {
		pr_warn("%s: _fini() failed (%d), but Linux unloads the module all the same\n",
			g->name, err);
	}
}
EXPORT_SYMBOL_NS(ddi_modglue_exit, "DDI_COMPAT_GLUE");

int ddi_frame_init(void);
void ddi_frame_exit(void);

/* Module init and exit (ddi_compat_main.rs). */
int ddi_frame_init(void)
{
	return ddi_frame_cdev_init();
}

void ddi_frame_exit(void)
{
	ddi_frame_cdev_exit();
}
