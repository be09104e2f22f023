//! The coordinator's path: `init`, `validate`, `explain`, `check --watch`.

mod common;

use std::io::Read;
use std::time::{Duration, Instant};

use common::{acquis, acquis_in, write};

fn init(dir: &std::path::Path, code: &str) -> (common::Run, String) {
    let path = dir.join(format!("{}-2025.yaml", code.to_lowercase()));
    let run = acquis(&[
        "init",
        "--jurisdiction",
        code,
        "--period",
        "2025",
        "-o",
        &path.display().to_string(),
    ]);
    (run, path.display().to_string())
}

#[test]
fn init_writes_a_blank_assessment_that_validates_and_checks_as_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let (run, file) = init(dir.path(), "XA");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "# yaml-language-server: $schema=./acquis-assessment.schema.json"
    );
    assert!(dir.path().join("acquis-assessment.schema.json").exists());
    assert!(
        text.contains(
            "  # ── Criminal record checks for work with children (ECRIS) ──\n  ecris:\n"
        ),
        "sections have a heading comment"
    );
    assert!(
        text.contains("    # 7.10 Whom does that requirement to check cover?\n"),
        "question number and text as a comment"
    );
    assert!(
        text.contains("    # Answer: one of `with_safeguards`, `without_safeguards`, `none`.\n"),
        "allowed values as a comment"
    );
    assert!(
        text.contains("# Legal basis: Directive 2011/93/EU, Art. 10(2)."),
        "legal basis as a comment"
    );
    assert!(text.contains("    vetting_roles: null\n"));
    let validate = acquis(&["validate", &file]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    let check = acquis(&["check", &file, "--format", "json"]).json();
    for r in check["results"].as_array().unwrap() {
        let status = r["status"].as_str().unwrap();
        assert!(
            status == "unanswered" || status == "not_applicable",
            "{}: {status}",
            r["rule"]
        );
    }
}

#[test]
fn init_for_denmark_leaves_out_directive_only_questions() {
    let dir = tempfile::tempdir().unwrap();
    let (run, file) = init(dir.path(), "DK");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("\n  offences:\n"),
        "offences are asked only for the Directive"
    );
    assert!(
        !text.contains("entitled_voluntary"),
        "Directive Art. 10(2) only"
    );
    assert!(
        text.contains("    vetting_duty: null\n"),
        "the Council conclusions address Denmark"
    );
    assert!(
        text.contains("    programme_for_people_at_risk: null\n"),
        "also read by the EU strategy's rules"
    );
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let (_, file) = init(dir.path(), "XA");
    std::fs::write(&file, "my answers\n").unwrap();
    let (again, _) = init(dir.path(), "XA");
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my answers\n");
    let forced = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "-o",
        &file,
        "--force",
    ]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("# yaml-language-server")
    );
}

