//! One rule file read into a [`Rule`] record: its fields, sources, conditions and examples.

use crate::diagnostic::Pos;
use crate::i18n::suggestion;
use crate::model::{
    ConditionText, Example, Instrument, Jurisdiction, Questionnaire, Rule, Severity, Status,
    Unverified, Verified,
};
use crate::questionnaire::{self, read_source_refs};
use crate::yaml::{Key, Node, Reader, Value};

use super::check_source_docs;

/// Rule ids: lowercase ASCII letters, digits, `-` and `.`, starting with a letter.
pub fn is_rule_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && !id.ends_with(['.', '-'])
        && !id.contains("..")
}

const RULE_FIELDS: [&str; 15] = [
    "id",
    "title",
    "instrument",
    "area",
    "severity",
    "obligation",
    "sources",
    "applies_when",
    "check",
    "partial_when",
    "remedy",
    "examples",
    "verified",
    "unverified",
    "translations",
];

pub(super) fn read_rule(
    r: &mut Reader,
    root: &Node,
    instruments: &[Instrument],
    jurisdictions: &[Jurisdiction],
    questionnaire: &Questionnaire,
) -> Option<Rule> {
    if !r.fields(
        root,
        "a rule",
        &RULE_FIELDS,
        &[
            "id",
            "title",
            "instrument",
            "area",
            "severity",
            "obligation",
            "sources",
            "check",
            "remedy",
        ],
    ) {
        return None;
    }
    let id = r.text(root, "id");
    if let Some(id) = &id
        && !is_rule_id(id)
    {
        let pos = root.get("id").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("rule id `{id}` may use only lowercase letters, digits, `-` and `.`, starting with a letter"),
            Some("e.g. `dir-2011-93.art10.records-for-recruitment`".into()),
        );
    }
    let title = r.text(root, "title");
    let instrument = r.text(root, "instrument");
    if let Some(i) = &instrument
        && !instruments.iter().any(|x| &x.id == i)
    {
        let pos = root.get("instrument").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("unknown instrument `{i}`"),
            Some(suggestion(
                i,
                instruments.iter().map(|x| x.id.as_str()),
                "the instruments",
            )),
        );
    }
    let area = r.text(root, "area");
    if let Some(a) = &area
        && !questionnaire::is_identifier(a)
    {
        let pos = root.get("area").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("area `{a}` must be a short lowercase identifier (letters, digits, `_`)"),
            None,
        );
    }
    let severity = r.choice(root, "severity", &Severity::ALL);
    let obligation = r.text(root, "obligation");
    let remedy = r.text(root, "remedy");
    let sources = read_source_refs(r, root);
    check_source_docs(r, &sources, instruments);
    if root.get("sources").is_some() && sources.is_empty() && !r.has_errors() {
        r.error(
            root.get("sources").map_or(root.pos, |n| n.pos),
            "a rule cites at least one source",
            None,
        );
    }
    let applies_when = condition(r, root, "applies_when");
    let check = condition(r, root, "check");
    let partial_when = condition(r, root, "partial_when");
    let examples = read_examples(r, root, jurisdictions, questionnaire);
    let verified = read_verified(r, root);
    let unverified = read_unverified(r, root);
    let translations = questionnaire::read_translations(
        r,
        root,
        &[("title", true), ("obligation", true), ("remedy", true)],
    );
    if verified.is_some()
        && let Some(node) = root.get("unverified")
    {
        r.error(
            node.pos,
            "a rule is either `verified:` or `unverified:`, not both",
            Some("remove `unverified:` now that the rule has been read against its text".into()),
        );
    }
    Some(Rule {
        id: id?,
        title: title?,
        instrument: instrument?,
        area: area?,
        severity: severity?,
        obligation: obligation?,
        sources: sources.into_iter().map(|(s, _)| s).collect(),
        applies_when,
        check: check?,
        partial_when,
        remedy: remedy?,
        translations,
        examples,
        verified,
        unverified,
        file: r.file.clone(),
        pos: root.get("id").map_or(root.pos, |n| n.pos),
    })
}

/// `verified: { text: <OJ reference or ELI>, date: YYYY-MM-DD }`, optional.
fn read_verified(r: &mut Reader, root: &Node) -> Option<Verified> {
    let (text, date) = read_dated(
        r,
        root,
        "verified",
        "text",
        "the day the rule was read against the official text, e.g. `2026-12-02`",
    )?;
    Some(Verified { text, date })
}

/// `unverified: { searched: <where the text was looked for>, date: YYYY-MM-DD }`, optional: the
/// record of a search for the official text that found nothing readable.
fn read_unverified(r: &mut Reader, root: &Node) -> Option<Unverified> {
    let (searched, date) = read_dated(
        r,
        root,
        "unverified",
        "searched",
        "the day of the search, e.g. `2026-12-02`",
    )?;
    Some(Unverified { searched, date })
}

