//! Maintainers' tools over a loaded rule set: running rule examples as tests
//! (`acquis rules test`) and the checks of `acquis rules lint` that go beyond
//! loading (example coverage, quotes, unused questions).

use std::collections::BTreeSet;

use crate::check;
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::engine::{CompiledRule, Outcome};
use crate::lang::Lang;
use crate::model::{Assessment, Example, Jurisdiction, Status, Translations};
use crate::ruleset::RuleSet;

/// The jurisdiction rule examples run as unless they name one: addressed by every instrument.
pub fn example_jurisdiction(set: &RuleSet) -> Jurisdiction {
    Jurisdiction {
        code: "ZZ".into(),
        name: "Example jurisdiction (bound by every instrument)".into(),
        memberships: vec!["eu".into(), "coe".into()],
        instruments: set.instruments.iter().map(|i| i.id.clone()).collect(),
        notes: Vec::new(),
        fictional: true,
        translations: Default::default(),
        pos: Default::default(),
    }
}

/// Evaluates one rule on one of its examples.
pub fn run_example<'r>(
    set: &RuleSet,
    rule: &'r CompiledRule,
    example: &Example,
    default: &Jurisdiction,
) -> Outcome<'r> {
    let jurisdiction = example
        .jurisdiction
        .as_deref()
        .and_then(|code| set.jurisdiction(code))
        .unwrap_or(default);
    let assessment = Assessment {
        file: rule.rule.file.clone(),
        jurisdiction: jurisdiction.code.clone(),
        period: "example".into(),
        prepared_by: None,
        date: None,
        illustrative: false,
        answers: example.answers.clone(),
    };
    let answers = set.layout.answers(&assessment);
    check::evaluate_rule(set, rule, jurisdiction, &answers).1
}

#[derive(Debug)]
pub struct ExampleFailure<'r> {
    pub rule: String,
    pub file: String,
    pub pos: Pos,
    pub example: String,
    pub expected: Status,
    pub actual: Outcome<'r>,
    /// The example's answers as `question = value` lines.
    pub inputs: Vec<String>,
}

#[derive(Debug, Default)]
pub struct TestReport<'r> {
    pub passed: usize,
    pub failures: Vec<ExampleFailure<'r>>,
}

/// Runs every example of every rule.
pub fn test_examples(set: &RuleSet) -> TestReport<'_> {
    let default = example_jurisdiction(set);
    let mut report = TestReport::default();
    for rule in &set.rules {
        for example in &rule.rule.examples {
            let outcome = run_example(set, rule, example, &default);
            if outcome.status == example.expect {
                report.passed += 1;
            } else {
                report.failures.push(ExampleFailure {
                    rule: rule.rule.id.clone(),
                    file: rule.rule.file.clone(),
                    pos: example.pos,
                    example: example.name.clone(),
                    expected: example.expect,
                    actual: outcome,
                    inputs: example
                        .answers
                        .iter()
                        .map(|(q, a)| match &a.value {
                            Some(v) => {
                                format!("{q} = {}", serde_json::to_string(v).unwrap_or_default())
                            }
                            None => format!("{q} = (unanswered)"),
                        })
                        .collect(),
                });
            }
        }
    }
    report
}

