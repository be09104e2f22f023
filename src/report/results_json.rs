//! The results JSON (SPEC "Results JSON"), written two ways. Compact, by hand into one
//! buffer (#17): going through serde spent a fifth of `check --format json`'s instructions
//! on visitor calls and escaping strings that never need it (rule ids, titles, areas).
//! Through serde ([`serialize`]) for `--pretty` and as the oracle: the tests hold the hand-
//! written bytes to what `serde_json::to_string` gives for the same [`Results`], so key
//! order and number formatting follow serde's.

use std::collections::BTreeMap;

use crate::check::{Results, RuleResult, Tally};
use crate::engine::CompiledRule;
use crate::model::{AnswerValue, Waiver};
use crate::ruleset::RuleSet;

mod serialize;

/// Appends `results` as serde_json's compact form would write them.
pub fn write_all(out: &mut String, results: &[Results]) {
    write_all_with(out, results, None);
}

/// [`write_all`], with each rule's fixed parts taken from `fragments` where it has them.
pub fn write_all_with(out: &mut String, results: &[Results], fragments: Option<&Fragments>) {
    match results {
        [one] => write_results(out, one, fragments),
        many => {
            out.push('[');
            for (i, r) in many.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_results(out, r, fragments);
            }
            out.push(']');
        }
    }
}

/// What a rule's result says the same way in every assessment, written once per rule set
/// (#17: escaping and copying the id, title, instrument, area and question ids field by
/// field was a third of writing the results JSON): `{"rule":…,"title":…,"status":"` before
/// the status, `,"severity":…,"missing":[` after it, and `"question":` for each question
/// the rule reads.
pub struct Fragments<'s>(Vec<(&'s CompiledRule, RuleFragments)>);

struct RuleFragments {
    head: String,
    middle: String,
    /// By the position of the question in the rule's `reads`.
    keys: Vec<String>,
}

impl<'s> Fragments<'s> {
    pub fn new(set: &'s RuleSet) -> Fragments<'s> {
        Fragments(
            set.rules
                .iter()
                .map(|rule| {
                    let r = &rule.rule;
                    let mut head = String::from("{\"rule\":");
                    string(&mut head, &r.id);
                    head.push_str(",\"title\":");
                    string(&mut head, &r.title);
                    head.push_str(",\"status\":\"");
                    let force = rule
                        .instrument_index
                        .map_or(crate::model::Force::Policy, |i| set.instruments[i].force);
                    let mut middle = String::from(",\"severity\":\"");
                    middle.push_str(r.severity.as_str());
                    middle.push_str("\",\"instrument\":");
                    string(&mut middle, &r.instrument);
                    middle.push_str(",\"force\":\"");
                    middle.push_str(force.as_str());
                    middle.push_str("\",\"area\":");
                    string(&mut middle, &r.area);
                    middle.push_str(",\"missing\":[");
                    let keys = rule
                        .reads
                        .iter()
                        .map(|q| {
                            let mut key = String::new();
                            string(&mut key, q);
                            key.push(':');
                            key
                        })
                        .collect();
                    (rule, RuleFragments { head, middle, keys })
                })
                .collect(),
        )
    }

    /// The fragments of the rule at `position` of the set, if `rule` is that rule.
    fn of(&self, position: usize, rule: &CompiledRule) -> Option<&RuleFragments> {
        self.0
            .get(position)
            .filter(|(r, _)| std::ptr::eq(*r, rule))
            .map(|(_, f)| f)
    }
}

fn write_results(out: &mut String, r: &Results, fragments: Option<&Fragments>) {
    // About 400 bytes a result: growing the buffer once beats doubling it many times.
    out.reserve(1024 + 512 * r.results.len());
    let a = r.assessment;
    out.push_str("{\"acquis\":");
    string(out, r.acquis);
    out.push_str(",\"file\":");
    string(out, &a.file);
    out.push_str(",\"jurisdiction\":");
    string(out, &a.jurisdiction);
    out.push_str(",\"period\":");
    string(out, &a.period);
    out.push_str(",\"prepared_by\":");
    optional_string(out, a.prepared_by.as_deref());
    out.push_str(",\"date\":");
    optional_string(out, a.date.as_deref());
    out.push_str(",\"ruleset\":{\"rules\":");
    integer(out, r.ruleset.rules as u64);
    out.push_str(",\"digest\":");
    string(out, r.ruleset.digest);
    out.push_str("},\"summary\":{");
    tally_fields(out, &r.summary.overall);
    out.push_str(",\"by_area\":");
    tallies(out, &r.summary.by_area);
    out.push_str(",\"by_force\":");
    tallies(out, &r.summary.by_force);
    out.push_str("},\"results\":[");
    for (i, result) in r.results.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match fragments.and_then(|f| f.of(i, result.rule)) {
            Some(f) => rule_result_from(out, result, f, &r.values),
            None => rule_result(out, result, &r.values),
        }
    }
    out.push_str("]}");
}

