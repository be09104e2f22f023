//! The typed expression tree conditions are lowered to, and the values it computes with.
//!
//! Answers live in [`Answers`], one slot per question of the questionnaire ([`Layout`]): enums
//! as the index of their value, sets as a bit mask over their values, dates as day numbers.
//! Nodes that read an answer in a common way (an enum compared with a literal, a literal
//! looked for in a set, an int compared with a constant) are specialised, both because they
//! are fast and because they tell the exact decision which values of a question matter.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::model::{AnswerValue, Assessment, QuestionType, Questionnaire};

/// Index of a question in the [`Layout`].
pub type Slot = u16;

/// Where a question's answer lives, and what it allows.
#[derive(Debug, Clone)]
pub struct SlotInfo {
    /// Full question id, `section.key`.
    pub id: String,
    pub kind: QuestionType,
}

/// One slot per question, in questionnaire id order: how answers are laid out for evaluation.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub slots: Vec<SlotInfo>,
    index: HashMap<String, Slot>,
}

/// One answer as the evaluator holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    Bool(bool),
    /// Whole numbers, and dates as day numbers (days since 1970-01-01).
    Int(i64),
    /// The index of the chosen value.
    Enum(u16),
    /// Bit `i` set when value `i` was chosen.
    Set(u64),
}

/// The answers of one assessment, one optional cell per slot (`None`: unanswered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub(crate) cells: Vec<Option<Cell>>,
}

impl Layout {
    pub fn new(questionnaire: &Questionnaire) -> Layout {
        let slots: Vec<SlotInfo> = questionnaire
            .questions
            .values()
            .map(|q| SlotInfo {
                id: q.id.clone(),
                kind: q.kind.clone(),
            })
            .collect();
        let index = slots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i as Slot))
            .collect();
        Layout { slots, index }
    }

    pub fn slot(&self, question: &str) -> Option<Slot> {
        self.index.get(question).copied()
    }

    pub fn id(&self, slot: Slot) -> &str {
        &self.slots[slot as usize].id
    }

    /// The listed values of an enum or set question (empty for other kinds).
    pub fn values(&self, slot: Slot) -> &[String] {
        match &self.slots[slot as usize].kind {
            QuestionType::Enum { values } | QuestionType::Set { values } => values,
            _ => &[],
        }
    }

    /// The answers of an assessment, laid out for evaluation. Answers that do not fit the
    /// questionnaire (which a checked assessment never has) are left unanswered.
    pub fn answers(&self, assessment: &Assessment) -> Answers {
        let mut cells = vec![None; self.slots.len()];
        for (slot, value) in self.answered(assessment) {
            cells[slot as usize] = self.cell(slot, value);
        }
        Answers { cells }
    }

    /// The value of each slot's answer (`None`: unanswered): what reports write of the
    /// answers a rule read, found by slot instead of by id (looking ids up in the answers
    /// was 14 M instructions of `memcmp` in the 1,000-file run).
    pub fn answer_values<'a>(&'a self, assessment: &'a Assessment) -> Vec<Option<&'a AnswerValue>> {
        let mut values = vec![None; self.slots.len()];
        for (slot, value) in self.answered(assessment) {
            values[slot as usize] = Some(value);
        }
        values
    }

    /// The answers laid out for evaluation from their values by slot
    /// ([`Layout::answer_values`]): what [`Layout::answers`] gives, without walking the
    /// assessment's ids again.
    pub fn answers_of_values(&self, values: &[Option<&AnswerValue>]) -> Answers {
        let cells = values
            .iter()
            .enumerate()
            .map(|(slot, value)| value.and_then(|v| self.cell(slot as Slot, v)))
            .collect();
        Answers { cells }
    }

    /// Each answer of a declared question that has a value, with its slot.
    ///
    /// The slots follow the questionnaire's ids in order, and an assessment's answers are
    /// sorted by id too, so each answer's slot is found by walking both together instead of
    /// hashing its id (4% of a 1,000-file run); the hash is the fallback.
    pub fn answered<'a>(
        &'a self,
        assessment: &'a Assessment,
    ) -> impl Iterator<Item = (Slot, &'a AnswerValue)> + 'a {
        let mut next = 0usize;
        assessment.answers.iter().filter_map(move |(id, answer)| {
            while next < self.slots.len() && self.slots[next].id.as_str() < id.as_str() {
                next += 1;
            }
            let slot = match self.slots.get(next) {
                Some(info) if info.id == *id => Some(next as Slot),
                _ => self.slot(id),
            };
            Some((slot?, answer.value.as_ref()?))
        })
    }

    /// One answer as a cell, when it fits its question.
    pub fn cell(&self, slot: Slot, value: &AnswerValue) -> Option<Cell> {
        let kind = &self.slots[slot as usize].kind;
        match (kind, value) {
            (QuestionType::Bool, AnswerValue::Bool(b)) => Some(Cell::Bool(*b)),
            (QuestionType::Int { .. }, AnswerValue::Int(i)) => Some(Cell::Int(*i)),
            (QuestionType::Date, AnswerValue::Text(s)) => day_number(s).map(Cell::Int),
            (QuestionType::Enum { values }, AnswerValue::Text(s)) => values
                .iter()
                .position(|v| v == s)
                .map(|i| Cell::Enum(i as u16)),
            (QuestionType::Set { values }, AnswerValue::Set(items)) if values.len() <= 64 => {
                let mut bits = 0u64;
                for item in items {
                    bits |= 1 << values.iter().position(|v| v == item)?;
                }
                Some(Cell::Set(bits))
            }
            _ => None,
        }
    }
}

