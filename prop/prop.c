// SPDX-License-Identifier: GPL-2.0
/*
 * <sys/sunddi.h>'s property calls (ddi_prop_update(9F), ddi_prop_get_int(9F),
 * ddi_prop_lookup(9F), ddi_prop_exists(9F), ddi_prop_remove(9F),
 * ddi_prop_create(9F), ddi_prop_op(9F)), on a list in each dev_info.
 *
 * Theory
 *
 * 1. Vocabulary. A property is a name, a dev_t, a type and a value of
 *    some bytes, kept in an instance's dev_info. illumos searches four
 *    lists of an instance (the driver's, the system's with driver.conf(5)
 *    entries, the driver's global ones, the PROM's) and then, without
 *    DDI_PROP_DONTPASS, its parent. Linux has no driver.conf, no PROM and
 *    no parent node here: the only properties are the ones the driver
 *    makes, on one list, and a search for any other finds nothing, as on
 *    illumos when a property is absent. So DDI_PROP_DONTPASS and
 *    DDI_PROP_NOTPROM change nothing. DDI_PROP_CANSLEEP is illumos's: the
 *    calls that take it (ddi_prop_create(), ddi_prop_op()) wait for memory
 *    only with it. Other flag bits are reported and dropped (illumos's
 *    DEBUG kernels warn about some). A dev_t of major DDI_MAJOR_T_UNKNOWN
 *    (0, never a Linux character driver's) is the driver's major when a
 *    property is made or updated, as illumos's ddi_prop_add() maps it
 *    (drivers without a dev_t in attach(9E) make one that way), and, so
 *    that such a driver can take it off again, when one is removed.
 *
 * 2. Values. As illumos encodes software properties: an int array is its
 *    ints, an int64 array its int64_ts, in the CPU's byte order; a string
 *    array its strings one after the other, each with its NUL; a byte
 *    array its bytes. ddi_prop_update_*() make typed properties of one
 *    element or more (no elements: DDI_PROP_CANNOT_ENCODE, and
 *    DDI_PROP_INVAL_ARG for a byte array, as illumos). ddi_prop_create()
 *    makes untyped ones (illumos's DDI_PROP_TYPE_ANY) of any length, 0
 *    being a boolean property.
 *
 * 3. Matching. A lookup matches the name, the dev and the type.
 *    DDI_DEV_T_ANY matches every dev and another dev only itself, so a
 *    property made with DDI_DEV_T_NONE is found with DDI_DEV_T_ANY only;
 *    a lookup with DDI_DEV_T_NONE is DDI_PROP_INVAL_ARG (ddi_prop_lookup(9F)).
 *    ddi_prop_exists() and ddi_prop_op() take DDI_DEV_T_NONE for
 *    DDI_DEV_T_ANY, as illumos's search does. A typed lookup sees the
 *    properties of its type and the untyped ones, except that int64
 *    lookups see int64 properties only; ddi_prop_op() sees every property
 *    but the int64 ones, and ddi_prop_exists() every one (illumos's
 *    DDI_PROP_TYPE_ANY has no int64 bit). A property of another type is
 *    not found: DDI_PROP_NOT_FOUND, or the default.
 *
 * 4. Order and updates. The list is newest first and a search takes the
 *    first match. An update replaces the newest property of its name, dev
 *    and type (an untyped one too, but for int64 updates) in its place in
 *    the list, or adds one in front, as illumos's ddi_prop_change()
 *    searches with the update's type: an update of another type makes a
 *    second property. ddi_prop_create() always adds one in front, stacking on one
 *    of the same name and dev as illumos's does, and ddi_prop_remove()
 *    takes the newest of a name and dev off, showing the one below.
 *
 * 5. Decoding. A typed property always decodes as its type. An untyped
 *    one: of length 0, ddi_prop_get_int() gives 1 (the boolean) and a
 *    lookup DDI_PROP_END_OF_DATA; as ints, its length must be a multiple
 *    of sizeof(int) (ddi_prop_get_int(): at least one int), as strings it
 *    must end with a NUL; otherwise DDI_PROP_CANNOT_DECODE, and the
 *    default from ddi_prop_get_int().
 *
 * 6. Results. A lookup returns a copy in one allocation, behind a header
 *    (a magic word keyed by the header's address) that ddi_prop_free()
 *    reads without faulting: a pointer that is not a lookup's, or one
 *    freed already, is reported and left alone (as far as the header
 *    tells: a copy freed twice after its memory went to another copy
 *    frees that one). A string array's copy is
 *    the array of pointers, a NULL, then the strings. ddi_prop_op()'s
 *    PROP_LEN_AND_VAL_ALLOC buffer is kmem_alloc()'d, for the
 *    caller's kmem_free() of that length.
 *
 * 7. Locking and memory. One irq-safe spinlock per dev_info guards its
 *    list, so that the calls that need not sleep (ddi_prop_get_int(),
 *    ddi_prop_exists(), ddi_prop_remove(), and ddi_prop_create() and
 *    ddi_prop_op() without DDI_PROP_CANSLEEP) work in interrupt handlers
 *    and under a driver's spin mutex. Nothing is allocated, printed or
 *    freed under it. A property never changes once on the list (an update
 *    puts a new one in its place) and holds a reference count: the list's,
 *    and one per lookup copying it out, so a lookup takes a reference
 *    under the lock and allocates and copies after it, and the last
 *    reference frees. A new property is allocated, name and value in one
 *    block, before the lock is taken. Every DDI_PROP_INVAL_ARG
 *    is reported, naming the caller, as are allocation failures
 *    (DDI_PROP_NO_MEMORY). ddi_devinfo_free() frees the properties left,
 *    so a detach(9E) without ddi_prop_remove_all() leaks nothing.
 *
 * 8. Costs. Every call walks the list: O(n) in the instance's properties
 *    (drivers have a handful), plus the copy of one value.
 */
