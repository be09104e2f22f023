//! Rule conditions: Rhai expressions (as the rule files write them) lowered to acquis's own
//! typed expression tree, type-checked against the questionnaire when the rules load, and
//! evaluated in three-valued logic with an exact decision over unanswered questions.
//!
//! - [`lower`]: Rhai's parser, then the tree every condition becomes; anything that does
//!   not exist (a question, a value, a `j` field, a function) is refused at file:line:col.
//! - [`registry`]: the functions a condition may call, the only ones.
//! - [`eval`]: strong Kleene evaluation, sound for every operator.
//! - [`short_circuit`]: the same conditions as jumps between leaf tests, the fast way to a
//!   plain true or false when the answers it needs are given.
//! - [`decide`]: where Kleene leaves a rule open, the exact decision over the finite
//!   domains of its missing questions (SPEC, evaluation semantics 3–4).
//!
//! Conditions have no loops, functions, clock or I/O: the cost of one evaluation is linear
//! in the size of the condition (bounded by [`crate::limits`]), and of a decision at most
//! [`crate::limits::MAX_COMPLETIONS`] evaluations.

pub mod decide;
pub mod eval;
pub mod ir;
pub mod lower;
pub mod registry;
pub mod short_circuit;
pub mod why;

use std::collections::BTreeMap;

pub use ir::{Answers, Cell, Layout, Node, Slot};
pub use short_circuit::ShortCircuit;

use crate::diagnostic::Diagnostic;
use crate::model::{ConditionText, Questionnaire};

/// A condition, lowered and checked.
#[derive(Debug, Clone)]
pub struct Condition {
    pub text: ConditionText,
    pub root: Node,
    /// `root` as short-circuit code (`None` only beyond any size the limits allow).
    pub short_circuit: Option<ShortCircuit>,
    /// Question ids the condition reads, in order of first appearance.
    pub reads: Vec<String>,
}

/// Lowers conditions; one per rule set (it holds Rhai's parser, which has no state).
pub struct Compiler<'q> {
    parser: rhai::Engine,
    questionnaire: &'q Questionnaire,
    layout: &'q Layout,
}

impl<'q> Compiler<'q> {
    pub fn new(questionnaire: &'q Questionnaire, layout: &'q Layout) -> Compiler<'q> {
        Compiler {
            parser: lower::parser(),
            questionnaire,
            layout,
        }
    }

    /// Lowers one condition; errors point into the YAML file (`field` names the key).
    pub fn compile(
        &self,
        text: &ConditionText,
        field: &str,
        file: &str,
        file_text: &str,
    ) -> Result<Condition, Vec<Diagnostic>> {
        let lowered = lower::Lowerer::new(
            self.questionnaire,
            self.layout,
            text,
            field,
            file,
            file_text,
        )
        .lower(&self.parser)?;
        Ok(Condition {
            text: text.clone(),
            short_circuit: ShortCircuit::new(&lowered.root),
            root: lowered.root,
            reads: lowered.reads,
        })
    }
}

/// How a rule's conditions use one question, which decides the values worth trying for it.
#[derive(Debug, Clone, Default)]
struct Use {
    /// Set or enum values the conditions name (a bit per value).
    named: u64,
    /// Read whole (not only through the specialised nodes).
    whole: bool,
    /// Constants an int or date answer is compared with.
    constants: Vec<i64>,
}

/// The values worth trying for each question a rule reads, when deciding it exactly: every
/// value for bools and enums; for a set, each combination of the values the conditions name
/// with any number of the others; for an int or date, one value on each side of and at
/// every constant it is compared with. A question with no such finite set (an int used in
/// arithmetic over a wide range) has none, and stays unknown.
pub fn domains(conditions: &[&Condition], layout: &Layout) -> BTreeMap<Slot, Option<Vec<Cell>>> {
    let mut uses: BTreeMap<Slot, Use> = BTreeMap::new();
    for c in conditions {
        c.root.visit(&mut |node| match node {
            Node::BoolAnswer(s) | Node::EnumAnswer(s) | Node::SetAnswer(s) | Node::IntAnswer(s) => {
                uses.entry(*s).or_default().whole = true;
            }
            Node::EnumIs { slot, .. } | Node::EnumIn { slot, .. } | Node::SetLen(slot) => {
                uses.entry(*slot).or_default();
            }
            Node::SetHas { slot, bit } => uses.entry(*slot).or_default().named |= 1 << bit,
            Node::SetAll { slot, mask } | Node::SetAny { slot, mask } => {
                uses.entry(*slot).or_default().named |= mask;
            }
            Node::IntCmp { slot, k, .. } => uses.entry(*slot).or_default().constants.push(*k),
            _ => {}
        });
    }
    uses.into_iter()
        .map(|(slot, u)| (slot, domain(&layout.slots[slot as usize].kind, &u)))
        .collect()
}

fn domain(kind: &crate::model::QuestionType, u: &Use) -> Option<Vec<Cell>> {
    use crate::limits::MAX_COMPLETIONS;
    use crate::model::QuestionType as Q;
    match kind {
        Q::Bool => Some(vec![Cell::Bool(false), Cell::Bool(true)]),
        Q::Enum { values } => Some((0..values.len() as u16).map(Cell::Enum).collect()),
        Q::Set { values } => {
            let all: u64 = if values.len() >= 64 {
                u64::MAX
            } else {
                (1 << values.len()) - 1
            };
            let named = if u.whole { all } else { u.named & all };
            let others: Vec<u64> = (0..values.len())
                .map(|i| 1u64 << i)
                .filter(|b| named & b == 0)
                .collect();
            let combinations = 1usize.checked_shl(named.count_ones())?;
            if combinations.saturating_mul(others.len() + 1) > MAX_COMPLETIONS {
                return None;
            }
            let mut cells = Vec::new();
            // Every subset of the named values (walking the submasks of `named`).
            let mut sub = named;
            loop {
                let mut extra = 0u64;
                for count in 0..=others.len() {
                    if count > 0 {
                        extra |= others[count - 1];
                    }
                    cells.push(Cell::Set(sub | extra));
                }
                if sub == 0 {
                    break;
                }
                sub = (sub - 1) & named;
            }
            Some(cells)
        }
        Q::Int { .. } | Q::Date if !u.whole => {
            let (lo, hi) = match kind {
                Q::Int { min, max } => (min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX)),
                _ => (i64::MIN, i64::MAX),
            };
            let mut points: Vec<i64> = Vec::new();
            if lo > i64::MIN {
                points.push(lo);
            }
            if hi < i64::MAX {
                points.push(hi);
            }
            for &k in &u.constants {
                points.extend([k.saturating_sub(1), k, k.saturating_add(1)]);
            }
            if points.is_empty() {
                points.push(0);
            }
            points.retain(|p| (lo..=hi).contains(p));
            points.sort_unstable();
            points.dedup();
            Some(points.into_iter().map(Cell::Int).collect())
        }
        Q::Int {
            min: Some(lo),
            max: Some(hi),
        } if hi
            .checked_sub(*lo)
            .is_some_and(|n| n < crate::limits::MAX_INT_SPLIT) =>
        {
            Some((*lo..=*hi).map(Cell::Int).collect())
        }
        _ => None,
    }
}
