//! Why a command stopped before finishing its work: every way the command line fails, as
//! a value that knows its exit code and what it has to say. Commands return
//! `Result<Exit, Failure>`: `Ok` is a completed run (0, 1 or 3), `Err` never exit 0.
//! [`super::messages`] is the one printer of these values, with its fixed words ("error",
//! "help") in the run's language.

use std::path::PathBuf;

use super::Exit;
use crate::diagnostic::Diagnostic;
use crate::i18n::{t, tf};
use crate::lang::Lang;
use crate::report::render::RenderError;

#[derive(Debug)]
pub(super) enum Failure {
    /// Options or arguments that cannot be used as given: contradicting each other
    /// (`--pretty` with an HTML report), naming nothing that exists (a rule id, a
    /// jurisdiction), or files that do not go together (two jurisdictions in a `diff`).
    Usage {
        message: String,
        help: Option<String>,
    },
    /// Input files with errors, every one of them, and what was therefore not done.
    Inputs {
        diagnostics: Vec<Diagnostic>,
        not_done: NotDone,
    },
    /// The rule set did not load: its files' messages and the summary.
    RuleSet(Vec<Diagnostic>),
    /// The output file exists and `--force` was not given.
    OutputExists(PathBuf),
    /// The output path is one of the command's inputs (`input` as the message names it).
    OutputIsInput { output: PathBuf, input: String },
    /// Writing an output failed.
    Write {
        target: Target,
        error: std::io::Error,
    },
    /// A `--template` file that is not there or cannot be read.
    TemplateUnreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A `--template` path that names a folder, a device or a FIFO.
    TemplateNotAFile(PathBuf),
    /// A template that does not parse or did not render.
    Template(RenderError),
    /// The workbook of `init --format xlsx` could not be built.
    Workbook(crate::workbook::ExportError),
    /// The XLSForm of `init --format xlsform` could not be built.
    Form(crate::xlsform::FormError),
    /// `check --watch` could not watch a folder (`None`: could not start watching at all).
    Watch {
        folder: Option<PathBuf>,
        error: notify::Error,
    },
    /// Problems already reported as they were found: a command whose report is the list of
    /// problems (`validate`, `rules lint`, on stderr or as SARIF on stdout) found errors, or
    /// a `--watch` round failed and the watch went on. Nothing more to say; the exit code
    /// says there were errors.
    ProblemsReported,
}

/// What a command did not do because of its inputs' errors, said after their messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NotDone {
    /// "nothing was evaluated: 1 error and 0 warnings in 1 file".
    Evaluated,
    /// "nothing was written: 1 error and 0 warnings in 1 file".
    Written,
    /// The answers read from a workbook or submission do not make a valid assessment.
    WrittenImportInvalid,
    /// The messages say it all (the `--rules` folder not read, the `--from` file, …).
    Unsaid,
}

/// Where an output was going.
#[derive(Debug)]
pub(super) enum Target {
    File(PathBuf),
    /// The report of `check`, to a file or the terminal.
    Report,
    Stdout,
}

impl Failure {
    /// A usage error with how to fix it.
    pub(super) fn usage(message: impl Into<String>, help: impl Into<String>) -> Failure {
        Failure::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    /// The exit code the process ends with (SPEC "Command line").
    pub(super) fn exit(&self) -> Exit {
        match self {
            Failure::Usage { .. }
            | Failure::Inputs { .. }
            | Failure::RuleSet(_)
            | Failure::OutputExists(_)
            | Failure::OutputIsInput { .. }
            | Failure::Write { .. }
            | Failure::TemplateUnreadable { .. }
            | Failure::TemplateNotAFile(_)
            | Failure::Template(_)
            | Failure::Workbook(_)
            | Failure::Form(_)
            | Failure::Watch { .. }
            | Failure::ProblemsReported => Exit::Input,
        }
    }

    /// The one message of a failure that is not a list of diagnostics, in `lang`: its text
    /// and how to fix it. `None` for the failures whose messages are their files'
    /// diagnostics. What comes from elsewhere stays as it came: the system's reason a file
    /// could not be written, a template's error, a usage message made in the run's language.
    pub(super) fn message(&self, lang: Lang) -> Option<(String, Option<String>)> {
        let plain = |message: String| Some((message, None));
        let path_of = |path: &std::path::Path| path.display().to_string();
        match self {
            Failure::Usage { message, help } => Some((message.clone(), help.clone())),
            Failure::Inputs { .. } | Failure::RuleSet(_) | Failure::ProblemsReported => None,
            Failure::OutputExists(path) => Some((
                tf(lang, "`{path}` already exists", &[("path", &path_of(path))]),
                Some(t(lang, "choose another path with -o, or add --force to replace it").to_owned()),
            )),
            Failure::OutputIsInput { output, input } => Some((
                tf(
                    lang,
                    "the output path `{path}` is one of the input files ({input})",
                    &[("path", &path_of(output)), ("input", input)],
                ),
                Some(
                    t(
                        lang,
                        "choose another path with -o; acquis never overwrites an input, even with --force",
                    )
                    .to_owned(),
                ),
            )),
            Failure::Write { target, error } => {
                let error = error.to_string();
                plain(match target {
                    Target::File(path) => tf(
                        lang,
                        "cannot write `{path}`: {error}",
                        &[("path", &path_of(path)), ("error", &error)],
                    ),
                    Target::Report => {
                        tf(lang, "cannot write the report: {error}", &[("error", &error)])
                    }
                    Target::Stdout => tf(
                        lang,
                        "cannot write to the standard output: {error}",
                        &[("error", &error)],
                    ),
                })
            }
            Failure::TemplateUnreadable { path, error } => plain(tf(
                lang,
                "cannot read the template `{path}`: {error}",
                &[("path", &path_of(path)), ("error", &error.to_string())],
            )),
            Failure::TemplateNotAFile(path) => Some((
                tf(
                    lang,
                    "the template `{path}` is not a regular file",
                    &[("path", &path_of(path))],
                ),
                Some(t(lang, "give the path of a template file (.md.j2 or .html.j2)").to_owned()),
            )),
            Failure::Template(e) => Some((e.message(lang), e.help(lang).map(str::to_owned))),
            Failure::Workbook(e) => plain(e.to_string()),
            Failure::Form(e) => plain(e.to_string()),
            Failure::Watch { folder, error } => {
                let error = error.to_string();
                plain(match folder {
                    Some(folder) => tf(
                        lang,
                        "cannot watch `{folder}`: {error}",
                        &[("folder", &path_of(folder)), ("error", &error)],
                    ),
                    None => tf(lang, "cannot watch files: {error}", &[("error", &error)]),
                })
            }
        }
    }
}

impl From<RenderError> for Failure {
    fn from(e: RenderError) -> Failure {
        Failure::Template(e)
    }
}
