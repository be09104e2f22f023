//! The scalars of the line reader: plain and quoted, each read within its line; anything
//! unusual gives up (`None`) as the parent module says.

use super::super::events::scalar;
use super::super::{Node, Value};
use super::Lines;
use granit_parser::ScalarStyle;

impl Lines<'_> {
    /// A plain scalar in block context: up to a comment or the line's end.
    pub(super) fn plain(&mut self) -> Option<Node> {
        let start = self.pos;
        let line_end = self.end_of_line(start);
        let line = &self.bytes[start..line_end];
        let mut end = line
            .windows(2)
            .position(|w| w == b" #")
            .map_or(line_end, |i| start + i);
        while end > start && self.bytes[end - 1] == b' ' {
            end -= 1;
        }
        let text = &self.text[start..end];
        // `a: b` on one line, or a trailing colon, is a mapping where a value was expected.
        if text.contains(": ") || text.ends_with(':') {
            return None;
        }
        self.scalar_node(start, end, scalar(text, ScalarStyle::Plain)?)
    }

    pub(super) fn scalar_node(&mut self, start: usize, end: usize, value: Value) -> Option<Node> {
        self.count_node()?;
        let node = Node {
            pos: self.pos_of(start),
            offset: start,
            len: end - start,
            value,
        };
        self.pos = end;
        Some(node)
    }

    /// `"text"` on one line, with the common escapes.
    pub(super) fn double_quoted(&mut self) -> Option<Node> {
        let start = self.pos;
        let mut at = start + 1;
        let mut text = String::new();
        let mut copied = at;
        loop {
            match self.byte(at)? {
                b'"' => break,
                b'\n' => return None,
                b'\\' => {
                    text.push_str(&self.text[copied..at]);
                    let (c, width) = self.escape(at + 1)?;
                    text.push(c);
                    at += 1 + width;
                    copied = at;
                }
                _ => at += 1,
            }
        }
        let value = if copied == start + 1 {
            self.text[copied..at].to_owned()
        } else {
            text.push_str(&self.text[copied..at]);
            text
        };
        self.scalar_node(start, at + 1, Value::Str(value))
    }

    /// The character an escape after a backslash at `at` stands for, and its length.
    pub(super) fn escape(&self, at: usize) -> Option<(char, usize)> {
        Some(match self.byte(at)? {
            b'"' => ('"', 1),
            b'\\' => ('\\', 1),
            b'/' => ('/', 1),
            b'n' => ('\n', 1),
            b't' => ('\t', 1),
            b'r' => ('\r', 1),
            b'0' => ('\0', 1),
            b'b' => ('\u{8}', 1),
            b'f' => ('\u{c}', 1),
            b'u' => {
                let hex = self.text.get(at + 1..at + 5)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                (char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, 5)
            }
            _ => return None,
        })
    }

    /// `'text'` on one line, `''` standing for a quote.
    pub(super) fn single_quoted(&mut self) -> Option<Node> {
        let start = self.pos;
        let mut at = start + 1;
        let mut doubled = false;
        loop {
            match self.byte(at)? {
                b'\'' if self.byte(at + 1) == Some(b'\'') => {
                    doubled = true;
                    at += 2;
                }
                b'\'' => break,
                b'\n' => return None,
                _ => at += 1,
            }
        }
        let inner = &self.text[start + 1..at];
        let value = if doubled {
            inner.replace("''", "'")
        } else {
            inner.to_owned()
        };
        self.scalar_node(start, at + 1, Value::Str(value))
    }
}
