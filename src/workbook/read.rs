//! A filled workbook read back as a self-assessment, built from the cells directly: every
//! problem is named by sheet and cell (`ecris!C12`), and values are checked by the same
//! function as YAML answers.

use std::collections::BTreeMap;

use super::answer::{answer_value, clip, date_from_serial, not_yes_or_no, text_of};
use super::words;
use super::xlsx::{CellValue, Workbook};
use super::{COL_ANSWER, COL_EVIDENCE, COL_ID, COL_URL, COVER, LAST_READ_COL, cell_name};
use crate::dates::is_iso_date;
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::{n_, suggestion_words, tw};
use crate::lang::Words;
use crate::limits;
use crate::model::{Answer, AnswerValue, Assessment, QuestionType};
use crate::ruleset::RuleSet;

/// A workbook turned back into a self-assessment.
#[derive(Debug, Clone)]
pub struct Imported {
    pub assessment: Assessment,
    /// Sheets and rows the questionnaire does not know (another version of it), named by
    /// sheet and cell; not read. `check` and `validate` refuse a workbook with any of them
    /// that holds an answer; `import` lists them.
    pub skipped: Vec<Skipped>,
    /// Questions of the questionnaire the workbook does not have.
    pub missing: Vec<String>,
    /// Set questions left unanswered because some of their lines are blank, with the cells.
    pub partly_answered: Vec<String>,
}

/// A sheet or row of another questionnaire version.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// `ecris!A4 (`ecris.old_question`: not a question of this questionnaire)`.
    pub what: String,
    /// Whether it holds an answer, evidence or link that would be lost.
    pub answered: bool,
}

/// The columns A–E of one row.
type Row = [Option<CellValue>; LAST_READ_COL as usize + 1];

/// Problems of cells, each a diagnostic about the whole file whose message starts with the cell.
struct Problems<'a> {
    file: &'a str,
    list: Vec<Diagnostic>,
}

impl Problems<'_> {
    /// A problem of `cell`, its message and help in every language (a coordinator reads them
    /// in the workbook's language).
    fn add(&mut self, cell: String, message: Words, help: Option<Words>) {
        let message =
            Words::new(|lang| format!("{cell}{}: {}", lang.before_colon(), message.get(lang)));
        self.list
            .push(Diagnostic::error_in(self.file, Pos::FILE, message, help));
    }
}

/// Groups a sheet's cells by row.
fn rows_of(cells: Vec<super::xlsx::Cell>) -> BTreeMap<u32, Row> {
    let mut rows: BTreeMap<u32, Row> = BTreeMap::new();
    for c in cells {
        if let Some(slot) = rows.entry(c.row).or_default().get_mut(usize::from(c.col)) {
            *slot = Some(c.value);
        }
    }
    rows
}

/// The columns of free text beside an answer.
#[derive(Clone, Copy)]
enum Column {
    Evidence,
    Link,
}

/// Evidence or link: any cell, as text, within the YAML reader's length limit.
fn long_text(
    row: &Row,
    col: u16,
    at: String,
    what: Column,
    problems: &mut Problems,
) -> Option<String> {
    let text = text_of(row[usize::from(col)].as_ref())?;
    if text.chars().count() > limits::MAX_TEXT_CHARS {
        let most = limits::MAX_TEXT_CHARS.to_string();
        let message = match what {
            Column::Evidence => n_("the evidence is longer than {most} characters"),
            Column::Link => n_("the link is longer than {most} characters"),
        };
        problems.add(
            at,
            tw(message, &[("most", &most)]),
            Some(tw("summarise it and give the full document as a link", &[])),
        );
        return None;
    }
    Some(text)
}

/// The header of the self-assessment, from the `Cover` sheet (column B).
struct Cover {
    jurisdiction: String,
    period: String,
    prepared_by: Option<String>,
    date: Option<String>,
}

