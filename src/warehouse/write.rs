//! Writing a new warehouse version and publishing it atomically.
//!
//! Layout: `<warehouse>` is a symbolic link to `.<name>.versions/<version>/`, which
//! holds `<table>/commune_code=<code>/part-0.parquet` (zstd). A version is written and
//! fsynced in full, then the link is replaced by a rename, so a reader that resolves
//! `<warehouse>` sees the previous complete version or the new one, never a mix.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use tracing::debug;

use super::batches;
use super::runs::{self, Manifest};
use super::schema::{PARTITION_COLUMN, Table};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::ingest::Ingested;

/// A version directory being written.
pub struct Version {
    pub dir: PathBuf,
    pub id: String,
}

fn versions_dir(warehouse: &Path) -> PathBuf {
    let name = warehouse
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "warehouse".into());
    warehouse.with_file_name(format!(".{name}.versions"))
}

/// Writes every table of `data` into a fresh version directory.
pub fn write_version(config: &Config, data: &Ingested, manifest: &Manifest) -> Result<Version> {
    let id = manifest.run_id.as_str();
    let dir = versions_dir(&config.warehouse).join(id);
    if dir.exists() {
        fs::remove_dir_all(&dir)
            .map_err(|e| Error::io(format!("clearing {}", dir.display()), e))?;
    }
    for table in Table::ALL {
        create_dir(&dir.join(table.name()))?;
    }
    for (commune, rows) in config.communes.iter().zip(&data.communes) {
        for (table, batch) in batches::commune_batches(&commune.name, rows, &data.files)? {
            write_partition(&dir, table, &commune.code, &batch)?;
        }
        let rejects: Vec<_> = data
            .rejects
            .iter()
            .filter(|r| r.commune_code == commune.code)
            .collect();
        write_partition(
            &dir,
            Table::Rejects,
            &commune.code,
            &batches::rejects_batch(&rejects)?,
        )?;
        let files: Vec<_> = data
            .files
            .iter()
            .filter(|f| f.commune_code == commune.code)
            .collect();
        write_partition(
            &dir,
            Table::Files,
            &commune.code,
            &batches::files_batch(&files)?,
        )?;
    }
    let runs = dir.join("runs");
    create_dir(&runs)?;
    write_file(
        &runs.join("runs.parquet"),
        &runs::history_batch(&config.warehouse, manifest)?,
    )?;
    sync_dir_tree(&dir)?;
    Ok(Version {
        dir,
        id: id.to_string(),
    })
}

fn create_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))
}

fn write_partition(dir: &Path, table: Table, code: &str, batch: &RecordBatch) -> Result<()> {
    if batch.num_rows() == 0 {
        return Ok(());
    }
    let part = dir
        .join(table.name())
        .join(format!("{PARTITION_COLUMN}={code}"));
    create_dir(&part)?;
    write_file(&part.join("part-0.parquet"), batch)
}

fn write_file(path: &Path, batch: &RecordBatch) -> Result<()> {
    let file =
        File::create(path).map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build();
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props))?;
    writer.write(batch)?;
    crate::faults::pause_at(crate::faults::WRITING);
    let file = writer.into_inner()?;
    file.sync_all()
        .map_err(|e| Error::io(format!("syncing {}", path.display()), e))?;
    debug!(path = %path.display(), rows = batch.num_rows(), "wrote");
    Ok(())
}

fn sync_dir_tree(dir: &Path) -> Result<()> {
    let entries =
        fs::read_dir(dir).map_err(|e| Error::io(format!("listing {}", dir.display()), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(format!("listing {}", dir.display()), e))?;
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            sync_dir_tree(&entry.path())?;
        }
    }
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(format!("syncing {}", dir.display()), e))
}

/// Points `<warehouse>` at `version` with an atomic rename, then removes versions
/// older than the one it replaced (kept for readers still holding it).
pub fn publish(config: &Config, version: &Version) -> Result<()> {
    let link = &config.warehouse;
    if let Ok(meta) = fs::symlink_metadata(link)
        && !meta.file_type().is_symlink()
    {
        return Err(Error::io(
            format!(
                "{} exists and is not a link to a warehouse version; move it away",
                link.display()
            ),
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }
    let previous = fs::read_link(link).ok();
    let versions = versions_dir(link);
    let target = Path::new(versions.file_name().unwrap_or_default()).join(&version.id);
    let tmp = link.with_file_name(format!(
        ".{}.link-{}",
        link.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let _ = fs::remove_file(&tmp);
    crate::faults::pause_at(crate::faults::PUBLISHING);
    std::os::unix::fs::symlink(&target, &tmp)
        .map_err(|e| Error::io(format!("creating {}", tmp.display()), e))?;
    fs::rename(&tmp, link).map_err(|e| Error::io(format!("publishing {}", link.display()), e))?;
    if let Some(parent) = link.parent() {
        let _ = File::open(parent).and_then(|d| d.sync_all());
    }
    let keep: Vec<PathBuf> = [Some(target), previous]
        .into_iter()
        .flatten()
        .filter_map(|t| t.file_name().map(PathBuf::from))
        .collect();
    if let Some(parent) = link.parent()
        && let Ok(entries) = fs::read_dir(parent)
    {
        let prefix = format!(
            ".{}.link-",
            link.file_name().unwrap_or_default().to_string_lossy()
        );
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    if let Ok(entries) = fs::read_dir(&versions) {
        for entry in entries.flatten() {
            if !keep.iter().any(|k| k.as_os_str() == entry.file_name()) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
    Ok(())
}
