//! Canonical rows -> Arrow record batches in the `schema` layout, one per commune.

use std::sync::Arc;

use arrow::array::{ArrayRef, Date32Array, Float64Array, StringArray, UInt64Array};
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;

use super::schema::Table;
use crate::error::Result;
use crate::ingest::{CommuneRows, FileRecord, RejectRecord};

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

fn batch(table: Table, columns: Vec<ArrayRef>) -> Result<RecordBatch> {
    Ok(RecordBatch::try_new(table.file_schema(), columns)?)
}

/// The commune's tables; `files` resolves each row's file index to its path and date.
pub fn commune_batches(
    commune: &str,
    rows: &CommuneRows,
    files: &[FileRecord],
) -> Result<Vec<(Table, RecordBatch)>> {
    let d = &rows.dossiers;
    let same = |n: usize| strings(std::iter::repeat_n(Some(commune), n));
    let dossiers = batch(
        Table::Dossiers,
        vec![
            same(d.len()),
            strings(d.iter().map(|r| Some(r.row.dossier_id.as_str()))),
            strings(d.iter().map(|r| r.row.procedure_code.as_deref())),
            strings(d.iter().map(|r| r.row.procedure_name.as_deref())),
            strings(d.iter().map(|r| r.row.field.as_deref())),
            strings(d.iter().map(|r| r.row.channel.map(|c| c.as_str()))),
            dates(d.iter().map(|r| Some(r.row.received_date))),
            dates(d.iter().map(|r| r.row.due_date)),
            dates(d.iter().map(|r| r.row.completed_date)),
            strings(d.iter().map(|r| Some(r.row.status.as_str()))),
            strings(d.iter().map(|r| r.row.timeliness.map(|t| t.as_str()))),
            dates(d.iter().map(|r| Some(files[r.file].snapshot_date))),
            strings(d.iter().map(|r| Some(files[r.file].source_file.as_str()))),
            u64s(d.iter().map(|r| r.line)),
        ],
    )?;
    let p = &rows.procedures;
    let procedures = batch(
        Table::Procedures,
        vec![
            same(p.len()),
            strings(p.iter().map(|r| Some(r.row.procedure_code.as_str()))),
            strings(p.iter().map(|r| r.row.procedure_name.as_deref())),
            strings(p.iter().map(|r| r.row.field.as_deref())),
            strings(p.iter().map(|r| r.row.online_level)),
            strings(p.iter().map(|r| Some(files[r.file].source_file.as_str()))),
            u64s(p.iter().map(|r| r.line)),
        ],
    )?;
    let i = &rows.indicators;
    let indicators = batch(
        Table::Indicators,
        vec![
            same(i.len()),
            strings(i.iter().map(|r| Some(r.row.indicator.as_str()))),
            strings(i.iter().map(|r| Some(r.row.label.as_str()))),
            Arc::new(i.iter().map(|r| r.row.value).collect::<Float64Array>()),
            strings(i.iter().map(|r| r.row.unit.as_deref())),
            strings(i.iter().map(|r| r.row.note.as_deref())),
            strings(i.iter().map(|r| Some(files[r.file].source_file.as_str()))),
            u64s(i.iter().map(|r| r.line)),
        ],
    )?;
    Ok(vec![
        (Table::Dossiers, dossiers),
        (Table::Procedures, procedures),
        (Table::Indicators, indicators),
    ])
}

pub fn rejects_batch(rejects: &[&RejectRecord]) -> Result<RecordBatch> {
    batch(
        Table::Rejects,
        vec![
            strings(rejects.iter().map(|r| Some(r.source_file.as_str()))),
            u64s(rejects.iter().map(|r| r.source_line)),
            strings(rejects.iter().map(|r| Some(r.reason_code))),
            strings(rejects.iter().map(|r| r.column)),
            strings(rejects.iter().map(|r| Some(r.reason.as_str()))),
            strings(rejects.iter().map(|r| Some(r.raw_record.as_str()))),
        ],
    )
}

pub fn files_batch(files: &[&FileRecord]) -> Result<RecordBatch> {
    batch(
        Table::Files,
        vec![
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
        ],
    )
}
