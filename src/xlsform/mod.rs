//! The questionnaire as an XLSForm (the spreadsheet form definition of ODK Collect,
//! KoboToolbox and Enketo), and a submission exported from those tools as CSV back as a
//! self-assessment. docs/xlsform.md says what maps to what.
//!
//! Names: the header fields are top-level questions (`jurisdiction`, `period`,
//! `prepared_by`, `date`); each questionnaire section is a group named after the section,
//! holding its questions by their key, each followed by `<key>__evidence` and
//! `<key>__url`. A submission's column `ecris/entitled_voluntary` (Kobo) or
//! `ecris-entitled_voluntary` (ODK Central) is therefore question `ecris.entitled_voluntary`.

mod form;
mod submission;

pub use form::{FormError, export};
pub use submission::read_submission;

/// The suffixes of the evidence and link fields that follow each question.
const EVIDENCE: &str = "__evidence";
const URL: &str = "__url";
/// The header fields, as top-level names of the form and columns of a submission.
const HEADER_FIELDS: [&str; 4] = ["jurisdiction", "period", "prepared_by", "date"];
/// The choice names of a yes/no question: what the YAML answer is written as.
const TRUE: &str = "true";
const FALSE: &str = "false";
/// The extra choice of every select_multiple: a form cannot tell "nothing chosen" from "not
/// answered", and the YAML can (`[]` is an answer), so choosing none is a choice of its own.
const NONE: &str = "none_of_these";

/// Whether a path names a submission export this module reads.
pub fn is_submission(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("csv"))
}
