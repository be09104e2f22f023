//! What every command prints on stderr about its inputs: the diagnostics (their fixed words
//! in the run's `--lang`), how many there are, and the summary line.

use std::io::Write;

use crate::diagnostic::Diagnostic;
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
    let word = |english| format!("{}{}", crate::i18n::t(lang, english), lang.before_colon());
    let (error, warning, help) = (
        word(crate::i18n::n_("error")),
        word(crate::i18n::n_("warning")),
        word(crate::i18n::n_("help")),
    );
    let labels = crate::diagnostic::Labels {
        error: &error,
        warning: &warning,
        help: &help,
    };
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
