//! A record's texts in other languages (`translations:` in rule, question and seed files).
//! The record's own fields are English, the text the rules were checked against; a
//! translation is a paraphrase of it, never a new statement.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::lang::Lang;

/// Translated fields by language: `fr → { title → « … » }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Translations(pub BTreeMap<Lang, BTreeMap<String, String>>);

impl Translations {
    /// The translation of `field` into `lang`, if the file has one.
    pub fn get(&self, lang: Lang, field: &str) -> Option<&str> {
        self.0.get(&lang)?.get(field).map(String::as_str)
    }

    /// `english` (the record's own `field`) as shown in `lang`: its translation, or the
    /// English itself, marked as such, when there is none.
    pub fn pick<'a>(&'a self, lang: Lang, field: &str, english: &'a str) -> Localised<'a> {
        match self.get(lang, field) {
            Some(text) if lang != Lang::En => Localised { text, lang },
            _ => Localised {
                text: english,
                lang: Lang::En,
            },
        }
    }
}

/// A text and the language it is actually in: reports mark English shown in place of a
/// missing translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localised<'a> {
    pub text: &'a str,
    pub lang: Lang,
}

impl Localised<'_> {
    /// Whether the text is English shown for a reader of `wanted`.
    pub fn is_fallback(&self, wanted: Lang) -> bool {
        self.lang != wanted
    }
}
