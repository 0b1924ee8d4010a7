/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated "xx" device both sample drivers expose (/dev/xx in Rust,
 * /dev/xx_legacy in C), for the drivers and their user-space tests. No
 * includes: the C driver is Solaris code.
 */
#ifndef _XX_H
#define _XX_H

/* Device memory: write fills it, read returns it, up to the highest byte written. */
#define XX_DEVSIZE	(2 << 20)

/*
 * How long (milliseconds) the simulated device takes to move each chunk
 * while the driver holds its map buffer; 0 by default. Lets tests hold
 * all of the map's space at once.
 */
#define XX_IOC_LATENCY	0x40047801	/* Linux's _IOW('x', 1, unsigned int) */

#endif /* _XX_H */
