//! Markdown and HTML documents from minijinja templates in `reports/`
//! (built into the binary; `--template PATH` replaces one).
//!
//! Escaping: `.html` templates auto-escape every value. Markdown has no
//! auto-escaping, so the Markdown templates pass every piece of text through
//! the `md` filter, and text shown as code through `code`.

use std::path::Path;

use minijinja::{Environment, Value};
use serde::Serialize;

use crate::load::FileSet;

/// A template that could not be read, parsed or rendered; the message says which and why.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
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

/// Text inside inline code cannot contain a backtick.
fn escape_code(text: &str) -> String {
    text.replace('`', "'").replace(['\n', '\r'], " ")
}

fn environment<'s>() -> Environment<'s> {
    let mut env = Environment::new();
    // Documents end with a newline, as text files should.
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .expect("a valid syntax configuration"),
    );
    env.add_filter("md", |text: String| escape_markdown(&text));
    env.add_filter("code", |text: String| escape_code(&text));
    env.add_function("pct", |x: Option<f64>| crate::report::view::percent(x));
    env.add_function("points", |x: Option<f64>| {
        x.map_or_else(|| "n/a".to_owned(), crate::report::diff::signed_points)
    });
    for file in FileSet::builtin("reports").files {
        let name = file.rel.clone();
        let source = String::from_utf8_lossy(&file.bytes).into_owned();
        // Built-in templates are tested; an error here is a bug caught by the test suite.
        env.add_template_owned(name, source)
            .expect("built-in template parses");
    }
    env
}

/// Renders `template` (a built-in name, or the file given with `--template`) with `r` as context.
pub fn render<T: Serialize>(
    template: &str,
    override_path: Option<&Path>,
    r: &T,
) -> Result<String, RenderError> {
    let mut env = environment();
    let name = match override_path {
        Some(path) => {
            let source = std::fs::read_to_string(path).map_err(|e| {
                RenderError(format!(
                    "cannot read the template `{}`: {e}",
                    path.display()
                ))
            })?;
            // The override keeps its own file name, so `.html` templates auto-escape.
            let name = path.file_name().map_or_else(
                || "template".to_owned(),
                |n| n.to_string_lossy().to_string(),
            );
            env.add_template_owned(name.clone(), source).map_err(|e| {
                RenderError(format!(
                    "the template `{}` does not parse: {e:#}",
                    path.display()
                ))
            })?;
            name
        }
        None => template.to_owned(),
    };
    let tmpl = env
        .get_template(&name)
        .map_err(|e| RenderError(format!("no template `{name}`: {e}")))?;
    tmpl.render(minijinja::context! { r => Value::from(minijinja::value::Serde(r)) })
        .map_err(|e| RenderError(format!("the template `{name}` failed: {e:#}")))
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
}
