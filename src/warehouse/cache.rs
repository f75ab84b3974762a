//! The parse cache: one entry per (file content, kind, parsing settings, commune,
//! name, snapshot date, tool version), holding the file's parsed rows and rejects as
//! Parquet in the warehouse layout plus what was detected. An unchanged export is therefore not read again; `--full-refresh`
//! ignores the cache. Entries are written aside and renamed into place, and entries no
//! run used are removed after publishing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::batches::PerFile;
use super::columns::FileKind;
use crate::error::{Error, Result};

/// Bumped when the cached layout or parsing rules change.
const FORMAT: u32 = 5;

pub const ROWS: &str = "rows.parquet";
pub const REJECTS: &str = "rejects.parquet";
const PARSED: &str = "parsed.json";

/// What parsing one file found (the content-dependent part of the `files` table).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Parsed {
    pub sha256: String,
    pub bytes: u64,
    pub encoding: String,
    pub delimiter: String,
    pub header_line: u64,
    pub data_rows: u64,
    /// Rows parsed into `rows.parquet` (before snapshots are applied).
    pub rows: u64,
    pub rejected: u64,
    pub blank_lines: u64,
    /// Size and sha256 of each staged file when it was written: an entry whose files
    /// no longer match (truncated, overwritten through another name) is parsed anew.
    #[serde(default)]
    pub checksums: Vec<Checksum>,
    /// A shared export: the rows of each configured commune it holds, whose files
    /// are in the entry's `<code>/` folder (the entry's own files hold the rejects
    /// of rows naming no known commune).
    #[serde(default)]
    pub parts: Vec<PartCounts>,
    /// A shared export's rows of communes the config leaves out, per value.
    #[serde(default)]
    pub kept_out: Vec<(String, u64)>,
}

/// One configured commune's rows of a shared export.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartCounts {
    pub code: String,
    pub rows: u64,
    pub rejected: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checksum {
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Checksum {
    fn of(dir: &Path, file: &str) -> std::io::Result<Checksum> {
        use std::io::Read;
        let mut f = std::fs::File::open(dir.join(file))?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 256 * 1024];
        let mut bytes = 0u64;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            bytes += n as u64;
        }
        Ok(Checksum {
            file: file.to_string(),
            bytes,
            sha256: crate::text::hex(&hasher.finalize()),
        })
    }
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn beside(warehouse: &Path) -> Cache {
        Cache {
            dir: super::sibling(warehouse, "cache"),
        }
    }

    pub fn key(sha256: &str, kind: FileKind, settings: &str, per_file: &PerFile) -> String {
        // The per-file columns are in the cached rows, so they are part of the key;
        // `settings` are the parsing overrides, as the caller spells them.
        let settings = format!(
            "{FORMAT}|{}|{sha256}|{}|{settings}|{per_file:?}",
            env!("CARGO_PKG_VERSION"),
            kind.as_str()
        );
        let digest = Sha256::digest(settings.as_bytes());
        crate::text::hex(&digest[..16])
    }

    pub fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// The entry for `key`, if a previous run completed it and its files are still
    /// the ones it wrote (size and sha256); a damaged entry is reported and left to
    /// be parsed anew.
    pub fn load(&self, key: &str) -> Option<Parsed> {
        let dir = self.entry(key);
        let text = std::fs::read_to_string(dir.join(PARSED)).ok()?;
        let parsed: Parsed = serde_json::from_str(&text).ok()?;
        let intact = !parsed.checksums.is_empty()
            && parsed
                .checksums
                .iter()
                .all(|c| Checksum::of(&dir, &c.file).is_ok_and(|now| now == *c));
        if !intact {
            tracing::warn!(
                entry = %dir.display(),
                "{}",
                crate::tr!("warn-cache-entry")
            );
            return None;
        }
        Some(parsed)
    }

    /// A fresh folder to parse into; [`Cache::commit`] moves it into place.
    pub fn begin(&self, key: &str) -> Result<PathBuf> {
        let tmp = self.dir.join(format!(".{key}.tmp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)
            .map_err(|e| Error::io(crate::tr!("io-creating", path = tmp.display()), e))?;
        Ok(tmp)
    }

    /// Records the staged files' checksums, makes them read-only and moves the entry
    /// into place.
    pub fn commit(&self, key: &str, tmp: &Path, parsed: &Parsed) -> Result<()> {
        let mut parsed = parsed.clone();
        parsed.checksums = Vec::new();
        let files = [ROWS, REJECTS].map(String::from).into_iter().chain(
            parsed
                .parts
                .iter()
                .flat_map(|p| [ROWS, REJECTS].map(|f| format!("{}/{f}", p.code))),
        );
        for file in files {
            let file = file.as_str();
            if tmp.join(file).is_file() {
                let sum = Checksum::of(tmp, file).map_err(|e| {
                    Error::io(crate::tr!("io-reading", path = tmp.join(file).display()), e)
                })?;
                parsed.checksums.push(sum);
                read_only(&tmp.join(file))?;
            }
        }
        let text = serde_json::to_string_pretty(&parsed)
            .map_err(|e| Error::Invariant(format!("parse record: {e}")))?;
        let path = tmp.join(PARSED);
        std::fs::write(&path, text)
            .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))?;
        read_only(&path)?;
        let entry = self.entry(key);
        let _ = std::fs::remove_dir_all(&entry);
        std::fs::rename(tmp, &entry)
            .map_err(|e| Error::io(crate::tr!("io-publishing", path = entry.display()), e))
    }

    /// Removes one entry (its file turned out to have changed while it was parsed).
    pub fn discard(&self, key: &str) {
        let _ = std::fs::remove_dir_all(self.entry(key));
    }

    /// Removes every entry not in `used` (and leftovers of killed runs).
    pub fn keep_only(&self, used: &HashSet<String>) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !used.contains(&name) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Published and cached files are read-only on disk: nothing is meant to write them
/// again (a version links them by name).
pub fn read_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444))
        .map_err(|e| Error::io(crate::tr!("io-read-only", path = path.display()), e))
}
