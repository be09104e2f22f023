//! Strong Kleene evaluation of a lowered condition over (possibly incomplete) answers.
//!
//! Every result is sound: `Known` and `Error` hold for every way of answering the questions
//! that are still unanswered; `Unknown` lists the unanswered questions that the result could
//! still depend on (the exact decision in [`super::decide`] splits over them).
//!
//! - `&&` is false when any operand is false, even when another one fails: a decisive
//!   operand wins over an error, whatever the order (`||` likewise with true);
//! - every other operator is strict: an error in an operand is an error of the whole, and an
//!   unknown operand makes the whole unknown;
//! - `if` with an unknown condition gives the value of its branches when both agree.

use super::ir::{
    Answers, ArithOp, At, Cell, CmpOp, Func, JField, Layout, Missing, Node, Slot, Val, Value,
};
use crate::model::Jurisdiction;

/// What a condition is evaluated against.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub answers: &'a Answers,
    pub layout: &'a Layout,
    pub jurisdiction: &'a Jurisdiction,
}

fn union(into: &mut Missing, more: &[Slot]) {
    for s in more {
        if let Err(i) = into.binary_search(s) {
            into.insert(i, *s);
        }
    }
}

/// The cell of an answered question, or the unknown value naming it.
macro_rules! cell {
    ($cx:expr, $slot:expr) => {
        match $cx.answers.get($slot) {
            Some(cell) => cell,
            None => return Val::Unknown(smallvec::smallvec![$slot]),
        }
    };
}

fn broken(slot: Slot, cx: &Context) -> String {
    format!(
        "internal error: the answer to `{}` does not fit its question",
        cx.layout.id(slot)
    )
}

