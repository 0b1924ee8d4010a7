/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ddi-compat: <sys/ccompile.h>, the compiler attributes illumos code
 * writes by their illumos names.
 *
 * Linux headers use __unused as an ordinary name (struct members,
 * parameters), so Linux glue (DDI_LINUX_GLUE) does not get it.
 */
#ifndef _DDI_COMPAT_SYS_CCOMPILE_H
#define _DDI_COMPAT_SYS_CCOMPILE_H

#ifndef DDI_LINUX_GLUE
#define __unused		__attribute__((__unused__))
#endif
#define __sun_attr__(x)		__attribute__(x)
#define __NORETURN		__attribute__((__noreturn__))
#define __CONST			__attribute__((__const__))
#define __PURE			__attribute__((__pure__))
#define __KPRINTFLIKE(n)	__attribute__((__format__(__printf__, n, (n) + 1)))
#define __KVPRINTFLIKE(n)	__attribute__((__format__(__printf__, n, 0)))

#endif /* _DDI_COMPAT_SYS_CCOMPILE_H */
