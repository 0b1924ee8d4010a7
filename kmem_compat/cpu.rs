// SPDX-License-Identifier: GPL-2.0

//! The pieces of the kmem fast path that C writes as inline assembly,
//! written the same way here so that the path stays one function with no
//! calls but the slab's (x86-64):
//!
//! - the per-CPU counters, updated as `this_cpu_add()` does: one
//!   `%gs`-relative instruction each, which an interrupt or a preemption
//!   cannot split, so no lock, no atomic and no preemption toggling;
//! - the header read of `kmem_free`, which must not fault on a wild
//!   pointer: an exception-table entry per load, as `__get_kernel_nofault()`
//!   has, so that a fault zeroes the register and execution goes on;
//! - the per-CPU magazines (a few free objects per class on each CPU,
//!   after Bonwick's kmem magazines), used in task context with preemption
//!   disabled, as `this_cpu_ptr()` under `preempt_disable_notrace()`.
//!
//! `exports.c` defines the per-CPU variables and checks the constants
//! against the kernel's headers at build time.

use super::layout::{Hdr, HDR};
use core::arch::asm;
use core::ffi::c_void;
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

/// Objects one magazine holds at most (a power of two).
pub(crate) const MAG: usize = 8;
const _: () = assert!(MAG.is_power_of_two());
// exports.c defines `ddi_kmem_mags` as 13 magazines of 8 objects (and
// asserts their size); these must agree.
const _: () = assert!(MAG == 8 && super::layout::CLASSES.len() == 13);

/// A per-CPU stack of free objects of one class (`struct ddi_kmem_mag` of
/// exports.c).
///
/// # Invariants
///
/// `n <= MAG`; `obj[..n]` are free objects of the magazine's class's slab
/// cache, which no one else holds.
#[repr(C)]
pub(crate) struct Mag {
    n: u32,
    obj: [*mut c_void; MAG],
}

/// `preempt_count()` bits that say "not task context": NMI, hard irq,
/// serving a softirq (`in_task()`; exports.c checks the value).
const NOT_TASK: u64 = 0xff00_0100;

extern "C" {
    /// This CPU's per-CPU offset (arch/x86: `this_cpu_ptr()` adds it).
    static this_cpu_off: usize;
    /// The preemption count (arch/x86 keeps it per CPU, 64 bits, the top
    /// one the inverted need-resched flag; exports.c checks this).
    static __preempt_count: u64;
    /// One magazine per class on each CPU (exports.c).
    static ddi_kmem_mags: [Mag; super::layout::CLASSES.len()];
}

#[cfg(CONFIG_PREEMPTION)]
extern "C" {
    /// `__preempt_schedule()` (exports.c).
    fn ddi_preempt_schedule();
}

/// Runs `f` on this CPU's magazine of `class` with preemption disabled,
/// if called in task context (elsewhere: `None`, and the caller goes to
/// the slab). An interrupt handler on this CPU never touches a magazine,
/// and no other task runs here until `f` returns, so `f` has the
/// magazine to itself. As `preempt_disable_notrace()` and
/// `preempt_enable_notrace()`: no tracing, a reschedule at the end if one
/// became due.
#[inline(always)]
pub(crate) fn with_mag<R>(class: usize, f: impl FnOnce(&mut Mag) -> R) -> Option<R> {
    if class >= super::layout::CLASSES.len() {
        return None;
    }
    let count: u64;
    let off: usize;
    // SAFETY: reads of two per-CPU variables of this CPU, as in
    // `count_alloc`; then preemption is disabled by one per-CPU increment.
    unsafe {
        asm!(
            "mov {count}, qword ptr gs:[rip + {pc}]",
            count = out(reg) count,
            pc = sym __preempt_count,
            options(nostack, readonly, preserves_flags),
        );
        if count & NOT_TASK != 0 {
            return None;
        }
        asm!(
            "add qword ptr gs:[rip + {pc}], 1",
            "mov {off}, qword ptr gs:[rip + {tco}]",
            pc = sym __preempt_count,
            tco = sym this_cpu_off,
            off = out(reg) off,
            options(nostack),
        );
    }
    let mags = (core::ptr::addr_of!(ddi_kmem_mags) as usize).wrapping_add(off) as *mut Mag;
    // SAFETY: `mags` is this CPU's copy of the per-CPU array (its address
    // plus this CPU's offset, as `this_cpu_ptr()` computes it), which no one
    // else touches while preemption is disabled (see above); `class` is
    // within the array (checked above).
    let r = f(unsafe { &mut *mags.add(class) });
    let zero: u8;
    // SAFETY: undoes the increment above.
    unsafe {
        asm!(
            "sub qword ptr gs:[rip + {pc}], 1",
            "setz {zero}",
            pc = sym __preempt_count,
            zero = out(reg_byte) zero,
            options(nostack),
        );
    }
    // On x86 the count reaches 0 only when a reschedule is also due (its
    // top bit is the inverted need-resched flag): `preempt_enable()`.
    #[cfg(CONFIG_PREEMPTION)]
    if zero != 0 {
        // SAFETY: preemption is enabled again, as `preempt_enable()` has
        // it when it calls `__preempt_schedule()`.
        unsafe { ddi_preempt_schedule() };
    }
    #[cfg(not(CONFIG_PREEMPTION))]
    let _ = zero;
    Some(r)
}

impl Mag {
    /// Takes the object pushed last; null if there is none.
    #[inline(always)]
    pub(crate) fn pop(&mut self) -> *mut c_void {
        let Some(n) = (self.n as usize).checked_sub(1) else {
            return core::ptr::null_mut();
        };
        self.n = n as u32;
        // `n < MAG` (`push` keeps `self.n <= MAG`); the mask only spares
        // a bounds check.
        self.obj[n % MAG]
    }

    /// Keeps `obj`, a free object of the magazine's class held by no one
    /// else, if the magazine holds fewer than `cap` (and [`MAG`]) objects;
    /// false if not.
    #[inline(always)]
    pub(crate) fn push(&mut self, obj: *mut c_void, cap: usize) -> bool {
        let n = self.n as usize;
        if n >= cap.min(MAG) {
            return false;
        }
        self.obj[n % MAG] = obj;
        self.n += 1;
        true
    }
}
