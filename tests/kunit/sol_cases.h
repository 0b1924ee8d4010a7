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

/* sol_kmem.c: <sys/kmem.h> */
void sol_km_panic_accepted(struct kunit *t);
void sol_unknown_flags_masked_once_per_site(struct kunit *t);
void sol_cache_alloc_constructs(struct kunit *t);
void sol_cache_free_destructs(struct kunit *t);
void sol_cache_constructor_failure(struct kunit *t);
void sol_cache_objects_aligned(struct kunit *t);
void sol_cache_bad_frees_reported(struct kunit *t);
void sol_cache_destroy_with_objects_reported(struct kunit *t);
void sol_cache_nosleep_any_context(struct kunit *t);
void sol_cache_cflags_accepted(struct kunit *t);

#endif /* DDI_SOL_CASES_H */
