/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/cmn_err.h>, cmn_err(9F) on printk, and the kernel's
 * printf family with illumos's return types.
 */
#ifndef _DDI_COMPAT_SYS_CMN_ERR_H
#define _DDI_COMPAT_SYS_CMN_ERR_H

#include <sys/types.h>
#include <sys/dditypes.h>
#include <sys/varargs.h>

#define CE_CONT		0	/* continues the previous message (pr_cont) */
#define CE_NOTE		1	/* "NOTICE: ..." (KERN_NOTICE) */
#define CE_WARN		2	/* "WARNING: ..." (KERN_WARNING) */
#define CE_PANIC	3	/* panics the system */
#define CE_IGNORE	4	/* prints nothing */

/**
 * cmn_err() - Print a message, or panic (cmn_err(9F)).
 * @level: CE_CONT, CE_NOTE, CE_WARN, CE_PANIC or CE_IGNORE.
 * @fmt: a format as sprintf()'s (%b included), with an optional first
 * character that is never printed.
 *
 * CE_CONT prints the message as it is (no prefix, no newline added),
 * continuing the previous line unless that one ended with a newline.
 * CE_NOTE prints "NOTICE: " and the message and a newline, at KERN_NOTICE.
 * CE_WARN prints "WARNING: " and the message and a newline, at
 * KERN_WARNING, on a line that starts with the calling function and its
 * module ("xxattach [xx]: WARNING: ..."): a kernel line that starts with
 * "WARNING:" is a kernel warning splat to Linux's tools. CE_PANIC panics
 * with the message; CE_IGNORE prints nothing. Another level prints a
 * warning naming the caller, and the message.
 *
 * A first character '!' (illumos: the system log only) or '^' (the
 * console only) is dropped: Linux has one log, which the console shows
 * by level. '?' with CE_CONT (illumos: on the console only when booted
 * verbose) prints the message as a line of its own at KERN_INFO, which
 * the console shows only with a verbose loglevel (loglevel=7 or debug);
 * with another level, '?' is dropped, as on illumos.
 *
 * The message is formatted into a buffer of 512 bytes on the stack
 * (cmn_err() never allocates): a longer one is cut there and ends with
 * "[...]". Without a format attribute, as on illumos, since %b is not C's.
 *
 * Context: Any context. Does not sleep (CE_PANIC does not return).
 */
void cmn_err(int level, const char *fmt, ...);

/* vcmn_err(): cmn_err() with a va_list. Any context. */
void vcmn_err(int level, const char *fmt, va_list ap);

/**
 * ddi_dev_err() - dev_err(): cmn_err() prefixed with the device's driver name and instance.
 * @dip: the device (may be NULL: then no prefix).
 * @level: as cmn_err().
 * @fmt: as cmn_err().
 *
 * The prefix is ddi_driver_name() and ddi_get_instance() and ": ", after
 * the level's own ("WARNING: xx0: ..."), as on illumos.
 *
 * Context: Any context. Does not sleep (CE_PANIC does not return).
 */
void ddi_dev_err(dev_info_t *dip, int level, const char *fmt, ...);

/* panic(): Linux's panic(), with the same arguments as illumos's. */
void panic(const char *fmt, ...) __attribute__((__noreturn__, __format__(__printf__, 1, 2)));
void vpanic(const char *fmt, va_list ap) __attribute__((__noreturn__));

/*
 * sprintf(9F) and family. sprintf() returns buf, snprintf() the length
 * the whole output needs, not counting the NUL (size_t), as on illumos;
 * Linux's return ints. snprintf() with n of 0 writes nothing (buf may be
 * NULL); otherwise it always ends buf with a NUL.
 *
 * Conversions: d i u o x X c s p % and illumos's D O U (d o u), with C's
 * flags (- + space # 0), width and precision (* included, a negative *
 * width meaning '-') and length modifiers hh h l ll z j t. %s of NULL
 * prints "<null string>", as on illumos. %p prints Linux's %p (a hashed
 * value, since pointers are not shown to the log on Linux); the letters
 * after it are text, as on illumos. An unknown conversion is printed as
 * it stands, and takes no argument.
 *
 * %b prints a bit field: it takes two arguments, the value (an int) and
 * a string whose first byte is the output base (8, 10 or 16; another
 * prints in 16) followed, for each named bit, by the bit number (1 to 32,
 * as a byte) and the bit's name (bytes above ' '). The value is printed
 * unsigned in that base (with the conversion's flags and width), then
 * the names of the bits that are set, in the string's order, in angle
 * brackets and separated by commas: ("%b", 3, "\10\2BITTWO\1BITONE")
 * prints "3<BITTWO,BITONE>". A value of 0, or one with no named bit set,
 * prints the number alone, without brackets, as on illumos.
 *
 * Their link names are ddi_sprintf() and so on, under which Linux glue
 * (DDI_LINUX_GLUE) sees them; Solaris code calls them by their own names
 * (macros). No format attribute, since %b is not C's (as cmn_err()).
 * Context: Any context.
 */
char *ddi_sprintf(char *buf, const char *fmt, ...);
char *ddi_vsprintf(char *buf, const char *fmt, va_list ap);
size_t ddi_snprintf(char *buf, size_t n, const char *fmt, ...);
size_t ddi_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
#ifndef DDI_LINUX_GLUE
#define sprintf ddi_sprintf
#define vsprintf ddi_vsprintf
#define snprintf ddi_snprintf
#define vsnprintf ddi_vsnprintf
#define dev_err ddi_dev_err
#endif

#endif /* _DDI_COMPAT_SYS_CMN_ERR_H */
