//! Embeds the default rule set, seeds, report templates and word catalogues in the binary, so
//! `acquis check FILE` works from any folder.

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
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
    for dir in EMBEDDED_DIRS {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-changed=build.rs");
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
