//! `check`: a dry run. Per file, what was detected (encoding, delimiter, header line,
//! columns, snapshot date) and what would be rejected and why. Writes nothing.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::config::{Config, CsvOverrides, OnFileError};
use crate::error::{Error, ExitStatus, Result};
use crate::ingest::discover::{self, SourceFile, date_in_name};
use crate::ingest::probe::probe_with;
use crate::ingest::source::Source;
use crate::ingest::suggest::{self, Unknown};
use crate::tr;
use crate::warehouse::columns::FileKind;

/// A header the tool did not place, and the column it likely means.
type Guess = (String, Option<&'static str>);

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
    let io = |e| Error::io(crate::tr!("io-check"), e);
    let mut failed = false;
    let default_csv = CsvOverrides::default();
    let no_labels = crate::config::labels::Labels::default();
    // What to suggest at the end: unknown labels over every file, and per commune the
    // headers that look like a canonical column the file lacks.
    let mut unknown: BTreeMap<(&'static str, String), Unknown> = BTreeMap::new();
    let mut headers: BTreeMap<String, Vec<Guess>> = BTreeMap::new();
    for (source, path) in selected {
        let (kind, csv, columns, commune, labels) = match source {
            Some(s) => {
                let c = config.owner(s.commune);
                (
                    s.kind,
                    &c.csv,
                    c.columns.as_slice(),
                    c.code.as_str(),
                    &c.labels,
                )
            }
            None => (FileKind::Dossiers, &default_csv, &[][..], "-", &no_labels),
        };
        let file = path.display();
        let head = tr!(
            "check-file",
            path = file,
            commune = commune,
            kind = kind.as_str()
        );
        writeln!(out, "{head}").map_err(io)?;
        if let Err(why) = crate::text::regular_file(&path) {
            failed = true;
            writeln!(out, "  {}", tr!("check-error", why = why)).map_err(io)?;
            continue;
        }
        let probe = match probe_with(&Source::Path(&path), kind, csv, columns, labels) {
            Ok(p) => p,
            Err(message) => {
                failed = true;
                writeln!(out, "  {}", tr!("check-error", why = message)).map_err(io)?;
                let fate = match config.on_file_error {
                    OnFileError::Quarantine => tr!("check-fate-quarantine"),
                    OnFileError::Fail => tr!("check-fate-fail"),
                };
                writeln!(out, "  {fate}").map_err(io)?;
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
            .unwrap_or_else(|| tr!("check-snapshot-mtime"));
        let line = tr!(
            "check-detected",
            encoding = detected.sniffed.encoding_name(),
            delimiter = detected.delimiter_name(),
            line = detected.header_line,
            snapshot = snapshot
        );
        writeln!(out, "  {line}").map_err(io)?;
        let mapped: Vec<String> = detected
            .map
            .mapped
            .iter()
            .map(|(h, c)| format!("{h} -> {}", c.name()))
            .collect();
        writeln!(
            out,
            "  {}",
            tr!("check-mapped", columns = mapped.join("; "))
        )
        .map_err(io)?;
        if !detected.map.ignored.is_empty() {
            let ignored = detected.map.ignored.join("; ");
            writeln!(out, "  {}", tr!("check-ignored", columns = ignored)).map_err(io)?;
            let have: Vec<_> = detected.map.mapped.iter().map(|(_, c)| *c).collect();
            let entry = headers.entry(commune.to_string()).or_default();
            for h in &detected.map.ignored {
                let likely = crate::ingest::aliases::closest(h)
                    .filter(|c| !have.contains(c))
                    .map(|c| c.name());
                if !entry.iter().any(|(seen, _)| seen == h) {
                    entry.push((h.clone(), likely));
                }
            }
        }
        if !detected.map.dropped.is_empty() {
            let dropped = detected.map.dropped.join("; ");
            writeln!(out, "  {}", tr!("check-dropped", columns = dropped)).map_err(io)?;
        }
        let counts = tr!(
            "check-counts",
            rows = probe.counts.data_rows,
            rejected = probe.rejected(),
            blank = probe.counts.blank_lines
        );
        writeln!(out, "  {counts}").map_err(io)?;
        for ((column, label), rows) in &probe.unknown_labels {
            let u = unknown.entry((column, label.clone())).or_default();
            u.rows += rows;
            if !u.communes.iter().any(|c| c == commune) {
                u.communes.push(commune.to_string());
            }
        }
        for (code, tally) in &probe.rejects {
            let shown: Vec<String> = tally.lines.iter().map(u64::to_string).collect();
            let more = if tally.count > tally.lines.len() as u64 {
                ", …"
            } else {
                ""
            };
            let reason = tr!(
                "check-reason",
                code = code,
                count = tally.count,
                lines = format!("{}{more}", shown.join(", ")),
                reason = tally.first_reason
            );
            writeln!(out, "    {reason}").map_err(io)?;
        }
    }
    if !unknown.is_empty() {
        let intro = tr!("check-labels", config = config.path.display());
        writeln!(out, "\n{intro}\n").map_err(io)?;
        write!(out, "{}", suggest::labels_snippet(&unknown)).map_err(io)?;
    }
    let likely: Vec<(&String, Vec<Guess>)> = headers
        .iter()
        .map(|(c, hs)| (c, hs.iter().filter(|(_, l)| l.is_some()).cloned().collect()))
        .filter(|(_, hs): &(_, Vec<_>)| !hs.is_empty())
        .collect();
    for (commune, hs) in likely {
        let intro = tr!("check-headers", commune = commune);
        writeln!(out, "\n{intro}\n\n{}", suggest::columns_line(&hs)).map_err(io)?;
    }
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
