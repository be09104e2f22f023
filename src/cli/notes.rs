//! What `check -o FILE` says on stderr: where the report went and what it found, and why
//! the exit code is not 0 (an official reading "exit code 1" would otherwise take it for a
//! failure), in the run's language.

use std::path::Path;

use clap::ValueEnum;

use super::output::errln;
use super::{Exit, FailOn, Format};
use crate::lang::Lang;
use crate::model::Status;
use crate::plural::count;

/// Prints the two notes, in `lang`.
pub(super) fn print_written(
    path: &Path,
    format: Format,
    written: usize,
    statuses: &[Status],
    exit: Exit,
    fail_on: FailOn,
    lang: Lang,
) {
    if lang == Lang::En {
        errln!("{}", written_note(path, format, written, statuses));
        if let Some(why) = exit_note(exit, fail_on, statuses) {
            errln!("{why}");
        }
    } else {
        let note = written_note_in(lang, path, format, written, statuses);
        errln!("{}", lang.typography(&note));
        if let Some(why) = exit_note_in(lang, exit, fail_on, statuses) {
            errln!("{}", lang.typography(&why));
        }
    }
}

/// What kind of report a format writes, in English (the key of its translation).
fn report_name(format: Format) -> &'static str {
    use crate::i18n::n_;
    match format {
        Format::Text => n_("text summary"),
        Format::Json => n_("results JSON"),
        Format::Csv => n_("CSV table"),
        Format::Md => n_("Markdown gap report"),
        Format::Html => n_("HTML gap report"),
        Format::Oscal => n_("OSCAL assessment results"),
    }
}

/// How many rules reached `--fail-on`, and its level as typed (`gap`).
fn threshold(fail_on: FailOn, statuses: &[Status]) -> (usize, String) {
    let reached = statuses.iter().filter(|s| fail_on.reached_by(**s)).count();
    let level = fail_on
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned());
    (reached, level)
}

/// "wrote report.html (HTML gap report: 1 assessment, 134 rules: 20 gaps, 10 partly met, …)".
fn written_note(path: &Path, format: Format, assessments: usize, statuses: &[Status]) -> String {
    let n = |s: Status| statuses.iter().filter(|x| **x == s).count();
    let what = report_name(format);
    let mut found = vec![
        count(n(Status::Gap), "gap", "gaps"),
        format!("{} partly met", n(Status::Partial)),
        format!("{} unanswered", n(Status::Unanswered)),
        format!("{} met", n(Status::Met)),
    ];
    for (status, words) in [
        (Status::Waived, "waived"),
        (Status::NotApplicable, "not applicable"),
        (Status::Error, "failed to evaluate"),
    ] {
        if n(status) > 0 {
            found.push(format!("{} {words}", n(status)));
        }
    }
    format!(
        "wrote {} ({what}: {}, {}: {})",
        path.display(),
        count(assessments, "assessment", "assessments"),
        count(statuses.len(), "rule result", "rule results"),
        found.join(", ")
    )
}

/// [`written_note`] in another language: the statuses as the headings of the report name
/// them, each with its number ("lacunes 27"), so no word has to agree with a count.
fn written_note_in(
    lang: Lang,
    path: &Path,
    format: Format,
    assessments: usize,
    statuses: &[Status],
) -> String {
    use crate::i18n::{count, t, tf, tp};
    let n = |s: Status| statuses.iter().filter(|x| **x == s).count();
    let what = report_name(format);
    let found: Vec<String> = [
        (Status::Gap, tp(lang, "heading", "Gaps")),
        (Status::Partial, tp(lang, "heading", "Partly met")),
        (Status::Unanswered, tp(lang, "heading", "Unanswered")),
        (Status::Met, tp(lang, "heading", "Met")),
        (Status::Waived, tp(lang, "heading", "Waived")),
        (Status::NotApplicable, tp(lang, "heading", "Not applicable")),
        (Status::Error, tp(lang, "heading", "Errors")),
    ]
    .into_iter()
    .enumerate()
    .filter(|(i, (status, _))| *i < 4 || n(*status) > 0)
    .map(|(_, (status, heading))| format!("{} {}", heading.to_lowercase(), n(status)))
    .collect();
    tf(
        lang,
        "wrote {path} ({what}: {assessments}, {results}; {found})",
        &[
            ("path", &path.display().to_string()),
            ("what", t(lang, what)),
            (
                "assessments",
                &count(lang, assessments, "assessment", "assessments"),
            ),
            (
                "results",
                &count(lang, statuses.len(), "rule result", "rule results"),
            ),
            ("found", &found.join(", ")),
        ],
    )
}

/// [`exit_note`] in another language: the number of rules after what they did, so that no
/// verb has to agree with it.
fn exit_note_in(lang: Lang, exit: Exit, fail_on: FailOn, statuses: &[Status]) -> Option<String> {
    use crate::i18n::{t, tf};
    match exit {
        Exit::RuleError => Some(tf(
            lang,
            "exit code 3: rules that failed to evaluate: {n} (a fault of the rule set, not of the answers: report it to the maintainers)",
            &[(
                "n",
                &statuses
                    .iter()
                    .filter(|s| **s == Status::Error)
                    .count()
                    .to_string(),
            )],
        )),
        Exit::Threshold => {
            let (reached, level) = threshold(fail_on, statuses);
            let which = if level == "gap" {
                t(lang, " (the default)")
            } else {
                t(lang, " or worse")
            };
            Some(tf(
                lang,
                "exit code 1: rules that reached --fail-on {level}{which}: {n}. The report is complete; the exit code tells scripts that there are findings (add --fail-on never to exit 0)",
                &[
                    ("level", &level),
                    ("which", which),
                    ("n", &reached.to_string()),
                ],
            ))
        }
        _ => None,
    }
}

/// Why the exit code is not 0, when it is not.
fn exit_note(exit: Exit, fail_on: FailOn, statuses: &[Status]) -> Option<String> {
    match exit {
        Exit::RuleError => Some(format!(
            "exit code 3: {} failed to evaluate (a fault of the rule set, not of the answers: report it to the maintainers)",
            count(
                statuses.iter().filter(|s| **s == Status::Error).count(),
                "rule",
                "rules"
            )
        )),
        Exit::Threshold => {
            let (reached, level) = threshold(fail_on, statuses);
            Some(format!(
                "exit code 1: {} reached --fail-on {level}{}. The report is complete; the exit code tells scripts that there are findings (add --fail-on never to exit 0)",
                count(reached, "rule", "rules"),
                if level == "gap" {
                    " (the default)"
                } else {
                    " or worse"
                },
            ))
        }
        _ => None,
    }
}
