// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_kmem: <sys/kmem.h> from Solaris code: kmem_alloc(9F)'s flags and
 * the kmem_cache_create(9F) family, one case per man-page sentence (quoted
 * above each). The shim's reports are pr_warn lines, not splats; the cases
 * check them through the shim's counters (sol_kmem_stat()).
 */
#include <sys/types.h>
#include <sys/kmem.h>
#include "sol_test.h"
#include "sol_cases.h"

/* Unknown to illumos's <sys/kmem.h> (KM_FLAGS is 0xffff; 0x4000 is free). */
#define SOL_KM_UNKNOWN	0x4000

/*
 * "KM_PANIC: if memory cannot be allocated, panic": accepted with either
 * sleep flag, and not counted as a bad flag. (The panic itself is tested
 * in the Rust suite ddi_compat_kmem, where it can be counted instead.)
 */
void sol_km_panic_accepted(struct kunit *t)
{
	long long bad = sol_kmem_stat("bad_flags");
	char *a = kmem_alloc(100, KM_SLEEP | KM_PANIC);
	char *b = kmem_zalloc(20000, KM_NOSLEEP | KM_PANIC);

	SOL_EXPECT(t, a != NULL);
	SOL_EXPECT(t, b != NULL && b[0] == 0 && b[19999] == 0);
	kmem_free(a, 100);
	kmem_free(b, 20000);
	SOL_EXPECT_EQ(t, sol_kmem_stat("bad_flags"), bad);
}

/* One call site each (the store after the call keeps it from being a tail call). */
static __attribute__((__noinline__)) void *sol_alloc_at_one_site(int flag)
{
	char *p = kmem_alloc(64, flag);

	if (p != NULL)
		p[0] = 1;
	return p;
}

static __attribute__((__noinline__)) void *sol_alloc_at_another_site(int flag)
{
	char *p = kmem_zalloc(64, flag);

	if (p != NULL)
		p[1] = 1;
	return p;
}

/*
 * "KM_SLEEP allocations may sleep but are guaranteed to succeed", even
 * with a flag bit the shim does not know: the bit is masked off, counted
 * at every call, and reported once per call site.
 */
void sol_unknown_flags_masked_once_per_site(struct kunit *t)
{
	long long bad = sol_kmem_stat("bad_flags"), sites = sol_kmem_stat("bad_flag_sites");
	int i;

	for (i = 0; i < 3; i++) {
		void *p = sol_alloc_at_one_site(KM_SLEEP | SOL_KM_UNKNOWN);

		SOL_EXPECT(t, p != NULL);
		kmem_free(p, 64);
	}
	SOL_EXPECT_EQ(t, sol_kmem_stat("bad_flag_sites"), sites + 1);
	for (i = 0; i < 2; i++) {
		char *p = sol_alloc_at_another_site(KM_NOSLEEP | SOL_KM_UNKNOWN | 0x100000);

		SOL_EXPECT(t, p != NULL && p[0] == 0 && p[63] == 0);
		kmem_free(p, 64);
	}
	SOL_EXPECT_EQ(t, sol_kmem_stat("bad_flags"), bad + 5);
	SOL_EXPECT_EQ(t, sol_kmem_stat("bad_flag_sites"), sites + 2);
}

/* The man page's struct foo, without its lock and cv. */
struct foo {
	uint32_t foo_magic;
	int foo_refcnt;
	void *foo_barlist;
	char foo_data[100];
};

#define FOO_MAGIC	0xf00dcafe

struct foo_softc {
	int ctors, dtors, last_kmflags, fail_nosleep;
	void *last_buf;
};

static int foo_constructor(void *buf, void *arg, int kmflags)
{
	struct foo_softc *sc = arg;
	struct foo *foo = buf;

	if ((kmflags & KM_NOSLEEP) && sc->fail_nosleep)
		return -1;
	foo->foo_magic = FOO_MAGIC;
	foo->foo_refcnt = 0;
	foo->foo_barlist = NULL;
	sc->ctors++;
	sc->last_kmflags = kmflags;
	sc->last_buf = buf;
	return 0;
}

