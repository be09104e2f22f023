//! Why a condition holds or fails for one assessment: each of its leaves (a comparison of
//! an answer with a literal, a yes/no answer, a set or enum test) with its truth value, put
//! in words ("maximum term 1 year; at least 2 years required").
//!
//! A leaf counts *against* the condition when its value pulls the whole towards false: a
//! false leaf under an even number of `!`, a true one under an odd number. A leaf inside the
//! condition of an `if` pulls neither way and is neutral. For a rule that is a gap or
//! partly met, the leaves against `check` are the answers that caused it.

use super::Condition;
use super::eval::{Context, eval};
use super::ir::{Cell, CmpOp, Layout, Node, Slot, Val, Value};
use crate::i18n;
use crate::lang::Lang;
use crate::model::{QuestionType, Questionnaire};

/// How a leaf bears on the condition it is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bearing {
    /// Its value is what the condition needs.
    For,
    /// Its value pulls the condition towards false.
    Against,
    /// Unanswered, failed, or inside the condition of an `if`.
    Neutral,
}

/// One leaf of a condition, evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// The question ids the leaf reads (one for every specialised leaf).
    pub questions: Vec<String>,
    pub bearing: Bearing,
    /// The answer and what is required, in words.
    pub words: String,
}

/// The leaves of `condition` for the answers of `cx`, in the order they are written.
pub fn leaves(condition: &Condition, cx: &Context) -> Vec<Leaf> {
    let words = Words {
        lang: Lang::En,
        questionnaire: None,
    };
    let mut out = Vec::new();
    walk(&condition.root, Some(true), cx, words, &mut out);
    out
}

/// [`leaves`] in `lang`. English names a question by its id in words ("maximum term for
/// offering"); other languages cannot translate an id, so they name it by its number in
/// `questionnaire` (« question 2.3 »), the number the report prints beside its text.
pub fn leaves_in(
    condition: &Condition,
    cx: &Context,
    lang: Lang,
    questionnaire: &Questionnaire,
) -> Vec<Leaf> {
    let words = Words {
        lang,
        questionnaire: Some(questionnaire),
    };
    let mut out = Vec::new();
    walk(&condition.root, Some(true), cx, words, &mut out);
    out
}

/// The language leaves are put in, and the questionnaire that numbers their questions.
#[derive(Clone, Copy)]
struct Words<'q> {
    lang: Lang,
    questionnaire: Option<&'q Questionnaire>,
}

fn walk(node: &Node, polarity: Option<bool>, cx: &Context, words: Words, out: &mut Vec<Leaf>) {
    match node {
        // `a.x == "v" || a.x == "w"` reads as one requirement: one of v, w.
        Node::Or(items) if same_enum(items).is_some() => {
            if let Some((slot, mask)) = same_enum(items) {
                out.push(leaf(&Node::EnumIn { slot, mask }, polarity, cx, words));
            }
        }
        Node::And(items) | Node::Or(items) => {
            for x in items.iter() {
                walk(x, polarity, cx, words, out);
            }
        }
        Node::Not(x) => walk(x, polarity.map(|p| !p), cx, words, out),
        Node::If {
            cond,
            then,
            otherwise,
        } => {
            walk(cond, None, cx, words, out);
            walk(then, polarity, cx, words, out);
            walk(otherwise, polarity, cx, words, out);
        }
        // Constants decide nothing about the answers.
        Node::Bool(_) => {}
        _ => out.push(leaf(node, polarity, cx, words)),
    }
}

/// The question and values of alternatives that all compare one enum answer with a value.
fn same_enum(items: &[Node]) -> Option<(Slot, u64)> {
    let mut found: Option<(Slot, u64)> = None;
    for x in items {
        let Node::EnumIs { slot, index } = x else {
            return None;
        };
        let bit = 1u64.checked_shl(u32::from(*index))?;
        found = match found {
            None => Some((*slot, bit)),
            Some((s, mask)) if s == *slot => Some((s, mask | bit)),
            Some(_) => return None,
        };
    }
    found
}

