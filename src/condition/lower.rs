//! Lowering: a condition parsed by Rhai becomes a typed [`Node`] tree, or every problem it
//! has is reported at its file:line:col. Rhai is only the parser here; what a condition may
//! use is what this file accepts, and [`super::registry`] lists the functions.

use rhai::{ASTFlags, Engine, Expr, FnCallExpr, OptimizationLevel, Position, Stmt, StmtBlock};

use super::ir::{ArithOp, CmpOp, Func, JField, Layout, Node, Slot, day_number};
use super::registry::{self, Param};
use crate::diagnostic::{Diagnostic, suggestion};
use crate::limits;
use crate::model::{ConditionText, QuestionType, Questionnaire};

/// The kind of value a node gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Int,
    Date,
    /// A word: a literal, `j.code`, `j.name`.
    Str,
    /// The answer to an enum question (a word from its list).
    Enum(Slot),
    /// The answer to a set question.
    Set(Slot),
    /// A list of words: a literal or `j.memberships`/`j.instruments`.
    List,
}

struct Typed {
    node: Node,
    ty: Ty,
    pos: Position,
    /// How to name the value in a message: "`a.offences.x` (an int question)", "the number 3".
    name: String,
}

/// The parser: Rhai's, with no functions or modules registered and no optimisation, so the
/// tree lowered is the tree written.
pub fn parser() -> Engine {
    let mut engine = Engine::new_raw();
    engine
        .set_max_expr_depths(limits::MAX_EXPR_DEPTH)
        .set_max_string_size(limits::MAX_CONDITION_CHARS)
        .set_optimization_level(OptimizationLevel::None);
    engine
}

pub struct Lowered {
    pub root: Node,
    /// Question ids read, in order of first appearance.
    pub reads: Vec<String>,
}

pub struct Lowerer<'c> {
    questionnaire: &'c Questionnaire,
    layout: &'c Layout,
    text: &'c ConditionText,
    field: &'c str,
    file: &'c str,
    file_text: &'c str,
    diagnostics: Vec<Diagnostic>,
    reads: Vec<String>,
    nodes: usize,
}

