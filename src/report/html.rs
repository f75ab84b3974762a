//! `report.html`: one self-contained page (inline CSS, the chart as inline SVG,
//! nothing fetched), `lang="vi"`. Every text from data goes through minijinja's
//! auto-escaping; no script carries data.
//!
//! The template is `<queries>/templates/report.html` when that file exists (an
//! analyst may restyle the page), else the built-in one.

use std::path::Path;

use minijinja::{Environment, context};
use serde::Serialize;
use serde_json::Value;

use super::model::Report;
use super::{cells, labels, templates, vn};
use crate::error::{Error, Result};

#[derive(Serialize)]
struct Column {
    label: String,
    numeric: bool,
}

#[derive(Serialize)]
struct HtmlRow {
    cells: Vec<String>,
    total: bool,
}

#[derive(Serialize)]
struct HtmlSection {
    id: String,
    title: String,
    role: Option<String>,
    columns: Vec<Column>,
    rows: Vec<HtmlRow>,
}

pub fn render(report: &Report, folder: Option<&Path>) -> Result<String> {
    let source = templates::load(folder, templates::HTML)?;
    let mut env = Environment::new();
    let template_error = |e: minijinja::Error| Error::File {
        path: source.path.clone(),
        message: crate::tr!("template-error", name = "report.html", cause = e),
    };
    // The name ends in .html, so minijinja escapes every interpolated value.
    env.add_template_owned("report.html", source.source.clone())
        .map_err(template_error)?;
    let sections: Vec<HtmlSection> = report
        .sections
        .iter()
        .map(|s| HtmlSection {
            id: s.id.clone(),
            title: s.title.clone(),
            role: s.role.clone(),
            columns: s
                .columns
                .iter()
                .zip(&s.headings)
                .map(|(c, heading)| Column {
                    label: heading.clone(),
                    numeric: cells::is_numeric(&s.rows, c),
                })
                .collect(),
            rows: s
                .rows
                .iter()
                .map(|r| HtmlRow {
                    cells: s
                        .columns
                        .iter()
                        .map(|c| cells::display(c, r.get(c).unwrap_or(&Value::Null)))
                        .collect(),
                    total: s.columns.iter().any(|c| c == "commune_code")
                        && r.get("commune_code").is_none_or(Value::is_null),
                })
                .collect(),
        })
        .collect();
    let template = env.get_template("report.html").map_err(template_error)?;
    template
        .render(context! {
            meta => &report.meta,
            definition => report.meta.definition(),
            edition => report.meta.edition_line(),
            period_start => vn::date(report.meta.period_start),
            as_of => vn::date(report.meta.as_of),
            paragraphs => &report.narrative,
            chart => super::chart::progress_bars(report),
            monthly => super::chart::monthly_columns(report),
            recommendations => &report.recommendations,
            inputs => report.meta.inputs.iter().map(|i| context! {
                commune_code => &i.commune_code,
                kind => labels::value("kind", &i.kind),
                source_file => &i.source_file,
                snapshot_date => cells::display("snapshot_date", &Value::from(i.snapshot_date.as_str())),
                sha256 => &i.sha256,
            }).collect::<Vec<_>>(),
            sections => sections,
        })
        .map_err(template_error)
}
