//! `run`: ingest, then report — the scheduled job. Prints a short per-commune
//! summary; exits 3 when a commune's reject ratio exceeds the threshold.

use std::io::Write;

use serde_json::Value;

use super::ingest::{publish, stage, with_manifest};
use super::report::{Period, commit, prepare};
use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::ingest::Options;
use crate::report::model::role;
use crate::report::{Formats, Report, markdown::cell};
use crate::tr;
use crate::warehouse::files::FileStatus;

pub fn run(
    config: &Config,
    runtime: &tokio::runtime::Runtime,
    period: Period,
    options: Options,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    // A bad queries folder is a config error: found before anything is published.
    config.queries_folder()?;
    with_manifest(config, "run", |manifest| {
        // The report is built over the new version before either is published: a
        // failing query or an unwritable reports folder publishes nothing.
        let staged = stage(config, options, manifest)?;
        let built = runtime.block_on(prepare(
            config,
            period,
            Formats::DEFAULT,
            &staged.version.dir,
        ))?;
        publish(config, &staged)?;
        let published = commit(built.prepared).map_err(|e| {
            Error::ReportNotPublished(crate::tr!("report-not-published", cause = e))
        })?;
        let io = |e| Error::io(crate::tr!("io-summary"), e);
        print_summary(&built.report, out).map_err(io)?;
        for f in staged
            .data
            .records()
            .filter(|f| f.status == FileStatus::Quarantined)
        {
            let line = tr!(
                "summary-quarantined",
                file = f.source_file,
                commune = f.commune_code,
                error = f.error.as_deref().unwrap_or("")
            );
            writeln!(out, "{line}").map_err(io)?;
        }
        let line = tr!("summary-report", dir = published.dir.display());
        writeln!(out, "{line}").map_err(io)?;
        Ok(worst(staged.status, built.status))
    })
}

/// The run's exit status: a quality finding of either stage.
fn worst(a: ExitStatus, b: ExitStatus) -> ExitStatus {
    if a == ExitStatus::Success { b } else { a }
}

fn print_summary(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(summary) = report.by_role(role::SUMMARY) else {
        return Ok(());
    };
    let columns = [
        "received",
        "resolved",
        "late",
        "processing",
        "paused",
        "returned",
        "withdrawn",
        "online_share",
    ];
    write!(out, "{:<22}", "")?;
    for c in columns {
        let heading =
            crate::i18n::message(&format!("summary-{}", c.trim_end_matches("_share")), None);
        write!(out, "{heading:>14}")?;
    }
    writeln!(out)?;
    for row in &summary.rows {
        let name = row.get("commune").and_then(Value::as_str).unwrap_or("");
        write!(out, "{name:<22}")?;
        for c in columns {
            write!(out, "{:>14}", cell(c, row.get(c).unwrap_or(&Value::Null)))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
