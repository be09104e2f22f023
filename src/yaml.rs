//! YAML with positions: every value remembers its line and column.
//!
//! Files are parsed into a small tree of [`Node`]s that keep their positions: from the
//! parser's events for plain YAML ([`events`]), else with serde-saphyr (each value a
//! `Spanned`), which is the reference for the tree and gives every error message. Typed records are then read from
//! the tree by hand with a [`Reader`], which collects every problem of a file
//! (unknown fields with a "did you mean", missing fields, wrong types) instead
//! of stopping at the first, as a derived `Deserialize` would.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::{n_, tw};
use crate::limits;

pub mod events;
pub mod lines;
mod reader;
mod syntax;

pub use reader::{Phrase, Reader};

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    /// Byte offset and length of the value in the file text (for scalars).
    pub offset: usize,
    pub len: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A number that is not a whole number within i64 (kept as written).
    Number(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Value {
    /// How the value is described in messages ("a list", "text", …).
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => n_("empty (null)"),
            Value::Bool(_) => n_("true/false"),
            Value::Int(_) => n_("a whole number"),
            Value::Number(_) => n_("a number"),
            Value::Str(_) => n_("text"),
            Value::Seq(_) => n_("a list"),
            Value::Map(_) => n_("a mapping"),
        }
    }
}

impl Node {
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn get(&self, name: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| v)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
}

fn pos_of(loc: &serde_saphyr::Location) -> Pos {
    Pos::new(
        u32::try_from(loc.line()).unwrap_or(u32::MAX),
        u32::try_from(loc.column()).unwrap_or(u32::MAX),
    )
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        Ok(Node {
            pos: pos_of(&spanned.referenced),
            offset: span.byte_offset().unwrap_or(0) as usize,
            len: span.byte_len().unwrap_or(0) as usize,
            value: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Number(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Number(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Number(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        String::from_utf8(v.to_vec())
            .map(Value::Str)
            .map_err(|_| E::custom("binary data is not allowed here"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Node>()?;
            entries.push((
                Key {
                    pos: pos_of(&key.referenced),
                    name: key.value,
                },
                value,
            ));
        }
        Ok(Value::Map(entries))
    }
}

/// The error for a file of `bytes` bytes, over [`limits::MAX_FILE_BYTES`]: refused before
/// it is read when its size is known, after the limit is read otherwise.
pub fn file_too_large(file: &str, bytes: u64) -> Diagnostic {
    let size = format!("{:.1}", bytes as f64 / 1_048_576.0);
    let most = (limits::MAX_FILE_BYTES / 1_048_576).to_string();
    let message = tw(
        "the file is too large ({size} MB); acquis reads files of at most {most} MB",
        &[("size", &size), ("most", &most)],
    );
    let help = tw(
        "a self-assessment is a short text file; put long documents behind a `url` instead of pasting them",
        &[],
    );
    Diagnostic::error_in(file, Pos::FILE, message, Some(help))
}

/// Reads raw bytes as a UTF-8 YAML file and parses it, with acquis' limits.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<(String, Node), Diagnostic> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(file_too_large(file, bytes.len() as u64));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            let message = tw("the file is not valid UTF-8 text", &[]);
            let help = tw(
                "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)",
                &[],
            );
            let pos = Pos::new(line as u32, col as u32);
            return Err(Diagnostic::error_in(file, pos, message, Some(help)));
        }
    };
    // A byte-order mark is harmless; editors on Windows add it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let node = parse_str(file, text)?;
    Ok((text.to_owned(), node))
}

/// Parses YAML text into a positioned tree: line by line when the text is the simple YAML
/// acquis writes ([`lines`], nearly always), else from the parser's events when it is
/// plain YAML ([`events`]), else through serde-saphyr, which also gives every error.
pub fn parse_str(file: &str, text: &str) -> Result<Node, Diagnostic> {
    if let Some(node) = lines::parse(text) {
        return Ok(node);
    }
    match events::parse(text) {
        Some(node) => Ok(node),
        None => parse_str_with_serde(file, text),
    }
}

/// Parses YAML text into a positioned tree with serde-saphyr: the reference the fast path
/// is tested against, and the reader of everything the fast path leaves to it.
pub fn parse_str_with_serde(file: &str, text: &str) -> Result<Node, Diagnostic> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        reject_unsupported_tags: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: limits::MAX_YAML_DEPTH,
            max_nodes: limits::MAX_YAML_NODES,
            max_aliases: limits::MAX_YAML_ALIASES,
            max_documents: 1,
        },
    };
    serde_saphyr::from_str_with_options::<Node>(text, options)
        .map_err(|e| yaml_error(file, text, &e))
}

