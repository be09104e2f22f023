//! The condition engine against its contract (SPEC, evaluation semantics 3–4), through the
//! library: the rows of the engine issue, each operator's three-valued behaviour, and
//! property tests that hold it to Rhai's own evaluator (the oracle) and to brute force.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use acquis::condition::eval::{self, Context};
use acquis::condition::ir::{Val, Value};
use acquis::condition::{Answers, Compiler, Layout, Node};
use acquis::diagnostic::Pos;
use acquis::engine::{CompiledRule, Outcome};
use acquis::load::FileSet;
use acquis::model::{
    AnswerValue, ConditionText, Jurisdiction, Question, QuestionType, Questionnaire, Rule, Section,
    Severity, Status,
};
use acquis::ruleset::{self, RuleSet};
use common::oracle::Oracle;
use proptest::prelude::*;

/// Section `s`: bools x y z u, enum e (a b c), set t (a b c), ints n d (0..3), an unbounded
/// int w, and a date.
fn questionnaire() -> Questionnaire {
    let kinds: Vec<(&str, QuestionType)> = vec![
        ("x", QuestionType::Bool),
        ("y", QuestionType::Bool),
        ("z", QuestionType::Bool),
        ("u", QuestionType::Bool),
        (
            "e",
            QuestionType::Enum {
                values: words(&["a", "b", "c"]),
            },
        ),
        (
            "t",
            QuestionType::Set {
                values: words(&["a", "b", "c"]),
            },
        ),
        (
            "n",
            QuestionType::Int {
                min: Some(0),
                max: Some(3),
            },
        ),
        (
            "d",
            QuestionType::Int {
                min: Some(0),
                max: Some(3),
            },
        ),
        (
            "w",
            QuestionType::Int {
                min: None,
                max: None,
            },
        ),
        ("since", QuestionType::Date),
    ];
    let mut q = Questionnaire::default();
    let mut ids = Vec::new();
    for (key, kind) in kinds {
        let id = format!("s.{key}");
        ids.push(id.clone());
        q.questions.insert(
            id.clone(),
            Question {
                id,
                section: "s".into(),
                key: key.into(),
                kind,
                text: "?".into(),
                help: None,
                sources: Vec::new(),
                translations: Default::default(),
                pos: Pos::default(),
            },
        );
    }
    q.sections.push(Section {
        name: "s".into(),
        title: "S".into(),
        file: "s.yaml".into(),
        order: 0,
        questions: ids,
        translations: Default::default(),
        pos: Pos::default(),
    });
    q
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

fn jurisdiction() -> Jurisdiction {
    Jurisdiction {
        code: "XA".into(),
        name: "Example".into(),
        memberships: words(&["eu"]),
        instruments: words(&["cc-2019"]),
        notes: Vec::new(),
        fictional: true,
        translations: Default::default(),
        pos: Pos::default(),
    }
}

struct Fixture {
    questionnaire: Questionnaire,
    layout: Layout,
    jurisdiction: Jurisdiction,
}

impl Fixture {
    fn new() -> Fixture {
        let questionnaire = questionnaire();
        let layout = Layout::new(&questionnaire);
        Fixture {
            questionnaire,
            layout,
            jurisdiction: jurisdiction(),
        }
    }

    fn rule(&self, applies: Option<&str>, check: &str, partial: Option<&str>) -> CompiledRule {
        let text = |s: &str| ConditionText {
            source: s.into(),
            origin: Pos::new(9, 8),
            block: false,
        };
        let rule = Rule {
            id: "fx.rule".into(),
            title: "T".into(),
            instrument: "cc-2019".into(),
            area: "a".into(),
            severity: Severity::Low,
            obligation: "O.".into(),
            sources: Vec::new(),
            applies_when: applies.map(text),
            check: text(check),
            partial_when: partial.map(text),
            translations: Default::default(),
            remedy: "R.".into(),
            examples: Vec::new(),
            verified: None,
            unverified: None,
            file: "fx.yaml".into(),
            pos: Pos::new(1, 1),
        };
        let compiler = Compiler::new(&self.questionnaire, &self.layout);
        CompiledRule::compile(&compiler, &self.layout, rule, "")
            .unwrap_or_else(|d| panic!("{check}: {d:?}"))
    }

    fn answers(&self, given: &BTreeMap<String, AnswerValue>) -> Answers {
        let mut answers = Answers::empty(&self.layout);
        for (id, v) in given {
            let slot = self.layout.slot(id).unwrap();
            answers.set(slot, Some(self.layout.cell(slot, v).expect("fits")));
        }
        answers
    }

    fn outcome<'r>(
        &self,
        rule: &'r CompiledRule,
        given: &BTreeMap<String, AnswerValue>,
    ) -> Outcome<'r> {
        rule.evaluate(&self.jurisdiction, &self.answers(given), &self.layout, "T")
    }
}

