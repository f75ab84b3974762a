//! The canonical tables: the only place their columns are named and typed.
//! `commune_code` is a Hive partition (in the path only), so the file schemas here
//! leave it out and the query engine adds it back.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, SchemaRef};

pub const PARTITION_COLUMN: &str = "commune_code";

/// Every table of the warehouse, in the order they are documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Dossiers,
    DossierHistory,
    Procedures,
    Indicators,
    Rejects,
    Files,
}

impl Table {
    pub const ALL: [Table; 6] = [
        Table::Dossiers,
        Table::DossierHistory,
        Table::Procedures,
        Table::Indicators,
        Table::Rejects,
        Table::Files,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Dossiers => "dossiers",
            Table::DossierHistory => "dossier_history",
            Table::Procedures => "procedures",
            Table::Indicators => "indicators",
            Table::Rejects => "rejects",
            Table::Files => "files",
        }
    }

    /// Schema of the Parquet files (without the partition column).
    pub fn file_schema(self) -> SchemaRef {
        use DataType::{Date32, Float64, UInt64, Utf8};
        let f = |name: &str, t: DataType, nullable: bool| Field::new(name, t, nullable);
        let source = || {
            [
                f("source_file", Utf8, false),
                f("source_line", UInt64, false),
            ]
        };
        let fields: Vec<Field> = match self {
            Table::Dossiers | Table::DossierHistory => [
                f("commune", Utf8, false),
                f("dossier_id", Utf8, false),
                f("procedure_code", Utf8, true),
                f("procedure_name", Utf8, true),
                f("field", Utf8, true),
                f("channel", Utf8, true),
                f("received_date", Date32, false),
                f("due_date", Date32, true),
                f("completed_date", Date32, true),
                f("status", Utf8, false),
                f("timeliness", Utf8, true),
                f("snapshot_date", Date32, false),
            ]
            .into_iter()
            .chain(source())
            .collect(),
            Table::Procedures => [
                f("commune", Utf8, false),
                f("procedure_code", Utf8, false),
                f("procedure_name", Utf8, true),
                f("field", Utf8, true),
                f("online_level", Utf8, true),
            ]
            .into_iter()
            .chain(source())
            .collect(),
            Table::Indicators => [
                f("commune", Utf8, false),
                f("indicator", Utf8, false),
                f("label", Utf8, false),
                f("value", Float64, false),
                f("unit", Utf8, true),
                f("note", Utf8, true),
            ]
            .into_iter()
            .chain(source())
            .collect(),
            Table::Rejects => vec![
                f("source_file", Utf8, false),
                f("source_line", UInt64, false),
                f("reason_code", Utf8, false),
                f("column", Utf8, true),
                f("reason", Utf8, false),
                f("raw_record", Utf8, false),
            ],
            Table::Files => vec![
                f("kind", Utf8, false),
                f("source_file", Utf8, false),
                f("sha256", Utf8, false),
                f("bytes", UInt64, false),
                f("encoding", Utf8, false),
                f("delimiter", Utf8, false),
                f("header_line", UInt64, false),
                f("snapshot_date", Date32, false),
                f("data_rows", UInt64, false),
                f("loaded", UInt64, false),
                f("superseded", UInt64, false),
                f("rejected", UInt64, false),
                f("blank_lines", UInt64, false),
                f("status", Utf8, false),
                f("error", Utf8, true),
                // Null in versions written before shared exports were read.
                f("kept_out", UInt64, true),
            ],
        };
        Arc::new(Schema::new(fields))
    }
}