/// [`rule_result`] from the rule's fragments: the same bytes.
fn rule_result_from(
    out: &mut String,
    r: &RuleResult,
    f: &RuleFragments,
    values: &[Option<&AnswerValue>],
) {
    out.push_str(&f.head);
    status_fields(out, r);
    out.push_str(&f.middle);
    missing_and_inputs(out, r, values, |out, i| out.push_str(&f.keys[i]));
    rest_of_result(out, r);
}

/// The questions a result is missing, then the answers its rule read, found by slot in
/// `values` (the assessment's answers, [`Results::values`]), each after the key `key`
/// writes for the rule's `i`-th question; `out` is inside `"missing":[` and is left inside
/// `"inputs":{`.
fn missing_and_inputs(
    out: &mut String,
    r: &RuleResult,
    values: &[Option<&AnswerValue>],
    key: impl Fn(&mut String, usize),
) {
    for (i, q) in r.missing.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, q);
    }
    out.push_str("],\"inputs\":{");
    let mut first = true;
    for &i in &r.rule.reads_by_id {
        let Some(Some(v)) = values.get(r.rule.read_slots[i] as usize) else {
            continue;
        };
        if !first {
            out.push(',');
        }
        first = false;
        key(out, i);
        answer(out, v);
    }
}

/// The fields of a tally without braces: the summary flattens its overall tally.
fn tally_fields(out: &mut String, t: &Tally) {
    for (i, (name, n)) in [
        ("met", t.met),
        ("partial", t.partial),
        ("gap", t.gap),
        ("unanswered", t.unanswered),
        ("not_applicable", t.not_applicable),
        ("waived", t.waived),
        ("error", t.error),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(name);
        out.push_str("\":");
        integer(out, n as u64);
    }
    out.push_str(",\"score\":");
    optional_float(out, t.score);
    out.push_str(",\"completeness\":");
    optional_float(out, t.completeness);
}

fn tallies(out: &mut String, map: &BTreeMap<String, Tally>) {
    out.push('{');
    for (i, (key, t)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, key);
        out.push_str(":{");
        tally_fields(out, t);
        out.push('}');
    }
    out.push('}');
}

fn rule_result(out: &mut String, r: &RuleResult, values: &[Option<&AnswerValue>]) {
    out.push_str("{\"rule\":");
    string(out, r.id());
    out.push_str(",\"title\":");
    string(out, r.title());
    out.push_str(",\"status\":\"");
    status_fields(out, r);
    out.push_str(",\"severity\":\"");
    out.push_str(r.severity().as_str());
    out.push_str("\",\"instrument\":");
    string(out, r.instrument_id());
    out.push_str(",\"force\":\"");
    out.push_str(r.force().as_str());
    out.push_str("\",\"area\":");
    string(out, r.area());
    out.push_str(",\"missing\":[");
    missing_and_inputs(out, r, values, |out, i| {
        string(out, &r.rule.reads[i]);
        out.push(':');
    });
    rest_of_result(out, r);
}

/// The status after its opening quote, and the status before a waiver if there was one.
fn status_fields(out: &mut String, r: &RuleResult) {
    out.push_str(r.status.as_str());
    out.push('"');
    if let Some(raw) = r.raw_status {
        out.push_str(",\"raw_status\":\"");
        out.push_str(raw.as_str());
        out.push('"');
    }
}

/// From `},"message":` to the end of a result.
fn rest_of_result(out: &mut String, r: &RuleResult) {
    out.push_str("},\"message\":");
    optional_string(out, r.message.as_deref());
    if let Some(w) = r.waiver {
        out.push_str(",\"waiver\":");
        waiver(out, w);
    }
    if let Some(rec) = &r.recommendation {
        out.push_str(",\"recommendation\":");
        string(out, rec);
    }
    if let Some(g) = r.grade {
        out.push_str(",\"grade\":\"");
        out.push_str(g.as_str());
        out.push('"');
    }
    out.push('}');
}

fn waiver(out: &mut String, w: &Waiver) {
    out.push_str("{\"rule\":");
    string(out, &w.rule);
    out.push_str(",\"jurisdiction\":");
    string(out, &w.jurisdiction);
    out.push_str(",\"reason\":");
    string(out, &w.reason);
    out.push_str(",\"approved_by\":");
    string(out, &w.approved_by);
    out.push_str(",\"until\":");
    string(out, &w.until);
    out.push('}');
}

fn answer(out: &mut String, v: &AnswerValue) {
    match v {
        AnswerValue::Bool(true) => out.push_str("true"),
        AnswerValue::Bool(false) => out.push_str("false"),
        AnswerValue::Int(n) => {
            if *n < 0 {
                out.push('-');
            }
            integer(out, n.unsigned_abs());
        }
        AnswerValue::Text(s) => string(out, s),
        AnswerValue::Set(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, item);
            }
            out.push(']');
        }
    }
}

fn optional_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// A score or completeness: `null` when there is none, and as serde_json writes a float
/// otherwise (with its own writer, zmij; a NaN or infinity is `null` there too).
fn optional_float(out: &mut String, f: Option<f64>) {
    match f {
        Some(x) if x.is_finite() => out.push_str(zmij::Buffer::new().format_finite(x)),
        _ => out.push_str("null"),
    }
}

