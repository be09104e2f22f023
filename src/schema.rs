//! JSON Schemas (draft 2020-12) for editors and other validators.
//!
//! The assessment schema is generated from the questionnaire, so each answer's
//! type, allowed values, range and question text are in it: an editor using
//! yaml-language-server completes question ids and values and shows the
//! question on hover. Built with serde_json rather than derived, because the
//! questionnaire is data, not Rust types.

use serde_json::{Map, Value, json};

use crate::model::{Question, QuestionType, Severity, Status};
use crate::questionnaire::ASSESSMENT_VERSION;
use crate::ruleset::RuleSet;

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
const DATE_PATTERN: &str = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$";

fn value_schema(kind: &QuestionType) -> Value {
    match kind {
        QuestionType::Bool => json!({ "type": "boolean" }),
        QuestionType::Int { min, max } => {
            let mut s = json!({ "type": "integer" });
            if let Some(lo) = min {
                s["minimum"] = json!(lo);
            }
            if let Some(hi) = max {
                s["maximum"] = json!(hi);
            }
            s
        }
        QuestionType::Enum { values } => json!({ "enum": values }),
        QuestionType::Set { values } => json!({
            "type": "array",
            "items": { "enum": values },
            "uniqueItems": true
        }),
        QuestionType::Date => json!({ "type": "string", "pattern": DATE_PATTERN }),
        QuestionType::Text => json!({ "type": "string" }),
    }
}

fn answer_schema(q: &Question) -> Value {
    let mut description = q.text.clone();
    if let Some(help) = &q.help {
        description.push_str("\n\n");
        description.push_str(help);
    }
    description.push_str(&format!("\n\nAnswer: {}.", q.kind.expectation()));
    let value = value_schema(&q.kind);
    json!({
        "title": q.id,
        "description": description,
        "anyOf": [
            value,
            { "type": "null" },
            {
                "type": "object",
                "description": "Long form: the answer with its evidence.",
                "additionalProperties": false,
                "properties": {
                    "value": { "anyOf": [value, { "type": "null" }] },
                    "evidence": { "type": ["string", "null"], "description": "Where the answer comes from: law, report, decision." },
                    "url": { "type": ["string", "null"], "description": "A link to the evidence." }
                }
            }
        ]
    })
}

/// The `answers` mapping: section → question → answer.
pub fn answers_schema(set: &RuleSet) -> Value {
    let mut sections = Map::new();
    for section in &set.questionnaire.sections {
        let mut questions = Map::new();
        for id in &section.questions {
            let q = &set.questionnaire.questions[id];
            questions.insert(q.key.clone(), answer_schema(q));
        }
        sections.insert(
            section.name.clone(),
            json!({
                "title": section.title,
                "type": ["object", "null"],
                "additionalProperties": false,
                "properties": questions
            }),
        );
    }
    json!({
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": sections
    })
}

pub fn assessment(set: &RuleSet) -> Value {
    let codes: Vec<&str> = set.jurisdictions.iter().map(|j| j.code.as_str()).collect();
    json!({
        "$schema": DRAFT,
        "$id": "https://acquis.invalid/schema/assessment-1.json",
        "title": "acquis self-assessment",
        "description": format!("One jurisdiction's self-assessment for one period, checked by acquis (rule set {}).", set.digest),
        "type": "object",
        "additionalProperties": false,
        "required": ["acquis", "jurisdiction", "period", "answers"],
        "properties": {
            "acquis": { "const": ASSESSMENT_VERSION, "description": "The file format version." },
            "jurisdiction": { "enum": codes, "description": "ISO 3166 alpha-2 code, EU usage (EL for Greece)." },
            "period": { "type": ["string", "integer"], "description": "The period assessed, e.g. \"2025\"." },
            "prepared_by": { "type": ["string", "null"], "description": "Who prepared the assessment." },
            "illustrative": { "type": "boolean", "description": "true when the answers are invented to illustrate the format: every report then says so." },
            "date": { "type": ["string", "null"], "pattern": DATE_PATTERN, "description": "Date of the assessment, YYYY-MM-DD." },
            "answers": { "$ref": "#/$defs/answers" }
        },
        "$defs": { "answers": answers_schema(set) }
    })
}

