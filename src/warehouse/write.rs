//! Writing a new warehouse version and publishing it atomically.
//!
//! Layout: `<warehouse>` is a symbolic link to `.<name>.versions/<version>/`, which
//! holds `<table>/commune_code=<code>/part-<n>.parquet` (zstd; one file per input file,
//! `part-0` for the `files` table). A version is written and
//! fsynced in full, then the link is replaced by a rename, so a reader that resolves
//! `<warehouse>` sees the previous complete version or the new one, never a mix.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use arrow::array::BooleanArray;
use arrow::buffer::BooleanBuffer;
use arrow::compute::filter_record_batch;
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterPropertiesBuilder};
use parquet::schema::types::ColumnPath;
use tracing::debug;

use super::batches;
use super::cache;
use super::columns::FileKind;
use super::files::StagedFile;
use super::runs::{self, Manifest};
use super::schema::{PARTITION_COLUMN, Table};
use crate::error::{Error, Result};

/// A version directory being written.
pub struct Version {
    pub dir: PathBuf,
    pub id: String,
}

fn versions_dir(warehouse: &Path) -> PathBuf {
    super::sibling(warehouse, "versions")
}

/// Writer settings of every warehouse file: zstd; no dictionary for columns whose
/// values are (nearly) all distinct, where building one only costs time; no min/max
/// statistics for long texts that no query prunes on (names, ids, the per-file
/// constants, which the partition path and the `files` table already give), since
/// computing them compares every value.
pub fn properties(table: Table) -> WriterProperties {
    let mut props = zstd();
    let distinct: &[&str] = match table {
        Table::Dossiers | Table::DossierHistory => &["dossier_id", "source_line"],
        Table::Rejects => &["source_line", "reason", "raw_record"],
        _ => &[],
    };
    for column in distinct {
        props = props.set_column_dictionary_enabled(ColumnPath::from(*column), false);
    }
    let unpruned: &[&str] = match table {
        Table::Dossiers | Table::DossierHistory => {
            &["commune", "source_file", "dossier_id", "procedure_name"]
        }
        Table::Rejects => &["source_file", "reason", "raw_record"],
        _ => &[],
    };
    for column in unpruned {
        props =
            props.set_column_statistics_enabled(ColumnPath::from(*column), EnabledStatistics::None);
    }
    props.build()
}

fn zstd() -> WriterPropertiesBuilder {
    WriterProperties::builder().set_compression(Compression::ZSTD(ZstdLevel::default()))
}

/// The table a kind of export fills.
pub fn table_of(kind: FileKind) -> Table {
    match kind {
        FileKind::Dossiers => Table::Dossiers,
        FileKind::Procedures => Table::Procedures,
        FileKind::Indicators => Table::Indicators,
    }
}

/// Writes every table into a fresh version directory beside `warehouse`, with a
/// `files` partition for each of `communes` (codes, in config order). Each input
/// file's rows are one Parquet file of its commune's partition, taken from the parse
/// cache: hard-linked when all of them survive the snapshot merge, left out when none
/// does, rewritten with the survivors otherwise. A dossier export's rows also enter
/// `dossier_history` whole (a hard link), superseded or not.
pub fn write_version(
    warehouse: &Path,
    communes: &[&str],
    files: &[StagedFile],
    manifest: &Manifest,
) -> Result<Version> {
    let id = manifest.run_id.as_str();
    let dir = versions_dir(warehouse).join(id);
    if dir.exists() {
        fs::remove_dir_all(&dir)
            .map_err(|e| Error::io(crate::tr!("io-clearing", path = dir.display()), e))?;
    }
    for table in Table::ALL {
        create_dir(&dir.join(table.name()))?;
    }
    for &code in communes {
        let of_commune: Vec<usize> = (0..files.len())
            .filter(|&i| files[i].record.commune_code == code)
            .collect();
        for &i in &of_commune {
            let staged = &files[i];
            let Some(entry) = &staged.entry else {
                continue;
            };
            let part = format!("part-{i:05}.parquet");
            let table = table_of(staged.record.kind);
            let rows = partition_dir(&dir, table, code).join(&part);
            publish_rows(&entry.join(cache::ROWS), table, &staged.keep, &rows)?;
            let parsed_rows = staged
                .record
                .data_rows
                .saturating_sub(staged.record.rejected + staged.record.kept_out);
            if table == Table::Dossiers && parsed_rows > 0 {
                // Every parsed row, superseded or not: any past date can be rebuilt.
                let history = partition_dir(&dir, Table::DossierHistory, code).join(&part);
                link_or_copy(&entry.join(cache::ROWS), &history)?;
            }
            if staged.record.rejected > 0 {
                let rejects = partition_dir(&dir, Table::Rejects, code).join(&part);
                link_or_copy(&entry.join(cache::REJECTS), &rejects)?;
            }
        }
        let records: Vec<_> = of_commune.iter().map(|&i| &files[i].record).collect();
        let mut part = Partition::at(
            partition_dir(&dir, Table::Files, code).join("part-0.parquet"),
            properties(Table::Files),
        );
        part.write(&batches::files_batch(&records)?)?;
        part.finish()?;
    }
    let runs = dir.join("runs");
    create_dir(&runs)?;
    let mut history = Partition::at(runs.join("runs.parquet"), zstd().build());
    history.write(&runs::history_batch(warehouse, manifest)?)?;
    history.finish()?;
    sync_dir_tree(&dir)?;
    Ok(Version {
        dir,
        id: id.to_string(),
    })
}

