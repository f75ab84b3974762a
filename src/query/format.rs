//! Output of `sql`: an aligned table (capped, with a note of what was left out), CSV,
//! a JSON array of objects or newline-delimited JSON; or a file chosen by extension
//! (csv, json, ndjson, parquet).

use std::io::Write;
use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use clap::ValueEnum;
use datafusion::error::DataFusionError;
use datafusion::execution::SendableRecordBatchStream;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use futures::StreamExt;

use crate::error::{Error, Result};
use crate::text::neutralise;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text table, capped at --max-rows.
    Table,
    /// CSV with a header line, values as stored (for programs; `-o FILE.csv`
    /// neutralises formula-leading text for spreadsheets).
    Csv,
    /// A JSON array of objects; dates as YYYY-MM-DD.
    Json,
    /// One JSON object per line.
    Ndjson,
}

/// How results are shown on stdout.
#[derive(Debug, Clone, Copy)]
pub struct Display {
    pub format: Format,
    /// Rows shown by the table format (0: all).
    pub max_rows: usize,
    /// Table format only: one record per block (`\x` in the shell).
    pub expanded: bool,
}

/// Writes a query's rows as they come. The table format keeps only the rows it
/// shows and stops the query once it has one more than that (so a runaway query
/// costs nothing beyond them); the other formats write every batch at once.
pub async fn write_stream(
    out: &mut dyn Write,
    display: Display,
    mut stream: SendableRecordBatchStream,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io(crate::tr!("io-result"), e);
    let schema = stream.schema();
    match display.format {
        Format::Table => {
            let cap = if display.max_rows == 0 {
                usize::MAX
            } else {
                display.max_rows
            };
            let mut kept = Vec::new();
            let mut total = 0usize;
            let mut more = false;
            while let Some(batch) = stream.next().await {
                let batch = batch?;
                let take = batch.num_rows().min(cap - total);
                if take > 0 {
                    kept.push(batch.slice(0, take));
                    total += take;
                }
                if take < batch.num_rows() {
                    more = true;
                    break;
                }
            }
            drop(stream);
            let text = if display.expanded {
                super::table::expanded(&schema, &kept, 0)?
            } else {
                super::table::aligned(&schema, &kept)?
            };
            out.write_all(text.as_bytes()).map_err(io)?;
            let footer = match (more, total) {
                (true, _) => crate::tr!("sql-rows-more", shown = total),
                (false, 1) => crate::tr!("sql-row-one"),
                (false, _) => crate::tr!("sql-rows", n = total),
            };
            writeln!(out, "{footer}").map_err(io)?;
        }
        Format::Csv => {
            let mut writer = arrow::csv::WriterBuilder::new()
                .with_header(true)
                .build(&mut *out);
            writer.write(&RecordBatch::new_empty(schema))?;
            while let Some(batch) = stream.next().await {
                writer.write(&batch?)?;
            }
        }
        Format::Json => {
            // Arrow writes the array's brackets only around rows; none: `[]`.
            let mut counted = Counted {
                inner: out,
                bytes: 0,
            };
            {
                let mut writer = arrow::json::WriterBuilder::new()
                    .with_explicit_nulls(true)
                    .build::<_, arrow::json::writer::JsonArray>(&mut counted);
                while let Some(batch) = stream.next().await {
                    writer.write(&batch?)?;
                }
                writer.finish()?;
            }
            if counted.bytes == 0 {
                counted.write_all(b"[]").map_err(io)?;
            }
            writeln!(counted).map_err(io)?;
        }
        Format::Ndjson => {
            let mut writer = arrow::json::WriterBuilder::new()
                .with_explicit_nulls(true)
                .build::<_, arrow::json::writer::LineDelimited>(&mut *out);
            while let Some(batch) = stream.next().await {
                writer.write(&batch?)?;
            }
            writer.finish()?;
        }
    }
    Ok(())
}

