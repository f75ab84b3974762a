//! Per file: detect the dialect and header line, then stream its data records with
//! the physical line each starts on. Decoding and parsing never hold the whole file.

use csv::{ByteRecord, StringRecord};

use super::bound::{self, Bounded};
use super::decode::{Tracked, open_text};
use super::file_error::FileError;
use super::header::{HeaderMap, map_header};
use super::record::Record;
use super::sniff::{Sniffed, sniff};
use super::source::Source;
use crate::config::CsvOverrides;
use crate::warehouse::columns::{Column, FileKind};

/// Lines searched for the header before giving up on a delimiter.
const MAX_PREAMBLE_RECORDS: usize = 60;
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// What was detected about one file.
#[derive(Debug, Clone)]
pub struct Detected {
    pub sniffed: Sniffed,
    pub delimiter: u8,
    /// 1-based physical line of the header.
    pub header_line: u64,
    /// Index of the header among the parsed records (blank lines excluded).
    header_record: usize,
    /// Bytes a record may take (see `bound`).
    pub max_record: u64,
    pub map: HeaderMap,
}

impl Detected {
    /// The records of any CSV below its first record (on `header_line`), as
    /// `delimiter` splits them: for tests of the record stream on files that are not
    /// exports.
    #[cfg(test)]
    pub fn below_first_record(sniffed: Sniffed, delimiter: u8, header_line: u64) -> Detected {
        Detected {
            sniffed,
            delimiter,
            header_line,
            header_record: 0,
            max_record: bound::DEFAULT_MAX_RECORD_BYTES,
            map: HeaderMap::unmapped(),
        }
    }

    pub fn delimiter_name(&self) -> &'static str {
        match self.delimiter {
            b',' => ",",
            b';' => ";",
            b'\t' => "tab",
            b'|' => "|",
            _ => "?",
        }
    }
}

/// Counts of one streaming pass.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub data_rows: u64,
    pub blank_lines: u64,
}

fn csv_reader<R: std::io::Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .buffer_capacity(256 * 1024)
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(input)
}

/// Detects encoding, delimiter and header of `source`, honouring the overrides.
/// The error is a sentence for the analyst: what is wrong and what to do.
pub fn detect(
    source: &Source,
    kind: FileKind,
    csv: &CsvOverrides,
    columns: &[(String, Column)],
) -> Result<Detected, FileError> {
    detect_with(source, sniff(source, csv.encoding)?, kind, csv, columns)
}

/// [`detect`] for a file already sniffed.
pub fn detect_with(
    source: &Source,
    sniffed: Sniffed,
    kind: FileKind,
    csv: &CsvOverrides,
    columns: &[(String, Column)],
) -> Result<Detected, FileError> {
    let delimiters: &[u8] = match &csv.delimiter {
        Some(d) => std::slice::from_ref(d),
        None => &DELIMITERS,
    };
    let mut best: Option<Detected> = None;
    for &delimiter in delimiters {
        let text = open_text(source, &sniffed).map_err(FileError::Read)?;
        let max = csv
            .max_record_bytes
            .unwrap_or(bound::DEFAULT_MAX_RECORD_BYTES);
        let (text, _) = Bounded::new(text, b'"', max);
        let (tracked, lines) = Tracked::new(text, b'"', u64::MAX);
        let mut reader = csv_reader(tracked, delimiter);
        let mut record = StringRecord::new();
        for index in 0..MAX_PREAMBLE_RECORDS {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) | Err(_) => break,
            }
            let offset = record.position().map_or(0, |p| p.byte());
            let line = lines.borrow_mut().line_of(offset);
            if let Some(wanted) = csv.header_line {
                if line < wanted {
                    continue;
                }
                if line > wanted {
                    break;
                }
            }
            if let Some(map) = map_header(&record, kind, columns) {
                let better = best
                    .as_ref()
                    .is_none_or(|b| map.mapped.len() > b.map.mapped.len());
                if better {
                    best = Some(Detected {
                        sniffed: sniffed.clone(),
                        delimiter,
                        header_line: line,
                        header_record: index,
                        max_record: csv
                            .max_record_bytes
                            .unwrap_or(bound::DEFAULT_MAX_RECORD_BYTES),
                        map,
                    });
                }
                break;
            }
        }
    }
    best.ok_or(FileError::NoHeader {
        kind,
        header_line: csv.header_line,
        searched: MAX_PREAMBLE_RECORDS,
    })
}

