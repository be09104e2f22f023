//! Embeds the default rule set, seeds, report templates and word catalogues in the binary, so
//! `acquis check FILE` works from any folder, with the rule set's digest computed once here
//! rather than at every start (#17).

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const EMBEDDED_DIRS: [&str; 5] = ["rules", "seeds/sources", "reports", "locales", "seeds"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut files = Vec::new();
    for dir in ["rules", "seeds/sources", "reports", "locales"] {
        collect(&root, &root.join(dir), &mut files);
    }
    // Only the catalogue files of seeds/ itself; example assessments are not part of the rule set.
    for name in ["seeds/sources.yaml", "seeds/jurisdictions.yaml"] {
        if root.join(name).is_file() {
            files.push(name.to_owned());
        }
    }
    files.sort();
    let mut out = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = root.join(rel);
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    writeln!(
        out,
        "pub static DIGEST: &str = {:?};",
        builtin_digest(&root, &files)
    )
    .unwrap();
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
    for dir in EMBEDDED_DIRS {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// `load::digest` of the built-in `rules/` and `seeds/`: sha256 over every YAML file of the
/// two, in (folder, path) order, each as `folder/path`, a zero byte, its length (u64, little
/// endian) and its bytes. A unit test of `load` holds the two equal.
fn builtin_digest(root: &Path, files: &[String]) -> String {
    let mut hasher = Sha256::new();
    // `files` is sorted by path, which is (folder, path inside it) order.
    for rel in files {
        let Some((set, inside)) = rel.split_once('/') else {
            continue;
        };
        if !matches!(set, "rules" | "seeds") || !(rel.ends_with(".yaml") || rel.ends_with(".yml")) {
            continue;
        }
        let bytes = std::fs::read(root.join(rel)).unwrap();
        hasher.update(set.as_bytes());
        hasher.update(b"/");
        hasher.update(inside.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            if !name.starts_with('.') {
                files.push(rel);
            }
        }
    }
}
