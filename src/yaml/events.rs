//! The fast path of [`super::parse_str`]: the positioned tree built straight from the
//! parser's events, without serde.
//!
//! serde-saphyr wraps every value in `Spanned<T>` and dispatches it through serde, which
//! costs about four times the parsing itself. acquis files are plain YAML (block mappings,
//! lists, scalars), so this builds the same [`Node`]s from granit-parser's events and
//! marks directly. Anything it is not certain to read exactly as serde-saphyr does (an
//! anchor, alias, tag or merge key, a second document, a duplicate key, a scalar that may be
//! a number in some other spelling, a syntax error, a budget reached) makes it give up
//! (`None`), and the caller parses the text again with serde-saphyr, whose results and error
//! messages stay the reference. `tests/yaml_fast_path.rs` holds the two to the same tree.

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::{Key, Node, Value};
use crate::diagnostic::Pos;
use crate::limits;

/// The tree of `text`, or `None` when serde-saphyr must read it.
pub fn parse(text: &str) -> Option<Node> {
    // The parser's options as serde-saphyr sets them, so that neither accepts a text the
    // other refuses (it buffers fewer comments than the parser's default).
    let mut options = granit_parser::Options::default();
    options.max_buffered_comment_events = 32;
    let mut builder = Builder {
        events: Parser::new_from_str_with_options(text, options),
        nodes: 0,
        events_seen: 0,
    };
    match builder.next()? {
        (Event::StreamStart, _) => {}
        _ => return None,
    }
    match builder.next()? {
        (Event::DocumentStart(..), _) => {}
        _ => return None,
    }
    let (event, span) = builder.next()?;
    let root = builder.node(event, span, 0)?;
    match builder.next()? {
        (Event::DocumentEnd, _) => {}
        _ => return None,
    }
    match builder.next()? {
        (Event::StreamEnd, _) => Some(root),
        _ => None,
    }
}

struct Builder<'t> {
    events: Parser<'t, granit_parser::StrInput<'t>>,
    /// Scalars (keys too) and collections, as serde-saphyr's budget counts them.
    nodes: usize,
    /// Every event, comments too: serde-saphyr refuses more than a million.
    events_seen: usize,
}

/// Well below serde-saphyr's own cap on events, so the fast path never reads a text that
/// serde-saphyr would refuse for its length.
const MAX_EVENTS: usize = 500_000;

impl<'t> Builder<'t> {
    /// The next event that is not a comment; `None` at a syntax error too.
    fn next(&mut self) -> Option<(Event<'t>, Span)> {
        loop {
            self.events_seen += 1;
            if self.events_seen > MAX_EVENTS {
                return None;
            }
            match self.events.next()?.ok()? {
                (Event::Comment(..), _) => continue,
                other => return Some(other),
            }
        }
    }

    /// The node that `event` starts, inside `depth` collections.
    fn node(&mut self, event: Event<'t>, span: Span, depth: usize) -> Option<Node> {
        self.count_node()?;
        let collection = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        if collection && depth + 1 > limits::MAX_YAML_DEPTH {
            return None;
        }
        let value = match event {
            Event::Scalar(text, style, 0, None) => scalar(&text, style)?,
            Event::SequenceStart(_, 0, None) => {
                let mut items = Vec::new();
                loop {
                    match self.next()? {
                        (Event::SequenceEnd, _) => break,
                        (event, span) => items.push(self.node(event, span, depth + 1)?),
                    }
                }
                Value::Seq(items)
            }
            Event::MappingStart(_, 0, None) => {
                let mut entries: Vec<(Key, Node)> = Vec::new();
                // Keys seen, for maps too long to scan for a duplicate at every key.
                let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
                loop {
                    let (event, key_span) = self.next()?;
                    let name = match event {
                        Event::MappingEnd => break,
                        Event::Scalar(text, style, 0, None) => match scalar(&text, style)? {
                            Value::Str(name) if name != "<<" => {
                                self.count_node()?;
                                name
                            }
                            _ => return None,
                        },
                        _ => return None,
                    };
                    let duplicate = if entries.len() < 16 {
                        entries.iter().any(|(k, _)| k.name == name)
                    } else {
                        if seen.is_empty() {
                            seen.extend(entries.iter().map(|(k, _)| k.name.clone()));
                        }
                        !seen.insert(name.clone())
                    };
                    if duplicate {
                        return None;
                    }
                    let (event, span) = self.next()?;
                    let value = self.node(event, span, depth + 1)?;
                    entries.push((
                        Key {
                            name,
                            pos: pos(&key_span),
                        },
                        value,
                    ));
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        let (offset, len) = match (span.start.byte_offset(), span.end.byte_offset()) {
            (Some(start), Some(end)) => (start, end.saturating_sub(start)),
            _ => return None,
        };
        Some(Node {
            pos: pos(&span),
            offset,
            len,
            value,
        })
    }
}

impl Builder<'_> {
    fn count_node(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= limits::MAX_YAML_NODES).then_some(())
    }
}

fn pos(span: &Span) -> Pos {
    Pos::new(
        u32::try_from(span.start.line()).unwrap_or(u32::MAX),
        u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
    )
}

/// A scalar as serde-saphyr reads it into an untyped value (YAML 1.2 core schema with
/// strict booleans), or `None` for a spelling that may be a number in some other form.
pub(super) fn scalar(text: &str, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::Str(text.to_owned()));
    }
    Some(match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ if is_plain_integer(text) => Value::Int(text.parse().ok()?),
        _ if is_date(text) => Value::Str(text.to_owned()),
        _ if may_be_number(text) => return None,
        _ => Value::Str(text.to_owned()),
    })
}

/// Whether a plain scalar reads as text (what [`scalar`] gives as `Some(Value::Str(_))`),
/// without building it: keys are checked this way, then copied once.
pub(super) fn plain_is_text(text: &str) -> bool {
    !matches!(
        text,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
    ) && !is_plain_integer(text)
        && (is_date(text) || !may_be_number(text))
}

/// `0`, `42`, `-7`: no sign `+`, no leading zero, no underscore, within 18 digits.
fn is_plain_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// `2025-06-01`: text to serde-saphyr, as no number is written that way.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Whether some number syntax (hex, octal, binary, float, exponent, `.inf`, `.nan`,
/// underscores, signs, sexagesimal) could read this text: then serde-saphyr decides.
fn may_be_number(text: &str) -> bool {
    let t = text.strip_prefix(['+', '-']).unwrap_or(text);
    // Compared without case, and without a lowercase copy: this runs for every plain scalar.
    let word = t.trim_start_matches('.');
    if ["inf", "nan", "infinity"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
    {
        return true;
    }
    if let [b'0', radix, ..] = t.as_bytes()
        && matches!(radix.to_ascii_lowercase(), b'x' | b'o' | b'b')
    {
        return true;
    }
    t.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && t.bytes().all(|b| {
            b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'e' | b'E' | b'+' | b'-' | b':')
        })
}
