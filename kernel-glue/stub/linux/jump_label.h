/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Userspace stand-in for <linux/jump_label.h>.  A static key is a load and
 * a test here, where the kernel patches a nop: the harness's numbers for
 * a key that is off are an upper bound on the kernel's.
 */
#ifndef LPS_STUB_LINUX_JUMP_LABEL_H
#define LPS_STUB_LINUX_JUMP_LABEL_H

struct static_key_false {
	int enabled;
};

#define DECLARE_STATIC_KEY_FALSE(name)	extern struct static_key_false name
#define DEFINE_STATIC_KEY_FALSE(name)	struct static_key_false name
#define static_branch_unlikely(key) \
	__builtin_expect(__atomic_load_n(&(key)->enabled, __ATOMIC_RELAXED), 0)

#endif
