// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_cmn_err: <sys/cmn_err.h> from Solaris code, one case per
 * sentence of sprintf(9F) and cmn_err(9F), roughly. The format engine is
 * checked through snprintf(), which shares it with cmn_err(); the lines
 * cmn_err() and dev_err() print, through the text they make
 * (sol_cmn_err_text()) and through the kernel log (sol_log_find()).
 */
#include <sys/types.h>
#include <sys/cmn_err.h>
#include <sys/ddi.h>
#include <sys/sunddi.h>
#include <sys/systm.h>
#include "sol_test.h"
#include "sol_cases.h"

static size_t sol_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Where s holds sub first, or NULL. */
static const char *sol_strstr(const char *s, const char *sub)
{
	do {
		size_t i = 0;

		while (sub[i] && s[i] == sub[i])
			i++;
		if (!sub[i])
			return s;
	} while (*s++);
	return NULL;
}

/* sprintf returns s, and places the output and a NUL there. */
void sol_sprintf_returns_buf(struct kunit *t)
{
	char buf[32];

	bzero(buf, sizeof(buf));
	buf[12] = 'x';
	SOL_EXPECT(t, sprintf(buf, "%s=%d", "answer", 42) == buf);
	SOL_EXPECT_STREQ(t, buf, "answer=42");
	SOL_EXPECT(t, sprintf(buf, "") == buf && buf[0] == '\0');
	SOL_EXPECT(t, buf[12] == 'x');
}

/*
 * snprintf returns the length the whole output needs, without the NUL;
 * bytes beyond the n-1st are discarded, and a NUL ends what was written.
 */
void sol_snprintf_truncates_and_counts(struct kunit *t)
{
	char buf[8];

	bcopy("ZZZZZZZZ", buf, sizeof(buf));
	SOL_EXPECT_EQ(t, snprintf(buf, 5, "%s", "0123456789"), 10);
	SOL_EXPECT_STREQ(t, buf, "0123");
	SOL_EXPECT(t, buf[5] == 'Z');
	SOL_EXPECT_EQ(t, snprintf(buf, sizeof(buf), "%d%s", 1234, "567"), 7);
	SOL_EXPECT_STREQ(t, buf, "1234567");
	SOL_EXPECT_EQ(t, snprintf(buf, sizeof(buf), "%d%s", 1234, "5678"), 8);
	SOL_EXPECT_STREQ(t, buf, "1234567");
	SOL_EXPECT_EQ(t, snprintf(buf, 1, "abc"), 3);
	SOL_EXPECT(t, buf[0] == '\0');
}

/* With n of 0, nothing is written and s can be a null pointer. */
void sol_snprintf_zero_writes_nothing(struct kunit *t)
{
	char buf[4] = "abc";

	SOL_EXPECT_EQ(t, snprintf(NULL, 0, "%d-%s", 12345, "six"), 9);
	SOL_EXPECT_EQ(t, snprintf(buf, 0, "xyz"), 3);
	SOL_EXPECT_STREQ(t, buf, "abc");
	/* The length counts %b's names too. */
	SOL_EXPECT_EQ(t, snprintf(NULL, 0, "%b", 5, "\020\1ONE\3THREE"), 12);
}

static size_t sol_vsn(char *buf, size_t n, int twice, const char *fmt, ...)
{
	__builtin_va_list ap;
	size_t r;

	__builtin_va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	/* The callee copies the list: a second pass sees the same arguments. */
	if (twice)
		r = vsnprintf(buf, n, fmt, ap);
	__builtin_va_end(ap);
	return r;
}

static char *sol_vs(char *buf, const char *fmt, ...)
{
	__builtin_va_list ap;
	char *r;

	__builtin_va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	__builtin_va_end(ap);
	return r;
}

/* vsprintf and vsnprintf are sprintf and snprintf with an argument list. */
void sol_vsnprintf_takes_a_list(struct kunit *t)
{
	char buf[16];

	SOL_EXPECT_EQ(t, sol_vsn(buf, sizeof(buf), 0, "%s %d %b", "a", 7, 6, "\020\2X\3Y"), 10);
	SOL_EXPECT_STREQ(t, buf, "a 7 6<X,Y>");
	SOL_EXPECT_EQ(t, sol_vsn(buf, 4, 1, "%d:%d", 10, 20), 5);
	SOL_EXPECT_STREQ(t, buf, "10:");
	SOL_EXPECT(t, sol_vs(buf, "%x|%c", 255, 'q') == buf);
	SOL_EXPECT_STREQ(t, buf, "ff|q");
}

