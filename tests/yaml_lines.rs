//! The tree read line by line (`yaml::lines`) is the one serde-saphyr builds
//! (`yaml::parse_str_with_serde`), value for value and position for position (empty values
//! included), on every YAML file of the project, on synthetic assessments, on the peers
//! benchmark's style of assessment, and on generated documents mixing what the line reader
//! takes with what it must leave to the other readers.

use std::path::Path;

use acquis::load::FileSet;
use acquis::ruleset;
use acquis::yaml;
use proptest::prelude::*;

/// Same tree from both readers, or the line reader gave up. Returns whether it took the text.
fn agree(name: &str, text: &str) -> bool {
    let Some(fast) = yaml::lines::parse(text) else {
        return false;
    };
    match yaml::parse_str_with_serde(name, text) {
        Ok(reference) => assert_eq!(fast, reference, "{name}: the trees differ\n{text}"),
        Err(e) => panic!(
            "{name}: the line reader read a text serde-saphyr refuses: {}\n{text}",
            e.message
        ),
    }
    true
}

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.ends_with("node_modules") {
            // other projects' files, installed for the browser and editor tests
            continue;
        }
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn every_yaml_file_of_the_project_reads_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["rules", "seeds", "tests", "examples", "docs"] {
        if root.join(dir).exists() {
            yaml_files(&root.join(dir), &mut files);
        }
    }
    assert!(files.len() > 150, "found {} YAML files", files.len());
    let mut taken = 0;
    let mut assessments = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let took = agree(&path.display().to_string(), text);
        taken += usize::from(took);
        if text.contains("acquis: assessment/1") && path.starts_with(root.join("seeds")) {
            assessments.0 += 1;
            assessments.1 += usize::from(took);
        }
    }
    // The shipped example assessments are the style this reader is for.
    assert!(assessments.0 >= 3, "found {} assessments", assessments.0);
    assert_eq!(
        assessments.1, assessments.0,
        "some shipped assessments left the line reader"
    );
    assert!(taken > 0);
}

#[test]
fn synthetic_assessments_read_the_same_and_take_the_line_reader() {
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    for (i, code) in acquis::synth::jurisdictions(&set)
        .iter()
        .enumerate()
        .take(20)
    {
        let text = acquis::synth::assessment(&set, code, i as u64);
        assert!(
            agree(code, &text),
            "{code}: a synthetic assessment left the line reader"
        );
    }
}

/// The peers benchmark writes single-quoted and JSON-quoted strings and JSON lists.
#[test]
fn the_benchmarks_style_reads_the_same_and_takes_the_line_reader() {
    let text = "acquis: assessment/1\njurisdiction: XA\nperiod: \"2024\"\nprepared_by: 'peers benchmark, synthetic document 7'\nanswers:\n  governance:\n    strategy_year: 2019\n    coordination_body: true\n    sectors: [\"education\",\"health\"]\n    empty_list: []\n    level: \"national\"\n  offences:\n    note: \"it's \\\"quoted\\\" \\\\ and \\u00e9\"\n";
    assert!(agree("peers", text));
    // Its rule files: JSON-style answers in the examples.
    let rule = "id: peers.r01\ncheck: 'a.t.s == \"full\" || a.t.b'\nexamples:\n  - name: 'met, as in document d0004'\n    answers: {\"t\":{\"b\":false,\"s\":\"full\"}}\n    expect: met\n";
    assert!(agree("peers rule", rule));
}

#[test]
fn empty_values_sit_where_the_parser_puts_them() {
    for text in [
        "a:\nb: 1\n",
        "a:   # why\nb:\n",
        "a: \nb:\t\n",
        "l:\n  -\n  - \n  -   \n  -  # c\n  - x\n",
        "l:\n-\n- b\n",
        "l:\n-  # c\n- x\n",
        "l:\n- a\n-\nk: v",
        "l:\n  -\n    # c\n  - x\n",
        "l:\n  -\n  # c\n  - x\n",
        "l:\n  - a: \n    b:\n  - \n",
        "l:\n  -\n    k: v\n  -\n    - x\n",
        "l:\n-\n  k: v\n",
        "l:\n-\n  - k\n",
        "a:\n  # note\n\n  e: 1\nf: 2",
        "k:  # café\n  # d\nj: 1\n",
        "l:\n  -  # café\n",
        "l:\n  - \n",
        "l:\n  -",
        "a:",
    ] {
        agree(&format!("{text:?}"), text);
    }
}