static void foo_destructor(void *buf, void *arg)
{
	struct foo_softc *sc = arg;
	struct foo *foo = buf;

	if (foo->foo_magic == FOO_MAGIC && foo->foo_refcnt == 0 && foo->foo_barlist == NULL)
		sc->dtors++;
	foo->foo_magic = 0;
	sc->last_buf = buf;
}

static kmem_cache_t *foo_cache_create(struct foo_softc *sc, char *name)
{
	return kmem_cache_create(name, sizeof(struct foo), 0, foo_constructor, foo_destructor,
				 NULL, sc, NULL, 0);
}

/*
 * "kmem_cache_alloc() gets an object from the cache. The object will be
 * in its constructed state." The constructor gets the object, the private
 * argument and the caller's kmflag ("Propagated kmflag values").
 */
void sol_cache_alloc_constructs(struct kunit *t)
{
	struct foo_softc sc = { 0 };
	kmem_cache_t *cp = foo_cache_create(&sc, "sol_foo_cache");
	struct foo *a, *b;

	SOL_EXPECT(t, cp != NULL);
	a = kmem_cache_alloc(cp, KM_SLEEP);
	SOL_EXPECT(t, a != NULL && a->foo_magic == FOO_MAGIC && a->foo_refcnt == 0);
	SOL_EXPECT(t, sc.last_buf == a && sc.last_kmflags == KM_SLEEP);
	b = kmem_cache_alloc(cp, KM_NOSLEEP | KM_PUSHPAGE);
	SOL_EXPECT(t, b != NULL && b != a && b->foo_magic == FOO_MAGIC);
	SOL_EXPECT_EQ(t, sc.last_kmflags, KM_NOSLEEP | KM_PUSHPAGE);
	SOL_EXPECT_EQ(t, sc.ctors, 2);
	a->foo_refcnt = 1;	/* use foo */
	a->foo_refcnt = 0;
	kmem_cache_free(cp, a);
	kmem_cache_free(cp, b);
	kmem_cache_destroy(cp);
}

/*
 * "kmem_cache_free() returns an object to the cache. The object must be
 * in its constructed state." The destructor gets it, with the private
 * argument, still constructed.
 */
void sol_cache_free_destructs(struct kunit *t)
{
	struct foo_softc sc = { 0 };
	kmem_cache_t *cp = foo_cache_create(&sc, "sol_foo_cache");
	struct foo *a = kmem_cache_alloc(cp, KM_SLEEP);

	SOL_EXPECT_EQ(t, sc.dtors, 0);
	kmem_cache_free(cp, a);
	SOL_EXPECT_EQ(t, sc.dtors, 1);
	SOL_EXPECT(t, sc.last_buf == a);
	kmem_cache_destroy(cp);
	SOL_EXPECT_EQ(t, sc.ctors, 1);
}

/*
 * "If KM_NOSLEEP is set and memory cannot be allocated without sleeping,
 * the constructor must return -1": kmem_cache_alloc() then returns NULL,
 * and nothing is left allocated (the cache destroys without a report).
 */
void sol_cache_constructor_failure(struct kunit *t)
{
	struct foo_softc sc = { .fail_nosleep = 1 };
	kmem_cache_t *cp = foo_cache_create(&sc, "sol_foo_fail");
	long long failures = sol_kmem_stat("failures"), leaks = sol_kmem_stat("cache_leak");
	struct foo *a;

	SOL_EXPECT(t, kmem_cache_alloc(cp, KM_NOSLEEP) == NULL);
	SOL_EXPECT_EQ(t, sol_kmem_stat("failures"), failures + 1);
	SOL_EXPECT_EQ(t, sc.dtors, 0);
	a = kmem_cache_alloc(cp, KM_SLEEP);
	SOL_EXPECT(t, a != NULL && a->foo_magic == FOO_MAGIC);
	kmem_cache_free(cp, a);
	kmem_cache_destroy(cp);
	SOL_EXPECT_EQ(t, sol_kmem_stat("cache_leak"), leaks);
}

