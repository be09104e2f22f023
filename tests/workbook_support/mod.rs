//! Editing a workbook written by `acquis init --format xlsx` as a spreadsheet program (or an
//! attacker) would: cells found by the question id in column A, their XML replaced, parts
//! rewritten or added, and the archive zipped again.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use acquis::workbook::xlsx::{CellValue, Workbook};

/// The XML of a cell after `<c r="C3"`: a number, or an inline text otherwise, as a
/// spreadsheet program writes what is typed.
pub fn typed(value: &str) -> String {
    if value.parse::<f64>().is_ok() {
        format!("><v>{value}</v></c>")
    } else {
        format!(" t=\"inlineStr\"><is><t>{value}</t></is></c>")
    }
}

/// The archive path of each sheet, by name (sheets are written in order as sheetN.xml).
pub fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let book = Workbook::open("book.xlsx", bytes).unwrap();
    let index = book
        .sheet_names()
        .position(|n| n == sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    format!("xl/worksheets/sheet{}.xml", index + 1)
}

/// The 1-based row whose column A holds `id`.
pub fn row_of(bytes: &[u8], sheet: &str, id: &str) -> u32 {
    let mut book = Workbook::open("book.xlsx", bytes).unwrap();
    let cells = book.read_sheet(sheet, 0).unwrap();
    cells
        .cells
        .iter()
        .find(|c| c.value == CellValue::Text(id.to_owned()))
        .map(|c| c.row + 1)
        .unwrap_or_else(|| panic!("no row {id} in {sheet}"))
}

/// Rewrites the archive: `edit` gets each part's name and bytes and may change them;
/// `extra` parts are added (or replace the part of that name).
pub fn rewrite(path: &Path, mut edit: impl FnMut(&str, &mut Vec<u8>), extra: &[(&str, Vec<u8>)]) {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if extra.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        drop(entry);
        edit(&name, &mut content);
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    for (name, content) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(content).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// Replaces cells: (sheet, id in column A, column letter, XML after `<c r="C3"` — see
/// [`typed`]). The cell keeps its style.
pub fn set_cells(path: &Path, cells: &[(&str, &str, char, String)]) {
    let bytes = std::fs::read(path).unwrap();
    let mut edits: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (sheet, id, col, tail) in cells {
        let cell = format!("{col}{}", row_of(&bytes, sheet, id));
        edits
            .entry(sheet_part(&bytes, sheet))
            .or_default()
            .push((cell, tail.clone()));
    }
    rewrite(
        path,
        |name, content| {
            let Some(list) = edits.get(name) else { return };
            let mut text = String::from_utf8(std::mem::take(content)).unwrap();
            for (cell, tail) in list {
                let start = text
                    .find(&format!("<c r=\"{cell}\""))
                    .unwrap_or_else(|| panic!("no cell {cell} in {name}"));
                let open_end = start + text[start..].find('>').unwrap();
                let end = if text[..=open_end].ends_with("/>") {
                    open_end + 1
                } else {
                    start + text[start..].find("</c>").unwrap() + 4
                };
                let style = text[start..open_end]
                    .split(' ')
                    .find(|a| a.starts_with("s="))
                    .map(|s| format!(" {}", s.trim_end_matches('/')))
                    .unwrap_or_default();
                text.replace_range(start..end, &format!("<c r=\"{cell}\"{style}{tail}"));
            }
            *content = text.into_bytes();
        },
        &[],
    );
}

/// Sets cells to what a coordinator typed: (sheet, id in column A, column letter, value).
pub fn fill(path: &Path, cells: &[(&str, &str, char, &str)]) {
    let cells: Vec<(&str, &str, char, String)> = cells
        .iter()
        .map(|(s, id, col, v)| (*s, *id, *col, typed(v)))
        .collect();
    set_cells(path, &cells);
}

/// Adds rows of raw XML at the end of a sheet's data.
pub fn append_rows(path: &Path, sheet: &str, rows_xml: &str) {
    let part = sheet_part(&std::fs::read(path).unwrap(), sheet);
    rewrite(
        path,
        |name, content| {
            if name == part {
                let text = String::from_utf8(std::mem::take(content)).unwrap();
                *content = text
                    .replacen("</sheetData>", &format!("{rows_xml}</sheetData>"), 1)
                    .into_bytes();
            }
        },
        &[],
    );
}

/// The text of one part of the archive (`xl/worksheets/sheet3.xml`).
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}
