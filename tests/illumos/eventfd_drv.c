// SPDX-License-Identifier: GPL-2.0
/*
 * illumos-gate's eventfd pseudo driver, compiled unchanged from the
 * checkout named by ILLUMOS_SRC (see Kbuild): not a line of it is ours or
 * in this tree. Its own header, <sys/eventfd.h>, comes from the same
 * checkout (-idirafter, so every other <sys/...> header is ours).
 */
#include ILLUMOS_EVENTFD_C
