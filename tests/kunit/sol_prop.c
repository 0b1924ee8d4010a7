// SPDX-License-Identifier: GPL-2.0
/*
 * ddi_sol_prop: <sys/sunddi.h>'s property calls from Solaris code, as a
 * driver makes and reads its own properties in attach(9E): one case per
 * rule of ddi_prop_update(9F), ddi_prop_get_int(9F), ddi_prop_lookup(9F),
 * ddi_prop_create(9F), ddi_prop_remove(9F) and ddi_prop_op(9F), on a
 * dev_info of the tests' own (sol_devinfo_alloc()). The misuse cases
 * check that the shim reported each misuse (its report count) and named
 * the caller.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <sys/systm.h>
#include <sys/sunddi.h>
#include "sol_test.h"
#include "sol_cases.h"

#define DEFV	(-77)
#define DEFV64	(-7700000000000LL)

static dev_info_t *prop_dip(struct kunit *t)
{
	dev_info_t *dip = sol_devinfo_alloc("solprop", 0);

	SOL_EXPECT(t, dip != NULL);
	return dip;
}

/*
 * No driver.conf, no PROM: a property the driver did not make is absent,
 * and every call says so as illumos does for an absent one, unreported.
 */
void sol_prop_absent_gives_default(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	long before = sol_prop_reports();
	int *ip = (int *)&before;
	int64_t *lp = (int64_t *)&before;
	char *s = (char *)&before, **sa = (char **)&before;
	uchar_t *bp = (uchar_t *)&before;
	uint_t n = 99;
	int len = 5;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "nothere", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(makedevice(3, 4), dip, DDI_PROP_DONTPASS, "nothere",
	    DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_get_int64(DDI_DEV_T_ANY, dip, 0, "nothere", DEFV64), DEFV64);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "nothere", &ip, &n),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int64_array(DDI_DEV_T_ANY, dip, DDI_PROP_NOTPROM,
	    "nothere", &lp, &n), DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "nothere", &s),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_string_array(DDI_DEV_T_ANY, dip, 0, "nothere", &sa, &n),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_byte_array(DDI_DEV_T_ANY, dip, 0, "nothere", &bp, &n),
	    DDI_PROP_NOT_FOUND);
	/* Nothing was stored through the pointers. */
	SOL_EXPECT(t, ip == (int *)&before && lp == (int64_t *)&before);
	SOL_EXPECT(t, s == (char *)&before && sa == (char **)&before && bp == (uchar_t *)&before);
	SOL_EXPECT_EQ(t, n, 99);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "nothere"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, "nothere", NULL, &len),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, len, 5);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "nothere"), DDI_PROP_NOT_FOUND);
	ddi_prop_remove_all(dip);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before);
	sol_devinfo_free(dip);
}

/* ddi_prop_update_int() and _int_array(): get and lookup give them back. */
void sol_prop_int_round_trip(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	int opts[3] = { 7, -1, 0x7fffffff };
	int *ip = NULL;
	uint_t n = 0;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "width", 42),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "width", DEFV), 42);
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "width", &ip, &n),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, ip != NULL)) {
		SOL_EXPECT_EQ(t, n, 1);
		SOL_EXPECT_EQ(t, ip[0], 42);
		ddi_prop_free(ip);
	}
	/* The man page's example: an "options" array. */
	SOL_EXPECT_EQ(t, ddi_prop_update_int_array(DDI_DEV_T_NONE, dip, "options", opts, 3),
	    DDI_PROP_SUCCESS);
	opts[0] = 1000;		/* the property has its own copy */
	ip = NULL;
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "options", &ip,
	    &n), DDI_PROP_SUCCESS) && SOL_EXPECT(t, ip != NULL)) {
		SOL_EXPECT_EQ(t, n, 3);
		SOL_EXPECT_EQ(t, ip[0], 7);
		SOL_EXPECT_EQ(t, ip[1], -1);
		SOL_EXPECT_EQ(t, ip[2], 0x7fffffff);
		ip[1] = 5;	/* and so does the lookup */
		ddi_prop_free(ip);
	}
	/* ddi_prop_get_int() of an array: its first element. */
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "options", DEFV), 7);
	ip = NULL;
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "options", &ip,
	    &n), DDI_PROP_SUCCESS) && SOL_EXPECT(t, ip != NULL)) {
		SOL_EXPECT_EQ(t, ip[1], -1);
		ddi_prop_free(ip);
	}
	sol_devinfo_free(dip);
}