fn yaml_error(file: &str, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let pos = error.location().map_or(Pos::FILE, |l| pos_of(&l));
    let raw = error.without_snippet().to_string();
    // serde-saphyr appends the position in words; we print it as file:line:col instead.
    let detail = match raw.find(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw,
    };
    let depth = limits::MAX_YAML_DEPTH.to_string();
    let (nodes, aliases) = (
        limits::MAX_YAML_NODES.to_string(),
        limits::MAX_YAML_ALIASES.to_string(),
    );
    let (message, help) = if detail.contains("budget breached: Documents") {
        (
            tw(
                "the file holds more than one YAML document (a second `---` line)",
                &[],
            ),
            tw("keep one self-assessment per file", &[]),
        )
    } else if detail.contains("budget breached: Depth") || detail.contains("recursion limit") {
        (
            tw(
                "the values nest more than {depth} levels deep",
                &[("depth", &depth)],
            ),
            tw(
                "an assessment nests four levels at most: section, question, long form, list",
                &[],
            ),
        )
    } else if detail.contains("budget breached") {
        (
            tw(
                "the file expands to more than {nodes} values or {aliases} alias uses (aliases repeated again and again)",
                &[("nodes", &nodes), ("aliases", &aliases)],
            ),
            tw("write the values out; acquis files need no aliases", &[]),
        )
    } else if detail.contains("duplicate mapping key") {
        // The parser's message ends with advice to its programmer (", set
        // DuplicateKeyPolicy in Options if acceptable"); keep only the key.
        let key = detail
            .split("duplicate mapping key:")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .map(str::trim)
            .unwrap_or("");
        (
            tw("`{key}` appears twice in the same mapping", &[("key", key)]),
            tw(
                "each key may appear once in a mapping; remove or rename one of them",
                &[],
            ),
        )
    } else if detail.contains("tag") {
        (
            tw(
                "a `!` tag, which acquis does not read ({detail})",
                &[("detail", &detail)],
            ),
            tw("remove the `!` tag: acquis reads plain values only", &[]),
        )
    } else {
        syntax::explain(&detail)
    };
    Diagnostic::error_in(file, pos, message, Some(help)).with_source(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_line_and_column() {
        let node = parse_str("t.yaml", "a:\n  b: true\n  c: [x, 2]\n").unwrap();
        let a = node.get("a").unwrap();
        assert_eq!(a.get("b").unwrap().pos, Pos::new(2, 6));
        let Value::Seq(items) = &a.get("c").unwrap().value else {
            panic!("not a list")
        };
        assert_eq!(items[1].pos, Pos::new(3, 10));
        assert_eq!(items[1].value, Value::Int(2));
    }

    #[test]
    fn duplicate_keys_are_errors_with_position() {
        let e = parse_str("t.yaml", "a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 1));
        assert_eq!(e.message, "`a` appears twice in the same mapping");
        assert!(!e.to_string().contains("DuplicateKeyPolicy"), "{e}");
    }

    #[test]
    fn yes_is_text_not_a_boolean() {
        let node = parse_str("t.yaml", "a: yes\n").unwrap();
        assert_eq!(node.get("a").unwrap().value, Value::Str("yes".into()));
    }

    #[test]
    fn tags_are_refused() {
        let e = parse_str("t.yaml", "a: !!python/object/apply:os.system [ls]\n").unwrap_err();
        assert_eq!(e.pos.line, 1, "{e}");
    }

    #[test]
    fn invalid_utf8_names_the_position() {
        let e = parse_bytes("t.yaml", b"a: 1\nb: \xff\n").unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 4));
    }
}
