// SPDX-License-Identifier: GPL-2.0
/*
 * The calling process: user copies (copyin(9F), ddi_copyin(9F) and their
 * outward twins), credentials (<sys/cred.h>, drv_priv(9F)) and
 * drv_getparm(9F).
 *
 * User copies are Linux's copy_from_user() and copy_to_user(): they fault
 * in pages (so they may sleep, process context only) and fail on an
 * address outside the caller's user space, returning -1 as illumos's do.
 * With FKIOCTL (an ioctl issued from inside the kernel), ddi_copyin() and
 * ddi_copyout() copy between kernel addresses, which KASAN checks; a NULL
 * one is refused. Credentials are Linux's struct cred, read in the
 * initial user namespace.
 */
#include <ddi/linux.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/pid.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <sys/cred.h>
#include <sys/ddi.h>
#include <sys/file.h>
#include <sys/sunddi.h>
#include <sys/systm.h>

int copyin(const void *userbuf, void *driverbuf, size_t cn)
{
	might_fault();
	return copy_from_user(driverbuf, (const void __user *)userbuf, cn) ? -1 : 0;
}
EXPORT_SYMBOL(copyin);

int copyout(const void *driverbuf, void *userbuf, size_t cn)
{
	might_fault();
	return copy_to_user((void __user *)userbuf, driverbuf, cn) ? -1 : 0;
}
EXPORT_SYMBOL(copyout);

/* An FKIOCTL copy between kernel buffers. */
static int ddi_kcopy(const void *from, void *to, size_t cn, const char *fn, unsigned long caller)
{
	if (cn && (!from || !to)) {
		pr_warn("ddi_compat: %s: FKIOCTL with a NULL buffer (from %pS)\n", fn,
			(void *)caller);
		return -1;
	}
	memmove(to, from, cn);
	return 0;
}

int ddi_copyin(const void *buf, void *driverbuf, size_t cn, int flags)
{
	if (flags & FKIOCTL)
		return ddi_kcopy(buf, driverbuf, cn, "ddi_copyin", _RET_IP_);
	might_fault();
	return copy_from_user(driverbuf, (const void __user *)buf, cn) ? -1 : 0;
}
EXPORT_SYMBOL(ddi_copyin);

int ddi_copyout(const void *driverbuf, void *buf, size_t cn, int flags)
{
	if (flags & FKIOCTL)
		return ddi_kcopy(driverbuf, buf, cn, "ddi_copyout", _RET_IP_);
	might_fault();
	return copy_to_user((void __user *)buf, driverbuf, cn) ? -1 : 0;
}
EXPORT_SYMBOL(ddi_copyout);

/* ---- credentials ------------------------------------------------------- */

static const struct cred *ddi_cred(const cred_t *cr, const char *fn, unsigned long caller)
{
	if (!cr)
		pr_warn("ddi_compat: %s: NULL cred_t (from %pS)\n", fn, (void *)caller);
	return (const struct cred *)cr;
}

uid_t crgetuid(const cred_t *cr)
{
	const struct cred *c = ddi_cred(cr, "crgetuid", _RET_IP_);

	return c ? from_kuid(&init_user_ns, c->euid) : (uid_t)-1;
}
EXPORT_SYMBOL(crgetuid);

uid_t crgetruid(const cred_t *cr)
{
	const struct cred *c = ddi_cred(cr, "crgetruid", _RET_IP_);

	return c ? from_kuid(&init_user_ns, c->uid) : (uid_t)-1;
}
EXPORT_SYMBOL(crgetruid);

gid_t crgetgid(const cred_t *cr)
{
	const struct cred *c = ddi_cred(cr, "crgetgid", _RET_IP_);

	return c ? from_kgid(&init_user_ns, c->egid) : (gid_t)-1;
}
EXPORT_SYMBOL(crgetgid);

gid_t crgetrgid(const cred_t *cr)
{
	const struct cred *c = ddi_cred(cr, "crgetrgid", _RET_IP_);

	return c ? from_kgid(&init_user_ns, c->gid) : (gid_t)-1;
}
EXPORT_SYMBOL(crgetrgid);

int drv_priv(cred_t *cr)
{
	const struct cred *c = ddi_cred(cr, "drv_priv", _RET_IP_);

	if (!c)
		return EPERM;
	if (c == current_cred())
		return capable(CAP_SYS_ADMIN) ? 0 : EPERM;
	/* Another task's: privileged in the initial namespace only. */
	return c->user_ns == &init_user_ns && cap_raised(c->cap_effective, CAP_SYS_ADMIN) ?
		0 : EPERM;
}
EXPORT_SYMBOL(drv_priv);

int drv_getparm(unsigned int parm, void *value_p)
{
	if (!value_p) {
		pr_warn("ddi_compat: drv_getparm: NULL value_p (from %pS)\n", (void *)_RET_IP_);
		return -1;
	}
	switch (parm) {
	case LBOLT:
		*(clock_t *)value_p = ddi_get_lbolt();
		return 0;
	case TIME:
		*(long *)value_p = (long)ktime_get_real_seconds();
		return 0;
	case UCRED:
		*(cred_t **)value_p = (cred_t *)current_cred();
		return 0;
	case UPROCP:
		*(void **)value_p = current;
		return 0;
	case PPID:
		*(pid_t *)value_p = task_tgid_vnr(current);
		return 0;
	case PSID:
		*(pid_t *)value_p = task_session_vnr(current);
		return 0;
	case PPGRP:
		*(pid_t *)value_p = task_pgrp_vnr(current);
		return 0;
	}
	pr_warn("ddi_compat: drv_getparm: unknown parameter %u (from %pS)\n", parm,
		(void *)_RET_IP_);
	return -1;
}
EXPORT_SYMBOL(drv_getparm);
