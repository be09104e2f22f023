//! One assessment's results as an OSCAL Assessment Results document (NIST OSCAL 1.1), the
//! compliance world's exchange format for "what the assessor determined". docs/oscal.md
//! says what maps to what. Unanswered, error and not applicable give no finding, so
//! "unanswered is never a gap" survives the translation.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::check::{Results, RuleResult};
use crate::model::{AnswerValue, Assessment, Status};
use crate::ruleset::RuleSet;

/// The OSCAL version the documents are written against (trestle 5 validates 1.1.x).
pub const OSCAL_VERSION: &str = "1.1.2";

/// The namespace of acquis' own properties: OSCAL asks for one on names it does not define.
const PROPS_NS: &str = "urn:acquis:oscal";

/// The UUIDv5 namespace of every acquis identifier: the v5 UUID of `PROPS_NS` in the URL
/// namespace, fixed so identifiers stay the same across runs, machines and versions.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, PROPS_NS.as_bytes())
}

/// A name-based (v5) UUID: the same words give the same UUID in every run.
fn stable_uuid(words: &[&str]) -> String {
    // The unit separator cannot occur in a code, id or period, so ("a b", "c") and
    // ("a", "b c") never share a name.
    Uuid::new_v5(&namespace(), words.join("\u{1f}").as_bytes()).to_string()
}

/// The finding of `rule` for `jurisdiction`: the same in every period, so a tool can follow
/// one obligation of one state from round to round.
pub fn finding_uuid(jurisdiction: &str, rule: &str) -> String {
    stable_uuid(&["finding", jurisdiction, rule])
}

