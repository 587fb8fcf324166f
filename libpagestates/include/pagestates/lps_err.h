/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_err.h - error codes shared by every libpagestates function.
 *
 * Functions return 0 (or a documented non-negative result) on success and
 * the negative of one of these codes on failure.  A failing call changes no
 * state.  The values mirror the errno of the same name so kernel callers can
 * pass them straight up.
 */
#ifndef PAGESTATES_LPS_ERR_H
#define PAGESTATES_LPS_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

/* checkpatch-ignore: COMPLEX_MACRO (an X-macro list; users expand X) */
#define LPS_ERRORS(X)							\
	X(EPERM,	1,  "event not permitted in the frame's state")	\
	X(EIO,		5,  "port or host backend failed")		\
	X(EAGAIN,	11, "partially done; resume from the cursor")	\
	X(EFAULT,	14, "frame content was discarded")		\
	X(EBUSY,	16, "frame written since marked potentially volatile") \
	X(EINVAL,	22, "invalid argument")				\
	X(ENOSPC,	28, "caller-owned storage is full")		\
	X(ERANGE,	34, "frame, count or range outside the guest")	\
	X(EPROTO,	71, "malformed hint descriptor")		\
	X(ENOTSUP,	95, "not supported by this port")		\
	X(ETIMEDOUT,	110, "the host still holds the frame; try again")

enum lps_err {
	LPS_OK = 0,
/* checkpatch-ignore: COMPLEX_MACRO (expands to an enumerator) */
#define LPS_ERR_ENUM(name, value, text) LPS_##name = value,
	LPS_ERRORS(LPS_ERR_ENUM)
#undef LPS_ERR_ENUM
};

/*
 * Non-error result of a make-stable: the frame's content had been discarded
 * by the host and must be read again from the guest's backing store.
 */
#define LPS_R_DISCARDED 1

/**
 * lps_strerror() - describe a libpagestates return value
 * @err: a return value, negative or not
 *
 * Return: a static string; never NULL.
 */
const char *lps_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_LPS_ERR_H */