/* ddi_prop_update_int64() and _int64_array(): all 64 bits come back. */
void sol_prop_int64_round_trip(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	int64_t v[2] = { 0x123456789abcdefLL, -5 };
	int64_t *lp = NULL;
	uint_t n = 0;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int64(DDI_DEV_T_NONE, dip, "Size", 1LL << 40),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int64(DDI_DEV_T_ANY, dip, 0, "Size", DEFV64), 1LL << 40);
	SOL_EXPECT_EQ(t, ddi_prop_update_int64_array(DDI_DEV_T_NONE, dip, "pair", v, 2),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int64(DDI_DEV_T_ANY, dip, 0, "pair", DEFV64),
	    0x123456789abcdefLL);
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_int64_array(DDI_DEV_T_ANY, dip, 0, "pair", &lp,
	    &n), DDI_PROP_SUCCESS) && SOL_EXPECT(t, lp != NULL)) {
		SOL_EXPECT_EQ(t, n, 2);
		SOL_EXPECT_EQ(t, lp[0], 0x123456789abcdefLL);
		SOL_EXPECT_EQ(t, lp[1], -5);
		ddi_prop_free(lp);
	}
	sol_devinfo_free(dip);
}

/*
 * ddi_prop_update_string() and _string_array(): a string array comes back
 * as execve(2)'s argv, in one allocation (the strings after the NULL).
 */
void sol_prop_string_round_trip(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	char *names[3] = { "alpha", "", "gamma" };
	char *s = NULL, **sa = NULL;
	uint_t n = 0;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_string(DDI_DEV_T_NONE, dip, "pm-hardware-state",
	    "needs-suspend-resume"), DDI_PROP_SUCCESS);
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "pm-hardware-state",
	    &s), DDI_PROP_SUCCESS) && SOL_EXPECT(t, s != NULL)) {
		SOL_EXPECT_STREQ(t, s, "needs-suspend-resume");
		ddi_prop_free(s);
	}
	/* A single string is an array of one. */
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string_array(DDI_DEV_T_ANY, dip, 0,
	    "pm-hardware-state", &sa, &n), DDI_PROP_SUCCESS) && SOL_EXPECT(t, sa != NULL)) {
		SOL_EXPECT_EQ(t, n, 1);
		SOL_EXPECT_STREQ(t, sa[0], "needs-suspend-resume");
		SOL_EXPECT(t, sa[1] == NULL);
		ddi_prop_free(sa);
	}
	SOL_EXPECT_EQ(t, ddi_prop_update_string_array(DDI_DEV_T_NONE, dip, "names", names, 3),
	    DDI_PROP_SUCCESS);
	sa = NULL;
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string_array(DDI_DEV_T_ANY, dip, 0, "names", &sa,
	    &n), DDI_PROP_SUCCESS) && SOL_EXPECT(t, sa != NULL)) {
		SOL_EXPECT_EQ(t, n, 3);
		SOL_EXPECT_STREQ(t, sa[0], "alpha");
		SOL_EXPECT_STREQ(t, sa[1], "");
		SOL_EXPECT_STREQ(t, sa[2], "gamma");
		SOL_EXPECT(t, sa[3] == NULL);
		SOL_EXPECT(t, sa[0] == (char *)&sa[4]);
		SOL_EXPECT(t, sa[1] == sa[0] + 6 && sa[2] == sa[1] + 1);
		ddi_prop_free(sa);
	}
	/* ddi_prop_lookup_string() of an array: its first string. */
	s = NULL;
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "names", &s),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, s != NULL)) {
		SOL_EXPECT_STREQ(t, s, "alpha");
		ddi_prop_free(s);
	}
	sol_devinfo_free(dip);
}

