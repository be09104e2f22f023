//! What a valid answer to a question looks like, in words for a coordinator, in each language
//! acquis writes: the values stay the codes the file format reads.

use super::QuestionType;
use crate::i18n::{t, tf};
use crate::lang::Lang;

impl QuestionType {
    /// What a valid answer looks like, in words for a coordinator.
    pub fn expectation(&self) -> String {
        self.expectation_in(Lang::En)
    }

    /// [`Self::expectation`] in `lang`: the values stay the codes the file format reads.
    pub fn expectation_in(&self, lang: Lang) -> String {
        match self {
            QuestionType::Bool => t(lang, "`true` or `false`").into(),
            QuestionType::Enum { values } => {
                tf(lang, "one of {values}", &[("values", &quoted_list(values))])
            }
            QuestionType::Set { values } => tf(
                lang,
                "a list of any of {values} (or `[]` for none)",
                &[("values", &quoted_list(values))],
            ),
            QuestionType::Int { min, max } => match (min, max) {
                (Some(lo), Some(hi)) => tf(
                    lang,
                    "a whole number from {min} to {max}",
                    &[("min", &lo.to_string()), ("max", &hi.to_string())],
                ),
                (Some(lo), None) => tf(
                    lang,
                    "a whole number, at least {min}",
                    &[("min", &lo.to_string())],
                ),
                (None, Some(hi)) => tf(
                    lang,
                    "a whole number, at most {max}",
                    &[("max", &hi.to_string())],
                ),
                (None, None) => t(lang, "a whole number").into(),
            },
            QuestionType::Date => t(lang, "a date written YYYY-MM-DD").into(),
            QuestionType::Text => t(lang, "text").into(),
        }
    }
}

fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