/*
 * d, D, o, O, x, X, u: signed decimal, octal, hexadecimal (abcdef for x,
 * ABCDEF for X), unsigned decimal; with a field width (padding with
 * spaces on the left, on the right with '-'; zeros with '0'), a
 * precision (the minimum number of digits), either of them as '*' (a
 * negative width is a '-' flag, a negative precision is none).
 */
void sol_printf_integer_conversions(struct kunit *t)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d %D %i %u %o %O %x %X", -42, -42, -42, 42u, 8, 8, 0xbeef,
		 0xbeef);
	SOL_EXPECT_STREQ(t, buf, "-42 -42 -42 42 10 10 beef BEEF");
	snprintf(buf, sizeof(buf), "[%5d][%-5d][%05d][%.3d][%-+4d]", 42, 42, -42, 7, 3);
	SOL_EXPECT_STREQ(t, buf, "[   42][42   ][-0042][007][+3  ]");
	snprintf(buf, sizeof(buf), "[%*d][%*d][%.*d][%.*d][%*.*x]", 4, 1, -4, 1, 3, 5, -1, 5, 6, 4,
		 0xab);
	SOL_EXPECT_STREQ(t, buf, "[   1][1   ][005][5][  00ab]");
	snprintf(buf, sizeof(buf), "%u %x", -1, -1);
	SOL_EXPECT_STREQ(t, buf, "4294967295 ffffffff");
}

/*
 * hh, h, l, ll (and C's z, j, t): the argument is a char, short, long,
 * long long (size_t, intmax_t, ptrdiff_t), converted to that type before
 * printing.
 */
void sol_printf_length_modifiers(struct kunit *t)
{
	char buf[96];

	snprintf(buf, sizeof(buf), "%hhd %hhu %hhx %hd %hu %hx", 0x1ff, 0x1ff, 0x1ff, 0x1ffff,
		 0x1ffff, 0x12345);
	SOL_EXPECT_STREQ(t, buf, "-1 255 ff -1 65535 2345");
	snprintf(buf, sizeof(buf), "%ld %lu %lx", -2L, 3UL, 0xfedcba9876543210UL);
	SOL_EXPECT_STREQ(t, buf, "-2 3 fedcba9876543210");
	snprintf(buf, sizeof(buf), "%lld %llu %llo", -9000000000LL, 18446744073709551615ULL, 8ULL);
	SOL_EXPECT_STREQ(t, buf, "-9000000000 18446744073709551615 10");
	snprintf(buf, sizeof(buf), "%zd %zu %jd %ju %td", (ssize_t)-5, (size_t)5,
		 (intmax_t)-6000000000LL, (uintmax_t)7, (long)-8);
	SOL_EXPECT_STREQ(t, buf, "-5 5 -6000000000 7 -8");
	/* Arguments after them are where they should be. */
	snprintf(buf, sizeof(buf), "%hhd|%lld|%s|%zu|%c", 1, 2LL, "three", (size_t)4, '5');
	SOL_EXPECT_STREQ(t, buf, "1|2|three|4|5");
}

/*
 * c prints the character; s the string, NULL as "<null string>", with a
 * precision as the most bytes; % a '%'. p prints the pointer (Linux's
 * hashed %p), and the letters after it are text.
 */
void sol_printf_c_s_p_percent(struct kunit *t)
{
	char buf[64];
	int x;

	snprintf(buf, sizeof(buf), "%c%c|%3c|%-3c|", 'o', 'k', 'a', 'b');
	SOL_EXPECT_STREQ(t, buf, "ok|  a|b  |");
	snprintf(buf, sizeof(buf), "%s|%.2s|%5s|%-5s|%s", "str", "str", "str", "str", (char *)NULL);
	SOL_EXPECT_STREQ(t, buf, "str|st|  str|str  |<null string>");
	snprintf(buf, sizeof(buf), "100%% %5%");
	SOL_EXPECT_STREQ(t, buf, "100% %");
	snprintf(buf, sizeof(buf), "%pS!", (void *)&x);
	SOL_EXPECT(t, sol_strlen(buf) > 2 && buf[sol_strlen(buf) - 2] == 'S' &&
		   !sol_strstr(buf, "sol_"));
	/* An unknown conversion stands as it is and takes no argument. */
	snprintf(buf, sizeof(buf), "%q %d %", 5);
	SOL_EXPECT_STREQ(t, buf, "%q 5 %");
}

