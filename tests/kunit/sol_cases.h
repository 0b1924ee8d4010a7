/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cases of the Solaris-side KUnit suites: defined in the
 * tests/kunit/sol_*.c files, listed in sol_bridge.c's suites.
 */
#ifndef DDI_SOL_CASES_H
#define DDI_SOL_CASES_H

struct kunit;

/* sol_debug.c: <sys/debug.h>, <sys/systm.h> */
void sol_verify_passes_silently(struct kunit *t);
void sol_verify_failure_reports(struct kunit *t);
void sol_assert_needs_debug(struct kunit *t);
void sol_bcopy_copies_and_overlaps(struct kunit *t);
void sol_bzero_and_bcmp(struct kunit *t);
long sol_debug_on_failures(void);

/* sol_softstate.c: <sys/sunddi.h>'s soft state */
void sol_softstate_round_trip(struct kunit *t);
void sol_softstate_zeroed(struct kunit *t);
void sol_softstate_grows_past_hint(struct kunit *t);
void sol_softstate_get_unallocated_is_null(struct kunit *t);
void sol_softstate_zalloc_failures(struct kunit *t);
void sol_softstate_init_einval(struct kunit *t);
void sol_softstate_any_context(struct kunit *t);
void sol_softstate_get_while_growing(struct kunit *t);
void sol_softstate_fini_frees_live_items(struct kunit *t);
void sol_softstate_misuse_reported(struct kunit *t);

#endif /* DDI_SOL_CASES_H */