pub fn rule(set: &RuleSet) -> Value {
    let instruments: Vec<&str> = set.instruments.iter().map(|i| i.id.as_str()).collect();
    let codes: Vec<&str> = set.jurisdictions.iter().map(|j| j.code.as_str()).collect();
    let severities: Vec<&str> = Severity::ALL.iter().map(|(s, _)| *s).collect();
    let statuses: Vec<&str> = Status::NAMES
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| *s != "waived")
        .collect();
    let condition = json!({
        "type": "string",
        "description": "A Rhai expression giving true or false; `a.section.question` reads an answer, `j` is the jurisdiction. One line, or a `|` block."
    });
    // One entry per language acquis translates into; English is the rule's own fields.
    let translations: serde_json::Map<String, serde_json::Value> = crate::lang::Lang::TRANSLATED
        .iter()
        .map(|lang| {
            let text = json!({ "type": "string", "minLength": 1 });
            (
                lang.code().to_owned(),
                json!({
                    "type": "object",
                    "additionalProperties": false,
                    "properties": { "title": text, "obligation": text, "remedy": text }
                }),
            )
        })
        .collect();
    json!({
        "$schema": DRAFT,
        "$id": "https://acquis.invalid/schema/rule-1.json",
        "title": "acquis rule",
        "description": "One obligation, with its sources, the condition that decides it and examples that test it.",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title", "instrument", "area", "severity", "obligation", "sources", "check", "remedy"],
        "properties": {
            "id": { "type": "string", "pattern": "^[a-z][a-z0-9.-]*[a-z0-9]$", "description": "Stable, unique id: `<prefix>.<article or paragraph>.<what>`." },
            "title": { "type": "string" },
            "instrument": { "enum": instruments },
            "area": { "type": "string", "pattern": "^[a-z][a-z0-9_]*$" },
            "severity": { "enum": severities },
            "obligation": { "type": "string", "description": "What the jurisdiction must do, in plain words." },
            "sources": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["doc", "ref"],
                    "properties": {
                        "doc": { "enum": instruments },
                        "ref": { "type": "string", "description": "`Art. 10(2)`, `para 16`, `§5`, `target 2`." },
                        "quote": { "type": "string", "description": "Verbatim words from the source text in seeds/sources/." }
                    }
                }
            },
            "applies_when": condition,
            "check": condition,
            "partial_when": condition,
            "remedy": { "type": "string" },
            "verified": {
                "type": "object",
                "description": "The official text (OJ reference or ELI) the rule's article and wording were checked against, and the day.",
                "additionalProperties": false,
                "required": ["text", "date"],
                "properties": {
                    "text": { "type": "string" },
                    "date": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }
                }
            },
            "translations": {
                "type": "object",
                "description": "The rule's title, obligation and remedy in other languages, each exactly as strong as the English (docs/languages.md).",
                "additionalProperties": false,
                "properties": translations
            },
            "unverified": {
                "type": "object",
                "description": "Where the official text was searched for and could not be read, and the day; `rules lint` warns until the rule is `verified`.",
                "additionalProperties": false,
                "required": ["searched", "date"],
                "properties": {
                    "searched": { "type": "string" },
                    "date": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }
                }
            },
            "examples": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name", "answers", "expect"],
                    "properties": {
                        "name": { "type": "string" },
                        "jurisdiction": { "enum": codes },
                        "answers": { "$ref": "#/$defs/answers" },
                        "expect": { "enum": statuses }
                    }
                }
            }
        },
        "$defs": { "answers": answers_schema(set) }
    })
}