/// One data record as the reader hands it on.
pub enum Item<'a, 'r> {
    Row(&'a Record<'r>),
    /// A record longer than the bound: cut, not parsed; reading went on at the next
    /// line.
    TooLong {
        max: u64,
    },
    /// A record holding bytes that are not text in the file's encoding (invalid
    /// UTF-8, a NUL, a lone UTF-16 surrogate): not parsed; its text, lossily decoded.
    BadEncoding {
        fields: Vec<String>,
    },
}

/// Where a stream of records starts: at the file's first byte (title block and
/// header first), or at a cut point inside its data ([`super::pieces`]).
#[derive(Debug, Clone, Copy)]
pub struct Start {
    /// Physical line of the stream's first byte.
    pub line: u64,
    /// Whether the stream holds the title block and the header.
    pub at_file_start: bool,
    /// Whether the stream stops at a cut point, proven by a sentinel record
    /// appended to it.
    pub cut_after: bool,
}

impl Start {
    pub const FILE: Start = Start {
        line: 1,
        at_file_start: true,
        cut_after: false,
    };
}

/// How a stream of records ended.
#[derive(Debug, Default, Clone, Copy)]
pub struct End {
    pub counts: Counts,
    /// The sentinel came out as a record of its own: the stream's last byte ended a
    /// record, so the cut point after it is where the whole file's parse starts one.
    pub at_record_start: bool,
    /// A record was cut at the bound (whose state then differs from a plain count of
    /// quotes, so a piece holding one is not trusted).
    pub cut_records: bool,
}

/// The record appended to a piece that ends at a cut point: no export holds it.
const SENTINEL: &[u8] = b"\0\x01commune-report: cut point\x01\0\n";
/// The sentinel's one field, as the parser returns it.
const SENTINEL_FIELD: &[u8] = b"\0\x01commune-report: cut point\x01\0";

/// Streams the data records below the header: `on_item(item, line)` for every
/// non-blank one. Blank lines and all-empty records are counted, not passed on.
pub fn read_records(
    source: &Source,
    detected: &Detected,
    on_item: impl FnMut(Item<'_, '_>, u64),
) -> Result<Counts, FileError> {
    let text = open_text(source, &detected.sniffed).map_err(FileError::Read)?;
    read_stream(text, detected, Start::FILE, on_item).map(|end| end.counts)
}

/// [`read_records`] over part of the file's text, starting as `start` says.
pub fn read_stream(
    text: impl std::io::Read,
    detected: &Detected,
    start: Start,
    mut on_item: impl FnMut(Item<'_, '_>, u64),
) -> Result<End, FileError> {
    let text: Box<dyn std::io::Read + '_> = if start.cut_after {
        Box::new(text.chain(SENTINEL))
    } else {
        Box::new(text)
    };
    let (text, bound) = Bounded::new(text, b'"', detected.max_record);
    let count_blank_after = if start.at_file_start {
        detected.header_line
    } else {
        0
    };
    let (tracked, lines) = Tracked::new(text, b'"', count_blank_after);
    let shift = start.line - 1;
    // Cells are searched for a NUL or a decoder's U+FFFD (bytes it could not decode)
    // only where sniff found damage or the text was decoded: clean UTF-8, the usual
    // export, is checked once by `Record::new` and not again per cell.
    let suspect = detected.sniffed.damaged > 0 || detected.sniffed.encoding != encoding_rs::UTF_8;
    let mut reader = csv_reader(tracked, detected.delimiter);
    let mut fields = ByteRecord::new();
    let mut end = End::default();
    let mut index = 0usize;
    loop {
        match reader.read_byte_record(&mut fields) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if let Some(opened) = bound.borrow().open_quote_line {
                    return Err(FileError::QuoteNotClosed {
                        line: opened + shift,
                        max: detected.max_record,
                    });
                }
                let line = e
                    .position()
                    .map(|p| lines.borrow_mut().line_of(p.byte()) + shift)
                    .unwrap_or(0);
                return Err(FileError::Csv { line, source: e });
            }
        }
        if start.cut_after && fields.len() == 1 && fields.get(0) == Some(SENTINEL_FIELD) {
            end.at_record_start = true;
            break;
        }
        let offset = fields.position().map_or(0, |p| p.byte());
        let cut = {
            let mut b = bound.borrow_mut();
            while b.cut.front().is_some_and(|&c| c < offset) {
                b.cut.pop_front();
            }
            b.cut.front() == Some(&offset)
        };
        let is_data = !start.at_file_start || index > detected.header_record;
        index += 1;
        if !is_data {
            continue;
        }
        let line = lines.borrow_mut().line_of(offset) + shift;
        if cut {
            end.cut_records = true;
            end.counts.data_rows += 1;
            on_item(
                Item::TooLong {
                    max: detected.max_record,
                },
                line,
            );
            continue;
        }
        let record = Record::new(&fields)
            .filter(|r| !suspect || !r.iter().any(|c| c.contains(['\0', '\u{FFFD}'])));
        let Some(record) = record else {
            end.counts.data_rows += 1;
            let fields = fields
                .iter()
                .map(|f| String::from_utf8_lossy(f).replace('\0', "\u{FFFD}"))
                .collect();
            on_item(Item::BadEncoding { fields }, line);
            continue;
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            end.counts.blank_lines += 1;
            continue;
        }
        end.counts.data_rows += 1;
        on_item(Item::Row(&record), line);
    }
    end.counts.blank_lines += lines.borrow().blank_lines;
    Ok(end)
}

