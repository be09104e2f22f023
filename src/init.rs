//! `acquis init`: a blank self-assessment for one jurisdiction, with every
//! question that applies to it as an empty entry, explained in comments.

use std::fmt::Write as _;

use crate::assessment_yaml;
use crate::i18n::{t, tf};
use crate::lang::Lang;
use crate::model::{Assessment, Jurisdiction, Localised};
use crate::questionnaire::ASSESSMENT_VERSION;
use crate::ruleset::RuleSet;

/// The file name `init` gives the schema it writes next to the assessment.
pub const SCHEMA_FILE: &str = "acquis-assessment.schema.json";

fn comment_lines(out: &mut String, indent: &str, text: &str) {
    // Wrapped at about 96 columns so the file reads well in any editor; at ASCII spaces only,
    // so French no-break spaces (« … », before « : ») keep their words together.
    let mut line = String::new();
    for word in text.split_ascii_whitespace() {
        if !line.is_empty() && indent.len() + 2 + line.len() + 1 + word.len() > 96 {
            let _ = writeln!(out, "{indent}# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}# {line}");
    }
}

/// A rule file's text as shown to a reader of `lang`: English shown for want of a
/// translation is marked ` [en]`.
fn marked(text: Localised<'_>, lang: Lang) -> String {
    if text.is_fallback(lang) {
        format!("{} [{}]", text.text, text.lang.code())
    } else {
        text.text.to_owned()
    }
}

/// Last period's self-assessment, carried into the next one by `init --from`.
pub struct Previous<'a> {
    pub assessment: &'a Assessment,
    /// Today's date (`YYYY-MM-DD`), the new file's `date`.
    pub today: &'a str,
}

