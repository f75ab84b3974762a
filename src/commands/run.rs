//! `run`: ingest, then report — the scheduled job. Prints a short per-commune
//! summary; exits 3 when a commune's reject ratio exceeds the threshold.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::Value;

use super::ingest::{ingest, with_manifest};
use super::report::build_and_write;
use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::ingest::Options;
use crate::report::model::role;
use crate::report::{Formats, Report, markdown::cell};

pub fn run(
    config: &Config,
    runtime: &tokio::runtime::Runtime,
    as_of: Option<NaiveDate>,
    options: Options,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    // A bad queries folder is a config error: found before anything is published.
    config.queries_folder()?;
    with_manifest(config, "run", |manifest| {
        let (_, status) = ingest(config, options, manifest)?;
        let (report, dir) = runtime.block_on(build_and_write(config, as_of, Formats::DEFAULT))?;
        let io = |e| Error::io("writing the summary", e);
        print_summary(&report, out).map_err(io)?;
        writeln!(out, "report: {}", dir.display()).map_err(io)?;
        Ok(status)
    })
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
        write!(out, "{:>13}", c.trim_end_matches("_share"))?;
    }
    writeln!(out)?;
    for row in &summary.rows {
        let name = row.get("commune").and_then(Value::as_str).unwrap_or("");
        write!(out, "{name:<22}")?;
        for c in columns {
            write!(out, "{:>13}", cell(c, row.get(c).unwrap_or(&Value::Null)))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
