//! What a YAML syntax error means, in the words of the person who typed the file.
//!
//! The parser says "mapping values are not allowed in this context"; a coordinator who
//! indented one line too far, or wrote `note: see: Article 5`, needs to hear that, in the
//! language of the run. Each common mistake is recognised by the parser's own words (the
//! tests in `tests/yaml_syntax.rs` type each mistake, so a parser that words it otherwise
//! fails them), and the parser's text stays at the end for whoever searches for it.

use crate::i18n::tw;
use crate::lang::Words;

/// The message and help for the parser's `detail` (its message without the position).
pub(super) fn explain(detail: &str) -> (Words, Words) {
    let (message, help) = plain_words(detail);
    let parser = [("parser", detail)];
    let message = Words::new(|lang| {
        let said = crate::i18n::tf(lang, "the YAML parser says: {parser}", &parser);
        format!("{} ({said})", message.get(lang))
    });
    (message, help)
}

fn plain_words(detail: &str) -> (Words, Words) {
    let has = |words: &str| detail.contains(words);
    if has("tab") {
        (
            tw("a tab character where YAML needs spaces", &[]),
            tw(
                "YAML indents with spaces only; replace the tab characters with spaces",
                &[],
            ),
        )
    } else if has("mapping values are not allowed") || has("illegal placement of ':'") {
        (
            tw(
                "a `:` where YAML does not expect one: this line is indented further than the line above allows, a value holds `: ` without quotes, or a `[` above is not closed",
                &[],
            ),
            tw(
                "indent this line like the entries beside it, put a value that holds `: ` in quotes (`note: \"see: Article 5\"`), or close the `[` with `]`",
                &[],
            ),
        )
    } else if has("did not find expected key") || has("invalid indentation") {
        (
            tw("this line is not lined up with the entries above it", &[]),
            tw(
                "indent each entry by as many spaces as the entries at its level (in a self-assessment: sections by 2, questions by 4)",
                &[],
            ),
        )
    } else if has("did not find expected '-' indicator") {
        (
            tw(
                "this line stands where the next item of a list should, but does not start with `- `",
                &[],
            ),
            tw(
                "start it with `- ` if it belongs to the list, or indent it like the entries before the list",
                &[],
            ),
        )
    } else if has("unclosed quote") || (has("end of stream") && has("quoted")) {
        (
            tw("a quotation mark opened here is never closed", &[]),
            tw(
                "end the text with the quotation mark it starts with (\" or ')",
                &[],
            ),
        )
    } else if has("after single-quoted scalar") {
        (
            tw(
                "text goes on after the closing `'`: a text in single quotes that holds an apostrophe",
                &[],
            ),
            tw(
                "write the apostrophe twice (`'it''s'`) or put the text in double quotes (`\"it's\"`)",
                &[],
            ),
        )
    } else if has("after double-quoted scalar") {
        (
            tw(
                "text goes on after the closing `\"`: a text in double quotes that holds a quotation mark",
                &[],
            ),
            tw(
                "write the inner quotation mark as `\\\"`, or put the text in single quotes",
                &[],
            ),
        )
    } else if has("unknown escape character") || has("hexadecimal number") || has("surrogate") {
        (
            tw(
                "a `\\` in a text in double quotes starts a sequence YAML does not know",
                &[],
            ),
            tw(
                "write `\\\\` for a backslash, or put the text in single quotes, where `\\` is an ordinary character",
                &[],
            ),
        )
    } else if has("unclosed bracket")
        || has("expected ',' or ']'")
        || has("expected ',' or '}'")
        || has("while parsing a flow")
    {
        (
            tw("a bracket or brace opened here is never closed", &[]),
            tw(
                "close it on the same line (`[a, b]`), or write its entries one per line, without brackets",
                &[],
            ),
        )
    } else if has("unexpected character") && (has("\\u{") || detail.chars().any(char::is_control)) {
        (
            tw(
                "a control character, which cannot stand in a text file",
                &[],
            ),
            tw(
                "delete it (it often comes with text copied from another program), and save the file as plain text",
                &[],
            ),
        )
    } else if has("non-finite float") {
        (
            tw("`.nan` and `.inf` are not numbers acquis reads", &[]),
            tw(
                "write the number in digits, or leave the question out while it has no answer",
                &[],
            ),
        )
    } else if has("expected string scalar") {
        (
            tw("a key that is not a plain name", &[]),
            tw(
                "write each key as a name followed by a colon (`periodic_rechecks: true`)",
                &[],
            ),
        )
    } else if has("unexpected character") || has("anchor") {
        (
            tw(
                "a value starts with a character YAML reserves (`@`, `` ` ``, `*`, `&`, `%`)",
                &[],
            ),
            tw("put the value in quotes: `\"@example\"`", &[]),
        )
    } else {
        (
            tw("the file is not valid YAML here", &[]),
            tw(
                "check the YAML syntax on this line and the line before it (indentation, quotes, colons)",
                &[],
            ),
        )
    }
}
