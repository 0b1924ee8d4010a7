/* SPDX-License-Identifier: GPL-2.0 */
/* Loading a module file and reading the kernel's taint, for the user-space tests. */
#ifndef DDI_TESTS_KMOD_H
#define DDI_TESTS_KMOD_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* finit_module() of the file at path: 0, or -1 with errno. */
static inline int kmod_load(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return r;
}

/* /proc/sys/kernel/tainted; ~0 when it cannot be read. */
static inline unsigned long kernel_tainted(void)
{
	char buf[32];
	int fd = open("/proc/sys/kernel/tainted", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return ~0UL;
	buf[n] = 0;
	return strtoul(buf, NULL, 10);
}

#endif /* DDI_TESTS_KMOD_H */
