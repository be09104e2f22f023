//! The module graph, read from the `crate::` references of src/**/*.rs, against the layer
//! table of ARCHITECTURE.md: a module may name only modules of lower layers, so knowledge
//! flows one way and no two top-level modules know each other. Test code inside a module
//! counts too: a test that needs a higher layer belongs in tests/.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// No source file longer than this (the project's standard: one concept per file).
const MAX_LINES: usize = 600;

/// The layer table of ARCHITECTURE.md (`| layer | modules |` rows between the
/// `<!-- layers -->` markers): module name → layer number.
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let table = doc
        .split("<!-- layers -->")
        .nth(1)
        .expect("ARCHITECTURE.md has a layer table between `<!-- layers -->` markers");
    let mut layers = BTreeMap::new();
    for row in table.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let Ok(layer) = cells[0].parse::<usize>() else {
            continue; // the header and the rule under it
        };
        for module in cells[1].split(',') {
            let module = module.trim().trim_matches('`');
            let earlier = layers.insert(module.to_owned(), layer);
            assert!(earlier.is_none(), "`{module}` is in the layer table twice");
        }
    }
    assert!(
        !layers.is_empty(),
        "the layer table of ARCHITECTURE.md is empty"
    );
    layers
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of src/ belongs to (`src/report/view/mod.rs` → `report`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// Every top-level module a text names through `crate::`, with the byte offset of the
/// reference; the braced `use crate::{a::X, b};` form counts, across lines too.
fn named_modules(text: &str) -> Vec<(usize, String)> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        // `othercrate::x` is another crate's path.
        if text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            continue;
        }
        let rest = &text[at + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            names.push((at, ident(rest)));
            continue;
        };
        // The names at the first level of the braces.
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    names.push((at, ident(group[start..i].trim_start())));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    names.push((at, ident(group[start..i].trim_start())));
                    start = i + 1;
                }
                _ => {}
            }
        }
    }
    names.retain(|(_, n)| !n.is_empty());
    names
}

struct Edge {
    from: String,
    to: String,
    at: String,
}

fn edges() -> Vec<Edge> {
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut edges = Vec::new();
    for file in &files {
        let from = module_of(&src, file);
        let text = std::fs::read_to_string(file).unwrap();
        for (offset, to) in named_modules(&text) {
            if to != from {
                let line = text[..offset].lines().count().max(1);
                let rel = file.strip_prefix(ROOT).unwrap().display();
                edges.push(Edge {
                    from: from.clone(),
                    to,
                    at: format!("{rel}:{line}"),
                });
            }
        }
    }
    edges
}

#[test]
fn the_reference_reader_sees_every_form() {
    let names =
        |text: &str| -> Vec<String> { named_modules(text).into_iter().map(|(_, n)| n).collect() };
    assert_eq!(names("use crate::model::Rule;"), ["model"]);
    assert_eq!(
        names("use crate::{\n    model::{Rule, Status},\n    yaml,\n};"),
        ["model", "yaml"]
    );
    assert_eq!(
        names("/// see [`crate::limits::MAX`] and crate::dates"),
        ["limits", "dates"]
    );
    assert!(names("use othercrate::x;").is_empty());
}

#[test]
fn every_module_is_in_the_layer_table() {
    let layers = layers();
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&src, f))
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let missing: Vec<&String> = modules
        .iter()
        .filter(|m| !layers.contains_key(*m))
        .collect();
    assert!(
        missing.is_empty(),
        "add these modules to the layer table of ARCHITECTURE.md: {missing:?}"
    );
    let stale: Vec<&String> = layers.keys().filter(|m| !modules.contains(*m)).collect();
    assert!(
        stale.is_empty(),
        "the layer table names modules src/ does not have: {stale:?}"
    );
}

#[test]
fn no_module_names_a_module_of_its_own_or_a_higher_layer() {
    let layers = layers();
    let wrong: Vec<String> = edges()
        .into_iter()
        .filter(|e| match (layers.get(&e.from), layers.get(&e.to)) {
            (Some(from), Some(to)) => to >= from,
            // Not a module (e.g. a macro at the crate root): nothing to check.
            _ => false,
        })
        .map(|e| {
            format!(
                "{}: `{}` (layer {}) names `{}` (layer {})",
                e.at, e.from, layers[&e.from], e.to, layers[&e.to]
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "imports that run sideways or up the layers of ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_module_graph_has_no_cycle() {
    // Implied by the layers, and checked on its own so a wrong table cannot hide a cycle.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in edges() {
        graph.entry(e.from).or_default().insert(e.to);
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("the modules form a cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn no_source_file_is_longer_than_the_limit() {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these along their seams (at most {MAX_LINES} lines): {long:?}"
    );
}

#[test]
fn only_cli_touches_files_clock_and_terminal() {
    // The ways Rust reaches the file system, the clock and the terminal; a library module
    // gets what it needs (bytes, a date, a template's text) from `cli`.
    const OUTSIDE: [&str; 12] = [
        "std::fs",
        "File::open",
        "File::create",
        "read_dir",
        "SystemTime",
        "Instant::now",
        "println!",
        "eprintln!",
        "print!(",
        "stdout()",
        "stderr()",
        "stdin()",
    ];
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "cli" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for word in OUTSIDE.iter().filter(|w| code.contains(**w)) {
                let rel = file.strip_prefix(ROOT).unwrap().display();
                found.push(format!("{rel}:{}: {word}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only cli reads files, the clock and the terminal; pass what these need in instead:\n{}",
        found.join("\n")
    );
}
