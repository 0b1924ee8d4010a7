// SPDX-License-Identifier: GPL-2.0
/*
 * The driver frame, device side: minor nodes (ddi_create_minor_node(9F))
 * as Linux devices of the "ddi" class, and a Linux character device's
 * file operations dispatched to the driver's cb_ops.
 *
 * 1. Device numbers. A driver has a major of its own and all 2^20 minors
 *    of it (frame/modctl.c); a minor node is a struct device with dev_t
 *    makedevice(major, minor), named as the node in /dev.
 *
 * 2. Opens. open(2) calls the driver's open(9E) with the node's dev_t,
 *    the file's flags as FREAD, FWRITE, FNDELAY|FNONBLOCK, FEXCL, FAPPEND,
 *    FTRUNC, FCREAT and FOFFMAX, OTYP_CHR, and the opener's cred_t.
 *    open(9E) may change the dev_t (a clone open: a new minor for this
 *    file); read, write, ioctl and close then get that dev_t. As on
 *    illumos, close(9E) runs on the last close of a dev_t only: the
 *    driver's opens array counts the files of each minor, and an open of
 *    a minor waits while another open(9E) or its last close(9E) runs (so
 *    an open never overtakes the close that is ending the minor). The
 *    driver's read and write get the file's cred_t (the opener's, as
 *    illumos's VOP_READ passes f_cred), ioctl the caller's. A minor node
 *    made with PRIVONLY_DEV opens only for a privileged opener
 *    (drv_priv()). Opens fail with ENXIO until the driver's _init() has
 *    returned 0, and once mod_remove() has begun.
 *
 * 3. Transfers. read(2)/write(2) are the driver's read(9E)/write(9E) on a
 *    uio of the file's iterator (uio_from_iter(), <ddi/linux.h>); the file
 *    position is uio_offset. A transfer returns the driver's errno, as
 *    illumos's read(2) does, even if its uiomove() took bytes (eventfd's
 *    write(9E) takes 8 before it refuses them), except that bytes moved
 *    before an EINTR (illumos) or an EFAULT (Linux: a copy that stopped
 *    partway) are returned as a count. ioctl(2) gives the driver's *rvalp on
 *    success; its mode is the file's flags with DATAMODEL_NATIVE, or with
 *    DATAMODEL_ILP32 from a 32-bit process (compat_ioctl).
 *
 * 4. Locking. The driver's lock (struct ddi_driver) protects its minor
 *    lists and open states; it is never held across a driver's entry
 *    point, so open(9E) may sleep (cv_wait_sig for a busy device) and call
 *    ddi_create_minor_node(). Waiters for a busy minor sleep on the
 *    driver's oc_wait. ddi_minor_lock makes a node's name check and its
 *    creation one step across drivers. read, write and ioctl take no lock
 *    of ours.
 */
#include "frame.h"
#include <linux/compat.h>
#include <linux/cred.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <sys/conf.h>
#include <sys/file.h>
#include <sys/open.h>
#include <sys/stat.h>
#include <sys/sunddi.h>

/* A minor node; on its instance's devi_minors, under the driver's lock. */
struct ddi_minor {
	struct list_head link;
	struct device *dev;
	dev_t devt;
	int flag;			/* CLONE_DEV, PRIVONLY_DEV */
	char name[];
};

/* Serialises the name check and the creation of minor nodes, all drivers. */
static DEFINE_MUTEX(ddi_minor_lock);

static const struct class ddi_class = {
	.name = "ddi",
};

int ddi_frame_cdev_init(void)
{
	return class_register(&ddi_class);
}

void ddi_frame_cdev_exit(void)
{
	class_unregister(&ddi_class);
}

static struct ddi_driver *ddi_file_driver(struct file *f)
{
	return container_of(f->f_op, struct ddi_driver, fops);
}

static dev_t ddi_file_dev(struct file *f)
{
	return (dev_t)(uintptr_t)f->private_data;
}

/* The file's flags as open(9E) and ioctl(9E) see them (<sys/file.h>). */
static int ddi_file_flags(struct file *f)
{
	int fl = FOFFMAX;

	if (f->f_mode & FMODE_READ)
		fl |= FREAD;
	if (f->f_mode & FMODE_WRITE)
		fl |= FWRITE;
	if (f->f_flags & O_NONBLOCK)
		fl |= FNDELAY | FNONBLOCK;
	if (f->f_flags & O_EXCL)
		fl |= FEXCL;
	if (f->f_flags & O_APPEND)
		fl |= FAPPEND;
	if (f->f_flags & O_TRUNC)
		fl |= FTRUNC;
	if (f->f_flags & O_CREAT)
		fl |= FCREAT;
	return fl;
}

