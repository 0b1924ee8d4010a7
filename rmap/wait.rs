// SPDX-License-Identifier: GPL-2.0

//! Waiting for space: `rmalloc_wait`, `rmalloc_wait_sig`, and what plain
//! `rmalloc` may take while they wait (the policy of `mod.rs` §4).
//!
//! A [`Waiter`] is one `rmalloc_wait` caller, queued on its map in arrival
//! order. Every field of a queued waiter, and the queue, is under the
//! map's lock. A waiter is woken only by whoever granted it its space
//! ([`RMap::serve`]) or by `rmfreemap`, each under the map's lock: the
//! waiter checks its grant under that lock before it sleeps, so no
//! wake-up is lost, and the waiter cannot have left (nor its memory gone)
//! while the one waking it holds the lock.

use super::map_core::AllocError;
use super::{Caller, Inner, RMap};
use kernel::alloc::flags;
use kernel::list::{impl_list_arc_safe, impl_list_item, ListArc, ListLinks};
use kernel::prelude::*;
use kernel::sync::atomic::{Atomic, Relaxed};
use kernel::sync::{new_condvar, ArcBorrow, CondVar};
use kernel::time::{delay::fsleep, Delta};

/// How `alloc` behaves when the space is not there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// Return 0 (`rmalloc`).
    No,
    /// Sleep, uninterruptibly (`rmalloc_wait`).
    Always,
    /// Sleep until served or signalled (`rmalloc_wait_sig`).
    Signal,
}

/// A `rmalloc_wait` caller in a map's queue.
#[pin_data]
pub(super) struct Waiter {
    pub(super) size: usize,
    /// The address allocated for this waiter by whoever served it; 0 until
    /// then. Written and read under the map's lock.
    granted: Atomic<usize>,
    /// Units plain `rmalloc` calls took while this waiter was the head
    /// (see [`Inner::overtake`]). Under the map's lock.
    overtaken: Atomic<usize>,
    /// The waiter sleeps here; notified under the map's lock.
    #[pin]
    wake: CondVar,
    #[pin]
    links: ListLinks,
}

impl_list_arc_safe! {
    impl ListArcSafe<0> for Waiter { untracked; }
}
impl_list_item! {
    impl ListItem<0> for Waiter { using ListLinks { self.links }; }
}

impl Inner {
    /// Units between the lowest and the highest unit ever given to the
    /// map: no request larger than that can be served until more space is
    /// given.
    pub(super) fn extent(&self) -> usize {
        self.hi.saturating_sub(self.lo)
    }

    /// The waiter that holds the others up: the oldest whose request fits
    /// in the map's extent. O(w) in the waiters ahead of it that do not.
    fn head(&self) -> Option<ArcBorrow<'_, Waiter>> {
        let extent = self.extent();
        self.waiters.iter().find(|w| w.size <= extent)
    }

    /// A plain `rmalloc` of `size` units while waiters are queued: served
    /// if the head waiter has been overtaken by no more than its own
    /// request, counting this one, or if no waiter could be served anyway.
    pub(super) fn overtake(&mut self, size: usize) -> Result<usize, AllocError> {
        let after = match self.head() {
            None => return self.map.alloc(size),
            Some(h) => match h.overtaken.load(Relaxed).checked_add(size) {
                Some(after) if after <= h.size => after,
                _ => return Err(AllocError::NoSpace),
            },
        };
        let addr = self.map.alloc(size)?;
        // The same head: an allocation does not change the extent.
        if let Some(h) = self.head() {
            h.overtaken.store(after, Relaxed);
        }
        Ok(addr)
    }

    /// Wakes every waiter, for `rmfreemap`.
    pub(super) fn wake_all(&self) {
        for w in self.waiters.iter() {
            w.wake.notify_one();
        }
    }
}

impl RMap {
    /// Serves queued waiters in order: grants the oldest waiter whose
    /// request fits in the extent its space, and the next, while the space
    /// is there; stops at the first that does not fit (strict FIFO among
    /// waiters). Wakes exactly the waiters it served. Called with the lock
    /// held; does not allocate or free memory (the removed `ListArc`s are
    /// not the last references: each waiter holds its own until it has
    /// returned).
    pub(super) fn serve(g: &mut Inner) {
        let extent = g.extent();
        let Inner {
            map,
            waiters,
            nwaiters,
            ..
        } = g;
        let mut c = waiters.cursor_front();
        while let Some(next) = c.peek_next() {
            if next.size > extent {
                // Cannot be served until the map grows: skipped, so that
                // it holds nobody up.
                c.move_next();
                continue;
            }
            let Ok(addr) = map.alloc(next.size) else {
                break;
            };
            let w = next.remove();
            w.granted.store(addr, Relaxed);
            w.wake.notify_one();
            *nwaiters -= 1;
        }
    }

