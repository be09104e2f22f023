//! Markdown and HTML documents from minijinja templates in `reports/`
//! (built into the binary; `--template PATH` replaces one).
//!
//! Escaping follows the output format, not a template's file name: an HTML report
//! auto-escapes every value, whatever the `--template` file is called. Markdown has no
//! auto-escaping, so the Markdown templates pass every piece of text through
//! the `md` filter, and text shown as code through `code`.
//!
//! A `--template` is untrusted: `cli` reads it only if it is a regular file of at most
//! [`MAX_TEMPLATE_BYTES`], and it is parsed once before any assessment is read ([`Template::parse`]),
//! and rendered with minijinja's fuel ([`TEMPLATE_FUEL`]: instructions and bytes created)
//! into an output of at most [`MAX_OUTPUT_BYTES`].

use minijinja::{AutoEscape, Environment, Value};
use serde::Serialize;

use crate::i18n;
use crate::lang::Lang;
use crate::limits::{MAX_OUTPUT_BYTES, MAX_TEMPLATE_BYTES, TEMPLATE_FUEL};

/// A template that could not be parsed or rendered, `name` as messages show it; its
/// `Display` is the message, [`RenderError::help`] how to fix it when there is a way.
#[derive(Debug)]
pub enum RenderError {
    /// Longer than [`MAX_TEMPLATE_BYTES`].
    TooLarge { name: String },
    /// Not UTF-8; `byte` is where the text stops being valid.
    NotText { name: String, byte: usize },
    /// minijinja's syntax error, with its detail.
    Syntax { name: String, detail: String },
    /// A built-in template name that does not exist (a bug the tests catch).
    Missing { name: String, detail: String },
    /// Rendering failed (an undefined value, fuel spent), with minijinja's detail.
    Failed { name: String, detail: String },
    /// The document grew past [`MAX_OUTPUT_BYTES`].
    OutputTooLarge { name: String },
    /// The document is not UTF-8 (a template slicing strings in the middle of a character).
    OutputNotText { name: String },
}

impl RenderError {
    /// How to fix it, in `lang`, for the errors where there is more to say than the message.
    pub fn help(&self, lang: Lang) -> Option<&'static str> {
        match self {
            RenderError::TooLarge { .. } => Some(i18n::t(
                lang,
                "a report template is a few kilobytes; check the path",
            )),
            _ => None,
        }
    }

    /// What went wrong, in `lang`; minijinja's own detail stays as it says it.
    pub fn message(&self, lang: Lang) -> String {
        use i18n::tf;
        match self {
            RenderError::TooLarge { name } => tf(
                lang,
                "the template `{name}` is larger than {most} KiB",
                &[
                    ("name", name),
                    ("most", &(MAX_TEMPLATE_BYTES / 1024).to_string()),
                ],
            ),
            RenderError::NotText { name, byte } => tf(
                lang,
                "the template `{name}` is not UTF-8 text (byte {byte})",
                &[("name", name), ("byte", &byte.to_string())],
            ),
            RenderError::Syntax { name, detail } => tf(
                lang,
                "the template `{name}` does not parse: {detail}",
                &[("name", name), ("detail", detail)],
            ),
            RenderError::Missing { name, detail } => tf(
                lang,
                "no template `{name}`: {detail}",
                &[("name", name), ("detail", detail)],
            ),
            RenderError::Failed { name, detail } => tf(
                lang,
                "the template `{name}` failed: {detail}",
                &[("name", name), ("detail", detail)],
            ),
            RenderError::OutputTooLarge { name } => tf(
                lang,
                "the template `{name}` wrote a document larger than {most} MiB",
                &[
                    ("name", name),
                    ("most", &(MAX_OUTPUT_BYTES / (1024 * 1024)).to_string()),
                ],
            ),
            RenderError::OutputNotText { name } => tf(
                lang,
                "the template `{name}` wrote text that is not UTF-8",
                &[("name", name)],
            ),
        }
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RenderError {}

/// Escapes Markdown's inline syntax so that text from an assessment is shown as written.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // Table cells and paragraphs are one line each.
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A CSS string literal (quotes included) showing `text` as written: every character that
/// could end the string, the rule or the `<style>` element is a CSS escape.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || " .,:;()-–—·/".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// Text inside inline code cannot contain a backtick.
fn escape_code(text: &str) -> String {
    text.replace('`', "'").replace(['\n', '\r'], " ")
}

/// A `--template` file read and parsed: its errors are found once, before any assessment
/// is read, and reported against the file.
#[derive(Debug, Clone)]
pub struct Template {
    path: String,
    source: String,
}

impl Template {
    /// Parses the text of a template file, `name` as messages show it. The caller read at
    /// most one byte more than [`MAX_TEMPLATE_BYTES`]; a longer text is refused here too.
    pub fn parse(name: &str, bytes: Vec<u8>) -> Result<Template, RenderError> {
        if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
            return Err(Template::too_large(name));
        }
        let source = String::from_utf8(bytes).map_err(|e| RenderError::NotText {
            name: name.to_owned(),
            byte: e.utf8_error().valid_up_to(),
        })?;
        let template = Template {
            path: name.to_owned(),
            source,
        };
        // Parsed now, so a syntax error is one message before anything is evaluated.
        template.add_to(&mut environment(false, Lang::En))?;
        Ok(template)
    }

    /// The refusal of a template file over [`MAX_TEMPLATE_BYTES`].
    pub fn too_large(name: &str) -> RenderError {
        RenderError::TooLarge {
            name: name.to_owned(),
        }
    }

    fn add_to(&self, env: &mut Environment<'_>) -> Result<String, RenderError> {
        env.add_template_owned(self.path.clone(), self.source.clone())
            .map_err(|e| RenderError::Syntax {
                name: self.path.clone(),
                detail: format!("{e:#}"),
            })?;
        Ok(self.path.clone())
    }
}

