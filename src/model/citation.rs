//! Rules in the order a reader expects them: by article and paragraph as numbers.

/// The order a reader expects rules in: by instrument, then by article or paragraph taken as
/// numbers (Art. 3 before Art. 14, Art. 10 before Art. 10(1), point (ii) before (ix)), then
/// by the rest of the id. Ids are `<instrument>.<article or paragraph>.<what it checks>`.
pub fn citation_order(rule_id: &str) -> Vec<CitationPart> {
    let mut parts = rule_id.splitn(3, '.');
    let (instrument, article, rest) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let mut key = citation_parts(instrument);
    key.push(CitationPart::Separator);
    key.extend(citation_parts(article));
    key.push(CitationPart::Separator);
    key.push(CitationPart::Word(rest.to_owned()));
    key
}

/// One piece of a [`citation_order`] key. The variant order is the sort order: a shorter
/// citation (`art10`) ends in `Separator` where a longer one (`art10-1`) goes on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum CitationPart {
    Separator,
    Number(u64),
    Word(String),
}

fn citation_parts(text: &str) -> Vec<CitationPart> {
    let mut parts: Vec<CitationPart> = Vec::new();
    for token in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        // `art3` is a word and a number; digits and letters alternate within a token.
        let mut rest = token;
        while !rest.is_empty() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let (head, tail) = if digits > 0 {
                rest.split_at(digits)
            } else {
                let letters =
                    rest.len() - rest.trim_start_matches(|c: char| !c.is_ascii_digit()).len();
                rest.split_at(letters)
            };
            let numbers_before = parts
                .iter()
                .filter(|p| matches!(p, CitationPart::Number(_)))
                .count();
            parts.push(match head.parse::<u64>() {
                Ok(n) => CitationPart::Number(n),
                // After an article and a paragraph, `i`, `iv`, `ix` number points.
                Err(_) => match roman(head) {
                    Some(n) if numbers_before >= 2 => CitationPart::Number(n),
                    _ => CitationPart::Word(head.to_owned()),
                },
            });
            rest = tail;
        }
    }
    parts
}

/// The value of a lowercase Roman numeral up to 39 (`i` … `xxxix`), as points are numbered.
fn roman(text: &str) -> Option<u64> {
    let tens = text.len() - text.trim_start_matches('x').len();
    let units: u64 = match &text[tens..] {
        "" => 0,
        "i" => 1,
        "ii" => 2,
        "iii" => 3,
        "iv" => 4,
        "v" => 5,
        "vi" => 6,
        "vii" => 7,
        "viii" => 8,
        "ix" => 9,
        _ => return None,
    };
    let tens = tens as u64;
    (tens <= 3 && tens + units > 0).then_some(10 * tens + units)
}

#[cfg(test)]
mod citation_order_tests {
    use super::citation_order;

    #[test]
    fn articles_and_paragraphs_sort_as_numbers() {
        let mut ids = vec![
            "dir-2011-93.art14.non-prosecution",
            "dir-2011-93.art3-5-ix.z",
            "dir-2011-93.art10-1.disqualification",
            "dir-2011-93.art3-5-ii.abuse-of-vulnerability",
            "dir-2011-93.art10.records-for-recruitment",
            "dir-2011-93.art3-4.sexual-activities",
            "dir-2011-93.art2.material-definition",
            "dir-2011-93.art9-b.family",
            "dir-2011-93.art9-a.vulnerable-child",
            "dir-2011-93.art3-5-i.abuse-of-trust",
            "dir-2011-93.art3-5-iii.coercion",
            "cc-2019.para16.x",
            "cc-2019.para7.y",
        ];
        ids.sort_by_key(|id| citation_order(id));
        assert_eq!(
            ids,
            [
                "cc-2019.para7.y",
                "cc-2019.para16.x",
                "dir-2011-93.art2.material-definition",
                "dir-2011-93.art3-4.sexual-activities",
                "dir-2011-93.art3-5-i.abuse-of-trust",
                "dir-2011-93.art3-5-ii.abuse-of-vulnerability",
                "dir-2011-93.art3-5-iii.coercion",
                "dir-2011-93.art3-5-ix.z",
                "dir-2011-93.art9-a.vulnerable-child",
                "dir-2011-93.art9-b.family",
                "dir-2011-93.art10.records-for-recruitment",
                "dir-2011-93.art10-1.disqualification",
                "dir-2011-93.art14.non-prosecution",
            ]
        );
    }
}