    /// [`RMap::alloc`] when the map is dead, has waiters, or the space is
    /// not there (or `size` is 0): decides again under the lock, and
    /// queues a waiting caller. May sleep unless `wait` is [`Wait::No`].
    #[cold]
    #[inline(never)]
    pub(super) fn alloc_slow(&self, size: usize, wait: Wait, caller: Caller) -> usize {
        let mut g = self.inner.lock();
        if g.dead {
            drop(g);
            pr_warn!(
                "rmalloc: map {:p} was freed by rmfreemap; called from {}\n",
                self,
                caller
            );
            return 0;
        }
        let r = if g.nwaiters == 0 || size == 0 {
            // `Map::alloc` counts a size 0 as misuse.
            g.map.alloc(size)
        } else if wait == Wait::No {
            g.overtake(size)
        } else {
            // A waiter queues behind the others, even if its request fits.
            Err(AllocError::NoSpace)
        };
        match r {
            Ok(addr) => return addr,
            Err(AllocError::ZeroSize) => {
                drop(g);
                pr_warn!(
                    "rmalloc: size 0 from map {:p}, called from {}\n",
                    self,
                    caller
                );
                return 0;
            }
            Err(AllocError::NoSpace) if wait == Wait::No => return 0,
            Err(AllocError::NoSpace) => {}
        }
        drop(g);
        self.wait_for(size, wait, caller)
    }

    /// Queues a waiter for `size` units and sleeps until it is served, the
    /// map is freed, or (with [`Wait::Signal`]) a signal comes. May sleep.
    fn wait_for(&self, size: usize, wait: Wait, caller: Caller) -> usize {
        // Allocated before the lock is taken; like `rmallocmap_wait`, a
        // waiter retries until it has the memory (only a signal ends a
        // `Wait::Signal` wait).
        let w = loop {
            match ListArc::pin_init(
                try_pin_init!(Waiter {
                    size,
                    granted: Atomic::new(0),
                    overtaken: Atomic::new(0),
                    wake <- new_condvar!("rmap_waiter"),
                    links <- ListLinks::new(),
                }),
                flags::GFP_KERNEL,
            ) {
                Ok(w) => break w,
                Err(_) if wait == Wait::Signal && kernel::current!().signal_pending() => return 0,
                Err(_) => fsleep(Delta::from_millis(super::RETRY_MS)),
            }
        };
        let me = w.clone_arc();
        let mut g = self.inner.lock();
        let extent = g.extent();
        g.waiters.push_back(w);
        g.nwaiters += 1;
        // Space may have been freed while the lock was dropped.
        Self::serve(&mut g);
        if size > extent && me.granted.load(Relaxed) == 0 {
            drop(g);
            pr_warn!(
                "rmalloc_wait: {} units asked of map {:p}, whose extent is {} units: it waits \
                 for more space to be given, holding nobody up; called from {}\n",
                size,
                self,
                extent,
                caller
            );
            g = self.inner.lock();
        }
        let mut signalled = false;
        let addr = loop {
            let got = me.granted.load(Relaxed);
            if got != 0 {
                break got;
            }
            if g.dead || signalled {
                break 0;
            }
            if wait == Wait::Signal {
                signalled = me.wake.wait_interruptible(&mut g);
            } else {
                me.wake.wait(&mut g);
            }
            if me.granted.load(Relaxed) == 0 && !g.dead && !signalled {
                g.futile_wakeups += 1;
            }
        };
        let mut mine = None;
        if addr == 0 {
            // Leaving unserved (signal, dead map): leave the queue. If we
            // were the head, those behind may now fit.
            // SAFETY: `me` is only ever in this map's `waiters` list.
            mine = unsafe { g.waiters.remove(&me) };
            if mine.is_some() {
                g.nwaiters -= 1;
            }
            Self::serve(&mut g);
        }
        let dead = g.dead;
        drop(g);
        drop(mine);
        if addr == 0 && dead {
            pr_warn!(
                "rmalloc_wait: map {:p} was freed by rmfreemap while {} waited for {} units\n",
                self,
                caller,
                size
            );
        }
        addr
    }
}