#include <ddi/linux.h>
#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <sys/kmem.h>
#include <sys/sunddi.h>
#include "../ddi/devinfo.h"

/* Property types (illumos's DDI_PROP_TYPE_* values). */
#define PROP_T_INT	0x0100
#define PROP_T_STRING	0x0200
#define PROP_T_BYTE	0x0400
#define PROP_T_INT64	0x1000
#define PROP_T_ANY	(PROP_T_INT | PROP_T_STRING | PROP_T_BYTE)	/* untyped */
#define PROP_T_ALL	(PROP_T_ANY | PROP_T_INT64)

/*
 * A property, on its dev_info's devi_props under devi_prop_lock.
 *
 * # Invariants
 * type is one of the PROP_T_* types or PROP_T_ANY; len <= INT_MAX; name
 * points into the same allocation, after val, and is not empty. Once on a
 * list, only link and ref change; ref counts the list's reference (while
 * on it) and each lookup's, and the last one frees.
 */
struct ddi_prop {
	struct list_head link;
	refcount_t ref;			/* the list's, and each lookup's in flight */
	dev_t dev;
	unsigned int type;
	unsigned int len;
	char *name;
	unsigned char val[] __aligned(8);
};

/* The header of a lookup's copy (theory, 6); the data follows, 16-aligned. */
struct prop_buf {
	unsigned long magic;		/* PROP_BUF_MAGIC ^ the header's address */
	unsigned long size;		/* of the data, for a debugger */
};

#define PROP_BUF_MAGIC	0x9c0ffee5ddcafe17UL

static atomic_long_t prop_reports;

/* Reports a misuse or a failure of a call, naming its caller. */
static __printf(2, 3) void prop_report(unsigned long caller, const char *fmt, ...)
{
	/* Bounded: the calls that never sleep may be in an interrupt handler. */
	static DEFINE_RATELIMIT_STATE(rs, 5 * HZ, 100);
	struct va_format vaf;
	va_list args;

	atomic_long_inc(&prop_reports);
	if (!__ratelimit(&rs))
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_warn("ddi_compat: %pV (from %pS)\n", &vaf, (void *)caller);
	va_end(args);
}

/* Reports so far, for the tests; not for drivers. */
long ddi_prop_reports(void);
long ddi_prop_reports(void)
{
	return atomic_long_read(&prop_reports);
}
EXPORT_SYMBOL_NS_GPL(ddi_prop_reports, "DDI_COMPAT_INTERNAL");

/* "xx0 \"name\"", the instance and property of a report. */
#define PFMT		"%s%d \"%s\""
#define PARGS(dip, name) (dip)->devi_driver_name, (dip)->devi_instance, (name)

/* Reports a NULL dip, a NULL or empty name: true if one was bad. */
static bool prop_args_bad(const char *fn, dev_info_t *dip, const char *name,
			  unsigned long caller)
{
	if (dip && name && name[0])
		return false;
	prop_report(caller, "%s: %s", fn, !dip ? "NULL dip" : !name ? "NULL name" : "empty name");
	return true;
}

