// SPDX-License-Identifier: GPL-2.0
/*
 * xx_legacy: the rmalloc(9F) man page's example driver (examples 1 and 2)
 * as a Solaris pseudo driver: dev_ops, cb_ops, soft state, attach and
 * detach, _init/_info/_fini. Solaris code only: it includes <sys/...>
 * headers and nothing of Linux; the Linux module around it is the one
 * line of xx_legacy_mod.c. /dev/xx_legacy (instance 0; instance n > 0,
 * with the module's instances= parameter, is /dev/xx_legacy<n>).
 *
 * xxstart() and xxread() below are the man page's code. The only changes
 * are the page's own slips, each marked "slip" in the code:
 *  1. example 1, line 11: "(bp = kmem_alloc(...) == 0)" assigned the
 *     comparison to bp; the assignment is parenthesised;
 *  2. example 2 moves a single chunk of at most XX_MAXSIZE and never gives
 *     the buffer back on success; the body is looped over the request and
 *     ends with rmfree();
 *  3. example 2, line 23: uiomove() returns an errno (EFAULT), not -1;
 *     it is tested against 0;
 * one deliberate deviation: rmalloc() + CE_PANIC when the map is
 * exhausted became rmalloc_wait(), so that a fifth concurrent reader waits
 * for a buffer instead of panicking the machine (rmalloc_wait never returns
 * 0, so the CE_PANIC stays, unreachable). rmalloc_wait is not
 * interruptible: a signal to a reader waiting for a buffer takes effect
 * once the read has its buffer and completes;
 * and the lines marked "frame", which find the instance's soft state.
 *
 * What the man page leaves to "the device" is simulated by xx_dma(): a
 * device memory of XX_DEVSIZE bytes per instance that writes fill and
 * reads return. xxwrite() is not in the man page: it is xxread() in the
 * other direction. The map and its buffer are the driver's, as the man
 * page has them: xxstart() runs once, from _init().
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/open.h>
#include <sys/cred.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/kmem.h>
#include <sys/map.h>
#include <sys/cmn_err.h>
#include <sys/ksynch.h>
#include <sys/conf.h>
#include <sys/modctl.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include "../xx.h"

/* ---- the simulated device ------------------------------------------- */

struct xx_state {
	dev_info_t *xx_dip;
	kmutex_t xx_mem_lock;		/* protects the three below */
	caddr_t xx_mem;			/* XX_DEVSIZE bytes of device memory */
	offset_t xx_top;		/* highest byte written + 1; see xx_avail() */
	uint_t xx_latency_ms;		/* XX_IOC_LATENCY */
};

static void *xx_statep;			/* soft state: struct xx_state by instance */

/*
 * Bytes the device holds from off on, at most n. As a real device's
 * count register would be, the end is read without the lock: it only
 * grows, it is raised (under xx_mem_lock) after the bytes below it are in
 * xx_mem, and the copy that follows takes xx_mem_lock, so it sees every
 * byte below the end this read saw.
 */
static size_t xx_avail(struct xx_state *sp, offset_t off, size_t n)
{
	offset_t top = *(volatile offset_t *)&sp->xx_top;

	return off >= top ? 0 : min(n, (size_t)(top - off));
}

/* The device's DMA between its memory and a driver buffer. */
static void xx_dma(struct xx_state *sp, caddr_t buf, offset_t off, size_t n, enum uio_rw rw)
{
	uint_t ms;

	mutex_enter(&sp->xx_mem_lock);
	if (rw == UIO_READ) {
		bcopy(sp->xx_mem + off, buf, n);
	} else {
		bcopy(buf, sp->xx_mem + off, n);
		/* Only bytes that arrived move the end; one store, for xx_avail(). */
		if (n && off + (offset_t)n > sp->xx_top)
			*(volatile offset_t *)&sp->xx_top = off + (offset_t)n;
	}
	ms = sp->xx_latency_ms;
	mutex_exit(&sp->xx_mem_lock);
	if (ms)
		delay(drv_usectohz((clock_t)ms * 1000));
}

/* The man page's COUNT: what this request still wants from the device. */
#define COUNT	xx_avail(sp, uiop->uio_offset, uiop->uio_resid)

/* ---- the man page ---------------------------------------------------- */

#define XX_MAPSIZE	12
#define XX_BUFSIZE	2560
#define XX_MAXSIZE	(XX_BUFSIZE / 4)

static struct map *xx_mp;		/* Private buffer space map */
static caddr_t xx_bp;			/* frame: kept for kmem_free() in _fini() */

