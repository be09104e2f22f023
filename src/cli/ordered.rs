//! A parallel map whose results are taken in input order, with a bounded number in flight.
//!
//! `check` over thousands of files evaluates them on every core and streams their report
//! parts to one file in the order the files were given. Evaluating in batches and writing
//! each batch after it (the first design) left the cores idle while the main thread
//! wrote, and waited at every batch for its slowest file: two cores were only 1.33× one.
//! Sending every result to the calling thread to write (the second design) made that thread
//! a third one competing with the two workers, woken once per file, and moved every report
//! from the core that rendered it to the one that wrote it. Here the workers take turns:
//! the worker that finishes the next result in order takes it, with every later result
//! already waiting, while the others go on evaluating; so results are taken on a core that
//! has them in cache, by a thread that was running anyway. A worker never starts more
//! than `window` items ahead of the last one taken, so memory stays bounded by `window`
//! results whatever the number of files.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// Calls `work` on every item (with its index), in parallel on the rayon pool, and `take`
/// with each result in the order of `items`: one call at a time, on whichever worker's
/// turn it is. At most `window` items (at least 1) are started ahead of the last result
/// taken. Called from outside the rayon pool (the calling thread waits for the workers).
pub(super) fn for_each<T, R>(
    items: &[T],
    window: usize,
    work: impl Fn(usize, &T) -> R + Sync,
    take: impl FnMut(R) + Send,
) where
    T: Sync,
    R: Send,
{
    let window = window.max(1);
    let next = AtomicUsize::new(0);
    let turns = Turns {
        queue: Mutex::new(Queue {
            popped: 0,
            taken: 0,
            early: VecDeque::with_capacity(window),
            taking: false,
        }),
        room: Condvar::new(),
        abandoned: AtomicBool::new(false),
        take: Mutex::new(take),
    };
    let workers = rayon::current_num_threads().clamp(1, items.len().max(1));
    rayon::in_place_scope(|scope| {
        for _ in 0..workers {
            let (next, turns, work) = (&next, &turns, &work);
            scope.spawn(move |_| {
                // A panicking worker would leave the others waiting for room that never
                // comes: it marks the run abandoned so that they stop, and the scope then
                // carries the panic on.
                let _guard = AbandonOnPanic(turns);
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= items.len() || !turns.wait_for_room(index, window) {
                        return;
                    }
                    let result = work(index, &items[index]);
                    if !turns.hand_in(index, result) {
                        return;
                    }
                }
            });
        }
    });
}

/// Results waiting for their turn, and whose turn it is.
struct Queue<R> {
    /// How many results have left the queue to be taken (in order).
    popped: usize,
    /// How many of those have been taken.
    taken: usize,
    /// Results that came before their turn; slot k holds item `popped + k`.
    early: VecDeque<Option<R>>,
    /// Whether a worker is taking results now (then it takes those handed in meanwhile).
    taking: bool,
}

struct Turns<R, F> {
    queue: Mutex<Queue<R>>,
    room: Condvar,
    abandoned: AtomicBool,
    take: Mutex<F>,
}

impl<R, F: FnMut(R)> Turns<R, F> {
    fn lock(&self) -> MutexGuard<'_, Queue<R>> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until item `index` is within `window` of the results taken; false if the run
    /// was abandoned meanwhile.
    fn wait_for_room(&self, index: usize, window: usize) -> bool {
        let mut queue = self.lock();
        while index >= queue.taken + window {
            if self.abandoned.load(Ordering::Relaxed) {
                return false;
            }
            queue = self.room.wait(queue).unwrap_or_else(|e| e.into_inner());
        }
        !self.abandoned.load(Ordering::Relaxed)
    }

    /// Queues the result of item `index` and, unless another worker is taking results,
    /// takes every result whose turn has come. False if the run was abandoned.
    fn hand_in(&self, index: usize, result: R) -> bool {
        let mut queue = self.lock();
        let slot = index - queue.popped;
        if queue.early.len() <= slot {
            queue.early.resize_with(slot + 1, || None);
        }
        queue.early[slot] = Some(result);
        if queue.taking {
            return true;
        }
        queue.taking = true;
        let mut ready = Vec::new();
        loop {
            while let Some(Some(_)) = queue.early.front() {
                if let Some(Some(result)) = queue.early.pop_front() {
                    ready.push(result);
                }
            }
            if ready.is_empty() {
                queue.taking = false;
                return true;
            }
            let count = ready.len();
            queue.popped += count;
            drop(queue);
            // Poisoned: `take` panicked on another worker, and the scope carries that on.
            let Ok(mut take) = self.take.lock() else {
                return false;
            };
            ready.drain(..).for_each(&mut *take);
            drop(take);
            queue = self.lock();
            queue.taken += count;
            self.room.notify_all();
        }
    }
}

struct AbandonOnPanic<'a, R, F>(&'a Turns<R, F>);

impl<R, F> Drop for AbandonOnPanic<'_, R, F> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _lock = self.0.queue.lock().unwrap_or_else(|e| e.into_inner());
            self.0.abandoned.store(true, Ordering::Relaxed);
            self.0.room.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_in_input_order_and_stay_within_the_window() {
        let items: Vec<usize> = (0..2_000).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut seen = Vec::new();
        pool.install(|| {
            for_each(
                &items,
                8,
                |_, &i| {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    // Uneven work, so later items often finish first.
                    let spin = (i * 7919) % 5_000;
                    let mut x = i;
                    for k in 0..spin {
                        x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(k));
                    }
                    (i, x)
                },
                |(i, _)| {
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    seen.push(i);
                },
            );
        });
        assert_eq!(seen, items, "every item once, in input order");
        assert!(
            most.load(Ordering::SeqCst) <= 8,
            "at most the window in flight, saw {}",
            most.load(Ordering::SeqCst)
        );
    }

    #[test]
    fn no_items_and_a_window_of_zero_are_handled() {
        let mut seen = Vec::new();
        for_each(&[] as &[u8], 4, |_, &b| b, |b| seen.push(b));
        assert!(seen.is_empty());
        for_each(&[1u8, 2, 3], 0, |_, &b| b * 2, |b| seen.push(b));
        assert_eq!(seen, vec![2, 4, 6]);
    }

    /// Runs 500 items on three threads where item 3 panics in `work` or in `take`.
    fn run_with_a_panic(in_take: bool) -> std::thread::Result<()> {
        let items: Vec<usize> = (0..500).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| {
                for_each(
                    &items,
                    4,
                    |_, &i| {
                        assert!(in_take || i != 3, "item 3 fails");
                        i
                    },
                    |i| assert!(!in_take || i != 3, "taking 3 fails"),
                );
            });
        }))
    }

    #[test]
    fn a_panicking_item_or_take_ends_the_run_instead_of_hanging_it() {
        assert!(
            run_with_a_panic(false).is_err(),
            "the item's panic is carried on"
        );
        assert!(
            run_with_a_panic(true).is_err(),
            "the take's panic is carried on"
        );
    }
}
