//! The coordinator's commands: `validate`, `init` (YAML or workbook), `import`, `explain`.

use std::path::{Path, PathBuf};

use super::*;
use crate::check;
use crate::i18n::{count, t, tf};
use crate::model::Status;
use crate::questionnaire;
use crate::report;

pub(super) fn cmd_validate(
    files: &[PathBuf],
    format: DiagnosticFormat,
    source: &RuleSource,
    lang: Lang,
) -> Outcome {
    let set = load_rule_set(source)?;
    if format == DiagnosticFormat::Sarif {
        // One log for all files: the messages of every file that has errors.
        let diagnostics: Vec<Diagnostic> = files
            .iter()
            .filter_map(|path| read_assessments(std::slice::from_ref(path), &set).err())
            .flatten()
            .collect();
        output::stdout(&report::sarif::text(
            &diagnostics,
            report::sarif::Subject::Assessment,
        ))?;
        return if diagnostics.iter().any(Diagnostic::is_error) {
            Err(Failure::ProblemsReported)
        } else {
            Ok(Exit::Ok)
        };
    }
    let mut outcome = Ok(Exit::Ok);
    for path in files {
        match read_assessments(std::slice::from_ref(path), &set) {
            Err(diagnostics) => {
                // Said file by file, as the completeness of the others is.
                print_diagnostics(&diagnostics);
                messages::print_file_summary(path, &diagnostics);
                outcome = Err(Failure::ProblemsReported);
            }
            Ok(assessments) => {
                for a in assessments {
                    output::stdout(&report::completeness::completeness(
                        &a,
                        &check::evaluate(&set, &a),
                        &set,
                        output::text_width(),
                        lang,
                    ))?;
                }
            }
        }
    }
    outcome
}

#[derive(clap::Args, Debug)]
pub(super) struct InitArgs {
    /// Jurisdiction code, in any case (ISO 3166, EU usage: EL for Greece): AT BE BG HR CY CZ
    /// DK EE FI FR DE EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE; XA XB XC are fictional
    /// examples.
    #[arg(long, value_name = "CODE", required_unless_present = "from")]
    pub(super) jurisdiction: Option<String>,
    /// The period assessed (default: the current year).
    #[arg(long, value_name = "PERIOD")]
    pub(super) period: Option<String>,
    /// yaml: a commented YAML file; xlsx: a workbook to fill in a spreadsheet program;
    /// xlsform: a form for ODK Collect, KoboToolbox and Enketo (docs/xlsform.md).
    #[arg(long, value_enum, default_value_t = InitFormat::Yaml)]
    pub(super) format: InitFormat,
    /// Start from the answers and evidence of an earlier self-assessment (YAML or workbook):
    /// last period's file, rolled forward to --period.
    #[arg(long, value_name = "FILE")]
    pub(super) from: Option<PathBuf>,
    /// Where to write it (default: `<code>-<period>.yaml`, `.xlsx` or `.xlsform.xlsx` in this folder).
    #[arg(short, long, value_name = "PATH")]
    pub(super) output: Option<PathBuf>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub(super) force: bool,
}

