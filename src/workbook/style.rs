//! How the workbook's sheets look, for the Cover and the section sheets alike: cell formats,
//! row heights that fit wrapped text, and protection that still lets rows be resized.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, ProtectionOptions};

/// The cell formats of every sheet.
pub(super) struct Formats {
    pub(super) header: Format,
    pub(super) locked: Format,
    pub(super) value: Format,
    pub(super) open: Format,
    pub(super) date: Format,
    pub(super) item: Format,
    pub(super) title: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        let base = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            header: base
                .clone()
                .set_bold()
                .set_background_color("D9D9D9")
                .set_border(FormatBorder::Thin),
            locked: base.clone(),
            value: base
                .clone()
                .set_unlocked()
                .set_background_color("FFF9E5")
                .set_border(FormatBorder::Thin),
            open: base
                .clone()
                .set_unlocked()
                .set_background_color("FFFFFF")
                .set_border(FormatBorder::Thin),
            date: base
                .clone()
                .set_unlocked()
                .set_num_format("yyyy-mm-dd")
                .set_background_color("FFF9E5")
                .set_border(FormatBorder::Thin),
            item: base.clone().set_italic(),
            title: Format::new().set_bold().set_font_size(14),
        }
    }
}

/// About how many lines `text` takes wrapped at words in a column `width` characters wide.
/// Rows are given this height because spreadsheet programs keep a stored row height when
/// printing and opening (LibreOffice prints rows without one at one line, their wrapped text
/// overlapping); it errs on the tall side, and rows can be resized (see [`resizable`]).
pub(super) fn wrapped_lines(text: &str, width: f64) -> usize {
    // A column's width counts digits; prose with capitals and wide letters fits fewer.
    let per_line = ((width * 0.85).floor() as usize).max(1);
    text.split('\n')
        .map(|paragraph| {
            let mut lines = 1;
            let mut used = 0;
            for word in paragraph.split_whitespace() {
                let len = word.chars().count();
                if used > 0 && used + 1 + len > per_line {
                    lines += 1;
                    used = 0;
                }
                used += if used > 0 { 1 + len } else { len };
                lines += used.saturating_sub(1) / per_line;
                used = if used > per_line {
                    used % per_line
                } else {
                    used
                };
            }
            lines
        })
        .sum()
}

/// The height in points of a row whose tallest cell takes `lines` lines.
pub(super) fn row_height(lines: usize) -> f64 {
    15.0 * lines as f64 + 3.0
}

/// Sheet protection that keeps the cells locked but lets rows and columns be resized: a
/// long citation or evidence may need a taller row or a wider column than estimated.
pub(super) fn resizable() -> ProtectionOptions {
    ProtectionOptions {
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    }
}
