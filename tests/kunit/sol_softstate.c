// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_softstate: <sys/sunddi.h>'s soft state (ddi_soft_state(9F)),
 * from Solaris code: one case per sentence of the man page (and of our
 * additions to it), a driver's _init/attach/open/detach/_fini in the
 * round trip, interrupt context and a concurrent reader in the others.
 * Each misuse case checks that the shim reported it (its report count).
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/debug.h>
#include <sys/sunddi.h>
#include "sol_test.h"
#include "sol_cases.h"

/* The man page's devstate_t, with an instance number of our own. */
typedef struct {
	volatile caddr_t *csr;
	kmutex_t csr_mutex;
	unsigned int state;
	dev_info_t *dip;
	volatile int instance;
} devstate_t;

/* Every byte of buf is 0. */
static int all_zero(const void *buf, size_t n)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Writes garbage over buf, for the next zalloc to clear. */
static void fill(char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (char)0xa5;
}

/*
 * "ddi_soft_state_init() ... initialize[s] the state pointer";
 * "ddi_soft_state_zalloc() ... if the space allocation was successful,
 * DDI_SUCCESS is returned"; "A pointer to the space ... can be obtained by
 * calling ddi_get_soft_state()"; "ddi_soft_state_free()" returns it;
 * "ddi_soft_state_fini()" returns the rest. The man page's example driver.
 */
void sol_softstate_round_trip(struct kunit *t)
{
	void *statep = NULL;
	devstate_t *softc;
	long before = sol_softstate_reports();

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, sizeof(devstate_t), 0), 0);
	if (!SOL_EXPECT(t, statep != NULL))
		return;
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 3), DDI_SUCCESS);	/* attach */
	softc = ddi_get_soft_state(statep, 3);
	if (SOL_EXPECT(t, softc != NULL)) {
		softc->state |= 1;					/* open */
		SOL_EXPECT(t, ddi_get_soft_state(statep, 3) == softc);
		SOL_EXPECT_EQ(t, ((devstate_t *)ddi_get_soft_state(statep, 3))->state, 1);
	}
	SOL_EXPECT(t, ddi_get_soft_state(statep, 2) == NULL);		/* not attached */
	ddi_soft_state_free(statep, 3);					/* detach */
	SOL_EXPECT(t, ddi_get_soft_state(statep, 3) == NULL);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 3), DDI_SUCCESS);	/* attach again */
	ddi_soft_state_free(statep, 3);
	ddi_soft_state_fini(&statep);					/* _fini */
	SOL_EXPECT(t, statep == NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before);
}

/* "Returned memory is zeroed": small and big, and again after reuse. */
void sol_softstate_zeroed(struct kunit *t)
{
	static const size_t sizes[] = { 1, sizeof(devstate_t), 4096, 100000 };
	size_t i;
	int round;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		void *statep = NULL;

		if (!SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, sizes[i], 4), 0))
			continue;
		for (round = 0; round < 2; round++) {
			char *p;

			SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 0), DDI_SUCCESS);
			p = ddi_get_soft_state(statep, 0);
			if (!SOL_EXPECT(t, p != NULL))
				break;
			SOL_EXPECT(t, all_zero(p, sizes[i]));
			fill(p, sizes[i]);
			ddi_soft_state_free(statep, 0);
		}
		ddi_soft_state_fini(&statep);
	}
}

/*
 * "n_items: A hint of the number of items which will be preallocated":
 * a hint only; "the array is extended to allow the requested offset": item
 * 1000 with a hint of 1, and the items allocated before keep their place.
 */
void sol_softstate_grows_past_hint(struct kunit *t)
{
	void *statep = NULL;
	devstate_t *s0, *s9;
	int i;

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, sizeof(devstate_t), 1), 0);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 0), DDI_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 9), DDI_SUCCESS);
	s0 = ddi_get_soft_state(statep, 0);
	s9 = ddi_get_soft_state(statep, 9);
	SOL_EXPECT(t, s0 != NULL && s9 != NULL && s0 != s9);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 1000), DDI_SUCCESS);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 1000) != NULL);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 0) == s0);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 9) == s9);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 999) == NULL);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 1001) == NULL);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 0x7fffffff) == NULL);
	for (i = 100; i < 300; i++)
		SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, i), DDI_SUCCESS);
	for (i = 100; i < 300; i++)
		ddi_soft_state_free(statep, i);
	ddi_soft_state_free(statep, 0);
	ddi_soft_state_free(statep, 9);
	ddi_soft_state_free(statep, 1000);
	ddi_soft_state_fini(&statep);
}

