//! [`Reader`]: typed records read from a positioned tree, every problem of a file collected
//! with its line and column (unknown fields with "did you mean", missing fields, wrong types).

use super::{Key, Node, Value};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::{n_, suggestion, suggestion_words, t, tf, tw};
use crate::lang::Words;

/// What a message about a record names ("a self-assessment", "section `ecris`"): a phrase in
/// English, or words in every language (a closure, called only when a message needs them, so
/// reading a valid file makes none).
pub trait Phrase {
    fn words(&self) -> Words;
}

impl Phrase for str {
    fn words(&self) -> Words {
        Words::same(self)
    }
}

impl Phrase for String {
    fn words(&self) -> Words {
        Words::same(self.as_str())
    }
}

impl<F: Fn() -> Words> Phrase for F {
    fn words(&self) -> Words {
        self()
    }
}

/// Collects the problems found while reading typed records from one file.
pub struct Reader<'t> {
    pub file: String,
    pub text: &'t str,
    pub diagnostics: Vec<Diagnostic>,
    /// Built at the first message, so each message finds its line without rescanning.
    lines: std::cell::OnceCell<crate::diagnostic::LineIndex>,
    /// Whether messages keep every language (a coordinator's file) or English only (a
    /// maintainer's: rule, questionnaire and catalogue files).
    for_people: bool,
}

impl<'t> Reader<'t> {
    pub fn new(file: &str, text: &'t str) -> Reader<'t> {
        Reader {
            file: file.to_owned(),
            text,
            diagnostics: Vec::new(),
            lines: std::cell::OnceCell::new(),
            for_people: false,
        }
    }

    /// A reader of a file a coordinator writes (a self-assessment): its messages are made
    /// in every language and printed in the run's.
    pub fn for_people(file: &str, text: &'t str) -> Reader<'t> {
        Reader {
            for_people: true,
            ..Reader::new(file, text)
        }
    }

    fn line_index(&self) -> &crate::diagnostic::LineIndex {
        self.lines
            .get_or_init(|| crate::diagnostic::LineIndex::new(self.text))
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        let d = Diagnostic::error(&self.file, pos, message)
            .with_help_opt(help)
            .with_line_of(self.line_index(), self.text);
        self.diagnostics.push(d);
    }

    /// An error whose message and help are in every language ([`Words`]), printed in the
    /// reader's ([`Reader::for_people`]); in a maintainer's file, the English.
    pub fn error_in(&mut self, pos: Pos, message: Words, help: Option<Words>) {
        let d = if self.for_people {
            Diagnostic::error_in(&self.file, pos, message, help)
        } else {
            Diagnostic::error(&self.file, pos, message.english())
                .with_help_opt(help.map(|h| h.english().to_owned()))
        };
        self.diagnostics
            .push(d.with_line_of(self.line_index(), self.text));
    }

    pub fn warning(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        let d = Diagnostic::warning(&self.file, pos, message)
            .with_help_opt(help)
            .with_line_of(self.line_index(), self.text);
        self.diagnostics.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The entries of a mapping, or an error naming what was expected.
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &(impl Phrase + ?Sized),
    ) -> Option<&'n [(Key, Node)]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            other => {
                let what = what.words();
                let message = Words::new(|lang| {
                    tf(
                        lang,
                        "{what} must be a mapping of `key: value` lines, not {found}",
                        &[("what", what.get(lang)), ("found", t(lang, other.kind()))],
                    )
                });
                self.error_in(node.pos, message, None);
                None
            }
        }
    }

    /// Checks a record's keys: unknown ones (with "did you mean") and missing required ones.
    pub fn fields(
        &mut self,
        node: &Node,
        what: &(impl Phrase + ?Sized),
        allowed: &[&str],
        required: &[&str],
    ) -> bool {
        let Some(entries) = self.map(node, what) else {
            return false;
        };
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                let what = what.words();
                let message = Words::new(|lang| {
                    tf(
                        lang,
                        "unknown field `{field}` in {what}",
                        &[("field", &key.name), ("what", what.get(lang))],
                    )
                });
                let help = suggestion_words(&key.name, allowed.iter().copied(), n_("the fields"));
                self.error_in(key.pos, message, Some(help));
            }
        }
        for name in required {
            if !entries.iter().any(|(k, _)| k.name == *name) {
                let what = what.words();
                let message = Words::new(|lang| {
                    tf(
                        lang,
                        "{what} is missing the required field `{field}`",
                        &[("what", what.get(lang)), ("field", name)],
                    )
                });
                let help = tw("add a line `{field}: …`", &[("field", name)]);
                self.error_in(node.pos, message, Some(help));
            }
        }
        true
    }

    /// A required text field (the record itself was checked with [`Reader::fields`]).
    pub fn text(&mut self, record: &Node, name: &str) -> Option<String> {
        let node = record.get(name)?;
        self.text_value(node, name)
    }

    pub fn text_value(&mut self, node: &Node, name: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Str(_) | Value::Null => {
                let message = tw("`{field}` is empty", &[("field", name)]);
                self.error_in(node.pos, message, None);
                None
            }
            Value::Int(i) => Some(i.to_string()),
            other => {
                let message = Words::new(|lang| {
                    tf(
                        lang,
                        "`{field}` must be text, not {found}",
                        &[("field", name), ("found", t(lang, other.kind()))],
                    )
                });
                self.error_in(node.pos, message, None);
                None
            }
        }
    }

    pub fn opt_text(&mut self, record: &Node, name: &str) -> Option<String> {
        match record.get(name) {
            None => None,
            Some(n) if n.is_null() => None,
            Some(n) => self.text_value(n, name),
        }
    }

    /// One of a fixed set of words (`severity: high`).
    pub fn choice<T: Copy>(
        &mut self,
        record: &Node,
        name: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let node = record.get(name)?;
        let words = || choices.iter().map(|(w, _)| *w);
        match node.as_str() {
            Some(word) => match choices.iter().find(|(w, _)| *w == word) {
                Some((_, v)) => Some(*v),
                None => {
                    self.error(
                        node.pos,
                        format!("`{word}` is not a valid `{name}`"),
                        Some(suggestion(word, words(), "allowed values")),
                    );
                    None
                }
            },
            None => {
                self.error(
                    node.pos,
                    format!(
                        "`{name}` must be one of {}",
                        crate::diagnostic::backticked(&words().collect::<Vec<_>>())
                    ),
                    None,
                );
                None
            }
        }
    }

    pub fn seq<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            other => {
                self.error(
                    node.pos,
                    format!(
                        "{what} must be a list (lines starting with `- `), not {}",
                        other.kind()
                    ),
                    None,
                );
                None
            }
        }
    }

    pub fn text_list(&mut self, record: &Node, name: &str) -> Vec<(String, Pos)> {
        let Some(node) = record.get(name) else {
            return Vec::new();
        };
        let Some(items) = self.seq(node, &format!("`{name}`")) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.text_value(item, name).map(|s| (s, item.pos)))
            .collect()
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.has_errors() {
            Err(self.diagnostics)
        } else {
            Ok(value)
        }
    }
}
