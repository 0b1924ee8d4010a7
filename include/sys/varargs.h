/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/varargs.h>, variable argument lists (for vcmn_err(),
 * vsprintf() and a driver's own variadic functions). The compiler's
 * builtins, spelled exactly as Linux's <linux/stdarg.h> spells them, so
 * that Linux glue may include both.
 */
#ifndef _DDI_COMPAT_SYS_VARARGS_H
#define _DDI_COMPAT_SYS_VARARGS_H

typedef __builtin_va_list va_list;
#define va_start(v, l)	__builtin_va_start(v, l)
#define va_end(v)	__builtin_va_end(v)
#define va_arg(v, T)	__builtin_va_arg(v, T)
#define va_copy(d, s)	__builtin_va_copy(d, s)

#endif /* _DDI_COMPAT_SYS_VARARGS_H */
