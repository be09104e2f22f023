//! Every limit acquis enforces, in one place.
//!
//! The same values apply to `check`, `validate`, `rules test` and `explain`:
//! they all read files through [`crate::yaml`] and run conditions through
//! [`crate::engine`], which take their limits from here.

/// Largest input file (assessment, rule, questionnaire, catalogue) in bytes.
/// Real self-assessments are a few tens of kilobytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Deepest nesting of YAML collections. Assessments nest four levels deep.
pub const MAX_YAML_DEPTH: usize = 32;

/// Most YAML nodes in one file (guards against alias expansion).
pub const MAX_YAML_NODES: usize = 200_000;

/// Most alias (`*ref`) uses in one file. acquis files have no need for aliases
/// beyond the occasional reuse; billion-laughs documents need many.
pub const MAX_YAML_ALIASES: usize = 1_000;

/// Longest text answer, evidence or URL, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Most values in one set answer.
pub const MAX_SET_ITEMS: usize = 500;

/// Rhai operations one condition may run before it is stopped with `error`.
pub const MAX_OPERATIONS: u64 = 100_000;

/// Deepest nesting of a condition expression (checked when it is compiled).
pub const MAX_EXPR_DEPTH: usize = 32;

// No call-depth limit is needed: Rhai is built without script functions
// (`no_function`), so a condition cannot define or recurse into a function.

/// Longest string a condition may build, in bytes.
pub const MAX_STRING_BYTES: usize = 100_000;

/// Largest array or object map a condition may build.
pub const MAX_COLLECTION_ITEMS: usize = 10_000;