fn leaf(node: &Node, polarity: Option<bool>, cx: &Context, w: Words) -> Leaf {
    let mut slots: Vec<Slot> = Vec::new();
    node.visit(&mut |n| {
        if let Some(s) = slot_of(n).filter(|s| !slots.contains(s)) {
            slots.push(s);
        }
    });
    let value = eval(node, cx);
    let bearing = match (&value, polarity) {
        (Val::Known(Value::Bool(b)), Some(p)) if *b == p => Bearing::For,
        (Val::Known(Value::Bool(_)), Some(_)) => Bearing::Against,
        _ => Bearing::Neutral,
    };
    // The requirement as the condition needs it: negated under an odd number of `!`.
    let wanted = polarity.unwrap_or(true);
    let lang = w.lang;
    let words = match (&value, specialised(node, wanted, cx.layout, w)) {
        (Val::Unknown(_), Some(s)) => i18n::tf(
            lang,
            "{label}: {answer}; {need} required",
            &[
                ("label", &s.label),
                ("answer", i18n::t(lang, "not answered")),
                ("need", &s.need),
            ],
        ),
        (Val::Error(e), _) => format!("{}: {e}", expression(node, cx.layout)),
        (_, Some(s)) => {
            let answer = slots
                .first()
                .and_then(|slot| cx.answers.get(*slot).map(|c| (slot, c)))
                .map_or_else(
                    || i18n::t(lang, "not answered").to_owned(),
                    |(slot, c)| s.show(answer_text(*slot, c, cx.layout, lang), lang),
                );
            let args = [
                ("label", s.label.as_str()),
                ("answer", &answer),
                ("need", &s.need),
            ];
            if bearing == Bearing::For {
                i18n::tf(lang, "{label}: {answer} ({need} required)", &args)
            } else {
                i18n::tf(lang, "{label}: {answer}; {need} required", &args)
            }
        }
        (_, None) => {
            let shown = match &value {
                Val::Known(Value::Bool(b)) => if *b { "true" } else { "false" }.to_owned(),
                Val::Unknown(_) => i18n::t(lang, "not decided").to_owned(),
                _ => i18n::t(lang, "not a yes or no").to_owned(),
            };
            let expression = expression(node, cx.layout);
            let args = [("expression", expression.as_str()), ("shown", &shown)];
            match (polarity.is_none(), wanted) {
                (true, _) => i18n::tf(lang, "{expression} is {shown}", &args),
                (false, true) => i18n::tf(lang, "{expression} is {shown}; true required", &args),
                (false, false) => i18n::tf(lang, "{expression} is {shown}; false required", &args),
            }
        }
    };
    let words = lang.typography(&words).into_owned();
    Leaf {
        questions: slots.iter().map(|s| cx.layout.id(*s).to_owned()).collect(),
        bearing,
        words,
    }
}

fn slot_of(node: &Node) -> Option<Slot> {
    match node {
        Node::BoolAnswer(s) | Node::IntAnswer(s) | Node::EnumAnswer(s) | Node::SetAnswer(s) => {
            Some(*s)
        }
        Node::EnumIs { slot, .. }
        | Node::EnumIn { slot, .. }
        | Node::SetHas { slot, .. }
        | Node::SetAll { slot, .. }
        | Node::SetAny { slot, .. }
        | Node::SetLen(slot)
        | Node::IntCmp { slot, .. } => Some(*slot),
        _ => None,
    }
}

/// A specialised leaf in words: what the question is, and what the condition needs of it.
struct Spoken {
    label: String,
    need: String,
    /// Unit for whole numbers read from the question's id (`_years`), empty otherwise.
    unit: &'static str,
}

impl Spoken {
    fn show(&self, answer: String, lang: Lang) -> String {
        match self.unit {
            "" => answer,
            unit => with_unit(&answer, unit, lang),
        }
    }
}

/// A number with its unit ("1 year", "2 years", « 1 an », « 0 an »).
fn with_unit(n: &str, unit: &str, lang: Lang) -> String {
    let singular = n.parse::<usize>().is_ok_and(|n| !lang.is_plural(n));
    let unit = match (unit, singular) {
        ("years", true) => i18n::t(lang, "year"),
        ("years", false) => i18n::t(lang, "years"),
        ("months", true) => i18n::t(lang, "month"),
        ("months", false) => i18n::t(lang, "months"),
        ("days", true) => i18n::t(lang, "day"),
        ("days", false) => i18n::t(lang, "days"),
        (other, _) => other,
    };
    format!("{n} {unit}")
}

/// What a question is called in a sentence: its key in words (`max_years` reads
/// "maximum term"), and the unit of its numbers.
fn label(layout: &Layout, slot: Slot, w: Words) -> (String, &'static str) {
    let id = layout.id(slot);
    let (english, unit) = english_label(id);
    match (w.lang, w.questionnaire) {
        (Lang::En, _) | (_, None) => (english, unit),
        (lang, Some(q)) => {
            let number = q
                .number(id)
                .map_or_else(|| id.to_owned(), |n| n.to_string());
            (
                i18n::tf(lang, "question {number}", &[("number", &number)]),
                unit,
            )
        }
    }
}

fn english_label(id: &str) -> (String, &'static str) {
    let key = id.rsplit('.').next().unwrap_or(id);
    let units = [
        ("_years", "years"),
        ("_months", "months"),
        ("_days", "days"),
    ];
    if let Some(stem) = key.strip_suffix("_max_years") {
        let offence = stem.replace('_', " ").replace(" aoc", " age of consent");
        return (format!("maximum term for {offence}"), "years");
    }
    for (suffix, unit) in units {
        if let Some(stem) = key.strip_suffix(suffix) {
            return (stem.replace('_', " "), unit);
        }
    }
    (key.replace('_', " "), "")
}

