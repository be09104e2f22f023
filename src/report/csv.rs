//! `--format csv`: one row per (assessment, rule), for analysts who pivot.

use crate::check::Results;
use crate::load::RuleSet;
use crate::model::{Assessment, Status};

pub const HEADER: [&str; 16] = [
    "file",
    "jurisdiction",
    "period",
    "rule",
    "title",
    "instrument",
    "force",
    "area",
    "severity",
    "status",
    "raw_status",
    "missing",
    "evidence",
    "sources",
    "recommendation",
    "grade",
];

/// The header line of the long table.
pub fn header() -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER).expect("writing to memory");
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}

/// The rows of one assessment (no header), so a long table can be streamed.
pub fn rows(results: &Results, assessment: &Assessment, set: &RuleSet) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let jurisdiction = set.jurisdiction(&results.jurisdiction);
    {
        for r in &results.results {
            let compiled = set.rule(&r.rule);
            let evidence: Vec<String> = compiled
                .map(|c| {
                    c.reads
                        .iter()
                        .filter_map(|q| {
                            let a = assessment.answers.get(q)?;
                            a.evidence.as_ref().map(|e| format!("{q}: {e}"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let sources: Vec<String> = compiled
                .map(|c| {
                    c.rule
                        .sources
                        .iter()
                        .map(
                            |s| match super::view::source_note(set, jurisdiction, &s.doc) {
                                Some(note) => format!("{} {} ({note})", s.doc, s.reference),
                                None => format!("{} {}", s.doc, s.reference),
                            },
                        )
                        .collect()
                })
                .unwrap_or_default();
            writer
                .write_record([
                    results.file.as_str(),
                    &results.jurisdiction,
                    &results.period,
                    &r.rule,
                    &r.title,
                    &r.instrument,
                    r.force.as_str(),
                    &r.area,
                    r.severity.as_str(),
                    r.status.as_str(),
                    r.raw_status.map_or("", Status::as_str),
                    &r.missing.join(";"),
                    &evidence.join(" | "),
                    &sources.join("; "),
                    r.recommendation.as_deref().unwrap_or(""),
                    r.grade.map_or("", crate::check::Grade::as_str),
                ])
                .expect("writing to memory");
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}
