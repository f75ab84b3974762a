//! The Parquet warehouse: `schema` names the tables, `batches` turns canonical rows
//! into Arrow, `write` writes a version and publishes it.

pub mod batches;
pub mod runs;
pub mod schema;
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
