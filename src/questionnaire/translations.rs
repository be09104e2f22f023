//! Reads a record's `translations:` block: `{ fr: { title: "…", … } }`, one entry per
//! language acquis translates into, each naming only fields the record has in English.
//! A missing translation is not an error here (`rules lint` lists it); a translation of
//! nothing, or into a language acquis does not know, is.

use std::collections::BTreeMap;

use crate::i18n::suggestion;
use crate::lang::Lang;
use crate::model::Translations;
use crate::yaml::{Node, Reader};

/// `record`'s translations of `fields`, each given with whether the record has it in English
/// (a translated `help:` needs an English `help:`).
pub fn read_translations(r: &mut Reader, record: &Node, fields: &[(&str, bool)]) -> Translations {
    let mut out = Translations::default();
    let Some(block) = record.get("translations") else {
        return out;
    };
    let Some(entries) = r.map(block, "`translations`") else {
        return out;
    };
    let codes: Vec<&str> = Lang::TRANSLATED.iter().map(|l| l.code()).collect();
    let names: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
    for (key, node) in entries {
        let lang = match Lang::from_code(&key.name) {
            Some(Lang::En) => {
                r.error(
                    key.pos,
                    "`translations` cannot hold English: the record's own fields are the English text",
                    Some("move the text into the field itself, or remove this entry".into()),
                );
                continue;
            }
            Some(lang) if key.name == lang.code() => lang,
            _ => {
                r.error(
                    key.pos,
                    format!("unknown language `{}` in `translations`", key.name),
                    Some(format!(
                        "acquis translates into {}; {}",
                        codes.join(", "),
                        suggestion(&key.name, codes.iter().copied(), "the languages")
                    )),
                );
                continue;
            }
        };
        let what = format!("the `{}` translation", lang.code());
        if !r.fields(node, &what, &names, &[]) {
            continue;
        }
        let mut texts = BTreeMap::new();
        for (field, has_english) in fields {
            let Some(value) = node.get(field) else {
                continue;
            };
            if !has_english {
                r.error(
                    value.pos,
                    format!("`{field}` is translated but the record has no English `{field}`"),
                    Some(format!(
                        "add `{field}:` to the record first, or remove its translation"
                    )),
                );
                continue;
            }
            if let Some(text) = r.text_value(value, field) {
                texts.insert((*field).to_owned(), text);
            }
        }
        out.0.insert(lang, texts);
    }
    out
}
