//! Counts in words, for every message and report: "1 gap", "2 gaps", never "1 gaps".

/// `n` followed by the noun in the number it takes.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// The noun alone, in the number `n` takes ("1 rule is", "2 rules are").
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1, "gap", "gaps"), "1 gap");
        assert_eq!(super::count(0, "gap", "gaps"), "0 gaps");
        assert_eq!(super::count(2, "partly met", "partly met"), "2 partly met");
    }
}
