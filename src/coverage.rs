//! Which parts of each source text the rules cite (`acquis rules coverage`).
//!
//! The parts of a text are its numbered paragraphs (`para 16`, `§5`, `target 2`),
//! found in the text itself, or, for a text without numbers, the names listed in
//! `rules/coverage.yaml`. That file also marks the parts that ask nothing of
//! states, with the reason, so that the percentage counts only parts that could
//! be cited.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Pos};
use crate::ruleset::RuleSet;
use crate::yaml::{self, Node, Reader};

#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub label: String,
    pub cited_by: Vec<String>,
    /// Why this part asks nothing of states, when a maintainer said so.
    pub no_obligation: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextCoverage {
    pub doc: String,
    pub title: String,
    pub units: Vec<Unit>,
    /// Parts cited by at least one rule.
    pub cited: usize,
    /// Parts that could be cited: all but those marked as asking nothing of states.
    pub countable: usize,
    pub percent: f64,
}

impl TextCoverage {
    pub fn uncited(&self) -> impl Iterator<Item = &Unit> {
        self.units
            .iter()
            .filter(|u| u.cited_by.is_empty() && u.no_obligation.is_none())
    }
}

enum Style {
    /// Numbered paragraphs found in the text, cited as `<label> N`.
    Numbered(String),
    /// Named parts.
    Named(Vec<String>),
}

struct TextSpec {
    doc: String,
    style: Style,
    no_obligation: BTreeMap<String, (String, Pos)>,
    pos: Pos,
}

/// Numbers of the paragraphs that start a line as `N. ` in sequence from 1.
pub fn numbered_paragraphs(text: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for line in text.lines() {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        let Ok(n) = number.parse::<u32>() else {
            continue;
        };
        if n == found.len() as u32 + 1 && !rest.is_empty() && !rest.starts_with(' ') {
            found.push(n);
        }
    }
    found
}

fn label(prefix: &str, n: u32) -> String {
    if prefix == "§" {
        format!("§{n}")
    } else {
        format!("{prefix} {n}")
    }
}

/// The part a `ref:` points to, in a text of this style (`para 7(a)` is part of `para 7`).
fn unit_of(reference: &str, style: &Style) -> Option<String> {
    match style {
        Style::Numbered(prefix) => {
            let rest = reference.strip_prefix(prefix.as_str())?.trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let n: u32 = digits.parse().ok()?;
            Some(label(prefix, n))
        }
        Style::Named(names) => names
            .iter()
            .find(|name| reference == name.as_str() || reference.starts_with(&format!("{name},")))
            .cloned(),
    }
}

fn read_specs(name: &str, text: &str) -> Result<Vec<TextSpec>, Vec<Diagnostic>> {
    let root = yaml::parse_str(name, text).map_err(|d| vec![d])?;
    let mut r = Reader::new(name, text);
    if !r.fields(&root, "the coverage file", &["texts"], &["texts"]) {
        return Err(r.diagnostics);
    }
    let mut specs = Vec::new();
    let items: Vec<Node> = root
        .get("texts")
        .and_then(|n| r.seq(n, "`texts`").map(<[Node]>::to_vec))
        .unwrap_or_default();
    for item in &items {
        if !r.fields(
            item,
            "a text",
            &["doc", "numbered", "units", "no_obligation"],
            &["doc"],
        ) {
            continue;
        }
        let Some(doc) = r.text(item, "doc") else {
            continue;
        };
        let style = match (r.opt_text(item, "numbered"), item.get("units")) {
            (Some(prefix), None) => Style::Numbered(prefix),
            (None, Some(_)) => Style::Named(
                r.text_list(item, "units")
                    .into_iter()
                    .map(|(u, _)| u)
                    .collect(),
            ),
            _ => {
                r.error(
                    item.pos,
                    "give either `numbered: <label>` or `units: [...]`",
                    None,
                );
                continue;
            }
        };
        let mut no_obligation = BTreeMap::new();
        if let Some(node) = item.get("no_obligation")
            && let Some(entries) = r.map(node, "`no_obligation`")
        {
            for (key, value) in entries {
                if let Some(reason) = r.text_value(value, &key.name) {
                    no_obligation.insert(key.name.clone(), (reason, key.pos));
                }
            }
        }
        specs.push(TextSpec {
            doc,
            style,
            no_obligation,
            pos: item.pos,
        });
    }
    r.into_result(specs)
}

