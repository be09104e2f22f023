//! From files to a ready rule set: the instrument catalogue, the jurisdictions,
//! the questionnaire and the rules, each condition compiled once.
//!
//! Files come from a [`FileSet`]: the copy built into the binary, or a folder
//! given with `--rules` / `--seeds`. All problems of all files are collected
//! and returned together, each with its file, line and column.

use std::collections::BTreeMap;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::condition::{Compiler, Layout};
use crate::diagnostic::{Diagnostic, Pos};
use crate::engine::CompiledRule;
use crate::model::{Instrument, Jurisdiction, Questionnaire};
use crate::questionnaire::{self};
use crate::yaml::{self, Node, Reader};

mod files;
mod rule;
mod seeds;

pub use files::{FileSet, InputFile, read_bounded};
pub use rule::is_rule_id;
use rule::read_rule;
use seeds::{check_source_docs, read_catalogue, read_jurisdictions};

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
    let mut diagnostics = Vec::new();
    // Parsing is most of the cost of loading; every YAML file is parsed at once, in parallel.
    // The digest (sha256 over every file) is computed beside the parsing, on another core.
    let (parsed, digest) = rayon::join(
        || {
            parse_all(
                rules
                    .files
                    .iter()
                    .chain(&seeds.files)
                    .filter(|f| is_yaml(&f.rel)),
            )
        },
        || digest(rules, seeds),
    );
    let parsed = &parsed;
    let instruments = read_catalogue(seeds, parsed, &mut diagnostics);
    let jurisdictions = read_jurisdictions(seeds, parsed, &instruments, &mut diagnostics);

    let mut questionnaire = Questionnaire::default();
    let mut question_files: Vec<&InputFile> = rules
        .files
        .iter()
        .filter(|f| f.rel.starts_with("questions/") && is_yaml(&f.rel))
        .collect();
    question_files.sort_by(|a, b| a.rel.cmp(&b.rel));
    if question_files.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                "rules/questions",
                Pos::FILE,
                "the rule set has no questionnaire",
            )
            .with_help("the questionnaire is one YAML file per section in `questions/`"),
        );
    }
    for file in question_files {
        let Some((text, root)) = parse(file, parsed, &mut diagnostics) else {
            continue;
        };
        let mut r = Reader::new(&file.name, text);
        let mut refs = Vec::new();
        questionnaire::read_section(&mut r, root, &mut questionnaire, &mut refs);
        check_source_docs(&mut r, &refs, &instruments);
        diagnostics.append(&mut r.diagnostics);
    }

    questionnaire
        .sections
        .sort_by(|a, b| (a.order, &a.name).cmp(&(b.order, &b.name)));
    let layout = Layout::new(&questionnaire);
    let compiler = Compiler::new(&questionnaire, &layout);
    let mut compiled: Vec<CompiledRule> = Vec::new();
    let mut first_seen: BTreeMap<String, String> = BTreeMap::new();
    let mut rule_texts = BTreeMap::new();
    // Each rule file is parsed, read and compiled on its own, so the files are handled in
    // parallel; what depends on several files (duplicate ids) is checked after, in file order.
    let rule_files: Vec<&InputFile> = rules
        .files
        .iter()
        .filter(|f| is_rule_file(&f.rel))
        .collect();
    let outcomes: Vec<RuleFileOutcome> = rule_files
        .par_iter()
        .map(|file| {
            read_rule_file(
                file,
                parsed,
                &compiler,
                &layout,
                &instruments,
                &jurisdictions,
                &questionnaire,
            )
        })
        .collect();
    for outcome in outcomes {
        diagnostics.extend(outcome.diagnostics);
        let Some((text, id_pos)) = outcome.text else {
            continue;
        };
        if let Some(rule) = outcome.rule {
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
        coverage_file: rules.get("coverage.yaml").map(|f| {
            (
                f.name.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        }),
    };
    (set, diagnostics)
}

/// What one rule file gives: its text and the position of its id (when it parsed), the
/// compiled rule (when it had no error), and its problems.
struct RuleFileOutcome {
    name: String,
    text: Option<(String, Pos)>,
    rule: Option<CompiledRule>,
    diagnostics: Vec<Diagnostic>,
}

fn read_rule_file(
    file: &InputFile,
    parsed: &Parsed,
    compiler: &Compiler,
    layout: &Layout,
    instruments: &[Instrument],
    jurisdictions: &[Jurisdiction],
    questionnaire: &Questionnaire,
) -> RuleFileOutcome {
    let mut diagnostics = Vec::new();
    let outcome = |text, rule, diagnostics| RuleFileOutcome {
        name: file.name.clone(),
        text,
        rule,
        diagnostics,
    };
    let Some((text, root)) = parse(file, parsed, &mut diagnostics) else {
        return outcome(None, None, diagnostics);
    };
    let id_pos = root.get("id").map_or(Pos::FILE, |n| n.pos);
    let mut r = Reader::new(&file.name, text);
    let rule = read_rule(&mut r, root, instruments, jurisdictions, questionnaire);
    let had_errors = r.has_errors();
    diagnostics.append(&mut r.diagnostics);
    let compiled = match rule.filter(|_| !had_errors) {
        None => None,
        Some(rule) => match CompiledRule::compile(compiler, layout, rule, text) {
            Ok(c) => Some(c),
            Err(mut d) => {
                diagnostics.append(&mut d);
                None
            }
        },
    };
    outcome(Some((text.to_owned(), id_pos)), compiled, diagnostics)
}

fn is_yaml(rel: &str) -> bool {
    rel.ends_with(".yaml") || rel.ends_with(".yml")
}

/// `<instrument>/<rule>.yaml`: one level of folders, not the questionnaire.
fn is_rule_file(rel: &str) -> bool {
    is_yaml(rel) && !rel.starts_with("questions/") && rel.matches('/').count() == 1
}

/// YAML files parsed ahead, all at once and in parallel, by name.
pub(super) type Parsed = std::collections::HashMap<String, Result<(String, Node), Diagnostic>>;

fn parse_all<'f>(files: impl IntoIterator<Item = &'f InputFile>) -> Parsed {
    let files: Vec<&InputFile> = files.into_iter().collect();
    files
        .par_iter()
        .map(|f| (f.name.clone(), yaml::parse_bytes(&f.name, &f.bytes)))
        .collect()
}

