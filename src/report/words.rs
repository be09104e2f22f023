//! The words the comparisons (`matrix`, `diff`, `history`) share, in the reader's language:
//! texts of rule, question and seed files with English fallbacks marked, the words of a
//! rule's force and severity codes, status words for terminal lines, and differences in
//! percentage points.

use crate::i18n::{self, n_};
use crate::lang::Lang;
use crate::model::{Localised, Status};
use crate::ruleset::RuleSet;

/// A text of a rule, question or seed file as shown in `lang` (set as its language sets
/// it), with `Some("en")` when it is
/// English shown for want of a translation: templates wrap it in `<span lang="en">`, text
/// and Markdown add [`mark`]. Never set in English, so English documents and the JSON
/// (built in English) are what they were.
pub fn from_file(text: Localised<'_>, lang: Lang) -> (String, Option<&'static str>) {
    // Translators type ordinary spaces before `:` (docs/languages.md): set them here.
    (
        text.lang.typography(text.text).into_owned(),
        text.is_fallback(lang).then(|| text.lang.code()),
    )
}

/// " [en]" after English shown in place of a missing translation, for text and Markdown.
pub fn mark(fallback: Option<&str>) -> String {
    fallback.map_or_else(String::new, |code| format!(" [{code}]"))
}

/// The label of an area in `lang`: the title of the questionnaire section of the same name,
/// or the area's own name when no section has it.
pub fn area_label_in(set: &RuleSet, area: &str, lang: Lang) -> (String, Option<&'static str>) {
    set.questionnaire.section(area).map_or_else(
        || (area.to_owned(), None),
        |s| from_file(s.title_in(lang), lang),
    )
}

/// The words of the force and severity codes the comparisons print (`binding`, `high`):
/// English shows the code itself; templates look a code up with `t(c.force)`.
const CODE_WORDS: [&str; 6] = [
    n_("binding"),
    n_("commitment"),
    n_("policy"),
    n_("high"),
    n_("medium"),
    n_("low"),
];

/// A force or severity code in words of `lang` (the code itself in English).
pub fn code_word(code: &'static str, lang: Lang) -> &'static str {
    debug_assert!(CODE_WORDS.contains(&code), "{code} has no words");
    i18n::lookup(lang, code).unwrap_or(code)
}

/// A status in a terminal line: its code in English (`gap → met`, as scripts and the tests
/// read it), its word in lower case in other languages (« lacune → respectée »).
pub fn status_word(status: Status, lang: Lang) -> String {
    if lang == Lang::En {
        return status.as_str().to_owned();
    }
    let (word, _) = super::view::status_label_in(status, lang);
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// A difference in percentage points: "+2.5 points", "-1.0 points", "0.0 points" in English;
/// « +2,5 points », « −1,0 point », « 0,0 point » in French (a true minus sign, a decimal
/// comma, a no-break space, and the singular below two).
pub fn signed_points_in(p: f64, lang: Lang) -> String {
    // `+ 0.0` turns -0.0 into 0.0, which is printed without a sign.
    let p = p + 0.0;
    match lang {
        Lang::En => format!("{}{p:.1} points", if p > 0.0 { "+" } else { "" }),
        Lang::Fr => {
            let sign = if p > 0.0 {
                "+"
            } else if p < 0.0 {
                "\u{2212}"
            } else {
                ""
            };
            let noun = if p.abs() >= 2.0 { "points" } else { "point" };
            format!("{sign}{}\u{a0}{noun}", lang.decimal(p.abs()))
        }
    }
}

/// A text of the catalogue (given through `i18n::t` with a literal, so that
/// tests/translations.rs finds it)
/// set as `lang` sets it ([`Lang::typography`]), with each `{name}` replaced by its value in
/// one pass: a value is never typeset or read for placeholders (a period may be any text).
pub fn fill(lang: Lang, translated: &str, args: &[(&str, &str)]) -> String {
    crate::i18n::fill(&lang.typography(translated), args)
}

/// The colon after a label: ":" in English, « : » after a no-break space in French.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => "\u{a0}:",
    }
}

/// A status code of a comparison (`gap`) as [`status_word`] writes it.
pub fn status_code_word(code: &str, lang: Lang) -> String {
    Status::ALL
        .iter()
        .find(|s| s.as_str() == code)
        .map_or_else(|| code.to_owned(), |s| status_word(*s, lang))
}

/// A share of 0 to 100 percent printed for `lang` as a range: "90–100%", « 90–100 % ».
pub fn percent_range(low: u32, high: u32, lang: Lang) -> String {
    format!("{low}–{}", lang.percent(f64::from(high)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_written_as_each_language_writes_them() {
        assert_eq!(signed_points_in(2.5, Lang::En), "+2.5 points");
        assert_eq!(signed_points_in(-10.0, Lang::En), "-10.0 points");
        assert_eq!(signed_points_in(2.5, Lang::Fr), "+2,5\u{a0}points");
        assert_eq!(signed_points_in(-1.0, Lang::Fr), "\u{2212}1,0\u{a0}point");
        assert_eq!(signed_points_in(-0.0, Lang::Fr), "0,0\u{a0}point");
        assert_eq!(percent_range(90, 100, Lang::En), "90–100%");
        assert_eq!(percent_range(0, 24, Lang::Fr), "0–24\u{a0}%");
    }

    #[test]
    fn terminal_status_words_are_codes_in_english_and_words_in_french() {
        assert_eq!(status_word(Status::Partial, Lang::En), "partial");
        assert_eq!(
            status_word(Status::Partial, Lang::Fr),
            "partiellement respectée"
        );
        assert_eq!(code_word("binding", Lang::En), "binding");
        assert_eq!(status_code_word("gap", Lang::Fr), "lacune");
    }

    #[test]
    fn placeholders_are_filled_once_and_values_are_left_as_they_are() {
        assert_eq!(
            fill(
                Lang::En,
                "{code} {name}: {old} → {new}",
                &[
                    ("code", "XA"),
                    ("name", "{old} : x"),
                    ("old", "1"),
                    ("new", "2")
                ]
            ),
            "XA {old} : x: 1 → 2"
        );
    }
}
