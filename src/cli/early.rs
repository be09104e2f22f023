//! The first input files of `check`, read and parsed on the other core while the rule set
//! loads: the YAML of a self-assessment needs no rules (`questionnaire::parse_assessment`),
//! and the start-up otherwise leaves that core idle (docs/performance.md: at 1,000 files the
//! serial start-up is what keeps two cores from 1.8× one).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{parse_assessment_file, read_assessment_file};
use crate::diagnostic::Diagnostic;
use crate::model::Assessment;
use crate::questionnaire::{self, ParsedAssessment};
use crate::ruleset::RuleSet;

/// How many files may be read ahead of the rule set: memory stays bounded (as many as
/// `check` evaluates ahead of the report it writes).
const MAX_EARLY: usize = 64;

/// One file read and parsed, or why it could not be.
type Parsed = Result<ParsedAssessment, Vec<Diagnostic>>;

/// Files read and parsed before the rule set was there, by their index among the inputs.
#[derive(Default)]
pub(super) struct Early(Vec<Mutex<Option<Parsed>>>);

impl Early {
    /// Reads and parses the files in order until `loaded` is set, at most [`MAX_EARLY`] of
    /// them (memory stays bounded). Which files that is depends on timing; what each
    /// gives does not (the same reading, only earlier).
    pub(super) fn read(files: &[PathBuf], loaded: &AtomicBool) -> Early {
        let mut early = Vec::new();
        for path in files.iter().take(MAX_EARLY) {
            if loaded.load(Ordering::Relaxed) {
                break;
            }
            early.push(Mutex::new(parse_assessment_file(path)));
        }
        Early(early)
    }

    /// Input `index` checked against the rule set: from its early parse when it was read
    /// early, read now otherwise (the same reading either way).
    pub(super) fn assessment(
        &self,
        index: usize,
        path: &Path,
        set: &RuleSet,
    ) -> Result<Assessment, Vec<Diagnostic>> {
        match self.take(index) {
            Some(parsed) => parsed.and_then(|p| {
                let name = path.display().to_string();
                questionnaire::read_parsed(&name, p, &set.questionnaire, &set.jurisdictions)
            }),
            None => read_assessment_file(path, set),
        }
    }

    /// The parsed file at `index`, if it was read early (each is taken once).
    pub(super) fn take(&self, index: usize) -> Option<Parsed> {
        self.0
            .get(index)?
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::FileSet;

    /// A file read early gives what reading it later gives, errors included; the reading
    /// early stops once the rule set is loaded, and leaves workbooks for later.
    #[test]
    fn a_file_read_early_reads_as_it_would_later() {
        let set = crate::ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds"))
            .expect("shipped rules load");
        let dir = tempfile::tempdir().unwrap();
        let seed = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/assessments/xa-2025.yaml"),
        )
        .unwrap();
        let texts: [(&str, &[u8]); 4] = [
            ("good.yaml", &seed),
            ("broken.yaml", b"acquis: assessment/1\njurisdiction: [XA\n"),
            (
                "wrong.yaml",
                b"acquis: assessment/1\njurisdiction: ZZ\nperiod: '2025'\nanswers: {}\n",
            ),
            ("book.xlsx", b"not a workbook"),
        ];
        let files: Vec<PathBuf> = texts
            .iter()
            .map(|(name, text)| {
                let path = dir.path().join(name);
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let oks: Vec<bool> = files
            .iter()
            .map(|p| read_assessment_file(p, &set).is_ok())
            .collect();
        assert_eq!(
            oks,
            [true, false, false, false],
            "one good file, three bad ones"
        );
        let early = Early::read(&files, &AtomicBool::new(false));
        assert_eq!(early.0.len(), files.len());
        for (index, path) in files.iter().enumerate() {
            let later = read_assessment_file(path, &set);
            let Some(parsed) = early.take(index) else {
                assert!(
                    path.ends_with("book.xlsx"),
                    "{} was not read early",
                    path.display()
                );
                assert!(later.is_err());
                continue;
            };
            assert!(early.take(index).is_none(), "taken once");
            let now = parsed.and_then(|p| {
                questionnaire::read_parsed(
                    &path.display().to_string(),
                    p,
                    &set.questionnaire,
                    &set.jurisdictions,
                )
            });
            match (now, later) {
                (Ok(a), Ok(b)) => assert_eq!(
                    serde_json::to_string(&a).unwrap(),
                    serde_json::to_string(&b).unwrap()
                ),
                (Err(a), Err(b)) => assert_eq!(a, b),
                (a, b) => panic!(
                    "{}: {:?} early, {:?} later",
                    path.display(),
                    a.is_ok(),
                    b.is_ok()
                ),
            }
        }
        assert!(Early::read(&files, &AtomicBool::new(true)).0.is_empty());
    }
}