/*
 * "NULL: The requested state structure was not allocated at the time of
 * the call": never allocated, freed, far past the array. A negative item
 * or a NULL handle is a driver bug: NULL too, and reported.
 */
void sol_softstate_get_unallocated_is_null(struct kunit *t)
{
	void *statep = NULL;
	long before;

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, 8, 8), 0);
	before = sol_softstate_reports();
	SOL_EXPECT(t, ddi_get_soft_state(statep, 0) == NULL);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 7) == NULL);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 8) == NULL);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 123456) == NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before);
	SOL_EXPECT(t, ddi_get_soft_state(statep, -1) == NULL);
	SOL_EXPECT(t, ddi_get_soft_state(statep, -2147483647 - 1) == NULL);
	SOL_EXPECT(t, ddi_get_soft_state(NULL, 0) == NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 3);
	ddi_soft_state_fini(&statep);
}

/*
 * "DDI_FAILURE: ... the state parameter was invalid, the item number was
 * negative, or an attempt was made to allocate an item number that was
 * already allocated." The allocated one keeps its soft state.
 */
void sol_softstate_zalloc_failures(struct kunit *t)
{
	void *statep = NULL;
	devstate_t *s;
	long before;

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, sizeof(devstate_t), 0), 0);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 2), DDI_SUCCESS);
	s = ddi_get_soft_state(statep, 2);
	if (s)
		s->instance = 2;
	before = sol_softstate_reports();
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 2), DDI_FAILURE);	/* silent */
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before);
	SOL_EXPECT(t, ddi_get_soft_state(statep, 2) == s);
	SOL_EXPECT(t, s != NULL && s->instance == 2);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, -1), DDI_FAILURE);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(NULL, 0), DDI_FAILURE);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(&statep, 0), DDI_FAILURE);	/* &statep slip */
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 3);
	ddi_soft_state_free(statep, 2);
	ddi_soft_state_fini(&statep);
}

/*
 * "EINVAL: Either the size parameter was zero, or the state_p parameter
 * was invalid" (NULL, or not NULL-initialised: a second init).
 */
void sol_softstate_init_einval(struct kunit *t)
{
	void *statep = NULL, *kept;
	long before = sol_softstate_reports();

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, 0, 4), EINVAL);
	SOL_EXPECT(t, statep == NULL);
	SOL_EXPECT_EQ(t, ddi_soft_state_init(NULL, 16, 4), EINVAL);
	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, 16, 4), 0);
	kept = statep;
	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, 16, 4), EINVAL);
	SOL_EXPECT(t, statep == kept);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 3);
	ddi_soft_state_fini(&statep);
}

struct irq_args {
	void *statep;
	void *got, *none, *neg;
	int item;
};

static void get_in_irq(void *arg)
{
	struct irq_args *a = arg;

	a->got = ddi_get_soft_state(a->statep, a->item);
	a->none = ddi_get_soft_state(a->statep, a->item + 1);
	a->neg = ddi_get_soft_state(a->statep, -a->item);
}

static void free_in_irq(void *arg)
{
	struct irq_args *a = arg;

	ddi_soft_state_free(a->statep, a->item);
}

static void fini_atomic(void *arg)
{
	ddi_soft_state_fini(arg);
}

/*
 * "The ddi_soft_state_fini(), ddi_soft_state_free() and
 * ddi_get_soft_state() routines can be called from any driver context":
 * get and free in an interrupt handler, fini with a spinlock held and
 * interrupts off (DEBUG_ATOMIC_SLEEP and lockdep watch).
 */
void sol_softstate_any_context(struct kunit *t)
{
	struct irq_args a = { .item = 7 };
	long before;

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&a.statep, sizeof(devstate_t), 0), 0);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(a.statep, 7), DDI_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(a.statep, 9), DDI_SUCCESS);
	before = sol_softstate_reports();
	(void) sol_run_in_irq(get_in_irq, &a);
	SOL_EXPECT(t, a.got != NULL && a.got == ddi_get_soft_state(a.statep, 7));
	SOL_EXPECT(t, a.none == NULL && a.neg == NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 1);	/* the negative item */
	(void) sol_run_in_irq(free_in_irq, &a);
	SOL_EXPECT(t, ddi_get_soft_state(a.statep, 7) == NULL);
	sol_run_atomic(fini_atomic, &a.statep);			/* item 9 still there */
	SOL_EXPECT(t, a.statep == NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 2);
}

#define GROW_ITEMS	3000
#define READS_MAX	20000000L

struct grow_args {
	void *statep;
	volatile int done;
	int failures;
};

