//! The languages acquis writes for people in, and their conventions for counts, numbers and
//! dates. English is the language the rules are written and checked in; every other language
//! is a translation, and English is shown (marked) wherever a translation is missing.

use std::borrow::Cow;

use serde::Serialize;

/// A language of the words acquis writes (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];
    /// The languages rule and question files carry translations for (all but English, the
    /// language of the texts themselves).
    pub const TRANSLATED: [Lang; 1] = [Lang::Fr];

    /// The ISO 639-1 code, as `--lang`, `translations:` and `<html lang>` write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The language's own name ("English", "français").
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "français",
        }
    }

    /// The language's name in English ("French"), for messages to maintainers.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
        }
    }

    /// Whether `n` takes the plural: English says "0 gaps", French « 0 lacune ».
    pub fn is_plural(self, n: usize) -> bool {
        match self {
            Lang::En => n != 1,
            Lang::Fr => n > 1,
        }
    }

    /// A percentage to the nearest whole number: "80%" in English, « 80 % » (no-break space)
    /// in French. Rounded as `{:.0}` rounds (half to even), as every report always has.
    pub fn percent(self, value: f64) -> String {
        match self {
            Lang::En => format!("{value:.0}%"),
            Lang::Fr => format!("{value:.0}\u{a0}%"),
        }
    }

    /// A decimal number with one decimal: "2.5" / « 2,5 ».
    pub fn decimal(self, x: f64) -> String {
        let text = format!("{x:.1}");
        match self {
            Lang::En => text,
            Lang::Fr => text.replace('.', ","),
        }
    }

    /// A `YYYY-MM-DD` date written out for a printed page ("2 December 2026",
    /// « 2 décembre 2026 », « 1er mars 2026 »); anything else is returned as it is.
    pub fn long_date(self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let (Some(y), Some(m), Some(d)) = (
            parts.first().filter(|p| p.len() == 4),
            parts.get(1).and_then(|p| p.parse::<usize>().ok()),
            parts.get(2).and_then(|p| p.parse::<u32>().ok()),
        ) else {
            return iso.to_owned();
        };
        if parts.len() != 3 || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return iso.to_owned();
        }
        match self {
            Lang::En => format!("{d} {} {y}", MONTHS_EN[m - 1]),
            Lang::Fr if d == 1 => format!("1er {} {y}", MONTHS_FR[m - 1]),
            Lang::Fr => format!("{d} {} {y}", MONTHS_FR[m - 1]),
        }
    }

    /// What comes between a word and the colon after it: nothing in English, a no-break space
    /// in French (« erreur : »), for labels printed before a colon.
    pub fn before_colon(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Fr => "\u{a0}",
        }
    }

    /// Text as the language sets it: French puts a no-break space before `:` `;` `?` `!` and
    /// inside « », so a line never begins with a colon. Translators type an ordinary space.
    pub fn typography(self, text: &str) -> Cow<'_, str> {
        if self != Lang::Fr || !text.contains([':', ';', '?', '!', '«', '»']) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                ' ' if matches!(chars.peek(), Some(':' | ';' | '?' | '!' | '»')) => {
                    // Only before punctuation that ends a clause, not `http://…`: the colon
                    // follows a space there only in prose.
                    out.push('\u{a0}');
                }
                '«' if chars.peek() == Some(&' ') => {
                    chars.next();
                    out.push_str("«\u{a0}");
                }
                _ => out.push(c),
            }
        }
        Cow::Owned(out)
    }
}

/// A text in every language acquis writes messages in ([`Lang::ALL`]). A message is made in all of
/// them where it is made (`i18n::tw`), and printed in the reader's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words(Vec<String>);

impl Words {
    /// The text in each language, as `text` gives it.
    pub fn new(text: impl Fn(Lang) -> String) -> Words {
        Words(Lang::ALL.iter().map(|lang| text(*lang)).collect())
    }

    /// The same text in every language (a path, a value quoted alone).
    pub fn same(text: impl Into<String>) -> Words {
        let text = text.into();
        Words::new(|_| text.clone())
    }

    pub fn english(&self) -> &str {
        self.get(Lang::En)
    }

    pub fn get(&self, lang: Lang) -> &str {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.0[i]
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn french_counts_zero_and_one_in_the_singular() {
        assert!(!Lang::Fr.is_plural(0));
        assert!(!Lang::Fr.is_plural(1));
        assert!(Lang::Fr.is_plural(2));
        assert!(Lang::En.is_plural(0));
        assert!(!Lang::En.is_plural(1));
    }

    #[test]
    fn dates_and_numbers_follow_each_language() {
        assert_eq!(Lang::En.long_date("2026-12-02"), "2 December 2026");
        assert_eq!(Lang::Fr.long_date("2026-12-02"), "2 décembre 2026");
        assert_eq!(Lang::Fr.long_date("2026-03-01"), "1er mars 2026");
        assert_eq!(Lang::Fr.long_date("not a date"), "not a date");
        assert_eq!(Lang::Fr.percent(80.0), "80\u{a0}%");
        assert_eq!(Lang::En.percent(62.5), "62%");
        assert_eq!(Lang::En.percent(80.0), "80%");
        assert_eq!(Lang::Fr.decimal(2.5), "2,5");
    }

    #[test]
    fn french_punctuation_gets_a_no_break_space() {
        assert_eq!(
            Lang::Fr.typography("Note : « oui » ; voir http://x"),
            "Note\u{a0}: «\u{a0}oui\u{a0}»\u{a0}; voir http://x"
        );
        assert_eq!(Lang::En.typography("Note : x"), "Note : x");
        assert_eq!(Lang::from_code("FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("de"), None);
    }
}
