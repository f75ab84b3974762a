//! `ingest`: CSV exports -> a new published warehouse version, with the run's
//! manifest and the quality verdict (exit 3 when a commune's reject ratio is over
//! `quality.max_reject_ratio`).

use std::io::Write;

use tracing::{info, warn};

use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::fetch::Fetched;
use crate::ingest::{self, Ingested, Options};
use crate::warehouse::cache::Cache;
use crate::warehouse::columns::FileKind;
use crate::warehouse::files::{FileRecord, FileStatus};
use crate::warehouse::runs::{self, Manifest};
use crate::warehouse::summary::{self, RunSummary};
use crate::warehouse::write;

/// A new warehouse version, written in full but not yet published.
pub struct Staged {
    pub data: Ingested,
    pub version: write::Version,
    pub status: ExitStatus,
}

/// Ingests and publishes; the manifest gets the inputs and the provisional verdict
/// recorded in the published `runs` table.
pub fn ingest(
    config: &Config,
    options: Options,
    fetched: &Fetched,
    manifest: &mut Manifest,
) -> Result<(Ingested, ExitStatus)> {
    let staged = stage(config, options, fetched, manifest)?;
    publish(config, &staged)?;
    Ok((staged.data, staged.status))
}

/// Ingests and writes a new version without publishing it; the manifest gets the
/// inputs and what changed since the previous run.
pub fn stage(
    config: &Config,
    options: Options,
    fetched: &Fetched,
    manifest: &mut Manifest,
) -> Result<Staged> {
    // A warehouse path that is not a link is refused before any work is done.
    write::check_link(&config.warehouse)?;
    let data = ingest::ingest(config, options)?;
    let records: Vec<FileRecord> = data.records().cloned().collect();
    manifest.set_inputs(&records);
    let mut summary = summarise(config, fetched, manifest, &records);
    summary.kept_out = data
        .kept_out
        .iter()
        .map(|(source, value, rows)| summary::KeptOut {
            source: config
                .sources
                .iter()
                .find(|s| s.code == *source)
                .map_or_else(|| source.clone(), |s| s.name.clone()),
            value: value.clone(),
            rows: *rows,
        })
        .collect();
    let status = worst(quality(config, &records), delivery(config, &summary));
    manifest.summary = Some(summary);
    manifest.finish(outcome(status), i32::from(status.code()), None);
    let codes: Vec<&str> = config.owners().map(|c| c.code.as_str()).collect();
    let version = write::write_version(&config.warehouse, &codes, &data.files, manifest)?;
    Ok(Staged {
        data,
        version,
        status,
    })
}

/// Switches the warehouse link to the staged version.
pub fn publish(config: &Config, staged: &Staged) -> Result<()> {
    write::publish(&config.warehouse, &staged.version)?;
    Cache::beside(&config.warehouse).keep_only(&staged.data.used);
    info!(version = %staged.version.id, warehouse = %config.warehouse.display(), "{}", crate::tr!("info-published"));
    Ok(())
}

/// The `ingest` command: prints per-commune counts and what changed.
pub fn command(
    config: &Config,
    options: Options,
    fetched: &Fetched,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    with_manifest(config, "ingest", |manifest| {
        let (data, status) = ingest(config, options, fetched, manifest)?;
        let io = |e| Error::io(crate::tr!("io-summary"), e);
        print_counts(config, &data, out).map_err(io)?;
        if let Some(summary) = &manifest.summary {
            print_changes(summary, out).map_err(io)?;
        }
        Ok(status)
    })
}

/// The run's files against the previous published run's.
fn summarise(
    config: &Config,
    fetched: &Fetched,
    manifest: &Manifest,
    records: &[FileRecord],
) -> RunSummary {
    let previous = runs::previous_published(&config.warehouse, manifest);
    let communes: Vec<summary::Commune> = config
        .communes
        .iter()
        .map(|c| {
            let shared_only = c.dossiers.is_empty();
            summary::Commune {
                code: &c.code,
                name: &c.name,
                shared_only,
                // A commune without exports of its own depends on the shared ones: one
                // that could not be read may hold its rows, so it is named for it too.
                unreachable: {
                    let reasons: Vec<String> = fetched
                        .unreachable
                        .iter()
                        .filter(|(code, _, _)| {
                            *code == c.code
                                || (shared_only && config.sources.iter().any(|s| s.code == *code))
                        })
                        .map(|(_, url, cause)| format!("{url}: {cause}"))
                        .collect();
                    (!reasons.is_empty()).then(|| reasons.join("; "))
                },
            }
        })
        .collect();
    RunSummary::since(previous.as_ref(), &communes, records)
}

