/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <ddi/linux.h>, for the Linux side of a driver only.
 *
 * A file that includes Linux headers and Solaris ones together is Linux
 * glue: it includes this header before any <sys/...> one. It defines
 * DDI_LINUX_GLUE, with which the Solaris headers leave out the names that
 * Linux gives another meaning: the macros min(), max(), roundup() and
 * mutex_init(), and the calls whose link names are ddi_<name> (sprintf()
 * and its family, dev_err(), mutex_destroy()), which glue calls by those
 * link names. Solaris code never includes it.
 */
#ifndef _DDI_COMPAT_DDI_LINUX_H
#define _DDI_COMPAT_DDI_LINUX_H

#ifndef DDI_LINUX_GLUE
#define DDI_LINUX_GLUE 1
#endif

#include <linux/fs.h>
#include <linux/uio.h>
#include <sys/types.h>
#include <sys/uio.h>

/*
 * uio_from_iter(): the uio for a file's read_iter or write_iter call: the
 * iterator's bytes at the file position; uio_fmode from the file's flags.
 * After the driver's read or write routine, uio_moved() says how many
 * bytes moved, and the caller advances iocb->ki_pos by as many.
 */
static inline void uio_from_iter(struct uio *uiop, struct kiocb *iocb, struct iov_iter *iter)
{
	unsigned int f = iocb->ki_filp ? iocb->ki_filp->f_flags : 0;

	*uiop = (struct uio){
		.uio_segflg = user_backed_iter(iter) ? UIO_USERSPACE : UIO_SYSSPACE,
		.uio_fmode = (uint16_t)(((iocb->ki_filp && (iocb->ki_filp->f_mode & FMODE_READ)) ? 0x01 : 0) |
					((iocb->ki_filp && (iocb->ki_filp->f_mode & FMODE_WRITE)) ? 0x02 : 0) |
					((f & O_NONBLOCK) ? 0x84 : 0)),
		.uio_extflg = UIO_DDI_ITER,
		.uio_resid = (ssize_t)iov_iter_count(iter),
		._uio_ddi_iter = iter,
	};
	uiop->uio_offset = iocb->ki_pos;
	uiop->uio_limit = MAX_LFS_FILESIZE;
	uiop->_uio_ddi_start = uiop->uio_resid;
}

/* uio_moved(): the bytes moved through a uio_from_iter() uio so far. */
static inline ssize_t uio_moved(const struct uio *uiop)
{
	return uiop->_uio_ddi_start - uiop->uio_resid;
}

#endif /* _DDI_COMPAT_DDI_LINUX_H */
