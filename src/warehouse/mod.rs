//! The Parquet warehouse, the storage layer under `ingest`: `columns` and `schema`
//! name the canonical columns and tables, `files` is one input file as handed over by
//! ingest, `staging` streams parsed rows into the parse `cache` (already as warehouse
//! files), `batches` builds Arrow batches, `write` writes a version and publishes it,
//! `runs` keeps the run history and `summary` what a run changed, `lease` keeps a version from
//! being removed while it is read. Nothing here imports `ingest` or `config`.

pub mod batches;
pub mod cache;
pub mod columns;
pub mod files;
pub mod lease;
pub mod runs;
pub mod schema;
pub mod staging;
pub mod summary;
pub mod write;

pub use schema::Table;

use std::path::{Path, PathBuf};

/// `.<name>.<what>` beside the warehouse link `<name>`: where its versions, lock,
/// run manifests and parse cache live (outside what readers of the link see).
pub fn sibling(warehouse: &Path, what: &str) -> PathBuf {
    let name = warehouse
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "warehouse".into());
    warehouse.with_file_name(format!(".{name}.{what}"))
}
