//! Which files each commune delivered: the config's globs expanded, each file tagged
//! with its kind and snapshot date, in the order snapshots must be applied.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use tracing::warn;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::warehouse::columns::FileKind;

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub commune: usize,
    pub kind: FileKind,
    pub path: PathBuf,
    /// Relative to the config file's folder, as stored in `source_file`.
    pub rel: String,
    pub snapshot_date: NaiveDate,
    /// Whether the date came from the file name (else its modification time).
    pub dated_by_name: bool,
}

/// Every file of every commune, ordered per commune and kind by (snapshot date,
/// path): older snapshots first, so later rows supersede earlier ones.
pub fn discover(config: &Config) -> Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    let mut owner: HashMap<PathBuf, usize> = HashMap::new();
    for (ci, commune) in config.communes.iter().enumerate() {
        // Procedures and indicators first: a file they match is never a dossier export.
        let mut taken: Vec<PathBuf> = Vec::new();
        for (kind, globs) in [
            (FileKind::Procedures, &commune.procedures),
            (FileKind::Indicators, &commune.indicators),
            (FileKind::Dossiers, &commune.dossiers),
        ] {
            for path in expand(config, globs)? {
                if taken.contains(&path) {
                    continue;
                }
                if let Some(&other) = owner.get(&path)
                    && other != ci
                {
                    return Err(Error::config(
                        &config.path,
                        format!(
                            "{} is matched by the globs of communes {} and {}; \
                             each export must belong to one commune",
                            config.relative(&path),
                            config.communes[other].code,
                            commune.code
                        ),
                    ));
                }
                owner.insert(path.clone(), ci);
                taken.push(path.clone());
                let (snapshot_date, dated_by_name) = snapshot_date(&path)?;
                files.push(SourceFile {
                    commune: ci,
                    kind,
                    rel: config.relative(&path),
                    path,
                    snapshot_date,
                    dated_by_name,
                });
            }
        }
    }
    files.sort_by(|a, b| {
        (a.commune, a.kind, a.snapshot_date, &a.rel).cmp(&(
            b.commune,
            b.kind,
            b.snapshot_date,
            &b.rel,
        ))
    });
    Ok(files)
}

fn expand(config: &Config, globs: &[String]) -> Result<Vec<PathBuf>> {
    let base = glob::Pattern::escape(&config.base_dir.to_string_lossy());
    let mut out = Vec::new();
    for pattern in globs {
        let full = if Path::new(pattern).is_absolute() {
            pattern.clone()
        } else {
            format!("{base}/{pattern}")
        };
        let paths = glob::glob(&full)
            .map_err(|e| Error::config(&config.path, format!("bad glob {pattern:?}: {e}")))?;
        let root = literal_root(&config.base_dir, pattern);
        for entry in paths {
            let path = entry
                .map_err(|e| Error::io(format!("listing {pattern}"), std::io::Error::from(e)))?;
            if !path.is_file() || out.contains(&path) {
                continue;
            }
            if !stays_under(&path, root.as_deref()) {
                warn!(
                    file = %path.display(),
                    "skipped: a symbolic link leading out of the folder {pattern:?} reads from"
                );
                continue;
            }
            out.push(path);
        }
    }
    Ok(out)
}

/// The folder a glob reads from, links resolved: its components before the first
/// wildcard (for a pattern without wildcards, the file's folder).
fn literal_root(base: &Path, pattern: &str) -> Option<PathBuf> {
    let mut root = base.to_path_buf();
    let mut wild = false;
    for part in Path::new(pattern).components() {
        if part.as_os_str().to_string_lossy().contains(['*', '?', '[']) {
            wild = true;
            break;
        }
        root.push(part);
    }
    if !wild {
        root.pop();
    }
    std::fs::canonicalize(root).ok()
}

/// Whether `path`, links resolved, stays inside `root`: a link planted in an input
/// folder must not pull in files from elsewhere.
fn stays_under(path: &Path, root: Option<&Path>) -> bool {
    match (root, std::fs::canonicalize(path)) {
        (Some(root), Ok(real)) => real.starts_with(root),
        _ => false,
    }
}

/// The date in the file name (`2025-12-15`, `20251215`, `15-12-2025`, separators
/// `-`, `_` or `.`), else the modification date.
fn snapshot_date(path: &Path) -> Result<(NaiveDate, bool)> {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if let Some(date) = date_in_name(&name) {
        return Ok((date, true));
    }
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map_err(|e| {
            Error::io(
                format!("reading the modification time of {}", path.display()),
                e,
            )
        })?;
    Ok((DateTime::<Utc>::from(modified).date_naive(), false))
}

pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let sep = |i: usize| b.get(i).is_some_and(|c| matches!(c, b'-' | b'_' | b'.'));
    let boundary = |i: Option<usize>| i.is_none_or(|i| !digit(i));
    let n = |from: usize, len: usize| -> Option<u32> { name.get(from..from + len)?.parse().ok() };
    for i in 0..b.len() {
        if !boundary(i.checked_sub(1)) {
            continue;
        }
        // yyyy-mm-dd
        if (0..4).all(|k| digit(i + k))
            && sep(i + 4)
            && digit(i + 5)
            && digit(i + 6)
            && sep(i + 7)
            && digit(i + 8)
            && digit(i + 9)
            && boundary(Some(i + 10))
            && let Some(d) = NaiveDate::from_ymd_opt(n(i, 4)? as i32, n(i + 5, 2)?, n(i + 8, 2)?)
        {
            return Some(d);
        }
        // dd-mm-yyyy
        if digit(i)
            && digit(i + 1)
            && sep(i + 2)
            && digit(i + 3)
            && digit(i + 4)
            && sep(i + 5)
            && (6..10).all(|k| digit(i + k))
            && boundary(Some(i + 10))
            && let Some(d) = NaiveDate::from_ymd_opt(n(i + 6, 4)? as i32, n(i + 3, 2)?, n(i, 2)?)
        {
            return Some(d);
        }
        // yyyymmdd
        if (0..8).all(|k| digit(i + k))
            && boundary(Some(i + 8))
            && let Some(d) = NaiveDate::from_ymd_opt(n(i, 4)? as i32, n(i + 4, 2)?, n(i + 6, 2)?)
        {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_file_names() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 15);
        for name in [
            "ho-so_2025-12-15",
            "hoso_20251215",
            "ho-so_15-12-2025",
            "export.2025_12_15.v2",
            "20251215",
        ] {
            assert_eq!(date_in_name(name), d, "{name}");
        }
        for name in ["ho-so", "ho-so_2025-13-45", "v123456789", "ho-so-2025"] {
            assert_eq!(date_in_name(name), None, "{name}");
        }
    }
}
