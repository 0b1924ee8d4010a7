// SPDX-License-Identifier: GPL-2.0
/*
 * <sys/cmn_err.h>: cmn_err(9F), vcmn_err(), dev_err(9F) and sprintf(9F)'s
 * family, with illumos's return types and its %b.
 *
 * One format engine, ddi_format(), serves them all. Linux's vsnprintf()
 * knows no %b, so the engine walks the format itself: it copies the text,
 * splits out each conversion, fetches that conversion's argument with
 * va_arg() by its conversion and length modifier, and has Linux's
 * snprintf() print it alone from a spec of its own ("%-*.*lld"), straight
 * into the caller's buffer; %b's bit names it prints itself. No Linux
 * extension can be reached that way: a %p is printed as a plain %p, the
 * letters after it are text. Nothing is allocated, nothing is locked, and
 * the engine's own stack is one small spec, so it runs in any context.
 *
 * cmn_err() formats its line into a 512-byte buffer on the stack (a
 * longer message is cut, and ends with "[...]") and prints it with one
 * printk(); ddi_cmn_err_text() makes that line, and the tests check it.
 */
#include <ddi/linux.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <sys/cmn_err.h>
#include <sys/sunddi.h>
#include "devinfo.h"

/* The largest width and precision Linux's vsnprintf() takes without a WARN. */
#define DDI_WIDTH_MAX	((1 << 23) - 1)
#define DDI_PREC_MAX	((1 << 15) - 1)

/* cmn_err()'s line buffer, on the stack, and the end of a cut line. */
#define DDI_CE_BUF	512
#define DDI_CE_CUT	"[...]"

/* The output: buf (size bytes) and the whole output's length so far. */
struct ddi_out {
	char *buf;
	size_t size;
	size_t len;
};

