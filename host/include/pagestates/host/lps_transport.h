/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_transport.h - the host-side decoders a hypervisor embeds: one
 * trapped ESSA, x86 hypercall or SMCCC call in, the host model updated and
 * the result register written out.  Everything in the registers and in the
 * descriptor is the guest's and is checked before use.
 */
#ifndef LPS_TRANSPORT_H
#define LPS_TRANSPORT_H

#include <pagestates/host/lps_host.h>	/* struct lps_host */
#include <pagestates/wire/lps_wire_hcall.h>	/* struct lps_x86_regs */
#include <pagestates/wire/lps_wire_smccc.h>	/* struct lps_smccc_regs */

/* How a decoder reaches guest memory (the hint descriptor). */
struct lps_gmem {
	/*
	 * Host address of guest physical @gpa and, in *@avail, how many bytes
	 * from there are guest RAM, contiguous in the host; NULL when @gpa is
	 * not guest RAM.
	 */
	void *(*map)(void *ctx, uint64_t gpa, size_t *avail);
	void *ctx;
};

/* Guest RAM as one host buffer: guest physical 0 .. size - 1. */
struct lps_gmem_flat {
	uint8_t *base;
	uint64_t size;
};

/* lps_gmem map function over a struct lps_gmem_flat (the ctx). */
void *lps_gmem_flat_map(void *ctx, uint64_t gpa, size_t *avail);

/**
 * lps_essa_handle() - emulate one intercepted ESSA as KVM does
 * @h:  the host model
 * @m3: the instruction's M3 field (the command, 0-7)
 * @r2: the value of register R2 (the frame's real address)
 * @r1: receives the value for register R1
 *
 * Commands 5 and 7 make the frame stable, 6 only when its content is
 * resident (see lps_essa_host.c for what differs from KVM).
 *
 * Return: 0 or LPS_R_DISCARDED (a stable-making command on a dropped
 * frame) with *@r1 = the frame's state from before the command;
 * -LPS_EINVAL for a command above 7 and -LPS_ERANGE for a frame outside
 * the guest, with *@r1 untouched: the hypervisor injects a specification
 * or addressing exception, as KVM does; or, with *@r1 = the exception
 * indication (0x10) and nothing changed, the host model's refusal of the
 * transition.  -LPS_EINVAL for NULL arguments, nothing written.
 */
int lps_essa_handle(struct lps_host *h, uint32_t m3, uint64_t r2,
		    uint64_t *r1);

/**
 * lps_x86_hcall_handle() - serve one x86 hypercall (wire/lps_wire_hcall.h)
 * @h:      the host model
 * @mem:    guest memory, for the descriptor
 * @regs:   the guest's registers; rax receives the result
 * @budget: ranges one SUBMIT may apply (0: all); the guest calls again
 *
 * Return: 1 when the call was ours (rax written, possibly with an error
 * result), 0 when its number is not ours (nothing touched: the hypervisor
 * serves it), -LPS_EINVAL for NULL arguments.
 */
int lps_x86_hcall_handle(struct lps_host *h, const struct lps_gmem *mem,
			 struct lps_x86_regs *regs, uint32_t budget);

/**
 * lps_smccc_handle() - serve one SMCCC call (wire/lps_wire_smccc.h)
 * @h:      the host model
 * @mem:    guest memory, for the descriptor
 * @regs:   the guest's registers; x0 receives the result (x0-x3 for the
 *          UID query, x0-x1 for FEATURES)
 * @budget: ranges one SUBMIT may apply (0: all); the guest calls again
 *
 * Return: as lps_x86_hcall_handle(): 1 when the call was ours, 0 when its
 * function ID is not ours (nothing touched), -LPS_EINVAL for NULL
 * arguments.
 */
int lps_smccc_handle(struct lps_host *h, const struct lps_gmem *mem,
		     struct lps_smccc_regs *regs, uint32_t budget);

/*
 * Shared by the two hypercall decoders: apply the descriptor at @gpa.
 * Return an LPS result for the guest.
 */
int lps_transport_submit(struct lps_host *h, const struct lps_gmem *mem,
			 uint64_t gpa, uint32_t budget);

#endif /* LPS_TRANSPORT_H */
