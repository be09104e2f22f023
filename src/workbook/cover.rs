//! The workbook's Cover sheet: the header of the self-assessment (read back by import at
//! fixed rows), how to fill in the workbook, and the count of answer cells filled.

use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

use super::style::{Formats, resizable, row_height, wrapped_lines};
use super::words;
use crate::i18n::{t, tf};
use crate::lang::Lang;
use crate::model::{Assessment, Jurisdiction};
use crate::questionnaire::ASSESSMENT_VERSION;

/// The Cover's row with the counter over all sheets.
const COUNT_ROW: u32 = 6;
/// Width of the Cover's column B, which holds the instructions.
const TEXT_WIDTH: f64 = 70.0;

/// Writes the Cover, the first sheet, in `lang`.
pub(super) fn write(
    book: &mut Workbook,
    f: &Formats,
    jurisdiction: &Jurisdiction,
    period: &str,
    existing: Option<&Assessment>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let cover = book.add_worksheet().set_name(words::cover(lang))?;
    cover.set_column_width(0, 22.0)?;
    cover.set_column_width(1, TEXT_WIDTH)?;
    cover.write_string_with_format(
        0,
        0,
        lang.typography(&tf(
            lang,
            "Self-assessment: {name} ({code})",
            &[
                ("name", jurisdiction.name_in(lang).text),
                ("code", &jurisdiction.code),
            ],
        )),
        &f.title,
    )?;
    // Import reads column B of these rows whatever the labels say.
    let rows: [(&str, String, &Format); 4] = [
        (
            t(lang, "Jurisdiction"),
            jurisdiction.code.clone(),
            &f.locked,
        ),
        // The period asked for: `init --from LAST --period P` starts period P.
        (t(lang, "Period"), period.to_owned(), &f.open),
        (
            t(lang, "Prepared by"),
            existing
                .and_then(|a| a.prepared_by.clone())
                .unwrap_or_default(),
            &f.open,
        ),
        (
            t(lang, "Date (YYYY-MM-DD)"),
            // The date of a past period's answers is not the date of the new ones.
            existing
                .filter(|a| a.period == period)
                .and_then(|a| a.date.clone())
                .unwrap_or_default(),
            &f.open,
        ),
    ];
    for (i, (label, value, format)) in rows.iter().enumerate() {
        let row = 2 + i as u32;
        cover.write_string_with_format(row, 0, *label, &f.header)?;
        cover.write_string_with_format(row, 1, value, format)?;
    }
    let instructions = [
        t(lang, "How to fill in this workbook"),
        t(
            lang,
            "Each sheet is one part of the questionnaire. Answer in the yellow column C; give the evidence (the law, report or decision the answer rests on) in column D and a link in column E.",
        ),
        t(
            lang,
            "Yes/no questions and questions with listed answers have a drop-down list. For questions with several possible answers, answer yes or no on each line below the question.",
        ),
        t(
            lang,
            "If the law or practice meets a requirement only partly, answer no and explain in the evidence column (D) what is in place and what is missing.",
        ),
        t(
            lang,
            "Leave a cell empty when the answer is not known yet: an unanswered question is never counted as a gap, it is reported as unanswered.",
        ),
        t(
            lang,
            "\"Answered\" above, and at the top right of each sheet, counts the answer cells filled so far.",
        ),
        t(
            lang,
            "When you have finished, save the workbook and send it back to the person who sent it to you.",
        ),
    ];
    for (i, line) in instructions.iter().enumerate() {
        let line = lang.typography(line);
        let format = if i == 0 { &f.header } else { &f.locked };
        cover.write_string_with_format(8 + i as u32, 0, "", format)?;
        cover.write_string_with_format(8 + i as u32, 1, &*line, format)?;
        cover.set_row_height(8 + i as u32, row_height(wrapped_lines(&line, TEXT_WIDTH)))?;
    }
    cover.write_string(20, 0, format!("acquis workbook for {ASSESSMENT_VERSION}"))?;
    cover.set_row_hidden(20)?;
    // The title's row is as tall as its larger font; the other rows fit their text.
    cover.set_row_height(0, 21.0)?;
    // Printed on one page width, title and instructions together.
    cover.set_paper_size(9); // A4
    cover.set_print_fit_to_pages(1, 0);
    cover.set_print_area(0, 0, 8 + instructions.len() as u32 - 1, 1)?;
    cover.protect_with_options(&resizable());
    Ok(())
}

/// The Cover's count of answer cells filled over all sheets: `total` is the formula
/// expression, `filled` of `cells` its value when the workbook is written.
pub(super) fn write_count(
    book: &mut Workbook,
    f: &Formats,
    total: &str,
    cells: usize,
    filled: usize,
    lang: Lang,
) -> Result<(), XlsxError> {
    let cover = book.worksheet_from_name(words::cover(lang))?;
    cover.write_string_with_format(COUNT_ROW, 0, t(lang, "Answered"), &f.header)?;
    let of = tf(
        lang,
        " of {cells} answer cells filled",
        &[("cells", &cells.to_string())],
    );
    cover.write_formula_with_format(
        COUNT_ROW,
        1,
        Formula::new(format!("=({total})&\"{of}\"")).set_result(format!("{filled}{of}")),
        &f.locked,
    )?;
    Ok(())
}
