//! Hostile and malformed inputs: each ends with exit 2 and a clear message naming the
//! file (with line and column where there is one), in bounded time, never a panic,
//! and nothing written. Self-assessments, rule files and waiver files alike.

mod common;

use std::path::Path;

use common::{acquis, fixture, write};

const HEAD: &str = "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\n";

fn billion_laughs(prefix: &str) -> String {
    let mut lines = vec![format!(
        "{prefix}a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"
    )];
    for i in 1..10u8 {
        let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        lines.push(format!(
            "{c}: &{c} [{}]",
            vec![format!("*{p}"); 9].join(",")
        ));
    }
    lines.join("\n") + "\n"
}

/// Writes `bytes` as `name` in a fresh folder, runs `acquis check` on it with `-o`, and
/// checks the exit code, that no output was written and that stderr has `expected`
/// (where `{f}` stands for the file's path).
fn assessment_case(name: &str, bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let f = path.display().to_string();
    let out = dir.path().join("out.json");
    let run = acquis(&[
        "check",
        &f,
        "--format",
        "json",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 2, "{name}: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    assert!(!out.exists(), "{name}: output written");
    let expected = expected.replace("{f}", &f);
    assert!(
        run.stderr.contains(&expected),
        "{name}: expected `{expected}` in:\n{}",
        run.stderr
    );
}

#[test]
fn empty_and_comment_only_files() {
    assessment_case("empty.yaml", b"", "{f}: error: the file is empty");
    assessment_case(
        "comments.yaml",
        b"# nothing\n# here\n",
        "{f}: error: the file is empty",
    );
}

#[test]
fn a_list_at_the_root() {
    assessment_case(
        "list.yaml",
        b"- a\n- b\n",
        "{f}:1:1: error: a self-assessment must be a mapping of `key: value` lines, not a list",
    );
}

#[test]
fn binary_junk() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend([0u8, 1, 2, 3, 0xfe, 0xff, 0x80]);
    assessment_case(
        "junk.yaml",
        &bytes,
        "{f}:4:5: error: the file is not valid UTF-8 text",
    );
    let mut nul = HEAD.as_bytes().to_vec();
    nul.extend(b"answers: {}\n\x00\x01\x02");
    assessment_case(
        "nul.yaml",
        &nul,
        "{f}:5:1: error: a control character, which cannot stand in a text file",
    );
}

#[test]
fn invalid_utf8_is_located() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend(b"prepared_by: caf\xe9\nanswers: {}\n");
    assessment_case(
        "latin1.yaml",
        &bytes,
        "{f}:4:17: error: the file is not valid UTF-8 text",
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bom.yaml",
        &format!("\u{feff}{HEAD}answers: {{}}\n"),
    );
    let run = acquis(&["validate", &f]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn tabs_for_indentation() {
    assessment_case(
        "tabs.yaml",
        format!("{HEAD}answers:\n\tecris:\n\t\tperiodic_rechecks: true\n").as_bytes(),
        "{f}:5:2: error: a tab character where YAML needs spaces",
    );
}

#[test]
fn duplicate_keys() {
    assessment_case(
        "dup.yaml",
        format!(
            "{HEAD}answers:\n  ecris:\n    periodic_rechecks: true\n    periodic_rechecks: false\n"
        )
        .as_bytes(),
        "{f}:7:5: error: `periodic_rechecks` appears twice in the same mapping",
    );
}

#[test]
fn an_alias_bomb() {
    assessment_case(
        "bomb.yaml",
        billion_laughs(HEAD).as_bytes(),
        "error: the file expands to more than 200000 values",
    );
}

#[test]
fn ten_thousand_levels_of_nesting() {
    let deep = format!(
        "{HEAD}answers: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assessment_case("deep.yaml", deep.as_bytes(), "{f}:4:");
    assessment_case(
        "deep2.yaml",
        deep.as_bytes(),
        "error: the values nest more than 32 levels deep",
    );
}

#[test]
fn a_60_mb_answer_and_a_100_mb_file() {
    let mut answer = format!(
        "{HEAD}answers:\n  ecris:\n    periodic_rechecks:\n      value: true\n      evidence: \""
    )
    .into_bytes();
    answer.extend(std::iter::repeat_n(b'x', 60 * 1024 * 1024));
    answer.extend(b"\"\n");
    assessment_case(
        "answer60.yaml",
        &answer,
        "{f}: error: the file is too large (60.0 MB); acquis reads files of at most 8 MB",
    );
    let mut big = HEAD.as_bytes().to_vec();
    big.extend(std::iter::repeat_n(b'#', 100 * 1024 * 1024));
    assessment_case(
        "file100.yaml",
        &big,
        "{f}: error: the file is too large (100.0 MB)",
    );
    // Within the file limit, a single answer is still bounded.
    let long = format!(
        "{HEAD}answers:\n  ecris:\n    periodic_rechecks:\n      value: true\n      evidence: \"{}\"\n",
        "x".repeat(25_000)
    );
    assessment_case(
        "long-evidence.yaml",
        long.as_bytes(),
        "{f}:8:17: error: `evidence` is longer than 20000 characters",
    );
}

#[test]
fn integers_beyond_i64() {
    assessment_case(
        "bigint.yaml",
        format!("{HEAD}answers:\n  icse:\n    certified_users: 99999999999999999999\n").as_bytes(),
        "is too large: whole numbers go up to 9223372036854775807",
    );
}

#[test]
fn yaml_tags_are_refused() {
    assessment_case(
        "tag.yaml",
        format!(
            "{HEAD}answers:\n  ecris:\n    periodic_rechecks: !!python/object/apply:os.system [ls]\n"
        )
        .as_bytes(),
        "{f}:6:",
    );
    assessment_case(
        "tag2.yaml",
        format!(
            "{HEAD}answers:\n  ecris:\n    periodic_rechecks: !!python/object/apply:os.system [ls]\n"
        )
        .as_bytes(),
        "error: a `!` tag, which acquis does not read (unsupported tag",
    );
}

#[test]
fn header_problems() {
    assessment_case(
        "version.yaml",
        b"acquis: assessment/99\njurisdiction: XA\nperiod: \"2025\"\nanswers: {}\n",
        "{f}:1:9: error: unsupported file version `assessment/99`",
    );
    assessment_case(
        "nojur.yaml",
        b"acquis: assessment/1\nperiod: \"2025\"\nanswers: {}\n",
        "{f}:1:1: error: a self-assessment is missing the required field `jurisdiction`",
    );
    assessment_case(
        "unknownjur.yaml",
        b"acquis: assessment/1\njurisdiction: GR\nperiod: \"2025\"\nanswers: {}\n",
        "{f}:2:15: error: unknown jurisdiction `GR`",
    );
    assessment_case(
        "answerslist.yaml",
        format!("{HEAD}answers: [a, b]\n").as_bytes(),
        "{f}:4:10: error: `answers` must be a mapping",
    );
    assessment_case(
        "twodocs.yaml",
        format!("{HEAD}answers: {{}}\n---\n{HEAD}answers: {{}}\n").as_bytes(),
        "{f}:5:1: error: the file holds more than one YAML document",
    );
}

#[test]
fn unknown_sections_and_questions() {
    assessment_case(
        "section.yaml",
        format!("{HEAD}answers:\n  ecri:\n    x: 1\n").as_bytes(),
        "{f}:5:3: error: unknown section `ecri`",
    );
    assessment_case(
        "question.yaml",
        format!("{HEAD}answers:\n  ecris:\n    checks_mandatry: true\n").as_bytes(),
        "{f}:6:5: error: unknown question `checks_mandatry` in section `ecris`",
    );
}

#[test]
fn wrong_types_for_each_question_type() {
    for (answer, expected) in [
        (
            "ecris:\n    periodic_rechecks: yes",
            "{f}:6:24: error: `ecris.periodic_rechecks` expects `true` or `false`, not `yes`",
        ),
        (
            "icse:\n    certified_users: \"3\"",
            "{f}:6:22: error: `icse.certified_users` expects a whole number from 0 to 100000, not `\"3\"`",
        ),
        (
            "icse:\n    certified_users: .nan",
            "{f}:6:22: error: `.nan` and `.inf` are not numbers acquis reads",
        ),
        (
            "ecris:\n    request_channel: 3",
            "{f}:6:22: error: `ecris.request_channel` expects one of `ecris`, `bilateral`, `none`, not `3`",
        ),
        (
            "prevention:\n    awareness_topics: online_grooming",
            "{f}:6:23: error: `prevention.awareness_topics` expects a list of any of",
        ),
        (
            "prevention:\n    awareness_topics: [[online_grooming]]",
            "{f}:6:24: error: the values of `prevention.awareness_topics` must be words, not a list",
        ),
        (
            "governance:\n    legislation_assessed: [within_5_years]",
            "{f}:6:27: error: `governance.legislation_assessed` expects one of",
        ),
    ] {
        let name = format!("type-{}.yaml", answer.len());
        assessment_case(
            &name,
            format!("{HEAD}answers:\n  {answer}\n").as_bytes(),
            expected,
        );
    }
}

#[test]
fn values_out_of_range_and_not_allowed() {
    assessment_case(
        "range.yaml",
        format!("{HEAD}answers:\n  offences:\n    possession_max_years: 120\n").as_bytes(),
        "{f}:6:27: error: `offences.possession_max_years` is 120, outside the allowed range",
    );
    assessment_case(
        "setvalue.yaml",
        format!("{HEAD}answers:\n  prevention:\n    awareness_topics: [online_groming]\n")
            .as_bytes(),
        "{f}:6:24: error: `online_groming` is not an allowed value of `prevention.awareness_topics`",
    );
    assessment_case(
        "date.yaml",
        format!("{HEAD}date: 2025-02-30\nanswers: {{}}\n").as_bytes(),
        "{f}:4:7: error: `2025-02-30` is not a date",
    );
}

#[test]
fn long_form_with_unknown_keys_or_wrong_shapes() {
    assessment_case(
        "longform.yaml",
        format!(
            "{HEAD}answers:\n  ecris:\n    periodic_rechecks: {{ value: true, source: Act }}\n"
        )
        .as_bytes(),
        "{f}:6:39: error: unknown field `source` in the answer to `ecris.periodic_rechecks`",
    );
    assessment_case(
        "evidencelist.yaml",
        format!(
            "{HEAD}answers:\n  ecris:\n    periodic_rechecks: {{ value: true, evidence: [a, b] }}\n"
        )
        .as_bytes(),
        "{f}:6:49: error: `evidence` must be text, not a list",
    );
    assessment_case(
        "complexkey.yaml",
        format!("{HEAD}answers:\n  ? [a, b]\n  : 1\n").as_bytes(),
        "{f}:5:5: error: a key that is not a plain name",
    );
}

// ---------------------------------------------------------------- rule files

/// A rule set with the fixture questionnaire and one rule file holding `bytes`.
fn rule_case(bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let questions =
        std::fs::read_to_string(format!("{}/questions/s.yaml", fixture("logic"))).unwrap();
    write(dir.path(), "questions/s.yaml", &questions);
    std::fs::create_dir_all(dir.path().join("cc-2019")).unwrap();
    let path = dir.path().join("cc-2019/bad.yaml");
    std::fs::write(&path, bytes).unwrap();
    let run = acquis(&[
        "rules",
        "lint",
        "--rules",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let expected = expected.replace("{f}", &path.display().to_string());
    assert!(
        run.stderr.contains(&expected),
        "expected `{expected}` in:\n{}",
        run.stderr
    );
}

const RULE: &str = "id: cc-2019.para16.x\ntitle: T\ninstrument: cc-2019\narea: logic\nseverity: low\nobligation: O.\nsources: [{ doc: cc-2019, ref: para 16 }]\nremedy: R.\n";

#[test]
fn hostile_rule_files() {
    rule_case(b"", "{f}: error: the file is empty");
    rule_case(b"- a\n", "{f}:1:1: error: a rule must be a mapping");
    rule_case(
        b"id: \xff\xfe\n",
        "{f}:1:5: error: the file is not valid UTF-8 text",
    );
    rule_case(
        format!("{RULE}check: a.s.x\ncheck: a.s.y\n").as_bytes(),
        "{f}:10:1: error: `check` appears twice in the same mapping",
    );
    rule_case(
        format!("{RULE}check: !!python/object/apply:os.system [ls]\n").as_bytes(),
        "error: a `!` tag, which acquis does not read (unsupported tag",
    );
    rule_case(
        billion_laughs(RULE).as_bytes(),
        "error: the file expands to more than 200000 values",
    );
    rule_case(
        format!(
            "{RULE}examples: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .as_bytes(),
        "error: the values nest more than 32 levels deep",
    );
    // A condition of 100,000 characters: refused when compiled, with its position.
    let long = vec!["a.s.x"; 20_000].join(" && ");
    rule_case(format!("{RULE}check: {long}\n").as_bytes(), "{f}:9:");
}

// ---------------------------------------------------------------- waiver files

fn waiver_case(bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let assessment = write(dir.path(), "a.yaml", &format!("{HEAD}answers: {{}}\n"));
    let path = dir.path().join("waivers.yaml");
    std::fs::write(&path, bytes).unwrap();
    let run = acquis(&[
        "check",
        &assessment,
        "--waivers",
        &path.display().to_string(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let expected = expected.replace("{f}", &path.display().to_string());
    assert!(
        run.stderr.contains(&expected),
        "expected `{expected}` in:\n{}",
        run.stderr
    );
}

const WAIVER: &str = "- rule: cc-2019.para16.comprehensive-vetting\n  jurisdiction: XA\n  reason: Law in preparation\n  approved_by: Evaluation lead\n";

#[test]
fn hostile_waiver_files() {
    waiver_case(
        b"rule: x\n",
        "{f}:1:1: error: the waivers file must be a list",
    );
    waiver_case(
        format!("{WAIVER}  until: 2026-02-30\n").as_bytes(),
        "{f}:5:10: error: `2026-02-30` is not a date",
    );
    waiver_case(
        format!("{WAIVER}  until: 2026-12-31\n  expires: soon\n").as_bytes(),
        "{f}:6:3: error: unknown field `expires` in a waiver",
    );
    waiver_case(
        format!("{WAIVER}  until: 2026-12-31\n  reason: again\n").as_bytes(),
        "{f}:6:3: error: `reason` appears twice in the same mapping",
    );
    waiver_case(
        format!("{WAIVER}  until: 2026-12-31\n  jurisdiction: XQ\n").as_bytes(),
        "`jurisdiction` appears twice in the same mapping",
    );
    waiver_case(
        b"- { rule: x, jurisdiction: XQ, reason: r, approved_by: a, until: 2026-01-01 }\n",
        "{f}:1:28: error: unknown jurisdiction `XQ`",
    );
    waiver_case(
        b"\xff\n",
        "{f}:1:1: error: the file is not valid UTF-8 text",
    );
    waiver_case(
        billion_laughs("").as_bytes(),
        "error: the file expands to more than 200000 values",
    );
}

#[test]
fn an_empty_waivers_file_is_no_waivers() {
    let dir = tempfile::tempdir().unwrap();
    let assessment = write(dir.path(), "a.yaml", &format!("{HEAD}answers: {{}}\n"));
    let waivers = write(dir.path(), "w.yaml", "# none yet\n");
    let run = acquis(&[
        "check",
        &assessment,
        "--waivers",
        &waivers,
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn inputs_are_never_changed() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/assessments/xa-2025.yaml");
    let before = std::fs::read(&example).unwrap();
    for format in ["text", "json", "md", "csv"] {
        acquis(&["check", &example.display().to_string(), "--format", format]);
    }
    acquis(&["validate", &example.display().to_string()]);
    assert_eq!(std::fs::read(&example).unwrap(), before);
}

#[test]
fn every_limit_is_documented() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/src/limits.rs")).unwrap();
    let docs = std::fs::read_to_string(format!("{root}/docs/limits.md")).unwrap();
    let names: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("pub const "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        assert!(
            docs.contains(&format!("`{name}`")),
            "docs/limits.md does not describe {name}"
        );
    }
}

/// An assessment given as a pipe (`acquis check <(…)`, a FIFO: its size says 0) is read to
/// its end, and gives what the file gives; a regular file is read up to the size it had.
#[test]
fn an_assessment_from_a_pipe_reads_as_the_file() {
    let example = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("xa.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    let writer = {
        let (fifo, example) = (fifo.clone(), example.clone());
        std::thread::spawn(move || std::fs::write(fifo, std::fs::read(example).unwrap()).unwrap())
    };
    let piped = acquis(&[
        "check",
        &fifo.display().to_string(),
        "--format",
        "csv",
        "--fail-on",
        "never",
    ]);
    writer.join().unwrap();
    let file = acquis(&["check", &example, "--format", "csv", "--fail-on", "never"]);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert_eq!(file.code, 0, "{}", file.stderr);
    assert!(file.stdout.lines().count() > 100, "{}", file.stdout);
    let fifo_name = fifo.display().to_string();
    assert!(
        piped.stdout.replace(&fifo_name, &example) == file.stdout,
        "the pipe's results are the file's"
    );
}