/// Coverage of every source text the coverage file describes.
pub fn coverage(set: &RuleSet) -> Result<Vec<TextCoverage>, Vec<Diagnostic>> {
    let Some((name, text)) = &set.coverage_file else {
        return Err(vec![Diagnostic::error("rules/coverage.yaml", Pos::FILE, "the rule set has no coverage file")
            .with_help("add `coverage.yaml` at the top of the rule set: which texts to cover and which of their parts ask nothing of states")]);
    };
    let specs = read_specs(name, text)?;
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for spec in specs {
        let Some(instrument) = set.instrument(&spec.doc) else {
            problems.push(
                Diagnostic::error(name, spec.pos, format!("unknown instrument `{}`", spec.doc))
                    .with_source(text),
            );
            continue;
        };
        let labels: Vec<String> = match &spec.style {
            Style::Numbered(prefix) => {
                numbered_paragraphs(instrument.text.as_deref().unwrap_or(""))
                    .into_iter()
                    .map(|n| label(prefix, n))
                    .collect()
            }
            Style::Named(names) => names.clone(),
        };
        for (unit, (_, pos)) in &spec.no_obligation {
            if !labels.contains(unit) {
                problems.push(
                    Diagnostic::error(
                        name,
                        *pos,
                        format!("`{unit}` is not a part of `{}`", spec.doc),
                    )
                    .with_help_opt(
                        crate::diagnostic::did_you_mean(unit, labels.iter().map(String::as_str))
                            .map(|u| format!("did you mean `{u}`?")),
                    )
                    .with_source(text),
                );
            }
        }
        let mut units: Vec<Unit> = labels
            .iter()
            .map(|l| Unit {
                label: l.clone(),
                cited_by: Vec::new(),
                no_obligation: spec.no_obligation.get(l).map(|(reason, _)| reason.clone()),
            })
            .collect();
        for compiled in &set.rules {
            for source in compiled.rule.sources.iter().filter(|s| s.doc == spec.doc) {
                let Some(unit) = unit_of(&source.reference, &spec.style) else {
                    continue;
                };
                if let Some(u) = units.iter_mut().find(|u| u.label == unit)
                    && !u.cited_by.contains(&compiled.rule.id)
                {
                    u.cited_by.push(compiled.rule.id.clone());
                }
            }
        }
        let countable = units.iter().filter(|u| u.no_obligation.is_none()).count();
        let cited = units
            .iter()
            .filter(|u| u.no_obligation.is_none() && !u.cited_by.is_empty())
            .count();
        out.push(TextCoverage {
            doc: spec.doc.clone(),
            title: instrument.title.clone(),
            percent: if countable == 0 {
                100.0
            } else {
                (cited as f64 * 1000.0 / countable as f64).round() / 10.0
            },
            units,
            cited,
            countable,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Rule sources that point to a part of a covered text that does not exist (`para 99`).
pub fn dangling_references(set: &RuleSet) -> Vec<Diagnostic> {
    let Ok(texts) = coverage(set) else {
        return Vec::new();
    };
    let Some((name, text)) = &set.coverage_file else {
        return Vec::new();
    };
    let Ok(specs) = read_specs(name, text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (spec, cov) in specs.iter().zip(&texts) {
        for compiled in &set.rules {
            for source in compiled.rule.sources.iter().filter(|s| s.doc == spec.doc) {
                let found = unit_of(&source.reference, &spec.style)
                    .is_some_and(|u| cov.units.iter().any(|x| x.label == u));
                if !found {
                    let parts: Vec<&str> = cov.units.iter().map(|u| u.label.as_str()).collect();
                    out.push(
                        Diagnostic::error(
                            &compiled.rule.file,
                            source.pos,
                            format!("`{}` has no part `{}`", spec.doc, source.reference),
                        )
                        .with_help(crate::i18n::suggestion(
                            &source.reference,
                            parts.iter().copied(),
                            "its parts",
                        ))
                        .with_source(
                            set.rule_texts
                                .get(&compiled.rule.file)
                                .map(String::as_str)
                                .unwrap_or(""),
                        ),
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_found_in_sequence_only() {
        let text = "1. First\n2. Second\n- 3. not at line start\n1. A list inside\n3. Third\n10. skipped\n";
        assert_eq!(numbered_paragraphs(text), vec![1, 2, 3]);
    }

    #[test]
    fn references_map_to_their_paragraph() {
        let para = Style::Numbered("para".into());
        assert_eq!(unit_of("para 7(a)", &para).as_deref(), Some("para 7"));
        assert_eq!(unit_of("para 16", &para).as_deref(), Some("para 16"));
        assert_eq!(unit_of("Art. 16", &para), None);
        let section = Style::Numbered("§".into());
        assert_eq!(unit_of("§5", &section).as_deref(), Some("§5"));
        let named = Style::Named(vec!["Workshop 1".into(), "Agenda, 16 May".into()]);
        assert_eq!(unit_of("Workshop 1", &named).as_deref(), Some("Workshop 1"));
        assert_eq!(unit_of("Workshop 12", &named), None);
    }
}
