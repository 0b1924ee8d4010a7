// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_abi_c (in ddi_abi_test.ko, a C module built against include/sys/
 * that links against ddi_compat.ko's exports only): <sys/ddi.h> called the
 * way a legacy driver calls it.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <sys/ddi.h>

static void ddi_abi_usectohz(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, drv_usectohz(1000000), (clock_t)HZ);
	KUNIT_EXPECT_EQ(test, drv_usectohz(1), (clock_t)1);
	KUNIT_EXPECT_EQ(test, drv_usectohz(0), (clock_t)0);
	KUNIT_EXPECT_EQ(test, drv_usectohz(-1), (clock_t)0);
	KUNIT_EXPECT_EQ(test, drv_usectohz(20000), (clock_t)usecs_to_jiffies(20000));
}

static void ddi_abi_hztousec(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, drv_hztousec(HZ), (clock_t)1000000);
	KUNIT_EXPECT_EQ(test, drv_hztousec(0), (clock_t)0);
	KUNIT_EXPECT_EQ(test, drv_hztousec(LONG_MAX), (clock_t)LONG_MAX);
}

static struct kunit_case ddi_abi_cases[] = {
	KUNIT_CASE(ddi_abi_usectohz),
	KUNIT_CASE(ddi_abi_hztousec),
	{}
};

static struct kunit_suite ddi_abi_suite = {
	.name = "ddi_abi_c",
	.test_cases = ddi_abi_cases,
};
kunit_test_suite(ddi_abi_suite);

MODULE_DESCRIPTION("C ABI tests for the ddi_compat shim");
MODULE_LICENSE("GPL");
