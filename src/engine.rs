//! Rule conditions: compiled once in a sandboxed Rhai engine, evaluated with
//! three-valued (Kleene) logic so that an unanswered question never becomes a gap.
//!
//! Invariants:
//! - `engine` does no I/O: conditions cannot print, read files, import modules,
//!   call `eval` or read the clock, and every run is bounded by [`crate::limits`].
//! - Evaluation never aborts a run: every rule gets a status, a failing one `error`.
//! - The verdict does not depend on operand order: `a.s.y || a.s.x` and
//!   `a.s.x || a.s.y` are decided alike when one answer is missing.
//!
//! How unanswered questions are handled: unanswered questions are left out of
//! the answers map `a`, and the engine fails on a missing map property. When a
//! condition fails that way, its `&&`, `||` and `!` tree is folded over the
//! truth values of its leaves (each leaf compiled on its own), and a leaf that
//! reads a missing answer counts as "unknown".

use std::collections::BTreeSet;

use rhai::{
    AST, ASTNode, Dynamic, Engine, EvalAltResult, Expr, Map, OptimizationLevel, Scope, Stmt,
};

use crate::diagnostic::{Diagnostic, suggestion};
use crate::limits;
use crate::model::{
    AnswerValue, Assessment, ConditionText, Jurisdiction, QuestionType, Questionnaire, Rule, Status,
};

/// A compiled condition with the answers it reads.
#[derive(Debug, Clone)]
pub struct Condition {
    pub text: ConditionText,
    ast: AST,
    logic: Logic,
    leaves: Vec<Leaf>,
    /// Question ids the condition reads, in order of first appearance.
    pub reads: Vec<String>,
}

#[derive(Debug, Clone)]
enum Logic {
    /// The condition has no `&&`, `||` or `!` at its top: it is its own only leaf.
    Whole,
    Leaf(usize),
    And(Vec<Logic>),
    Or(Vec<Logic>),
    Not(Box<Logic>),
}

#[derive(Debug, Clone)]
struct Leaf {
    ast: AST,
    reads: Vec<String>,
}

/// The truth of a condition for one assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    /// Depends on these unanswered questions.
    Unknown(BTreeSet<String>),
    Error(String),
}

/// A rule with its conditions compiled.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub rule: Rule,
    pub applies_when: Option<Condition>,
    pub check: Condition,
    pub partial_when: Option<Condition>,
    /// Every question the rule reads, in order of first appearance.
    pub reads: Vec<String>,
}

/// The status of one rule for one assessment, before waivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub missing: Vec<String>,
    pub message: Option<String>,
}

