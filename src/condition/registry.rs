//! The functions a condition may call: the whole list, with what each takes, gives and means.
//! Nothing else is callable (no clock, no files, no loops), and each costs at most the size
//! of a set answer (64 values), a jurisdiction list or a literal list in the condition.
//! `acquis rules functions` prints this table; docs/adding-a-rule.md carries a copy that a
//! test keeps equal.

use super::ir::{Func, Val, Value};

/// What a parameter accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// A set answer, a list (`j.instruments`, `["a", "b"]`) or a word.
    Collection,
    /// A set answer or a list.
    Items,
    /// A list of quoted words.
    Words,
    /// One word: an enum answer, `j.code`, or a quoted word.
    Word,
}

/// What a function gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gives {
    Bool,
    Int,
}

pub struct Function {
    pub name: &'static str,
    pub func: Func,
    /// The receiver (before the dot) and the arguments.
    pub params: &'static [Param],
    pub gives: Gives,
    pub example: &'static str,
    pub meaning: &'static str,
}

pub const FUNCTIONS: &[Function] = &[
    Function {
        name: "len",
        func: Func::Len,
        params: &[Param::Collection],
        gives: Gives::Int,
        example: "a.prevention.exposed_groups.len() > 0",
        meaning: "how many values were chosen in a set answer (or items in a list, characters in a word)",
    },
    Function {
        name: "is_empty",
        func: Func::IsEmpty,
        params: &[Param::Collection],
        gives: Gives::Bool,
        example: "a.victims.hearing_options.is_empty()",
        meaning: "no value was chosen (the answer is `[]`)",
    },
    Function {
        name: "contains",
        func: Func::Contains,
        params: &[Param::Collection, Param::Word],
        gives: Gives::Bool,
        example: "a.offences.aggravating_circumstances.contains(\"serious_violence\")",
        meaning: "the value was chosen; the same as `\"serious_violence\" in a.offences.aggravating_circumstances`",
    },
    Function {
        name: "contains_all",
        func: Func::ContainsAll,
        params: &[Param::Items, Param::Words],
        gives: Gives::Bool,
        example: "a.victims.assistance_stages.contains_all([\"before_proceedings\", \"after_proceedings\"])",
        meaning: "every listed value was chosen (true for an empty list)",
    },
    Function {
        name: "contains_any",
        func: Func::ContainsAny,
        params: &[Param::Items, Param::Words],
        gives: Gives::Bool,
        example: "a.prevention.awareness_topics.contains_any([\"online_grooming\", \"self_generated_images\"])",
        meaning: "at least one listed value was chosen (false for an empty list)",
    },
    Function {
        name: "starts_with",
        func: Func::StartsWith,
        params: &[Param::Word, Param::Word],
        gives: Gives::Bool,
        example: "j.code.starts_with(\"X\")",
        meaning: "the word begins with the other",
    },
    Function {
        name: "ends_with",
        func: Func::EndsWith,
        params: &[Param::Word, Param::Word],
        gives: Gives::Bool,
        example: "j.name.ends_with(\"land\")",
        meaning: "the word ends with the other",
    },
];

pub fn find(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// The operators and names a condition may use besides the functions, for the docs.
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "a.section.question",
        "the answer to a question (bool, int, enum, set or date; never text)",
    ),
    (
        "j.code, j.name, j.fictional, j.memberships, j.instruments",
        "the jurisdiction",
    ),
    (
        "true, false, 12, \"word\", [\"a\", \"b\"]",
        "literals: whole numbers, quoted words, lists of quoted words",
    ),
    (
        "&&, ||, !, &, |",
        "and, or, not (`&` and `|` are `&&` and `||` without short-circuit; the verdict is the same)",
    ),
    (
        "==, !=, <, <=, >, >=",
        "comparisons (order only for numbers and dates; dates as \"YYYY-MM-DD\")",
    ),
    (
        "x in y",
        "membership: a value in a set answer or a list, or a word in a word",
    ),
    (
        "+, -, *, /, %",
        "whole-number arithmetic; division by zero and overflow are errors",
    ),
    (
        "if c { x } else { y }",
        "a choice; both branches give the same kind of value",
    ),
];