fn parse_answers(text: &str) -> BTreeMap<String, AnswerValue> {
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            let v = v.trim();
            let value = match v {
                "true" => AnswerValue::Bool(true),
                "false" => AnswerValue::Bool(false),
                _ if v.starts_with('[') => AnswerValue::Set(
                    v.trim_matches(['[', ']'])
                        .split(' ')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                ),
                _ => match v.parse::<i64>() {
                    Ok(i) => AnswerValue::Int(i),
                    Err(_) => AnswerValue::Text(v.to_owned()),
                },
            };
            (format!("s.{}", k.trim()), value)
        })
        .collect()
}

/// An outcome owned by the caller (the rule it borrows from lives only in [`status`]).
#[derive(Debug)]
struct Owned {
    status: Status,
    missing: Vec<String>,
}

fn status(f: &Fixture, check: &str, answers: &str) -> Owned {
    let rule = f.rule(None, check, None);
    let o = f.outcome(&rule, &parse_answers(answers));
    Owned {
        status: o.status,
        missing: o.missing.iter().map(|q| q.to_string()).collect(),
    }
}

/// The two examples docs/adding-a-rule.md gives a maintainer, and its table of what a
/// condition may use, which must be the one `acquis rules functions` prints.
#[test]
fn what_the_maintainers_guide_says_holds() {
    let f = Fixture::new();
    for check in ["a.s.x || a.s.n / a.s.d > 1", "a.s.n / a.s.d > 1 || a.s.x"] {
        assert_eq!(
            status(&f, check, "x=true, n=2").status,
            Status::Met,
            "{check}"
        );
    }
    let check = "(a.s.x && a.s.y) || (!a.s.x && a.s.z)";
    let open = status(&f, check, "y=true");
    assert_eq!(
        (open.status, open.missing),
        (Status::Unanswered, vec!["s.x".to_owned(), "s.z".to_owned()])
    );
    assert_eq!(status(&f, check, "y=true, z=true").status, Status::Met);

    let guide = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/adding-a-rule.md"
    ))
    .unwrap();
    let table = acquis::condition::registry::markdown();
    assert!(
        guide.contains(&table),
        "docs/adding-a-rule.md: paste the output of `acquis rules functions`"
    );
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_acquis"))
        .args(["rules", "functions"])
        .output()
        .unwrap();
    assert!(printed.status.success());
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), table);
}

/// The rows of the engine issue: each gives the status in its "must be" column.
#[test]
fn the_rows_of_the_engine_issue() {
    let f = Fixture::new();
    for (check, answers, expected) in [
        (
            "(if a.s.x { a.s.y || a.s.z } else { false }) == true",
            "x=true, z=true",
            Status::Met,
        ),
        ("(a.s.x || a.s.y) == true", "y=true", Status::Met),
        ("a.s.x | a.s.y", "y=true", Status::Met),
        ("a.s.x & a.s.y", "y=false", Status::Gap),
        ("a.s.n / a.s.d > 1 || a.s.x", "x=true, d=0", Status::Met),
        ("a.s.x || a.s.n / a.s.d > 1", "x=true, d=0", Status::Met),
        (
            "a.s.y && a.s.x && a.s.n / a.s.d > 1",
            "x=false, d=0",
            Status::Gap,
        ),
        (
            "a.s.u || (a.s.d > 0 && a.s.n / a.s.d >= 2)",
            "d=0",
            Status::Unanswered,
        ),
        ("if a.s.x { true } else { a.s.y }", "y=true", Status::Met),
        (
            "(a.s.x && a.s.y) || (!a.s.x && a.s.z)",
            "y=true, z=true",
            Status::Met,
        ),
        ("a.s.w / a.s.d > 1 || a.s.x", "x=true, d=0", Status::Met),
    ] {
        let outcome = status(&f, check, answers);
        assert_eq!(
            outcome.status, expected,
            "{check} with {answers}: {outcome:?}"
        );
    }
    let open = status(&f, "a.s.u || (a.s.d > 0 && a.s.n / a.s.d >= 2)", "d=0");
    assert_eq!(
        open.missing,
        ["s.u"],
        "only what can still change the outcome"
    );
}

#[test]
fn missing_names_only_questions_that_can_change_the_status() {
    let f = Fixture::new();
    // y cannot matter once x is false: `x && y` is false whatever y is.
    let o = status(&f, "(a.s.x && a.s.y) || a.s.z", "x=false");
    assert_eq!(o.missing, ["s.z"]);
    // Both matter.
    let o = status(&f, "a.s.x || a.s.y", "");
    assert_eq!(o.missing, ["s.x", "s.y"]);
    // x decides nothing here: both of its branches agree once z is known, so only z is named.
    let o = status(&f, "if a.s.x { a.s.z } else { a.s.z }", "");
    assert_eq!(o.missing, ["s.z"]);
}