/*
 * %b: the value in the base of the string's first byte, then the names
 * of the bits set, in angle brackets, separated by commas; the names end
 * at a control character or a space (bit 32 is a space).
 */
void sol_printf_bit_field(struct kunit *t)
{
	static const char bits[] = "\020\3Intr\2Err\1Enable";
	char buf[64];

	snprintf(buf, sizeof(buf), "%b", 3, "\10\2BITTWO\1BITONE");
	SOL_EXPECT_STREQ(t, buf, "3<BITTWO,BITONE>");
	/* cmn_err(9F)'s example (the man page prints a stray ','). */
	snprintf(buf, sizeof(buf), "reg=0x%b", 13, bits);
	SOL_EXPECT_STREQ(t, buf, "reg=0xd<Intr,Enable>");
	/* Bases 8, 10 and 16; the value unsigned. */
	snprintf(buf, sizeof(buf), "%b %b %b", 9, "\10\1A\4D", 9, "\12\1A\4D", 9, "\20\1A\4D");
	SOL_EXPECT_STREQ(t, buf, "11<A,D> 9<A,D> 9<A,D>");
	snprintf(buf, sizeof(buf), "%b", -1, "\12\1LOW\40HIGH");
	SOL_EXPECT_STREQ(t, buf, "4294967295<LOW,HIGH>");
	/* 0, or no named bit set: the number alone, without brackets. */
	snprintf(buf, sizeof(buf), "%b|%b|%b", 0, bits, 8, bits, 0x10, "\20");
	SOL_EXPECT_STREQ(t, buf, "0|8|10");
	/* Flags and width apply to the number; text and arguments go on. */
	snprintf(buf, sizeof(buf), "[%4b][%-4b][%04b] %s", 1, "\20\1A", 2, "\20\2B", 0xa, "\20",
		 "end");
	SOL_EXPECT_STREQ(t, buf, "[   1<A>][2   <B>][000a] end");
}

/*
 * cmn_err's line: CE_CONT as it is, CE_NOTE "NOTICE: " and a newline,
 * CE_WARN "WARNING: " and a newline, each at its printk level; a first
 * '!' or '^' is dropped; '?' makes CE_CONT KERN_INFO and is dropped.
 */
void sol_cmn_err_line_per_level(struct kunit *t)
{
	char buf[64];

	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_CONT, "x=%d", 1), 'c');
	SOL_EXPECT_STREQ(t, buf, "x=1");
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_NOTE, "x=%d", 2), '5');
	SOL_EXPECT_STREQ(t, buf, "NOTICE: x=2\n");
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_WARN, "x=%b", 3, "\20\1A"), '4');
	SOL_EXPECT_STREQ(t, buf, "WARNING: x=3<A>\n");
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_PANIC, "x=%d", 4), 0);
	SOL_EXPECT_STREQ(t, buf, "x=4");
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_NOTE, "!log only"), '5');
	SOL_EXPECT_STREQ(t, buf, "NOTICE: log only\n");
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_WARN, "^console"), '4');
	SOL_EXPECT_STREQ(t, buf, "WARNING: console\n");
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_CONT, "?verbose\n"), '6');
	SOL_EXPECT_STREQ(t, buf, "verbose\n");
	/* '?' with another level: dropped, no other effect. */
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_NOTE, "?note"), '5');
	SOL_EXPECT_STREQ(t, buf, "NOTICE: note\n");
	/* Only the first character is a routing prefix. */
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, CE_CONT, "!^x"), 'c');
	SOL_EXPECT_STREQ(t, buf, "^x");
	/* A bad level: the message alone (cmn_err() reports it). */
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), NULL, 99, "msg"), -1);
	SOL_EXPECT_STREQ(t, buf, "msg");
}

