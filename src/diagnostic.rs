//! Located messages about input files: what is wrong, where, and how to fix it.
//!
//! Every load and validation error in acquis is a [`Diagnostic`]. They are
//! collected (not only the first) and rendered by the CLI in one style:
//!
//! ```text
//! seeds/assessments/xa-2025.yaml:12:5: error: unknown question `covers_volunteer` in section `ecris`
//!    |
//! 12 |     covers_volunteer: true
//!    |     ^
//!    = help: did you mean `covers_volunteers`?
//! ```

use std::borrow::Cow;
use std::fmt;
use std::fmt::Write as _;

use crate::lang::{Lang, Words};
pub use crate::suggest::{backticked, did_you_mean};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// The kinds of problem with a stable name, for tools that group or suppress messages by
/// kind (SARIF's `ruleId`, docs/sarif.md). One byte, so a `Diagnostic` stays small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A rule, question or catalogue file that does not load.
    RuleSet,
    /// A self-assessment with an answer the questionnaire does not allow.
    Assessment,
    IdConvention,
    RuleFolder,
    ExampleCoverage,
    QuoteWithoutText,
    QuoteNotFound,
    UnverifiedRules,
    UnreadQuestion,
    MissingTranslation,
}

impl Code {
    /// The stable name: never change one once shipped, review tools key suppressions on it.
    pub fn id(self) -> &'static str {
        match self {
            Code::RuleSet => "rule-set",
            Code::Assessment => "assessment",
            Code::IdConvention => "id-convention",
            Code::RuleFolder => "rule-folder",
            Code::ExampleCoverage => "example-coverage",
            Code::QuoteWithoutText => "quote-without-text",
            Code::QuoteNotFound => "quote-not-found",
            Code::UnverifiedRules => "unverified-rules",
            Code::UnreadQuestion => "unread-question",
            Code::MissingTranslation => "missing-translation",
        }
    }

    /// The property this kind of message checks, in one sentence.
    pub fn checks(self) -> &'static str {
        match self {
            Code::RuleSet => {
                "Rule, question and catalogue files load: valid YAML, known fields, conditions that compile."
            }
            Code::Assessment => {
                "A self-assessment answers only declared questions, with values of the right type and range."
            }
            Code::IdConvention => {
                "A rule id starts with its instrument's prefix and names the article it comes from."
            }
            Code::RuleFolder => "A rule file lives in the folder named after its instrument.",
            Code::ExampleCoverage => "A rule has an example for every status it can produce.",
            Code::QuoteWithoutText => {
                "A quote comes from a source whose text is in seeds/sources/, so it can be verified."
            }
            Code::QuoteNotFound => {
                "A quote occurs verbatim (whitespace-normalised) in its source text."
            }
            Code::UnverifiedRules => {
                "Each rule records when it was checked against the official text (`verified:`)."
            }
            Code::UnreadQuestion => {
                "Every question that is not free text is read by at least one rule."
            }
            Code::MissingTranslation => {
                "Every text shown to people (rule, question, section, instrument, jurisdiction) has each translation acquis offers (`translations:`)."
            }
        }
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A position in a text file, both 1-based; `line == 0` means "the whole file".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const FILE: Pos = Pos { line: 0, col: 0 };

    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub level: Level,
    pub file: String,
    pub pos: Pos,
    pub message: String,
    pub help: Option<String>,
    /// A stable name for the kind of problem (`quote-not-found`), for tools that group or
    /// suppress messages by kind (SARIF's `ruleId`); `None` for the loader's many messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// The text of the line at `pos`, kept so the message can show it without re-reading the file.
    #[serde(skip)]
    pub line_text: Option<String>,
    /// The message and help in every language, where the message was made with them
    /// ([`Diagnostic::in_languages`]): printed in the reader's language. `message` and `help`
    /// stay the English, which JSON and SARIF carry.
    #[serde(skip)]
    translated: Option<Box<(Words, Option<Words>)>>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            file: file.into(),
            pos,
            message: message.into(),
            help: None,
            code: None,
            line_text: None,
            translated: None,
        }
    }

    /// An error whose message and help are in every language ([`Diagnostic::in_languages`]).
    pub fn error_in(
        file: impl Into<String>,
        pos: Pos,
        message: Words,
        help: Option<Words>,
    ) -> Diagnostic {
        Diagnostic::error(file, pos, String::new()).in_languages(message, help)
    }

    /// The message and its help in every language; the English becomes `message` and `help`.
    pub fn in_languages(mut self, message: Words, help: Option<Words>) -> Diagnostic {
        self.message = message.english().to_owned();
        self.help = help.as_ref().map(|h| h.english().to_owned());
        self.translated = Some(Box::new((message, help)));
        self
    }

    /// The message and help in `lang`: its translation where it was made with one, the
    /// English otherwise.
    pub fn in_lang(&self, lang: Lang) -> (&str, Option<&str>) {
        match &self.translated {
            Some(t) => (t.0.get(lang), t.1.as_ref().map(|h| h.get(lang))),
            None => (&self.message, self.help.as_deref()),
        }
    }

    pub fn warning(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        if let Some(t) = &mut self.translated {
            t.1 = None;
        }
        self
    }

    pub fn with_code(mut self, code: Code) -> Diagnostic {
        self.code = Some(code);
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        if let Some(t) = &mut self.translated {
            t.1 = None;
        }
        self
    }

    /// Attaches the source line so the rendered message can point at it. This scans `text`
    /// up to the line: for many messages about one file, use [`Diagnostic::with_line_of`].
    pub fn with_source(self, text: &str) -> Diagnostic {
        self.with_line_of(&LineIndex::new(text), text)
    }

    /// Attaches the source line, found through the file's line index (built once per file,
    /// so 20,000 messages about one file do not scan it 20,000 times).
    pub fn with_line_of(mut self, index: &LineIndex, text: &str) -> Diagnostic {
        if self.pos.line > 0 {
            self.line_text = index.line(text, self.pos.line as usize).map(|l| {
                l.trim_end_matches('\r')
                    .chars()
                    .take(SHOWN_LINE_CHARS)
                    .collect()
            });
        }
        self
    }

    /// `file:line:col` (or just `file` when the message is about the whole file).
    pub fn location(&self) -> String {
        if self.pos.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.pos.line, self.pos.col)
        }
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// The byte offsets where the lines of one text start, computed once.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// Line `line` (1-based) of `text`, without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map_or(text.len(), |next| next.saturating_sub(1));
        text.get(start..end.max(start))
    }
}

