//! The evaluators' comparisons: `matrix`, `diff` and `history`.

use std::path::{Path, PathBuf};

use super::*;
use crate::i18n::{t, tf};
use crate::report;

#[derive(clap::Args, Debug)]
pub(super) struct MatrixArgs {
    #[arg(required = true, value_name = "FILE")]
    pub(super) files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = MatrixFormat::Md)]
    pub(super) format: MatrixFormat,
    #[arg(short, long, value_name = "PATH")]
    pub(super) output: Option<PathBuf>,
    /// Column order: alphabetical (default) or by overall score, best first.
    #[arg(long, value_enum, default_value_t = MatrixSort::Alphabetical)]
    pub(super) sort: MatrixSort,
    #[command(flatten)]
    pub(super) waiving: WaiverArgs,
    /// A minijinja template to use instead of the built-in one (md and html).
    #[arg(long, value_name = "PATH")]
    pub(super) template: Option<PathBuf>,
}

pub(super) fn cmd_matrix(args: &MatrixArgs, source: &RuleSource, lang: Lang) -> Outcome {
    let as_of = args.waiving.report_date(lang)?;
    let set = load_rule_set(source)?;
    let inputs: Vec<&Path> = args
        .files
        .iter()
        .chain(&args.waiving.waivers)
        .chain(&args.template)
        .map(PathBuf::as_path)
        .collect();
    refuse_output_over_input(args.output.as_deref(), &inputs, source)?;
    let template = load_template(args.template.as_deref())?;
    let waivers = args.waiving.in_force(&set, &as_of)?;
    let assessments = read_all_or_nothing(&args.files, &set)?;
    let results = verdicts(&assessments, &set, &waivers);
    let matrix =
        report::matrix::matrix(&results, &set, &as_of, args.sort == MatrixSort::Score, lang);
    let rendered = match args.format {
        MatrixFormat::Csv if args.output.is_some() => Ok(format!(
            "{}{}",
            report::csv::FILE_BOM,
            report::matrix::matrix_csv(&matrix)
        )),
        MatrixFormat::Csv => Ok(report::matrix::matrix_csv(&matrix)),
        MatrixFormat::Md => {
            report::render::render("matrix.md.j2", template.as_ref(), &matrix, lang)
        }
        MatrixFormat::Html => {
            report::render::render("matrix.html.j2", template.as_ref(), &matrix, lang)
        }
    };
    emit(&rendered?, args.output.as_deref())?;
    Ok(Exit::Ok)
}

pub(super) fn cmd_diff(
    old: &Path,
    new: &Path,
    format: ComparisonFormat,
    output: Option<&Path>,
    source: &RuleSource,
    lang: Lang,
) -> Outcome {
    let set = load_rule_set(source)?;
    refuse_output_over_input(output, &[old, new], source)?;
    let assessments = read_all_or_nothing(&[old.to_path_buf(), new.to_path_buf()], &set)?;
    if assessments[0].jurisdiction != assessments[1].jurisdiction {
        return Err(Failure::usage(
            tf(
                lang,
                "`{old}` is about {old_code} and `{new}` about {new_code}",
                &[
                    ("old", &old.display().to_string()),
                    ("old_code", &assessments[0].jurisdiction),
                    ("new", &new.display().to_string()),
                    ("new_code", &assessments[1].jurisdiction),
                ],
            ),
            t(
                lang,
                "diff compares two periods of one jurisdiction; use `acquis matrix` to compare jurisdictions",
            ),
        ));
    }
    if let Some(warning) =
        report::diff::period_warning(&assessments[0].period, &assessments[1].period)
    {
        messages::print_warning_about(
            &warning,
            &format!("{} and {}", old.display(), new.display()),
        );
    }
    let results = verdicts(&assessments, &set, &[]);
    let d = report::diff::diff(
        (&results[0], &assessments[0]),
        (&results[1], &assessments[1]),
        &set,
        words_lang(format, lang),
    );
    let text = render_comparison(&d, format, "diff", report::diff::diff_text, lang)?;
    emit(&text, output)?;
    Ok(Exit::Ok)
}

