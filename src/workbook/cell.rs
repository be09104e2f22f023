//! Cells of a sheet as the workbook stores them: references (`C3`), types and values.

/// A cell's value as the workbook stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Text(String),
    /// A number; `raw` is the text the file holds (`2.5`, `1E+3`).
    Number {
        value: f64,
        raw: String,
    },
    Bool(bool),
    /// A date stored as ISO text (`t="d"`; Excel writes serial numbers instead).
    IsoDate(String),
    /// An error value the spreadsheet program computed (`#N/A`, `#DIV/0!`).
    Error(String),
}

/// One cell with a value, at 0-based row and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: u32,
    pub col: u16,
    pub value: CellValue,
}

/// `C3` for row 2, column 2 (both 0-based). Columns past Z use two or three letters.
pub fn reference(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// `C3` → (2, 2), 0-based; `None` unless it is letters then digits within the sheet's size.
pub(super) fn parse_reference(text: &str) -> Option<(u32, u16)> {
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    if digits.is_empty() || digits.len() > 7 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    let row: u32 = digits.parse().ok()?;
    // XFD and 1,048,576 are the last column and row a spreadsheet can have.
    if col == 0 || col > 16_384 || row == 0 || row > 1_048_576 {
        return None;
    }
    Some((row - 1, (col - 1) as u16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_and_write_alike() {
        for (text, rc) in [
            ("A1", (0, 0)),
            ("C3", (2, 2)),
            ("Z9", (8, 25)),
            ("AA10", (9, 26)),
            ("XFD1048576", (1_048_575, 16_383)),
        ] {
            assert_eq!(parse_reference(text), Some(rc), "{text}");
            assert_eq!(reference(rc.0, rc.1), text);
        }
        for bad in ["", "A", "3", "a1", "A0", "XFE1", "A1048577", "AAAA1", "A1B"] {
            assert_eq!(parse_reference(bad), None, "{bad}");
        }
    }
}
