// SPDX-License-Identifier: GPL-2.0
/*
 * xx_legacy: the rmalloc(9F) man page's example driver (examples 1 and 2),
 * compiled unchanged against ddi-compat's sys/ headers and linked against the
 * shim's exports only. /dev/xx_legacy.
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
 * and one deliberate deviation: rmalloc() + CE_PANIC when the map is
 * exhausted became rmalloc_wait(), so that a fifth concurrent reader waits
 * for a buffer instead of panicking the machine (rmalloc_wait never returns
 * 0, so the CE_PANIC stays, unreachable). rmalloc_wait is not
 * interruptible: a signal to a reader waiting for a buffer takes effect
 * once the read has its buffer and completes.
 *
 * What the man page leaves to "the device" is simulated by xx_dma(): a
 * device memory of XX_DEVSIZE bytes that writes fill and reads return.
 * xxwrite() is not in the man page: it is xxread() in the other direction.
 * The Linux glue (module init/exit, file operations to uio) follows the
 * man-page functions; so the file includes <ddi/linux.h> first.
 */
#include <ddi/linux.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <sys/types.h>
#include <sys/ddi.h>
#include <sys/kmem.h>
#include <sys/map.h>
#include <sys/uio.h>
#include <sys/cmn_err.h>
#include "../xx.h"

/* ---- the simulated device ------------------------------------------- */

static caddr_t xx_mem;			/* XX_DEVSIZE bytes of device memory */
static loff_t xx_top;			/* highest byte written + 1 */
static unsigned int xx_latency_ms;
static DEFINE_MUTEX(xx_mem_lock);

/* Bytes the device holds from off on, at most n. */
static size_t xx_avail(loff_t off, size_t n)
{
	loff_t top;

	mutex_lock(&xx_mem_lock);
	top = xx_top;
	mutex_unlock(&xx_mem_lock);
	return off >= top ? 0 : min_t(loff_t, n, top - off);
}

/* The device's DMA between its memory and a driver buffer. */
static void xx_dma(caddr_t buf, loff_t off, size_t n, enum uio_rw rw)
{
	mutex_lock(&xx_mem_lock);
	if (rw == UIO_READ) {
		memcpy(buf, xx_mem + off, n);
	} else {
		memcpy(xx_mem + off, buf, n);
		if (n)	/* only bytes that arrived move the end */
			xx_top = max_t(loff_t, xx_top, off + n);
	}
	mutex_unlock(&xx_mem_lock);
	if (xx_latency_ms)
		msleep(xx_latency_ms);
}

/* The man page's COUNT: what this request still wants from the device. */
#define COUNT	xx_avail(uiop->uio_offset, uiop->uio_resid)

/* ---- the man page ---------------------------------------------------- */

#define XX_MAPSIZE	12
#define XX_BUFSIZE	2560
#define XX_MAXSIZE	(XX_BUFSIZE / 4)

static struct map *xx_mp;		/* Private buffer space map */
static caddr_t xx_bp;			/* glue: kept for kmem_free() at unload */

static noinline int xxstart(void)	/* glue: kept out of __init code, so reports can name it */
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

	while ((size = min_t(size_t, COUNT, XX_MAXSIZE)) > 0) {	/* slip 2 */
		/*
		 * Get buffer.
		 */
		if ((addr = (caddr_t)rmalloc_wait(xx_mp, size)) == 0)	/* deviation */
			cmn_err(CE_PANIC, "read: rmalloc failed allocation of size %d",
				size);

		xx_dma(addr, uiop->uio_offset, size, UIO_READ);	/* the device */

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

	while ((size = min_t(ssize_t, min_t(ssize_t, uiop->uio_resid, XX_MAXSIZE),
			     XX_DEVSIZE - uiop->uio_offset)) > 0) {
		loff_t off = uiop->uio_offset;
		ssize_t before = uiop->uio_resid;

		if ((addr = (caddr_t)rmalloc_wait(xx_mp, size)) == 0)
			cmn_err(CE_PANIC, "write: rmalloc failed allocation of size %d",
				size);
		if (uiomove(addr, size, UIO_WRITE, uiop) != 0) {
			/* What arrived before the fault still goes to the device. */
			xx_dma(addr, off, before - uiop->uio_resid, UIO_WRITE);
			rmfree(xx_mp, size, (unsigned long)addr);
			return (EFAULT);
		}
		xx_dma(addr, off, size, UIO_WRITE);
		rmfree(xx_mp, size, (unsigned long)addr);
	}
	return (0);
}

/* ---- Linux glue ------------------------------------------------------ */

static ssize_t xx_finish(struct kiocb *iocb, struct uio *uio, int err)
{
	iocb->ki_pos = uio->uio_offset;
	if (uio_moved(uio) > 0)
		return uio_moved(uio);
	return err ? -err : 0;
}

static ssize_t xx_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct uio uio;

	uio_from_iter(&uio, iocb, to);
	return xx_finish(iocb, &uio, xxread(0, &uio, NULL));
}

static ssize_t xx_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct uio uio;

	if (iocb->ki_pos >= XX_DEVSIZE && iov_iter_count(from))
		return -ENOSPC;
	uio_from_iter(&uio, iocb, from);
	return xx_finish(iocb, &uio, xxwrite(0, &uio, NULL));
}

static long xx_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	unsigned int ms;

	if (cmd != XX_IOC_LATENCY)
		return -ENOTTY;
	if (get_user(ms, (unsigned int __user *)arg))
		return -EFAULT;
	WRITE_ONCE(xx_latency_ms, min(ms, 10000u));
	return 0;
}

static const struct file_operations xx_fops = {
	.owner = THIS_MODULE,
	.llseek = default_llseek,
	.read_iter = xx_read_iter,
	.write_iter = xx_write_iter,
	.unlocked_ioctl = xx_ioctl,
};

static struct miscdevice xx_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "xx_legacy",
	.fops = &xx_fops,
};

static int __init xx_init(void)
{
	int err;

	xx_mem = kmem_zalloc(XX_DEVSIZE, KM_SLEEP);
	xxstart();
	if (!xx_mp) {	/* glue: the man page does not check rmallocmap() */
		kmem_free(xx_bp, XX_BUFSIZE);
		kmem_free(xx_mem, XX_DEVSIZE);
		return -ENOMEM;
	}
	err = misc_register(&xx_misc);
	if (err) {
		rmfreemap(xx_mp);
		kmem_free(xx_bp, XX_BUFSIZE);
		kmem_free(xx_mem, XX_DEVSIZE);
	}
	return err;
}

static void __exit xx_exit(void)
{
	misc_deregister(&xx_misc);
	rmfreemap(xx_mp);
	kmem_free(xx_bp, XX_BUFSIZE);
	kmem_free(xx_mem, XX_DEVSIZE);
}

module_init(xx_init);
module_exit(xx_exit);
MODULE_DESCRIPTION("The rmalloc(9F) man page's xx driver, in C on ddi-compat");
MODULE_LICENSE("GPL");