/* ddi_prop_update_byte_array(): every byte value, NULs included. */
void sol_prop_byte_round_trip(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	uchar_t mac[6] = { 0x00, 0x14, 0x4f, 0xff, 0x00, 0x80 };
	uchar_t *bp = NULL;
	uint_t n = 0, i;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_byte_array(DDI_DEV_T_NONE, dip, "local-mac-address",
	    mac, sizeof(mac)), DDI_PROP_SUCCESS);
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_byte_array(DDI_DEV_T_ANY, dip, 0,
	    "local-mac-address", &bp, &n), DDI_PROP_SUCCESS) && SOL_EXPECT(t, bp != NULL)) {
		SOL_EXPECT_EQ(t, n, sizeof(mac));
		for (i = 0; i < n && i < sizeof(mac); i++)
			SOL_EXPECT_EQ(t, bp[i], mac[i]);
		ddi_prop_free(bp);
	}
	sol_devinfo_free(dip);
}

/*
 * An update replaces the property of its name, dev and type, in place:
 * the new value; a copy looked up before keeps the old one. Another type
 * is another property; an untyped one (ddi_prop_create()) is replaced by
 * any typed update but an int64 one.
 */
void sol_prop_update_replaces(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	int *ip = NULL;
	char *s = NULL;
	uint_t n = 0;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "rev", 1), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "other", 9), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "rev", &ip, &n),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "rev", 2), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "rev", DEFV), 2);
	if (SOL_EXPECT(t, ip != NULL)) {
		SOL_EXPECT_EQ(t, ip[0], 1);
		ddi_prop_free(ip);
	}
	/* A longer value, in the same place. */
	SOL_EXPECT_EQ(t, ddi_prop_update_int_array(DDI_DEV_T_NONE, dip, "rev",
	    (int []){ 3, 4, 5, 6 }, 4), DDI_PROP_SUCCESS);
	ip = NULL;
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "rev", &ip, &n),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, ip != NULL)) {
		SOL_EXPECT_EQ(t, n, 4);
		SOL_EXPECT_EQ(t, ip[3], 6);
		ddi_prop_free(ip);
	}
	/*
	 * Another type is another property: an update replaces one of its
	 * own type (illumos's ddi_prop_change() searches with the update's
	 * type), so the ints stay, behind the string.
	 */
	SOL_EXPECT_EQ(t, ddi_prop_update_string(DDI_DEV_T_NONE, dip, "rev", "B2"),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "rev", DEFV), 3);
	s = NULL;
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "rev", &s),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, s != NULL)) {
		SOL_EXPECT_STREQ(t, s, "B2");
		ddi_prop_free(s);
	}
	SOL_EXPECT_EQ(t, ddi_prop_update_string(DDI_DEV_T_NONE, dip, "rev", "B3"),
	    DDI_PROP_SUCCESS);
	s = NULL;
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "rev", &s),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, s != NULL)) {
		SOL_EXPECT_STREQ(t, s, "B3");
		ddi_prop_free(s);
	}
	/* The ints are updated in their place, behind the string... */
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "rev", 8), DDI_PROP_SUCCESS);
	/* ... so a removal takes the newest "rev" (the string) off; then the ints. */
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "rev"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "rev", &s),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "rev", DEFV), 8);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "rev"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "rev"), 0);
	/* An untyped property is replaced by a typed update... */
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "u", (caddr_t)&n, sizeof(n)),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "u", 9), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "u", DEFV), 9);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "u"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "u"), 0);
	/* ... but for an int64 one, which makes a second property. */
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "w", (caddr_t)&n, sizeof(n)),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int64(DDI_DEV_T_NONE, dip, "w", 5), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "w"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "w"), 1);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "w"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "w"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "other", DEFV), 9);
	sol_devinfo_free(dip);
}

/*
 * Lookups match the type (ddi_prop_lookup(9F): "searched for based on the
 * dip, name, match_dev, and the type of the data"): a property of another
 * type is not found, though it exists; nothing is reported.
 */
