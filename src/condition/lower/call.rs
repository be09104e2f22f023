//! Lowering function and method calls, checked against [`crate::condition::registry`].

use super::*;

impl Lowerer<'_> {
    pub(super) fn call(&mut self, call: &FnCallExpr, pos: Position) -> Option<Typed> {
        if !call.namespace.is_empty() {
            self.error(
                pos,
                "namespaced functions are not available in conditions",
                None,
            );
            return None;
        }
        let name = call.name.as_str();
        let mut args = Vec::with_capacity(call.args.len());
        let mut ok = true;
        for arg in call.args.iter() {
            match self.expr(arg) {
                Some(t) => args.push(t),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        match (name, args.len()) {
            ("!", 1) => {
                let x = args.pop()?;
                self.expect_bool(&x, "what `!` negates")?;
                Some(Typed {
                    node: Node::Not(Box::new(x.node)),
                    ty: Ty::Bool,
                    pos,
                    name: "the negation".into(),
                })
            }
            ("-", 1) => {
                let x = args.pop()?;
                self.expect_int(&x, "`-`")?;
                let at = self.at(pos);
                Some(Typed {
                    node: Node::Neg(Box::new(x.node), at),
                    ty: Ty::Int,
                    pos,
                    name: "the negative number".into(),
                })
            }
            ("+", 1) => {
                let x = args.pop()?;
                self.expect_int(&x, "`+`")?;
                Some(x)
            }
            ("==" | "!=" | "<" | "<=" | ">" | ">=", 2) => {
                let op = match name {
                    "==" => CmpOp::Eq,
                    "!=" => CmpOp::Ne,
                    "<" => CmpOp::Lt,
                    "<=" => CmpOp::Le,
                    ">" => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                let r = args.pop()?;
                let l = args.pop()?;
                self.compare(op, l, r, pos)
            }
            ("+" | "-" | "*" | "/" | "%", 2) => {
                let op = match name {
                    "+" => ArithOp::Add,
                    "-" => ArithOp::Sub,
                    "*" => ArithOp::Mul,
                    "/" => ArithOp::Div,
                    _ => ArithOp::Rem,
                };
                let r = args.pop()?;
                let l = args.pop()?;
                let what = format!("`{name}`");
                self.expect_int(&l, &what)?;
                self.expect_int(&r, &what)?;
                let at = self.at(pos);
                Some(Typed {
                    node: Node::Arith {
                        op,
                        lhs: Box::new(l.node),
                        rhs: Box::new(r.node),
                        at,
                    },
                    ty: Ty::Int,
                    pos,
                    name: "the result of the arithmetic".into(),
                })
            }
            ("&" | "|", 2) => {
                let r = args.pop()?;
                let l = args.pop()?;
                if l.ty != Ty::Bool || r.ty != Ty::Bool {
                    self.error(pos, format!("`{name}` in a condition joins true/false values"), Some(format!("bitwise operations on numbers are not available; for true/false use `{name}{name}`")));
                    return None;
                }
                let items: Box<[Node]> = vec![l.node, r.node].into();
                let node = if name == "&" {
                    Node::And(items)
                } else {
                    Node::Or(items)
                };
                Some(Typed {
                    node,
                    ty: Ty::Bool,
                    pos,
                    name: "the expression".into(),
                })
            }
            ("type_of", _) => {
                self.error(
                    pos,
                    "`type_of` is not available in conditions",
                    Some("every answer has the type its question declares".to_owned()),
                );
                None
            }
            ("..", 2) | ("..=", 2) => {
                self.error(
                    pos,
                    "ranges are not available in conditions",
                    Some("compare with `>=` and `<=`".to_owned()),
                );
                None
            }
            _ => self.function(name, args, pos),
        }
    }

    pub(super) fn expect_int(&mut self, t: &Typed, what: &str) -> Option<()> {
        if t.ty == Ty::Int {
            return Some(());
        }
        self.error(
            t.pos,
            format!(
                "{what} works on whole numbers, but {} is {}",
                t.name,
                ty_words(t.ty)
            ),
            None,
        );
        None
    }

    /// A call of a registry function; `args[0]` is the receiver in method syntax.
    pub(super) fn function(
        &mut self,
        name: &str,
        mut args: Vec<Typed>,
        pos: Position,
    ) -> Option<Typed> {
        let Some(f) = registry::find(name) else {
            let help = suggestion(
                name,
                registry::FUNCTIONS.iter().map(|f| f.name),
                "the functions conditions may call",
            );
            self.error(
                pos,
                format!("`{name}` is not a function conditions may call"),
                Some(format!("{help} (`acquis rules functions` lists them)")),
            );
            return None;
        };
        if args.len() != f.params.len() {
            self.error(pos, format!("`{name}` takes {} value{} before the dot and {} in the brackets, not {} in all", 1, "", f.params.len() - 1, args.len()), Some(format!("e.g. `{}`", f.example)));
            return None;
        }
        for (arg, param) in args.iter().zip(f.params) {
            let fits = match param {
                Param::Collection => {
                    matches!(arg.ty, Ty::Set(_) | Ty::List | Ty::Str | Ty::Enum(_))
                }
                Param::Items => matches!(arg.ty, Ty::Set(_) | Ty::List),
                Param::Words => arg.ty == Ty::List,
                Param::Word => matches!(arg.ty, Ty::Str | Ty::Enum(_)),
            };
            if !fits {
                let wants = match param {
                    Param::Collection => "a set answer, a list or a word",
                    Param::Items => "a set answer or a list",
                    Param::Words => "a list of quoted words, e.g. `[\"a\", \"b\"]`",
                    Param::Word => "a word (an enum answer, `j.code` or a quoted word)",
                };
                self.error(
                    arg.pos,
                    format!(
                        "`{name}` needs {wants}, but {} is {}",
                        arg.name,
                        ty_words(arg.ty)
                    ),
                    Some(format!("e.g. `{}`", f.example)),
                );
                return None;
            }
        }
        let receiver = args[0].ty;
        if let (Ty::Enum(_), Func::Contains) = (receiver, f.func) {
            self.error(
                args[0].pos,
                format!(
                    "{} is one chosen word; `in` and `contains` would look for a part of it",
                    args[0].name
                ),
                Some(
                    "compare it with `==`, or with `in [\"a\", \"b\"]` for several values"
                        .to_owned(),
                ),
            );
            return None;
        }
        // Words looked for in a set answer, or a list an enum answer is looked for in, must be
        // among the question's values.
        match (receiver, f.func, args.get(1).map(|a| a.ty)) {
            (Ty::Set(slot), Func::Contains | Func::ContainsAll | Func::ContainsAny, _) => {
                self.check_words(slot, &args[1])?;
            }
            (Ty::List, Func::Contains, Some(Ty::Enum(slot))) => self.check_words(slot, &args[0])?,
            _ => {}
        }
        let ty = match f.gives {
            registry::Gives::Bool => Ty::Bool,
            registry::Gives::Int => Ty::Int,
        };
        let name_of = format!("`{name}(…)`");
        let special = match (f.func, &args[0].node, args.get(1).map(|a| &a.node)) {
            (Func::Len, Node::SetAnswer(slot), None) => Node::SetLen(*slot),
            (Func::IsEmpty, Node::SetAnswer(slot), None) => Node::Cmp {
                op: CmpOp::Eq,
                lhs: Box::new(Node::SetLen(*slot)),
                rhs: Box::new(Node::Int(0)),
            },
            (Func::Contains, Node::SetAnswer(slot), Some(Node::Str(word))) => Node::SetHas {
                slot: *slot,
                bit: self.bit(*slot, word),
            },
            (
                Func::ContainsAll | Func::ContainsAny,
                Node::SetAnswer(slot),
                Some(Node::List(words)),
            ) => {
                let mask = words.iter().fold(0u64, |m, w| m | 1 << self.bit(*slot, w));
                if f.func == Func::ContainsAll {
                    Node::SetAll { slot: *slot, mask }
                } else {
                    Node::SetAny { slot: *slot, mask }
                }
            }
            (Func::Contains, Node::List(words), Some(Node::EnumAnswer(slot))) => {
                let mask = words.iter().fold(0u64, |m, w| m | 1 << self.bit(*slot, w));
                Node::EnumIn { slot: *slot, mask }
            }
            _ => Node::Call {
                func: f.func,
                args: Box::new([]),
            },
        };
        let node = match special {
            Node::Call { .. } => Node::Call {
                func: f.func,
                args: args.drain(..).map(|a| a.node).collect(),
            },
            special => special,
        };
        Some(Typed {
            node,
            ty,
            pos,
            name: name_of,
        })
    }

    /// Checks that a literal word (or each word of a literal list) is a value of `slot`.
    pub(super) fn check_words(&mut self, slot: Slot, arg: &Typed) -> Option<()> {
        let words: Vec<&str> = match &arg.node {
            Node::Str(w) => vec![w],
            Node::List(ws) => ws.iter().map(String::as_str).collect(),
            _ => return Some(()),
        };
        let values = self.layout.values(slot).to_vec();
        let id = self.layout.id(slot).to_owned();
        let mut ok = true;
        for w in words {
            if !values.iter().any(|v| v == w) {
                let help = suggestion(w, values.iter().map(String::as_str), "its values");
                self.error(
                    arg.pos,
                    format!("\"{w}\" is not one of the values of `a.{id}`"),
                    Some(help),
                );
                ok = false;
            }
        }
        ok.then_some(())
    }

    pub(super) fn bit(&self, slot: Slot, word: &str) -> u8 {
        self.layout
            .values(slot)
            .iter()
            .position(|v| v == word)
            .unwrap_or(0) as u8
    }
}
