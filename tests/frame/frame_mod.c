// SPDX-License-Identifier: GPL-2.0
/* The Linux module around frame_drv.c (<ddi/module.h>). */
#include <ddi/module.h>

DDI_MODULE("GPL", "ddi-compat: the driver frame's test driver");