/// Exit 3 when `quality.require_all_communes` is set and a commune delivered
/// nothing (each such commune was warned about where it was found).
fn delivery(config: &Config, summary: &RunSummary) -> ExitStatus {
    if !config.require_all_communes {
        return ExitStatus::Success;
    }
    let mut status = ExitStatus::Success;
    for c in summary.not_delivered() {
        warn!(
            commune = %c.code,
            "{}",
            crate::tr!(
                "warn-require-all",
                commune = c.name,
                reason = c.not_delivered.as_deref().unwrap_or("")
            )
        );
        status = ExitStatus::QualityThreshold;
    }
    status
}

/// The summary's lines, as the run ends.
pub fn print_changes(summary: &RunSummary, out: &mut dyn Write) -> std::io::Result<()> {
    for line in summary.lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The run's exit status: the first quality finding of its stages.
pub fn worst(a: ExitStatus, b: ExitStatus) -> ExitStatus {
    if a == ExitStatus::Success { b } else { a }
}

/// The manifest status of a run that published with `status`.
pub fn outcome(status: ExitStatus) -> &'static str {
    if status == ExitStatus::QualityThreshold {
        "quality_threshold"
    } else {
        "published"
    }
}

/// Runs `body` and saves its manifest whatever the outcome.
pub fn with_manifest(
    config: &Config,
    command: &str,
    body: impl FnOnce(&mut Manifest) -> Result<ExitStatus>,
) -> Result<ExitStatus> {
    let mut manifest = Manifest::start(command);
    let result = body(&mut manifest);
    match &result {
        Ok(status) => {
            manifest.finish(outcome(*status), i32::from(status.code()), None);
        }
        Err(e) => manifest.finish(
            match e {
                Error::ReportNotPublished(_) => "warehouse_published_report_failed",
                _ => "failed",
            },
            i32::from(e.exit_status().code()),
            Some(e.to_string()),
        ),
    }
    if let Err(e) = manifest.save(&config.warehouse) {
        warn!("{}", crate::tr!("warn-manifest-not-saved", cause = e));
    }
    result
}

fn print_counts(config: &Config, data: &Ingested, out: &mut dyn Write) -> std::io::Result<()> {
    for commune in config.owners() {
        let files: Vec<_> = data
            .records()
            .filter(|f| f.commune_code == commune.code)
            .collect();
        let rejected: u64 = files.iter().map(|f| f.rejected).sum();
        let superseded: u64 = files.iter().map(|f| f.superseded).sum();
        let dossiers: u64 = files
            .iter()
            .filter(|f| f.kind == FileKind::Dossiers)
            .map(|f| f.loaded)
            .sum();
        let line = crate::tr!(
            "ingest-counts",
            code = commune.code,
            name = commune.name,
            files = files.len(),
            dossiers = dossiers,
            superseded = superseded,
            rejected = rejected
        );
        writeln!(out, "{line}")?;
        for f in files.iter().filter(|f| f.status == FileStatus::Quarantined) {
            let line = crate::tr!(
                "ingest-quarantined",
                file = f.source_file,
                error = f.error.as_deref().unwrap_or("")
            );
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

/// Exit 3 when a file was quarantined or a commune rejected more than
/// `quality.max_reject_ratio` of its rows.
fn quality(config: &Config, files: &[FileRecord]) -> ExitStatus {
    let mut status = ExitStatus::Success;
    for f in files.iter().filter(|f| f.status == FileStatus::Quarantined) {
        warn!(
            commune = %f.commune_code,
            file = %f.source_file,
            "{}",
            crate::tr!(
                "warn-file-left-out",
                file = f.source_file,
                error = f.error.as_deref().unwrap_or("")
            )
        );
        status = ExitStatus::QualityThreshold;
    }
    for commune in config.owners() {
        let (rows, rejected) = files
            .iter()
            .filter(|f| f.commune_code == commune.code)
            .fold((0u64, 0u64), |(r, j), f| {
                (
                    r + f.data_rows - f.kept_out.min(f.data_rows),
                    j + f.rejected,
                )
            });
        if rows > 0 && rejected as f64 / rows as f64 > config.max_reject_ratio {
            warn!(
                commune = %commune.code,
                rejected,
                rows,
                threshold = config.max_reject_ratio,
                "{}",
                crate::tr!(
                    "warn-reject-ratio",
                    commune = commune.name,
                    rejected = rejected,
                    rows = rows
                )
            );
            status = ExitStatus::QualityThreshold;
        }
    }
    status
}
