//! Why a whole input file could not be read as an export. A bad row is not one of
//! these: it is a reject. Each variant keeps its cause (the I/O or CSV error) and
//! says what to do.

use std::io;

use crate::i18n::Lang;
use crate::tr_in;

use crate::warehouse::columns::FileKind;

#[derive(Debug)]
pub enum FileError {
    Open(io::Error),
    Read(io::Error),
    Undecodable {
        byte: u8,
        offset: u64,
        first_bad_utf8: u64,
    },
    InvalidUtf8 {
        offset: u64,
    },
    NulByte {
        offset: u64,
    },
    NoHeader {
        kind: FileKind,
        /// The configured `csv.header_line`, if any.
        header_line: Option<u64>,
        /// Records searched when the header line is detected.
        searched: usize,
    },
    Csv {
        line: u64,
        source: csv::Error,
    },
    Changed,
    QuoteNotClosed {
        line: u64,
        max: u64,
    },
    CsvAfter {
        records: u64,
        source: csv::Error,
    },
    /// A shared export whose header has no column named `commune_column`.
    NoCommuneColumn {
        column: String,
        header_line: u64,
        headers: Vec<String>,
    },
}

impl FileError {
    /// The sentence in `lang`: the interface language on screen, Vietnamese in the
    /// warehouse's `files.error` (which the report shows).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileError::Open(e) => tr_in!(lang, "file-open", cause = e),
            FileError::Read(e) => tr_in!(lang, "file-read", cause = e),
            FileError::Undecodable {
                byte,
                offset,
                first_bad_utf8,
            } => tr_in!(
                lang,
                "file-undecodable",
                byte = format!("{byte:02X}"),
                offset = offset,
                first = first_bad_utf8
            ),
            FileError::InvalidUtf8 { offset } => tr_in!(lang, "file-invalid-utf8", offset = offset),
            FileError::NulByte { offset } => tr_in!(lang, "file-nul", offset = offset),
            FileError::NoHeader {
                kind,
                header_line,
                searched,
            } => no_header_message(lang, *kind, *header_line, *searched),
            FileError::Csv { line, source } => {
                tr_in!(lang, "file-csv", line = line, cause = source)
            }
            FileError::Changed => tr_in!(lang, "file-changed"),
            FileError::QuoteNotClosed { line, max } => {
                tr_in!(lang, "file-quote", line = line, max = max)
            }
            FileError::CsvAfter { records, source } => {
                tr_in!(lang, "file-csv-after", records = records, cause = source)
            }
            FileError::NoCommuneColumn {
                column,
                header_line,
                headers,
            } => tr_in!(
                lang,
                "file-no-commune-column",
                column = column,
                line = header_line,
                headers = headers.join("», «")
            ),
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::lang()))
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FileError::Open(e) | FileError::Read(e) => Some(e),
            FileError::Csv { source, .. } | FileError::CsvAfter { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn no_header_message(
    lang: Lang,
    kind: FileKind,
    header_line: Option<u64>,
    searched: usize,
) -> String {
    let keys: Vec<&str> = kind.header_keys().iter().map(|c| c.name()).collect();
    let example = match kind {
        FileKind::Dossiers => "\"Mã hồ sơ\", \"Ngày tiếp nhận\"",
        FileKind::Procedures => "\"Mã thủ tục\", \"Tên thủ tục\"",
        FileKind::Indicators => "\"Chỉ tiêu\", \"Giá trị\"",
    };
    let where_ = match header_line {
        Some(l) => tr_in!(lang, "file-header-where-line", line = l),
        None => tr_in!(lang, "file-header-where-first", searched = searched),
    };
    tr_in!(
        lang,
        "file-no-header",
        place = where_,
        kind = kind.as_str(),
        keys = keys.join(", "),
        example = example
    )
}
