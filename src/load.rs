//! From files to a ready rule set: the instrument catalogue, the jurisdictions,
//! the questionnaire and the rules, each condition compiled once.
//!
//! Files come from a [`FileSet`]: the copy built into the binary, or a folder
//! given with `--rules` / `--seeds`. All problems of all files are collected
//! and returned together, each with its file, line and column.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::condition::{Compiler, Layout};
use crate::diagnostic::{Diagnostic, Pos, suggestion};
use crate::engine::CompiledRule;
use crate::limits;
use crate::model::{
    ConditionText, Example, Force, Instrument, InstrumentKind, Jurisdiction, Questionnaire, Rule,
    Severity, SourceRef, Status, Verified,
};
use crate::questionnaire::{self, read_source_refs};
use crate::yaml::{self, Key, Node, Reader, Value};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// One input file: the name used in messages, its path inside the set, its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub name: String,
    pub rel: String,
    pub bytes: Cow<'static, [u8]>,
}

/// A folder of input files (`rules/` or `seeds/`), from disk or built in.
#[derive(Debug, Clone)]
pub struct FileSet {
    pub files: Vec<InputFile>,
}

impl FileSet {
    /// The copy of `rules/` or `seeds/` compiled into the binary.
    pub fn builtin(folder: &str) -> FileSet {
        let prefix = format!("{folder}/");
        let files = embedded::FILES
            .iter()
            .filter_map(|(path, bytes)| {
                path.strip_prefix(&prefix).map(|rel| InputFile {
                    name: (*path).to_owned(),
                    rel: rel.to_owned(),
                    bytes: Cow::Borrowed(*bytes),
                })
            })
            .collect();
        FileSet { files }
    }

    /// Every file under `dir` (rule sets are small; nothing is filtered here).
    pub fn from_dir(dir: &Path) -> Result<FileSet, Diagnostic> {
        let mut files = Vec::new();
        let display = dir.display().to_string();
        if !dir.is_dir() {
            return Err(Diagnostic::error(&display, Pos::FILE, "no such folder")
                .with_help("give the path of a folder laid out like `rules/` or `seeds/`"));
        }
        collect(dir, dir, &mut files)?;
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(FileSet { files })
    }

    pub fn get(&self, rel: &str) -> Option<&InputFile> {
        self.files.iter().find(|f| f.rel == rel)
    }
}

/// Reads an input file, refusing one larger than [`limits::MAX_FILE_BYTES`] before
/// reading it, so a huge file costs neither time nor memory.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let name = path.display().to_string();
    let too_large = |size: u64| {
        Diagnostic::error(
            &name,
            Pos::FILE,
            format!(
                "the file is too large ({:.1} MB); acquis reads files of at most {} MB",
                size as f64 / 1_048_576.0,
                limits::MAX_FILE_BYTES / 1_048_576
            ),
        )
        .with_help("a self-assessment is a short text file; put long documents behind a `url` instead of pasting them")
    };
    let cannot = |e: std::io::Error| {
        Diagnostic::error(&name, Pos::FILE, format!("cannot read the file: {e}"))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > limits::MAX_FILE_BYTES as u64 {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<InputFile>) -> Result<(), Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            dir.display().to_string(),
            Pos::FILE,
            format!("cannot read the folder: {e}"),
        )
    };
    for entry in std::fs::read_dir(dir).map_err(cannot)? {
        let path = entry.map_err(cannot)?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files)?;
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = read_bounded(&path)?;
            files.push(InputFile {
                name: path.display().to_string(),
                rel,
                bytes: Cow::Owned(bytes),
            });
        }
    }
    Ok(())
}

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
type Parsed = std::collections::HashMap<String, Result<(String, Node), Diagnostic>>;

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
fn seed_file<'p>(
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

