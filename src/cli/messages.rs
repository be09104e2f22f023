//! What every command prints on stderr about its inputs and its failures: the diagnostics
//! and every [`Failure`] (their fixed words in the run's `--lang`), how many there are, and
//! the summary line. No other file of `cli` writes "error:" or "help:".

use std::io::Write;

use super::failure::{Failure, NotDone};
use crate::diagnostic::{Diagnostic, Labels};
use crate::lang::Lang;

/// Sets this run's language for messages, once, before any command runs.
pub(super) fn set_lang(lang: Lang) {
    let _ = MESSAGES.set(lang);
}

/// The language of this run's messages on stderr (`--lang`), set once by [`run`]: every
/// command prints diagnostics and their summary through the same few functions.
pub(super) static MESSAGES: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

pub(super) fn messages_lang() -> Lang {
    MESSAGES.get().copied().unwrap_or_default()
}

/// Prints the messages, at most [`crate::limits::MAX_DIAGNOSTICS_PER_FILE`] per file and
/// then how many more there are: a file with 90,000 mistakes needs its first hundred fixed,
/// not 38 MB of messages. The summary line still counts them all.
pub(super) fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let cap = crate::limits::MAX_DIAGNOSTICS_PER_FILE;
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut files: Vec<&str> = Vec::new();
    let mut err = std::io::stderr().lock();
    let lang = messages_lang();
    let words = FrameWords::new(lang);
    let labels = words.labels();
    for d in diagnostics {
        let seen = count.entry(&d.file).or_insert_with(|| {
            files.push(&d.file);
            0
        });
        *seen += 1;
        if *seen <= cap {
            let _ = writeln!(err, "{}\n", lang.typography(&d.render(labels)));
        }
    }
    for file in files {
        let n = count[file];
        if n > cap {
            let more = n - cap;
            let text = if lang == Lang::En {
                format!(
                    "{file}: … and {more} more message{} not shown; fix the ones above and run again",
                    plural(more)
                )
            } else {
                crate::i18n::tf(
                    lang,
                    "{file}: … and {more} more messages not shown; fix the ones above and run again",
                    &[("file", file), ("more", &more.to_string())],
                )
            };
            let _ = writeln!(err, "{}\n", lang.typography(&text));
        }
    }
}

/// "2 errors and 0 warnings in 1 file", in this run's language ([`summary_in`] gives the
/// English too: the English text is the catalogue's key).
pub(super) fn summary_line(diagnostics: &[Diagnostic]) -> String {
    summary_in(diagnostics, messages_lang())
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `english` with `{summary}` replaced by the diagnostics' summary, in this run's language.
pub(super) fn tf_summary(english: &'static str, diagnostics: &[Diagnostic]) -> String {
    crate::i18n::tf(
        messages_lang(),
        english,
        &[("summary", &summary_line(diagnostics))],
    )
}

/// A line of this run's language set as the language sets it (French no-break spaces).
pub(super) fn said(text: String) -> String {
    messages_lang().typography(&text).into_owned()
}

/// The closing line of a file with errors ("2 errors and 0 warnings in 1 file") in `lang`.
pub(super) fn summary_in(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let files: std::collections::BTreeSet<&str> =
        diagnostics.iter().map(|d| d.file.as_str()).collect();
    crate::i18n::tf(
        lang,
        "{errors} and {warnings} in {files}",
        &[
            (
                "errors",
                &crate::i18n::count(lang, errors, "error", "errors"),
            ),
            (
                "warnings",
                &crate::i18n::count(lang, warnings, "warning", "warnings"),
            ),
            (
                "files",
                &crate::i18n::count(lang, files.len(), "file", "files"),
            ),
        ],
    )
}

/// The fixed words of a message ("error", "warning", "help") in one language, with the
/// space French puts before their colon.
struct FrameWords {
    error: String,
    warning: String,
    help: String,
    lang: Lang,
}

impl FrameWords {
    fn new(lang: Lang) -> FrameWords {
        let word = |english| format!("{}{}", crate::i18n::t(lang, english), lang.before_colon());
        FrameWords {
            error: word(crate::i18n::n_("error")),
            warning: word(crate::i18n::n_("warning")),
            help: word(crate::i18n::n_("help")),
            lang,
        }
    }

    fn labels(&self) -> Labels<'_> {
        Labels {
            error: &self.error,
            warning: &self.warning,
            help: &self.help,
            lang: self.lang,
        }
    }
}

/// Prints why a command stopped: its message (`error: …` and `  = help: …`), or its
/// inputs' diagnostics and the line that says what was not done.
pub(super) fn print_failure(failure: &Failure) {
    let lang = messages_lang();
    match failure {
        Failure::Inputs {
            diagnostics,
            not_done,
        } => print_problems(diagnostics, not_done),
        Failure::RuleSet(diagnostics) => {
            print_diagnostics(diagnostics);
            line(&said(tf_summary(
                crate::i18n::n_("the rule set did not load: {summary}"),
                diagnostics,
            )));
        }
        _ => {
            let Some((message, help)) = failure.message(lang) else {
                return;
            };
            let words = FrameWords::new(lang);
            let mut text = format!("{}: {message}", words.error);
            if let Some(help) = help {
                text.push_str(&format!("\n  = {}: {help}", words.help));
            }
            line(&lang.typography(&crate::diagnostic::terminal_safe(&text)));
        }
    }
}

/// Prints the diagnostics of input files with errors, then what was not done because of them.
pub(super) fn print_problems(diagnostics: &[Diagnostic], not_done: &NotDone) {
    print_diagnostics(diagnostics);
    let lang = messages_lang();
    let closing = match not_done {
        NotDone::Evaluated => said(tf_summary(
            crate::i18n::n_("nothing was evaluated: {summary}"),
            diagnostics,
        )),
        NotDone::Written => said(tf_summary(
            crate::i18n::n_("nothing was written: {summary}"),
            diagnostics,
        )),
        NotDone::WrittenImportInvalid => said(
            crate::i18n::t(
                lang,
                "nothing was written: the imported answers do not validate",
            )
            .to_owned(),
        ),
        NotDone::Unsaid => return,
    };
    line(&closing);
}

/// `validate`'s line after the messages of one file: "a.yaml: 2 errors and 0 warnings in 1 file".
pub(super) fn print_file_summary(path: &std::path::Path, diagnostics: &[Diagnostic]) {
    let path = path.display().to_string();
    line(&format!(
        "{}: {}",
        crate::diagnostic::terminal_safe(&path),
        summary_line(diagnostics)
    ));
}

/// A warning about two files together (the periods of a `diff`), pointing at both.
pub(super) fn print_warning_about(message: &str, about: &str) {
    let words = FrameWords::new(messages_lang());
    let text = format!("{}: {message}\n  --> {about}", words.warning);
    line(&crate::diagnostic::terminal_safe(&text));
}

/// One line on stderr; a closed or full stderr drops it (the exit code still says what
/// happened).
fn line(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
