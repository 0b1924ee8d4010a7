// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: read throughput of /dev/xx (the Rust sample driver: 640-byte
 * map buffers, uiomove) against /dev/zero, with 1 MiB reads, side by side
 * in one run (alternating rounds, best of each).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MIB (1 << 20)

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* MB/s of 1 MiB preads at offset 0 for at least 0.3 s. */
static double rate(int fd, char *buf)
{
	double t0 = now(), t;
	long n = 0;

	do {
		if (pread(fd, buf, MIB, 0) != MIB)
			return -1;
		n++;
		t = now() - t0;
	} while (t < 0.3);
	return n / t;
}

int main(void)
{
	char *buf = malloc(MIB);
	int xx = open("/dev/xx", O_RDWR), zero = open("/dev/zero", O_RDONLY);
	double best_xx = 0, best_zero = 0;

	memset(buf, 'x', MIB);
	if (xx < 0 || zero < 0 || pwrite(xx, buf, MIB, 0) != MIB) {
		printf("xx_read: set-up failed\n");
		return 1;
	}
	for (int round = 0; round < 3; round++) {
		double a = rate(xx, buf), b = rate(zero, buf);

		if (a > best_xx)
			best_xx = a;
		if (b > best_zero)
			best_zero = b;
	}
	printf("xx_read: 1 MiB reads, best of 3 rounds: /dev/xx %.1f MiB/s, /dev/zero %.1f MiB/s\n",
	       best_xx, best_zero);
	printf("ratio: xx_read/devzero %.3f\n", best_xx / best_zero);
	return 0;
}
