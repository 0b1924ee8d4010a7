// SPDX-License-Identifier: GPL-2.0
/*
 * kmem_abi_c: kmem_alloc/kmem_free through the C ABI, as a legacy driver
 * calls them: from hard interrupt context (irq_work) and from several
 * kthreads at once, each buffer filled and checked.
 *
 * Also debugfs triggers for the user-space fault-injection test
 * (tests/user/kmem_failslab.c), which must allocate in its own task for
 * failslab's task filter: writing N to
 * /sys/kernel/debug/ddi_abi_test/kmem_{nosleep,sleep} makes N (at most
 * 100) 100-byte allocations with that flag, holds them, then frees them;
 * reading gives
 * "null <count> ok <count>" of the last run.
 */
#include <ddi/linux.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <sys/kmem.h>
#include <sys/map.h>

#include "ddi_test.h"

struct kmem_irq_ctx {
	struct irq_work work;
	void *from_process;
	void *got;
	bool hardirq, intact;
};

static void kmem_irq_fn(struct irq_work *w)
{
	struct kmem_irq_ctx *c = container_of(w, struct kmem_irq_ctx, work);

	c->hardirq = in_hardirq();
	c->got = kmem_zalloc(200, KM_NOSLEEP);
	if (c->got) {
		c->intact = !memchr_inv(c->got, 0, 200);
		kmem_free(c->got, 200);
	}
	kmem_free(c->from_process, 64);
}

static void kmem_abi_from_hardirq(struct kunit *test)
{
	struct kmem_irq_ctx c = { .from_process = kmem_alloc(64, KM_SLEEP) };

	KUNIT_ASSERT_NOT_NULL(test, c.from_process);
	ddi_test_irq_work(&c.work, kmem_irq_fn);
	irq_work_queue(&c.work);
	irq_work_sync(&c.work);
	KUNIT_EXPECT_EQ(test, c.hardirq, DDI_TEST_HARDIRQ);
	KUNIT_EXPECT_NOT_NULL(test, c.got);
	KUNIT_EXPECT_TRUE(test, c.intact);
}

static void kmem_abi_sizes_and_flags(struct kunit *test)
{
	static const size_t sizes[] = { 1, 8, 100, 4096, 8192, 8193, 65536, 1 << 20 };
	int i;

	KUNIT_EXPECT_NULL(test, kmem_alloc(0, KM_SLEEP));
	KUNIT_EXPECT_NULL(test, kmem_zalloc(0, KM_NOSLEEP));
	kmem_free(NULL, 0);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kmem_zalloc(sizes[i], KM_SLEEP);

		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, (unsigned long)p % 8, 0UL);
		KUNIT_EXPECT_EQ(test, p[0] | p[sizes[i] - 1], 0);
		memset(p, 0xa5, sizes[i]);
		kmem_free(p, sizes[i]);
	}
	kmem_free(kmem_alloc(32, KM_SLEEP | KM_PUSHPAGE | KM_NORMALPRI | KM_NO_DMA), 32);
}

#define KMEM_THREADS	4
#define KMEM_ROUNDS	3000

struct kmem_stress {
	atomic_t corrupt, allocated;
	struct completion done[KMEM_THREADS];
};

struct kmem_stress_arg {
	struct kmem_stress *s;
	int id;
};

static int kmem_stress_fn(void *p)
{
	struct kmem_stress_arg *a = p;
	u32 seed = 2654435761u * (a->id + 1);
	int round;

	for (round = 0; round < KMEM_ROUNDS; round++) {
		size_t size, i;
		unsigned char *buf;
		unsigned char pat = (unsigned char)(a->id * 31 + round);

		seed = seed * 1664525 + 1013904223;
		/* Mostly small, sometimes big (side table). */
		size = (seed >> 8) % 16 ? 1 + (seed >> 12) % 600 : 8193 + (seed >> 12) % 20000;
		buf = kmem_alloc(size, (seed & 1) ? KM_NOSLEEP : KM_SLEEP);
		if (!buf)
			continue;
		atomic_inc(&a->s->allocated);
		memset(buf, pat, size);
		if (!(round & 15))
			cond_resched();
		for (i = 0; i < size; i++)
			if (buf[i] != pat) {
				atomic_inc(&a->s->corrupt);
				break;
			}
		kmem_free(buf, size);
	}
	complete(&a->s->done[a->id]);
	return 0;
}

