//! Names close to a name that is not known, for the help of a message: "did you mean
//! `ecris`?", the names that begin with what was typed, or the names there are
//! ([`suggest`]); `i18n::suggestion_in` words them in each language.

/// The closest known name to `unknown`, if one is close enough to be a likely typo.
/// Case is ignored: `ECRIS` is a likely way to type `ecris`.
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in known {
        let score = if candidate.to_lowercase() == lower {
            2.0
        } else {
            strsim::jaro_winkler(&lower, &candidate.to_lowercase())
        };
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// What to suggest for a name that is not known: the names that begin with what was typed
/// (`dir-2011-93.art10` is the start of three rule ids), the one name close to it, or the
/// names there are ([`suggestion`] in English; `i18n::suggestion_in` in other languages).
pub enum Suggestion<'a> {
    /// Two to twelve names that begin with what was typed.
    OneOf(Vec<&'a str>),
    /// The one name that begins with what was typed, or is close to it.
    Close(&'a str),
    /// There are no names at all.
    NoneKnown,
    /// Every name (twelve at most).
    All(Vec<&'a str>),
    /// The first ten names, and how many more there are.
    First(Vec<&'a str>, usize),
}

pub fn suggest<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> Suggestion<'a> {
    let lower = unknown.to_lowercase();
    let starting: Vec<&str> = if lower.is_empty() {
        Vec::new()
    } else {
        known
            .clone()
            .into_iter()
            .filter(|k| k.to_lowercase().starts_with(&lower) && k.len() > unknown.len())
            .collect()
    };
    if (2..=12).contains(&starting.len()) {
        return Suggestion::OneOf(starting);
    }
    if let [only] = starting[..] {
        return Suggestion::Close(only);
    }
    match did_you_mean(unknown, known.clone()) {
        Some(close) => Suggestion::Close(close),
        None => {
            let all: Vec<&str> = known.into_iter().collect();
            if all.is_empty() {
                Suggestion::NoneKnown
            } else if all.len() <= 12 {
                Suggestion::All(all)
            } else {
                let more = all.len() - 10;
                Suggestion::First(all[..10].to_vec(), more)
            }
        }
    }
}

pub fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
