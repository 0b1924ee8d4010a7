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

/* sol_cmn_err.c: <sys/cmn_err.h>, dev_err() */
void sol_sprintf_returns_buf(struct kunit *t);
void sol_snprintf_truncates_and_counts(struct kunit *t);
void sol_snprintf_zero_writes_nothing(struct kunit *t);
void sol_vsnprintf_takes_a_list(struct kunit *t);
void sol_printf_integer_conversions(struct kunit *t);
void sol_printf_length_modifiers(struct kunit *t);
void sol_printf_c_s_p_percent(struct kunit *t);
void sol_printf_bit_field(struct kunit *t);
void sol_cmn_err_line_per_level(struct kunit *t);
void sol_cmn_err_long_line_is_cut(struct kunit *t);
void sol_cmn_err_prints_each_level(struct kunit *t);
void sol_dev_err_prefix(struct kunit *t);
void sol_cmn_err_any_context(struct kunit *t);

#endif /* DDI_SOL_CASES_H */