/// A `YYYY-MM-DD` date as the start of that day in UTC (OSCAL wants a date-time with a zone).
fn day(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

fn prop(name: &str, value: &str) -> Value {
    json!({ "name": name, "ns": PROPS_NS, "value": value })
}

/// The Assessment Results document of one assessment. `as_of` (`YYYY-MM-DD`, the report
/// date waivers are judged against) is the document's last-modified date, so the same
/// inputs and `--as-of` give the same bytes.
pub fn document(results: &Results, assessment: &Assessment, set: &RuleSet, as_of: &str) -> Value {
    let code = results.assessment.jurisdiction.as_str();
    let fictional = set.jurisdiction(code).is_some_and(|j| j.fictional);
    let collected = day(assessment.date.as_deref().unwrap_or(as_of));
    let decided: Vec<&RuleResult> = results
        .results
        .iter()
        .filter(|r| {
            !matches!(
                r.status,
                Status::Unanswered | Status::Error | Status::NotApplicable
            )
        })
        .collect();

    // One observation per answer a decided rule read, in question order.
    let mut used: Vec<&str> = decided
        .iter()
        .flat_map(|r| r.inputs().map(|(q, _)| q))
        .collect();
    used.sort_unstable();
    used.dedup();
    let observations: Vec<Value> = used
        .iter()
        .filter_map(|question| observation(question, code, assessment, set, &collected))
        .collect();

    let mut parties: Vec<Value> = Vec::new();
    let mut risks: Vec<Value> = Vec::new();
    let findings: Vec<Value> = decided
        .iter()
        .map(|r| {
            let mut f = finding(r, code);
            if let (Status::Waived, Some(w)) = (r.status, r.waiver) {
                let party = stable_uuid(&["party", &w.approved_by]);
                if !parties.iter().any(|p| p["uuid"] == party) {
                    parties.push(json!({ "uuid": party, "type": "person", "name": w.approved_by }));
                }
                let risk = stable_uuid(&["risk", code, r.id()]);
                risks.push(json!({
                    "uuid": risk,
                    "title": format!("Waived: {}", r.title()),
                    "description": w.reason,
                    "statement": r.rule.rule.obligation,
                    "status": "deviation-approved",
                    "deadline": format!("{}T23:59:59Z", w.until),
                    "risk-log": { "entries": [{
                        "uuid": stable_uuid(&["risk-log", code, r.id(), &w.until]),
                        "title": "Deviation approved",
                        "description": format!("{} (approved by {}, until {})", w.reason, w.approved_by, w.until),
                        "start": day(as_of),
                        "logged-by": [{ "party-uuid": party }],
                        "status-change": "deviation-approved",
                    }]},
                }));
                f["related-risks"] = json!([{ "risk-uuid": risk }]);
            }
            f
        })
        .collect();

    let mut result = json!({
        "uuid": stable_uuid(&["result", code, &results.assessment.period]),
        "title": format!("Self-assessment of {code}, {}", results.assessment.period),
        "description": description(results, assessment, fictional),
        "start": collected,
        "end": collected,
        "props": [
            prop("jurisdiction", code),
            prop("period", &results.assessment.period),
            prop("ruleset-digest", results.ruleset.digest),
        ],
        "reviewed-controls": {
            "description": "Every rule of the acquis rule set evaluated for this assessment.",
            "control-selections": [{
                "include-controls": results.results.iter()
                    .map(|r| json!({ "control-id": r.id() }))
                    .collect::<Vec<_>>(),
            }],
        },
    });
    // A reader of the exchanged document must see what every acquis report says: these are
    // not a real state's answers.
    for (flag, name) in [
        (fictional, "fictional"),
        (assessment.illustrative, "illustrative"),
    ] {
        if flag {
            result["props"]
                .as_array_mut()
                .expect("props is a list")
                .push(prop(name, "true"));
        }
    }
    for (key, list) in [
        ("observations", observations),
        ("risks", risks),
        ("findings", findings),
    ] {
        // OSCAL lists have at least one item: an empty one is left out.
        if !list.is_empty() {
            result[key] = Value::Array(list);
        }
    }

    let mut metadata = json!({
        "title": format!("acquis assessment results: {code}, {}", results.assessment.period),
        "last-modified": day(as_of),
        "version": format!("acquis {}", env!("CARGO_PKG_VERSION")),
        "oscal-version": OSCAL_VERSION,
    });
    if !parties.is_empty() {
        metadata["parties"] = Value::Array(parties);
    }
    json!({ "assessment-results": {
        "uuid": stable_uuid(&["assessment-results", code, &results.assessment.period]),
        "metadata": metadata,
        // acquis has no OSCAL assessment plan: the plan is the rule set, named by its digest.
        "import-ap": {
            "href": format!("urn:acquis:ruleset:{}", results.ruleset.digest.replace(':', "-")),
            "remarks": "The assessment plan is the acquis rule set with this digest.",
        },
        "results": [result],
    }})
}

/// The document as the text `check --format oscal` writes.
pub fn text(results: &Results, assessment: &Assessment, set: &RuleSet, as_of: &str) -> String {
    let mut out = serde_json::to_string_pretty(&document(results, assessment, set, as_of))
        .expect("an OSCAL document serialises");
    out.push('\n');
    out
}

fn description(results: &Results, assessment: &Assessment, fictional: bool) -> String {
    let mut text = format!(
        "acquis check of {} ({} rules). Findings are given for decided rules only: a rule that is unanswered, not applicable or failed to evaluate has no finding.",
        results.assessment.file, results.ruleset.rules
    );
    if let Some(by) = &assessment.prepared_by {
        text.push_str(&format!(" Prepared by {by}."));
    }
    if fictional {
        text.push_str(&format!(
            " Fictional: {} is an example jurisdiction, not a state.",
            results.assessment.jurisdiction
        ));
    }
    if assessment.illustrative {
        text.push_str(&format!(
            " Illustrative: the answers are invented and do not describe the law or practice of {}.",
            results.assessment.jurisdiction
        ));
    }
    text
}

fn observation(
    question: &str,
    code: &str,
    assessment: &Assessment,
    set: &RuleSet,
    collected: &str,
) -> Option<Value> {
    let answer = assessment.answers.get(question)?;
    let value = answer.value.as_ref()?;
    let asked = set
        .questionnaire
        .questions
        .get(question)
        .map_or(question, |q| q.text.as_str());
    let mut o = json!({
        "uuid": observation_uuid(code, question),
        "title": question,
        "description": format!("{asked} Answer: {}.", words(value)),
        "methods": ["EXAMINE"],
        "collected": collected,
    });
    if answer.evidence.is_some() || answer.url.is_some() {
        let mut evidence = json!({
            "description": answer.evidence.clone().unwrap_or_else(|| "See the linked document.".to_owned()),
        });
        if let Some(url) = &answer.url {
            evidence["href"] = json!(url);
        }
        o["relevant-evidence"] = json!([evidence]);
    }
    Some(o)
}

fn observation_uuid(jurisdiction: &str, question: &str) -> String {
    stable_uuid(&["observation", jurisdiction, question])
}

fn words(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Bool(true) => "yes".to_owned(),
        AnswerValue::Bool(false) => "no".to_owned(),
        AnswerValue::Int(n) => n.to_string(),
        AnswerValue::Text(t) => t.clone(),
        AnswerValue::Set(items) if items.is_empty() => "none".to_owned(),
        AnswerValue::Set(items) => items.join(", "),
    }
}