/*
 * "kmem_cache_create() creates a cache of objects, each of size bufsize
 * bytes, aligned on an align boundary. Drivers not requiring a specific
 * alignment can pass 0."
 */
void sol_cache_objects_aligned(struct kunit *t)
{
	static const size_t aligns[] = { 0, 8, 32, 128, 4096 };
	size_t i;

	for (i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++) {
		kmem_cache_t *cp = kmem_cache_create("sol_align", 200, aligns[i], NULL, NULL, NULL,
						     NULL, NULL, 0);
		unsigned char *p[3];
		int j;

		SOL_EXPECT(t, cp != NULL);
		for (j = 0; j < 3; j++) {
			p[j] = kmem_cache_alloc(cp, KM_SLEEP);
			SOL_EXPECT(t, p[j] != NULL);
			SOL_EXPECT_EQ(t, (uintptr_t)p[j] % (aligns[i] ? aligns[i] : 8), 0);
			p[j][0] = p[j][199] = (unsigned char)j;
		}
		for (j = 0; j < 3; j++) {
			SOL_EXPECT(t, p[j][0] == j && p[j][199] == j);
			kmem_cache_free(cp, p[j]);
		}
		kmem_cache_destroy(cp);
	}
}

/*
 * "kmem_cache_free() returns an object to the cache": to its own cache.
 * An object freed to another cache, a kmem_alloc() buffer, a foreign
 * pointer and a second free are reported (naming both callers where
 * there are two) and the object is left alone.
 */