static int xxstart(void)
/*
 *  Allocate private buffer.  If insufficient memory,
 *  display message and halt system.
 */
{
	register caddr_t bp;

	if ((bp = kmem_alloc(XX_BUFSIZE, KM_NOSLEEP)) == 0) {	/* slip 1 */
		cmn_err(CE_PANIC, "xxstart: kmem_alloc failed before %d buffer"
			"allocation", XX_BUFSIZE);
	}

	/*
	 * Initialize the resource map with number
	 * of slots in map.
	 */
	xx_mp = rmallocmap(XX_MAPSIZE);

	/*
	 * Initialize space management map with total
	 * buffer area it is to manage.
	 */
	rmfree(xx_mp, XX_BUFSIZE, (unsigned long)bp);
	xx_bp = bp;
	return 0;
}

static int xxread(dev_t dev, uio_t *uiop, cred_t *credp)
{
	register caddr_t addr;
	register int size;
	struct xx_state *sp = ddi_get_soft_state(xx_statep, getminor(dev));	/* frame */

	if (sp == NULL)						/* frame */
		return (ENXIO);
	while ((size = min(COUNT, XX_MAXSIZE)) > 0) {		/* slip 2 */
		/*
		 * Get buffer.
		 */
		if ((addr = (caddr_t)rmalloc_wait(xx_mp, size)) == 0)	/* deviation */
			cmn_err(CE_PANIC, "read: rmalloc failed allocation of size %d",
				size);

		xx_dma(sp, addr, uiop->uio_offset, size, UIO_READ);	/* the device */

		/*
		 * Move data to buffer.  If invalid address is found,
		 * return buffer to map and return error code.
		 */
		if (uiomove(addr, size, UIO_READ, uiop) != 0) {	/* slip 3 */
			rmfree(xx_mp, size, (unsigned long)addr);
			return (EFAULT);
		}
		rmfree(xx_mp, size, (unsigned long)addr);	/* slip 2 */
	}
	return (0);
}

/* Not in the man page: xxread() in the other direction. */
static int xxwrite(dev_t dev, uio_t *uiop, cred_t *credp)
{
	register caddr_t addr;
	register int size;
	struct xx_state *sp = ddi_get_soft_state(xx_statep, getminor(dev));

	if (sp == NULL)
		return (ENXIO);
	if (uiop->uio_offset >= XX_DEVSIZE && uiop->uio_resid > 0)
		return (ENOSPC);
	while ((size = min(min(uiop->uio_resid, XX_MAXSIZE),
			   XX_DEVSIZE - uiop->uio_offset)) > 0) {
		offset_t off = uiop->uio_offset;
		ssize_t before = uiop->uio_resid;

		if ((addr = (caddr_t)rmalloc_wait(xx_mp, size)) == 0)
			cmn_err(CE_PANIC, "write: rmalloc failed allocation of size %d",
				size);
		if (uiomove(addr, size, UIO_WRITE, uiop) != 0) {
			/* What arrived before the fault still goes to the device. */
			xx_dma(sp, addr, off, before - uiop->uio_resid, UIO_WRITE);
			rmfree(xx_mp, size, (unsigned long)addr);
			return (EFAULT);
		}
		xx_dma(sp, addr, off, size, UIO_WRITE);
		rmfree(xx_mp, size, (unsigned long)addr);
	}
	return (0);
}

/* ---- the driver's other entry points ---------------------------------- */

/*ARGSUSED*/
static int xxopen(dev_t *devp, int flag, int otyp, cred_t *credp)
{
	if (otyp != OTYP_CHR)
		return (EINVAL);
	if (ddi_get_soft_state(xx_statep, getminor(*devp)) == NULL)
		return (ENXIO);
	return (0);
}

/*ARGSUSED*/
static int xxioctl(dev_t dev, int cmd, intptr_t arg, int mode, cred_t *credp, int *rvalp)
{
	struct xx_state *sp = ddi_get_soft_state(xx_statep, getminor(dev));
	uint_t ms;

	if (sp == NULL)
		return (ENXIO);
	if (cmd != XX_IOC_LATENCY)
		return (ENOTTY);
	if (ddi_copyin((void *)arg, &ms, sizeof (ms), mode) != 0)
		return (EFAULT);
	mutex_enter(&sp->xx_mem_lock);
	sp->xx_latency_ms = min(ms, 10000);
	mutex_exit(&sp->xx_mem_lock);
	*rvalp = 0;
	return (0);
}

/*ARGSUSED*/
static int xxgetinfo(dev_info_t *dip, ddi_info_cmd_t cmd, void *arg, void **resultp)
{
	int instance = getminor((dev_t)(uintptr_t)arg);
	struct xx_state *sp;

	switch (cmd) {
	case DDI_INFO_DEVT2DEVINFO:
		if ((sp = ddi_get_soft_state(xx_statep, instance)) == NULL)
			return (DDI_FAILURE);
		*resultp = sp->xx_dip;
		return (DDI_SUCCESS);
	case DDI_INFO_DEVT2INSTANCE:
		*resultp = (void *)(uintptr_t)instance;
		return (DDI_SUCCESS);
	}
	return (DDI_FAILURE);
}