impl<'c> Lowerer<'c> {
    pub fn new(
        questionnaire: &'c Questionnaire,
        layout: &'c Layout,
        text: &'c ConditionText,
        field: &'c str,
        file: &'c str,
        file_text: &'c str,
    ) -> Lowerer<'c> {
        Lowerer {
            questionnaire,
            layout,
            text,
            field,
            file,
            file_text,
            diagnostics: Vec::new(),
            reads: Vec::new(),
            nodes: 0,
        }
    }

    fn at(&self, pos: Position) -> crate::diagnostic::Pos {
        match (pos.line(), pos.position()) {
            (Some(line), Some(col)) => self.text.yaml_pos(line, col),
            (Some(line), None) => self.text.yaml_pos(line, 1),
            _ => self.text.origin,
        }
    }

    fn error(&mut self, pos: Position, message: impl Into<String>, help: Option<String>) {
        let d = Diagnostic::error(self.file, self.at(pos), message)
            .with_help_opt(help)
            .with_source(self.file_text);
        self.diagnostics.push(d);
    }

    /// Parses and lowers the condition; `Err` holds every problem found.
    pub fn lower(mut self, parser: &Engine) -> Result<Lowered, Vec<Diagnostic>> {
        if self.text.source.chars().count() > limits::MAX_CONDITION_CHARS {
            self.error(
                Position::NONE,
                format!(
                    "`{}` is longer than {} characters",
                    self.field,
                    limits::MAX_CONDITION_CHARS
                ),
                Some("split the obligation into several rules".to_owned()),
            );
            return Err(self.diagnostics);
        }
        let ast = match parser.compile_expression(&self.text.source) {
            Ok(ast) => ast,
            Err(e) => {
                let help = format!(
                    "`{}` must be one expression that gives true or false, e.g. `a.ecris.entitled_professional && a.ecris.entitled_voluntary`",
                    self.field
                );
                self.error(
                    e.1,
                    format!("`{}` does not compile: {}", self.field, e.0),
                    Some(help),
                );
                return Err(self.diagnostics);
            }
        };
        let root = match ast.statements() {
            [] => {
                self.error(Position::NONE, format!("`{}` is empty", self.field), None);
                None
            }
            [stmt] => self.stmt(stmt),
            [_, second, ..] => {
                self.error(
                    second.position(),
                    format!("`{}` must be a single expression", self.field),
                    None,
                );
                None
            }
        };
        if let Some(root) = &root
            && root.ty != Ty::Bool
            && self.diagnostics.is_empty()
        {
            let message = format!(
                "`{}` gives {} instead of true or false",
                self.field,
                ty_words(root.ty)
            );
            self.error(
                root.pos,
                message,
                Some(
                    "compare it with something, e.g. `a.offences.grooming_max_years >= 1`"
                        .to_owned(),
                ),
            );
        }
        match root {
            Some(root) if self.diagnostics.is_empty() => Ok(Lowered {
                root: root.node,
                reads: self.reads,
            }),
            _ => Err(self.diagnostics),
        }
    }

    fn stmt(&mut self, stmt: &Stmt) -> Option<Typed> {
        match stmt {
            Stmt::Expr(e) => self.expr(e),
            Stmt::FnCall(call, pos) => self.call(call, *pos),
            Stmt::Block(block) => self.block(block),
            Stmt::If(flow, pos) => {
                let cond = self.expr(&flow.expr);
                let then = self.block(&flow.body);
                if flow.branch.is_empty() {
                    self.error(
                        *pos,
                        "an `if` in a condition needs an `else`",
                        Some(
                            "write `if c { x } else { y }` so that both cases give a value"
                                .to_owned(),
                        ),
                    );
                    return None;
                }
                let otherwise = self.block(&flow.branch);
                let (cond, then, otherwise) = (cond?, then?, otherwise?);
                self.expect_bool(&cond, "the condition of `if`")?;
                if !same_kind(then.ty, otherwise.ty) {
                    self.error(
                        otherwise.pos,
                        format!(
                            "the branches of `if` give different kinds of value: {} and {}",
                            ty_words(then.ty),
                            ty_words(otherwise.ty)
                        ),
                        None,
                    );
                    return None;
                }
                self.count(*pos)?;
                // Branches of two kinds of word (an enum answer and a literal) give a plain word.
                let ty = if then.ty == otherwise.ty {
                    then.ty
                } else {
                    Ty::Str
                };
                Some(Typed {
                    ty,
                    name: "the `if`".into(),
                    node: Node::If {
                        cond: Box::new(cond.node),
                        then: Box::new(then.node),
                        otherwise: Box::new(otherwise.node),
                    },
                    pos: *pos,
                })
            }
            Stmt::Switch(_, pos) => {
                self.error(
                    *pos,
                    "`switch` is not available in conditions",
                    Some(
                        "write `if … else if … else …`, or compare with `in [\"a\", \"b\"]`"
                            .to_owned(),
                    ),
                );
                None
            }
            other => {
                self.error(
                    other.position(),
                    format!("`{}` must be an expression, not a statement", self.field),
                    None,
                );
                None
            }
        }
    }

    fn block(&mut self, block: &StmtBlock) -> Option<Typed> {
        match block.statements() {
            [stmt] => self.stmt(stmt),
            [] => {
                self.error(block.position(), "an empty block `{ }` gives nothing", None);
                None
            }
            [_, second, ..] => {
                self.error(
                    second.position(),
                    "a block in a condition holds one expression",
                    None,
                );
                None
            }
        }
    }

    /// Counts a node against the size limit.
    fn count(&mut self, pos: Position) -> Option<()> {
        self.nodes += 1;
        if self.nodes == limits::MAX_CONDITION_NODES + 1 {
            self.error(
                pos,
                format!(
                    "`{}` is too large (more than {} operations)",
                    self.field,
                    limits::MAX_CONDITION_NODES
                ),
                Some("split the obligation into several rules".to_owned()),
            );
        }
        (self.nodes <= limits::MAX_CONDITION_NODES).then_some(())
    }

    fn expect_bool(&mut self, t: &Typed, what: &str) -> Option<()> {
        if t.ty == Ty::Bool {
            return Some(());
        }
        self.error(
            t.pos,
            format!(
                "{what} must be true or false, but {} is {}",
                t.name,
                ty_words(t.ty)
            ),
            None,
        );
        None
    }

    fn expr(&mut self, e: &Expr) -> Option<Typed> {
        let pos = e.position();
        self.count(pos)?;
        let lit = |node: Node, ty: Ty, name: String| {
            Some(Typed {
                node,
                ty,
                pos,
                name,
            })
        };
        match e {
            Expr::BoolConstant(b, _) => lit(Node::Bool(*b), Ty::Bool, format!("`{b}`")),
            Expr::IntegerConstant(i, _) => lit(Node::Int(*i), Ty::Int, format!("the number {i}")),
            Expr::StringConstant(s, _) => lit(
                Node::Str(s.as_str().into()),
                Ty::Str,
                format!("the text \"{s}\""),
            ),
            Expr::DynamicConstant(value, _) => {
                if let Ok(s) = value.clone().into_immutable_string() {
                    return lit(
                        Node::Str(s.as_str().into()),
                        Ty::Str,
                        format!("the text \"{s}\""),
                    );
                }
                if let Ok(i) = value.as_int() {
                    return lit(Node::Int(i), Ty::Int, format!("the number {i}"));
                }
                if let Ok(b) = value.as_bool() {
                    return lit(Node::Bool(b), Ty::Bool, format!("`{b}`"));
                }
                if let Ok(items) = value.clone().into_array() {
                    let mut words = Vec::new();
                    for item in items {
                        match item.into_immutable_string() {
                            Ok(s) => words.push(s.to_string()),
                            Err(_) => {
                                self.error(
                                    pos,
                                    "a list in a condition holds quoted words",
                                    list_help(),
                                );
                                return None;
                            }
                        }
                    }
                    return self.list(words, pos);
                }
                self.error(pos, "this value cannot be used in a condition", None);
                None
            }
            Expr::Array(items, _) => {
                let mut words = Vec::new();
                let mut ok = true;
                for item in items.iter() {
                    match item {
                        Expr::StringConstant(s, _) => words.push(s.to_string()),
                        other => {
                            self.error(
                                other.position(),
                                "a list in a condition holds quoted words",
                                list_help(),
                            );
                            ok = false;
                        }
                    }
                }
                if ok { self.list(words, pos) } else { None }
            }
            Expr::FloatConstant(..) => {
                self.error(
                    pos,
                    "conditions use whole numbers only",
                    Some("write e.g. `3`, not `3.0`".to_owned()),
                );
                None
            }
            Expr::CharConstant(..) => {
                self.error(
                    pos,
                    "write words in double quotes",
                    Some("e.g. `\"national\"`".to_owned()),
                );
                None
            }
            Expr::InterpolatedString(..) => {
                self.error(
                    pos,
                    "strings with `${…}` are not available in conditions",
                    Some("write a plain word in double quotes".to_owned()),
                );
                None
            }
            Expr::Map(..) => {
                self.error(
                    pos,
                    "object maps `#{…}` are not available in conditions",
                    None,
                );
                None
            }
            Expr::Unit(..) => {
                self.error(
                    pos,
                    "`()` (nothing) is not a value a condition can use",
                    None,
                );
                None
            }
            Expr::Variable(var, _, _) => {
                let name = var.1.as_str();
                let help = match name {
                    "a" => {
                        "read one answer as `a.section.question`, e.g. `a.ecris.entitled_voluntary`"
                    }
                    "j" => {
                        "read one field of the jurisdiction: `j.code`, `j.name`, `j.fictional`, `j.memberships`, `j.instruments`"
                    }
                    _ => {
                        "conditions read the answers as `a.section.question` and the jurisdiction as `j.code`, `j.instruments`, …"
                    }
                };
                let message = match name {
                    "a" | "j" => format!("`{name}` cannot be used whole"),
                    _ => format!("`{name}` is not defined"),
                };
                self.error(pos, message, Some(help.to_owned()));
                None
            }
            Expr::Dot(bin, flags, _) => {
                if flags.contains(ASTFlags::NEGATED) {
                    self.error(pos, "`?.` is not available in conditions: it would turn an unanswered question into a value", Some("read the answer with `.`; an unanswered question leaves the rule unanswered".to_owned()));
                    return None;
                }
                self.chain(&bin.lhs, &bin.rhs, pos)
            }
            Expr::Index(..) => {
                self.error(
                    pos,
                    "indexing with `[…]` is not available in conditions",
                    Some("test membership with `\"value\" in a.section.question`".to_owned()),
                );
                None
            }
            Expr::And(items, _) | Expr::Or(items, _) => {
                let is_and = matches!(e, Expr::And(..));
                let mut nodes = Vec::new();
                let mut ok = true;
                for item in items.iter() {
                    match self.expr(item) {
                        Some(t)
                            if self
                                .expect_bool(
                                    &t,
                                    if is_and {
                                        "each side of `&&`"
                                    } else {
                                        "each side of `||`"
                                    },
                                )
                                .is_some() =>
                        {
                            nodes.push(t.node)
                        }
                        _ => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                let node = if is_and {
                    Node::And(nodes.into())
                } else {
                    Node::Or(nodes.into())
                };
                Some(Typed {
                    node,
                    ty: Ty::Bool,
                    pos,
                    name: "the expression".into(),
                })
            }
            Expr::Coalesce(..) => {
                self.error(pos, "`??` is not available in conditions: it would turn an unanswered question into a value", Some("an unanswered question leaves the rule unanswered; that is the point".to_owned()));
                None
            }
            Expr::Stmt(block) => self.block(block),
            Expr::FnCall(call, pos) => self.call(call, *pos),
            Expr::MethodCall(call, pos) => {
                self.error(
                    *pos,
                    format!("`{}()` needs something before the dot", call.name),
                    None,
                );
                None
            }
            Expr::Property(p, pos) => {
                self.error(
                    *pos,
                    format!("`{}` needs something before the dot", p.2),
                    None,
                );
                None
            }
            _ => {
                self.error(pos, "this is not available in conditions", None);
                None
            }
        }
    }

    fn list(&mut self, words: Vec<String>, pos: Position) -> Option<Typed> {
        if words.len() > limits::MAX_LIST_ITEMS {
            self.error(
                pos,
                format!(
                    "a list in a condition holds at most {} words",
                    limits::MAX_LIST_ITEMS
                ),
                None,
            );
            return None;
        }
        let name = format!(
            "the list [{}]",
            words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        Some(Typed {
            node: Node::List(words.into()),
            ty: Ty::List,
            pos,
            name,
        })
    }

    /// `lhs.rhs…`: an answer, a jurisdiction field, or method calls on a value.
    fn chain(&mut self, lhs: &Expr, rhs: &Expr, pos: Position) -> Option<Typed> {
        // Rhai nests `x.p.q.m()` as Dot(x, Dot(p, Dot(q, m()))): flatten the right side.
        let mut steps: Vec<&Expr> = Vec::new();
        let mut rest = rhs;
        loop {
            match rest {
                Expr::Dot(bin, flags, p) => {
                    if flags.contains(ASTFlags::NEGATED) {
                        self.error(*p, "`?.` is not available in conditions: it would turn an unanswered question into a value", None);
                        return None;
                    }
                    steps.push(&bin.lhs);
                    rest = &bin.rhs;
                }
                Expr::Index(_, _, p) => {
                    self.error(
                        *p,
                        "indexing with `[…]` is not available in conditions",
                        Some("test membership with `\"value\" in a.section.question`".to_owned()),
                    );
                    return None;
                }
                other => {
                    steps.push(other);
                    break;
                }
            }
        }
        let var = match lhs {
            Expr::Variable(v, _, _) => Some(v.1.as_str()),
            _ => None,
        };
        let (mut value, mut steps) = match var {
            Some("a") => {
                let t = self.answer(lhs.position(), &steps)?;
                (t, &steps[2..])
            }
            Some("j") => {
                let t = self.jurisdiction_field(steps[0])?;
                (t, &steps[1..])
            }
            _ => (self.expr(lhs)?, &steps[..]),
        };
        while let Some((step, more)) = steps.split_first() {
            steps = more;
            match step {
                Expr::MethodCall(call, p) => {
                    if !call.namespace.is_empty() {
                        self.error(
                            *p,
                            "namespaced functions are not available in conditions",
                            None,
                        );
                        return None;
                    }
                    let mut args = vec![value];
                    for arg in call.args.iter() {
                        args.push(self.expr(arg)?);
                    }
                    value = self.function(&call.name, args, *p)?;
                }
                Expr::Property(prop, p) => {
                    let name = prop.2.as_str();
                    let help = if registry::find(name).is_some() {
                        Some(format!("call it: `.{name}()`"))
                    } else {
                        None
                    };
                    self.error(*p, format!("{} has no property `{name}`", value.name), help);
                    return None;
                }
                other => {
                    self.error(other.position(), "this cannot follow a dot", None);
                    return None;
                }
            }
        }
        let _ = pos;
        Some(value)
    }

    /// `a.section.question` from the steps after `a`.
    fn answer(&mut self, a_pos: Position, steps: &[&Expr]) -> Option<Typed> {
        let (
            Some(Expr::Property(section, section_pos)),
            Some(Expr::Property(question, question_pos)),
        ) = (steps.first(), steps.get(1))
        else {
            self.error(
                a_pos,
                "answers must be read as `a.section.question`",
                Some(
                    "write the full path of one question, e.g. `a.ecris.entitled_voluntary`"
                        .to_owned(),
                ),
            );
            return None;
        };
        let (section, question) = (section.2.as_str(), question.2.as_str());
        let Some(sec) = self.questionnaire.section(section) else {
            let help = suggestion(
                section,
                self.questionnaire.sections.iter().map(|s| s.name.as_str()),
                "the sections",
            );
            self.error(
                *section_pos,
                format!("`a.{section}` is not a questionnaire section"),
                Some(help),
            );
            return None;
        };
        let id = format!("{section}.{question}");
        let Some(q) = self.questionnaire.questions.get(&id) else {
            let help = suggestion(
                question,
                sec.questions.iter().map(|q| &q[section.len() + 1..]),
                "the questions of this section",
            );
            self.error(
                *question_pos,
                format!("`a.{id}` is not a declared question"),
                Some(help),
            );
            return None;
        };
        let slot = self.layout.slot(&id).expect("every question has a slot");
        let name = format!("`a.{id}`");
        let (node, ty) = match &q.kind {
            QuestionType::Bool => (Node::BoolAnswer(slot), Ty::Bool),
            QuestionType::Int { .. } => (Node::IntAnswer(slot), Ty::Int),
            QuestionType::Date => (Node::IntAnswer(slot), Ty::Date),
            QuestionType::Enum { values } | QuestionType::Set { values }
                if values.len() > limits::MAX_LISTED_VALUES =>
            {
                self.error(
                    *question_pos,
                    format!(
                        "`a.{id}` has {} values; conditions can read questions with at most {}",
                        values.len(),
                        limits::MAX_LISTED_VALUES
                    ),
                    None,
                );
                return None;
            }
            QuestionType::Enum { .. } => (Node::EnumAnswer(slot), Ty::Enum(slot)),
            QuestionType::Set { .. } => (Node::SetAnswer(slot), Ty::Set(slot)),
            QuestionType::Text => {
                self.error(
                    *question_pos,
                    format!("`a.{id}` is a text question, and text answers never decide a rule"),
                    Some(
                        "ask a bool, enum, set, int or date question for what the rule decides"
                            .to_owned(),
                    ),
                );
                return None;
            }
        };
        if !self.reads.contains(&id) {
            self.reads.push(id);
        }
        Some(Typed {
            node,
            ty,
            pos: *question_pos,
            name,
        })
    }

    fn jurisdiction_field(&mut self, step: &Expr) -> Option<Typed> {
        let Expr::Property(prop, pos) = step else {
            self.error(
                step.position(),
                "read one field of the jurisdiction, e.g. `j.instruments`",
                None,
            );
            return None;
        };
        let name = prop.2.as_str();
        let Some((_, field)) = JField::ALL.iter().find(|(n, _)| *n == name) else {
            let help = suggestion(
                name,
                JField::ALL.iter().map(|(n, _)| *n),
                "the fields of `j`",
            );
            self.error(*pos, format!("`j.{name}` does not exist"), Some(help));
            return None;
        };
        let ty = match field {
            JField::Code | JField::Name => Ty::Str,
            JField::Fictional => Ty::Bool,
            JField::Memberships | JField::Instruments => Ty::List,
        };
        Some(Typed {
            node: Node::J(*field),
            ty,
            pos: *pos,
            name: format!("`j.{name}`"),
        })
    }

    fn call(&mut self, call: &FnCallExpr, pos: Position) -> Option<Typed> {
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

    fn expect_int(&mut self, t: &Typed, what: &str) -> Option<()> {
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
    fn function(&mut self, name: &str, mut args: Vec<Typed>, pos: Position) -> Option<Typed> {
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
    fn check_words(&mut self, slot: Slot, arg: &Typed) -> Option<()> {
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

    fn bit(&self, slot: Slot, word: &str) -> u8 {
        self.layout
            .values(slot)
            .iter()
            .position(|v| v == word)
            .unwrap_or(0) as u8
    }

    fn compare(&mut self, op: CmpOp, l: Typed, r: Typed, pos: Position) -> Option<Typed> {
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

fn list_help() -> Option<String> {
    Some("e.g. `[\"education\", \"health\"]`".to_owned())
}

fn same_kind(a: Ty, b: Ty) -> bool {
    match (a, b) {
        (Ty::Enum(_) | Ty::Str, Ty::Enum(_) | Ty::Str) => true,
        (Ty::Set(x), Ty::Set(y)) => x == y,
        (Ty::Set(_), Ty::List) | (Ty::List, Ty::Set(_)) => false,
        _ => a == b,
    }
}

fn ty_words(ty: Ty) -> &'static str {
    match ty {
        Ty::Bool => "true or false",
        Ty::Int => "a number",
        Ty::Date => "a date",
        Ty::Str => "a word",
        Ty::Enum(_) => "a word (an enum answer)",
        Ty::Set(_) => "a set of chosen values",
        Ty::List => "a list",
    }
}
