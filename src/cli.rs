//! The `acquis` command line: arguments, terminal output, output files and exit codes.
//! Only this module knows about the terminal, the file system for outputs and exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{self, Results};
use crate::diagnostic::Diagnostic;
use crate::load::{self, FileSet, RuleSet};
use crate::maintain;
use crate::model::{Assessment, Status};
use crate::questionnaire;
use crate::report::{self, Style};
use crate::waivers;

/// A command's result: `Err` is an early exit (bad input), `Ok` the exit code of a
/// completed run; either way the code the process ends with.
type Outcome = Result<Exit, Exit>;

/// Exit codes of SPEC "Command line".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    /// The `--fail-on` threshold was reached.
    Threshold = 1,
    /// Bad input or usage: nothing evaluated, nothing written.
    Input = 2,
    /// A rule failed to evaluate.
    RuleError = 3,
}

#[derive(Parser, Debug)]
#[command(
    name = "acquis",
    version,
    about = "Checks national self-assessments against EU and Council of Europe obligations on combating child sexual abuse, and writes gap reports",
    after_help = "Exit codes: 0 ok · 1 the --fail-on threshold was reached · 2 bad input or usage · 3 a rule failed to evaluate"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Debug, Clone)]
struct RuleSource {
    /// A rule set folder laid out like `rules/` (default: the built-in rule set).
    #[arg(long, value_name = "DIR", global = true)]
    rules: Option<PathBuf>,
    /// A seeds folder with `sources.yaml` and `jurisdictions.yaml` (default: built in).
    #[arg(long, value_name = "DIR", global = true)]
    seeds: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate self-assessments and report the status of every rule.
    Check {
        /// Self-assessment files (YAML).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the report to this file instead of the terminal.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Exit with 1 when a rule reaches this status or a worse one.
        #[arg(long, value_enum, default_value_t = FailOn::Gap)]
        fail_on: FailOn,
        /// A YAML list of waivers (rule, jurisdiction, reason, approved_by, until).
        #[arg(long, value_name = "FILE")]
        waivers: Option<PathBuf>,
        /// The report date waivers are judged against, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// A minijinja template to use instead of the built-in one (md and html).
        #[arg(long, value_name = "PATH")]
        template: Option<PathBuf>,
        /// Check again whenever a file is saved, until stopped with Ctrl-C.
        #[arg(long)]
        watch: bool,
        /// Stop watching after this many rounds (for tests and scripts).
        #[arg(long, hide = true, value_name = "N")]
        watch_rounds: Option<usize>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Check self-assessments against the questionnaire and report every mistake.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// A rules × jurisdictions table of statuses, with scores per area.
    Matrix {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = MatrixFormat::Md)]
        format: MatrixFormat,
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Column order: alphabetical (default) or by overall score, best first.
        #[arg(long, value_enum, default_value_t = MatrixSort::Alphabetical)]
        sort: MatrixSort,
        #[arg(long, value_name = "FILE")]
        waivers: Option<PathBuf>,
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// A minijinja template to use instead of the built-in one (md and html).
        #[arg(long, value_name = "PATH")]
        template: Option<PathBuf>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// What changed between two periods of one jurisdiction.
    Diff {
        #[arg(value_name = "OLD")]
        old: PathBuf,
        #[arg(value_name = "NEW")]
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Write a blank self-assessment with every question that applies to a jurisdiction.
    Init {
        /// Jurisdiction code (ISO 3166, EU usage: EL for Greece).
        #[arg(long, value_name = "CODE", required_unless_present = "from")]
        jurisdiction: Option<String>,
        /// The period assessed (default: the current year).
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// yaml: a commented YAML file; xlsx: a workbook to fill in a spreadsheet program.
        #[arg(long, value_enum, default_value_t = InitFormat::Yaml)]
        format: InitFormat,
        /// Start from the answers of an existing self-assessment (with --format xlsx).
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Where to write it (default: `<code>-<period>.yaml` or `.xlsx` in this folder).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Turn a filled workbook back into a self-assessment (YAML).
    Import {
        #[arg(value_name = "FILE.xlsx")]
        file: PathBuf,
        /// Where to write it (default: the workbook's name with `.yaml`).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Explain one rule's status for one self-assessment: what it read and why.
    Explain {
        #[arg(value_name = "RULE")]
        rule: String,
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Print a JSON Schema (2020-12) for self-assessment files or rule files.
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
        /// Write the schema to this file instead of the terminal.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Tools for the people who maintain the rule set.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
        #[command(flatten)]
        source: RuleSource,
    },
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Report every problem in the rule set; exits 2 on any error.
    Lint,
    /// Run every rule's examples as tests.
    Test,
    /// A table of the rules, optionally filtered.
    List {
        #[arg(long, value_name = "ID")]
        instrument: Option<String>,
        #[arg(long, value_name = "AREA")]
        area: Option<String>,
        #[arg(long, value_enum)]
        severity: Option<SeverityArg>,
    },
    /// Everything about one rule: obligation, sources, condition, questions, examples.
    Show {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Which numbered paragraphs of each source text the rules cite.
    Coverage {
        #[arg(long, value_enum, default_value_t = CoverageFormat::Text)]
        format: CoverageFormat,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum InitFormat {
    Yaml,
    Xlsx,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum MatrixFormat {
    Html,
    Md,
    Csv,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum MatrixSort {
    Alphabetical,
    Score,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum DiffFormat {
    Text,
    Md,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum SchemaKind {
    Assessment,
    Rule,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum SeverityArg {
    High,
    Medium,
    Low,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum CoverageFormat {
    Text,
    Md,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Md,
    Html,
    Csv,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum FailOn {
    Gap,
    Partial,
    Unanswered,
    Never,
}

impl FailOn {
    fn reached_by(self, status: Status) -> bool {
        match self {
            FailOn::Gap => status == Status::Gap,
            FailOn::Partial => matches!(status, Status::Gap | Status::Partial),
            FailOn::Unanswered => {
                matches!(status, Status::Gap | Status::Partial | Status::Unanswered)
            }
            FailOn::Never => false,
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Input as i32
            } else {
                Exit::Ok as i32
            };
        }
    };
    let exit = match cli.command {
        Command::Check {
            files,
            format,
            output,
            fail_on,
            waivers,
            as_of,
            template,
            watch,
            watch_rounds,
            source,
        } => cmd_check(
            &CheckArgs {
                files,
                format,
                output,
                fail_on,
                waivers,
                as_of,
                template,
                watch,
                watch_rounds,
            },
            &source,
        ),
        Command::Validate { files, source } => cmd_validate(&files, &source),
        Command::Matrix {
            files,
            format,
            output,
            sort,
            waivers,
            as_of,
            template,
            source,
        } => cmd_matrix(
            &MatrixArgs {
                files,
                format,
                output,
                sort,
                waivers,
                as_of,
                template,
            },
            &source,
        ),
        Command::Diff {
            old,
            new,
            format,
            output,
            source,
        } => cmd_diff(&old, &new, format, output.as_deref(), &source),
        Command::Init {
            jurisdiction,
            period,
            format,
            from,
            output,
            force,
            source,
        } => cmd_init(
            &InitArgs {
                jurisdiction,
                period,
                format,
                from,
                output,
                force,
            },
            &source,
        ),
        Command::Import {
            file,
            output,
            force,
            source,
        } => cmd_import(&file, output, force, &source),
        Command::Explain { rule, file, source } => cmd_explain(&rule, &file, &source),
        Command::Schema {
            kind,
            output,
            source,
        } => cmd_schema(kind, output.as_deref(), &source),
        Command::Rules { command, source } => match command {
            RulesCommand::Lint => cmd_lint(&source),
            RulesCommand::Test => cmd_test(&source),
            RulesCommand::List {
                instrument,
                area,
                severity,
            } => cmd_list(&source, instrument.as_deref(), area.as_deref(), severity),
            RulesCommand::Show { id } => cmd_show(&source, &id),
            RulesCommand::Coverage { format } => cmd_coverage(&source, format),
        },
    };
    exit.unwrap_or_else(|early| early) as i32
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}\n");
    }
}

fn summary_line(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let files: std::collections::BTreeSet<&str> =
        diagnostics.iter().map(|d| d.file.as_str()).collect();
    format!(
        "{errors} error{} and {warnings} warning{} in {} file{}",
        plural(errors),
        plural(warnings),
        files.len(),
        plural(files.len())
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn load_rule_set(source: &RuleSource) -> Result<RuleSet, Exit> {
    let rules = match &source.rules {
        Some(dir) => FileSet::from_dir(dir),
        None => Ok(FileSet::builtin("rules")),
    };
    let seeds = match &source.seeds {
        Some(dir) => FileSet::from_dir(dir),
        None => Ok(FileSet::builtin("seeds")),
    };
    let (rules, seeds) = match (rules, seeds) {
        (Ok(r), Ok(s)) => (r, s),
        (r, s) => {
            let ds: Vec<Diagnostic> = [r.err(), s.err()].into_iter().flatten().collect();
            print_diagnostics(&ds);
            return Err(Exit::Input);
        }
    };
    load::load(&rules, &seeds).map_err(|diagnostics| {
        print_diagnostics(&diagnostics);
        eprintln!("the rule set did not load: {}", summary_line(&diagnostics));
        Exit::Input
    })
}

/// Reads and validates every file, collecting the problems of all of them.
fn read_assessments(files: &[PathBuf], set: &RuleSet) -> Result<Vec<Assessment>, Vec<Diagnostic>> {
    let mut assessments = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let name = path.display().to_string();
        // A workbook is read as the self-assessment it imports to.
        let bytes = load::read_bounded(path)
            .map_err(|d| vec![d])
            .and_then(|bytes| {
                if crate::spreadsheet::is_workbook(path) {
                    crate::spreadsheet::import(&name, &bytes, set).map(|i| i.yaml.into_bytes())
                } else {
                    Ok(bytes)
                }
            });
        match bytes {
            Ok(bytes) => match questionnaire::read_assessment(
                &name,
                &bytes,
                &set.questionnaire,
                &set.jurisdictions,
            ) {
                Ok(a) => assessments.push(a),
                Err(mut d) => problems.append(&mut d),
            },
            Err(mut d) => problems.append(&mut d),
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        Err(problems)
    } else {
        Ok(assessments)
    }
}

struct CheckArgs {
    files: Vec<PathBuf>,
    format: Format,
    output: Option<PathBuf>,
    fail_on: FailOn,
    waivers: Option<PathBuf>,
    as_of: Option<String>,
    template: Option<PathBuf>,
    watch: bool,
    watch_rounds: Option<usize>,
}

fn cmd_check(args: &CheckArgs, source: &RuleSource) -> Outcome {
    let (files, output) = (&args.files, args.output.as_deref());
    let as_of = parse_as_of(args.as_of.as_deref())?;
    let set = load_rule_set(source)?;
    let inputs: Vec<&Path> = files
        .iter()
        .chain(&args.waivers)
        .map(PathBuf::as_path)
        .collect();
    refuse_output_over_input(output, &inputs)?;
    let waivers = read_waivers(args.waivers.as_deref(), &set)?;
    let (waivers, warnings) = waivers::in_force(&waivers, &set, &as_of);
    print_diagnostics(&warnings);
    if args.watch {
        return Ok(watch(&set, args, &waivers, &as_of));
    }
    Ok(check_once(&set, args, &waivers, &as_of))
}

/// Reads, evaluates and reports once; the body of `check` and of each `--watch` round.
/// How many files are read and evaluated together (in parallel) before their output
/// is written: memory grows with this, not with the number of files.
const BATCH: usize = 64;

/// One file's contribution to the report, and the statuses it reached.
type Piece = Result<(String, Vec<Status>), Vec<Diagnostic>>;

/// Reads, evaluates and reports once; the body of `check` and of each `--watch` round.
/// Files are handled in batches, in parallel, and their output streamed to a temporary
/// file, so a run over thousands of files holds one batch in memory. If any file has an
/// error, every file is still checked (to report all errors) and nothing is written.
fn check_once(set: &RuleSet, args: &CheckArgs, waivers: &[waivers::Waiver], as_of: &str) -> Exit {
    use rayon::prelude::*;
    let (files, format, output) = (&args.files, args.format, args.output.as_deref());
    if format == Format::Html && files.len() > 1 {
        eprintln!(
            "error: an HTML report is one document per assessment\n  = help: check one file at a time, or use `acquis matrix` to compare several"
        );
        return Exit::Input;
    }
    let style = Style {
        colour: output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
    };
    let many = files.len() > 1;
    let mut sink = match Sink::new(output) {
        Ok(sink) => sink,
        Err(e) => {
            eprintln!("error: cannot write the report: {e}");
            return Exit::Input;
        }
    };
    let (prefix, separator, suffix) = match format {
        Format::Json if many => ("[\n".to_owned(), ",\n", "]\n"),
        Format::Json => (String::new(), "", ""),
        Format::Csv => (report::csv::header(), "", ""),
        Format::Text => (String::new(), "\n", ""),
        Format::Md => (String::new(), "\n\n---\n\n", ""),
        Format::Html => (String::new(), "", ""),
    };
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut statuses: Vec<Status> = Vec::new();
    let mut written = 0usize;
    let mut write_failed = sink.write(&prefix).err();
    for batch in files.chunks(BATCH) {
        let evaluate = problems.is_empty();
        let pieces: Vec<Piece> = batch
            .par_iter()
            .map(|path| {
                let assessment = read_assessments(std::slice::from_ref(path), set)?.remove(0);
                if !evaluate {
                    return Ok((String::new(), Vec::new()));
                }
                let mut results = check::evaluate(set, &assessment);
                waivers::apply(waivers, &mut results, set);
                let piece = render_one(
                    format,
                    &results,
                    &assessment,
                    set,
                    style,
                    args.template.as_deref(),
                    as_of,
                )
                .map_err(|e| {
                    vec![Diagnostic::error(
                        &assessment.file,
                        crate::diagnostic::Pos::FILE,
                        e,
                    )]
                })?;
                Ok((piece, results.results.iter().map(|r| r.status).collect()))
            })
            .collect();
        for piece in pieces {
            match piece {
                Err(mut d) => problems.append(&mut d),
                Ok((text, reached)) if problems.is_empty() => {
                    let sep = if written > 0 { separator } else { "" };
                    if write_failed.is_none() {
                        write_failed = sink.write(sep).and_then(|()| sink.write(&text)).err();
                    }
                    written += 1;
                    statuses.extend(reached);
                }
                Ok(_) => {}
            }
        }
    }
    if !problems.is_empty() {
        sink.discard();
        print_diagnostics(&problems);
        eprintln!("nothing was evaluated: {}", summary_line(&problems));
        return Exit::Input;
    }
    if write_failed.is_none() {
        write_failed = sink.write(suffix).err();
    }
    if let Some(e) = write_failed.or_else(|| sink.commit().err()) {
        eprintln!("error: cannot write the report: {e}");
        return Exit::Input;
    }
    let mut exit = Exit::Ok;
    for status in statuses {
        if status == Status::Error {
            return Exit::RuleError;
        }
        if args.fail_on.reached_by(status) {
            exit = Exit::Threshold;
        }
    }
    exit
}

/// One assessment's part of the report in `format`.
fn render_one(
    format: Format,
    results: &Results,
    assessment: &Assessment,
    set: &RuleSet,
    style: Style,
    template: Option<&Path>,
    as_of: &str,
) -> Result<String, String> {
    match format {
        Format::Json => Ok(report::json(std::slice::from_ref(results))),
        Format::Text => Ok(report::text(results, set, style)),
        Format::Csv => Ok(report::csv::rows(results, assessment, set)),
        Format::Md | Format::Html => {
            let name = if format == Format::Md {
                "gap-report.md.j2"
            } else {
                "gap-report.html.j2"
            };
            let view = report::view::gap_report(results, assessment, set, as_of);
            report::render::render(name, template, &view).map_err(|e| e.to_string())
        }
    }
}

/// A report being written: a temporary file next to the target (or in the temporary
/// folder, for the terminal), renamed into place or copied to stdout only when complete.
struct Sink {
    temp: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
    target: Option<PathBuf>,
}

impl Sink {
    fn new(target: Option<&Path>) -> std::io::Result<Sink> {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temp = match target {
            Some(path) => {
                let dir = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                dir.join(format!(".{name}.acquis-{}-{n}.tmp", std::process::id()))
            }
            None => std::env::temp_dir().join(format!("acquis-{}-{n}.out", std::process::id())),
        };
        let file = std::fs::File::create(&temp)?;
        Ok(Sink {
            temp,
            file: Some(std::io::BufWriter::new(file)),
            target: target.map(Path::to_path_buf),
        })
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.write_all(text.as_bytes()),
            None => Ok(()),
        }
    }

    fn commit(mut self) -> std::io::Result<()> {
        let file = self.file.take().expect("committed once");
        let file = file.into_inner().map_err(|e| e.into_error())?;
        match &self.target {
            Some(target) => {
                file.sync_all()?;
                std::fs::rename(&self.temp, target)
            }
            None => {
                drop(file);
                let mut out = std::io::stdout().lock();
                let mut temp = std::fs::File::open(&self.temp)?;
                // A closed pipe (`| head`) is not an error worth reporting.
                let _ = std::io::copy(&mut temp, &mut out);
                let _ = out.flush();
                Ok(())
            }
        }
    }

    fn discard(self) {}
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.file.take();
        let _ = std::fs::remove_file(&self.temp);
    }
}

fn cmd_validate(files: &[PathBuf], source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let mut exit = Exit::Ok;
    for path in files {
        match read_assessments(std::slice::from_ref(path), &set) {
            Err(diagnostics) => {
                print_diagnostics(&diagnostics);
                eprintln!("{}: {}", path.display(), summary_line(&diagnostics));
                exit = Exit::Input;
            }
            Ok(assessments) => {
                for a in assessments {
                    print!(
                        "{}",
                        report::completeness(&a, &check::evaluate(&set, &a), &set)
                    );
                }
            }
        }
    }
    Ok(exit)
}

fn cmd_lint(source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let mut diagnostics = set.warnings.clone();
    diagnostics.extend(maintain::lint(&set));
    if set.coverage_file.is_some() {
        match crate::coverage::coverage(&set) {
            Ok(_) => diagnostics.extend(crate::coverage::dangling_references(&set)),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    diagnostics.sort_by(|a, b| (a.level, &a.file, a.pos).cmp(&(b.level, &b.file, b.pos)));
    print_diagnostics(&diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    println!(
        "{} rules, {} questions: {}",
        set.rules.len(),
        set.questionnaire.questions.len(),
        if diagnostics.is_empty() {
            "no problems".to_owned()
        } else {
            summary_line(&diagnostics)
        }
    );
    Ok(if errors > 0 { Exit::Input } else { Exit::Ok })
}

fn cmd_test(source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let report = maintain::test_examples(&set);
    for f in &report.failures {
        println!(
            "FAIL {} — example \"{}\" ({}:{}:{})\n  expected: {}\n  actual:   {}{}{}",
            f.rule,
            f.example,
            f.file,
            f.pos.line,
            f.pos.col,
            f.expected,
            f.actual.status,
            if f.actual.missing.is_empty() {
                String::new()
            } else {
                format!(" (missing: {})", f.actual.missing.join(", "))
            },
            f.actual
                .message
                .as_ref()
                .map(|m| format!(" — {m}"))
                .unwrap_or_default()
        );
        for line in &f.inputs {
            println!("  input: {line}");
        }
    }
    println!("{} passed, {} failed", report.passed, report.failures.len());
    Ok(if report.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::Threshold
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Writes to stdout, or atomically to a file: a temporary file next to it, then a rename,
/// so a failed run never leaves half a report.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Exit> {
    let Some(path) = output else {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = out.write_all(text.as_bytes());
        return Ok(());
    };
    write_atomically(path, text.as_bytes()).map_err(|e| {
        eprintln!("error: cannot write `{}`: {e}", path.display());
        Exit::Input
    })
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.acquis-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn cmd_list(
    source: &RuleSource,
    instrument: Option<&str>,
    area: Option<&str>,
    severity: Option<SeverityArg>,
) -> Outcome {
    let set = load_rule_set(source)?;
    let wanted = severity.map(|s| match s {
        SeverityArg::High => crate::model::Severity::High,
        SeverityArg::Medium => crate::model::Severity::Medium,
        SeverityArg::Low => crate::model::Severity::Low,
    });
    let rows: Vec<[String; 5]> = set
        .rules
        .iter()
        .map(|c| &c.rule)
        .filter(|r| instrument.is_none_or(|i| r.instrument == i))
        .filter(|r| area.is_none_or(|a| r.area == a))
        .filter(|r| wanted.is_none_or(|s| r.severity == s))
        .map(|r| {
            let force = set
                .instrument(&r.instrument)
                .map_or("", |i| i.force.as_str());
            [
                r.id.clone(),
                r.instrument.clone(),
                r.area.clone(),
                r.severity.as_str().to_owned(),
                force.to_owned(),
            ]
        })
        .collect();
    let header = ["id", "instrument", "area", "severity", "force"].map(str::to_owned);
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String; 5]| {
        r.iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = format!("{}\n", line(&header));
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out.push_str(&format!("{} rule{}\n", rows.len(), plural(rows.len())));
    let _ = emit(&out, None);
    Ok(Exit::Ok)
}

fn cmd_show(source: &RuleSource, id: &str) -> Outcome {
    let set = load_rule_set(source)?;
    let compiled = find_rule(&set, id)?;
    let _ = emit(&report::rule_page(compiled, &set), None);
    Ok(Exit::Ok)
}

fn cmd_coverage(source: &RuleSource, format: CoverageFormat) -> Outcome {
    let set = load_rule_set(source)?;
    let texts = match crate::coverage::coverage(&set) {
        Ok(t) => t,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return Err(Exit::Input);
        }
    };
    let out = match format {
        CoverageFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&texts).expect("coverage serialises")
        ),
        CoverageFormat::Text => report::coverage_text(&texts),
        CoverageFormat::Md => report::coverage_markdown(&texts),
    };
    let _ = emit(&out, None);
    Ok(Exit::Ok)
}

fn cmd_schema(kind: SchemaKind, output: Option<&Path>, source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let schema = match kind {
        SchemaKind::Assessment => crate::schema::assessment(&set),
        SchemaKind::Rule => crate::schema::rule(&set),
    };
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&schema).expect("schema serialises")
    );
    emit(&text, output)?;
    Ok(Exit::Ok)
}

struct InitArgs {
    jurisdiction: Option<String>,
    period: Option<String>,
    format: InitFormat,
    from: Option<PathBuf>,
    output: Option<PathBuf>,
    force: bool,
}

fn cmd_init(args: &InitArgs, source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let existing = match &args.from {
        None => None,
        Some(from) => match read_assessments(std::slice::from_ref(from), &set) {
            Ok(mut a) => Some(a.remove(0)),
            Err(diagnostics) => {
                print_diagnostics(&diagnostics);
                return Err(Exit::Input);
            }
        },
    };
    if existing.is_some() && args.format == InitFormat::Yaml {
        eprintln!(
            "error: --from fills a workbook\n  = help: add --format xlsx (a YAML file is already its own starting point)"
        );
        return Err(Exit::Input);
    }
    let code = match (&args.jurisdiction, &existing) {
        (Some(code), Some(a)) if *code != a.jurisdiction => {
            eprintln!(
                "error: `{}` is about {}, not {code}",
                a.file, a.jurisdiction
            );
            return Err(Exit::Input);
        }
        (Some(code), _) => code.clone(),
        (None, Some(a)) => a.jurisdiction.clone(),
        (None, None) => unreachable!("clap requires --jurisdiction without --from"),
    };
    let Some(jurisdiction) = set.jurisdiction(&code) else {
        eprintln!(
            "error: unknown jurisdiction `{code}`\n  = help: {}",
            crate::diagnostic::suggestion(
                &code,
                set.jurisdictions.iter().map(|j| j.code.as_str()),
                "jurisdiction codes (ISO 3166, `EL` for Greece)"
            )
        );
        return Err(Exit::Input);
    };
    let period = args
        .period
        .clone()
        .or_else(|| existing.as_ref().map(|a| a.period.clone()))
        .unwrap_or_else(|| waivers::today()[..4].to_owned());
    let extension = if args.format == InitFormat::Xlsx {
        "xlsx"
    } else {
        "yaml"
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}-{period}.{extension}", code.to_lowercase())));
    if path.exists() && !args.force {
        eprintln!(
            "error: `{}` already exists\n  = help: choose another path with -o, or add --force to replace it",
            path.display()
        );
        return Err(Exit::Input);
    }
    if args.format == InitFormat::Xlsx {
        let bytes = match crate::spreadsheet::export(&set, jurisdiction, &period, existing.as_ref())
        {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}");
                return Err(Exit::Input);
            }
        };
        if let Err(e) = write_atomically(&path, &bytes) {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return Err(Exit::Input);
        }
        println!(
            "wrote {} ({} questions for {})",
            path.display(),
            set.questions_for(jurisdiction).len(),
            jurisdiction.code
        );
        println!(
            "next: fill in column C of each sheet, then run `acquis import {}`",
            path.display()
        );
        return Err(Exit::Ok);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let schema_path = dir.join(crate::init::SCHEMA_FILE);
    let schema = format!(
        "{}\n",
        serde_json::to_string_pretty(&crate::schema::assessment(&set)).expect("schema serialises")
    );
    let text = crate::init::blank_assessment(
        &set,
        jurisdiction,
        &period,
        &format!("./{}", crate::init::SCHEMA_FILE),
    );
    for (target, bytes) in [(&schema_path, schema.as_bytes()), (&path, text.as_bytes())] {
        if let Err(e) = write_atomically(target, bytes) {
            eprintln!("error: cannot write `{}`: {e}", target.display());
            return Err(Exit::Input);
        }
    }
    println!(
        "wrote {} ({} questions for {}) and {}",
        path.display(),
        set.questions_for(jurisdiction).len(),
        jurisdiction.code,
        schema_path.display()
    );
    println!(
        "next: fill in the answers, then run `acquis validate {}`",
        path.display()
    );
    Ok(Exit::Ok)
}

fn cmd_import(file: &Path, output: Option<PathBuf>, force: bool, source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let path = output.unwrap_or_else(|| file.with_extension("yaml"));
    refuse_output_over_input(Some(&path), &[file])?;
    if path.exists() && !force {
        eprintln!(
            "error: `{}` already exists\n  = help: choose another path with -o, or add --force to replace it",
            path.display()
        );
        return Err(Exit::Input);
    }
    let name = file.display().to_string();
    let imported = match load::read_bounded(file)
        .map_err(|d| vec![d])
        .and_then(|bytes| crate::spreadsheet::import(&name, &bytes, &set))
    {
        Ok(i) => i,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("nothing was written: {}", summary_line(&diagnostics));
            return Err(Exit::Input);
        }
    };
    // The text is checked like any self-assessment before it is written.
    if let Err(diagnostics) = questionnaire::read_assessment(
        &path.display().to_string(),
        imported.yaml.as_bytes(),
        &set.questionnaire,
        &set.jurisdictions,
    ) {
        print_diagnostics(&diagnostics);
        eprintln!("nothing was written: the imported answers do not validate");
        return Err(Exit::Input);
    }
    if let Err(e) = write_atomically(&path, imported.yaml.as_bytes()) {
        eprintln!("error: cannot write `{}`: {e}", path.display());
        return Err(Exit::Input);
    }
    println!("wrote {}", path.display());
    for s in &imported.skipped {
        println!("  not imported (the questionnaire has changed): {s}");
    }
    if !imported.missing.is_empty() {
        println!(
            "  {} question(s) of the current questionnaire are not in the workbook and stay unanswered:",
            imported.missing.len()
        );
        for q in &imported.missing {
            println!("    {q}");
        }
    }
    Ok(Exit::Ok)
}

fn cmd_explain(rule_id: &str, file: &Path, source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let compiled = find_rule(&set, rule_id)?;
    let assessment = match read_assessments(&[file.to_path_buf()], &set) {
        Ok(mut a) => a.remove(0),
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return Err(Exit::Input);
        }
    };
    let results = check::evaluate(&set, &assessment);
    let Some(result) = results.results.iter().find(|r| r.rule == rule_id) else {
        return Err(Exit::Input);
    };
    let _ = emit(
        &report::explanation(compiled, result, &assessment, &set),
        None,
    );
    Ok(if result.status == Status::Error {
        Exit::RuleError
    } else {
        Exit::Ok
    })
}

/// `check --watch`: check, then again after every save, until stopped.
/// A file saved half-written gives its errors and the next save is awaited.
fn watch(set: &RuleSet, args: &CheckArgs, waivers: &[waivers::Waiver], as_of: &str) -> Exit {
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
            Err(e) => {
                eprintln!("error: cannot watch files: {e}");
                return Exit::Input;
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
        if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            eprintln!("error: cannot watch `{}`: {e}", folder.display());
            return Exit::Input;
        }
    }
    let mut rounds = 0;
    loop {
        rounds += 1;
        println!("── {} · round {rounds} ──", waivers::now_hms());
        let last = check_once(set, args, waivers, as_of);
        let _ = std::io::stdout().flush();
        if args.watch_rounds.is_some_and(|n| rounds >= n) {
            return last;
        }
        println!(
            "watching {} for changes (Ctrl-C to stop)",
            args.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = std::io::stdout().flush();
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

/// The rule with this id, or a message with the closest id.
fn find_rule<'s>(set: &'s RuleSet, id: &str) -> Result<&'s crate::engine::CompiledRule, Exit> {
    set.rule(id).ok_or_else(|| {
        eprintln!(
            "error: no rule `{id}`\n  = help: {}",
            crate::diagnostic::suggestion(
                id,
                set.rules.iter().map(|r| r.rule.id.as_str()),
                "rule ids include"
            )
        );
        Exit::Input
    })
}

fn read_waivers(path: Option<&Path>, set: &RuleSet) -> Result<Vec<waivers::Waiver>, Exit> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let name = path.display().to_string();
    load::read_bounded(path)
        .map_err(|d| vec![d])
        .and_then(|bytes| waivers::read(&name, &bytes, set))
        .map_err(|diagnostics| {
            print_diagnostics(&diagnostics);
            eprintln!("nothing was evaluated: {}", summary_line(&diagnostics));
            Exit::Input
        })
}

/// Reads and checks every file (all problems of all files at once), then evaluates each
/// and applies the waivers.
fn evaluate_files(
    files: &[PathBuf],
    set: &RuleSet,
    waivers: &[waivers::Waiver],
    as_of: &str,
) -> Result<(Vec<Assessment>, Vec<Results>), Exit> {
    let assessments = read_assessments(files, set).map_err(|diagnostics| {
        print_diagnostics(&diagnostics);
        eprintln!("nothing was evaluated: {}", summary_line(&diagnostics));
        Exit::Input
    })?;
    let (in_force, warnings) = waivers::in_force(waivers, set, as_of);
    print_diagnostics(&warnings);
    let mut results: Vec<Results> = assessments
        .iter()
        .map(|a| check::evaluate(set, a))
        .collect();
    for r in &mut results {
        waivers::apply(&in_force, r, set);
    }
    Ok((assessments, results))
}

fn parse_as_of(as_of: Option<&str>) -> Result<String, Exit> {
    match as_of {
        Some(d) if questionnaire::is_iso_date(d) => Ok(d.to_owned()),
        Some(d) => {
            eprintln!("error: `--as-of {d}` is not a date\n  = help: write the date as YYYY-MM-DD");
            Err(Exit::Input)
        }
        None => Ok(waivers::today()),
    }
}

fn refuse_output_over_input(output: Option<&Path>, inputs: &[&Path]) -> Result<(), Exit> {
    if let Some(out) = output
        && let Some(input) = inputs.iter().find(|f| same_file(f, out))
    {
        eprintln!(
            "error: the output path `{}` is one of the input files\n  = help: choose another path with -o; acquis never overwrites an input",
            input.display()
        );
        return Err(Exit::Input);
    }
    Ok(())
}

struct MatrixArgs {
    files: Vec<PathBuf>,
    format: MatrixFormat,
    output: Option<PathBuf>,
    sort: MatrixSort,
    waivers: Option<PathBuf>,
    as_of: Option<String>,
    template: Option<PathBuf>,
}

fn cmd_matrix(args: &MatrixArgs, source: &RuleSource) -> Outcome {
    let as_of = parse_as_of(args.as_of.as_deref())?;
    let set = load_rule_set(source)?;
    let inputs: Vec<&Path> = args
        .files
        .iter()
        .chain(&args.waivers)
        .map(PathBuf::as_path)
        .collect();
    refuse_output_over_input(args.output.as_deref(), &inputs)?;
    let waivers = read_waivers(args.waivers.as_deref(), &set)?;
    let (_, results) = evaluate_files(&args.files, &set, &waivers, &as_of)?;
    let matrix = report::compare::matrix(&results, &set, &as_of, args.sort == MatrixSort::Score);
    let rendered = match args.format {
        MatrixFormat::Csv => Ok(report::compare::matrix_csv(&matrix)),
        MatrixFormat::Md => {
            report::render::render("matrix.md.j2", args.template.as_deref(), &matrix)
        }
        MatrixFormat::Html => {
            report::render::render("matrix.html.j2", args.template.as_deref(), &matrix)
        }
    };
    let text = rendered.map_err(|e| {
        eprintln!("error: {e}");
        Exit::Input
    })?;
    emit(&text, args.output.as_deref())?;
    Ok(Exit::Ok)
}

fn cmd_diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    output: Option<&Path>,
    source: &RuleSource,
) -> Outcome {
    let set = load_rule_set(source)?;
    refuse_output_over_input(output, &[old, new])?;
    let today = waivers::today();
    let (assessments, results) =
        evaluate_files(&[old.to_path_buf(), new.to_path_buf()], &set, &[], &today)?;
    if assessments[0].jurisdiction != assessments[1].jurisdiction {
        eprintln!(
            "error: `{}` is about {} and `{}` about {}\n  = help: diff compares two periods of one jurisdiction; use `acquis matrix` to compare jurisdictions",
            old.display(),
            assessments[0].jurisdiction,
            new.display(),
            assessments[1].jurisdiction
        );
        return Err(Exit::Input);
    }
    let d = report::compare::diff(
        (&results[0], &assessments[0]),
        (&results[1], &assessments[1]),
        &set,
    );
    let rendered = match format {
        DiffFormat::Text => Ok(report::compare::diff_text(&d)),
        DiffFormat::Json => Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&d).expect("diff serialises")
        )),
        DiffFormat::Md => report::render::render("diff.md.j2", None, &d),
    };
    let text = rendered.map_err(|e| {
        eprintln!("error: {e}");
        Exit::Input
    })?;
    emit(&text, output)?;
    Ok(Exit::Ok)
}