static int xxattach(dev_info_t *dip, ddi_attach_cmd_t cmd)
{
	int instance = ddi_get_instance(dip);
	struct xx_state *sp;
	char name[32];

	if (cmd != DDI_ATTACH)
		return (DDI_FAILURE);
	if (ddi_soft_state_zalloc(xx_statep, instance) != DDI_SUCCESS)
		return (DDI_FAILURE);
	sp = ddi_get_soft_state(xx_statep, instance);
	sp->xx_dip = dip;
	mutex_init(&sp->xx_mem_lock, NULL, MUTEX_DRIVER, NULL);
	sp->xx_mem = kmem_zalloc(XX_DEVSIZE, KM_SLEEP);
	if (instance == 0)
		(void) snprintf(name, sizeof (name), "%s", ddi_driver_name(dip));
	else
		(void) snprintf(name, sizeof (name), "%s%d", ddi_driver_name(dip), instance);
	if (ddi_create_minor_node(dip, name, S_IFCHR, instance, DDI_PSEUDO, 0) !=
	    DDI_SUCCESS) {
		kmem_free(sp->xx_mem, XX_DEVSIZE);
		mutex_destroy(&sp->xx_mem_lock);
		ddi_soft_state_free(xx_statep, instance);
		return (DDI_FAILURE);
	}
	ddi_report_dev(dip);
	return (DDI_SUCCESS);
}

static int xxdetach(dev_info_t *dip, ddi_detach_cmd_t cmd)
{
	int instance = ddi_get_instance(dip);
	struct xx_state *sp = ddi_get_soft_state(xx_statep, instance);

	if (cmd != DDI_DETACH || sp == NULL)
		return (DDI_FAILURE);
	ddi_remove_minor_node(dip, NULL);
	kmem_free(sp->xx_mem, XX_DEVSIZE);
	mutex_destroy(&sp->xx_mem_lock);
	ddi_soft_state_free(xx_statep, instance);
	return (DDI_SUCCESS);
}

static struct cb_ops xx_cb_ops = {
	xxopen,			/* open */
	nulldev,		/* close */
	nodev,			/* strategy */
	nodev,			/* print */
	nodev,			/* dump */
	xxread,			/* read */
	xxwrite,		/* write */
	xxioctl,		/* ioctl */
	nodev,			/* devmap */
	nodev,			/* mmap */
	nodev,			/* segmap */
	nochpoll,		/* chpoll */
	ddi_prop_op,		/* prop_op */
	NULL,			/* streamtab */
	D_NEW | D_MP | D_64BIT,	/* flag */
	CB_REV,			/* rev */
	nodev,			/* aread */
	nodev			/* awrite */
};

static struct dev_ops xx_dev_ops = {
	DEVO_REV,		/* rev */
	0,			/* refcnt */
	xxgetinfo,		/* getinfo */
	nulldev,		/* identify */
	nulldev,		/* probe */
	xxattach,		/* attach */
	xxdetach,		/* detach */
	nodev,			/* reset */
	&xx_cb_ops,		/* cb_ops */
	NULL,			/* bus_ops */
	NULL,			/* power */
	ddi_quiesce_not_needed	/* quiesce */
};

static struct modldrv xx_modldrv = {
	&mod_driverops,
	"the rmalloc(9F) man page's xx driver",
	&xx_dev_ops
};

static struct modlinkage xx_modlinkage = {
	MODREV_1,
	{ &xx_modldrv, NULL }
};

int
_init(void)
{
	int e;

	if ((e = ddi_soft_state_init(&xx_statep, sizeof (struct xx_state), 1)) != 0)
		return (e);
	xxstart();
	if (xx_mp == NULL) {	/* the man page does not check rmallocmap() */
		kmem_free(xx_bp, XX_BUFSIZE);
		ddi_soft_state_fini(&xx_statep);
		return (ENOMEM);
	}
	if ((e = mod_install(&xx_modlinkage)) != 0) {
		rmfreemap(xx_mp);
		kmem_free(xx_bp, XX_BUFSIZE);
		ddi_soft_state_fini(&xx_statep);
	}
	return (e);
}

int
_info(struct modinfo *modinfop)
{
	return (mod_info(&xx_modlinkage, modinfop));
}

int
_fini(void)
{
	int e;

	if ((e = mod_remove(&xx_modlinkage)) != 0)
		return (e);
	rmfreemap(xx_mp);
	kmem_free(xx_bp, XX_BUFSIZE);
	ddi_soft_state_fini(&xx_statep);
	return (0);
}
