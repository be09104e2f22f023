//! The words a person reads in the workbook for what acquis stores as identifiers: the
//! listed answers of a question (`regional_only` ↔ "Regional only"). Writing and reading
//! both go through here, so a label written is always read back to its id. Sheet names
//! ("Criminal record checks (ECRIS)" for the section `ecris`) are made here too.

use crate::i18n::t;
use crate::lang::Lang;
use crate::model::Questionnaire;

/// The answers of a yes/no cell as the workbook of `lang` offers them ("yes", « oui »).
pub fn yes_no(lang: Lang) -> [&'static str; 2] {
    [t(lang, "yes"), t(lang, "no")]
}

/// The yes/no a cell's text says, in any language a workbook is written in (a French
/// workbook may come back filled in English and the other way round), or `true`/`false`.
pub fn bool_of(text: &str) -> Option<bool> {
    let text = text.trim().to_lowercase();
    if text == "true" || Lang::ALL.iter().any(|&l| yes_no(l)[0] == text) {
        Some(true)
    } else if text == "false" || Lang::ALL.iter().any(|&l| yes_no(l)[1] == text) {
        Some(false)
    } else {
        None
    }
}

/// The name of the Cover sheet in `lang` ([`super::COVER`] in English).
pub fn cover(lang: Lang) -> &'static str {
    t(lang, "Cover")
}

/// Whether a sheet is the Cover, in any language.
pub fn is_cover(sheet: &str) -> bool {
    Lang::ALL.iter().any(|&l| cover(l) == sheet)
}

/// The label shown for a listed answer: the id in words, first letter capitalised
/// (`within_5_years` → "Within 5 years"). The questionnaire has no labels of its own yet;
/// when it gets them, this is the one place to use them.
pub fn value_label(value: &str) -> String {
    let words = value.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The listed answer a cell's text names: its label or its id, in any case.
pub fn value_for<'a>(values: &'a [String], text: &str) -> Option<&'a str> {
    let text = text.trim();
    values
        .iter()
        .find(|v| {
            v.eq_ignore_ascii_case(text) || value_label(v).to_lowercase() == text.to_lowercase()
        })
        .map(String::as_str)
}

/// The labels of `values`, in order, joined for a sentence.
pub fn labels(values: &[String]) -> String {
    values
        .iter()
        .map(|v| value_label(v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most characters a sheet name may have in a spreadsheet program.
const MAX_SHEET_CHARS: usize = 31;

/// Words that make a poor last word when a title is cut short.
const DANGLING: [&str; 6] = ["and", "of", "for", "the", "in", "to"];

/// A title cut at a word to `max` characters at most, without a dangling "and" or comma.
fn cut_at_word(title: &str, max: usize) -> Option<String> {
    let mut kept = String::new();
    for word in title.split_whitespace() {
        let next = if kept.is_empty() {
            word.to_owned()
        } else {
            format!("{kept} {word}")
        };
        if next.chars().count() > max {
            break;
        }
        kept = next;
    }
    loop {
        let trimmed = kept.trim_end_matches([',', ';', ' ']).to_owned();
        match trimmed.rsplit_once(' ') {
            Some((head, last)) if DANGLING.contains(&last.to_lowercase().as_str()) => {
                kept = head.to_owned();
            }
            _ => {
                kept = trimmed;
                break;
            }
        }
    }
    (!kept.is_empty()).then_some(kept)
}

/// The sheet name for a section title a person reads: the title when it fits in 31
/// characters; else its first words, keeping an abbreviation in brackets at its end
/// ("Criminal record checks (ECRIS)"). Characters a sheet name cannot hold ([]:*?/\)
/// become a hyphen.
fn sheet_title(title: &str) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim().to_owned();
    if clean.chars().count() <= MAX_SHEET_CHARS {
        return clean;
    }
    if let Some(open) = clean.rfind(" (")
        && clean.ends_with(')')
    {
        let tail = &clean[open..];
        let room = MAX_SHEET_CHARS.saturating_sub(tail.chars().count());
        if let Some(head) = cut_at_word(&clean[..open], room)
            && head.chars().count() >= 8
        {
            return format!("{head}{tail}");
        }
    }
    cut_at_word(&clean, MAX_SHEET_CHARS)
        .unwrap_or_else(|| clean.chars().take(MAX_SHEET_CHARS).collect())
}

/// Each section's sheet name, in the order given: `(section id, title)` pairs in,
/// `(section id, sheet name)` out. Names are unique regardless of case (as spreadsheet
/// programs compare them) and never `Cover`; the whole questionnaire is named at once so a
/// section's sheet keeps its name whichever sections a jurisdiction is asked.
pub fn sheet_names<'a>(
    sections: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    let mut taken: Vec<String> = Lang::ALL.map(|l| cover(l).to_lowercase()).to_vec();
    let mut named = Vec::new();
    for (id, title) in sections {
        let base = if title.trim().is_empty() {
            sheet_title(id)
        } else {
            sheet_title(title)
        };
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let head: String = base
                .chars()
                .take(MAX_SHEET_CHARS - suffix.chars().count())
                .collect();
            name = format!("{}{suffix}", head.trim_end());
            n += 1;
        }
        taken.push(name.to_lowercase());
        named.push((id.to_owned(), name));
    }
    named
}