/// Statuses a rule can produce, so each deserves an example.
pub fn producible_statuses(rule: &CompiledRule) -> Vec<Status> {
    let mut statuses = vec![Status::Met, Status::Gap];
    if rule.partial_when.is_some() {
        statuses.push(Status::Partial);
    }
    if rule.applies_when.is_some() {
        statuses.push(Status::NotApplicable);
    }
    statuses
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first part of the ids of an instrument's rules: `dir-2011-93` for
/// `directive-2011-93`, the instrument id itself otherwise.
pub fn id_prefix(instrument: &str) -> String {
    match instrument.strip_prefix("directive-") {
        Some(rest) => format!("dir-{rest}"),
        None => instrument.to_owned(),
    }
}

/// The project's id convention: `<prefix>.<article or paragraph>.<what>`,
/// e.g. `dir-2011-93.art10.records-for-recruitment`.
fn id_convention_problem(id: &str, instrument: &str) -> Option<String> {
    let prefix = id_prefix(instrument);
    let parts: Vec<&str> = id.split('.').collect();
    if parts.len() < 3 {
        return Some(format!(
            "rule id `{id}` should have three parts: `{prefix}.<article or paragraph>.<what the rule checks>`"
        ));
    }
    if parts[0] != prefix {
        return Some(format!(
            "rule id `{id}` should start with `{prefix}.`, the prefix of instrument `{instrument}`"
        ));
    }
    None
}

/// Problems a rule set can load with but must not ship with. The set may be partial (some
/// rule files did not load): a question named in such a file is not reported unread.
pub fn lint(set: &RuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let text_of = |file: &str| set.rule_texts.get(file).map(String::as_str).unwrap_or("");
    for compiled in &set.rules {
        let rule = &compiled.rule;
        if let Some(problem) = id_convention_problem(&rule.id, &rule.instrument) {
            out.push(
                Diagnostic::error(&rule.file, rule.pos, problem)
                    .with_code(Code::IdConvention)
                    .with_help(format!(
                        "e.g. `{}.art10.records-for-recruitment`; ids are stable once shipped",
                        id_prefix(&rule.instrument)
                    ))
                    .with_source(text_of(&rule.file)),
            );
        }
        let folder = std::path::Path::new(&rule.file)
            .parent()
            .and_then(|p| p.file_name())
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        if folder != rule.instrument {
            out.push(
                Diagnostic::error(
                    &rule.file,
                    Pos::FILE,
                    format!("a rule of `{}` lives in folder `{folder}`", rule.instrument),
                )
                .with_code(Code::RuleFolder)
                .with_help(format!("move the file to `rules/{}/`", rule.instrument)),
            );
        }
        let covered: BTreeSet<Status> = rule.examples.iter().map(|e| e.expect).collect();
        let lacking: Vec<&str> = producible_statuses(compiled)
            .into_iter()
            .filter(|s| !covered.contains(s))
            .map(Status::as_str)
            .collect();
        if !lacking.is_empty() {
            out.push(
                Diagnostic::error(
                    &rule.file,
                    rule.pos,
                    format!("rule `{}` has no example for {}", rule.id, lacking.join(", ")),
                )
                .with_code(Code::ExampleCoverage)
                .with_help("add an entry under `examples:` with answers that give that status and `expect: <status>`")
                .with_source(text_of(&rule.file)),
            );
        }
        for source in &rule.sources {
            let Some(quote) = &source.quote else { continue };
            let Some(instrument) = set.instrument(&source.doc) else {
                continue;
            };
            match &instrument.text {
                None => out.push(
                    Diagnostic::error(
                        &rule.file,
                        source.pos,
                        format!("`{}` has no source text in seeds/sources/, so its quote cannot be verified", source.doc),
                    )
                    .with_code(Code::QuoteWithoutText)
                    .with_help("quote only from the texts in seeds/sources/; cite the article without `quote`")
                    .with_source(text_of(&rule.file)),
                ),
                Some(text) if !normalise(text).contains(&normalise(quote)) => out.push(
                    Diagnostic::error(
                        &rule.file,
                        source.pos,
                        format!("the quote does not occur in the text of `{}`", source.doc),
                    )
                    .with_code(Code::QuoteNotFound)
                    .with_help(format!(
                        "copy the words exactly from seeds/sources/{}",
                        instrument.file.as_deref().unwrap_or("")
                    ))
                    .with_source(text_of(&rule.file)),
                ),
                Some(_) => {}
            }
        }
    }
    // Every rule records that it was read against its official text; a rule whose text could
    // not be read says where it was looked for, and is listed as a warning until it is read.
    for compiled in &set.rules {
        let rule = &compiled.rule;
        match (&rule.verified, &rule.unverified) {
            (Some(_), _) => {}
            (None, Some(unverified)) => out.push(
                Diagnostic::warning(
                    &rule.file,
                    rule.pos,
                    format!(
                        "`{}` has not been read against its official text (searched on {}: {})",
                        rule.id, unverified.date, unverified.searched
                    ),
                )
                .with_code(Code::UnverifiedRules)
                .with_help("read it against the official text, then replace `unverified:` with `verified: { text: <OJ reference or ELI>, date: YYYY-MM-DD }`")
                .with_source(text_of(&rule.file)),
            ),
            (None, None) => out.push(
                Diagnostic::error(
                    &rule.file,
                    rule.pos,
                    format!(
                        "`{}` has no `verified:` record of a check against its official text",
                        rule.id
                    ),
                )
                .with_code(Code::UnverifiedRules)
                .with_help("read the article and the rule's wording against the official text, then add `verified: { text: <OJ reference or ELI, article, language>, date: YYYY-MM-DD }`; if the text cannot be found, record the search in `unverified: { searched: <where you looked>, date: YYYY-MM-DD }`")
                .with_source(text_of(&rule.file)),
            ),
        }
    }
    out.extend(missing_translations(set));
    let read: BTreeSet<&str> = set
        .rules
        .iter()
        .flat_map(|r| r.reads.iter().map(String::as_str))
        .collect();
    let loaded: BTreeSet<&str> = set.rules.iter().map(|r| r.rule.file.as_str()).collect();
    let named_in_unloaded = |id: &str| {
        set.rule_texts.iter().any(|(file, text)| {
            !loaded.contains(file.as_str()) && text.contains(&format!("a.{id}"))
        })
    };
    for (id, question) in &set.questionnaire.questions {
        if !read.contains(id.as_str())
            && !named_in_unloaded(id)
            && !matches!(question.kind, crate::model::QuestionType::Text)
        {
            out.push(
                Diagnostic::warning(
                    set.questionnaire
                        .section(&question.section)
                        .map_or("rules/questions", |s| s.file.as_str()),
                    Pos::FILE,
                    format!("no rule reads question `{id}`"),
                )
                .with_code(Code::UnreadQuestion)
                .with_help("remove the question, or write the rule that uses it"),
            );
        }
    }
    out
}

/// One warning per record that lacks a translation into a language acquis offers, naming the
/// fields to add, at the record's line (`rules lint`, code `missing-translation`).
fn missing_translations(set: &RuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |file: &str, pos: Pos, what: String, lang: Lang, missing: Vec<&str>| {
        if missing.is_empty() {
            return;
        }
        out.push(
            Diagnostic::warning(
                file,
                pos,
                format!("{what} has no {} translation of {}", lang.english_name(), list_of(&missing)),
            )
            .with_code(Code::MissingTranslation)
            .with_help(format!(
                "add `translations: {{ {}: {{ {} }} }}`: a paraphrase exactly as strong as the English",
                lang.code(),
                missing.iter().map(|f| format!("{f}: …")).collect::<Vec<_>>().join(", ")
            )),
        );
    };
    let lacking =
        |t: &Translations, lang: Lang, fields: &[(&'static str, bool)]| -> Vec<&'static str> {
            fields
                .iter()
                .filter(|(f, has)| *has && t.get(lang, f).is_none())
                .map(|(f, _)| *f)
                .collect()
        };
    for lang in Lang::TRANSLATED {
        for compiled in &set.rules {
            let rule = &compiled.rule;
            let fields = [("title", true), ("obligation", true), ("remedy", true)];
            let missing = lacking(&rule.translations, lang, &fields);
            warn(
                &rule.file,
                rule.pos,
                format!("rule `{}`", rule.id),
                lang,
                missing,
            );
        }
        for section in &set.questionnaire.sections {
            let missing = lacking(&section.translations, lang, &[("title", true)]);
            warn(
                &section.file,
                section.pos,
                format!("section `{}`", section.name),
                lang,
                missing,
            );
            for id in &section.questions {
                let Some(q) = set.questionnaire.questions.get(id) else {
                    continue;
                };
                let fields = [("text", true), ("help", q.help.is_some())];
                let missing = lacking(&q.translations, lang, &fields);
                warn(
                    &section.file,
                    q.pos,
                    format!("question `{id}`"),
                    lang,
                    missing,
                );
            }
        }
        for i in &set.instruments {
            let missing = lacking(&i.translations, lang, &[("short", true), ("title", true)]);
            warn(
                "seeds/sources.yaml",
                i.pos,
                format!("instrument `{}`", i.id),
                lang,
                missing,
            );
        }
        for j in &set.jurisdictions {
            let missing = lacking(&j.translations, lang, &[("name", true)]);
            warn(
                "seeds/jurisdictions.yaml",
                j.pos,
                format!("jurisdiction `{}`", j.code),
                lang,
                missing,
            );
        }
    }
    out
}

fn list_of(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}
