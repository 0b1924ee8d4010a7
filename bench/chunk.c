// SPDX-License-Identifier: GPL-2.0
/*
 * make bench, the chunk table's C rows (bench/chunk.rs prints them): one
 * 640-byte chunk of a read, step by step, as /dev/xx_legacy's xxread()
 * takes it (the man page's calls through <sys/...>) and as
 * /dev/xx_native takes it (Linux's own calls). Each step does what the
 * driver does, on its own copy of the driver's state: the same buffer
 * sizes, a map of the man page's 12 slots, a kmutex_t from mutex_init(),
 * and a device memory a read walks through chunk by chunk.
 *
 * The caller's memory is a kernel buffer behind an ITER_KVEC iterator:
 * the user copy at the end of the chain is copy_to_iter() for every
 * driver. Rows that move data include the iterator's set-up (and the
 * uio's, for uiomove()); the Rust table has that set-up as a row of its
 * own, to take off.
 */
#include <ddi/linux.h>
#include <linux/bitmap.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <sys/ddi.h>
#include <sys/kmem.h>
#include <sys/ksynch.h>
#include <sys/map.h>
#include <sys/systm.h>

#define CHUNK	640
#define SLOTS	4
#define SPAN	(1 << 20)	/* the device memory a read walks through */

struct chunk_c {
	/* /dev/xx_legacy's state. */
	struct map *mp;			/* the man page's map over bp */
	caddr_t bp;			/* SLOTS * CHUNK bytes, kmem_alloc() */
	kmutex_t mem_lock;		/* protects top and latency_ms */
	offset_t top;
	uint_t latency_ms;
	/* /dev/xx_native's. */
	spinlock_t slot_lock;		/* protects busy */
	unsigned long busy;
	wait_queue_head_t wait;
	u8 *slots;			/* SLOTS * CHUNK bytes, kmalloc() */
	struct mutex nmem_lock;		/* protects ntop */
	loff_t ntop;
	/* Both: the device memory, the next offset, the caller's memory. */
	u8 *mem;
	size_t off;
	u8 dst[CHUNK];
};

struct chunk_c *ddi_bench_chunk_c_new(void);
void ddi_bench_chunk_c_free(struct chunk_c *c);
const char *ddi_bench_chunk_c_name(unsigned int i);
void ddi_bench_chunk_c_step(struct chunk_c *c, unsigned int i);

static struct ddi_lock_class chunk_mem_class;

struct chunk_c *ddi_bench_chunk_c_new(void)
{
	struct chunk_c *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return NULL;
	ddi_mutex_init(&c->mem_lock, NULL, MUTEX_DRIVER, NULL, &chunk_mem_class, "mem_lock");
	c->bp = kmem_alloc(SLOTS * CHUNK, KM_SLEEP);
	c->mp = rmallocmap(12);
	c->slots = kmalloc(SLOTS * CHUNK, GFP_KERNEL);
	c->mem = vzalloc(SPAN + CHUNK);
	if (!c->bp || !c->mp || !c->slots || !c->mem) {
		ddi_bench_chunk_c_free(c);
		return NULL;
	}
	rmfree(c->mp, SLOTS * CHUNK, (unsigned long)c->bp);
	c->top = c->ntop = SPAN + CHUNK;
	spin_lock_init(&c->slot_lock);
	init_waitqueue_head(&c->wait);
	mutex_init(&c->nmem_lock);
	return c;
}

void ddi_bench_chunk_c_free(struct chunk_c *c)
{
	if (c->mp)
		rmfreemap(c->mp);
	if (c->bp)
		kmem_free(c->bp, SLOTS * CHUNK);
	ddi_mutex_destroy(&c->mem_lock);
	kfree(c->slots);
	vfree(c->mem);
	kfree(c);
}

/* The device offset of the next chunk. */
static size_t next_off(struct chunk_c *c)
{
	c->off = (c->off + CHUNK) % SPAN;
	return c->off;
}

/* ---- /dev/xx_legacy: sample_driver/legacy/xx_legacy.c's steps ---------- */

/* xx_avail(): COUNT, the device's end, read without the lock. */
static size_t legacy_count(struct chunk_c *c, offset_t off, size_t n)
{
	offset_t top = READ_ONCE(c->top);

	return off >= top ? 0 : min_t(size_t, n, top - off);
}

/* xx_dma(), UIO_READ. */
static void legacy_dma(struct chunk_c *c, caddr_t buf, size_t off, size_t n)
{
	uint_t ms;

	mutex_enter(&c->mem_lock);
	bcopy(c->mem + off, buf, n);
	ms = c->latency_ms;
	mutex_exit(&c->mem_lock);
	if (ms)
		delay(drv_usectohz((clock_t)ms * 1000));
}

