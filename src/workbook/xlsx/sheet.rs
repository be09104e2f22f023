//! One sheet's cells streamed out of its XML, columns right of those asked for skipped.

use super::*;

impl Workbook<'_> {
    /// Reads one sheet's cells in columns A..=`last_col` (0-based). A value below row
    /// [`limits::MAX_WORKBOOK_ROWS`] in those columns stops the reading with a problem naming it.
    pub fn read_sheet(&mut self, sheet: &str, last_col: u16) -> Result<SheetCells, Diagnostic> {
        let Some(path) = self
            .sheets
            .iter()
            .find(|(n, _)| n == sheet)
            .map(|(_, p)| p.clone())
        else {
            return Err(Diagnostic::error(
                &self.file,
                Pos::FILE,
                format!("the workbook has no sheet `{sheet}`"),
            ));
        };
        let file = self.file.clone();
        let shared = std::mem::take(&mut self.shared);
        let mut out = SheetCells::default();
        let problem = |out: &mut SheetCells, at: String, message: String, help: &str| {
            if out.problems.len() < 100 {
                out.problems.push(
                    Diagnostic::error(
                        &file,
                        Pos::FILE,
                        format!("{}!{at}: {message}", crate::workbook::sheet_ref(sheet)),
                    )
                    .with_help(help),
                );
            }
        };
        let most_cells = limits::MAX_WORKBOOK_ROWS as usize * (usize::from(last_col) + 1);
        let mut row: u32 = 0;
        let mut seen_row = false;
        let mut next_col: u16 = 0;
        let mut pending: Option<Pending> = None;
        // Which text-bearing element the reader is in: `v`, `f`, or `t` of an inline string.
        let mut in_element: Option<&'static str> = None;
        let mut in_phonetic = false;
        let result = self.stream(&path, |event| {
            match event {
                Event::Start(tag) | Event::Empty(tag) => {
                    let empty = matches!(event, Event::Empty(_));
                    match local(tag).as_str() {
                        "row" => {
                            row = match attribute(tag, "r").map(|r| r.parse::<u32>()) {
                                Some(Ok(r)) if (1..=1_048_576).contains(&r) => r - 1,
                                None if seen_row => row.saturating_add(1),
                                None => 0,
                                Some(_) => {
                                    problem(
                                        &mut out,
                                        format!("row {}", row + 2),
                                        "the row number is not valid".into(),
                                        "save the workbook again from your spreadsheet program",
                                    );
                                    return Ok(false);
                                }
                            };
                            seen_row = true;
                            next_col = 0;
                        }
                        "c" => {
                            let (r, c) = match attribute(tag, "r") {
                                None => (row, next_col),
                                Some(text) => match parse_reference(&text) {
                                    Some(rc) => rc,
                                    None => {
                                        problem(
                                            &mut out,
                                            reference(row, next_col),
                                            format!("`{text}` is not a cell reference"),
                                            "save the workbook again from your spreadsheet program",
                                        );
                                        next_col = next_col.saturating_add(1);
                                        return Ok(true);
                                    }
                                },
                            };
                            next_col = c.saturating_add(1);
                            let wanted = c <= last_col;
                            if empty {
                                return Ok(true);
                            }
                            pending = Some(Pending {
                                row: r,
                                col: c,
                                kind: attribute(tag, "t").unwrap_or_else(|| "n".into()),
                                value: None,
                                chars: 0,
                                has_formula: false,
                                wanted,
                            });
                        }
                        "v" if !empty => in_element = Some("v"),
                        "t" if !empty => in_element = Some("t"),
                        "f" => {
                            if let Some(p) = pending.as_mut() {
                                p.has_formula = true;
                            }
                            if !empty {
                                in_element = Some("f");
                            }
                        }
                        "rPh" if !empty => in_phonetic = true,
                        _ => {}
                    }
                }
                Event::End(tag) => match tag.local_name().as_ref() {
                    "v" | "t" | "f" => in_element = None,
                    "rPh" => in_phonetic = false,
                    "c" => {
                        let Some(p) = pending.take() else {
                            return Ok(true);
                        };
                        if !p.wanted {
                            return Ok(true);
                        }
                        let at = reference(p.row, p.col);
                        if p.row >= limits::MAX_WORKBOOK_ROWS && p.value.is_some() {
                            problem(
                                &mut out,
                                at,
                                format!(
                                    "the sheet has values below row {}",
                                    limits::MAX_WORKBOOK_ROWS
                                ),
                                "a questionnaire sheet is a few dozen rows long: clear the rows below the questions",
                            );
                            return Ok(false);
                        }
                        // Each cell of the rows and columns read at most once: a sheet that
                        // repeats a reference over and over is refused, not stored.
                        if out.cells.len() >= most_cells {
                            problem(
                                &mut out,
                                at,
                                "the sheet has more cells than its rows and columns can hold".into(),
                                "a cell appears more than once: save the workbook again from your spreadsheet program",
                            );
                            return Ok(false);
                        }
                        match cell_value(&p, &shared) {
                            Ok(Some(value)) => out.cells.push(Cell {
                                row: p.row,
                                col: p.col,
                                value,
                            }),
                            Ok(None) => {}
                            Err((message, help)) => problem(&mut out, at, message, help),
                        }
                    }
                    _ => {}
                },
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
                    if in_element.is_some_and(|e| e != "f") && !in_phonetic =>
                {
                    if let Some(p) = pending.as_mut().filter(|p| p.wanted) {
                        let value = p.value.get_or_insert_with(String::new);
                        if !append(value, &mut p.chars, event) {
                            let at = reference(p.row, p.col);
                            problem(
                                &mut out,
                                at,
                                format!("the cell holds more than {} characters", limits::MAX_CELL_CHARS),
                                "summarise it and give the full document as a link",
                            );
                            p.wanted = false;
                            p.value = None;
                        }
                    }
                }
                _ => {}
            }
            Ok(true)
        });
        self.shared = shared;
        result?;
        Ok(out)
    }
}

