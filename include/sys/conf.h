/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/conf.h>, the cb_flag bits of struct cb_ops and the
 * entry point fillers nodev() and nulldev().
 */
#ifndef _DDI_COMPAT_SYS_CONF_H
#define _DDI_COMPAT_SYS_CONF_H

#include <sys/types.h>
#include <sys/devops.h>

/*
 * cb_flag. The frame runs every driver multithreaded, as illumos runs a
 * D_MP one: mod_install() warns about a driver without D_MP. The other
 * bits are accepted and change nothing.
 */
#define D_NEW		0x00
#define D_MTSAFE	0x20
#define D_MP		D_MTSAFE	/* multithreaded: entry points run at once */
#define D_HOTPLUG	0x4
#define D_DEVMAP	0x100
#define D_64BIT		0x200		/* 64-bit offsets: always so here */
#define D_U64BIT	0x40000
#define D_OPEN_RETURNS_EINTR 0x100000

/*
 * nodev() and nulldev() fill entry points a driver does not have, in
 * struct cb_ops and struct dev_ops: they are declared without a
 * prototype, as on illumos, so that one function fits every field whose
 * parameters are ints, longs or pointers. cb_chpoll takes shorts, which
 * no unprototyped function fits: it takes nochpoll() (<sys/sunddi.h>). The frame recognises them and never calls them through
 * the field (see <sys/devops.h>): an entry point that is nodev fails with
 * ENXIO, one that is nulldev succeeds and does nothing.
 *
 * nodev() - Return: ENXIO.
 * nulldev() - Return: 0.
 * Context: Any context; called directly they do nothing else.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
int nodev();
int nulldev();
#pragma GCC diagnostic pop

#endif /* _DDI_COMPAT_SYS_CONF_H */
