//! Why a whole input file could not be read as an export. A bad row is not one of
//! these: it is a reject. Each variant keeps its cause (the I/O or CSV error) and
//! says what to do.

use std::io;

use crate::warehouse::columns::FileKind;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot open: {0}")]
    Open(#[source] io::Error),

    #[error("cannot read: {0}")]
    Read(#[source] io::Error),

    #[error(
        "byte 0x{byte:02X} at offset {offset} is valid in neither UTF-8 (first bad sequence \
         at offset {first_bad_utf8}) nor Windows-1258; re-export the file as UTF-8 or set \
         csv.encoding for this commune"
    )]
    Undecodable {
        byte: u8,
        offset: u64,
        first_bad_utf8: u64,
    },

    #[error(
        "invalid UTF-8 at byte offset {offset}; re-export the file as UTF-8 or set \
         csv.encoding for this commune"
    )]
    InvalidUtf8 { offset: u64 },

    #[error(
        "NUL byte at offset {offset}: binary data, or UTF-16 without a byte-order mark \
         (then set csv.encoding = \"utf-16le\" for this commune)"
    )]
    NulByte { offset: u64 },

    #[error("{}", no_header_message(*kind, *header_line, *searched))]
    NoHeader {
        kind: FileKind,
        /// The configured `csv.header_line`, if any.
        header_line: Option<u64>,
        /// Records searched when the header line is detected.
        searched: usize,
    },

    #[error("unreadable near line {line}: {source}")]
    Csv {
        line: u64,
        #[source]
        source: csv::Error,
    },

    #[error(
        "the file changed while it was read (its size or modification time differ before \
         and after); run again once the export is complete"
    )]
    Changed,

    #[error(
        "a quote opened on line {line} is still open after {max} bytes: a quote character \
         inside a cell is probably not doubled; fix that line (or raise csv.max_record_bytes \
         if a cell really is this long)"
    )]
    QuoteNotClosed { line: u64, max: u64 },

    #[error("unreadable after {records} records: {source}")]
    CsvAfter {
        records: u64,
        #[source]
        source: csv::Error,
    },
}

fn no_header_message(kind: FileKind, header_line: Option<u64>, searched: usize) -> String {
    let keys: Vec<&str> = kind.header_keys().iter().map(|c| c.name()).collect();
    let example = match kind {
        FileKind::Dossiers => "\"Mã hồ sơ\" and \"Ngày tiếp nhận\"",
        FileKind::Procedures => "\"Mã thủ tục\" and \"Tên thủ tục\"",
        FileKind::Indicators => "\"Chỉ tiêu\" and \"Giá trị\"",
    };
    let where_ = match header_line {
        Some(l) => format!("on line {l} (csv.header_line)"),
        None => format!("in the first {searched} lines"),
    };
    format!(
        "no header line found {where_}: a {} export needs columns for {} (for example \
         {example}); if this file names them differently, map its headers with \
         `columns = {{ \"<header>\" = \"<column>\" }}` in the commune's config",
        kind.as_str(),
        keys.join(" and ")
    )
}
