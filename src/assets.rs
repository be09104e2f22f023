//! The files built into the binary by `build.rs`: the shipped `rules/`, `seeds/` and the
//! report templates of `reports/`. Loading and rendering both read them from here.

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The built-in files under `folder` (`rules`, `seeds`, `reports`): each one's path from the
/// project root (`rules/questions/ecris.yaml`), its path inside `folder`, and its bytes.
pub fn under(folder: &str) -> impl Iterator<Item = (&'static str, &'static str, &'static [u8])> {
    let prefix = format!("{folder}/");
    embedded::FILES
        .iter()
        .filter_map(move |(path, bytes)| path.strip_prefix(&prefix).map(|rel| (*path, rel, *bytes)))
}

/// `sha256:…` of the built-in `rules/` and `seeds/`, as `load` computes a rule set's digest.
pub fn builtin_digest() -> &'static str {
    embedded::DIGEST
}
