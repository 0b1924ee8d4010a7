// SPDX-License-Identifier: GPL-2.0
/*
 * Every export of the DDI, called once, as Solaris code under the CDDL
 * calls them (only Solaris headers here). Each check is named after the
 * export's link name (the name in Module.symvers, which
 * tests/user/cddl_link.c expects to see): mutex_destroy() is
 * "ddi_mutex_destroy", sprintf() "ddi_sprintf", and so on.
 * tests/user/cddl_link.c sets assert_panic=0 first, so that the failing
 * VERIFYs below report and return.
 *
 * The module is a Solaris driver on the frame: _init() below makes the
 * calls, then installs its driver, whose first attach(9E) makes the
 * property calls and a minor node; _init() removes the driver and
 * installs it again; _fini() removes it.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/uio.h>
#include <sys/map.h>
#include <sys/kmem.h>
#include <sys/varargs.h>
#include <sys/cmn_err.h>
#include <sys/cred.h>
#include <sys/debug.h>
#include <sys/systm.h>
#include <sys/ksynch.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/open.h>
#include <sys/conf.h>
#include <sys/modctl.h>
#include <sys/poll.h>
#include <sys/vmem.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>

void cddl_check(int ok, const char *name);
int cddl_summary(void);

#define check(ok, name) cddl_check((ok), (name))

static void calls_kmem(void)
{
	char *p = kmem_alloc(100, KM_SLEEP);
	char *z = kmem_zalloc(100, KM_NOSLEEP);

	check(p != NULL, "kmem_alloc");
	check(z != NULL && z[0] == 0 && z[99] == 0, "kmem_zalloc");
	kmem_free(p, 100);
	kmem_free(z, 100);
	check(1, "kmem_free");
}

static int ctor_calls;

static int cddl_ctor(void *buf, void *arg, int kmflags)
{
	*(int *)buf = *(int *)arg;
	ctor_calls++;
	return 0;
}

static void cddl_dtor(void *buf, void *arg)
{
	if (*(int *)buf == *(int *)arg)
		ctor_calls--;
}

/* kmem_cache_*(), whose link names are ddi_kmem_cache_*(). */
static void calls_kmem_cache(void)
{
	static int private = 0x5a5a;
	kmem_cache_t *cp = kmem_cache_create("ddi_cddl_test", 64, 16, cddl_ctor, cddl_dtor,
					     NULL, &private, NULL, 0);
	int *o = cp ? kmem_cache_alloc(cp, KM_SLEEP) : NULL;

	check(cp != NULL, "ddi_kmem_cache_create");
	check(o != NULL && *o == private && ctor_calls == 1, "ddi_kmem_cache_alloc");
	if (o)
		kmem_cache_free(cp, o);
	check(ctor_calls == 0, "ddi_kmem_cache_free");
	if (cp)
		kmem_cache_destroy(cp);
	check(1, "ddi_kmem_cache_destroy");
}

static void calls_rmap(void)
{
	struct map *a = rmallocmap(8), *b = rmallocmap_wait(8);

	check(a != NULL, "rmallocmap");
	check(b != NULL, "rmallocmap_wait");
	if (!a || !b)
		goto out;
	rmfree(a, 100, 1000);
	rmfree(b, 100, 1000);
	check(rmalloc(a, 10) == 1000, "rmfree");
	check(rmalloc(a, 10) == 1010, "rmalloc");
	check(rmalloc_wait(b, 10) == 1000, "rmalloc_wait");
	check(rmalloc_wait_sig(b, 10) == 1010, "rmalloc_wait_sig");
out:
	if (a)
		rmfreemap(a);
	if (b)
		rmfreemap(b);
	check(1, "rmfreemap");
}

static void calls_soft_state(void)
{
	void *statep = NULL;
	int *p;

	check(ddi_soft_state_init(&statep, sizeof(int), 1) == 0 && statep, "ddi_soft_state_init");
	if (!statep)
		return;
	check(ddi_soft_state_zalloc(statep, 5) == DDI_SUCCESS, "ddi_soft_state_zalloc");
	p = ddi_get_soft_state(statep, 5);
	check(p && *p == 0 && !ddi_get_soft_state(statep, 4), "ddi_get_soft_state");
	ddi_soft_state_free(statep, 5);
	check(!ddi_get_soft_state(statep, 5), "ddi_soft_state_free");
	ddi_soft_state_fini(&statep);
	check(!statep, "ddi_soft_state_fini");
}

