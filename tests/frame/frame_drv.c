// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_frame_test: a Solaris pseudo driver that reports what the frame
 * gives its entry points, for tests/user/frame.c. Solaris code only; the
 * Linux module is frame_mod.c's DDI_MODULE() line.
 *
 * Each instance i has /dev/ddi_frame_test<i> (minor 2i) and
 * /dev/ddi_frame_test<i>_clone (minor 2i + 1, CLONE_DEV: each open gets a
 * minor of its own from FT_CLONE_BASE on); instance 0 also has
 * /dev/ddi_frame_test_priv (PRIVONLY_DEV). open(9E) counts and records its
 * arguments and refuses FEXCL while the plain node is open; close(9E)
 * counts; read(9E) gives "instance <i> minor <m>\n" from uio_offset on;
 * write(9E) is nodev; ioctl(9E) has FT_STATS, FT_RVAL, FT_ERR and
 * FT_READY, which sets the events chpoll(9E) reports for the instance and
 * wakes its pollers. chpoll(9E) is written as pre-POLLET drivers are: it
 * hands back its poll head only when nothing is pending.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/open.h>
#include <sys/cred.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/kmem.h>
#include <sys/ksynch.h>
#include <sys/cmn_err.h>
#include <sys/poll.h>
#include <sys/conf.h>
#include <sys/modctl.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include "frame_ioctl.h"

struct ft_inst {
	dev_info_t *fi_dip;
	int fi_plain_open;	/* files open on the plain minor (close(9E) runs once) */
	short fi_ready;		/* chpoll(9E)'s pending events (FT_READY), under ft_lock */
	pollhead_t fi_ph;	/* zeroed with the soft state: no init call */
};

static void *ft_statep;
static kmutex_t ft_lock;		/* protects ft_stats and ft_next_clone */
static struct ft_stats ft_stats;
static minor_t ft_next_clone = FT_CLONE_BASE;

/* The instance of a minor; -1 for none. */
static int ft_instance(minor_t m)
{
	if (m == FT_PRIV_MINOR)
		return (0);
	if (m >= FT_CLONE_BASE)
		return (0);
	return ((int)(m / 2));
}

static int ft_open(dev_t *devp, int flag, int otyp, cred_t *credp)
{
	minor_t m = getminor(*devp);
	struct ft_inst *fi = ddi_get_soft_state(ft_statep, ft_instance(m));

	if (fi == NULL)
		return (ENXIO);
	mutex_enter(&ft_lock);
	if (m != FT_PRIV_MINOR && (m & 1) == 0 && (flag & FEXCL) && fi->fi_plain_open) {
		mutex_exit(&ft_lock);
		return (EBUSY);
	}
	if (m != FT_PRIV_MINOR && (m & 1) == 1)	/* the clone node: a new minor */
		*devp = makedevice(getmajor(*devp), ft_next_clone++);
	else if (m != FT_PRIV_MINOR)
		fi->fi_plain_open = 1;
	ft_stats.opens++;
	ft_stats.last_flag = flag;
	ft_stats.last_otyp = otyp;
	ft_stats.last_uid = crgetuid(credp);
	mutex_exit(&ft_lock);
	return (0);
}

static int ft_close(dev_t dev, int flag, int otyp, cred_t *credp)
{
	minor_t m = getminor(dev);
	struct ft_inst *fi = ddi_get_soft_state(ft_statep, ft_instance(m));

	if (fi == NULL || otyp != OTYP_CHR)
		return (ENXIO);
	mutex_enter(&ft_lock);
	if (m < FT_CLONE_BASE && m != FT_PRIV_MINOR && (m & 1) == 0)
		fi->fi_plain_open = 0;
	ft_stats.closes++;
	mutex_exit(&ft_lock);
	return (0);
}

static int ft_read(dev_t dev, struct uio *uiop, cred_t *credp)
{
	char buf[64];
	int n = snprintf(buf, sizeof (buf), "instance %d minor %u\n",
	    ft_instance(getminor(dev)), getminor(dev));

	if (uiop->uio_offset >= n)
		return (0);
	return (uiomove(buf + uiop->uio_offset, min(uiop->uio_resid, n - uiop->uio_offset),
	    UIO_READ, uiop));
}

static int ft_ioctl(dev_t dev, int cmd, intptr_t arg, int mode, cred_t *credp, int *rvalp)
{
	struct ft_stats st;

	switch (cmd) {
	case FT_STATS:
		mutex_enter(&ft_lock);
		st = ft_stats;
		mutex_exit(&ft_lock);
		st.instance = ft_instance(getminor(dev));
		st.minor = getminor(dev);
		st.mode = mode;
		if (ddi_copyout(&st, (void *)arg, sizeof (st), mode) != 0)
			return (EFAULT);
		return (0);
	case FT_RVAL:
		*rvalp = (int)arg;
		return (0);
	case FT_ERR:
		return ((int)arg);
	case FT_READY: {
		struct ft_inst *fi = ddi_get_soft_state(ft_statep, ft_instance(getminor(dev)));

		mutex_enter(&ft_lock);
		fi->fi_ready = (short)arg;
		mutex_exit(&ft_lock);
		if (arg != 0)
			pollwakeup(&fi->fi_ph, (short)arg);
		return (0);
	}
	}
	return (ENOTTY);
}

