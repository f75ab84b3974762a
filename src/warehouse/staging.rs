//! Parsed rows leave memory as they are read: each file's rows and rejects are
//! streamed, a chunk at a time, into Parquet files of the parse cache, already in the
//! warehouse layout (zstd, per-file columns filled in), so that publishing a file whose
//! rows all survive the snapshot merge is a hard link, not a rewrite.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::datatypes::{Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;

use super::batches::{PerFile, complete};
use super::schema::Table;
use super::write;
use crate::error::{Error, Result};

/// Rows per Arrow batch and Parquet write.
pub const CHUNK_ROWS: usize = 8192;

/// Columns that are constant per file, filled in when a chunk is flushed.
pub const PER_FILE: [&str; 3] = ["commune", "snapshot_date", "source_file"];

/// The builders' layout of `table`: its file schema without the per-file constants.
pub fn parsed_schema(table: Table) -> SchemaRef {
    let full = table.file_schema();
    Arc::new(Schema::new(
        full.fields()
            .iter()
            .filter(|f| !PER_FILE.contains(&f.name().as_str()))
            .map(|f| f.as_ref().clone())
            .collect::<Vec<_>>(),
    ))
}

/// Column builders for one kind of row, in [`parsed_schema`] order. The rows are the
/// reader's; storage only needs their columns.
pub trait Chunk: Default {
    type Row<'r>;
    const TABLE: Table;
    fn push(&mut self, row: &Self::Row<'_>, line: u64);
    fn finish(&mut self) -> Vec<ArrayRef>;
}

/// Streams rows of one kind into a Parquet file in the warehouse layout,
/// [`CHUNK_ROWS`] at a time.
pub struct Spill<C: Chunk> {
    path: PathBuf,
    writer: ArrowWriter<File>,
    schema: SchemaRef,
    per_file: PerFile,
    chunk: C,
    pending: usize,
    /// Rows handed over as batches ([`Spill::push_batch`]), not yet written.
    queued: Vec<RecordBatch>,
    queued_rows: usize,
    pub rows: u64,
}

impl<C: Chunk> Spill<C> {
    pub fn create(path: &Path, per_file: PerFile) -> Result<Self> {
        let file = File::create(path)
            .map_err(|e| Error::io(crate::tr!("io-creating", path = path.display()), e))?;
        let writer = ArrowWriter::try_new(
            file,
            C::TABLE.file_schema(),
            Some(write::properties(C::TABLE)),
        )?;
        Ok(Spill {
            path: path.to_path_buf(),
            writer,
            schema: parsed_schema(C::TABLE),
            per_file,
            chunk: C::default(),
            pending: 0,
            queued: Vec::new(),
            queued_rows: 0,
            rows: 0,
        })
    }

    pub fn push(&mut self, row: &C::Row<'_>, line: u64) -> Result<()> {
        self.chunk.push(row, line);
        self.pending += 1;
        self.rows += 1;
        if self.pending >= CHUNK_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Rows already built (in [`parsed_schema`] order, by a [`Chunk`] elsewhere),
    /// written in the same [`CHUNK_ROWS`] batches as rows pushed one by one would be,
    /// so the file is the same byte for byte.
    pub fn push_batch(&mut self, batch: RecordBatch) -> Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        self.rows += batch.num_rows() as u64;
        self.queued_rows += batch.num_rows();
        self.queued.push(batch);
        while self.queued_rows >= CHUNK_ROWS {
            self.write_queued(CHUNK_ROWS)?;
        }
        Ok(())
    }

    /// Writes the first `n` queued rows as one batch: slices of the queued batches,
    /// copied only where the batch spans two of them.
    fn write_queued(&mut self, n: usize) -> Result<()> {
        let mut taken = Vec::new();
        let mut need = n;
        while need > 0 && !self.queued.is_empty() {
            let first = self.queued.remove(0);
            if first.num_rows() > need {
                taken.push(first.slice(0, need));
                self.queued
                    .insert(0, first.slice(need, first.num_rows() - need));
                need = 0;
            } else {
                need -= first.num_rows();
                taken.push(first);
            }
        }
        let batch = match taken.len() {
            1 => taken.remove(0),
            _ => arrow::compute::concat_batches(&self.schema, &taken)?,
        };
        self.writer
            .write(&complete(C::TABLE, &batch, &self.per_file)?)?;
        self.queued_rows -= batch.num_rows();
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.queued_rows > 0 {
            self.write_queued(self.queued_rows)?;
        }
        if self.pending == 0 {
            return Ok(());
        }
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), self.chunk.finish())?;
        self.writer
            .write(&complete(C::TABLE, &batch, &self.per_file)?)?;
        self.pending = 0;
        Ok(())
    }

    /// Finishes the file and syncs it: it may become part of a published version.
    pub fn close(mut self) -> Result<u64> {
        self.flush()?;
        let file = self.writer.into_inner()?;
        file.sync_all()
            .map_err(|e| Error::io(crate::tr!("io-syncing", path = self.path.display()), e))?;
        Ok(self.rows)
    }
}
