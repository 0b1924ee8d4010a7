// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/ddi.h>. The tick conversions are written in Rust
 * (ddi/mod.rs, `#[no_mangle] extern "C"`); this file checks them against
 * the header's prototypes and exports them. Here too are the kernel macros
 * that the Rust side of every DDI area uses and has no binding for: the
 * spinlock calls of ddi/lock.rs and kvmalloc() for ddi/mem.rs.
 * <sys/cmn_err.h> is written in C, in ddi/cmn_err.c.
 */
#include <ddi/linux.h>
#include <linux/export.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <sys/ddi.h>

/* The version of the whole shim (the VERSION file), shown by modinfo. */
MODULE_VERSION(DDI_COMPAT_VERSION);

/*
 * spin_lock_irqsave() and friends for ddi/lock.rs (macros in C, whose
 * expansion depends on the configuration). Exported for our benchmark
 * module, which compiles ddi/lock.rs too, not for drivers.
 */
unsigned long ddi_spin_lock_irqsave(spinlock_t *lock);
void ddi_spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
bool ddi_spin_trylock_irqsave(spinlock_t *lock, unsigned long *flags);

unsigned long ddi_spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags;

	spin_lock_irqsave(lock, flags);
	return flags;
}
EXPORT_SYMBOL_NS_GPL(ddi_spin_lock_irqsave, "DDI_COMPAT_INTERNAL");

void ddi_spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock_irqrestore(lock, flags);
}
EXPORT_SYMBOL_NS_GPL(ddi_spin_unlock_irqrestore, "DDI_COMPAT_INTERNAL");

bool ddi_spin_trylock_irqsave(spinlock_t *lock, unsigned long *flags)
{
	return spin_trylock_irqsave(lock, *flags);
}
EXPORT_SYMBOL_NS_GPL(ddi_spin_trylock_irqsave, "DDI_COMPAT_INTERNAL");

void *ddi_kvmalloc(size_t size, gfp_t gfp);

/* kvmalloc(): sleeps only if gfp allows it. */
void *ddi_kvmalloc(size_t size, gfp_t gfp)
{
	return kvmalloc(size, gfp);
}

EXPORT_SYMBOL(drv_usectohz);
EXPORT_SYMBOL(drv_hztousec);
