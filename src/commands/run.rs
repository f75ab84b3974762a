//! `run`: ingest, then report — the scheduled job. Prints a short per-commune
//! summary and exits 3 when a commune's reject ratio exceeds the threshold.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::Value;
use tracing::warn;

use super::{ingest::ingest, report::build_and_write};
use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::report::{Formats, Report, markdown::cell};

pub async fn run(
    config: &Config,
    as_of: Option<NaiveDate>,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let data = ingest(config, &mut std::io::sink())?;
    let (report, dir) = build_and_write(config, as_of, Formats::DEFAULT).await?;
    print_summary(&report, out).map_err(|e| Error::io("writing the summary", e))?;
    writeln!(out, "report: {}", dir.display()).map_err(|e| Error::io("writing the summary", e))?;

    let mut status = ExitStatus::Success;
    for commune in &config.communes {
        let (rows, rejected) = data
            .files
            .iter()
            .filter(|f| f.commune_code == commune.code)
            .fold((0u64, 0u64), |(r, j), f| (r + f.data_rows, j + f.rejected));
        if rows > 0 && rejected as f64 / rows as f64 > config.max_reject_ratio {
            warn!(
                commune = %commune.code,
                rejected,
                rows,
                threshold = config.max_reject_ratio,
                "{}: {rejected} of {rows} rows rejected, above quality.max_reject_ratio",
                commune.name
            );
            status = ExitStatus::QualityThreshold;
        }
    }
    Ok(status)
}

fn print_summary(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(summary) = report.section("10_summary") else {
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
        write!(out, "{:>13}", short(c))?;
    }
    writeln!(out)?;
    for row in &summary.rows {
        let name = row.get("commune").and_then(Value::as_str).unwrap_or("");
        write!(out, "{:<22}", name)?;
        for c in columns {
            write!(out, "{:>13}", cell(c, row.get(c).unwrap_or(&Value::Null)))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn short(column: &str) -> &str {
    match column {
        "online_share" => "online",
        other => other,
    }
}
