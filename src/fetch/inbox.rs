//! The local inbox of remote exports, beside the warehouse (`.warehouse.inbox/`): one
//! folder per commune, kind and remote glob, mirroring the remote folder's matching
//! files, so that everything after fetching reads local files as before. A file is
//! downloaded under a temporary name, its sha256 computed as it streams, synced,
//! then renamed: a half-downloaded file is never parsed. The index remembers each
//! file's remote version (ETag, size, last-modified): an unchanged file is not
//! downloaded again, and then not parsed again either (same bytes, same parse-cache
//! key).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use futures::StreamExt;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// What the inbox knows of one downloaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The remote file as shown (no credentials).
    pub url: String,
    pub e_tag: Option<String>,
    pub size: u64,
    pub last_modified: String,
    pub sha256: String,
}

impl Entry {
    fn same_version(&self, meta: &ObjectMeta) -> bool {
        self.size == meta.size
            && self.last_modified == meta.last_modified.to_rfc3339()
            && self.e_tag == meta.e_tag
    }
}

/// The index of the inbox: local path (relative to the inbox) -> entry.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Index {
    pub files: BTreeMap<String, Entry>,
}

impl Index {
    pub fn path(inbox: &Path) -> PathBuf {
        inbox.join("index.json")
    }

    /// The index, or an empty one when there is none (or it cannot be read: then
    /// every file is downloaded again, which is only slower).
    pub fn load(inbox: &Path) -> Index {
        std::fs::read(Self::path(inbox))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, inbox: &Path) -> Result<()> {
        let path = Self::path(inbox);
        let tmp = inbox.join(format!(".index.json.tmp-{}", std::process::id()));
        let text = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Invariant(format!("inbox index: {e}")))?;
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))
    }
}

/// What happened to one remote file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Downloaded,
    Unchanged,
}

/// Brings `local` (a file of the inbox, `key` its index key) to the remote version
/// `meta` of `store`.
pub async fn fetch_file(
    store: &dyn ObjectStore,
    meta: &ObjectMeta,
    url: &str,
    local: &Path,
    key: &str,
    index: &mut Index,
) -> std::result::Result<Outcome, String> {
    if local.is_file()
        && index
            .files
            .get(key)
            .is_some_and(|entry| entry.same_version(meta))
    {
        return Ok(Outcome::Unchanged);
    }
    let dir = local.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let name = local.file_name().unwrap_or_default().to_string_lossy();
    let part = dir.join(format!(".{name}.part-{}", std::process::id()));
    let downloaded = download(store, meta, &part).await;
    let sha256 = match downloaded {
        Ok(sha) => sha,
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
    };
    // The remote's last-modified is the file's modification time: a name without a
    // date gets its snapshot date from it, as a local file would.
    if let Ok(file) = std::fs::File::options().write(true).open(&part) {
        let _ = file.set_modified(meta.last_modified.into());
    }
    std::fs::rename(&part, local).map_err(|e| e.to_string())?;
    index.files.insert(
        key.to_string(),
        Entry {
            url: url.to_string(),
            e_tag: meta.e_tag.clone(),
            size: meta.size,
            last_modified: meta.last_modified.to_rfc3339(),
            sha256,
        },
    );
    Ok(Outcome::Downloaded)
}

/// Streams the object into `part`, hashing as it goes; returns the sha256.
async fn download(
    store: &dyn ObjectStore,
    meta: &ObjectMeta,
    part: &Path,
) -> std::result::Result<String, String> {
    let mut file = std::fs::File::create(part).map_err(|e| e.to_string())?;
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    let mut stream = store
        .get(&meta.location)
        .await
        .map_err(|e| e.to_string())?
        .into_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| e.to_string())?;
        hasher.update(&chunk);
        bytes += chunk.len() as u64;
        file.write_all(&chunk).map_err(|e| e.to_string())?;
    }
    if bytes != meta.size {
        return Err(crate::tr!("remote-short", got = bytes, size = meta.size));
    }
    file.sync_all().map_err(|e| e.to_string())?;
    Ok(crate::text::hex(&hasher.finalize()))
}