/// The sandboxed Rhai engine. Build one per run; it is `Send + Sync`.
pub struct Sandbox {
    engine: Engine,
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let mut engine = Engine::new();
        engine
            .set_max_operations(limits::MAX_OPERATIONS)
            .set_max_expr_depths(limits::MAX_EXPR_DEPTH)
            .set_max_string_size(limits::MAX_STRING_BYTES)
            .set_max_array_size(limits::MAX_COLLECTION_ITEMS)
            .set_max_map_size(limits::MAX_COLLECTION_ITEMS)
            .set_strict_variables(true)
            .set_fail_on_invalid_map_property(true)
            .set_allow_looping(false)
            .set_allow_shadowing(false)
            .set_optimization_level(OptimizationLevel::Simple)
            // The interner is one lock shared by every thread; without it, rule files compile
            // and assessments evaluate in parallel without waiting on each other.
            .set_max_strings_interned(0)
            .set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new());
        engine.disable_symbol("eval");
        engine.on_print(|_| {});
        engine.on_debug(|_, _, _| {});
        register_helpers(&mut engine);
        Sandbox { engine }
    }

    /// Compiles one condition, checking that it is a single expression and that
    /// every answer it reads is a declared question. Errors point into the YAML file.
    pub fn compile(
        &self,
        text: &ConditionText,
        field: &str,
        file: &str,
        file_text: &str,
        questionnaire: &Questionnaire,
    ) -> Result<Condition, Vec<Diagnostic>> {
        let located = |pos: rhai::Position, message: String, help: Option<String>| {
            let at = match (pos.line(), pos.position()) {
                (Some(line), Some(col)) => text.yaml_pos(line, col),
                (Some(line), None) => text.yaml_pos(line, 1),
                _ => text.origin,
            };
            Diagnostic::error(file, at, message)
                .with_help_opt(help)
                .with_source(file_text)
        };
        // Compiled against variables, not constants, so the optimizer cannot fold
        // placeholder answers into the tree.
        let mut scope = Scope::new();
        scope.push("a", Map::new());
        scope.push("j", Map::new());
        let ast = self
            .engine
            .compile_expression_with_scope(&scope, &text.source)
            .map_err(|e| {
                let help = match e.0.as_ref() {
                    rhai::ParseErrorType::VariableUndefined(_) => Some(
                        "conditions read the answers as `a.section.question` and the jurisdiction as `j`".to_owned(),
                    ),
                    _ => Some(format!(
                        "`{field}` must be one expression that gives true or false, e.g. `a.ecris.covers_volunteers && a.ecris.checks_mandatory`"
                    )),
                };
                vec![located(e.1, format!("`{field}` does not compile: {}", e.0), help)]
            })?;

        let Some(root) = root_expr(&ast) else {
            return Err(vec![located(
                rhai::Position::NONE,
                format!("`{field}` is empty"),
                None,
            )]);
        };
        let mut diagnostics = Vec::new();
        let reads = answer_reads(&ast, questionnaire, &mut |pos, msg, help| {
            diagnostics.push(located(pos, msg, help));
        });
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let mut leaves = Vec::new();
        let logic = match root {
            Expr::And(..) | Expr::Or(..) => build_logic(&root, &mut leaves, questionnaire),
            Expr::FnCall(ref call, _) if call.name == "!" && call.args.len() == 1 => {
                build_logic(&root, &mut leaves, questionnaire)
            }
            _ => Logic::Whole,
        };
        Ok(Condition {
            text: text.clone(),
            ast,
            logic,
            leaves,
            reads,
        })
    }

    pub fn compile_rule(
        &self,
        rule: Rule,
        file_text: &str,
        questionnaire: &Questionnaire,
    ) -> Result<CompiledRule, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let mut compile = |text: &Option<ConditionText>, field: &str| -> Option<Condition> {
            let text = text.as_ref()?;
            match self.compile(text, field, &rule.file, file_text, questionnaire) {
                Ok(c) => Some(c),
                Err(mut d) => {
                    diagnostics.append(&mut d);
                    None
                }
            }
        };
        let applies_when = compile(&rule.applies_when, "applies_when");
        let check = compile(&Some(rule.check.clone()), "check");
        let partial_when = compile(&rule.partial_when, "partial_when");
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let check = check.expect("check compiled without diagnostics");
        let mut reads: Vec<String> = Vec::new();
        for c in [&applies_when, &Some(check.clone()), &partial_when]
            .into_iter()
            .flatten()
        {
            for q in &c.reads {
                if !reads.contains(q) {
                    reads.push(q.clone());
                }
            }
        }
        Ok(CompiledRule {
            rule,
            applies_when,
            check,
            partial_when,
            reads,
        })
    }

    /// Evaluates one condition against the answers held in `scope`.
    pub fn truth(
        &self,
        condition: &Condition,
        scope: &mut Scope,
        assessment: &Assessment,
    ) -> Truth {
        match self
            .engine
            .eval_ast_with_scope::<Dynamic>(scope, &condition.ast)
        {
            Ok(value) => to_truth(value, &condition.text),
            Err(e) if is_missing_answer(&e) => {
                self.fold(&condition.logic, condition, scope, assessment)
            }
            Err(e) => Truth::Error(describe_error(*e, &condition.text)),
        }
    }

    fn fold(
        &self,
        logic: &Logic,
        c: &Condition,
        scope: &mut Scope,
        assessment: &Assessment,
    ) -> Truth {
        match logic {
            Logic::Whole => self.leaf_truth(&c.ast, &c.reads, c, scope, assessment),
            Logic::Leaf(i) => {
                let leaf = &c.leaves[*i];
                self.leaf_truth(&leaf.ast, &leaf.reads, c, scope, assessment)
            }
            Logic::Not(inner) => match self.fold(inner, c, scope, assessment) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                other => other,
            },
            Logic::And(items) => combine(
                items.iter().map(|l| self.fold(l, c, scope, assessment)),
                false,
            ),
            Logic::Or(items) => combine(
                items.iter().map(|l| self.fold(l, c, scope, assessment)),
                true,
            ),
        }
    }

    /// The truth of one leaf: unknown, with the unanswered questions it reads, when it
    /// failed on a missing answer.
    fn leaf_truth(
        &self,
        ast: &AST,
        reads: &[String],
        c: &Condition,
        scope: &mut Scope,
        assessment: &Assessment,
    ) -> Truth {
        match self.engine.eval_ast_with_scope::<Dynamic>(scope, ast) {
            Ok(value) => to_truth(value, &c.text),
            Err(e) if is_missing_answer(&e) => {
                let missing: BTreeSet<String> = reads
                    .iter()
                    .filter(|q| assessment.value(q).is_none())
                    .cloned()
                    .collect();
                if missing.is_empty() {
                    Truth::Error(describe_error(*e, &c.text))
                } else {
                    Truth::Unknown(missing)
                }
            }
            Err(e) => Truth::Error(describe_error(*e, &c.text)),
        }
    }

    /// The status of a rule for one assessment (SPEC, evaluation semantics 1–4).
    pub fn evaluate(
        &self,
        rule: &CompiledRule,
        jurisdiction: &Jurisdiction,
        scope: &mut Scope,
        assessment: &Assessment,
        instrument_title: &str,
    ) -> Outcome {
        let outcome =
            |status: Status, missing: BTreeSet<String>, message: Option<String>| Outcome {
                status,
                missing: rule
                    .reads
                    .iter()
                    .filter(|q| missing.contains(*q))
                    .cloned()
                    .collect(),
                message,
            };
        if !jurisdiction.is_addressed_by(&rule.rule.instrument) {
            return outcome(
                Status::NotApplicable,
                BTreeSet::new(),
                Some(format!(
                    "{instrument_title} does not bind or address {}",
                    jurisdiction.code
                )),
            );
        }
        if let Some(applies) = &rule.applies_when {
            match self.truth(applies, scope, assessment) {
                Truth::True => {}
                Truth::False => {
                    return outcome(
                        Status::NotApplicable,
                        BTreeSet::new(),
                        Some(
                            "the rule's `applies_when` condition is false for these answers".into(),
                        ),
                    );
                }
                Truth::Unknown(m) => return outcome(Status::Unanswered, m, None),
                Truth::Error(e) => {
                    return outcome(
                        Status::Error,
                        BTreeSet::new(),
                        Some(format!("applies_when: {e}")),
                    );
                }
            }
        }
        match self.truth(&rule.check, scope, assessment) {
            Truth::True => outcome(Status::Met, BTreeSet::new(), None),
            Truth::Unknown(m) => outcome(Status::Unanswered, m, None),
            Truth::Error(e) => outcome(Status::Error, BTreeSet::new(), Some(format!("check: {e}"))),
            Truth::False => match &rule.partial_when {
                None => outcome(Status::Gap, BTreeSet::new(), None),
                Some(partial) => match self.truth(partial, scope, assessment) {
                    Truth::True => outcome(Status::Partial, BTreeSet::new(), None),
                    Truth::False => outcome(Status::Gap, BTreeSet::new(), None),
                    Truth::Unknown(m) => outcome(Status::Unanswered, m, None),
                    Truth::Error(e) => outcome(
                        Status::Error,
                        BTreeSet::new(),
                        Some(format!("partial_when: {e}")),
                    ),
                },
            },
        }
    }
}

