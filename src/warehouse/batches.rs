//! Arrow batches in the `schema` layout: parsed rows completed with the columns that
//! are constant per file, and the `files` table.

use std::sync::Arc;

use arrow::array::{ArrayRef, Date32Array, StringArray, UInt64Array};
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;

use super::files::FileRecord;
use super::schema::Table;
use crate::error::{Error, Result};

/// Days from 0001-01-01 (CE) to 1970-01-01, Arrow's Date32 epoch.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

pub fn days(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

fn strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

fn dates(values: impl Iterator<Item = Option<NaiveDate>>) -> ArrayRef {
    Arc::new(values.map(|d| d.map(days)).collect::<Date32Array>())
}

fn u64s(values: impl Iterator<Item = u64>) -> ArrayRef {
    Arc::new(values.collect::<UInt64Array>())
}

/// The columns that are the same for every row of one input file.
#[derive(Debug, Clone)]
pub struct PerFile {
    pub commune: String,
    pub snapshot_date: NaiveDate,
    pub source_file: String,
}

/// Completes a batch of parsed rows of `table` with the per-file columns (commune
/// name, snapshot date, source file), in the table's column order.
pub fn complete(table: Table, parsed: &RecordBatch, per_file: &PerFile) -> Result<RecordBatch> {
    let n = parsed.num_rows();
    let schema = table.file_schema();
    let columns = schema
        .fields()
        .iter()
        .map(|f| match f.name().as_str() {
            "commune" => Ok(strings(std::iter::repeat_n(
                Some(per_file.commune.as_str()),
                n,
            ))),
            "snapshot_date" => Ok(dates(std::iter::repeat_n(Some(per_file.snapshot_date), n))),
            "source_file" => Ok(strings(std::iter::repeat_n(
                Some(per_file.source_file.as_str()),
                n,
            ))),
            name => parsed.column_by_name(name).cloned().ok_or_else(|| {
                Error::Invariant(format!("parsed {} rows lack column {name}", table.name()))
            }),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(RecordBatch::try_new(schema, columns)?)
}

pub fn files_batch(files: &[&FileRecord]) -> Result<RecordBatch> {
    let columns = vec![
        strings(files.iter().map(|f| Some(f.kind.as_str()))),
        strings(files.iter().map(|f| Some(f.source_file.as_str()))),
        strings(files.iter().map(|f| Some(f.sha256.as_str()))),
        u64s(files.iter().map(|f| f.bytes)),
        strings(files.iter().map(|f| Some(f.encoding.as_str()))),
        strings(files.iter().map(|f| Some(f.delimiter.as_str()))),
        u64s(files.iter().map(|f| f.header_line)),
        dates(files.iter().map(|f| Some(f.snapshot_date))),
        u64s(files.iter().map(|f| f.data_rows)),
        u64s(files.iter().map(|f| f.loaded)),
        u64s(files.iter().map(|f| f.superseded)),
        u64s(files.iter().map(|f| f.rejected)),
        u64s(files.iter().map(|f| f.blank_lines)),
        strings(files.iter().map(|f| Some(f.status.as_str()))),
        strings(files.iter().map(|f| f.error.as_deref())),
        Arc::new(
            files
                .iter()
                .map(|f| Some(f.kept_out))
                .collect::<UInt64Array>(),
        ),
    ];
    Ok(RecordBatch::try_new(Table::Files.file_schema(), columns)?)
}
