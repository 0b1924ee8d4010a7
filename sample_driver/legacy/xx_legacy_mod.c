// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux module around xx_legacy.c: its init runs the driver's _init(),
 * its exit _fini() (<ddi/module.h>). The module is xx_legacy.ko, so the
 * driver is named "xx_legacy".
 */
#include <ddi/module.h>

DDI_MODULE("GPL", "The rmalloc(9F) man page's xx driver, in C on ddi-compat");