/// The functions conditions may call beyond Rhai's built-ins, all registered here.
/// Conditions cannot define functions or closures (`no_function`), so set tests over
/// several values need these (docs/adding-a-rule.md lists them for rule writers):
///
/// - `set.contains_all(["x", "y"])`: every listed value was chosen;
/// - `set.contains_any(["x", "y"])`: at least one listed value was chosen.
fn register_helpers(engine: &mut Engine) {
    fn chosen(set: &rhai::Array, value: &Dynamic) -> bool {
        let wanted = value.clone().into_immutable_string().ok();
        set.iter()
            .any(|v| v.clone().into_immutable_string().ok() == wanted)
    }
    engine.register_fn("contains_all", |set: rhai::Array, wanted: rhai::Array| {
        wanted.iter().all(|w| chosen(&set, w))
    });
    engine.register_fn("contains_any", |set: rhai::Array, wanted: rhai::Array| {
        wanted.iter().any(|w| chosen(&set, w))
    });
}

/// The scope a condition runs in: `a` (answers by section) and `j` (the jurisdiction).
/// Built once per assessment and reused for every rule.
pub fn scope_for(
    assessment: &Assessment,
    jurisdiction: &Jurisdiction,
    questionnaire: &Questionnaire,
) -> Scope<'static> {
    let mut answers = Map::new();
    for section in &questionnaire.sections {
        let mut values = Map::new();
        for id in &section.questions {
            let question = &questionnaire.questions[id];
            // Text answers never decide a rule (SPEC); the loader refuses conditions that read them.
            if matches!(question.kind, QuestionType::Text) {
                continue;
            }
            if let Some(value) = assessment.value(id) {
                values.insert(question.key.as_str().into(), to_dynamic(value));
            }
        }
        answers.insert(section.name.as_str().into(), values.into());
    }
    let mut j = Map::new();
    j.insert("code".into(), jurisdiction.code.clone().into());
    j.insert("name".into(), jurisdiction.name.clone().into());
    j.insert("fictional".into(), jurisdiction.fictional.into());
    j.insert("memberships".into(), strings(&jurisdiction.memberships));
    j.insert("instruments".into(), strings(&jurisdiction.instruments));
    let mut scope = Scope::new();
    scope.push_constant("a", answers);
    scope.push_constant("j", j);
    scope
}

