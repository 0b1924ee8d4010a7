/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/vmem.h>, vmem arenas of identifiers.
 *
 * illumos drivers make a vmem arena with VMC_IDENTIFIER to hand out
 * numbers (clone minors, instance or session ids): quantum 1, one number
 * per vmem_alloc(). That is what this vmem does, on a Linux IDA: the
 * lowest free number of the arena's range (VM_BESTFIT, VM_FIRSTFIT), or
 * with VM_NEXTFIT the lowest free one after the last VM_NEXTFIT number,
 * wrapping round (a freed number is not reused at once). Imports from a
 * source arena, quanta other than 1 and allocations of more than one
 * unit are not provided: vmem_create() and vmem_alloc() report them and
 * fail. An arena without VMC_IDENTIFIER is taken as one (reported):
 * there is no memory behind any arena here, and no quantum cache
 * (qcache_max is ignored). Numbers above INT_MAX are not handed out (the
 * IDA's limit), and neither is 0, which vmem_alloc() returns for failure.
 *
 * VM_SLEEP allocations wait for memory and for a vmem_free() if the
 * arena is full; VM_NOSLEEP ones return NULL at once.
 */
#ifndef _DDI_COMPAT_SYS_VMEM_H
#define _DDI_COMPAT_SYS_VMEM_H

#include <sys/types.h>

/* vmem_alloc() flags; VM_SLEEP and VM_NOSLEEP are KM_SLEEP and KM_NOSLEEP. */
#define VM_SLEEP	0x00000000	/* may sleep; never fails */
#define VM_NOSLEEP	0x00000001	/* never sleeps; may fail */
#define VM_PANIC	0x00000002	/* as VM_SLEEP here: failures are reported */
#define VM_PUSHPAGE	0x00000004	/* accepted, no effect */
#define VM_NORMALPRI	0x00000008	/* accepted, no effect */
#define VM_KMFLAGS	0x000000ff
#define VM_BESTFIT	0x00000100
#define VM_FIRSTFIT	0x00000200
#define VM_NEXTFIT	0x00000400

/* vmem_create() flags. */
#define VMC_POPULATOR	0x00010000
#define VMC_NO_QCACHE	0x00020000
#define VMC_IDENTIFIER	0x00040000	/* numbers, not memory */

/* An arena; opaque. */
typedef struct vmem vmem_t;

/* The import functions of vmem_create(): not supported, pass NULL. */
typedef void *(vmem_alloc_t)(vmem_t *, size_t, int);
typedef void (vmem_free_t)(vmem_t *, void *, size_t);

/**
 * vmem_create() - Make an arena of the numbers [@base, @base + @size).
 * @name: the arena's name, for reports.
 * @base: the first number, as a pointer.
 * @size: how many numbers; not 0.
 * @quantum: 1.
 * @afunc: NULL (imports are not supported).
 * @ffunc: NULL.
 * @source: NULL.
 * @qcache_max: ignored (no quantum caches).
 * @vmflag: VM_SLEEP or VM_NOSLEEP, with VMC_IDENTIFIER.
 *
 * Context: Process context; may sleep unless VM_NOSLEEP.
 * Return: the arena; NULL (reported) for a @quantum other than 1, an
 * import, @size 0, a range with no number in 1..INT_MAX, or if memory
 * is short.
 */
vmem_t *vmem_create(const char *name, void *base, size_t size, size_t quantum,
		    vmem_alloc_t *afunc, vmem_free_t *ffunc, vmem_t *source, size_t qcache_max,
		    int vmflag);

/**
 * vmem_alloc() - Take the lowest free number of an arena.
 * @vmp: the arena.
 * @size: 1 (the quantum).
 * @vmflag: VM_SLEEP or VM_NOSLEEP, with a fit policy.
 *
 * Context: VM_SLEEP: process context, may sleep (for memory, or until a
 * vmem_free() when the arena is full). VM_NOSLEEP: any context.
 * Return: the number, as a pointer; NULL if VM_NOSLEEP and none is free
 * or memory is short, and (reported) for a NULL arena or @size not 1.
 */
void *vmem_alloc(vmem_t *vmp, size_t size, int vmflag);

/**
 * vmem_free() - Give a number back to its arena.
 * @vmp: the arena.
 * @vaddr: a number vmem_alloc() returned from @vmp.
 * @size: 1.
 *
 * A number outside the arena, or not allocated, is reported and ignored.
 * Context: Any context. Does not sleep.
 */
void vmem_free(vmem_t *vmp, void *vaddr, size_t size);

/**
 * vmem_destroy() - Free an arena.
 * @vmp: the arena; NULL is ignored.
 *
 * Numbers still allocated are reported (illumos: "leaked").
 * Context: Process context. Does not sleep.
 */
void vmem_destroy(vmem_t *vmp);

#endif /* _DDI_COMPAT_SYS_VMEM_H */
