/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/cmn_err.h>, cmn_err(9F) on printk, and the kernel's
 * printf family with illumos's return types.
 */
#ifndef _DDI_COMPAT_SYS_CMN_ERR_H
#define _DDI_COMPAT_SYS_CMN_ERR_H

#include <sys/types.h>
#include <sys/dditypes.h>

#define CE_CONT		0	/* continues the previous message (pr_cont) */
#define CE_NOTE		1	/* "NOTICE: ..." (KERN_NOTICE) */
#define CE_WARN		2	/* "WARNING: ..." (KERN_WARNING) */
#define CE_PANIC	3	/* panics the system */
#define CE_IGNORE	4	/* prints nothing */

/**
 * cmn_err() - Print a message, or panic (cmn_err(9F)).
 * @level: CE_CONT, CE_NOTE, CE_WARN, CE_PANIC or CE_IGNORE.
 * @fmt: a printf format, with an optional first character that is never
 * printed: '!' (illumos: the system log only) and '^' (the console only)
 * are accepted and dropped, since Linux has one log, which the console
 * shows by level; '?' (the console only when the system boots verbosely)
 * prints the message at KERN_INFO, which the console shows only with a
 * verbose loglevel (loglevel=7 or debug). Besides printk's conversions,
 * %b prints a bit field, as on illumos: it takes two arguments, the value
 * (an int) and a string whose first character is the output base (8, 10
 * or 16, as a byte value) followed by pairs of a bit number (from 1, as a
 * byte) and that bit's name: ("%b", 3, "\10\2BITTWO\1BITONE") prints
 * "3<BITTWO,BITONE>". Without a format attribute, as on illumos, since
 * %b is not C's.
 *
 * Context: Any context. Does not sleep (CE_PANIC does not return).
 */
void cmn_err(int level, const char *fmt, ...);

/* vcmn_err(): cmn_err() with a va_list. Any context. */
void vcmn_err(int level, const char *fmt, __builtin_va_list ap);

/**
 * ddi_dev_err() - dev_err(): cmn_err() prefixed with the device's driver name and instance.
 * @dip: the device (may be NULL: then no prefix).
 * @level: as cmn_err().
 * @fmt: as cmn_err().
 *
 * Context: Any context. Does not sleep (CE_PANIC does not return).
 */
void ddi_dev_err(dev_info_t *dip, int level, const char *fmt, ...);

/* panic(): Linux's panic(), with the same arguments as illumos's. */
void panic(const char *fmt, ...) __attribute__((__noreturn__, __format__(__printf__, 1, 2)));
void vpanic(const char *fmt, __builtin_va_list ap) __attribute__((__noreturn__));

/*
 * sprintf() returns buf, snprintf() the length the whole output needs
 * (size_t), as on illumos; Linux's return ints. Their link names are
 * ddi_sprintf() and so on, under which Linux glue (DDI_LINUX_GLUE) sees
 * them; Solaris code calls them by their own names (macros).
 * Context: Any context.
 */
char *ddi_sprintf(char *buf, const char *fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
char *ddi_vsprintf(char *buf, const char *fmt, __builtin_va_list ap)
	__attribute__((__format__(__printf__, 2, 0)));
size_t ddi_snprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((__format__(__printf__, 3, 4)));
size_t ddi_vsnprintf(char *buf, size_t n, const char *fmt, __builtin_va_list ap)
	__attribute__((__format__(__printf__, 3, 0)));
#ifndef DDI_LINUX_GLUE
#define sprintf ddi_sprintf
#define vsprintf ddi_vsprintf
#define snprintf ddi_snprintf
#define vsnprintf ddi_vsnprintf
#define dev_err ddi_dev_err
#endif

#endif /* _DDI_COMPAT_SYS_CMN_ERR_H */
