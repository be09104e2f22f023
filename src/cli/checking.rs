//! `acquis check`: evaluating files in parallel batches, streaming the report to a
//! temporary file that replaces the target only when every file passed, and `--watch`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::early::Early;
use super::output::OutputFile;
use super::*;
use crate::check::Results;
use crate::diagnostic::Diagnostic;
use crate::i18n::{t, tf};
use crate::model::{Assessment, Status};
use crate::report::render::Template;
use crate::report::{self, Style};
use crate::ruleset::RuleSet;
use crate::verdict;
use crate::waivers;

#[derive(clap::Args, Debug)]
pub(super) struct CheckArgs {
    /// Self-assessment files: YAML, or workbooks written by `acquis init --format xlsx`.
    #[arg(required = true, value_name = "FILE")]
    pub(super) files: Vec<PathBuf>,
    /// text for the terminal; json, the results for other programs (docs/results.md); md
    /// and html gap reports; csv, one row per rule; oscal, OSCAL Assessment Results
    /// (docs/oscal.md). Default: from the extension of
    /// --output (.json, .md, .html, .csv), else text.
    #[arg(long, value_enum)]
    pub(super) format: Option<Format>,
    /// Write the report to this file instead of the terminal.
    #[arg(short, long, value_name = "PATH")]
    pub(super) output: Option<PathBuf>,
    /// Indent the JSON (--format json only). It is compact when written to a file or
    /// a pipe, and indented on a terminal.
    #[arg(long)]
    pub(super) pretty: bool,
    /// Exit with 1 when a rule reaches this status or a worse one.
    #[arg(long, value_enum, default_value_t = FailOn::Gap)]
    pub(super) fail_on: FailOn,
    #[command(flatten)]
    pub(super) waiving: WaiverArgs,
    /// A minijinja template to use instead of the built-in one (md and html).
    #[arg(long, value_name = "PATH")]
    pub(super) template: Option<PathBuf>,
    /// Check again whenever a file is saved, until stopped with Ctrl-C.
    #[arg(long)]
    pub(super) watch: bool,
    /// Stop watching after this many rounds (for tests and scripts).
    #[arg(long, hide = true, value_name = "N")]
    pub(super) watch_rounds: Option<usize>,
}

impl CheckArgs {
    /// The format asked for, or the one `-o report.html` names, or text: writing plain
    /// text into a file called `.html` is never what was meant.
    pub(super) fn format(&self) -> Format {
        self.format.unwrap_or_else(|| {
            let extension = self
                .output
                .as_deref()
                .and_then(Path::extension)
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match extension.as_deref() {
                Some("json") => Format::Json,
                Some("md" | "markdown") => Format::Md,
                Some("html" | "htm") => Format::Html,
                Some("csv") => Format::Csv,
                _ => Format::Text,
            }
        })
    }
}

fn format_name(format: Format) -> String {
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned())
}

pub(super) fn cmd_check(args: &CheckArgs, source: &RuleSource, lang: Lang) -> Outcome {
    let (files, output, format) = (&args.files, args.output.as_deref(), args.format());
    if args.pretty && format != Format::Json {
        return Err(Failure::usage(
            tf(
                lang,
                "--pretty indents JSON, and this report is {format}",
                &[("format", &format_name(format))],
            ),
            t(lang, "add `--format json`, or leave out --pretty"),
        ));
    }
    // A template shapes the Markdown and HTML reports only; accepting it for another
    // format would silently ignore it.
    if args.template.is_some() && !matches!(format, Format::Md | Format::Html) {
        return Err(Failure::usage(
            tf(
                lang,
                "--template shapes md and html reports, and this report is {format}",
                &[("format", &format_name(format))],
            ),
            t(
                lang,
                "add `--format md` or `--format html`, or leave out --template",
            ),
        ));
    }
    let as_of = args.waiving.report_date(lang)?;
    // The first files are read and parsed on the other core while the rule set loads
    // (their YAML needs no rules): the start-up otherwise leaves that core idle.
    let loaded = AtomicBool::new(false);
    let (set, early) = rayon::join(
        || {
            let set = load_rule_set(source);
            loaded.store(true, Ordering::Relaxed);
            set
        },
        || Early::read(files, &loaded),
    );
    let set = set?;
    let inputs: Vec<&Path> = files
        .iter()
        .chain(&args.waiving.waivers)
        .chain(&args.template)
        .map(PathBuf::as_path)
        .collect();
    refuse_output_over_input(output, &inputs, source)?;
    let template = load_template(args.template.as_deref())?;
    let waivers = args.waiving.in_force(&set, &as_of)?;
    if args.watch {
        return watch(&set, args, template.as_ref(), &waivers, &as_of, lang);
    }
    check_once(&set, args, template.as_ref(), &waivers, &as_of, lang, early)
}

