//! Lowering: a condition parsed by Rhai becomes a typed [`Node`] tree, or every problem it
//! has is reported at its file:line:col. Rhai is only the parser here; what a condition may
//! use is what this file accepts, and [`super::registry`] lists the functions.

use rhai::{ASTFlags, Engine, Expr, FnCallExpr, OptimizationLevel, Position, Stmt, StmtBlock};

use super::ir::{ArithOp, CmpOp, Func, JField, Layout, Node, Slot, day_number};
use super::registry::{self, Param};
use crate::diagnostic::Diagnostic;
use crate::i18n::suggestion;
use crate::limits;
use crate::model::{ConditionText, QuestionType, Questionnaire};

mod access;
mod call;
mod compare;

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
