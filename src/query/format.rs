//! Output formats of `sql`: an aligned table, CSV or a JSON array of objects.

use std::io::Write;

use arrow::record_batch::RecordBatch;
use clap::ValueEnum;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text table.
    Table,
    /// CSV with a header line.
    Csv,
    /// A JSON array of objects; dates as YYYY-MM-DD.
    Json,
}

pub fn write(out: &mut dyn Write, format: Format, batches: &[RecordBatch]) -> Result<()> {
    let io = |e: std::io::Error| Error::io("writing the result", e);
    match format {
        Format::Table => {
            let table = arrow::util::pretty::pretty_format_batches(batches)?;
            writeln!(out, "{table}").map_err(io)?;
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
    }
    Ok(())
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