#[test]
fn scalars_read_as_the_core_schema_reads_them() {
    for scalar in [
        "0",
        "-0",
        "7",
        "-12",
        "007",
        "+5",
        "1_000",
        "0x1F",
        "1.5",
        ".inf",
        "-.inf",
        ".nan",
        "9223372036854775807",
        "9223372036854775808",
        "2025-06-01",
        "12:30",
        "yes",
        "True",
        "FALSE",
        "tRue",
        "null",
        "Null",
        "~",
        "",
        "'quoted'",
        "'it''s'",
        "''",
        "\"7\"",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\\n\\t\\r\\0\\b\\f\"",
        "\"\\u00e9\\u2028\"",
        "\"\\x41\"",
        "\"\\e\"",
        "\"\\ud800\"",
        "x: y",
        "a:b",
        "http://x.org/a#b",
        "a #comment",
        "a#b",
        "a # b: c",
        "[1, 2]",
        "[]",
        "[ ]",
        "[a, ]",
        "[,]",
        "[a b, 'c d', \"e\"]",
        "[-1, -a, - b]",
        "[a: b]",
        "[a:b]",
        "[[a]]",
        "[{a: 1}]",
        "[a #c]",
        "[\"é\", ü, b]",
        "[a] x",
        "[a]#c",
        "[a] #c",
        "{a: 1}",
        "&a 1",
        "*a",
        "!!str 5",
        "- a",
        "-a",
        "-",
        "?",
        "? a",
        ":",
        ": a",
        "%x",
        "@x",
        "`x`",
        "|\n  block",
        ">-\n  folded",
        "é b",
        "\u{1F600}",
        "trailing   ",
        "Art. 10(2)",
        "\"unterminated",
        "'unterminated",
        "\"a\"b",
        "'a'b",
        "\"a\" #c",
        "\"a\"#c",
        "1e3",
        "-",
        "a\u{a0}b",
        "a\u{85}b",
        "a\u{2028}b",
        "a\u{7f}b",
        "a\u{feff}b",
        "a\u{1}b",
        "\"a\u{1}b\"",
    ] {
        for text in [
            format!("key: {scalar}\nlist:\n  - {scalar}\n  - other\n"),
            format!("key: {scalar}"),
            format!("seq:\n- {scalar}\n- k: {scalar}\n  j: {scalar}\n"),
        ] {
            agree(&format!("{scalar:?}"), &text);
        }
    }
}

#[test]
fn structures_outside_the_subset_are_left_or_read_alike() {
    for text in [
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a: &x 1\nb: *x\n",
        "--- 1\n--- 2\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "",
        "\n\n",
        "# only a comment\n",
        "- 1\n- 2\n",
        "plain",
        " a: 1\n",
        "a:\n  b:\n    c: [1, {d: e}]\n",
        "? [complex]\n: key\n",
        "1: one\ntrue: yes\n",
        "null: x\n",
        "\"q\": 1\n",
        "'q': 1\n",
        "a b: 1\n",
        "a : 1\n",
        "a:\tb\n",
        "a: b\n\tc: d\n",
        "a: b\r\nc: d\r\n",
        "a: 'unterminated\n",
        "{a: 1, b: [2, 3]}",
        "a: |\n  x\n  y\nb: >-\n  z\n",
        "a: b\n  c\n",
        "a: b\n  # comment\nc: d\n",
        "a: b\n    # comment\n  c: d\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n  - x\n  b: y\n",
        "a:\n  - x\n - y\n",
        "a:\n- x\n  - y\n",
        "a: 1\n- x\n",
        "a:\n  - - x\n    - y\n",
        "a:\n  - b: 1\n    - c\n",
        "a:\n  - b: 1\n   c: 2\n",
        "a:\n  -   b: 1\n      c: 2\n  - d\n",
        "a:\n\n\n  b:\n\n    c: 1\n\n",
        "a: [x,\n  y]\n",
        "a: \"x\n  y\"\n",
        "a: x\nb: [y, z]  # c\nc: 'w'  \n",
        "a:\n  b: 1\nc:\n  - 1\n  - 2\n",
        "a-b.c/d: 1\n_x: 2\n9a: 3\n",
        "a:b: 1\n",
        "a: b: c\n",
        "a: b:\n",
        "a:\n  b:\n  -\n",
        "k: v # c\n# end",
        "k: v\n# end\n  # indented end\n",
    ] {
        agree(&format!("{text:?}"), text);
    }
}

