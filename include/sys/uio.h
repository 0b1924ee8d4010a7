/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/uio.h>, uio(9S) and uiomove(9F).
 *
 * A uio describes one side of a transfer as an array of iovecs, in user
 * space (UIO_USERSPACE, UIO_USERISPACE) or kernel space (UIO_SYSSPACE):
 * a driver may build one itself, as on illumos. The uio that the Linux
 * side of a read or write hands a driver (uio_from_iter() in
 * <ddi/linux.h>) is a Linux iov_iter instead: its uio_extflg has
 * UIO_DDI_ITER, uio_segflg is UIO_USERSPACE or UIO_SYSSPACE as the
 * iterator is, and uio_iov is NULL with uio_iovcnt 0, so the driver moves
 * its data with uiomove() only, and does not
 * walk the iovecs. uio_offset, uio_resid and uio_fmode are set as
 * illumos sets them.
 */
#ifndef _DDI_COMPAT_SYS_UIO_H
#define _DDI_COMPAT_SYS_UIO_H

#include <sys/types.h>

/*
 * Linux glue that included <linux/uio.h> first has Linux's struct iovec,
 * the same two members: void __user *iov_base and size_t iov_len.
 */
#ifndef _UAPI__LINUX_UIO_H
struct iovec {
	caddr_t iov_base;	/* the segment's address */
	size_t iov_len;		/* its length */
};
#endif
typedef struct iovec iovec_t;

typedef enum uio_seg { UIO_USERSPACE, UIO_SYSSPACE, UIO_USERISPACE } uio_seg_t;
typedef enum uio_rw { UIO_READ = 0, UIO_WRITE = 1 } uio_rw_t;

typedef union {
	offset_t _f;
} lloff_t;

typedef struct uio {
	iovec_t *uio_iov;	/* the segments */
	int uio_iovcnt;		/* how many */
	lloff_t _uio_offset;	/* the device offset (uio_offset) */
	uio_seg_t uio_segflg;	/* where the segments are */
	uint16_t uio_fmode;	/* the file's FREAD, FWRITE, FNDELAY... */
	uint16_t uio_extflg;	/* UIO_COPY_*; UIO_DDI_ITER */
	lloff_t _uio_limit;	/* the largest offset (uio_limit) */
	ssize_t uio_resid;	/* bytes not yet moved */
	/* ddi-compat, private: the Linux iterator (with UIO_DDI_ITER). */
	void *_uio_ddi_iter;
	ssize_t _uio_ddi_start;	/* uio_resid when it was made */
} uio_t;

#define uio_offset	_uio_offset._f
#define uio_loffset	_uio_offset._f
#define uio_limit	_uio_limit._f
#define uio_llimit	_uio_limit._f

#define UIO_COPY_DEFAULT	0x0000
#define UIO_COPY_CACHED		0x0001	/* accepted, no effect */
#define UIO_DDI_ITER		0x8000	/* ddi-compat: an iov_iter's uio */

/**
 * uiomove() - Move data between a kernel buffer and a uio (uiomove(9F)).
 * @addr: the kernel buffer.
 * @n: the bytes to move at most; min(@n, uio_resid) move.
 * @rw: UIO_READ copies @addr to the uio (a read(9E)), UIO_WRITE the uio
 * to @addr (a write(9E)).
 * @uiop: the uio; uio_offset is advanced and uio_resid reduced by what
 * really moved, a partial copy included, and exhausted iovecs are
 * stepped over (uio_iov advanced, uio_iovcnt reduced).
 *
 * Context: Process context when the uio is in user space (may sleep on a
 * page fault); any context for UIO_SYSSPACE.
 * Return: 0; EFAULT if a user address faulted part way (a positive errno,
 * as on illumos: the man page's "== -1" test is a slip), or if the iovecs
 * hold less than uio_resid says (reported); EINVAL for a
 * NULL @uiop, an unknown uio_segflg, or an @rw against the direction of
 * a Linux iterator.
 */
int uiomove(void *addr, size_t n, enum uio_rw rw, struct uio *uiop);

#endif /* _DDI_COMPAT_SYS_UIO_H */