/// How many files may be evaluated ahead of the one being written: memory grows with
/// this, not with the number of files.
const WINDOW: usize = 64;

/// One file's contribution to the report.
enum Piece {
    /// Its part of the report, and the statuses it reached.
    Report(String, Vec<Status>),
    /// Read, and not evaluated: an earlier file had an error, so nothing will be written.
    Read,
    /// It could not be read: always reported.
    Unreadable(Vec<Diagnostic>),
    /// Its report could not be rendered: reported when no earlier file had an error (the
    /// files after one are not evaluated, so which of their renderings fail is unknown).
    Unrendered(Vec<Diagnostic>),
}

/// Reads, evaluates and reports once; the body of `check` and of each `--watch` round.
/// Files are evaluated in parallel and their output streamed, in input order, to a
/// temporary file (`ordered::for_each`), so a run over thousands of files holds a few
/// dozen reports in memory. If any file has an error, every file is still read (to report
/// all errors), the files after it are not evaluated, and nothing is written.
pub(super) fn check_once(
    set: &RuleSet,
    args: &CheckArgs,
    template: Option<&Template>,
    waivers: &[waivers::Waiver],
    as_of: &str,
    lang: Lang,
    early: Early,
) -> Outcome {
    let (files, format, output) = (&args.files, args.format(), args.output.as_deref());
    if format == Format::Html && files.len() > 1 {
        return Err(Failure::usage(
            t(lang, "an HTML report is one document per assessment"),
            t(
                lang,
                "check one file at a time, or use `acquis matrix` to compare several",
            ),
        ));
    }
    // Finding UUIDs are stable per jurisdiction and rule across periods, so two periods of
    // one jurisdiction cannot share a document; one document per assessment keeps it simple.
    if format == Format::Oscal && files.len() > 1 {
        return Err(Failure::usage(
            t(lang, "an OSCAL document is written per assessment"),
            t(
                lang,
                "check one file at a time, e.g. `acquis check FILE --format oscal -o FILE.oscal.json`",
            ),
        ));
    }
    let style = Style {
        colour: output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
        // A text file is read later, in an editor or a mail: 80 columns, whatever the
        // terminal that wrote it.
        width: if output.is_some() {
            80
        } else {
            super::output::text_width()
        },
    };
    let many = files.len() > 1;
    let pretty = args.pretty || (output.is_none() && std::io::stdout().is_terminal());
    // Each rule's fixed JSON, written once per run, pays off only over several files.
    let fragments = (format == Format::Json && !pretty && many)
        .then(|| report::results_json::Fragments::new(set));
    let how = Presentation {
        format,
        pretty,
        style,
        template,
        as_of,
        lang,
        fragments: fragments.as_ref(),
    };
    let mut sink = Sink::new(output).map_err(cannot_write_report)?;
    let (prefix, separator, suffix) = match format {
        Format::Json if many => ("[\n".to_owned(), ",\n", "]\n"),
        Format::Json => (String::new(), "", ""),
        Format::Csv if output.is_some() => (
            format!("{}{}", report::csv::FILE_BOM, report::csv::header_in(lang)),
            "",
            "",
        ),
        Format::Csv => (report::csv::header_in(lang), "", ""),
        Format::Text => (String::new(), "\n", ""),
        Format::Md => (String::new(), "\n\n---\n\n", ""),
        Format::Html | Format::Oscal => (String::new(), "", ""),
    };
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut statuses: Vec<Status> = Vec::new();
    let mut written = 0usize;
    let mut write_failed = sink.write(&prefix).err();
    // The lowest index of a file known to have an error: the files after it need only be
    // read. Which files are skipped depends on timing; what is reported does not (`Piece`).
    let first_error = AtomicUsize::new(usize::MAX);
    let evaluate_one = |index: usize, path: &PathBuf| -> Piece {
        let failed = |piece: Piece| {
            first_error.fetch_min(index, Ordering::Relaxed);
            piece
        };
        let assessment = match early.assessment(index, path, set) {
            Ok(assessment) => assessment,
            Err(d) => return failed(Piece::Unreadable(d)),
        };
        if first_error.load(Ordering::Relaxed) < index {
            return Piece::Read;
        }
        let results = verdict::decide(set, &assessment, waivers);
        match render_one(&how, &results, &assessment, set) {
            Ok(text) => Piece::Report(text, results.results.iter().map(|r| r.status).collect()),
            Err(e) => failed(Piece::Unrendered(vec![Diagnostic::error(
                &assessment.file,
                crate::diagnostic::Pos::FILE,
                e.to_string(),
            )])),
        }
    };
    super::ordered::for_each(files, WINDOW, evaluate_one, |piece| match piece {
        Piece::Unreadable(mut d) => problems.append(&mut d),
        Piece::Unrendered(mut d) if problems.is_empty() => problems.append(&mut d),
        Piece::Report(text, reached) if problems.is_empty() => {
            let sep = if written > 0 { separator } else { "" };
            if write_failed.is_none() {
                write_failed = sink.write(sep).and_then(|()| sink.write_owned(text)).err();
            }
            written += 1;
            statuses.extend(reached);
        }
        Piece::Report(..) | Piece::Unrendered(_) | Piece::Read => {}
    });
    if !problems.is_empty() {
        sink.discard();
        return Err(Failure::Inputs {
            diagnostics: problems,
            not_done: NotDone::Evaluated,
        });
    }
    if write_failed.is_none() {
        write_failed = sink.write(suffix).err();
    }
    if let Some(e) = write_failed {
        return Err(cannot_write_report(e));
    }
    sink.commit()?;
    let exit = if statuses.contains(&Status::Error) {
        Exit::RuleError
    } else if statuses.iter().any(|s| args.fail_on.reached_by(*s)) {
        Exit::Threshold
    } else {
        Exit::Ok
    };
    if let Some(path) = output {
        // On the terminal the report itself says what was found (super::notes).
        super::notes::print_written(path, format, written, &statuses, exit, args.fail_on, lang);
    }
    Ok(exit)
}

