//! From files to plain records: the instrument catalogue, the jurisdictions, the
//! questionnaire and the rules, each with its position. Compiling the conditions is
//! the next step (`ruleset`); nothing here knows the condition language.
//!
//! Files come from a [`FileSet`]: the copy built into the binary, or a folder
//! given with `--rules` / `--seeds`. All problems of all files are collected
//! and returned together, each with its file, line and column.

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{Instrument, Jurisdiction, Questionnaire, Rule};
use crate::questionnaire::{self};
use crate::yaml::{self, Node, Reader};

mod files;
mod rule;
mod seeds;

pub use files::{FileSet, InputFile};
pub use rule::is_rule_id;
use rule::read_rule;
use seeds::{check_source_docs, read_catalogue, read_jurisdictions};

/// A rule set as read from its files, before any condition is compiled.
pub struct Records {
    /// `sha256:…` over every rule, questionnaire and catalogue file.
    pub digest: String,
    pub instruments: Vec<Instrument>,
    pub jurisdictions: Vec<Jurisdiction>,
    /// Sections in their order.
    pub questionnaire: Questionnaire,
    /// Every rule file, in file order.
    pub rule_files: Vec<RuleFile>,
    /// The problems of every file but the rule files.
    pub diagnostics: Vec<Diagnostic>,
    /// `coverage.yaml` of the rule set (name and text), read by `acquis rules coverage`.
    pub coverage_file: Option<(String, String)>,
}

/// What one rule file gives: its text and the position of its id (when it parsed), its
/// rule record (when it had no error), and its problems.
pub struct RuleFile {
    pub name: String,
    pub text: Option<(String, Pos)>,
    pub rule: Option<Rule>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and reads one rule file; its tree is dropped as soon as the rule is read, so that
/// loading never holds the trees of every rule at once (#17: fewer pages touched at start).
fn read_rule_file(
    file: &InputFile,
    instruments: &[Instrument],
    jurisdictions: &[Jurisdiction],
    questionnaire: &Questionnaire,
) -> RuleFile {
    let mut diagnostics = Vec::new();
    let parsed = yaml::parse_bytes(&file.name, &file.bytes);
    let Some((text, root)) = tree(file, &parsed, &mut diagnostics) else {
        return RuleFile {
            name: file.name.clone(),
            text: None,
            rule: None,
            diagnostics,
        };
    };
    let id_pos = root.get("id").map_or(Pos::FILE, |n| n.pos);
    let mut r = Reader::new(&file.name, text);
    let rule = read_rule(&mut r, root, instruments, jurisdictions, questionnaire);
    let had_errors = r.has_errors();
    diagnostics.append(&mut r.diagnostics);
    let text = parsed.map_or_else(|_| String::new(), |(text, _)| text);
    RuleFile {
        name: file.name.clone(),
        text: Some((text, id_pos)),
        rule: rule.filter(|_| !had_errors),
        diagnostics,
    }
}

/// Reads a rule set's files into records: every file that can be read is, and every
/// problem is collected (in the records of its rule file, or in `diagnostics`).
pub fn read(rules: &FileSet, seeds: &FileSet) -> Records {
    let mut diagnostics = Vec::new();
    // Parsing is most of the cost of loading; every YAML file is parsed at once, in parallel.
    // The digest (sha256 over every file) is computed beside the parsing, on another core;
    // the built-in set's was computed when the binary was built.
    let (parsed, digest) = rayon::join(
        || {
            // The questionnaire and catalogue, which every rule is read against; each rule
            // file is parsed when it is read, below.
            parse_all(
                rules
                    .files
                    .iter()
                    .filter(|f| is_question_file(&f.rel))
                    .chain(seeds.files.iter().filter(|f| is_yaml(&f.rel))),
            )
        },
        || {
            if rules.is_builtin("rules") && seeds.is_builtin("seeds") {
                crate::assets::builtin_digest().to_owned()
            } else {
                digest(rules, seeds)
            }
        },
    );
    let parsed = &parsed;
    let instruments = read_catalogue(seeds, parsed, &mut diagnostics);
    let jurisdictions = read_jurisdictions(seeds, parsed, &instruments, &mut diagnostics);

    let mut questionnaire = Questionnaire::default();
    let mut question_files: Vec<&InputFile> = rules
        .files
        .iter()
        .filter(|f| is_question_file(&f.rel))
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
    // Each rule file is parsed and read on its own, so the files are handled in parallel;
    // what depends on several files (duplicate ids) is checked when the set is compiled.
    let rule_files: Vec<&InputFile> = rules
        .files
        .iter()
        .filter(|f| is_rule_file(&f.rel))
        .collect();
    let rule_files: Vec<RuleFile> = rule_files
        .par_iter()
        .map(|file| read_rule_file(file, &instruments, &jurisdictions, &questionnaire))
        .collect();
    Records {
        digest,
        instruments,
        jurisdictions,
        questionnaire,
        rule_files,
        diagnostics,
        coverage_file: rules.get("coverage.yaml").map(|f| {
            (
                f.name.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        }),
    }
}

fn is_yaml(rel: &str) -> bool {
    rel.ends_with(".yaml") || rel.ends_with(".yml")
}

fn is_question_file(rel: &str) -> bool {
    rel.starts_with("questions/") && is_yaml(rel)
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
    tree(file, parsed.get(&file.name)?, diagnostics)
}

/// The text and tree of a parsed file; its error, or an empty file, in `diagnostics`.
fn tree<'p>(
    file: &InputFile,
    parsed: &'p Result<(String, Node), Diagnostic>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'p str, &'p Node)> {
    match parsed {
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

    /// The digest built into the binary is the one the loader computes from the files.
    #[test]
    fn the_built_in_digest_is_the_files_digest() {
        let (rules, seeds) = (FileSet::builtin("rules"), FileSet::builtin("seeds"));
        assert!(rules.is_builtin("rules") && seeds.is_builtin("seeds"));
        assert_eq!(crate::assets::builtin_digest(), digest(&rules, &seeds));
        assert_eq!(read(&rules, &seeds).digest, digest(&rules, &seeds));
        // A set that is not exactly the built-in one has its digest computed.
        let mut changed = rules.clone();
        changed.files[0].bytes = changed.files[0].bytes.to_vec().into();
        assert!(!changed.is_builtin("rules"));
        changed.files.pop();
        assert!(!changed.is_builtin("rules"));
        assert_ne!(read(&changed, &seeds).digest, digest(&rules, &seeds));
    }

    #[test]
    fn rule_ids_follow_the_convention() {
        assert!(is_rule_id("dir-2011-93.art10.records-for-recruitment"));
        assert!(!is_rule_id("Dir.x"));
        assert!(!is_rule_id("dir..x"));
        assert!(!is_rule_id("dir_x"));
        assert!(!is_rule_id("9dir"));
    }
}