static void kmem_abi_kthreads(struct kunit *test)
{
	struct kmem_stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct kmem_stress_arg args[KMEM_THREADS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	for (i = 0; i < KMEM_THREADS; i++) {
		struct task_struct *t;

		init_completion(&s->done[i]);
		args[i] = (struct kmem_stress_arg){ .s = s, .id = i };
		t = kthread_run(kmem_stress_fn, &args[i], "kmem_stress/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < KMEM_THREADS; i++)
		wait_for_completion(&s->done[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->corrupt), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&s->allocated), KMEM_THREADS * KMEM_ROUNDS / 2);
}

/*
 * The DDI through function pointers, as a driver's ops table calls it: on
 * a kernel with kCFI (CONFIG_CFI; CFI_CLANG before 7.3) an entry without the right type
 * hash traps here.
 */
struct ddi_ops {
	void *(*alloc)(size_t size, int flag);
	void (*free)(void *buf, size_t size);
	unsigned long (*rmalloc)(struct map *mp, size_t size);
	void (*rmfree)(struct map *mp, size_t size, unsigned long addr);
};

static void kmem_abi_through_function_pointers(struct kunit *test)
{
	static const struct ddi_ops ops = {
		.alloc = kmem_zalloc, .free = kmem_free, .rmalloc = rmalloc, .rmfree = rmfree,
	};
	const struct ddi_ops *volatile o = &ops;	/* not folded into direct calls */
	struct map *mp = rmallocmap(4);
	char *p = o->alloc(100, KM_SLEEP);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, p[99], 0);
	o->free(p, 100);
	KUNIT_ASSERT_NOT_NULL(test, mp);
	o->rmfree(mp, 10, 100);
	KUNIT_EXPECT_EQ(test, o->rmalloc(mp, 10), 100UL);
	o->rmfree(mp, 10, 100);
	rmfreemap(mp);
}

/*
 * Booted with init_on_alloc=1 or init_on_free=1 (or built with them on),
 * kmem buffers are cleared as kmalloc's are, although our caches'
 * constructor exempts them from SLUB's own clearing.
 */
static void kmem_abi_init_on_alloc_and_free(struct kunit *test)
{
	bool on_alloc = want_init_on_alloc(GFP_KERNEL), on_free = want_init_on_free();
	unsigned char tail[16];
	char *p;
	int i;

	if (!on_alloc && !on_free)
		kunit_skip(test, "init_on_alloc and init_on_free are off");
	for (i = 0; i < 64; i++) {
		p = kmem_alloc(200, KM_SLEEP);
		KUNIT_ASSERT_NOT_NULL(test, p);
		if (on_alloc)
			KUNIT_ASSERT_NULL(test, memchr_inv(p, 0, 200));
		memset(p, 0xa5, 200);
		kmem_free(p, 200);
		if (!on_free)
			continue;
		/* Freed: read without a KASAN report, as kmem_free() does. */
		KUNIT_ASSERT_EQ(test, copy_from_kernel_nofault(tail, p + 184, 16), 0L);
		KUNIT_ASSERT_NULL(test, memchr_inv(tail, 0, 16));
	}
}

static struct kunit_case kmem_abi_cases[] = {
	KUNIT_CASE(kmem_abi_through_function_pointers),
	KUNIT_CASE(kmem_abi_sizes_and_flags),
	KUNIT_CASE(kmem_abi_from_hardirq),
	KUNIT_CASE(kmem_abi_init_on_alloc_and_free),
	KUNIT_CASE_SLOW(kmem_abi_kthreads),
	{}
};

static struct kunit_suite kmem_abi_suite = {
	.name = "kmem_abi_c",
	.test_cases = kmem_abi_cases,
};
kunit_test_suite(kmem_abi_suite);

/* ---- fault-injection triggers ---------------------------------------- */

static struct dentry *abi_dir;
static unsigned int last_null, last_ok;
static DEFINE_MUTEX(trigger_lock);

/* The buffers of one run, all held until its end. */
#define TRIGGER_MAX 100
static void *held[TRIGGER_MAX];

static ssize_t trigger_write(struct file *f, const char __user *ubuf, size_t len, loff_t *pos)
{
	int flag = (uintptr_t)file_inode(f)->i_private;
	unsigned int n, i;
	int ret = kstrtouint_from_user(ubuf, len, 10, &n);

	if (ret)
		return ret;
	if (n > TRIGGER_MAX)
		return -EINVAL;
	mutex_lock(&trigger_lock);
	last_null = last_ok = 0;
	/* All held at once, as a driver's buffers are. */
	for (i = 0; i < n; i++) {
		held[i] = kmem_alloc(100, flag);
		if (held[i])
			last_ok++;
		else
			last_null++;
	}
	for (i = 0; i < n; i++)
		kmem_free(held[i], held[i] ? 100 : 0);
	mutex_unlock(&trigger_lock);
	return len;
}

static ssize_t trigger_read(struct file *f, char __user *ubuf, size_t len, loff_t *pos)
{
	char buf[48];
	int n;

	mutex_lock(&trigger_lock);
	n = scnprintf(buf, sizeof(buf), "null %u ok %u\n", last_null, last_ok);
	mutex_unlock(&trigger_lock);
	return simple_read_from_buffer(ubuf, len, pos, buf, n);
}

static const struct file_operations trigger_fops = {
	.owner = THIS_MODULE,
	.write = trigger_write,
	.read = trigger_read,
};

static int __init abi_test_init(void)
{
	abi_dir = debugfs_create_dir("ddi_abi_test", NULL);
	debugfs_create_file("kmem_nosleep", 0600, abi_dir, (void *)(uintptr_t)KM_NOSLEEP, &trigger_fops);
	debugfs_create_file("kmem_sleep", 0600, abi_dir, (void *)(uintptr_t)KM_SLEEP, &trigger_fops);
	return 0;
}

static void __exit abi_test_exit(void)
{
	debugfs_remove(abi_dir);
}

module_init(abi_test_init);
module_exit(abi_test_exit);
