//! The fastest path of [`super::parse_str`]: the positioned tree read line by line, for the
//! YAML that acquis writes and people edit (#17).
//!
//! Even from its events, the general YAML parser spends about 300 instructions a byte on
//! self-assessments, which are nothing but indented `key: value` lines, `- item` lines,
//! comments, quoted strings and one-line `[a, b]` lists; rule, questionnaire and catalogue
//! files add `>-` paragraphs and one-line `{ k: v }` mappings. This reads exactly that
//! subset, one line at a time, and gives up (`None`) at anything else: a tab, a carriage
//! return or a character YAML does not print, a block scalar other than `|`, `|-`, `>`, `>-`
//! (see [`blocks`]), a flow collection over several lines, an anchor, alias, tag or
//! directive, a key that is quoted or not a plain word, a value continued on the next line,
//! a duplicate key, an unusual escape, a number in an unusual spelling, a budget reached, or
//! any doubt. The caller then reads the text from the parser's events ([`super::events`]) or
//! with serde-saphyr, whose trees and error messages stay the reference:
//! `tests/yaml_lines.rs` holds this reader to serde-saphyr's tree, value for value and
//! position for position, including where the parser places an empty value.

use super::events::plain_is_text;
use super::{Key, Node, Value};
use crate::diagnostic::Pos;
use crate::limits;

mod blocks;
mod flow;
mod scalars;

/// The tree of `text`, or `None` when the other readers must read it.
pub fn parse(text: &str) -> Option<Node> {
    if !printable(text.as_bytes()) {
        return None;
    }
    let mut reader = Lines {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        indent: None,
        nodes: 0,
        events: 0,
    };
    reader.next_line()?;
    // The root is a mapping whose keys start in the first column, or a list of records
    // whose dashes do (the catalogue and jurisdictions of seeds/).
    if reader.indent != Some(0) {
        return None;
    }
    let root = if reader.at_dash() {
        reader.sequence(0, false, 0)?
    } else {
        reader.mapping(0, 0)?
    };
    reader.indent.is_none().then_some(root)
}

/// Whether every character is one the subset reads as itself: printable, and no tab,
/// carriage return, next line, no-break space, line or paragraph separator or byte-order
/// mark, whose handling differs between YAML's contexts.
/// Whether `name` is not yet among a mapping's keys, recording it: a short mapping is searched,
/// a long one goes through a set, so many keys never cost quadratic time. A repeated key is
/// left to serde-saphyr, which reports it.
fn is_new_key<'t>(
    names: &mut Vec<&'t str>,
    seen: &mut std::collections::HashSet<&'t str>,
    name: &'t str,
) -> bool {
    let duplicate = if names.len() < 16 {
        names.contains(&name)
    } else {
        if seen.is_empty() {
            seen.extend(names.iter().copied());
        }
        !seen.insert(name)
    };
    if !duplicate {
        names.push(name);
    }
    !duplicate
}

fn printable(bytes: &[u8]) -> bool {
    let plain_ascii = |chunk: &[u8]| {
        chunk.iter().fold(true, |ok, &b| {
            ok & ((0x20..0x7f).contains(&b) | (b == b'\n'))
        })
    };
    if bytes.chunks(32).all(plain_ascii) {
        return true;
    }
    // Some byte is not plain ASCII: look at each character (the text is valid UTF-8).
    std::str::from_utf8(bytes).is_ok_and(|text| {
        text.chars().all(|c| {
            (c >= ' ' || c == '\n')
                && !('\u{7f}'..='\u{a0}').contains(&c)
                && !matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                )
        })
    })
}

struct Lines<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// Where reading is: on the current line, at or after its indentation.
    pos: usize,
    /// The current line, counted from 1, and the offset where it starts.
    line: u32,
    line_start: usize,
    /// The indentation of the current line when reading stands at its first character;
    /// `None` at the end of the text.
    indent: Option<usize>,
    /// Scalars (keys too) and collections, as serde-saphyr's budget counts them.
    nodes: usize,
    /// Nodes and comments, against the parser's cap on events.
    events: usize,
}

/// Below serde-saphyr's cap on events, as in [`super::events`].
const MAX_EVENTS: usize = 500_000;

