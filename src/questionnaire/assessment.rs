//! A self-assessment file read into an [`Assessment`]: its header and its answers.

use std::collections::BTreeMap;

use crate::dates::is_iso_date;
use crate::diagnostic::{Diagnostic, Pos, shorten};
use crate::i18n::{n_, suggestion_words, tw};
use crate::lang::Words;
use crate::limits;
use crate::model::{Assessment, Jurisdiction, Questionnaire};
use crate::yaml::{self, Reader, Value};

use super::ASSESSMENT_VERSION;
use super::answers::{describe, read_answers};

/// Why a header field's value is refused, and how to fix it, in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderProblem {
    pub message: Words,
    pub help: Words,
}

/// Checks a header field (`period`, `prepared_by`, …) wherever it comes from (a file, a
/// workbook cell, `init --period`): one line of at most [`limits::MAX_HEADER_CHARS`]
/// characters with no control characters, and for `period`, which becomes part of file
/// names (`xa-2025.xlsx`), no path separators.
pub fn check_header_field(name: &str, value: &str) -> Result<(), HeaderProblem> {
    let chars = value.chars().count();
    if chars > limits::MAX_HEADER_CHARS {
        return Err(HeaderProblem {
            message: tw(
                "`{field}` is {n} characters long",
                &[("field", name), ("n", &chars.to_string())],
            ),
            help: tw(
                "a header field is one line of at most {most} characters",
                &[("most", &limits::MAX_HEADER_CHARS.to_string())],
            ),
        });
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(HeaderProblem {
            message: tw(
                "`{field}` contains the control character {code}",
                &[
                    ("field", name),
                    ("code", &format!("U+{:04X}", u32::from(c))),
                ],
            ),
            help: tw("a header field is one line of printable text", &[]),
        });
    }
    if name == "period"
        && let Some(c) = value.chars().find(|c| matches!(c, '/' | '\\'))
    {
        return Err(HeaderProblem {
            message: tw(
                "`period` contains `{character}`",
                &[("character", &c.to_string())],
            ),
            help: tw(
                "the period becomes part of file names; write it without `/` or `\\` (for example `2025` or `2024-2025`)",
                &[],
            ),
        });
    }
    Ok(())
}

/// Reads and checks one self-assessment file.
pub fn read_assessment(
    file: &str,
    bytes: &[u8],
    questionnaire: &Questionnaire,
    jurisdictions: &[Jurisdiction],
) -> Result<Assessment, Vec<Diagnostic>> {
    read_parsed(
        file,
        parse_assessment(file, bytes)?,
        questionnaire,
        jurisdictions,
    )
}

/// A self-assessment file's YAML, parsed with positions and not yet checked: what can be
/// done before the rule set (and its questionnaire) is loaded.
pub struct ParsedAssessment {
    text: String,
    root: yaml::Node,
}

/// The first half of [`read_assessment`]: the YAML only.
pub fn parse_assessment(file: &str, bytes: &[u8]) -> Result<ParsedAssessment, Vec<Diagnostic>> {
    let (text, root) = yaml::parse_bytes(file, bytes).map_err(|d| vec![d])?;
    Ok(ParsedAssessment { text, root })
}

/// The second half of [`read_assessment`]: the parsed file checked against the
/// questionnaire and the jurisdictions.
pub fn read_parsed(
    file: &str,
    parsed: ParsedAssessment,
    questionnaire: &Questionnaire,
    jurisdictions: &[Jurisdiction],
) -> Result<Assessment, Vec<Diagnostic>> {
    let ParsedAssessment { text, root } = parsed;
    let mut r = Reader::for_people(file, &text);
    if root.is_null() {
        r.error_in(
            Pos::FILE,
            tw("the file is empty", &[]),
            Some(tw("a self-assessment starts with `acquis: assessment/1`; `acquis init --jurisdiction CODE` writes a blank one", &[])),
        );
        return Err(r.diagnostics);
    }
    if !r.fields(
        &root,
        &|| tw("a self-assessment", &[]),
        &[
            "acquis",
            "jurisdiction",
            "period",
            "prepared_by",
            "date",
            "illustrative",
            "answers",
        ],
        &["acquis", "jurisdiction", "period", "answers"],
    ) {
        return Err(r.diagnostics);
    }
    if let Some(version) = root.get("acquis") {
        match version.as_str() {
            Some(ASSESSMENT_VERSION) => {}
            other => {
                let found = other.map_or_else(|| describe(version, &text), str::to_owned);
                r.error_in(
                    version.pos,
                    tw(
                        "unsupported file version `{version}`",
                        &[("version", &found)],
                    ),
                    Some(tw(
                        "this version of acquis reads `acquis: {version}`",
                        &[("version", ASSESSMENT_VERSION)],
                    )),
                )
            }
        }
    }
    let mut jurisdiction = r.text(&root, "jurisdiction").unwrap_or_default();
    // `si` means SI: codes are read in any case and kept as the catalogue writes them.
    if let Some(j) = jurisdictions
        .iter()
        .find(|j| j.code.eq_ignore_ascii_case(&jurisdiction))
    {
        jurisdiction.clone_from(&j.code);
    }
    if !jurisdiction.is_empty() && !jurisdictions.iter().any(|j| j.code == jurisdiction) {
        let pos = root.get("jurisdiction").map_or(root.pos, |n| n.pos);
        r.error_in(
            pos,
            tw(
                "unknown jurisdiction `{code}`",
                &[("code", &shorten(&jurisdiction))],
            ),
            Some(suggestion_words(
                &jurisdiction,
                jurisdictions.iter().map(|j| j.code.as_str()),
                n_("jurisdiction codes (ISO 3166, `EL` for Greece)"),
            )),
        );
    }
    let period = r.text(&root, "period").unwrap_or_default();
    let prepared_by = r.opt_text(&root, "prepared_by");
    let date = r.opt_text(&root, "date");
    for (name, value) in [
        ("jurisdiction", Some(&jurisdiction)),
        ("period", Some(&period)),
        ("prepared_by", prepared_by.as_ref()),
        ("date", date.as_ref()),
    ] {
        if let Some(value) = value
            && let Err(problem) = check_header_field(name, value)
        {
            let pos = root.get(name).map_or(root.pos, |n| n.pos);
            r.error_in(pos, problem.message, Some(problem.help));
        }
    }
    if let Some(d) = &date
        && !is_iso_date(d)
    {
        let pos = root.get("date").map_or(root.pos, |n| n.pos);
        r.error_in(
            pos,
            tw("`{value}` is not a date", &[("value", &shorten(d))]),
            Some(tw("write the date as YYYY-MM-DD", &[])),
        );
    }
    let illustrative = match root.get("illustrative") {
        None => false,
        Some(node) => match node.value {
            Value::Bool(b) => b,
            _ => {
                let found = describe(node, &text);
                r.error_in(
                    node.pos,
                    tw(
                        "`illustrative` is `true` or `false`, not {found}",
                        &[("found", &found)],
                    ),
                    Some(tw(
                        "write `illustrative: true` when the answers are invented examples",
                        &[],
                    )),
                );
                false
            }
        },
    };
    let answers = match root.get("answers") {
        Some(node) => read_answers(&mut r, node, questionnaire),
        None => BTreeMap::new(),
    };
    let assessment = Assessment {
        file: file.to_owned(),
        jurisdiction,
        period,
        prepared_by,
        date,
        illustrative,
        answers,
    };
    r.into_result(assessment)
}