pub fn eval<'a>(node: &'a Node, cx: &Context<'a>) -> Val<'a> {
    use Val::Known;
    match node {
        Node::Bool(b) => Known(Value::Bool(*b)),
        Node::Int(i) => Known(Value::Int(*i)),
        Node::Str(s) => Known(Value::Str(s)),
        Node::List(items) => Known(Value::List(items)),
        Node::BoolAnswer(slot) => match cell!(cx, *slot) {
            Cell::Bool(b) => Known(Value::Bool(b)),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::IntAnswer(slot) => match cell!(cx, *slot) {
            Cell::Int(i) => Known(Value::Int(i)),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::EnumAnswer(slot) => match cell!(cx, *slot) {
            Cell::Enum(i) => match cx.layout.values(*slot).get(i as usize) {
                Some(v) => Known(Value::Str(v)),
                None => Val::Error(broken(*slot, cx)),
            },
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::SetAnswer(slot) => match cell!(cx, *slot) {
            Cell::Set(bits) => Known(Value::Set(bits, cx.layout.values(*slot))),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::EnumIs { slot, index } => match cell!(cx, *slot) {
            Cell::Enum(i) => Known(Value::Bool(i == *index)),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::EnumIn { slot, mask } => match cell!(cx, *slot) {
            Cell::Enum(i) => Known(Value::Bool(i < 64 && mask & (1 << i) != 0)),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::SetHas { slot, bit } => match cell!(cx, *slot) {
            Cell::Set(bits) => Known(Value::Bool(bits & (1 << bit) != 0)),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::SetAll { slot, mask } => match cell!(cx, *slot) {
            Cell::Set(bits) => Known(Value::Bool(bits & mask == *mask)),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::SetAny { slot, mask } => match cell!(cx, *slot) {
            Cell::Set(bits) => Known(Value::Bool(bits & mask != 0)),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::SetLen(slot) => match cell!(cx, *slot) {
            Cell::Set(bits) => Known(Value::Int(i64::from(bits.count_ones()))),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::IntCmp { slot, op, k } => match cell!(cx, *slot) {
            Cell::Int(i) => Known(Value::Bool(op.holds(i.cmp(k)))),
            _ => Val::Error(broken(*slot, cx)),
        },
        Node::J(field) => {
            let j = cx.jurisdiction;
            Known(match field {
                JField::Code => Value::Str(&j.code),
                JField::Name => Value::Str(&j.name),
                JField::Fictional => Value::Bool(j.fictional),
                JField::Memberships => Value::List(&j.memberships),
                JField::Instruments => Value::List(&j.instruments),
            })
        }
        Node::Not(x) => match eval(x, cx) {
            Known(Value::Bool(b)) => Known(Value::Bool(!b)),
            Known(_) => {
                Val::Error("internal error: `!` of a value that is not true or false".into())
            }
            other => other,
        },
        Node::And(items) => junction(items, cx, false),
        Node::Or(items) => junction(items, cx, true),
        Node::Cmp { op, lhs, rhs } => {
            let (l, r) = match strict2(eval(lhs, cx), eval(rhs, cx)) {
                Ok(pair) => pair,
                Err(v) => return v,
            };
            compare(*op, l, r)
        }
        Node::Arith { op, lhs, rhs, at } => {
            let (l, r) = match strict2(eval(lhs, cx), eval(rhs, cx)) {
                Ok(pair) => pair,
                Err(v) => return v,
            };
            match (l, r) {
                (Value::Int(a), Value::Int(b)) => arith(*op, a, b, *at),
                _ => {
                    Val::Error("internal error: arithmetic on a value that is not a number".into())
                }
            }
        }
        Node::Neg(x, at) => match eval(x, cx) {
            Known(Value::Int(i)) => match i.checked_neg() {
                Some(n) => Known(Value::Int(n)),
                None => Val::Error(located("arithmetic overflow", *at)),
            },
            Known(_) => Val::Error("internal error: `-` of a value that is not a number".into()),
            other => other,
        },
        Node::If {
            cond,
            then,
            otherwise,
        } => match eval(cond, cx) {
            Known(Value::Bool(true)) => eval(then, cx),
            Known(Value::Bool(false)) => eval(otherwise, cx),
            Known(_) => {
                Val::Error("internal error: `if` on a value that is not true or false".into())
            }
            Val::Error(e) => Val::Error(e),
            Val::Unknown(mut missing) => {
                let (t, o) = (eval(then, cx), eval(otherwise, cx));
                match (t, o) {
                    // Both branches agree, so the condition only matters if some answer
                    // could make it fail: then the `if` fails too.
                    (Known(a), Known(b)) if a == b && !cond.can_fail() => Known(a),
                    (Val::Error(e), Val::Error(_)) => Val::Error(e),
                    (t, o) => {
                        for v in [t, o] {
                            if let Val::Unknown(m) = v {
                                union(&mut missing, &m);
                            }
                        }
                        Val::Unknown(missing)
                    }
                }
            }
        },
        Node::Call { func, args } => call(*func, args, cx),
    }
}

/// `&&` (`is_or` false) or `||` in strong Kleene logic; the decisive value wins over errors.
fn junction<'a>(items: &'a [Node], cx: &Context<'a>, is_or: bool) -> Val<'a> {
    let mut missing = Missing::new();
    let mut error: Option<String> = None;
    for item in items {
        match eval(item, cx) {
            Val::Known(Value::Bool(b)) if b == is_or => return Val::Known(Value::Bool(is_or)),
            Val::Known(Value::Bool(_)) => {}
            Val::Known(_) => {
                error.get_or_insert_with(|| {
                    "internal error: `&&` or `||` of a value that is not true or false".into()
                });
            }
            Val::Unknown(m) => union(&mut missing, &m),
            Val::Error(e) => {
                error.get_or_insert(e);
            }
        }
    }
    if !missing.is_empty() {
        Val::Unknown(missing)
    } else if let Some(e) = error {
        Val::Error(e)
    } else {
        Val::Known(Value::Bool(!is_or))
    }
}

/// Both operands of a strict operator: an error wins, then unknowns (joined).
fn strict2<'a>(l: Val<'a>, r: Val<'a>) -> Result<(Value<'a>, Value<'a>), Val<'a>> {
    match (l, r) {
        (Val::Known(a), Val::Known(b)) => Ok((a, b)),
        (Val::Error(e), _) | (_, Val::Error(e)) => Err(Val::Error(e)),
        (Val::Unknown(mut a), Val::Unknown(b)) => {
            union(&mut a, &b);
            Err(Val::Unknown(a))
        }
        (Val::Unknown(m), _) | (_, Val::Unknown(m)) => Err(Val::Unknown(m)),
    }
}

fn compare<'a>(op: CmpOp, l: Value<'a>, r: Value<'a>) -> Val<'a> {
    let ordering = match (l, r) {
        (Value::Int(a), Value::Int(b)) => a.cmp(&b),
        (Value::Str(a), Value::Str(b)) => a.cmp(b),
        (Value::Bool(a), Value::Bool(b)) => a.cmp(&b),
        _ => return Val::Error("internal error: comparison of values of different kinds".into()),
    };
    Val::Known(Value::Bool(op.holds(ordering)))
}

fn located(message: &str, at: At) -> String {
    format!("{message} (rule file line {}, column {})", at.line, at.col)
}

fn arith<'a>(op: ArithOp, a: i64, b: i64, at: At) -> Val<'a> {
    let result = match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::Div | ArithOp::Rem if b == 0 => {
            return Val::Error(located("division by zero", at));
        }
        ArithOp::Div => a.checked_div(b),
        ArithOp::Rem => a.checked_rem(b),
    };
    match result {
        Some(n) => Val::Known(Value::Int(n)),
        None => Val::Error(located("arithmetic overflow", at)),
    }
}

fn call<'a>(func: Func, args: &'a [Node], cx: &Context<'a>) -> Val<'a> {
    let mut values: [Value<'a>; 2] = [Value::Bool(false); 2];
    let mut missing = Missing::new();
    for (i, arg) in args.iter().enumerate().take(2) {
        match eval(arg, cx) {
            Val::Known(v) => values[i] = v,
            Val::Error(e) => return Val::Error(e),
            Val::Unknown(m) => union(&mut missing, &m),
        }
    }
    if !missing.is_empty() {
        return Val::Unknown(missing);
    }
    super::registry::apply(func, &values[..args.len().min(2)])
}
