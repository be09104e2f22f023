//! The exact decision: a rule is decided when every way of answering its unanswered questions
//! gives the same outcome (SPEC, evaluation semantics 3). Kleene evaluation decides most rules
//! at once; where it leaves one open, the outcome is computed for each combination of the
//! values worth trying for the open questions ([`super::domains`]), at most
//! [`limits::MAX_COMPLETIONS`] of them. Only the questions whose answer can still change the
//! outcome are reported as missing.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::ir::{Answers, Cell, Slot};
use crate::limits;

thread_local! {
    /// The copy of the answers that each combination is written into, kept between
    /// decisions: deciding an open rule then copies the answers but allocates nothing.
    static SCRATCH: RefCell<Option<Answers>> = const { RefCell::new(None) };
}

/// What one evaluation of a rule gives: an outcome (any comparable value: the status and its
/// message), or "open" with the questions it still depends on.
pub enum Step<O> {
    Decided(O),
    Open(Vec<Slot>),
}

/// The outcome of an exact decision.
pub enum Decision<O> {
    Decided(O),
    /// Not decided; the questions whose answer can change the outcome, sorted.
    Open(Vec<Slot>),
}

/// Decides `rule` exactly over the questions in `open`, trying the values of `domains`.
/// `same` tells whether two outcomes count as one (statuses, not messages).
pub fn decide<O: Clone>(
    answers: &Answers,
    open: &[Slot],
    domains: &BTreeMap<Slot, Option<Vec<Cell>>>,
    same: impl Fn(&O, &O) -> bool,
    mut rule: impl FnMut(&Answers) -> Step<O>,
) -> Decision<O> {
    // Questions that can be tried, and those that cannot (they stay missing whatever happens).
    let mut tried: Vec<(Slot, &[Cell])> = Vec::new();
    let mut untried: Vec<Slot> = Vec::new();
    for &slot in open {
        match domains.get(&slot) {
            Some(Some(values)) if !values.is_empty() => tried.push((slot, values)),
            _ => untried.push(slot),
        }
    }
    let total = tried
        .iter()
        .try_fold(1usize, |n, (_, v)| n.checked_mul(v.len()))
        .filter(|n| *n <= limits::MAX_COMPLETIONS);
    let Some(total) = total else {
        return Decision::Open(open.to_vec());
    };
    if tried.is_empty() {
        return Decision::Open(open.to_vec());
    }
    let mut scratch = match SCRATCH.with(|s| s.borrow_mut().take()) {
        Some(mut kept) => {
            kept.cells.clone_from(&answers.cells);
            kept
        }
        None => answers.clone(),
    };
    // outcomes[i]: the outcome of combination i (mixed radix over `tried`, first fastest).
    let mut outcomes: Vec<Option<O>> = Vec::with_capacity(total);
    let mut still_open: Vec<Slot> = untried;
    let mut digits = vec![0usize; tried.len()];
    for _ in 0..total {
        for (d, (slot, values)) in digits.iter().zip(&tried) {
            scratch.set(*slot, Some(values[*d]));
        }
        match rule(&scratch) {
            Step::Decided(o) => outcomes.push(Some(o)),
            Step::Open(m) => {
                for s in m {
                    if !still_open.contains(&s) {
                        still_open.push(s);
                    }
                }
                outcomes.push(None);
            }
        }
        for (d, (_, values)) in digits.iter_mut().zip(&tried) {
            *d += 1;
            if *d < values.len() {
                break;
            }
            *d = 0;
        }
    }
    SCRATCH.with(|s| *s.borrow_mut() = Some(scratch));
    let agree = |a: &Option<O>, b: &Option<O>| match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        _ => false,
    };
    if let Some(first) = outcomes.first()
        && first.is_some()
        && outcomes.iter().all(|o| agree(first, o))
    {
        return Decision::Decided(first.clone().expect("checked above"));
    }
    // A tried question matters when two combinations that differ only in it disagree.
    let mut stride = 1usize;
    for (slot, values) in &tried {
        let span = stride * values.len();
        let matters = (0..total).any(|i| {
            let digit = (i / stride) % values.len();
            digit + 1 < values.len() && !agree(&outcomes[i], &outcomes[i + stride])
        });
        if matters && !still_open.contains(slot) {
            still_open.push(*slot);
        }
        stride = span;
    }
    still_open.sort_unstable();
    Decision::Open(still_open)
}
