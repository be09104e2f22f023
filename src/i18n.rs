//! The words of acquis itself (headings, labels, the fixed parts of messages) in each
//! language: one catalogue per language, the files of `locales/<code>/`, mapping the English text to
//! its translation. The English text is the key, so code reads as English and a missing entry
//! falls back to it. Rule and question texts are not here: they travel with their files
//! (`translations:`).
//!
//! `tests/translations.rs` holds every catalogue to every `t(…)` call in src/ and the
//! templates: nothing used is missing, nothing in a catalogue is unused.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::lang::{Lang, Words};

type Catalogue = BTreeMap<String, String>;

/// The built-in catalogue of `lang`, read once. An unreadable catalogue is empty (English
/// throughout); the test suite makes sure each one reads.
fn catalogue(lang: Lang) -> Option<&'static Catalogue> {
    static FR: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::En => None,
        Lang::Fr => Some(FR.get_or_init(|| parse(lang).unwrap_or_default())),
    }
}

/// The catalogue of `lang` parsed: every file of `locales/<code>/`, English text →
/// translation. A text may be in several files (each surface lists its words), but always with
/// the same translation: two that disagree are refused.
pub fn parse(lang: Lang) -> Result<Catalogue, String> {
    let prefix = format!("{}/", lang.code());
    let mut all = Catalogue::new();
    let mut files = 0;
    for (path, rel, bytes) in crate::assets::under("locales") {
        if !rel.starts_with(&prefix) || !rel.ends_with(".yaml") {
            continue;
        }
        files += 1;
        let text = std::str::from_utf8(bytes).map_err(|e| format!("{path}: {e}"))?;
        let part = serde_saphyr::from_str::<Catalogue>(text).map_err(|e| format!("{path}: {e}"))?;
        for (english, translated) in part {
            if let Some(earlier) = all.insert(english.clone(), translated.clone())
                && earlier != translated
            {
                return Err(format!(
                    "{path}: `{english}` is translated in two files, differently (« {earlier} », « {translated} »)"
                ));
            }
        }
    }
    if files == 0 {
        return Err(format!("no catalogue in locales/{prefix}"));
    }
    Ok(all)
}

/// `english` in `lang`; English itself when the catalogue has no entry.
pub fn t(lang: Lang, english: &'static str) -> &'static str {
    lookup(lang, english).unwrap_or(english)
}

/// Like [`t`] for a text known only at run time (a template's literal).
pub fn lookup(lang: Lang, english: &str) -> Option<&'static str> {
    catalogue(lang)?.get(english).map(String::as_str)
}

/// Marks a text of a table for translation where it is written; it is translated where it is
/// used, with [`lookup`] (gettext's `N_`). `tests/translations.rs` finds texts by these calls.
pub const fn n_(english: &'static str) -> &'static str {
    english
}

/// `english` in `lang` where its translation depends on where it stands (gettext's
/// `pgettext`): "Partly met" as a rule's status is « Partiellement respectée », as the heading
/// over such rules « Partiellement respectées ». The catalogue's key is `context|english`;
/// English shows `english`, and so does a language whose catalogue lacks the key.
pub fn tp(lang: Lang, context: &str, english: &'static str) -> &'static str {
    lookup_in(lang, context, english).unwrap_or(english)
}

/// Like [`tp`] for a text known only at run time (a template's literal, a table's entry).
pub fn lookup_in(lang: Lang, context: &str, english: &str) -> Option<&'static str> {
    catalogue(lang)?
        .get(&format!("{context}|{english}"))
        .map(String::as_str)
}

/// A text of a table marked for translation in `context` (see [`tp`]); translated where it
/// is used, with [`InContext::in_lang`]. `tests/translations.rs` finds texts by these calls.
pub const fn p_(context: &'static str, english: &'static str) -> InContext {
    InContext { context, english }
}

/// A text and the context its translation depends on ([`p_`]).
#[derive(Debug, Clone, Copy)]
pub struct InContext {
    context: &'static str,
    english: &'static str,
}

impl InContext {
    pub fn in_lang(self, lang: Lang) -> &'static str {
        tp(lang, self.context, self.english)
    }
}

/// `did you mean `x`?`, the names that begin with what was typed (`dir-2011-93.art10`
/// is the start of three rule ids), or the list of `what` (a plural noun: "rule ids")
/// when no name is close: in English, for the messages maintainers read.
pub fn suggestion<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    what: &'static str,
) -> String {
    suggestion_in(Lang::En, unknown, known, what)
}

/// [`suggestion`] in `lang`; `what` (a plural noun: "allowed values") is translated too.
pub fn suggestion_in<'a>(
    lang: Lang,
    unknown: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    what: &'static str,
) -> String {
    worded(lang, &crate::suggest::suggest(unknown, known), what)
}

