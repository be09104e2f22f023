//! The compile step: a rule set's records (`load`) become the [`RuleSet`] that `check`
//! runs, every condition compiled once against the questionnaire's layout.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::condition::{Compiler, Layout};
use crate::diagnostic::{Diagnostic, Pos};
use crate::engine::CompiledRule;
use crate::load::{self, FileSet, Records, RuleFile};
use crate::model::{Instrument, Jurisdiction, Questionnaire};

/// Everything needed to evaluate assessments.
pub struct RuleSet {
    pub instruments: Vec<Instrument>,
    pub jurisdictions: Vec<Jurisdiction>,
    pub questionnaire: Questionnaire,
    pub rules: Vec<CompiledRule>,
    /// `sha256:…` over every rule, questionnaire and catalogue file.
    pub digest: String,
    /// Where each question's answer lives when conditions are evaluated.
    pub layout: Layout,
    /// Problems that do not stop evaluation.
    pub warnings: Vec<Diagnostic>,
    /// The text of each rule file, by name (for lint messages that quote lines).
    pub rule_texts: BTreeMap<String, String>,
    /// `coverage.yaml` of the rule set (name and text), read by `acquis rules coverage`.
    pub coverage_file: Option<(String, String)>,
    /// Position of each rule in `rules`, by id.
    rule_index: std::collections::HashMap<String, usize>,
}

impl RuleSet {
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }

    /// The jurisdiction with this code, in any case (`si` is SI).
    pub fn jurisdiction(&self, code: &str) -> Option<&Jurisdiction> {
        self.jurisdictions
            .iter()
            .find(|j| j.code == code)
            .or_else(|| {
                self.jurisdictions
                    .iter()
                    .find(|j| j.code.eq_ignore_ascii_case(code))
            })
    }

    pub fn rule(&self, id: &str) -> Option<&CompiledRule> {
        self.rule_index.get(id).map(|&i| &self.rules[i])
    }

    /// The questions read by the rules of the instruments that bind or address
    /// `jurisdiction`, in questionnaire order: what its coordinator is asked.
    pub fn questions_for(&self, jurisdiction: &Jurisdiction) -> Vec<&str> {
        let read: std::collections::BTreeSet<&str> = self
            .rules
            .iter()
            .filter(|r| jurisdiction.is_addressed_by(&r.rule.instrument))
            .flat_map(|r| r.reads.iter().map(String::as_str))
            .collect();
        self.questionnaire
            .sections
            .iter()
            .flat_map(|s| s.questions.iter().map(String::as_str))
            .filter(|q| read.contains(q))
            .collect()
    }
}

/// Loads and compiles a rule set; every problem of every file is reported at once.
pub fn load(rules: &FileSet, seeds: &FileSet) -> Result<RuleSet, Vec<Diagnostic>> {
    let (set, diagnostics) = load_partial(rules, seeds);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(RuleSet {
        warnings: diagnostics,
        ..set
    })
}

/// Loads what can be loaded: the rule set holds every rule that compiled, and the
/// diagnostics every problem (errors included), so that `rules lint` can check the rules
/// that loaded beside the files that did not.
pub fn load_partial(rules: &FileSet, seeds: &FileSet) -> (RuleSet, Vec<Diagnostic>) {
    compile(load::read(rules, seeds))
}

/// Compiles every condition of the records (each rule on its own, in parallel) and settles
/// what depends on several rules: unique ids and the order every report lists them in.
pub fn compile(records: Records) -> (RuleSet, Vec<Diagnostic>) {
    let Records {
        digest,
        instruments,
        jurisdictions,
        questionnaire,
        rule_files,
        mut diagnostics,
        coverage_file,
    } = records;
    let layout = Layout::new(&questionnaire);
    let compiler = Compiler::new(&questionnaire, &layout);
    let outcomes: Vec<(RuleFile, Option<CompiledRule>)> = rule_files
        .into_par_iter()
        .map(|mut file| {
            let compiled = match file.rule.take() {
                None => None,
                Some(rule) => {
                    let text = file.text.as_ref().map_or("", |(t, _)| t.as_str());
                    match CompiledRule::compile(&compiler, &layout, rule, text) {
                        Ok(c) => Some(c),
                        Err(mut d) => {
                            file.diagnostics.append(&mut d);
                            None
                        }
                    }
                }
            };
            (file, compiled)
        })
        .collect();
    let mut compiled: Vec<CompiledRule> = Vec::new();
    let mut first_seen: BTreeMap<String, String> = BTreeMap::new();
    let mut rule_texts = BTreeMap::new();
    for (outcome, rule) in outcomes {
        diagnostics.extend(outcome.diagnostics);
        let Some((text, id_pos)) = outcome.text else {
            continue;
        };
        if let Some(rule) = rule {
            if let Some(other) = first_seen.get(&rule.rule.id) {
                diagnostics.push(
                    Diagnostic::error(
                        &outcome.name,
                        id_pos,
                        format!("rule id `{}` is also used by {other}", rule.rule.id),
                    )
                    .with_help("rule ids are unique; give this rule another id")
                    .with_source(&text),
                );
            } else {
                first_seen.insert(rule.rule.id.clone(), outcome.name.clone());
                compiled.push(rule);
            }
        }
        rule_texts.insert(outcome.name, text);
    }
    if compiled.is_empty() && !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.push(
            Diagnostic::error("rules", Pos::FILE, "the rule set has no rules")
                .with_help("rules live in one folder per instrument, e.g. `rules/directive-2011-93/art10-records.yaml`"),
        );
    }
    // Every report lists rules in this order (binding instruments first, then by article
    // and paragraph as numbers), so it is settled once here.
    let force_of = |instrument: &str| {
        instruments
            .iter()
            .find(|i| i.id == instrument)
            .map(|i| i.force)
    };
    compiled.sort_by_cached_key(|c| {
        (
            force_of(&c.rule.instrument),
            crate::model::citation_order(&c.rule.id),
        )
    });
    for rule in &mut compiled {
        rule.instrument_index = instruments
            .iter()
            .position(|i| i.id == rule.rule.instrument);
    }
    let rule_index = compiled
        .iter()
        .enumerate()
        .map(|(i, c)| (c.rule.id.clone(), i))
        .collect();
    let set = RuleSet {
        digest,
        instruments,
        jurisdictions,
        questionnaire,
        rules: compiled,
        layout,
        warnings: Vec::new(),
        rule_texts,
        rule_index,
        coverage_file,
    };
    (set, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rule_set_loads() {
        let set =
            load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap_or_else(|d| {
                panic!(
                    "{}",
                    d.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
        assert!(set.rules.len() >= 4);
        assert!(set.jurisdiction("DK").is_some());
        assert!(set.digest.starts_with("sha256:"));
        // Evaluation finds each rule's instrument by the index compiled with it.
        for rule in &set.rules {
            let index = rule
                .instrument_index
                .expect("every shipped instrument is known");
            assert_eq!(
                set.instruments[index].id, rule.rule.instrument,
                "{}",
                rule.rule.id
            );
        }
    }
}