#[derive(clap::Args, Debug)]
pub(super) struct HistoryArgs {
    /// Self-assessments of one jurisdiction for different periods, in any order.
    #[arg(required = true, value_name = "FILE")]
    pub(super) files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ComparisonFormat::Text)]
    pub(super) format: ComparisonFormat,
    /// Write the report to this file (atomically; never over an input) instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    pub(super) output: Option<PathBuf>,
}

pub(super) fn cmd_history(args: &HistoryArgs, source: &RuleSource, lang: Lang) -> Outcome {
    let set = load_rule_set(source)?;
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    refuse_output_over_input(args.output.as_deref(), &inputs, source)?;
    let assessments = read_all_or_nothing(&args.files, &set)?;
    refuse_mixed_rounds(&args.files, &assessments, lang)?;
    let results = verdicts(&assessments, &set, &[]);
    let h = report::history::history(&results, &set, words_lang(args.format, lang));
    let text = render_comparison(
        &h,
        args.format,
        "history",
        report::history::history_text,
        lang,
    )?;
    emit(&text, args.output.as_deref())?;
    Ok(Exit::Ok)
}

/// The language a comparison's words are built in: JSON is data for other programs, the
/// same whatever `--lang` says (docs/languages.md), so its labels stay English.
fn words_lang(format: ComparisonFormat, lang: Lang) -> Lang {
    match format {
        ComparisonFormat::Json => Lang::En,
        _ => lang,
    }
}

/// A diff or a history in `format`: `text` for the terminal, JSON, or the
/// `<template>.md.j2` / `.html.j2` template.
fn render_comparison<T: serde::Serialize>(
    value: &T,
    format: ComparisonFormat,
    template: &str,
    text: fn(&T, Lang) -> String,
    lang: Lang,
) -> Result<String, Failure> {
    let rendered = match format {
        ComparisonFormat::Text => Ok(text(value, lang)),
        ComparisonFormat::Json => Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(value).expect("comparisons serialise")
        )),
        ComparisonFormat::Md => {
            report::render::render(&format!("{template}.md.j2"), None, value, lang)
        }
        ComparisonFormat::Html => {
            report::render::render(&format!("{template}.html.j2"), None, value, lang)
        }
    };
    Ok(rendered?)
}

/// A history is one jurisdiction, each period once; anything else is refused with the files named.
fn refuse_mixed_rounds(
    files: &[PathBuf],
    assessments: &[Assessment],
    lang: Lang,
) -> Result<(), Failure> {
    let mut by_jurisdiction: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (file, a) in files.iter().zip(assessments) {
        by_jurisdiction
            .entry(a.jurisdiction.as_str())
            .or_default()
            .push(format!("`{}`", file.display()));
    }
    if by_jurisdiction.len() > 1 {
        let listed: Vec<String> = by_jurisdiction
            .iter()
            .map(|(j, files)| format!("  {j}: {}", files.join(", ")))
            .collect();
        return Err(Failure::usage(
            tf(
                lang,
                "the files are about {n} jurisdictions:\n{files}",
                &[
                    ("n", &by_jurisdiction.len().to_string()),
                    ("files", &listed.join("\n")),
                ],
            ),
            t(
                lang,
                "history follows one jurisdiction over several periods; give the files of one jurisdiction, or use `acquis matrix` to compare jurisdictions",
            ),
        ));
    }
    for (i, a) in assessments.iter().enumerate() {
        if let Some(j) = assessments[..i].iter().position(|b| {
            report::period::compare(&a.period, &b.period) == std::cmp::Ordering::Equal
        }) {
            return Err(Failure::usage(
                tf(
                    lang,
                    "`{first}` and `{second}` are both for the period {period}",
                    &[
                        ("first", &files[j].display().to_string()),
                        ("second", &files[i].display().to_string()),
                        ("period", &a.period),
                    ],
                ),
                t(lang, "give one file per monitoring period"),
            ));
        }
    }
    Ok(())
}