/// Writes the staged (not yet published) version's `runs` table again, once the run
/// knows what it changed in the report: a new file renamed over the old.
pub fn rewrite_runs(warehouse: &Path, version: &Version, manifest: &Manifest) -> Result<()> {
    let runs = version.dir.join("runs");
    let tmp = runs.join(format!(".runs.parquet.tmp-{}", std::process::id()));
    let mut history = Partition::at(tmp.clone(), zstd().build());
    history.write(&runs::history_batch(warehouse, manifest)?)?;
    history.finish()?;
    let path = runs.join("runs.parquet");
    fs::rename(&tmp, &path)
        .map_err(|e| Error::io(crate::tr!("io-publishing", path = path.display()), e))?;
    File::open(&runs)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(crate::tr!("io-syncing", path = runs.display()), e))
}

fn partition_dir(dir: &Path, table: Table, code: &str) -> PathBuf {
    dir.join(table.name())
        .join(format!("{PARTITION_COLUMN}={code}"))
}

/// Puts the rows of `cached` that `keep` marks into `dest`.
fn publish_rows(cached: &Path, table: Table, keep: &BooleanBuffer, dest: &Path) -> Result<()> {
    let kept = keep.count_set_bits();
    if kept == 0 {
        return Ok(());
    }
    if kept == keep.len() {
        return link_or_copy(cached, dest);
    }
    let file = File::open(cached)
        .map_err(|e| Error::io(crate::tr!("io-opening", path = cached.display()), e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)?.build()?;
    let mut part = Partition::at(dest.to_path_buf(), properties(table));
    let mut offset = 0;
    for batch in reader {
        let batch = batch?;
        let n = batch.num_rows();
        if offset + n > keep.len() {
            return Err(Error::Invariant(format!(
                "{}: more rows than parsed",
                cached.display()
            )));
        }
        let mask = BooleanArray::new(keep.slice(offset, n), None);
        offset += n;
        let kept = filter_record_batch(&batch, &mask)?;
        if kept.num_rows() > 0 {
            part.write(&kept)?;
        }
    }
    part.finish()
}

/// A cached file enters the version by a hard link (same file system, no copy); by a
/// copy where links are not possible.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir(parent)?;
    }
    crate::faults::pause_at(crate::faults::WRITING);
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    fs::copy(from, to).map(drop).map_err(|e| {
        Error::io(
            crate::tr!("io-copying", from = from.display(), to = to.display()),
            e,
        )
    })?;
    File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(crate::tr!("io-syncing", path = to.display()), e))
}

fn create_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)
        .map_err(|e| Error::io(crate::tr!("io-creating", path = dir.display()), e))
}

/// One Parquet file of the version, created on the first non-empty batch.
struct Partition {
    path: PathBuf,
    props: WriterProperties,
    writer: Option<ArrowWriter<File>>,
}

impl Partition {
    fn at(path: PathBuf, props: WriterProperties) -> Partition {
        Partition {
            path,
            props,
            writer: None,
        }
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        if self.writer.is_none() {
            if let Some(parent) = self.path.parent() {
                create_dir(parent)?;
            }
            let file = File::create(&self.path)
                .map_err(|e| Error::io(crate::tr!("io-creating", path = self.path.display()), e))?;
            self.writer = Some(ArrowWriter::try_new(
                file,
                batch.schema(),
                Some(self.props.clone()),
            )?);
        }
        if let Some(w) = &mut self.writer {
            w.write(batch)?;
        }
        crate::faults::pause_at(crate::faults::WRITING);
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let Some(writer) = self.writer else {
            return Ok(());
        };
        let file = writer.into_inner()?;
        file.sync_all()
            .map_err(|e| Error::io(crate::tr!("io-syncing", path = self.path.display()), e))?;
        cache::read_only(&self.path)?;
        debug!(path = %self.path.display(), "wrote");
        Ok(())
    }
}

fn sync_dir_tree(dir: &Path) -> Result<()> {
    let entries = fs::read_dir(dir)
        .map_err(|e| Error::io(crate::tr!("io-listing", path = dir.display()), e))?;
    for entry in entries {
        let entry =
            entry.map_err(|e| Error::io(crate::tr!("io-listing", path = dir.display()), e))?;
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            sync_dir_tree(&entry.path())?;
        }
    }
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(crate::tr!("io-syncing", path = dir.display()), e))
}

/// The warehouse path must be free or a link to a version (never a file or folder
/// that publishing would have to replace).
pub fn check_link(link: &Path) -> Result<()> {
    if let Ok(meta) = fs::symlink_metadata(link)
        && !meta.file_type().is_symlink()
    {
        return Err(Error::io(
            crate::tr!("io-not-a-warehouse-link", path = link.display()),
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }
    Ok(())
}

/// Points `<warehouse>` at `version` with an atomic rename, then removes every
/// version but the new one and the one it replaced, and any a reader still holds a
/// lease on (see [`super::lease`]; a later publish removes it), and leftover
/// temporary links of killed runs.
pub fn publish(warehouse: &Path, version: &Version) -> Result<()> {
    let link = warehouse;
    check_link(link)?;
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
        .map_err(|e| Error::io(crate::tr!("io-creating", path = tmp.display()), e))?;
    fs::rename(&tmp, link)
        .map_err(|e| Error::io(crate::tr!("io-publishing", path = link.display()), e))?;
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
                super::lease::remove_unleased(&entry.path());
            }
        }
    }
    Ok(())
}
