//! Reading input files: a `--rules`/`--seeds` folder into a `FileSet`, and any input file
//! with its size bounded before it is read.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::tw;
use crate::limits;
use crate::load::{FileSet, InputFile};

/// Every file under `dir` (rule sets are small; nothing is filtered here).
pub(super) fn folder(dir: &Path) -> Result<FileSet, Diagnostic> {
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

/// Reads an input file, refusing one larger than [`limits::MAX_FILE_BYTES`] before
/// reading it, so a huge file costs neither time nor memory.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let name = path.display().to_string();
    let too_large = |size: u64| crate::yaml::file_too_large(&name, size);
    let cannot = |e: std::io::Error| {
        let reason = e.to_string();
        let message = tw("cannot read the file: {reason}", &[("reason", &reason)]);
        Diagnostic::error_in(&name, Pos::FILE, message, None)
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    let size = meta.len();
    if size > limits::MAX_FILE_BYTES as u64 {
        return Err(too_large(size));
    }
    // A regular file is read up to the size it had when opened: at that limit `Take` says
    // there is no more without asking the system, which spares a second `read` per file
    // (1,000 system calls in a 1,000-file run); a file that shrank meanwhile gives what it
    // still has. A pipe (`<(…)`) or a file that says it is empty is read to its end, within
    // the bound.
    let limit = if meta.is_file() && size > 0 {
        size
    } else {
        limits::MAX_FILE_BYTES as u64 + 1
    };
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit).read_to_end(&mut bytes).map_err(cannot)?;
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
