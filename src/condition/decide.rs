//! The exact decision: a rule is decided when every way of answering its unanswered questions
//! gives the same outcome (SPEC, evaluation semantics 3). Kleene evaluation decides most rules
//! at once; where it leaves one open, the outcome is computed for each combination of the
//! values worth trying for the open questions ([`super::domains`]), at most
//! [`limits::MAX_COMPLETIONS`] of them. Only the questions whose answer can still change the
//! outcome are reported as missing.
//!
//! Most rules never need the split: [`kleene_is_exact`] recognises, when the rules load, the
//! conditions whose Kleene result already is the exact decision.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::Condition;
use super::eval::{self, Context};
use super::ir::{Answers, Cell, Layout, Missing, Node, Slot, Val, Value};
use crate::limits;
use crate::model::Jurisdiction;

thread_local! {
    /// The copy of the answers that each combination is written into, kept between
    /// decisions: deciding an open rule then copies the answers but allocates nothing.
    static SCRATCH: RefCell<Option<Answers>> = const { RefCell::new(None) };
}

/// What one evaluation of a rule gives: an outcome (any comparable value: the status and its
/// message), or "open" with the questions it still depends on.
pub enum Step<O> {
    Decided(O),
    Open(Missing),
}

/// The outcome of an exact decision.
pub enum Decision<O> {
    Decided(O),
    /// Not decided; the questions whose answer can change the outcome, sorted.
    Open(Missing),
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
    let mut untried = Missing::new();
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
        return Decision::Open(Missing::from_slice(open));
    };
    if tried.is_empty() {
        return Decision::Open(Missing::from_slice(open));
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
    let mut still_open = untried;
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

/// Whether Kleene evaluation of a rule with these conditions (`applies_when`, `check`,
/// `partial_when`) already is its exact decision, open questions included, so that
/// [`decide`] has nothing to add. True when:
///
/// - the conditions are `&&`, `||` and `!` over leaves that each read at most one question,
///   and no question is read by two leaves, in the same or another condition (read once);
///   the values of a set question count as questions of their own here, so that
///   `"a" in q && "b" in q` is read once (the values worth trying for a set hold every
///   combination of the values the conditions name, so those are independent);
/// - a leaf that reads a question cannot fail (no arithmetic), does not read the
///   jurisdiction, and is true for some value worth trying for its question and false for
///   another (`domains`, the values [`decide`] would try).
///
/// Why that suffices: in a read-once formula of such leaves, a part Kleene logic leaves
/// unknown can still be made true and can be made false by answering its own open
/// questions (by induction: a leaf by its question; `&&` all true or one false; `||`
/// likewise), and those answers are independent of every other part's. So an unknown
/// condition is undecided, and each question Kleene logic names (one under no decisive
/// operand) changes the condition when the others are set to let it through; the rule's
/// status follows its conditions in the order `CompiledRule::kleene` evaluates them, so
/// the same holds for the status. The generated-rule property tests in tests/engine.rs
/// compare both paths on every rule they draw.
pub fn kleene_is_exact(
    conditions: &[&Condition],
    layout: &Layout,
    domains: &BTreeMap<Slot, Option<Vec<Cell>>>,
) -> bool {
    let mut leaves: Vec<Leaf> = Vec::new();
    if !conditions
        .iter()
        .all(|c| read_once_leaves(&c.root, &mut leaves))
    {
        return false;
    }
    let shared = leaves.iter().enumerate().any(|(i, a)| {
        leaves[i + 1..]
            .iter()
            .any(|b| a.slot == b.slot && a.values & b.values != 0)
    });
    if shared {
        return false;
    }
    // The leaves tried here read no jurisdiction field (`read_once_leaves` sees to it).
    let nobody = Jurisdiction::unlisted("");
    let mut answers = Answers::empty(layout);
    leaves.iter().all(
        |&Leaf {
             slot, node: leaf, ..
         }| {
            let Some(Some(values)) = domains.get(&slot) else {
                return false;
            };
            let (mut can_be_true, mut can_be_false) = (false, false);
            for value in values {
                answers.set(slot, Some(*value));
                let cx = Context {
                    answers: &answers,
                    layout,
                    jurisdiction: &nobody,
                };
                match eval::eval(leaf, &cx) {
                    Val::Known(Value::Bool(true)) => can_be_true = true,
                    Val::Known(Value::Bool(false)) => can_be_false = true,
                    _ => return false,
                }
            }
            answers.set(slot, None);
            can_be_true && can_be_false
        },
    )
}

/// A leaf of a condition that reads one question.
#[derive(Clone, Copy)]
struct Leaf<'a> {
    node: &'a Node,
    slot: Slot,
    /// The values of a set question the leaf looks for (a bit each); every bit for a leaf
    /// that reads the answer in any other way.
    values: u64,
}

/// Collects the leaves of `node` below its `&&`, `||` and `!` that read a question; false
/// when a leaf reads two or more, reads one beside the jurisdiction, or can fail.
fn read_once_leaves<'a>(node: &'a Node, leaves: &mut Vec<Leaf<'a>>) -> bool {
    match node {
        Node::And(items) | Node::Or(items) => {
            items.iter().all(|item| read_once_leaves(item, leaves))
        }
        Node::Not(x) => read_once_leaves(x, leaves),
        leaf => {
            if leaf.can_fail() {
                return false;
            }
            let mut read: Vec<Slot> = Vec::new();
            let mut jurisdiction = false;
            leaf.visit(&mut |n| match n {
                Node::BoolAnswer(s)
                | Node::IntAnswer(s)
                | Node::EnumAnswer(s)
                | Node::SetAnswer(s)
                | Node::SetLen(s)
                | Node::EnumIs { slot: s, .. }
                | Node::EnumIn { slot: s, .. }
                | Node::SetHas { slot: s, .. }
                | Node::SetAll { slot: s, .. }
                | Node::SetAny { slot: s, .. }
                | Node::IntCmp { slot: s, .. }
                    if !read.contains(s) =>
                {
                    read.push(*s)
                }
                Node::J(_) => jurisdiction = true,
                _ => {}
            });
            match read.as_slice() {
                [] => true,
                [slot] if !jurisdiction => {
                    let values = match leaf {
                        Node::SetHas { bit, .. } => 1 << bit,
                        Node::SetAll { mask, .. } | Node::SetAny { mask, .. } => *mask,
                        _ => u64::MAX,
                    };
                    leaves.push(Leaf {
                        node: leaf,
                        slot: *slot,
                        values,
                    });
                    true
                }
                _ => false,
            }
        }
    }
}