fn cannot_write_report(error: std::io::Error) -> Failure {
    Failure::Write {
        target: Target::Report,
        error,
    }
}

/// How every assessment's part of one report is rendered.
struct Presentation<'a> {
    format: Format,
    /// Indented JSON: asked for, or shown on a terminal.
    pretty: bool,
    style: Style,
    template: Option<&'a Template>,
    as_of: &'a str,
    lang: Lang,
    /// The rules' fixed parts of the results JSON, made once for all the files.
    fragments: Option<&'a report::results_json::Fragments<'a>>,
}

/// One assessment's part of the report.
fn render_one(
    how: &Presentation,
    results: &Results,
    assessment: &Assessment,
    set: &RuleSet,
) -> Result<String, report::render::RenderError> {
    let Presentation {
        format,
        pretty,
        style,
        template,
        as_of,
        lang,
        fragments,
    } = *how;
    match format {
        Format::Json => Ok(report::json_with(
            std::slice::from_ref(results),
            pretty,
            fragments,
        )),
        Format::Text => Ok(report::text(results, assessment, set, style, lang)),
        Format::Csv => Ok(report::csv::rows(results, assessment, set, lang)),
        Format::Oscal => Ok(report::oscal::text(results, assessment, set, as_of)),
        Format::Md | Format::Html => {
            let name = if format == Format::Md {
                "gap-report.md.j2"
            } else {
                "gap-report.html.j2"
            };
            let view = report::view::gap_report(results, assessment, set, as_of, lang);
            report::render::render(name, template, &view, lang)
        }
    }
}