/// Each section of the questionnaire with its sheet name in `lang` (its title's language), in
/// questionnaire order.
pub fn section_sheets(questionnaire: &Questionnaire, lang: Lang) -> Vec<(String, String)> {
    sheet_names(
        questionnaire
            .sections
            .iter()
            .map(|s| (s.name.as_str(), s.title_in(lang).text)),
    )
}

/// The sheet names of every language a workbook is written in: a workbook is read back
/// whichever language it was written in.
pub fn section_sheets_any(questionnaire: &Questionnaire) -> Vec<(String, String)> {
    Lang::ALL
        .iter()
        .flat_map(|&l| section_sheets(questionnaire, l))
        .collect()
}

/// The section a sheet holds: found by its sheet name, or by the section id that workbooks
/// written before sheets had names used.
pub fn section_of_sheet<'a>(sheets: &'a [(String, String)], sheet: &str) -> Option<&'a str> {
    sheets
        .iter()
        .find(|(id, name)| name.eq_ignore_ascii_case(sheet) || id == sheet)
        .map(|(id, _)| id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_words_and_read_back_to_the_id() {
        assert_eq!(value_label("regional_only"), "Regional only");
        assert_eq!(value_label("within_5_years"), "Within 5 years");
        let values: Vec<String> = ["national", "regional_only", "none"]
            .map(String::from)
            .to_vec();
        assert_eq!(value_for(&values, "Regional only"), Some("regional_only"));
        assert_eq!(value_for(&values, " regional ONLY "), Some("regional_only"));
        assert_eq!(value_for(&values, "REGIONAL_ONLY"), Some("regional_only"));
        assert_eq!(value_for(&values, "regional"), None);
    }

    #[test]
    fn sheet_names_are_short_titles_unique_and_valid() {
        let named = sheet_names([
            (
                "ecris",
                "Criminal record checks for work with children (ECRIS)",
            ),
            ("transposition", "Transposition of Directive 2011/93/EU"),
            ("training", "Training of professionals"),
            (
                "victims",
                "Assistance, support and protection of child victims",
            ),
            ("again", "training of professionals"),
            ("cover", "Cover"),
            ("bare", ""),
        ]);
        let names: Vec<&str> = named.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Criminal record checks (ECRIS)",
                "Transposition of Directive",
                "Training of professionals",
                "Assistance, support",
                "training of professionals (2)",
                "Cover (2)",
                "bare",
            ]
        );
        for name in names {
            assert!(name.chars().count() <= 31, "{name}");
            assert!(
                !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{name}"
            );
        }
    }
}