/// The cells of one sheet in columns up to `last_col`, and the problems of its cells, each
/// named `sheet!C3`.
#[derive(Debug, Default)]
pub struct SheetCells {
    pub cells: Vec<Cell>,
    pub problems: Vec<Diagnostic>,
}

/// The cell being read: where it is, its type, and what its `<v>`, `<is>` and `<f>` held.
struct Pending {
    row: u32,
    col: u16,
    kind: String,
    value: Option<String>,
    /// Characters in `value`, counted as they arrive (recounting would be quadratic).
    chars: usize,
    has_formula: bool,
    /// Whether the cell is in the columns asked for (its text is kept only then).
    wanted: bool,
}

/// The value of a finished cell, `None` when it is empty, or why it cannot be read.
fn cell_value(p: &Pending, shared: &[String]) -> Result<Option<CellValue>, (String, &'static str)> {
    let Some(raw) = p.value.clone() else {
        if p.has_formula {
            return Err((
                "the cell has a formula but no computed value".into(),
                "open the workbook in a spreadsheet program, let it compute, save it, or type the value instead of a formula",
            ));
        }
        return Ok(None);
    };
    let again = "type the value again in your spreadsheet program and save the workbook";
    Ok(Some(match p.kind.as_str() {
        "s" => match raw.trim().parse::<usize>().ok().and_then(|i| shared.get(i)) {
            Some(s) => CellValue::Text(s.clone()),
            None => {
                return Err((format!("`{raw}` is not one of the workbook's texts"), again));
            }
        },
        "inlineStr" | "str" => CellValue::Text(raw),
        "b" => match raw.trim() {
            "1" => CellValue::Bool(true),
            "0" => CellValue::Bool(false),
            _ => return Err((format!("`{raw}` is not a true/false value"), again)),
        },
        "e" => CellValue::Error(raw),
        "d" => CellValue::IsoDate(raw),
        "n" => match raw.trim().parse::<f64>() {
            Ok(value) if value.is_finite() => CellValue::Number {
                value,
                raw: raw.trim().to_owned(),
            },
            _ => {
                let shown: String = raw.chars().take(40).collect();
                return Err((
                    format!("the number cell holds `{shown}`, which is not a number"),
                    again,
                ));
            }
        },
        other => {
            let shown: String = other.chars().take(20).collect();
            return Err((format!("unknown cell type `{shown}`"), again));
        }
    }))
}
