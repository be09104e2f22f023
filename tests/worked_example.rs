//! The worked example of docs/adding-a-rule.md, added to a copy of the shipped rules, is a
//! clean rule: it lints without an error or a warning of its own (French included) and its
//! examples pass. A maintainer who follows the guide ends with a rule the project accepts.

mod common;

use std::path::Path;

use common::{acquis, copy_dir};

/// The YAML blocks of the guide's "Worked example" section, in order.
fn worked_example_blocks() -> Vec<String> {
    let guide = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/adding-a-rule.md"),
    )
    .unwrap();
    let section = &guide[guide
        .find("## Worked example")
        .expect("the guide has a worked example")..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    section
        .split("```yaml\n")
        .skip(1)
        .map(|b| b[..b.find("```").unwrap()].to_owned())
        .collect()
}

#[test]
fn the_guides_worked_example_is_a_clean_rule() {
    let blocks = worked_example_blocks();
    assert_eq!(blocks.len(), 2, "a question and a rule: {blocks:?}");
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"), &rules);
    let icse = rules.join("questions/icse.yaml");
    let text = std::fs::read_to_string(&icse).unwrap();
    std::fs::write(&icse, format!("{}\n{}", text.trim_end(), blocks[0])).unwrap();
    std::fs::write(rules.join("cc-2019/para17-europol-vidtf.yaml"), &blocks[1]).unwrap();
    let rules_arg = rules.display().to_string();

    let lint = acquis(&["rules", "lint", "--rules", &rules_arg]);
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    let shipped = acquis(&["rules", "lint"]);
    // The same warnings as the shipped set: none of the new files is mentioned.
    assert!(
        !lint.stderr.contains("para17-europol-vidtf"),
        "{}",
        lint.stderr
    );
    assert!(!lint.stderr.contains("vidtf_officers"), "{}", lint.stderr);
    assert_eq!(
        lint.stderr.matches(": warning: ").count(),
        shipped.stderr.matches(": warning: ").count(),
        "{}",
        lint.stderr
    );
    let test = acquis(&["rules", "test", "--rules", &rules_arg]);
    assert_eq!(test.code, 0, "{}{}", test.stdout, test.stderr);
    let show = acquis(&[
        "rules",
        "show",
        "cc-2019.para17.europol-vidtf",
        "--rules",
        &rules_arg,
    ]);
    assert_eq!(show.code, 0, "{}", show.stderr);
}
