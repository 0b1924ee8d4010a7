// SPDX-License-Identifier: GPL-2.0
/* The user-space tests of /dev/xx (sample_driver/xx_main.rs). */
#define XX_DEV "/dev/xx"
#define XX_MOD "xx"
#define XX_WAIT_INTERRUPTIBLE 1
#include "xx_common.h"

int main(void)
{
	return run_all("user_xx_rust");
}
