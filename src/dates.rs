//! Calendar dates as acquis reads them (`YYYY-MM-DD`, proleptic Gregorian) and as day
//! numbers (days since 1970-01-01), which conditions compare and waivers count with.

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.chars().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), when it is one.
pub fn day_number(text: &str) -> Option<i64> {
    if !is_iso_date(text) {
        return None;
    }
    let y: i64 = text[0..4].parse().ok()?;
    let m: i64 = text[5..7].parse().ok()?;
    let d: i64 = text[8..10].parse().ok()?;
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` text of a day number (the inverse of [`day_number`]).
pub fn date_text(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("24-01-01"));
        assert!(!is_iso_date("2024-1-011"));
    }

    #[test]
    fn day_numbers_round_trip_and_order_like_the_text() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2024-02-30"), None);
        let mut previous = None;
        for days in -719_000..2_900_000i64 {
            if days % 997 != 0 {
                continue;
            }
            let text = date_text(days);
            assert_eq!(day_number(&text), Some(days), "{text}");
            if let Some(p) = previous {
                assert!(p < text, "{p} < {text}");
            }
            previous = Some(text);
        }
    }
}
