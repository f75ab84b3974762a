//! Output of `sql`: an aligned table (capped, with a note of what was left out), CSV,
//! a JSON array of objects or newline-delimited JSON; or a file chosen by extension
//! (csv, json, ndjson, parquet).

use std::io::Write;
use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use clap::ValueEnum;

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

pub fn write(
    out: &mut dyn Write,
    format: Format,
    batches: &[RecordBatch],
    max_rows: usize,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io(crate::tr!("io-result"), e);
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

/// Writes the result to `path` in the format its extension names. The file is
/// written aside and renamed into place: an existing file (or another name of its
/// inode) is never truncated. Paths inside `protected` folders are refused. In a CSV
/// file (written for people) formula-leading text is neutralised; stdout is not.
pub fn write_file(path: &Path, batches: &[RecordBatch], protected: &[PathBuf]) -> Result<()> {
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
    let written = write_new(&tmp, &ext, batches).and_then(|()| {
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

fn write_new(path: &Path, ext: &str, batches: &[RecordBatch]) -> Result<()> {
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| Error::io(crate::tr!("io-creating", path = path.display()), e))
    };
    let synced = |file: std::fs::File| {
        file.sync_all()
            .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))
    };
    match ext {
        "csv" => {
            let mut file = create()?;
            let neutralised = batches
                .iter()
                .map(neutralise_text)
                .collect::<Result<Vec<_>>>()?;
            // A byte-order mark: Excel then reads the file as UTF-8 (Vietnamese
            // text), as it does not without one.
            file.write_all(crate::text::UTF8_BOM)
                .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))?;
            write(&mut file, Format::Csv, &neutralised, 0)?;
            synced(file)
        }
        "json" => {
            let mut file = create()?;
            write(&mut file, Format::Json, batches, 0)?;
            synced(file)
        }
        "ndjson" | "jsonl" => {
            let mut file = create()?;
            write(&mut file, Format::Ndjson, batches, 0)?;
            synced(file)
        }
        "parquet" => {
            let Some(first) = batches.first() else {
                return Err(Error::Usage(crate::tr!("sql-no-schema")));
            };
            let props = parquet::file::properties::WriterProperties::builder()
                .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
                .build();
            let mut writer =
                parquet::arrow::ArrowWriter::try_new(create()?, first.schema(), Some(props))?;
            for batch in batches {
                writer.write(batch)?;
            }
            synced(writer.into_inner()?)
        }
        other => Err(Error::Invariant(format!("no writer for {other:?}"))),
    }
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
