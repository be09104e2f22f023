//! The peers benchmark's 50 rules and 1,000 assessments (`export-acquis` of
//! ../shared/bench/peers, which its end-to-end script leaves in
//! `/tmp/perf-peers-export-<hash>`): the rules and documents OPA, regorus, CEL and Rhai are
//! measured on, so the evaluation figure compares like with like. Shared by the pipeline
//! bench and `examples/peers_eval.rs` (callgrind) through `#[path]`.

use std::path::Path;

use acquis::load::{FileSet, InputFile};
use acquis::model::Assessment;
use acquis::questionnaire;
use acquis::ruleset::{self, RuleSet};

/// `None` unless `ACQUIS_PEERS_EXPORT` names the export folder (it is not part of this
/// repository).
pub fn load() -> Option<(RuleSet, Vec<Assessment>)> {
    let dir = std::path::PathBuf::from(std::env::var_os("ACQUIS_PEERS_EXPORT")?);
    fn files(root: &Path, dir: &Path, out: &mut Vec<InputFile>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("readable")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                files(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(InputFile {
                    name: path.display().to_string(),
                    rel: path.strip_prefix(root).unwrap().display().to_string(),
                    bytes: std::fs::read(&path).expect("readable").into(),
                });
            }
        }
    }
    let mut rules = Vec::new();
    files(&dir.join("rules"), &dir.join("rules"), &mut rules);
    let set = ruleset::load(&FileSet { files: rules }, &FileSet::builtin("seeds")).expect("loads");
    let mut assessments: Vec<_> = std::fs::read_dir(dir.join("assessments"))
        .expect("readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    assessments.sort();
    let read = assessments
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("readable");
            questionnaire::read_assessment(
                "peers.yaml",
                &bytes,
                &set.questionnaire,
                &set.jurisdictions,
            )
            .expect("valid")
        })
        .collect();
    Some((set, read))
}
