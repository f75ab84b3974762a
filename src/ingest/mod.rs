//! CSV exports -> canonical rows, in stages:
//! `discover` (which files) -> `sniff` (hash, encoding) -> `decode` (UTF-8 text,
//! physical lines) -> `header` + `aliases` (header line, column mapping) -> `values`
//! (dates, numbers, labels) -> `rows` (typed row or reject) -> `snapshot` (newest wins).
//!
//! Every data row ends loaded, superseded or rejected; the count is checked per file.

pub mod aliases;
mod decode;
pub mod discover;
mod header;
pub mod probe;
pub mod reader;
pub mod rows;
mod snapshot;
mod sniff;
pub mod source;
pub mod values;

use chrono::NaiveDate;
use tracing::{debug, info, warn};

use self::aliases::FileKind;
use self::discover::SourceFile;
use self::rows::{DossierRow, IndicatorRow, ProcedureRow, Warnings};
use self::source::Source;
use crate::config::Config;
use crate::error::{Error, Result};

const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A canonical row and where it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub row: T,
    /// Index into [`Ingested::files`].
    pub file: usize,
    pub line: u64,
}

/// One input file: what was detected and how its rows ended (the `files` table).
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
    pub blank_lines: u64,
}

/// A data row that was not loaded (the `rejects` table).
#[derive(Debug, Clone)]
pub struct RejectRecord {
    pub commune_code: String,
    pub source_file: String,
    pub source_line: u64,
    pub reason_code: &'static str,
    pub column: Option<&'static str>,
    pub reason: String,
    pub raw_record: String,
}

/// The rows kept for one commune (newest snapshot of each key).
#[derive(Debug, Default)]
pub struct CommuneRows {
    pub dossiers: Vec<Located<DossierRow>>,
    pub procedures: Vec<Located<ProcedureRow>>,
    pub indicators: Vec<Located<IndicatorRow>>,
}

#[derive(Debug, Default)]
pub struct Ingested {
    pub files: Vec<FileRecord>,
    pub rejects: Vec<RejectRecord>,
    /// Same order as `config.communes`.
    pub communes: Vec<CommuneRows>,
}

/// Reads every configured export. A file that cannot be read as an export at all is
/// an error naming it; a bad row is a reject.
pub fn ingest(config: &Config) -> Result<Ingested> {
    let sources = discover::discover(config)?;
    for (ci, commune) in config.communes.iter().enumerate() {
        if !sources
            .iter()
            .any(|s| s.commune == ci && s.kind == FileKind::Dossiers)
        {
            warn!(
                commune = %commune.code,
                globs = ?commune.dossiers,
                "{} has delivered no dossier export (nothing matches its globs); \
                 the report shows it as missing",
                commune.name
            );
        }
    }
    let mut out = Ingested {
        communes: config
            .communes
            .iter()
            .map(|_| CommuneRows::default())
            .collect(),
        ..Ingested::default()
    };
    for source in &sources {
        read_one(config, source, &mut out)?;
    }
    apply_snapshots(&mut out);
    for f in &mut out.files {
        if f.data_rows != f.loaded + f.superseded + f.rejected {
            return Err(Error::Invariant(format!(
                "{}: {} data rows but {} loaded + {} superseded + {} rejected",
                f.source_file, f.data_rows, f.loaded, f.superseded, f.rejected
            )));
        }
        info!(
            file = %f.source_file,
            encoding = %f.encoding,
            delimiter = %f.delimiter,
            header_line = f.header_line,
            snapshot = %f.snapshot_date,
            rows = f.data_rows,
            loaded = f.loaded,
            superseded = f.superseded,
            rejected = f.rejected,
            "read"
        );
    }
    Ok(out)
}

