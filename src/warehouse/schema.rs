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
            ],
        };
        Arc::new(Schema::new(fields))
    }

    /// What each column means, for `\d TABLE` and the README.
    pub fn describe(self) -> &'static str {
        match self {
            Table::Dossiers => "one row per dossier per commune; the newest snapshot wins",
            Table::DossierHistory => {
                "every dossier row of every export, superseded ones included (any date can be rebuilt)"
            }
            Table::Procedures => "procedures a commune serves, with their online level",
            Table::Indicators => "figures a commune reports itself",
            Table::Rejects => "every data row that was not loaded, with why",
            Table::Files => "every input file: what was detected and how its rows ended",
        }
    }
}

/// What a column means, for `\d TABLE` in the SQL shell.
pub fn column_doc(table: &str, column: &str) -> &'static str {
    match (table, column) {
        (_, "commune_code") => "administrative-unit code of the commune (partition)",
        (_, "commune") => "commune name from the config",
        (_, "source_file") => "input file, relative to the config file",
        (_, "source_line") => "1-based physical line where the record starts",
        (_, "snapshot_date") => "date of the export the row came from",
        (_, "dossier_id") => "Mã hồ sơ / Số biên nhận",
        (_, "procedure_code") => "Mã thủ tục (TTHC)",
        (_, "procedure_name") => "Tên thủ tục",
        (_, "field") => "Lĩnh vực, as written (NFC)",
        (_, "channel") => "online, in_person, postal or null",
        (_, "received_date") => "Ngày tiếp nhận",
        (_, "due_date") => "Ngày hẹn trả",
        (_, "completed_date") => "Ngày có kết quả / hoàn thành",
        ("files", "status") => "loaded, or quarantined: the file could not be read as an export",
        (_, "status") => "processing, paused, resolved, returned or withdrawn",
        (_, "timeliness") => "for resolved: early, on_time, late; null when unknown",
        ("procedures", "online_level") => "full (toàn trình), partial (một phần) or null",
        ("indicators", "indicator") => {
            "canonical key (reported_received, digital_teams, ...) or a slug"
        }
        ("indicators", "label") => "the label as the commune wrote it",
        ("indicators", "value") => "the figure (1.962 read as 1962)",
        ("indicators", "unit") => "Đơn vị tính",
        ("indicators", "note") => "Ghi chú",
        ("rejects", "reason_code") => {
            "missing_required, bad_date, unknown_status, bad_field_count, date_order, bad_number, footer"
        }
        ("rejects", "column") => "canonical column at fault, if one",
        ("rejects", "reason") => "a sentence saying what is wrong",
        ("rejects", "raw_record") => "the record as written, personal data masked",
        ("files", "kind") => "dossiers, procedures or indicators",
        ("files", "sha256") => "hash of the file's bytes",
        ("files", "bytes") => "size of the file",
        ("files", "delimiter") => ", ; tab or |",
        ("files", "encoding") => "utf-8, utf-8-bom, utf-16le, utf-16be or windows-1258",
        ("files", "header_line") => "physical line of the header",
        ("files", "data_rows") => "records below the header (blank lines excluded)",
        ("files", "loaded") => "rows kept in the warehouse",
        ("files", "superseded") => "rows replaced by a newer snapshot",
        ("files", "rejected") => "rows in the rejects table",
        ("files", "blank_lines") => "blank lines below the header",
        ("files", "error") => "why a quarantined file could not be read",
        ("communes", "position") => "order in the config",
        (_, "data_date") => {
            "the day the commune's figures are true at (as_of, or its newest export if older)"
        }
        ("data_dates", "newest_export") => "date of the commune's newest dossier export",
        ("report_period", "period_start") => "first day counted",
        ("report_period", "as_of") => "last day counted",
        _ => "",
    }
}
