//! Block scalars of the line reader: the `>-` paragraphs of rule files (an obligation, a
//! remedy) and the odd `|` condition. Only the four plain headers `|`, `|-`, `>`, `>-` with
//! nothing after them are read; an indentation indicator, keep chomping (`+`), a comment
//! after the header, a blank line before the first line of text, a more-indented line in a
//! folded scalar or a blank line holding more spaces than the text's indentation give up
//! (`None`) as the parent module says.

use super::super::{Node, Value};
use super::Lines;
use crate::diagnostic::Pos;

/// A line of a block scalar: its text without the indentation, or an empty line.
#[derive(Clone, Copy)]
enum Line {
    Text(usize, usize),
    Empty,
}

impl Lines<'_> {
    /// The block scalar whose header is at `pos`, the value of a key in column `parent`;
    /// reading ends at the first line that says something after it.
    pub(super) fn block_scalar(&mut self, parent: usize) -> Option<Node> {
        let header = self.pos;
        let literal = self.byte(header)? == b'|';
        let strip = self.byte(header + 1) == Some(b'-');
        let after = header + 1 + usize::from(strip);
        if self.byte(after) != Some(b'\n') {
            return None;
        }
        let mut lines: Vec<Line> = Vec::new();
        let mut indent: Option<usize> = None;
        let (mut at, mut line) = (after + 1, self.line + 1);
        // Where the parser's span of the scalar ends: the end of the text, or after the
        // indentation of the line that ends the scalar.
        let mut span_end = self.bytes.len();
        let first_line = line;
        while at < self.bytes.len() {
            let spaces = self.skip_spaces(at) - at;
            match self.byte(at + spaces) {
                None | Some(b'\n') => {
                    // A line of spaces: empty, unless it holds more than the indentation.
                    if indent.is_none_or(|n| spaces > n) {
                        return None;
                    }
                    lines.push(Line::Empty);
                }
                Some(_) => {
                    let n = *indent.get_or_insert(spaces);
                    if n <= parent {
                        // Not indented below its key: the scalar is empty.
                        return None;
                    }
                    if spaces < n {
                        span_end = at + spaces;
                        break;
                    }
                    if spaces > n && !literal {
                        return None;
                    }
                    lines.push(Line::Text(at + n, self.end_of_line(at)));
                }
            }
            at = self.end_of_line(at) + 1;
            line += 1;
        }
        let n = indent?;
        // Empty lines after the text belong to the chomping, which drops them (strip and
        // clip alike), though the parser's span takes them in.
        while matches!(lines.last(), Some(Line::Empty)) {
            lines.pop();
        }
        let Some(&Line::Text(start, _)) = lines.first() else {
            return None;
        };
        let at = at.min(self.bytes.len());
        let mut value = if literal {
            self.literal(&lines)
        } else {
            self.folded(&lines)
        };
        // Clipping keeps one line break, even at the end of a file without one (as the
        // parser does).
        if !strip {
            value.push('\n');
        }
        self.count_node()?;
        let node = Node {
            pos: Pos::new(first_line, u32::try_from(n + 1).ok()?),
            offset: start,
            len: span_end - start,
            value: Value::Str(value),
        };
        self.pos = at;
        self.line_start = at;
        self.line = line;
        self.next_line()?;
        Some(node)
    }

    /// `|`: the lines as they are, joined by line breaks.
    fn literal(&self, lines: &[Line]) -> String {
        let mut value = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                value.push('\n');
            }
            if let Line::Text(start, end) = *line {
                value.push_str(&self.text[start..end]);
            }
        }
        value
    }

    /// `>`: lines of text joined by a space, a run of empty lines between two becoming
    /// that many line breaks.
    fn folded(&self, lines: &[Line]) -> String {
        let mut value = String::new();
        let mut empty = 0;
        let mut first = true;
        for line in lines {
            match *line {
                Line::Empty => empty += 1,
                Line::Text(start, end) => {
                    if !first {
                        if empty == 0 {
                            value.push(' ');
                        }
                        for _ in 0..empty {
                            value.push('\n');
                        }
                    }
                    value.push_str(&self.text[start..end]);
                    (first, empty) = (false, 0);
                }
            }
        }
        value
    }
}
