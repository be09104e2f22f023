//! The evaluators' comparisons: `matrix` and `diff`.

use std::path::{Path, PathBuf};

use super::*;
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

pub(super) fn cmd_matrix(args: &MatrixArgs, source: &RuleSource) -> Outcome {
    let as_of = args.waiving.report_date()?;
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
    let (_, results) = evaluate_files(&args.files, &set, &waivers)?;
    let matrix = report::compare::matrix(&results, &set, &as_of, args.sort == MatrixSort::Score);
    let rendered = match args.format {
        MatrixFormat::Csv => Ok(report::compare::matrix_csv(&matrix)),
        MatrixFormat::Md => report::render::render("matrix.md.j2", template.as_ref(), &matrix),
        MatrixFormat::Html => report::render::render("matrix.html.j2", template.as_ref(), &matrix),
    };
    let text = rendered.map_err(|e| {
        eprintln!("error: {e}");
        Exit::Input
    })?;
    emit(&text, args.output.as_deref())?;
    Ok(Exit::Ok)
}

pub(super) fn cmd_diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    output: Option<&Path>,
    source: &RuleSource,
) -> Outcome {
    let set = load_rule_set(source)?;
    refuse_output_over_input(output, &[old, new], source)?;
    let (assessments, results) =
        evaluate_files(&[old.to_path_buf(), new.to_path_buf()], &set, &[])?;
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
