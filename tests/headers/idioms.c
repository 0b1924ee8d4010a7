// SPDX-License-Identifier: GPL-2.0
/*
 * Solaris idioms that Linux's headers would break, compiled (not run) by
 * scripts/header-check.sh with W=1 and -Werror. Each one failed to
 * compile when our <sys/uio.h> included <linux/fs.h>.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/sysmacros.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/kmem.h>
#include <sys/cmn_err.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <sys/ksynch.h>
#include <sys/debug.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include <sys/conf.h>
#include <sys/modctl.h>
#include <sys/open.h>

/* A variable named current (Linux: a macro for the running task). */
static int current;

struct idioms_state {
	kmutex_t lock;
	kcondvar_t cv;
	krwlock_t rw;
	boolean_t open;
	minor_t minor;
	char name[MAXNAMELEN];
	kmem_cache_t *cache;
};

/* An illumos constructor and destructor (Linux's take one argument). */
static int idioms_ctor(void *buf, void *arg, int kmflags)
{
	*(struct idioms_state **)buf = arg;
	return (kmflags & KM_NOSLEEP) ? -1 : 0;
}

static void idioms_dtor(void *buf, void *arg)
{
	*(struct idioms_state **)buf = NULL;
}

int idioms_read(struct idioms_state *sp, uio_t *uiop);
int idioms_read(struct idioms_state *sp, uio_t *uiop)
{
	char buf[64];
	size_t n;
	char *end;

	/* Solaris's four-argument mutex_init (Linux's takes one). */
	mutex_init(&sp->lock, NULL, MUTEX_DRIVER, NULL);
	cv_init(&sp->cv, NULL, CV_DRIVER, NULL);
	rw_init(&sp->rw, NULL, RW_DRIVER, NULL);
	/* min() of a ssize_t and a size_t (Linux's min() refuses it). */
	n = min(uiop->uio_resid, sizeof(buf));
	/* sprintf returns the buffer (Linux's returns an int). */
	end = sprintf(sp->name, "idioms%d", current);
	if (end != sp->name)
		return EINVAL;
	if (uiop->uio_segflg != UIO_USERSPACE && uiop->uio_iov != NULL)
		n = MIN(n, uiop->uio_iov->iov_len);
	ASSERT(mutex_owned(&sp->lock) == 0);
	VERIFY3U(n, <=, sizeof(buf));
	sp->open = B_TRUE;
	sp->minor = getminor(makedevice(1, 2));
	/* illumos's nine-argument kmem_cache_create (Linux's takes four). */
	sp->cache = kmem_cache_create(sp->name, sizeof(void *), 0, idioms_ctor, idioms_dtor, NULL,
				      sp, NULL, KMC_NODEBUG);
	kmem_cache_free(sp->cache, kmem_cache_alloc(sp->cache, KM_SLEEP | KM_PANIC));
	kmem_cache_destroy(sp->cache);
	mutex_destroy(&sp->lock);
	cv_destroy(&sp->cv);
	rw_destroy(&sp->rw);
	return uiomove(buf, n, UIO_READ, uiop);
}

/*
 * The frame's tables as drivers fill them: positional initialisers, and
 * nodev/nulldev (declared without a prototype) in fields of every type.
 */
static struct cb_ops idioms_cb_ops = {
	nulldev, nulldev, nodev, nodev, nodev, nodev, nodev, nodev,
	nodev, nodev, nodev, nochpoll, ddi_prop_op, NULL, D_NEW | D_MP, CB_REV,
	nodev, nodev
};

static struct dev_ops idioms_dev_ops = {
	DEVO_REV, 0, nodev, nulldev, nulldev, nodev, nodev, nodev,
	&idioms_cb_ops, NULL, nodev, ddi_quiesce_not_needed
};

static struct modldrv idioms_modldrv = { &mod_driverops, "idioms", &idioms_dev_ops };
struct modlinkage idioms_modlinkage = { MODREV_1, { &idioms_modldrv, NULL } };
int idioms_otyp = OTYP_CHR;