/// The table of functions as Markdown, as `acquis rules functions` prints it (and
/// docs/adding-a-rule.md copies it; a test keeps the two equal).
pub fn markdown() -> String {
    // A `|` in a cell, even inside backticks, ends the cell unless escaped.
    let cell = |text: &str| text.replace('|', "\\|");
    let mut out = String::from("| what | means |\n|---|---|\n");
    for (syntax, meaning) in SYNTAX {
        out.push_str(&format!("| `{}` | {} |\n", cell(syntax), cell(meaning)));
    }
    out.push_str("\n| function | called on | gives | means | example |\n|---|---|---|---|---|\n");
    for f in FUNCTIONS {
        let args: Vec<&str> = f.params[1..].iter().map(|p| argument(*p)).collect();
        out.push_str(&format!(
            "| `{}({})` | {} | {} | {} | `{}` |\n",
            f.name,
            args.join(", "),
            receiver(f.params[0]),
            match f.gives {
                Gives::Bool => "true or false",
                Gives::Int => "a number",
            },
            f.meaning,
            f.example
        ));
    }
    out
}

fn receiver(p: Param) -> &'static str {
    match p {
        Param::Collection => "a set answer, a list or a word",
        Param::Items => "a set answer or a list",
        Param::Words => "a list",
        Param::Word => "a word",
    }
}

fn argument(p: Param) -> &'static str {
    match p {
        Param::Collection | Param::Items => "values",
        Param::Words => "[\"word\", …]",
        Param::Word => "\"word\"",
    }
}

fn items<'a>(v: Value<'a>) -> Option<(&'a [String], Option<u64>)> {
    match v {
        Value::Set(bits, values) => Some((values, Some(bits))),
        Value::List(items) => Some((items, None)),
        _ => None,
    }
}

/// Whether `word` is among the items (a set counts only its chosen values).
fn holds(collection: (&[String], Option<u64>), word: &str) -> bool {
    match collection {
        (values, Some(bits)) => values
            .iter()
            .enumerate()
            .any(|(i, v)| v == word && i < 64 && bits & (1 << i) != 0),
        (items, None) => items.iter().any(|v| v == word),
    }
}

/// Applies a function to known arguments (types were checked when the condition loaded).
pub fn apply<'a>(func: Func, args: &[Value<'a>]) -> Val<'a> {
    let known = |v: Value<'a>| Val::Known(v);
    let mismatch = || {
        Val::Error(format!(
            "internal error: {func:?} applied to values of the wrong kind"
        ))
    };
    match (func, args) {
        (Func::Len | Func::IsEmpty, [x]) => {
            let n = match *x {
                Value::Set(bits, _) => i64::from(bits.count_ones()),
                Value::List(items) => items.len() as i64,
                Value::Str(s) => s.chars().count() as i64,
                _ => return mismatch(),
            };
            if func == Func::Len {
                known(Value::Int(n))
            } else {
                known(Value::Bool(n == 0))
            }
        }
        (Func::Contains, [Value::Str(s), Value::Str(w)]) => known(Value::Bool(s.contains(w))),
        (Func::Contains, [c, Value::Str(w)]) => match items(*c) {
            Some(c) => known(Value::Bool(holds(c, w))),
            None => mismatch(),
        },
        (Func::ContainsAll | Func::ContainsAny, [c, Value::List(wanted)]) => {
            let Some(c) = items(*c) else {
                return mismatch();
            };
            let any = func == Func::ContainsAny;
            let result = if any {
                wanted.iter().any(|w| holds(c, w))
            } else {
                wanted.iter().all(|w| holds(c, w))
            };
            known(Value::Bool(result))
        }
        (Func::StartsWith, [Value::Str(s), Value::Str(p)]) => known(Value::Bool(s.starts_with(p))),
        (Func::EndsWith, [Value::Str(s), Value::Str(p)]) => known(Value::Bool(s.ends_with(p))),
        _ => mismatch(),
    }
}
