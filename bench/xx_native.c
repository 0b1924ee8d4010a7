// SPDX-License-Identifier: GPL-2.0
/*
 * xx_native: the baseline of make bench. What a Linux developer writes
 * instead of porting the rmalloc(9F) man page's xx driver: the same
 * device, the same buffers, Linux's own calls.
 *
 * - The same 2560-byte buffer, cut into four 640-byte slots; a reader or
 *   writer takes a slot from a bitmap under one spinlock and gives it back
 *   after each chunk, sleeping on a wait queue when all four are in use.
 *   (Nothing takes a slot from interrupt context, so a plain spinlock.)
 * - The same simulated device (sample_driver/xx.h): XX_DEVSIZE bytes that
 *   writes fill and reads return up to the highest byte written, under a
 *   mutex held for the device's copy only. The end is read with the copy,
 *   under the same mutex.
 * - copy_to_iter()/copy_from_iter() between a slot and the caller.
 *
 * /dev/xx_native; a read or write that faults returns what was moved, or
 * -EFAULT; a signal while waiting for a slot, what was moved or -EINTR.
 */
#include <linux/bitmap.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include "../sample_driver/xx.h"

#define XXN_SLOTS	4
#define XXN_SLOTSIZE	640

static struct {
	spinlock_t lock;		/* protects busy */
	unsigned long busy;		/* slots in use, one bit each */
	wait_queue_head_t wait;		/* for a free slot */
	u8 *buf;			/* XXN_SLOTS * XXN_SLOTSIZE bytes */
	struct mutex mem_lock;		/* protects mem and top */
	u8 *mem;			/* XX_DEVSIZE bytes of device memory */
	loff_t top;			/* highest byte written + 1 */
} xxn;

/* A free slot's number, now ours; -1 if none is free. */
static int xxn_try_take(void)
{
	int s;

	spin_lock(&xxn.lock);
	s = find_first_zero_bit(&xxn.busy, XXN_SLOTS);
	if (s < XXN_SLOTS)
		__set_bit(s, &xxn.busy);
	else
		s = -1;
	spin_unlock(&xxn.lock);
	return s;
}

/* A slot's number; -EINTR if a signal came first. Sleeps. */
static int xxn_take(void)
{
	int s;

	if (wait_event_interruptible(xxn.wait, (s = xxn_try_take()) >= 0))
		return -EINTR;
	return s;
}

static void xxn_give(int s)
{
	spin_lock(&xxn.lock);
	__clear_bit(s, &xxn.busy);
	spin_unlock(&xxn.lock);
	if (wq_has_sleeper(&xxn.wait))
		wake_up(&xxn.wait);
}

static ssize_t xxn_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	loff_t pos = iocb->ki_pos;
	ssize_t moved = 0;

	while (iov_iter_count(to)) {
		size_t n, got;
		u8 *p;
		int s = xxn_take();

		if (s < 0)
			return moved ?: s;
		p = xxn.buf + s * XXN_SLOTSIZE;
		mutex_lock(&xxn.mem_lock);
		n = pos < xxn.top ? min3(iov_iter_count(to), (size_t)XXN_SLOTSIZE,
					 (size_t)(xxn.top - pos)) : 0;
		memcpy(p, xxn.mem + pos, n);
		mutex_unlock(&xxn.mem_lock);
		got = n ? copy_to_iter(p, n, to) : 0;
		xxn_give(s);
		pos += got;
		moved += got;
		if (!n)
			break;
		if (got < n) {
			if (!moved)
				moved = -EFAULT;
			break;
		}
	}
	iocb->ki_pos = pos;
	return moved;
}

static ssize_t xxn_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	loff_t pos = iocb->ki_pos;
	ssize_t moved = 0;

	if (pos >= XX_DEVSIZE && iov_iter_count(from))
		return -ENOSPC;
	while (iov_iter_count(from) && pos < XX_DEVSIZE) {
		size_t n = min3(iov_iter_count(from), (size_t)XXN_SLOTSIZE,
				(size_t)(XX_DEVSIZE - pos));
		size_t got;
		u8 *p;
		int s = xxn_take();

		if (s < 0)
			return moved ?: s;
		p = xxn.buf + s * XXN_SLOTSIZE;
		got = copy_from_iter(p, n, from);
		if (got) {
			mutex_lock(&xxn.mem_lock);
			memcpy(xxn.mem + pos, p, got);
			xxn.top = max(xxn.top, pos + (loff_t)got);
			mutex_unlock(&xxn.mem_lock);
		}
		xxn_give(s);
		pos += got;
		moved += got;
		if (got < n) {
			if (!moved)
				moved = -EFAULT;
			break;
		}
	}
	iocb->ki_pos = pos;
	return moved;
}

static const struct file_operations xxn_fops = {
	.owner = THIS_MODULE,
	.read_iter = xxn_read_iter,
	.write_iter = xxn_write_iter,
	.llseek = default_llseek,
};

static struct miscdevice xxn_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "xx_native",
	.fops = &xxn_fops,
};

static int __init xxn_init(void)
{
	int err;

	spin_lock_init(&xxn.lock);
	init_waitqueue_head(&xxn.wait);
	mutex_init(&xxn.mem_lock);
	xxn.buf = kmalloc(XXN_SLOTS * XXN_SLOTSIZE, GFP_KERNEL);
	xxn.mem = vzalloc(XX_DEVSIZE);
	err = -ENOMEM;
	if (!xxn.buf || !xxn.mem)
		goto fail;
	err = misc_register(&xxn_misc);
	if (err)
		goto fail;
	return 0;
fail:
	vfree(xxn.mem);
	kfree(xxn.buf);
	return err;
}

static void __exit xxn_exit(void)
{
	misc_deregister(&xxn_misc);
	vfree(xxn.mem);
	kfree(xxn.buf);
}

module_init(xxn_init);
module_exit(xxn_exit);
MODULE_DESCRIPTION("make bench's baseline: the xx device as a native Linux driver");
MODULE_LICENSE("GPL");
