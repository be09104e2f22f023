//! The order of monitoring periods. Periods are free text ("2024", "2024-H2", "round 3"),
//! so they are compared the way a reader compares them: runs of digits as numbers,
//! everything else as text ("round 10" after "round 9", "2024-H2" after "2024-H1").

use std::cmp::Ordering;

/// Compares two periods: digit runs by value, other characters case-insensitively;
/// `Equal` means the same period ("2025" and "2025", "Round 1" and "round 1").
pub fn compare(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (chunks(a), chunks(b));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) => {
                let order = match (p, q) {
                    (Chunk::Number(m), Chunk::Number(n)) => {
                        let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                        m.len().cmp(&n.len()).then_with(|| m.cmp(n))
                    }
                    (Chunk::Number(_), Chunk::Text(_)) => Ordering::Less,
                    (Chunk::Text(_), Chunk::Number(_)) => Ordering::Greater,
                    (Chunk::Text(s), Chunk::Text(t)) => s.to_lowercase().cmp(&t.to_lowercase()),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

enum Chunk<'a> {
    Number(&'a str),
    Text(&'a str),
}

fn chunks(s: &str) -> impl Iterator<Item = Chunk<'_>> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let digit = first.is_ascii_digit();
        let end = rest
            .find(|c: char| c.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some(if digit {
            Chunk::Number(chunk)
        } else {
            Chunk::Text(chunk)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_inside_periods_compare_as_numbers() {
        assert_eq!(compare("2024", "2025"), Ordering::Less);
        assert_eq!(compare("round 9", "round 10"), Ordering::Less);
        assert_eq!(compare("2024-H2", "2024-H1"), Ordering::Greater);
        assert_eq!(compare("2025", "2025"), Ordering::Equal);
        assert_eq!(compare("2024", "2024-H1"), Ordering::Less);
    }
}
