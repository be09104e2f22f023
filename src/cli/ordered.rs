//! A parallel map whose results arrive in input order, with a bounded number in flight.
//!
//! `check` over thousands of files evaluates them on every core and streams their report
//! parts to one file in the order the files were given. Evaluating in batches and writing
//! each batch after it (the earlier design) left the cores idle while the main thread
//! wrote, and waited at every batch for its slowest file: two cores were only 1.33× one.
//! Here the rayon pool's threads pull files one at a time and the calling thread takes
//! each result as soon as every earlier one has been taken, so evaluating and writing
//! overlap and no thread waits for a batch. A worker never runs more than `window` files
//! ahead of the one taken last, so memory is bounded by `window` results whatever the
//! number of files.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Calls `work` on every item (with its index), in parallel on the rayon pool, and `take` on the calling
/// thread with each result, in the order of `items`. At most `window` results (at least 1)
/// are computed ahead of the last one taken. Called from outside the rayon pool (the
/// calling thread waits for results instead of working).
pub(super) fn for_each<T, R>(
    items: &[T],
    window: usize,
    work: impl Fn(usize, &T) -> R + Sync,
    mut take: impl FnMut(R),
) where
    T: Sync,
    R: Send,
{
    let window = window.max(1);
    let next = AtomicUsize::new(0);
    let progress = Progress {
        taken: Mutex::new(0),
        advanced: Condvar::new(),
        abandoned: AtomicBool::new(false),
    };
    let workers = rayon::current_num_threads().clamp(1, items.len().max(1));
    let (sender, results) = mpsc::channel::<(usize, R)>();
    rayon::in_place_scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, progress, work) = (&next, &progress, &work);
            scope.spawn(move |_| {
                // A panicking worker would leave the others waiting for a result that
                // never comes: it marks the run abandoned so that they stop, and the
                // scope then carries the panic on.
                let _guard = AbandonOnPanic(progress);
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= items.len() || !progress.wait_for_room(index, window) {
                        return;
                    }
                    if sender.send((index, work(index, &items[index]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        // Likewise if `take` panics: the workers must not wait for it.
        let _guard = AbandonOnPanic(&progress);
        // Results that came before their turn; slot k holds item `taken + k`.
        let mut early: VecDeque<Option<R>> = VecDeque::with_capacity(window);
        let mut taken = 0usize;
        for (index, result) in results {
            let slot = index - taken;
            if early.len() <= slot {
                early.resize_with(slot + 1, || None);
            }
            early[slot] = Some(result);
            let before = taken;
            while let Some(Some(_)) = early.front() {
                if let Some(Some(result)) = early.pop_front() {
                    take(result);
                    taken += 1;
                }
            }
            if taken != before {
                progress.advance_to(taken);
            }
        }
    });
}

/// How many results the calling thread has taken, which workers wait on to stay within
/// the window.
struct Progress {
    taken: Mutex<usize>,
    advanced: Condvar,
    abandoned: AtomicBool,
}

impl Progress {
    /// Waits until item `index` is within `window` of the last result taken; false if the
    /// run was abandoned meanwhile.
    fn wait_for_room(&self, index: usize, window: usize) -> bool {
        let mut taken = self.taken.lock().unwrap_or_else(|e| e.into_inner());
        while index >= *taken + window {
            if self.abandoned.load(Ordering::Relaxed) {
                return false;
            }
            taken = self.advanced.wait(taken).unwrap_or_else(|e| e.into_inner());
        }
        !self.abandoned.load(Ordering::Relaxed)
    }

    fn advance_to(&self, taken: usize) {
        *self.taken.lock().unwrap_or_else(|e| e.into_inner()) = taken;
        self.advanced.notify_all();
    }
}

struct AbandonOnPanic<'a>(&'a Progress);

impl Drop for AbandonOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _lock = self.0.taken.lock().unwrap_or_else(|e| e.into_inner());
            self.0.abandoned.store(true, Ordering::Relaxed);
            self.0.advanced.notify_all();
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

    #[test]
    fn a_panicking_item_ends_the_run_instead_of_hanging_it() {
        let items: Vec<usize> = (0..500).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| {
                for_each(
                    &items,
                    4,
                    |_, &i| {
                        assert!(i != 3, "item 3 fails");
                        i
                    },
                    |_| {},
                );
            });
        }));
        assert!(outcome.is_err(), "the panic is carried to the caller");
    }
}