void sol_cache_bad_frees_reported(struct kunit *t)
{
	struct foo_softc sa = { 0 }, sb = { 0 };
	kmem_cache_t *a = foo_cache_create(&sa, "sol_foo_a");
	kmem_cache_t *b = foo_cache_create(&sb, "sol_foo_b");
	long long wrong = sol_kmem_stat("wrong_cache"), twice = sol_kmem_stat("double_free");
	long long foreign = sol_kmem_stat("foreign_pointer");
	struct foo *o = kmem_cache_alloc(a, KM_SLEEP);
	char *buf = kmem_alloc(sizeof(struct foo), KM_SLEEP);
	struct foo on_stack = { 0 };

	kmem_cache_free(b, o);
	SOL_EXPECT_EQ(t, sol_kmem_stat("wrong_cache"), wrong + 1);
	SOL_EXPECT(t, sa.dtors == 0 && sb.dtors == 0 && o->foo_magic == FOO_MAGIC);
	kmem_cache_free(a, buf);
	kmem_free(o, sizeof(struct foo));
	SOL_EXPECT_EQ(t, sol_kmem_stat("wrong_cache"), wrong + 3);
	kmem_free(buf, sizeof(struct foo));
	kmem_cache_free(a, &on_stack);
	kmem_cache_free(a, &o->foo_data[16]);
	kmem_cache_free(a, NULL);
	SOL_EXPECT_EQ(t, sol_kmem_stat("foreign_pointer"), foreign + 3);
	kmem_cache_free(a, o);
	SOL_EXPECT_EQ(t, sa.dtors, 1);
	kmem_cache_free(a, o);
	SOL_EXPECT_EQ(t, sol_kmem_stat("double_free"), twice + 1);
	SOL_EXPECT_EQ(t, sa.dtors, 1);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

/*
 * "kmem_cache_destroy() destroys the cache and releases all associated
 * resources. All allocated objects must have been previously freed."
 * With one still allocated: reported, and the cache is left in place; the
 * object stays good and can still be freed; allocations fail.
 */
void sol_cache_destroy_with_objects_reported(struct kunit *t)
{
	struct foo_softc sc = { 0 };
	kmem_cache_t *cp = foo_cache_create(&sc, "sol_foo_leak");
	struct foo *o = kmem_cache_alloc(cp, KM_SLEEP);
	long long leaks = sol_kmem_stat("cache_leak"), bad = sol_kmem_stat("bad_cache");

	kmem_cache_destroy(cp);
	SOL_EXPECT_EQ(t, sol_kmem_stat("cache_leak"), leaks + 1);
	SOL_EXPECT(t, o->foo_magic == FOO_MAGIC);
	SOL_EXPECT(t, kmem_cache_alloc(cp, KM_NOSLEEP) == NULL);
	kmem_cache_free(cp, o);
	SOL_EXPECT_EQ(t, sc.dtors, 1);
	SOL_EXPECT_EQ(t, sol_kmem_stat("bad_cache"), bad + 2);
}

struct sol_irq_arg {
	kmem_cache_t *cp;
	void *from_process;
	int ok;
};

static void sol_cache_nosleep_calls(void *p)
{
	struct sol_irq_arg *a = p;
	struct foo *o = kmem_cache_alloc(a->cp, KM_NOSLEEP);

	a->ok = o != NULL && o->foo_magic == FOO_MAGIC;
	if (o)
		kmem_cache_free(a->cp, o);
	kmem_cache_free(a->cp, a->from_process);
}

/*
 * "kmem_cache_alloc() can be called from interrupt context only if the
 * KM_NOSLEEP flag is set." "kmem_cache_free() can be called from user,
 * kernel, or interrupt context." In an interrupt handler and under a
 * spinlock (DEBUG_ATOMIC_SLEEP would report a sleep).
 */
void sol_cache_nosleep_any_context(struct kunit *t)
{
	struct foo_softc sc = { 0 };
	kmem_cache_t *cp = foo_cache_create(&sc, "sol_foo_irq");
	struct sol_irq_arg a = { .cp = cp };

	a.from_process = kmem_cache_alloc(cp, KM_SLEEP);
	(void)sol_run_in_irq(sol_cache_nosleep_calls, &a);
	SOL_EXPECT(t, a.ok);
	a.ok = 0;
	a.from_process = kmem_cache_alloc(cp, KM_SLEEP);
	sol_run_atomic(sol_cache_nosleep_calls, &a);
	SOL_EXPECT(t, a.ok);
	SOL_EXPECT_EQ(t, sc.ctors, 4);
	SOL_EXPECT_EQ(t, sc.dtors, 4);
	kmem_cache_destroy(cp);
}

/*
 * "cflags: Drivers must pass 0." illumos's KMC_NOTOUCH, KMC_NODEBUG,
 * KMC_NOMAGAZINE and KMC_NOHASH are accepted too; other bits are reported
 * and ignored. "reclaim: Drivers should pass NULL."
 */
void sol_cache_cflags_accepted(struct kunit *t)
{
	long long bad = sol_kmem_stat("bad_flags");
	kmem_cache_t *cp = kmem_cache_create("sol_cflags", 32, 0, NULL, NULL, NULL, NULL, NULL,
					     KMC_NOTOUCH | KMC_NODEBUG | KMC_NOMAGAZINE | KMC_NOHASH);
	void *p;

	SOL_EXPECT(t, cp != NULL);
	p = kmem_cache_alloc(cp, KM_SLEEP);
	SOL_EXPECT(t, p != NULL);
	kmem_cache_free(cp, p);
	kmem_cache_destroy(cp);
	SOL_EXPECT_EQ(t, sol_kmem_stat("bad_flags"), bad);
	cp = kmem_cache_create("sol_cflags", 32, 0, NULL, NULL, NULL, NULL, NULL, 0x40000000);
	SOL_EXPECT(t, cp != NULL);
	SOL_EXPECT_EQ(t, sol_kmem_stat("bad_flags"), bad + 1);
	kmem_cache_destroy(cp);
}
