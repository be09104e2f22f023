//! The questionnaire as a workbook, and a filled workbook back as a self-assessment.
//!
//! Layout (one sheet per questionnaire section, named after its title, plus `Cover`):
//! column A holds the question id (hidden; it is what import matches on), B the question,
//! C the answer, D the evidence, E a link, F the allowed answers, G the legal basis.
//! A set question is followed by one row per allowed value, answered yes or no; listed
//! answers are shown as words (module `words`), and H1 counts the answer cells filled (a formula;
//! the Cover adds them up). Only the answer, evidence and link cells are unlocked; the
//! sheets are protected, rows and columns can still be resized.
//!
//! Reading uses columns A–E only, through the bounded reader of [`xlsx`], and builds the
//! [`Assessment`](crate::model::Assessment) from the cells with the same value checks as
//! the YAML reader ([`crate::questionnaire::check_scalar`]), so every error names its cell.

mod answer;
mod cell;
mod cover;
mod read;
mod style;
mod to_yaml;
mod words;
pub(crate) mod write;
pub mod xlsx;

pub use read::{Imported, import, read_assessment};
pub use to_yaml::to_yaml;
pub use write::{ExportError, export};

pub const COVER: &str = "Cover";
const COL_ID: u16 = 0;
const COL_QUESTION: u16 = 1;
const COL_ANSWER: u16 = 2;
const COL_EVIDENCE: u16 = 3;
const COL_URL: u16 = 4;
/// The last column import reads: the allowed answers and legal basis right of it are ours.
const LAST_READ_COL: u16 = COL_URL;
const YES: &str = "yes";
const NO: &str = "no";

/// `text` in at most `max` characters, the last one `…` when it is cut: what fits a
/// spreadsheet's fixed limits (input titles, messages) and what a message quotes of a cell.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// `ecris!C12` or `'Criminal record checks (ECRIS)'!C12` for row and column (both 0-based),
/// as a spreadsheet program writes a reference: quoted unless the name is one word.
pub fn cell_name(sheet: &str, row: u32, col: u16) -> String {
    format!("{}!{}", sheet_ref(sheet), xlsx::reference(row, col))
}

/// A sheet's name as formulas and references write it.
pub(crate) fn sheet_ref(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// Whether a path names a workbook acquis reads (an .ods is refused with advice when read).
pub fn is_workbook(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| {
        matches!(
            e.to_string_lossy().to_lowercase().as_str(),
            "xlsx" | "xlsm" | "ods"
        )
    })
}
