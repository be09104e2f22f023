//! Reading a `--template` file: the file system part of a template, before
//! `report::render::Template::parse` checks and parses its text.

use std::io::Read;
use std::path::Path;

use super::Failure;
use crate::limits::MAX_TEMPLATE_BYTES;
use crate::report::render::Template;

/// Reads and parses a template file. Devices and FIFOs are refused before they are
/// opened (`/dev/zero` never ends, a FIFO blocks), and at most one byte more than the
/// limit is read, so the file may grow while it is read.
pub(super) fn read(path: &Path) -> Result<Template, Failure> {
    let shown = path.display().to_string();
    let cannot = |error: std::io::Error| Failure::TemplateUnreadable {
        path: path.to_path_buf(),
        error,
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Failure::TemplateNotAFile(path.to_path_buf()));
    }
    if meta.len() > MAX_TEMPLATE_BYTES {
        return Err(Template::too_large(&shown).into());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_TEMPLATE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    Ok(Template::parse(&shown, bytes)?)
}
