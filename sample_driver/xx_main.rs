// SPDX-License-Identifier: GPL-2.0

//! xx: the rmalloc(9F) man page's example driver as a Rust misc device,
//! `/dev/xx`, on ddi-compat's exported C ABI (through the safe wrappers of
//! `include/rust/ddi.rs`).
//!
//! - Module init is the man page's `xxstart`: a 2560-byte buffer from
//!   `kmem_alloc(KM_NOSLEEP)`, a 12-slot map from `rmallocmap`, seeded with
//!   `rmfree(map, 2560, buffer)`. (Where the page panics on failure, we fail
//!   the load with `ENOMEM`.) Module exit: `rmfreemap`, then `kmem_free`
//!   with the exact size.
//! - `read` is `xxread`: the request is cut into pieces of at most 640
//!   bytes; each takes a buffer from the map, gets the device's data into
//!   it, `uiomove`s it to the user and gives it back. Where the page panics
//!   when the map is exhausted, we wait: `rmalloc_wait_sig`, ddi-compat's
//!   interruptible `rmalloc_wait`. A signal while waiting ends the call with
//!   what was moved, or `EINTR` if nothing was. A fault in the user buffer
//!   gives the buffer back and returns what was moved, or `EFAULT`.
//! - `write` is the same in the other direction.
//! - The device is simulated: a memory of [`XX_DEVSIZE`] bytes that writes
//!   fill and reads return, up to the highest byte written; the
//!   `XX_IOC_LATENCY` ioctl makes it take that many milliseconds per chunk,
//!   while the driver holds the chunk's buffer.
//!
//! Locking: the map has its own lock; the device memory a mutex, held only
//! for the device's copies, never across `uiomove` or a wait. The end of
//! what was written (`Xx::top`, the man page's `COUNT`) is raised under
//! that mutex but read without it: it only grows, and bytes below it were
//! in the memory before it moved, so a copy made under the mutex after it
//! was read sees them.

use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use kernel::fs::{File, Kiocb};
use kernel::ioctl::_IOW;
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::prelude::*;
use kernel::sync::{new_mutex, Mutex};
use kernel::time::{delay::fsleep, Delta};
use kernel::uaccess::{UserPtr, UserSlice};

#[path = "../include/rust/ddi.rs"]
mod ddi;

use ddi::{KmemBuf, RMap, Uio, KM_NOSLEEP};

module! {
    type: XxModule,
    name: "xx",
    authors: ["ddi-compat developers"],
    description: "The rmalloc(9F) man page's xx driver, in Rust on ddi-compat",
    license: "GPL",
}

const XX_MAPSIZE: usize = 12;
const XX_BUFSIZE: usize = 2560;
const XX_MAXSIZE: usize = XX_BUFSIZE / 4;
/// Device memory (`sample_driver/xx.h`).
const XX_DEVSIZE: usize = 2 << 20;
/// `XX_IOC_LATENCY` (`sample_driver/xx.h`).
const XX_IOC_LATENCY: u32 = _IOW::<u32>('x' as u32, 1);

/// A buffer taken from the map.
///
/// # Invariants
///
/// `len` bytes at `addr` are a range the map handed out of the 2560-byte
/// kmem buffer it was seeded with (`Xx::start`), ours until `Xx::give`.
struct Chunk {
    addr: usize,
    len: usize,
}

impl Chunk {
    fn bytes(&mut self) -> &mut [u8] {
        // SAFETY: by the type invariant the range is live and ours alone.
        unsafe { core::slice::from_raw_parts_mut(self.addr as *mut u8, self.len) }
    }
}

/// What the driver and its device share, for the module's lifetime.
///
/// Field order is drop order: the map goes before the buffer it manages.
#[pin_data]
struct Xx {
    map: RMap,
    _buf: KmemBuf,
    /// The simulated device's memory.
    #[pin]
    store: Mutex<KVVec<u8>>,
    /// Highest byte written, plus one: raised under `store`'s lock, read
    /// without it.
    top: AtomicUsize,
    latency_ms: AtomicU32,
}

/// The address of the module's [`Xx`] while the device is registered.
static XX: AtomicUsize = AtomicUsize::new(0);

fn xx() -> &'static Xx {
    // SAFETY: `XX` is set before the device is registered and cleared
    // after it is deregistered; file operations only run in between, and
    // the module (which owns the `Xx`) cannot unload while a file is open.
    unsafe { &*(XX.load(Ordering::Acquire) as *const Xx) }
}

impl Xx {
    /// `xxstart`.
    fn start() -> Result<Pin<KBox<Xx>>> {
        let buf = KmemBuf::new(XX_BUFSIZE, KM_NOSLEEP, false).ok_or(ENOMEM)?;
        let map = RMap::new(XX_MAPSIZE).ok_or(ENOMEM)?;
        map.free(XX_BUFSIZE, buf.addr());
        KBox::pin_init(
            try_pin_init!(Xx {
                map,
                _buf: buf,
                store <- new_mutex!(KVVec::from_elem(0u8, XX_DEVSIZE, GFP_KERNEL)?),
                top: AtomicUsize::new(0),
                latency_ms: AtomicU32::new(0),
            }),
            GFP_KERNEL,
        )
    }