/// Each operator's three-valued table: T, F, unknown (U), error (E), in both orders.
#[test]
fn three_valued_tables_of_every_operator() {
    let f = Fixture::new();
    // x=true, y=false, u unanswered, n=1, d=0 (so `n / d` fails).
    let given = "x=true, y=false, n=1, d=0";
    let (t, fl, u, e) = ("a.s.x", "a.s.y", "a.s.u", "(a.s.n / a.s.d > 0)");
    use Status::{Error as E, Gap as G, Met as M, Unanswered as U};
    let table: Vec<(String, Status)> = vec![
        (format!("{t} && {u}"), U),
        (format!("{u} && {t}"), U),
        (format!("{fl} && {u}"), G),
        (format!("{u} && {fl}"), G),
        (format!("{fl} && {e}"), G),
        (format!("{e} && {fl}"), G),
        (format!("{t} && {e}"), E),
        (format!("{e} && {t}"), E),
        (format!("{u} && {e}"), U),
        (format!("{e} && {u}"), U),
        (format!("{t} || {u}"), M),
        (format!("{u} || {t}"), M),
        (format!("{fl} || {u}"), U),
        (format!("{u} || {fl}"), U),
        (format!("{t} || {e}"), M),
        (format!("{e} || {t}"), M),
        (format!("{fl} || {e}"), E),
        (format!("{e} || {fl}"), E),
        (format!("{t} & {u}"), U),
        (format!("{fl} & {e}"), G),
        (format!("{t} | {e}"), M),
        (format!("!{u}"), U),
        (format!("!{e}"), E),
        (format!("!{fl}"), M),
        (format!("{u} == {u}"), M), // x == x is true whatever x is: decided exactly.
        (format!("{u} != {t}"), U),
        (format!("({e}) == {u}"), E),
        ("a.s.n + 1 > 1".into(), M),
        ("a.s.w + 1 > 1".into(), U),
        ("a.s.n - 1 == 0".into(), M),
        ("a.s.n * 3 == 3".into(), M),
        ("a.s.n % a.s.d == 0".into(), E),
        ("a.s.n / a.s.d == 0 || true".into(), M),
        ("-a.s.n < 0".into(), M),
        ("a.s.e == \"a\" || a.s.e != \"a\"".into(), M),
        ("a.s.e == \"a\"".into(), U),
        ("a.s.e in [\"a\", \"b\", \"c\"]".into(), M),
        ("\"a\" in a.s.t || !(\"a\" in a.s.t)".into(), M),
        ("a.s.t.len() >= 0".into(), M),
        ("a.s.t.len() > 3".into(), G),
        ("a.s.t.contains_all([])".into(), M),
        ("a.s.t.contains_any([])".into(), G),
        ("a.s.t.is_empty() || a.s.t.len() > 0".into(), M),
        ("a.s.w > 5 || a.s.w <= 5".into(), M),
        ("a.s.w >= 5 && a.s.w < 5".into(), G),
        (
            "a.s.since >= \"2020-01-01\" || a.s.since < \"2020-01-01\"".into(),
            M,
        ),
        ("if a.s.u { a.s.x } else { a.s.x }".into(), M),
        ("if a.s.u { a.s.x } else { a.s.y }".into(), U),
        ("if a.s.x { a.s.u } else { (a.s.n / a.s.d > 0) }".into(), U),
        ("if a.s.y { a.s.u } else { a.s.x }".into(), M),
        ("j.code == \"XA\"".into(), M),
        ("j.instruments.contains(\"cc-2019\")".into(), M),
        ("j.memberships.contains_any([\"coe\"])".into(), G),
        ("!j.fictional".into(), G),
        (
            "j.name.starts_with(\"Ex\") && j.name.ends_with(\"ple\")".into(),
            M,
        ),
        ("j.code.len() == 2".into(), M),
        ("j.code in \"XAXB\"".into(), M),
    ];
    for (check, expected) in table {
        let o = status(&f, &check, given);
        assert_eq!(o.status, expected, "{check}: {o:?}");
    }
}

#[test]
fn applies_when_and_partial_when_are_decided_exactly_too() {
    let f = Fixture::new();
    let rule = f.rule(Some("a.s.u"), "a.s.x", Some("a.s.y"));
    let o = |a: &str| f.outcome(&rule, &parse_answers(a));
    assert_eq!(
        o("x=true").status,
        Status::Unanswered,
        "met or not applicable"
    );
    assert_eq!(o("x=true").missing, ["s.u"]);
    assert_eq!(o("u=false").status, Status::NotApplicable);
    assert_eq!(o("u=true, x=false").status, Status::Unanswered);
    assert_eq!(o("u=true, x=false").missing, ["s.y"]);
    assert_eq!(o("u=true, x=false, y=true").status, Status::Partial);
    // partial_when and check that agree whatever x is: gap.
    let rule = f.rule(None, "a.s.x && a.s.y", Some("a.s.y"));
    assert_eq!(
        f.outcome(&rule, &parse_answers("y=false")).status,
        Status::Gap
    );
    // check false or partial whatever x is.
    let rule = f.rule(None, "a.s.x && a.s.y", Some("a.s.x || a.s.z"));
    assert_eq!(
        f.outcome(&rule, &parse_answers("y=false, z=true")).status,
        Status::Partial
    );
}

