//! Runs the report's queries over a warehouse session into a [`Report`], with its
//! provenance and narrative.

use std::path::Path;

use chrono::NaiveDate;
use datafusion::execution::context::SessionContext;

use super::model::{Input, Meta, Provenance, Report, Row, Section, role};
use super::{compare, narrative, templates};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::query::{self, format::json_array};

/// Runs every query of the report (built in, and from the queries folder) over `ctx`
/// (which has `report_period`), and compares the summary with earlier periods over
/// the same warehouse version (`warehouse`, the one `ctx` reads).
pub async fn build(
    config: &Config,
    warehouse: &Path,
    ctx: &SessionContext,
    period_start: NaiveDate,
    as_of: NaiveDate,
) -> Result<Report> {
    let folder = config.queries_folder()?;
    let queries = query::load(folder)?;
    if queries.is_empty() {
        return Err(Error::Invariant(
            "no query files: the report would be empty".into(),
        ));
    }
    let mut sections = Vec::with_capacity(queries.len());
    for q in &queries {
        let batches = query::run(ctx, q).await?;
        let schema = match batches.first() {
            Some(b) => b.schema(),
            None => ctx
                .sql_with_options(&q.sql, crate::engine::read_only())
                .await?
                .schema()
                .inner()
                .clone(),
        };
        let rows: Vec<Row> = serde_json::from_slice(&json_array(&batches)?)
            .map_err(|e| Error::Invariant(format!("{}: result is not JSON rows: {e}", q.id)))?;
        sections.push(Section::new(
            q.id.clone(),
            q.title.clone(),
            q.role.clone(),
            q.sheet.clone(),
            schema.fields().iter().map(|f| f.name().clone()).collect(),
            rows,
        ));
    }
    let summary = queries
        .iter()
        .zip(&sections)
        .find(|(q, _)| q.role.as_deref() == Some(role::SUMMARY));
    if let Some((query, section)) = summary {
        let compared = compare::section(
            config,
            warehouse,
            query,
            section,
            &ctx.runtime_env(),
            period_start,
            as_of,
        )
        .await?;
        let at = sections
            .iter()
            .position(|s| s.id.as_str() > compare::SECTION_ID)
            .unwrap_or(sections.len());
        sections.insert(at, compared);
    }
    let inputs_sql = "SELECT commune_code, kind, source_file, sha256, \
                      CAST(snapshot_date AS VARCHAR) AS snapshot_date \
                      FROM files ORDER BY commune_code, kind, source_file";
    let batches = ctx.sql(inputs_sql).await?.collect().await?;
    let inputs: Vec<Input> = serde_json::from_slice(&json_array(&batches)?)
        .map_err(|e| Error::Invariant(format!("files table is not JSON rows: {e}")))?;
    let narrative_template = templates::load(folder, templates::NARRATIVE)?;
    let html_template = templates::load(folder, templates::HTML)?;
    let recommendations_template = templates::load(folder, templates::RECOMMENDATIONS)?;
    let mut report = Report {
        meta: Meta {
            title: config.title.clone(),
            area: config.area.clone(),
            period_start,
            as_of,
            tool: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            config: file_name(&config.path),
            inputs,
            queries: queries
                .iter()
                .map(|q| Provenance {
                    file: q.file.clone(),
                    origin: q.origin,
                    sha256: crate::text::sha256_hex(&q.sql),
                })
                .collect(),
            templates: [
                &narrative_template,
                &html_template,
                &recommendations_template,
            ]
            .iter()
            .map(|t| Provenance {
                file: t.name.to_string(),
                origin: t.origin,
                sha256: crate::text::sha256_hex(&t.source),
            })
            .collect(),
            document: config.document.clone(),
            edition: None,
            run: None,
        },
        narrative: Vec::new(),
        recommendations: narrative::blocks(
            &recommendations_template,
            minijinja::context! {
                area => &config.area,
                since => super::vn::date(period_start),
                until => super::vn::date(as_of),
            },
        )?,
        sections,
    };
    report.narrative = narrative::paragraphs(&report, &narrative_template)?;
    Ok(report)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
