//! Hostile outputs (#14): closed pipes and full disks, outputs aimed at inputs, devices and
//! FIFOs as targets, temporary files, unsafe periods, content injected into reports, template
//! limits and costs that grew with the input. Each ends in a clean refusal (exit 2 and a
//! message) or the right result, never a panic, a lost write or a replaced input.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{acquis, acquis_in, write};

fn example() -> String {
    format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The example assessment of XA as another period, for `diff`.
fn next_period(dir: &Path) -> String {
    let text = std::fs::read_to_string(example()).unwrap();
    let next = text.replacen("period: \"2025\"", "period: \"2026\"", 1);
    assert_ne!(text, next, "the example's period is written as expected");
    write(dir, "xa-2026.yaml", &next)
}

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_acquis"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs `acquis args` with stdout on /dev/full; returns (exit code, stderr).
fn to_full_disk(dir: &Path, args: &[&str]) -> (i32, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full exists on Linux");
    let out = binary()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------- failed writes

#[test]
fn a_closed_pipe_ends_quietly() {
    // `acquis validate … | head -1`: the reader is gone before acquis writes.
    let files: Vec<String> = std::iter::repeat_n(example(), 50).collect();
    for args in [
        vec!["validate"],
        vec!["check", "--fail-on", "never"],
        vec!["rules", "list"],
        vec!["rules", "test"],
    ] {
        let mut cmd = binary();
        cmd.args(&args);
        if args[0] != "rules" {
            cmd.args(&files);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_closed_stderr_does_not_panic() {
    // `acquis validate bad.yaml 2>&1 | head -1`: messages to a closed pipe are dropped and
    // the exit code still tells the story (2), not a panic (101).
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.yaml",
        "acquis: assessment/1\njurisdiction: ZZ\n",
    );
    for args in [
        vec!["validate", bad.as_str()],
        vec![
            "check",
            bad.as_str(),
            "--template",
            "/dev/zero",
            "--format",
            "md",
        ],
        vec!["explain", "no.such.rule", bad.as_str()],
    ] {
        let mut child = binary()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn every_command_writing_to_a_full_disk_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let xa = example();
    let next = next_period(d);
    let book = d.join("xa.xlsx").display().to_string();
    let made = acquis(&["init", "--from", &xa, "--format", "xlsx", "-o", &book]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let rule = acquis(&["rules", "list"])
        .stdout
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", &xa, "--fail-on", "never"],
        vec!["check", &xa, "--format", "md", "--fail-on", "never"],
        vec!["matrix", &xa],
        vec!["diff", &xa, &next],
        vec!["schema", "assessment"],
        vec!["explain", &rule, &xa],
        vec!["validate", &xa],
        vec!["import", &book, "-o", "imported.yaml"],
        vec!["init", "--jurisdiction", "XA", "-o", "blank.yaml"],
        vec!["rules", "lint"],
        vec!["rules", "test"],
        vec!["rules", "list"],
        vec!["rules", "functions"],
    ];
    for args in &commands {
        let (code, stderr) = to_full_disk(d, args);
        assert_eq!(code, 2, "{args:?} to /dev/full: {stderr}");
        assert!(stderr.contains("No space left"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // And with -o /dev/full.
    for args in [
        vec!["check", &xa, "--fail-on", "never", "-o", "/dev/full"],
        vec!["matrix", &xa, "-o", "/dev/full"],
        vec!["diff", &xa, &next, "-o", "/dev/full"],
        vec!["schema", "rule", "-o", "/dev/full"],
    ] {
        let run = acquis_in(d, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("No space left"), "{}", run.stderr);
    }
}

// ---------------------------------------------------------------- protected inputs

#[test]
fn no_input_is_ever_an_output_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = env!("CARGO_MANIFEST_DIR");
    let xa = write(d, "xa.yaml", &std::fs::read_to_string(example()).unwrap());
    let template = write(d, "t.md.j2", "{{ r.jurisdiction }}\n");
    let waivers = write(d, "waivers.yaml", "[]\n");
    let rules = d.join("rules");
    let seeds = d.join("seeds");
    for (from, to) in [("rules", &rules), ("seeds", &seeds)] {
        let status = Command::new("cp")
            .args(["-r", &format!("{root}/{from}"), &to.display().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
    let rule_file = rules.join("questions").read_dir().unwrap().next().unwrap();
    let rule_file = rule_file.unwrap().path().display().to_string();
    let seed_file = seeds.join("jurisdictions.yaml").display().to_string();
    let (rules, seeds) = (rules.display().to_string(), seeds.display().to_string());
    let link = d.join("link.yaml");
    std::os::unix::fs::symlink(&xa, &link).unwrap();
    let link = link.display().to_string();
    let md = ["--format", "md", "--fail-on", "never"];
    let cases: Vec<Vec<&str>> = vec![
        [
            &["check", &xa, "--template", &template, "-o", &template][..],
            &md,
        ]
        .concat(),
        [
            &["check", &xa, "--waivers", &waivers, "-o", &waivers][..],
            &md,
        ]
        .concat(),
        [&["check", &xa, "-o", &link][..], &md].concat(),
        [
            &["check", &xa, "--rules", &rules, "-o", &rule_file][..],
            &md,
        ]
        .concat(),
        [
            &["check", &xa, "--seeds", &seeds, "-o", &seed_file][..],
            &md,
        ]
        .concat(),
        vec!["matrix", &xa, "--template", &template, "-o", &template],
        vec!["matrix", &xa, "--rules", &rules, "-o", &rule_file],
        vec!["diff", &xa, &xa, "-o", &link],
        vec!["schema", "rule", "--rules", &rules, "-o", &rule_file],
        vec!["schema", "rule", "--seeds", &seeds, "-o", &seed_file],
        vec![
            "init", "--from", &xa, "--format", "xlsx", "-o", &xa, "--force",
        ],
        vec![
            "init",
            "--jurisdiction",
            "XA",
            "--rules",
            &rules,
            "-o",
            &rule_file,
            "--force",
        ],
    ];
    let before: Vec<(String, Vec<u8>)> = [&xa, &template, &waivers, &rule_file, &seed_file]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(f).unwrap()))
        .collect();
    for args in &cases {
        let run = acquis_in(d, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("is one of the input files"),
            "{args:?}: {}",
            run.stderr
        );
    }
    for (file, bytes) in before {
        assert_eq!(std::fs::read(&file).unwrap(), bytes, "{file} changed");
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
}

// ---------------------------------------------------------------- output files

#[test]
fn devices_and_fifos_are_written_in_place() {
    let run = acquis(&["check", &example(), "--fail-on", "never", "-o", "/dev/null"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    use std::os::unix::fs::FileTypeExt;
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(
        null.file_type().is_char_device(),
        "/dev/null is still a device"
    );

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = acquis(&[
        "check",
        &example(),
        "--format",
        "json",
        "--fail-on",
        "never",
        "-o",
        &fifo.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Checked before joining the reader, which would wait forever on a replaced FIFO.
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    let received = reader.join().unwrap();
    let report: serde_json::Value = serde_json::from_str(&received).expect("the whole report");
    assert_eq!(report["jurisdiction"], "XA");
    assert_eq!(
        files_in(dir.path()),
        vec!["report.fifo"],
        "no temporary file left"
    );
}

#[test]
fn a_replaced_report_keeps_its_permissions_and_a_new_one_gets_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let kept = d.join("kept.md");
    std::fs::write(&kept, "old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    // A file this process creates shows the umask the child inherits.
    let probe = d.join("probe");
    std::fs::write(&probe, "").unwrap();
    let usual = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    std::fs::remove_file(&probe).unwrap();
    for target in ["kept.md", "new.md"] {
        let run = acquis_in(
            d,
            &[
                "check",
                &example(),
                "--format",
                "md",
                "--fail-on",
                "never",
                "-o",
                target,
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let mode = |name: &str| {
        std::fs::metadata(d.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("kept.md"), 0o640, "the replaced report keeps its mode");
    assert_eq!(mode("new.md"), usual, "a new report gets the usual mode");
    assert!(std::fs::read_to_string(&kept).unwrap().contains("XA"));
    assert_eq!(
        files_in(d),
        vec!["kept.md", "new.md"],
        "no temporary file left"
    );
}

#[test]
fn writing_to_the_terminal_needs_no_temporary_folder() {
    let out = binary()
        .env("TMPDIR", "/nonexistent")
        .args(["check", &example(), "--fail-on", "never"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("XA"));
}

#[test]
fn sigterm_removes_the_temporary_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Enough files that the run is still writing when the signal comes; the test waits
    // for the temporary file to appear rather than for a time.
    let files: Vec<String> = std::iter::repeat_n(example(), 3000).collect();
    let mut child = binary()
        .current_dir(d)
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "-o",
            "report.json",
        ])
        .args(&files)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let temporary = loop {
        let found: Vec<PathBuf> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".acquis-tmp"))
            .collect();
        if let Some(t) = found.into_iter().next() {
            break t;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before its temporary file was seen"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "no temporary file appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "ended by the handler");
    assert!(
        !temporary.exists(),
        "{} was left behind",
        temporary.display()
    );
    assert!(!d.join("report.json").exists(), "no half report");
}

// ---------------------------------------------------------------- periods and header fields

fn header(period: &str, extra: &str) -> String {
    format!(
        "acquis: assessment/1\njurisdiction: XA\nperiod: {period}\n{extra}answers:\n  ecris:\n    periodic_rechecks: true\n"
    )
}

/// Every file under `dir`, as paths relative to it.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_period_with_a_path_in_it_writes_nothing_outside() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("a/b/work");
    std::fs::create_dir_all(&work).unwrap();
    write(&work, "in.yaml", &header("\"2025/../../outside/x\"", ""));
    let run = acquis_in(&work, &["init", "--from", "in.yaml", "--format", "xlsx"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("in.yaml:3:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`period` contains `/`"),
        "{}",
        run.stderr
    );
    for period in ["../x", "a\\b", "2025\u{1b}]0;owned\u{7}"] {
        let run = acquis_in(&work, &["init", "--jurisdiction", "XA", "--period", period]);
        assert_eq!(run.code, 2, "{period:?}: {}", run.stderr);
        assert!(run.stderr.contains("error: `--period` "), "{}", run.stderr);
    }
    assert_eq!(
        tree(dir.path()),
        vec!["a/b/work/in.yaml"],
        "nothing was written"
    );
}

#[test]
fn header_fields_are_bounded_one_line_texts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = "9".repeat(201);
    let cases = [
        (
            header(&format!("\"{long}\""), ""),
            "`period` is 201 characters long",
        ),
        (
            header(
                "\"2025\"",
                &format!("prepared_by: \"{}\"\n", "x".repeat(5000)),
            ),
            "`prepared_by` is 5000 characters long",
        ),
        (
            header(
                "\"2025\"",
                "prepared_by: \"Ministry\\e]52;c;ZWNobyBvd25lZA==\\a\"\n",
            ),
            "`prepared_by` contains the control character U+001B",
        ),
        (
            header("\"20\\t25\"", ""),
            "`period` contains the control character U+0009",
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let file = write(d, &format!("h{i}.yaml"), text);
        let run = acquis(&["validate", &file]);
        assert_eq!(run.code, 2, "{text}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    // A 200-character period is still fine.
    let file = write(
        d,
        "ok.yaml",
        &header(&format!("\"{}\"", "9".repeat(200)), ""),
    );
    let run = acquis(&["validate", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn values_echoed_in_errors_are_cut() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "Q".repeat(1_000_000);
    let text = format!(
        "acquis: assessment/1\njurisdiction: \"{huge}\"\nperiod: \"2025\"\ndate: \"{huge}\"\nanswers:\n  ecris:\n    request_channel: \"{huge}\"\n"
    );
    let file = write(dir.path(), "huge.yaml", &text);
    let run = acquis(&["validate", &file]);
    assert_eq!(run.code, 2, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(
        run.stderr.contains("unknown jurisdiction `QQQ"),
        "{}",
        &run.stderr[..2000]
    );
    assert!(run.stderr.contains('…'), "values are cut with …");
    assert!(
        run.stderr.len() < 20_000,
        "{} bytes of messages for 3 MB of values",
        run.stderr.len()
    );
}

// ---------------------------------------------------------------- costs

#[test]
fn twenty_thousand_unknown_keys_print_a_hundred_messages() {
    // Once 14 minutes (each message rescanned the 6 MB file for its line) and 38 MB of
    // output for 90,000 keys; the time is measured in docs/limits.md, not here.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n",
    );
    for i in 0..20_000 {
        text.push_str(&format!("    unknown_key_{i}: \"{}\"\n", "x".repeat(280)));
    }
    let file = write(dir.path(), "many.yaml", &text);
    let run = acquis(&["validate", &file]);
    assert_eq!(run.code, 2);
    let messages = run.stderr.matches(": error: ").count();
    assert_eq!(messages, 100, "at most 100 messages per file");
    assert!(
        run.stderr.contains("… and 19900 more messages not shown"),
        "{}",
        &run.stderr[run.stderr.len() - 500..]
    );
    assert!(run.stderr.contains("20000 errors and 0 warnings in 1 file"));
    assert!(run.stderr.lines().count() < 1_000);
}

// ---------------------------------------------------------------- content injected into outputs

/// XA with one answer in long form carrying `evidence`, and the given period.
fn with_evidence(dir: &Path, name: &str, period: &str, evidence: &str) -> String {
    write(
        dir,
        name,
        &format!(
            "acquis: assessment/1\njurisdiction: XA\nperiod: {period}\nanswers:\n  ecris:\n    periodic_rechecks:\n      value: false\n      evidence: {evidence}\n"
        ),
    )
}

#[test]
fn html_is_escaped_by_format_not_by_template_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = with_evidence(d, "a.yaml", "\"2025\"", "\"<script>alert(1)</script>\"");
    let template = write(
        d,
        "plain.txt",
        "{% for s in r.sections %}{% for x in s.rules %}{% for a in x.answers %}[{{ a.evidence or '' }}]{% endfor %}{% endfor %}{% endfor %}\n",
    );
    let run = acquis(&[
        "check",
        &a,
        "--format",
        "html",
        "--template",
        &template,
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("[&lt;script&gt;alert(1)&lt;&#x2f;script&gt;]"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("<script>"), "{}", run.stdout);
    // The same template for Markdown is not HTML-escaped.
    let run = acquis(&[
        "check",
        &a,
        "--format",
        "md",
        "--template",
        &template,
        "--fail-on",
        "never",
    ]);
    assert!(
        run.stdout.contains("[<script>alert(1)</script>]"),
        "{}",
        run.stdout
    );
}

#[test]
fn csv_cells_cannot_be_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = with_evidence(d, "a.yaml", "\"=1+2|cmd\"", "x");
    let run = acquis(&["check", &a, "--format", "csv", "--fail-on", "never"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let periods: Vec<String> = reader.records().map(|r| r.unwrap()[2].to_owned()).collect();
    assert!(!periods.is_empty());
    assert!(periods.iter().all(|p| p == "'=1+2|cmd"), "{periods:?}");
    // A period that is a negative number stays a number.
    let b = with_evidence(d, "b.yaml", "\"-2025\"", "x");
    let run = acquis(&["check", &b, "--format", "csv", "--fail-on", "never"]);
    assert!(run.stdout.contains(",-2025,"), "{}", run.stdout);
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Title change, clipboard write, screen clear.
    let evil = "\"\\e]0;owned\\a\\e]52;c;ZWNobyBvd25lZA==\\a\\e[2J\"";
    let a = with_evidence(d, "a.yaml", "\"2025\"", evil);
    let rule = acquis(&["check", &a, "--format", "json", "--fail-on", "never"]).json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "gap" || r["status"] == "partial")
        .map(|r| r["rule"].as_str().unwrap().to_owned())
        .expect("a rule reads the answer");
    for args in [
        vec!["explain", &rule, &a],
        vec!["check", &a, "--fail-on", "never"],
        vec!["check", &a, "--format", "md", "--fail-on", "never"],
        vec!["validate", &a],
    ] {
        let run = acquis(&args);
        assert!(!run.stdout.contains('\u{1b}'), "{args:?}: {:?}", run.stdout);
        assert!(!run.stdout.contains('\u{7}'), "{args:?}");
    }
    let explained = acquis(&["explain", &rule, &a]).stdout;
    assert!(
        explained.contains("\u{241b}]0;owned\u{2407}"),
        "{explained}"
    );
    // A key with escapes, echoed in an error message on stderr.
    let bad = write(
        d,
        "bad.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n    \"x\\e]0;owned\\a\": true\n",
    );
    let run = acquis(&["validate", &bad]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(run.stderr.contains("x\u{241b}]0;owned"), "{}", run.stderr);
}

// ---------------------------------------------------------------- templates

fn check_with_template(dir: &Path, template: &str) -> common::Run {
    let a = with_evidence(dir, "a.yaml", "\"2025\"", "x");
    acquis(&[
        "check",
        &a,
        "--format",
        "md",
        "--template",
        template,
        "--fail-on",
        "never",
    ])
}

#[test]
fn templates_that_never_end_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = check_with_template(d, "/dev/zero");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);

    let fifo = d.join("t.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let run = check_with_template(d, &fifo.display().to_string());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);

    let big = write(d, "big.md.j2", &"x".repeat(256 * 1024 + 1));
    let run = check_with_template(d, &big);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("larger than 256 KiB"), "{}", run.stderr);
}

#[test]
fn template_work_and_output_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, source, expected) in [
        (
            "loops.md.j2",
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "fuel",
        ),
        (
            "repeat.md.j2",
            "{% set a = 'x' * 100000000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c | length }}",
            "fuel",
        ),
        (
            "doubling.md.j2",
            "{% set a = 'xxxxxxxxxxxxxxxx' %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a }}",
            "fuel",
        ),
        (
            "output.md.j2",
            "{% set line = 'x' * 4000 %}{% for a in range(10000) %}{{ line }}{% endfor %}",
            "a document larger than 32 MiB",
        ),
    ] {
        let template = write(d, name, source);
        let run = check_with_template(d, &template);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{name}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{name}: nothing printed");
    }
}

#[test]
fn a_template_error_is_reported_once_before_any_assessment_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let broken = write(d, "broken.md.j2", "{% for x in %}\n");
    let good = with_evidence(d, "good.yaml", "\"2025\"", "x");
    let invalid = write(
        d,
        "invalid.yaml",
        "acquis: assessment/1\njurisdiction: ZZ\n",
    );
    let run = acquis(&[
        "check",
        &good,
        &good,
        &invalid,
        "--format",
        "md",
        "--template",
        &broken,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("does not parse").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("`{broken}`")),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("invalid.yaml"),
        "no assessment was read: {}",
        run.stderr
    );
    let run = acquis(&["matrix", &good, &invalid, "--template", &broken]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("does not parse"), "{}", run.stderr);
    assert!(!run.stderr.contains("invalid.yaml"), "{}", run.stderr);
}

/// A rule set: the logic fixture's questions plus set questions `big` (with `values`
/// values `v0`, `v1`, …) and one rule per condition.
fn set_rules(dir: &Path, values: usize, conditions: &[&str]) -> String {
    let listed: Vec<String> = (0..values).map(|i| format!("v{i}")).collect();
    let questions =
        std::fs::read_to_string(format!("{}/questions/s.yaml", common::fixture("logic"))).unwrap();
    write(
        dir,
        "rules/questions/s.yaml",
        &format!(
            "{questions}  - {{ id: big, type: set, values: [{}], text: Which? }}\n",
            listed.join(", ")
        ),
    );
    for (i, condition) in conditions.iter().enumerate() {
        write(
            dir,
            &format!("rules/fx/r{i}.yaml"),
            &format!(
                "id: fx.r{i}\ntitle: T\ninstrument: eu-strategy-2020\narea: levels\nseverity: low\nobligation: O.\nsources: [{{ doc: eu-strategy-2020, ref: \"§5\" }}]\ncheck: '{condition}'\nremedy: R.\n"
            ),
        );
    }
    dir.join("rules").display().to_string()
}

fn words(range: std::ops::Range<usize>) -> String {
    let quoted: Vec<String> = range.map(|i| format!("\"v{i}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

#[test]
fn contains_any_and_contains_all_on_large_sets_are_bounded() {
    // Once 10^8 comparisons in one counted operation (11 s a rule): a set of 10,000 values
    // against a list of 10,000 words. Both sides are now bounded when the rules load.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let huge_set = set_rules(
        &d.join("a"),
        10_000,
        &[&format!("a.s.big.contains_any({})", words(0..3))],
    );
    let run = acquis(&["rules", "lint", "--rules", &huge_set]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`a.s.big` has 10000 values; conditions can read questions with at most 64"),
        "{}",
        run.stderr
    );
    let huge_list = set_rules(
        &d.join("b"),
        3,
        &[&format!("a.s.tags.contains_all({})", words(0..65))],
    );
    let run = acquis(&["rules", "lint", "--rules", &huge_list]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a list in a condition holds at most 64 words"),
        "{}",
        run.stderr
    );

    // At the limits (a 64-value set, 64-word lists, 200 rules) the answers are still exact.
    let all = words(0..64);
    let conditions: Vec<String> = (0..200)
        .map(|i| match i % 3 {
            0 => format!("a.s.big.contains_all({all})"),
            1 => format!("a.s.big.contains_any({all})"),
            _ => format!(
                "a.s.big.contains_all({all}) && !a.s.big.contains_any({})",
                words(0..1)
            ),
        })
        .collect();
    let refs: Vec<&str> = conditions.iter().map(String::as_str).collect();
    let at_limit = set_rules(&d.join("c"), 64, &refs);
    let chosen: Vec<String> = (1..64).map(|i| format!("v{i}")).collect();
    let file = write(
        d,
        "c.yaml",
        &common::assessment("XA", &format!("big: [{}]", chosen.join(", "))),
    );
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &at_limit,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let statuses = common::statuses(&run.json());
    for i in 0..200 {
        let expected = match i % 3 {
            0 => "gap", // v0 is missing
            1 => "met", // v1..v63 are there
            _ => "gap",
        };
        assert_eq!(statuses[&format!("fx.r{i}")], expected, "fx.r{i}");
    }
}