fn strings(items: &[String]) -> Dynamic {
    items
        .iter()
        .map(|s| Dynamic::from(s.clone()))
        .collect::<Vec<_>>()
        .into()
}

fn to_dynamic(value: &AnswerValue) -> Dynamic {
    match value {
        AnswerValue::Bool(b) => (*b).into(),
        AnswerValue::Int(i) => (*i).into(),
        AnswerValue::Text(s) => s.clone().into(),
        AnswerValue::Set(items) => strings(items),
    }
}

fn to_truth(value: Dynamic, text: &ConditionText) -> Truth {
    match value.as_bool() {
        Ok(true) => Truth::True,
        Ok(false) => Truth::False,
        Err(type_name) => Truth::Error(format!(
            "the condition gave {} instead of true or false (rule file line {}, column {})",
            match type_name {
                "()" => "nothing",
                "i64" => "a number",
                "string" | "ImmutableString" => "text",
                "array" => "a list",
                "map" => "a mapping",
                other => other,
            },
            text.origin.line,
            text.origin.col
        )),
    }
}

/// Kleene `&&` (`is_or == false`) or `||` over operand truths. An error in any
/// operand makes the whole an error, whatever the order of the operands.
fn combine(items: impl Iterator<Item = Truth>, is_or: bool) -> Truth {
    let decisive = if is_or { Truth::True } else { Truth::False };
    let mut decided = false;
    let mut missing = BTreeSet::new();
    let mut error = None;
    for t in items {
        match t {
            Truth::Error(e) => {
                error.get_or_insert(e);
            }
            Truth::Unknown(m) => missing.extend(m),
            t if t == decisive => decided = true,
            _ => {}
        }
    }
    if let Some(e) = error {
        Truth::Error(e)
    } else if decided {
        decisive
    } else if !missing.is_empty() {
        Truth::Unknown(missing)
    } else if is_or {
        Truth::False
    } else {
        Truth::True
    }
}

