//! The module graph, read from the `crate::` references of src/**/*.rs, against the layer
//! table of ARCHITECTURE.md: a module may name only modules of lower layers, so knowledge
//! flows one way and no two top-level modules know each other. Test code inside a module
//! counts too: a test that needs a higher layer belongs in tests/. Inside a module, the
//! files' `super::` and `crate::` paths, each resolved to the file that defines it, form no
//! cycle either.

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
    let mut names: Vec<(usize, String)> = named_paths(text, "crate::")
        .into_iter()
        .map(|(at, path)| (at, path[0].clone()))
        .collect();
    // `crate::{model::{Rule, Status}}` names `model` once.
    names.dedup();
    names
}

/// Every path a text names after `prefix` (`crate::` or `super::`), as its segments after the
/// prefix, with the byte offset of the reference. A braced group gives one path per name,
/// nested and across lines too: `crate::{a::{X, y::Z}, b}` gives `a::X`, `a::y::Z` and `b`.
fn named_paths(text: &str, prefix: &str) -> Vec<(usize, Vec<String>)> {
    let mut paths = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        // `othercrate::x` is another crate's path; in `super::super::x` the first counts.
        if text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        {
            continue;
        }
        let mut found = Vec::new();
        use_tree(&text[at + prefix.len()..], Vec::new(), &mut found);
        paths.extend(found.into_iter().filter(|p| !p.is_empty()).map(|p| (at, p)));
    }
    paths
}

/// Reads the use tree at the start of `text` (`a::b::X`, `a::{X, y::Z}`, `a::*`) under
/// `path`, adding the path of each name it ends in to `out`; returns the bytes read.
fn use_tree(text: &str, mut path: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let skip_space = |i: usize| i + (text[i..].len() - text[i..].trim_start().len());
    let mut i = 0;
    loop {
        if text[i..].starts_with('{') {
            i += 1;
            loop {
                i = skip_space(i);
                if text[i..].starts_with('}') {
                    return i + 1;
                }
                i = skip_space(i + use_tree(&text[i..], path.clone(), out));
                if text[i..].starts_with(',') {
                    i += 1;
                } else {
                    // The closing brace, or text that is not a use tree: the group ends.
                    return i + usize::from(text[i..].starts_with('}'));
                }
            }
        }
        let name: String = text[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '*')
            .collect();
        i += name.len();
        if !name.is_empty() {
            path.push(name);
        }
        if text[i..].starts_with("::") {
            i += 2;
        } else {
            out.push(path);
            return i;
        }
    }
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

/// The module a file of src/ defines: `src/report/view/mod.rs` → `report::view`,
/// `src/yaml/lines.rs` → `yaml::lines`, `src/lib.rs` → the crate root (no segment).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
        path.pop();
    }
    path
}

/// The byte ranges of the modules written inside a file (`mod tests { … }`), where `super`
/// is the file's own module. rustfmt closes such a module with a `}` alone on its line at
/// the indentation of its `mod` line.
fn inline_modules(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.trim_end();
        let indent = &code[..code.len() - code.trim_start().len()];
        if code.ends_with('{') && code.split_whitespace().rev().nth(2) == Some("mod") {
            open.push((format!("{indent}}}"), offset));
        } else if open.last().is_some_and(|(end, _)| *end == code) {
            let (_, start) = open.pop().unwrap();
            ranges.push(start..offset + line.len());
        }
        offset += line.len();
    }
    ranges
}

/// `text` with each line that is a comment (`//`, `///`, `//!`) blanked, so that offsets
/// and line numbers stay those of the file.
fn without_comment_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if line.trim_start().starts_with("//") {
                " ".repeat(line.trim_end_matches('\n').len()) + "\n"
            } else {
                line.to_owned()
            }
        })
        .collect()
}

/// The file that defines what `path` names, read in the file defining `module` at `inside`
/// inline modules deep: the longest leading part of the path that is a module of `files`
/// (module → file). `prefix` is `crate::` or `super::` (a `super::` path may go on with
/// more `super`s); `None` when the path leads out of the crate.
fn defining_file<'f>(
    files: &'f BTreeMap<Vec<String>, String>,
    module: &[String],
    inside: usize,
    prefix: &str,
    path: &[String],
) -> Option<&'f String> {
    let mut full: Vec<String> = if prefix == "super::" {
        let ups = 1 + path.iter().take_while(|s| *s == "super").count();
        // From an inline module, the first `super`s stay in the file.
        let leave = ups.saturating_sub(inside);
        if leave > module.len() {
            return None;
        }
        module[..module.len() - leave].to_vec()
    } else {
        Vec::new()
    };
    full.extend(path.iter().filter(|s| *s != "super").cloned());
    (0..=full.len()).rev().find_map(|n| files.get(&full[..n]))
}

/// The file graph: for each file of src/, the files its `use super::…` and `crate::…`
/// paths name in code. Comments are not read: a doc link shows the reader where to look,
/// the file does not need it. Nor are the relative paths by which a module names its own
/// children (`mod sheet;`, `sheet::Pending`): a child is part of its parent, and may use it.
fn file_edges() -> Vec<Edge> {
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    // main.rs is the binary, a crate of its own.
    files.retain(|f| f != &src.join("main.rs"));
    let relative = |f: &Path| f.strip_prefix(ROOT).unwrap().display().to_string();
    let modules: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|f| (module_path(&src, f), relative(f)))
        .collect();
    let mut edges = Vec::new();
    for file in &files {
        let from = relative(file);
        let module = module_path(&src, file);
        let text = without_comment_lines(&std::fs::read_to_string(file).unwrap());
        let inline = inline_modules(&text);
        for prefix in ["crate::", "super::"] {
            for (offset, path) in named_paths(&text, prefix) {
                let inside = inline.iter().filter(|r| r.contains(&offset)).count();
                let Some(to) = defining_file(&modules, &module, inside, prefix, &path) else {
                    continue;
                };
                if *to != from {
                    let line = text[..offset].lines().count().max(1);
                    edges.push(Edge {
                        from: from.clone(),
                        to: to.clone(),
                        at: format!("{from}:{line}"),
                    });
                }
            }
        }
    }
    edges
}