void sol_prop_wrong_type_not_found(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	long before = sol_prop_reports();
	int *ip = NULL;
	int64_t *lp = NULL;
	char *s = NULL;
	uchar_t *bp = NULL;
	uint_t n = 0;
	int len = 0;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "i", 5), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int64(DDI_DEV_T_NONE, dip, "l", 6), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_string(DDI_DEV_T_NONE, dip, "s", "1234567"),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "i", &s),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_byte_array(DDI_DEV_T_ANY, dip, 0, "i", &bp, &n),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int64_array(DDI_DEV_T_ANY, dip, 0, "i", &lp, &n),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_get_int64(DDI_DEV_T_ANY, dip, 0, "i", DEFV64), DEFV64);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "l", &ip, &n),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "l", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "s", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "s", &ip, &n),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT(t, ip == NULL && lp == NULL && s == NULL && bp == NULL);
	/* They exist all the same; ddi_prop_op() sees all but the int64. */
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "i"), 1);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "l"), 1);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "s"), 1);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, "s", NULL, &len),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, len, 8);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, "l", NULL, &len),
	    DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before);
	sol_devinfo_free(dip);
}

/*
 * ddi_prop_create(): a boolean (length 0) is 1 to ddi_prop_get_int() and
 * found by ddi_prop_exists(); an untyped value decodes as each lookup's
 * type, or DDI_PROP_CANNOT_DECODE; creations stack. No element is no
 * encoding for the typed updates.
 */
void sol_prop_create_boolean_and_decode(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	char six[6] = { 'a', 'b', 0, 'c', 'd', 0 };
	char nonul[3] = { 'x', 'y', 'z' };
	int *ip = NULL, len = -1;
	char *s = NULL, **sa = NULL;
	uchar_t *bp = NULL;
	caddr_t buf = (caddr_t)&len;
	uint_t n = 0;
	int first;

	if (dip == NULL)
		return;
	bcopy(six, &first, sizeof(first));
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "ddi-kernel-ioctl", NULL, 0),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "ddi-kernel-ioctl", DEFV), 1);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "ddi-kernel-ioctl"), 1);
	/* As on illumos: untyped properties are no int64 ones. */
	SOL_EXPECT_EQ(t, ddi_prop_get_int64(DDI_DEV_T_ANY, dip, 0, "ddi-kernel-ioctl", DEFV64),
	    DEFV64);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "ddi-kernel-ioctl", &ip,
	    &n), DDI_PROP_END_OF_DATA);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, "ddi-kernel-ioctl", NULL,
	    &len), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, len, 0);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN_AND_VAL_ALLOC, 0,
	    "ddi-kernel-ioctl", (caddr_t)&buf, &len), DDI_PROP_SUCCESS);
	SOL_EXPECT(t, buf == NULL && len == 0);

	/* Six bytes: two strings, six bytes, one int and a half. */
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, DDI_PROP_CANSLEEP, "raw", six, 6),
	    DDI_PROP_SUCCESS);
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string_array(DDI_DEV_T_ANY, dip, 0, "raw", &sa, &n),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, sa != NULL)) {
		SOL_EXPECT_EQ(t, n, 2);
		SOL_EXPECT_STREQ(t, sa[0], "ab");
		SOL_EXPECT_STREQ(t, sa[1], "cd");
		ddi_prop_free(sa);
	}
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_byte_array(DDI_DEV_T_ANY, dip, 0, "raw", &bp, &n),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, bp != NULL)) {
		SOL_EXPECT_EQ(t, n, 6);
		SOL_EXPECT_EQ(t, bp[3], 'c');
		ddi_prop_free(bp);
	}
	ip = NULL;
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "raw", &ip, &n),
	    DDI_PROP_CANNOT_DECODE);
	SOL_EXPECT(t, ip == NULL);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "raw", DEFV), first);

	/* Three bytes: no int, no string. */
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "odd", nonul, 3),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "odd", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "odd", &s),
	    DDI_PROP_CANNOT_DECODE);
	SOL_EXPECT(t, s == NULL);

	/* A creation stacks on one of its name; a removal shows it again. */
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "odd", "top", 4),
	    DDI_PROP_SUCCESS);
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, "odd", &s),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, s != NULL)) {
		SOL_EXPECT_STREQ(t, s, "top");
		ddi_prop_free(s);
	}
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "odd"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "odd"), 1);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "odd"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "odd"), 0);

	/* No elements: nothing to encode (bytes: illumos's DDI_PROP_INVAL_ARG). */
	SOL_EXPECT_EQ(t, ddi_prop_update_int_array(DDI_DEV_T_NONE, dip, "e", &first, 0),
	    DDI_PROP_CANNOT_ENCODE);
	SOL_EXPECT_EQ(t, ddi_prop_update_int64_array(DDI_DEV_T_NONE, dip, "e", NULL, 0),
	    DDI_PROP_CANNOT_ENCODE);
	SOL_EXPECT_EQ(t, ddi_prop_update_string_array(DDI_DEV_T_NONE, dip, "e", &s, 0),
	    DDI_PROP_CANNOT_ENCODE);
	SOL_EXPECT_EQ(t, ddi_prop_update_byte_array(DDI_DEV_T_NONE, dip, "e", (uchar_t *)six, 0),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "e"), 0);
	sol_devinfo_free(dip);
}

