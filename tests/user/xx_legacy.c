// SPDX-License-Identifier: GPL-2.0
/* The user-space tests of /dev/xx_legacy (sample_driver/legacy/xx_legacy.c). */
#define XX_DEV "/dev/xx_legacy"
#define XX_MOD "xx_legacy"
#define XX_WAIT_INTERRUPTIBLE 0
#include "xx_common.h"

int main(void)
{
	return run_all("user_xx_legacy");
}
