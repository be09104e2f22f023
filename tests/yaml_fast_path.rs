//! The positioned tree built from the parser's events (`yaml::events`) is the one
//! serde-saphyr builds (`yaml::parse_str_with_serde`), value for value and position for
//! position, on every YAML file of the project, on synthetic assessments, and on generated
//! snippets; where the fast path gives up, serde-saphyr reads the text.

use std::path::Path;

use acquis::load::FileSet;
use acquis::ruleset;
use acquis::yaml;
use proptest::prelude::*;

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Same tree from both parsers, or the fast path gave up. Returns whether it took the text.
fn agree(name: &str, text: &str) -> bool {
    let Some(fast) = yaml::events::parse(text) else {
        return false;
    };
    match yaml::parse_str_with_serde(name, text) {
        Ok(reference) => assert_eq!(fast, reference, "{name}: the trees differ"),
        Err(e) => panic!(
            "{name}: the fast path read a text serde-saphyr refuses: {}",
            e.message
        ),
    }
    true
}

#[test]
fn every_yaml_file_of_the_project_reads_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["rules", "seeds", "tests/fixtures", "examples"] {
        if root.join(dir).exists() {
            yaml_files(&root.join(dir), &mut files);
        }
    }
    assert!(files.len() > 150, "found {} YAML files", files.len());
    let mut fast = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        fast += usize::from(agree(&path.display().to_string(), text));
    }
    // The shipped rules, questions and assessments are all plain YAML: nearly every file
    // takes the fast path (the hostile fixtures are the exceptions).
    assert!(
        fast * 10 >= files.len() * 8,
        "{fast} of {} files took the fast path",
        files.len()
    );
}

#[test]
fn synthetic_assessments_read_the_same_and_take_the_fast_path() {
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    for (i, code) in acquis::synth::jurisdictions(&set)
        .iter()
        .enumerate()
        .take(20)
    {
        let text = acquis::synth::assessment(&set, code, i as u64);
        assert!(
            agree(code, &text),
            "{code}: a synthetic assessment left the fast path"
        );
    }
}

#[test]
fn spellings_that_are_not_plain_text_are_left_to_serde_saphyr_or_read_alike() {
    for scalar in [
        "0",
        "-0",
        "7",
        "-12",
        "007",
        "+5",
        "1_000",
        "0x1F",
        "0o17",
        "0b101",
        "1.5",
        "-2.5e3",
        ".5",
        "1e3",
        ".inf",
        "-.inf",
        ".nan",
        ".NaN",
        "inf",
        "nan",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "2025-06-01",
        "2025-6-1",
        "12:30",
        "1:2:3",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "True",
        "FALSE",
        "tRue",
        "null",
        "Null",
        "~",
        "",
        "NULL",
        "nULL",
        "'quoted'",
        "\"7\"",
        "\"\"",
        "x: y",
        "[1, 2]",
        "{a: 1}",
        "&a 1",
        "*a",
        "!!str 5",
        "!!int '5'",
        "!custom x",
        "- a",
        "|\n  block\n",
        ">\n  folded\n",
        "3 months",
        "Art. 10(2)",
        "#comment",
        "a #comment",
        "é",
        "\u{1F600}",
    ] {
        let text = format!("key: {scalar}\nlist:\n  - {scalar}\n  - other\n");
        agree(&format!("{scalar:?}"), &text);
    }
    for text in [
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a: &x 1\nb: *x\n",
        "--- 1\n--- 2\n",
        "",
        "# only a comment\n",
        "- 1\n- 2\n",
        "plain",
        "a:\n  b:\n    c: [1, {d: e}]\n",
        "? [complex]\n: key\n",
        "1: one\ntrue: yes\n",
        "a:\tb\n",
        "a: b\n\tc: d\n",
        "a: 'unterminated\n",
        "{a: 1, b: [2, 3]}",
        "a: |\n  x\n  y\nb: >-\n  z\n",
    ] {
        agree(&format!("{text:?}"), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Random nestings of keys and scalars, in block and flow style.
    #[test]
    fn generated_documents_read_the_same(text in document()) {
        agree(&text, &text);
    }
}

fn document() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        "[a-z]{1,6}",
        "-?[0-9]{1,4}",
        "[0-9.eE_+-]{1,5}",
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just("~".to_owned()),
        Just(String::new()),
        "'[a-z :#]{0,6}'",
        "\"[a-z :#\\\\n]{0,6}\"",
        "[a-z]{1,3} [a-z]{1,3}",
    ];
    let key = "[a-z_]{1,5}";
    let leaf = scalar.prop_map(|s| (s, false));
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            proptest::collection::vec((key, inner.clone()), 1..4).prop_map(|entries| {
                let body: String = entries
                    .iter()
                    .map(|(k, (v, block))| {
                        if *block {
                            format!("{k}:\n{}", indent(v))
                        } else {
                            format!("{k}: {v}\n")
                        }
                    })
                    .collect();
                (body, true)
            }),
            proptest::collection::vec(inner, 1..4).prop_map(|items| {
                let body: String = items
                    .iter()
                    .map(|(v, block)| {
                        if *block {
                            format!("-\n{}", indent(v))
                        } else {
                            format!("- {v}\n")
                        }
                    })
                    .collect();
                (body, true)
            }),
        ]
    })
    .prop_map(|(text, block)| {
        if block {
            text
        } else {
            format!("value: {text}\n")
        }
    })
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// At the limits of depth and size, both readers take or refuse the same texts.
#[test]
fn the_limits_are_the_same_on_both_paths() {
    use acquis::limits::{MAX_YAML_DEPTH, MAX_YAML_NODES};
    let mut outcomes = Vec::new();
    for depth in [MAX_YAML_DEPTH - 1, MAX_YAML_DEPTH, MAX_YAML_DEPTH + 1] {
        let mut text = String::new();
        for level in 0..depth {
            text.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
        }
        text.push_str(&format!("{}leaf: 1\n", "  ".repeat(depth)));
        let serde = yaml::parse_str_with_serde("deep", &text).is_ok();
        let fast = yaml::events::parse(&text).is_some();
        assert!(
            !fast || serde,
            "depth {depth}: the fast path read what serde-saphyr refuses"
        );
        assert_eq!(
            yaml::parse_str("deep", &text).is_ok(),
            serde,
            "depth {depth}"
        );
        outcomes.push(serde);
    }
    // `depth` keys nest `depth + 1` mappings.
    assert_eq!(
        outcomes,
        [true, false, false],
        "the depths straddle the limit"
    );
    let mut outcomes = Vec::new();
    // The mapping, its keys and its values count: the last size within the limit, the first
    // beyond it.
    for entries in [(MAX_YAML_NODES - 1) / 2, (MAX_YAML_NODES - 1) / 2 + 1] {
        let text: String = (0..entries).map(|i| format!("k{i}: {i}\n")).collect();
        let serde = yaml::parse_str_with_serde("wide", &text).is_ok();
        let fast = yaml::events::parse(&text).is_some();
        assert!(
            !fast || serde,
            "{entries} entries: the fast path read what serde-saphyr refuses"
        );
        assert_eq!(
            yaml::parse_str("wide", &text).is_ok(),
            serde,
            "{entries} entries"
        );
        outcomes.push(serde);
    }
    assert_eq!(outcomes, [true, false], "the sizes straddle the limit");
}
