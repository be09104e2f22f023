//! `acquis rules coverage`: which parts of each source text the rules cite.

use std::fmt::Write as _;

use crate::coverage::TextCoverage;

/// `acquis rules coverage` for the terminal.
pub fn coverage_text(texts: &[TextCoverage]) -> String {
    let mut out = String::new();
    for t in texts {
        let _ = writeln!(
            out,
            "{} — {}\n  {} of {} parts that ask something of states are cited ({:.1}%); {} marked as asking nothing",
            t.doc,
            t.title,
            t.cited,
            t.countable,
            t.percent,
            t.units.len() - t.countable
        );
        let width = t
            .units
            .iter()
            .map(|u| u.label.chars().count())
            .max()
            .unwrap_or(0);
        for u in &t.units {
            let what = match (&u.no_obligation, u.cited_by.is_empty()) {
                (Some(reason), true) => format!("no obligation: {reason}"),
                (_, true) => "NOT CITED".to_owned(),
                (_, false) => u.cited_by.join(", "),
            };
            let _ = writeln!(out, "  {:<width$}  {what}", u.label);
        }
        let uncited: Vec<&str> = t.uncited().map(|u| u.label.as_str()).collect();
        if !uncited.is_empty() {
            let _ = writeln!(out, "  uncited: {}", uncited.join(", "));
        }
        out.push('\n');
    }
    out
}

/// `acquis rules coverage --format md`.
pub fn coverage_markdown(texts: &[TextCoverage]) -> String {
    let mut out = String::from("# Coverage of the source texts\n\n");
    for t in texts {
        let _ = writeln!(out, "## {} ({})\n", t.title, t.doc);
        let _ = writeln!(
            out,
            "{} of {} parts that ask something of states are cited ({:.1}%).\n",
            t.cited, t.countable, t.percent
        );
        let _ = writeln!(out, "| part | rules | note |\n|---|---|---|");
        for u in &t.units {
            let note = u.no_obligation.as_deref().map_or(
                if u.cited_by.is_empty() {
                    "**not cited**"
                } else {
                    ""
                }
                .to_owned(),
                |r| format!("no obligation: {}", md_cell(r)),
            );
            let rules: Vec<String> = u.cited_by.iter().map(|r| format!("`{r}`")).collect();
            let _ = writeln!(out, "| {} | {} | {} |", u.label, rules.join(", "), note);
        }
        out.push('\n');
    }
    out
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