#[test]
fn init_defaults_to_code_and_period_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = acquis_in(
        dir.path(),
        &["init", "--jurisdiction", "SI", "--period", "2026"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("si-2026.yaml").exists());
    let unknown = acquis_in(dir.path(), &["init", "--jurisdiction", "SL"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown jurisdiction `SL`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn validate_reports_completeness_and_the_questions_that_decide_most() {
    let example = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = acquis(&["validate", &example]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("xa-2025.yaml: valid"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(" questions that apply to XA are answered ("),
        "{}",
        run.stdout
    );
    // Lines are wrapped: read the text as one line.
    let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    let counts: Vec<usize> = flat
        .split(": decides ")
        .skip(1)
        .map(|rest| rest.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(!counts.is_empty(), "{}", run.stdout);
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "ordered by rules decided: {counts:?}"
    );
}

#[test]
fn explain_shows_the_answers_read_and_why() {
    let example = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = acquis(&["explain", "dir-2011-93.art3-5-i.abuse-of-trust", &example]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for part in [
        "dir-2011-93.art3-5-i.abuse-of-trust — Sexual abuse of a position of trust",
        "status for XA (2025): unanswered",
        "Directive 2011/93/EU, Art. 3(5)(i)",
        "check:        a.offences.trust_below_aoc_max_years >= 8 && a.offences.trust_above_aoc_max_years >= 3",
        "  2.5 offences.trust_below_aoc_max_years = 13 (line 31)\n      What is the maximum term",
        "evidence: Criminal Code, s. 18",
        // A follow-up question points to the one it follows, listed just above.
        "  2.6 offences.trust_above_aoc_max_years = empty (line 33)\n      And when the child is over the age of sexual consent? (follows 2.5)\n",
        "unanswered: 2.6 (offences.trust_above_aoc_max_years, line 33) is empty",
    ] {
        assert!(
            run.stdout.contains(part),
            "missing {part:?} in:\n{}",
            run.stdout
        );
    }
    let dk = format!(
        "{}/seeds/assessments/dk-2025-illustrative.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let na = acquis(&[
        "explain",
        "dir-2011-93.art22.programmes-for-people-at-risk",
        &dk,
    ]);
    assert!(
        na.stdout
            .contains("not applicable: Directive 2011/93/EU on combating"),
        "{}",
        na.stdout
    );
    assert!(
        na.stdout.contains("does not bind or address DK"),
        "{}",
        na.stdout
    );
    let typo = acquis(&[
        "explain",
        "dir-2011-93.art22.programmes-for-people-at-rsk",
        &dk,
    ]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr
            .contains("did you mean `dir-2011-93.art22.programmes-for-people-at-risk`?"),
        "{}",
        typo.stderr
    );
}

#[test]
fn watch_rechecks_on_every_save_and_survives_a_half_written_file() {
    let dir = tempfile::tempdir().unwrap();
    let head = "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n";
    let file = write(
        dir.path(),
        "a.yaml",
        &format!("{head}    entitled_professional: true\n    entitled_voluntary: true\n"),
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("acquis"))
        .args([
            "check",
            "--watch",
            "--watch-rounds",
            "3",
            "--fail-on",
            "never",
            &file,
        ])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    let started = Instant::now();
    let mut wait_for = |needle: &str, seen: &mut String| {
        let mut buf = [0u8; 4096];
        while !seen.contains(needle) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out waiting for {needle:?}:\n{seen}"
            );
            let n = stdout.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    };
    wait_for("watching", &mut seen);
    // A save caught half-way: not valid YAML.
    std::fs::write(&file, format!("{head}    entitled_professional: [tr")).unwrap();
    wait_for("round 2", &mut seen);
    wait_for("watching", &mut seen);
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        &file,
        format!("{head}    entitled_professional: false\n    entitled_voluntary: false\n"),
    )
    .unwrap();
    wait_for("round 3", &mut seen);
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    seen.push_str(&rest);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success() || status.code() == Some(2), "{status:?}");
    let rounds: Vec<&str> = seen.split("── ").collect();
    assert!(rounds.len() >= 4, "{seen}");
    assert!(
        rounds[1].contains("✓ 1 met"),
        "first round: both entitlements met:\n{}",
        rounds[1]
    );
    assert!(
        err.contains("the YAML parser says"),
        "the half-written save is reported:\n{err}"
    );
    assert!(
        rounds[3].contains("✗ 1 gap "),
        "third round sees the new answers:\n{}",
        rounds[3]
    );
}

/// A coordinator types `si` or `xa`: codes are read in any case, and reports use the
/// catalogue's spelling.
#[test]
fn jurisdiction_codes_are_read_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let (run, file) = init(dir.path(), "xa");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\njurisdiction: XA\n")
    );

    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/assessments/xa-2025.yaml"
    ))
    .unwrap()
    .replace("\njurisdiction: XA\n", "\njurisdiction: xa\n");
    assert!(text.contains("\njurisdiction: xa\n"));
    let lower = write(dir.path(), "lower.yaml", &text);
    let run = acquis(&["check", &lower, "--format", "json"]);
    assert_eq!(run.code, 1, "gaps, as with XA: {}", run.stderr);
    assert_eq!(run.json()["jurisdiction"], "XA");

    let run = acquis(&[
        "init",
        "--jurisdiction",
        "xq",
        "--period",
        "2025",
        "-o",
        &dir.path().join("x.yaml").display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown jurisdiction `xq`"),
        "{}",
        run.stderr
    );
}

/// Without --period, `init` names the file after the current year; the docs give --period in
/// every `init` they show, so what they say a command writes is true in any year.
#[test]
fn the_default_period_is_the_current_year_and_the_docs_never_rely_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let run = acquis_in(dir.path(), &["init", "--jurisdiction", "SI"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    // The civil year of a day number (days since 1970-01-01), as in Howard Hinnant's algorithm.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + i64::from(mp >= 10);
    assert!(
        dir.path().join(format!("si-{year}.yaml")).exists(),
        "{}",
        run.stdout
    );

    let root = env!("CARGO_MANIFEST_DIR");
    let mut docs = vec![format!("{root}/README.md")];
    for entry in std::fs::read_dir(format!("{root}/docs")).unwrap() {
        docs.push(entry.unwrap().path().display().to_string());
    }
    let mut seen = 0;
    for doc in &docs {
        let text = std::fs::read_to_string(doc).unwrap();
        for (n, line) in text.lines().enumerate() {
            for command in line.split("acquis init").skip(1) {
                let command = command.split(['`', '|']).next().unwrap_or("");
                if command.trim().is_empty() || command.starts_with(" --help") {
                    continue;
                }
                seen += 1;
                assert!(
                    command.contains("--period"),
                    "{doc}:{}: `acquis init{command}` depends on the year it is run",
                    n + 1
                );
            }
        }
    }
    assert!(seen >= 4, "the docs show `acquis init` ({seen} found)");
}

#[test]
fn init_help_lists_every_jurisdiction_code_of_the_built_in_catalogue() {
    let help = acquis(&["init", "--help"]).stdout;
    let seeds = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/jurisdictions.yaml"
    ))
    .unwrap();
    let codes: Vec<&str> = seeds
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("- code: ")
                .or(l.trim().strip_prefix("code: "))
        })
        .map(|c| c.trim_matches('"'))
        .collect();
    assert!(codes.len() >= 30, "{codes:?}");
    for code in codes {
        assert!(
            help.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| word == code),
            "`acquis init --help` does not list {code}:\n{help}"
        );
    }
}