/// The text of a self-assessment for `jurisdiction` and `period`: blank, or with the answers
/// and evidence of `previous` (rolled forward to `period`) and a header saying what to review.
/// The comments are in `lang`; keys and values are the file format, the same in every language.
pub fn assessment_text(
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    period: &str,
    schema_path: &str,
    previous: Option<&Previous>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    // A comment in `lang`, set as the language sets prose.
    let comment = |out: &mut String, indent: &str, text: &str| {
        comment_lines(out, indent, &lang.typography(text));
    };
    let name = jurisdiction.name_in(lang).text;
    let _ = writeln!(out, "# yaml-language-server: $schema={schema_path}");
    let asked = set.questions_for(jurisdiction);
    // The questions of this file: those asked, and any question last period answered
    // although it does not apply (its answer is kept, marked as not read).
    let kept =
        |q: &str| asked.contains(&q) || previous.is_some_and(|p| p.assessment.value(q).is_some());
    let unanswered_before = previous.map_or(0, |p| {
        asked
            .iter()
            .filter(|q| p.assessment.value(q).is_none())
            .count()
    });
    match previous {
        None => {
            let _ = writeln!(
                out,
                "# {}",
                lang.typography(&tf(
                    lang,
                    "Self-assessment of {name} ({code}) for {period}, written by `acquis init`.",
                    &[
                        ("name", name),
                        ("code", &jurisdiction.code),
                        ("period", period)
                    ],
                ))
            );
            for line in [
                t(
                    lang,
                    "Replace each `null` with the answer. Leave `null` where the answer is not known yet:",
                ),
                t(
                    lang,
                    "an unanswered question is never counted as a gap, it is reported as unanswered.",
                ),
                t(
                    lang,
                    "To give the evidence for an answer, use the long form:",
                ),
                "  periodic_rechecks:",
                "    value: false",
                t(
                    lang,
                    "    evidence: Criminal Records Act, s. 12 requires a check at recruitment only",
                ),
                "    url: https://example.org/act",
            ] {
                let _ = writeln!(out, "# {}", lang.typography(line));
            }
        }
        Some(p) => {
            let last = p.assessment;
            comment(
                &mut out,
                "",
                &tf(
                    lang,
                    "Self-assessment of {name} ({code}) for {period}, carried forward by `acquis init` from {file} (period {last}).",
                    &[
                        ("name", name),
                        ("code", &jurisdiction.code),
                        ("period", period),
                        ("file", &last.file),
                        ("last", &last.period),
                    ],
                ),
            );
            comment(
                &mut out,
                "",
                &tf(
                    lang,
                    "TO REVIEW: every answer, evidence and link below is the one given for {last}. Check each against the law and practice of {period}: change the answer where something changed (a new law, an amendment, a new practice), and update its evidence and link. Check `prepared_by` and `date` too.",
                    &[("last", &last.period), ("period", period)],
                ),
            );
            if unanswered_before > 0 {
                let n = unanswered_before.to_string();
                let args = [("n", n.as_str()), ("last", last.period.as_str())];
                comment(
                    &mut out,
                    "",
                    &if lang.is_plural(unanswered_before) {
                        tf(
                            lang,
                            "{n} questions were not answered for {last} and are still `null` (each is marked \"Not answered for {last}\").",
                            &args,
                        )
                    } else {
                        tf(
                            lang,
                            "{n} question was not answered for {last} and is still `null` (each is marked \"Not answered for {last}\").",
                            &args,
                        )
                    },
                );
            }
            let _ = writeln!(
                out,
                "# {}",
                tf(
                    lang,
                    "`acquis diff {file} FILE` then lists what changed between the two periods.",
                    &[("file", &last.file)],
                )
            );
        }
    }
    let _ = writeln!(
        out,
        "# {}",
        t(
            lang,
            "Then run `acquis validate FILE` until it reports no errors, and `acquis check FILE`."
        )
    );
    let _ = writeln!(out, "acquis: {ASSESSMENT_VERSION}");
    let _ = writeln!(out, "jurisdiction: {}", jurisdiction.code);
    let _ = writeln!(out, "period: {}", assessment_yaml::quoted(period));
    match previous {
        None => {
            let _ = writeln!(
                out,
                "prepared_by: null   # {}",
                t(lang, "the ministry or body that prepared the answers")
            );
            let _ = writeln!(out, "date: null          # YYYY-MM-DD");
        }
        Some(p) => {
            let prepared_by = p
                .assessment
                .prepared_by
                .as_deref()
                .map_or_else(|| "null".to_owned(), assessment_yaml::quoted);
            let _ = writeln!(
                out,
                "prepared_by: {prepared_by}   # {}",
                t(lang, "the ministry or body that prepared the answers")
            );
            let _ = writeln!(
                out,
                "date: {}   # {}",
                p.today,
                lang.typography(t(
                    lang,
                    "YYYY-MM-DD: the day this file was started; change it when the answers are confirmed"
                ))
            );
            if p.assessment.illustrative {
                // Invented answers stay marked as invented in every period.
                let _ = writeln!(out, "illustrative: true");
            }
        }
    }
    let _ = writeln!(out, "answers:");
    for section in &set.questionnaire.sections {
        let questions: Vec<&str> = section
            .questions
            .iter()
            .map(String::as_str)
            .filter(|q| kept(q))
            .collect();
        if questions.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n  # ── {} ──", marked(section.title_in(lang), lang));
        let _ = writeln!(out, "  {}:", section.name);
        for id in questions {
            let q = &set.questionnaire.questions[id];
            out.push('\n');
            let number = set
                .questionnaire
                .number(id)
                .map(|n| format!("{n} "))
                .unwrap_or_default();
            comment(
                &mut out,
                "    ",
                &format!("{number}{}", marked(q.text_in(lang), lang)),
            );
            if let Some(help) = q.help_in(lang) {
                comment(&mut out, "    ", &marked(help, lang));
            }
            comment(
                &mut out,
                "    ",
                &tf(
                    lang,
                    "Answer: {expected}.",
                    &[("expected", &q.kind.expectation_in(lang))],
                ),
            );
            if !q.sources.is_empty() {
                comment(
                    &mut out,
                    "    ",
                    &tf(
                        lang,
                        "Legal basis: {basis}.",
                        &[("basis", &crate::workbook::write::legal_basis(set, q, lang))],
                    ),
                );
            }
            let answer = previous.and_then(|p| p.assessment.answers.get(id));
            if let Some(p) = previous {
                if !asked.contains(&id) {
                    comment(
                        &mut out,
                        "    ",
                        &tf(
                            lang,
                            "Not asked of {code}: no rule that applies to it reads this question. The answer given for {last} is kept, and not read.",
                            &[("code", &jurisdiction.code), ("last", &p.assessment.period)],
                        ),
                    );
                } else if answer.is_none_or(|a| a.value.is_none()) {
                    comment(
                        &mut out,
                        "    ",
                        &tf(
                            lang,
                            "Not answered for {last}.",
                            &[("last", &p.assessment.period)],
                        ),
                    );
                }
            }
            match answer {
                Some(a) => assessment_yaml::write_answer(&mut out, "    ", &q.key, a),
                None => {
                    let _ = writeln!(out, "    {}: null", q.key);
                }
            }
        }
    }
    out
}