/// Long lines (minified files, 60 MB answers) are cut so a message stays readable.
const SHOWN_LINE_CHARS: usize = 160;

/// `value` as repeated in a message: at most [`crate::limits::MAX_ECHOED_CHARS`]
/// characters, then `…`, so a 7 MB value does not make a 7 MB message.
pub fn shorten(value: &str) -> std::borrow::Cow<'_, str> {
    let max = crate::limits::MAX_ECHOED_CHARS;
    match value.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(value),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &value[..cut])),
    }
}

/// The fixed words of a printed message, in the language of the reader: `cli` gives them
/// (this layer knows no catalogue); [`Diagnostic`]'s `Display` is the English.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub error: &'a str,
    pub warning: &'a str,
    pub help: &'a str,
    /// The language of the labels, in which a message made in every language is printed.
    pub lang: Lang,
}

impl Labels<'_> {
    pub const ENGLISH: Labels<'static> = Labels {
        error: "error",
        warning: "warning",
        help: "help",
        lang: Lang::En,
    };
}

impl Diagnostic {
    /// The message as printed, with `labels` for its fixed words.
    pub fn render(&self, labels: Labels) -> String {
        struct With<'d, 'l>(&'d Diagnostic, Labels<'l>);
        impl fmt::Display for With<'_, '_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_with(f, self.1)
            }
        }
        With(self, labels).to_string()
    }

    fn write_with(&self, f: &mut fmt::Formatter<'_>, labels: Labels) -> fmt::Result {
        let level = match self.level {
            Level::Error => labels.error,
            Level::Warning => labels.warning,
        };
        // Messages quote values; however they were built, none is printed at full length.
        // Messages quote keys and values from the file: their control characters are shown,
        // not sent to the terminal.
        let safe = terminal_safe;
        let (message, help) = self.in_lang(labels.lang);
        write!(
            f,
            "{}: {level}: {}",
            safe(&self.location()),
            safe(&shorten_message(message))
        )?;
        if let Some(line) = &self.line_text {
            let shown: String = line.chars().take(SHOWN_LINE_CHARS).collect();
            let shown = safe(&shown);
            let number = self.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let caret_at = (self.pos.col.max(1) as usize - 1).min(shown.chars().count());
            let pad: String = shown
                .chars()
                .take(caret_at)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{gutter} |\n{number} | {shown}\n{gutter} | {pad}^")?;
        }
        if let Some(help) = help {
            write!(f, "\n  = {}: {}", labels.help, safe(&shorten_message(help)))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_with(f, Labels::ENGLISH)
    }
}