static int ft_chpoll(dev_t dev, short events, int anyyet, short *reventsp,
    struct pollhead **phpp)
{
	struct ft_inst *fi = ddi_get_soft_state(ft_statep, ft_instance(getminor(dev)));

	if (fi == NULL)
		return (ENXIO);
	mutex_enter(&ft_lock);
	*reventsp = fi->fi_ready & events;
	if (*reventsp == 0 && !anyyet)
		*phpp = &fi->fi_ph;
	mutex_exit(&ft_lock);
	return (0);
}

static int ft_getinfo(dev_info_t *dip, ddi_info_cmd_t cmd, void *arg, void **resultp)
{
	int inst = ft_instance(getminor((dev_t)(uintptr_t)arg));
	struct ft_inst *fi = ddi_get_soft_state(ft_statep, inst);

	switch (cmd) {
	case DDI_INFO_DEVT2DEVINFO:
		if (fi == NULL)
			return (DDI_FAILURE);
		*resultp = fi->fi_dip;
		return (DDI_SUCCESS);
	case DDI_INFO_DEVT2INSTANCE:
		*resultp = (void *)(uintptr_t)inst;
		return (DDI_SUCCESS);
	}
	return (DDI_FAILURE);
}

static int ft_attach(dev_info_t *dip, ddi_attach_cmd_t cmd)
{
	int inst = ddi_get_instance(dip);
	char name[40];
	struct ft_inst *fi;

	if (cmd != DDI_ATTACH)
		return (DDI_FAILURE);
	if (ddi_soft_state_zalloc(ft_statep, inst) != DDI_SUCCESS)
		return (DDI_FAILURE);
	fi = ddi_get_soft_state(ft_statep, inst);
	fi->fi_dip = dip;
	ddi_set_driver_private(dip, fi);
	(void) snprintf(name, sizeof (name), "%s%d", ddi_driver_name(dip), inst);
	if (ddi_create_minor_node(dip, name, S_IFCHR, 2 * inst, DDI_PSEUDO, 0) != DDI_SUCCESS)
		goto fail;
	(void) snprintf(name, sizeof (name), "%s%d_clone", ddi_driver_name(dip), inst);
	if (ddi_create_minor_node(dip, name, S_IFCHR, 2 * inst + 1, DDI_PSEUDO,
	    CLONE_DEV) != DDI_SUCCESS)
		goto fail;
	if (inst == 0 && ddi_create_minor_node(dip, "ddi_frame_test_priv", S_IFCHR,
	    FT_PRIV_MINOR, DDI_PSEUDO, PRIVONLY_DEV) != DDI_SUCCESS)
		goto fail;
	mutex_enter(&ft_lock);
	ft_stats.attached++;
	mutex_exit(&ft_lock);
	return (DDI_SUCCESS);
fail:
	ddi_remove_minor_node(dip, NULL);
	ddi_soft_state_free(ft_statep, inst);
	return (DDI_FAILURE);
}

static int ft_detach(dev_info_t *dip, ddi_detach_cmd_t cmd)
{
	int inst = ddi_get_instance(dip);

	if (cmd != DDI_DETACH || ddi_get_driver_private(dip) !=
	    ddi_get_soft_state(ft_statep, inst))
		return (DDI_FAILURE);
	ddi_remove_minor_node(dip, NULL);
	pollhead_clean(&((struct ft_inst *)ddi_get_soft_state(ft_statep, inst))->fi_ph);
	ddi_soft_state_free(ft_statep, inst);
	mutex_enter(&ft_lock);
	ft_stats.attached--;
	mutex_exit(&ft_lock);
	return (DDI_SUCCESS);
}

static struct cb_ops ft_cb_ops = {
	ft_open, ft_close, nodev, nodev, nodev, ft_read, nodev, ft_ioctl,
	nodev, nodev, nodev, ft_chpoll, ddi_prop_op, NULL, D_MP | D_64BIT, CB_REV,
	nodev, nodev
};

static struct dev_ops ft_dev_ops = {
	DEVO_REV, 0, ft_getinfo, nulldev, nulldev, ft_attach, ft_detach, nodev,
	&ft_cb_ops, NULL, NULL, ddi_quiesce_not_needed
};

static struct modldrv ft_modldrv = { &mod_driverops, "ddi-compat frame test", &ft_dev_ops };
static struct modlinkage ft_modlinkage = { MODREV_1, { &ft_modldrv, NULL } };

int
_init(void)
{
	int e;

	if ((e = ddi_soft_state_init(&ft_statep, sizeof (struct ft_inst), 2)) != 0)
		return (e);
	mutex_init(&ft_lock, NULL, MUTEX_DRIVER, NULL);
	if ((e = mod_install(&ft_modlinkage)) != 0) {
		mutex_destroy(&ft_lock);
		ddi_soft_state_fini(&ft_statep);
	}
	return (e);
}

int
_info(struct modinfo *modinfop)
{
	return (mod_info(&ft_modlinkage, modinfop));
}

int
_fini(void)
{
	int e;

	if ((e = mod_remove(&ft_modlinkage)) != 0)
		return (e);
	mutex_destroy(&ft_lock);
	ddi_soft_state_fini(&ft_statep);
	return (0);
}