impl<'t> Lines<'t> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// The position of `offset`, on the current line.
    fn pos_of(&self, offset: usize) -> Pos {
        let before = &self.bytes[self.line_start..offset];
        let col = if before.is_ascii() {
            before.len()
        } else {
            self.text[self.line_start..offset].chars().count()
        };
        Pos::new(self.line, u32::try_from(col + 1).unwrap_or(u32::MAX))
    }

    fn count_node(&mut self) -> Option<()> {
        self.nodes += 1;
        self.events += 1;
        (self.nodes <= limits::MAX_YAML_NODES && self.events <= MAX_EVENTS).then_some(())
    }

    /// Moves to the first character of the next line that is neither blank nor a comment,
    /// from the start of a line; sets `indent` (`None` at the end of the text).
    fn next_line(&mut self) -> Option<()> {
        loop {
            let start = self.pos;
            let mut at = start;
            while self.byte(at) == Some(b' ') {
                at += 1;
            }
            match self.byte(at) {
                None => {
                    self.pos = at;
                    self.indent = None;
                    return Some(());
                }
                Some(b'\n') => self.new_line(at + 1),
                Some(b'#') => {
                    self.events += 1;
                    if self.events > MAX_EVENTS {
                        return None;
                    }
                    match self.newline_from(at) {
                        Some(end) => self.new_line(end + 1),
                        None => {
                            self.pos = self.bytes.len();
                            self.indent = None;
                            return Some(());
                        }
                    }
                }
                Some(_) => {
                    self.pos = at;
                    self.line_start = start;
                    self.indent = Some(at - start);
                    return Some(());
                }
            }
        }
    }

    fn new_line(&mut self, start: usize) {
        self.pos = start;
        self.line_start = start;
        self.line += 1;
    }

    fn newline_from(&self, at: usize) -> Option<usize> {
        self.bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| at + i)
    }

    fn end_of_line(&self, at: usize) -> usize {
        self.newline_from(at).unwrap_or(self.bytes.len())
    }

    fn skip_spaces(&self, mut at: usize) -> usize {
        while self.byte(at) == Some(b' ') {
            at += 1;
        }
        at
    }

    /// After a value: spaces and a comment may end the line, nothing else. Then on to the
    /// next line that says something.
    fn finish_line(&mut self) -> Option<()> {
        let at = self.skip_spaces(self.pos);
        match self.byte(at) {
            None => self.pos = at,
            Some(b'\n') => self.new_line(at + 1),
            Some(b'#') if at > self.pos => {
                self.events += 1;
                let end = self.end_of_line(at);
                if end == self.bytes.len() {
                    self.pos = end;
                } else {
                    self.new_line(end + 1);
                }
            }
            Some(_) => return None,
        }
        self.next_line()
    }

    /// Whether the current line is a sequence entry: `-` then a space or the line's end.
    fn at_dash(&self) -> bool {
        self.byte(self.pos) == Some(b'-')
            && matches!(self.byte(self.pos + 1), None | Some(b' ' | b'\n'))
    }

    /// The offset of the colon when `at` starts a `key:` that the subset reads (a plain
    /// word, then `:` and a space or the line's end).
    fn key_at(&self, at: usize) -> Option<usize> {
        let first = self.byte(at)?;
        if !(first.is_ascii_alphanumeric() || first == b'_') {
            return None;
        }
        let mut end = at + 1;
        while let Some(b) = self.byte(end) {
            if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/') {
                end += 1;
            } else {
                break;
            }
        }
        (self.byte(end) == Some(b':') && matches!(self.byte(end + 1), None | Some(b' ' | b'\n')))
            .then_some(end)
    }

    /// A block mapping whose keys start in column `indent`; the first key is at `pos`.
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Node> {
        self.count_node()?;
        if depth + 1 > limits::MAX_YAML_DEPTH {
            return None;
        }
        let (start, start_pos) = (self.pos, self.pos_of(self.pos));
        let mut entries: Vec<(Key, Node)> = Vec::new();
        let mut names: Vec<&'t str> = Vec::new();
        // Keys seen, for maps too long to scan for a duplicate at every key.
        let mut seen: std::collections::HashSet<&'t str> = std::collections::HashSet::new();
        loop {
            let key_start = self.pos;
            let colon = self.key_at(key_start)?;
            let name: &'t str = &self.text[key_start..colon];
            // A key the core schema reads as a number, boolean or null is not text.
            if !plain_is_text(name) {
                return None;
            }
            self.count_node()?;
            if !is_new_key(&mut names, &mut seen, name) {
                return None;
            }
            let key = Key {
                name: name.to_owned(),
                pos: self.pos_of(key_start),
            };
            self.pos = colon + 1;
            let value = self.entry_value(indent, colon, depth + 1)?;
            entries.push((key, value));
            match self.indent {
                Some(i) if i == indent && !self.at_dash() => {}
                Some(i) if i >= indent => return None,
                _ => break,
            }
        }
        Some(Node {
            pos: start_pos,
            offset: start,
            len: 0,
            value: Value::Map(entries),
        })
    }

    /// The value after the colon of a key in column `indent`.
    fn entry_value(&mut self, indent: usize, colon: usize, depth: usize) -> Option<Node> {
        let at = self.skip_spaces(self.pos);
        if matches!(self.byte(at), None | Some(b'\n' | b'#')) {
            // Nothing on the key's line: a block below it, or an empty value, which the
            // parser places at the colon.
            let empty_at = self.pos_of(colon);
            self.finish_line()?;
            return match self.indent {
                Some(i) if i > indent => self.block(i, false, depth),
                Some(i) if i == indent && self.at_dash() => self.block(i, true, depth),
                _ => {
                    self.count_node()?;
                    Some(Node {
                        pos: empty_at,
                        offset: colon,
                        len: 0,
                        value: Value::Null,
                    })
                }
            };
        }
        self.pos = at;
        let value = if matches!(self.byte(at), Some(b'|' | b'>')) {
            self.block_scalar(indent)?
        } else {
            let value = self.inline(depth)?;
            self.finish_line()?;
            value
        };
        // A deeper line after a value would continue it over several lines.
        match self.indent {
            Some(i) if i > indent => None,
            _ => Some(value),
        }
    }

    /// The collection that starts at the current line, in column `indent`.
    fn block(&mut self, indent: usize, indentless: bool, depth: usize) -> Option<Node> {
        if self.at_dash() {
            self.sequence(indent, indentless, depth)
        } else {
            self.mapping(indent, depth)
        }
    }

    /// A block sequence whose dashes are in column `indent`. `indentless`: in the same
    /// column as the key it belongs to, where the parser places the sequence where it
    /// stood after the first dash (see [`Lines::item`]) rather than at the dash.
    fn sequence(&mut self, indent: usize, indentless: bool, depth: usize) -> Option<Node> {
        self.count_node()?;
        if depth + 1 > limits::MAX_YAML_DEPTH {
            return None;
        }
        let (mut offset, mut pos) = (self.pos, self.pos_of(self.pos));
        let mut items: Vec<Node> = Vec::new();
        loop {
            let (item, mark) = self.item(indent, depth + 1)?;
            if indentless && items.is_empty() {
                (offset, pos) = mark;
            }
            items.push(item);
            match self.indent {
                Some(i) if i == indent && self.at_dash() => {}
                Some(i) if i == indent && indentless => break,
                Some(i) if i >= indent => return None,
                _ => break,
            }
        }
        Some(Node {
            pos,
            offset,
            len: 0,
            value: Value::Seq(items),
        })
    }

    /// One `- item` of a sequence whose dashes are in column `indent`, and where the parser
    /// stood after the dash: at the item when it is on the dash's line, else where that line
    /// ends (after any comment).
    fn item(&mut self, indent: usize, depth: usize) -> Option<(Node, (usize, Pos))> {
        let at = self.skip_spaces(self.pos + 1);
        let node = match self.byte(at) {
            None | Some(b'\n' | b'#') => {
                // The parser places an empty item there too.
                let end = if self.byte(at) == Some(b'#') {
                    self.end_of_line(at)
                } else {
                    at
                };
                let mark = (end, self.pos_of(end));
                self.pos = at;
                self.finish_line()?;
                let node = match self.indent {
                    Some(i) if i > indent => self.block(i, false, depth)?,
                    _ => {
                        self.count_node()?;
                        Node {
                            pos: mark.1,
                            offset: end,
                            len: 0,
                            value: Value::Null,
                        }
                    }
                };
                return Some((node, mark));
            }
            // `- - a`: a sequence in a sequence on one line.
            Some(b'-') if matches!(self.byte(at + 1), None | Some(b' ' | b'\n')) => return None,
            Some(_) => {
                let mark = (at, self.pos_of(at));
                self.pos = at;
                if self.key_at(at).is_some() {
                    // `- key: value`: a mapping whose keys line up with this one.
                    return Some((self.mapping(at - self.line_start, depth)?, mark));
                }
                let value = self.inline(depth)?;
                self.finish_line()?;
                match self.indent {
                    Some(i) if i > indent => return None,
                    _ => (value, mark),
                }
            }
        };
        Some(node)
    }

    /// A value that starts and ends on the current line, at `pos`.
    fn inline(&mut self, depth: usize) -> Option<Node> {
        match self.byte(self.pos)? {
            b'"' => self.double_quoted(),
            b'\'' => self.single_quoted(),
            b'[' => self.flow_sequence(depth),
            b'{' => self.flow_mapping(depth),
            b'-' if !matches!(self.byte(self.pos + 1), None | Some(b' ' | b'\n')) => self.plain(),
            b'-' | b'?' | b':' | b',' | b']' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>'
            | b'%' | b'@' | b'`' => None,
            _ => self.plain(),
        }
    }
}
