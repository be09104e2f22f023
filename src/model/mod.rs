//! The vocabulary of SPEC.md as Rust types: instruments, jurisdictions,
//! questions, rules, assessments and statuses. No I/O and no evaluation here.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::diagnostic::Pos;

mod citation;
mod expectation;
mod translations;

pub use citation::{CitationPart, citation_order};
pub use translations::{Localised, Translations};

use crate::lang::Lang;

/// Legal force of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Force {
    Binding,
    Commitment,
    Policy,
}

impl Force {
    pub const ALL: [(&'static str, Force); 3] = [
        ("binding", Force::Binding),
        ("commitment", Force::Commitment),
        ("policy", Force::Policy),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Force::Binding => "binding",
            Force::Commitment => "commitment",
            Force::Policy => "policy",
        }
    }
}

/// What sort of text an instrument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstrumentKind {
    Directive,
    FrameworkDecision,
    Regulation,
    Convention,
    CouncilConclusions,
    Communication,
    Statement,
    Conference,
}

impl InstrumentKind {
    pub const ALL: [(&'static str, InstrumentKind); 8] = [
        ("directive", InstrumentKind::Directive),
        ("framework-decision", InstrumentKind::FrameworkDecision),
        ("regulation", InstrumentKind::Regulation),
        ("convention", InstrumentKind::Convention),
        ("council-conclusions", InstrumentKind::CouncilConclusions),
        ("communication", InstrumentKind::Communication),
        ("statement", InstrumentKind::Statement),
        ("conference", InstrumentKind::Conference),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct Instrument {
    pub id: String,
    /// A short name for reports (`Directive 2011/93/EU`); the title when not given.
    pub short: String,
    pub title: String,
    pub reference: String,
    pub date: String,
    pub kind: InstrumentKind,
    pub force: Force,
    /// Path of the source text under `seeds/sources/`, when the project holds it.
    pub file: Option<String>,
    /// `short` and `title` in other languages.
    #[serde(skip_serializing_if = "is_empty")]
    pub translations: Translations,
    /// Position of the record in its seed file.
    #[serde(skip)]
    pub pos: Pos,
    /// The source text itself (used to verify quotes).
    #[serde(skip)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Jurisdiction {
    pub code: String,
    pub name: String,
    pub memberships: Vec<String>,
    /// Ids of the instruments that bind or address this jurisdiction.
    pub instruments: Vec<String>,
    pub notes: Vec<String>,
    /// An invented jurisdiction used for examples; never a real state.
    pub fictional: bool,
    /// `name` in other languages.
    #[serde(skip_serializing_if = "is_empty")]
    pub translations: Translations,
    /// Position of the record in its seed file.
    #[serde(skip)]
    pub pos: Pos,
}

impl Jurisdiction {
    /// A jurisdiction the catalogue does not hold, named by its code: no membership, and no
    /// instrument binds or addresses it.
    pub fn unlisted(code: &str) -> Jurisdiction {
        Jurisdiction {
            code: code.to_owned(),
            name: code.to_owned(),
            memberships: Vec::new(),
            instruments: Vec::new(),
            notes: Vec::new(),
            fictional: false,
            translations: Default::default(),
            pos: Default::default(),
        }
    }

    pub fn is_addressed_by(&self, instrument: &str) -> bool {
        self.instruments.iter().any(|i| i == instrument)
    }
}

/// The type of a question, with what it allows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum QuestionType {
    Bool,
    Enum { values: Vec<String> },
    Set { values: Vec<String> },
    Int { min: Option<i64>, max: Option<i64> },
    Date,
    Text,
}

impl QuestionType {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionType::Bool => "bool",
            QuestionType::Enum { .. } => "enum",
            QuestionType::Set { .. } => "set",
            QuestionType::Int { .. } => "int",
            QuestionType::Date => "date",
            QuestionType::Text => "text",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Full id: `section.key`.
    pub id: String,
    pub section: String,
    pub key: String,
    #[serde(flatten)]
    pub kind: QuestionType,
    pub text: String,
    pub help: Option<String>,
    pub sources: Vec<SourceRef>,
    /// `text` and `help` in other languages.
    #[serde(skip_serializing_if = "is_empty")]
    pub translations: Translations,
    /// Position of the question's `id` value in its section's file.
    #[serde(skip)]
    pub pos: Pos,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub name: String,
    pub title: String,
    /// The questionnaire file that defines the section.
    pub file: String,
    /// Where the section comes in forms and reports (lowest first; then by name).
    #[serde(skip)]
    pub order: i64,
    /// Full ids of the section's questions, in file order.
    pub questions: Vec<String>,
    /// `title` in other languages.
    #[serde(skip_serializing_if = "is_empty")]
    pub translations: Translations,
    /// Position of the section's `title` value.
    #[serde(skip)]
    pub pos: Pos,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Questionnaire {
    pub sections: Vec<Section>,
    pub questions: BTreeMap<String, Question>,
}

impl Questionnaire {
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// The questions of `section` that are among `asked` (a jurisdiction's questions), in file
    /// order: what the workbook's sheet and the form's group of that section hold.
    pub fn asked_in(&self, section: &Section, asked: &[&str]) -> Vec<&Question> {
        section
            .questions
            .iter()
            .filter(|q| asked.contains(&q.as_str()))
            .map(|q| &self.questions[q])
            .collect()
    }

    /// The question's number ("7.3"): its section's place in questionnaire order, then its
    /// place in the section's file. Numbers come from the whole questionnaire, not from the
    /// questions a jurisdiction is asked, so a number means the same question in every
    /// jurisdiction's workbook and report. A question added at the end of a section, or a
    /// section added last, leaves every other number as it was (docs/adding-a-rule.md).
    pub fn number(&self, question: &str) -> Option<QuestionNumber> {
        let (section_name, _) = question.split_once('.')?;
        let section = self.sections.iter().position(|s| s.name == section_name)?;
        let within = self.sections[section]
            .questions
            .iter()
            .position(|q| q == question)?;
        Some(QuestionNumber {
            section: section + 1,
            question: within + 1,
        })
    }

    /// The question a follow-up question continues, for showing it in context. A question
    /// whose text starts with "And " ("And when the child is over the age of sexual
    /// consent?") is read after the one before it in its section, which is how the
    /// questionnaire writes a question asked in two cases.
    pub fn follows(&self, question: &str) -> Option<&Question> {
        let q = self.questions.get(question)?;
        if !q.text.starts_with("And ") {
            return None;
        }
        let section = self.section(&q.section)?;
        let at = section.questions.iter().position(|x| x == question)?;
        section.questions[..at]
            .iter()
            .rev()
            .filter_map(|id| self.questions.get(id))
            .find(|p| !p.text.starts_with("And "))
    }
}

/// A question's number as people cite it: section, then question within the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct QuestionNumber {
    pub section: usize,
    pub question: usize,
}

impl std::fmt::Display for QuestionNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.section, self.question)
    }
}

