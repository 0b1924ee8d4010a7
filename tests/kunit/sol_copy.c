// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_copy: copies to and from user space, uiomove(9F) over iovec
 * uios, credentials and device numbers, from Solaris code.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/uio.h>
#include <sys/cred.h>
#include <sys/systm.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include "sol_test.h"
#include "sol_cases.h"

/* copyout() then copyin() move bytes to user memory and back. */
void sol_copyin_copyout_round_trip(struct kunit *t)
{
	char *u = sol_user_mem(t, PAGESIZE);
	char out[16] = "ddi-compat copy", in[16];

	if (!SOL_EXPECT(t, u != NULL))
		return;
	bzero(in, sizeof(in));
	SOL_EXPECT_EQ(t, copyout(out, u + 100, sizeof(out)), 0);
	SOL_EXPECT_EQ(t, copyin(u + 100, in, sizeof(in)), 0);
	SOL_EXPECT(t, bcmp(in, out, sizeof(in)) == 0);
	bzero(in, sizeof(in));
	SOL_EXPECT_EQ(t, ddi_copyout(out, u, sizeof(out), FREAD | FWRITE), 0);
	SOL_EXPECT_EQ(t, ddi_copyin(u, in, sizeof(in), FREAD), 0);
	SOL_EXPECT(t, bcmp(in, out, sizeof(in)) == 0);
}

/* An address outside the user's space fails with -1: a kernel one, or NULL. */
void sol_copy_bad_address_fails(struct kunit *t)
{
	char k[8] = "kernel", buf[8];

	SOL_EXPECT_EQ(t, copyin(k, buf, sizeof(buf)), -1);
	SOL_EXPECT_EQ(t, copyout(buf, k, sizeof(buf)), -1);
	SOL_EXPECT_EQ(t, copyin(NULL, buf, sizeof(buf)), -1);
	SOL_EXPECT_EQ(t, ddi_copyin(k, buf, sizeof(buf), 0), -1);
	SOL_EXPECT_EQ(t, ddi_copyout(buf, k, sizeof(buf), 0), -1);
	SOL_EXPECT(t, bcmp(k, "kernel", 7) == 0);
}

/* With FKIOCTL, ddi_copyin()/ddi_copyout() copy kernel addresses. */
void sol_ddi_copy_fkioctl(struct kunit *t)
{
	char a[8] = "ioctl", b[8];

	bzero(b, sizeof(b));
	SOL_EXPECT_EQ(t, ddi_copyin(a, b, sizeof(a), FKIOCTL | FREAD), 0);
	SOL_EXPECT(t, bcmp(a, b, sizeof(a)) == 0);
	bzero(a, sizeof(a));
	SOL_EXPECT_EQ(t, ddi_copyout(b, a, sizeof(b), FKIOCTL), 0);
	SOL_EXPECT(t, bcmp(a, "ioctl", 6) == 0);
	SOL_EXPECT_EQ(t, ddi_copyin(NULL, b, sizeof(b), FKIOCTL), -1);
}

/*
 * A kernel-space uio built by the driver: uiomove() fills the iovecs in
 * order, steps over empty and exhausted ones, and advances the offset.
 */
void sol_uiomove_sysspace_iovecs(struct kunit *t)
{
	char a[3], b[5], src[8] = "abcdefgh", back[8];
	iovec_t iov[3] = {
		{ .iov_base = a, .iov_len = sizeof(a) },
		{ .iov_base = NULL, .iov_len = 0 },
		{ .iov_base = b, .iov_len = sizeof(b) },
	};
	uio_t uio;

	bzero(&uio, sizeof(uio));
	uio.uio_iov = iov;
	uio.uio_iovcnt = 3;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_loffset = 1000;
	uio.uio_resid = 8;
	SOL_EXPECT_EQ(t, uiomove(src, 2, UIO_READ, &uio), 0);
	SOL_EXPECT_EQ(t, uio.uio_resid, 6);
	SOL_EXPECT(t, uio.uio_iov == &iov[0] && iov[0].iov_len == 1);
	SOL_EXPECT_EQ(t, uiomove(src + 2, 6, UIO_READ, &uio), 0);
	SOL_EXPECT(t, bcmp(a, "abc", 3) == 0 && bcmp(b, "defgh", 5) == 0);
	SOL_EXPECT_EQ(t, uio.uio_resid, 0);
	SOL_EXPECT_EQ(t, uio.uio_offset, 1008);
	SOL_EXPECT_EQ(t, uio.uio_iovcnt, 1);
	SOL_EXPECT(t, uio.uio_iov == &iov[2] && iov[2].iov_len == 0);
	/* And back, UIO_WRITE: from the iovecs to the buffer. */
	iov[0].iov_base = a;
	iov[0].iov_len = 3;
	iov[2].iov_base = b;
	iov[2].iov_len = 5;
	uio.uio_iov = iov;
	uio.uio_iovcnt = 3;
	uio.uio_resid = 8;
	SOL_EXPECT_EQ(t, uiomove(back, sizeof(back), UIO_WRITE, &uio), 0);
	SOL_EXPECT(t, bcmp(back, src, 8) == 0);
}

