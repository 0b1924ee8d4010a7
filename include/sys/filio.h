/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/filio.h>, the generic file ioctls.
 *
 * The commands have Linux's numbers, since a Linux program sends them:
 * a driver's ioctl(9E) that handles FIONREAD sees Linux's FIONREAD. The
 * kernel answers FIONBIO, FIOASYNC, FIOCLEX and FIONCLEX itself and does
 * not pass them to drivers. Linux glue (DDI_LINUX_GLUE) has them from
 * Linux's own headers.
 */
#ifndef _DDI_COMPAT_SYS_FILIO_H
#define _DDI_COMPAT_SYS_FILIO_H

#ifndef DDI_LINUX_GLUE
#define FIONREAD	0x541B	/* int: bytes ready to read */
#define FIONBIO		0x5421	/* int: non-blocking on or off */
#define FIOASYNC	0x5452	/* int: SIGIO on or off */
#define FIOCLEX		0x5451	/* close on exec */
#define FIONCLEX	0x5450	/* do not close on exec */
#endif

#endif /* _DDI_COMPAT_SYS_FILIO_H */
