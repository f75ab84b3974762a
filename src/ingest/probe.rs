//! Detection and parsing of one file without writing anything: what `check` prints,
//! and what the corpus tests and the fuzzer exercise. Memory stays bounded: rejects
//! are counted per reason with the first few lines kept as examples.

use std::collections::BTreeMap;

use super::file_error::FileError;
use super::reader::{self, Counts, Detected};
use super::rows::{self, RowState};
use super::source::Source;
use crate::config::CsvOverrides;
use crate::config::labels::Labels;
use crate::warehouse::columns::{Column, FileKind};

const EXAMPLE_LINES: usize = 10;

#[derive(Debug, Default)]
pub struct ReasonTally {
    pub count: u64,
    /// The first lines rejected for this reason.
    pub lines: Vec<u64>,
    /// The reason sentence of the first of them.
    pub first_reason: String,
}

#[derive(Debug)]
pub struct Probe {
    pub detected: Detected,
    pub counts: Counts,
    pub rejects: BTreeMap<&'static str, ReasonTally>,
    /// Labels no table knows, per (column, label), with their row counts.
    pub unknown_labels: BTreeMap<(&'static str, String), u64>,
}

impl Probe {
    pub fn rejected(&self) -> u64 {
        self.rejects.values().map(|t| t.count).sum()
    }
}

/// Runs every ingest stage but the snapshot merge and the write. The error is the
/// file-level problem, as a sentence for the analyst.
pub fn probe(
    source: &Source,
    kind: FileKind,
    csv: &CsvOverrides,
    columns: &[(String, Column)],
) -> Result<Probe, FileError> {
    probe_with(source, kind, csv, columns, &Labels::default())
}

/// [`probe`] with the labels a commune was taught (`[labels]`).
pub fn probe_with(
    source: &Source,
    kind: FileKind,
    csv: &CsvOverrides,
    columns: &[(String, Column)],
    labels: &Labels,
) -> Result<Probe, FileError> {
    let detected = reader::detect(source, kind, csv, columns)?;
    let mut warnings = RowState::new(labels);
    let mut rejects: BTreeMap<&'static str, ReasonTally> = BTreeMap::new();
    let map = &detected.map;
    let counts = reader::read_records(source, &detected, |item, line| {
        let reject = match item {
            reader::Item::TooLong { max } => Some(rows::Reject::too_long(max)),
            reader::Item::BadEncoding { .. } => Some(rows::Reject::bad_encoding()),
            reader::Item::Row(record) => match kind {
                FileKind::Dossiers => rows::dossier(record, map, &mut warnings).err(),
                FileKind::Procedures => rows::procedure(record, map, &mut warnings).err(),
                FileKind::Indicators => rows::indicator(record, map).err(),
            },
        };
        if let Some(r) = reject {
            let tally = rejects.entry(r.reason_code).or_default();
            tally.count += 1;
            if tally.lines.len() < EXAMPLE_LINES {
                tally.lines.push(line);
            }
            if tally.first_reason.is_empty() {
                tally.first_reason = r.reason;
            }
        }
    })?;
    Ok(Probe {
        detected,
        counts,
        rejects,
        unknown_labels: warnings.unknown_labels(),
    })
}
