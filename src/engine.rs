//! The status of a rule for one assessment (SPEC, evaluation semantics 1–4), from its
//! compiled conditions ([`crate::condition`]).
//!
//! Invariants:
//! - Evaluation never aborts a run: every rule gets a status, a failing one `error`.
//! - Unanswered is never a gap, and what the answers decide is decided: the status is the
//!   one every way of answering the missing questions gives, or `unanswered` with the
//!   questions that could still change it; operand order never matters.
//! - No I/O: conditions cannot print, read files or the clock, and their cost is bounded.

use std::collections::BTreeMap;

use crate::condition::decide::{self, Decision, Step};
use crate::condition::eval::{self, Context};
use crate::condition::ir::{Missing, Val, Value};
use crate::condition::{self, Answers, Cell, Compiler, Condition, Layout, Slot};
use crate::diagnostic::Diagnostic;
use crate::model::{Jurisdiction, Rule, Status};

/// Why a rule whose `applies_when` is false for the answers is not applicable.
const NOT_APPLICABLE: &str = "the rule's `applies_when` condition is false for these answers";

/// A rule with its conditions compiled.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub rule: Rule,
    pub applies_when: Option<Condition>,
    pub check: Condition,
    pub partial_when: Option<Condition>,
    /// Every question the rule reads, in order of first appearance.
    pub reads: Vec<String>,
    /// Indices of `reads` in the order of their ids: the order results list the answers in.
    pub reads_by_id: Vec<usize>,
    /// The slots of `reads`, in the same order.
    pub read_slots: Vec<Slot>,
    /// The values worth trying for each question read, for the exact decision.
    domains: BTreeMap<Slot, Option<Vec<Cell>>>,
    /// Whether Kleene evaluation already decides the rule exactly, so that a rule it leaves
    /// open is unanswered on the questions it names without splitting cases
    /// ([`decide::kleene_is_exact`]). Public so that tests can turn the shortcut off and
    /// compare it with the full decision.
    pub kleene_is_exact: bool,
    /// Where the rule's instrument is in the rule set's list (`None`: the catalogue lacks
    /// it), settled once when the set is compiled (`ruleset::compile`, the only maker of
    /// a `RuleSet`), so that evaluating does not look it up by id.
    pub instrument_index: Option<usize>,
}

/// The status of one rule for one assessment, before waivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome<'r> {
    pub status: Status,
    /// The unanswered questions whose answers can still change the status (ids borrowed
    /// from the rule: an unanswered rule copies no string).
    pub missing: Vec<&'r str>,
    pub message: Option<String>,
}

/// The truth of one condition for one assessment, as `explain` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    /// Depends on these unanswered questions.
    Unknown(Vec<String>),
    Error(String),
}