fn values(layout: &Layout, slot: Slot, mask: u64) -> String {
    let names: Vec<String> = layout
        .values(slot)
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 64 && mask & (1 << i) != 0)
        .map(|(_, v)| v.replace('_', " "))
        .collect();
    names.join(", ")
}

fn number(layout: &Layout, slot: Slot, k: i64, lang: Lang) -> String {
    match layout.slots[slot as usize].kind {
        QuestionType::Date if lang == Lang::En => super::ir::date_text(k),
        QuestionType::Date => lang.long_date(&super::ir::date_text(k)),
        _ => k.to_string(),
    }
}

fn specialised(node: &Node, wanted: bool, layout: &Layout, w: Words) -> Option<Spoken> {
    let lang = w.lang;
    let yes_no = |b: bool| {
        if b {
            i18n::t(lang, "yes")
        } else {
            i18n::t(lang, "no")
        }
    };
    let (slot, need) = match node {
        Node::BoolAnswer(s) => (*s, yes_no(wanted).to_owned()),
        Node::EnumIs { slot, index } => {
            let v = values(layout, *slot, 1 << index);
            (
                *slot,
                if wanted {
                    i18n::tf(lang, "“{v}”", &[("v", v.as_str())])
                } else {
                    i18n::tf(lang, "anything but “{v}”", &[("v", v.as_str())])
                },
            )
        }
        Node::EnumIn { slot, mask } => {
            let v = values(layout, *slot, *mask);
            (
                *slot,
                if wanted {
                    i18n::tf(lang, "one of {v}", &[("v", v.as_str())])
                } else {
                    i18n::tf(lang, "none of {v}", &[("v", v.as_str())])
                },
            )
        }
        Node::SetHas { slot, bit } => {
            let v = values(layout, *slot, 1 << bit);
            (
                *slot,
                if wanted {
                    i18n::tf(lang, "including {v}", &[("v", v.as_str())])
                } else {
                    i18n::tf(lang, "not including {v}", &[("v", v.as_str())])
                },
            )
        }
        Node::SetAll { slot, mask } => {
            let v = values(layout, *slot, *mask);
            (
                *slot,
                if wanted {
                    i18n::tf(lang, "all of {v}", &[("v", v.as_str())])
                } else {
                    i18n::tf(lang, "not all of {v}", &[("v", v.as_str())])
                },
            )
        }
        Node::SetAny { slot, mask } => {
            let v = values(layout, *slot, *mask);
            (
                *slot,
                if wanted {
                    i18n::tf(lang, "at least one of {v}", &[("v", v.as_str())])
                } else {
                    i18n::tf(lang, "none of {v}", &[("v", v.as_str())])
                },
            )
        }
        Node::IntCmp { slot, op, k } => {
            let (_, unit) = label(layout, *slot, w);
            let op = if wanted { *op } else { negate(*op) };
            let k = number(layout, *slot, *k, lang);
            let k = if unit.is_empty() {
                k
            } else {
                with_unit(&k, unit, lang)
            };
            let dated = matches!(layout.slots[*slot as usize].kind, QuestionType::Date);
            let need = match (op, dated) {
                (CmpOp::Ge, false) => i18n::tf(lang, "at least {v}", &[("v", k.as_str())]),
                (CmpOp::Gt, false) => i18n::tf(lang, "more than {v}", &[("v", k.as_str())]),
                (CmpOp::Le, false) => i18n::tf(lang, "at most {v}", &[("v", k.as_str())]),
                (CmpOp::Lt, false) => i18n::tf(lang, "less than {v}", &[("v", k.as_str())]),
                (CmpOp::Ge, true) => i18n::tf(lang, "{v} or later", &[("v", k.as_str())]),
                (CmpOp::Gt, true) => i18n::tf(lang, "later than {v}", &[("v", k.as_str())]),
                (CmpOp::Le, true) => i18n::tf(lang, "{v} or earlier", &[("v", k.as_str())]),
                (CmpOp::Lt, true) => i18n::tf(lang, "earlier than {v}", &[("v", k.as_str())]),
                (CmpOp::Eq, _) => i18n::tf(lang, "exactly {v}", &[("v", k.as_str())]),
                (CmpOp::Ne, _) => i18n::tf(lang, "anything but {v}", &[("v", k.as_str())]),
            };
            (*slot, need)
        }
        // `a.s.q.len() == 0`: how many of a set's values are chosen.
        Node::Cmp { op, lhs, rhs } => {
            let (Node::SetLen(slot), Node::Int(k)) = (&**lhs, &**rhs) else {
                return None;
            };
            let op = if wanted { *op } else { negate(*op) };
            let k = &k.to_string();
            let need = match (op, k.as_str()) {
                (CmpOp::Eq, "0") | (CmpOp::Lt, "1") | (CmpOp::Le, "0") => {
                    i18n::t(lang, "none chosen").to_owned()
                }
                (CmpOp::Ne, "0") | (CmpOp::Gt, "0") | (CmpOp::Ge, "1") => {
                    i18n::t(lang, "at least one chosen").to_owned()
                }
                (CmpOp::Ge, _) => i18n::tf(lang, "at least {v} chosen", &[("v", k.as_str())]),
                (CmpOp::Gt, _) => i18n::tf(lang, "more than {v} chosen", &[("v", k.as_str())]),
                (CmpOp::Le, _) => i18n::tf(lang, "at most {v} chosen", &[("v", k.as_str())]),
                (CmpOp::Lt, _) => i18n::tf(lang, "fewer than {v} chosen", &[("v", k.as_str())]),
                (CmpOp::Eq, _) => i18n::tf(lang, "exactly {v} chosen", &[("v", k.as_str())]),
                (CmpOp::Ne, _) => i18n::tf(lang, "any number but {v} chosen", &[("v", k.as_str())]),
            };
            (*slot, need)
        }
        _ => return None,
    };
    let (label, unit) = label(layout, slot, w);
    let unit = match node {
        Node::IntCmp { .. } => unit,
        _ => "",
    };
    Some(Spoken { label, need, unit })
}