/* The minor node of devt among the driver's; under the driver's lock. */
static struct ddi_minor *ddi_find_minor(struct ddi_driver *drv, dev_t devt, dev_info_t **dipp)
{
	for (int i = 0; i < drv->ninst; i++) {
		struct ddi_minor *m;

		if (!drv->dips[i])
			continue;
		list_for_each_entry(m, &drv->dips[i]->devi_minors, link)
			if (m->devt == devt) {
				*dipp = drv->dips[i];
				return m;
			}
	}
	return NULL;
}

/*
 * Open state of a minor, in the driver's opens array: the number of files
 * open on it, shifted left by one, and bit 0 set while an open(9E) or the
 * last close(9E) of it runs. Under the driver's lock.
 */
#define DDI_OC_BUSY	1UL
#define DDI_OC_FILE	2UL

static unsigned long ddi_oc_get(struct ddi_driver *drv, minor_t m)
{
	void *v = xa_load(&drv->opens, m);

	return v ? xa_to_value(v) : 0;
}

/* Set a minor's state; 0 erases it. Storing a new minor may fail (-ENOMEM). */
static int ddi_oc_set(struct ddi_driver *drv, minor_t m, unsigned long v)
{
	if (!v) {
		xa_erase(&drv->opens, m);
		return 0;
	}
	return xa_err(xa_store(&drv->opens, m, xa_mk_value(v), GFP_KERNEL));
}

/*
 * Wait until no open(9E) or last close(9E) of minor m runs; called and
 * returns with the driver's lock held, dropping it while it waits.
 */
static void ddi_oc_wait_idle(struct ddi_driver *drv, minor_t m)
{
	while (ddi_oc_get(drv, m) & DDI_OC_BUSY) {
		mutex_unlock(&drv->lock);
		wait_event(drv->oc_wait, !(ddi_oc_get(drv, m) & DDI_OC_BUSY));
		mutex_lock(&drv->lock);
	}
}

/* close(9E), or its filler's result. */
static int ddi_call_close(struct ddi_driver *drv, dev_t devt, int flag, const struct cred *cr)
{
	struct cb_ops *cb = drv->cb;

	if (ddi_frame_filler(cb->cb_close))
		return cb->cb_close == (void *)nodev ? ENXIO : 0;
	return cb->cb_close(devt, flag, OTYP_CHR, (cred_t *)cr);
}

/* open(9E), or its filler's result; *newdev may change (a clone open). */
static int ddi_call_open(struct ddi_driver *drv, dev_t *newdev, int flag, const struct cred *cr)
{
	struct cb_ops *cb = drv->cb;

	if (ddi_frame_filler(cb->cb_open))
		return cb->cb_open == (void *)nodev ? ENXIO : 0;
	return cb->cb_open(newdev, flag, OTYP_CHR, (cred_t *)cr);
}

static int ddi_fop_open(struct inode *inode, struct file *f)
{
	struct ddi_driver *drv = ddi_file_driver(f);
	const struct cred *cr = current_cred();
	dev_t devt = inode->i_rdev, newdev = devt;
	int flag = ddi_file_flags(f), err = 0;
	bool close_it = false;
	struct ddi_minor *m;
	dev_info_t *dip;

	mutex_lock(&drv->lock);
	ddi_oc_wait_idle(drv, MINOR(devt));
	m = drv->live ? ddi_find_minor(drv, devt, &dip) : NULL;
	if (!m || !READ_ONCE(dip->devi_attached))
		err = ENXIO;
	else if ((m->flag & PRIVONLY_DEV) && drv_priv((cred_t *)cr))
		err = EPERM;
	else if (ddi_oc_set(drv, MINOR(devt), ddi_oc_get(drv, MINOR(devt)) | DDI_OC_BUSY))
		err = ENOMEM;
	mutex_unlock(&drv->lock);
	if (err)
		return ddi_frame_errno(drv->glue->name, "open(9E)", err);

	err = ddi_call_open(drv, &newdev, flag, cr);
	if (!err && MAJOR(newdev) != drv->major) {
		pr_warn("%s: open(9E) made the dev_t's major %u, not its own %u; refused\n",
			drv->glue->name, MAJOR(newdev), drv->major);
		ddi_call_close(drv, newdev, flag, cr);
		err = ENXIO;
	}

	mutex_lock(&drv->lock);
	/* Storing the minor that was busy cannot fail: it is there. */
	ddi_oc_set(drv, MINOR(devt), ddi_oc_get(drv, MINOR(devt)) & ~DDI_OC_BUSY);
	if (!err && ddi_oc_set(drv, MINOR(newdev), ddi_oc_get(drv, MINOR(newdev)) + DDI_OC_FILE)) {
		close_it = ddi_oc_get(drv, MINOR(newdev)) < DDI_OC_FILE;
		err = ENOMEM;
	}
	wake_up_all(&drv->oc_wait);
	mutex_unlock(&drv->lock);
	if (close_it)
		ddi_call_close(drv, newdev, flag, cr);
	if (err)
		return ddi_frame_errno(drv->glue->name, "open(9E)", err);
	f->private_data = (void *)(uintptr_t)newdev;
	return 0;
}