static void calls_ddi(void)
{
	char buf[8] = "abcdefg", out[8] = "";
	iovec_t iov = { .iov_base = out, .iov_len = sizeof(out) };
	uio_t u;

	check(drv_usectohz(1000000) == drv_usectohz(500000) * 2, "drv_usectohz");
	check(drv_hztousec(drv_usectohz(1000000)) == 1000000, "drv_hztousec");
	/* A kernel-space read, the uio built as a Solaris driver does. */
	bzero(&u, sizeof(u));
	u.uio_iov = &iov;
	u.uio_iovcnt = 1;
	u.uio_segflg = UIO_SYSSPACE;
	u.uio_resid = sizeof(out);
	check(uiomove(buf, sizeof(buf), UIO_READ, &u) == 0 && u.uio_resid == 0 &&
	      bcmp(out, buf, sizeof(buf)) == 0, "uiomove");
	check(bcmp("a", "b", 1) != 0, "bcmp");
}

static void call_vcmn_err(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcmn_err(level, fmt, ap);
	va_end(ap);
}

static char *call_vsprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	char *r;

	va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

static size_t call_vsnprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	size_t r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

/* <sys/cmn_err.h>, and the dev_info accessors (of a NULL dip: no frame yet). */
static void calls_cmn_err(void)
{
	char buf[16];

	cmn_err(CE_NOTE, "ddi_cddl_test: cmn_err from a CDDL module");
	check(1, "cmn_err");
	call_vcmn_err(CE_NOTE, "ddi_cddl_test: vcmn_err from a %s module", "CDDL");
	check(1, "vcmn_err");
	dev_err(NULL, CE_NOTE, "ddi_cddl_test: dev_err from a CDDL module");
	check(1, "ddi_dev_err");
	check(sprintf(buf, "%b", 5, "\20\1A\3C") == buf && bcmp(buf, "5<A,C>", 7) == 0,
	      "ddi_sprintf");
	check(call_vsprintf(buf, "%d-%s", 7, "x") == buf && bcmp(buf, "7-x", 4) == 0,
	      "ddi_vsprintf");
	check(snprintf(buf, 4, "%d", 123456) == 6 && bcmp(buf, "123", 4) == 0, "ddi_snprintf");
	check(call_vsnprintf(buf, sizeof(buf), "%x", 255) == 2 && bcmp(buf, "ff", 3) == 0,
	      "ddi_vsnprintf");
	check(ddi_driver_name(NULL)[0] == 0, "ddi_driver_name");
	check(ddi_get_instance(NULL) == -1, "ddi_get_instance");
	ddi_report_dev(NULL);
	check(1, "ddi_report_dev");
}

static void calls_debug(void)
{
	int x = 1;

	VERIFY(x == 2);
	check(1, "assfail");
	VERIFY3U(x, ==, 2);
	check(1, "assfail3");
}

struct sync {
	kmutex_t m;
	kcondvar_t cv;
	krwlock_t rw;
	volatile int flag;
};

static void wake(void *p)
{
	struct sync *s = p;

	mutex_enter(&s->m);
	s->flag++;
	cv_broadcast(&s->cv);
	mutex_exit(&s->m);
}