fn negate(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Eq => CmpOp::Ne,
        CmpOp::Ne => CmpOp::Eq,
        CmpOp::Lt => CmpOp::Ge,
        CmpOp::Le => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Le,
        CmpOp::Ge => CmpOp::Lt,
    }
}

/// An answer as a sentence shows it.
fn answer_text(slot: Slot, cell: Cell, layout: &Layout, lang: Lang) -> String {
    match cell {
        Cell::Bool(true) => i18n::t(lang, "yes").to_owned(),
        Cell::Bool(false) => i18n::t(lang, "no").to_owned(),
        Cell::Int(i) => number(layout, slot, i, lang),
        Cell::Enum(i) => values(layout, slot, 1u64.checked_shl(u32::from(i)).unwrap_or(0)),
        Cell::Set(0) => i18n::t(lang, "none").to_owned(),
        Cell::Set(bits) => values(layout, slot, bits),
    }
}

/// A node written back as an expression, for leaves that have no words of their own.
fn expression(node: &Node, layout: &Layout) -> String {
    match node {
        Node::Bool(b) => b.to_string(),
        Node::Int(i) => i.to_string(),
        Node::Str(s) => format!("{s:?}"),
        Node::List(items) => format!("{items:?}"),
        Node::BoolAnswer(s) | Node::IntAnswer(s) | Node::EnumAnswer(s) | Node::SetAnswer(s) => {
            format!("`{}`", layout.id(*s))
        }
        Node::SetLen(s) => format!("`{}`.len()", layout.id(*s)),
        Node::Cmp { op, lhs, rhs } => format!(
            "{} {} {}",
            expression(lhs, layout),
            op.symbol(),
            expression(rhs, layout)
        ),
        Node::Arith { lhs, rhs, op, .. } => {
            let symbol = match op {
                super::ir::ArithOp::Add => "+",
                super::ir::ArithOp::Sub => "-",
                super::ir::ArithOp::Mul => "*",
                super::ir::ArithOp::Div => "/",
                super::ir::ArithOp::Rem => "%",
            };
            format!(
                "({} {symbol} {})",
                expression(lhs, layout),
                expression(rhs, layout)
            )
        }
        Node::Neg(x, _) => format!("-{}", expression(x, layout)),
        Node::J(field) => {
            let name = super::ir::JField::ALL
                .iter()
                .find(|(_, f)| f == field)
                .map_or("?", |(n, _)| n);
            format!("j.{name}")
        }
        Node::Call { func, args } => {
            let name = super::registry::FUNCTIONS
                .iter()
                .find(|f| f.func == *func)
                .map_or("?", |f| f.name);
            let mut args = args.iter().map(|a| expression(a, layout));
            let receiver = args.next().unwrap_or_default();
            format!("{receiver}.{name}({})", args.collect::<Vec<_>>().join(", "))
        }
        other => {
            let mut slots = Vec::new();
            other.visit(&mut |n| slots.extend(slot_of(n)));
            let ids: Vec<String> = slots
                .iter()
                .map(|s| format!("`{}`", layout.id(*s)))
                .collect();
            format!("a condition on {}", ids.join(", "))
        }
    }
}

#[cfg(test)]
mod tests;