/// The rules whose open cases need no split are recognised (each question, or each value of
/// a set, read by one leaf that can go either way), and only those.
#[test]
fn kleene_logic_is_trusted_alone_only_where_it_is_exact() {
    let f = Fixture::new();
    let exact = |applies: Option<&str>, check: &str, partial: Option<&str>| {
        f.rule(applies, check, partial).kleene_is_exact
    };
    for check in [
        "a.s.x && (a.s.y || !a.s.z)",
        r#""a" in a.s.t && "b" in a.s.t"#,
        r#"a.s.e == "a" || (a.s.n >= 2 && a.s.u)"#,
        r#"a.s.t.contains_any(["a", "b"]) || "c" in a.s.t"#,
    ] {
        assert!(exact(None, check, None), "{check}");
    }
    assert!(exact(Some("a.s.u"), "a.s.x", Some("a.s.y || a.s.z")));
    for (applies, check, partial) in [
        // One question read twice: `e == "a" || e != "a"` is true, though Kleene logic
        // alone leaves it open.
        (None, r#"a.s.e == "a" || a.s.e == "b""#, None),
        (None, r#""a" in a.s.t || a.s.t.len() >= 2"#, None),
        (None, "a.s.n >= a.s.d", None),
        // Cannot be false on 0..=3.
        (None, "a.s.n >= 0 || a.s.x", None),
        // The same question in two conditions.
        (Some("a.s.x"), "a.s.x || a.s.y", None),
        (None, "a.s.y", Some("!a.s.y && a.s.z")),
        // An unbounded int compared with another answer has no values to try.
        (None, "a.s.w > 3 && a.s.n == a.s.w", None),
        // Arithmetic can fail (overflow, division by zero), so its leaf is not trusted.
        (None, "a.s.n + 1 > 2 || a.s.x", None),
    ] {
        assert!(
            !exact(applies, check, partial),
            "{applies:?} / {check} / {partial:?}"
        );
    }
}

#[test]
fn a_decision_beyond_the_bound_stays_unanswered() {
    let f = Fixture::new();
    // w is unbounded and used in arithmetic: it has no finite set of values to try.
    let o = status(&f, "a.s.w * a.s.w >= 0", "");
    assert_eq!(o.status, Status::Unanswered);
    assert_eq!(o.missing, ["s.w"]);
}

#[test]
fn the_cost_of_set_functions_does_not_grow_with_their_arguments() {
    // The old engine compared every pair (10^8 comparisons for two 10,000-item lists); a set
    // answer is one mask now, and literal lists are bounded when the rules load.
    let f = Fixture::new();
    let rule = f.rule(
        None,
        "a.s.t.contains_all([\"a\", \"b\", \"c\", \"a\", \"b\"]) || a.s.t.contains_any([\"c\"])",
        None,
    );
    let started = std::time::Instant::now();
    for _ in 0..10_000 {
        assert_eq!(
            f.outcome(&rule, &parse_answers("t=[a b]")).status,
            Status::Gap
        );
    }
    // Not a timing test: a bound an order of magnitude above the cost, to catch a blow-up.
    assert!(started.elapsed().as_secs() < 10);
}

// ---- Property tests: the engine against Rhai and against brute force ----

const BOOLS: [&str; 4] = ["a.s.x", "a.s.y", "a.s.z", "a.s.u"];

/// A generated condition: boolean operators over leaves. Rhai runs each leaf (so the
/// leaves' own arithmetic, comparisons and functions are Rhai's), and [`BoolTree::truth`]
/// combines them as SPEC 4 says: a decisive operand wins over an error in the other,
/// whichever side it is on. Rhai alone would give an error for `(1/0 == 1) && false`,
/// which SPEC decides as false.
#[derive(Clone, Debug)]
enum BoolTree {
    Leaf(String),
    Not(Box<BoolTree>),
    And(Box<BoolTree>, Box<BoolTree>, &'static str),
    Or(Box<BoolTree>, Box<BoolTree>, &'static str),
    Eq(Box<BoolTree>, Box<BoolTree>),
    If(Box<BoolTree>, Box<BoolTree>, Box<BoolTree>),
}

impl std::fmt::Display for BoolTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Rhai's `in` binds more loosely than `|` and `&`: every leaf stands in its own
            // parentheses, as the test is about evaluation, not precedence.
            BoolTree::Leaf(text) => write!(f, "({text})"),
            BoolTree::Not(b) => write!(f, "!({b})"),
            BoolTree::And(a, b, op) | BoolTree::Or(a, b, op) => write!(f, "({a} {op} {b})"),
            BoolTree::Eq(a, b) => write!(f, "({a} == {b})"),
            BoolTree::If(c, a, b) => write!(f, "(if {c} {{ {a} }} else {{ {b} }})"),
        }
    }
}

impl BoolTree {
    fn compile(&self, oracle: &Oracle) -> CompiledTree {
        let boxed = |t: &BoolTree| Box::new(t.compile(oracle));
        match self {
            BoolTree::Leaf(text) => CompiledTree::Leaf(Box::new(oracle.compile(text))),
            BoolTree::Not(b) => CompiledTree::Not(boxed(b)),
            BoolTree::And(a, b, _) => CompiledTree::And(boxed(a), boxed(b)),
            BoolTree::Or(a, b, _) => CompiledTree::Or(boxed(a), boxed(b)),
            BoolTree::Eq(a, b) => CompiledTree::Eq(boxed(a), boxed(b)),
            BoolTree::If(c, a, b) => CompiledTree::If(boxed(c), boxed(a), boxed(b)),
        }
    }
}

/// [`BoolTree`] with each leaf parsed once by Rhai.
enum CompiledTree {
    Leaf(Box<rhai::AST>),
    Not(Box<CompiledTree>),
    And(Box<CompiledTree>, Box<CompiledTree>),
    Or(Box<CompiledTree>, Box<CompiledTree>),
    Eq(Box<CompiledTree>, Box<CompiledTree>),
    If(Box<CompiledTree>, Box<CompiledTree>, Box<CompiledTree>),
}

impl CompiledTree {
    /// The truth on complete answers: `None` is an error.
    fn truth(&self, leaf: &dyn Fn(&rhai::AST) -> Option<bool>) -> Option<bool> {
        match self {
            CompiledTree::Leaf(ast) => leaf(ast),
            CompiledTree::Not(b) => b.truth(leaf).map(|b| !b),
            CompiledTree::And(a, b) => match (a.truth(leaf), b.truth(leaf)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            CompiledTree::Or(a, b) => match (a.truth(leaf), b.truth(leaf)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            CompiledTree::Eq(a, b) => Some(a.truth(leaf)? == b.truth(leaf)?),
            CompiledTree::If(c, a, b) => {
                if c.truth(leaf)? {
                    a.truth(leaf)
                } else {
                    b.truth(leaf)
                }
            }
        }
    }
}

fn bool_expr() -> impl Strategy<Value = BoolTree> {
    let word = prop_oneof![Just("a"), Just("b"), Just("c")];
    let list = proptest::collection::vec(prop_oneof![Just("a"), Just("b"), Just("c")], 0..3)
        .prop_map(|w| {
            format!(
                "[{}]",
                w.iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
    let cmp = prop_oneof![
        Just("=="),
        Just("!="),
        Just("<"),
        Just("<="),
        Just(">"),
        Just(">=")
    ];
    let leaf = prop_oneof![
        proptest::sample::select(BOOLS.to_vec()).prop_map(String::from),
        Just("true".to_owned()),
        Just("false".to_owned()),
        word.clone().prop_map(|w| format!("a.s.e == \"{w}\"")),
        word.clone().prop_map(|w| format!("\"{w}\" in a.s.t")),
        list.clone()
            .prop_map(|l| format!("a.s.t.contains_all({l})")),
        list.clone()
            .prop_map(|l| format!("a.s.t.contains_any({l})")),
        list.prop_map(|l| format!("a.s.e in {l}")),
        (cmp.clone(), 0..4i64).prop_map(|(op, k)| format!("a.s.t.len() {op} {k}")),
        (int_expr(), cmp, int_expr()).prop_map(|(l, op, r)| format!("{l} {op} {r}")),
    ]
    .prop_map(BoolTree::Leaf);
    leaf.prop_recursive(3, 16, 3, |inner| {
        let pair = (inner.clone(), inner.clone()).prop_map(|(a, b)| (Box::new(a), Box::new(b)));
        prop_oneof![
            inner.clone().prop_map(|b| BoolTree::Not(Box::new(b))),
            pair.clone().prop_map(|(a, b)| BoolTree::And(a, b, "&&")),
            pair.clone().prop_map(|(a, b)| BoolTree::Or(a, b, "||")),
            pair.clone().prop_map(|(a, b)| BoolTree::And(a, b, "&")),
            pair.clone().prop_map(|(a, b)| BoolTree::Or(a, b, "|")),
            pair.prop_map(|(a, b)| BoolTree::Eq(a, b)),
            (inner.clone(), inner.clone(), inner).prop_map(|(c, a, b)| BoolTree::If(
                Box::new(c),
                Box::new(a),
                Box::new(b)
            )),
        ]
    })
}

fn int_expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("a.s.n".to_owned()),
        Just("a.s.d".to_owned()),
        (0..4i64).prop_map(|k| k.to_string())
    ];
    leaf.prop_recursive(2, 6, 2, |inner| {
        let op = prop_oneof![Just("+"), Just("-"), Just("*"), Just("/"), Just("%")];
        (inner.clone(), op, inner).prop_map(|(l, op, r)| format!("({l} {op} {r})"))
    })
}

/// Every value of each question the generated conditions read (w and the date are not).
fn full_domain(id: &str) -> Vec<AnswerValue> {
    let set = |w: &[&str]| AnswerValue::Set(words(w));
    match id {
        "s.e" => ["a", "b", "c"]
            .iter()
            .map(|w| AnswerValue::Text((*w).into()))
            .collect(),
        "s.t" => vec![
            set(&[]),
            set(&["a"]),
            set(&["b"]),
            set(&["c"]),
            set(&["a", "b"]),
            set(&["a", "c"]),
            set(&["b", "c"]),
            set(&["a", "b", "c"]),
        ],
        "s.n" | "s.d" => (0..4).map(AnswerValue::Int).collect(),
        _ => vec![AnswerValue::Bool(false), AnswerValue::Bool(true)],
    }
}

const GENERATED: [&str; 8] = ["s.x", "s.y", "s.z", "s.u", "s.e", "s.t", "s.n", "s.d"];

/// The status SPEC's semantics give for complete answers, each condition run by Rhai.
fn oracle_status(
    f: &Fixture,
    oracle: &Oracle,
    trees: &[Option<CompiledTree>; 3],
    answers: &BTreeMap<String, AnswerValue>,
) -> Status {
    let leaf = |ast: &rhai::AST| {
        oracle
            .truth_of(ast, answers, &f.questionnaire, &f.jurisdiction)
            .ok()
    };
    if let Some(applies) = &trees[0] {
        match applies.truth(&leaf) {
            None => return Status::Error,
            Some(false) => return Status::NotApplicable,
            Some(true) => {}
        }
    }
    match trees[1].as_ref().unwrap().truth(&leaf) {
        None => Status::Error,
        Some(true) => Status::Met,
        Some(false) => match &trees[2] {
            None => Status::Gap,
            Some(p) => match p.truth(&leaf) {
                None => Status::Error,
                Some(true) => Status::Partial,
                Some(false) => Status::Gap,
            },
        },
    }
}

/// Every completion of `given` over the questions in `open`, in a fixed order.
fn completions(
    given: &BTreeMap<String, AnswerValue>,
    open: &[&str],
) -> Vec<BTreeMap<String, AnswerValue>> {
    let mut all = vec![given.clone()];
    for id in open {
        all = all
            .into_iter()
            .flat_map(|a| {
                full_domain(id).into_iter().map(move |v| {
                    let mut a = a.clone();
                    a.insert((*id).to_owned(), v);
                    a
                })
            })
            .collect();
    }
    all
}

fn partial_answers() -> impl Strategy<Value = BTreeMap<String, AnswerValue>> {
    // Each question answered with some value, or left open; at most five open.
    let per_question: Vec<_> = GENERATED
        .iter()
        .map(|id| (proptest::sample::select(full_domain(id)), any::<bool>()))
        .collect();
    per_question.prop_map(|choices| {
        let mut answers = BTreeMap::new();
        let mut open = 0;
        for (id, (value, answered)) in GENERATED.iter().zip(choices) {
            if answered || open >= 5 {
                answers.insert((*id).to_owned(), value);
            } else {
                open += 1;
            }
        }
        answers
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// On complete answers, a rule's status is the one SPEC's semantics give with the truths
    /// Rhai gives each leaf (true, false or an error), combined by [`CompiledTree::truth`].
    /// On partial answers, a decided status is the one every completion gives; a rule every
    /// completion of which agrees is decided; and `missing` names exactly the questions whose
    /// answer can change the status.
    #[test]
    fn generated_rules_are_decided_exactly_and_agree_with_rhai(
        check in bool_expr(),
        partial in proptest::option::of(bool_expr()),
        applies in proptest::option::of(bool_expr()),
        given in partial_answers(),
    ) {
        let f = Fixture::new();
        let oracle = Oracle::new();
        let texts = [applies.as_ref().map(|t| t.to_string()), Some(check.to_string()), partial.as_ref().map(|t| t.to_string())];
        let rule = f.rule(texts[0].as_deref(), texts[1].as_deref().unwrap(), texts[2].as_deref());
        let trees = [applies.as_ref().map(|t| t.compile(&oracle)), Some(check.compile(&oracle)), partial.as_ref().map(|t| t.compile(&oracle))];
        let open: Vec<&str> = GENERATED.iter().copied().filter(|id| !given.contains_key(*id)).collect();
        let all = completions(&given, &open);
        let statuses: Vec<Status> = all.iter().map(|a| oracle_status(&f, &oracle, &trees, a)).collect();
        // Complete answers: the engine is Rhai.
        for (a, expected) in all.iter().zip(&statuses).step_by(7) {
            let got = f.outcome(&rule, a);
            prop_assert_eq!(got.status, *expected, "complete answers {:?}", a);
        }
        let outcome = f.outcome(&rule, &given);
        // Where Kleene logic is known to be exact already, the case split would add nothing.
        let mut split = rule.clone();
        split.kleene_is_exact = false;
        prop_assert_eq!(&outcome, &f.outcome(&split, &given), "shortcut taken: {}", rule.kleene_is_exact);
        let distinct: BTreeSet<Status> = statuses.iter().copied().collect();
        if distinct.len() == 1 {
            prop_assert_eq!(outcome.status, statuses[0], "every completion gives {:?}; missing {:?}", statuses[0], outcome.missing);
        } else {
            prop_assert_eq!(outcome.status, Status::Unanswered, "completions disagree: {:?}", distinct);
            // Which open questions can change the status.
            let index: BTreeMap<Vec<String>, Status> = all
                .iter()
                .zip(&statuses)
                .map(|(a, s)| (open.iter().map(|q| format!("{:?}", a[*q])).collect(), *s))
                .collect();
            let mut matters = Vec::new();
            for (i, q) in open.iter().enumerate() {
                let changes = index.iter().any(|(key, s)| {
                    full_domain(q).iter().any(|v| {
                        let mut other = key.clone();
                        other[i] = format!("{v:?}");
                        index.get(&other).is_some_and(|t| t != s)
                    })
                });
                if changes {
                    matters.push((*q).to_owned());
                }
            }
            let mut reported = outcome.missing.clone();
            reported.sort();
            matters.sort();
            prop_assert_eq!(reported, matters);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The short-circuit code is a shortcut, never a second opinion: where it gives a truth,
    /// Kleene evaluation gives the same; and on complete answers it always gives one
    /// (unless a leaf can fail: then it may leave the case to Kleene evaluation).
    #[test]
    fn short_circuit_code_agrees_with_kleene_evaluation(
        check in bool_expr(),
        given in partial_answers(),
    ) {
        let f = Fixture::new();
        let rule = f.rule(None, &check.to_string(), None);
        let answers = f.answers(&given);
        let cx = Context { answers: &answers, layout: &f.layout, jurisdiction: &f.jurisdiction };
        let kleene = eval::eval(&rule.check.root, &cx);
        let short = rule.check.short_circuit.as_ref().expect("small").truth(&cx);
        if let Some(b) = short {
            prop_assert_eq!(&kleene, &Val::Known(Value::Bool(b)), "{}", check);
        }
        // The same answers completed (each open question given one of its values).
        let mut full = given.clone();
        for q in GENERATED {
            let values = full_domain(q);
            full.entry(q.to_owned()).or_insert_with(|| values[given.len() % values.len()].clone());
        }
        let answers = f.answers(&full);
        let cx = Context { answers: &answers, layout: &f.layout, jurisdiction: &f.jurisdiction };
        let kleene = eval::eval(&rule.check.root, &cx);
        let short = rule.check.short_circuit.as_ref().expect("small").truth(&cx);
        match short {
            Some(b) => prop_assert_eq!(&kleene, &Val::Known(Value::Bool(b)), "{}", check),
            None => prop_assert!(rule.check.root.can_fail(), "{} gave {:?}", check, kleene),
        }
    }
}

/// The shipped rule set, loaded once.
fn shipped() -> RuleSet {
    ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds"))
        .expect("shipped rules load")
}

/// Values worth trying for a shipped question: edges, constants the rules compare it with
/// and their neighbours, and every listed value.
fn interesting(
    set: &RuleSet,
    id: &str,
    constants: &BTreeMap<String, Vec<i64>>,
    pick: u64,
) -> AnswerValue {
    let q = &set.questionnaire.questions[id];
    match &q.kind {
        QuestionType::Bool => AnswerValue::Bool(pick.is_multiple_of(2)),
        QuestionType::Enum { values } => {
            AnswerValue::Text(values[pick as usize % values.len()].clone())
        }
        QuestionType::Set { values } => AnswerValue::Set(
            values
                .iter()
                .enumerate()
                .filter(|(i, _)| pick >> i & 1 == 1)
                .map(|(_, v)| v.clone())
                .collect(),
        ),
        QuestionType::Int { min, max } => {
            let (lo, hi) = (min.unwrap_or(0), max.unwrap_or(1000));
            let mut points = vec![lo, hi, (lo + hi) / 2];
            for k in constants.get(id).into_iter().flatten() {
                points.extend([k - 1, *k, k + 1]);
            }
            points.retain(|p| (lo..=hi).contains(p));
            AnswerValue::Int(points[pick as usize % points.len()])
        }
        QuestionType::Date => AnswerValue::Text(format!(
            "20{:02}-0{}-1{}",
            pick % 30,
            1 + pick % 9,
            pick % 9
        )),
        QuestionType::Text => AnswerValue::Text("text".into()),
    }
}

fn int_constants(set: &RuleSet) -> BTreeMap<String, Vec<i64>> {
    let mut out: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for rule in &set.rules {
        for (_, c) in rule.conditions() {
            c.root.visit(&mut |n| {
                if let Node::IntCmp { slot, k, .. } = n {
                    out.entry(set.layout.id(*slot).to_owned())
                        .or_default()
                        .push(*k);
                }
            });
        }
    }
    out
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every condition of every shipped rule gives, on complete answers, what Rhai gives.
    #[test]
    fn every_shipped_condition_agrees_with_rhai(seed in 1u64..u64::MAX) {
        let set = shipped();
        let oracle = Oracle::new();
        let constants = int_constants(&set);
        let mut state = seed;
        for rule in &set.rules {
            let j = &set.jurisdictions[xorshift(&mut state) as usize % set.jurisdictions.len()];
            let answers: BTreeMap<String, AnswerValue> = rule
                .reads
                .iter()
                .map(|q| (q.clone(), interesting(&set, q, &constants, xorshift(&mut state))))
                .collect();
            let laid_out = {
                let mut a = Answers::empty(&set.layout);
                for (q, v) in &answers {
                    let slot = set.layout.slot(q).unwrap();
                    a.set(slot, set.layout.cell(slot, v));
                }
                a
            };
            for (field, c) in rule.conditions() {
                let ours = acquis::engine::truth(c, j, &laid_out, &set.layout);
                let rhai = oracle.truth(&c.text.source, &answers, &set.questionnaire, j);
                let agree = matches!(
                    (&ours, &rhai),
                    (acquis::engine::Truth::True, Ok(true))
                        | (acquis::engine::Truth::False, Ok(false))
                        | (acquis::engine::Truth::Error(_), Err(_))
                );
                prop_assert!(agree, "{} {}: ours {:?}, Rhai {:?} for {:?}", rule.rule.id, field, ours, rhai, answers);
            }
        }
    }

    /// Answering one more question never changes a decided status of a shipped rule.
    #[test]
    fn answering_one_more_question_never_changes_a_decided_status(seed in 1u64..u64::MAX) {
        let set = shipped();
        let constants = int_constants(&set);
        let mut state = seed;
        for rule in &set.rules {
            let j = &set.jurisdictions[xorshift(&mut state) as usize % set.jurisdictions.len()];
            let mut answers = Answers::empty(&set.layout);
            let mut open = Vec::new();
            for q in &rule.reads {
                let slot = set.layout.slot(q).unwrap();
                if xorshift(&mut state).is_multiple_of(2) {
                    answers.set(slot, set.layout.cell(slot, &interesting(&set, q, &constants, xorshift(&mut state))));
                } else {
                    open.push((q.clone(), slot));
                }
            }
            let before = rule.evaluate(j, &answers, &set.layout, "T");
            for (q, slot) in &open {
                let mut more = answers.clone();
                more.set(*slot, set.layout.cell(*slot, &interesting(&set, q, &constants, xorshift(&mut state))));
                let after = rule.evaluate(j, &more, &set.layout, "T");
                if before.status != Status::Unanswered {
                    prop_assert_eq!(before.status, after.status, "{} answering {}", rule.rule.id, q);
                } else if !before.missing.contains(&q.as_str()) {
                    // A question not named as missing cannot change the status either.
                    prop_assert!(after.status == Status::Unanswered || before.missing.is_empty(), "{}: {} was not named missing but decided it", rule.rule.id, q);
                }
            }
        }
    }
}

/// `Layout::answers` finds each answer's slot by walking the sorted answers beside the
/// sorted slots; every answered question must land in its own slot, whichever questions
/// are answered (here: synthetic assessments of several jurisdictions, each with a
/// different tenth left unanswered, and the same with every other answer removed).
#[test]
fn every_answer_lands_in_its_own_slot() {
    let set = shipped();
    for seed in 0..20u64 {
        let text =
            acquis::synth::assessment(&set, ["XA", "SI", "DK", "IE"][seed as usize % 4], seed);
        let mut assessment = acquis::questionnaire::read_assessment(
            "synthetic.yaml",
            text.as_bytes(),
            &set.questionnaire,
            &set.jurisdictions,
        )
        .expect("valid");
        for thinned in [false, true] {
            if thinned {
                let ids: Vec<String> = assessment.answers.keys().cloned().collect();
                for id in ids.iter().skip(seed as usize % 2).step_by(2) {
                    assessment.answers.remove(id);
                }
            }
            // Answers no question declares (a checked assessment has none) are skipped, and
            // do not take the slot of the question after them.
            let mut odd = assessment.clone();
            let some_answer = assessment.answers.values().next().expect("answers").clone();
            for id in [
                "a.first",
                "icse.a_before_the_first",
                "prevention.zz",
                "zz.last",
            ] {
                odd.answers.insert(id.to_owned(), some_answer.clone());
            }
            let mut expected = Answers::empty(&set.layout);
            for (id, answer) in &assessment.answers {
                let slot = set.layout.slot(id).expect("declared");
                let cell = answer.value.as_ref().and_then(|v| set.layout.cell(slot, v));
                expected.set(slot, cell);
            }
            assert_eq!(
                set.layout.answers(&assessment),
                expected,
                "seed {seed}, thinned {thinned}"
            );
            assert_eq!(
                set.layout.answers(&odd),
                expected,
                "seed {seed}, thinned {thinned}, with undeclared answers"
            );
        }
    }
}