/*
 * match_dev: DDI_DEV_T_ANY matches any dev, another dev only itself; a
 * DDI_DEV_T_NONE property is found with DDI_DEV_T_ANY only, a lookup with
 * DDI_DEV_T_NONE is refused (ddi_prop_lookup(9F)); DDI_DEV_T_ANY makes
 * no property. Each dev has its own property of a name.
 */
void sol_prop_dev_matching(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	dev_t a = makedevice(7, 1), b = makedevice(7, 2);
	long before = sol_prop_reports();
	int *ip = NULL;
	uint_t n = 0;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int(a, dip, "x", 1), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "y", 2), DDI_PROP_SUCCESS);
	/* Exact and ANY. */
	SOL_EXPECT_EQ(t, ddi_prop_get_int(a, dip, 0, "x", DEFV), 1);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "x", DEFV), 1);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(b, dip, 0, "x", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_exists(b, dip, 0, "x"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_exists(a, dip, 0, "x"), 1);
	/* NONE: found with ANY only. */
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "y", DEFV), 2);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(a, dip, 0, "y", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(a, dip, 0, "y", &ip, &n), DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before);
	/* Lookups with NONE are refused, reported; exists takes it as ANY. */
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_NONE, dip, 0, "y", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_NONE, dip, 0, "y", &ip, &n),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT(t, ip == NULL);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_NONE, dip, 0, "x"), 1);
	/* No property of DDI_DEV_T_ANY, no removal of one. */
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_ANY, dip, "z", 3), DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_ANY, dip, "x"), DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "z"), 0);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before + 4);
	/* Another dev, another property: ANY finds the newest. */
	SOL_EXPECT_EQ(t, ddi_prop_update_int(b, dip, "x", 3), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(a, dip, 0, "x", DEFV), 1);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(b, dip, 0, "x", DEFV), 3);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "x", DEFV), 3);
	/* Removal takes the property of its dev only. */
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "x"), DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_remove(b, dip, "x"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "x", DEFV), 1);
	SOL_EXPECT_EQ(t, ddi_prop_remove(a, dip, "y"), DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "y"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "y"), 0);
	/*
	 * An update with NONE changes the newest "x" of its type whatever its
	 * dev, and the property keeps its dev (illumos's search takes NONE
	 * for ANY): it is still a's, and not NONE's to remove.
	 */
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "x", 4), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(a, dip, 0, "x", DEFV), 4);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "x"), DDI_PROP_NOT_FOUND);
	/* "x" of a is left for sol_devinfo_free() to free (kmemleak checks). */
	sol_devinfo_free(dip);
}

/* ddi_prop_remove() takes one property, ddi_prop_remove_all() every one. */
void sol_prop_remove_and_remove_all(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "a", 1), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_string(DDI_DEV_T_NONE, dip, "b", "bee"),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int64(makedevice(9, 9), dip, "c", 3), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "d", NULL, 0), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "a"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "a"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "b"), 1);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, "a"), DDI_PROP_NOT_FOUND);
	ddi_prop_remove_all(dip);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "b"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "c"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "d"), 0);
	ddi_prop_remove_all(dip);		/* none left: nothing happens */
	/* The instance takes new properties after it. */
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "b", 8), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0, "b", DEFV), 8);
	sol_devinfo_free(dip);
}

/*
 * ddi_prop_op(9F), as a driver's cb_prop_op: PROP_LEN, PROP_LEN_AND_VAL_BUF
 * (DDI_PROP_BUF_TOO_SMALL with the length when short), PROP_LEN_AND_VAL_ALLOC
 * (a kmem_alloc() buffer for kmem_free()), PROP_EXISTS.
 */
