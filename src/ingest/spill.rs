//! Parsed rows leave memory as they are read: each file's rows and rejects are
//! streamed, a chunk at a time, into Parquet files of the parse cache, already in the
//! warehouse layout (zstd, per-file columns filled in), so that publishing a file whose
//! rows all survive the snapshot merge is a hard link, not a rewrite.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{ArrayRef, Date32Builder, Float64Builder, StringBuilder, UInt64Builder};
use arrow::datatypes::{Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;

use super::rows::{DossierRow, IndicatorRow, ProcedureRow, Reject};
use crate::error::{Error, Result};
use crate::warehouse::batches::{PerFile, complete, days};
use crate::warehouse::schema::Table;
use crate::warehouse::write;

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

/// Column builders for one kind of row, in [`parsed_schema`] order.
pub trait Chunk: Default {
    type Row<'r>;
    const TABLE: Table;
    fn push(&mut self, row: &Self::Row<'_>, line: u64);
    fn finish(&mut self) -> Vec<ArrayRef>;
}

#[derive(Default)]
pub struct DossierChunk {
    id: StringBuilder,
    code: StringBuilder,
    name: StringBuilder,
    field: StringBuilder,
    channel: StringBuilder,
    received: Date32Builder,
    due: Date32Builder,
    completed: Date32Builder,
    status: StringBuilder,
    timeliness: StringBuilder,
    line: UInt64Builder,
}

impl Chunk for DossierChunk {
    type Row<'r> = DossierRow<'r>;
    const TABLE: Table = Table::Dossiers;
    fn push(&mut self, r: &DossierRow<'_>, line: u64) {
        self.id.append_value(&r.dossier_id);
        self.code.append_option(r.procedure_code.as_deref());
        self.name.append_option(r.procedure_name.as_deref());
        self.field.append_option(r.field.as_deref());
        self.channel.append_option(r.channel.map(|c| c.as_str()));
        self.received.append_value(days(r.received_date));
        self.due.append_option(r.due_date.map(days));
        self.completed.append_option(r.completed_date.map(days));
        self.status.append_value(r.status.as_str());
        self.timeliness
            .append_option(r.timeliness.map(|t| t.as_str()));
        self.line.append_value(line);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.field.finish()),
            Arc::new(self.channel.finish()),
            Arc::new(self.received.finish()),
            Arc::new(self.due.finish()),
            Arc::new(self.completed.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.timeliness.finish()),
            Arc::new(self.line.finish()),
        ]
    }
}

#[derive(Default)]
pub struct ProcedureChunk {
    code: StringBuilder,
    name: StringBuilder,
    field: StringBuilder,
    level: StringBuilder,
    line: UInt64Builder,
}

impl Chunk for ProcedureChunk {
    type Row<'r> = ProcedureRow;
    const TABLE: Table = Table::Procedures;
    fn push(&mut self, r: &ProcedureRow, line: u64) {
        self.code.append_value(&r.procedure_code);
        self.name.append_option(r.procedure_name.as_deref());
        self.field.append_option(r.field.as_deref());
        self.level.append_option(r.online_level);
        self.line.append_value(line);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.code.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.field.finish()),
            Arc::new(self.level.finish()),
            Arc::new(self.line.finish()),
        ]
    }
}

#[derive(Default)]
pub struct IndicatorChunk {
    indicator: StringBuilder,
    label: StringBuilder,
    value: Float64Builder,
    unit: StringBuilder,
    note: StringBuilder,
    line: UInt64Builder,
}

impl Chunk for IndicatorChunk {
    type Row<'r> = IndicatorRow;
    const TABLE: Table = Table::Indicators;
    fn push(&mut self, r: &IndicatorRow, line: u64) {
        self.indicator.append_value(&r.indicator);
        self.label.append_value(&r.label);
        self.value.append_value(r.value);
        self.unit.append_option(r.unit.as_deref());
        self.note.append_option(r.note.as_deref());
        self.line.append_value(line);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.indicator.finish()),
            Arc::new(self.label.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.note.finish()),
            Arc::new(self.line.finish()),
        ]
    }
}

/// A reject and its masked raw record.
pub struct RejectRow {
    pub reject: Reject,
    pub raw: String,
}

#[derive(Default)]
pub struct RejectChunk {
    line: UInt64Builder,
    code: StringBuilder,
    column: StringBuilder,
    reason: StringBuilder,
    raw: StringBuilder,
}

impl Chunk for RejectChunk {
    type Row<'r> = RejectRow;
    const TABLE: Table = Table::Rejects;
    fn push(&mut self, r: &RejectRow, line: u64) {
        self.line.append_value(line);
        self.code.append_value(r.reject.reason_code);
        self.column.append_option(r.reject.column);
        self.reason.append_value(&r.reject.reason);
        self.raw.append_value(&r.raw);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.line.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.column.finish()),
            Arc::new(self.reason.finish()),
            Arc::new(self.raw.finish()),
        ]
    }
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
    pub rows: u64,
}

impl<C: Chunk> Spill<C> {
    pub fn create(path: &Path, per_file: PerFile) -> Result<Self> {
        let file =
            File::create(path).map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
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

    fn flush(&mut self) -> Result<()> {
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
            .map_err(|e| Error::io(format!("syncing {}", self.path.display()), e))?;
        Ok(self.rows)
    }
}