/* The newest property of @name that @dev (or DDI_DEV_T_ANY) and @types match. */
static struct ddi_prop *prop_find(dev_info_t *dip, dev_t dev, const char *name,
				  unsigned int types)
{
	struct ddi_prop *p;

	lockdep_assert_held(&dip->devi_prop_lock);
	list_for_each_entry(p, &dip->devi_props, link)
		if ((p->type & types) && (dev == DDI_DEV_T_ANY || p->dev == dev) &&
		    !strcmp(p->name, name))
			return p;
	return NULL;
}

/* Drops a reference to @p, freeing it with the last one; any context. */
static void prop_put(struct ddi_prop *p)
{
	if (p && refcount_dec_and_test(&p->ref))
		kfree(p);
}

/*
 * The newest property of @name that @dev and @types match, with a reference
 * for the caller (prop_put()), or NULL. Its value does not change while the
 * reference is held (an update puts a new property in its place).
 */
static struct ddi_prop *prop_get_ref(dev_info_t *dip, dev_t dev, const char *name,
				     unsigned int types)
{
	struct ddi_prop *p;
	unsigned long flags;

	spin_lock_irqsave(&dip->devi_prop_lock, flags);
	p = prop_find(dip, dev, name, types);
	if (p)
		refcount_inc(&p->ref);
	spin_unlock_irqrestore(&dip->devi_prop_lock, flags);
	return p;
}

/*
 * @flags without the bits a search takes (@ok, and DDI_PROP_DONTPASS,
 * DDI_PROP_NOTPROM, DDI_PROP_CANSLEEP): others are reported and dropped,
 * as illumos's DEBUG kernels warn about some of them.
 */
static uint_t prop_flags(const char *fn, dev_info_t *dip, const char *name, uint_t flags,
			 uint_t ok, unsigned long caller)
{
	if (flags & ~ok) {
		prop_report(caller, "%s: " PFMT ": unknown flags %#x ignored", fn,
			    PARGS(dip, name), flags & ~ok);
		flags &= ok;
	}
	return flags;
}

#define PROP_SEARCH_FLAGS	(DDI_PROP_DONTPASS | DDI_PROP_NOTPROM | DDI_PROP_CANSLEEP)

/*
 * The dev_t a property is made, updated or removed with: a major of
 * DDI_MAJOR_T_UNKNOWN (0) is the driver's (ddi_prop_create(9F): a driver
 * without a dev_t in attach(9E) makes one with makedevice(9F)).
 */
static dev_t prop_dev(dev_info_t *dip, dev_t dev)
{
	if (dev != DDI_DEV_T_NONE && dev != DDI_DEV_T_ANY &&
	    getmajor(dev) == DDI_MAJOR_T_UNKNOWN && dip->devi_major)
		return makedevice(dip->devi_major, getminor(dev));
	return dev;
}

/* ---- making properties ---- */

/* A property of @len value bytes, not on a list; an ERR_PTR (reported) if not. */
static struct ddi_prop *prop_new(const char *fn, dev_t dev, dev_info_t *dip, const char *name,
				 unsigned int type, size_t len, gfp_t gfp, unsigned long caller)
{
	size_t nlen = strlen(name) + 1;
	struct ddi_prop *p;

	if (len > INT_MAX) {
		prop_report(caller, "%s: " PFMT ": %zu bytes, more than a property holds (INT_MAX)",
			    fn, PARGS(dip, name), len);
		return ERR_PTR(-EINVAL);
	}
	p = kmalloc(struct_size(p, val, len) + nlen, gfp | __GFP_NOWARN);
	if (!p) {
		prop_report(caller, "%s: " PFMT ": out of memory for %zu bytes", fn,
			    PARGS(dip, name), len);
		return ERR_PTR(-ENOMEM);
	}
	refcount_set(&p->ref, 1);
	p->dev = prop_dev(dip, dev);
	p->type = type;
	p->len = len;
	p->name = (char *)p->val + len;
	memcpy(p->name, name, nlen);
	return p;
}

static int prop_err(const struct ddi_prop *p)
{
	return PTR_ERR(p) == -ENOMEM ? DDI_PROP_NO_MEMORY : DDI_PROP_INVAL_ARG;
}

/* Puts @np on the list: in the place of its name and dev's, or in front (theory, 4). */
static void prop_insert(dev_info_t *dip, struct ddi_prop *np, bool stack)
{
	struct ddi_prop *old = NULL;
	unsigned long flags;

	spin_lock_irqsave(&dip->devi_prop_lock, flags);
	/*
	 * An update with DDI_DEV_T_NONE changes the newest property of its
	 * name and type whatever its dev, which it keeps (illumos's search
	 * takes DDI_DEV_T_NONE as DDI_DEV_T_ANY).
	 */
	if (!stack)
		old = prop_find(dip, np->dev == DDI_DEV_T_NONE ? DDI_DEV_T_ANY : np->dev, np->name,
				np->type);
	if (old) {
		np->dev = old->dev;
		list_replace(&old->link, &np->link);
	} else {
		list_add(&np->link, &dip->devi_props);
	}
	spin_unlock_irqrestore(&dip->devi_prop_lock, flags);
	prop_put(old);
}