fn read_catalogue(
    seeds: &FileSet,
    parsed: &Parsed,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Instrument> {
    let Some((name, text, root)) = seed_file(
        seeds,
        parsed,
        "sources.yaml",
        "the instrument catalogue",
        diagnostics,
    ) else {
        return Vec::new();
    };
    let mut r = Reader::new(&name, text);
    let mut instruments: Vec<Instrument> = Vec::new();
    let Some(items) = r.seq(root, "the instrument catalogue") else {
        diagnostics.append(&mut r.diagnostics);
        return Vec::new();
    };
    for item in items {
        if !r.fields(
            item,
            "an instrument",
            &[
                "id",
                "short",
                "title",
                "reference",
                "date",
                "kind",
                "force",
                "file",
            ],
            &["id", "title", "reference", "date", "kind", "force"],
        ) {
            continue;
        }
        let id = r.text(item, "id");
        let title = r.text(item, "title");
        let short = r.opt_text(item, "short");
        let reference = r.text(item, "reference");
        let date = r.text(item, "date");
        let kind = r.choice(item, "kind", &InstrumentKind::ALL);
        let force = r.choice(item, "force", &Force::ALL);
        let file_name = r.opt_text(item, "file");
        let source_text =
            file_name
                .as_ref()
                .and_then(|name| match seeds.get(&format!("sources/{name}")) {
                    Some(f) => match std::str::from_utf8(&f.bytes) {
                        Ok(t) => Some(t.to_owned()),
                        Err(_) => {
                            r.error(
                                item.pos,
                                format!("the source text `{name}` is not UTF-8"),
                                None,
                            );
                            None
                        }
                    },
                    None => {
                        let pos = item.get("file").map_or(item.pos, |n| n.pos);
                        r.error(
                            pos,
                            format!("no source text `sources/{name}` next to the catalogue"),
                            None,
                        );
                        None
                    }
                });
        let (Some(id), Some(title), Some(reference), Some(date), Some(kind), Some(force)) =
            (id, title, reference, date, kind, force)
        else {
            continue;
        };
        if instruments.iter().any(|i| i.id == id) {
            let pos = item.get("id").map_or(item.pos, |n| n.pos);
            r.error(pos, format!("instrument `{id}` is listed twice"), None);
            continue;
        }
        instruments.push(Instrument {
            id,
            short: short.unwrap_or_else(|| title.clone()),
            title,
            reference,
            date,
            kind,
            force,
            file: file_name,
            text: source_text,
        });
    }
    diagnostics.append(&mut r.diagnostics);
    instruments
}

fn read_jurisdictions(
    seeds: &FileSet,
    parsed: &Parsed,
    instruments: &[Instrument],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Jurisdiction> {
    let Some((name, text, root)) = seed_file(
        seeds,
        parsed,
        "jurisdictions.yaml",
        "the jurisdictions file",
        diagnostics,
    ) else {
        return Vec::new();
    };
    let mut r = Reader::new(&name, text);
    let mut out: Vec<Jurisdiction> = Vec::new();
    let Some(items) = r.seq(root, "the jurisdictions file") else {
        diagnostics.append(&mut r.diagnostics);
        return Vec::new();
    };
    for item in items {
        if !r.fields(
            item,
            "a jurisdiction",
            &[
                "code",
                "name",
                "memberships",
                "instruments",
                "notes",
                "fictional",
            ],
            &["code", "name", "memberships", "instruments"],
        ) {
            continue;
        }
        let (Some(code), Some(name)) = (r.text(item, "code"), r.text(item, "name")) else {
            continue;
        };
        let code_pos = item.get("code").map_or(item.pos, |n| n.pos);
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            r.error(code_pos, format!("jurisdiction code `{code}` must be two capital letters (ISO 3166, `EL` for Greece)"), None);
        }
        if out.iter().any(|j| j.code == code) {
            r.error(
                code_pos,
                format!("jurisdiction `{code}` is listed twice"),
                None,
            );
            continue;
        }
        let memberships = r
            .text_list(item, "memberships")
            .into_iter()
            .map(|(m, _)| m)
            .collect();
        let mut ids = Vec::new();
        for (id, pos) in r.text_list(item, "instruments") {
            if instruments.iter().any(|i| i.id == id) {
                ids.push(id);
            } else {
                r.error(
                    pos,
                    format!("unknown instrument `{id}`"),
                    Some(suggestion(
                        &id,
                        instruments.iter().map(|i| i.id.as_str()),
                        "the instruments",
                    )),
                );
            }
        }
        let notes = match item.get("notes") {
            Some(n) if matches!(n.value, Value::Seq(_)) => r
                .text_list(item, "notes")
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            Some(_) => r.opt_text(item, "notes").into_iter().collect(),
            None => Vec::new(),
        };
        let fictional = match item.get("fictional") {
            None => false,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => *b,
            Some(n) => {
                r.error(n.pos, "`fictional` must be `true` or `false`", None);
                false
            }
        };
        out.push(Jurisdiction {
            code,
            name,
            memberships,
            instruments: ids,
            notes,
            fictional,
        });
    }
    diagnostics.append(&mut r.diagnostics);
    out
}

fn check_source_docs(r: &mut Reader, refs: &[(SourceRef, Pos)], instruments: &[Instrument]) {
    for (source, pos) in refs {
        if !instruments.iter().any(|i| i.id == source.doc) {
            r.error(
                *pos,
                format!("unknown instrument `{}` in `sources`", source.doc),
                Some(suggestion(
                    &source.doc,
                    instruments.iter().map(|i| i.id.as_str()),
                    "the instruments",
                )),
            );
        }
    }
}

/// Rule ids: lowercase ASCII letters, digits, `-` and `.`, starting with a letter.
pub fn is_rule_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && !id.ends_with(['.', '-'])
        && !id.contains("..")
}

