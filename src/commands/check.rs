//! `check`: a dry run. Per file, what was detected (encoding, delimiter, header line,
//! columns, snapshot date) and what would be rejected and why. Writes nothing.

use std::io::Write;
use std::path::PathBuf;

use crate::config::{Config, CsvOverrides, OnFileError};
use crate::error::{Error, ExitStatus, Result};
use crate::ingest::discover::{self, SourceFile, date_in_name};
use crate::ingest::probe::probe;
use crate::ingest::source::Source;
use crate::warehouse::columns::FileKind;

pub fn check(config: &Config, files: &[PathBuf], out: &mut dyn Write) -> Result<ExitStatus> {
    let known = discover::discover(config)?;
    let selected: Vec<(Option<&SourceFile>, PathBuf)> = if files.is_empty() {
        known.iter().map(|s| (Some(s), s.path.clone())).collect()
    } else {
        files
            .iter()
            .map(|f| {
                let abs = std::path::absolute(f).unwrap_or_else(|_| f.clone());
                (known.iter().find(|s| s.path == abs), f.clone())
            })
            .collect()
    };
    let io = |e| Error::io("writing the check", e);
    let mut failed = false;
    let default_csv = CsvOverrides::default();
    for (source, path) in selected {
        let (kind, csv, columns, commune) = match source {
            Some(s) => {
                let c = &config.communes[s.commune];
                (s.kind, &c.csv, c.columns.as_slice(), c.code.as_str())
            }
            None => (FileKind::Dossiers, &default_csv, &[][..], "-"),
        };
        writeln!(out, "{} ({commune}, {})", path.display(), kind.as_str()).map_err(io)?;
        if let Err(why) = crate::text::regular_file(&path) {
            failed = true;
            writeln!(out, "  error: {why}").map_err(io)?;
            continue;
        }
        let probe = match probe(&Source::Path(&path), kind, csv, columns) {
            Ok(p) => p,
            Err(message) => {
                failed = true;
                writeln!(out, "  error: {message}").map_err(io)?;
                let fate = match config.on_file_error {
                    OnFileError::Quarantine => {
                        "  -> a run quarantines this file: the other exports load, exit 3"
                    }
                    OnFileError::Fail => {
                        "  -> the run fails on this file (quality.on_file_error = \"fail\")"
                    }
                };
                writeln!(out, "{fate}").map_err(io)?;
                continue;
            }
        };
        let detected = &probe.detected;
        let snapshot = source
            .map(|s| s.snapshot_date.to_string())
            .or_else(|| {
                path.file_stem()
                    .and_then(|n| date_in_name(&n.to_string_lossy()))
                    .map(|d| d.to_string())
            })
            .unwrap_or_else(|| "modification date".into());
        writeln!(
            out,
            "  encoding {}, delimiter {}, header on line {}, snapshot {snapshot}",
            detected.sniffed.encoding_name(),
            detected.delimiter_name(),
            detected.header_line
        )
        .map_err(io)?;
        let mapped: Vec<String> = detected
            .map
            .mapped
            .iter()
            .map(|(h, c)| format!("{h} -> {}", c.name()))
            .collect();
        writeln!(out, "  mapped: {}", mapped.join("; ")).map_err(io)?;
        if !detected.map.ignored.is_empty() {
            writeln!(out, "  ignored: {}", detected.map.ignored.join("; ")).map_err(io)?;
        }
        if !detected.map.dropped.is_empty() {
            writeln!(
                out,
                "  dropped (personal data): {}",
                detected.map.dropped.join("; ")
            )
            .map_err(io)?;
        }
        writeln!(
            out,
            "  {} data rows, {} would be rejected, {} blank lines",
            probe.counts.data_rows,
            probe.rejected(),
            probe.counts.blank_lines
        )
        .map_err(io)?;
        for (code, tally) in &probe.rejects {
            let shown: Vec<String> = tally.lines.iter().map(u64::to_string).collect();
            let more = if tally.count > tally.lines.len() as u64 {
                ", …"
            } else {
                ""
            };
            writeln!(
                out,
                "    {code} x{} (lines {}{more}): {}",
                tally.count,
                shown.join(", "),
                tally.first_reason
            )
            .map_err(io)?;
        }
    }
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
