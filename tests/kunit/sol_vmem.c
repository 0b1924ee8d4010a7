// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_vmem: <sys/vmem.h> from Solaris code, as drivers use it: an
 * arena of identifiers (VMC_IDENTIFIER, quantum 1) handing out clone
 * minors, lowest first, with VM_SLEEP waiting for a free.
 */
#include <sys/types.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include <sys/vmem.h>
#include "sol_test.h"
#include "sol_cases.h"

#define ID(v)	((uintptr_t)(v))

static vmem_t *ids(uintptr_t base, size_t size)
{
	return vmem_create("sol ids", (void *)base, size, 1, NULL, NULL, NULL, 0,
	    VM_SLEEP | VMC_IDENTIFIER);
}

/* The lowest free number, every time; a freed one is handed out again. */
void sol_vmem_lowest_free(struct kunit *t)
{
	vmem_t *vm = ids(1, 3);
	void *a, *b, *c;

	if (!SOL_EXPECT(t, vm != NULL))
		return;
	a = vmem_alloc(vm, 1, VM_BESTFIT | VM_SLEEP);
	b = vmem_alloc(vm, 1, VM_FIRSTFIT | VM_SLEEP);
	c = vmem_alloc(vm, 1, VM_NEXTFIT | VM_SLEEP);
	SOL_EXPECT_EQ(t, ID(a), 1);
	SOL_EXPECT_EQ(t, ID(b), 2);
	SOL_EXPECT_EQ(t, ID(c), 3);
	SOL_EXPECT(t, vmem_alloc(vm, 1, VM_NOSLEEP) == NULL);	/* full */
	vmem_free(vm, b, 1);
	SOL_EXPECT_EQ(t, ID(vmem_alloc(vm, 1, VM_NOSLEEP)), 2);
	vmem_free(vm, a, 1);
	vmem_free(vm, b, 1);
	vmem_free(vm, c, 1);
	vmem_destroy(vm);
}

/* VM_NEXTFIT goes on past its last number (wrapping), not back to a freed one. */
void sol_vmem_nextfit_goes_on(struct kunit *t)
{
	vmem_t *vm = ids(1, 4);
	void *a, *b, *c, *d, *e;

	if (!SOL_EXPECT(t, vm != NULL))
		return;
	a = vmem_alloc(vm, 1, VM_NEXTFIT | VM_SLEEP);
	b = vmem_alloc(vm, 1, VM_NEXTFIT | VM_SLEEP);
	vmem_free(vm, a, 1);
	c = vmem_alloc(vm, 1, VM_NEXTFIT | VM_SLEEP);
	d = vmem_alloc(vm, 1, VM_NEXTFIT | VM_SLEEP);
	e = vmem_alloc(vm, 1, VM_NEXTFIT | VM_SLEEP);	/* wraps to the freed 1 */
	SOL_EXPECT_EQ(t, ID(a), 1);
	SOL_EXPECT_EQ(t, ID(b), 2);
	SOL_EXPECT_EQ(t, ID(c), 3);
	SOL_EXPECT_EQ(t, ID(d), 4);
	SOL_EXPECT_EQ(t, ID(e), 1);
	vmem_free(vm, b, 1);
	SOL_EXPECT_EQ(t, ID(vmem_alloc(vm, 1, VM_FIRSTFIT | VM_NOSLEEP)), 2);
	vmem_free(vm, (void *)1, 1);
	vmem_free(vm, (void *)2, 1);
	vmem_free(vm, c, 1);
	vmem_free(vm, d, 1);
	vmem_destroy(vm);
}

/*
 * Never 0 (vmem_alloc()'s failure), nothing past INT_MAX: eventfd's
 * arena of [1, 2^32 - 1) and one across INT_MAX.
 */
