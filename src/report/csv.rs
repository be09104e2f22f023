//! `--format csv`: one row per (assessment, rule), for analysts who pivot.
//!
//! A CSV is read by people in a spreadsheet, so `--lang fr` writes the header's words, the
//! rule's title and the words for force, severity and status in French; the columns keep
//! their order in every language, and ids (rule, instrument, area, questions,
//! recommendation number, grade) stay codes, so a sheet built on one language's columns
//! reads the other's. Cells are separated as a spreadsheet in the language splits them
//! ([`separator`]), and a file starts with the byte-order mark ([`FILE_BOM`]).

use crate::check::Results;
use crate::i18n::{self, n_};
use crate::lang::Lang;
use crate::model::{Assessment, Status};
use crate::ruleset::RuleSet;

pub const HEADER: [&str; 16] = [
    n_("file"),
    n_("jurisdiction"),
    n_("period"),
    n_("rule"),
    n_("title"),
    n_("instrument"),
    n_("force"),
    n_("area"),
    n_("severity"),
    n_("status"),
    n_("raw_status"),
    n_("missing"),
    n_("evidence"),
    n_("sources"),
    n_("recommendation"),
    n_("grade"),
];

/// A cell as a spreadsheet program will read it safely: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be run as a formula (`=cmd|' /C calc'!A0` in a
/// `period`), so it gets a leading `'`, as OWASP advises for CSV injection. A number
/// (`-3`, `+1.5`) stays a number.
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `[+-]digits[.digits]`: what a spreadsheet reads as a plain number.
fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// Writes one record, every cell through [`cell`].
pub(crate) fn write_safe<W: std::io::Write, S: AsRef<str>>(
    writer: &mut csv::Writer<W>,
    record: impl IntoIterator<Item = S>,
) {
    let cells: Vec<String> = record
        .into_iter()
        .map(|c| cell(c.as_ref()).into_owned())
        .collect();
    writer.write_record(&cells).expect("writing to memory");
}

/// The header line of the long table.
pub fn header() -> String {
    header_in(Lang::En)
}

/// The character between cells in `lang`: Excel opened in French splits a CSV file on `;`
/// (the comma is its decimal mark) and shows a comma-separated one as a single column;
/// in English it splits on `,`, as RFC 4180 does.
pub fn separator(lang: Lang) -> u8 {
    match lang {
        Lang::En => b',',
        Lang::Fr => b';',
    }
}

/// What a CSV written to a file starts with: the UTF-8 byte-order mark, without which Excel
/// reads the file in the computer's code page and shows `§` as `Â§` and `é` as `Ã©`. Standard
/// output, which other programs read, gets none.
pub const FILE_BOM: &str = "\u{feff}";

/// A writer of CSV in memory, cells separated as `lang`'s spreadsheets expect.
pub(crate) fn writer(lang: Lang) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(separator(lang))
        .from_writer(Vec::new())
}

/// The header line in `lang`: the same columns in the same order, their names translated.
pub fn header_in(lang: Lang) -> String {
    let mut writer = writer(lang);
    let names = HEADER.map(|name| i18n::lookup(lang, name).unwrap_or(name));
    writer.write_record(names).expect("writing to memory");
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}

/// The rows of one assessment (no header), so a long table can be streamed.
pub fn rows(results: &Results, assessment: &Assessment, set: &RuleSet, lang: Lang) -> String {
    // Codes in English, as the column has always held; words for people in other languages.
    let status = |s: Status| match lang {
        Lang::En => s.as_str(),
        _ => super::view::status_label_in(s, lang).0,
    };
    let force = |f: crate::model::Force| match lang {
        Lang::En => f.as_str(),
        _ => super::view::force_label_in(f, lang),
    };
    let mut writer = writer(lang);
    let jurisdiction = set.jurisdiction(&results.assessment.jurisdiction);
    {
        for r in &results.results {
            let evidence: Vec<String> = r
                .rule
                .reads
                .iter()
                .filter_map(|q| {
                    let a = assessment.answers.get(q)?;
                    a.evidence.as_ref().map(|e| format!("{q}: {e}"))
                })
                .collect();
            let sources: Vec<String> = r
                .rule
                .rule
                .sources
                .iter()
                .map(
                    |s| match super::view::source_note_in(set, jurisdiction, &s.doc, lang) {
                        Some(note) => format!("{} {} ({note})", s.doc, s.reference),
                        None => format!("{} {}", s.doc, s.reference),
                    },
                )
                .collect();
            write_safe(
                &mut writer,
                [
                    results.assessment.file.as_str(),
                    &results.assessment.jurisdiction,
                    &results.assessment.period,
                    r.id(),
                    &super::view::marked(r.rule.rule.title_in(lang), lang),
                    r.instrument_id(),
                    force(r.force()),
                    r.area(),
                    super::view::severity_in(r.severity(), lang),
                    status(r.status),
                    r.raw_status.map_or("", status),
                    &r.missing.join(";"),
                    &evidence.join(" | "),
                    &sources.join("; "),
                    r.recommendation.as_deref().unwrap_or(""),
                    r.grade.map_or("", crate::check::Grade::as_str),
                ],
            );
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for risky in [
            "=cmd|' /C calc'!A0",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-",
            "-1e5",
        ] {
            assert_eq!(cell(risky), format!("'{risky}"), "{risky:?}");
        }
        for kept in ["-3", "+1.5", "-0.25", "2025", "a=b", "", "met"] {
            assert_eq!(cell(kept), kept, "{kept:?}");
        }
    }
}
