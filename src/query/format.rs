//! Output of `sql`: an aligned table (capped, with a note of what was left out), CSV,
//! a JSON array of objects or newline-delimited JSON; or a file chosen by extension
//! (csv, json, ndjson, parquet).

use std::io::Write;
use std::path::Path;

use arrow::record_batch::RecordBatch;
use clap::ValueEnum;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text table, capped at --max-rows.
    Table,
    /// CSV with a header line.
    Csv,
    /// A JSON array of objects; dates as YYYY-MM-DD.
    Json,
    /// One JSON object per line.
    Ndjson,
}

pub fn write(
    out: &mut dyn Write,
    format: Format,
    batches: &[RecordBatch],
    max_rows: usize,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io("writing the result", e);
    match format {
        Format::Table => {
            let total: usize = batches.iter().map(RecordBatch::num_rows).sum();
            let shown = if max_rows == 0 {
                total
            } else {
                total.min(max_rows)
            };
            let head = head(batches, shown);
            let table = arrow::util::pretty::pretty_format_batches(&head)?;
            writeln!(out, "{table}").map_err(io)?;
            if shown < total {
                writeln!(
                    out,
                    "({total} rows, {shown} shown; --max-rows 0 shows all, --format csv exports)"
                )
                .map_err(io)?;
            } else {
                writeln!(out, "({total} row{})", if total == 1 { "" } else { "s" }).map_err(io)?;
            }
        }
        Format::Csv => {
            let mut writer = arrow::csv::WriterBuilder::new()
                .with_header(true)
                .build(&mut *out);
            for batch in batches {
                writer.write(batch)?;
            }
        }
        Format::Json => {
            out.write_all(&json_array(batches)?).map_err(io)?;
            writeln!(out).map_err(io)?;
        }
        Format::Ndjson => {
            let mut writer = arrow::json::WriterBuilder::new()
                .with_explicit_nulls(true)
                .build::<_, arrow::json::writer::LineDelimited>(&mut *out);
            for batch in batches {
                writer.write(batch)?;
            }
            writer.finish()?;
        }
    }
    Ok(())
}

/// The first `n` rows of `batches`.
fn head(batches: &[RecordBatch], n: usize) -> Vec<RecordBatch> {
    let mut left = n;
    let mut out = Vec::new();
    for b in batches {
        if left == 0 {
            break;
        }
        let take = b.num_rows().min(left);
        out.push(b.slice(0, take));
        left -= take;
    }
    if out.is_empty()
        && let Some(b) = batches.first()
    {
        out.push(b.slice(0, 0));
    }
    out
}

/// Writes the result to `path` in the format its extension names.
pub fn write_file(path: &Path, batches: &[RecordBatch]) -> Result<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let create = || {
        std::fs::File::create(path)
            .map_err(|e| Error::io(format!("creating {}", path.display()), e))
    };
    match ext.as_str() {
        "csv" => write(&mut create()?, Format::Csv, batches, 0),
        "json" => write(&mut create()?, Format::Json, batches, 0),
        "ndjson" | "jsonl" => write(&mut create()?, Format::Ndjson, batches, 0),
        "parquet" => {
            let Some(first) = batches.first() else {
                return Err(Error::Usage("the query returned no schema to write".into()));
            };
            let props = parquet::file::properties::WriterProperties::builder()
                .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
                .build();
            let mut writer =
                parquet::arrow::ArrowWriter::try_new(create()?, first.schema(), Some(props))?;
            for batch in batches {
                writer.write(batch)?;
            }
            writer.close()?;
            Ok(())
        }
        other => Err(Error::Usage(format!(
            "cannot tell the format of {} from its extension {other:?}: use .csv, .json, \
             .ndjson or .parquet",
            path.display()
        ))),
    }
}

/// Batches as a JSON array of objects, nulls explicit.
pub fn json_array(batches: &[RecordBatch]) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    {
        let mut writer = arrow::json::WriterBuilder::new()
            .with_explicit_nulls(true)
            .build::<_, arrow::json::writer::JsonArray>(&mut buf);
        for batch in batches {
            writer.write(batch)?;
        }
        writer.finish()?;
    }
    if buf.is_empty() {
        buf.extend_from_slice(b"[]");
    }
    Ok(buf)
}