static void calls_ksynch(void)
{
	struct sync s;
	timeout_id_t id;
	clock_t soon;

	s.flag = 0;
	mutex_init(&s.m, NULL, MUTEX_DRIVER, NULL);
	check(1, "ddi_mutex_init");
	cv_init(&s.cv, NULL, CV_DRIVER, NULL);
	check(1, "cv_init");
	rw_init(&s.rw, NULL, RW_DRIVER, NULL);
	check(1, "ddi_rw_init");

	mutex_enter(&s.m);
	check(mutex_owned(&s.m), "mutex_owned");
	check(1, "mutex_enter");
	mutex_exit(&s.m);
	check(!mutex_owned(&s.m), "mutex_exit");
	check(mutex_tryenter(&s.m), "mutex_tryenter");
	/* Woken by a timeout's function, which takes the mutex. */
	id = timeout(wake, &s, 1);
	check(id != 0, "timeout");
	while (s.flag < 1)
		cv_wait(&s.cv, &s.m);
	check(1, "cv_wait");
	check(1, "cv_broadcast");
	check(untimeout(id) == -1, "untimeout");
	timeout(wake, &s, 1);
	while (s.flag < 2)
		check(cv_wait_sig(&s.cv, &s.m) > 0, "cv_wait_sig");
	soon = ddi_get_lbolt() + 2;
	check(cv_timedwait(&s.cv, &s.m, soon) == -1, "cv_timedwait");
	check(cv_timedwait_sig(&s.cv, &s.m, soon) == -1, "cv_timedwait_sig");
	check(cv_reltimedwait(&s.cv, &s.m, 1, TR_CLOCK_TICK) == -1, "cv_reltimedwait");
	check(cv_reltimedwait_sig(&s.cv, &s.m, 1, TR_CLOCK_TICK) == -1, "cv_reltimedwait_sig");
	cv_signal(&s.cv);
	check(1, "cv_signal");
	mutex_exit(&s.m);

	rw_enter(&s.rw, RW_WRITER);
	check(rw_write_held(&s.rw), "rw_write_held");
	check(1, "rw_enter");
	rw_downgrade(&s.rw);
	check(rw_read_held(&s.rw), "rw_read_held");
	check(1, "rw_downgrade");
	check(rw_tryupgrade(&s.rw), "rw_tryupgrade");
	rw_exit(&s.rw);
	check(!rw_lock_held(&s.rw), "rw_lock_held");
	check(1, "rw_exit");
	check(rw_tryenter(&s.rw, RW_READER), "rw_tryenter");
	rw_exit(&s.rw);

	rw_destroy(&s.rw);
	check(1, "rw_destroy");
	cv_destroy(&s.cv);
	check(1, "cv_destroy");
	mutex_destroy(&s.m);
	check(1, "ddi_mutex_destroy");
}

static void calls_time_and_user(void)
{
	clock_t l = ddi_get_lbolt(), v = 0;
	hrtime_t h = gethrtime();
	char k[4] = "abc", b[4];
	cred_t *cr = NULL;

	check(l >= 0, "ddi_get_lbolt");
	check(ddi_get_lbolt64() >= l, "ddi_get_lbolt64");
	delay(1);
	check(ddi_get_lbolt() > l, "delay");
	drv_usecwait(10);
	check(gethrtime() - h >= USEC2NSEC(10), "drv_usecwait");
	check(gethrtime() > h, "gethrtime");
	check(drv_getparm(LBOLT, &v) == 0 && v > l, "drv_getparm");
	check(drv_getparm(UCRED, &cr) == 0 && cr != NULL, "drv_getparm UCRED");
	/* Kernel addresses are not the user's: the copies refuse them. */
	check(copyin(k, b, sizeof(b)) == -1, "copyin");
	check(copyout(k, b, sizeof(b)) == -1, "copyout");
	check(ddi_copyin(k, b, sizeof(b), FKIOCTL) == 0 && bcmp(k, b, 4) == 0, "ddi_copyin");
	check(ddi_copyout(k, b, sizeof(b), 0) == -1, "ddi_copyout");
	check(crgetuid(cr) == 0, "crgetuid");
	check(crgetruid(cr) == 0, "crgetruid");
	check(crgetgid(cr) == 0, "crgetgid");
	check(crgetrgid(cr) == 0, "crgetrgid");
	check(drv_priv(cr) == 0, "drv_priv");
}

/* ---- the driver frame ---- */

static int cddl_attached, cddl_detached;