fn is_missing_answer(e: &EvalAltResult) -> bool {
    matches!(e.unwrap_inner(), EvalAltResult::ErrorPropertyNotFound(..))
}

fn describe_error(mut e: EvalAltResult, text: &ConditionText) -> String {
    let pos = e.take_position();
    let message = e.to_string();
    match (pos.line(), pos.position()) {
        (Some(line), Some(col)) => {
            let at = text.yaml_pos(line, col);
            format!("{message} (rule file line {}, column {})", at.line, at.col)
        }
        _ => message,
    }
}

fn root_expr(ast: &AST) -> Option<Expr> {
    match ast.statements().first()? {
        Stmt::Expr(e) => Some(e.as_ref().clone()),
        Stmt::FnCall(call, pos) => Some(Expr::FnCall(call.clone(), *pos)),
        _ => None,
    }
}

fn leaf_ast(expr: &Expr) -> AST {
    AST::new([Stmt::Expr(Box::new(expr.clone()))])
}

fn build_logic(expr: &Expr, leaves: &mut Vec<Leaf>, questionnaire: &Questionnaire) -> Logic {
    match expr {
        Expr::And(items, _) => Logic::And(
            items
                .iter()
                .map(|e| build_logic(e, leaves, questionnaire))
                .collect(),
        ),
        Expr::Or(items, _) => Logic::Or(
            items
                .iter()
                .map(|e| build_logic(e, leaves, questionnaire))
                .collect(),
        ),
        Expr::FnCall(call, _) if call.name == "!" && call.args.len() == 1 => {
            Logic::Not(Box::new(build_logic(&call.args[0], leaves, questionnaire)))
        }
        _ => {
            let ast = leaf_ast(expr);
            let reads = answer_reads(&ast, questionnaire, &mut |_, _, _| {});
            leaves.push(Leaf { ast, reads });
            Logic::Leaf(leaves.len() - 1)
        }
    }
}

/// The question ids an expression reads as `a.section.question`, reporting any
/// other use of `a` and any path that is not a declared question.
fn answer_reads(
    ast: &AST,
    questionnaire: &Questionnaire,
    report: &mut dyn FnMut(rhai::Position, String, Option<String>),
) -> Vec<String> {
    let mut reads: Vec<String> = Vec::new();
    ast.walk(&mut |path: &[ASTNode]| {
        let Some(ASTNode::Expr(Expr::Variable(var, _, var_pos))) = path.last() else {
            return true;
        };
        if var.1.as_str() != "a" {
            return true;
        }
        let parent = path.len().checked_sub(2).and_then(|i| path.get(i));
        let chain = match parent {
            Some(ASTNode::Expr(Expr::Dot(dot, _, _))) if matches!(&dot.lhs, Expr::Variable(v, _, _) if v.1.as_str() == "a") => {
                answer_path(&dot.rhs)
            }
            _ => None,
        };
        let Some((section, section_pos, question, question_pos)) = chain else {
            report(
                *var_pos,
                "answers must be read as `a.section.question`".into(),
                Some("write the full path of one question, e.g. `a.ecris.covers_volunteers`".into()),
            );
            return true;
        };
        let Some(sec) = questionnaire.section(&section) else {
            report(
                section_pos,
                format!("`a.{section}` is not a questionnaire section"),
                Some(suggestion(&section, questionnaire.sections.iter().map(|s| s.name.as_str()), "the sections are")),
            );
            return true;
        };
        let id = format!("{section}.{question}");
        match questionnaire.questions.get(&id) {
            None => report(
                question_pos,
                format!("`a.{id}` is not a declared question"),
                Some(suggestion(
                    &question,
                    sec.questions.iter().map(|q| &q[section.len() + 1..]),
                    "the questions of this section are",
                )),
            ),
            Some(q) if matches!(q.kind, QuestionType::Text) => report(
                question_pos,
                format!("`a.{id}` is a text question, and text answers never decide a rule"),
                Some("ask a bool, enum, set, int or date question for what the rule decides".into()),
            ),
            Some(_) => {
                if !reads.contains(&id) {
                    reads.push(id);
                }
            }
        }
        true
    });
    reads
}

