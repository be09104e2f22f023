//! Input files: the copy of `rules/` and `seeds/` built into the binary, or the files of a
//! folder that `cli` read.

use std::borrow::Cow;

/// One input file: the name used in messages, its path inside the set, its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub name: String,
    pub rel: String,
    pub bytes: Cow<'static, [u8]>,
}

/// A folder of input files (`rules/` or `seeds/`), from disk or built in.
#[derive(Debug, Clone)]
pub struct FileSet {
    pub files: Vec<InputFile>,
}

impl FileSet {
    /// The copy of `rules/` or `seeds/` compiled into the binary.
    pub fn builtin(folder: &str) -> FileSet {
        let files = crate::assets::under(folder)
            .map(|(path, rel, bytes)| InputFile {
                name: path.to_owned(),
                rel: rel.to_owned(),
                bytes: Cow::Borrowed(bytes),
            })
            .collect();
        FileSet { files }
    }

    /// Whether this is exactly the copy built into the binary under `folder`: the same
    /// files in the same order, each one's bytes the embedded bytes themselves.
    pub fn is_builtin(&self, folder: &str) -> bool {
        let mut builtin = crate::assets::under(folder);
        self.files.iter().all(|f| {
            builtin.next().is_some_and(|(_, rel, bytes)| {
                rel == f.rel && matches!(&f.bytes, Cow::Borrowed(b) if std::ptr::eq(*b, bytes))
            })
        }) && builtin.next().is_none()
    }

    pub fn get(&self, rel: &str) -> Option<&InputFile> {
        self.files.iter().find(|f| f.rel == rel)
    }
}
