//! Writes `<reports>/<as_of>/` whole: rendered into a temporary sibling folder, then
//! swapped in by renames, so a reader never finds a half-written report.

use std::fs;
use std::path::{Path, PathBuf};

use super::Report;
use super::markdown;
use crate::error::{Error, Result};

/// Writes report.md and report.json; returns the report folder.
pub fn write_all(reports: &Path, report: &Report) -> Result<PathBuf> {
    let io = |what: &str, p: &Path, e| Error::io(format!("{what} {}", p.display()), e);
    let dir = reports.join(report.meta.as_of.to_string());
    let tmp = reports.join(format!(".{}.tmp-{}", report.meta.as_of, std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(|e| io("creating", &tmp, e))?;
    let json = serde_json::to_string_pretty(report)
        .map_err(|e| Error::Invariant(format!("report is not serialisable: {e}")))?;
    for (name, body) in [
        ("report.md", markdown::render(report)),
        ("report.json", json + "\n"),
    ] {
        let path = tmp.join(name);
        fs::write(&path, body).map_err(|e| io("writing", &path, e))?;
    }
    let old = reports.join(format!(".{}.old-{}", report.meta.as_of, std::process::id()));
    if dir.exists() {
        fs::rename(&dir, &old).map_err(|e| io("replacing", &dir, e))?;
    }
    fs::rename(&tmp, &dir).map_err(|e| io("publishing", &dir, e))?;
    let _ = fs::remove_dir_all(&old);
    Ok(dir)
}