fn read_one(config: &Config, source: &SourceFile, out: &mut Ingested) -> Result<()> {
    let commune = &config.communes[source.commune];
    let bytes = std::fs::metadata(&source.path)
        .map_err(|e| Error::io(format!("reading {}", source.path.display()), e))?
        .len();
    if bytes == 0 {
        // Nothing to lose: recorded, so the report shows the commune sent an empty file.
        warn!(file = %source.rel, "empty file: no header and no rows");
        out.files.push(FileRecord {
            commune_code: commune.code.clone(),
            kind: source.kind,
            source_file: source.rel.clone(),
            sha256: EMPTY_SHA256.into(),
            bytes: 0,
            encoding: "empty".into(),
            delimiter: String::new(),
            header_line: 0,
            snapshot_date: source.snapshot_date,
            data_rows: 0,
            loaded: 0,
            superseded: 0,
            rejected: 0,
            blank_lines: 0,
        });
        return Ok(());
    }
    let input = Source::Path(&source.path);
    let detected =
        reader::detect(&input, source.kind, &commune.csv, &commune.columns).map_err(|message| {
            Error::File {
                path: source.path.clone(),
                message,
            }
        })?;
    crate::faults::pause_at(crate::faults::READING);
    let file_index = out.files.len();
    let rows = &mut out.communes[source.commune];
    let rejects = &mut out.rejects;
    let mut warnings = Warnings::default();
    let mut rejected = 0u64;
    let mut on_reject = |record: &csv::StringRecord, line: u64, r: rows::Reject| {
        rejected += 1;
        rejects.push(RejectRecord {
            commune_code: commune.code.clone(),
            source_file: source.rel.clone(),
            source_line: line,
            reason_code: r.reason_code,
            column: r.column,
            reason: r.reason,
            raw_record: rows::masked_raw(record, &detected.map, detected.delimiter),
        });
    };
    let map = &detected.map;
    let counts = reader::read_records(&input, &detected, |record, line| match source.kind {
        FileKind::Dossiers => match rows::dossier(record, map, &mut warnings) {
            Ok(row) => rows.dossiers.push(Located {
                row,
                file: file_index,
                line,
            }),
            Err(r) => on_reject(record, line, r),
        },
        FileKind::Procedures => match rows::procedure(record, map, &mut warnings) {
            Ok(row) => rows.procedures.push(Located {
                row,
                file: file_index,
                line,
            }),
            Err(r) => on_reject(record, line, r),
        },
        FileKind::Indicators => match rows::indicator(record, map) {
            Ok(row) => rows.indicators.push(Located {
                row,
                file: file_index,
                line,
            }),
            Err(r) => on_reject(record, line, r),
        },
    })
    .map_err(|message| Error::File {
        path: source.path.clone(),
        message,
    })?;
    for (what, values) in [
        ("channel", &warnings.unknown_channel),
        ("timeliness", &warnings.unknown_timeliness),
        ("online level", &warnings.unknown_online_level),
    ] {
        if !values.is_empty() {
            warn!(file = %source.rel, "unknown {what} labels loaded as null: {values:?}");
        }
    }
    if !detected.map.ignored.is_empty() {
        debug!(file = %source.rel, columns = ?detected.map.ignored, "columns ignored");
    }
    if !detected.map.dropped.is_empty() {
        debug!(file = %source.rel, columns = ?detected.map.dropped, "personal-data columns dropped");
    }
    out.files.push(FileRecord {
        commune_code: commune.code.clone(),
        kind: source.kind,
        source_file: source.rel.clone(),
        sha256: detected.sniffed.sha256.clone(),
        bytes: detected.sniffed.bytes,
        encoding: detected.sniffed.encoding_name(),
        delimiter: detected.delimiter_name().to_string(),
        header_line: detected.header_line,
        snapshot_date: source.snapshot_date,
        data_rows: counts.data_rows,
        loaded: 0,
        superseded: 0,
        rejected,
        blank_lines: counts.blank_lines,
    });
    Ok(())
}

/// Keeps the newest row per key within each commune and counts every row, loaded or
/// superseded, against the file it came from.
fn apply_snapshots(out: &mut Ingested) {
    fn keep<T>(rows: &mut Vec<Located<T>>, key: impl Fn(&T) -> &str, files: &mut [FileRecord]) {
        let mask = snapshot::newest_wins(rows.iter().map(|r| key(&r.row)));
        let mut mask = mask.into_iter();
        rows.retain(|r| {
            let kept = mask.next().unwrap_or(true);
            if kept {
                files[r.file].loaded += 1;
            } else {
                files[r.file].superseded += 1;
            }
            kept
        });
    }
    for commune in &mut out.communes {
        keep(&mut commune.dossiers, |r| &r.dossier_id, &mut out.files);
        keep(
            &mut commune.procedures,
            |r| &r.procedure_code,
            &mut out.files,
        );
        keep(&mut commune.indicators, |r| &r.indicator, &mut out.files);
    }
}
