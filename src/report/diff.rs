//! The change between two periods of one jurisdiction (`acquis diff`): statuses,
//! answers and their evidence.
//!
//! Only gap → met or partial closes a gap. A gap that became unanswered, errored,
//! waived or not applicable has not been remedied, so each of those is its own group.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::view::{percent_in, status_label_in};
use super::words::{code_word, colon, fill, from_file, mark, signed_points_in, status_code_word};
use crate::check::Results;
use crate::i18n::{self, n_};
use crate::lang::Lang;
use crate::model::{AnswerValue, Assessment, Status};
use crate::ruleset::RuleSet;

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub rule: String,
    pub title: String,
    /// `en` when the title is English shown for want of a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_lang: Option<&'static str>,
    pub force: &'static str,
    pub severity: &'static str,
    pub old: &'static str,
    pub new: &'static str,
    pub old_label: &'static str,
    pub new_label: &'static str,
    pub old_icon: &'static str,
    pub new_icon: &'static str,
}

/// A question whose answer, evidence or link differs between the periods.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerChange {
    pub question: String,
    pub text: String,
    /// `en` when the question is English shown for want of a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_lang: Option<&'static str>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub old_evidence: Option<String>,
    pub new_evidence: Option<String>,
    pub old_url: Option<String>,
    pub new_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Delta {
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// New minus old, in percentage points, to one decimal; never `-0.0`.
    pub points: Option<f64>,
}

impl Delta {
    pub fn of(old: Option<f64>, new: Option<f64>) -> Delta {
        Delta {
            old,
            new,
            points: old.zip(new).map(|(o, n)| points(n - o)),
        }
    }

    fn describe(&self, lang: Lang) -> String {
        let points = self
            .points
            .map_or_else(String::new, |p| format!(" ({})", signed_points_in(p, lang)));
        format!(
            "{} → {}{points}",
            percent_in(self.old, lang),
            percent_in(self.new, lang)
        )
    }
}

/// A difference of two shares as percentage points to one decimal. Adding zero turns the
/// `-0.0` that rounding a tiny negative difference gives into `0.0`.
pub fn points(share_difference: f64) -> f64 {
    (share_difference * 1000.0).round() / 10.0 + 0.0
}

/// Where a rule's change of status belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// gap → met or partial.
    GapClosed,
    /// anything else → gap.
    NewGap,
    /// gap → unanswered: the gap may still be there.
    GapNowUnanswered,
    /// gap → error: the rule could not be evaluated.
    GapNowError,
    /// gap → waived: accepted for now, not remedied.
    GapNowWaived,
    /// gap → not applicable: the rule no longer applies.
    GapNowNotApplicable,
    Other,
    /// The same status in both periods.
    Unchanged,
}

