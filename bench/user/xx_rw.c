// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: read and write throughput of the two ported sample drivers,
 * /dev/xx (Rust) and /dev/xx_legacy (the man page's C), against
 * /dev/xx_native (bench/xx_native.c: the same device as a native Linux
 * driver) and, for reads, /dev/zero. 1 MiB preads or pwrites at offset
 * 0, by 1 and by 4 threads at once (each with its own descriptor). All
 * contenders run in turn within each of ROUNDS rounds, and each keeps its
 * best round, so that a slow spell of the VM costs one round, not one
 * contender.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MIB	(1 << 20)
#define ROUNDS	5
#define SECONDS	0.3
#define MAXT	4

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

struct job {
	const char *path;
	int write;
	double until;		/* when to stop */
	long calls;		/* 1 MiB calls done; -1 on an error */
	pthread_t tid;
};

static void *run(void *arg)
{
	struct job *j = arg;
	char *buf = malloc(MIB);
	int fd = open(j->path, j->write ? O_WRONLY : O_RDONLY);

	j->calls = -1;
	if (!buf || fd < 0)
		goto out;
	memset(buf, 'x', MIB);
	j->calls = 0;
	do {
		ssize_t r = j->write ? pwrite(fd, buf, MIB, 0) : pread(fd, buf, MIB, 0);

		if (r != MIB) {
			j->calls = -1;
			break;
		}
		j->calls++;
	} while (now() < j->until);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

/* MiB/s of `threads` threads together, each making 1 MiB calls. */
static double rate(const char *path, int write, int threads)
{
	struct job jobs[MAXT];
	double t0 = now(), total = 0;

	for (int i = 0; i < threads; i++) {
		jobs[i] = (struct job){ .path = path, .write = write, .until = t0 + SECONDS };
		if (pthread_create(&jobs[i].tid, NULL, run, &jobs[i]))
			return -1;
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(jobs[i].tid, NULL);
		if (jobs[i].calls < 0)
			total = -1;
		else if (total >= 0)
			total += jobs[i].calls;
	}
	return total < 0 ? -1 : total / (now() - t0);
}

/* The contenders, in the order they run in each round. */
static const struct {
	const char *name, *path;
	int write, threads;
} runs[] = {
#define DEV(n, p)						\
	{ n, p, 0, 1 }, { n, p, 0, 4 }, { n, p, 1, 1 }, { n, p, 1, 4 }
	DEV("xx", "/dev/xx"),
	DEV("xx_legacy", "/dev/xx_legacy"),
	DEV("native", "/dev/xx_native"),
	{ "devzero", "/dev/zero", 0, 1 },
};
#define NRUNS	(sizeof(runs) / sizeof(runs[0]))

static double best[NRUNS];

/* The best rate of the run of `name` with this direction and thread count. */
static double of(const char *name, int write, int threads)
{
	for (size_t i = 0; i < NRUNS; i++)
		if (!strcmp(runs[i].name, name) && runs[i].write == write &&
		    runs[i].threads == threads)
			return best[i];
	return -1;
}

int main(void)
{
	static const char *const drivers[] = { "xx", "xx_legacy" };
	char *buf = malloc(MIB);

	if (!buf)
		return 1;
	/* Reads return what was written: fill each device's first MiB. */
	memset(buf, 'x', MIB);
	for (size_t i = 0; i < NRUNS; i++) {
		int fd;

		if (!runs[i].write || runs[i].threads != 1)
			continue;
		fd = open(runs[i].path, O_WRONLY);
		if (fd < 0 || pwrite(fd, buf, MIB, 0) != MIB) {
			printf("xx_rw: set-up of %s failed\n", runs[i].path);
			return 1;
		}
		close(fd);
	}
	for (int round = 0; round < ROUNDS; round++) {
		for (size_t i = 0; i < NRUNS; i++) {
			double r = rate(runs[i].path, runs[i].write, runs[i].threads);

			if (r < 0) {
				printf("xx_rw: %s %s by %d failed\n", runs[i].path,
				       runs[i].write ? "write" : "read", runs[i].threads);
				return 1;
			}
			if (r > best[i])
				best[i] = r;
		}
	}
	printf("xx_rw: MiB/s in 1 MiB calls, best of %d rounds\n", ROUNDS);
	printf("xx_rw: %-10s %10s %10s %10s %10s\n", "device", "read x1", "read x4",
	       "write x1", "write x4");
	for (size_t i = 0; i < NRUNS; i += 4) {
		if (i + 4 > NRUNS) {
			printf("xx_rw: %-10s %10.1f\n", runs[i].name, best[i]);
			break;
		}
		printf("xx_rw: %-10s %10.1f %10.1f %10.1f %10.1f\n", runs[i].name,
		       best[i], best[i + 1], best[i + 2], best[i + 3]);
	}
	for (int d = 0; d < 2; d++) {
		const char *n = drivers[d];

		for (int w = 0; w < 2; w++) {
			const char *op = w ? "write" : "read";

			printf("ratio: %s_%s/native %.3f\n", n, op, of(n, w, 1) / of("native", w, 1));
			printf("ratio: %s_%s/native/4 %.3f\n", n, op, of(n, w, 4) / of("native", w, 4));
		}
		printf("ratio: %s_read/devzero %.3f\n", n, of(n, 0, 1) / of("devzero", 0, 1));
	}
	printf("ratio: native_read/devzero %.3f\n", of("native", 0, 1) / of("devzero", 0, 1));
	free(buf);
	return 0;
}
