//! Text wrapped at words to a width in terminal columns, with a hanging indent, for the
//! terminal summary of `check`. Widths are counted with unicode-width, so "✗", "é" and CJK
//! names take the columns a terminal gives them.

use unicode_width::UnicodeWidthStr;

/// `text` as lines of at most `width` columns, the first starting with `first`, the others
/// with `rest` (a hanging indent). A word longer than a line (a URL) is kept whole on a line
/// of its own rather than cut. Colour codes in `text` take no columns.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, paragraph) in text.split('\n').enumerate() {
        let mut line = String::from(if i == 0 { first } else { rest });
        let mut used = columns(&line);
        let mut empty = true;
        // A no-break space (French « : », « 80 % ») holds its neighbours on one line.
        let breaks = |c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}';
        for word in paragraph.split(breaks).filter(|w| !w.is_empty()) {
            let w = columns(word);
            if !empty && used + 1 + w > width {
                out.push_str(line.trim_end());
                out.push('\n');
                line = rest.to_owned();
                used = columns(rest);
                empty = true;
            }
            if !empty {
                line.push(' ');
                used += 1;
            }
            line.push_str(word);
            used += w;
            empty = false;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Columns `text` takes on a terminal, not counting the colour codes of `report::Style`.
fn columns(text: &str) -> usize {
    if !text.contains('\x1b') {
        return text.width();
    }
    let mut width = 0;
    let mut rest = text;
    while let Some(start) = rest.find('\x1b') {
        width += rest[..start].width();
        rest = match rest[start..].find('m') {
            Some(end) => &rest[start + end + 1..],
            None => "",
        };
    }
    width + rest.width()
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn lines_break_at_words_within_the_width_with_a_hanging_indent() {
        let text = "Child victims of trafficking get tailored assistance and a guardian";
        let wrapped = wrap(text, 30, "  ✗ ", "    ");
        assert_eq!(
            wrapped,
            "  ✗ Child victims of\n    trafficking get tailored\n    assistance and a guardian\n"
        );
        for line in wrapped.lines() {
            assert!(super::columns(line) <= 30, "{line}");
        }
    }

    #[test]
    fn a_word_longer_than_the_line_stays_whole_and_colour_takes_no_room() {
        let url = "https://example.org/a/very/long/path/that/does/not/fit";
        assert_eq!(wrap(url, 20, "", "  "), format!("{url}\n"));
        assert_eq!(
            wrap("\x1b[31mgap\x1b[0m is red", 8, "", ""),
            "\x1b[31mgap\x1b[0m is\nred\n"
        );
    }
}