/* The checks every update makes first: DDI_PROP_SUCCESS if they pass. */
static int prop_update_check(const char *fn, dev_t dev, dev_info_t *dip, const char *name,
			     unsigned long caller)
{
	if (prop_args_bad(fn, dip, name, caller))
		return DDI_PROP_INVAL_ARG;
	if (dev == DDI_DEV_T_ANY) {
		prop_report(caller, "%s: " PFMT ": dev DDI_DEV_T_ANY (a property has a dev, or DDI_DEV_T_NONE)",
			    fn, PARGS(dip, name));
		return DDI_PROP_INVAL_ARG;
	}
	return DDI_PROP_SUCCESS;
}

/* Makes or replaces a property of @len bytes at @data. */
static int prop_update(const char *fn, dev_t dev, dev_info_t *dip, const char *name,
		       unsigned int type, const void *data, size_t len, bool stack, gfp_t gfp,
		       unsigned long caller)
{
	struct ddi_prop *np = prop_new(fn, dev, dip, name, type, len, gfp, caller);

	if (IS_ERR(np))
		return prop_err(np);
	if (len)
		memcpy(np->val, data, len);
	prop_insert(dip, np, stack);
	return DDI_PROP_SUCCESS;
}

/* An array update: @n elements of @esize bytes at @data. */
static int prop_update_array(const char *fn, dev_t dev, dev_info_t *dip, const char *name,
			     unsigned int type, const void *data, uint_t n, size_t esize,
			     unsigned long caller)
{
	int r = prop_update_check(fn, dev, dip, name, caller);

	if (r != DDI_PROP_SUCCESS)
		return r;
	if (!n)
		return DDI_PROP_CANNOT_ENCODE;
	if (!data) {
		prop_report(caller, "%s: " PFMT ": NULL data", fn, PARGS(dip, name));
		return DDI_PROP_INVAL_ARG;
	}
	return prop_update(fn, dev, dip, name, type, data, (size_t)n * esize, false, GFP_KERNEL,
			   caller);
}

