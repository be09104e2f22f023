//! Waivers (SPEC, evaluation semantics 5): an evaluator's decision to accept a
//! gap or a partial for a time. A waiver turns `gap`/`partial` into `waived`
//! and the result keeps its raw status; it is valid through `until` inclusive,
//! judged against an `as_of` date so a report can be reproduced.

use serde::Serialize;

use crate::check::Results;
use crate::dates::is_iso_date;
use crate::diagnostic::{Diagnostic, Pos, suggestion};
use crate::load::RuleSet;
use crate::model::Status;
use crate::yaml::{self, Reader};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiver {
    pub rule: String,
    pub jurisdiction: String,
    pub reason: String,
    pub approved_by: String,
    /// Last day the waiver is valid, `YYYY-MM-DD`.
    pub until: String,
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub pos: Pos,
}

/// Reads a waivers file. Missing fields, bad dates and unknown jurisdictions are
/// errors; a waiver naming an unknown rule is kept and ignored with a warning later.
pub fn read(file: &str, bytes: &[u8], set: &RuleSet) -> Result<Vec<Waiver>, Vec<Diagnostic>> {
    let (text, root) = yaml::parse_bytes(file, bytes).map_err(|d| vec![d])?;
    let mut r = Reader::new(file, &text);
    if root.is_null() {
        return Ok(Vec::new());
    }
    let Some(items) = r.seq(&root, "the waivers file") else {
        return Err(r.diagnostics);
    };
    let mut waivers = Vec::new();
    for item in items {
        const FIELDS: [&str; 5] = ["rule", "jurisdiction", "reason", "approved_by", "until"];
        if !r.fields(item, "a waiver", &FIELDS, &FIELDS) {
            continue;
        }
        let rule = r.text(item, "rule");
        let jurisdiction = r.text(item, "jurisdiction");
        let reason = r.text(item, "reason");
        let approved_by = r.text(item, "approved_by");
        let until = r.text(item, "until");
        if let Some(code) = &jurisdiction
            && set.jurisdiction(code).is_none()
        {
            let pos = item.get("jurisdiction").map_or(item.pos, |n| n.pos);
            r.error(
                pos,
                format!("unknown jurisdiction `{code}`"),
                Some(suggestion(
                    code,
                    set.jurisdictions.iter().map(|j| j.code.as_str()),
                    "jurisdiction codes",
                )),
            );
        }
        if let Some(date) = &until
            && !is_iso_date(date)
        {
            let pos = item.get("until").map_or(item.pos, |n| n.pos);
            r.error(
                pos,
                format!("`{date}` is not a date"),
                Some("write `until` as YYYY-MM-DD".into()),
            );
        }
        if let (Some(rule), Some(jurisdiction), Some(reason), Some(approved_by), Some(until)) =
            (rule, jurisdiction, reason, approved_by, until)
        {
            waivers.push(Waiver {
                rule,
                jurisdiction,
                reason,
                approved_by,
                until,
                file: file.to_owned(),
                pos: item.pos,
            });
        }
    }
    r.into_result(waivers)
}

/// The waivers in force on `as_of` for rules of the set; warnings for the others,
/// which are ignored (SPEC: an expired waiver or one naming an unknown rule).
pub fn in_force(waivers: &[Waiver], set: &RuleSet, as_of: &str) -> (Vec<Waiver>, Vec<Diagnostic>) {
    let mut valid = Vec::new();
    let mut warnings = Vec::new();
    for w in waivers {
        if set.rule(&w.rule).is_none() {
            warnings.push(
                Diagnostic::warning(
                    &w.file,
                    w.pos,
                    format!("waiver for unknown rule `{}` is ignored", w.rule),
                )
                .with_help(suggestion(
                    &w.rule,
                    set.rules.iter().map(|r| r.rule.id.as_str()),
                    "rule ids",
                )),
            );
        } else if w.until.as_str() < as_of {
            // ISO dates compare correctly as text.
            warnings.push(Diagnostic::warning(
                &w.file,
                w.pos,
                format!(
                    "waiver for `{}` in {} expired on {} and is ignored (report date {as_of})",
                    w.rule, w.jurisdiction, w.until
                ),
            ));
        } else {
            valid.push(w.clone());
        }
    }
    (valid, warnings)
}

/// Applies waivers in force (see [`in_force`]): gap and partial become waived,
/// keeping the raw status; the summary is recomputed.
pub fn apply(in_force: &[Waiver], results: &mut Results, set: &RuleSet) {
    let mut changed = false;
    for w in in_force
        .iter()
        .filter(|w| w.jurisdiction == results.jurisdiction)
    {
        for result in results.results.iter_mut().filter(|r| *r.rule == *w.rule) {
            if matches!(result.status, Status::Gap | Status::Partial) {
                result.raw_status = Some(result.status);
                result.status = Status::Waived;
                result.waiver = Some(w.clone());
                changed = true;
            }
        }
    }
    if changed {
        crate::check::resummarise(set, results);
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, the default for `--as-of`.
/// Kept for the workbook reader, which turns Excel's day serials into dates.
pub use crate::dates::date_text as civil_date;

pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::dates::date_text((secs / 86_400) as i64)
}

/// The current time of day (UTC) as `HH:MM:SS`, for watch-mode headings.
pub fn now_hms() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let s = secs % 86_400;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use crate::dates::date_text as civil_date;

    #[test]
    fn converts_days_to_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(20_415), "2025-11-23");
    }
}