/// A cycle of `graph`, as its nodes with the first one repeated at the end.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
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
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
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
fn the_file_reader_finds_the_file_each_path_names() {
    let paths = |text: &str, prefix: &str| -> Vec<String> {
        named_paths(&without_comment_lines(text), prefix)
            .into_iter()
            .map(|(_, p)| p.join("::"))
            .collect()
    };
    assert_eq!(
        paths("use crate::{\n    a::{X, y::Z},\n    b,\n};", "crate::"),
        ["a::X", "a::y::Z", "b"]
    );
    assert_eq!(paths("use super::super::x::*;", "super::"), ["super::x::*"]);
    assert_eq!(
        paths("//! see [`super::x`]\nuse super::y;", "super::"),
        ["y"]
    );

    let split = |path: &str| -> Vec<String> {
        path.split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let files: BTreeMap<Vec<String>, String> = [
        ("", "lib.rs"),
        ("a", "a/mod.rs"),
        ("a::b", "a/b.rs"),
        ("a::c", "a/c.rs"),
        ("d", "d.rs"),
    ]
    .into_iter()
    .map(|(module, file)| (split(module), file.to_owned()))
    .collect();
    // Read in a/b.rs, at `inside` inline modules deep.
    let file = |inside: usize, prefix: &str, path: &str| {
        defining_file(&files, &split("a::b"), inside, prefix, &split(path)).cloned()
    };
    assert_eq!(file(0, "super::", "c::X").as_deref(), Some("a/c.rs"));
    assert_eq!(file(0, "super::", "*").as_deref(), Some("a/mod.rs"));
    assert_eq!(file(0, "super::", "super::d::Y").as_deref(), Some("d.rs"));
    assert_eq!(file(1, "super::", "*").as_deref(), Some("a/b.rs"));
    assert_eq!(file(0, "crate::", "a::c::f").as_deref(), Some("a/c.rs"));
    assert_eq!(
        file(0, "crate::", "a::Answers").as_deref(),
        Some("a/mod.rs")
    );

    let text = "use super::x;\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
    let inline = inline_modules(text);
    let depth = |at: usize| inline.iter().filter(|r| r.contains(&at)).count();
    assert_eq!(depth(text.find("super::x").unwrap()), 0);
    assert_eq!(depth(text.find("super::*").unwrap()), 1);
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
    if let Some(cycle) = find_cycle(&graph) {
        panic!("the modules form a cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_file_graph_has_no_cycle() {
    // Inside a module too, knowledge flows one way: two files that need each other share
    // something that belongs in one of them, or in a file of its own.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut named_at: BTreeMap<(String, String), String> = BTreeMap::new();
    for e in file_edges() {
        named_at
            .entry((e.from.clone(), e.to.clone()))
            .or_insert(e.at);
        graph.entry(e.from).or_default().insert(e.to);
    }
    let mut cycles = Vec::new();
    while let Some(cycle) = find_cycle(&graph) {
        // Set one tie of the cycle aside, and look for the others.
        graph.get_mut(&cycle[0]).unwrap().remove(&cycle[1]);
        let ties: Vec<String> = cycle
            .windows(2)
            .map(|w| {
                let at = &named_at[&(w[0].clone(), w[1].clone())];
                format!("  {at}: names {}", w[1])
            })
            .collect();
        cycles.push(format!("{}\n{}", cycle.join(" → "), ties.join("\n")));
    }
    assert!(
        cycles.is_empty(),
        "files that need each other (move what they share into the file it belongs to, or a \
         file of its own):\n{}",
        cycles.join("\n")
    );
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
    let found = code_lines_containing(&src, &OUTSIDE, |file| {
        let module = module_of(&src, file);
        module == "cli" || module == "main"
    });
    assert!(
        found.is_empty(),
        "only cli reads files, the clock and the terminal; pass what these need in instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_cli_messages_frames_an_error_and_no_command_fails_with_success() {
    // A message's fixed words ("error", "help") are put around it in one place, in the run's
    // language; a command that stops short returns a typed `Failure` (which can never be
    // exit 0), not an exit code dressed as an error.
    const FRAMED_BY_HAND: [&str; 5] = [
        "\"error: ",
        "\"warning: ",
        "= help: ",
        "Err(Exit::",
        "eprintln!",
    ];
    let found = code_lines_containing(&Path::new(ROOT).join("src/cli"), &FRAMED_BY_HAND, |file| {
        file.file_name().is_some_and(|n| n == "messages.rs")
    });
    assert!(
        found.is_empty(),
        "return a cli::failure::Failure (or a Diagnostic) and let cli/messages.rs print it:\n{}",
        found.join("\n")
    );
}

/// `file:line: word` for every code line (comments skipped) of the Rust files under `dir`
/// that contains one of `words`, leaving out the files `skip` names.
fn code_lines_containing(dir: &Path, words: &[&str], skip: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !skip(f)) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for word in words.iter().filter(|w| code.contains(**w)) {
                let rel = file.strip_prefix(ROOT).unwrap().display();
                found.push(format!("{rel}:{}: {word}", n + 1));
            }
        }
    }
    found
}
