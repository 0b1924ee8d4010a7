/* SPDX-License-Identifier: GPL-2.0 */
/* Writing a debugfs/procfs control file, for the user-space tests. */
#ifndef DDI_TESTS_PUT_H
#define DDI_TESTS_PUT_H

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Writes val to path in one write(); 1 if all of it was taken. */
static inline int put(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return 0;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok;
}

#endif /* DDI_TESTS_PUT_H */
