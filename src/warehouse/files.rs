//! One input file as storage sees it: its row of the `files` table, and where its
//! staged rows are with which of them survive the snapshot merge.

use std::path::PathBuf;

use arrow::buffer::BooleanBuffer;
use chrono::NaiveDate;

use super::columns::FileKind;

/// What was detected in one input file and how its rows ended (the `files` table).
#[derive(Debug, Clone)]
pub struct FileRecord {
    pub commune_code: String,
    pub kind: FileKind,
    pub source_file: String,
    pub sha256: String,
    pub bytes: u64,
    pub encoding: String,
    pub delimiter: String,
    pub header_line: u64,
    pub snapshot_date: NaiveDate,
    pub data_rows: u64,
    pub loaded: u64,
    pub superseded: u64,
    pub rejected: u64,
    /// Rows of a shared export that belong to communes the config leaves out.
    pub kept_out: u64,
    pub blank_lines: u64,
    /// `loaded`, or `quarantined` when the file could not be read as an export.
    pub status: FileStatus,
    /// Why a quarantined file could not be read (personal data masked).
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Loaded,
    Quarantined,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Loaded => "loaded",
            FileStatus::Quarantined => "quarantined",
        }
    }
}

/// One input file handed from ingest to storage.
#[derive(Debug, Clone)]
pub struct StagedFile {
    pub record: FileRecord,
    /// The parse-cache entry holding its parsed rows and rejects (None: empty file).
    pub entry: Option<PathBuf>,
    /// Which of its parsed rows are kept (the newest snapshot wins), one bit per row.
    pub keep: BooleanBuffer,
}