/* A line longer than the buffer is cut, and ends with "[...]" and its newline. */
void sol_cmn_err_long_line_is_cut(struct kunit *t)
{
	static char big[600];
	char buf[512], line[600];
	const char *p;

	bzero(big, sizeof(big));
	for (size_t i = 0; i < sizeof(big) - 1; i++)
		big[i] = 'a' + i % 26;
	sol_cmn_err_text(buf, sizeof(buf), NULL, CE_NOTE, "%s", big);
	SOL_EXPECT_EQ(t, sol_strlen(buf), sizeof(buf) - 1);
	SOL_EXPECT(t, bcmp(buf, "NOTICE: abc", 11) == 0);
	SOL_EXPECT_STREQ(t, buf + sizeof(buf) - 7, "[...]\n");
	sol_cmn_err_text(buf, sizeof(buf), NULL, CE_CONT, "%s", big);
	SOL_EXPECT_STREQ(t, buf + sizeof(buf) - 6, "[...]");
	SOL_EXPECT(t, bcmp(buf, big, sizeof(buf) - 6) == 0);
	/* One that just fits ("WARNING: ", the message, "\n") is whole. */
	big[sizeof(buf) - 1 - 9 - 1] = '\0';
	sol_cmn_err_text(buf, sizeof(buf), NULL, CE_WARN, "%s", big);
	SOL_EXPECT_EQ(t, sol_strlen(buf), sizeof(buf) - 1);
	SOL_EXPECT(t, buf[sizeof(buf) - 2] == '\n' && buf[sizeof(buf) - 3] == big[sol_strlen(big) - 1]);
	/* cmn_err() itself cuts it the same way (then a newline ends the line). */
	big[sizeof(buf) - 1 - 9 - 1] = 'a' + (sizeof(buf) - 1 - 9 - 1) % 26;
	big[sizeof(big) - 2] = 'Z';
	cmn_err(CE_CONT, "?sol_cmn_err cut: %s\n", big);
	cmn_err(CE_CONT, "\n");
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err cut: abc", line, sizeof(line)), 6);
	p = sol_strstr(line, "sol_cmn_err cut: abc");
	if (SOL_EXPECT(t, p != NULL)) {
		SOL_EXPECT_EQ(t, sol_strlen(p), sizeof(buf) - 1);
		SOL_EXPECT_STREQ(t, p + sizeof(buf) - 6, "[...]");
		SOL_EXPECT(t, !sol_strstr(p, "Z"));
	}
}

static void sol_vcmn(int level, const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	vcmn_err(level, fmt, ap);
	__builtin_va_end(ap);
}

/*
 * What cmn_err and vcmn_err print, read back from the kernel log: each
 * level's line and printk level; CE_CONT continues a line; CE_WARN's
 * line starts with the caller; CE_IGNORE prints nothing.
 */
void sol_cmn_err_prints_each_level(struct kunit *t)
{
	char line[256];

	cmn_err(CE_NOTE, "sol_cmn_err note %d", 1);
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err note 1", line, sizeof(line)), 5);
	SOL_EXPECT(t, sol_strstr(line, "] NOTICE: sol_cmn_err note 1"));
	cmn_err(CE_WARN, "!sol_cmn_err warn %b", 5, "\20\1A\2B\3C");
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err warn", line, sizeof(line)), 4);
	SOL_EXPECT(t, sol_strstr(line, "] sol_cmn_err_prints_each_level [ddi_abi_test]: "
				 "WARNING: sol_cmn_err warn 5<A,C>"));
	cmn_err(CE_CONT, "?sol_cmn_err cont %s", "one,");
	cmn_err(CE_CONT, " two\n");
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err cont", line, sizeof(line)), 6);
	SOL_EXPECT(t, sol_strstr(line, "] sol_cmn_err cont one, two"));
	sol_vcmn(CE_NOTE, "^sol_cmn_err vnote %s=%d", "v", 3);
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err vnote", line, sizeof(line)), 5);
	SOL_EXPECT(t, sol_strstr(line, "] NOTICE: sol_cmn_err vnote v=3"));
	sol_vcmn(CE_WARN, "sol_cmn_err vwarn");
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err vwarn", line, sizeof(line)), 4);
	/* (The caller is sol_vcmn, or this case if sol_vcmn's call is a jump.) */
	SOL_EXPECT(t, sol_strstr(line, " [ddi_abi_test]: WARNING: sol_cmn_err vwarn"));
	cmn_err(CE_IGNORE, "sol_cmn_err ignored");
	sol_vcmn(CE_IGNORE, "sol_cmn_err ignored");
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err ignored", line, sizeof(line)), -1);
	/* A bad level is reported, naming the caller, with the message. */
	cmn_err(-1, "sol_cmn_err bad level");
	SOL_EXPECT_EQ(t, sol_log_find("sol_cmn_err bad level", line, sizeof(line)), 4);
	SOL_EXPECT(t, sol_strstr(line, "cmn_err: bad level -1 from sol_cmn_err_prints_each_level+"));
}

