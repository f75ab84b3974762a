//! Readers' leases on warehouse versions. A reader (a `report`, each query of the
//! `sql` shell or of `serve`) holds a shared lock on the version folder it reads;
//! publishing removes an old version only when it can lock it exclusively, so a
//! version is never deleted under a query. The lock is `flock(2)` on the folder
//! itself: the kernel drops it when the reader exits, however it exits, so a killed
//! reader leaves nothing behind.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A shared lock on one version folder, held until dropped.
#[derive(Debug)]
pub struct Lease {
    version: PathBuf,
    _folder: File,
}

impl Lease {
    /// The version folder this lease keeps.
    pub fn version(&self) -> &Path {
        &self.version
    }
}

/// Resolves the link `warehouse` and leases the version it points to. A version
/// removed between resolving and locking (two runs published meanwhile) is noticed
/// and the link resolved again.
pub fn acquire(warehouse: &Path) -> Result<Lease> {
    let io = |e| Error::io(crate::tr!("io-warehouse", path = warehouse.display()), e);
    for _ in 0..16 {
        let version = fs::canonicalize(warehouse).map_err(io)?;
        if let Some(lease) = acquire_version(&version)? {
            return Ok(lease);
        }
    }
    Err(io(std::io::Error::other(crate::tr!(
        "io-warehouse-changing"
    ))))
}

/// Leases `version` itself (a folder not yet published, or one resolved before);
/// `None` when it no longer exists.
pub fn acquire_version(version: &Path) -> Result<Option<Lease>> {
    let folder = match File::open(version) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::io(
                crate::tr!("io-warehouse", path = version.display()),
                e,
            ));
        }
    };
    folder
        .lock_shared()
        .map_err(|e| Error::io(crate::tr!("io-warehouse", path = version.display()), e))?;
    // Removal happens under the exclusive lock: once ours is granted, the folder is
    // either whole or gone.
    if !version.is_dir() {
        return Ok(None);
    }
    Ok(Some(Lease {
        version: version.to_path_buf(),
        _folder: folder,
    }))
}

/// Removes `version` unless a reader holds a lease on it; returns whether it went.
/// A leased version stays until a later publish finds it free.
pub fn remove_unleased(version: &Path) -> bool {
    let Ok(folder) = File::open(version) else {
        return false;
    };
    match folder.try_lock() {
        Ok(()) => {
            let removed = fs::remove_dir_all(version).is_ok();
            drop(folder);
            removed
        }
        Err(TryLockError::WouldBlock) => {
            tracing::debug!(version = %version.display(), "kept: a reader holds it");
            false
        }
        Err(TryLockError::Error(e)) => {
            tracing::debug!(version = %version.display(), error = %e, "kept: not lockable");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leased_version_is_not_removed_and_a_free_one_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let version = dir.path().join("v1");
        fs::create_dir_all(version.join("dossiers")).expect("mkdir");
        let link = dir.path().join("warehouse");
        std::os::unix::fs::symlink(&version, &link).expect("link");
        let lease = acquire(&link).expect("lease");
        assert_eq!(lease.version(), fs::canonicalize(&version).expect("c"));
        assert!(!remove_unleased(&version));
        assert!(version.join("dossiers").is_dir());
        drop(lease);
        assert!(remove_unleased(&version));
        assert!(!version.exists());
        assert!(acquire_version(&version).expect("no error").is_none());
    }
}
