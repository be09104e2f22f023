//! Waivers (SPEC, evaluation semantics 5): an evaluator's decision to accept a
//! gap or a partial for a time. A waiver turns `gap`/`partial` into `waived`
//! and the result keeps its raw status; it is valid through `until` inclusive,
//! judged against an `as_of` date so a report can be reproduced.

use crate::dates::is_iso_date;
use crate::diagnostic::Diagnostic;
use crate::i18n::suggestion;
pub use crate::model::Waiver;
use crate::ruleset::RuleSet;
use crate::yaml::{self, Reader};

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