/* The property calls, on the instance attach(9E) is given (first attach). */
static void calls_prop(dev_info_t *dip)
{
	int ints[2] = { 3, 4 }, *ip = NULL, len = 0;
	int64_t i64s[2] = { 1LL << 33, 5 }, *lp = NULL;
	char *strs[2] = { "a", "bc" }, **sa = NULL, *s = NULL;
	uchar_t bytes[3] = { 1, 2, 3 }, *bp = NULL;
	char buf[8];
	uint_t n = 0;

	check(ddi_prop_update_int(DDI_DEV_T_NONE, dip, "i", 7) == DDI_PROP_SUCCESS,
	    "ddi_prop_update_int");
	check(ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "i", -1) == 7 &&
	    ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "none", -1) == -1, "ddi_prop_get_int");
	check(ddi_prop_update_int64(DDI_DEV_T_NONE, dip, "l", 1LL << 40) == DDI_PROP_SUCCESS,
	    "ddi_prop_update_int64");
	check(ddi_prop_get_int64(DDI_DEV_T_ANY, dip, 0, "l", -1) == 1LL << 40,
	    "ddi_prop_get_int64");
	check(ddi_prop_update_int_array(DDI_DEV_T_NONE, dip, "ia", ints, 2) == DDI_PROP_SUCCESS,
	    "ddi_prop_update_int_array");
	check(ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "ia", &ip, &n) ==
	    DDI_PROP_SUCCESS && n == 2 && ip[1] == 4, "ddi_prop_lookup_int_array");
	if (ip != NULL)
		ddi_prop_free(ip);
	check(ddi_prop_update_int64_array(DDI_DEV_T_NONE, dip, "la", i64s, 2) ==
	    DDI_PROP_SUCCESS, "ddi_prop_update_int64_array");
	check(ddi_prop_lookup_int64_array(DDI_DEV_T_ANY, dip, 0, "la", &lp, &n) ==
	    DDI_PROP_SUCCESS && n == 2 && lp[0] == 1LL << 33, "ddi_prop_lookup_int64_array");
	if (lp != NULL)
		ddi_prop_free(lp);
	check(ddi_prop_update_string(DDI_DEV_T_NONE, dip, "s", "str") == DDI_PROP_SUCCESS,
	    "ddi_prop_update_string");
	check(ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "s", &s) == DDI_PROP_SUCCESS &&
	    strcmp(s, "str") == 0, "ddi_prop_lookup_string");
	if (s != NULL)
		ddi_prop_free(s);
	check(ddi_prop_update_string_array(DDI_DEV_T_NONE, dip, "sa", strs, 2) ==
	    DDI_PROP_SUCCESS, "ddi_prop_update_string_array");
	check(ddi_prop_lookup_string_array(DDI_DEV_T_ANY, dip, 0, "sa", &sa, &n) ==
	    DDI_PROP_SUCCESS && n == 2 && strcmp(sa[1], "bc") == 0 && sa[2] == NULL,
	    "ddi_prop_lookup_string_array");
	if (sa != NULL)
		ddi_prop_free(sa);
	check(ddi_prop_update_byte_array(DDI_DEV_T_NONE, dip, "b", bytes, 3) ==
	    DDI_PROP_SUCCESS, "ddi_prop_update_byte_array");
	check(ddi_prop_lookup_byte_array(DDI_DEV_T_ANY, dip, 0, "b", &bp, &n) ==
	    DDI_PROP_SUCCESS && n == 3 && bp[2] == 3, "ddi_prop_lookup_byte_array");
	check(bp != NULL, "ddi_prop_free");
	if (bp != NULL)
		ddi_prop_free(bp);
	check(ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "ddi-kernel-ioctl", NULL, 0) ==
	    DDI_PROP_SUCCESS && ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "ddi-kernel-ioctl", 0) == 1,
	    "ddi_prop_create");
	check(ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "ddi-kernel-ioctl") == 1 &&
	    ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "none") == 0, "ddi_prop_exists");
	len = sizeof (buf);
	check(ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN_AND_VAL_BUF, 0, "s", buf, &len) ==
	    DDI_PROP_SUCCESS && len == 4 && strcmp(buf, "str") == 0 &&
	    ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, "none", NULL, &len) ==
	    DDI_PROP_NOT_FOUND, "ddi_prop_op");
	check(ddi_prop_remove(DDI_DEV_T_NONE, dip, "s") == DDI_PROP_SUCCESS &&
	    ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "s") == 0, "ddi_prop_remove");
	ddi_prop_remove_all(dip);
	check(ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "i") == 0, "ddi_prop_remove_all");
	/* Left for the frame to free when the instance goes. */
	(void) ddi_prop_update_int(DDI_DEV_T_NONE, dip, "left", 1);
}

static int cddl_attach(dev_info_t *dip, ddi_attach_cmd_t cmd)
{
	if (cmd != DDI_ATTACH)
		return (DDI_FAILURE);
	if (cddl_attached == 0)
		calls_prop(dip);
	ddi_set_driver_private(dip, &cddl_attached);
	if (ddi_create_minor_node(dip, "ddi_cddl_test", S_IFCHR, 0, DDI_PSEUDO, 0) != DDI_SUCCESS)
		return (DDI_FAILURE);
	cddl_attached++;
	return (DDI_SUCCESS);
}

static int cddl_detach(dev_info_t *dip, ddi_detach_cmd_t cmd)
{
	if (cmd != DDI_DETACH || ddi_get_driver_private(dip) != &cddl_attached)
		return (DDI_FAILURE);
	ddi_remove_minor_node(dip, NULL);
	cddl_detached++;
	return (DDI_SUCCESS);
}

static struct cb_ops cddl_cb_ops = {
	nulldev, nulldev, nodev, nodev, nodev, nodev, nodev, nodev,
	nodev, nodev, nodev, nochpoll, ddi_prop_op, NULL, D_MP, CB_REV, nodev, nodev
};

