//! The words a person reads in the workbook for what acquis stores as identifiers: the
//! listed answers of a question (`regional_only` ↔ "Regional only"). Writing and reading
//! both go through here, so a label written is always read back to its id.

/// The label shown for a listed answer: the id in words, first letter capitalised
/// (`within_5_years` → "Within 5 years"). The questionnaire has no labels of its own yet;
/// when it gets them, this is the one place to use them.
pub fn value_label(value: &str) -> String {
    let words = value.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The listed answer a cell's text names: its label or its id, in any case.
pub fn value_for<'a>(values: &'a [String], text: &str) -> Option<&'a str> {
    let text = text.trim();
    values
        .iter()
        .find(|v| {
            v.eq_ignore_ascii_case(text) || value_label(v).to_lowercase() == text.to_lowercase()
        })
        .map(String::as_str)
}

/// The labels of `values`, in order, joined for a sentence.
pub fn labels(values: &[String]) -> String {
    values
        .iter()
        .map(|v| value_label(v))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_words_and_read_back_to_the_id() {
        assert_eq!(value_label("regional_only"), "Regional only");
        assert_eq!(value_label("within_5_years"), "Within 5 years");
        let values: Vec<String> = ["national", "regional_only", "none"]
            .map(String::from)
            .to_vec();
        assert_eq!(value_for(&values, "Regional only"), Some("regional_only"));
        assert_eq!(value_for(&values, " regional ONLY "), Some("regional_only"));
        assert_eq!(value_for(&values, "REGIONAL_ONLY"), Some("regional_only"));
        assert_eq!(value_for(&values, "regional"), None);
    }
}