/// The delimiter of a file that is not (yet) recognised as an export: the candidate
/// giving the most records of one consistent width above one field. Used by `check`
/// for files without a header and by the corpus tests.
pub fn sniff_dialect(source: &Source) -> Result<(Sniffed, u8), FileError> {
    let sniffed = sniff(source, None)?;
    let mut best = (b',', 0usize);
    for delimiter in DELIMITERS {
        let text = open_text(source, &sniffed).map_err(FileError::Read)?;
        let mut reader = csv_reader(text, delimiter);
        let mut widths: Vec<usize> = Vec::new();
        let mut record = StringRecord::new();
        while widths.len() < MAX_PREAMBLE_RECORDS {
            match reader.read_record(&mut record) {
                Ok(true) => widths.push(record.len()),
                Ok(false) | Err(_) => break,
            }
        }
        let modal = widths
            .iter()
            .filter(|&&w| w > 1)
            .map(|&w| (widths.iter().filter(|&&x| x == w).count(), w))
            .max()
            .map_or(0, |(n, _)| n);
        if modal > best.1 {
            best = (delimiter, modal);
        }
    }
    Ok((sniffed, best.0))
}

/// Every record of `source` (header included) as parsed with `delimiter`, streaming.
pub fn raw_records(
    source: &Source,
    sniffed: &Sniffed,
    delimiter: u8,
    mut on_record: impl FnMut(&StringRecord),
) -> Result<u64, FileError> {
    let text = open_text(source, sniffed).map_err(FileError::Read)?;
    let mut reader = csv_reader(text, delimiter);
    let mut record = StringRecord::new();
    let mut n = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                n += 1;
                on_record(&record);
            }
            Ok(false) => return Ok(n),
            Err(e) => {
                return Err(FileError::CsvAfter {
                    records: n,
                    source: e,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8]) -> (Detected, Vec<(u64, Vec<String>)>, Counts) {
        let source = Source::Bytes(bytes);
        let det =
            detect(&source, FileKind::Dossiers, &CsvOverrides::default(), &[]).expect("detect");
        let mut out = Vec::new();
        let counts = read_records(&source, &det, |item, line| {
            let Item::Row(r) = item else {
                panic!("no record of this file is too long");
            };
            out.push((line, r.iter().map(String::from).collect()))
        })
        .expect("read");
        (det, out, counts)
    }

    #[test]
    fn title_block_semicolons_and_quoted_line_break() {
        let text = "BÁO CÁO\r\n\r\nMa ho so;Ngay nhan;Trang thai\r\n\
                    A;01/07/2025;\"Đang\r\nxử lý\"\r\n\r\nB;02/07/2025;Trả lại\r\n";
        let (det, rows, counts) = rows(text.as_bytes());
        assert_eq!(det.delimiter, b';');
        assert_eq!(det.header_line, 3);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 4);
        assert_eq!(rows[1].0, 7);
        assert_eq!(counts.blank_lines, 1);
        assert_eq!(counts.data_rows, 2);
    }

    #[test]
    fn utf16_tab_export() {
        let text = "Số biên nhận\tNgày nhận\tTrạng thái\r\nX\t01.07.2025\tĐang xử lý\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (det, rows, _) = rows(&bytes);
        assert_eq!(det.delimiter, b'\t');
        assert_eq!(det.sniffed.encoding_name(), "utf-16le");
        assert_eq!(rows[0].1[2], "Đang xử lý");
    }

    #[test]
    fn no_header_is_a_clear_file_error() {
        let source = Source::Bytes(b"a,b,c\n1,2,3\n");
        let err = detect(&source, FileKind::Dossiers, &CsvOverrides::default(), &[])
            .expect_err("no header");
        assert!(
            matches!(err, FileError::NoHeader { .. })
                && err.to_string().contains("dossier_id")
                && err.to_string().contains("columns ="),
            "{err}"
        );
    }
}
