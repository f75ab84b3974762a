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
    /// Its owner: a commune, or a shared source ([`Config::owner`]).
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
    let mut owner: HashMap<FileId, usize> = HashMap::new();
    for (ci, commune) in config.owners().enumerate() {
        // Procedures and indicators first: a file they match is never a dossier export.
        let mut taken: Vec<FileId> = Vec::new();
        for (kind, globs) in [
            (FileKind::Procedures, &commune.procedures),
            (FileKind::Indicators, &commune.indicators),
            (FileKind::Dossiers, &commune.dossiers),
        ] {
            for (path, id) in expand(config, globs)? {
                if taken.contains(&id) {
                    continue;
                }
                if let Some(&other) = owner.get(&id)
                    && other != ci
                {
                    return Err(Error::config(
                        &config.path,
                        format!(
                            "{} is matched by the globs of communes {} and {}; \
                             each export must belong to one commune",
                            config.relative(&path),
                            config.owner(other).code,
                            commune.code
                        ),
                    ));
                }
                owner.insert(id, ci);
                taken.push(id);
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

/// A file's identity: one file is one export whatever path reaches it.
type FileId = (u64, u64);

fn file_id(meta: &std::fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// The regular files `globs` match, each once (by device and inode), in walk order.
/// Each glob's folder is walked with links followed, but every real directory only
/// once, so a link loop or a link back up cannot hang the run or read a file twice.
/// What is not a regular file (a FIFO, a device, a folder) is skipped with a warning.
fn expand(config: &Config, globs: &[String]) -> Result<Vec<(PathBuf, FileId)>> {
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: false,
    };
    let mut out: Vec<(PathBuf, FileId)> = Vec::new();
    for pattern in globs {
        // The config's folder is literal text even if its name holds `[` or `*`.
        let (base, full) = if Path::new(pattern).is_absolute() {
            (PathBuf::from("/"), pattern.clone())
        } else {
            let base = glob::Pattern::escape(&config.base_dir.to_string_lossy());
            (config.base_dir.clone(), format!("{base}/{pattern}"))
        };
        let matcher = glob::Pattern::new(&full)
            .map_err(|e| Error::config(&config.path, format!("bad glob {pattern:?}: {e}")))?;
        let (start, depth) = walk_start(&base, pattern);
        let root = literal_root(&config.base_dir, pattern);
        let mut dirs: std::collections::HashSet<FileId> = std::collections::HashSet::new();
        let walker = walkdir::WalkDir::new(&start)
            .follow_links(true)
            .max_depth(depth)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                !e.file_type().is_dir() || e.metadata().is_ok_and(|m| dirs.insert(file_id(&m)))
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) if e.loop_ancestor().is_some() => {
                    warn!("{}", crate::tr!("warn-skip-loop", cause = e));
                    continue;
                }
                Err(e)
                    if e.io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) =>
                {
                    continue;
                }
                Err(e) => {
                    return Err(Error::io(
                        crate::tr!("io-listing", path = pattern),
                        std::io::Error::other(e.to_string()),
                    ));
                }
            };
            let path = entry.path();
            if !matcher.matches_path_with(path, options) {
                continue;
            }
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if !meta.is_file() {
                if !meta.is_dir() || entry.depth() > 0 {
                    warn!(
                        file = %path.display(),
                        "{}",
                        crate::tr!("warn-skip-not-file", pattern = pattern)
                    );
                }
                continue;
            }
            if !stays_under(path, root.as_deref()) {
                warn!(
                    file = %path.display(),
                    "{}",
                    crate::tr!("warn-skip-outside", pattern = pattern)
                );
                continue;
            }
            let id = file_id(&meta);
            if let Some((first, _)) = out.iter().find(|(_, other)| *other == id) {
                warn!(
                    file = %path.display(),
                    "{}",
                    crate::tr!("warn-skip-same", first = first.display())
                );
                continue;
            }
            out.push((path.to_path_buf(), id));
        }
    }
    Ok(out)
}

/// Where to walk for a glob (relative to `base`) and how deep: its components before
/// the first wildcard, and the number after (unlimited with `**`).
fn walk_start(base: &Path, pattern: &str) -> (PathBuf, usize) {
    let full = base.join(pattern);
    let mut start = base.to_path_buf();
    let mut rest = 0usize;
    let mut wild = false;
    let mut recursive = false;
    for part in Path::new(pattern).components() {
        let text = part.as_os_str().to_string_lossy();
        if wild || text.contains(['*', '?', '[']) {
            wild = true;
            rest += 1;
            recursive |= text.contains("**");
        } else {
            start.push(part);
        }
    }
    if !wild {
        // A plain path: the file itself.
        return (full.to_path_buf(), 0);
    }
    (start, if recursive { usize::MAX } else { rest })
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
        .map_err(|e| Error::io(crate::tr!("io-mtime", path = path.display()), e))?;
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
