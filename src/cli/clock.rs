//! The clock, read only here: the default `--as-of` date and watch-mode headings.

/// Today's date (UTC) as `YYYY-MM-DD`, the default for `--as-of`.
pub(super) fn today() -> String {
    crate::dates::date_text((seconds_since_epoch() / 86_400) as i64)
}

/// The current time of day (UTC) as `HH:MM:SS`, for watch-mode headings.
pub(super) fn now_hms() -> String {
    let s = seconds_since_epoch() % 86_400;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn seconds_since_epoch() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