/// A report being written: to an [`OutputFile`] that replaces the target only when
/// complete, or, for the terminal, held in memory and printed only when every file passed
/// (so writing to the terminal needs no temporary file and no `$TMPDIR`).
enum Sink {
    File(OutputFile),
    Terminal(String),
}

impl Sink {
    fn new(target: Option<&Path>) -> std::io::Result<Sink> {
        Ok(match target {
            Some(path) => Sink::File(OutputFile::create(path)?),
            None => Sink::Terminal(String::new()),
        })
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Sink::File(f) => f.write_all(text.as_bytes()),
            Sink::Terminal(buffer) => {
                buffer.push_str(text);
                Ok(())
            }
        }
    }

    /// [`Sink::write`] of a report the sink may keep instead of copying.
    fn write_owned(&mut self, text: String) -> std::io::Result<()> {
        match self {
            Sink::File(f) => f.write_owned(text.into_bytes()),
            Sink::Terminal(buffer) => {
                buffer.push_str(&text);
                Ok(())
            }
        }
    }

    fn commit(self) -> Result<(), Failure> {
        match self {
            Sink::File(f) => f.commit().map_err(cannot_write_report),
            Sink::Terminal(text) => output::stdout(&text),
        }
    }

    /// Drops what was written: the target (or the terminal) is left as it was.
    fn discard(self) {}
}

/// `check --watch`: check, then again after every save, until stopped.
/// A file saved half-written gives its errors and the next save is awaited; the last
/// round's outcome is the command's.
pub(super) fn watch(
    set: &RuleSet,
    args: &CheckArgs,
    template: Option<&Template>,
    waivers: &[waivers::Waiver],
    as_of: &str,
    lang: Lang,
) -> Outcome {
    use notify::{RecursiveMode, Watcher};
    use std::sync::mpsc;
    use std::time::Duration;

    let (tx, rx) = mpsc::channel();
    let mut watcher =
        match notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && !event.kind.is_access()
            {
                let _ = tx.send(event.paths);
            }
        }) {
            Ok(w) => w,
            Err(error) => {
                return Err(Failure::Watch {
                    folder: None,
                    error,
                });
            }
        };
    // Editors often save by writing a new file and renaming it, so the folder is watched.
    let targets: Vec<PathBuf> = args.files.iter().map(|f| absolute(f)).collect();
    let mut folders: Vec<PathBuf> = targets
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        if let Err(error) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            return Err(Failure::Watch {
                folder: Some(folder.clone()),
                error,
            });
        }
    }
    let mut rounds = 0;
    loop {
        rounds += 1;
        outln!("── {} · round {rounds} ──", super::clock::now_hms())?;
        let last = check_once(set, args, template, waivers, as_of, lang, Early::default());
        if args.watch_rounds.is_some_and(|n| rounds >= n) {
            return last;
        }
        // This round's failure is said now; the watch goes on to the next save.
        let last = last.map_err(|failure| {
            messages::print_failure(&failure);
            Failure::ProblemsReported
        });
        outln!(
            "watching {} for changes (Ctrl-C to stop)",
            args.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        // Wait for a change to one of the files, then let the burst of events of one save settle.
        loop {
            let Ok(paths) = rx.recv() else { return last };
            if paths
                .iter()
                .any(|p| targets.iter().any(|t| &absolute(p) == t))
            {
                break;
            }
        }
        while rx.recv_timeout(Duration::from_millis(250)).is_ok() {}
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