/*
 * A user-space uio: the bytes before a fault move and count; then
 * uiomove() returns EFAULT with uio_resid exact.
 */
void sol_uiomove_user_fault_counts(struct kunit *t)
{
	char *u = sol_user_mem(t, PAGESIZE);
	char k[4], src[12] = "0123456789a";
	iovec_t iov[2];
	uio_t uio;

	if (!SOL_EXPECT(t, u != NULL))
		return;
	iov[0].iov_base = u;
	iov[0].iov_len = 4;
	iov[1].iov_base = k;		/* not a user address */
	iov[1].iov_len = sizeof(k);
	bzero(&uio, sizeof(uio));
	uio.uio_iov = iov;
	uio.uio_iovcnt = 2;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_resid = 8;
	SOL_EXPECT_EQ(t, uiomove(src, 8, UIO_READ, &uio), EFAULT);
	SOL_EXPECT_EQ(t, uio.uio_resid, 4);
	SOL_EXPECT_EQ(t, uio.uio_offset, 4);
	SOL_EXPECT(t, uio.uio_iov == &iov[1]);
	bzero(k, sizeof(k));
	SOL_EXPECT_EQ(t, copyin(u, k, 4), 0);
	SOL_EXPECT(t, bcmp(k, "0123", 4) == 0);
}

/* A bad uio_segflg, a NULL uio or an unknown direction: EINVAL. */
void sol_uiomove_bad_arguments(struct kunit *t)
{
	char a[4], src[8] = "abcdefg";
	iovec_t iov = { .iov_base = a, .iov_len = sizeof(a) };
	uio_t uio;

	bzero(&uio, sizeof(uio));
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_segflg = (uio_seg_t)7;
	uio.uio_resid = 4;
	SOL_EXPECT_EQ(t, uiomove(src, 4, UIO_READ, &uio), EINVAL);
	SOL_EXPECT_EQ(t, uio.uio_resid, 4);
	SOL_EXPECT_EQ(t, uiomove(src, 4, UIO_READ, NULL), EINVAL);
	uio.uio_segflg = UIO_SYSSPACE;
	SOL_EXPECT_EQ(t, uiomove(src, 4, (uio_rw_t)5, &uio), EINVAL);
	/* uio_resid promises more than the iovecs hold: EFAULT, reported. */
	uio.uio_resid = 8;
	SOL_EXPECT_EQ(t, uiomove(src, 8, UIO_READ, &uio), EFAULT);
	SOL_EXPECT_EQ(t, uio.uio_resid, 4);
	SOL_EXPECT_EQ(t, uio.uio_iovcnt, 0);
}

/* The caller's credential: root in the test, privileged; NULL reported. */
void sol_cred_and_priv(struct kunit *t)
{
	cred_t *cr = NULL;

	SOL_EXPECT_EQ(t, drv_getparm(UCRED, &cr), 0);
	SOL_EXPECT_EQ(t, crgetuid(cr), 0);
	SOL_EXPECT_EQ(t, crgetruid(cr), 0);
	SOL_EXPECT_EQ(t, crgetgid(cr), 0);
	SOL_EXPECT_EQ(t, crgetrgid(cr), 0);
	SOL_EXPECT_EQ(t, drv_priv(cr), 0);
	SOL_EXPECT_EQ(t, crgetuid(NULL), (uid_t)-1);
	SOL_EXPECT_EQ(t, drv_priv(NULL), EPERM);
}

/*
 * makedevice() and getmajor()/getminor() round-trip; out-of-range numbers
 * give NODEV. min() and max() take mixed types, as illumos's macros do.
 */
void sol_device_numbers_and_min(struct kunit *t)
{
	dev_t d = makedevice(10, 4242);
	ssize_t resid = 10;
	char buf[64];

	SOL_EXPECT_EQ(t, getmajor(d), 10);
	SOL_EXPECT_EQ(t, getminor(d), 4242);
	SOL_EXPECT_EQ(t, getminor(makedevice(1, MAXMIN)), MAXMIN);
	SOL_EXPECT(t, makedevice(MAXMAJ + 1, 0) == NODEV);
	SOL_EXPECT(t, makedevice(0, MAXMIN + 1) == NODEV);
	SOL_EXPECT_EQ(t, min(resid, sizeof(buf)), 10);
	SOL_EXPECT_EQ(t, max(resid, sizeof(buf)), 64);
	SOL_EXPECT_EQ(t, MIN(3, 5L), 3);
	SOL_EXPECT_EQ(t, howmany(10, 4), 3);
	SOL_EXPECT_EQ(t, P2ROUNDUP(10, 8), 16);
}