static struct dev_ops cddl_dev_ops = {
	DEVO_REV, 0, NULL, nulldev, nulldev, cddl_attach, cddl_detach, nodev,
	&cddl_cb_ops, NULL, NULL, ddi_quiesce_not_needed
};

static struct modldrv cddl_modldrv = { &mod_driverops, "ddi-compat CDDL test", &cddl_dev_ops };
static struct modlinkage cddl_modlinkage = { MODREV_1, { &cddl_modldrv, NULL } };
static struct modlmisc cddl_modlmisc = { &mod_miscops, "ddi-compat CDDL misc" };
static struct modlinkage cddl_misclinkage = { MODREV_1, { &cddl_modlmisc, NULL } };

static void calls_frame(void)
{
	struct modinfo mi;
	short rev = 1;
	struct pollhead *php = (struct pollhead *)&mi;

	check(nodev() == ENXIO, "nodev");
	check(nulldev() == 0, "nulldev");
	check(nochpoll(0, 0, 0, &rev, &php) == ENXIO && rev == 0 && php == NULL, "nochpoll");
	check(ddi_quiesce_not_needed(NULL) == DDI_SUCCESS, "ddi_quiesce_not_needed");
	check(ddi_quiesce_not_supported(NULL) == DDI_FAILURE, "ddi_quiesce_not_supported");
	check(mod_install(&cddl_misclinkage) == 0 && mod_remove(&cddl_misclinkage) == 0,
	    "mod_miscops");
	check(mod_install(&cddl_modlinkage) == 0 && cddl_attached == 1, "mod_install");
	check(mod_info(&cddl_modlinkage, &mi) != 0 &&
	    strcmp(mi.mi_msinfo[0].msi_linkinfo, "ddi-compat CDDL test") == 0, "mod_info");
	check(cddl_attached == 1, "ddi_create_minor_node");
	check(cddl_attached == 1, "ddi_set_driver_private");
	check(mod_remove(&cddl_modlinkage) == 0 && cddl_detached == 1, "mod_remove");
	check(cddl_detached == 1, "ddi_remove_minor_node");
	check(cddl_detached == 1, "ddi_get_driver_private");
	check(mod_install(&cddl_modlinkage) == 0 && cddl_attached == 2, "mod_driverops");
}

static pollhead_t cddl_ph;

static void calls_vmem_and_poll(void)
{
	vmem_t *vm = vmem_create("cddl", (void *)5, 3, 1, NULL, NULL, NULL, 0,
	    VM_SLEEP | VMC_IDENTIFIER);
	void *a, *b, *c;

	check(vm != NULL, "vmem_create");
	if (vm == NULL)
		return;
	a = vmem_alloc(vm, 1, VM_SLEEP);
	b = vmem_alloc(vm, 1, VM_BESTFIT | VM_SLEEP);
	c = vmem_alloc(vm, 1, VM_NOSLEEP);
	check(a == (void *)5 && b == (void *)6 && c == (void *)7 &&
	    vmem_alloc(vm, 1, VM_NOSLEEP) == NULL, "vmem_alloc");
	vmem_free(vm, b, 1);
	check(vmem_alloc(vm, 1, VM_NOSLEEP) == b, "vmem_free");
	vmem_free(vm, a, 1);
	vmem_free(vm, b, 1);
	vmem_free(vm, c, 1);
	vmem_destroy(vm);
	check(1, "vmem_destroy");
	/* Nobody waits on the head: neither call sets it up. */
	pollwakeup(&cddl_ph, POLLIN);
	check(cddl_ph.ph_list == NULL, "pollwakeup");
	pollhead_clean(&cddl_ph);
	check(cddl_ph.ph_list == NULL, "pollhead_clean");
}

int
_init(void)
{
	calls_kmem();
	calls_kmem_cache();
	calls_rmap();
	calls_soft_state();
	calls_ddi();
	calls_cmn_err();
	calls_debug();
	calls_ksynch();
	calls_time_and_user();
	calls_frame();
	calls_vmem_and_poll();
	if (cddl_summary() != 0) {
		(void) mod_remove(&cddl_modlinkage);
		return (EINVAL);
	}
	return (0);
}

int
_info(struct modinfo *modinfop)
{
	return (mod_info(&cddl_modlinkage, modinfop));
}

int
_fini(void)
{
	return (mod_remove(&cddl_modlinkage));
}
