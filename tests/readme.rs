//! What the README promises a reader: how to install, which Rust, and an example waiver that
//! shows something when it is used.

mod common;

use common::{acquis, write};

const README: &str = include_str!("../README.md");
const CARGO_TOML: &str = include_str!("../Cargo.toml");

#[test]
fn the_install_section_names_the_command_the_folder_and_the_rust_version_of_cargo_toml() {
    let install = README
        .split("\n## Install\n")
        .nth(1)
        .expect("README has an `## Install` section")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(install.contains("cargo install --path . --locked"));
    assert!(install.contains("~/.cargo/bin"));
    let rust_version = CARGO_TOML
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|l| l.split('"').next())
        .expect("Cargo.toml sets rust-version");
    assert!(
        install.contains(&format!("Rust {rust_version} or newer")),
        "the README names Cargo.toml's rust-version ({rust_version})"
    );
    // The first screen stays: check the shipped example, run the tests.
    let first_screen: String = README.lines().take(16).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("check seeds/assessments/xa-2025.yaml"));
    assert!(first_screen.contains("cargo test"));
}

#[test]
fn the_readme_waiver_is_in_force_today_and_waives_a_gap_of_the_example() {
    let block = README
        .split("```yaml\n- { rule:")
        .nth(1)
        .expect("README shows a waiver")
        .split("```")
        .next()
        .unwrap();
    let waiver = format!("- {{ rule:{block}");
    let rule = block.split(',').next().unwrap().trim().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let waivers = write(dir.path(), "waivers.yaml", &waiver);
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/assessments/xa-2025.yaml"
    );

    let without = acquis(&["check", example, "--format", "json"]).json();
    let raw = common::statuses(&without)[&rule].clone();
    assert!(
        raw == "gap" || raw == "partial",
        "{rule} is {raw} in the example"
    );

    // --as-of defaults to today: the date in the README has not passed.
    let with = acquis(&["check", example, "--format", "json", "--waivers", &waivers]);
    assert!(with.code <= 1, "{}", with.stderr);
    assert_eq!(
        common::statuses(&with.json())[&rule],
        "waived",
        "the README's waiver has expired: move its `until` (and the sentence after it) forward"
    );
}
