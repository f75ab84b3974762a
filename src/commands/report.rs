//! `report`: the report's queries over the current warehouse, published as an
//! edition of its period (`reports/<period_start>_<as_of>`).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;
use tracing::{info, warn};

use crate::config::Config;
use crate::engine;
use crate::error::{Error, ExitStatus, Result};
use crate::query::format::json_array;
use crate::report::{self, Formats, Prepared, Published, Report};
use crate::warehouse::summary::RunSummary;

/// The period asked for on the command line; the config and the data fill the rest.
#[derive(Debug, Clone, Copy, Default)]
pub struct Period {
    pub start: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
}

pub async fn report(
    config: &Config,
    period: Period,
    formats: &[String],
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let formats = Formats::parse(formats)?;
    let built = prepare(config, period, formats, &config.warehouse, None).await?;
    let published = commit(built.prepared)?;
    writeln!(
        out,
        "{}",
        crate::tr!("summary-report", dir = published.dir.display())
    )
    .map_err(|e| Error::io(crate::tr!("io-summary"), e))?;
    Ok(built.status)
}

/// A report written aside, ready to publish, and its verdict (exit 3 when a
/// commune's data is older than `quality.max_data_age_days` allows).
pub struct Built {
    pub report: Report,
    pub prepared: Prepared,
    pub status: ExitStatus,
}

/// Shared with `run`: resolves the period, runs the queries over the warehouse
/// version at `warehouse` (the link, or a version `run` has not published yet) and
/// writes the report aside; `run` is what the run publishing it changed.
pub async fn prepare(
    config: &Config,
    period: Period,
    formats: Formats,
    warehouse: &Path,
    run: Option<RunSummary>,
) -> Result<Built> {
    let folder = config.queries_folder()?;
    // One version for the report and its comparisons, whatever a run publishes.
    let lease = engine::pin(warehouse)?;
    let warehouse = lease.version();
    let ctx = engine::session_at(config, warehouse).await?;
    let start = period.start.unwrap_or(config.period_start);
    let as_of = match period.as_of.or(config.as_of) {
        Some(d) => d,
        None => engine::newest_snapshot(&ctx)
            .await?
            .ok_or_else(|| Error::Usage(crate::tr!("report-no-as-of")))?,
    };
    if as_of < start {
        return Err(Error::Usage(crate::tr!(
            "report-as-of-before-start",
            as_of = as_of,
            start = start
        )));
    }
    engine::register_period(&ctx, start, as_of).await?;
    let status = check_data_dates(config, &ctx, start, as_of).await?;
    let mut report = report::build(config, warehouse, &ctx, start, as_of).await?;
    report.meta.run = run;
    let prepared = report::prepare(&config.reports, folder, &mut report, formats)?;
    Ok(Built {
        report,
        prepared,
        status,
    })
}

/// Publishes a prepared report.
pub fn commit(prepared: Prepared) -> Result<Published> {
    let published = prepared.commit()?;
    if published.new_edition {
        info!(dir = %published.dir.display(), edition = published.edition, "{}", crate::tr!("info-report-published"));
    } else {
        info!(
            dir = %published.dir.display(),
            edition = published.edition,
            "{}",
            crate::tr!("info-same-edition")
        );
    }
    Ok(published)
}

/// Warns where figures are not true at as_of itself: a commune whose newest export is
/// older (its data date), an as_of after every commune's data, a period with no
/// dossier at all. Exit 3 when a commune lags more than `quality.max_data_age_days`.
async fn check_data_dates(
    config: &Config,
    ctx: &datafusion::execution::context::SessionContext,
    start: NaiveDate,
    as_of: NaiveDate,
) -> Result<ExitStatus> {
    let rows = rows(
        ctx,
        "SELECT c.commune_code, c.commune, CAST(d.data_date AS VARCHAR) AS data_date \
         FROM communes c JOIN data_dates d ON d.commune_code = c.commune_code \
         ORDER BY c.position",
    )
    .await?;
    let mut status = ExitStatus::Success;
    let mut stale = 0;
    for row in &rows {
        let Some(date) = row["data_date"]
            .as_str()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        if date >= as_of {
            continue;
        }
        stale += 1;
        let name = row["commune"].as_str().unwrap_or("");
        let age = (as_of - date).num_days();
        if date < start {
            warn!(
                commune = row["commune_code"].as_str().unwrap_or(""),
                data_date = %date,
                "{}",
                crate::tr!("warn-before-period", name = name, date = date, start = start)
            );
        }
        warn!(
            commune = row["commune_code"].as_str().unwrap_or(""),
            data_date = %date,
            "{}",
            crate::tr!("warn-stale", name = name, date = date, age = age, as_of = as_of)
        );
        if let Some(max) = config.max_data_age_days
            && age > i64::from(max)
        {
            warn!(
                "{}",
                crate::tr!("warn-too-old", name = name, age = age, max = max)
            );
            status = ExitStatus::QualityThreshold;
        }
    }
    if !rows.is_empty() && stale == rows.len() {
        warn!("{}", crate::tr!("warn-as-of-past", as_of = as_of));
    }
    let received = rows_count(
        ctx,
        "SELECT count(*) AS n FROM dossiers_as_of \
         WHERE received_date BETWEEN period_start() AND as_of()",
    )
    .await?;
    if received == 0 {
        warn!(
            "{}",
            crate::tr!("warn-empty-period", start = start, as_of = as_of)
        );
    }
    Ok(status)
}

async fn rows(
    ctx: &datafusion::execution::context::SessionContext,
    sql: &str,
) -> Result<Vec<Value>> {
    let batches = ctx.sql(sql).await?.collect().await?;
    serde_json::from_slice(&json_array(&batches)?)
        .map_err(|e| Error::Invariant(format!("{sql}: not JSON rows: {e}")))
}

async fn rows_count(
    ctx: &datafusion::execution::context::SessionContext,
    sql: &str,
) -> Result<i64> {
    Ok(rows(ctx, sql)
        .await?
        .first()
        .and_then(|r| r["n"].as_i64())
        .unwrap_or(0))
}
