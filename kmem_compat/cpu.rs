// SPDX-License-Identifier: GPL-2.0

//! The two pieces of the kmem fast path that C writes as inline assembly,
//! written the same way here so that the path stays one function with no
//! calls but the slab's (x86-64):
//!
//! - the per-CPU counters, updated as `this_cpu_add()` does: one
//!   `%gs`-relative instruction each, which an interrupt or a preemption
//!   cannot split, so no lock, no atomic and no preemption toggling;
//! - the header read of `kmem_free`, which must not fault on a wild
//!   pointer: an exception-table entry per load, as `__get_kernel_nofault()`
//!   has, so that a fault zeroes the register and execution goes on.
//!
//! `exports.c` defines the per-CPU variable and checks the exception-table
//! constants against the kernel's headers at build time.

use super::layout::{Hdr, HDR};
use core::arch::asm;
use core::mem::offset_of;

/// `struct ddi_kmem_pcpu` of exports.c, one per CPU (`DEFINE_PER_CPU`).
#[repr(C)]
pub(crate) struct Pcpu {
    allocs: u64,
    frees: u64,
    bytes: i64,
}

extern "C" {
    /// The per-CPU counters. Its address is a per-CPU offset, not a
    /// pointer: it is only ever used in `%gs`-relative instructions here
    /// and with `per_cpu_ptr()` in C.
    static ddi_kmem_pcpu: Pcpu;
}

/// Counts an allocation of `size` bytes on this CPU; returns this CPU's
/// allocation count before it.
#[inline(always)]
pub(crate) fn count_alloc(size: usize) -> u64 {
    let mut n: u64 = 1;
    // SAFETY: `ddi_kmem_pcpu` is a per-CPU variable, so `%gs:` plus its
    // address is this CPU's copy, which only these instructions and C's
    // per-CPU accessors touch. Each instruction is a whole update that an
    // interrupt or a migration cannot split. Nothing else is touched.
    unsafe {
        asm!(
            "add qword ptr gs:[rip + {pcpu} + {bytes}], {size}",
            "xadd qword ptr gs:[rip + {pcpu} + {allocs}], {n}",
            pcpu = sym ddi_kmem_pcpu,
            bytes = const offset_of!(Pcpu, bytes),
            allocs = const offset_of!(Pcpu, allocs),
            size = in(reg) size,
            n = inout(reg) n,
            options(nostack),
        );
    }
    n
}

/// Counts a free of `size` bytes on this CPU.
#[inline(always)]
pub(crate) fn count_free(size: usize) {
    // SAFETY: as in `count_alloc`.
    unsafe {
        asm!(
            "inc qword ptr gs:[rip + {pcpu} + {frees}]",
            "sub qword ptr gs:[rip + {pcpu} + {bytes}], {size}",
            pcpu = sym ddi_kmem_pcpu,
            frees = const offset_of!(Pcpu, frees),
            bytes = const offset_of!(Pcpu, bytes),
            size = in(reg) size,
            options(nostack),
        );
    }
}

/// `EX_TYPE_ZERO_REG | EX_DATA_REG(r)` for `rax` (0) and `rdx` (2): on a
/// fault, the register becomes 0 and execution goes on at the entry's
/// fixup address (arch/x86/include/asm/extable_fixup_types.h; exports.c
/// checks the values).
const EX_ZERO_RAX: u32 = 17;
const EX_ZERO_RDX: u32 = 17 | 2 << 8;

/// The header in front of `buf`, if `buf` is a 16-byte aligned kernel
/// address; a header of zeros if that memory is not mapped.
///
/// Never faults: a fault on a kernel address is fixed up from the
/// exception table (x86's `do_kern_addr_fault()` takes no lock and does
/// not sleep on that path, so unlike a user access this needs no
/// `pagefault_disable()`). Not instrumented by KASAN, so a freed buffer's
/// header is read without a report. Callable from any context.
#[inline(always)]
pub(crate) fn peek_hdr(buf: usize) -> Option<Hdr> {
    // The kernel half (a user address could fault in a way that sleeps),
    // aligned as our buffers are: the header never straddles pages.
    if (buf as isize) >= 0 || buf % HDR != 0 {
        return None;
    }
    const _: () = assert!(HDR == 16 && core::mem::size_of::<Hdr>() == HDR);
    let (caller, size_tag): (u64, u64);
    // SAFETY: two loads, each covered by an exception-table entry that on
    // a fault zeroes the destination and resumes after the load; neither
    // writes memory or uses the stack.
    unsafe {
        asm!(
            "2: mov rax, qword ptr [{p} - 16]",
            "3: mov rdx, qword ptr [{p} - 8]",
            "4:",
            ".pushsection __ex_table, \"a\"",
            ".balign 4",
            ".long 2b - .",
            ".long 3b - .",
            ".long {zero_rax}",
            ".long 3b - .",
            ".long 4b - .",
            ".long {zero_rdx}",
            ".popsection",
            p = in(reg) buf,
            out("rax") caller,
            out("rdx") size_tag,
            zero_rax = const EX_ZERO_RAX,
            zero_rdx = const EX_ZERO_RDX,
            options(nostack, readonly, preserves_flags),
        );
    }
    Some(Hdr {
        caller: caller as usize,
        size: size_tag as u32,
        tag: (size_tag >> 32) as u32,
    })
}