#[test]
fn block_scalars_flow_mappings_and_root_lists_read_the_same() {
    for (text, taken) in [
        ("a: >-\n  one two\n  three\n\n  four\nb: 1\n", true),
        ("a: >\n  one\n\n\n  two\n", true),
        ("a: |\n  x &&\n    y\n\n  z\n", true),
        ("a: |-\n  x\n  # not a comment\n", true),
        ("a: >-\n  x\n# a comment\nb: 2\n", true),
        ("a: >-\n  x\n\n\n", true),
        ("a: >-\n  x\n  \n  y\n", true),
        ("a: |\n  x", true),
        ("a: >-\n  x", true),
        ("l:\n  - k: >-\n      text\n      more\n    j: 1\n", true),
        ("a:\n  b: |\n    x\n  c: 2\n", true),
        ("a: {}\nb: { }\nc: {x: 1}\n", true),
        ("a: { p: { q: true }, r: [1, x] }\n", true),
        ("a: [{ doc: a, ref: \"p 1\" }, { doc: b }]\n", true),
        ("- id: a\n  x: [b, c]\n\n- id: d\n", true),
        ("# head\n- 1\n- two\n", true),
        ("a: >-\n\n  x\n", false),
        ("a: >-\n    x\n  y\n", false),
        ("a: >\n  x\n    y\n", false),
        ("a: >+\n  x\n\n", false),
        ("a: >2\n   x\n", false),
        ("a: > # c\n  x\n", false),
        ("a: >-\n  x\n     \n", false),
        ("a: >-\nb: 1\n", false),
        ("a: |\n x\n", true),
        ("a:\n  b: |\n  x\n", false),
        ("a: { b: 1, b: 2 }\n", false),
        ("a: { b: 1, }\n", false),
        ("a: { \"b\": 1 }\n", true),
        ("a: {\"b\":1,\"c\":\"x\"}\n", true),
        ("a: {\"t\":{\"b\":false,\"s\":\"full\"}}\n", true),
        ("a: {\"t\" : [1,\"y\"], \"u\":{}}\n", true),
        ("a: {\"t\":-1}\n", true),
        ("a: {\"b\":1, \"b\":2}\n", false),
        ("a: {\"b\\\"c\":1}\n", false),
        ("a: {\"\":1}\n", false),
        ("a: {\"b c\":1}\n", false),
        ("a: {'b':1}\n", false),
        ("a: {\"b\"\n  :1}\n", false),
        ("a: { b }\n", false),
        ("a: { b: }\n", false),
        ("a: { b: 1\n  }\n", false),
        ("a: { b: x] }\n", false),
        ("a: { 1: x }\n", false),
        ("- a\nb: 1\n", false),
    ] {
        assert_eq!(agree(&format!("{text:?}"), text), taken, "{text:?}");
    }
    let wide: String = (0..40).map(|i| format!("k{i}: {i}, ")).collect();
    assert!(agree("wide", &format!("m: {{ {wide}z: 1 }}\n")));
    assert!(yaml::lines::parse(&format!("m: {{ {wide}k3: 1 }}\n")).is_none());
}

