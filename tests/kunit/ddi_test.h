/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the C KUnit suites share: the interrupt context that "callable from
 * any context" (<sys/kmem.h>, <sys/map.h>) is tested in.
 *
 * That context is an ordinary, threadable interrupt handler's: an irq_work
 * without IRQ_WORK_HARD_IRQ. Without PREEMPT_RT it runs in hard interrupt
 * context (the irq_work interrupt); with PREEMPT_RT, in the per-CPU
 * irq_work thread, as threaded handlers do. Not included, as for kmalloc():
 * handlers that stay in hard interrupt context on PREEMPT_RT
 * (IRQF_NO_THREAD, IRQ_WORK_HARD_IRQ) and raw spinlock sections, where no
 * spinlock_t may be taken (lockdep's PROVE_RAW_LOCK_NESTING reports one
 * there on every kernel, as "Invalid wait context").
 */
#ifndef DDI_TEST_H
#define DDI_TEST_H

#include <linux/irq_work.h>

/* Whether the handler of ddi_test_irq_work() runs in hard interrupt context. */
#define DDI_TEST_HARDIRQ (!IS_ENABLED(CONFIG_PREEMPT_RT))

static inline void ddi_test_irq_work(struct irq_work *w, void (*fn)(struct irq_work *))
{
	init_irq_work(w, fn);
}

#endif /* DDI_TEST_H */