/// A record `name: { field: <text>, date: YYYY-MM-DD }`, both required; the date a real day.
fn read_dated(
    r: &mut Reader,
    root: &Node,
    name: &str,
    field: &str,
    date_help: &str,
) -> Option<(String, String)> {
    let node = root.get(name)?;
    if !r.fields(
        node,
        &format!("`{name}`"),
        &[field, "date"],
        &[field, "date"],
    ) {
        return None;
    }
    let text = r.text(node, field);
    let date = r.text(node, "date");
    if let Some(d) = &date
        && crate::dates::day_number(d).is_none()
    {
        let pos = node.get("date").map_or(node.pos, |n| n.pos);
        r.error(
            pos,
            format!("`{name}.date` must be a date written YYYY-MM-DD, not `{d}`"),
            Some(date_help.into()),
        );
        return None;
    }
    Some((text?, date?))
}

/// A condition scalar, refusing the styles whose positions cannot be mapped
/// back to the file (folded `>` and multi-line plain or quoted scalars).
fn condition(r: &mut Reader, root: &Node, name: &str) -> Option<ConditionText> {
    let entries = root.as_map()?;
    let (key, node): &(Key, Node) = entries.iter().find(|(k, _)| k.name == name)?;
    let Value::Str(source) = &node.value else {
        r.error(
            node.pos,
            format!(
                "`{name}` must be a condition written as text, not {}",
                node.value.kind()
            ),
            Some("e.g. `check: a.ecris.entitled_voluntary`".into()),
        );
        return None;
    };
    if source.trim().is_empty() {
        r.error(node.pos, format!("`{name}` is empty"), None);
        return None;
    }
    let text = r.text;
    let first = text.get(node.offset..).and_then(|t| t.chars().next());
    if node.pos.line > key.pos.line {
        // Block scalar (or plain text starting on the next line): find its indicator.
        let key_line = text.lines().nth(key.pos.line as usize - 1).unwrap_or("");
        let after_colon = key_line
            .get(key.pos.col as usize - 1..)
            .and_then(|rest| rest.split_once(':').map(|(_, v)| v))
            .unwrap_or("");
        let indicator = after_colon.split('#').next().unwrap_or("").trim();
        if indicator.starts_with('>') {
            r.error(
                key.pos,
                format!("`{name}` is a folded (`>`) block"),
                Some("write the condition on one line, or as a `|` block so its line numbers match the file".into()),
            );
            return None;
        }
        if indicator.starts_with('|') {
            return Some(ConditionText {
                source: source.clone(),
                origin: node.pos,
                block: true,
            });
        }
    }
    let raw = text.get(node.offset..node.offset + node.len).unwrap_or("");
    if raw.contains('\n') {
        r.error(
            node.pos,
            format!("`{name}` spans several lines without a `|` block"),
            Some("write the condition on one line, or start it with `|` on the key's line so its line numbers match the file".into()),
        );
        return None;
    }
    let quoted = matches!(first, Some('"') | Some('\''));
    Some(ConditionText {
        source: source.clone(),
        origin: Pos::new(node.pos.line, node.pos.col + u32::from(quoted)),
        block: false,
    })
}

fn read_examples(
    r: &mut Reader,
    root: &Node,
    jurisdictions: &[Jurisdiction],
    questionnaire: &Questionnaire,
) -> Vec<Example> {
    let Some(list) = root.get("examples") else {
        return Vec::new();
    };
    let Some(items) = r.seq(list, "`examples`") else {
        return Vec::new();
    };
    let mut examples = Vec::new();
    for item in items {
        if !r.fields(
            item,
            "an example",
            &["name", "jurisdiction", "answers", "expect"],
            &["name", "answers", "expect"],
        ) {
            continue;
        }
        let name = r.text(item, "name");
        let jurisdiction = r.opt_text(item, "jurisdiction");
        if let Some(code) = &jurisdiction
            && !jurisdictions.iter().any(|j| &j.code == code)
        {
            let pos = item.get("jurisdiction").map_or(item.pos, |n| n.pos);
            r.error(
                pos,
                format!("unknown jurisdiction `{code}`"),
                Some(suggestion(
                    code,
                    jurisdictions.iter().map(|j| j.code.as_str()),
                    "jurisdiction codes",
                )),
            );
        }
        let expect = r.choice(item, "expect", &Status::NAMES);
        if expect == Some(Status::Waived) {
            r.error(
                item.pos,
                "an example cannot expect `waived`: waivers are applied after evaluation",
                None,
            );
        }
        let answers = item
            .get("answers")
            .map(|n| questionnaire::read_answers(r, n, questionnaire))
            .unwrap_or_default();
        if let (Some(name), Some(expect)) = (name, expect) {
            examples.push(Example {
                name,
                jurisdiction,
                answers,
                expect,
                pos: item.pos,
            });
        }
    }
    examples
}
