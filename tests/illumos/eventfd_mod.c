// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux module around illumos's eventfd.c (<ddi/module.h>): the
 * driver is CDDL, and so is the module, which taints the kernel when it
 * loads (tests/user/illumos_eventfd.c runs last for that). The module is
 * eventfd.ko, so the driver is "eventfd" and its node /dev/eventfd, as on
 * illumos.
 */
#include <ddi/module.h>

DDI_MODULE("CDDL", "illumos-gate's eventfd driver, unchanged, on ddi-compat");
