// SPDX-License-Identifier: GPL-2.0
/*
 * Kbuild cannot build a module xx_legacy.ko out of an object xx_legacy.o
 * and another: this file is the driver's object, under another name.
 * Solaris code, as xx_legacy.c is.
 */
#include "xx_legacy.c"