void sol_prop_op_three_ops(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	int (*prop_op)(dev_t, dev_info_t *, ddi_prop_op_t, int, char *, caddr_t, int *) =
	    ddi_prop_op;
	int v[3] = { 10, 20, 30 }, got[4] = { 0, 0, 0, -1 }, small[2] = { -1, -1 };
	caddr_t buf = NULL;
	int len;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int_array(DDI_DEV_T_NONE, dip, "v", v, 3),
	    DDI_PROP_SUCCESS);
	len = -1;
	SOL_EXPECT_EQ(t, prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, "v", NULL, &len),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, len, 12);
	/* DDI_DEV_T_NONE is DDI_DEV_T_ANY here. */
	len = -1;
	SOL_EXPECT_EQ(t, prop_op(DDI_DEV_T_NONE, dip, PROP_LEN, DDI_PROP_DONTPASS, "v", NULL,
	    &len), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, len, 12);
	len = sizeof(got);
	SOL_EXPECT_EQ(t, prop_op(DDI_DEV_T_ANY, dip, PROP_LEN_AND_VAL_BUF, 0, "v", (caddr_t)got,
	    &len), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, len, 12);
	SOL_EXPECT(t, got[0] == 10 && got[1] == 20 && got[2] == 30 && got[3] == -1);
	len = sizeof(small);
	SOL_EXPECT_EQ(t, prop_op(DDI_DEV_T_ANY, dip, PROP_LEN_AND_VAL_BUF, 0, "v",
	    (caddr_t)small, &len), DDI_PROP_BUF_TOO_SMALL);
	SOL_EXPECT_EQ(t, len, 12);
	SOL_EXPECT(t, small[0] == -1 && small[1] == -1);
	len = 0;
	SOL_EXPECT_EQ(t, prop_op(DDI_DEV_T_ANY, dip, PROP_LEN_AND_VAL_ALLOC, DDI_PROP_CANSLEEP,
	    "v", (caddr_t)&buf, &len), DDI_PROP_SUCCESS);
	if (SOL_EXPECT(t, buf != NULL) && SOL_EXPECT_EQ(t, len, 12)) {
		SOL_EXPECT_EQ(t, ((int *)(void *)buf)[2], 30);
		kmem_free(buf, len);
	}
	SOL_EXPECT_EQ(t, prop_op(DDI_DEV_T_ANY, dip, PROP_EXISTS, 0, "v", NULL, NULL),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, prop_op(DDI_DEV_T_ANY, dip, PROP_EXISTS, 0, "w", NULL, NULL),
	    DDI_PROP_NOT_FOUND);
	/* A string: its bytes with the NUL. */
	SOL_EXPECT_EQ(t, ddi_prop_update_string(makedevice(4, 2), dip, "s", "abc"),
	    DDI_PROP_SUCCESS);
	buf = NULL;
	SOL_EXPECT_EQ(t, prop_op(makedevice(4, 3), dip, PROP_LEN_AND_VAL_ALLOC, 0, "s",
	    (caddr_t)&buf, &len), DDI_PROP_NOT_FOUND);
	SOL_EXPECT_EQ(t, prop_op(makedevice(4, 2), dip, PROP_LEN_AND_VAL_ALLOC, 0, "s",
	    (caddr_t)&buf, &len), DDI_PROP_SUCCESS);
	if (SOL_EXPECT(t, buf != NULL) && SOL_EXPECT_EQ(t, len, 4)) {
		SOL_EXPECT_STREQ(t, buf, "abc");
		kmem_free(buf, len);
	}
	sol_devinfo_free(dip);
}

static int notabuf[8];

/*
 * Every bad argument is DDI_PROP_INVAL_ARG (the default, 0, or nothing),
 * reported with the caller's name: NULL dip, NULL or empty name, NULL
 * data, bad pointers to ddi_prop_free(), bad ddi_prop_op() arguments.
 */