fn read_cover(
    book: &mut Workbook<'_>,
    cover_sheet: &str,
    set: &RuleSet,
    problems: &mut Problems<'_>,
) -> Result<Cover, Diagnostic> {
    let cover = book.read_sheet(cover_sheet, 1)?;
    problems.list.extend(cover.problems);
    let cover = rows_of(cover.cells);
    let cover_text = |row: u32| cover.get(&row).and_then(|r| text_of(r[1].as_ref()));
    let written = cover_text(2).unwrap_or_default();
    // Codes are read in any case and kept as the catalogue writes them, as in YAML.
    let jurisdiction = match set
        .jurisdictions
        .iter()
        .find(|j| j.code.eq_ignore_ascii_case(&written))
    {
        Some(j) => j.code.clone(),
        None => {
            let code = clip(&written);
            problems.add(
                cell_name(cover_sheet, 2, 1),
                tw(
                    "`{code}` is not a known jurisdiction code",
                    &[("code", &code)],
                ),
                Some(suggestion_words(
                    &written,
                    set.jurisdictions.iter().map(|j| j.code.as_str()),
                    n_("jurisdiction codes"),
                )),
            );
            written
        }
    };
    let period = cover_text(3).unwrap_or_else(|| {
        problems.add(
            cell_name(cover_sheet, 3, 1),
            tw("the period is empty", &[]),
            Some(tw("write the period assessed, e.g. 2025", &[])),
        );
        String::new()
    });
    let prepared_by = cover_text(4);
    let date = match cover.get(&5).and_then(|r| r[1].as_ref()) {
        Some(CellValue::Number { value, .. }) => date_from_serial(*value),
        other => text_of(other),
    };
    // The same header checks as a YAML file's: one line, bounded, and a period that can
    // be part of a file name.
    for (row, name, value) in [
        (3, "period", Some(&period)),
        (4, "prepared_by", prepared_by.as_ref()),
    ] {
        if let Some(value) = value
            && let Err(problem) = crate::questionnaire::check_header_field(name, value)
        {
            problems.add(
                cell_name(cover_sheet, row, 1),
                problem.message,
                Some(problem.help),
            );
        }
    }
    if let Some(d) = &date
        && !is_iso_date(d)
    {
        let value = clip(d);
        problems.add(
            cell_name(cover_sheet, 5, 1),
            tw("`{value}` is not a date", &[("value", &value)]),
            Some(tw("write the date as YYYY-MM-DD", &[])),
        );
    }
    Ok(Cover {
        jurisdiction,
        period,
        prepared_by,
        date,
    })
}

/// A set question's value from its lines: the values answered yes when every line is
/// answered; unanswered, and listed in what is returned, when some are blank.
fn settle_sets(
    set_items: BTreeMap<String, Vec<(String, Option<bool>, String)>>,
    set: &RuleSet,
    answers: &mut BTreeMap<String, Answer>,
) -> Vec<String> {
    let mut partly_answered = Vec::new();
    for (qid, items) in set_items {
        let Some(QuestionType::Set { values }) =
            set.questionnaire.questions.get(&qid).map(|q| &q.kind)
        else {
            continue;
        };
        let blank: Vec<String> = values
            .iter()
            .filter_map(|v| match items.iter().find(|(i, _, _)| i == v) {
                Some((_, None, cell)) => Some(cell.clone()),
                Some(_) => None,
                None => Some(format!("no line for `{v}`")),
            })
            .collect();
        if blank.len() == values.len() {
            continue;
        }
        let entry = answers.entry(qid.clone()).or_insert_with(|| Answer {
            value: None,
            evidence: None,
            url: None,
            pos: Pos::FILE,
            cell: items.first().map(|(_, _, cell)| cell.clone()),
        });
        // A set is one answer: with a line blank it is not known, so the whole question stays
        // unanswered rather than reading the blank lines as "no" (SPEC: unanswered is never a gap).
        if blank.is_empty() {
            entry.value = Some(AnswerValue::Set(
                values
                    .iter()
                    .filter(|v| items.iter().any(|(i, a, _)| i == *v && *a == Some(true)))
                    .cloned()
                    .collect(),
            ));
        } else {
            partly_answered.push(format!("{qid} (blank: {})", blank.join(", ")));
        }
    }
    partly_answered
}

