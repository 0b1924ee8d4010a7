// SPDX-License-Identifier: GPL-2.0

//! The pure part of kmem_compat: size classes, the buffer header and its
//! check, the redzone and fill patterns.
//!
//! `no_std` and free of `kernel::`: the kernel module and the host tests
//! compile this very file.
//!
//! # The header
//!
//! A small buffer (at most [`MAX_SMALL`] bytes with its redzone) lives in
//! an object of one of our slab caches, right after a [`HDR`]-byte header:
//!
//! ```text
//!   object: | caller (8) | size (4) | tag (4) | user data (size) | redzone | slack |
//!                                               ^ returned pointer, 16-byte aligned
//! ```
//!
//! `tag` is a keyed hash of the object's address, the size and the caller,
//! with the buffer's debug flags in its low bits. `kmem_free(buf, size)`
//! recomputes it from `buf - HDR` and the size it is given: only the exact
//! size of a live buffer that we allocated at that address matches (a
//! foreign or interior pointer matches by chance with odds 2^-28). Freeing
//! flips the tag, so a second free is recognised as such while the header
//! survives.


/// Header bytes in front of every small buffer.
pub const HDR: usize = 16;

/// Largest small buffer (user data plus redzone); larger ones are big
/// buffers, allocated with `kvmalloc` and tracked in a side table.
pub const MAX_SMALL: usize = 8192;

/// Redzone bytes after the user data, in redzone mode.
pub const RZ: usize = 8;

/// The redzone's byte pattern.
pub const RZ_BYTE: u8 = 0xbb;

/// `kmem_alloc` fill in poison mode: Solaris's uninitialised pattern.
pub const FILL_WORD: u32 = 0xbadd_cafe;

/// `kmem_free` poison in poison mode: Solaris's freed pattern.
pub const POISON_WORD: u32 = 0xdead_beef;

/// Buffer debug flags, kept in the tag's low bits. Their values are
/// illumos's `kmem_flags` bits (`KMF_*`, `<sys/kmem.h>`), which the module
/// parameter of the same name takes. Live buffers listed (with callers) in
/// the side table: `KMF_AUDIT`.
pub const F_AUDIT: u32 = 0x1;
/// Fill on alloc, poison on free: `KMF_DEADBEEF`.
pub const F_POISON: u32 = 0x2;
/// A redzone after the buffer, checked at free: `KMF_REDZONE`.
pub const F_REDZONE: u32 = 0x4;
/// Every flag.
pub const F_ALL: u32 = F_REDZONE | F_POISON | F_AUDIT;
const F_MASK: u32 = 0xf;

/// User bytes each class holds. The caches' objects are `HDR` bigger.
pub const CLASSES: [usize; 13] = [
    8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
];

/// The smallest class holding `n` bytes (`1 <= n <= MAX_SMALL`): one
/// table load, no branch.
#[inline]
pub fn class_of(n: usize) -> usize {
    debug_assert!((1..=MAX_SMALL).contains(&n));
    // The mask only keeps the index in bounds without a branch.
    CLASS_OF[(n.wrapping_sub(1) / 8) % CLASS_OF.len()] as usize
}

/// [`class_of`]'s table, by `(n - 1) / 8`. Every class is a multiple of 8
/// bytes, so the sizes that share an entry share a class: that of the
/// largest, `8 * (entry + 1)`.
static CLASS_OF: [u8; MAX_SMALL / 8] = {
    let mut t = [0u8; MAX_SMALL / 8];
    let mut i = 0;
    while i < t.len() {
        let mut c = 0;
        while CLASSES[c] < 8 * (i + 1) {
            c += 1;
        }
        t[i] = c as u8;
        i += 1;
    }
    t
};

/// The header in front of a small buffer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Hdr {
    /// Address of the code that allocated the buffer.
    pub caller: usize,
    /// The size asked for.
    pub size: u32,
    /// Keyed hash with the flags in the low bits; inverted once freed.
    pub tag: u32,
}

/// The tag of a live buffer.
#[inline]
pub fn tag(obj: usize, size: usize, caller: usize, secret: u64, flags: u32) -> u32 {
    let mut x = (obj as u64) ^ ((size as u64) << 40) ^ (caller as u64).rotate_left(17) ^ secret;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    ((x >> 32) as u32 & !F_MASK) | (flags & F_MASK)
}

impl Hdr {
    /// The header of a new live buffer at object address `obj`.
    #[inline]
    pub fn new(obj: usize, size: usize, caller: usize, secret: u64, flags: u32) -> Hdr {
        Hdr {
            caller,
            size: size as u32,
            tag: tag(obj, size, caller, secret, flags),
        }
    }

    /// The buffer's debug flags.
    #[inline]
    pub fn flags(&self) -> u32 {
        self.tag & F_MASK
    }

    /// The same header, marked freed.
    #[inline]
    pub fn freed(&self) -> Hdr {
        Hdr {
            tag: !self.tag,
            ..*self
        }
    }
}

/// What a header read at `obj` says about `kmem_free(obj + HDR, claimed)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A live buffer of exactly `claimed` bytes, with these flags.
    Live(u32),
    /// A live buffer, but of another size.
    WrongSize(usize),
    /// A buffer of ours that was already freed (its header intact).
    Freed(usize),
    /// Not the start of a buffer of ours.
    Foreign,
}

/// Checks a header against a claimed size.
#[inline]
pub fn verify(h: &Hdr, obj: usize, claimed: usize, secret: u64) -> Verdict {
    let live = |size: usize| tag(obj, size, h.caller, secret, h.flags()) == h.tag;
    if claimed == h.size as usize && live(claimed) {
        Verdict::Live(h.flags())
    } else if live(h.size as usize) {
        Verdict::WrongSize(h.size as usize)
    } else if tag(obj, h.size as usize, h.caller, secret, !h.tag & F_MASK) == !h.tag {
        Verdict::Freed(h.size as usize)
    } else {
        Verdict::Foreign
    }
}
