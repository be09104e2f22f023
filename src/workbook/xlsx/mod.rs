//! A small bounded reader for the parts of an .xlsx workbook acquis needs: the sheet list
//! (`xl/workbook.xml` and its relationships), the shared strings and the cells of one sheet
//! in the first few columns.
//!
//! Why not a general spreadsheet library: those hold a sheet as a rows × columns grid
//! (one cell at `XFD1048576` asks for 512 GB) and inflate parts without a bound (a 3 MB
//! file can inflate to gigabytes). Here every part is streamed through one inflate budget
//! ([`limits::MAX_WORKBOOK_INFLATED_BYTES`]), cells right of the columns asked for are
//! skipped as they stream by, and rows, cell length and shared strings are bounded.

use std::borrow::Cow;
use std::io::{self, BufReader, Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use crate::diagnostic::{Diagnostic, Pos};
use crate::limits;

use super::cell::parse_reference;
pub use super::cell::{Cell, CellValue, reference};

mod sheet;

pub use sheet::SheetCells;

/// Reads the parts of a workbook within one inflate budget.
pub struct Workbook<'b> {
    file: String,
    archive: zip::ZipArchive<Cursor<&'b [u8]>>,
    /// Bytes that may still be inflated, for all parts together.
    budget: u64,
    shared: Vec<String>,
    /// Sheet names in workbook order, with the archive path of each sheet's part.
    sheets: Vec<(String, String)>,
}

/// One relationship of a `.rels` part: how a part names another.
struct Relationship {
    id: String,
    target: String,
    /// Its type, a URI ending in `/officeDocument`, `/worksheet`, `/sharedStrings`…
    kind: String,
}