impl CompiledRule {
    /// Compiles the rule's conditions; every problem of every condition is reported.
    pub fn compile(
        compiler: &Compiler,
        layout: &Layout,
        rule: Rule,
        file_text: &str,
    ) -> Result<CompiledRule, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let mut compile = |text: Option<&crate::model::ConditionText>, field: &str| match compiler
            .compile(text?, field, &rule.file, file_text)
        {
            Ok(c) => Some(c),
            Err(mut d) => {
                diagnostics.append(&mut d);
                None
            }
        };
        let applies_when = compile(rule.applies_when.as_ref(), "applies_when");
        let check = compile(Some(&rule.check), "check");
        let partial_when = compile(rule.partial_when.as_ref(), "partial_when");
        let Some(check) = check.filter(|_| diagnostics.is_empty()) else {
            return Err(diagnostics);
        };
        let conditions: Vec<&Condition> =
            [applies_when.as_ref(), Some(&check), partial_when.as_ref()]
                .into_iter()
                .flatten()
                .collect();
        let mut reads: Vec<String> = Vec::new();
        for q in conditions.iter().flat_map(|c| &c.reads) {
            if !reads.contains(q) {
                reads.push(q.clone());
            }
        }
        let domains = condition::domains(&conditions, layout);
        let kleene_is_exact = decide::kleene_is_exact(&conditions, layout, &domains);
        // Every question a condition reads is declared (the compiler refuses any other), so
        // each has a slot and `read_slots` lines up with `reads`.
        let read_slots: Vec<Slot> = reads.iter().filter_map(|q| layout.slot(q)).collect();
        debug_assert_eq!(read_slots.len(), reads.len());
        let mut reads_by_id: Vec<usize> = (0..reads.len()).collect();
        reads_by_id.sort_by(|&a, &b| reads[a].cmp(&reads[b]));
        Ok(CompiledRule {
            reads_by_id,
            rule,
            applies_when,
            check,
            partial_when,
            reads,
            read_slots,
            domains,
            kleene_is_exact,
            instrument_index: None,
        })
    }

    /// The conditions of the rule with their field names, in evaluation order.
    pub fn conditions(&self) -> impl Iterator<Item = (&'static str, &Condition)> {
        [
            ("applies_when", self.applies_when.as_ref()),
            ("check", Some(&self.check)),
            ("partial_when", self.partial_when.as_ref()),
        ]
        .into_iter()
        .filter_map(|(f, c)| c.map(|c| (f, c)))
    }

    /// The status of the rule for one assessment (SPEC, evaluation semantics 1–4).
    pub fn evaluate(
        &self,
        jurisdiction: &Jurisdiction,
        answers: &Answers,
        layout: &Layout,
        instrument_title: &str,
    ) -> Outcome<'_> {
        let addressed = jurisdiction.is_addressed_by(&self.rule.instrument);
        self.evaluate_addressed(addressed, jurisdiction, answers, layout, instrument_title)
    }

    /// [`CompiledRule::evaluate`] when whether the rule's instrument binds or addresses the
    /// jurisdiction is known already: `check` settles it once per assessment and instrument
    /// instead of once per rule.
    #[inline]
    pub fn evaluate_addressed(
        &self,
        addressed: bool,
        jurisdiction: &Jurisdiction,
        answers: &Answers,
        layout: &Layout,
        instrument_title: &str,
    ) -> Outcome<'_> {
        if !addressed {
            return Outcome {
                status: Status::NotApplicable,
                missing: Vec::new(),
                message: Some(format!(
                    "{instrument_title} does not bind or address {}",
                    jurisdiction.code
                )),
            };
        }
        let decided = |(status, message): (Status, Option<String>)| Outcome {
            status,
            missing: Vec::new(),
            message,
        };
        let step = |answers: &Answers| {
            self.kleene(&Context {
                answers,
                layout,
                jurisdiction,
            })
        };
        let open = match step(answers) {
            Step::Decided(o) => return decided(o),
            Step::Open(open) => open,
        };
        let decision = if self.kleene_is_exact {
            Decision::Open(open)
        } else {
            decide::decide(answers, &open, &self.domains, |a, b| a.0 == b.0, step)
        };
        match decision {
            Decision::Decided(o) => decided(o),
            Decision::Open(missing) => Outcome {
                status: Status::Unanswered,
                // `read_slots` is `reads`' slots in the same order (every question a
                // condition reads is declared), so no question id is looked up here.
                missing: self
                    .reads
                    .iter()
                    .zip(&self.read_slots)
                    .filter(|(_, s)| missing.contains(s))
                    .map(|(q, _)| q.as_str())
                    .collect(),
                message: None,
            },
        }
    }

    /// One Kleene evaluation of the rule: its status, or the questions it is open on. Most
    /// rules are decided by the conditions' short-circuit code.
    #[inline]
    fn kleene(&self, cx: &Context) -> Step<(Status, Option<String>)> {
        match self.two_valued(cx) {
            Some(decided) => Step::Decided(decided),
            None => self.three_valued(cx),
        }
    }

    /// [`CompiledRule::kleene`] by walking the conditions' trees with three-valued results.
    fn three_valued(&self, cx: &Context) -> Step<(Status, Option<String>)> {
        let mut open = Missing::new();
        fn add(open: &mut Missing, m: &[Slot]) {
            for s in m {
                if !open.contains(s) {
                    open.push(*s);
                }
            }
        }
        if let Some(applies) = &self.applies_when {
            match eval::eval(&applies.root, cx) {
                Val::Known(Value::Bool(true)) => {}
                Val::Known(_) => {
                    return Step::Decided((Status::NotApplicable, Some(NOT_APPLICABLE.into())));
                }
                Val::Error(e) => {
                    return Step::Decided((Status::Error, Some(format!("applies_when: {e}"))));
                }
                Val::Unknown(m) => add(&mut open, &m),
            }
        }
        let check = eval::eval(&self.check.root, cx);
        let partial = match (&check, &self.partial_when) {
            (Val::Known(Value::Bool(false)) | Val::Unknown(_), Some(p)) => {
                Some(eval::eval(&p.root, cx))
            }
            _ => None,
        };
        if let Val::Unknown(m) = &check {
            add(&mut open, m);
        }
        if !open.is_empty() {
            // `applies_when` or `check` is open: what the other conditions depend on matters too.
            if let Some(Val::Unknown(m)) = &partial {
                add(&mut open, m);
            }
            return Step::Open(open);
        }
        Step::Decided(match check {
            Val::Known(Value::Bool(true)) => (Status::Met, None),
            Val::Error(e) => (Status::Error, Some(format!("check: {e}"))),
            _ => match partial {
                None => (Status::Gap, None),
                Some(Val::Known(Value::Bool(true))) => (Status::Partial, None),
                Some(Val::Known(_)) => (Status::Gap, None),
                Some(Val::Error(e)) => (Status::Error, Some(format!("partial_when: {e}"))),
                Some(Val::Unknown(m)) => return Step::Open(m),
            },
        })
    }

    /// The status Kleene evaluation gives when every condition it needs comes out plainly
    /// true or false, reached by the conditions' short-circuit code
    /// ([`condition::ShortCircuit`]); `None` when some condition does not, and
    /// [`CompiledRule::kleene`] then evaluates in full. Same order and same outcomes as the
    /// full evaluation: `applies_when` false is not applicable, `check` true is met, then
    /// `partial_when` tells partial from gap.
    #[inline]
    fn two_valued(&self, cx: &Context) -> Option<(Status, Option<String>)> {
        let truth = |c: &Condition| c.short_circuit.as_ref()?.truth(cx);
        if let Some(applies) = &self.applies_when
            && !truth(applies)?
        {
            return Some((Status::NotApplicable, Some(NOT_APPLICABLE.into())));
        }
        if truth(&self.check)? {
            return Some((Status::Met, None));
        }
        match &self.partial_when {
            None => Some((Status::Gap, None)),
            Some(p) if truth(p)? => Some((Status::Partial, None)),
            Some(_) => Some((Status::Gap, None)),
        }
    }
}

/// The truth of one condition for one assessment, for `explain`.
pub fn truth(
    condition: &Condition,
    jurisdiction: &Jurisdiction,
    answers: &Answers,
    layout: &Layout,
) -> Truth {
    let cx = Context {
        answers,
        layout,
        jurisdiction,
    };
    match eval::eval(&condition.root, &cx) {
        Val::Known(Value::Bool(true)) => Truth::True,
        Val::Known(_) => Truth::False,
        Val::Error(e) => Truth::Error(e),
        Val::Unknown(m) => Truth::Unknown(m.iter().map(|s| layout.id(*s).to_owned()).collect()),
    }
}