/// An `io::Write` that refuses to grow past [`MAX_OUTPUT_BYTES`], and remembers that it
/// did (minijinja reports only that a write failed).
struct Capped {
    bytes: Vec<u8>,
    full: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.full = true;
            return Err(std::io::Error::other("output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn environment<'s>(html: bool, lang: Lang) -> Environment<'s> {
    let mut env = Environment::new();
    // By the document's format: a template called `x.txt` still escapes an HTML report.
    env.set_auto_escape_callback(move |_| {
        if html {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_fuel(Some(TEMPLATE_FUEL));
    // Documents end with a newline, as text files should.
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .expect("a valid syntax configuration"),
    );
    env.add_filter("md", |text: String| escape_markdown(&text));
    env.add_filter("code", |text: String| escape_code(&text));
    // Safe to insert in a `<style>` element as is: `css_string` escapes all markup.
    env.add_filter("css_string", |text: String| {
        Value::from_safe_string(css_string(&text))
    });
    env.add_function("pct", move |x: Option<f64>| {
        crate::report::view::percent_in(x, lang)
    });
    // The fixed words of a template in the report's language: `{{ t("Summary") }}`. The
    // English is the key; tests/translations.rs holds every literal to the catalogues.
    // Set as the language sets it (French no-break spaces), since translators type spaces.
    env.add_function("t", move |english: String| {
        i18n::lookup(lang, &english).map_or(english, |text| lang.typography(text).into_owned())
    });
    // `{{ tp("heading", "Met") }}`: the same English, translated by where it stands (a
    // column of counts says « Respectées » where a status says « Respectée »).
    env.add_function("tp", move |context: String, english: String| {
        i18n::lookup_in(lang, &context, &english)
            .map_or(english, |text| lang.typography(text).into_owned())
    });
    // `{{ t("from {old} to {new}") | fill(old=r.old_period, new=r.new_period) }}`: each
    // `{name}` of a translated sentence replaced in one pass, so that a translation may put
    // the values where its grammar wants them, and a value is never read for placeholders.
    env.add_filter(
        "fill",
        |text: String, kwargs: minijinja::value::Kwargs| -> Result<String, minijinja::Error> {
            let names: Vec<String> = kwargs.args().map(str::to_owned).collect();
            let mut values = Vec::with_capacity(names.len());
            for name in &names {
                values.push(kwargs.get::<String>(name)?);
            }
            let args: Vec<(&str, &str)> = names
                .iter()
                .map(String::as_str)
                .zip(values.iter().map(String::as_str))
                .collect();
            Ok(crate::i18n::fill(&text, &args))
        },
    );
    // A date for a printed page: `{{ r.report_date | long_date }}` → « 2 décembre 2026 ».
    env.add_filter("long_date", move |iso: String| lang.long_date(&iso));
    env.add_function("points", move |x: Option<f64>| {
        x.map_or_else(
            || i18n::t(lang, "n/a").to_owned(),
            |p| crate::report::words::signed_points_in(p, lang),
        )
    });
    for (_, name, bytes) in crate::assets::under("reports") {
        let source = String::from_utf8_lossy(bytes).into_owned();
        // Built-in templates are tested; an error here is a bug caught by the test suite.
        env.add_template_owned(name, source)
            .expect("built-in template parses");
    }
    env
}

/// Renders the built-in `template` (its name says the format: `….html.j2` is HTML), or
/// `replacement` in its place, with `r` as context.
pub fn render<T: Serialize>(
    template: &str,
    replacement: Option<&Template>,
    r: &T,
    lang: Lang,
) -> Result<String, RenderError> {
    let html = template.ends_with(".html.j2");
    let mut env = environment(html, lang);
    let name = match replacement {
        Some(t) => t.add_to(&mut env)?,
        None => template.to_owned(),
    };
    let tmpl = env.get_template(&name).map_err(|e| RenderError::Missing {
        name: name.clone(),
        detail: e.to_string(),
    })?;
    let mut out = Capped {
        bytes: Vec::new(),
        full: false,
    };
    let rendered = tmpl.render_captured_to(
        minijinja::context! { r => Value::from(minijinja::value::Serde(r)), lang => lang.code() },
        &mut out,
    );
    if out.full {
        return Err(RenderError::OutputTooLarge { name });
    }
    if let Err(e) = rendered {
        return Err(RenderError::Failed {
            detail: format!("{e:#}"),
            name,
        });
    }
    String::from_utf8(out.bytes).map_err(|_| RenderError::OutputNotText { name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_answers_is_escaped() {
        assert_eq!(
            escape_markdown("a *b* | [c](d) <e>"),
            "a \\*b\\* \\| \\[c\\](d) \\<e\\>"
        );
        assert_eq!(escape_markdown("line\nbreak"), "line break");
    }

    #[test]
    fn css_strings_cannot_leave_the_style_element() {
        assert_eq!(css_string("XA · 2025"), "\"XA · 2025\"");
        assert_eq!(
            css_string("a\"</style><b>\\"),
            "\"a\\22 \\3c /style\\3e \\3c b\\3e \\5c \""
        );
    }
}