/// A writer that counts what passes through it.
struct Counted<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the result to `path` in the format its extension names. The file is
/// written aside and renamed into place: an existing file (or another name of its
/// inode) is never truncated. Paths inside `protected` folders are refused. In a CSV
/// file (written for people) formula-leading text is neutralised; stdout is not.
pub async fn write_file(
    path: &Path,
    stream: SendableRecordBatchStream,
    protected: &[PathBuf],
) -> Result<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(
        ext.as_str(),
        "csv" | "json" | "ndjson" | "jsonl" | "parquet"
    ) {
        return Err(Error::Usage(crate::tr!(
            "sql-output-extension",
            path = path.display(),
            ext = ext
        )));
    }
    refuse_protected(path, protected)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = write_new(&tmp, &ext, stream).await.and_then(|()| {
        std::fs::rename(&tmp, path)
            .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Refuses `path` when it, or the file it names through links, lies inside one of
/// the `protected` folders (compared with links resolved).
fn refuse_protected(path: &Path, protected: &[PathBuf]) -> Result<()> {
    let absolute = std::path::absolute(path)
        .map_err(|e| Error::io(crate::tr!("io-resolving", path = path.display()), e))?;
    let resolved_parent = absolute
        .parent()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .map(|p| p.join(absolute.file_name().unwrap_or_default()));
    let candidates = [
        Some(absolute.clone()),
        resolved_parent,
        std::fs::canonicalize(&absolute).ok(),
    ];
    for root in protected {
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        if candidates
            .iter()
            .flatten()
            .any(|c| c.starts_with(root) || c.starts_with(&real_root))
        {
            return Err(Error::Usage(crate::tr!(
                "sql-output-protected",
                path = path.display(),
                root = root.display()
            )));
        }
    }
    Ok(())
}

async fn write_new(path: &Path, ext: &str, mut stream: SendableRecordBatchStream) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(crate::tr!("io-creating", path = path.display()), e))?;
    let written = |e| Error::io(crate::tr!("io-writing", path = path.display()), e);
    let synced = |file: std::fs::File| file.sync_all().map_err(written);
    let all = |format| Display {
        format,
        max_rows: 0,
        expanded: false,
    };
    match ext {
        "csv" => {
            let mut file = std::io::BufWriter::new(file);
            // A byte-order mark: Excel then reads the file as UTF-8 (Vietnamese
            // text), as it does not without one.
            file.write_all(crate::text::UTF8_BOM).map_err(written)?;
            let schema = neutralised_schema(&stream.schema());
            let neutralised = stream.map(|b| {
                b.and_then(|b| {
                    neutralise_text(&b).map_err(|e| DataFusionError::External(Box::new(e)))
                })
            });
            let stream = Box::pin(RecordBatchStreamAdapter::new(schema, neutralised));
            write_stream(&mut file, all(Format::Csv), stream).await?;
            synced(file.into_inner().map_err(|e| written(e.into_error()))?)
        }
        "json" | "ndjson" | "jsonl" => {
            let mut file = std::io::BufWriter::new(file);
            let format = if ext == "json" {
                Format::Json
            } else {
                Format::Ndjson
            };
            write_stream(&mut file, all(format), stream).await?;
            synced(file.into_inner().map_err(|e| written(e.into_error()))?)
        }
        "parquet" => {
            let props = parquet::file::properties::WriterProperties::builder()
                .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
                .build();
            let mut writer =
                parquet::arrow::ArrowWriter::try_new(file, stream.schema(), Some(props))?;
            while let Some(batch) = stream.next().await {
                writer.write(&batch?)?;
            }
            synced(writer.into_inner()?)
        }
        other => Err(Error::Invariant(format!("no writer for {other:?}"))),
    }
}

/// The schema of [`neutralise_text`]'s batches: every text column as Utf8.
fn neutralised_schema(schema: &arrow::datatypes::SchemaRef) -> arrow::datatypes::SchemaRef {
    use arrow::datatypes::{DataType, Field, Schema};
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                Field::new(f.name(), DataType::Utf8, f.is_nullable())
            }
            _ => f.as_ref().clone(),
        })
        .collect();
    std::sync::Arc::new(Schema::new(fields))
}

/// Text columns with formula-leading values neutralised (see [`neutralise`]).
fn neutralise_text(batch: &RecordBatch) -> Result<RecordBatch> {
    use arrow::array::{Array, ArrayRef, StringArray};
    use arrow::datatypes::{DataType, Field, Schema};
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(batch.num_columns());
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        if matches!(
            field.data_type(),
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
        ) {
            let text = arrow::compute::cast(column, &DataType::Utf8)?;
            let text = text
                .as_any()
                .downcast_ref::<StringArray>()
                .ok_or_else(|| Error::Invariant("a text column that is not text".into()))?;
            let out: StringArray = text.iter().map(|v| v.map(neutralise)).collect();
            fields.push(Field::new(
                field.name(),
                DataType::Utf8,
                field.is_nullable(),
            ));
            columns.push(std::sync::Arc::new(out) as ArrayRef);
        } else {
            fields.push(field.as_ref().clone());
            columns.push(column.clone());
        }
    }
    Ok(RecordBatch::try_new(
        std::sync::Arc::new(Schema::new(fields)),
        columns,
    )?)
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