int ddi_prop_update_int(dev_t match_dev, dev_info_t *dip, char *name, int data)
{
	return prop_update_array(__func__, match_dev, dip, name, PROP_T_INT, &data, 1,
				 sizeof(data), _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_update_int);

int ddi_prop_update_int64(dev_t match_dev, dev_info_t *dip, char *name, int64_t data)
{
	return prop_update_array(__func__, match_dev, dip, name, PROP_T_INT64, &data, 1,
				 sizeof(data), _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_update_int64);

int ddi_prop_update_int_array(dev_t match_dev, dev_info_t *dip, char *name, int *data,
			      uint_t nelements)
{
	return prop_update_array(__func__, match_dev, dip, name, PROP_T_INT, data, nelements,
				 sizeof(*data), _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_update_int_array);

int ddi_prop_update_int64_array(dev_t match_dev, dev_info_t *dip, char *name, int64_t *data,
				uint_t nelements)
{
	return prop_update_array(__func__, match_dev, dip, name, PROP_T_INT64, data, nelements,
				 sizeof(*data), _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_update_int64_array);

int ddi_prop_update_byte_array(dev_t match_dev, dev_info_t *dip, char *name, uchar_t *data,
			       uint_t nelements)
{
	unsigned long caller = _RET_IP_;
	int r = prop_update_check(__func__, match_dev, dip, name, caller);

	if (r != DDI_PROP_SUCCESS)
		return r;
	if (!nelements) {
		prop_report(caller, "%s: " PFMT ": no bytes (a boolean property is ddi_prop_create(dev, dip, 0, name, NULL, 0))",
			    __func__, PARGS(dip, name));
		return DDI_PROP_INVAL_ARG;
	}
	return prop_update_array(__func__, match_dev, dip, name, PROP_T_BYTE, data, nelements, 1,
				 caller);
}
EXPORT_SYMBOL(ddi_prop_update_byte_array);

/* Strings: @n of them at @data (checked), one after the other with their NULs. */
static int prop_update_strings(const char *fn, dev_t dev, dev_info_t *dip, const char *name,
			       char **data, uint_t n, unsigned long caller)
{
	struct ddi_prop *np;
	size_t len = 0, off = 0;
	uint_t i;

	for (i = 0; i < n; i++) {
		if (!data[i]) {
			prop_report(caller, "%s: " PFMT ": string %u is NULL", fn, PARGS(dip, name), i);
			return DDI_PROP_INVAL_ARG;
		}
		len += strlen(data[i]) + 1;
	}
	np = prop_new(fn, dev, dip, name, PROP_T_STRING, len, GFP_KERNEL, caller);
	if (IS_ERR(np))
		return prop_err(np);
	/* Bounded by the first pass's total, should a string change meanwhile. */
	for (i = 0; i < n && off < len; i++) {
		size_t l = strnlen(data[i], len - off - 1);

		memcpy(np->val + off, data[i], l);
		np->val[off + l] = '\0';
		off += l + 1;
	}
	memset(np->val + off, 0, len - off);
	prop_insert(dip, np, false);
	return DDI_PROP_SUCCESS;
}

int ddi_prop_update_string(dev_t match_dev, dev_info_t *dip, char *name, char *data)
{
	unsigned long caller = _RET_IP_;
	int r = prop_update_check(__func__, match_dev, dip, name, caller);

	if (r != DDI_PROP_SUCCESS)
		return r;
	if (!data) {
		prop_report(caller, "%s: " PFMT ": NULL data", __func__, PARGS(dip, name));
		return DDI_PROP_INVAL_ARG;
	}
	return prop_update_strings(__func__, match_dev, dip, name, &data, 1, caller);
}
EXPORT_SYMBOL(ddi_prop_update_string);

int ddi_prop_update_string_array(dev_t match_dev, dev_info_t *dip, char *name, char **data,
				 uint_t nelements)
{
	unsigned long caller = _RET_IP_;
	int r = prop_update_check(__func__, match_dev, dip, name, caller);

	if (r != DDI_PROP_SUCCESS)
		return r;
	if (!nelements)
		return DDI_PROP_CANNOT_ENCODE;
	if (!data) {
		prop_report(caller, "%s: " PFMT ": NULL data", __func__, PARGS(dip, name));
		return DDI_PROP_INVAL_ARG;
	}
	return prop_update_strings(__func__, match_dev, dip, name, data, nelements, caller);
}
EXPORT_SYMBOL(ddi_prop_update_string_array);

int ddi_prop_create(dev_t dev, dev_info_t *dip, int flag, char *name, caddr_t value, int length)
{
	unsigned long caller = _RET_IP_;
	int r = prop_update_check(__func__, dev, dip, name, caller);

	if (r != DDI_PROP_SUCCESS)
		return r;
	if (length < 0 || (length && !value)) {
		prop_report(caller, "%s: " PFMT ": %s", __func__, PARGS(dip, name),
			    length < 0 ? "negative length" : "NULL value");
		return DDI_PROP_INVAL_ARG;
	}
	flag = prop_flags(__func__, dip, name, flag, DDI_PROP_CANSLEEP, caller);
	if (flag & DDI_PROP_CANSLEEP)
		might_sleep();
	return prop_update(__func__, dev, dip, name, PROP_T_ANY, value, length, true,
			   flag & DDI_PROP_CANSLEEP ? GFP_KERNEL : GFP_NOWAIT, caller);
}
EXPORT_SYMBOL(ddi_prop_create);

/* ---- looking properties up ---- */

/* The lookup's copy of @size bytes, behind its header; NULL if memory is short. */
static void *prop_buf_alloc(size_t size)
{
	struct prop_buf *b = kmalloc(sizeof(*b) + size, GFP_KERNEL | __GFP_NOWARN);

	if (!b)
		return NULL;
	b->magic = PROP_BUF_MAGIC ^ (unsigned long)b;
	b->size = size;
	return b + 1;
}

void ddi_prop_free(void *data)
{
	unsigned long caller = _RET_IP_;
	struct prop_buf h, *b = (struct prop_buf *)data - 1;

	if (!data) {
		prop_report(caller, "ddi_prop_free: NULL");
		return;
	}
	if (copy_from_kernel_nofault(&h, b, sizeof(h)) ||
	    h.magic != (PROP_BUF_MAGIC ^ (unsigned long)b)) {
		prop_report(caller, "ddi_prop_free: %p is not a ddi_prop_lookup_*() value, or was freed already; left alone",
			    data);
		return;
	}
	WRITE_ONCE(b->magic, ~h.magic);
	kfree(b);
}
EXPORT_SYMBOL(ddi_prop_free);

/* Decodes @p (len > 0) into a copy in *@out, with its element count. */
typedef int (*prop_decode_t)(const struct ddi_prop *p, void **out, uint_t *nelements);

static int prop_decode_units(const struct ddi_prop *p, void **out, uint_t *nelements,
			     size_t unit)
{
	void *buf;

	if (p->len % unit)
		return DDI_PROP_CANNOT_DECODE;
	buf = prop_buf_alloc(p->len);
	if (!buf)
		return DDI_PROP_NO_MEMORY;
	memcpy(buf, p->val, p->len);
	*out = buf;
	*nelements = p->len / unit;
	return DDI_PROP_SUCCESS;
}

static int prop_decode_ints(const struct ddi_prop *p, void **out, uint_t *nelements)
{
	return prop_decode_units(p, out, nelements, sizeof(int));
}

static int prop_decode_int64s(const struct ddi_prop *p, void **out, uint_t *nelements)
{
	return prop_decode_units(p, out, nelements, sizeof(int64_t));
}

static int prop_decode_bytes(const struct ddi_prop *p, void **out, uint_t *nelements)
{
	return prop_decode_units(p, out, nelements, 1);
}

/* The first string. */
static int prop_decode_string(const struct ddi_prop *p, void **out, uint_t *nelements)
{
	const unsigned char *end = memchr(p->val, 0, p->len);
	size_t n;
	char *s;

	if (!end)
		return DDI_PROP_CANNOT_DECODE;
	n = end - p->val + 1;
	s = prop_buf_alloc(n);
	if (!s)
		return DDI_PROP_NO_MEMORY;
	memcpy(s, p->val, n);
	*out = s;
	*nelements = 1;
	return DDI_PROP_SUCCESS;
}

/* Every string: the pointers, a NULL, then the strings (theory, 6). */
static int prop_decode_strings(const struct ddi_prop *p, void **out, uint_t *nelements)
{
	const unsigned char *v = p->val, *e;
	size_t pos = 0, cnt = 0, i;
	char **strs, *s;

	while (pos < p->len) {
		e = memchr(v + pos, 0, p->len - pos);
		if (!e)
			return DDI_PROP_CANNOT_DECODE;
		pos = e - v + 1;
		cnt++;
	}
	strs = prop_buf_alloc((cnt + 1) * sizeof(char *) + p->len);
	if (!strs)
		return DDI_PROP_NO_MEMORY;
	s = (char *)(strs + cnt + 1);
	memcpy(s, v, p->len);
	for (i = 0; i < cnt; i++) {
		strs[i] = s;
		s += strlen(s) + 1;
	}
	strs[cnt] = NULL;
	*out = strs;
	*nelements = cnt;
	return DDI_PROP_SUCCESS;
}

/* The checks every lookup makes first: DDI_PROP_SUCCESS if they pass. */
static int prop_lookup_check(const char *fn, dev_t dev, dev_info_t *dip, const char *name,
			     unsigned long caller)
{
	if (prop_args_bad(fn, dip, name, caller))
		return DDI_PROP_INVAL_ARG;
	if (dev == DDI_DEV_T_NONE) {
		prop_report(caller, "%s: " PFMT ": match_dev DDI_DEV_T_NONE (DDI_DEV_T_ANY finds a DDI_DEV_T_NONE property)",
			    fn, PARGS(dip, name));
		return DDI_PROP_INVAL_ARG;
	}
	return DDI_PROP_SUCCESS;
}

static int prop_lookup(const char *fn, dev_t dev, dev_info_t *dip, uint_t flags,
		       const char *name, unsigned int types, prop_decode_t decode, void **data,
		       uint_t *nelements, unsigned long caller)
{
	int r = prop_lookup_check(fn, dev, dip, name, caller);
	struct ddi_prop *p;

	might_sleep();
	if (r != DDI_PROP_SUCCESS)
		return r;
	prop_flags(fn, dip, name, flags, PROP_SEARCH_FLAGS, caller);
	if (!data || !nelements) {
		prop_report(caller, "%s: " PFMT ": NULL %s pointer", fn, PARGS(dip, name),
			    !data ? "data" : "nelements");
		return DDI_PROP_INVAL_ARG;
	}
	p = prop_get_ref(dip, dev, name, types);
	r = !p ? DDI_PROP_NOT_FOUND : !p->len ? DDI_PROP_END_OF_DATA : decode(p, data, nelements);
	prop_put(p);
	if (r == DDI_PROP_NO_MEMORY)
		prop_report(caller, "%s: " PFMT ": out of memory for its value", fn, PARGS(dip, name));
	return r;
}

int ddi_prop_lookup_int_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			      int **data, uint_t *nelements)
{
	return prop_lookup(__func__, match_dev, dip, flags, name, PROP_T_INT, prop_decode_ints,
			   (void **)data, nelements, _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_lookup_int_array);

int ddi_prop_lookup_int64_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
				int64_t **data, uint_t *nelements)
{
	return prop_lookup(__func__, match_dev, dip, flags, name, PROP_T_INT64, prop_decode_int64s,
			   (void **)data, nelements, _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_lookup_int64_array);

int ddi_prop_lookup_string(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			   char **data)
{
	uint_t n;

	return prop_lookup(__func__, match_dev, dip, flags, name, PROP_T_STRING, prop_decode_string,
			   (void **)data, &n, _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_lookup_string);

int ddi_prop_lookup_string_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
				 char ***data, uint_t *nelements)
{
	return prop_lookup(__func__, match_dev, dip, flags, name, PROP_T_STRING, prop_decode_strings,
			   (void **)data, nelements, _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_lookup_string_array);

int ddi_prop_lookup_byte_array(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			       uchar_t **data, uint_t *nelements)
{
	return prop_lookup(__func__, match_dev, dip, flags, name, PROP_T_BYTE, prop_decode_bytes,
			   (void **)data, nelements, _RET_IP_);
}
EXPORT_SYMBOL(ddi_prop_lookup_byte_array);

/*
 * The first element (@size bytes) of the newest @types property, into
 * @val: DDI_PROP_SUCCESS; DDI_PROP_END_OF_DATA for a boolean, another
 * DDI_PROP_* if there is none (theory, 5).
 */
static int prop_get(const char *fn, dev_t dev, dev_info_t *dip, uint_t flags, const char *name,
		    unsigned int types, void *val, size_t size, unsigned long caller)
{
	struct ddi_prop *p;
	unsigned long irqf;
	int r = prop_lookup_check(fn, dev, dip, name, caller);

	if (r != DDI_PROP_SUCCESS)
		return r;
	prop_flags(fn, dip, name, flags, PROP_SEARCH_FLAGS, caller);
	spin_lock_irqsave(&dip->devi_prop_lock, irqf);
	p = prop_find(dip, dev, name, types);
	r = !p ? DDI_PROP_NOT_FOUND : !p->len ? DDI_PROP_END_OF_DATA :
	    p->len < size ? DDI_PROP_CANNOT_DECODE : DDI_PROP_SUCCESS;
	if (r == DDI_PROP_SUCCESS)
		memcpy(val, p->val, size);
	spin_unlock_irqrestore(&dip->devi_prop_lock, irqf);
	return r;
}

int ddi_prop_get_int(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name, int defvalue)
{
	int v, r = prop_get(__func__, match_dev, dip, flags, name, PROP_T_INT, &v, sizeof(v), _RET_IP_);

	return r == DDI_PROP_SUCCESS ? v : r == DDI_PROP_END_OF_DATA ? 1 : defvalue;
}
EXPORT_SYMBOL(ddi_prop_get_int);

int64_t ddi_prop_get_int64(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name,
			   int64_t defvalue)
{
	int64_t v;
	int r = prop_get(__func__, match_dev, dip, flags, name, PROP_T_INT64, &v, sizeof(v), _RET_IP_);

	return r == DDI_PROP_SUCCESS ? v : r == DDI_PROP_END_OF_DATA ? 1 : defvalue;
}
EXPORT_SYMBOL(ddi_prop_get_int64);

int ddi_prop_exists(dev_t match_dev, dev_info_t *dip, uint_t flags, char *name)
{
	unsigned long irqf;
	int found;

	if (prop_args_bad(__func__, dip, name, _RET_IP_))
		return 0;
	prop_flags(__func__, dip, name, flags, PROP_SEARCH_FLAGS, _RET_IP_);
	if (match_dev == DDI_DEV_T_NONE)
		match_dev = DDI_DEV_T_ANY;
	spin_lock_irqsave(&dip->devi_prop_lock, irqf);
	found = prop_find(dip, match_dev, name, PROP_T_ALL) != NULL;
	spin_unlock_irqrestore(&dip->devi_prop_lock, irqf);
	return found;
}
EXPORT_SYMBOL(ddi_prop_exists);

/* ---- removing properties ---- */

int ddi_prop_remove(dev_t dev, dev_info_t *dip, char *name)
{
	unsigned long caller = _RET_IP_;
	int r = prop_update_check(__func__, dev, dip, name, caller);
	struct ddi_prop *p;
	unsigned long irqf;

	if (r != DDI_PROP_SUCCESS)
		return r;
	spin_lock_irqsave(&dip->devi_prop_lock, irqf);
	p = prop_find(dip, prop_dev(dip, dev), name, PROP_T_ALL);
	if (p)
		list_del(&p->link);
	spin_unlock_irqrestore(&dip->devi_prop_lock, irqf);
	r = p ? DDI_PROP_SUCCESS : DDI_PROP_NOT_FOUND;
	prop_put(p);
	return r;
}
EXPORT_SYMBOL(ddi_prop_remove);

static void prop_free_list(struct list_head *head)
{
	struct ddi_prop *p, *n;

	list_for_each_entry_safe(p, n, head, link)
		prop_put(p);
}

void ddi_prop_remove_all(dev_info_t *dip)
{
	LIST_HEAD(gone);
	unsigned long irqf;

	if (!dip) {
		prop_report(_RET_IP_, "ddi_prop_remove_all: NULL dip");
		return;
	}
	spin_lock_irqsave(&dip->devi_prop_lock, irqf);
	list_splice_init(&dip->devi_props, &gone);
	spin_unlock_irqrestore(&dip->devi_prop_lock, irqf);
	prop_free_list(&gone);
}
EXPORT_SYMBOL(ddi_prop_remove_all);

/* ddi_devinfo_free(): the properties left; nothing else uses @dip now. */
void ddi_prop_free_all(dev_info_t *dip)
{
	prop_free_list(&dip->devi_props);
	INIT_LIST_HEAD(&dip->devi_props);
}

/* ---- ddi_prop_op(9F) ---- */

int ddi_prop_op_store(dev_t dev, dev_info_t *dip, ddi_prop_op_t prop_op, int mod_flags,
		      char *name, caddr_t valuep, int *lengthp, unsigned long caller)
{
	const char *fn = "ddi_prop_op";
	struct ddi_prop *p;
	int r = DDI_PROP_SUCCESS, have;
	caddr_t buf;

	if (prop_args_bad(fn, dip, name, caller))
		return DDI_PROP_INVAL_ARG;
	if (prop_op != PROP_LEN && prop_op != PROP_LEN_AND_VAL_BUF &&
	    prop_op != PROP_LEN_AND_VAL_ALLOC && prop_op != PROP_EXISTS) {
		prop_report(caller, "%s: " PFMT ": unknown prop_op %d", fn, PARGS(dip, name),
			    (int)prop_op);
		return DDI_PROP_INVAL_ARG;
	}
	if (prop_op != PROP_EXISTS && (!lengthp || (prop_op != PROP_LEN && !valuep))) {
		prop_report(caller, "%s: " PFMT ": NULL %s", fn, PARGS(dip, name),
			    !lengthp ? "lengthp" : "valuep");
		return DDI_PROP_INVAL_ARG;
	}
	mod_flags = prop_flags(fn, dip, name, mod_flags, PROP_SEARCH_FLAGS, caller);
	if (dev == DDI_DEV_T_NONE)
		dev = DDI_DEV_T_ANY;
	p = prop_get_ref(dip, dev, name, PROP_T_ANY);
	if (!p)
		return DDI_PROP_NOT_FOUND;
	if (prop_op == PROP_EXISTS)
		goto out;
	have = *lengthp;
	*lengthp = p->len;
	if (prop_op == PROP_LEN)
		goto out;
	if (prop_op == PROP_LEN_AND_VAL_BUF) {
		if (have < 0 || p->len > (unsigned int)have)
			r = DDI_PROP_BUF_TOO_SMALL;
		else
			memcpy(valuep, p->val, p->len);
		goto out;
	}
	/*
	 * PROP_LEN_AND_VAL_ALLOC: NULL for a boolean, as illumos; sleeps for
	 * the memory only with DDI_PROP_CANSLEEP, as illumos.
	 */
	buf = NULL;
	if (p->len) {
		buf = kmem_alloc(p->len, mod_flags & DDI_PROP_CANSLEEP ? KM_SLEEP : KM_NOSLEEP);
		if (!buf) {
			r = DDI_PROP_NO_MEMORY;
			goto out;
		}
		memcpy(buf, p->val, p->len);
	}
	*(caddr_t *)valuep = buf;
out:
	prop_put(p);
	if (r == DDI_PROP_NO_MEMORY)
		prop_report(caller, "%s: " PFMT ": out of memory for its value", fn, PARGS(dip, name));
	return r;
}
