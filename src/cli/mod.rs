//! The `acquis` command line: arguments, terminal output, output files and exit codes.
//! Only this module knows about the terminal, the file system for outputs and exit codes.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::Results;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::load::FileSet;
use crate::model::{Assessment, Status};
use crate::questionnaire::{self, ParsedAssessment};
use crate::ruleset::{self, RuleSet};
use crate::verdict;
use crate::waivers;

mod checking;
mod clock;
mod coordinator;
mod early;
mod evaluator;
mod failure;
mod files;
mod gather;
mod maintainer;
mod messages;
mod notes;
mod ordered;
use failure::{Failure, NotDone, Target};
use messages::{plural, print_diagnostics, summary_line};
pub(crate) mod output;
mod template_file;
mod usage_error;

use checking::{CheckArgs, cmd_check};
use coordinator::{InitArgs, cmd_explain, cmd_import, cmd_init, cmd_validate};
use evaluator::{HistoryArgs, MatrixArgs, cmd_diff, cmd_history, cmd_matrix};
use maintainer::{cmd_coverage, cmd_lint, cmd_list, cmd_schema, cmd_show, cmd_test};
use output::{outln, refuse_output_over_input};

/// A command's result: `Ok` the exit code of a completed run (0, 1 or 3), `Err` why it
/// stopped (bad input or usage), printed by [`run`] and ended with its own exit code.
type Outcome = Result<Exit, Failure>;

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
    /// The language of reports, workbooks, forms and messages: `en` (default) or `fr`.
    /// Rule and question texts come from their files' `translations:`; English is shown,
    /// marked, where a translation is missing.
    #[arg(long, global = true, value_name = "LANG", default_value = "en", value_parser = lang_arg)]
    lang: Lang,
}

fn lang_arg(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        format!("acquis writes in {}", codes.join(" and "))
    })
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
        #[command(flatten)]
        args: CheckArgs,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Check self-assessments against the questionnaire and report every mistake.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// text: messages and completeness for people; sarif: a SARIF 2.1.0 log on stdout
        /// for code review tools.
        #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
        format: DiagnosticFormat,
        #[command(flatten)]
        source: RuleSource,
    },
    /// A rules × jurisdictions table of statuses, with scores per area.
    Matrix {
        #[command(flatten)]
        args: MatrixArgs,
        #[command(flatten)]
        source: RuleSource,
    },
    /// What changed between two periods of one jurisdiction.
    Diff {
        /// The self-assessment of the earlier period.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The self-assessment of the later period (a warning says when it is not later).
        #[arg(value_name = "NEW")]
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = ComparisonFormat::Text)]
        format: ComparisonFormat,
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// One jurisdiction over several periods (monitoring rounds): statuses, trends, gaps opened and closed.
    History {
        #[command(flatten)]
        args: HistoryArgs,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Write a blank self-assessment with every question that applies to a jurisdiction.
    Init {
        #[command(flatten)]
        args: InitArgs,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Turn a filled workbook, or a form submission exported as CSV, back into a
    /// self-assessment (YAML).
    Import {
        #[arg(value_name = "FILE.xlsx|FILE.csv")]
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
        /// The rule's id, e.g. dir-2011-93.art10-1.disqualification (`acquis rules list`
        /// shows them all).
        #[arg(value_name = "RULE")]
        rule: String,
        /// The self-assessment (YAML or workbook) to explain it for.
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
    Lint {
        /// text: messages for people; sarif: a SARIF 2.1.0 log on stdout for code review tools.
        #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
        format: DiagnosticFormat,
    },
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
        /// Only the rules not yet checked against the official text (no `verified:` record).
        #[arg(long)]
        unverified: bool,
    },
    /// Everything about one rule: obligation, sources, condition, questions, examples.
    Show {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// What a condition may use: operators and the functions it may call.
    Functions,
    /// Which numbered paragraphs of each source text the rules cite.
    Coverage {
        #[arg(long, value_enum, default_value_t = CoverageFormat::Text)]
        format: CoverageFormat,
    },
}

/// How `rules lint` and `validate` give their messages.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum DiagnosticFormat {
    Text,
    Sarif,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum InitFormat {
    Yaml,
    Xlsx,
    /// An XLSForm for ODK Collect, KoboToolbox and Enketo (docs/xlsform.md).
    Xlsform,
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
/// The formats of `diff` and `history`: the comparisons over time.
enum ComparisonFormat {
    Text,
    Md,
    Html,
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
    /// An OSCAL Assessment Results document (docs/oscal.md).
    Oscal,
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
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            if let Some(lang) = usage_error::lang_asked(&args).filter(|l| *l != Lang::En)
                && e.use_stderr()
                && let Some(failure) = usage_error::translated(&e, lang)
            {
                messages::set_lang(lang);
                messages::print_failure(&failure);
                return failure.exit() as i32;
            }
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Input as i32
            } else {
                Exit::Ok as i32
            };
        }
    };
    messages::set_lang(cli.lang);
    let exit = match cli.command {
        Command::Check { args, source } => cmd_check(&args, &source, cli.lang),
        Command::Validate {
            files,
            format,
            source,
        } => cmd_validate(&files, format, &source, cli.lang),
        Command::Matrix { args, source } => cmd_matrix(&args, &source, cli.lang),
        Command::History { args, source } => cmd_history(&args, &source, cli.lang),
        Command::Diff {
            old,
            new,
            format,
            output,
            source,
        } => cmd_diff(&old, &new, format, output.as_deref(), &source, cli.lang),
        Command::Init { args, source } => cmd_init(&args, &source, cli.lang),
        Command::Import {
            file,
            output,
            force,
            source,
        } => cmd_import(&file, output, force, &source, cli.lang),
        Command::Explain { rule, file, source } => cmd_explain(&rule, &file, &source, cli.lang),
        Command::Schema {
            kind,
            output,
            source,
        } => cmd_schema(kind, output.as_deref(), &source),
        Command::Rules { command, source } => match command {
            RulesCommand::Lint { format } => cmd_lint(&source, format),
            RulesCommand::Test => cmd_test(&source),
            RulesCommand::List {
                instrument,
                area,
                severity,
                unverified,
            } => cmd_list(
                &source,
                instrument.as_deref(),
                area.as_deref(),
                severity,
                unverified,
            ),
            RulesCommand::Show { id } => cmd_show(&source, &id),
            RulesCommand::Coverage { format } => cmd_coverage(&source, format),
            RulesCommand::Functions => {
                output::stdout(&crate::condition::registry::markdown()).map(|()| Exit::Ok)
            }
        },
    };
    match exit {
        Ok(exit) => exit as i32,
        Err(failure) => {
            messages::print_failure(&failure);
            failure.exit() as i32
        }
    }
}

