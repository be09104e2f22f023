//! A condition as short-circuit code: its `&&`, `||` and `!` turned into jumps between the
//! tests of its leaves, as a compiler emits them, so that a condition whose answers are
//! given is decided by a few tests in a loop instead of a walk of the tree with
//! three-valued results (docs/performance.md: most rules of a self-assessment are decided
//! this way).
//!
//! Only ever a shortcut: [`ShortCircuit::truth`] gives `Some(b)` only where Kleene
//! evaluation ([`super::eval::eval`]) gives `Known(Bool(b))`, and `None` as soon as a test
//! meets an unanswered question or anything but a plain true or false; the caller then
//! evaluates the tree. Why it is sound: the tests passed on the way decide the result in
//! two-valued logic, and a junction decided by one operand is decided by it in Kleene logic
//! too, whatever the operands not tested (unanswered or failing) would give.

use super::eval::{self, Context};
use super::ir::{Cell, CmpOp, Node, Slot, Val, Value};

/// Where a test leads: another test, or the result.
type Target = u16;
const TRUE: Target = Target::MAX;
const FALSE: Target = Target::MAX - 1;

/// The tests of a condition's leaves and where each leads (code is generated from the end,
/// so `entry` is the last test, or the result itself for a condition without leaves).
#[derive(Debug, Clone, PartialEq)]
pub struct ShortCircuit {
    tests: Box<[Test]>,
    entry: Target,
}

#[derive(Debug, Clone, PartialEq)]
struct Test {
    leaf: Leaf,
    on_true: Target,
    on_false: Target,
}

/// What a test looks at: the specialised reads of [`Node`], and any other leaf as it is.
#[derive(Debug, Clone, PartialEq)]
enum Leaf {
    Constant(bool),
    Bool(Slot),
    /// An enum answer among the values of a mask (`==` is a mask of one bit).
    EnumIn(Slot, u64),
    SetAll(Slot, u64),
    SetAny(Slot, u64),
    IntCmp(Slot, CmpOp, i64),
    /// Two whole numbers compared: constants, int or date answers, sizes of sets.
    Compare(CmpOp, Number, Number),
    Other(Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Constant(i64),
    Answer(Slot),
    SetSize(Slot),
}

impl ShortCircuit {
    /// The code of a condition. `None` when it would not fit the targets (a condition of
    /// tens of thousands of leaves, which `limits` refuses long before).
    pub fn new(root: &Node) -> Option<ShortCircuit> {
        let mut tests = Vec::new();
        let entry = emit(root, TRUE, FALSE, &mut tests)?;
        Some(ShortCircuit {
            tests: tests.into_boxed_slice(),
            entry,
        })
    }

    /// The condition's truth where Kleene evaluation gives a plain true or false and the
    /// tests on the way read answered questions only; `None` otherwise.
    pub fn truth(&self, cx: &Context) -> Option<bool> {
        let mut at = self.entry;
        loop {
            match at {
                TRUE => return Some(true),
                FALSE => return Some(false),
                n => {
                    let test = &self.tests[usize::from(n)];
                    at = if test.leaf.holds(cx)? {
                        test.on_true
                    } else {
                        test.on_false
                    };
                }
            }
        }
    }
}

/// Appends the tests of `node`, which lead to `on_true` or `on_false`, and gives the first
/// of them.
fn emit(node: &Node, on_true: Target, on_false: Target, tests: &mut Vec<Test>) -> Option<Target> {
    match node {
        Node::Not(x) => emit(x, on_false, on_true, tests),
        Node::And(items) => items
            .iter()
            .rev()
            .try_fold(on_true, |next, item| emit(item, next, on_false, tests)),
        Node::Or(items) => items
            .iter()
            .rev()
            .try_fold(on_false, |next, item| emit(item, on_true, next, tests)),
        leaf => {
            let at = Target::try_from(tests.len()).ok().filter(|&n| n < FALSE)?;
            tests.push(Test {
                leaf: Leaf::of(leaf),
                on_true,
                on_false,
            });
            Some(at)
        }
    }
}

impl Leaf {
    fn of(node: &Node) -> Leaf {
        match *node {
            Node::Bool(b) => Leaf::Constant(b),
            Node::BoolAnswer(slot) => Leaf::Bool(slot),
            Node::EnumIs { slot, index } if index < 64 => Leaf::EnumIn(slot, 1 << index),
            Node::EnumIn { slot, mask } => Leaf::EnumIn(slot, mask),
            Node::SetHas { slot, bit } if bit < 64 => Leaf::SetAny(slot, 1 << bit),
            Node::SetAll { slot, mask } => Leaf::SetAll(slot, mask),
            Node::SetAny { slot, mask } => Leaf::SetAny(slot, mask),
            Node::IntCmp { slot, op, k } => Leaf::IntCmp(slot, op, k),
            Node::Cmp {
                op,
                ref lhs,
                ref rhs,
            } => match (Number::of(lhs), Number::of(rhs)) {
                (Some(l), Some(r)) => Leaf::Compare(op, l, r),
                _ => Leaf::Other(Box::new(node.clone())),
            },
            _ => Leaf::Other(Box::new(node.clone())),
        }
    }

    fn holds(&self, cx: &Context) -> Option<bool> {
        let answer = |slot: Slot| cx.answers.get(slot);
        match *self {
            Leaf::Constant(b) => Some(b),
            Leaf::Bool(slot) => match answer(slot)? {
                Cell::Bool(b) => Some(b),
                _ => None,
            },
            Leaf::EnumIn(slot, mask) => match answer(slot)? {
                Cell::Enum(i) => Some(i < 64 && mask & (1 << i) != 0),
                _ => None,
            },
            Leaf::SetAll(slot, mask) => match answer(slot)? {
                Cell::Set(bits) => Some(bits & mask == mask),
                _ => None,
            },
            Leaf::SetAny(slot, mask) => match answer(slot)? {
                Cell::Set(bits) => Some(bits & mask != 0),
                _ => None,
            },
            Leaf::IntCmp(slot, op, k) => match answer(slot)? {
                Cell::Int(i) => Some(op.holds(i.cmp(&k))),
                _ => None,
            },
            Leaf::Compare(op, l, r) => Some(op.holds(l.value(cx)?.cmp(&r.value(cx)?))),
            Leaf::Other(ref node) => match eval::eval(node, cx) {
                Val::Known(Value::Bool(b)) => Some(b),
                _ => None,
            },
        }
    }
}

impl Number {
    fn of(node: &Node) -> Option<Number> {
        match *node {
            Node::Int(i) => Some(Number::Constant(i)),
            Node::IntAnswer(slot) => Some(Number::Answer(slot)),
            Node::SetLen(slot) => Some(Number::SetSize(slot)),
            _ => None,
        }
    }

    fn value(self, cx: &Context) -> Option<i64> {
        match self {
            Number::Constant(i) => Some(i),
            Number::Answer(slot) => match cx.answers.get(slot)? {
                Cell::Int(i) => Some(i),
                _ => None,
            },
            Number::SetSize(slot) => match cx.answers.get(slot)? {
                Cell::Set(bits) => Some(i64::from(bits.count_ones())),
                _ => None,
            },
        }
    }
}