/// `section.question…` from the right-hand side of `a.…`.
fn answer_path(rhs: &Expr) -> Option<(String, rhai::Position, String, rhai::Position)> {
    let Expr::Dot(dot, _, _) = rhs else {
        return None;
    };
    let Expr::Property(section, section_pos) = &dot.lhs else {
        return None;
    };
    let (question, question_pos) = match &dot.rhs {
        Expr::Property(q, pos) => (q, pos),
        Expr::Dot(inner, _, _) | Expr::Index(inner, _, _) => match &inner.lhs {
            Expr::Property(q, pos) => (q, pos),
            _ => return None,
        },
        _ => return None,
    };
    Some((
        section.2.to_string(),
        *section_pos,
        question.2.to_string(),
        *question_pos,
    ))
}

/// A problem found in a condition without running it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Position in the YAML file.
    pub pos: crate::diagnostic::Pos,
    pub message: String,
    pub help: Option<String>,
}

/// A literal in a condition, as far as static checks care.
#[derive(Debug, Clone)]
enum Literal {
    Text(String),
    Int(i64),
    Bool(bool),
    Other(&'static str),
    List(Vec<(Literal, rhai::Position)>),
}

impl Literal {
    fn of(expr: &Expr) -> Option<(Literal, rhai::Position)> {
        let pos = expr.position();
        let lit = match expr {
            Expr::StringConstant(s, _) => Literal::Text(s.to_string()),
            Expr::IntegerConstant(i, _) => Literal::Int(*i),
            Expr::BoolConstant(b, _) => Literal::Bool(*b),
            Expr::CharConstant(..) => Literal::Other("a character"),
            Expr::FloatConstant(..) => Literal::Other("a decimal number"),
            Expr::Unit(_) => Literal::Other("nothing (`()`)"),
            Expr::Array(items, _) => Literal::List(items.iter().filter_map(Literal::of).collect()),
            Expr::DynamicConstant(value, _) => Literal::from_dynamic(value, pos)?,
            _ => return None,
        };
        Some((lit, pos))
    }

    fn from_dynamic(value: &Dynamic, pos: rhai::Position) -> Option<Literal> {
        if value.is_array() {
            let items = value.clone().into_array().ok()?;
            let lits = items
                .iter()
                .filter_map(|v| Literal::from_dynamic(v, pos).map(|l| (l, pos)))
                .collect();
            return Some(Literal::List(lits));
        }
        if value.is_string() {
            return Some(Literal::Text(value.clone().into_string().ok()?));
        }
        if let Ok(i) = value.as_int() {
            return Some(Literal::Int(i));
        }
        if let Ok(b) = value.as_bool() {
            return Some(Literal::Bool(b));
        }
        None
    }