impl Answers {
    /// Every question unanswered.
    pub fn empty(layout: &Layout) -> Answers {
        Answers {
            cells: vec![None; layout.slots.len()],
        }
    }

    pub fn get(&self, slot: Slot) -> Option<Cell> {
        self.cells[slot as usize]
    }

    pub fn set(&mut self, slot: Slot, cell: Option<Cell>) {
        self.cells[slot as usize] = cell;
    }
}

/// A value a condition computes with. It lives here, not in `eval`, because the functions of
/// `registry` take and give these values too and `eval` calls the registry: so knowledge runs
/// one way, `eval` → `registry` → `ir`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Bool(bool),
    Int(i64),
    Str(&'a str),
    /// A set answer: the chosen bits over the question's values.
    Set(u64, &'a [String]),
    List(&'a [String]),
}

/// The unanswered questions a value depends on. Inline up to four: nearly every unknown
/// node depends on one to three questions, and a heap allocation per unknown node was a
/// fifth of the evaluation time (docs/performance.md).
pub type Missing = smallvec::SmallVec<[Slot; 4]>;

/// The three-valued result of a node, with errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val<'a> {
    Known(Value<'a>),
    /// Depends on these unanswered questions (sorted, no duplicates).
    Unknown(Missing),
    Error(String),
}

pub use crate::dates::{date_text, day_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn holds(self, ordering: Ordering) -> bool {
        match self {
            CmpOp::Eq => ordering == Ordering::Equal,
            CmpOp::Ne => ordering != Ordering::Equal,
            CmpOp::Lt => ordering == Ordering::Less,
            CmpOp::Le => ordering != Ordering::Greater,
            CmpOp::Gt => ordering == Ordering::Greater,
            CmpOp::Ge => ordering != Ordering::Less,
        }
    }

    /// The same comparison with its operands swapped (`k < x` is `x > k`).
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }

    pub fn is_ordering(self) -> bool {
        !matches!(self, CmpOp::Eq | CmpOp::Ne)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

/// A field of the jurisdiction, `j.<field>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JField {
    Code,
    Name,
    Fictional,
    Memberships,
    Instruments,
}

impl JField {
    pub const ALL: [(&'static str, JField); 5] = [
        ("code", JField::Code),
        ("name", JField::Name),
        ("fictional", JField::Fictional),
        ("memberships", JField::Memberships),
        ("instruments", JField::Instruments),
    ];
}

/// A function of the registry, after its arguments were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Len,
    IsEmpty,
    Contains,
    ContainsAll,
    ContainsAny,
    StartsWith,
    EndsWith,
}

/// Where a runtime error happened, as a position in the rule file.
pub type At = crate::diagnostic::Pos;

/// The lowered condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Bool(bool),
    Int(i64),
    Str(Box<str>),
    List(Box<[String]>),
    BoolAnswer(Slot),
    /// An int or date answer.
    IntAnswer(Slot),
    /// An enum answer, read as the text of its value.
    EnumAnswer(Slot),
    /// A set answer, read whole.
    SetAnswer(Slot),
    /// `a.s.q == "value"`.
    EnumIs {
        slot: Slot,
        index: u16,
    },
    /// `a.s.q in ["v", "w"]`.
    EnumIn {
        slot: Slot,
        mask: u64,
    },
    /// `"value" in a.s.q` for a set question.
    SetHas {
        slot: Slot,
        bit: u8,
    },
    SetAll {
        slot: Slot,
        mask: u64,
    },
    SetAny {
        slot: Slot,
        mask: u64,
    },
    SetLen(Slot),
    /// An int or date answer compared with a constant: `a.s.q >= 8`.
    IntCmp {
        slot: Slot,
        op: CmpOp,
        k: i64,
    },
    J(JField),
    Not(Box<Node>),
    And(Box<[Node]>),
    Or(Box<[Node]>),
    Cmp {
        op: CmpOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    Arith {
        op: ArithOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
        at: At,
    },
    Neg(Box<Node>, At),
    If {
        cond: Box<Node>,
        then: Box<Node>,
        otherwise: Box<Node>,
    },
    Call {
        func: Func,
        args: Box<[Node]>,
    },
}

impl Node {
    /// Whether some answers could make this node an error: only arithmetic can (division
    /// by zero, overflow), as everything else is type-checked at load.
    pub fn can_fail(&self) -> bool {
        let mut arithmetic = false;
        self.visit(&mut |n| arithmetic |= matches!(n, Node::Arith { .. } | Node::Neg(..)));
        arithmetic
    }

    /// Calls `f` on this node and every node below it.
    pub fn visit(&self, f: &mut impl FnMut(&Node)) {
        f(self);
        match self {
            Node::Not(x) | Node::Neg(x, _) => x.visit(f),
            Node::And(items) | Node::Or(items) | Node::Call { args: items, .. } => {
                for x in items.iter() {
                    x.visit(f);
                }
            }
            Node::Cmp { lhs, rhs, .. } | Node::Arith { lhs, rhs, .. } => {
                lhs.visit(f);
                rhs.visit(f);
            }
            Node::If {
                cond,
                then,
                otherwise,
            } => {
                cond.visit(f);
                then.visit(f);
                otherwise.visit(f);
            }
            _ => {}
        }
    }
}