/// The shipped rule set (rules, questionnaire, catalogue) is read line by line: the
/// built-in set's load time is mostly parsing it (#17).
#[test]
fn the_shipped_rule_set_takes_the_line_reader() {
    let mut left = Vec::new();
    for folder in ["rules", "seeds"] {
        for file in FileSet::builtin(folder).files {
            let text = std::str::from_utf8(&file.bytes).unwrap();
            // coverage.yaml's keys hold spaces (`para 1`); only `rules coverage` reads it.
            if file.rel.ends_with(".yaml")
                && file.rel != "coverage.yaml"
                && !agree(&file.name, text)
            {
                left.push(file.name);
            }
        }
    }
    assert!(left.is_empty(), "left the line reader: {left:?}");
}

#[test]
fn keys_beyond_sixteen_are_still_checked_for_duplicates() {
    let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
    assert!(agree("forty keys", &text));
    text.push_str("k3: again\n");
    assert!(yaml::lines::parse(&text).is_none());
    assert!(yaml::parse_str("dup", &text).is_err());
}

/// At the limits of depth and size, the line reader never takes what serde-saphyr refuses.
#[test]
fn the_limits_hold_on_the_line_reader() {
    use acquis::limits::{MAX_YAML_DEPTH, MAX_YAML_NODES};
    for depth in [MAX_YAML_DEPTH - 1, MAX_YAML_DEPTH, MAX_YAML_DEPTH + 1] {
        for item in ["", "- "] {
            let mut text = String::new();
            for level in 0..depth {
                text.push_str(&format!("{}{item}k{level}:\n", "  ".repeat(level * 2)));
            }
            text.push_str(&format!("{}leaf: [1]\n", "  ".repeat(depth * 2)));
            let serde = yaml::parse_str_with_serde("deep", &text).is_ok();
            let fast = yaml::lines::parse(&text);
            assert!(
                fast.is_none() || serde,
                "depth {depth}: the line reader read what serde-saphyr refuses"
            );
            agree("deep", &text);
            assert_eq!(
                yaml::parse_str("deep", &text).is_ok(),
                serde,
                "depth {depth}"
            );
        }
    }
    for entries in [(MAX_YAML_NODES - 1) / 2, (MAX_YAML_NODES - 1) / 2 + 1] {
        let text: String = (0..entries).map(|i| format!("k{i}: {i}\n")).collect();
        let serde = yaml::parse_str_with_serde("wide", &text).is_ok();
        let fast = yaml::lines::parse(&text).is_some();
        assert!(!fast || serde, "{entries} entries: read what serde refuses");
        assert_eq!(yaml::parse_str("wide", &text).is_ok(), serde);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Random documents in the subset and around its edges: the line reader either gives
    /// up or builds serde-saphyr's tree.
    #[test]
    fn generated_documents_read_the_same(text in document()) {
        agree(&text, &text);
    }
}

/// The generated documents exercise the line reader, not only its giving up.
#[test]
fn most_generated_documents_take_the_line_reader() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = document();
    let (mut taken, total) = (0, 400);
    // Taken documents with a block scalar, with a flow mapping, with a JSON-style one.
    let (mut blocks, mut mappings, mut json) = (0, 0, 0);
    for _ in 0..total {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let took = yaml::lines::parse(&text).is_some();
        taken += usize::from(took);
        blocks += usize::from(
            took && [": |\n", ": |-\n", ": >\n", ": >-\n"]
                .iter()
                .any(|h| text.contains(h)),
        );
        mappings += usize::from(took && text.contains("{"));
        json += usize::from(took && text.contains("{\""));
    }
    assert!(taken * 3 >= total, "{taken} of {total} taken");
    assert!(
        blocks >= 10 && mappings >= 10 && json >= 5,
        "{blocks} blocks, {mappings} flow mappings, {json} JSON-style ones"
    );
    assert!(taken < total, "nothing left to the other readers");
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
        "'[a-zé :#']{0,6}'",
        "\"[a-zé :#']{0,4}(\\\\[nt\"\\\\/]|\\\\u00e9)?\"",
        "[a-z]{1,3} [a-z]{1,3}",
        "[a-z]{1,3}[:#][a-z]{0,2}",
        "\\[[a-z0-9, \"']{0,8}\\]",
        Just("[]".to_owned()),
        "[a-z]{1,3} +#[ a-zé]{0,4}",
        "[a-z&*!|>%@`?-]{1,3}",
        // thrice: many of them sit where the line reader leaves them (after a dash)
        block_scalar(),
        block_scalar(),
        block_scalar(),
        "\\{( ?[a-z_]{1,3}: ?[a-z0-9\"'é#]{0,3},?){0,3} ?\\}",
        // JSON style, as generators write rule examples: `{"k":v,"l":{"m":"x"}}`
        "\\{(\"[a-z_]{1,3}\" ?: ?([a-z0-9]{1,3}|\"[a-z ]{0,3}\"|\\{\"[a-z]\":[a-z0-9]{1,2}\\}),?){0,3}\\}",
        "\\[\\{ ?[a-z]{1,2}: [a-z0-9]{1,2}(, [a-z]{1,2}: \\{ ?[a-z]: [a-z0-9\\[\\]]{1,3} ?\\})? ?\\}(, ?\\{\\})?\\]",
    ];
    let key = "[a-z_][a-z0-9_.-]{0,4}";
    let gap = prop_oneof![
        4 => Just(String::new()),
        1 => Just("\n".to_owned()),
        1 => "  *# [a-zé]{0,5}\n",
    ];
    let leaf = scalar.prop_map(|s| (s, false));
    leaf.prop_recursive(4, 32, 5, move |inner| {
        prop_oneof![
            proptest::collection::vec((key, inner.clone(), gap.clone(), " {0,2}"), 1..5).prop_map(
                |entries| {
                    let body: String = entries
                        .iter()
                        .map(|(k, (v, block), gap, trailing)| {
                            if *block {
                                format!("{gap}{k}:{trailing}\n{}", indent(v))
                            } else {
                                format!("{gap}{k}: {v}{trailing}\n")
                            }
                        })
                        .collect();
                    (body, true)
                }
            ),
            proptest::collection::vec((inner.clone(), gap.clone()), 1..5).prop_map(|items| {
                let body: String = items
                    .iter()
                    .map(|((v, block), gap)| {
                        if !*block {
                            format!("{gap}- {v}\n")
                        } else if v.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                            && v.len() % 2 == 0
                        {
                            // a mapping starting on the dash's line
                            let mut lines = v.lines();
                            let first = lines.next().unwrap_or("");
                            let rest: String = lines.map(|l| format!("  {l}\n")).collect();
                            format!("{gap}- {first}\n{rest}")
                        } else {
                            format!("{gap}-\n{}", indent(v))
                        }
                    })
                    .collect();
                (body, true)
            }),
            // a sequence in the key's own column
            (key, proptest::collection::vec(inner, 1..4)).prop_map(|(k, items)| {
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
                (format!("{k}:\n{body}"), true)
            }),
        ]
    })
    .prop_map(|(text, block)| {
        if block && !text.starts_with(['-', ' ', '\n', '#']) {
            text
        } else if block {
            format!("value:\n{}", indent(&text))
        } else {
            format!("value: {text}\n")
        }
    })
}

/// `|`, `>-` and the like, then lines of text (some more indented, some empty or of spaces),
/// indented below the key the value will follow.
fn block_scalar() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        8 => prop_oneof![Just("|"), Just("|-"), Just(">"), Just(">-")],
        1 => prop_oneof![Just("|+"), Just(">2"), Just("> #c"), Just(">- ")],
    ];
    let line = prop_oneof![
        12 => "[a-z#:é]{1,4}( [a-z]{1,3})?",
        3 => Just(String::new()),
        1 => " {1,4}".prop_map(|s| format!("\u{0}{s}")),
        1 => " [a-z]{1,3}",
    ];
    (header, proptest::collection::vec(line, 1..5)).prop_map(|(header, lines)| {
        let body: Vec<String> = lines
            .iter()
            .map(|l| match l.strip_prefix('\u{0}') {
                // a line of spaces only, as it stands
                Some(spaces) => spaces.to_owned(),
                None if l.is_empty() => String::new(),
                None => format!("  {l}"),
            })
            .collect();
        format!("{header}\n{}", body.join("\n"))
    })
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}
