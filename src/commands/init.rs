//! `init [DIR]`: a starter config and editable copies of the built-in queries and
//! templates, to begin from. Never overwrites: if any of the files exists, nothing is
//! written. Each copy records the hash of its text: while nobody edits it, the
//! current built-in is used instead (see `query::bundled::is_unedited_copy`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, ExitStatus, Result};
use crate::query::bundled;

const STARTER_CONFIG: &str = include_str!("../config/starter.toml");
pub const CONFIG_NAME: &str = "commune-report.toml";

pub fn init(dir: &Path, out: &mut dyn Write) -> Result<ExitStatus> {
    let queries = dir.join("queries");
    let mut files: Vec<(PathBuf, String)> =
        vec![(dir.join(CONFIG_NAME), STARTER_CONFIG.to_string())];
    files.extend(
        bundled::QUERIES
            .iter()
            .map(|(name, text)| (queries.join(name), bundled::marked_copy(name, text))),
    );
    files.extend(bundled::TEMPLATES.iter().map(|(name, text)| {
        (
            queries.join("templates").join(name),
            bundled::marked_copy(name, text),
        )
    }));
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(crate::tr!(
            "init-existing",
            files = existing.join(", ")
        )));
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(crate::tr!("io-creating", path = parent.display()), e))?;
        }
        // create_new: a file that appeared since the check is still not overwritten.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))?;
    }
    let io = |e| Error::io(crate::tr!("io-summary"), e);
    writeln!(out, "{}", dir.join(CONFIG_NAME).display()).map_err(io)?;
    let line = crate::tr!(
        "init-written",
        folder = queries.display(),
        queries = bundled::QUERIES.len(),
        templates = bundled::TEMPLATES.len()
    );
    writeln!(out, "{line}").map_err(io)?;
    Ok(ExitStatus::Success)
}
