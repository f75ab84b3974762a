//! `run`: ingest, then report — the scheduled job. Prints a short per-commune
//! summary; exits 3 when a commune's reject ratio exceeds the threshold.

use std::io::Write;

use serde_json::Value;

use super::ingest::{outcome, print_changes, publish, stage, with_manifest, worst};
use super::report::{Period, commit, prepare};
use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::fetch::Fetched;
use crate::ingest::Options;
use crate::report::model::role;
use crate::report::{Formats, Report, markdown::cell};
use crate::tr;
use crate::warehouse::files::FileStatus;
use crate::warehouse::summary::ReportChanges;
use crate::warehouse::write;

pub fn run(
    config: &Config,
    runtime: &tokio::runtime::Runtime,
    period: Period,
    options: Options,
    fetched: &Fetched,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    // A bad queries folder is a config error: found before anything is published.
    config.queries_folder()?;
    let mut sent: Option<Notice> = None;
    let status = with_manifest(config, "run", |manifest| {
        // The report is built over the new version before either is published: a
        // failing query or an unwritable reports folder publishes nothing.
        let staged = stage(config, options, fetched, manifest)?;
        let built = runtime.block_on(prepare(
            config,
            period,
            Formats::DEFAULT,
            &staged.version.dir,
            manifest.summary.clone(),
        ))?;
        if let (Some(summary), Some(edition)) = (&mut manifest.summary, &built.report.meta.edition)
            && let Some(previous) = edition.previous
            && built.prepared.is_new()
        {
            summary.report = Some(ReportChanges {
                period: format!(
                    "{}_{}",
                    built.report.meta.period_start, built.report.meta.as_of
                ),
                edition: edition.number,
                previous_edition: previous,
                changes: edition.changes.clone(),
            });
        }
        // The version's `runs` table records this run as it ends, figures included.
        write::rewrite_runs(&config.warehouse, &staged.version, manifest)?;
        publish(config, &staged)?;
        let published = commit(built.prepared).map_err(|e| {
            Error::ReportNotPublished(crate::tr!("report-not-published", cause = e))
        })?;
        let io = |e| Error::io(crate::tr!("io-summary"), e);
        let mut table = Vec::new();
        print_summary(&built.report, &mut table).map_err(io)?;
        out.write_all(&table).map_err(io)?;
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
        if let Some(summary) = &manifest.summary {
            print_changes(summary, out).map_err(io)?;
        }
        let line = tr!("summary-report", dir = published.dir.display());
        writeln!(out, "{line}").map_err(io)?;
        let status = worst(staged.status, built.status);
        sent = Some(Notice {
            report: built.report,
            manifest: manifest.clone(),
            dir: published.dir,
            status,
            table: String::from_utf8_lossy(&table).into_owned(),
        });
        Ok(status)
    })?;
    // After publishing and after the manifest is saved: a mail that cannot be sent
    // is logged and undoes nothing.
    if let (Some(notify), Some(n)) = (&config.notify, sent) {
        // The manifest as saved: its status is final.
        let mut manifest = n.manifest;
        manifest.finish(outcome(n.status), i32::from(n.status.code()), None);
        crate::notify::send_run(
            notify, config, &n.report, &manifest, &n.dir, n.status, &n.table,
        );
    }
    Ok(status)
}

/// What the e-mail of a published run says.
struct Notice {
    report: Report,
    manifest: crate::warehouse::runs::Manifest,
    dir: std::path::PathBuf,
    status: ExitStatus,
    table: String,
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