/// A whole message is allowed a few echoed values' worth of text.
fn shorten_message(message: &str) -> std::borrow::Cow<'_, str> {
    let max = 4 * crate::limits::MAX_ECHOED_CHARS;
    match message.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(message),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &message[..cut])),
    }
}

/// The styles `report::Style` writes; the only escape sequences [`terminal_safe`] lets through.
pub const STYLES: [&str; 7] = [
    "\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m",
];

/// Text as it may reach a terminal: every control character except line feed and tab is
/// shown as a visible symbol (ESC as `␛`, BEL as `␇`, C1 controls as `<U+009B>`), so a
/// period, key, name or evidence cannot retitle the window, write the clipboard or clear
/// the screen. Only the colour and bold codes of `report::Style` pass as they are.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && let Some(style) = STYLES.iter().find(|s| rest.starts_with(**s))
        {
            out.push_str(style);
            rest = &rest[style.len()..];
            continue;
        }
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\0'..='\x1f' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('?')),
            '\x7f' => out.push('\u{2421}'),
            c => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_run() {
        assert_eq!(terminal_safe("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            terminal_safe("\x1b]0;owned\x07 \x1b[2J \u{9b}31m \x7f \r"),
            "\u{241b}]0;owned\u{2407} \u{241b}[2J <U+009B>31m \u{2421} \u{240d}"
        );
    }

    #[test]
    fn renders_location_snippet_and_help() {
        let d = Diagnostic::error("a.yaml", Pos::new(2, 3), "unknown field `sevrity`")
            .with_help("did you mean `severity`?")
            .with_source("id: x\n  sevrity: high\n");
        assert_eq!(
            d.to_string(),
            "a.yaml:2:3: error: unknown field `sevrity`\n  |\n2 |   sevrity: high\n  |   ^\n  = help: did you mean `severity`?"
        );
    }

    #[test]
    fn the_line_index_finds_every_line() {
        let text = "a\r\nbb\n\nccc";
        let index = LineIndex::new(text);
        let lines: Vec<Option<&str>> = (0..=5).map(|n| index.line(text, n)).collect();
        assert_eq!(
            lines,
            [None, Some("a\r"), Some("bb"), Some(""), Some("ccc"), None]
        );
        assert_eq!(LineIndex::new("x\n").line("x\n", 2), Some(""));
    }

    #[test]
    fn echoed_values_are_cut() {
        assert_eq!(shorten("short"), "short");
        let long = "é".repeat(1000);
        let cut = shorten(&long);
        assert_eq!(cut.chars().count(), crate::limits::MAX_ECHOED_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean(
                "covers_volunteer",
                ["covers_volunteers", "checks_mandatory"]
            ),
            Some("covers_volunteers")
        );
        assert_eq!(did_you_mean("zzz", ["covers_volunteers"]), None);
    }
}
