//! Every limit acquis enforces, in one place.
//!
//! The same values apply to `check`, `validate`, `rules test` and `explain`:
//! they all read files through the YAML reader and run conditions through the
//! engine, which take their limits from here. Nothing here knows those modules:
//! this is the bottom of the module graph.

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

/// Longest header field of a self-assessment (`jurisdiction`, `period`, `prepared_by`,
/// `date`), in characters: each is one line and `period` becomes part of file names.
pub const MAX_HEADER_CHARS: usize = 200;

/// Most characters of a value repeated inside an error message; the rest is cut with `…`.
pub const MAX_ECHOED_CHARS: usize = 300;

/// Most messages printed for one file; the rest are counted (`… and N more`).
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 100;

/// Most values in one set answer.
pub const MAX_SET_ITEMS: usize = 500;

// Conditions have no loops, no functions and no way to build strings or lists: one
// evaluation visits each node of the condition at most once, so its cost is bounded by
// the size limits below; the exact decision multiplies it by at most MAX_COMPLETIONS.

/// Deepest nesting of a condition expression (checked when it is parsed).
pub const MAX_EXPR_DEPTH: usize = 32;

/// Longest condition, in characters.
pub const MAX_CONDITION_CHARS: usize = 4_000;

/// Most nodes (values, operators, calls) in one condition.
pub const MAX_CONDITION_NODES: usize = 500;

/// Most words in one literal list of a condition.
pub const MAX_LIST_ITEMS: usize = 64;

/// Most values an enum or set question read by a condition may list (a set answer is held
/// as one 64-bit mask).
pub const MAX_LISTED_VALUES: usize = 64;

/// Most combinations of answers tried when deciding a rule exactly; beyond it, a rule that
/// Kleene logic leaves open stays `unanswered`.
pub const MAX_COMPLETIONS: usize = 4_096;

/// An int question used in arithmetic (not only compared with constants) is tried over its
/// whole range when the range has fewer values than this; otherwise it stays unknown.
pub const MAX_INT_SPLIT: i64 = 64;

// Report templates given with `--template` (src/report/render.rs).

/// Largest `--template` file read.
pub const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// The work one rendering may do, in minijinja fuel: one unit per instruction and per 64
/// bytes of data created or written (so at most 256 MB of data). The built-in gap report
/// and a matrix of four jurisdictions use 10,000 to 30,000; nested loops or doubling
/// strings in a `--template` stop here instead of running forever or exhausting memory.
pub const TEMPLATE_FUEL: u64 = 4_000_000;

/// Largest rendered document.
pub const MAX_OUTPUT_BYTES: usize = 32 * 1024 * 1024;

// Workbooks (.xlsx) are zip archives of XML parts: a few kilobytes can inflate to gigabytes,
// and a single cell far down or to the right costs nothing to store. The reader streams only
// the parts it needs and stops at these bounds (src/workbook/xlsx.rs).

/// Most bytes inflated from one workbook, all parts together. A filled questionnaire
/// workbook inflates to well under one megabyte.
pub const MAX_WORKBOOK_INFLATED_BYTES: u64 = 32 * 1024 * 1024;

/// Most rows read on one sheet (the header row included). A questionnaire section has a few
/// dozen questions; a value beyond this row is an error naming its cell.
pub const MAX_WORKBOOK_ROWS: u32 = 10_000;

/// Most sheets in one workbook (one per questionnaire section, plus the cover).
pub const MAX_WORKBOOK_SHEETS: usize = 100;

/// Longest cell text, in characters: the most a spreadsheet program lets a cell hold.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Most shared strings (the workbook's table of distinct cell texts).
pub const MAX_SHARED_STRINGS: usize = 100_000;