/* The frame's uio over an iterator on dst, as ddi_fop_read_iter makes it. */
static void legacy_uio(struct chunk_c *c, struct uio *uio, struct iov_iter *it,
		       struct kvec *kv, struct kiocb *iocb)
{
	*kv = (struct kvec){ .iov_base = c->dst, .iov_len = CHUNK };
	iov_iter_kvec(it, ITER_DEST, kv, 1, CHUNK);
	*iocb = (struct kiocb){ .ki_pos = c->off };
	uio_from_iter(uio, iocb, it);
}

static void legacy_uiomove(struct chunk_c *c, caddr_t addr, size_t n)
{
	struct iov_iter it;
	struct kvec kv;
	struct kiocb iocb;
	struct uio uio;

	legacy_uio(c, &uio, &it, &kv, &iocb);
	uiomove(addr, n, UIO_READ, &uio);
}

static void legacy_chunk(struct chunk_c *c)
{
	size_t off = next_off(c), size;
	caddr_t addr;

	size = min_t(size_t, legacy_count(c, off, CHUNK), CHUNK);
	addr = (caddr_t)rmalloc_wait(c->mp, size);
	legacy_dma(c, addr, off, size);
	legacy_uiomove(c, addr, size);
	rmfree(c->mp, size, (unsigned long)addr);
}

/* ---- /dev/xx_native: bench/xx_native.c's steps -------------------------- */

static int native_take(struct chunk_c *c)
{
	int s;

	spin_lock(&c->slot_lock);
	s = find_first_zero_bit(&c->busy, SLOTS);
	if (s < SLOTS)
		__set_bit(s, &c->busy);
	else
		s = -1;
	spin_unlock(&c->slot_lock);
	return s;
}

static void native_give(struct chunk_c *c, int s)
{
	spin_lock(&c->slot_lock);
	__clear_bit(s, &c->busy);
	spin_unlock(&c->slot_lock);
	if (wq_has_sleeper(&c->wait))
		wake_up(&c->wait);
}

/* The end and the device's copy under one mutex hold; the bytes copied. */
static size_t native_dma(struct chunk_c *c, u8 *p, loff_t pos)
{
	size_t n;

	mutex_lock(&c->nmem_lock);
	n = pos < c->ntop ? min_t(size_t, CHUNK, c->ntop - pos) : 0;
	memcpy(p, c->mem + pos, n);
	mutex_unlock(&c->nmem_lock);
	return n;
}

static size_t native_copy(struct chunk_c *c, u8 *p, size_t n)
{
	struct iov_iter it;
	struct kvec kv = { .iov_base = c->dst, .iov_len = CHUNK };

	iov_iter_kvec(&it, ITER_DEST, &kv, 1, CHUNK);
	return copy_to_iter(p, n, &it);
}

static void native_chunk(struct chunk_c *c)
{
	int s = native_take(c);
	u8 *p;

	if (s < 0)
		return;
	p = c->slots + s * CHUNK;
	native_copy(c, p, native_dma(c, p, next_off(c)));
	native_give(c, s);
}

/* ---- the table ------------------------------------------------------- */

static const char *const names[] = {
	"legacy: rmalloc_wait+rmfree (C entries)",
	"legacy: COUNT (xx_avail)",
	"legacy: mutex_enter+mutex_exit",
	"legacy: device copy, bcopy under the kmutex",
	"legacy: uiomove, with uio_from_iter's set-up",
	"legacy: whole chunk (xxread's loop body)",
	"native: slot take+give (spinlock, bitmap)",
	"native: mutex_lock+mutex_unlock",
	"native: device copy, memcpy under the mutex",
	"native: copy_to_iter, with the iterator's",
	"native: whole chunk",
};

const char *ddi_bench_chunk_c_name(unsigned int i)
{
	return i < ARRAY_SIZE(names) ? names[i] : NULL;
}

void ddi_bench_chunk_c_step(struct chunk_c *c, unsigned int i)
{
	unsigned long a;
	int s;

	switch (i) {
	case 0:
		a = rmalloc_wait(c->mp, CHUNK);
		rmfree(c->mp, CHUNK, a);
		break;
	case 1:
		legacy_count(c, next_off(c), CHUNK);
		break;
	case 2:
		mutex_enter(&c->mem_lock);
		mutex_exit(&c->mem_lock);
		break;
	case 3:
		legacy_dma(c, c->bp, next_off(c), CHUNK);
		break;
	case 4:
		legacy_uiomove(c, c->bp, CHUNK);
		break;
	case 5:
		legacy_chunk(c);
		break;
	case 6:
		s = native_take(c);
		if (s >= 0)
			native_give(c, s);
		break;
	case 7:
		mutex_lock(&c->nmem_lock);
		mutex_unlock(&c->nmem_lock);
		break;
	case 8:
		native_dma(c, c->slots, next_off(c));
		break;
	case 9:
		native_copy(c, c->slots, CHUNK);
		break;
	case 10:
		native_chunk(c);
		break;
	}
}