/// The rule set a command runs with. It is loaded once per process and lives until the
/// process exits, so it is never dropped: freeing every rule, question and text just before
/// exit cost 4% of the instructions of `check` on one file (#17).
fn load_rule_set(source: &RuleSource) -> Result<std::mem::ManuallyDrop<RuleSet>, Failure> {
    let (rules, seeds) = rule_files(source)?;
    ruleset::load(&rules, &seeds)
        .map(std::mem::ManuallyDrop::new)
        .map_err(Failure::RuleSet)
}

/// The rule and seed files a command reads (the built-in copies unless `--rules`/`--seeds`).
fn rule_files(source: &RuleSource) -> Result<(FileSet, FileSet), Failure> {
    let rules = match &source.rules {
        Some(dir) => files::folder(dir),
        None => Ok(FileSet::builtin("rules")),
    };
    let seeds = match &source.seeds {
        Some(dir) => files::folder(dir),
        None => Ok(FileSet::builtin("seeds")),
    };
    let (rules, seeds) = match (rules, seeds) {
        (Ok(r), Ok(s)) => (r, s),
        (r, s) => {
            return Err(Failure::Inputs {
                diagnostics: [r.err(), s.err()].into_iter().flatten().collect(),
                not_done: NotDone::Unsaid,
            });
        }
    };
    Ok((rules, seeds))
}

/// Reads and validates every file, collecting the problems of all of them.
fn read_assessments(files: &[PathBuf], set: &RuleSet) -> Result<Vec<Assessment>, Vec<Diagnostic>> {
    let mut assessments = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        match read_assessment_file(path, set) {
            Ok(a) => assessments.push(a),
            Err(mut d) => problems.append(&mut d),
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        Err(problems)
    } else {
        Ok(assessments)
    }
}

