//! Results rendered for people and programs: the terminal summary and JSON.
//! Rendering never evaluates anything; it reads [`Results`].

pub mod completeness;
mod coverage_table;
pub mod csv;
pub mod diff;
pub mod history;
pub mod matrix;
pub mod oscal;
mod pages;
pub mod period;
pub mod render;
pub mod results_json;
pub mod sarif;
mod text;
pub mod view;
pub(crate) mod words;
mod wrap;

use crate::check::Results;

pub use coverage_table::{coverage_markdown, coverage_text};
pub use pages::{explanation, rule_page};
pub use text::{Style, text};

/// SPEC "Results JSON": one object, or an array in input order for several files.
/// Compact unless `pretty`: machines read it, and indenting made the file 12 times
/// the size of the assessments it came from (#17).
pub fn json(results: &[Results], pretty: bool) -> String {
    json_with(results, pretty, None)
}

/// [`json`], the rules' fixed parts taken from `fragments` (made once per rule set for a
/// run over many files).
pub fn json_with(
    results: &[Results],
    pretty: bool,
    fragments: Option<&results_json::Fragments>,
) -> String {
    let mut out = if pretty {
        match results {
            [one] => serde_json::to_string_pretty(one),
            many => serde_json::to_string_pretty(many),
        }
        .expect("results serialise to JSON")
    } else {
        let mut out = String::new();
        results_json::write_all_with(&mut out, results, fragments);
        out
    };
    out.push('\n');
    out
}

/// The compact results JSON as serde_json writes it from the derived `Serialize`: the
/// oracle the hand-written writer is tested against (#17).
pub fn json_by_serde(results: &[Results]) -> String {
    let mut out = match results {
        [one] => serde_json::to_string(one),
        many => serde_json::to_string(many),
    }
    .expect("results serialise to JSON");
    out.push('\n');
    out
}