/* attach of GROW_ITEMS instances, one after the other: ten growths. */
static void grower(void *arg)
{
	struct grow_args *g = arg;
	int i;

	for (i = 1; i < GROW_ITEMS; i++) {
		devstate_t *s;

		if (ddi_soft_state_zalloc(g->statep, i) != DDI_SUCCESS) {
			g->failures++;
			continue;
		}
		s = ddi_get_soft_state(g->statep, i);
		if (s)
			s->instance = i;
		else
			g->failures++;
	}
	g->done = 1;
}

/*
 * "The ddi_soft_state_zalloc(), ddi_soft_state_free() and
 * ddi_get_soft_state() routines coordinate access to the underlying data
 * structures in an MT-safe fashion, thus no additional locks should be
 * necessary": lock-free reads of items old and new while another thread
 * grows the array (a retired array freed too early is a KASAN report).
 */
void sol_softstate_get_while_growing(struct kunit *t)
{
	struct grow_args g = { 0 };
	struct sol_thread *th;
	devstate_t *s0;
	long reads = 0, bad = 0;
	int i, k = 1;

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&g.statep, sizeof(devstate_t), 1), 0);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(g.statep, 0), DDI_SUCCESS);
	s0 = ddi_get_soft_state(g.statep, 0);
	th = sol_thread_start(grower, &g);
	if (!SOL_EXPECT(t, th != NULL))
		goto out;
	while (!g.done && reads < READS_MAX) {
		devstate_t *s = ddi_get_soft_state(g.statep, k);

		if (ddi_get_soft_state(g.statep, 0) != s0)
			bad++;
		/* Not yet allocated, not yet numbered, or numbered right. */
		if (s && s->instance != 0 && s->instance != k)
			bad++;
		k = k * 7 % GROW_ITEMS + 1;
		reads++;
	}
	sol_thread_join(th);
	SOL_EXPECT_EQ(t, g.failures, 0);
	SOL_EXPECT_EQ(t, bad, 0);
	SOL_EXPECT(t, reads > 0);
	for (i = 1; i < GROW_ITEMS; i++) {
		devstate_t *s = ddi_get_soft_state(g.statep, i);

		if (!s || s->instance != i)
			bad++;
	}
	SOL_EXPECT_EQ(t, bad, 0);
	for (i = 1; i < GROW_ITEMS; i++)
		ddi_soft_state_free(g.statep, i);
out:
	ddi_soft_state_free(g.statep, 0);
	ddi_soft_state_fini(&g.statep);
}

/*
 * "The space used by all the soft state structures allocated on a given
 * state pointer, together with the housekeeping information ... can be
 * returned to the system using ddi_soft_state_fini()": items still
 * allocated are freed (kmemleak would report them otherwise) and reported.
 */
void sol_softstate_fini_frees_live_items(struct kunit *t)
{
	void *statep = NULL;
	long before = sol_softstate_reports();

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, 5000, 2), 0);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 0), DDI_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 17), DDI_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 4000), DDI_SUCCESS);
	ddi_soft_state_fini(&statep);
	SOL_EXPECT(t, statep == NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 1);
}

/*
 * Misuse that illumos's DIAGNOSTICS list ("null handle", "bad handle",
 * "item %d not in range") and ours (a double free, a second fini, a stale
 * handle after fini): each is reported once, nothing is freed twice,
 * nothing crashes, KASAN has nothing to say.
 */
void sol_softstate_misuse_reported(struct kunit *t)
{
	void *statep = NULL, *copy;
	long before;

	SOL_EXPECT_EQ(t, ddi_soft_state_init(&statep, 32, 0), 0);
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(statep, 1), DDI_SUCCESS);
	before = sol_softstate_reports();
	ddi_soft_state_free(statep, 1);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before);
	ddi_soft_state_free(statep, 1);			/* double free */
	ddi_soft_state_free(statep, 5000);		/* past the array */
	ddi_soft_state_free(statep, -3);
	ddi_soft_state_free(NULL, 1);
	ddi_soft_state_free(&statep, 1);		/* &statep slip */
	SOL_EXPECT(t, ddi_get_soft_state(&statep, 1) == NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 6);
	copy = statep;
	ddi_soft_state_fini(&statep);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 6);
	ddi_soft_state_fini(&statep);			/* a second fini */
	ddi_soft_state_fini(NULL);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 8);
	SOL_EXPECT(t, statep == NULL && copy != NULL);
	/* A stale copy of the handle: its tag is read without a fault. */
	SOL_EXPECT_EQ(t, ddi_soft_state_zalloc(copy, 0), DDI_FAILURE);
	ddi_soft_state_free(copy, 0);
	SOL_EXPECT_EQ(t, sol_softstate_reports(), before + 10);
}
