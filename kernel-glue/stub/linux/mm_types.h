/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Userspace stand-in for <linux/mm_types.h>: struct folio with the 6.1
 * layout of the members the page-states hooks read (flags, mapping, map
 * count, reference count), and the few helpers around them.
 */
#ifndef LPS_STUB_LINUX_MM_TYPES_H
#define LPS_STUB_LINUX_MM_TYPES_H

#include <stdbool.h>	/* bool, as the kernel has it */

typedef struct {
	int counter;
} atomic_t;

struct address_space;
struct page;

struct folio {
	unsigned long flags;
	void *lru[2];
	struct address_space *mapping;
	unsigned long index;
	void *private;
	atomic_t _mapcount;
	atomic_t _refcount;
};

#define READ_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

#endif
