//! Writes `<reports>/<as_of>/` whole: rendered into a temporary sibling folder, then
//! swapped in by renames, so a reader never finds a half-written report.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Report, csv_out, html, markdown, xlsx};
use crate::error::{Error, Result};

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub md: bool,
    pub html: bool,
    pub xlsx: bool,
    pub json: bool,
    pub csv: bool,
}

impl Formats {
    /// The default: everything but CSV.
    pub const DEFAULT: Formats = Formats {
        md: true,
        html: true,
        xlsx: true,
        json: true,
        csv: false,
    };

    pub fn parse(names: &[String]) -> Result<Formats> {
        let mut f = Formats {
            md: false,
            html: false,
            xlsx: false,
            json: false,
            csv: false,
        };
        for name in names {
            match name.trim() {
                "md" => f.md = true,
                "html" => f.html = true,
                "xlsx" => f.xlsx = true,
                "json" => f.json = true,
                "csv" => f.csv = true,
                other => {
                    return Err(Error::Usage(format!(
                        "unknown report format {other:?}; expected md, html, xlsx, json or csv"
                    )));
                }
            }
        }
        Ok(f)
    }
}

/// Renders the requested formats; returns the report folder.
pub fn write_all(
    reports: &Path,
    queries: Option<&Path>,
    report: &Report,
    formats: Formats,
) -> Result<PathBuf> {
    let io = |what: &str, p: &Path, e| Error::io(format!("{what} {}", p.display()), e);
    let dir = reports.join(report.meta.as_of.to_string());
    let tmp = reports.join(format!(".{}.tmp-{}", report.meta.as_of, std::process::id()));
    remove_leftovers(reports);
    fs::create_dir_all(&tmp).map_err(|e| io("creating", &tmp, e))?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if formats.md {
        files.push(("report.md".into(), markdown::render(report).into_bytes()));
    }
    if formats.html {
        files.push((
            "report.html".into(),
            html::render(report, queries)?.into_bytes(),
        ));
    }
    if formats.xlsx {
        files.push(("report.xlsx".into(), xlsx::render(report)?));
    }
    if formats.json {
        let json = serde_json::to_string_pretty(report)
            .map_err(|e| Error::Invariant(format!("report is not serialisable: {e}")))?;
        files.push(("report.json".into(), (json + "\n").into_bytes()));
    }
    if formats.csv {
        for section in &report.sections {
            files.push((format!("{}.csv", section.id), csv_out::render(section)?));
        }
    }
    for (name, body) in files {
        let path = tmp.join(name);
        fs::write(&path, body).map_err(|e| io("writing", &path, e))?;
    }
    crate::faults::pause_at(crate::faults::REPORTING);
    let old = reports.join(format!(".{}.old-{}", report.meta.as_of, std::process::id()));
    if dir.exists() {
        fs::rename(&dir, &old).map_err(|e| io("replacing", &dir, e))?;
    }
    fs::rename(&tmp, &dir).map_err(|e| io("publishing", &dir, e))?;
    let _ = fs::remove_dir_all(&old);
    Ok(dir)
}

/// Temporary folders of runs that were killed (`.<as_of>.tmp-<pid>`, `.old-<pid>`);
/// only one run writes at a time (the run lock), so none of them is in use.
fn remove_leftovers(reports: &Path) {
    let Ok(entries) = fs::read_dir(reports) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && (name.contains(".tmp-") || name.contains(".old-")) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
