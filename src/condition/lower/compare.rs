//! Lowering comparisons: both sides of the same kind, words checked against the question's values.

use super::*;

impl Lowerer<'_> {
    pub(super) fn compare(
        &mut self,
        op: CmpOp,
        l: Typed,
        r: Typed,
        pos: Position,
    ) -> Option<Typed> {
        let bool_node = |node| {
            Some(Typed {
                node,
                ty: Ty::Bool,
                pos,
                name: "the comparison".into(),
            })
        };
        let plain = |l: Typed, r: Typed| Node::Cmp {
            op,
            lhs: Box::new(l.node),
            rhs: Box::new(r.node),
        };
        match (l.ty, r.ty) {
            (Ty::Bool, Ty::Bool) if !op.is_ordering() => bool_node(plain(l, r)),
            (Ty::Int, Ty::Int) | (Ty::Date, Ty::Date) => match (&l.node, &r.node) {
                (Node::IntAnswer(slot), Node::Int(k)) => bool_node(Node::IntCmp {
                    slot: *slot,
                    op,
                    k: *k,
                }),
                (Node::Int(k), Node::IntAnswer(slot)) => bool_node(Node::IntCmp {
                    slot: *slot,
                    op: op.flipped(),
                    k: *k,
                }),
                _ => bool_node(plain(l, r)),
            },
            (Ty::Date, Ty::Str) | (Ty::Str, Ty::Date) => {
                let (date, text, op) = if l.ty == Ty::Date {
                    (l, r, op)
                } else {
                    (r, l, op.flipped())
                };
                let Node::Str(s) = &text.node else {
                    self.error(
                        text.pos,
                        format!(
                            "{} is compared with {}, which is not a date",
                            date.name, text.name
                        ),
                        None,
                    );
                    return None;
                };
                let Some(k) = day_number(s) else {
                    self.error(
                        text.pos,
                        format!(
                            "\"{s}\" is not a date, so it cannot be compared with {}",
                            date.name
                        ),
                        Some("write dates as \"YYYY-MM-DD\"".to_owned()),
                    );
                    return None;
                };
                match date.node {
                    Node::IntAnswer(slot) => bool_node(Node::IntCmp { slot, op, k }),
                    other => bool_node(Node::Cmp {
                        op,
                        lhs: Box::new(other),
                        rhs: Box::new(Node::Int(k)),
                    }),
                }
            }
            (Ty::Enum(_) | Ty::Str, Ty::Enum(_) | Ty::Str) => {
                if op.is_ordering() {
                    let what = if matches!(l.ty, Ty::Enum(_)) {
                        &l.name
                    } else {
                        &r.name
                    };
                    self.error(
                        pos,
                        format!(
                            "words have no order, so `{}` means nothing for {what}",
                            op.symbol()
                        ),
                        Some("compare with `==` or `!=`".to_owned()),
                    );
                    return None;
                }
                let (answer, other) = match (l.ty, r.ty) {
                    (Ty::Enum(_), _) => (l, r),
                    (_, Ty::Enum(_)) => (r, l),
                    _ => return bool_node(plain(l, r)),
                };
                let Ty::Enum(slot) = answer.ty else {
                    unreachable!()
                };
                if let Node::Str(word) = &other.node {
                    self.check_words(slot, &other)?;
                    if let Node::EnumAnswer(slot) = answer.node {
                        let is = Node::EnumIs {
                            slot,
                            index: self.bit(slot, word) as u16,
                        };
                        return bool_node(if op == CmpOp::Eq {
                            is
                        } else {
                            Node::Not(Box::new(is))
                        });
                    }
                }
                bool_node(plain(answer, other))
            }
            (Ty::Set(_), _) | (_, Ty::Set(_)) => {
                let (set, other) = if matches!(l.ty, Ty::Set(_)) {
                    (&l, &r)
                } else {
                    (&r, &l)
                };
                self.error(
                    pos,
                    format!(
                        "{} is a set (a list of chosen values) and cannot be compared with {}",
                        set.name, other.name
                    ),
                    Some(format!(
                        "test membership instead: `\"value\" in {}` or `.contains_all([...])`",
                        set.name.split(' ').next().unwrap_or("").trim_matches('`')
                    )),
                );
                None
            }
            (Ty::Bool, Ty::Bool) => {
                self.error(
                    pos,
                    format!(
                        "true and false have no order, so `{}` means nothing",
                        op.symbol()
                    ),
                    Some("compare with `==` or `!=`".to_owned()),
                );
                None
            }
            _ => {
                let (answer, other) = if l.name.starts_with("`a.") {
                    (&l, &r)
                } else {
                    (&r, &l)
                };
                let question_kind = match answer.ty {
                    Ty::Bool => Some("a bool"),
                    Ty::Int => Some("an int"),
                    Ty::Date => Some("a date"),
                    Ty::Enum(_) => Some("an enum"),
                    _ => None,
                };
                let message = match question_kind {
                    Some(kind) if answer.name.starts_with("`a.") => format!(
                        "{} is compared with {}, but it is {kind} question",
                        answer.name, other.name
                    ),
                    _ => format!(
                        "{} ({}) cannot be compared with {} ({})",
                        l.name,
                        ty_words(l.ty),
                        r.name,
                        ty_words(r.ty)
                    ),
                };
                let help = match answer.ty {
                    Ty::Enum(slot) => Some(format!(
                        "its values are {}",
                        self.layout.slots[slot as usize].kind.expectation()
                    )),
                    Ty::Int => Some("its answers are whole numbers".to_owned()),
                    Ty::Bool => Some("its answers are `true` or `false`".to_owned()),
                    Ty::Date => Some("compare it with a date written \"YYYY-MM-DD\"".to_owned()),
                    _ => None,
                };
                self.error(other.pos, message, help);
                None
            }
        }
    }
}