fn parse<'p>(
    file: &InputFile,
    parsed: &'p Parsed,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'p str, &'p Node)> {
    match parsed.get(&file.name)? {
        Ok((_, node)) if node.is_null() => {
            diagnostics.push(Diagnostic::error(
                &file.name,
                Pos::FILE,
                "the file is empty",
            ));
            None
        }
        Ok((text, node)) => Some((text, node)),
        Err(d) => {
            diagnostics.push(d.clone());
            None
        }
    }
}

fn digest(rules: &FileSet, seeds: &FileSet) -> String {
    let mut hasher = Sha256::new();
    let mut parts: Vec<(&str, &InputFile)> = rules
        .files
        .iter()
        .filter(|f| is_yaml(&f.rel))
        .map(|f| ("rules", f))
        .chain(
            seeds
                .files
                .iter()
                .filter(|f| is_yaml(&f.rel))
                .map(|f| ("seeds", f)),
        )
        .collect();
    parts.sort_by(|a, b| (a.0, &a.1.rel).cmp(&(b.0, &b.1.rel)));
    for (set, f) in parts {
        hasher.update(set.as_bytes());
        hasher.update(b"/");
        hasher.update(f.rel.as_bytes());
        hasher.update([0]);
        hasher.update((f.bytes.len() as u64).to_le_bytes());
        hasher.update(&f.bytes);
    }
    let hash = hasher.finalize();
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// A seeds file, parsed: its name in messages, its text and its tree.
pub(super) fn seed_file<'p>(
    seeds: &FileSet,
    parsed: &'p Parsed,
    rel: &str,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, &'p str, &'p Node)> {
    let Some(file) = seeds.get(rel) else {
        diagnostics.push(Diagnostic::error(
            format!("seeds/{rel}"),
            Pos::FILE,
            format!("{what} is missing"),
        ));
        return None;
    };
    let (text, root) = parse(file, parsed, diagnostics)?;
    Some((file.name.clone(), text, root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_follow_the_convention() {
        assert!(is_rule_id("dir-2011-93.art10.records-for-recruitment"));
        assert!(!is_rule_id("Dir.x"));
        assert!(!is_rule_id("dir..x"));
        assert!(!is_rule_id("dir_x"));
        assert!(!is_rule_id("9dir"));
    }

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
    }
}