const RULE_FIELDS: [&str; 13] = [
    "id",
    "title",
    "instrument",
    "area",
    "severity",
    "obligation",
    "sources",
    "applies_when",
    "check",
    "partial_when",
    "remedy",
    "examples",
    "verified",
];

fn read_rule(
    r: &mut Reader,
    root: &Node,
    instruments: &[Instrument],
    jurisdictions: &[Jurisdiction],
    questionnaire: &Questionnaire,
) -> Option<Rule> {
    if !r.fields(
        root,
        "a rule",
        &RULE_FIELDS,
        &[
            "id",
            "title",
            "instrument",
            "area",
            "severity",
            "obligation",
            "sources",
            "check",
            "remedy",
        ],
    ) {
        return None;
    }
    let id = r.text(root, "id");
    if let Some(id) = &id
        && !is_rule_id(id)
    {
        let pos = root.get("id").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("rule id `{id}` may use only lowercase letters, digits, `-` and `.`, starting with a letter"),
            Some("e.g. `dir-2011-93.art10.records-for-recruitment`".into()),
        );
    }
    let title = r.text(root, "title");
    let instrument = r.text(root, "instrument");
    if let Some(i) = &instrument
        && !instruments.iter().any(|x| &x.id == i)
    {
        let pos = root.get("instrument").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("unknown instrument `{i}`"),
            Some(suggestion(
                i,
                instruments.iter().map(|x| x.id.as_str()),
                "the instruments",
            )),
        );
    }
    let area = r.text(root, "area");
    if let Some(a) = &area
        && !questionnaire::is_identifier(a)
    {
        let pos = root.get("area").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("area `{a}` must be a short lowercase identifier (letters, digits, `_`)"),
            None,
        );
    }
    let severity = r.choice(root, "severity", &Severity::ALL);
    let obligation = r.text(root, "obligation");
    let remedy = r.text(root, "remedy");
    let sources = read_source_refs(r, root);
    check_source_docs(r, &sources, instruments);
    if root.get("sources").is_some() && sources.is_empty() && !r.has_errors() {
        r.error(
            root.get("sources").map_or(root.pos, |n| n.pos),
            "a rule cites at least one source",
            None,
        );
    }
    let applies_when = condition(r, root, "applies_when");
    let check = condition(r, root, "check");
    let partial_when = condition(r, root, "partial_when");
    let examples = read_examples(r, root, jurisdictions, questionnaire);
    let verified = read_verified(r, root);
    Some(Rule {
        id: id?,
        title: title?,
        instrument: instrument?,
        area: area?,
        severity: severity?,
        obligation: obligation?,
        sources: sources.into_iter().map(|(s, _)| s).collect(),
        applies_when,
        check: check?,
        partial_when,
        remedy: remedy?,
        examples,
        verified,
        file: r.file.clone(),
        pos: root.get("id").map_or(root.pos, |n| n.pos),
    })
}

/// `verified: { text: <OJ reference or ELI>, date: YYYY-MM-DD }`, optional.
fn read_verified(r: &mut Reader, root: &Node) -> Option<Verified> {
    let node = root.get("verified")?;
    if !r.fields(node, "`verified`", &["text", "date"], &["text", "date"]) {
        return None;
    }
    let text = r.text(node, "text");
    let date = r.text(node, "date");
    if let Some(d) = &date
        && crate::dates::day_number(d).is_none()
    {
        let pos = node.get("date").map_or(node.pos, |n| n.pos);
        r.error(
            pos,
            format!("`verified.date` must be a date written YYYY-MM-DD, not `{d}`"),
            Some("the day the rule was read against the official text, e.g. `2026-12-02`".into()),
        );
        return None;
    }
    Some(Verified {
        text: text?,
        date: date?,
    })
}