void sol_prop_null_arguments_reported(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	long before = sol_prop_reports();
	char *strs[2] = { "a", NULL };
	char line[256];
	int *ip = NULL, len = 0;
	char *s = NULL;
	uint_t n = 0;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, NULL, "x", 1), DDI_PROP_INVAL_ARG);
	SOL_EXPECT(t, sol_log_find("ddi_compat: ddi_prop_update_int: NULL dip (from "
	    "sol_prop_null_arguments_reported+", line, sizeof(line)) == 4);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before + 1);
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, NULL, 1), DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "", 1), DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_update_int_array(DDI_DEV_T_NONE, dip, "x", NULL, 2),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_update_int64_array(DDI_DEV_T_NONE, dip, "x", NULL, 1),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_update_byte_array(DDI_DEV_T_NONE, dip, "x", NULL, 1),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_update_string(DDI_DEV_T_NONE, dip, "x", NULL),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_update_string_array(DDI_DEV_T_NONE, dip, "x", strs, 2),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "x", NULL, 4),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0, "x", "abc", -1),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before + 10);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "x"), 0);
	/* Lookups. */
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "x", 1), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, NULL, 0, "x", DEFV), DEFV);
	SOL_EXPECT_EQ(t, ddi_prop_get_int64(DDI_DEV_T_ANY, dip, 0, NULL, DEFV64), DEFV64);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "x", NULL, &n),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "x", &ip, NULL),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_lookup_string(DDI_DEV_T_ANY, dip, 0, NULL, &s),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, NULL, 0, "x"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_remove(DDI_DEV_T_NONE, dip, NULL), DDI_PROP_INVAL_ARG);
	ddi_prop_remove_all(NULL);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before + 18);
	SOL_EXPECT(t, ip == NULL && s == NULL);
	/* ddi_prop_op(). */
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, NULL, PROP_LEN, 0, "x", NULL, &len),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, NULL, NULL, &len),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN, 0, "x", NULL, NULL),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, PROP_LEN_AND_VAL_BUF, 0, "x", NULL,
	    &len), DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, ddi_prop_op(DDI_DEV_T_ANY, dip, (ddi_prop_op_t)9, 0, "x", NULL, &len),
	    DDI_PROP_INVAL_ARG);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before + 23);
	/* ddi_prop_free() of what no lookup gave, or gave and took back. */
	ddi_prop_free(NULL);
	ddi_prop_free(&notabuf[4]);
	if (SOL_EXPECT_EQ(t, ddi_prop_lookup_int_array(DDI_DEV_T_ANY, dip, 0, "x", &ip, &n),
	    DDI_PROP_SUCCESS) && SOL_EXPECT(t, ip != NULL)) {
		ddi_prop_free(ip + 1);		/* inside the copy */
		SOL_EXPECT_EQ(t, ip[0], 1);
		ddi_prop_free(ip);
		ddi_prop_free(ip);		/* twice: read without faulting */
	}
	SOL_EXPECT_EQ(t, sol_prop_reports(), before + 27);
	SOL_EXPECT(t, sol_log_find("ddi_prop_free: ", line, sizeof(line)) == 4);
	sol_devinfo_free(dip);
}

/*
 * ddi_prop_create(9F): a driver without a dev_t (in attach(9E)) makes one
 * with makedevice(DDI_MAJOR_T_UNKNOWN, minor), and the property is its
 * driver's major's. Updates and removals take it the same way.
 */
void sol_prop_major_unknown_is_the_driver_s(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	dev_t anon = makedevice(DDI_MAJOR_T_UNKNOWN, 3), mine = makedevice(42, 3);
	int one = 1;

	if (dip == NULL)
		return;
	sol_devinfo_set_major(dip, 42);
	SOL_EXPECT_EQ(t, ddi_prop_create(anon, dip, 0, "made", (caddr_t)&one, sizeof(one)),
	    DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_update_int(anon, dip, "upd", 5), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(mine, dip, 0, "made", DEFV), 1);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(mine, dip, 0, "upd", DEFV), 5);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(makedevice(43, 3), dip, 0, "upd", DEFV), DEFV);
	/* The second update finds the first, mapped the same way. */
	SOL_EXPECT_EQ(t, ddi_prop_update_int(anon, dip, "upd", 6), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(mine, dip, 0, "upd", DEFV), 6);
	SOL_EXPECT_EQ(t, ddi_prop_remove(mine, dip, "upd"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(mine, dip, 0, "upd"), 0);
	SOL_EXPECT_EQ(t, ddi_prop_remove(anon, dip, "made"), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "made"), 0);
	sol_devinfo_free(dip);
}