/// Where an obligation comes from: instrument, article or paragraph, and optionally its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    pub doc: String,
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Where the source entry sits in its file.
    #[serde(skip)]
    pub pos: Pos,
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.doc, self.reference)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub const ALL: [(&'static str, Severity); 3] = [
        ("high", Severity::High),
        ("medium", Severity::Medium),
        ("low", Severity::Low),
    ];

    /// Weight in the score (SPEC, evaluation semantics 6).
    pub fn weight(self) -> f64 {
        match self {
            Severity::High => 3.0,
            Severity::Medium => 2.0,
            Severity::Low => 1.0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// The status of one rule for one assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Gap,
    Partial,
    Unanswered,
    Error,
    Waived,
    Met,
    NotApplicable,
}

impl Status {
    /// Report order: what needs action first.
    pub const ALL: [Status; 7] = [
        Status::Gap,
        Status::Partial,
        Status::Unanswered,
        Status::Error,
        Status::Waived,
        Status::Met,
        Status::NotApplicable,
    ];

    pub const NAMES: [(&'static str, Status); 7] = [
        ("met", Status::Met),
        ("partial", Status::Partial),
        ("gap", Status::Gap),
        ("unanswered", Status::Unanswered),
        ("not_applicable", Status::NotApplicable),
        ("waived", Status::Waived),
        ("error", Status::Error),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Gap => "gap",
            Status::Unanswered => "unanswered",
            Status::NotApplicable => "not_applicable",
            Status::Waived => "waived",
            Status::Error => "error",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Rhai condition as written in a rule file, with what is needed to map
/// positions inside it back to the YAML file.
#[derive(Debug, Clone, Serialize)]
pub struct ConditionText {
    pub source: String,
    /// Position in the YAML file of the condition's first character.
    #[serde(skip)]
    pub origin: Pos,
    /// True for `|` block literals: Rhai line N is YAML line `origin.line + N - 1`
    /// and columns are shifted by the block's indentation.
    #[serde(skip)]
    pub block: bool,
}

impl ConditionText {
    /// Maps a Rhai position (1-based line and column) to a position in the YAML file.
    pub fn yaml_pos(&self, line: usize, col: usize) -> Pos {
        let line = line.max(1) as u32;
        let col = col.max(1) as u32;
        if self.block {
            Pos::new(self.origin.line + line - 1, self.origin.col + col - 1)
        } else {
            Pos::new(self.origin.line, self.origin.col + col - 1)
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub name: String,
    pub jurisdiction: Option<String>,
    pub answers: BTreeMap<String, Answer>,
    pub expect: Status,
    #[serde(skip)]
    pub pos: Pos,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub instrument: String,
    pub area: String,
    pub severity: Severity,
    pub obligation: String,
    pub sources: Vec<SourceRef>,
    pub applies_when: Option<ConditionText>,
    pub check: ConditionText,
    pub partial_when: Option<ConditionText>,
    pub remedy: String,
    /// `title`, `obligation` and `remedy` in other languages.
    #[serde(skip_serializing_if = "is_empty")]
    pub translations: Translations,
    pub examples: Vec<Example>,
    /// Which official text the rule's article and wording were last checked against, and when;
    /// `None` for a rule nobody has checked yet (`acquis rules list --unverified`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verified>,
    /// Where a maintainer looked for the official text and could not read it: the rule is listed
    /// by `acquis rules list --unverified` and `rules lint` warns, instead of refusing it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unverified: Option<Unverified>,
    /// The rule file, as named in messages.
    pub file: String,
    /// Position of the rule's `id` value.
    #[serde(skip)]
    pub pos: Pos,
}

/// A record that a maintainer read a rule against the official text of its instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verified {
    /// The text and version read: an Official Journal reference or an ELI.
    pub text: String,
    /// The day it was read (`YYYY-MM-DD`).
    pub date: String,
}

/// A record that a maintainer tried to read a rule against its official text and could not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unverified {
    /// What was searched, and what was read instead (if anything).
    pub searched: String,
    /// The day of the search (`YYYY-MM-DD`).
    pub date: String,
}

/// A coordinator's answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Bool(bool),
    Int(i64),
    /// Enum, date and text answers.
    Text(String),
    Set(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// `None` when the entry is present but empty (`null`): unanswered.
    pub value: Option<AnswerValue>,
    pub evidence: Option<String>,
    pub url: Option<String>,
    /// Where the answer's value (or key, for an empty answer) sits in the file.
    #[serde(skip)]
    pub pos: Pos,
    /// The answer's cell (`ecris!C3`) when it was read from a workbook, where `pos` is unknown.
    #[serde(skip)]
    pub cell: Option<String>,
}

impl Answer {
    /// Where the answer is, for messages: `line 12`, or `ecris!C3` in a workbook.
    pub fn location(&self) -> String {
        self.location_in(Lang::En)
    }

    /// [`Self::location`] in `lang` ("line 12", « ligne 12 »); a cell name is the same in every language.
    pub fn location_in(&self, lang: Lang) -> String {
        match &self.cell {
            Some(cell) => cell.clone(),
            None => crate::i18n::tf(lang, "line {n}", &[("n", &self.pos.line.to_string())]),
        }
    }
}

/// One jurisdiction's self-assessment for one period, checked against the questionnaire.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub file: String,
    pub jurisdiction: String,
    pub period: String,
    pub prepared_by: Option<String>,
    pub date: Option<String>,
    /// The answers are invented to illustrate the format for a real jurisdiction's code
    /// (`illustrative: true`): every report says so, so they are never read as its law.
    pub illustrative: bool,
    /// Keyed by full question id (`ecris.entitled_voluntary`); includes empty answers.
    pub answers: BTreeMap<String, Answer>,
}

impl Assessment {
    pub fn value(&self, question: &str) -> Option<&AnswerValue> {
        self.answers.get(question).and_then(|a| a.value.as_ref())
    }
}

/// An evaluator's decision to accept a gap or a partial of one rule in one jurisdiction until
/// a date (SPEC, evaluation semantics 5); read by `waivers`, applied by `verdict`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiver {
    pub rule: String,
    pub jurisdiction: String,
    pub reason: String,
    pub approved_by: String,
    /// Last day the waiver is valid, `YYYY-MM-DD`.
    pub until: String,
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub pos: Pos,
}

fn is_empty(t: &Translations) -> bool {
    t.0.is_empty()
}

impl Rule {
    pub fn title_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "title", &self.title)
    }
    pub fn obligation_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "obligation", &self.obligation)
    }
    pub fn remedy_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "remedy", &self.remedy)
    }
}

impl Question {
    pub fn text_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "text", &self.text)
    }
    pub fn help_in(&self, lang: Lang) -> Option<Localised<'_>> {
        let help = self.help.as_deref()?;
        Some(self.translations.pick(lang, "help", help))
    }
}

impl Section {
    pub fn title_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "title", &self.title)
    }
}

impl Instrument {
    pub fn short_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "short", &self.short)
    }
    pub fn title_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "title", &self.title)
    }
}

impl Jurisdiction {
    pub fn name_in(&self, lang: Lang) -> Localised<'_> {
        self.translations.pick(lang, "name", &self.name)
    }
}