    /// The device's copy between its memory at `off` and a driver buffer.
    fn dma(&self, buf: &mut [u8], off: usize, to_device: bool) {
        {
            let mut mem = self.store.lock();
            let end = off + buf.len();
            if to_device {
                mem[off..end].copy_from_slice(buf);
                // Only bytes that arrived move the end (a failed chunk
                // brings none). Writers hold the mutex, so a load and a
                // store suffice; Release: the bytes are there before a
                // reader that sees the new end copies them.
                if !buf.is_empty() && end > self.top.load(Ordering::Relaxed) {
                    self.top.store(end, Ordering::Release);
                }
            } else {
                buf.copy_from_slice(&mem[off..end]);
            }
        }
        let ms = self.latency_ms.load(Ordering::Relaxed);
        if ms != 0 {
            fsleep(Delta::from_millis(i64::from(ms)));
        }
    }

    /// One chunk's buffer from the map; `None` if a signal ended the wait.
    fn take(&self, size: usize) -> Option<Chunk> {
        let addr = self.map.alloc_wait_sig(size);
        // INVARIANT: the map hands out disjoint ranges of our kmem buffer.
        (addr != 0).then_some(Chunk { addr, len: size })
    }

    fn give(&self, chunk: Chunk) {
        self.map.free(chunk.len, chunk.addr);
    }

    /// `xxread` and its mirror: moves `uio` chunk by chunk.
    fn transfer(&self, uio: &mut Uio, to_device: bool) -> Result<usize> {
        loop {
            let off = usize::try_from(uio.offset()).map_err(|_| EINVAL)?;
            let want = if to_device {
                uio.resid().min(XX_DEVSIZE.saturating_sub(off))
            } else {
                uio.resid()
                    .min(self.top.load(Ordering::Acquire).saturating_sub(off))
            };
            let size = want.min(XX_MAXSIZE);
            if size == 0 {
                return Ok(uio.moved());
            }
            let Some(mut chunk) = self.take(size) else {
                return if uio.moved() > 0 {
                    Ok(uio.moved())
                } else {
                    Err(EINTR)
                };
            };
            let err = if to_device {
                let before = uio.resid();
                let e = uio.move_in(chunk.bytes());
                // What arrived before a fault still reaches the device.
                let got = before - uio.resid();
                self.dma(&mut chunk.bytes()[..got], off, true);
                e
            } else {
                self.dma(chunk.bytes(), off, false);
                uio.move_out(chunk.bytes())
            };
            self.give(chunk);
            if err != 0 {
                return if uio.moved() > 0 {
                    Ok(uio.moved())
                } else {
                    Err(EFAULT)
                };
            }
        }
    }
}

#[vtable]
impl MiscDevice for Xx {
    type Ptr = ();

    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
        Ok(())
    }

    fn read_iter(mut kiocb: Kiocb<'_, ()>, iov: &mut IovIterDest<'_>) -> Result<usize> {
        // SAFETY: `iov` is this call's iterator, borrowed for as long as
        // the uio lives.
        let mut uio = unsafe { Uio::new(iov.as_raw(), kiocb.ki_pos(), iov.len()) };
        let r = xx().transfer(&mut uio, false);
        *kiocb.ki_pos_mut() = uio.offset();
        r
    }

    fn write_iter(mut kiocb: Kiocb<'_, ()>, iov: &mut IovIterSource<'_>) -> Result<usize> {
        if usize::try_from(kiocb.ki_pos()).map_or(true, |p| p >= XX_DEVSIZE) && !iov.is_empty() {
            return Err(ENOSPC);
        }
        // SAFETY: as in `read_iter`.
        let mut uio = unsafe { Uio::new(iov.as_raw(), kiocb.ki_pos(), iov.len()) };
        let r = xx().transfer(&mut uio, true);
        *kiocb.ki_pos_mut() = uio.offset();
        r
    }

    fn ioctl(_me: (), _file: &File, cmd: u32, arg: usize) -> Result<isize> {
        if cmd != XX_IOC_LATENCY {
            return Err(ENOTTY);
        }
        let mut r = UserSlice::new(UserPtr::from_addr(arg), 4).reader();
        let ms: u32 = r.read()?;
        xx().latency_ms.store(ms.min(10_000), Ordering::Relaxed);
        Ok(0)
    }
}

#[pin_data(PinnedDrop)]
struct XxModule {
    /// Deregistered first (field order), so no file operation outlives `xx`.
    #[pin]
    misc: MiscDeviceRegistration<Xx>,
    xx: Pin<KBox<Xx>>,
}

impl kernel::InPlaceModule for XxModule {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(XxModule {
            xx: {
                let xx = Xx::start()?;
                XX.store(core::ptr::from_ref::<Xx>(&xx) as usize, Ordering::Release);
                xx
            },
            misc <- MiscDeviceRegistration::register(MiscDeviceOptions { name: c"xx" }),
        })
    }
}

#[pinned_drop]
impl PinnedDrop for XxModule {
    fn drop(self: Pin<&mut Self>) {
        // The registration is dropped after this, then `xx` (map, then
        // buffer). No file is open: the module is unloading.
        XX.store(0, Ordering::Release);
    }
}
