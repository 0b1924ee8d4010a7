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

/* sol_ksynch.c */
void sol_mutex_enter_exit_owned(struct kunit *t);
void sol_mutex_tryenter(struct kunit *t);
void sol_mutex_excludes(struct kunit *t);
void sol_mutex_spin_in_interrupt(struct kunit *t);
void sol_mutex_nesting_two_classes(struct kunit *t);
void sol_lockdep_sees_the_locks(struct kunit *t);
void sol_mutex_misuse_refused(struct kunit *t);
void sol_ksynch_zero_filled(struct kunit *t);
void sol_vmem_lowest_free(struct kunit *t);
void sol_vmem_nextfit_goes_on(struct kunit *t);
void sol_vmem_range_clamped(struct kunit *t);
void sol_vmem_misuse_reported(struct kunit *t);
void sol_vmem_sleep_waits_for_free(struct kunit *t);
void sol_cv_signal_wakes_waiter(struct kunit *t);
void sol_cv_signal_one_broadcast_all(struct kunit *t);
void sol_cv_timedwait_times_out(struct kunit *t);
void sol_cv_reltimedwait_signalled(struct kunit *t);
void sol_cv_wait_sig_returns_zero_on_signal(struct kunit *t);
void sol_cv_spin_mutex_and_interrupt(struct kunit *t);
void sol_rw_readers_share_writer_excludes(struct kunit *t);
void sol_rw_waiting_writer_blocks_readers(struct kunit *t);
void sol_rw_downgrade_and_tryupgrade(struct kunit *t);
void sol_rw_misuse_refused(struct kunit *t);

/* sol_time.c */
void sol_delay_sleeps_at_least(struct kunit *t);
void sol_drv_usecwait_busy_waits(struct kunit *t);
void sol_lbolt_hrtime_getparm(struct kunit *t);
void sol_timeout_fires_once(struct kunit *t);
void sol_untimeout_cancels_pending(struct kunit *t);
void sol_untimeout_waits_for_running(struct kunit *t);
void sol_timeout_rearms_itself(struct kunit *t);
void sol_untimeout_from_own_function(struct kunit *t);
void sol_timeout_from_interrupt(struct kunit *t);

/* sol_copy.c */
void sol_copyin_copyout_round_trip(struct kunit *t);
void sol_copy_bad_address_fails(struct kunit *t);
void sol_ddi_copy_fkioctl(struct kunit *t);
void sol_uiomove_sysspace_iovecs(struct kunit *t);
void sol_uiomove_user_fault_counts(struct kunit *t);
void sol_uiomove_bad_arguments(struct kunit *t);
void sol_cred_and_priv(struct kunit *t);
void sol_device_numbers_and_min(struct kunit *t);
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
/* sol_prop.c: <sys/sunddi.h>'s properties (ddi_prop_*(9F)) */
void sol_prop_absent_gives_default(struct kunit *t);
void sol_prop_int_round_trip(struct kunit *t);
void sol_prop_int64_round_trip(struct kunit *t);
void sol_prop_string_round_trip(struct kunit *t);
void sol_prop_byte_round_trip(struct kunit *t);
void sol_prop_update_replaces(struct kunit *t);
void sol_prop_wrong_type_not_found(struct kunit *t);
void sol_prop_create_boolean_and_decode(struct kunit *t);
void sol_prop_dev_matching(struct kunit *t);
void sol_prop_remove_and_remove_all(struct kunit *t);
void sol_prop_op_three_ops(struct kunit *t);
void sol_prop_null_arguments_reported(struct kunit *t);
void sol_prop_major_unknown_is_the_driver_s(struct kunit *t);
void sol_prop_nosleep_calls_in_interrupt(struct kunit *t);
void sol_prop_unknown_flags_reported(struct kunit *t);

#endif /* DDI_SOL_CASES_H */