struct prop_irq {
	dev_info_t *dip;
	int made, got, exists, len, op, removed;
	caddr_t buf;
};

static void prop_in_irq(void *arg)
{
	struct prop_irq *c = arg;
	int v = 11;

	c->made = ddi_prop_create(DDI_DEV_T_NONE, c->dip, 0, "irq", (caddr_t)&v, sizeof(v));
	c->got = ddi_prop_get_int(DDI_DEV_T_ANY, c->dip, 0, "irq", DEFV);
	c->exists = ddi_prop_exists(DDI_DEV_T_ANY, c->dip, 0, "irq");
	c->op = ddi_prop_op(DDI_DEV_T_ANY, c->dip, PROP_LEN_AND_VAL_ALLOC, 0, "irq",
	    (caddr_t)&c->buf, &c->len);
	c->removed = ddi_prop_remove(DDI_DEV_T_NONE, c->dip, "irq");
}

/*
 * The calls that need not sleep (ddi_prop_create() and ddi_prop_op()
 * without DDI_PROP_CANSLEEP, ddi_prop_get_int(), ddi_prop_exists(),
 * ddi_prop_remove()) work in an interrupt handler and under a spin lock:
 * no sleeping lock, no allocation that may sleep (the debug kernel's
 * might_sleep() checks would say so).
 */
void sol_prop_nosleep_calls_in_interrupt(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	struct prop_irq c = { 0 };
	int round;

	if (dip == NULL)
		return;
	for (round = 0; round < 2; round++) {
		c = (struct prop_irq){ .dip = dip, .len = -1 };
		if (round == 0)
			sol_run_in_irq(prop_in_irq, &c);
		else
			sol_run_atomic(prop_in_irq, &c);
		SOL_EXPECT_EQ(t, c.made, DDI_PROP_SUCCESS);
		SOL_EXPECT_EQ(t, c.got, 11);
		SOL_EXPECT_EQ(t, c.exists, 1);
		SOL_EXPECT_EQ(t, c.op, DDI_PROP_SUCCESS);
		SOL_EXPECT_EQ(t, c.len, (int)sizeof(int));
		if (SOL_EXPECT(t, c.buf != NULL)) {
			SOL_EXPECT_EQ(t, *(int *)c.buf, 11);
			kmem_free(c.buf, sizeof(int));
		}
		SOL_EXPECT_EQ(t, c.removed, DDI_PROP_SUCCESS);
	}
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0, "irq"), 0);
	sol_devinfo_free(dip);
}

/*
 * Flags a call does not take are reported and dropped (illumos's DEBUG
 * kernels warn and mask them): the call still answers.
 */
void sol_prop_unknown_flags_reported(struct kunit *t)
{
	dev_info_t *dip = prop_dip(t);
	long before = sol_prop_reports();
	int one = 1;

	if (dip == NULL)
		return;
	SOL_EXPECT_EQ(t, ddi_prop_update_int(DDI_DEV_T_NONE, dip, "f", 4), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, DDI_PROP_DONTPASS | DDI_PROP_NOTPROM |
	    DDI_PROP_CANSLEEP, "f", DEFV), 4);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before);
	SOL_EXPECT_EQ(t, ddi_prop_get_int(DDI_DEV_T_ANY, dip, 0x4000, "f", DEFV), 4);
	SOL_EXPECT_EQ(t, ddi_prop_exists(DDI_DEV_T_ANY, dip, 0x4000, "f"), 1);
	SOL_EXPECT_EQ(t, ddi_prop_create(DDI_DEV_T_NONE, dip, 0x4000 | DDI_PROP_CANSLEEP, "b",
	    (caddr_t)&one, 0), DDI_PROP_SUCCESS);
	SOL_EXPECT_EQ(t, sol_prop_reports(), before + 3);
	SOL_EXPECT(t, sol_log_find("ddi_prop_exists: solprop0 \"f\": unknown flags 0x4000 ignored",
	    NULL, 0) == 4);
	sol_devinfo_free(dip);
}