/// Decimal digits with itoa (two at a time, no validation of its own output): the
/// formatting machinery cost more than the digits, and a loop of its own here 100
/// instructions a number (70,000 numbers in the 1,000-file run).
fn integer(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// A JSON string literal. Most strings here need no escaping at all, so they are copied
/// whole; the rest go through serde_json, which decides how each character is escaped.
fn string(out: &mut String, s: &str) {
    if needs_escape(s.as_bytes()) {
        serde_fallback(out, s);
    } else {
        out.reserve(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

/// Whether any byte must be escaped: a control character, `"` or `\`. Eight bytes are
/// tested at once as one `u64` (the usual "has a zero byte" / "has a byte below n" bit
/// tricks, exact as a yes or no); the byte-by-byte test cost four instructions a byte, and
/// this test runs on every string of every result (callgrind: 13% of the 1,000-file run).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS != 0;
    let has = |x: u64, b: u8| below(x ^ (ONES * u64::from(b)), 1);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let x = u64::from_ne_bytes(word.try_into().expect("eight bytes"));
        if below(x, 0x20) || has(x, b'"') || has(x, b'\\') {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

fn serde_fallback<T: serde::Serialize + ?Sized>(out: &mut String, v: &T) {
    out.push_str(&serde_json::to_string(v).expect("a JSON value serialises"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Grade;
    use crate::model::{Force, Severity, Status};

    /// The names written by hand are the names serde's derive gives each variant.
    #[test]
    fn enum_names_are_serdes() {
        for s in Status::ALL {
            assert_eq!(
                format!("\"{}\"", s.as_str()),
                serde_json::to_string(&s).unwrap()
            );
        }
        for (_, s) in Severity::ALL {
            assert_eq!(
                format!("\"{}\"", s.as_str()),
                serde_json::to_string(&s).unwrap()
            );
        }
        for (_, f) in Force::ALL {
            assert_eq!(
                format!("\"{}\"", f.as_str()),
                serde_json::to_string(&f).unwrap()
            );
        }
        for g in [
            Grade::Urges,
            Grade::Requests,
            Grade::Invites,
            Grade::Encourages,
        ] {
            assert_eq!(
                format!("\"{}\"", g.as_str()),
                serde_json::to_string(&g).unwrap()
            );
        }
    }

    /// Strings needing escapes, non-ASCII and DEL are written as serde writes them.
    /// The word-at-a-time test agrees with the byte-by-byte one for every byte value at
    /// every position of strings of every length up to three words, next to any neighbour.
    #[test]
    fn needs_escape_is_exact() {
        let slow = |bytes: &[u8]| bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        for len in 1..=24 {
            for pos in 0..len {
                for b in 0..=255u8 {
                    for fill in [b'a', 0x7f, 0x80, 0xff, b' ', b'!', b'#', b'[', b']'] {
                        let mut bytes = vec![fill; len];
                        bytes[pos] = b;
                        assert_eq!(needs_escape(&bytes), slow(&bytes), "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        for s in [
            "",
            "plain",
            "quote \" here",
            "back\\slash",
            "tab\tnew\nline\r",
            "\u{0}\u{1f}\u{7f}",
            "Ø ü — 𝄞 \u{2028}",
            "</script>",
            "a long string of thirty-two bytes \" escaped late in its last chunk",
            "exactly sixteen!",
        ] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    /// Answer values of every shape and the integers at the edges of their range.
    #[test]
    fn answers_are_written_as_serde_writes_them() {
        let mut values = vec![
            AnswerValue::Bool(true),
            AnswerValue::Bool(false),
            AnswerValue::Text("x\"y".into()),
            AnswerValue::Set(vec![]),
            AnswerValue::Set(vec!["a".into(), "b\\c".into()]),
        ];
        for n in [0, 9, 10, -1, -7, -10, 1234567890, i64::MIN, i64::MAX] {
            values.push(AnswerValue::Int(n));
        }
        for v in values {
            let mut out = String::new();
            answer(&mut out, &v);
            assert_eq!(out, serde_json::to_string(&v).unwrap(), "{v:?}");
        }
    }

    #[test]
    fn floats_are_written_as_serde_writes_them() {
        let values = [
            Some(0.0),
            Some(-0.0),
            Some(1.0),
            Some(0.5),
            Some(0.3333),
            Some(0.6667),
            Some(1e-7),
            Some(123456.789),
            Some(f64::NAN),
            Some(f64::INFINITY),
            None,
        ];
        for f in values {
            let mut out = String::new();
            optional_float(&mut out, f);
            assert_eq!(out, serde_json::to_string(&f).unwrap(), "{f:?}");
        }
    }

    #[test]
    fn integers_are_written_as_serde_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 4_096, u64::MAX] {
            let mut out = String::new();
            integer(&mut out, n);
            assert_eq!(out, serde_json::to_string(&n).unwrap());
        }
    }
}
