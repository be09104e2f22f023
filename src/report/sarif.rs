//! Diagnostics as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), so
//! `rules lint` and `validate` findings show up in code review tools as annotations on the
//! line they are about. docs/sarif.md says what maps to what.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic, Level};

/// What a group of messages is about, for the SARIF `ruleId` of a message without a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// `rules lint`: messages of the loader (a file that does not load) are `rule-set`.
    RuleSet,
    /// `validate`: the answers of self-assessments, `assessment`.
    Assessment,
}

/// The SARIF log of `diagnostics`: one run of acquis, one result per message, in the order
/// given, and one rule descriptor per kind of message that occurs.
pub fn log(diagnostics: &[Diagnostic], subject: Subject) -> Value {
    let fallback = match subject {
        Subject::RuleSet => Code::RuleSet,
        Subject::Assessment => Code::Assessment,
    };
    let code_of = |d: &Diagnostic| d.code.unwrap_or(fallback);
    let mut codes: Vec<Code> = Vec::new();
    for d in diagnostics {
        let code = code_of(d);
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| json!({ "id": code.id(), "shortDescription": { "text": code.checks() } }))
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let code = code_of(d);
            let index = codes.iter().position(|c| *c == code).unwrap_or(0);
            result(d, code.id(), index)
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "acquis",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            // acquis counts columns in characters, not bytes or UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// The log as the text `--format sarif` writes.
pub fn text(diagnostics: &[Diagnostic], subject: Subject) -> String {
    let mut out =
        serde_json::to_string_pretty(&log(diagnostics, subject)).expect("a SARIF log serialises");
    out.push('\n');
    out
}

fn result(d: &Diagnostic, code: &str, index: usize) -> Value {
    // SARIF's message is plain text; the fix goes after the problem, as on the terminal.
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let mut location = json!({ "artifactLocation": { "uri": uri_reference(&d.file) } });
    // Line 0 is "the whole file": SARIF then has no region at all.
    if d.pos.line > 0 {
        let mut region = json!({ "startLine": d.pos.line });
        if d.pos.col > 0 {
            region["startColumn"] = json!(d.pos.col);
        }
        if let Some(line) = &d.line_text {
            region["snippet"] = json!({ "text": line });
        }
        location["region"] = region;
    }
    json!({
        "ruleId": code,
        "ruleIndex": index,
        "level": match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
        },
        "message": { "text": message },
        "locations": [{ "physicalLocation": location }],
    })
}

/// A file name as a URI reference (RFC 3986): path separators become `/`, every byte
/// outside the unreserved set is percent-encoded (a space or `#` in a folder name cannot turn
/// into a fragment or an invalid URI), and an absolute path becomes a `file:` URI.
fn uri_reference(file: &str) -> String {
    let path = file.replace('\\', "/");
    let (mut out, rest) = if let Some(rest) = path.strip_prefix('/') {
        ("file:///".to_owned(), rest)
    } else if path.as_bytes().get(1) == Some(&b':') && path.as_bytes().get(2) == Some(&b'/') {
        // A Windows drive letter: `C:/x` is `file:///C:/x`.
        (format!("file:///{}", &path[..2]), &path[2..])
    } else {
        (String::new(), path.as_str())
    };
    for byte in rest.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    #[test]
    fn a_file_name_becomes_a_relative_uri_reference() {
        assert_eq!(
            uri_reference("rules/a b/#1é.yaml"),
            "rules/a%20b/%231%C3%A9.yaml"
        );
        assert_eq!(uri_reference(r"rules\x.yaml"), "rules/x.yaml");
        assert_eq!(uri_reference("/tmp/r s/x.yaml"), "file:///tmp/r%20s/x.yaml");
        assert_eq!(uri_reference(r"C:\r\x.yaml"), "file:///C:/r/x.yaml");
    }

    #[test]
    fn a_message_about_a_whole_file_has_no_region_and_codes_share_one_descriptor() {
        let ds = [
            Diagnostic::warning("rules/q.yaml", Pos::FILE, "no rule reads question `x.y`")
                .with_code(Code::UnreadQuestion),
            Diagnostic::error("rules/r.yaml", Pos::new(3, 5), "bad").with_help("fix it"),
            Diagnostic::warning("rules/q.yaml", Pos::FILE, "no rule reads question `x.z`")
                .with_code(Code::UnreadQuestion),
        ];
        let log = log(&ds, Subject::RuleSet);
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        let results = run["results"].as_array().unwrap();
        assert_eq!(results[2]["ruleIndex"], 0);
        assert_eq!(results[1]["ruleId"], "rule-set");
        assert_eq!(rules[1]["id"], "rule-set");
        assert_eq!(results[1]["message"]["text"], "bad\nhelp: fix it");
        let region = &results[1]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].clone(), region["startColumn"].clone()),
            (json!(3), json!(5))
        );
        assert!(
            results[0]["locations"][0]["physicalLocation"]
                .get("region")
                .is_none()
        );
    }
}
