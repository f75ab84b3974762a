//! The report as data: metadata (provenance) plus one section per query file.
//! Every renderer (Markdown, JSON, ...) works from this model, never from the engine.

use std::path::Path;

use chrono::NaiveDate;
use datafusion::execution::context::SessionContext;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::query::{self, format::json_array};

pub type Row = Map<String, Value>;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub meta: Meta,
    /// The narrative paragraphs (per commune, then the area), from the template.
    pub narrative: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub area: String,
    pub period_start: NaiveDate,
    pub as_of: NaiveDate,
    pub tool: &'static str,
    pub version: &'static str,
    pub config: String,
    pub inputs: Vec<Input>,
    pub queries: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Input {
    pub commune_code: String,
    pub kind: String,
    pub source_file: String,
    pub sha256: String,
    pub snapshot_date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The query file's stem, e.g. `10_summary`.
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Report {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// Runs every query of `config.queries` over `ctx` (which has `report_period`).
pub async fn build(config: &Config, ctx: &SessionContext, as_of: NaiveDate) -> Result<Report> {
    let queries = query::load(&config.queries)?;
    if queries.is_empty() {
        return Err(Error::File {
            path: config.queries.clone(),
            message: "no .sql files: the report would be empty".into(),
        });
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
        sections.push(Section {
            id: q.id.clone(),
            title: q.title.clone(),
            columns: schema.fields().iter().map(|f| f.name().clone()).collect(),
            rows,
        });
    }
    let inputs_sql = "SELECT commune_code, kind, source_file, sha256, \
                      CAST(snapshot_date AS VARCHAR) AS snapshot_date \
                      FROM files ORDER BY commune_code, kind, source_file";
    let batches = ctx.sql(inputs_sql).await?.collect().await?;
    let inputs: Vec<Input> = serde_json::from_slice(&json_array(&batches)?)
        .map_err(|e| Error::Invariant(format!("files table is not JSON rows: {e}")))?;
    let mut report = Report {
        meta: Meta {
            title: config.title.clone(),
            area: config.area.clone(),
            period_start: config.period_start,
            as_of,
            tool: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            config: file_name(&config.path),
            inputs,
            queries: queries.iter().map(|q| file_name(&q.path)).collect(),
        },
        narrative: Vec::new(),
        sections,
    };
    report.narrative = super::narrative::paragraphs(&report, &config.queries)?;
    Ok(report)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