void sol_vmem_range_clamped(struct kunit *t)
{
	vmem_t *vm = ids(0, 4);
	void *a;

	if (SOL_EXPECT(t, vm != NULL)) {
		a = vmem_alloc(vm, 1, VM_SLEEP);
		SOL_EXPECT_EQ(t, ID(a), 1);
		vmem_free(vm, a, 1);
		vmem_destroy(vm);
	}
	vm = ids(1, UINT32_MAX - 1);
	if (SOL_EXPECT(t, vm != NULL)) {
		a = vmem_alloc(vm, 1, VM_SLEEP);
		SOL_EXPECT_EQ(t, ID(a), 1);
		vmem_free(vm, a, 1);
		vmem_destroy(vm);
	}
	vm = ids((uintptr_t)INT_MAX - 1, 10);
	if (SOL_EXPECT(t, vm != NULL)) {
		void *b;

		a = vmem_alloc(vm, 1, VM_NOSLEEP);
		b = vmem_alloc(vm, 1, VM_NOSLEEP);
		SOL_EXPECT_EQ(t, ID(a), (uintptr_t)INT_MAX - 1);
		SOL_EXPECT_EQ(t, ID(b), (uintptr_t)INT_MAX);
		SOL_EXPECT(t, vmem_alloc(vm, 1, VM_NOSLEEP) == NULL);
		vmem_free(vm, a, 1);
		vmem_free(vm, b, 1);
		vmem_destroy(vm);
	}
}

/*
 * What is not provided fails, reported: memory arenas of another
 * quantum, imports, size 0, allocations of more than one number. Bad
 * frees (outside the arena, twice) are reported and change nothing.
 */
void sol_vmem_misuse_reported(struct kunit *t)
{
	vmem_t *vm;
	void *a;

	SOL_EXPECT(t, vmem_create("q", (void *)1, 10, 2, NULL, NULL, NULL, 0, VM_SLEEP) == NULL);
	SOL_EXPECT(t, vmem_create("z", (void *)1, 0, 1, NULL, NULL, NULL, 0,
	    VM_SLEEP | VMC_IDENTIFIER) == NULL);
	SOL_EXPECT(t, vmem_alloc(NULL, 1, VM_NOSLEEP) == NULL);
	vm = ids(1, 4);
	if (!SOL_EXPECT(t, vm != NULL))
		return;
	SOL_EXPECT(t, vmem_create("s", (void *)1, 10, 1, NULL, NULL, vm, 0, VM_SLEEP) == NULL);
	SOL_EXPECT(t, vmem_alloc(vm, 2, VM_NOSLEEP) == NULL);
	a = vmem_alloc(vm, 1, VM_SLEEP);
	SOL_EXPECT_EQ(t, ID(a), 1);
	vmem_free(vm, (void *)9, 1);		/* outside */
	vmem_free(vm, (void *)3, 1);		/* not allocated */
	vmem_free(vm, a, 1);
	vmem_free(vm, a, 1);			/* twice */
	SOL_EXPECT_EQ(t, ID(vmem_alloc(vm, 1, VM_NOSLEEP)), 1);
	SOL_EXPECT_EQ(t, ID(vmem_alloc(vm, 1, VM_NOSLEEP)), 2);
	vmem_free(vm, (void *)1, 1);
	vmem_free(vm, (void *)2, 1);
	vmem_destroy(vm);
	vmem_destroy(NULL);
}

struct sleeper {
	vmem_t *vm;
	volatile int started;
	volatile uintptr_t got;
};

static void sleep_alloc(void *p)
{
	struct sleeper *s = p;

	s->started = 1;
	s->got = ID(vmem_alloc(s->vm, 1, VM_SLEEP));
}

/* VM_SLEEP on a full arena waits for a vmem_free(), then gets that number. */
void sol_vmem_sleep_waits_for_free(struct kunit *t)
{
	struct sleeper s = { .vm = ids(7, 1) };
	struct sol_thread *th;
	void *a;
	int i;

	if (!SOL_EXPECT(t, s.vm != NULL))
		return;
	a = vmem_alloc(s.vm, 1, VM_SLEEP);
	SOL_EXPECT_EQ(t, ID(a), 7);
	th = sol_thread_start(sleep_alloc, &s);
	for (i = 0; i < 3000 && !s.started; i++)
		delay(1);
	delay(drv_usectohz(200000));
	SOL_EXPECT_EQ(t, s.got, 0);		/* still waiting */
	vmem_free(s.vm, a, 1);
	sol_thread_join(th);
	SOL_EXPECT_EQ(t, s.got, 7);
	vmem_free(s.vm, (void *)7, 1);
	vmem_destroy(s.vm);
}