/// A condition scalar, refusing the styles whose positions cannot be mapped
/// back to the file (folded `>` and multi-line plain or quoted scalars).
fn condition(r: &mut Reader, root: &Node, name: &str) -> Option<ConditionText> {
    let entries = root.as_map()?;
    let (key, node): &(Key, Node) = entries.iter().find(|(k, _)| k.name == name)?;
    let Value::Str(source) = &node.value else {
        r.error(
            node.pos,
            format!(
                "`{name}` must be a condition written as text, not {}",
                node.value.kind()
            ),
            Some("e.g. `check: a.ecris.entitled_voluntary`".into()),
        );
        return None;
    };
    if source.trim().is_empty() {
        r.error(node.pos, format!("`{name}` is empty"), None);
        return None;
    }
    let text = r.text;
    let first = text.get(node.offset..).and_then(|t| t.chars().next());
    if node.pos.line > key.pos.line {
        // Block scalar (or plain text starting on the next line): find its indicator.
        let key_line = text.lines().nth(key.pos.line as usize - 1).unwrap_or("");
        let after_colon = key_line
            .get(key.pos.col as usize - 1..)
            .and_then(|rest| rest.split_once(':').map(|(_, v)| v))
            .unwrap_or("");
        let indicator = after_colon.split('#').next().unwrap_or("").trim();
        if indicator.starts_with('>') {
            r.error(
                key.pos,
                format!("`{name}` is a folded (`>`) block"),
                Some("write the condition on one line, or as a `|` block so its line numbers match the file".into()),
            );
            return None;
        }
        if indicator.starts_with('|') {
            return Some(ConditionText {
                source: source.clone(),
                origin: node.pos,
                block: true,
            });
        }
    }
    let raw = text.get(node.offset..node.offset + node.len).unwrap_or("");
    if raw.contains('\n') {
        r.error(
            node.pos,
            format!("`{name}` spans several lines without a `|` block"),
            Some("write the condition on one line, or start it with `|` on the key's line so its line numbers match the file".into()),
        );
        return None;
    }
    let quoted = matches!(first, Some('"') | Some('\''));
    Some(ConditionText {
        source: source.clone(),
        origin: Pos::new(node.pos.line, node.pos.col + u32::from(quoted)),
        block: false,
    })
}

fn read_examples(
    r: &mut Reader,
    root: &Node,
    jurisdictions: &[Jurisdiction],
    questionnaire: &Questionnaire,
) -> Vec<Example> {
    let Some(list) = root.get("examples") else {
        return Vec::new();
    };
    let Some(items) = r.seq(list, "`examples`") else {
        return Vec::new();
    };
    let mut examples = Vec::new();
    for item in items {
        if !r.fields(
            item,
            "an example",
            &["name", "jurisdiction", "answers", "expect"],
            &["name", "answers", "expect"],
        ) {
            continue;
        }
        let name = r.text(item, "name");
        let jurisdiction = r.opt_text(item, "jurisdiction");
        if let Some(code) = &jurisdiction
            && !jurisdictions.iter().any(|j| &j.code == code)
        {
            let pos = item.get("jurisdiction").map_or(item.pos, |n| n.pos);
            r.error(
                pos,
                format!("unknown jurisdiction `{code}`"),
                Some(suggestion(
                    code,
                    jurisdictions.iter().map(|j| j.code.as_str()),
                    "jurisdiction codes",
                )),
            );
        }
        let expect = r.choice(item, "expect", &Status::NAMES);
        if expect == Some(Status::Waived) {
            r.error(
                item.pos,
                "an example cannot expect `waived`: waivers are applied after evaluation",
                None,
            );
        }
        let answers = item
            .get("answers")
            .map(|n| questionnaire::read_answers(r, n, questionnaire))
            .unwrap_or_default();
        if let (Some(name), Some(expect)) = (name, expect) {
            examples.push(Example {
                name,
                jurisdiction,
                answers,
                expect,
                pos: item.pos,
            });
        }
    }
    examples
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