static int ddi_fop_release(struct inode *inode, struct file *f)
{
	struct ddi_driver *drv = ddi_file_driver(f);
	dev_t devt = ddi_file_dev(f);
	unsigned long v;
	int err = 0;

	mutex_lock(&drv->lock);
	ddi_oc_wait_idle(drv, MINOR(devt));
	v = ddi_oc_get(drv, MINOR(devt)) - DDI_OC_FILE;
	/* The minor is there: neither store allocates. */
	if (v >= DDI_OC_FILE) {
		ddi_oc_set(drv, MINOR(devt), v);
		mutex_unlock(&drv->lock);
		return 0;
	}
	ddi_oc_set(drv, MINOR(devt), DDI_OC_BUSY);
	mutex_unlock(&drv->lock);
	err = ddi_call_close(drv, devt, ddi_file_flags(f), f->f_cred);
	mutex_lock(&drv->lock);
	ddi_oc_set(drv, MINOR(devt), ddi_oc_get(drv, MINOR(devt)) & ~DDI_OC_BUSY);
	wake_up_all(&drv->oc_wait);
	mutex_unlock(&drv->lock);
	if (err)
		pr_warn_ratelimited("%s: close(9E) of minor %u failed (%d)\n", drv->glue->name,
				    MINOR(devt), err);
	return 0;
}

typedef int (*ddi_rw_t)(dev_t dev, struct uio *uiop, cred_t *credp);

static ssize_t ddi_fop_rw(struct kiocb *iocb, struct iov_iter *it, ddi_rw_t fn, const char *what)
{
	struct file *f = iocb->ki_filp;
	struct uio uio;
	int err;

	uio_from_iter(&uio, iocb, it);
	if (ddi_frame_filler(fn))
		err = fn == (void *)nulldev ? 0 : ENXIO;
	else
		err = fn(ddi_file_dev(f), &uio, (cred_t *)f->f_cred);
	iocb->ki_pos = uio.uio_offset;
	/* Theory, 3: the errno wins unless the copy stopped partway. */
	if (uio_moved(&uio) > 0 && (!err || err == EINTR || err == EFAULT))
		return uio_moved(&uio);
	if (!err)
		return 0;
	return ddi_frame_errno(ddi_file_driver(f)->glue->name, what, err);
}

static ssize_t ddi_fop_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return ddi_fop_rw(iocb, to, ddi_file_driver(iocb->ki_filp)->cb->cb_read, "read(9E)");
}

static ssize_t ddi_fop_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	return ddi_fop_rw(iocb, from, ddi_file_driver(iocb->ki_filp)->cb->cb_write, "write(9E)");
}

static long ddi_ioctl(struct file *f, unsigned int cmd, intptr_t arg, int model)
{
	struct ddi_driver *drv = ddi_file_driver(f);
	struct cb_ops *cb = drv->cb;
	int rval = 0, err;

	if (ddi_frame_filler(cb->cb_ioctl))
		err = cb->cb_ioctl == (void *)nulldev ? 0 : ENOTTY;
	else
		err = cb->cb_ioctl(ddi_file_dev(f), (int)cmd, arg, ddi_file_flags(f) | model,
				   (cred_t *)current_cred(), &rval);
	if (err)
		return ddi_frame_errno(drv->glue->name, "ioctl(9E)", err);
	if (rval < 0 && rval > -MAX_ERRNO)
		pr_warn_ratelimited("%s: ioctl(9E) *rvalp %d reads as an error (errno %d) in user space\n",
				    drv->glue->name, rval, -rval);
	return rval;
}

static long ddi_fop_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return ddi_ioctl(f, cmd, (intptr_t)arg, DATAMODEL_NATIVE);
}

#ifdef CONFIG_COMPAT
static long ddi_fop_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return ddi_ioctl(f, cmd, (intptr_t)compat_ptr(arg), DATAMODEL_ILP32);
}
#endif

