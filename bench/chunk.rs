// SPDX-License-Identifier: GPL-2.0

//! One chunk of a read, step by step: what each step of the sample
//! drivers' loop costs, beside the step a native Linux driver takes
//! instead (`bench/xx_native.c`).
//!
//! A chunk is 640 bytes: take a buffer, ask the device how much it holds
//! (the man page's `COUNT`), the device's copy into the buffer under the
//! device's mutex, `uiomove` to the caller, give the buffer back. The rows
//! of `/dev/xx` (the Rust driver, on `include/rust/ddi.rs`) are here; those
//! of `/dev/xx_legacy` (C, through `<sys/...>`) and of `/dev/xx_native`
//! are in `bench/chunk.c`, which this table calls. The caller's memory is
//! a kernel buffer behind an `ITER_KVEC` iterator (the user copy itself is
//! the same `copy_to_iter` for every driver); making the iterator is part
//! of every row that moves data, and is its own row so that it can be
//! taken off. Each row is the fastest of [`super::ROUNDS`] rounds.

use super::{ddi, time_calls, Ns, ROUNDS};
use core::sync::atomic::{AtomicUsize, Ordering};
use kernel::alloc::{KVVec, KVec};
use kernel::bindings;
use kernel::ffi::{c_char, c_int, c_uint, c_void, CStr};
use kernel::prelude::*;
use kernel::sync::{new_mutex, Mutex};

const CHUNK: usize = 640;
const BUFSIZE: usize = 4 * CHUNK;
/// The device memory the copies read from (rotating through it, as a
/// 1 MiB read does).
const SPAN: usize = 1 << 20;

/// What the steps work on.
struct Steps {
    /// The man page's map over `buf`.
    map: ddi::RMap,
    buf: ddi::KmemBuf,
    /// The device's memory and its mutex (the man page's drivers hold it
    /// for `COUNT` and for the device's copy).
    store: Pin<KBox<Mutex<KVVec<u8>>>>,
    /// The end of what was written (`COUNT`), read without the mutex.
    top: AtomicUsize,
    /// The caller's memory.
    dst: KVec<u8>,
    off: usize,
}

impl Steps {
    fn new() -> Result<Self> {
        let buf = ddi::KmemBuf::new(BUFSIZE, ddi::KM_NOSLEEP, false).ok_or(ENOMEM)?;
        let map = ddi::RMap::new(12).ok_or(ENOMEM)?;
        map.free(BUFSIZE, buf.addr());
        Ok(Steps {
            map,
            buf,
            store: KBox::pin_init(
                new_mutex!(KVVec::from_elem(0u8, SPAN + CHUNK, GFP_KERNEL)?),
                GFP_KERNEL,
            )?,
            top: AtomicUsize::new(SPAN + CHUNK),
            dst: KVec::from_elem(0u8, CHUNK, GFP_KERNEL)?,
            off: 0,
        })
    }

    /// The next device offset, a chunk on.
    fn next_off(&mut self) -> usize {
        self.off = (self.off + CHUNK) % SPAN;
        self.off
    }

    /// `COUNT` at `off`: what the device holds from there on.
    fn count(&self, off: usize) -> usize {
        self.top.load(Ordering::Acquire).saturating_sub(off)
    }

    /// The slot at `addr` of the map's buffer, as a slice.
    fn chunk_at(&mut self, addr: usize) -> &mut [u8] {
        let start = addr - self.buf.addr();
        &mut self.buf.as_mut_slice()[start..start + CHUNK]
    }

    /// The device's copy of a chunk at the next offset into `addr`.
    fn dma(&mut self, addr: usize) {
        let off = self.next_off();
        let mem = self.store.lock();
        let start = addr - self.buf.addr();
        // `self.buf` and `self.store` are distinct fields.
        let buf = &mut self.buf.as_mut_slice()[start..start + CHUNK];
        buf.copy_from_slice(&mem[off..off + CHUNK]);
    }

    /// Makes `it` a destination iterator over `dst`.
    fn iter(&mut self, it: &mut bindings::iov_iter, kv: &mut bindings::kvec) {
        kv.iov_base = self.dst.as_mut_ptr().cast();
        kv.iov_len = CHUNK;
        // SAFETY: `it` and `kv` are valid for writes and reads; the kvec
        // describes `dst`, live for as long as the iterator is used.
        unsafe { bindings::iov_iter_kvec(it, bindings::ITER_DEST, kv, 1, CHUNK) };
    }

    /// `uiomove` of the chunk at `addr` to the caller, with the uio made
    /// as the drivers' read routines make it.
    fn uiomove(&mut self, addr: usize) -> c_int {
        let mut it = bindings::iov_iter::default();
        let mut kv = bindings::kvec::default();
        self.iter(&mut it, &mut kv);
        // SAFETY: `it` is live for the uio's life, used by nothing else.
        let mut uio = unsafe { ddi::Uio::new(&mut it, 0, CHUNK) };
        uio.move_out(self.chunk_at(addr))
    }
}