pub(super) fn cmd_init(args: &InitArgs, source: &RuleSource, lang: Lang) -> Outcome {
    let set = load_rule_set(source)?;
    let existing = match &args.from {
        None => None,
        Some(from) => match read_assessments(std::slice::from_ref(from), &set) {
            Ok(mut a) => Some(a.remove(0)),
            Err(diagnostics) => {
                return Err(Failure::Inputs {
                    diagnostics,
                    not_done: NotDone::Unsaid,
                });
            }
        },
    };
    if existing.is_some() && args.format == InitFormat::Xlsform {
        return Err(Failure::usage(
            t(
                lang,
                "--from fills a YAML file or a workbook; an XLSForm is a blank form",
            ),
            t(lang, "leave out --from, or use --format yaml or xlsx"),
        ));
    }
    if let Some(last) = &existing
        && args.format == InitFormat::Yaml
        && args.period.is_none()
    {
        return Err(Failure::usage(
            tf(
                lang,
                "--from without --period would write a copy of `{file}` for the same period ({period})",
                &[("file", &last.file), ("period", &last.period)],
            ),
            tf(
                lang,
                "add --period with the period the new file is for, e.g. --period {next}",
                &[("next", &next_period_hint(&last.period))],
            ),
        ));
    }
    let code = match (&args.jurisdiction, &existing) {
        (Some(code), Some(a)) if !code.eq_ignore_ascii_case(&a.jurisdiction) => {
            return Err(Failure::Usage {
                message: tf(
                    lang,
                    "`{file}` is about {jurisdiction}, not {code}",
                    &[
                        ("file", &a.file),
                        ("jurisdiction", &a.jurisdiction),
                        ("code", code),
                    ],
                ),
                help: None,
            });
        }
        (Some(code), _) => code.clone(),
        (None, Some(a)) => a.jurisdiction.clone(),
        (None, None) => unreachable!("clap requires --jurisdiction without --from"),
    };
    let Some(jurisdiction) = set.jurisdiction(&code) else {
        return Err(Failure::usage(
            tf(lang, "unknown jurisdiction `{code}`", &[("code", &code)]),
            crate::i18n::suggestion_in(
                lang,
                &code,
                set.jurisdictions.iter().map(|j| j.code.as_str()),
                crate::i18n::n_("jurisdiction codes (ISO 3166, `EL` for Greece)"),
            ),
        ));
    };
    let period = args
        .period
        .clone()
        .or_else(|| existing.as_ref().map(|a| a.period.clone()))
        .unwrap_or_else(|| super::clock::today()[..4].to_owned());
    // The period may come from --period or from the --from file; either way it becomes
    // part of the default file name, so it is checked here whatever its origin.
    if let Err(problem) = questionnaire::check_header_field("period", &period) {
        // The period was typed as `--period` (one read from `--from` was checked with the
        // file, at its line): the message names the option.
        return Err(Failure::usage(
            problem
                .message
                .get(lang)
                .replacen("`period`", "`--period`", 1),
            problem.help.get(lang),
        ));
    }
    let extension = match args.format {
        InitFormat::Xlsx => "xlsx",
        InitFormat::Xlsform => "xlsform.xlsx",
        InitFormat::Yaml => "yaml",
    };
    let path = match &args.output {
        Some(path) => path.clone(),
        None => default_file_name(&jurisdiction.code, &period, extension, lang)?,
    };
    let inputs: Vec<&Path> = args.from.iter().map(PathBuf::as_path).collect();
    refuse_output_over_input(Some(&path), &inputs, source)?;
    if path.exists() && !args.force {
        return Err(Failure::OutputExists(path));
    }
    if matches!(args.format, InitFormat::Xlsform | InitFormat::Xlsx) {
        // A form and a workbook are written alike; only the next step differs.
        let (bytes, next) = if args.format == InitFormat::Xlsform {
            (
                crate::xlsform::export(&set, jurisdiction, &period, lang).map_err(Failure::Form),
                t(lang, "next: upload it to KoboToolbox or ODK Central; export the submission as CSV and run `acquis import FILE.csv`").to_owned(),
            )
        } else {
            (
                crate::workbook::export(&set, jurisdiction, &period, existing.as_ref(), lang)
                    .map_err(Failure::Workbook),
                tf(
                    lang,
                    "next: fill in column C of each sheet, then run `acquis import {path}`",
                    &[("path", &path.display().to_string())],
                ),
            )
        };
        write_file(&path, &bytes?)?;
        outln!(
            "{}",
            tf(
                lang,
                "wrote {path} ({questions} for {code})",
                &[
                    ("path", &path.display().to_string()),
                    (
                        "questions",
                        &questions(set.questions_for(jurisdiction).len(), lang)
                    ),
                    ("code", &jurisdiction.code),
                ],
            )
        )?;
        outln!("{}", lang.typography(&next))?;
        return Ok(Exit::Ok);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let schema_path = dir.join(crate::init::SCHEMA_FILE);
    refuse_output_over_input(Some(&schema_path), &[], source)?;
    let schema = format!(
        "{}\n",
        serde_json::to_string_pretty(&crate::schema::assessment(&set)).expect("schema serialises")
    );
    let today = super::clock::today();
    let previous = existing.as_ref().map(|assessment| crate::init::Previous {
        assessment,
        today: &today,
    });
    let text = crate::init::assessment_text(
        &set,
        jurisdiction,
        &period,
        &format!("./{}", crate::init::SCHEMA_FILE),
        previous.as_ref(),
        lang,
    );
    for (target, bytes) in [(&schema_path, schema.as_bytes()), (&path, text.as_bytes())] {
        write_file(target, bytes)?;
    }
    let path_text = path.display().to_string();
    outln!(
        "{}",
        tf(
            lang,
            "wrote {path} ({questions} for {code}) and {schema}",
            &[
                ("path", &path_text),
                (
                    "questions",
                    &questions(set.questions_for(jurisdiction).len(), lang)
                ),
                ("code", &jurisdiction.code),
                ("schema", &schema_path.display().to_string()),
            ],
        )
    )?;
    let next = match &existing {
        None => tf(
            lang,
            "next: fill in the answers, then run `acquis validate {path}`",
            &[("path", &path_text)],
        ),
        Some(last) => tf(
            lang,
            "the answers and evidence are those of {file} ({last}): review each for {period} (the file's first lines say how), then run `acquis validate {path}`",
            &[
                ("file", &last.file),
                ("last", &last.period),
                ("period", &period),
                ("path", &path_text),
            ],
        ),
    };
    outln!("{}", lang.typography(&next))?;
    Ok(Exit::Ok)
}

/// "12 questions" in `lang`.
fn questions(n: usize, lang: Lang) -> String {
    count(lang, n, "question", "questions")
}

/// The example period of the help line: the next year after a plain year ("2025" gives
/// "2026"); periods such as "2024-H2" have no obvious successor, so a placeholder.
fn next_period_hint(period: &str) -> String {
    match period.parse::<u16>() {
        Ok(year) if period.len() == 4 => (year + 1).to_string(),
        _ => "PERIOD".to_owned(),
    }
}

/// `<code>-<period>.<extension>` in this folder: one plain file name, never a path.
fn default_file_name(
    code: &str,
    period: &str,
    extension: &str,
    lang: Lang,
) -> Result<PathBuf, Failure> {
    let name = PathBuf::from(format!("{}-{period}.{extension}", code.to_lowercase()));
    let plain = matches!(
        name.components().collect::<Vec<_>>().as_slice(),
        [std::path::Component::Normal(_)]
    );
    if !plain {
        return Err(Failure::usage(
            tf(
                lang,
                "the period `{period}` cannot be part of a file name",
                &[("period", period)],
            ),
            t(lang, "give the output path with -o"),
        ));
    }
    Ok(name)
}

pub(super) fn cmd_import(
    file: &Path,
    output: Option<PathBuf>,
    force: bool,
    source: &RuleSource,
    lang: Lang,
) -> Outcome {
    let set = load_rule_set(source)?;
    let path = output.unwrap_or_else(|| file.with_extension("yaml"));
    refuse_output_over_input(Some(&path), &[file], source)?;
    if path.exists() && !force {
        return Err(Failure::OutputExists(path));
    }
    let name = file.display().to_string();
    if crate::xlsform::is_submission(file) {
        let assessment = super::files::read_bounded(file)
            .map_err(|d| vec![d])
            .and_then(|bytes| crate::xlsform::read_submission(&name, &bytes, &set))
            .map_err(|diagnostics| Failure::Inputs {
                diagnostics,
                not_done: NotDone::Written,
            })?;
        return write_imported(&assessment, &set, &name, &path, lang).map(|()| Exit::Ok);
    }
    let imported = super::files::read_bounded(file)
        .map_err(|d| vec![d])
        .and_then(|bytes| crate::workbook::import(&name, &bytes, &set))
        .map_err(|diagnostics| Failure::Inputs {
            diagnostics,
            not_done: NotDone::Written,
        })?;
    write_imported(&imported.assessment, &set, &name, &path, lang)?;
    for s in &imported.skipped {
        outln!(
            "  {}",
            lang.typography(&tf(
                lang,
                "not imported (the questionnaire has changed): {what}",
                &[("what", &s.what)],
            ))
        )?;
    }
    for s in &imported.partly_answered {
        outln!(
            "  {}",
            lang.typography(&tf(
                lang,
                "left unanswered, some of its lines are blank: {question}",
                &[("question", s)],
            ))
        )?;
    }
    if !imported.missing.is_empty() {
        outln!(
            "  {}",
            lang.typography(&tf(
                lang,
                "{n} question(s) of the current questionnaire are not in the workbook and stay unanswered:",
                &[("n", &imported.missing.len().to_string())],
            ))
        )?;
        for q in &imported.missing {
            outln!("    {q}")?;
        }
    }
    Ok(Exit::Ok)
}

/// Writes an imported assessment as YAML, checked like any self-assessment first.
fn write_imported(
    assessment: &crate::model::Assessment,
    set: &RuleSet,
    source: &str,
    path: &Path,
    lang: Lang,
) -> Result<(), Failure> {
    let yaml = crate::workbook::to_yaml(assessment, set, source);
    if let Err(diagnostics) = questionnaire::read_assessment(
        &path.display().to_string(),
        yaml.as_bytes(),
        &set.questionnaire,
        &set.jurisdictions,
    ) {
        return Err(Failure::Inputs {
            diagnostics,
            not_done: NotDone::WrittenImportInvalid,
        });
    }
    write_file(path, yaml.as_bytes())?;
    outln!(
        "{}",
        tf(
            lang,
            "wrote {path}",
            &[("path", &path.display().to_string())]
        )
    )?;
    Ok(())
}

pub(super) fn cmd_explain(rule_id: &str, file: &Path, source: &RuleSource, lang: Lang) -> Outcome {
    let set = load_rule_set(source)?;
    let compiled = find_rule(&set, rule_id)?;
    let assessment = match read_assessments(&[file.to_path_buf()], &set) {
        Ok(mut a) => a.remove(0),
        Err(diagnostics) => {
            return Err(Failure::Inputs {
                diagnostics,
                not_done: NotDone::Unsaid,
            });
        }
    };
    let results = check::evaluate(&set, &assessment);
    // Every rule of the set has a result; `find_rule` found this one in the set.
    let Some(result) = results.results.iter().find(|r| r.id() == rule_id) else {
        return Err(Failure::Usage {
            message: format!(
                "the rule `{rule_id}` has no result for `{}`",
                assessment.file
            ),
            help: None,
        });
    };
    emit(
        &report::explanation(compiled, result, &assessment, &set, lang),
        None,
    )?;
    Ok(if result.status == Status::Error {
        Exit::RuleError
    } else {
        Exit::Ok
    })
}