void ddi_frame_set_fops(struct ddi_driver *drv)
{
	drv->fops = (struct file_operations){
		.owner = drv->glue->owner,
		.open = ddi_fop_open,
		.release = ddi_fop_release,
		.read_iter = ddi_fop_read_iter,
		.write_iter = ddi_fop_write_iter,
		.unlocked_ioctl = ddi_fop_ioctl,
#ifdef CONFIG_COMPAT
		.compat_ioctl = ddi_fop_compat_ioctl,
#endif
		.llseek = default_llseek,
		/* A filler chpoll: always ready, as a Linux device without poll. */
		.poll = ddi_frame_filler(drv->cb->cb_chpoll) ? NULL : ddi_fop_poll,
	};
}

static int ddi_name_is(struct device *dev, const void *name)
{
	return !strcmp(dev_name(dev), name);
}

int ddi_create_minor_node(dev_info_t *dip, const char *name, int spec_type, minor_t minor_num,
			  const char *node_type, int flag)
{
	unsigned long caller = _RET_IP_;
	struct ddi_driver *drv = dip ? dip->devi_driver : NULL;
	const char *bad = !dip ? "NULL dip" : !drv ? "a dip of no installed driver" :
			  !name || !*name || strchr(name, '/') ? "no name, or a '/' in it" :
			  spec_type == S_IFBLK ? "S_IFBLK: no block devices" :
			  spec_type != S_IFCHR ? "spec_type is not S_IFCHR" :
			  minor_num > MINORMASK ? "a minor number above MAXMIN" :
			  (flag & ~(CLONE_DEV | PRIVONLY_DEV)) ? "unknown flag bits" : NULL;
	struct ddi_minor *m;
	struct device *d;
	dev_info_t *other;
	size_t len;

	if (bad) {
		pr_warn("ddi_create_minor_node: %s, from %pS\n", bad, (void *)caller);
		return DDI_FAILURE;
	}
	len = strlen(name) + 1;
	m = kmalloc(struct_size(m, name, len), GFP_KERNEL);
	if (!m)
		return DDI_FAILURE;
	memcpy(m->name, name, len);
	m->devt = MKDEV(drv->major, minor_num);
	m->flag = flag;
	mutex_lock(&ddi_minor_lock);
	mutex_lock(&drv->lock);
	d = class_find_device(&ddi_class, NULL, name, ddi_name_is);
	if (d || ddi_find_minor(drv, m->devt, &other)) {
		mutex_unlock(&drv->lock);
		mutex_unlock(&ddi_minor_lock);
		if (d)
			pr_warn("ddi_create_minor_node: /dev/%s exists already, from %pS\n", name,
				(void *)caller);
		else
			pr_warn("ddi_create_minor_node: minor %u has a node already, from %pS\n",
				minor_num, (void *)caller);
		put_device(d);
		kfree(m);
		return DDI_FAILURE;
	}
	d = device_create(&ddi_class, NULL, m->devt, NULL, "%s", name);
	if (IS_ERR(d)) {
		mutex_unlock(&drv->lock);
		mutex_unlock(&ddi_minor_lock);
		kfree(m);
		return DDI_FAILURE;
	}
	m->dev = d;
	list_add_tail(&m->link, &dip->devi_minors);
	mutex_unlock(&drv->lock);
	mutex_unlock(&ddi_minor_lock);
	return DDI_SUCCESS;
}
EXPORT_SYMBOL(ddi_create_minor_node);

static void ddi_minor_free(struct ddi_minor *m)
{
	list_del(&m->link);
	device_unregister(m->dev);
	kfree(m);
}

int ddi_frame_remove_minors(dev_info_t *dip)
{
	struct ddi_minor *m, *t;
	int n = 0;

	list_for_each_entry_safe(m, t, &dip->devi_minors, link) {
		ddi_minor_free(m);
		n++;
	}
	return n;
}

void ddi_remove_minor_node(dev_info_t *dip, const char *name)
{
	struct ddi_driver *drv = dip ? dip->devi_driver : NULL;
	struct ddi_minor *m, *t;

	if (!drv) {
		pr_warn("ddi_remove_minor_node: %s, from %pS\n",
			dip ? "a dip of no installed driver" : "NULL dip", (void *)_RET_IP_);
		return;
	}
	mutex_lock(&drv->lock);
	list_for_each_entry_safe(m, t, &dip->devi_minors, link)
		if (!name || !strcmp(name, m->name))
			ddi_minor_free(m);
	mutex_unlock(&drv->lock);
}
EXPORT_SYMBOL(ddi_remove_minor_node);