static void ddi_out_char(struct ddi_out *o, char c)
{
	if (o->len < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* One conversion, or a short string, printed by Linux's vsnprintf(). */
static void ddi_out_printf(struct ddi_out *o, const char *spec, ...)
{
	size_t room = o->len < o->size ? o->size - o->len : 0;
	va_list ap;

	va_start(ap, spec);
	o->len += vsnprintf(room ? o->buf + o->len : NULL, min_t(size_t, room, INT_MAX), spec, ap);
	va_end(ap);
}

/* Ends the output with a NUL, in the last byte if it was cut. */
static void ddi_out_end(struct ddi_out *o)
{
	if (o->size)
		o->buf[min(o->len, o->size - 1)] = '\0';
}

enum ddi_len { DDI_LEN_NONE, DDI_LEN_HH, DDI_LEN_H, DDI_LEN_L, DDI_LEN_LL, DDI_LEN_Z, DDI_LEN_J,
	       DDI_LEN_T };

static long long ddi_arg_signed(va_list *ap, enum ddi_len len)
{
	switch (len) {
	case DDI_LEN_HH:
		return (signed char)va_arg(*ap, int);
	case DDI_LEN_H:
		return (short)va_arg(*ap, int);
	case DDI_LEN_L:
		return va_arg(*ap, long);
	case DDI_LEN_LL:
	case DDI_LEN_J:		/* intmax_t is long long */
		return va_arg(*ap, long long);
	case DDI_LEN_Z:
		return va_arg(*ap, ssize_t);
	case DDI_LEN_T:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long ddi_arg_unsigned(va_list *ap, enum ddi_len len)
{
	switch (len) {
	case DDI_LEN_HH:
		return (unsigned char)va_arg(*ap, int);
	case DDI_LEN_H:
		return (unsigned short)va_arg(*ap, int);
	case DDI_LEN_L:
		return va_arg(*ap, unsigned long);
	case DDI_LEN_LL:
	case DDI_LEN_J:
		return va_arg(*ap, unsigned long long);
	case DDI_LEN_Z:
		return va_arg(*ap, size_t);
	case DDI_LEN_T:
		return (unsigned long)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* A decimal width or precision in the format, clamped to max. */
static int ddi_atoi(const char **fmt, int max)
{
	int n = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		n = min(n * 10 + (**fmt - '0'), max);
		(*fmt)++;
	}
	return n;
}

/*
 * One conversion of the spec (flags, '*', optionally ".*", then the rest
 * of the spec: length and conversion letter), with the width w and, if
 * has_prec, the precision p.
 */
#define DDI_EMIT(o, spec, w, has_prec, p, arg)					\
	((has_prec) ? ddi_out_printf(o, spec, w, p, arg) : ddi_out_printf(o, spec, w, arg))

/*
 * %b: v in the base that bits' first byte gives (8, 10 or 16; another
 * prints in 16), then the names of the bits of v that are set, as
 * "<NAME,NAME>". spec ends with the flags, '*' and maybe ".*".
 */
static void ddi_out_bits(struct ddi_out *o, char *spec, char *end, int w, bool has_prec, int p,
			 unsigned int v, const unsigned char *bits)
{
	bool any = false;
	unsigned int bit;

	switch (bits ? bits[0] : 16) {
	case 8:
		*end = 'o';
		break;
	case 10:
		*end = 'u';
		break;
	default:
		*end = 'x';
	}
	end[1] = '\0';
	DDI_EMIT(o, spec, w, has_prec, p, v);
	if (!bits || !bits[0] || !v)
		return;
	/* Pairs of a bit number (1 to 32) and its name (bytes above ' '). */
	for (bits++; (bit = *bits++) != 0;) {
		bool set = bit <= 32 && (v & (1U << (bit - 1)));

		if (set) {
			ddi_out_char(o, any ? ',' : '<');
			any = true;
		}
		for (; *bits > ' '; bits++)
			if (set)
				ddi_out_char(o, *bits);
	}
	if (any)
		ddi_out_char(o, '>');
}

/* The engine: fmt with the arguments at *ap, appended to o. */
static void ddi_format(struct ddi_out *o, const char *fmt, va_list *ap)
{
	while (*fmt) {
		/* "%", up to 5 flags, "*", ".*", 2 length letters, the conversion. */
		char spec[16], *sp = spec;
		const char *start = fmt;
		enum ddi_len len = DDI_LEN_NONE;
		bool has_prec = false;
		int w = 0, p = 0;

		if (*fmt != '%') {
			ddi_out_char(o, *fmt++);
			continue;
		}
		*sp++ = *fmt++;
		for (; *fmt && strchr("-+ #0", *fmt); fmt++)
			if (!memchr(spec + 1, *fmt, sp - spec - 1))
				*sp++ = *fmt;
		if (*fmt == '*') {
			fmt++;
			w = va_arg(*ap, int);
			if (w < 0) {
				/* A negative width is a '-' flag and a width. */
				if (!memchr(spec + 1, '-', sp - spec - 1))
					*sp++ = '-';
				w = w == INT_MIN ? INT_MAX : -w;
			}
			w = min(w, DDI_WIDTH_MAX);
		} else {
			w = ddi_atoi(&fmt, DDI_WIDTH_MAX);
		}
		*sp++ = '*';
		if (*fmt == '.') {
			fmt++;
			has_prec = true;
			if (*fmt == '*') {
				fmt++;
				p = va_arg(*ap, int);
				/* A negative precision is none. */
				has_prec = p >= 0;
				p = min(p, DDI_PREC_MAX);
			} else {
				p = ddi_atoi(&fmt, DDI_PREC_MAX);
			}
		}
		if (has_prec) {
			*sp++ = '.';
			*sp++ = '*';
		}
		for (;; fmt++) {
			if (*fmt == 'h')
				len = len == DDI_LEN_H || len == DDI_LEN_HH ? DDI_LEN_HH : DDI_LEN_H;
			else if (*fmt == 'l')
				len = len == DDI_LEN_L || len == DDI_LEN_LL ? DDI_LEN_LL : DDI_LEN_L;
			else if (*fmt == 'z')
				len = DDI_LEN_Z;
			else if (*fmt == 'j')
				len = DDI_LEN_J;
			else if (*fmt == 't')
				len = DDI_LEN_T;
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
		case 'D':
			strscpy(sp, "lld", spec + sizeof(spec) - sp);
			DDI_EMIT(o, spec, w, has_prec, p, ddi_arg_signed(ap, len));
			break;
		case 'u':
		case 'U':
		case 'o':
		case 'O':
		case 'x':
		case 'X':
			sp[0] = 'l';
			sp[1] = 'l';
			sp[2] = *fmt == 'U' || *fmt == 'O' ? *fmt - 'A' + 'a' : *fmt;
			sp[3] = '\0';
			DDI_EMIT(o, spec, w, has_prec, p, ddi_arg_unsigned(ap, len));
			break;
		case 'c':
			strscpy(sp, "c", spec + sizeof(spec) - sp);
			DDI_EMIT(o, spec, w, has_prec, p, va_arg(*ap, int));
			break;
		case 's': {
			const char *s = va_arg(*ap, const char *);

			if (!s) {
				s = "<null string>";	/* as on illumos, whole */
				if (has_prec) {
					sp -= 2;
					has_prec = false;
				}
			}
			strscpy(sp, "s", spec + sizeof(spec) - sp);
			DDI_EMIT(o, spec, w, has_prec, p, s);
			break;
		}
		case 'p':
			strscpy(sp, "p", spec + sizeof(spec) - sp);
			DDI_EMIT(o, spec, w, has_prec, p, va_arg(*ap, void *));
			break;
		case 'b': {
			unsigned int v = va_arg(*ap, int);

			ddi_out_bits(o, spec, sp, w, has_prec, p, v,
				     va_arg(*ap, const unsigned char *));
			break;
		}
		case '%':
			ddi_out_char(o, '%');
			break;
		default:
			/* Unknown, or the format ends: the spec as it stands. */
			while (start < fmt)
				ddi_out_char(o, *start++);
			if (!*fmt)
				return;
			ddi_out_char(o, *fmt);
		}
		fmt++;
	}
}

/* A NULL format is reported, naming the caller, and prints nothing. */
static bool ddi_format_ok(const char *fmt, const char *who, unsigned long caller)
{
	if (fmt)
		return true;
	pr_warn("%s: NULL format from %pS\n", who, (void *)caller);
	return false;
}

size_t ddi_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct ddi_out o = { .buf = buf, .size = (ssize_t)n < 0 ? 0 : n };
	va_list args;

	if (ddi_format_ok(fmt, "vsnprintf", _RET_IP_)) {
		va_copy(args, ap);
		ddi_format(&o, fmt, &args);
		va_end(args);
	}
	ddi_out_end(&o);
	return o.len;
}
EXPORT_SYMBOL(ddi_vsnprintf);

size_t ddi_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	struct ddi_out o = { .buf = buf, .size = (ssize_t)n < 0 ? 0 : n };
	va_list args;

	if (ddi_format_ok(fmt, "snprintf", _RET_IP_)) {
		va_start(args, fmt);
		ddi_format(&o, fmt, &args);
		va_end(args);
	}
	ddi_out_end(&o);
	return o.len;
}
EXPORT_SYMBOL(ddi_snprintf);

char *ddi_vsprintf(char *buf, const char *fmt, va_list ap)
{
	struct ddi_out o = { .buf = buf, .size = INT_MAX };
	va_list args;

	if (ddi_format_ok(fmt, "vsprintf", _RET_IP_)) {
		va_copy(args, ap);
		ddi_format(&o, fmt, &args);
		va_end(args);
	}
	ddi_out_end(&o);
	return buf;
}
EXPORT_SYMBOL(ddi_vsprintf);

char *ddi_sprintf(char *buf, const char *fmt, ...)
{
	struct ddi_out o = { .buf = buf, .size = INT_MAX };
	va_list args;

	if (ddi_format_ok(fmt, "sprintf", _RET_IP_)) {
		va_start(args, fmt);
		ddi_format(&o, fmt, &args);
		va_end(args);
	}
	ddi_out_end(&o);
	return buf;
}
EXPORT_SYMBOL(ddi_sprintf);

const char *ddi_cmn_err_text(char *buf, size_t n, dev_info_t *dip, int level, const char *fmt,
			     va_list ap);

/**
 * ddi_cmn_err_text() - The line cmn_err() or dev_err() prints.
 * @buf: the buffer.
 * @n: its size (16 bytes at least; cmn_err() gives 512).
 * @dip: dev_err()'s device, or NULL.
 * @level: CE_CONT, CE_NOTE, CE_WARN or CE_PANIC (another: a bad level).
 * @fmt: the format, whose first '!', '^' or '?' is dropped.
 * @ap: its arguments.
 *
 * The level's prefix ("NOTICE: ", "WARNING: "), @dip's ("xx0: "), the
 * message and the level's newline (CE_NOTE, CE_WARN), as on illumos; a
 * line longer than @buf is cut and ends with "[...]" (and the newline).
 * For CE_WARN, cmn_err() prints the caller's name before it.
 *
 * Context: Any context.
 * Return: the printk level to print it at: KERN_CONT for CE_CONT, or
 * KERN_INFO with a '?' first; KERN_NOTICE, KERN_WARNING; "" for CE_PANIC;
 * NULL for another level (then @buf holds the message alone).
 */
const char *ddi_cmn_err_text(char *buf, size_t n, dev_info_t *dip, int level, const char *fmt,
			     va_list ap)
{
	static const char cut[] = DDI_CE_CUT "\n";
	struct ddi_out o = { .buf = buf, .size = n };
	const char *kern, *prefix = "", *suffix = "";
	bool verbose;
	va_list args;

	if (!fmt)
		fmt = "";
	verbose = *fmt == '?';
	if (*fmt == '!' || *fmt == '^' || *fmt == '?')
		fmt++;
	switch (level) {
	case CE_CONT:
		kern = verbose ? KERN_INFO : KERN_CONT;
		break;
	case CE_NOTE:
		kern = KERN_NOTICE;
		prefix = "NOTICE: ";
		suffix = "\n";
		break;
	case CE_WARN:
		kern = KERN_WARNING;
		prefix = "WARNING: ";
		suffix = "\n";
		break;
	case CE_PANIC:
		kern = "";
		break;
	default:
		kern = NULL;
		dip = NULL;
	}
	ddi_out_printf(&o, "%s", prefix);
	if (dip)
		ddi_out_printf(&o, "%s%d: ", dip->devi_driver_name, dip->devi_instance);
	va_copy(args, ap);
	ddi_format(&o, fmt, &args);
	va_end(args);
	ddi_out_printf(&o, "%s", suffix);
	if (o.len >= n && n >= sizeof(cut)) {
		/* Cut: "[...]", and the newline if the level has one. */
		size_t tail = sizeof(cut) - 2 + strlen(suffix);

		memcpy(buf + n - 1 - tail, cut, tail);
		o.len = n - 1;
	}
	ddi_out_end(&o);
	return kern;
}
EXPORT_SYMBOL_NS_GPL(ddi_cmn_err_text, "DDI_COMPAT_INTERNAL");

static void ddi_vdev_err(dev_info_t *dip, int level, const char *fmt, va_list ap,
			 unsigned long caller)
{
	char buf[DDI_CE_BUF];
	const char *kern;

	if (level == CE_IGNORE || !ddi_format_ok(fmt, "cmn_err", caller))
		return;
	kern = ddi_cmn_err_text(buf, sizeof(buf), dip, level, fmt, ap);
	if (level == CE_PANIC)
		panic("%s", buf);
	if (!kern)
		pr_warn("cmn_err: bad level %d from %pS: %s\n", level, (void *)caller, buf);
	else if (level == CE_WARN)
		/*
		 * The caller first: a line that starts with "WARNING:" is a
		 * kernel warning splat to Linux's tools (and make test's).
		 */
		printk("%s%ps: %s", kern, (void *)caller, buf);
	else
		printk("%s%s", kern, buf);	/* printk() reads a level in its arguments */
}

void vcmn_err(int level, const char *fmt, va_list ap)
{
	ddi_vdev_err(NULL, level, fmt, ap, _RET_IP_);
}
EXPORT_SYMBOL(vcmn_err);

void cmn_err(int level, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	ddi_vdev_err(NULL, level, fmt, args, _RET_IP_);
	va_end(args);
}
EXPORT_SYMBOL(cmn_err);

void ddi_dev_err(dev_info_t *dip, int level, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	ddi_vdev_err(dip, level, fmt, args, _RET_IP_);
	va_end(args);
}
EXPORT_SYMBOL(ddi_dev_err);
