/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/uio.h>, Solaris uio(9S) and uiomove(9F) over Linux's
 * iov_iter, implemented by the ddi_compat module.
 *
 * A uio describes the user side of a read or write: the Linux iterator,
 * the device offset and the bytes still to move. Linux glue fills one from
 * a file's read_iter/write_iter with uio_from_iter() and, after the
 * driver's read or write routine, reports uio_moved() bytes.
 */
#ifndef _DDI_COMPAT_SYS_UIO_H
#define _DDI_COMPAT_SYS_UIO_H

#include <linux/fs.h>
#include <linux/uio.h>

enum uio_rw { UIO_READ = 0, UIO_WRITE = 1 };

typedef struct uio {
	struct iov_iter *uio_iter;	/* ddi-compat: the Linux iterator */
	loff_t uio_offset;		/* device offset, advanced by uiomove() */
	ssize_t uio_resid;		/* bytes not yet moved */
	ssize_t uio_start;		/* ddi-compat: uio_resid at the start */
} uio_t;

/*
 * uiomove(9F): moves min(n, uio_resid) bytes between the kernel buffer
 * addr and the user side: UIO_READ copies addr -> user (a read(2)),
 * UIO_WRITE user -> addr (a write(2)). Advances uio_offset and reduces
 * uio_resid by what really moved, a partial copy included. Returns 0, or
 * EFAULT if the user buffer faulted part way (a positive errno, as on
 * Solaris: the man page's "== -1" test is a slip), or EINVAL if rw does
 * not match the direction of the operation.
 * May sleep (page faults): process context only.
 */
int uiomove(void *addr, size_t n, enum uio_rw rw, struct uio *uiop);

/* Linux glue: a uio for a read_iter/write_iter call. */
static inline void uio_from_iter(struct uio *uiop, struct kiocb *iocb, struct iov_iter *iter)
{
	uiop->uio_iter = iter;
	uiop->uio_offset = iocb->ki_pos;
	uiop->uio_resid = iov_iter_count(iter);
	uiop->uio_start = uiop->uio_resid;
}

/* Linux glue: bytes moved so far. */
static inline ssize_t uio_moved(const struct uio *uiop)
{
	return uiop->uio_start - uiop->uio_resid;
}

#endif /* _DDI_COMPAT_SYS_UIO_H */