/// Reads and checks one self-assessment file, YAML or workbook.
fn read_assessment_file(path: &Path, set: &RuleSet) -> Result<Assessment, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = files::read_bounded(path).map_err(|d| vec![d])?;
    // A workbook is read from its cells, so its errors name sheet and cell.
    if crate::workbook::is_workbook(path) {
        crate::workbook::read_assessment(&name, &bytes, set)
    } else {
        questionnaire::read_assessment(&name, &bytes, &set.questionnaire, &set.jurisdictions)
    }
}

/// A YAML self-assessment file read and parsed, not yet checked (which needs the rule set);
/// `None` for a workbook, which is read from its cells once the rule set is there.
fn parse_assessment_file(path: &Path) -> Option<Result<ParsedAssessment, Vec<Diagnostic>>> {
    if crate::workbook::is_workbook(path) {
        return None;
    }
    let name = path.display().to_string();
    Some(
        files::read_bounded(path)
            .map_err(|d| vec![d])
            .and_then(|bytes| questionnaire::parse_assessment(&name, &bytes)),
    )
}

/// Writes to stdout, or to a file that is replaced only when the whole text is written
/// (see [`output`]), so a failed run never leaves half a report.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Failure> {
    let Some(path) = output else {
        return output::stdout(text);
    };
    write_file(path, text.as_bytes())
}

/// Writes a whole output file (see [`output::write_file`]).
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    output::write_file(path, bytes).map_err(|error| Failure::Write {
        target: Target::File(path.to_path_buf()),
        error,
    })
}

/// The `--template` file, read and parsed before any assessment is read, so its errors
/// are reported once, against the template.
fn load_template(path: Option<&Path>) -> Result<Option<crate::report::render::Template>, Failure> {
    path.map(template_file::read).transpose()
}

/// The rule with this id, or a message with the closest id.
fn find_rule<'s>(set: &'s RuleSet, id: &str) -> Result<&'s crate::engine::CompiledRule, Failure> {
    set.rule(id).ok_or_else(|| {
        Failure::usage(
            format!("no rule `{id}`"),
            crate::i18n::suggestion(id, set.rules.iter().map(|r| r.rule.id.as_str()), "rule ids"),
        )
    })
}

/// The waiver options `check` and `matrix` share.
#[derive(clap::Args, Debug)]
struct WaiverArgs {
    /// A YAML list of waivers (rule, jurisdiction, reason, approved_by, until).
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    /// The report date waivers are judged against, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

impl WaiverArgs {
    /// The report date: `--as-of`, or today.
    fn report_date(&self, lang: Lang) -> Result<String, Failure> {
        match self.as_of.as_deref() {
            Some(d) if crate::dates::is_iso_date(d) => Ok(d.to_owned()),
            Some(d) => Err(Failure::usage(
                crate::i18n::tf(lang, "`--as-of {date}` is not a date", &[("date", d)]),
                crate::i18n::t(lang, "write the date as YYYY-MM-DD"),
            )),
            None => Ok(clock::today()),
        }
    }

    /// The waivers of the file in force on `as_of`; the ignored ones are warned about.
    fn in_force(&self, set: &RuleSet, as_of: &str) -> Result<Vec<waivers::Waiver>, Failure> {
        let Some(path) = &self.waivers else {
            return Ok(Vec::new());
        };
        let name = path.display().to_string();
        let all = files::read_bounded(path)
            .map_err(|d| vec![d])
            .and_then(|bytes| waivers::read(&name, &bytes, set))
            .map_err(|diagnostics| Failure::Inputs {
                diagnostics,
                not_done: NotDone::Evaluated,
            })?;
        let (valid, warnings) = waivers::in_force(&all, set, as_of);
        print_diagnostics(&warnings);
        Ok(valid)
    }
}

/// Reads and checks every file (all problems of all files at once); nothing is evaluated
/// unless every file is clean.
fn read_all_or_nothing(files: &[PathBuf], set: &RuleSet) -> Result<Vec<Assessment>, Failure> {
    read_assessments(files, set).map_err(|diagnostics| Failure::Inputs {
        diagnostics,
        not_done: NotDone::Evaluated,
    })
}

/// Each assessment evaluated with the waivers in force applied; the results borrow the
/// assessments, the rule set and the waivers.
fn verdicts<'a>(
    assessments: &'a [Assessment],
    set: &'a RuleSet,
    in_force: &'a [waivers::Waiver],
) -> Vec<Results<'a>> {
    assessments
        .iter()
        .map(|a| verdict::decide(set, a, in_force))
        .collect()
}