    fn describe(&self) -> String {
        match self {
            Literal::Text(s) => format!("the text \"{s}\""),
            Literal::Int(i) => format!("the number {i}"),
            Literal::Bool(b) => format!("`{b}`"),
            Literal::Other(what) => (*what).to_owned(),
            Literal::List(_) => "a list".to_owned(),
        }
    }
}

/// `a.section.question` exactly (no method call or index after it).
fn plain_path(expr: &Expr) -> Option<(String, rhai::Position)> {
    let Expr::Dot(dot, _, _) = expr else {
        return None;
    };
    let Expr::Variable(var, _, _) = &dot.lhs else {
        return None;
    };
    if var.1.as_str() != "a" {
        return None;
    }
    let Expr::Dot(inner, _, _) = &dot.rhs else {
        return None;
    };
    match (&inner.lhs, &inner.rhs) {
        (Expr::Property(s, _), Expr::Property(q, pos)) => Some((format!("{}.{}", s.2, q.2), *pos)),
        _ => None,
    }
}

/// `a.section.question.method(args)`: the question, the method and its arguments.
fn method_on_path(expr: &Expr) -> Option<(String, rhai::Position, &rhai::FnCallExpr)> {
    let Expr::Dot(dot, _, _) = expr else {
        return None;
    };
    let Expr::Variable(var, _, _) = &dot.lhs else {
        return None;
    };
    if var.1.as_str() != "a" {
        return None;
    }
    let Expr::Dot(inner, _, _) = &dot.rhs else {
        return None;
    };
    let Expr::Property(s, _) = &inner.lhs else {
        return None;
    };
    let Expr::Dot(call, _, _) = &inner.rhs else {
        return None;
    };
    match (&call.lhs, &call.rhs) {
        (Expr::Property(q, pos), Expr::MethodCall(f, _)) => {
            Some((format!("{}.{}", s.2, q.2), *pos, f))
        }
        _ => None,
    }
}

impl Sandbox {
    /// Comparisons of a question with a literal that can never be true as meant:
    /// a value the question does not allow, or a literal of another type.
    pub fn check_literals(
        &self,
        condition: &Condition,
        questionnaire: &Questionnaire,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        let at = |pos: rhai::Position| {
            let (line, col) = (pos.line().unwrap_or(1), pos.position().unwrap_or(1));
            condition.text.yaml_pos(line, col)
        };
        let mut report = |pos: rhai::Position, message: String, help: Option<String>| {
            findings.push(Finding {
                pos: at(pos),
                message,
                help,
            });
        };
        condition.ast.walk(&mut |path: &[ASTNode]| {
            match path.last() {
                Some(ASTNode::Expr(Expr::FnCall(call, _))) => {
                    check_call(call, questionnaire, &mut report);
                }
                Some(ASTNode::Stmt(Stmt::FnCall(call, _))) => {
                    check_call(call, questionnaire, &mut report);
                }
                Some(ASTNode::Expr(expr @ Expr::Dot(..))) => {
                    if let Some((id, _, call)) = method_on_path(expr)
                        && let Some(q) = questionnaire.questions.get(&id)
                        && matches!(
                            call.name.as_str(),
                            "contains" | "contains_all" | "contains_any"
                        )
                    {
                        for arg in &call.args {
                            if let Some((lit, pos)) = Literal::of(arg) {
                                check_members(&id, &q.kind, &lit, pos, &mut report);
                            }
                        }
                    }
                }
                _ => {}
            }
            true
        });
        findings
    }
}

type Report<'r> = dyn FnMut(rhai::Position, String, Option<String>) + 'r;

fn check_call(call: &rhai::FnCallExpr, questionnaire: &Questionnaire, report: &mut Report) {
    let name = call.name.as_str();
    if call.args.len() != 2 {
        return;
    }
    let (left, right) = (&call.args[0], &call.args[1]);
    match name {
        "==" | "!=" | "<" | "<=" | ">" | ">=" => {
            let (path, other) = match (plain_path(left), plain_path(right)) {
                (Some(p), _) => (p, right),
                (None, Some(p)) => (p, left),
                _ => return,
            };
            let (id, _) = path;
            let Some(q) = questionnaire.questions.get(&id) else {
                return;
            };
            let Some((lit, pos)) = Literal::of(other) else {
                return;
            };
            check_comparison(&id, &q.kind, name, &lit, pos, report);
        }
        // `x in y` compiles to `contains(y, x)`.
        "contains" => {
            if let Some((id, _)) = plain_path(left)
                && let Some(q) = questionnaire.questions.get(&id)
                && let Some((lit, pos)) = Literal::of(right)
            {
                check_members(&id, &q.kind, &lit, pos, report);
            }
            if let Some((id, _)) = plain_path(right)
                && let Some(q) = questionnaire.questions.get(&id)
                && let Some((Literal::List(items), _)) = Literal::of(left)
            {
                for (item, pos) in items {
                    check_comparison(&id, &q.kind, "==", &item, pos, report);
                }
            }
        }
        _ => {}
    }
}

fn check_comparison(
    id: &str,
    kind: &QuestionType,
    op: &str,
    lit: &Literal,
    pos: rhai::Position,
    report: &mut Report,
) {
    let ordered = matches!(op, "<" | "<=" | ">" | ">=");
    let wrong_type = |report: &mut Report| {
        report(
            pos,
            format!(
                "`a.{id}` is compared with {}, but it is {} question",
                lit.describe(),
                with_article(kind.name())
            ),
            Some(format!("its answers are {}", kind.expectation())),
        )
    };
    match (kind, lit) {
        (QuestionType::Bool, Literal::Bool(_)) if !ordered => {}
        (QuestionType::Int { .. }, Literal::Int(_)) => {}
        (QuestionType::Enum { values }, Literal::Text(s)) => {
            if ordered {
                report(
                    pos,
                    format!("the values of `a.{id}` have no order, so `{op}` means nothing"),
                    Some("compare with `==` or `!=`".into()),
                );
            } else if !values.contains(s) {
                report(
                    pos,
                    format!("\"{s}\" is not one of the values of `a.{id}`"),
                    Some(suggestion(
                        s,
                        values.iter().map(String::as_str),
                        "its values are",
                    )),
                );
            }
        }
        (QuestionType::Date, Literal::Text(s)) if !crate::questionnaire::is_iso_date(s) => report(
            pos,
            format!("\"{s}\" is not a date, so it cannot be compared with `a.{id}`"),
            Some("write dates as \"YYYY-MM-DD\"".into()),
        ),
        (QuestionType::Date, Literal::Text(_)) => {}
        (QuestionType::Set { .. }, _) => report(
            pos,
            format!(
                "`a.{id}` is a set (a list of chosen values) and cannot be compared with {}",
                lit.describe()
            ),
            Some(format!(
                "test membership instead: `\"value\" in a.{id}` or `a.{id}.contains_all([...])`"
            )),
        ),
        _ => wrong_type(report),
    }
}

fn check_members(
    id: &str,
    kind: &QuestionType,
    lit: &Literal,
    pos: rhai::Position,
    report: &mut Report,
) {
    let QuestionType::Set { values } = kind else {
        report(
            pos,
            format!(
                "`a.{id}` is {} question, not a set, so it has no members to look for",
                with_article(kind.name())
            ),
            Some("use `==` for bool, enum, int and date questions".into()),
        );
        return;
    };
    let items: Vec<(Literal, rhai::Position)> = match lit {
        Literal::List(items) => items.clone(),
        other => vec![(other.clone(), pos)],
    };
    for (item, pos) in items {
        match item {
            Literal::Text(s) if values.contains(&s) => {}
            Literal::Text(s) => report(
                pos,
                format!("\"{s}\" is not one of the values of `a.{id}`"),
                Some(suggestion(
                    &s,
                    values.iter().map(String::as_str),
                    "its values are",
                )),
            ),
            other => report(
                pos,
                format!(
                    "`a.{id}` holds words, so looking for {} in it finds nothing",
                    other.describe()
                ),
                Some(format!("its values are {}", kind.expectation())),
            ),
        }
    }
}

fn with_article(word: &str) -> String {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}