/// [`suggestion`] in every language: the names are matched once, and worded in each.
pub fn suggestion_words<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    what: &'static str,
) -> Words {
    let found = crate::suggest::suggest(unknown, known);
    Words::new(|lang| worded(lang, &found, what))
}

/// A suggestion in `lang`; `what` (a plural noun: "allowed values") is translated too.
fn worded(lang: Lang, found: &crate::suggest::Suggestion, what: &'static str) -> String {
    use crate::suggest::{Suggestion, backticked};
    let what = t(lang, what);
    match found {
        Suggestion::OneOf(names) => tf(
            lang,
            "did you mean one of {names}?",
            &[("names", &backticked(names))],
        ),
        Suggestion::Close(name) => tf(lang, "did you mean `{name}`?", &[("name", name)]),
        Suggestion::NoneKnown => tf(lang, "there are no {what}", &[("what", what)]),
        Suggestion::All(names) => tf(
            lang,
            "{what}: {names}",
            &[("what", what), ("names", &backticked(names))],
        ),
        Suggestion::First(names, more) => tf(
            lang,
            "{what} include {names} and {more} more",
            &[
                ("what", what),
                ("names", &backticked(names)),
                ("more", &more.to_string()),
            ],
        ),
    }
}

/// `english` with each `{name}` replaced by its value, in every language ([`Words`]): a
/// message made before the language it is read in is known.
pub fn tw(english: &'static str, args: &[(&str, &str)]) -> Words {
    Words::new(|lang| tf(lang, english, args))
}

/// `english` in `lang` with each `{name}` replaced by its value.
pub fn tf(lang: Lang, english: &'static str, args: &[(&str, &str)]) -> String {
    fill(t(lang, english), args)
}

/// `text` with each `{name}` of `args` replaced by its value, in one pass: a value is never
/// read for placeholders (an unknown key typed `{section}` stays as typed), and a `{…}` not
/// in `args` stays as it is.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A count with its noun in `lang` ("2 gaps", « 2 lacunes », « 0 lacune »): `one` and `many`
/// are the English forms, each translated on its own.
pub fn count(lang: Lang, n: usize, one: &'static str, many: &'static str) -> String {
    format!("{n} {}", noun(lang, n, one, many))
}

/// The noun alone, in the number `n` takes in `lang`.
pub fn noun(lang: Lang, n: usize, one: &'static str, many: &'static str) -> &'static str {
    if lang.is_plural(n) {
        t(lang, many)
    } else {
        t(lang, one)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_catalogue_reads() {
        // A catalogue that does not read is empty at run time (English throughout), silently:
        // this is where it is caught.
        for lang in Lang::TRANSLATED {
            let catalogue = parse(lang).unwrap_or_else(|e| panic!("{e}"));
            assert!(catalogue.len() > 100, "{lang}: {} entries", catalogue.len());
        }
    }

    #[test]
    fn english_is_the_key_and_the_fallback() {
        assert_eq!(t(Lang::En, "Gap"), "Gap");
        assert_eq!(
            t(Lang::Fr, "no such text in any catalogue"),
            "no such text in any catalogue"
        );
        // French takes the singular for 0 and 1 ("Gap" is in the catalogue, "Gaps" need not be).
        assert_eq!(noun(Lang::Fr, 0, "Gap", "?"), "Lacune");
        assert_eq!(noun(Lang::Fr, 1, "Gap", "?"), "Lacune");
        assert_eq!(noun(Lang::Fr, 2, "?", "Gap"), "Lacune");
        assert_eq!(count(Lang::En, 0, "gap", "gaps"), "0 gaps");
    }

    #[test]
    fn suggests_the_names_there_are_when_none_is_close() {
        assert_eq!(
            suggestion("zzz", ["a", "b"], "allowed values"),
            "allowed values: `a`, `b`"
        );
    }

    #[test]
    fn suggests_any_case_and_the_names_a_prefix_begins() {
        assert_eq!(
            suggestion("ECRIS", ["ecris", "icse"], "sections"),
            "did you mean `ecris`?"
        );
        let ids = [
            "d.art10-1.a",
            "d.art10-2.b",
            "d.art10-3.c",
            "d.art6-1.grooming",
        ];
        assert_eq!(
            suggestion("d.art10", ids, "rule ids"),
            "did you mean one of `d.art10-1.a`, `d.art10-2.b`, `d.art10-3.c`?"
        );
        assert_eq!(
            suggestion("d.art6", ids, "rule ids"),
            "did you mean `d.art6-1.grooming`?"
        );
        let many: Vec<String> = (0..20).map(|i| format!("id{i}")).collect();
        let help = suggestion("zzz", many.iter().map(String::as_str), "rule ids");
        assert!(help.starts_with("rule ids include `id0`"), "{help}");
        assert!(!help.contains("include include"), "{help}");
    }
}
