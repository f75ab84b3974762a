//! One writer at a time: `run`, `ingest` and `report` hold an exclusive lock on
//! `.<warehouse>.lock` beside the warehouse. The operating system releases it when
//! the process ends, however it ends, so the lock of a killed run is simply taken over;
//! the file's text (pid, start time) names the holder for the message a second run
//! prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::Utc;
use tracing::info;

use crate::error::{Error, Result};

pub struct RunLock {
    file: File,
}

pub fn lock_path(warehouse: &Path) -> PathBuf {
    crate::warehouse::sibling(warehouse, "lock")
}

impl RunLock {
    /// Takes the lock or fails at once, naming the run that holds it.
    pub fn acquire(warehouse: &Path) -> Result<RunLock> {
        let path = lock_path(warehouse);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(crate::tr!("io-creating", path = parent.display()), e))?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(crate::tr!("io-lock", path = path.display()), e))?;
        let mut previous = String::new();
        let _ = file.read_to_string(&mut previous);
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Busy(crate::tr!(
                    "lock-busy",
                    path = path.display(),
                    holder = holder(&previous)
                )));
            }
            Err(TryLockError::Error(e)) => {
                return Err(Error::io(
                    crate::tr!("io-locking", path = path.display()),
                    e,
                ));
            }
        }
        if !previous.trim().is_empty() {
            info!(
                "{}",
                crate::tr!("info-lock-taken-over", holder = holder(&previous))
            );
        }
        let text = format!(
            "pid {} started {}\n",
            std::process::id(),
            Utc::now().to_rfc3339()
        );
        let write = file
            .set_len(0)
            .and_then(|_| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(text.as_bytes()))
            .and_then(|_| file.sync_all());
        write.map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))?;
        Ok(RunLock { file })
    }
}

fn holder(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        "holder unknown".into()
    } else {
        t.to_string()
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Empty text means "released cleanly"; the OS lock goes with the handle.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}
