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
//!
//! # kmem cache objects
//!
//! An object of a `kmem_cache_create` cache has the same header, just in
//! front of it, with the cache's number in `size` and the tag keyed with
//! [`cache_secret`]: a buffer and an object never pass for each other, and
//! an object freed to another cache is told from a foreign pointer (its
//! header names its own cache). [`cache_layout`] places the header and the
//! redzone around the caller's alignment.

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

/// The key of cache objects' tags, from the key of buffers' tags.
#[inline]
pub fn cache_secret(secret: u64) -> u64 {
    secret.rotate_left(29) ^ 0x6b6d_656d_6361_6368
}

/// Cache numbers (stored in a cache object's header in place of a size)
/// stay below this, so that the whole number enters the tag.
pub const CACHE_IDS: u32 = 1 << 24;

/// The largest alignment a cache may ask for (illumos: the page size).
pub const CACHE_MAX_ALIGN: usize = 4096;

/// Where the parts of a cache object go inside its slab object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheLayout {
    /// Bytes in front of the object: at least [`HDR`] and a multiple of
    /// the alignment; the header is the last [`HDR`] of them.
    pub front: usize,
    /// The slab object: `front`, the object, and the redzone if any.
    pub size: usize,
    /// The slab object's (and so the object's) alignment.
    pub align: usize,
}

/// The layout of the objects of a cache of `bufsize`-byte objects aligned
/// to `align` (0: the default, [`HDR`]), with a [`RZ`]-byte redzone if
/// `redzone`, in slab objects of at most `max` bytes; `None` if `bufsize`
/// is 0, `align` is not a power of two or exceeds [`CACHE_MAX_ALIGN`], or
/// the object would exceed `max`.
pub fn cache_layout(
    bufsize: usize,
    align: usize,
    redzone: bool,
    max: usize,
) -> Option<CacheLayout> {
    let align = if align == 0 { HDR } else { align };
    if bufsize == 0 || !align.is_power_of_two() || align > CACHE_MAX_ALIGN {
        return None;
    }
    let front = align.max(HDR);
    let size = front
        .checked_add(bufsize)?
        .checked_add(if redzone { RZ } else { 0 })?;
    (size <= max).then_some(CacheLayout {
        front,
        size,
        align: front,
    })
}