/// Reads a filled workbook. Every problem of every cell is reported at once, each named by
/// sheet and cell; nothing is produced when there is one.
pub fn import(name: &str, bytes: &[u8], set: &RuleSet) -> Result<Imported, Vec<Diagnostic>> {
    let mut book = Workbook::open(name, bytes).map_err(|d| vec![d])?;
    let mut problems = Problems {
        file: name,
        list: Vec::new(),
    };
    // The Cover in the language the workbook was written in.
    let Some(cover_sheet) = book
        .sheet_names()
        .find(|s| words::is_cover(s))
        .map(str::to_owned)
    else {
        return Err(vec![
            Diagnostic::error(
                name,
                Pos::FILE,
                format!("the workbook has no `{COVER}` sheet"),
            )
            .with_help("start from a workbook written by `acquis init --format xlsx`"),
        ]);
    };
    let Cover {
        jurisdiction,
        period,
        prepared_by,
        date,
    } = read_cover(&mut book, &cover_sheet, set, &mut problems).map_err(|d| vec![d])?;

    let mut skipped: Vec<Skipped> = Vec::new();
    let mut answers: BTreeMap<String, Answer> = BTreeMap::new();
    // Where each question's row is, to name duplicates.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    // set question id → (value, yes/no/blank, cell) in row order
    let mut set_items: BTreeMap<String, Vec<(String, Option<bool>, String)>> = BTreeMap::new();
    let sheets: Vec<String> = book.sheet_names().map(str::to_owned).collect();
    let section_sheets = words::section_sheets_any(&set.questionnaire);
    for sheet in sheets.iter().filter(|s| !words::is_cover(s)) {
        let cells = book.read_sheet(sheet, LAST_READ_COL).map_err(|d| vec![d])?;
        problems.list.extend(cells.problems);
        let rows = rows_of(cells.cells);
        if words::section_of_sheet(&section_sheets, sheet).is_none() {
            skipped.push(Skipped {
                what: format!("sheet `{sheet}` (not a section of this questionnaire)"),
                answered: rows.iter().any(|(r, row)| {
                    *r > 0 && row[usize::from(COL_ANSWER)..].iter().any(Option::is_some)
                }),
            });
            continue;
        }
        for (&r, row) in rows.range(1..) {
            let at = |col: u16| cell_name(sheet, r, col);
            let answered = row[usize::from(COL_ANSWER)..].iter().any(Option::is_some);
            let Some(id) = text_of(row[usize::from(COL_ID)].as_ref()) else {
                if answered {
                    skipped.push(Skipped {
                        what: format!("{} (a row without a question id)", at(COL_ANSWER)),
                        answered,
                    });
                }
                continue;
            };
            if let Some(first) = seen.insert(id.clone(), at(COL_ID)) {
                let copied = clip(&id);
                problems.add(
                    at(COL_ID),
                    tw(
                        "`{id}` is also at {cell}",
                        &[("id", &copied), ("cell", &first)],
                    ),
                    Some(tw("each question has one row: delete the copy", &[])),
                );
                continue;
            }
            if let Some((qid, value)) = id.split_once('=') {
                let known = set
                    .questionnaire
                    .questions
                    .get(qid)
                    .and_then(|q| match &q.kind {
                        QuestionType::Set { values } => {
                            values.iter().any(|v| v == value).then_some(q)
                        }
                        _ => None,
                    });
                if known.is_none() {
                    skipped.push(Skipped {
                        what: format!(
                            "{} (`{}`: not an item of this questionnaire)",
                            at(COL_ID),
                            clip(&id)
                        ),
                        answered,
                    });
                    continue;
                }
                let cell = row[usize::from(COL_ANSWER)].as_ref();
                let answer = match cell {
                    Some(CellValue::Bool(b)) => Some(*b),
                    _ => text_of(cell).and_then(|s| {
                        let answer = words::bool_of(&s);
                        if answer.is_none() {
                            let (message, help) = not_yes_or_no(&s);
                            problems.add(at(COL_ANSWER), message, help);
                        }
                        answer
                    }),
                };
                set_items.entry(qid.to_owned()).or_default().push((
                    value.to_owned(),
                    answer,
                    at(COL_ANSWER),
                ));
                continue;
            }
            let Some(q) = set.questionnaire.questions.get(&id) else {
                skipped.push(Skipped {
                    what: format!(
                        "{} (`{}`: not a question of this questionnaire)",
                        at(COL_ID),
                        clip(&id)
                    ),
                    answered,
                });
                continue;
            };
            let value = match (&q.kind, row[usize::from(COL_ANSWER)].as_ref()) {
                // The parent row of a set says "answer each line below"; its lines hold the answer.
                (QuestionType::Set { .. }, _) | (_, None) => None,
                (_, Some(cell)) if text_of(Some(cell)).is_none() => None,
                (_, Some(cell)) => match answer_value(q, cell) {
                    Ok(v) => Some(v),
                    Err((message, help)) => {
                        problems.add(at(COL_ANSWER), message, help);
                        None
                    }
                },
            };
            let evidence = long_text(
                row,
                COL_EVIDENCE,
                at(COL_EVIDENCE),
                Column::Evidence,
                &mut problems,
            );
            let url = long_text(row, COL_URL, at(COL_URL), Column::Link, &mut problems);
            answers.insert(
                id,
                Answer {
                    value,
                    evidence,
                    url,
                    pos: Pos::FILE,
                    cell: Some(at(COL_ANSWER)),
                },
            );
        }
    }
    let partly_answered = settle_sets(set_items, set, &mut answers);
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    let missing = set
        .jurisdiction(&jurisdiction)
        .map(|j| set.questions_for(j))
        .unwrap_or_default()
        .into_iter()
        .filter(|q| !answers.contains_key(*q))
        .map(str::to_owned)
        .collect();
    Ok(Imported {
        assessment: Assessment {
            file: name.to_owned(),
            jurisdiction,
            period,
            prepared_by,
            date,
            // The workbook is for real answers; illustrative examples are YAML files.
            illustrative: false,
            answers,
        },
        skipped,
        missing,
        partly_answered,
    })
}

/// Reads a workbook as the self-assessment `check`, `validate` and `explain` use. Rows and
/// sheets of another questionnaire version that hold answers are errors here, named by cell:
/// `import` is the way to carry what still matches into a new file.
pub fn read_assessment(
    name: &str,
    bytes: &[u8],
    set: &RuleSet,
) -> Result<Assessment, Vec<Diagnostic>> {
    let imported = import(name, bytes, set)?;
    let lost: Vec<Diagnostic> = imported
        .skipped
        .iter()
        .filter(|s| s.answered)
        .map(|s| {
            Diagnostic::error(
                name,
                Pos::FILE,
                format!("{}: its answer would not be read", s.what),
            )
            .with_help(format!(
                "the workbook is from another version of the questionnaire: `acquis import {name}` carries over what still matches and lists the rest"
            ))
        })
        .collect();
    if lost.is_empty() {
        Ok(imported.assessment)
    } else {
        Err(lost)
    }
}