/*
 * dev_err prefixes the driver's name and instance (ddi_driver_name,
 * ddi_get_instance), after the level's prefix; a NULL dip has none.
 */
void sol_dev_err_prefix(struct kunit *t)
{
	struct dev_info *dip = sol_devinfo_alloc("solxx", 3);
	char buf[64], line[256];

	if (!SOL_EXPECT(t, dip != NULL))
		return;
	SOL_EXPECT_STREQ(t, ddi_driver_name(dip), "solxx");
	SOL_EXPECT_EQ(t, ddi_get_instance(dip), 3);
	SOL_EXPECT_EQ(t, sol_cmn_err_text(buf, sizeof(buf), dip, CE_WARN, "bad %s", "vtoc"), '4');
	SOL_EXPECT_STREQ(t, buf, "WARNING: solxx3: bad vtoc\n");
	sol_cmn_err_text(buf, sizeof(buf), dip, CE_CONT, "!cont");
	SOL_EXPECT_STREQ(t, buf, "solxx3: cont");
	sol_cmn_err_text(buf, sizeof(buf), NULL, CE_NOTE, "none");
	SOL_EXPECT_STREQ(t, buf, "NOTICE: none\n");
	dev_err(dip, CE_NOTE, "sol_dev_err attached %d", 1);
	SOL_EXPECT_EQ(t, sol_log_find("sol_dev_err attached", line, sizeof(line)), 5);
	SOL_EXPECT(t, sol_strstr(line, "] NOTICE: solxx3: sol_dev_err attached 1"));
	dev_err(NULL, CE_WARN, "sol_dev_err no dip");
	SOL_EXPECT_EQ(t, sol_log_find("sol_dev_err no dip", line, sizeof(line)), 4);
	SOL_EXPECT(t, sol_strstr(line, "[ddi_abi_test]: WARNING: sol_dev_err no dip"));
	ddi_report_dev(dip);
	SOL_EXPECT_EQ(t, sol_log_find("solxx3 is /pseudo/solxx@3", line, sizeof(line)), 6);
	sol_devinfo_free(dip);
	/* A NULL dip to the accessors is reported: "" and -1. */
	SOL_EXPECT_STREQ(t, ddi_driver_name(NULL), "");
	SOL_EXPECT_EQ(t, ddi_get_instance(NULL), -1);
}

struct sol_ce_ctx {
	struct dev_info *dip;
	char buf[32];
	size_t len;
};

static void sol_ce_calls(void *arg)
{
	struct sol_ce_ctx *c = arg;

	c->len = snprintf(c->buf, sizeof(c->buf), "%b", 3, "\20\1A\2B");
	cmn_err(CE_CONT, "?sol_cmn_err in context %s\n", c->buf);
	cmn_err(CE_NOTE, "sol_cmn_err in context");
	cmn_err(CE_WARN, "sol_cmn_err in context");
	dev_err(c->dip, CE_WARN, "sol_cmn_err in context");
	sol_vcmn(CE_NOTE, "sol_cmn_err in context");
}

/* cmn_err, dev_err and snprintf in interrupt context and under a spinlock. */
void sol_cmn_err_any_context(struct kunit *t)
{
	struct sol_ce_ctx c = { .dip = sol_devinfo_alloc("solirq", 0) };

	SOL_EXPECT(t, c.dip != NULL);
	sol_run_in_irq(sol_ce_calls, &c);
	SOL_EXPECT_EQ(t, c.len, 6);
	SOL_EXPECT_STREQ(t, c.buf, "3<A,B>");
	c.len = 0;
	sol_run_atomic(sol_ce_calls, &c);
	SOL_EXPECT_EQ(t, c.len, 6);
	sol_devinfo_free(c.dip);
}
