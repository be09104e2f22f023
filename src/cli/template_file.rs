//! Reading a `--template` file: the file system part of a template, before
//! `report::render::Template::parse` checks and parses its text.

use std::io::Read;
use std::path::Path;

use crate::limits::MAX_TEMPLATE_BYTES;
use crate::report::render::{RenderError, Template};

/// Reads and parses a template file. Devices and FIFOs are refused before they are
/// opened (`/dev/zero` never ends, a FIFO blocks), and at most one byte more than the
/// limit is read, so the file may grow while it is read.
pub(super) fn read(path: &Path) -> Result<Template, RenderError> {
    let shown = path.display().to_string();
    let cannot =
        |e: std::io::Error| RenderError(format!("cannot read the template `{shown}`: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(RenderError(format!(
            "the template `{shown}` is not a regular file\n  = help: give the path of a template file (.md.j2 or .html.j2)"
        )));
    }
    if meta.len() > MAX_TEMPLATE_BYTES {
        return Err(Template::too_large(&shown));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_TEMPLATE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    Template::parse(&shown, bytes)
}