/// A decided rule's finding: met is satisfied; gap, partial and waived (whose raw status is
/// gap or partial) are not satisfied, with acquis' own status as a property.
fn finding(r: &RuleResult, code: &str) -> Value {
    let satisfied = r.status == Status::Met;
    let rule = &r.rule.rule;
    let mut description = rule.obligation.clone();
    let basis: Vec<String> = rule
        .sources
        .iter()
        .map(|s| format!("{} {}", s.doc, s.reference))
        .collect();
    description.push_str(&format!(" Legal basis: {}.", basis.join("; ")));
    if !satisfied {
        description.push_str(&format!(" Remedy: {}", rule.remedy));
    }
    let mut props = vec![
        prop("status", r.status.as_str()),
        prop("severity", r.severity().as_str()),
        prop("instrument", r.instrument_id()),
    ];
    if let Some(raw) = r.raw_status {
        props.push(prop("raw-status", raw.as_str()));
    }
    let mut f = json!({
        "uuid": finding_uuid(code, r.id()),
        "title": r.title().replace('\n', " "),
        "description": description.trim(),
        "props": props,
        "target": {
            "type": "objective-id",
            "target-id": r.id(),
            "status": {
                "state": if satisfied { "satisfied" } else { "not-satisfied" },
                "reason": if satisfied { "pass" } else { "fail" },
            },
        },
    });
    let related: Vec<Value> = r
        .inputs()
        .map(|(q, _)| json!({ "observation-uuid": observation_uuid(code, q) }))
        .collect();
    if !related.is_empty() {
        f["related-observations"] = Value::Array(related);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9562 appendix A.4: the v5 UUID of "www.example.com" in the DNS namespace.
    #[test]
    fn v5_uuids_match_the_rfc_test_vector() {
        let id = Uuid::new_v5(&Uuid::NAMESPACE_DNS, b"www.example.com");
        assert_eq!(id.to_string(), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    #[test]
    fn a_finding_keeps_its_uuid_across_periods_and_differs_between_jurisdictions() {
        let a = finding_uuid("XA", "dir-2011-93.art10.x");
        assert_eq!(a, finding_uuid("XA", "dir-2011-93.art10.x"));
        assert_ne!(a, finding_uuid("XB", "dir-2011-93.art10.x"));
        assert_eq!(&a[14..15], "5", "{a} is a version 5 UUID");
        assert_ne!(stable_uuid(&["a b", "c"]), stable_uuid(&["a", "b c"]));
    }
}
