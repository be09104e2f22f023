//! Input files: the copy of `rules/` and `seeds/` built into the binary, or a folder on disk.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Pos};
use crate::limits;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// One input file: the name used in messages, its path inside the set, its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub name: String,
    pub rel: String,
    pub bytes: Cow<'static, [u8]>,
}

/// A folder of input files (`rules/` or `seeds/`), from disk or built in.
#[derive(Debug, Clone)]
pub struct FileSet {
    pub files: Vec<InputFile>,
}

impl FileSet {
    /// The copy of `rules/` or `seeds/` compiled into the binary.
    pub fn builtin(folder: &str) -> FileSet {
        let prefix = format!("{folder}/");
        let files = embedded::FILES
            .iter()
            .filter_map(|(path, bytes)| {
                path.strip_prefix(&prefix).map(|rel| InputFile {
                    name: (*path).to_owned(),
                    rel: rel.to_owned(),
                    bytes: Cow::Borrowed(*bytes),
                })
            })
            .collect();
        FileSet { files }
    }

    /// Every file under `dir` (rule sets are small; nothing is filtered here).
    pub fn from_dir(dir: &Path) -> Result<FileSet, Diagnostic> {
        let mut files = Vec::new();
        let display = dir.display().to_string();
        if !dir.is_dir() {
            return Err(Diagnostic::error(&display, Pos::FILE, "no such folder")
                .with_help("give the path of a folder laid out like `rules/` or `seeds/`"));
        }
        collect(dir, dir, &mut files)?;
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(FileSet { files })
    }

    pub fn get(&self, rel: &str) -> Option<&InputFile> {
        self.files.iter().find(|f| f.rel == rel)
    }
}

/// Reads an input file, refusing one larger than [`limits::MAX_FILE_BYTES`] before
/// reading it, so a huge file costs neither time nor memory.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let name = path.display().to_string();
    let too_large = |size: u64| {
        Diagnostic::error(
            &name,
            Pos::FILE,
            format!(
                "the file is too large ({:.1} MB); acquis reads files of at most {} MB",
                size as f64 / 1_048_576.0,
                limits::MAX_FILE_BYTES / 1_048_576
            ),
        )
        .with_help("a self-assessment is a short text file; put long documents behind a `url` instead of pasting them")
    };
    let cannot = |e: std::io::Error| {
        Diagnostic::error(&name, Pos::FILE, format!("cannot read the file: {e}"))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > limits::MAX_FILE_BYTES as u64 {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<InputFile>) -> Result<(), Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            dir.display().to_string(),
            Pos::FILE,
            format!("cannot read the folder: {e}"),
        )
    };
    for entry in std::fs::read_dir(dir).map_err(cannot)? {
        let path = entry.map_err(cannot)?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files)?;
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = read_bounded(&path)?;
            files.push(InputFile {
                name: path.display().to_string(),
                rel,
                bytes: Cow::Owned(bytes),
            });
        }
    }
    Ok(())
}
