// SPDX-License-Identifier: GPL-2.0
/*
 * C ABI of <sys/sunddi.h>'s soft-state allocator (ddi_soft_state(9F)).
 * The calls are written in Rust (softstate/mod.rs); each entry point here
 * passes its caller's address (_RET_IP_) on in a tail call (unless the
 * kernel is built with frame pointers), so that every report names the
 * driver function that made the call. The prototypes are checked against
 * the header.
 */
#include <ddi/linux.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <sys/sunddi.h>

int ddi_softstate_init(void **state_p, size_t size, size_t n_items, unsigned long caller);
int ddi_softstate_zalloc(void *state, int item, unsigned long caller);
void *ddi_softstate_get(void *state, int item, unsigned long caller);
void ddi_softstate_free(void *state, int item, unsigned long caller);
void ddi_softstate_fini(void **state_p, unsigned long caller);

int ddi_soft_state_init(void **state_p, size_t size, size_t n_items)
{
	return ddi_softstate_init(state_p, size, n_items, _RET_IP_);
}
EXPORT_SYMBOL(ddi_soft_state_init);

int ddi_soft_state_zalloc(void *state, int item)
{
	return ddi_softstate_zalloc(state, item, _RET_IP_);
}
EXPORT_SYMBOL(ddi_soft_state_zalloc);

void *ddi_get_soft_state(void *state, int item)
{
	return ddi_softstate_get(state, item, _RET_IP_);
}
EXPORT_SYMBOL(ddi_get_soft_state);

void ddi_soft_state_free(void *state, int item)
{
	ddi_softstate_free(state, item, _RET_IP_);
}
EXPORT_SYMBOL(ddi_soft_state_free);

void ddi_soft_state_fini(void **state_p)
{
	ddi_softstate_fini(state_p, _RET_IP_);
}
EXPORT_SYMBOL(ddi_soft_state_fini);

/* Reports of misuse so far, for the tests; not for drivers. */
long ddi_soft_state_reports(void);
EXPORT_SYMBOL_NS_GPL(ddi_soft_state_reports, "DDI_COMPAT_INTERNAL");