/// The steps, in the table's order: name, and one call of the step.
type Step = (&'static str, fn(&mut Steps));

const STEPS: [Step; 11] = [
    ("xx: rmalloc_wait_sig+rmfree", |s| {
        let a = s.map.alloc_wait_sig(CHUNK);
        s.map.free(CHUNK, a);
    }),
    ("xx: rmalloc+rmfree", |s| {
        let a = s.map.alloc(CHUNK);
        s.map.free(CHUNK, a);
    }),
    // Two readers' chunks overlapping: the second is taken before the
    // first is given back, so the first free is out of address order: the
    // scan of the small map's array (a tree map's insert, then merge and
    // delete). Two chunks: compare with twice the row above.
    ("xx: 2 x rmalloc+rmfree, overlapping", |s| {
        let a = s.map.alloc(CHUNK);
        let b = s.map.alloc(CHUNK);
        s.map.free(CHUNK, a);
        s.map.free(CHUNK, b);
    }),
    ("xx: COUNT (an atomic load)", |s| {
        let off = s.next_off();
        core::hint::black_box(s.count(off));
    }),
    ("xx: store mutex lock+unlock", |s| {
        drop(s.store.lock());
    }),
    ("xx: device copy under the store mutex", |s| {
        let a = s.buf.addr();
        s.dma(a);
    }),
    ("iterator set-up (iov_iter_kvec)", |s| {
        let mut it = bindings::iov_iter::default();
        let mut kv = bindings::kvec::default();
        s.iter(&mut it, &mut kv);
        core::hint::black_box(&it);
    }),
    ("xx: uio set-up (Uio::new), with the iterator's", |s| {
        let mut it = bindings::iov_iter::default();
        let mut kv = bindings::kvec::default();
        s.iter(&mut it, &mut kv);
        // SAFETY: `it` is live while the uio is.
        let uio = unsafe { ddi::Uio::new(&mut it, 0, CHUNK) };
        core::hint::black_box(&uio);
    }),
    ("xx: uiomove, with the uio's set-up", |s| {
        let a = s.buf.addr();
        s.uiomove(a);
    }),
    ("xx: copy_to_iter, with the iterator's", |s| {
        let mut it = bindings::iov_iter::default();
        let mut kv = bindings::kvec::default();
        s.iter(&mut it, &mut kv);
        let src = s.buf.as_mut_slice().as_ptr();
        // SAFETY: `src` is valid for `CHUNK` bytes, `it` is live.
        unsafe { bindings::_copy_to_iter(src.cast(), CHUNK, &mut it) };
    }),
    ("xx: whole chunk (Xx::transfer's loop body)", |s| {
        let n = s.count(s.off).min(CHUNK);
        let a = s.map.alloc_wait_sig(n);
        s.dma(a);
        s.uiomove(a);
        s.map.free(CHUNK, a);
    }),
];

extern "C" {
    fn ddi_bench_chunk_c_new() -> *mut c_void;
    fn ddi_bench_chunk_c_free(c: *mut c_void);
    fn ddi_bench_chunk_c_name(i: c_uint) -> *const c_char;
    fn ddi_bench_chunk_c_step(c: *mut c_void, i: c_uint);
}

/// The C rows' state (`struct chunk_c` of `bench/chunk.c`).
///
/// # Invariants
///
/// The pointer came from `ddi_bench_chunk_c_new`, is non-null, and is
/// freed by `drop` only.
struct CSteps(*mut c_void);

impl CSteps {
    fn new() -> Result<Self> {
        // SAFETY: no precondition; may sleep (we are in module init).
        let c = unsafe { ddi_bench_chunk_c_new() };
        if c.is_null() {
            return Err(ENOMEM);
        }
        // INVARIANT: non-null, from `ddi_bench_chunk_c_new`.
        Ok(CSteps(c))
    }

    /// The name of C row `i`, or `None` past the last.
    fn name(i: u32) -> Option<&'static CStr> {
        // SAFETY: no precondition.
        let p = unsafe { ddi_bench_chunk_c_name(i) };
        // SAFETY: a non-null name is a static NUL-terminated string.
        (!p.is_null()).then(|| unsafe { CStr::from_char_ptr(p) })
    }

    fn step(&mut self, i: u32) {
        // SAFETY: `self.0` is live (type invariant), and ours alone.
        unsafe { ddi_bench_chunk_c_step(self.0, i) }
    }
}

impl Drop for CSteps {
    fn drop(&mut self) {
        // SAFETY: live, from `ddi_bench_chunk_c_new` (type invariant).
        unsafe { ddi_bench_chunk_c_free(self.0) }
    }
}

/// The C rows: how many there are.
fn c_rows() -> usize {
    (0..).take_while(|&i| CSteps::name(i).is_some()).count()
}

/// Prints the table: nanoseconds per step, fastest of the rounds.
pub(crate) fn bench_chunk() -> Result {
    let mut s = Steps::new()?;
    let mut c = CSteps::new()?;
    let nc = c_rows();
    let mut best = KVec::from_elem(u64::MAX, STEPS.len() + nc, GFP_KERNEL)?;
    for _ in 0..ROUNDS {
        for (b, (_, step)) in best.iter_mut().zip(STEPS.iter()) {
            *b = (*b).min(time_calls(&mut s, 1, step));
        }
        for (i, b) in best[STEPS.len()..].iter_mut().enumerate() {
            let i = i as u32;
            *b = (*b).min(time_calls(&mut c, 1, |c| c.step(i)));
        }
    }
    pr_info!(
        "chunk: ns per step of one 640-byte chunk, fastest of {} rounds\n",
        ROUNDS
    );
    for ((name, _), b) in STEPS.iter().zip(best.iter()) {
        pr_info!("chunk: {:<48} {:>8}\n", name, Ns(*b));
    }
    for (i, b) in best[STEPS.len()..].iter().enumerate() {
        let name = CSteps::name(i as u32).ok_or(EINVAL)?;
        pr_info!(
            "chunk: {:<48} {:>8}\n",
            name.to_str().unwrap_or("?"),
            Ns(*b)
        );
    }
    Ok(())
}
