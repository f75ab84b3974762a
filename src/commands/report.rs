//! `report`: the report's queries over the current warehouse -> `reports/<as_of>/`.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use tracing::info;

use crate::config::Config;
use crate::engine;
use crate::error::{Error, ExitStatus, Result};
use crate::report::{self, Formats, Report};

pub async fn report(
    config: &Config,
    as_of: Option<NaiveDate>,
    formats: &[String],
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let formats = Formats::parse(formats)?;
    let (_, dir) = build_and_write(config, as_of, formats).await?;
    writeln!(out, "{}", dir.display()).map_err(|e| Error::io("writing the summary", e))?;
    Ok(ExitStatus::Success)
}

/// Shared with `run`: resolves as_of, runs the queries, writes the report.
pub async fn build_and_write(
    config: &Config,
    as_of: Option<NaiveDate>,
    formats: Formats,
) -> Result<(Report, PathBuf)> {
    let folder = config.queries_folder()?;
    let ctx = engine::session(config).await?;
    let as_of = match as_of.or(config.as_of) {
        Some(d) => d,
        None => engine::newest_snapshot(&ctx).await?.ok_or_else(|| {
            Error::Usage(
                "no dossier export has been loaded, so as_of cannot default to the newest \
                 snapshot; pass --as-of or set report.as_of"
                    .into(),
            )
        })?,
    };
    if as_of < config.period_start {
        return Err(Error::Usage(format!(
            "as_of {as_of} is before report.period_start {}",
            config.period_start
        )));
    }
    engine::register_period(&ctx, config.period_start, as_of)?;
    let report = report::build(config, &ctx, as_of).await?;
    let dir = report::write_all(&config.reports, folder, &report, formats)?;
    info!(dir = %dir.display(), "report written");
    Ok((report, dir))
}
