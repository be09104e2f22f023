//! Editor support, tested with the real yaml-language-server (npm): a file written by
//! `acquis init` carries a modeline to the generated schema, so an editor underlines a
//! misspelled question id and a value that is not allowed, offers the allowed values,
//! and shows the question on hover. `.ci/run` installs the server (`npm ci` in
//! tests/lsp) and runs this test with `--include-ignored`; plain `cargo test` leaves it
//! out, and run without the server it fails.

mod common;

use std::path::Path;
use std::process::Command;

use common::acquis;

#[test]
#[ignore = "needs yaml-language-server in tests/lsp/node_modules (installed by .ci/run)"]
fn yaml_language_server_reports_mistakes_and_completes_values() {
    let lsp = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp");
    assert!(
        lsp.join("node_modules/yaml-language-server").exists(),
        "yaml-language-server is not installed: run `npm ci --prefix tests/lsp` (.ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("xa-2025.yaml");
    let run = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "-o",
        &file.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace(
            "    entitled_voluntary: null\n",
            "    entitled_volunteer: true\n",
        )
        .replace(
            "    vetting_legal_form: null\n",
            "    vetting_legal_form: legislatio\n",
        );
    std::fs::write(&file, &text).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.starts_with(needle)).unwrap();
    let (typo_line, enum_line) = (
        line_of("    entitled_volunteer:"),
        line_of("    vetting_legal_form:"),
    );
    let out = Command::new("node")
        .arg(lsp.join("check.mjs"))
        .arg(&file)
        .arg(enum_line.to_string())
        .arg("24")
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = seen["diagnostics"].as_array().unwrap();
    let at = |line: usize, words: &str| {
        diagnostics
            .iter()
            .any(|d| d["line"] == line && d["message"].as_str().unwrap().contains(words))
    };
    assert!(
        at(typo_line, "entitled_volunteer is not allowed"),
        "{diagnostics:?}"
    );
    assert!(
        at(
            enum_line,
            "\"legislation\", \"binding_condition\", \"guidance_only\""
        ),
        "{diagnostics:?}"
    );
    let labels: Vec<&str> = seen["completion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    for value in ["legislation", "binding_condition", "guidance_only"] {
        assert!(
            labels.contains(&value),
            "completion offers {value}: {labels:?}"
        );
    }
    assert!(
        seen["hover"]
            .as_str()
            .unwrap()
            .contains("Whom does that requirement to check cover?"),
        "{}",
        seen["hover"]
    );
}
