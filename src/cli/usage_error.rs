//! The command line parser's own errors (an unknown option, a wrong value, a mistyped
//! command), said in the run's language when it is not English.
//!
//! clap words its errors in English only. A coordinator who types `--lang fr` and then
//! `--fromat csv` should read what is wrong in French, like every other message of the
//! run; the parser's error carries what it found (the argument, the suggestion, the
//! possible values), and the sentence is made here from the catalogue. Kinds not listed
//! here keep clap's English.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::failure::Failure;
use crate::i18n::{t, tf};
use crate::lang::Lang;
use crate::suggest::backticked;

/// The language asked for on the command line (`--lang fr` or `--lang=fr`), read from the
/// raw arguments because the parser that would read it has just failed.
pub(super) fn lang_asked(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().filter_map(|a| a.to_str());
    let mut asked = None;
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let code = match arg.strip_prefix("--lang") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(lang) = code.and_then(Lang::from_code) {
            asked = Some(lang);
        }
    }
    asked
}

/// The parser's error as a usage failure in `lang`, for the kinds a user meets; `None`
/// keeps clap's own message.
pub(super) fn translated(error: &clap::Error, lang: Lang) -> Option<Failure> {
    let text = |kind| context_text(error, kind);
    let command = command_of(error);
    let help_of = |command: &str| {
        tf(
            lang,
            "`{command} --help` says what it takes",
            &[("command", command)],
        )
    };
    let (message, help) = match error.kind() {
        ErrorKind::UnknownArgument => {
            let arg = text(ContextKind::InvalidArg)?;
            let message = tf(lang, "unexpected argument `{arg}`", &[("arg", &arg)]);
            let help = match text(ContextKind::SuggestedArg) {
                Some(near) => tf(lang, "did you mean `{name}`?", &[("name", &near)]),
                None => help_of(&command),
            };
            (message, help)
        }
        ErrorKind::InvalidSubcommand => {
            let name = text(ContextKind::InvalidSubcommand)?;
            let message = tf(lang, "unknown command `{name}`", &[("name", &name)]);
            let near = context_list(error, ContextKind::SuggestedSubcommand);
            let help = match near.as_slice() {
                [one] => tf(lang, "did you mean `{name}`?", &[("name", one)]),
                [_, _, ..] => tf(
                    lang,
                    "did you mean one of {names}?",
                    &[("names", &backticked(&near))],
                ),
                [] => t(lang, "`acquis --help` lists the commands").to_owned(),
            };
            (message, help)
        }
        ErrorKind::MissingSubcommand => {
            let message = tf(
                lang,
                "`{command}` needs a command",
                &[("command", &command)],
            );
            let help = match text(ContextKind::ValidSubcommand) {
                Some(names) => tf(lang, "the commands: {names}", &[("names", &names)]),
                None => t(lang, "`acquis --help` lists the commands").to_owned(),
            };
            (message, help)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let arg = text(ContextKind::InvalidArg)?;
            let value = text(ContextKind::InvalidValue)?;
            let message = tf(
                lang,
                "`{value}` is not a value of `{arg}`",
                &[("value", &value), ("arg", &arg)],
            );
            let help = match text(ContextKind::ValidValue) {
                Some(values) => tf(lang, "the values: {values}", &[("values", &values)]),
                None => help_of(&command),
            };
            (message, help)
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = text(ContextKind::InvalidArg)?;
            let message = tf(
                lang,
                "`{command}` needs {missing}",
                &[("command", &command), ("missing", &missing)],
            );
            (message, help_of(&command))
        }
        ErrorKind::ArgumentConflict => {
            let arg = text(ContextKind::InvalidArg)?;
            let other = text(ContextKind::PriorArg)?;
            let message = if arg == other {
                tf(lang, "`{arg}` is given twice", &[("arg", &arg)])
            } else {
                tf(
                    lang,
                    "`{arg}` cannot be used with `{other}`",
                    &[("arg", &arg), ("other", &other)],
                )
            };
            (message, help_of(&command))
        }
        _ => return None,
    };
    Some(Failure::usage(message, help))
}

/// A piece of the error's context as plain text; several values joined by commas.
fn context_text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    Some(match error.get(kind)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        _ => return None,
    })
}

/// The names a piece of the error's context lists (none when it lists none).
fn context_list(error: &clap::Error, kind: ContextKind) -> Vec<&str> {
    match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.iter().map(String::as_str).collect(),
        Some(ContextValue::String(one)) => vec![one.as_str()],
        _ => Vec::new(),
    }
}

/// The command the error is about (`acquis check`), from its usage line.
fn command_of(error: &clap::Error) -> String {
    let usage = context_text(error, ContextKind::Usage).unwrap_or_default();
    let usage = usage.trim_start();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage);
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['-', '<', '[']))
        .collect();
    if words.is_empty() {
        "acquis".to_owned()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_from_the_raw_arguments() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_asked(&args(&["acquis", "check", "--lang", "fr"])),
            Some(Lang::Fr)
        );
        assert_eq!(
            lang_asked(&args(&["acquis", "--lang=fr", "chek"])),
            Some(Lang::Fr)
        );
        assert_eq!(lang_asked(&args(&["acquis", "check", "x.yaml"])), None);
        assert_eq!(
            lang_asked(&args(&["acquis", "check", "--", "--lang", "fr"])),
            None,
            "after `--` it is a file name"
        );
        assert_eq!(lang_asked(&args(&["acquis", "--lang", "de"])), None);
    }
}