/// A reader that fails, instead of ending, when its part inflates past the budget left.
struct Capped<R> {
    inner: R,
    left: u64,
    exceeded: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? == 0 {
                return Ok(0);
            }
            self.exceeded = true;
            return Err(io::Error::other("inflate budget exceeded"));
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// Text of a start tag's attribute, unescaped; `None` when absent or malformed.
fn attribute(tag: &BytesStart<'_>, name: &str) -> Option<String> {
    tag.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

fn local(tag: &BytesStart<'_>) -> String {
    tag.local_name().as_ref().to_owned()
}

/// The text an entity reference (`&amp;`, `&#x41;`) stands for.
fn entity(reference: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if reference.is_char_ref() {
        return reference
            .resolve_char_ref()
            .ok()
            .flatten()
            .map(String::from);
    }
    quick_xml::escape::resolve_predefined_entity(reference).map(str::to_owned)
}

/// Where a part is, from a relationship target and the folder of the part that names it.
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

impl<'b> Workbook<'b> {
    /// Opens the archive and reads the sheet list and the shared strings.
    pub fn open(file: &str, bytes: &'b [u8]) -> Result<Workbook<'b>, Diagnostic> {
        let not_a_workbook = |why: String| {
            Diagnostic::error(file, Pos::FILE, format!("cannot read the workbook: {why}"))
                .with_help("save it as an Excel workbook (.xlsx) and try again")
        };
        let archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_a_workbook(e.to_string()))?;
        let mut book = Workbook {
            file: file.to_owned(),
            archive,
            budget: limits::MAX_WORKBOOK_INFLATED_BYTES,
            shared: Vec::new(),
            sheets: Vec::new(),
        };
        if book.archive.index_for_name("content.xml").is_some()
            && book.archive.index_for_name("[Content_Types].xml").is_none()
        {
            return Err(not_a_workbook(
                "it is an OpenDocument spreadsheet (.ods)".into(),
            ));
        }
        let main = book
            .office_document()?
            .unwrap_or_else(|| "xl/workbook.xml".to_owned());
        if book.archive.index_for_name(&main).is_none() {
            return Err(not_a_workbook(format!("it has no `{main}` part")));
        }
        let (folder, leaf) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
        let rels_path = if folder.is_empty() {
            format!("_rels/{leaf}.rels")
        } else {
            format!("{folder}/_rels/{leaf}.rels")
        };
        let folder = folder.to_owned();
        let rels = book.relationships(&rels_path)?;
        let mut listed: Vec<(String, String)> = Vec::new();
        let mut too_many = false;
        book.stream(&main, |event| {
            if let Event::Start(tag) | Event::Empty(tag) = event
                && local(tag) == "sheet"
            {
                if listed.len() >= limits::MAX_WORKBOOK_SHEETS {
                    too_many = true;
                    return Ok(false);
                }
                let name = attribute(tag, "name").unwrap_or_default();
                let id = attribute(tag, "r:id").or_else(|| attribute(tag, "id"));
                listed.push((name, id.unwrap_or_default()));
            }
            Ok(true)
        })?;
        if too_many {
            return Err(Diagnostic::error(
                file,
                Pos::FILE,
                format!(
                    "the workbook has more than {} sheets",
                    limits::MAX_WORKBOOK_SHEETS
                ),
            )
            .with_help("a questionnaire workbook has one sheet per section and a cover"));
        }
        for (name, id) in listed {
            match rels.iter().find(|r| r.id == id) {
                Some(r) => book.sheets.push((name, resolve(&folder, &r.target))),
                None => {
                    return Err(not_a_workbook(format!(
                        "{main} lists sheet `{name}` but not where it is"
                    )));
                }
            }
        }
        if let Some(target) = rels
            .iter()
            .find(|r| r.kind.ends_with("/sharedStrings"))
            .map(|r| resolve(&folder, &r.target))
        {
            book.read_shared_strings(&target)?;
        }
        Ok(book)
    }

    /// The sheet names, in the workbook's order.
    pub fn sheet_names(&self) -> impl Iterator<Item = &str> {
        self.sheets.iter().map(|(n, _)| n.as_str())
    }

    /// The path of the main part, from the package relationships.
    fn office_document(&mut self) -> Result<Option<String>, Diagnostic> {
        Ok(self
            .relationships("_rels/.rels")?
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map(|r| resolve("", &r.target)))
    }

    /// The relationships in a `.rels` part; none when the part is missing.
    fn relationships(&mut self, path: &str) -> Result<Vec<Relationship>, Diagnostic> {
        let mut found = Vec::new();
        if self.archive.index_for_name(path).is_none() {
            return Ok(found);
        }
        self.stream(path, |event| {
            if let Event::Start(tag) | Event::Empty(tag) = event
                && local(tag) == "Relationship"
                && found.len() < 10 * limits::MAX_WORKBOOK_SHEETS
            {
                found.push(Relationship {
                    id: attribute(tag, "Id").unwrap_or_default(),
                    target: attribute(tag, "Target").unwrap_or_default(),
                    kind: attribute(tag, "Type").unwrap_or_default(),
                });
            }
            Ok(true)
        })?;
        Ok(found)
    }

    fn read_shared_strings(&mut self, path: &str) -> Result<(), Diagnostic> {
        let mut strings: Vec<String> = Vec::new();
        let mut current: Option<String> = None;
        // Text of phonetic runs (`<rPh>`) is a reading aid, not part of the string.
        let mut in_text = false;
        let mut in_phonetic = false;
        let file = self.file.clone();
        let too_long = |index: usize| {
            Diagnostic::error(
                &file,
                Pos::FILE,
                format!(
                    "{path}: shared string {index} is longer than {} characters",
                    limits::MAX_CELL_CHARS
                ),
            )
        };
        let mut failure: Option<Diagnostic> = None;
        let mut current_chars = 0usize;
        self.stream(path, |event| {
            match event {
                Event::Start(tag) => match local(tag).as_str() {
                    "si" => {
                        current = Some(String::new());
                        current_chars = 0;
                    }
                    "t" => in_text = true,
                    "rPh" => in_phonetic = true,
                    _ => {}
                },
                Event::Empty(tag) if local(tag) == "si" => {
                    current = Some(String::new());
                    failure = push_string(&mut strings, current.take(), path, &file);
                }
                Event::End(tag) => match tag.local_name().as_ref() {
                    "t" => in_text = false,
                    "rPh" => in_phonetic = false,
                    "si" => failure = push_string(&mut strings, current.take(), path, &file),
                    _ => {}
                },
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
                    if in_text && !in_phonetic =>
                {
                    if let Some(s) = current.as_mut()
                        && !append(s, &mut current_chars, event)
                    {
                        failure = Some(too_long(strings.len()));
                    }
                }
                _ => {}
            }
            Ok(failure.is_none())
        })?;
        if let Some(f) = failure {
            return Err(f);
        }
        self.shared = strings;
        Ok(())
    }

    /// Streams the events of one part to `on` until it returns `false` or the part ends.
    /// Every byte inflated counts against the workbook's budget.
    fn stream(
        &mut self,
        path: &str,
        mut on: impl FnMut(&Event<'_>) -> Result<bool, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let file = self.file.clone();
        let part_error = |message: String| {
            Diagnostic::error(&file, Pos::FILE, format!("{path}: {message}"))
                .with_help("save the workbook again from your spreadsheet program as .xlsx")
        };
        let entry = self
            .archive
            .by_name(path)
            .map_err(|e| part_error(format!("cannot be read ({e})")))?;
        let mut capped = Capped {
            inner: entry,
            left: self.budget,
            exceeded: false,
        };
        let mut reader = quick_xml::Reader::from_reader(BufReader::new(&mut capped));
        let mut buf = Vec::new();
        let mut stopped: Option<Diagnostic> = None;
        let failed = loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) => break None,
                Ok(event) => match on(&event) {
                    Ok(true) => {}
                    Ok(false) => break None,
                    Err(d) => {
                        stopped = Some(d);
                        break None;
                    }
                },
                Err(e) => break Some(e),
            }
        };
        let position = reader.error_position();
        drop(reader);
        self.budget = capped.left;
        if capped.exceeded {
            return Err(Diagnostic::error(
                &file,
                Pos::FILE,
                format!(
                    "{path}: the workbook inflates to more than {} MiB",
                    limits::MAX_WORKBOOK_INFLATED_BYTES / (1024 * 1024)
                ),
            )
            .with_help(
                "a questionnaire workbook is far smaller: start again from `acquis init --format xlsx`, or answer in YAML",
            ));
        }
        if let Some(e) = failed {
            return Err(part_error(format!(
                "is not well-formed XML at byte {position} ({e})"
            )));
        }
        stopped.map_or(Ok(()), Err)
    }
}

/// Appends the text of a text, CDATA or entity event to a cell's text; `false` once the text
/// is longer than [`limits::MAX_CELL_CHARS`] (the piece that crosses it is not kept).
fn append(text: &mut String, chars: &mut usize, event: &Event<'_>) -> bool {
    let piece = match event {
        Event::Text(t) => t.xml10_content(),
        Event::CData(t) => t.xml10_content(),
        Event::GeneralRef(r) => entity(r).map_or(Cow::Borrowed(""), Cow::Owned),
        _ => Cow::Borrowed(""),
    };
    *chars += piece.chars().count();
    if *chars > limits::MAX_CELL_CHARS {
        return false;
    }
    text.push_str(&piece);
    true
}

fn push_string(
    strings: &mut Vec<String>,
    text: Option<String>,
    path: &str,
    file: &str,
) -> Option<Diagnostic> {
    if strings.len() >= limits::MAX_SHARED_STRINGS {
        return Some(Diagnostic::error(
            file,
            Pos::FILE,
            format!(
                "{path}: the workbook has more than {} distinct texts",
                limits::MAX_SHARED_STRINGS
            ),
        ));
    }
    strings.push(text.unwrap_or_default());
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_their_folder() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/sub", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }
}
