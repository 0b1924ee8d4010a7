/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/systm.h>, byte copies and user copies.
 */
#ifndef _DDI_COMPAT_SYS_SYSTM_H
#define _DDI_COMPAT_SYS_SYSTM_H

#include <sys/types.h>

/*
 * bcopy(9F), ovbcopy(9F): copy count bytes from from to to. Overlapping
 * buffers are copied correctly by both (illumos requires ovbcopy for them).
 * bcopy() copies buffers that do not overlap, its documented use, with
 * memcpy(), the kernel's fastest copy; memmove() only where they overlap.
 * Context: Any context.
 */
static inline void bcopy(const void *from, void *to, size_t count)
{
	uintptr_t f = (uintptr_t)from, t = (uintptr_t)to;

	if (t - f >= count && f - t >= count)
		__builtin_memcpy(to, from, count);
	else
		__builtin_memmove(to, from, count);
}

static inline void ovbcopy(const void *from, void *to, size_t count)
{
	__builtin_memmove(to, from, count);
}

/* bzero(9F): zero count bytes at addr. Context: Any context. */
static inline void bzero(void *addr, size_t count)
{
	__builtin_memset(addr, 0, count);
}

/**
 * bcmp() - Compare two byte arrays (bcmp(9F)).
 * @s1: one array.
 * @s2: the other.
 * @len: the number of bytes.
 *
 * Context: Any context.
 * Return: 0 if they are equal, non-zero otherwise (not an order).
 */
int bcmp(const void *s1, const void *s2, size_t len);

/**
 * copyin() - Copy from a user address (copyin(9F)).
 * @userbuf: the user-space source.
 * @driverbuf: the kernel destination.
 * @cn: the number of bytes.
 *
 * Context: Process context (the user's). May sleep (page faults).
 * Return: 0; -1 if part of @userbuf is not readable (then some bytes
 * may have been copied).
 */
int copyin(const void *userbuf, void *driverbuf, size_t cn);

/**
 * copyout() - Copy to a user address (copyout(9F)).
 * @driverbuf: the kernel source.
 * @userbuf: the user-space destination.
 * @cn: the number of bytes.
 *
 * Context: Process context (the user's). May sleep (page faults).
 * Return: 0; -1 if part of @userbuf is not writable.
 */
int copyout(const void *driverbuf, void *userbuf, size_t cn);

#endif /* _DDI_COMPAT_SYS_SYSTM_H */