impl ChangeKind {
    pub fn of(old: Status, new: Status) -> ChangeKind {
        match (old, new) {
            _ if old == new => ChangeKind::Unchanged,
            (Status::Gap, Status::Met | Status::Partial) => ChangeKind::GapClosed,
            (Status::Gap, Status::Unanswered) => ChangeKind::GapNowUnanswered,
            (Status::Gap, Status::Error) => ChangeKind::GapNowError,
            (Status::Gap, Status::Waived) => ChangeKind::GapNowWaived,
            (Status::Gap, Status::NotApplicable) => ChangeKind::GapNowNotApplicable,
            (_, Status::Gap) => ChangeKind::NewGap,
            _ => ChangeKind::Other,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub acquis: &'static str,
    pub jurisdiction: String,
    pub name: String,
    /// `en` when the name is English shown for want of a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_lang: Option<&'static str>,
    pub fictional: bool,
    /// The answers are invented examples for a real jurisdiction's code.
    pub illustrative: bool,
    pub old_period: String,
    pub new_period: String,
    pub old_file: String,
    pub new_file: String,
    pub score: Delta,
    pub completeness: Delta,
    /// gap → met or partial.
    pub closed_gaps: Vec<Change>,
    /// Any other status → gap.
    pub new_gaps: Vec<Change>,
    pub gaps_now_unanswered: Vec<Change>,
    pub gaps_now_error: Vec<Change>,
    pub gaps_now_waived: Vec<Change>,
    pub gaps_now_not_applicable: Vec<Change>,
    pub other_changes: Vec<Change>,
    pub newly_answered: Vec<AnswerChange>,
    pub changed_answers: Vec<AnswerChange>,
    pub no_longer_answered: Vec<AnswerChange>,
    /// Same answer, different evidence or link.
    pub changed_evidence: Vec<AnswerChange>,
}

/// Why the order of the two files looks wrong, if it does.
pub fn period_warning(old_period: &str, new_period: &str) -> Option<String> {
    match super::period::compare(old_period, new_period) {
        Ordering::Less => None,
        Ordering::Equal => Some(format!(
            "both files are for the period {new_period}; the diff compares two versions of one period"
        )),
        Ordering::Greater => Some(format!(
            "OLD is for {old_period}, which is after NEW ({new_period}); give the earlier period first, or read every change backwards"
        )),
    }
}

fn shown(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Bool(b) => b.to_string(),
        AnswerValue::Int(i) => i.to_string(),
        AnswerValue::Text(s) => s.clone(),
        AnswerValue::Set(items) => format!("[{}]", items.join(", ")),
    }
}

/// A rule's change of status, its title and status words in `lang`.
pub fn status_change(rule: &crate::check::RuleResult, was: Status, lang: Lang) -> Change {
    let (old_label, old_icon) = status_label_in(was, lang);
    let (new_label, new_icon) = status_label_in(rule.status, lang);
    let (title, title_lang) = from_file(rule.rule.rule.title_in(lang), lang);
    Change {
        rule: rule.id().to_owned(),
        title,
        title_lang,
        force: rule.force().as_str(),
        severity: rule.severity().as_str(),
        old: was.as_str(),
        new: rule.status.as_str(),
        old_label,
        new_label,
        old_icon,
        new_icon,
    }
}

/// The change from `old` to `new`, its words in `lang` (the JSON is built in English).
pub fn diff(
    old: (&Results, &Assessment),
    new: (&Results, &Assessment),
    set: &RuleSet,
    lang: Lang,
) -> Diff {
    let before: BTreeMap<&str, Status> = old.0.results.iter().map(|r| (r.id(), r.status)).collect();
    let jurisdiction = set.jurisdiction(&new.0.assessment.jurisdiction);
    let (name, name_lang) = jurisdiction.map_or_else(
        || (new.0.assessment.jurisdiction.clone(), None),
        |j| from_file(j.name_in(lang), lang),
    );
    let mut d = Diff {
        acquis: "diff/1",
        jurisdiction: new.0.assessment.jurisdiction.clone(),
        name,
        name_lang,
        fictional: jurisdiction.is_some_and(|j| j.fictional),
        illustrative: old.0.assessment.illustrative || new.0.assessment.illustrative,
        old_period: old.0.assessment.period.clone(),
        new_period: new.0.assessment.period.clone(),
        old_file: old.0.assessment.file.clone(),
        new_file: new.0.assessment.file.clone(),
        score: Delta::of(old.0.summary.overall.score, new.0.summary.overall.score),
        completeness: Delta::of(
            old.0.summary.overall.completeness,
            new.0.summary.overall.completeness,
        ),
        closed_gaps: Vec::new(),
        new_gaps: Vec::new(),
        gaps_now_unanswered: Vec::new(),
        gaps_now_error: Vec::new(),
        gaps_now_waived: Vec::new(),
        gaps_now_not_applicable: Vec::new(),
        other_changes: Vec::new(),
        newly_answered: Vec::new(),
        changed_answers: Vec::new(),
        no_longer_answered: Vec::new(),
        changed_evidence: Vec::new(),
    };
    for r in &new.0.results {
        let was = before.get(r.id()).copied().unwrap_or(Status::NotApplicable);
        if was == r.status {
            continue;
        }
        let change = status_change(r, was, lang);
        match ChangeKind::of(was, r.status) {
            ChangeKind::GapClosed => d.closed_gaps.push(change),
            ChangeKind::NewGap => d.new_gaps.push(change),
            ChangeKind::GapNowUnanswered => d.gaps_now_unanswered.push(change),
            ChangeKind::GapNowError => d.gaps_now_error.push(change),
            ChangeKind::GapNowWaived => d.gaps_now_waived.push(change),
            ChangeKind::GapNowNotApplicable => d.gaps_now_not_applicable.push(change),
            ChangeKind::Other => d.other_changes.push(change),
            ChangeKind::Unchanged => {}
        }
    }
    for (id, q) in &set.questionnaire.questions {
        let (a, b) = (old.1.answers.get(id), new.1.answers.get(id));
        let (x, y) = (old.1.value(id), new.1.value(id));
        let evidence =
            |answer: Option<&crate::model::Answer>| answer.and_then(|a| a.evidence.clone());
        let url = |answer: Option<&crate::model::Answer>| answer.and_then(|a| a.url.clone());
        let (text, text_lang) = from_file(q.text_in(lang), lang);
        let change = AnswerChange {
            question: id.clone(),
            text,
            text_lang,
            old: x.map(shown),
            new: y.map(shown),
            old_evidence: evidence(a),
            new_evidence: evidence(b),
            old_url: url(a),
            new_url: url(b),
        };
        match (x, y) {
            (None, Some(_)) => d.newly_answered.push(change),
            (Some(_), None) => d.no_longer_answered.push(change),
            (Some(x), Some(y)) if x != y => d.changed_answers.push(change),
            (Some(_), Some(_))
                if change.old_evidence != change.new_evidence
                    || change.old_url != change.new_url =>
            {
                d.changed_evidence.push(change)
            }
            _ => {}
        }
    }
    d
}

/// The groups of status changes in the order every format shows them: the English heading
/// (translated where it is shown), the changes, and whether it shows when empty (the three
/// main groups do, so "none" is visible; the others only when they occur).
pub fn status_groups(d: &Diff) -> [(&'static str, &[Change], bool); 7] {
    [
        (n_("Gaps closed"), &d.closed_gaps, true),
        (n_("New gaps"), &d.new_gaps, true),
        (
            n_("Gaps now unanswered, not closed"),
            &d.gaps_now_unanswered,
            false,
        ),
        (
            n_("Gaps now failing to evaluate, not closed"),
            &d.gaps_now_error,
            false,
        ),
        (n_("Gaps now waived, not closed"), &d.gaps_now_waived, false),
        (
            n_("Gaps no longer applicable"),
            &d.gaps_now_not_applicable,
            false,
        ),
        (n_("Other changes of status"), &d.other_changes, true),
    ]
}

/// The diff for the terminal, in `lang`.
pub fn diff_text(d: &Diff, lang: Lang) -> String {
    let mut out = String::new();
    let fictional = if d.fictional {
        i18n::t(lang, " (fictional)")
    } else if d.illustrative {
        i18n::t(lang, " (illustrative answers, not its law or practice)")
    } else {
        ""
    };
    // A value of `fill` is not typeset, so the translated note is set here.
    let fictional = lang.typography(fictional);
    let name = format!("{}{}", d.name, mark(d.name_lang));
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            i18n::t(lang, "{code} {name}{fictional}: {old} → {new}"),
            &[
                ("code", d.jurisdiction.as_str()),
                ("name", &name),
                ("fictional", &fictional),
                ("old", &d.old_period),
                ("new", &d.new_period),
            ]
        )
    );
    let measures = [
        (i18n::t(lang, "score"), &d.score),
        (i18n::t(lang, "completeness"), &d.completeness),
    ];
    let width = measures
        .iter()
        .map(|(m, _)| m.chars().count())
        .max()
        .unwrap_or(0);
    for (measure, delta) in measures {
        let _ = writeln!(out, "  {measure:<width$} {}", delta.describe(lang));
    }
    let _ = writeln!(
        out,
        "\n{}",
        lang.typography(i18n::t(
            lang,
            "Only gap → met or partly met closes a gap; a gap that became unanswered, failed to\nevaluate, was waived or no longer applies is listed on its own."
        ))
    );
    let status = |code: &str| status_code_word(code, lang);
    for (heading, list, always) in status_groups(d) {
        if list.is_empty() && !always {
            continue;
        }
        let heading = i18n::lookup(lang, heading).unwrap_or(heading);
        let _ = writeln!(out, "\n{heading} ({})", list.len());
        for c in list {
            let _ = writeln!(
                out,
                "  {} → {}  {} {}",
                status(c.old),
                status(c.new),
                c.rule,
                fill(
                    lang,
                    i18n::t(lang, "({force}, {severity})"),
                    &[
                        ("force", code_word(c.force, lang)),
                        ("severity", code_word(c.severity, lang))
                    ]
                )
            );
            let _ = writeln!(out, "      {}{}", c.title, mark(c.title_lang));
        }
    }
    let unanswered = i18n::t(lang, "unanswered");
    // "none" of an evidence or a link: its own entry, since French agrees it with the noun.
    let none = match lang {
        Lang::En => "none",
        _ => i18n::t(lang, "none (no evidence or link)"),
    };
    let answers = |out: &mut String, heading: &str, list: &[AnswerChange], evidence: bool| {
        let _ = writeln!(out, "\n{heading} ({})", list.len());
        for a in list {
            let _ = writeln!(
                out,
                "  {}{} {} → {}",
                a.question,
                colon(lang),
                a.old.as_deref().unwrap_or(unanswered),
                a.new.as_deref().unwrap_or(unanswered)
            );
            if evidence || a.old_evidence != a.new_evidence {
                let _ = writeln!(
                    out,
                    "      {} {} → {}",
                    lang.typography(i18n::t(lang, "evidence:")),
                    a.old_evidence.as_deref().unwrap_or(none),
                    a.new_evidence.as_deref().unwrap_or(none)
                );
            }
            if a.old_url != a.new_url {
                let _ = writeln!(
                    out,
                    "      url{} {} → {}",
                    colon(lang),
                    a.old_url.as_deref().unwrap_or(none),
                    a.new_url.as_deref().unwrap_or(none)
                );
            }
        }
    };
    answers(
        &mut out,
        i18n::t(lang, "Newly answered"),
        &d.newly_answered,
        false,
    );
    answers(
        &mut out,
        i18n::t(lang, "Answers changed"),
        &d.changed_answers,
        false,
    );
    answers(
        &mut out,
        i18n::t(lang, "No longer answered"),
        &d.no_longer_answered,
        false,
    );
    answers(
        &mut out,
        i18n::t(lang, "Evidence changed (same answer)"),
        &d.changed_evidence,
        true,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_negative_difference_is_zero_points_not_minus_zero() {
        assert_eq!(points(-0.00001).to_string(), "0");
        let en = |p| signed_points_in(p, Lang::En);
        assert_eq!(en(points(-0.00001)), "0.0 points");
        assert_eq!(en(-0.0), "0.0 points");
        assert_eq!(en(points(0.025)), "+2.5 points");
        assert_eq!(en(points(-0.1)), "-10.0 points");
    }

    #[test]
    fn only_gap_to_met_or_partial_closes_a_gap() {
        use Status::*;
        assert_eq!(ChangeKind::of(Gap, Met), ChangeKind::GapClosed);
        assert_eq!(ChangeKind::of(Gap, Partial), ChangeKind::GapClosed);
        assert_eq!(
            ChangeKind::of(Gap, Unanswered),
            ChangeKind::GapNowUnanswered
        );
        assert_eq!(ChangeKind::of(Gap, Error), ChangeKind::GapNowError);
        assert_eq!(ChangeKind::of(Gap, Waived), ChangeKind::GapNowWaived);
        assert_eq!(
            ChangeKind::of(Gap, NotApplicable),
            ChangeKind::GapNowNotApplicable
        );
        assert_eq!(ChangeKind::of(Met, Gap), ChangeKind::NewGap);
        assert_eq!(ChangeKind::of(Met, Partial), ChangeKind::Other);
        assert_eq!(ChangeKind::of(Gap, Gap), ChangeKind::Unchanged);
    }

    #[test]
    fn the_order_of_periods_is_checked() {
        assert_eq!(period_warning("2024", "2025"), None);
        assert!(
            period_warning("2025", "2024")
                .unwrap()
                .contains("after NEW")
        );
        assert!(
            period_warning("2025", "2025")
                .unwrap()
                .contains("both files are for the period 2025")
        );
    }
}
