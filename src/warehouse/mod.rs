//! The Parquet warehouse: `schema` names the tables, `batches` turns canonical rows
//! into Arrow, `write` writes a version and publishes it.

pub mod batches;
pub mod runs;
pub mod schema;
pub mod write;

pub use schema::Table;
