//! The seeds: the instrument catalogue and the jurisdictions.

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::suggestion;
use crate::model::{Force, Instrument, InstrumentKind, Jurisdiction, SourceRef};
use crate::questionnaire::read_translations;
use crate::yaml::{Node, Reader, Value};

use super::{FileSet, Parsed, seed_file};

pub(super) fn read_catalogue(
    seeds: &FileSet,
    parsed: &Parsed,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Instrument> {
    let Some((name, text, root)) = seed_file(
        seeds,
        parsed,
        "sources.yaml",
        "the instrument catalogue",
        diagnostics,
    ) else {
        return Vec::new();
    };
    let mut r = Reader::new(&name, text);
    let mut instruments: Vec<Instrument> = Vec::new();
    let Some(items) = r.seq(root, "the instrument catalogue") else {
        diagnostics.append(&mut r.diagnostics);
        return Vec::new();
    };
    for item in items {
        if !r.fields(
            item,
            "an instrument",
            &[
                "id",
                "short",
                "title",
                "reference",
                "date",
                "kind",
                "force",
                "file",
                "translations",
            ],
            &["id", "title", "reference", "date", "kind", "force"],
        ) {
            continue;
        }
        let id = r.text(item, "id");
        let title = r.text(item, "title");
        let short = r.opt_text(item, "short");
        let translations = read_translations(&mut r, item, &[("short", true), ("title", true)]);
        let reference = r.text(item, "reference");
        let date = r.text(item, "date");
        let kind = r.choice(item, "kind", &InstrumentKind::ALL);
        let force = r.choice(item, "force", &Force::ALL);
        let file_name = r.opt_text(item, "file");
        let source_text =
            file_name
                .as_ref()
                .and_then(|name| match seeds.get(&format!("sources/{name}")) {
                    Some(f) => match std::str::from_utf8(&f.bytes) {
                        Ok(t) => Some(t.to_owned()),
                        Err(_) => {
                            r.error(
                                item.pos,
                                format!("the source text `{name}` is not UTF-8"),
                                None,
                            );
                            None
                        }
                    },
                    None => {
                        let pos = item.get("file").map_or(item.pos, |n| n.pos);
                        r.error(
                            pos,
                            format!("no source text `sources/{name}` next to the catalogue"),
                            None,
                        );
                        None
                    }
                });
        let (Some(id), Some(title), Some(reference), Some(date), Some(kind), Some(force)) =
            (id, title, reference, date, kind, force)
        else {
            continue;
        };
        if instruments.iter().any(|i| i.id == id) {
            let pos = item.get("id").map_or(item.pos, |n| n.pos);
            r.error(pos, format!("instrument `{id}` is listed twice"), None);
            continue;
        }
        instruments.push(Instrument {
            id,
            short: short.unwrap_or_else(|| title.clone()),
            title,
            reference,
            date,
            kind,
            force,
            file: file_name,
            text: source_text,
            translations,
            pos: item.pos,
        });
    }
    diagnostics.append(&mut r.diagnostics);
    instruments
}

pub(super) fn read_jurisdictions(
    seeds: &FileSet,
    parsed: &Parsed,
    instruments: &[Instrument],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Jurisdiction> {
    let Some((name, text, root)) = seed_file(
        seeds,
        parsed,
        "jurisdictions.yaml",
        "the jurisdictions file",
        diagnostics,
    ) else {
        return Vec::new();
    };
    let mut r = Reader::new(&name, text);
    let mut out: Vec<Jurisdiction> = Vec::new();
    let Some(items) = r.seq(root, "the jurisdictions file") else {
        diagnostics.append(&mut r.diagnostics);
        return Vec::new();
    };
    for item in items {
        if !r.fields(
            item,
            "a jurisdiction",
            &[
                "code",
                "name",
                "memberships",
                "instruments",
                "notes",
                "fictional",
                "translations",
            ],
            &["code", "name", "memberships", "instruments"],
        ) {
            continue;
        }
        let (Some(code), Some(name)) = (r.text(item, "code"), r.text(item, "name")) else {
            continue;
        };
        let code_pos = item.get("code").map_or(item.pos, |n| n.pos);
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            r.error(code_pos, format!("jurisdiction code `{code}` must be two capital letters (ISO 3166, `EL` for Greece)"), None);
        }
        if out.iter().any(|j| j.code == code) {
            r.error(
                code_pos,
                format!("jurisdiction `{code}` is listed twice"),
                None,
            );
            continue;
        }
        let memberships = r
            .text_list(item, "memberships")
            .into_iter()
            .map(|(m, _)| m)
            .collect();
        let mut ids = Vec::new();
        for (id, pos) in r.text_list(item, "instruments") {
            if instruments.iter().any(|i| i.id == id) {
                ids.push(id);
            } else {
                r.error(
                    pos,
                    format!("unknown instrument `{id}`"),
                    Some(suggestion(
                        &id,
                        instruments.iter().map(|i| i.id.as_str()),
                        "the instruments",
                    )),
                );
            }
        }
        let notes = match item.get("notes") {
            Some(n) if matches!(n.value, Value::Seq(_)) => r
                .text_list(item, "notes")
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            Some(_) => r.opt_text(item, "notes").into_iter().collect(),
            None => Vec::new(),
        };
        let fictional = match item.get("fictional") {
            None => false,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => *b,
            Some(n) => {
                r.error(n.pos, "`fictional` must be `true` or `false`", None);
                false
            }
        };
        out.push(Jurisdiction {
            code,
            name,
            memberships,
            instruments: ids,
            notes,
            fictional,
            translations: read_translations(&mut r, item, &[("name", true)]),
            pos: item.pos,
        });
    }
    diagnostics.append(&mut r.diagnostics);
    out
}

pub(super) fn check_source_docs(
    r: &mut Reader,
    refs: &[(SourceRef, Pos)],
    instruments: &[Instrument],
) {
    for (source, pos) in refs {
        if !instruments.iter().any(|i| i.id == source.doc) {
            r.error(
                *pos,
                format!("unknown instrument `{}` in `sources`", source.doc),
                Some(suggestion(
                    &source.doc,
                    instruments.iter().map(|i| i.id.as_str()),
                    "the instruments",
                )),
            );
        }
    }
}
