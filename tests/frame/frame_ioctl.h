/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ioctls of tests/frame/frame_drv.c (the frame's test driver), for it
 * and for tests/user/frame.c. No includes: the driver is Solaris code.
 */
#ifndef _DDI_FRAME_TEST_IOCTL_H
#define _DDI_FRAME_TEST_IOCTL_H

/* What the driver saw: FT_STATS copies it out. */
struct ft_stats {
	int opens;		/* open(9E) calls that succeeded, all minors */
	int closes;		/* close(9E) calls */
	int last_flag;		/* open(9E)'s flag, the last one */
	int last_otyp;		/* and its otyp */
	unsigned int last_uid;	/* crgetuid() of its cred */
	int instance;		/* the instance of this file's dev_t */
	unsigned int minor;	/* this file's dev_t's minor, as ioctl(9E) got it */
	int mode;		/* ioctl(9E)'s mode */
	int attached;		/* instances attached */
};

#define FT_STATS	0x46540001	/* copy out a struct ft_stats */
#define FT_RVAL		0x46540002	/* succeed with *rvalp = arg */
#define FT_ERR		0x46540003	/* fail with errno arg */
#define FT_READY	0x46540004	/* chpoll(9E) reports illumos events arg; wake pollers */

/* Minors: instance i has 2i (plain) and 2i + 1 (clone); 100 is privileged. */
#define FT_PRIV_MINOR	100
#define FT_CLONE_BASE	1000	/* clone opens get 1000, 1001, ... */

#endif /* _DDI_FRAME_TEST_IOCTL_H */
