//! `sql --attach NAME=FILE`: the analyst's own table (targets, a holiday list) beside
//! the warehouse for one session, read-only. A CSV is decoded like an export (a
//! byte-order mark, else UTF-8, else Windows-1258) and its delimiter is the most
//! frequent of `,`, `;` and tab on the header line; a Parquet file is read as is.
//! Either is loaded into memory once, so the file may change or go meanwhile.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use datafusion::datasource::MemTable;
use datafusion::execution::context::SessionContext;
use encoding_rs::{UTF_8, WINDOWS_1258};

use crate::error::{Error, Result};

/// Largest file `--attach` loads.
const LIMIT: u64 = 512 << 20;

/// One `NAME=FILE` as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attach {
    pub name: String,
    pub path: PathBuf,
}

/// Parses `NAME=FILE` (clap's value parser): NAME a plain lower-case identifier.
pub fn parse(text: &str) -> std::result::Result<Attach, String> {
    let Some((name, path)) = text.split_once('=') else {
        return Err(crate::tr!("attach-form", value = text));
    };
    let name = name.trim();
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain || path.trim().is_empty() {
        return Err(crate::tr!("attach-form", value = text));
    }
    Ok(Attach {
        name: name.to_string(),
        path: PathBuf::from(path.trim()),
    })
}

/// An attached table, loaded.
#[derive(Debug, Clone)]
pub struct Attached {
    pub name: String,
    pub path: PathBuf,
    table: Arc<MemTable>,
    pub rows: usize,
}

impl Attached {
    /// Registers the table in `ctx`; a name the warehouse already uses is refused.
    pub fn register(&self, ctx: &SessionContext) -> Result<()> {
        if ctx.table_exist(self.name.as_str())? {
            return Err(Error::Usage(crate::tr!(
                "attach-name-taken",
                name = self.name.as_str()
            )));
        }
        ctx.register_table(self.name.as_str(), self.table.clone())?;
        Ok(())
    }
}

/// Loads every attachment (before the warehouse is opened: a bad file stops `sql` at
/// once, naming it).
pub fn load(all: &[Attach]) -> Result<Vec<Attached>> {
    let mut loaded: Vec<Attached> = Vec::with_capacity(all.len());
    for a in all {
        if loaded.iter().any(|l| l.name == a.name) {
            return Err(Error::Usage(crate::tr!(
                "attach-name-twice",
                name = a.name.as_str()
            )));
        }
        let (schema, batches) = read(&a.path).map_err(|cause| {
            Error::Usage(crate::tr!(
                "attach-unreadable",
                name = a.name.as_str(),
                path = a.path.display(),
                cause = cause
            ))
        })?;
        let rows = batches.iter().map(RecordBatch::num_rows).sum();
        let table = MemTable::try_new(schema, vec![batches])?;
        loaded.push(Attached {
            name: a.name.clone(),
            path: a.path.clone(),
            table: Arc::new(table),
            rows,
        });
    }
    Ok(loaded)
}

fn read(path: &Path) -> std::result::Result<(SchemaRef, Vec<RecordBatch>), String> {
    let meta = crate::text::regular_file(path)?;
    if meta.len() > LIMIT {
        return Err(crate::tr!(
            "attach-too-big",
            limit = crate::config::limits::show_size(LIMIT)
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "parquet" => read_parquet(std::fs::File::open(path).map_err(|e| e.to_string())?),
        "csv" | "tsv" | "txt" => read_csv(&std::fs::read(path).map_err(|e| e.to_string())?),
        _ => Err(crate::tr!("attach-extension", ext = ext)),
    }
}

fn read_parquet(file: std::fs::File) -> std::result::Result<(SchemaRef, Vec<RecordBatch>), String> {
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| e.to_string())?;
    let schema = builder.schema().clone();
    let reader = builder.build().map_err(|e| e.to_string())?;
    let batches = reader
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    Ok((schema, batches))
}

fn read_csv(bytes: &[u8]) -> std::result::Result<(SchemaRef, Vec<RecordBatch>), String> {
    let text = decode(bytes);
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let format = arrow::csv::reader::Format::default()
        .with_header(true)
        .with_delimiter(delimiter);
    let (schema, _) = format
        .infer_schema(Cursor::new(text.as_bytes()), Some(1000))
        .map_err(|e| e.to_string())?;
    let schema = Arc::new(schema);
    let reader = arrow::csv::ReaderBuilder::new(schema.clone())
        .with_format(format)
        .build(Cursor::new(text.as_bytes()))
        .map_err(|e| e.to_string())?;
    let batches = reader
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    Ok((schema, batches))
}

/// The text of a CSV by the exports' rule: a BOM names the encoding, else UTF-8 if
/// valid, else Windows-1258.
fn decode(bytes: &[u8]) -> String {
    let (encoding, skip) =
        encoding_rs::Encoding::for_bom(bytes).unwrap_or(if std::str::from_utf8(bytes).is_ok() {
            (UTF_8, 0)
        } else {
            (WINDOWS_1258, 0)
        });
    let (text, _, _) = encoding.decode(&bytes[skip..]);
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_equals_file() {
        assert_eq!(
            parse("targets=./chi tieu.csv"),
            Ok(Attach {
                name: "targets".into(),
                path: PathBuf::from("./chi tieu.csv")
            })
        );
        for bad in ["targets", "Targets=x.csv", "1x=x.csv", "t-x=x.csv", "t="] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_semicolon_csv_in_utf16_loads_with_its_types() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("targets.csv");
        let text = "commune_code;target_pct\n28321;98.5\n28324;97\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        std::fs::write(&path, bytes).expect("write");
        let loaded = load(&[Attach {
            name: "targets".into(),
            path,
        }])
        .expect("loads");
        assert_eq!(loaded[0].rows, 2);
        let ctx = SessionContext::new();
        loaded[0].register(&ctx).expect("registers");
        assert!(loaded[0].register(&ctx).is_err(), "a taken name is refused");
    }
}
