//! One-line flow collections of the line reader: `[a, "b"]`, `{ k: v }`, and either inside
//! the other (`sources: [{ doc: x, ref: "para 1" }]`, `answers: { s: { q: true } }` in rule
//! examples; JSON-style `{"s": {"q": true}}` too). Anything unusual gives up (`None`) as the
//! parent module says: a collection continued on the next line, a single-quoted, escaped or
//! empty key, a key without a value, a trailing comma, a duplicate key.

use super::super::events::{plain_is_text, scalar};
use super::super::{Key, Node, Value};
use super::Lines;
use crate::limits;
use granit_parser::ScalarStyle;

impl<'t> Lines<'t> {
    /// `[a, "b", {k: v}]` on one line.
    pub(super) fn flow_sequence(&mut self, depth: usize) -> Option<Node> {
        let (start, start_pos) = self.flow_open(depth)?;
        let mut items = Vec::new();
        if self.byte(self.pos) == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                items.push(self.flow_node(b']', depth + 1)?);
                if self.flow_separator(b']')? {
                    break;
                }
            }
        }
        Some(flow_node_at(start, start_pos, Value::Seq(items)))
    }

    /// `{ k: v, l: [a] }` on one line, each key a plain word.
    pub(super) fn flow_mapping(&mut self, depth: usize) -> Option<Node> {
        let (start, start_pos) = self.flow_open(depth)?;
        let mut entries: Vec<(Key, Node)> = Vec::new();
        // Keys seen, for maps too long to scan for a duplicate at every key.
        let mut seen: std::collections::HashSet<&'t str> = std::collections::HashSet::new();
        let mut names: Vec<&'t str> = Vec::new();
        if self.byte(self.pos) == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let key_start = self.pos;
                let (name, colon) = if self.byte(key_start) == Some(b'"') {
                    self.json_key_at(key_start)?
                } else {
                    let colon = self.key_at(key_start)?;
                    (&self.text[key_start..colon], colon)
                };
                if !plain_is_text(name) {
                    return None;
                }
                if !super::is_new_key(&mut names, &mut seen, name) {
                    return None;
                }
                self.count_node()?;
                let key = Key {
                    name: name.to_owned(),
                    pos: self.pos_of(key_start),
                };
                self.pos = self.skip_spaces(colon + 1);
                let value = self.flow_node(b'}', depth + 1)?;
                entries.push((key, value));
                if self.flow_separator(b'}')? {
                    break;
                }
            }
        }
        Some(flow_node_at(start, start_pos, Value::Map(entries)))
    }

    /// A JSON-style key, `"name":` (what the peers benchmark and other generators write):
    /// the name between the quotes, and where its colon is. Only a name the plain form could
    /// write too is taken (no escape, nothing a plain scalar would read otherwise); after a
    /// quoted key the colon may be followed directly by the value.
    fn json_key_at(&self, at: usize) -> Option<(&'t str, usize)> {
        let close = at + 1 + self.bytes[at + 1..].iter().position(|&b| b == b'"')?;
        let name = &self.text[at + 1..close];
        let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/');
        if !name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            || !name.bytes().all(word)
        {
            return None;
        }
        let colon = self.skip_spaces(close + 1);
        (self.byte(colon) == Some(b':')).then_some((name, colon))
    }

    /// Counts the collection opening at `pos` and steps over its bracket and the spaces after.
    fn flow_open(&mut self, depth: usize) -> Option<(usize, crate::diagnostic::Pos)> {
        self.count_node()?;
        if depth + 1 > limits::MAX_YAML_DEPTH {
            return None;
        }
        let start = self.pos;
        let start_pos = self.pos_of(start);
        self.pos = self.skip_spaces(start + 1);
        Some((start, start_pos))
    }

    /// After an item: `,` then the next item (`false`), or the closing bracket (`true`).
    fn flow_separator(&mut self, closer: u8) -> Option<bool> {
        self.pos = self.skip_spaces(self.pos);
        match self.byte(self.pos)? {
            b if b == closer => {
                self.pos += 1;
                Some(true)
            }
            b',' => {
                self.pos = self.skip_spaces(self.pos + 1);
                // `[a, ]`: a trailing comma.
                (self.byte(self.pos) != Some(closer)).then_some(false)
            }
            _ => None,
        }
    }

    /// An item of a flow collection closed by `closer`.
    fn flow_node(&mut self, closer: u8, depth: usize) -> Option<Node> {
        match self.byte(self.pos)? {
            b'"' => self.double_quoted(),
            b'\'' => self.single_quoted(),
            b'[' => self.flow_sequence(depth),
            b'{' => self.flow_mapping(depth),
            _ => self.flow_plain(closer),
        }
    }

    /// A plain scalar inside a flow collection: a word or words without indicators.
    fn flow_plain(&mut self, closer: u8) -> Option<Node> {
        let start = self.pos;
        let first = self.byte(start)?;
        if matches!(
            first,
            b'-' | b'?'
                | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'%'
                | b'@'
                | b'`'
                | b' '
                | b'\n'
        ) && !(first == b'-'
            && self
                .byte(start + 1)
                .is_some_and(|b| b.is_ascii_alphanumeric()))
        {
            return None;
        }
        let mut at = start;
        while let Some(b) = self.byte(at) {
            match b {
                b',' | b'\n' => break,
                b if b == closer => break,
                b':' | b'#' | b'[' | b']' | b'{' | b'}' => return None,
                _ => at += 1,
            }
        }
        let mut end = at;
        while end > start && self.bytes[end - 1] == b' ' {
            end -= 1;
        }
        self.scalar_node(
            start,
            end,
            scalar(&self.text[start..end], ScalarStyle::Plain)?,
        )
    }
}

/// A flow collection, placed at its opening bracket as the parser places it.
fn flow_node_at(start: usize, pos: crate::diagnostic::Pos, value: Value) -> Node {
    Node {
        pos,
        offset: start,
        len: 1,
        value,
    }
}
